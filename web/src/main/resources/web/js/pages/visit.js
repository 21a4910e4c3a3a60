// One visit on the rater's phone (issue 10; server/docs/visits.md "The phone"). Opening it downloads the visit
// (script, guidance, answers, photos, comments) into IndexedDB (js/visitstore.js): from then on the page works
// without a network, and a reload in airplane mode opens it from there (the shell from the service worker).
//
// Every check-in, answer and photo goes into the outbox with its own client-generated id and is sent, in order, as
// soon as the network allows: at once, on 'online', when the page becomes visible and every 10 s while anything
// waits (no Background Sync on the phones that matter). The server is idempotent by client id, so a retry never
// doubles. Each edit names the visit version the phone holds; 409 visit.stale (returned or changed meanwhile)
// becomes a conflict the rater resolves on the item: keep mine (re-send on the new version) or take the server's.
import { t, language, LANGUAGES } from '../i18n.js';
import { api, upload, ApiError } from '../api.js';
import { h, mount, crumbs, alertBox, errorText } from '../ui.js';
import { timeElement } from '../time.js';

/** replaceChildren without the nulls (the DOM would write them as the text "null"). */
const fill = (el, ...children) => el.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
import * as store from '../visitstore.js';
import { preparePhoto, currentPosition } from '../photo.js';
import { placeName, modeLabel, stateLabel, windowView, AUDIT_MODES } from './visits.js';

/** How an audit answer was confirmed (visit.AuditWay). */
const AUDIT_WAYS = ['DOCUMENT_REVIEW', 'INTERVIEW', 'ON_SITE'];

// WeChat on iOS has no service worker (FIELD-CAPTURE.md); ?nosw on the app's address makes any browser behave so
// (js/app.js then registers none), which is how the browser test shows the warning.
export const noServiceWorker = () => !('serviceWorker' in navigator) || new URLSearchParams(location.search).has('nosw');

let currentUser = null;
const listeners = new Set(); // redraws of the open page after the outbox changed

const isStale = (e) => e instanceof ApiError && e.status === 409 && (e.problem.code === 'visit.stale'
  || (e.problem.errors || []).some((x) => x.code === 'visit.stale'));
const unsent = (items) => items.filter((x) => x.state !== 'refused');
const notify = (finished = false) => listeners.forEach((fn) => fn(finished));

/**
 * Sends every waiting item of the signed-in user, visit by visit, oldest first. A call while a run is under way
 * waits for it, and the run goes round again for what was queued meanwhile (submit relies on this: it sends
 * everything first).
 */
let running = null;
let again = false;
export function sync() {
  if (currentUser === null) return Promise.resolve();
  if (running) { again = true; return running; }
  running = (async () => {
    try {
      do {
        again = false;
        const all = (await store.allOutbox()).filter((x) => x.userId === currentUser);
        for (const visitId of [...new Set(all.map((x) => x.visitId))]) {
          // offline or server trouble: later (or at once, when 'online' came during this pass)
          if (!(await syncVisit(visitId))) break;
        }
      } while (again);
    } finally {
      running = null;
      notify(true);
    }
  })();
  return running;
}

/** false when the network or the server failed (try again later). */
async function syncVisit(visitId) {
  const rec = await store.getVisit(visitId);
  if (!rec) return true;
  for (const item of await store.outboxOf(visitId)) {
    if (item.userId !== currentUser || item.state === 'conflict' || item.state === 'refused') continue;
    await store.putOutbox({ ...item, state: 'sending' });
    notify();
    try {
      await send(rec, item);
      await store.deleteOutbox(item.clientId);
      await store.putVisit(rec);
    } catch (e) {
      if (isStale(e)) {
        await store.putOutbox({ ...item, state: 'conflict', problem: { [language()]: e.problem } });
      } else if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 429) {
        // Refused: kept on the phone with the server's problem in both languages (the refusal is asked for again
        // in the other one; an item that is refused was not stored, and one that is accepted then is stored once).
        const problem = { [language()]: e.problem };
        let accepted = false;
        for (const other of LANGUAGES.filter((l) => l !== language())) {
          try { await send(rec, item, other); accepted = true; } catch (again) {
            if (again instanceof ApiError && again.status >= 400 && again.status < 500) problem[other] = again.problem;
          }
        }
        if (accepted) {
          await store.deleteOutbox(item.clientId);
          await store.putVisit(rec);
        } else {
          await store.putOutbox({ ...item, state: 'refused', problem });
        }
      } else {
        await store.putOutbox({ ...item, state: 'local' });
        return false;
      }
    }
    notify();
  }
  return true;
}

