// The lead's visit planning screen (#/projects/{id}/visits): rules, item choices, planning and assignment, the
// list of visits, the review comment library. Staff of the project's team only: a CLIENT never sees plans (the
// server refuses it too; here it gets the "not available" page without asking).
import { t, language } from '../i18n.js';
import { api, ApiError } from '../api.js';
import { h, mount, form, crumbs, alertBox, errorText } from '../ui.js';
import { beijingInputValue, fromBeijingInput, formatTime, timeElement } from '../time.js';
import { projectTitle } from './projects.js';

const RATER_ROLES = ['SHOPPER', 'AUDITOR', 'LEAD'];
const EVIDENCE = ['NONE', 'PHOTO', 'NOTE', 'NOTE_BELOW_BEST'];

export const isStaff = (me) => ['ADMIN', 'LEAD', 'AUDITOR'].some((r) => me.roles.includes(r));

/** A visit's place: the site, and the location when the plan names one. */
export function placeText(v) {
  const site = language() === 'en' && v.siteNameEn ? v.siteNameEn : v.siteName;
  return v.locationName ? `${site} · ${v.locationName}` : site;
}

/** The window as "from – to" in Beijing time, with the free-text time of day. */
export function windowText(v) {
  return [formatTime(v.windowFrom), ' – ', formatTime(v.windowTo), v.timeOfDay ? ` (${v.timeOfDay})` : ''].join('');
}

/** A rule finding (warning) from its code and arguments, in the page's language. */
function findingText(f) {
  const key = `visits.finding.${f.rule}`;
  return t(key) === key ? f.message.code : t(key, ...f.message.args);
}

export async function render(ctx, [projectId], flash = null) {
  // A CLIENT (or a SHOPPER) never sees plans: no request, the router shows "not available".
  if (!isStaff(ctx.me)) throw new ApiError(403, { detail: 'visits are for the project team' });
  const base = `/api/v1/projects/${projectId}`;
  const [view, settings, checklist, visits, comments, members] = await Promise.all([api('GET', base),
    api('GET', `${base}/visit-settings`), api('GET', `${base}/visit-checklist`), api('GET', `${base}/visits`),
    api('GET', `${base}/visit-comments`), api('GET', `${base}/members`)]);
  const p = view.project;
  const locations = await api('GET', `/api/v1/organizations/${p.organizationId}/sites/${p.siteId}/locations`).catch(() => []);
  // Planning, assignment and the rules are the project's lead's (or an ADMIN's); the server checks the same.
  const manages = ctx.me.roles.includes('ADMIN') || ctx.me.id === p.leadUserId;
  const raters = members.filter((m) => m.roles.some((r) => RATER_ROLES.includes(r)));
  const again = (message) => render(ctx, [projectId], message);
  const title = projectTitle(p);
  // After a save the page is drawn again: the sections that were open stay open (same project only).
  const keepOpen = shownProject === projectId
    ? [...document.querySelectorAll('#main details[open][id]')].map((el) => el.id) : [];
  shownProject = projectId;

  const sections = [manages ? planSection(ctx, projectId, locations, raters, again) : null,
    visitList(visits, manages, raters, again),
    settingsSection(projectId, settings, manages, again),
    checklistSection(projectId, checklist, manages, again),
    commentSection(projectId, comments, manages, again)];
  // Opened before they are inserted, as if parsed with the attribute: a details opened just after insertion
  // sometimes kept its content unrendered in Chromium (an open card with nothing in it, 2026-12-02).
  sections.forEach((el) => { if (el && keepOpen.includes(el.id)) el.open = true; });
  mount(crumbs({ href: '#/', label: t('nav.home') }, { href: '#/projects', label: t('projects.title') },
    { href: `#/projects/${projectId}`, label: title }, { label: t('visits.title') }),
  h('h1', {}, t('visits.title')),
  h('p', { class: 'muted' }, title),
  h('div', { id: 'visits-notice', 'aria-live': 'polite' }, flash),
  ...sections);
}

let shownProject = null;

