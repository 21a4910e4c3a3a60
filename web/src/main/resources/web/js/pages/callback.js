// One call-back as the verifier works it: reveal the number (logged), call, follow the script, record the outcome.
import { t, language } from '../i18n.js';
import { api } from '../api.js';
import { h, mount, crumbs, alertBox, errorText, form } from '../ui.js';
import { timeElement } from '../time.js';
import { outcomeTag, itemCampaign } from './callbacks.js';

const LIKERT = { 1: 'callback.answer.1', 2: 'callback.answer.2', 3: 'callback.answer.3', 4: 'callback.answer.4', 5: 'callback.answer.5' };

export async function render(ctx, [itemId]) {
  const d = await api('GET', `/api/v1/callbacks/items/${itemId}`);
  const it = d.item;
  // The API leaves out empty lists.
  const attempts = d.attempts;
  const script = d.script;
  const base = `/api/v1/callbacks/items/${itemId}`;
  const notice = h('div', { 'aria-live': 'polite' });
  const text = (q) => (language() === 'en' ? q.textEn : q.textZh);
  const phone = h('p', { id: 'phone', class: 'phone' }, it.maskedPhone || t('callback.purged'));
  const record = async (outcome, extra = {}) => {
    await api('POST', `${base}/attempts`, { outcome, ...extra });
    ctx.go('/callbacks');
  };
  const button = (outcome, cls) => h('button', { type: 'button', class: cls, id: `outcome-${outcome}`, onclick: async (ev) => {
    ev.target.disabled = true;
    try { await record(outcome); } catch (e) { notice.replaceChildren(alertBox('bad', errorText(e))); ev.target.disabled = false; }
  } }, t(`callback.record.${outcome}`));
  mount(crumbs({ href: '#/', label: t('nav.home') }, { href: '#/callbacks', label: t('callback.queue') }, { label: it.locationName }),
    h('h1', {}, it.locationName),
    h('p', { class: 'small muted' }, itemCampaign(it), ' · ', outcomeTag(it)),
    notice,
    h('div', { class: 'card' }, phone, it.phonePurged ? null : h('button', { type: 'button', id: 'reveal', onclick: async (ev) => {
      try {
        const r = await api('POST', `${base}/reveal`);
        phone.replaceChildren(h('a', { id: 'tel', class: 'button', href: r.tel }, t('callback.call', r.phone)));
        ev.target.remove();
      } catch (e) { notice.replaceChildren(alertBox('bad', errorText(e))); }
    } }, t('callback.reveal')), h('p', { class: 'small muted' }, t('callback.revealLogged'))),
    h('div', { class: 'card', id: 'script' }, h('h2', {}, t('callback.script')),
      h('ol', {}, h('li', {}, t('callback.script.intro', itemCampaign(it))), h('li', {}, t('callback.script.tookPart')),
        script.map((q) => h('li', {}, t('callback.script.answer', text(q), t(LIKERT[q.answer]))))),
      h('p', { class: 'small muted' }, t('callback.script.privacy'))),
    it.outcome ? h('p', {}, t('callback.finished', t(`callback.outcome.${it.outcome}`)))
      : h('div', { class: 'card' }, h('h2', {}, t('callback.outcome')),
        h('div', { class: 'row' }, button('CONFIRMED'), button('DENIED', 'danger'), button('UNREACHABLE', 'secondary')),
        h('p', { class: 'small muted' }, t('callback.attemptsLeft', it.failedAttempts, d.attemptsBeforeUnreachable)),
        h('details', {}, h('summary', {}, t('callback.record.DIFFERS')), form({
          fields: [{ name: 'questionId', label: t('callback.whichQuestion'), type: 'select', required: true,
            options: [['', '—'], ...d.questions.map((q) => [q.questionId, text(q)])] },
          { name: 'note', label: t('callback.note'), type: 'textarea' }],
          submitLabel: t('callback.record.DIFFERS'),
          submit: (v) => record('DIFFERS', { questionId: v.questionId ? Number(v.questionId) : null, note: v.note }),
        }))),
    attempts.length ? [h('h2', {}, t('callback.attempts')), h('ul', { class: 'list', id: 'attempts' }, attempts.map((a) =>
      h('li', {}, timeElement(a.at), ' · ', t(`callback.outcome.${a.outcome}`), a.note ? ` · ${a.note}` : '')))] : null);
}
