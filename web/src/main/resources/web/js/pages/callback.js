// One call-back as the verifier works it: reveal the number (logged), call, follow the script, record the outcome.
import { t, language } from '../i18n.js';
import { api } from '../api.js';
import { h, mount, crumbs, alertBox, errorText, form } from '../ui.js';
import { timeElement } from '../time.js';
import { outcomeTag, itemCampaign, ask } from './callbacks.js';

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
  // The server takes an outcome only after this user showed the number (logged) or with the reason why not.
  let revealed = d.revealedByMe;
  const noRevealReason = h('textarea', { id: 'no-reveal-reason', rows: 2, maxlength: 500 });
  const noRevealField = h('div', { class: 'field', id: 'no-reveal' },
    h('label', { for: 'no-reveal-reason' }, t('callback.noReveal')), noRevealReason,
    h('p', { class: 'hint' }, t('callback.noReveal.hint')));
  noRevealField.hidden = revealed;
  const record = async (outcome, extra = {}) => {
    const why = noRevealReason.value.trim();
    if (!revealed && !why) {
      noRevealField.hidden = false;
      noRevealReason.setAttribute('aria-invalid', 'true');
      noRevealReason.focus();
      notice.replaceChildren(alertBox('bad', t('callback.noReveal.needed')));
      return;
    }
    await api('POST', `${base}/attempts`, { outcome, ...extra, noRevealReason: revealed ? null : why });
    ctx.go('/callbacks');
  };
  const button = (outcome, cls) => h('button', { type: 'button', class: cls, id: `outcome-${outcome}`, onclick: async (ev) => {
    // A denial takes the response out of every result: ask first.
    if (outcome === 'DENIED' && !(await ask({ message: t('callback.deny.confirm'), confirmLabel: t('callback.deny.yes'), danger: true }))) return;
    ev.target.disabled = true;
    try { await record(outcome); } catch (e) { notice.replaceChildren(alertBox('bad', errorText(e))); } finally { ev.target.disabled = false; }
  } }, t(`callback.record.${outcome}`));
  const undo = it.outcome === 'DENIED' ? h('div', { class: 'card', id: 'undo-denial' },
    h('p', {}, t('callback.undo.text')),
    form({ id: 'undo-form', fields: [{ name: 'reason', label: t('callback.undo.reason'), type: 'textarea', required: true }],
      submitLabel: t('callback.undo'),
      async submit(v) {
        await api('POST', `${base}/denial-undo`, { reason: v.reason });
        await render(ctx, [itemId]);
        document.querySelector('#main [aria-live]').replaceChildren(alertBox('good', t('callback.undone')));
      } })) : null;
  mount(crumbs({ href: '#/', label: t('nav.home') }, { href: '#/callbacks', label: t('callback.queue') }, { label: it.locationName }),
    h('h1', {}, it.locationName),
    h('p', { class: 'small muted' }, itemCampaign(it), ' · ', outcomeTag(it)),
    notice,
    h('div', { class: 'card' }, phone, it.phonePurged || revealed ? null : h('button', { type: 'button', id: 'reveal', onclick: async (ev) => {
      try {
        const r = await api('POST', `${base}/reveal`);
        phone.replaceChildren(h('a', { id: 'tel', class: 'button', href: r.tel }, t('callback.call', r.phone)));
        revealed = true;
        noRevealField.hidden = true;
        notice.replaceChildren();
        ev.target.remove();
      } catch (e) { notice.replaceChildren(alertBox('bad', errorText(e))); }
    } }, t('callback.reveal')), revealed && !it.phonePurged ? h('p', { class: 'small' }, t('callback.revealedBefore')) : null,
    h('p', { class: 'small muted' }, t('callback.revealLogged'))),
    h('div', { class: 'card', id: 'script' }, h('h2', {}, t('callback.script')),
      h('ol', {}, h('li', {}, t('callback.script.introBody', d.certificationBody, itemCampaign(it))), h('li', {}, t('callback.script.tookPart')),
        script.map((q) => h('li', {}, t('callback.script.answer', text(q), t(LIKERT[q.answer]))))),
      h('p', { class: 'small muted' }, t('callback.script.privacy'))),
    it.outcome ? [h('p', {}, t('callback.finished', t(`callback.outcome.${it.outcome}`))), undo]
      : h('div', { class: 'card' }, h('h2', {}, t('callback.outcome')), noRevealField,
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
      h('li', {}, timeElement(a.at), ' · ', t(`callback.outcome.${a.outcome}`), a.note ? ` · ${a.note}` : '',
        a.noRevealReason ? ` · ${t('callback.noReveal.recorded', a.noRevealReason)}` : '')))] : null);
}