function planSection(ctx, projectId, locations, raters, again) {
  const now = Date.now();
  const raterOptions = [['', t('visits.plan.noRater')], ...raters.map((m) => [m.userId,
    `${m.displayName} (${m.roles.filter((r) => RATER_ROLES.includes(r)).map((r) => t(`role.${r}`)).join('、')})`])];
  return h('details', { class: 'card', id: 'plan-card' }, h('summary', {}, t('visits.plan')), form({
    id: 'plan-visit',
    fields: [
      { name: 'locationId', label: t('visits.f.location'), type: 'select', value: '',
        options: [['', t('visits.f.wholeSite')], ...locations.map((l) => [l.id, `${l.code} ${l.name}`])] },
      { name: 'mode', label: t('visits.f.mode'), type: 'radios', value: 'COVERT', big: true,
        // the audit team's methods too: "plan a management audit" is this form with its mode (never offered)
        options: ['COVERT', 'OPEN', 'MANAGEMENT_AUDIT', 'CAPABILITY_VERIFICATION'].map((m) => [m, t(`visits.mode.${m}`)]),
        hint: t('visits.f.mode.auditHint') },
      { name: 'windowFrom', label: t('visits.f.windowFrom'), type: 'datetime-local', required: true,
        value: beijingInputValue(now + 86400000), hint: t('time.beijingInput') },
      { name: 'windowTo', label: t('visits.f.windowTo'), type: 'datetime-local', required: true,
        value: beijingInputValue(now + 86400000 + 8 * 3600000), hint: t('time.beijingInput') },
      { name: 'timeOfDay', label: t('visits.f.timeOfDay'), hint: t('visits.f.timeOfDay.hint') },
      { name: 'raters', label: t('visits.f.raters'), type: 'radios', value: '1', options: [['1', '1'], ['2', '2']],
        hint: t('visits.f.raters.hint') },
      { name: 'reportDueHours', label: t('visits.f.reportDueHours'), type: 'number', value: 48, inputmode: 'numeric',
        hint: t('visits.f.reportDueHours.hint') },
      { name: 'scenario', label: t('visits.f.scenario'), type: 'textarea', hint: t('visits.f.scenario.hint') },
      // Named as the server names them, so a rule refusal lands on the rater it concerns.
      { name: 'raterIds[0]', label: t('visits.f.rater1'), type: 'select', value: '', options: raterOptions },
      { name: 'raterIds[1]', label: t('visits.f.rater2'), type: 'select', value: '', options: raterOptions,
        hint: t('visits.f.rater2.hint') },
      { name: 'offerToPool', label: t('visits.f.offer'), type: 'checkboxes', options: [['yes', t('visits.f.offer.yes')]],
        hint: t('visits.f.offer.hint') },
    ],
    submitLabel: t('visits.plan.submit'),
    async submit(v) {
      const raterIds = [v['raterIds[0]'], v['raterIds[1]']].filter(Boolean).map(Number);
      const created = await api('POST', `/api/v1/projects/${projectId}/visits`, {
        locationId: v.locationId ? Number(v.locationId) : null, mode: v.mode,
        windowFrom: fromBeijingInput(v.windowFrom), windowTo: fromBeijingInput(v.windowTo),
        timeOfDay: v.timeOfDay, raters: Number(v.raters || 1), reportDueHours: v.reportDueHours,
        scenario: v.scenario, raterIds, offerToPool: v.offerToPool.includes('yes'),
      });
      // Warnings do not stop a plan: they are shown after it, with the rule and why.
      await again([alertBox('good', t('visits.planned', created.planId)),
        created.warnings.length ? alertBox('bad', h('strong', {}, t('visits.warnings')),
          h('ul', { id: 'plan-warnings' }, created.warnings.map((w) => h('li', { 'data-rule': w.rule }, findingText(w)))))
          : null]);
      document.getElementById('visits-notice')?.scrollIntoView();
    },
  }));
}

function flagTags(v) {
  return [v.far ? h('span', { class: 'tag flag', 'data-flag': 'far' }, t('visits.flag.far')) : null,
    v.outsideWindow ? h('span', { class: 'tag flag', 'data-flag': 'outsideWindow' }, t('visits.flag.outsideWindow')) : null,
    v.photosElsewhere ? h('span', { class: 'tag flag', 'data-flag': 'photosElsewhere' }, t('visits.flag.photosElsewhere')) : null]
    .filter(Boolean).flatMap((x) => [x, ' ']);
}

function visitList(visits, manages, raters, again) {
  return [h('h2', {}, t('visits.list')),
    visits.length ? h('ul', { class: 'list', id: 'visit-list' }, visits.map((v) => visitRow(v, manages, raters, again)))
      : h('p', { class: 'muted', id: 'visit-list-empty' }, t('visits.none'))];
}

