// Face-to-face entry that survives a dropped network: every saved answer sheet goes into an outbox in
// localStorage with a client-generated submission id, and is uploaded until the server acknowledges it.
// The server treats a repeated id as the same sheet, so retries never double.
import { t, language } from '../i18n.js';
import { api, ApiError } from '../api.js';
import { h, mount, crumbs, form, alertBox } from '../ui.js';
import { campaignTitle } from './campaign.js';

const KEY = 'tanfang_outbox';
const load = () => { try { return JSON.parse(localStorage.getItem(KEY)) || []; } catch (e) { return []; } };
const store = (items) => localStorage.setItem(KEY, JSON.stringify(items));
const newId = () => (crypto.randomUUID ? crypto.randomUUID()
  : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`);

let syncing = false;
/** Uploads what is waiting; keeps an item on a network error, drops it on an acknowledgement. */
export async function sync() {
  if (syncing) return;
  syncing = true;
  try {
    for (const item of load()) {
      try {
        await api('POST', `/api/v1/campaigns/${item.campaignId}/offline-responses`, item.body);
        store(load().filter((x) => x.body.submissionId !== item.body.submissionId));
        localStorage.setItem('tanfang_uploaded', String(Number(localStorage.getItem('tanfang_uploaded') || 0) + 1));
      } catch (e) {
        if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 429) {
          item.error = e.message; // the server refused it: keep it visible, do not retry forever
          store(load().map((x) => (x.body.submissionId === item.body.submissionId ? item : x)));
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
setInterval(() => { if (load().some((x) => !x.error)) sync(); }, 10000);

export async function render(ctx, [campaignId]) {
  const c = await api('GET', `/api/v1/campaigns/${campaignId}`);
  // The second witness must be on the project's team too, so only the team's auditors and leads are offered.
  const team = await api('GET', `/api/v1/projects/${c.projectId}/members`);
  const staff = team.filter((u) => u.roles.includes('AUDITOR') || u.roles.includes('LEAD'))
    .map((u) => ({ id: u.userId, displayName: u.displayName }));
  const status = h('p', { id: 'outbox-status', 'aria-live': 'polite' });
  const showStatus = () => {
    const pending = load().filter((x) => x.campaignId === Number(campaignId));
    status.replaceChildren(pending.length ? alertBox(navigator.onLine ? 'good' : 'bad',
      navigator.onLine ? t('offline.pending', pending.length) : t('offline.offline'),
      ...pending.filter((x) => x.error).map((x) => h('div', { class: 'small' }, x.error)))
      : alertBox('good', t('offline.synced')));
    status.dataset.pending = String(pending.length);
  };
  document.addEventListener('outbox', showStatus);
  const questions = c.questions.map((q) => ({ name: `q${q.id}`, label: `${q.position}. ${language() === 'en' ? q.textEn : q.textZh}`,
    type: 'select', required: true, options: [['', '—'], ...[5, 4, 3, 2, 1, 0].map((v) => [String(v), t(`survey.a${v}`)])] }));
  const entry = form({
    id: 'offline-form',
    fields: [
      { name: 'pointId', label: t('offline.point'), type: 'select', required: true, options: c.points.map((p) => [p.id, p.locationName]) },
      { name: 'secondAuditorId', label: t('offline.second'), type: 'select', required: true,
        options: [['', '—'], ...staff.filter((u) => u.id !== ctx.me.id).map((u) => [u.id, u.displayName])] },
      { name: 'staffAbsent', label: t('offline.absent'), type: 'checkboxes', options: [['yes', t('offline.absent')]] },
      ...questions,
      { name: 'comment', label: t('survey.comment'), type: 'textarea' },
    ],
    submitLabel: t('offline.save'),
    async submit(v, f) {
      const answers = {};
      const missing = [];
      for (const q of c.questions) {
        if (v[`q${q.id}`] === null) missing.push({ field: `q${q.id}`, message: t('survey.e.answer.required') });
        else answers[q.id] = Number(v[`q${q.id}`]);
      }
      if (!v.secondAuditorId) missing.push({ field: 'secondAuditorId', message: t('form.required') });
      if (!v.staffAbsent.includes('yes')) missing.push({ field: 'staffAbsent', message: t('offline.absent') });
      if (missing.length) { f.showErrors(missing); return; }
      const body = { submissionId: newId(), pointId: Number(v.pointId), secondAuditorId: Number(v.secondAuditorId),
        staffAbsent: true, answers, comment: v.comment, interviewedAt: new Date().toISOString() };
      store([...load(), { campaignId: Number(campaignId), body }]);
      entry.reset();
      f.summary.replaceChildren(alertBox('good', t('offline.saved')));
      showStatus();
      sync();
    },
  });
  mount(crumbs({ href: '#/', label: t('nav.home') }, { href: `#/campaigns/${campaignId}`, label: campaignTitle(c) },
    { label: t('offline.title') }),
  h('h1', {}, t('offline.title')), h('p', { class: 'muted' }, t('offline.intro')), status, h('div', { class: 'card' }, entry));
  showStatus();
  sync();
}
