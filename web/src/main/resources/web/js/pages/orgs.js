import { t } from '../i18n.js';
import { api } from '../api.js';
import { h, mount, form, crumbs } from '../ui.js';

export const canEdit = (me) => me.roles.includes('ADMIN') || me.roles.includes('LEAD');

export async function render(ctx) {
  const orgs = await api('GET', '/api/v1/organizations');
  if (orgs.length === 1 && !canEdit(ctx.me) && ctx.me.roles.includes('CLIENT')) {
    ctx.go(`/orgs/${orgs[0].id}`);
    return;
  }
  mount(crumbs({ href: '#/', label: t('nav.home') }, { label: t('orgs.title') }),
    h('h1', {}, t('orgs.title')),
    orgs.length ? h('ul', { class: 'list', id: 'org-list' }, orgs.map((o) => h('li', {},
      h('div', { class: 'main' }, h('a', { href: `#/orgs/${o.id}` }, h('strong', {}, o.name)),
        o.nameEn ? h('div', { class: 'muted small' }, o.nameEn) : null))))
      : h('p', { class: 'muted' }, t('common.none')),
    canEdit(ctx.me) ? h('details', { class: 'card' }, h('summary', {}, t('orgs.new')), form({
      id: 'new-org',
      fields: [
        { name: 'name', label: t('orgs.name'), required: true },
        { name: 'nameEn', label: t('orgs.nameEn') },
        { name: 'creditCode', label: t('orgs.creditCode') },
        { name: 'contact', label: t('orgs.contact') },
        { name: 'phone', label: t('orgs.phone'), inputmode: 'tel' },
      ],
      submitLabel: t('common.create'),
      async submit(v) {
        const o = await api('POST', '/api/v1/organizations', v);
        ctx.go(`/orgs/${o.id}`);
      },
    })) : null);
}
