// The evaluation sheet of a project (#/projects/{id}/evaluation, issue 12): the live total and grade (provisional
// while items have no evidence), then part by part every item of the pinned scheme with its ratings (rater, visit,
// answer, photos, each linking to the visit), the customer survey's score with its interval and n, the items still
// missing, and the two raters' differences beyond tolerance with the lead's reconciliation (confirmed rating and
// reason; the originals stay, struck through). Filters: all / missing / to reconcile / low / flagged. Every figure
// links to what it came from (server/docs/evaluation.md).
import { t, language } from '../i18n.js';
import { api, ApiError } from '../api.js';
import { h, mount, crumbs, alertBox, errorText } from '../ui.js';
import { timeElement } from '../time.js';
import { projectTitle } from './projects.js';
import { valueText } from './visitreview.js';

// Sub-pages of the evaluation, shown as a row of links near the top (nav#eval-subpages). Each part of issue 12
// adds ONE line here: [element id, address of the page for the project id, i18n key of its label].
const SUBPAGES = [
  ['eval-nav-agreement', (id) => `#/projects/${id}/evaluation/agreement`, 'eval.nav.agreement'],
  ['eval-findings', (id) => `#/projects/${id}/evaluation/findings`, 'findings.open'],
  ['eval-sign-off', (id) => `#/projects/${id}/evaluation/sign-off`, 'signoff.link'],
  ['eval-reports', (id) => `#/projects/${id}/reports`, 'reports.link'],
  ['eval-export', (id) => `/api/v1/projects/${id}/exports/evaluation?format=xlsx`, 'export.evaluation'],
];

const pick = (zh, en) => (language() === 'en' ? en || zh : zh || en);
const show = (n) => (n ? n.display : '—');
/** An exact fraction {exact: "a/b"} as a number (for the "low" filter only; every shown figure is the server's). */
const num = (f) => {
  if (!f || !f.exact) return null;
  const [a, b] = f.exact.split('/');
  return Number(a) / (b ? Number(b) : 1);
};
/** Below this share of its points an item counts as "low" (the filter). */
const LOW_SHARE = 0.6;

/** The engine's result per item name (items of the parts and bonus items). */
function resultsByName(result) {
  const out = new Map();
  result.parts.forEach((p) => p.groups.forEach((g) => g.items.forEach((i) => out.set(i.code, i))));
  result.bonusItems.forEach((i) => out.set(i.code, i));
  return out;
}

/**
 * A link to something further down this page. The router owns location.hash, so the link scrolls instead of
 * navigating (its href is this very page, for a new tab), and opens the <details> it lands in.
 */
function jump(targetId, text, attrs = {}) {
  return h('a', {
    href: location.hash, class: 'jump', 'data-target': targetId, ...attrs,
    onclick: (e) => {
      e.preventDefault();
      const el = document.getElementById(targetId);
      if (!el) return;
      if (el.tagName === 'DETAILS') el.open = true;
      el.closest('details')?.setAttribute('open', '');
      el.scrollIntoView({ block: 'start' });
    },
  }, text);
}

const itemAnchor = (name) => `eval-item-${name}`;

