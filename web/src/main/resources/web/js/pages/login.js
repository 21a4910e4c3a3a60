import { t } from '../i18n.js';
import { api } from '../api.js';
import { h, mount, form } from '../ui.js';

export function render(ctx) {
  mount(
    h('h1', {}, t('login.title')),
    h('p', { class: 'muted' }, t('login.intro')),
    h('div', { class: 'card' }, form({
      id: 'login-form',
      fields: [
        { name: 'username', label: t('login.username'), required: true, autocomplete: 'username' },
        { name: 'password', label: t('login.password'), type: 'password', required: true, autocomplete: 'current-password' },
      ],
      submitLabel: t('login.submit'),
      async submit(v) {
        ctx.me = await api('POST', '/api/v1/session', { username: v.username || '', password: v.password || '' });
        await ctx.refreshMe();
        ctx.go('/');
      },
    })),
  );
}
