import { t } from '../i18n.js';
import { api } from '../api.js';
import { h, mount, form, crumbs } from '../ui.js';
import { canEdit } from './orgs.js';

export const SITE_KINDS = ['ESTATE', 'SHOP', 'BRANCH', 'BUS_LINE', 'HOMESTAY', 'CARE_HOME', 'PARK', 'OTHER'];

export async function render(ctx, [orgId]) {
  const [org, sites] = await Promise.all([api('GET', `/api/v1/organizations/${orgId}`),
    api('GET', `/api/v1/organizations/${orgId}/sites`)]);
  mount(crumbs({ href: '#/', label: t('nav.home') }, { href: '#/orgs', label: t('orgs.title') }, { label: org.name }),
    h('h1', {}, org.name),
    org.nameEn ? h('p', { class: 'muted' }, org.nameEn) : null,
    h('p', { class: 'small muted' }, [org.contact, org.phone].filter(Boolean).join(' · ')),
    h('h2', {}, t('sites.title')),
    sites.length ? h('ul', { class: 'list', id: 'site-list' }, sites.map((s) => h('li', {},
      h('div', { class: 'main' }, h('a', { href: `#/orgs/${orgId}/sites/${s.id}` }, h('strong', {}, s.name)),
        ' ', h('span', { class: 'tag' }, t(`kind.${s.kind}`)),
        s.address ? h('div', { class: 'muted small' }, s.address) : null))))
      : h('p', { class: 'muted' }, t('common.none')),
    canEdit(ctx.me) ? h('details', { class: 'card' }, h('summary', {}, t('sites.new')), form({
      id: 'new-site',
      fields: [
        { name: 'name', label: t('sites.name'), required: true },
        { name: 'nameEn', label: t('sites.nameEn') },
        { name: 'kind', label: t('sites.kind'), type: 'select', required: true, options: SITE_KINDS.map((k) => [k, t(`kind.${k}`)]) },
        { name: 'address', label: t('sites.address') },
        { name: 'latitude', label: t('sites.latitude'), type: 'number', step: 'any', inputmode: 'decimal' },
        { name: 'longitude', label: t('sites.longitude'), type: 'number', step: 'any', inputmode: 'decimal' },
      ],
      submitLabel: t('common.create'),
      async submit(v) {
        const s = await api('POST', `/api/v1/organizations/${orgId}/sites`, v);
        ctx.go(`/orgs/${orgId}/sites/${s.id}`);
      },
    })) : null);
}