function summary(sheet, projectId) {
  const r = sheet.result;
  const grade = r.grade ? pick(r.grade.nameZh, r.grade.nameEn) : t('eval.noGrade');
  const total = r.total == null ? t('try.noTotal') : `${r.printedTotal || show(r.total)} / ${show(r.fullMarks)}`;
  const s = sheet.survey;
  const surveyLine = s.campaignId == null
    ? t(s.campaigns ? 'eval.survey.noneOpened' : 'eval.survey.none')
    : [t('eval.survey.counted'), ' ', h('a', { href: `#/campaigns/${s.campaignId}/results`, id: 'eval-campaign' },
      pick(s.titleZh, s.titleEn)), ' · ', t(s.closed ? 'eval.survey.closed' : 'eval.survey.fieldwork'), ' ',
    timeElement(s.closesAt), ' · ', t('eval.survey.responses', s.responses),
    s.campaigns > 1 ? [' · ', t('eval.survey.ofCampaigns', s.campaigns)] : null];
  const toReconcile = sheet.items.filter((i) => i.toReconcile).length;
  return h('section', { class: 'card', id: 'eval-summary' },
    // total → the parts it sums; grade → the arithmetic that placed it
    h('p', { class: 'total' }, h('strong', { id: 'eval-total' }, jump('eval-parts', total)), ' · ',
      h('strong', { id: 'eval-grade' }, jump('eval-arithmetic', grade))),
    h('p', { class: 'small', id: 'eval-part-scores' }, r.parts.map((p, i) => [i ? ' · ' : '',
      jump(`eval-part-${p.key}`, `${pick(p.titleZh, p.titleEn)} ${p.evaluated === false ? t('try.notEvaluated')
        : `${p.printedScore || show(p.score)} / ${show(p.points)}`}`)])),
    sheet.provisional
      ? h('p', { id: 'eval-provisional' }, h('span', { class: 'tag draft' }, t('eval.provisional')), ' ',
        sheet.provisionalReasons.map((x) => (x === 'MISSING_ITEMS' ? t('eval.missingCount', sheet.missingCount)
          : t('eval.surveyOpen'))).join(' · '))
      : h('p', { id: 'eval-provisional', class: 'good-text' }, t('eval.complete')),
    toReconcile ? h('p', { id: 'eval-to-reconcile', class: 'bad-text' }, t('eval.toReconcileCount', toReconcile)) : null,
    h('p', { class: r.passed ? 'good-text' : 'bad-text', id: 'eval-verdict' }, t(r.passed ? 'try.passed' : 'try.failed')),
    r.failReasons.length ? h('ul', { id: 'eval-fail-reasons' }, r.failReasons.map((f) => h('li', {}, f.message.text))) : null,
    h('dl', { class: 'facts' },
      h('dt', {}, t('eval.scheme')), h('dd', {}, `${pick(sheet.schemeTitleZh, sheet.schemeTitleEn)} (${sheet.schemeCode})`),
      h('dt', {}, t('eval.visits')), h('dd', {}, h('a', { href: `#/projects/${projectId}/visits` }, String(sheet.approvedVisits))),
      h('dt', {}, t('eval.survey')), h('dd', { id: 'eval-survey-source' }, surveyLine),
      h('dt', {}, t('surveyReview.title')), h('dd', {}, h('a', { href: `#/projects/${projectId}/evaluation/survey-review`, id: 'eval-survey-review' }, t('surveyReview.link'))),
      h('dt', {}, t('eval.computedAt')), h('dd', {}, timeElement(sheet.computedAt))),
    sheet.hiddenVisits ? h('p', { class: 'muted small', id: 'eval-hidden' }, t('eval.hidden', sheet.hiddenVisits)) : null,
    h('p', { class: 'muted small' }, t('eval.campaignRule')));
}

/** The answer ids of the originals a current reconciliation replaced in the result. */
function replacedAnswers(row) {
  const out = new Set();
  row.differences.forEach((d) => { if (d.reconciliation) { out.add(d.first.answerId); out.add(d.second.answerId); } });
  return out;
}