/** Sends one item and folds the server's answer into the phone's copy {@code rec}. */
async function send(rec, item, lang) {
  const options = lang ? { language: lang } : {};
  const base = `/api/v1/visits/${item.visitId}`;
  if (item.kind === 'checkIn' || item.kind === 'checkOut') {
    const detail = await api('POST', `${base}/${item.kind === 'checkIn' ? 'check-in' : 'check-out'}`,
      { ...item.body, deviceSentAt: new Date().toISOString() }, options);
    // the version moved because of this phone's own check-in: the edits queued after it are not stale
    rec.detail = detail;
    rec.version = detail.visit.version;
  } else if (item.kind === 'answer') {
    const stored = await api('PUT', `${base}/answers`, { ...item.body, visitVersion: rec.version }, options);
    rec.detail.answers = [...rec.detail.answers.filter((a) => a.itemCode !== stored.answer.itemCode), stored.answer];
  } else if (item.kind === 'photo') {
    const m = item.meta;
    const q = new URLSearchParams({ sha256: item.sha256, visitVersion: String(rec.version), itemCode: item.itemCode,
      capturedAt: m.capturedAt });
    if (m.latitude !== undefined && m.latitude !== null) {
      q.set('latitude', m.latitude); q.set('longitude', m.longitude); q.set('accuracyMeters', m.accuracyMeters);
    }
    const stored = await upload('PUT', `${base}/photos/${item.clientId}?${q}`, item.blob, 'image/jpeg', options);
    rec.detail.photos = [...rec.detail.photos.filter((p) => p.clientId !== stored.photo.clientId), stored.photo];
  }
}

window.addEventListener('online', sync);
document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') sync(); });
setInterval(async () => {
  if (currentUser === null || running) return;
  const waiting = (await store.allOutbox().catch(() => [])).filter((x) => x.userId === currentUser
    && (x.state === 'local' || x.state === 'sending'));
  if (waiting.length) sync();
}, 10000);

/** The server's copy, past the service worker's cache (a query string: sw.js answers those from the network). */
const fetchFresh = (id) => api('GET', `/api/v1/visits/${id}?fresh=${Date.now()}`);