function visitRow(v, manages, raters, again) {
  const notice = h('div', { 'aria-live': 'polite' });
  const act = async (method, path, body) => {
    try {
      await api(method, path, body);
      await again();
    } catch (e) {
      notice.replaceChildren(alertBox('bad', errorText(e)));
    }
  };
  const actions = [];
  if (manages && v.state === 'PLANNED') {
    actions.push(form({
      id: `assign-${v.visitId}`,
      fields: [{ name: 'raterId', label: t('visits.assign.rater'), type: 'select', required: true,
        options: [['', '—'], ...raters.map((m) => [m.userId, m.displayName])] }],
      submitLabel: t('visits.assign'),
      async submit(x) {
        await api('PUT', `/api/v1/visits/${v.visitId}/rater`, { raterId: x.raterId ? Number(x.raterId) : null });
        await again();
      },
    }));
    actions.push(h('button', { type: 'button', class: 'secondary', 'data-action': 'offer',
      onclick: () => act('PUT', `/api/v1/visits/${v.visitId}/offer`, { offered: !v.offered }) },
    v.offered ? t('visits.offer.withdraw') : t('visits.offer')));
  }
  if (manages && (v.state === 'ASSIGNED' || v.state === 'CLAIMED')) {
    actions.push(h('button', { type: 'button', class: 'secondary', 'data-action': 'unassign',
      onclick: () => act('DELETE', `/api/v1/visits/${v.visitId}/rater`) }, t('visits.unassign')));
  }
  const reviewable = !['PLANNED', 'ASSIGNED', 'CLAIMED'].includes(v.state);
  return h('li', { 'data-visit': v.visitId, 'data-state': v.state },
    h('div', { class: 'main' },
      h('strong', {}, `#${v.visitId} `, t(`visits.mode.${v.mode}`)), ' ',
      h('span', { class: 'tag', 'data-role': 'state' }, t(`visits.state.${v.state}`)), ' ',
      v.offered && v.state === 'PLANNED' ? h('span', { class: 'tag draft' }, t('visits.offered')) : null,
      h('br'), h('span', { class: 'small' }, placeText(v)),
      h('br'), h('span', { class: 'small' }, windowText(v)),
      h('br'), h('span', { class: 'small' }, v.raters > 1 ? t('visits.slot', v.slot, v.raters) + ' · ' : '',
        v.raterName ? t('visits.rater', v.raterName) : t('visits.noRater')),
      h('br'), h('span', { class: 'small muted' }, t('visits.due'), ' ', timeElement(v.reportDueAt)),
      h('div', { class: 'flags' }, flagTags(v)),
      reviewable ? h('p', {}, h('a', { href: `#/visits/${v.visitId}/review`, class: 'button', 'data-action': 'review' },
        v.state === 'SUBMITTED' ? t('visits.openReview') : t('visits.open'))) : null,
      actions.length ? h('div', { class: 'row' }, actions) : null,
      notice));
}

function settingsSection(projectId, s, manages, again) {
  const names = ['sameSiteMinDays', 'maxVisitsPerDay', 'claimHoldHours', 'farMeters'];
  const body = manages ? form({
    id: 'visit-settings',
    fields: [{ name: 'onSiteAuditDate', label: t('visits.s.onSiteAuditDate'), type: 'date', value: s.onSiteAuditDate,
      hint: t('visits.s.onSiteAuditDate.hint') },
    ...names.map((n) => ({ name: n, label: t(`visits.s.${n}`), type: 'number', value: s[n], inputmode: 'numeric',
      hint: t(`visits.s.${n}.hint`), required: true }))],
    submitLabel: t('common.save'),
    async submit(v) {
      await api('PUT', `/api/v1/projects/${projectId}/visit-settings`, v);
      await again(alertBox('good', t('visits.s.saved')));
    },
  }) : h('dl', { class: 'facts', id: 'visit-settings-view' },
    h('dt', {}, t('visits.s.onSiteAuditDate')), h('dd', {}, s.onSiteAuditDate || t('visits.s.noDate')),
    // 0 switches the two rater rules off: say so rather than show a bare 0.
    names.map((n) => [h('dt', {}, t(`visits.s.${n}`)), h('dd', {}, s[n] === 0 && ['sameSiteMinDays', 'maxVisitsPerDay'].includes(n)
      ? t('visits.s.off') : String(s[n]))]));
  return h('details', { class: 'card', id: 'settings-card' }, h('summary', {}, t('visits.s.title')),
    h('p', { class: 'muted small' }, t('visits.s.intro')), body);
}

