import { t } from '../i18n.js';
import { api } from '../api.js';
import { h, mount, form, crumbs, alertBox } from '../ui.js';
import { canEdit } from './orgs.js';

const KINDS = ['BUILDING', 'STAIRWELL', 'COUNTER', 'ENTRANCE', 'FLOOR', 'STOP', 'AREA', 'OTHER'];

function tree(locations) {
  const children = new Map();
  for (const l of locations) {
    const key = l.parentId ?? 0;
    if (!children.has(key)) children.set(key, []);
    children.get(key).push(l);
  }
  const branch = (parent) => (children.get(parent) || []).map((l) => h('li', { 'data-code': l.code },
    h('span', { class: 'tag' }, t(`lockind.${l.kind}`)), h('strong', {}, l.name), ' ',
    h('span', { class: 'muted small' }, `#${l.code}`, l.households != null ? ` · ${l.households} ${t('locations.households')}` : ''),
    children.has(l.id) ? h('ul', {}, branch(l.id)) : null));
  return h('ul', { class: 'tree', id: 'location-tree' }, branch(0));
}

export async function render(ctx, [orgId, siteId]) {
  const base = `/api/v1/organizations/${orgId}/sites/${siteId}`;
  const [org, site, locations] = await Promise.all([api('GET', `/api/v1/organizations/${orgId}`), api('GET', base),
    api('GET', `${base}/locations`)]);
  const notice = h('div', { 'aria-live': 'polite' });
  const rerender = () => render(ctx, [orgId, siteId]);
  const kindOptions = KINDS.map((k) => [k, t(`lockind.${k}`)]);
  const editing = canEdit(ctx.me) ? [
    h('details', { class: 'card' }, h('summary', {}, t('locations.bulk')),
      h('p', { class: 'muted small' }, t('locations.bulk.intro')), form({
        id: 'bulk-locations',
        fields: [
          { name: 'kind', label: t('locations.kind'), type: 'select', options: kindOptions, value: 'BUILDING', required: true },
          { name: 'from', label: t('locations.from'), type: 'number', inputmode: 'numeric', value: 1, required: true },
          { name: 'to', label: t('locations.to'), type: 'number', inputmode: 'numeric', required: true },
          { name: 'nameTemplate', label: t('locations.nameTemplate'), hint: t('locations.nameTemplate.hint'), required: true,
            value: t('lockind.BUILDING') + ' {n}' },
          { name: 'childKind', label: t('locations.childKind'), type: 'select',
            options: [['', t('locations.childKind.none')], ...kindOptions], value: 'STAIRWELL' },
          { name: 'labels', label: t('locations.childLabels'), hint: t('locations.childLabels.hint'), value: 'A, B' },
          { name: 'childTemplate', label: t('locations.childTemplate'), hint: t('locations.childTemplate.hint'),
            value: '{parent} {label}' },
        ],
        submitLabel: t('common.create'),
        async submit(v) {
          const children = v.childKind ? { kind: v.childKind, nameTemplate: v.childTemplate || '',
            labels: (v.labels || '').split(/[,，、\s]+/).filter(Boolean) } : null;
          const created = await api('POST', `${base}/locations/bulk`, { kind: v.kind, from: v.from, to: v.to,
            nameTemplate: v.nameTemplate, children }).catch((e) => {
            // The planner names nested fields children.*; show them against this form's flat fields.
            e.problem.errors = e.problem.errors.map((x) => ({ ...x, field: {
              'children.labels': 'labels', 'children.nameTemplate': 'childTemplate', 'children.kind': 'childKind',
              codeTemplate: 'nameTemplate' }[x.field] || x.field }));
            throw e;
          });
          await rerender();
          document.querySelector('#main [aria-live]')?.replaceChildren(alertBox('good', t('locations.created', created.length)));
        },
      })),
    h('details', { class: 'card' }, h('summary', {}, t('locations.new')), form({
      id: 'new-location',
      fields: [
        { name: 'kind', label: t('locations.kind'), type: 'select', options: kindOptions, required: true },
        { name: 'code', label: t('locations.code'), required: true },
        { name: 'name', label: t('locations.name'), required: true },
        { name: 'parentId', label: t('locations.parent'), type: 'select',
          options: [['', t('locations.parent.none')], ...locations.map((l) => [l.id, l.name])] },
        { name: 'households', label: t('locations.households'), type: 'number', inputmode: 'numeric' },
      ],
      submitLabel: t('common.create'),
      async submit(v) {
        await api('POST', `${base}/locations`, { ...v, parentId: v.parentId === null ? null : Number(v.parentId) });
        await rerender();
      },
    })),
  ] : [];
  mount(crumbs({ href: '#/', label: t('nav.home') }, { href: '#/orgs', label: t('orgs.title') },
    { href: `#/orgs/${orgId}`, label: org.name }, { label: site.name }),
  h('h1', {}, site.name), h('p', { class: 'muted' }, t(`kind.${site.kind}`), site.address ? ` · ${site.address}` : ''),
  notice, h('h2', {}, t('locations.title')), h('p', { class: 'muted small' }, t('locations.count', locations.length)),
  locations.length ? tree(locations) : h('p', { class: 'muted' }, t('common.none')), ...editing);
}
