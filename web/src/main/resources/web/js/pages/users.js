import { t } from '../i18n.js';
import { api } from '../api.js';
import { h, mount, form, alertBox, errorText, crumbs } from '../ui.js';

const ROLES = ['ADMIN', 'LEAD', 'AUDITOR', 'SHOPPER', 'VERIFIER', 'CLIENT'];

function secretNotice(text, password) {
  return alertBox('good', text, ' ', h('span', { class: 'secret', 'data-testid': 'one-time-password' }, password));
}

export async function render(ctx) {
  const [users, orgs] = await Promise.all([api('GET', '/api/v1/users'), api('GET', '/api/v1/organizations')]);
  const notice = h('div', { 'aria-live': 'polite' });
  const list = h('ul', { class: 'list', id: 'user-list' });

  function row(u) {
    const act = async (fn) => {
      try { await fn(); } catch (e) { notice.replaceChildren(alertBox('bad', errorText(e))); }
    };
    return h('li', {},
      h('div', { class: 'main' }, h('strong', {}, u.username), ' · ', u.displayName, h('br'),
        u.roles.map((r) => h('span', { class: 'tag' }, t(`role.${r}`))),
        u.enabled ? null : h('span', { class: 'tag off' }, t('users.disabled')),
        u.mustChangePassword ? h('span', { class: 'tag off' }, t('users.mustChange')) : null),
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'secondary', onclick: () => act(async () => {
          const r = await api('POST', `/api/v1/users/${u.id}/password-reset`);
          notice.replaceChildren(secretNotice(t('users.resetDone', u.username), r.password));
          render(ctx).then(() => null);
        }) }, t('users.reset')),
        u.id === ctx.me.id ? null : h('button', { type: 'button', class: u.enabled ? 'danger' : 'secondary',
          onclick: () => act(async () => {
            await api('PATCH', `/api/v1/users/${u.id}`, { enabled: !u.enabled });
            await refresh();
          }) }, u.enabled ? t('users.disable') : t('users.enable'))));
  }
  async function refresh() {
    list.replaceChildren(...(await api('GET', '/api/v1/users')).map(row));
  }
  list.replaceChildren(...users.map(row));

  const create = form({
    id: 'new-user',
    fields: [
      { name: 'username', label: t('users.username'), required: true, hint: t('users.username.hint') },
      { name: 'displayName', label: t('users.displayName'), required: true },
      { name: 'roles', label: t('users.roles'), type: 'checkboxes', options: ROLES.map((r) => [r, t(`role.${r}`)]) },
      { name: 'organizationId', label: t('users.organization'), type: 'select', hint: t('users.organization.hint'),
        options: [['', '—'], ...orgs.map((o) => [o.id, o.name])] },
      { name: 'password', label: t('users.password'), type: 'password', hint: t('users.password.hint'), autocomplete: 'new-password' },
    ],
    submitLabel: t('common.create'),
    async submit(v) {
      const r = await api('POST', '/api/v1/users', {
        username: v.username, displayName: v.displayName, roles: v.roles,
        organizationId: v.organizationId === null ? null : Number(v.organizationId), password: v.password });
      notice.replaceChildren(secretNotice(t('users.created', r.user.username), r.password));
      create.reset();
      await refresh();
    },
  });

  mount(crumbs({ href: '#/', label: t('nav.home') }, { label: t('users.title') }),
    h('h1', {}, t('users.title')), notice, list,
    h('details', { class: 'card' }, h('summary', {}, t('users.new')), create));
}