function ratingLine(row, rt, replaced) {
  const who = rt.raterName || rt.rater;
  const value = h('strong', {}, valueText(row, rt));
  return h('li', { 'data-answer': rt.answerId, class: replaced ? 'replaced' : null },
    h('div', { class: 'main' },
      // the rating → the visit it was given on (the review page lists the visit's answers)
      h('a', { href: `#/visits/${rt.visitId}/review`, class: 'rating-link' }, replaced ? h('s', {}, value) : value),
      ' · ', who, ' · ',
      h('a', { href: `#/visits/${rt.visitId}/review`, class: 'visit-link' }, t('eval.visit', rt.visitId)), ' ',
      h('span', { class: 'tag' }, t(`visits.mode.${rt.mode}`)),
      replaced ? [' ', h('span', { class: 'tag off' }, t('eval.replaced'))] : null,
      rt.notApplicable && rt.notApplicableReason ? h('div', { class: 'muted small' }, t('eval.naReason', rt.notApplicableReason)) : null,
      rt.note ? h('div', { class: 'muted small' }, rt.note) : null,
      rt.photoIds.length ? h('div', { class: 'small' }, rt.photoIds.map((p, i) => [i ? ' ' : '',
        h('a', { href: `/api/v1/visits/${rt.visitId}/photos/${p}`, target: '_blank', rel: 'noopener', class: 'photo-link' },
          t('eval.photo', p))])) : null));
}

function surveyLine(sv) {
  const interval = sv.scoreLow != null && sv.scoreHigh != null ? t('eval.interval', sv.scoreLow, sv.scoreHigh) : '';
  const results = `#/campaigns/${sv.campaignId}/results`;
  return h('p', { class: 'survey-evidence' }, h('span', { class: 'tag' }, t('method.CUSTOMER_SURVEY')), ' ',
    sv.score == null ? t('eval.survey.noAnswers')
      : [h('a', { href: results, class: 'survey-score' }, h('strong', {}, t('eval.survey.score', sv.score))), ' ',
        interval, ' · ', t('eval.survey.n', sv.answered)],
    ' · ', h('a', { href: results }, t('eval.survey.results')));
}

/** An answer as the item's scale says it: "4 / 5", "yes", "72 %", or N/A. */
function answerText(row, value, notApplicable) {
  return valueText(row, { value, notApplicable });
}

/** The value control of the reconcile form, by the item's answer type. */
function valueControl(row, id) {
  if (row.answerType === 'LIKERT_5' || row.answerType === 'YES_NO') {
    const options = row.answerType === 'LIKERT_5' ? [5, 4, 3, 2, 1].map((v) => [String(v), `${v} / 5`])
      : [['1', t('vreview.yes')], ['0', t('vreview.no')]];
    return h('select', { id, name: 'value' }, h('option', { value: '' }, t('eval.rec.choose')),
      options.map(([v, l]) => h('option', { value: v }, l)));
  }
  return h('input', { id, name: 'value', type: 'number', inputmode: 'decimal',
    step: row.answerType === 'PERCENT' ? '0.01' : 'any', min: row.answerType === 'PERCENT' ? '0' : null,
    max: row.answerType === 'PERCENT' ? '100' : null });
}