export async function render(ctx, [idText]) {
  const visitId = Number(idText);
  currentUser = ctx.me.id;
  store.requestPersistence();
  let rec = await store.getVisit(visitId).catch(() => null);
  if (rec && rec.userId !== ctx.me.id) rec = null; // another user's copy on a shared phone: not shown
  if (!rec) {
    let detail;
    try {
      detail = await api('GET', `/api/v1/visits/${visitId}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 0) {
        mount(h('h1', {}, t('capture.title')), alertBox('info', t('capture.notDownloaded')));
        return;
      }
      throw e;
    }
    rec = { id: visitId, userId: ctx.me.id, detail, version: detail.visit.version, drafts: {} };
    await store.putVisit(rec);
  }
  const page = new VisitPage(ctx, rec);
  await page.draw();
  // The worker took over after the first load: fetch once more so that its cache holds the visit too.
  document.addEventListener('sw-ready', () => api('GET', `/api/v1/visits/${visitId}`).catch(() => {}), { once: true });
  sync().then(() => page.refresh());
}

class VisitPage {
  constructor(ctx, rec) {
    this.ctx = ctx;
    this.rec = rec;
    this.items = new Map(); // itemCode -> {item, el, stateEl, photosEl, problemEl}
    this.seconds = {};
    this.active = null;
    this.submitProblems = {};
    this.root = null;
    // after a sync run the server's copy may replace the phone's (when nothing is left to send)
    const redraw = (finished) => {
      if (!this.mounted()) { listeners.delete(redraw); return; }
      if (finished) this.update().then(() => this.refresh()); else this.update();
    };
    listeners.add(redraw);
    const refresh = () => { if (this.mounted()) this.refresh(); else window.removeEventListener('online', refresh); };
    window.addEventListener('online', refresh);
    // Time spent per item (the behaviour log): the item last touched, while the page is visible.
    const tick = setInterval(() => {
      if (!this.mounted()) { clearInterval(tick); return; }
      if (this.active && document.visibilityState === 'visible') this.seconds[this.active] = (this.seconds[this.active] || 0) + 1;
    }, 1000);
  }

  mounted() { return this.root && document.body.contains(this.root); }
  get detail() { return this.rec.detail; }
  get visit() { return this.rec.detail.visit; }
  en() { return language() === 'en'; }

  /** The state as the phone sees it: a check-in not yet sent already starts the visit here. */
  state() {
    const s = this.visit.state;
    if ((s === 'ASSIGNED' || s === 'CLAIMED') && this.rec.checkIn) return 'IN_PROGRESS';
    return s;
  }
  editable() { return this.detail.rater && ['IN_PROGRESS', 'RETURNED'].includes(this.state()); }

  /** The server's copy replaces the phone's when it is reachable and nothing of this visit is unsent. */
  async refresh() {
    if (!this.mounted()) return;
    const waiting = await store.outboxOf(this.rec.id);
    if (waiting.some((x) => x.userId === currentUser)) return;
    let fresh;
    try { fresh = await fetchFresh(this.rec.id); } catch (e) { return; }
    // A copy fetched before a change made meanwhile (a submit answered while this fetch was in flight) is older
    // than the phone's: never let it take the newer copy's place (the page fell back to "returned" after a submit).
    if (fresh.visit.version < this.rec.version) return;
    const changed = fresh.visit.version !== this.rec.version || fresh.visit.state !== this.visit.state;
    this.rec.detail = fresh;
    this.rec.version = fresh.visit.version;
    delete this.rec.checkIn;
    delete this.rec.checkOut;
    if (changed) this.rec.drafts = {};
    await store.putVisit(this.rec);
    if (changed) await this.draw(); else await this.update();
  }

  /** The rater's current answer to an item: the draft on the phone, else the server's. */
  answerOf(code) {
    const d = this.rec.drafts[code];
    if (d) return d;
    const a = this.detail.answers.find((x) => x.itemCode === code);
    return a ? { value: a.value === null ? null : Number(a.value), notApplicable: a.notApplicable,
      notApplicableReason: a.notApplicableReason || '', note: a.note || '', way: a.way || '',
      seconds: a.secondsSpent || 0 } : null;
  }

  /** A management audit or capability verification: each answer may say how it was confirmed. */
  audit() { return AUDIT_MODES.includes(this.visit.mode); }

  itemText(i) { return this.en() ? i.textEn : i.textZh; }

  async draw() {
    const v = this.visit;
    const d = this.detail;
    this.items.clear();
    const general = d.comments.filter((c) => !c.itemCode);
    this.outboxEl = h('div', { id: 'visit-outbox', 'aria-live': 'polite' });
    this.noWorkerEl = h('div', { id: 'no-worker-banner', hidden: true });
    this.actionsEl = h('div', { id: 'visit-actions' });
    this.submitEl = h('div', { id: 'submit-area' });
    this.submitParts = null;
    const header = h('div', { class: 'card', id: 'visit-summary' },
      h('p', {}, h('span', { class: `tag mode-${v.mode}` }, modeLabel(v.mode)),
        h('span', { class: 'tag', id: 'visit-state', 'data-state': this.state() }, stateLabel(this.state()))),
      h('dl', { class: 'facts' },
        h('dt', {}, t('capture.window')), h('dd', {}, windowView(v)),
        h('dt', {}, t('capture.place')), h('dd', {}, placeName(v)),
        v.scenario ? [h('dt', {}, t('capture.scenario')), h('dd', { id: 'visit-scenario' }, v.scenario)] : null,
        h('dt', {}, t('capture.due')), h('dd', {}, timeElement(v.reportDueAt)),
        h('dt', {}, t('capture.project')), h('dd', {}, v.projectTitle)));
    const decided = ['APPROVED', 'REJECTED'].includes(v.state)
      ? alertBox(v.state === 'APPROVED' ? 'good' : 'bad', h('strong', { id: 'visit-decision' }, t(`capture.decided.${v.state}`)),
        d.decisionReason ? h('p', { id: 'decision-reason' }, t('capture.reason'), ': ', d.decisionReason) : null) : null;
    const submitted = v.state === 'SUBMITTED' ? alertBox('good', h('span', { id: 'visit-submitted' }, t('capture.submittedNote'))) : null;
    const returned = v.state === 'RETURNED' ? alertBox('info', h('strong', { id: 'visit-returned' }, t('capture.returnedNote')),
      general.length ? h('ul', { id: 'general-comments' }, general.map((c) => h('li', {}, c.text))) : null) : null;
    const blind = d.ratingsHidden ? alertBox('info', h('span', { id: 'ratings-hidden' }, t('capture.ratingsHidden'))) : null;
    this.root = mount(crumbs({ href: '#/', label: t('nav.home') }, { href: '#/visits', label: t('capture.list.title') },
      { label: placeName(v) }),
    h('h1', {}, t('capture.title'), ' · ', placeName(v)),
    this.noWorkerEl, this.outboxEl, decided, submitted, returned, blind, header, this.actionsEl,
    d.touchpoints.map((tp) => h('details', { class: 'touchpoint', open: true, 'data-clause': tp.clause },
      h('summary', {}, h('strong', {}, `${tp.clause} ${this.en() ? tp.titleEn : tp.titleZh}`),
        h('span', { class: 'small muted tp-count' })),
      tp.items.map((i) => this.itemView(i)))),
    this.submitEl);
    await this.update();
  }

  itemView(i) {
    const code = i.code;
    const editable = this.editable();
    const a = this.answerOf(code) || {};
    this.seconds[code] = this.seconds[code] ?? (a.seconds || 0);
    const name = `v-${code}`;
    let rating;
    const choice = (value, label) => h('label', {}, h('input', { type: 'radio', name, value: String(value),
      checked: a.value === value && !a.notApplicable, disabled: !editable }), h('span', {}, label));
    if (i.answerType === 'LIKERT_5') {
      rating = h('div', { class: 'choices big likert', role: 'radiogroup', 'aria-label': t('capture.rating') },
        [1, 2, 3, 4, 5].map((n) => choice(n, String(n))));
    } else if (i.answerType === 'YES_NO') {
      rating = h('div', { class: 'choices big yesno', role: 'radiogroup', 'aria-label': t('capture.rating') },
        choice(1, t('capture.yes')), choice(0, t('capture.no')));
    } else {
      const range = i.numericRange;
      rating = h('label', {}, h('span', { class: 'small muted' }, i.answerType === 'PERCENT' ? t('capture.percent')
        : range ? t('capture.numericRange', range.worst, range.best) : t('capture.numeric')),
      h('input', { type: 'number', name, class: 'value', inputmode: 'decimal', step: 'any',
        min: i.answerType === 'PERCENT' ? 0 : null, max: i.answerType === 'PERCENT' ? 100 : null,
        value: a.value ?? '', disabled: !editable || a.notApplicable }));
    }
    const naBox = i.notApplicableAllowed ? h('div', { class: 'na' },
      h('label', { class: 'check' }, h('input', { type: 'checkbox', name: `${name}-na`, class: 'na-check',
        checked: !!a.notApplicable, disabled: !editable }), h('span', {}, t('capture.na'))),
      h('label', { class: 'na-reason', hidden: !a.notApplicable }, h('span', { class: 'small' }, t('capture.naReason')),
        h('textarea', { rows: 2, class: 'na-reason-text', disabled: !editable }, a.notApplicableReason || ''))) : null;
    const note = h('label', { class: 'note' }, h('span', { class: 'small' }, t('capture.note')),
      h('textarea', { rows: 2, class: 'note-text', disabled: !editable }, a.note || ''));
    const wayBox = this.audit() ? h('label', { class: 'way' }, h('span', { class: 'small' }, t('capture.way')),
      h('select', { class: 'way-select', disabled: !editable }, ['', ...AUDIT_WAYS].map((w) => h('option',
        { value: w, selected: (a.way || '') === w }, t(`capture.way.${w || 'none'}`))))) : null;
    const photosEl = h('div', { class: 'photos' });
    const photoInputs = editable ? h('div', { class: 'photo-inputs' },
      h('label', { class: 'button secondary take-photo' }, t('capture.takePhoto'),
        h('input', { type: 'file', accept: 'image/*', capture: 'environment', class: 'photo-camera' })),
      h('label', { class: 'button secondary choose-photo' }, t('capture.choosePhoto'),
        h('input', { type: 'file', accept: 'image/*', class: 'photo-library' }))) : null;
    const comments = this.detail.comments.filter((c) => c.itemCode === code);
    const stateEl = h('span', { class: 'item-state small' });
    const problemEl = h('div', { class: 'item-problem' });
    const el = h('article', { class: 'item card', id: `item-${code}`, 'data-code': code, tabindex: '-1' },
      h('h3', {}, h('span', { class: 'clause' }, i.clause), ' ', this.itemText(i)), stateEl,
      (this.en() ? i.guidanceEn : i.guidanceZh) ? h('p', { class: 'guidance small' }, h('strong', {}, t('capture.guidance')), ' ',
        this.en() ? i.guidanceEn : i.guidanceZh) : null,
      i.evidence && i.evidence !== 'NONE' ? h('p', { class: 'evidence small' }, t(`capture.evidence.${i.evidence}`)) : null,
      comments.length ? alertBox('info', h('ul', { class: 'item-comments' },
        comments.map((c) => h('li', { class: 'comment', 'data-round': c.round }, c.text)))) : null,
      h('div', { class: 'field' }, rating), naBox, wayBox, note, photosEl, photoInputs, problemEl);
    const touch = () => { this.active = code; };
    el.addEventListener('focusin', touch);
    el.addEventListener('pointerdown', touch);
    const save = () => this.saveAnswer(i, el);
    el.querySelectorAll(`input[name="${name}"]`).forEach((input) => input.addEventListener('change', save));
    el.querySelector('.note-text').addEventListener('change', save);
    el.querySelector('.way-select')?.addEventListener('change', save);
    if (naBox) {
      const check = el.querySelector('.na-check');
      check.addEventListener('change', () => {
        el.querySelector('.na-reason').hidden = !check.checked;
        el.querySelectorAll(`input[name="${name}"]`).forEach((x) => {
          if (check.checked) { if (x.type === 'radio') x.checked = false; else x.value = ''; }
          if (x.type !== 'radio') x.disabled = check.checked;
        });
        save();
      });
      el.querySelector('.na-reason-text').addEventListener('change', save);
    }
    el.querySelectorAll('input[type=file]').forEach((input) => input.addEventListener('change', async () => {
      const file = input.files && input.files[0];
      input.value = '';
      if (file) await this.addPhoto(i, file, el);
    }));
    this.items.set(code, { item: i, el, stateEl, photosEl, problemEl });
    return el;
  }

  readItem(i, el) {
    const name = `v-${i.code}`;
    const na = !!el.querySelector('.na-check')?.checked;
    let value = null;
    if (!na) {
      const radio = el.querySelector(`input[name="${name}"]:checked`);
      const input = el.querySelector(`input[name="${name}"][type=number]`);
      if (radio) value = Number(radio.value);
      else if (input && input.value.trim() !== '') value = Number(input.value);
    }
    return { value, notApplicable: na, notApplicableReason: na ? el.querySelector('.na-reason-text').value.trim() : '',
      note: el.querySelector('.note-text').value.trim(), way: el.querySelector('.way-select')?.value || '' };
  }

  async saveAnswer(i, el) {
    const a = this.readItem(i, el);
    const code = i.code;
    // the same answer again (a blur after an edit already saved) is not a new version
    const before = this.answerOf(code);
    const same = before && before.value === a.value && !!before.notApplicable === a.notApplicable
      && (before.notApplicableReason || '') === a.notApplicableReason && (before.note || '') === a.note
      && (before.way || '') === a.way;
    if (same) return;
    a.seconds = this.seconds[code] || 0;
    this.rec.drafts[code] = a;
    await store.putVisit(this.rec);
    if (a.notApplicable && !a.notApplicableReason) {
      // N/A needs its reason before it can go anywhere; the draft waits on the phone
      this.items.get(code).problemEl.replaceChildren(h('p', { class: 'error' }, t('capture.naReasonRequired')));
      return;
    }
    // A newer edit replaces an older one that has not left the phone yet (the server keeps every version it got).
    for (const x of await store.outboxOf(this.rec.id)) {
      if (x.kind === 'answer' && x.itemCode === code && x.state === 'local') await store.deleteOutbox(x.clientId);
    }
    const clientId = store.newClientId();
    await store.putOutbox({ clientId, visitId: this.rec.id, userId: currentUser, seq: store.nextSeq(), kind: 'answer',
      itemCode: code, state: 'local', body: { clientId, itemCode: code, value: a.value,
        notApplicable: a.notApplicable, notApplicableReason: a.notApplicableReason || null, note: a.note || null,
        way: a.way || null, secondsSpent: Math.min(86400, a.seconds), deviceAt: new Date().toISOString() } });
    delete this.submitProblems[code];
    await this.update();
    sync();
  }

  async addPhoto(i, file, el) {
    const info = this.items.get(i.code);
    fill(info.problemEl, h('p', { class: 'small muted' }, t('capture.photoPreparing')));
    let prepared;
    const capturedAt = new Date().toISOString();
    try {
      prepared = await preparePhoto(file);
    } catch (e) {
      fill(info.problemEl, h('p', { class: 'error' }, t('capture.photoUnreadable')));
      return;
    }
    const position = await currentPosition(3000);
    const clientId = store.newClientId();
    await store.putOutbox({ clientId, visitId: this.rec.id, userId: currentUser, seq: store.nextSeq(), kind: 'photo',
      itemCode: i.code, state: 'local', blob: prepared.blob, sha256: prepared.sha256,
      meta: { capturedAt, width: prepared.width, height: prepared.height, originalBytes: prepared.originalBytes,
        ...(position || {}) } });
    fill(info.problemEl, );
    delete this.submitProblems[i.code];
    this.active = i.code;
    await this.update();
    sync();
  }

  async checkInOrOut(kind) {
    const deviceAt = new Date().toISOString();
    const position = await currentPosition(4000); // null when refused or unavailable: the check-in goes anyway
    const clientId = store.newClientId();
    this.rec[kind] = { deviceAt };
    await store.putVisit(this.rec);
    await store.putOutbox({ clientId, visitId: this.rec.id, userId: currentUser, seq: store.nextSeq(), kind,
      state: 'local', body: { deviceAt, ...(position || {}) } });
    await this.draw();
    sync();
  }

  /** Updates what the outbox changes: per-item states, photos, counts, banners, buttons. */
  async update() {
    if (!this.mounted()) return;
    const outbox = (await store.outboxOf(this.rec.id)).filter((x) => x.userId === currentUser);
    const pending = unsent(outbox);
    this.outboxEl.dataset.pending = String(pending.length);
    fill(this.outboxEl, pending.length
      ? alertBox('info', h('span', { id: 'visit-pending' }, t(navigator.onLine ? 'capture.pending' : 'capture.pendingOffline',
        pending.length)))
      : outbox.length ? null : alertBox('good', h('span', { id: 'visit-synced' }, t('capture.allStored'))),
    ...outbox.filter((x) => !x.itemCode && (x.state === 'refused' || x.state === 'conflict')).map((x) => {
      const p = (x.problem && (x.problem[language()] || Object.values(x.problem)[0])) || {};
      return alertBox('bad', h('p', {}, t(`capture.${x.kind}`), ': ', t('capture.refused')), h('p', { class: 'small' }, p.detail || ''),
        h('button', { type: 'button', class: 'danger discard', onclick: () => this.discard(x) }, t('capture.discard')));
    }));
    this.noWorkerEl.hidden = !(noServiceWorker() && pending.length);
    fill(this.noWorkerEl, this.noWorkerEl.hidden ? '' : alertBox('bad',
      h('strong', {}, t('capture.noWorker', pending.length))));
    this.noWorkerEl.dataset.pending = String(pending.length);
    for (const [code, info] of this.items) this.updateItem(code, info, outbox);
    this.drawActions();
    this.drawSubmit(outbox);
  }

  updateItem(code, info, outbox) {
    const mine = outbox.filter((x) => x.itemCode === code);
    const stored = this.detail.answers.some((a) => a.itemCode === code)
      || this.detail.photos.some((p) => p.itemCode === code);
    const state = mine.some((x) => x.state === 'conflict') ? 'conflict'
      : mine.some((x) => x.state === 'refused') ? 'refused'
        : mine.some((x) => x.state === 'sending') ? 'sending'
          : mine.length ? 'local' : stored ? 'stored' : 'empty';
    info.el.dataset.state = state;
    info.stateEl.textContent = state === 'empty' ? t('capture.item.empty') : t(`capture.item.${state}`);
    info.stateEl.className = `item-state small state-${state}`;
    // photos: the phone's (thumbnails from the local blob) and the server's
    const local = mine.filter((x) => x.kind === 'photo');
    const server = this.detail.photos.filter((p) => p.itemCode === code && !local.some((x) => x.clientId === p.clientId));
    info.photosEl.querySelectorAll('img[data-object-url]').forEach((img) => URL.revokeObjectURL(img.src));
    fill(info.photosEl, 
      ...local.map((x) => h('figure', { class: 'photo', 'data-state': x.state, 'data-sha256': x.sha256 },
        h('img', { src: URL.createObjectURL(x.blob), 'data-object-url': '1', alt: t('capture.photo') }),
        h('figcaption', { class: 'small' }, t(`capture.item.${x.state}`)))),
      ...server.map((p) => h('figure', { class: 'photo', 'data-state': 'stored', 'data-sha256': p.sha256 },
        h('img', { src: p.url, alt: t('capture.photo'), loading: 'lazy' }),
        h('figcaption', { class: 'small' }, t('capture.item.stored'),
          p.alsoInVisits && p.alsoInVisits.length ? ` · ${t('capture.photoElsewhere')}` : ''))));
    // conflicts and refusals, each with the server's words
    const problems = [];
    for (const x of mine.filter((y) => y.state === 'conflict' || y.state === 'refused')) {
      const p = (x.problem && (x.problem[language()] || Object.values(x.problem)[0])) || {};
      problems.push(alertBox('bad', h('p', {}, x.state === 'conflict' ? t('capture.conflict') : t('capture.refused')),
        h('p', { class: 'small' }, p.detail || p.title || ''),
        (p.errors || []).filter((e) => e.message !== p.detail).map((e) => h('p', { class: 'small' }, e.message)),
        x.state === 'conflict' ? h('div', { class: 'row' },
          h('button', { type: 'button', class: 'keep-mine', onclick: () => this.keepMine(x) }, t('capture.keepMine')),
          h('button', { type: 'button', class: 'secondary take-server', onclick: () => this.takeServer(x) }, t('capture.takeServer')))
          : h('button', { type: 'button', class: 'danger discard', onclick: () => this.discard(x) }, t('capture.discard'))));
    }
    const submitProblems = this.submitProblems[code] || [];
    if (problems.length || submitProblems.length || !info.problemEl.querySelector('.error, .muted')) {
      fill(info.problemEl, ...problems,
        submitProblems.length ? h('ul', { class: 'error submit-problems' }, submitProblems.map((m) => h('li', {}, m))) : null);
    }
  }

  drawActions() {
    const s = this.state();
    const rater = this.detail.rater;
    const checkIn = this.detail.checkIn;
    const out = this.detail.checkOut;
    fill(this.actionsEl, 
      checkIn || this.rec.checkIn ? h('p', { class: 'small', id: 'checked-in' }, t('capture.checkedIn'), ' ',
        timeElement(checkIn ? checkIn.deviceAt || checkIn.serverAt : this.rec.checkIn.deviceAt),
        checkIn && checkIn.accuracyMeters !== null && checkIn.latitude !== null
          ? ` · ${t('capture.positionAccuracy', Math.round(checkIn.accuracyMeters))}` : '') : null,
      out || this.rec.checkOut ? h('p', { class: 'small', id: 'checked-out' }, t('capture.checkedOut'), ' ',
        timeElement(out ? out.deviceAt || out.serverAt : this.rec.checkOut.deviceAt)) : null,
      rater && (s === 'ASSIGNED' || s === 'CLAIMED') ? h('button', { type: 'button', id: 'check-in', class: 'wide',
        onclick: (ev) => { ev.target.disabled = true; this.checkInOrOut('checkIn'); } }, t('capture.checkIn')) : null,
      rater && s === 'IN_PROGRESS' && !out && !this.rec.checkOut ? h('button', { type: 'button', id: 'check-out',
        class: 'secondary wide', onclick: (ev) => {
          if (!window.confirm(t('capture.checkOutConfirm'))) return;
          ev.target.disabled = true; this.checkInOrOut('checkOut');
        } }, t('capture.checkOut')) : null,
      rater && (s === 'ASSIGNED' || s === 'CLAIMED') ? h('p', { class: 'muted small' }, t('capture.checkInFirst')) : null);
  }

  /** The submit area is made once per draw (its messages must survive the outbox's redraws); only its note changes. */
  drawSubmit(outbox) {
    if (!this.editable()) { fill(this.submitEl); this.submitParts = null; return; }
    if (!this.submitParts || !this.submitEl.contains(this.submitParts.button)) {
      const gapsEl = h('div', { id: 'submit-gaps', 'aria-live': 'polite' });
      const note = h('p', { class: 'small muted', id: 'submit-note' });
      const button = h('button', { type: 'button', id: 'submit-visit', class: 'wide',
        onclick: () => this.submit(gapsEl, button) },
      t(this.visit.state === 'RETURNED' ? 'capture.resubmit' : 'capture.submit'));
      this.submitParts = { gapsEl, note, button };
      fill(this.submitEl, h('div', { class: 'card' }, gapsEl, button, note));
    }
    this.submitParts.note.textContent = unsent(outbox).length ? t('capture.submitNeedsNetwork') : '';
  }

  /** What the server would refuse, checked on the phone first: every item answered and its evidence there. */
  gaps() {
    const out = [];
    for (const tp of this.detail.touchpoints) {
      for (const i of tp.items) {
        const a = this.answerOf(i.code);
        const photos = this.detail.photos.filter((p) => p.itemCode === i.code).length;
        const problems = [];
        if (!a || (!a.notApplicable && (a.value === null || a.value === undefined))) problems.push(t('capture.gap.value'));
        if (a && a.notApplicable && !a.notApplicableReason) problems.push(t('capture.naReasonRequired'));
        if (a && !a.notApplicable) {
          if (i.evidence === 'PHOTO' && photos === 0) problems.push(t('capture.gap.photo'));
          if (i.evidence === 'NOTE' && !a.note) problems.push(t('capture.gap.note'));
          if (i.evidence === 'NOTE_BELOW_BEST' && !a.note && belowBest(i, a.value)) problems.push(t('capture.gap.noteBelowBest'));
        }
        if (problems.length) out.push({ item: i, problems });
      }
    }
    return out;
  }

  showGaps(gapsEl, gaps, heading) {
    this.submitProblems = Object.fromEntries(gaps.map((g) => [g.item.code, g.problems]));
    fill(gapsEl, alertBox('bad', h('p', {}, heading), h('ul', { id: 'gap-list' }, gaps.map((g) => h('li', {},
      h('button', { type: 'button', class: 'link gap', 'data-code': g.item.code, onclick: () => {
        const el = document.getElementById(`item-${g.item.code}`);
        el.scrollIntoView({ block: 'start' });
        el.focus();
      } }, `${g.item.clause} ${this.itemText(g.item)}`), ': ', g.problems.join(' '))))));
    for (const [code, info] of this.items) {
      const list = this.submitProblems[code] || [];
      info.problemEl.querySelectorAll('.submit-problems').forEach((x) => x.remove());
      if (list.length) info.problemEl.append(h('ul', { class: 'error submit-problems' }, list.map((m) => h('li', {}, m))));
    }
  }

  async submit(gapsEl, button) {
    fill(gapsEl, );
    await sync();
    const waiting = unsent((await store.outboxOf(this.rec.id)).filter((x) => x.userId === currentUser));
    if (waiting.length) {
      fill(gapsEl, alertBox('info', t('capture.submitWaiting', waiting.length)));
      return;
    }
    const gaps = this.gaps();
    if (gaps.length) { this.showGaps(gapsEl, gaps, t('capture.gaps', gaps.length)); return; }
    if (!window.confirm(t('capture.submitConfirm'))) return;
    button.disabled = true;
    fill(gapsEl, alertBox('info', t('capture.submitting')));
    try {
      const detail = await api('POST', `/api/v1/visits/${this.rec.id}/submit`, { visitVersion: this.rec.version });
      this.rec.detail = detail;
      this.rec.version = detail.visit.version;
      this.rec.drafts = {};
      await store.putVisit(this.rec);
      this.submitProblems = {};
      await this.draw();
      window.scrollTo(0, 0);
    } catch (e) {
      button.disabled = false;
      if (e instanceof ApiError && e.status === 400 && e.fieldErrors.length) {
        // items[P2].photos -> the item P2
        const byItem = new Map();
        for (const fe of e.fieldErrors) {
          const m = /^items\[([^\]]+)\]/.exec(fe.field || '');
          const info = m && this.items.get(m[1]);
          if (!info) continue;
          if (!byItem.has(m[1])) byItem.set(m[1], { item: info.item, problems: [] });
          byItem.get(m[1]).problems.push(fe.message);
        }
        this.showGaps(gapsEl, [...byItem.values()], e.message);
      } else if (isStale(e)) {
        fill(gapsEl, alertBox('bad', h('p', {}, e.message),
          h('button', { type: 'button', class: 'secondary', onclick: () => this.refresh() }, t('capture.reload'))));
      } else {
        fill(gapsEl, alertBox('bad', errorText(e)));
      }
    }
  }

  /** Keep mine: the phone takes the server's new version and sends its edit again on it. */
  async keepMine(x) {
    let fresh;
    try { fresh = await fetchFresh(this.rec.id); } catch (e) { alert(errorText(e)); return; }
    this.rec.detail = fresh;
    this.rec.version = fresh.visit.version;
    await store.putVisit(this.rec);
    await store.putOutbox({ ...x, state: 'local', problem: undefined });
    await this.draw();
    sync();
  }

  /** Take the server's: the phone's edits of this item are dropped and the server's answer shown. */
  async takeServer(x) {
    if (!window.confirm(t('capture.takeServerConfirm'))) return;
    let fresh;
    try { fresh = await fetchFresh(this.rec.id); } catch (e) { alert(errorText(e)); return; }
    for (const y of await store.outboxOf(this.rec.id)) {
      if (y.itemCode === x.itemCode && y.kind === x.kind && y.state !== 'sending') await store.deleteOutbox(y.clientId);
    }
    this.rec.detail = fresh;
    this.rec.version = fresh.visit.version;
    delete this.rec.drafts[x.itemCode];
    await store.putVisit(this.rec);
    await this.draw();
    sync();
  }

  async discard(x) {
    if (!window.confirm(t('capture.discardConfirm'))) return;
    await store.deleteOutbox(x.clientId);
    if (x.kind === 'answer') delete this.rec.drafts[x.itemCode];
    if (x.kind === 'checkIn' || x.kind === 'checkOut') delete this.rec[x.kind];
    await store.putVisit(this.rec);
    await this.draw();
  }
}

/** Whether an answer is below the item's best (a NOTE_BELOW_BEST item then needs a note); as visit.Answer. */
function belowBest(i, value) {
  if (value === null || value === undefined) return false;
  if (i.answerType === 'LIKERT_5') return value < 5;
  if (i.answerType === 'YES_NO') return value === 0;
  if (i.answerType === 'PERCENT') return value < 100;
  const r = i.numericRange;
  if (!r) return false;
  return Number(r.best) > Number(r.worst) ? value < Number(r.best) : value > Number(r.best);
}
