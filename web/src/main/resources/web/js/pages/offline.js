// Face-to-face entry that survives a dropped network: every saved answer sheet goes into an outbox in
// localStorage with a client-generated submission id, and is uploaded until the server acknowledges it.
// The server treats a repeated id as the same sheet, so retries never double. The page itself loads offline from
// the service worker's caches (app/sw.js, server/docs/field-app.md).
//
// Outbox items: { campaignId, userId, body, correctsId?, problem? }. Only the signed-in user's items upload (a
// phone passed to a colleague never sends one person's sheets as another's). A refused item keeps the server's
// problem in both languages, so switching language shows every text in the language chosen.
import { t, language, LANGUAGES } from '../i18n.js';
import { api, ApiError } from '../api.js';
import { h, mount, crumbs, form, alertBox } from '../ui.js';
import { timeElement } from '../time.js';
import { campaignTitle } from './campaign.js';

const KEY = 'tanfang_outbox';
const load = () => { try { return JSON.parse(localStorage.getItem(KEY)) || []; } catch (e) { return []; } };
const store = (items) => localStorage.setItem(KEY, JSON.stringify(items));
const sameItem = (a, b) => a.body.submissionId === b.body.submissionId;
const newId = () => (crypto.randomUUID ? crypto.randomUUID()
  : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`);

// Point, second auditor and attestation stay set between sheets: per user and campaign, on this device.
const stickyKey = (userId, campaignId) => `tanfang_f2f_sticky_${userId}_${campaignId}`;
const loadSticky = (userId, campaignId) => {
  try { return JSON.parse(localStorage.getItem(stickyKey(userId, campaignId))) || {}; } catch (e) { return {}; }
};

let currentUser = null;
let syncing = false;

/** Waiting items of this user (for a campaign, when given). */
function waiting(campaignId) {
  return load().filter((x) => x.userId === currentUser && (campaignId === undefined || x.campaignId === campaignId));
}

/** Uploads what is waiting; keeps an item on a network error, drops it on an acknowledgement. */
export async function sync() {
  if (syncing || currentUser === null) return;
  syncing = true;
  try {
    for (const item of waiting()) {
      if (item.problem) continue; // refused: shown, kept until the auditor removes it
      const path = item.correctsId
        ? `/api/v1/campaigns/${item.campaignId}/offline-responses/${item.correctsId}/corrections`
        : `/api/v1/campaigns/${item.campaignId}/offline-responses`;
      try {
        await api('POST', path, item.body);
        store(load().filter((x) => !sameItem(x, item)));
      } catch (e) {
        if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 429) {
          // The server refused it: keep it visible, do not retry for ever. A refused sheet was not stored, so
          // asking again for the other language's texts changes nothing (and stores it, should it now be accepted).
          const problem = { [language()]: e.problem };
          let accepted = false;
          for (const other of LANGUAGES.filter((l) => l !== language())) {
            try { await api('POST', path, item.body, { language: other }); accepted = true; } catch (again) {
              if (again instanceof ApiError && again.status >= 400 && again.status < 500) problem[other] = again.problem;
            }
          }
          store(accepted ? load().filter((x) => !sameItem(x, item))
            : load().map((x) => (sameItem(x, item) ? { ...item, problem } : x)));
        } else {
          break; // offline or server trouble: try again later
        }
      }
    }
  } finally {
    syncing = false;
    document.dispatchEvent(new Event('outbox'));
  }
}
window.addEventListener('online', sync);
document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') sync(); });
setInterval(() => { if (waiting().some((x) => !x.problem)) sync(); }, 10000);

export async function render(ctx, [campaignIdText]) {
  const campaignId = Number(campaignIdText);
  currentUser = ctx.me.id;
  const c = await api('GET', `/api/v1/campaigns/${campaignId}`);
  // The second witness must be on the project's team too, so only the team's auditors and leads are offered.
  const team = await api('GET', `/api/v1/projects/${c.projectId}/members`);
  const staff = team.filter((u) => u.roles.includes('AUDITOR') || u.roles.includes('LEAD'))
    .filter((u) => u.userId !== ctx.me.id);
  const questionText = (q) => `${q.position}. ${language() === 'en' ? q.textEn : q.textZh}`;
  const fieldLabel = (field) => {
    const m = /^answers\.(\d+)/.exec(field || '');
    const q = m && c.questions.find((x) => String(x.id) === m[1]);
    if (q) return questionText(q);
    return { pointId: t('offline.point'), secondAuditorId: t('offline.second'), staffAbsent: t('offline.absent'),
      comment: t('offline.comment'), interviewedAt: t('offline.f.interviewedAt'), submissionId: t('offline.f.submissionId') }[field]
      || field;
  };
  // The server's problem in the page's language: its detail, and each field it names with that field's label.
  const problemView = (problem) => {
    const p = problem[language()] || Object.values(problem)[0] || {};
    return h('div', { class: 'small refused' }, h('strong', {}, p.detail || p.title || ''),
      (p.errors || []).length ? h('ul', {}, p.errors.map((e) => h('li', {}, `${fieldLabel(e.field)}: ${e.message}`))) : null);
  };

  // The service worker took over after this page loaded: fetch again what the form needs, for it to cache.
  document.addEventListener('sw-ready', () => {
    for (const path of [`/api/v1/campaigns/${campaignId}`, `/api/v1/projects/${c.projectId}/members`,
      `/api/v1/campaigns/${campaignId}/offline-responses/mine`]) api('GET', path).catch(() => {});
  }, { once: true });
  const status = h('div', { id: 'outbox-status', 'aria-live': 'polite' });
  const showStatus = () => {
    const mine = waiting(campaignId);
    const pending = mine.filter((x) => !x.problem);
    const refused = mine.filter((x) => x.problem);
    const count = h('p', { class: 'outbox-count' }, h('strong', { id: 'outbox-count' }, t('offline.count', pending.length)));
    const notice = !navigator.onLine ? alertBox('info', t('offline.offline'))
      : pending.length ? alertBox('info', t('offline.pending', pending.length)) : alertBox('good', t('offline.synced'));
    status.replaceChildren(count, notice, ...refused.map((x) => alertBox('bad', h('div', {}, t('offline.refused')),
      problemView(x.problem),
      h('button', { type: 'button', class: 'danger discard', onclick: () => {
        if (!window.confirm(t('offline.discardConfirm'))) return;
        store(load().filter((y) => !sameItem(y, x)));
        showStatus();
      } }, t('offline.discard')))));
    status.dataset.pending = String(pending.length);
    status.dataset.refused = String(refused.length);
  };
  // Listeners outlive the page (the router replaces it): they act only while this page is shown.
  const onOutbox = () => { if (mountedHere()) { showStatus(); loadSheets(); } };
  document.addEventListener('outbox', onOutbox);
  window.addEventListener('online', () => { if (mountedHere()) showStatus(); });
  window.addEventListener('offline', () => { if (mountedHere()) showStatus(); });

  const sticky = loadSticky(ctx.me.id, campaignId);
  const pointOptions = c.points.map((p) => [String(p.id), p.locationName]);
  const answerOptions = [5, 4, 3, 2, 1, 0].map((v) => [String(v), t(`survey.a${v}`)]);
  // -1 is N/A (不涉及), offered only where the scheme item allows it (the server refuses it elsewhere)
  const naOption = ['-1', t('survey.na')];
  const questions = c.questions.map((q) => ({ name: `q${q.id}`, label: questionText(q), type: 'radios', big: true,
    required: true, options: q.notApplicableAllowed ? [...answerOptions, naOption] : answerOptions }));
  let correcting = null; // the sheet being corrected, or null for a new sheet
  const banner = h('div', { id: 'correcting', hidden: true });
  const entry = form({
    id: 'offline-form',
    fields: [
      { name: 'pointId', label: t('offline.point'), type: 'radios', big: true, required: true, options: pointOptions,
        value: pointOptions.length === 1 ? pointOptions[0][0] : sticky.pointId },
      { name: 'secondAuditorId', label: t('offline.second'), type: 'radios', big: true, required: true,
        options: staff.map((u) => [String(u.userId), u.displayName]), value: sticky.secondAuditorId },
      { name: 'staffAbsent', label: t('offline.absentLegend'), type: 'checkboxes', options: [['yes', t('offline.absent')]],
        value: sticky.staffAbsent ? ['yes'] : [] },
      ...questions,
      { name: 'comment', label: t('offline.comment'), type: 'textarea' },
    ],
    submitLabel: t('offline.save'),
    async submit(v, f) {
      const answers = {};
      const missing = [];
      if (!v.pointId) missing.push({ field: 'pointId', message: t('form.required') });
      if (!v.secondAuditorId) missing.push({ field: 'secondAuditorId', message: t('form.required') });
      if (!v.staffAbsent.includes('yes')) missing.push({ field: 'staffAbsent', message: t('offline.absentRequired') });
      for (const q of c.questions) {
        if (v[`q${q.id}`] === null) missing.push({ field: `q${q.id}`, message: t('survey.e.answer.required') });
        else answers[q.id] = Number(v[`q${q.id}`]);
      }
      if (missing.length) { f.showErrors(missing); return; }
      if (correcting && !window.confirm(t('offline.correctConfirm'))) return;
      const body = { submissionId: newId(), pointId: Number(v.pointId), secondAuditorId: Number(v.secondAuditorId),
        staffAbsent: true, answers, comment: v.comment,
        interviewedAt: correcting ? correcting.interviewedAt : new Date().toISOString() };
      store([...load(), { campaignId, userId: ctx.me.id, body, correctsId: correcting ? correcting.id : undefined }]);
      localStorage.setItem(stickyKey(ctx.me.id, campaignId), JSON.stringify({
        pointId: v.pointId, secondAuditorId: v.secondAuditorId, staffAbsent: true }));
      const wasCorrection = !!correcting;
      clearSheet();
      // Saved on the phone is the message; whether it uploaded is the outbox status's to say (it updates itself).
      f.summary.replaceChildren(alertBox('good', t(wasCorrection ? 'offline.savedCorrection' : 'offline.saved')));
      showStatus();
      sync();
    },
  });
  /** Clears the answers and the comment for the next sheet; point, second auditor and attestation stay. */
  function clearSheet() {
    correcting = null;
    banner.hidden = true;
    entry.querySelectorAll('input[name^=q]').forEach((i) => { i.checked = false; });
    entry.querySelector('textarea[name=comment]').value = '';
  }
  function setRadio(name, value) {
    entry.querySelectorAll(`input[name="${name}"]`).forEach((i) => { i.checked = i.value === String(value); });
  }
  function startCorrection(sheet) {
    correcting = sheet;
    setRadio('pointId', sheet.pointId);
    if (sheet.secondAuditorId) setRadio('secondAuditorId', sheet.secondAuditorId);
    for (const q of c.questions) setRadio(`q${q.id}`, sheet.answers[q.id] ?? '');
    entry.querySelector('textarea[name=comment]').value = sheet.comment || '';
    entry.summary.replaceChildren();
    banner.replaceChildren(alertBox('info', h('p', {}, t('offline.correcting'), ' ', timeElement(sheet.interviewedAt),
      ` · ${sheet.pointName}`), h('button', { type: 'button', class: 'secondary', id: 'cancel-correction',
      onclick: () => { clearSheet(); entry.summary.replaceChildren(); } }, t('offline.cancelCorrection'))));
    banner.hidden = false;
    banner.scrollIntoView({ block: 'start' });
  }

  const sheetList = h('div', { id: 'own-sheets', 'aria-live': 'polite' });
  const stateLabel = (s) => t(`offline.state.${s}`);
  // The mean of the 1..5 answers (don't know left out): tells two sheets of the same minute apart at a glance.
  const mean = (answers) => {
    const given = Object.values(answers).filter((v) => v > 0);
    return given.length ? ` · ${t('offline.mean', (given.reduce((a, b) => a + b, 0) / given.length).toFixed(1))}` : '';
  };
  async function loadSheets() {
    let sheets;
    try {
      sheets = await api('GET', `/api/v1/campaigns/${campaignId}/offline-responses/mine`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 0) {
        sheetList.replaceChildren(h('p', { class: 'muted' }, t('offline.sheetsOffline')));
        return;
      }
      throw e;
    }
    const correctingNow = new Set(waiting(campaignId).filter((x) => x.correctsId).map((x) => x.correctsId));
    sheetList.replaceChildren(sheets.length ? h('ul', { class: 'list' }, sheets.map((s) => h('li', {
      class: 'sheet', 'data-id': s.id, 'data-state': s.state },
    h('div', { class: 'main' }, h('strong', {}, timeElement(s.interviewedAt)), h('div', {}, s.pointName),
      h('div', { class: 'small muted' }, t('offline.summary', s.answered, s.dontKnow), mean(s.answers),
        s.secondAuditorName ? ` · ${t('offline.with', s.secondAuditorName)}` : '')),
    h('span', { class: `tag${s.state === 'CURRENT' ? '' : ' off'}` }, stateLabel(s.state)),
    s.correctable && !correctingNow.has(s.id)
      ? h('button', { type: 'button', class: 'secondary correct', onclick: () => startCorrection(s) }, t('offline.correct'))
      : null))) : h('p', { class: 'muted' }, t('offline.noSheets')));
  }
  const mountedHere = () => document.body.contains(sheetList);

  mount(crumbs({ href: '#/', label: t('nav.home') }, { href: `#/campaigns/${campaignId}`, label: campaignTitle(c) },
    { label: t('offline.title') }),
  h('h1', {}, t('offline.title')), h('p', { class: 'muted' }, t('offline.intro')), status, banner,
  h('div', { class: 'card' }, entry),
  h('h2', {}, t('offline.mine')), sheetList);
  showStatus();
  await loadSheets();
  sync();
}