/** The lead's form: confirmed value (or N/A with reason) and the reason; confirmed in a dialog, then POSTed. */
function reconcileForm(row, pair, projectId, reload) {
  const key = `${pair.planId}-${row.name}`;
  const value = valueControl(row, `rec-value-${key}`);
  const na = row.notApplicableAllowed ? h('input', { type: 'checkbox', id: `rec-na-${key}`, name: 'notApplicable' }) : null;
  const naReason = row.notApplicableAllowed ? h('textarea', { id: `rec-na-reason-${key}`, name: 'notApplicableReason', rows: 2, maxlength: 1000 }) : null;
  const reason = h('textarea', { id: `rec-reason-${key}`, name: 'reason', rows: 3, maxlength: 1000, required: true });
  const errors = { value: h('p', { class: 'error', hidden: true }), reason: h('p', { class: 'error', hidden: true }),
    notApplicable: h('p', { class: 'error', hidden: true }), notApplicableReason: h('p', { class: 'error', hidden: true }) };
  const summaryBox = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'rec-submit' }, t('eval.rec.save'));
  const formEl = h('form', { class: 'stack reconcile-form', novalidate: true, 'data-plan': pair.planId },
    summaryBox,
    h('div', { class: 'field' }, h('label', { for: value.id }, t('eval.rec.value')), value, errors.value),
    na ? h('div', { class: 'field' }, h('label', { class: 'check' }, na, ' ', t('eval.rec.na')), errors.notApplicable,
      h('label', { for: naReason.id }, t('eval.rec.naReason')), naReason, errors.notApplicableReason) : null,
    h('div', { class: 'field' }, h('label', { for: reason.id }, t('eval.rec.reason')),
      h('p', { class: 'hint' }, t('eval.rec.reasonHint')), reason, errors.reason),
    h('div', {}, submit));
  formEl.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    Object.values(errors).forEach((e) => { e.hidden = true; e.textContent = ''; });
    summaryBox.replaceChildren();
    const body = { itemCode: row.name, planId: pair.planId, firstAnswerId: pair.first.answerId,
      secondAnswerId: pair.second.answerId, reason: reason.value.trim() || null };
    if (na && na.checked) {
      body.notApplicable = true;
      body.notApplicableReason = naReason.value.trim() || null;
    } else if (value.value.trim() !== '') {
      body.value = Number(value.value);
    }
    const shown = body.notApplicable ? t('vreview.na') : body.value == null ? '—' : answerText(row, body.value, false);
    if (!window.confirm(t('eval.rec.confirm', row.name, shown))) return;
    submit.disabled = true;
    try {
      await api('POST', `/api/v1/projects/${projectId}/evaluation/reconciliations`, body);
      await reload(row.name);
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors.length) {
        e.fieldErrors.forEach((f) => {
          const box = errors[f.field];
          if (box) { box.hidden = false; box.textContent = f.message; } else summaryBox.append(alertBox('bad', `${f.field}: ${f.message}`));
        });
      } else {
        summaryBox.replaceChildren(alertBox('bad', e instanceof ApiError && e.status !== 0 ? e.message : errorText(e)));
      }
    } finally {
      submit.disabled = false;
    }
  });
  return formEl;
}

/** One pair of the two copies of a two-rater plan: both ratings, the gap, the confirmed rating or the form. */
function pairBlock(row, pair, canReconcile, projectId, reload) {
  const c = pair.reconciliation;
  const side = (s) => {
    const v = answerText(row, s.value, s.notApplicable);
    return h('span', { class: 'pair-side', 'data-answer': s.answerId },
      h('a', { href: `#/visits/${s.visitId}/review` }, c ? h('s', {}, v) : h('strong', {}, v)), ' ',
      s.raterName || s.rater);
  };
  const gap = pair.gap == null ? t('eval.pair.naGap') : t('eval.pair.gap', pair.gap, pair.tolerance);
  const form = canReconcile ? reconcileForm(row, pair, projectId, reload) : null;
  if (form) form.hidden = true;
  const toggle = canReconcile ? h('button', { type: 'button', class: 'secondary rec-open', 'aria-expanded': 'false',
    onclick: (e) => { form.hidden = !form.hidden; e.target.setAttribute('aria-expanded', String(!form.hidden)); } },
  t(c ? 'eval.rec.again' : 'eval.rec.open')) : null;
  return h('div', { class: `pair${c ? ' reconciled' : ' open'}`, 'data-plan': pair.planId },
    h('p', { class: 'small' }, pair.beyondTolerance ? h('span', { class: 'tag flag' }, t('eval.pair.flagged')) : null, ' ',
      t('eval.pair.plan', pair.planId), ': ', side(pair.first), ' ', t('eval.pair.vs'), ' ', side(pair.second), ' · ', gap),
    c ? h('p', { class: 'confirmed' }, h('span', { class: 'tag' }, t('eval.pair.confirmed')), ' ',
      h('strong', { class: 'confirmed-value' }, answerText(row, c.value, c.notApplicable)), ' · ', c.reason,
      c.notApplicable && c.notApplicableReason ? [' · ', t('eval.naReason', c.notApplicableReason)] : null,
      h('span', { class: 'muted small' }, ' · ', t('eval.pair.by', c.decidedByName || c.decidedBy), ' ', timeElement(c.decidedAt)))
      : h('p', { class: 'bad-text small' }, t('eval.pair.waiting')),
    toggle, form);
}