function checklistSection(projectId, checklist, manages, again) {
  const en = language() === 'en';
  const rows = [];
  const summary = h('div', { 'aria-live': 'polite' });
  const tps = checklist.touchpoints.map((tp) => h('section', { class: 'touchpoint' },
    h('h3', {}, `${tp.clause} ${en ? tp.titleEn || tp.titleZh : tp.titleZh}`),
    tp.items.map((it) => {
      const modes = it.modes || [it.covertPossible ? 'COVERT' : null, it.openPossible ? 'OPEN' : null].filter(Boolean);
      const sel = (name, options, value) => h('select', { name, disabled: !manages, 'aria-label': t(`visits.c.${name}`) },
        options.map((o) => h('option', { value: o, selected: o === value }, t(`visits.${name === 'mode' ? 'mode' : 'evidence'}.${o}`))));
      const row = {
        code: it.code,
        mode: sel('mode', modes, it.mode),
        evidence: sel('evidence', EVIDENCE, it.evidence),
        guidanceZh: h('textarea', { name: 'guidanceZh', rows: 2, disabled: !manages, lang: 'zh-CN' }, it.guidanceZh || ''),
        guidanceEn: h('textarea', { name: 'guidanceEn', rows: 2, disabled: !manages, lang: 'en' }, it.guidanceEn || ''),
        err: h('p', { class: 'error row-error', hidden: true }),
      };
      rows.push(row);
      const field = (key, control) => {
        control.id = `c-${it.code}-${key}`;
        return h('div', { class: 'field' }, h('label', { for: control.id }, t(`visits.c.${key}`)), control);
      };
      return h('div', { class: 'card', 'data-item': it.code },
        h('p', {}, h('strong', {}, `${it.clause} `), en ? it.textEn || it.textZh : it.textZh),
        field('mode', row.mode), field('evidence', row.evidence), field('guidanceZh', row.guidanceZh),
        field('guidanceEn', row.guidanceEn), row.err);
    })));
  const save = h('button', { type: 'button', id: 'save-checklist' }, t('visits.c.save'));
  save.addEventListener('click', async () => {
    summary.replaceChildren();
    rows.forEach((r) => { r.err.hidden = true; r.err.textContent = ''; r.mode.removeAttribute('aria-invalid'); });
    save.disabled = true;
    try {
      await api('PUT', `/api/v1/projects/${projectId}/visit-checklist`, { items: rows.map((r) => ({ itemCode: r.code,
        mode: r.mode.value, evidence: r.evidence.value, guidanceZh: r.guidanceZh.value, guidanceEn: r.guidanceEn.value })) });
      await again(alertBox('good', t('visits.c.saved')));
    } catch (e) {
      // Problems name the row: items[3].mode; each is shown on its item, the rest in the summary.
      const unplaced = [];
      for (const fe of (e instanceof ApiError ? e.fieldErrors : [])) {
        const m = /^items\[(\d+)\](?:\.(\w+))?/.exec(fe.field || '');
        const row = m && rows[Number(m[1])];
        if (!row) { unplaced.push(fe); continue; }
        row.err.hidden = false;
        row.err.textContent = `${row.err.textContent} ${fe.message}`.trim();
        (row[m[2]] || row.mode).setAttribute('aria-invalid', 'true');
      }
      summary.replaceChildren(alertBox('bad', e instanceof ApiError && e.fieldErrors.length ? t('common.fixErrors') : errorText(e),
        unplaced.length ? h('ul', {}, unplaced.map((fe) => h('li', {}, `${fe.field}: ${fe.message}`))) : null));
      summary.scrollIntoView();
    } finally {
      save.disabled = false;
    }
  });
  return h('details', { class: 'card', id: 'checklist-card' }, h('summary', {}, t('visits.c.title')),
    h('p', { class: 'muted small' }, t('visits.c.intro')), summary,
    checklist.touchpoints.length ? tps : h('p', { class: 'muted' }, t('visits.c.none')),
    manages && rows.length ? h('div', {}, save) : null);
}

function commentSection(projectId, comments, manages, again) {
  return h('details', { class: 'card', id: 'comments-card' }, h('summary', {}, t('visits.lib.title')),
    h('p', { class: 'muted small' }, t('visits.lib.intro')),
    comments.length ? h('ul', { class: 'plain', id: 'comment-library' }, comments.map((c) => h('li', { 'data-template': c.id }, c.text)))
      : h('p', { class: 'muted' }, t('common.none')),
    manages ? form({
      id: 'add-comment',
      fields: [{ name: 'text', label: t('visits.lib.text'), type: 'textarea', required: true }],
      submitLabel: t('visits.lib.add'),
      async submit(v) {
        await api('POST', `/api/v1/projects/${projectId}/visit-comments`, { text: v.text || '' });
        await again(alertBox('good', t('visits.lib.added')));
      },
    }) : null);
}
