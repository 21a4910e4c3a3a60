import { t } from '../i18n.js';
import { api } from '../api.js';
import { h, mount, form, alertBox, errorText, crumbs } from '../ui.js';

const ROLES = ['ADMIN', 'LEAD', 'AUDITOR', 'SHOPPER', 'VERIFIER', 'CLIENT'];

/**
 * A password the server just set, with a copy button and the warning that it is never shown again: the server
 * keeps only its hash. The notice lives outside the list, so refreshing the list does not take it away.
 */
function secretNotice(text, password) {
  const secret = h('span', { class: 'secret', 'data-testid': 'one-time-password' }, password);
  const copied = h('span', { class: 'small', 'aria-live': 'polite' });
  async function copy() {
    try {
      await navigator.clipboard.writeText(password);
      copied.textContent = ` ${t('users.copied')}`;
    } catch (e) {
      // No clipboard outside a secure context: select the text so that the admin copies it by hand.
      const range = document.createRange();
      range.selectNodeContents(secret);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      copied.textContent = ` ${t('users.copyByHand')}`;
    }
  }
  return alertBox('good', h('p', {}, text), h('p', {}, secret, ' ',
    h('button', { type: 'button', class: 'secondary', id: 'copy-password', onclick: copy }, t('users.copy')), copied),
  h('p', { class: 'small' }, t('users.shownOnce')));
}

export async function render(ctx) {
  const [users, orgs] = await Promise.all([api('GET', '/api/v1/users'), api('GET', '/api/v1/organizations')]);
  const notice = h('div', { 'aria-live': 'polite', id: 'users-notice' });
  const passwordNotice = h('div', { 'aria-live': 'polite', id: 'password-notice' });
  const list = h('ul', { class: 'list', id: 'user-list' });
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const orgOptions = [['', '—'], ...orgs.map((o) => [o.id, o.name])];

  function row(u) {
    const act = async (fn) => {
      try { await fn(); } catch (e) { notice.replaceChildren(alertBox('bad', errorText(e))); }
    };
    const edit = form({
      id: `edit-user-${u.id}`,
      fields: [
        { name: 'roles', label: t('users.roles'), type: 'checkboxes', value: u.roles,
          options: ROLES.map((r) => [r, t(`role.${r}`)]) },
        { name: 'organizationId', label: t('users.organization'), type: 'select', hint: t('users.organization.hint'),
          value: u.organizationId ?? '', options: orgOptions },
      ],
      submitLabel: t('common.save'),
      async submit(v) {
        const body = { roles: v.roles };
        if (v.organizationId !== null) body.organizationId = Number(v.organizationId);
        await api('PATCH', `/api/v1/users/${u.id}`, body);
        // The user's sessions end with a change of roles (the next login carries the new ones): our own too.
        if (u.id === ctx.me.id) { await ctx.refreshMe(); if (!ctx.me) return; }
        notice.replaceChildren(alertBox('good', t('users.rolesSaved', u.username)));
        await refresh();
        notice.scrollIntoView?.({ block: 'nearest' });
      },
    });
    edit.classList.add('edit-user');
    return h('li', { 'data-user': u.id },
      h('div', { class: 'main' }, h('strong', {}, u.username), ' · ', u.displayName, h('br'),
        u.roles.map((r) => h('span', { class: 'tag' }, t(`role.${r}`))),
        u.organizationId != null && orgName.has(u.organizationId)
          ? h('span', { class: 'muted small' }, ` ${orgName.get(u.organizationId)}`) : null,
        u.enabled ? null : h('span', { class: 'tag off' }, t('users.disabled')),
        u.mustChangePassword ? h('span', { class: 'tag off' }, t('users.mustChange')) : null,
        h('details', {}, h('summary', {}, t('users.editRoles')),
          h('p', { class: 'hint' }, t('users.rolesHint')), edit)),
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'secondary reset-password', onclick: () => act(async () => {
          // The old password stops working at once and every session of the user ends: ask first.
          if (!window.confirm(t('users.resetConfirm', u.username))) return;
          const r = await api('POST', `/api/v1/users/${u.id}/password-reset`);
          notice.replaceChildren();
          passwordNotice.replaceChildren(secretNotice(t('users.resetDone', u.username), r.password));
          await refresh();
          passwordNotice.scrollIntoView?.({ block: 'nearest' });
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
        options: orgOptions },
      { name: 'password', label: t('users.password'), type: 'password', hint: t('users.password.hint'), autocomplete: 'new-password' },
    ],
    submitLabel: t('common.create'),
    async submit(v) {
      const r = await api('POST', '/api/v1/users', {
        username: v.username, displayName: v.displayName, roles: v.roles,
        organizationId: v.organizationId === null ? null : Number(v.organizationId), password: v.password });
      notice.replaceChildren();
      passwordNotice.replaceChildren(secretNotice(t('users.created', r.user.username), r.password));
      create.reset();
      await refresh();
    },
  });

  mount(crumbs({ href: '#/', label: t('nav.home') }, { label: t('users.title') }),
    h('h1', {}, t('users.title')), passwordNotice, notice, list,
    h('details', { class: 'card' }, h('summary', {}, t('users.new')), create));
}