function itemCard(row, res, canReconcile, projectId, reload) {
  const scored = res && res.status === 'SCORED';
  const status = !res ? '' : res.status === 'SCORED'
    ? `${show(res.achieved)} / ${show(res.points)}` : t(`eval.status.${res.status}`);
  const explanationId = `eval-explain-${row.name}`;
  const replaced = replacedAnswers(row);
  const flagged = row.differences.some((d) => d.beyondTolerance);
  return h('li', { class: `card eval-item${row.missing ? ' missing' : ''}${row.toReconcile ? ' to-reconcile' : ''}`,
    'data-item': row.name, id: itemAnchor(row.name) },
  h('div', { class: 'eval-item-head' },
    h('strong', {}, row.name), ' ', pick(row.textZh, row.textEn),
    // the item's score and coefficient → the engine's arithmetic for it
    h('div', { class: 'small' }, h('span', { class: 'item-score' }, res && res.explanation.length ? jump(explanationId, status) : status),
      scored ? [' · ', jump(explanationId, t('eval.coefficient', show(res.coefficient))), ' · ', t('eval.averaged', res.ratings, res.raters)] : null),
    h('div', { class: 'small' }, row.methods.map((m) => h('span', { class: 'tag off' }, t(`method.${m}`))),
      row.toReconcile ? h('span', { class: 'tag flag' }, t('eval.tag.toReconcile'))
        : flagged ? h('span', { class: 'tag' }, t('eval.tag.reconciled')) : null)),
  row.missing ? h('p', { class: 'bad-text small missing-note' }, t('eval.missing'),
    row.laterMethods.length ? [' ', t('eval.laterMethods', row.laterMethods.map((m) => t(`method.${m}`)).join('、'))] : null) : null,
  row.ratings.length ? h('ul', { class: 'list ratings' }, row.ratings.map((rt) => ratingLine(row, rt, replaced.has(rt.answerId)))) : null,
  row.differences.length ? h('div', { class: 'pairs' }, row.differences.map((d) => pairBlock(row, d, canReconcile, projectId, reload))) : null,
  row.survey ? surveyLine(row.survey) : null,
  res && res.explanation.length ? h('details', { class: 'small', id: explanationId }, h('summary', {}, t('try.explanation')),
    h('ol', { class: 'explanation' }, res.explanation.map((l) => h('li', {}, l.text)))) : null);
}

const FILTERS = ['all', 'missing', 'reconcile', 'low', 'flagged'];

