// The verifier's call-back queue (phone first): progress, "take next", and the items assigned to me.
import { t, language } from '../i18n.js';
import { api } from '../api.js';
import { h, mount, crumbs, alertBox, errorText } from '../ui.js';

export const outcomeTag = (item) => h('span', { class: `tag${item.outcome ? ' off' : ''}` },
  t(`callback.outcome.${item.outcome || 'PENDING'}`));
/**
 * Asks before an irreversible step, in the page (a <dialog>, so it also shows on screenshots and works without
 * native pop-ups). With {@code reasonLabel} the user must also type a reason. Resolves to {reason} or null (cancelled).
 */
export function ask({ message, confirmLabel, reasonLabel = null, danger = false }) {
  return new Promise((resolve) => {
    const reason = reasonLabel ? h('textarea', { id: 'ask-reason', rows: 3, maxlength: 500 }) : null;
    const err = h('p', { class: 'error', hidden: true }, t('ask.reasonRequired'));
    const dialog = h('dialog', { id: 'ask', class: 'card', 'aria-labelledby': 'ask-message',
      style: 'max-width:min(92vw,480px);margin:auto;border:1px solid #999' });
    const close = (value) => { dialog.close(); dialog.remove(); resolve(value); };
    dialog.append(...[h('p', { id: 'ask-message' }, message),
      reason ? h('div', { class: 'field' }, h('label', { for: 'ask-reason' }, reasonLabel), reason, err) : null,
      h('div', { class: 'row' },
        h('button', { type: 'button', id: 'ask-confirm', class: danger ? 'danger' : null, onclick: () => {
          const text = reason ? reason.value.trim() : '';
          if (reason && !text) { err.hidden = false; reason.setAttribute('aria-invalid', 'true'); reason.focus(); return; }
          close({ reason: text || null });
        } }, confirmLabel),
        h('button', { type: 'button', id: 'ask-cancel', class: 'secondary', onclick: () => close(null) }, t('common.cancel')))]
      .filter(Boolean));
    dialog.addEventListener('cancel', (ev) => { ev.preventDefault(); close(null); });
    document.body.append(dialog);
    dialog.showModal();
    (reason || dialog.querySelector('#ask-cancel')).focus();
  });
}

export const itemCampaign = (item) => (language() === 'en' && item.campaignTitleEn ? item.campaignTitleEn : item.campaignTitleZh);

export async function render(ctx) {
  const q = await api('GET', '/api/v1/callbacks/queue');
  const items = q.items;
  const notice = h('div', { 'aria-live': 'polite' });
  const verifier = ctx.me.roles.includes('VERIFIER');
  mount(crumbs({ href: '#/', label: t('nav.home') }, { label: t('callback.queue') }),
    h('h1', {}, t('callback.queue')),
    h('p', { id: 'callback-progress' }, t('callback.progress', q.done, q.mine), ' · ', t('callback.unassigned', q.unassigned)),
    h('progress', { max: Math.max(q.mine, 1), value: q.done, 'aria-hidden': 'true', style: 'width:100%' }),
    notice,
    verifier && q.unassigned > 0 ? h('p', {}, h('button', { type: 'button', id: 'take-next', onclick: async () => {
      try {
        const item = await api('POST', '/api/v1/callbacks/next');
        ctx.go(`/callbacks/${item.id}`);
      } catch (e) { notice.replaceChildren(alertBox('bad', errorText(e))); }
    } }, t('callback.takeNext'))) : null,
    items.length ? h('ul', { class: 'list', id: 'callback-list' }, items.map((it) => h('li', { 'data-item': it.id },
      h('div', { class: 'main' }, h('a', { href: `#/callbacks/${it.id}` }, h('strong', {}, it.locationName)), ' ',
        outcomeTag(it), h('br'), h('span', { class: 'small muted' }, itemCampaign(it)), h('br'),
        it.maskedPhone || t('callback.purged'),
        it.failedAttempts ? h('span', { class: 'small muted' }, ` · ${t('callback.failed', it.failedAttempts)}`) : null))))
      : h('p', { class: 'muted' }, t('callback.none')));
}
