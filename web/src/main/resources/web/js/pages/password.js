import { t } from '../i18n.js';
import { api } from '../api.js';
import { h, mount, form, alertBox } from '../ui.js';

export function render(ctx) {
  const done = h('div', { 'aria-live': 'polite' });
  mount(
    h('h1', {}, t('password.title')),
    ctx.me.mustChangePassword ? alertBox('bad', t('password.forced')) : null,
    done,
    h('div', { class: 'card' }, form({
      fields: [
        { name: 'currentPassword', label: t('password.current'), type: 'password', required: true, autocomplete: 'current-password' },
        { name: 'newPassword', label: t('password.new'), type: 'password', required: true, autocomplete: 'new-password', hint: t('password.new.hint') },
        { name: 'repeat', label: t('password.repeat'), type: 'password', required: true, autocomplete: 'new-password' },
      ],
      submitLabel: t('common.save'),
      async submit(v, f) {
        if (v.newPassword !== v.repeat) {
          f.showErrors([{ field: 'repeat', message: t('password.mismatch') }]);
          return;
        }
        await api('POST', '/api/v1/me/password', { currentPassword: v.currentPassword || '', newPassword: v.newPassword || '' });
        await ctx.refreshMe();
        done.replaceChildren(alertBox('good', t('password.changed'), ' ', h('a', { href: '#/' }, t('nav.home'))));
        mount(h('h1', {}, t('password.title')), done);
      },
    })),
  );
}