export async function render(ctx, [projectId], state = {}) {
  const team = ['ADMIN', 'LEAD', 'AUDITOR'].some((r) => ctx.me.roles.includes(r));
  if (!team) throw new ApiError(404, { detail: t('eval.notReleased') });
  const [view, sheet] = await Promise.all([api('GET', `/api/v1/projects/${projectId}`),
    api('GET', `/api/v1/projects/${projectId}/evaluation`)]);
  const title = projectTitle(view.project);
  const canReconcile = ctx.me.roles.includes('ADMIN') || ctx.me.id === view.project.leadUserId;
  const byName = resultsByName(sheet.result);
  const rows = new Map();
  sheet.items.forEach((r) => rows.set(r.name, r));
  let filter = state.filter || 'all';
  const low = (name) => {
    const res = byName.get(name);
    return res && res.status === 'SCORED' && num(res.achieved) < LOW_SHARE * num(res.points);
  };
  const tests = {
    all: () => true,
    missing: (name) => rows.get(name)?.missing,
    reconcile: (name) => rows.get(name)?.toReconcile,
    low,
    flagged: (name) => rows.get(name)?.differences.some((d) => d.beyondTolerance),
  };
  const counts = {};
  FILTERS.forEach((f) => { counts[f] = sheet.items.filter((r) => tests[f](r.name)).length; });
  const reload = (itemName) => render(ctx, [projectId], { filter, focus: itemName });
  const body = h('div', { id: 'eval-parts' });
  const buttons = {};
  const draw = () => {
    // the item just reconciled stays in view whatever the filter, so the lead sees the confirmed rating
    const keep = (name) => tests[filter](name) || name === state.focus;
    Object.entries(buttons).forEach(([k, b]) => {
      b.className = k === filter ? 'secondary current' : 'secondary';
      b.setAttribute('aria-pressed', k === filter ? 'true' : 'false');
    });
    const parts = sheet.result.parts.map((p) => h('section', { class: 'eval-part', 'data-part': p.key, id: `eval-part-${p.key}` },
      h('h2', {}, pick(p.titleZh, p.titleEn), ' ',
        h('span', { class: 'muted small' }, p.evaluated === false ? t('try.notEvaluated')
          : `${p.printedScore || show(p.score)} / ${show(p.points)}${p.percentage ? ` · ${show(p.percentage)} %` : ''}`)),
      p.groups.map((g) => {
        const items = g.items.filter((i) => keep(i.code));
        if (!items.length) return null;
        return [h('h3', {}, `${g.clause} ${pick(g.titleZh, g.titleEn)} `,
          h('span', { class: 'muted small' }, `${show(g.achieved)} / ${show(g.points)}`)),
        h('ul', { class: 'list eval-items' }, items.map((i) => itemCard(rows.get(i.code), i, canReconcile, projectId, reload)))];
      })));
    const bonus = sheet.items.filter((r) => r.bonus && keep(r.name));
    const none = filter !== 'all' && !sheet.items.some((r) => keep(r.name));
    body.replaceChildren(...parts, bonus.length ? h('section', { class: 'eval-part', 'data-part': 'bonus' },
      h('h2', {}, t('eval.bonus'), ' ', h('span', { class: 'muted small' }, show(sheet.result.bonusItemPoints))),
      h('ul', { class: 'list eval-items' }, bonus.map((r) => itemCard(r, byName.get(r.name), canReconcile, projectId, reload)))) : '',
    none ? h('p', { class: 'muted', id: 'eval-filter-none' }, t('eval.filter.none')) : '');
  };
  // Filter chips; pressing the current one again shows all items (the missing chip keeps its old id).
  FILTERS.forEach((k) => {
    buttons[k] = h('button', { type: 'button', 'data-filter': k, id: k === 'missing' ? 'eval-only-missing' : `eval-filter-${k}`,
      onclick: () => { filter = filter === k ? 'all' : k; draw(); } }, t(`eval.filter.${k}`, counts[k]));
  });
  draw();
  mount(crumbs({ href: '#/', label: t('nav.home') }, { href: '#/projects', label: t('projects.title') },
    { href: `#/projects/${projectId}`, label: title }, { label: t('eval.title') }),
  h('h1', {}, t('eval.title')),
  h('nav', { id: 'eval-subpages', class: 'bar-actions', 'aria-label': t('eval.nav.label') },
    SUBPAGES.map(([id, href, label]) => h('a', { id, href: href(projectId), class: 'button secondary' }, t(label)))),
  summary(sheet, projectId),
  h('div', { class: 'filters', role: 'group', 'aria-label': t('eval.filter.label'), id: 'eval-filters' },
    FILTERS.map((k) => buttons[k])),
  body,
  h('details', { class: 'card', id: 'eval-arithmetic' }, h('summary', {}, t('eval.arithmetic')),
    sheet.result.warnings.length ? h('ul', { class: 'small' }, sheet.result.warnings.map((w) => h('li', {}, w.text))) : null,
    h('ol', { class: 'explanation small', id: 'eval-explanation' }, sheet.result.explanation.map((l) => h('li', {}, l.text)))));
  if (state.focus) document.getElementById(itemAnchor(state.focus))?.scrollIntoView({ block: 'start' });
}
