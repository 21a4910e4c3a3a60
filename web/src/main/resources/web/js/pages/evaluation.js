// The evaluation sheet of a project (#/projects/{id}/evaluation, issue 12 first part): the live total and grade
// (provisional while items have no evidence), then part by part every item of the pinned scheme with its ratings
// (rater, visit, answer, photos, each linking to the visit), the customer survey's score with its interval and n,
// and the items still missing. Read-only; the server computes everything (server/docs/evaluation.md).
import { t, language } from '../i18n.js';
import { api, ApiError } from '../api.js';
import { h, mount, crumbs } from '../ui.js';
import { timeElement } from '../time.js';
import { projectTitle } from './projects.js';
import { valueText } from './visitreview.js';

const pick = (zh, en) => (language() === 'en' ? en || zh : zh || en);
const show = (n) => (n ? n.display : '—');

/** The engine's result per item name (items of the parts and bonus items). */
function resultsByName(result) {
  const out = new Map();
  result.parts.forEach((p) => p.groups.forEach((g) => g.items.forEach((i) => out.set(i.code, i))));
  result.bonusItems.forEach((i) => out.set(i.code, i));
  return out;
}

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
  return h('section', { class: 'card', id: 'eval-summary' },
    h('p', { class: 'total' }, h('strong', { id: 'eval-total' }, total), ' · ', h('strong', { id: 'eval-grade' }, grade)),
    sheet.provisional
      ? h('p', { id: 'eval-provisional' }, h('span', { class: 'tag draft' }, t('eval.provisional')), ' ',
        sheet.provisionalReasons.map((x) => (x === 'MISSING_ITEMS' ? t('eval.missingCount', sheet.missingCount)
          : t('eval.surveyOpen'))).join(' · '))
      : h('p', { id: 'eval-provisional', class: 'good-text' }, t('eval.complete')),
    h('p', { class: r.passed ? 'good-text' : 'bad-text', id: 'eval-verdict' }, t(r.passed ? 'try.passed' : 'try.failed')),
    r.failReasons.length ? h('ul', { id: 'eval-fail-reasons' }, r.failReasons.map((f) => h('li', {}, f.message.text))) : null,
    h('dl', { class: 'facts' },
      h('dt', {}, t('eval.scheme')), h('dd', {}, `${pick(sheet.schemeTitleZh, sheet.schemeTitleEn)} (${sheet.schemeCode})`),
      h('dt', {}, t('eval.visits')), h('dd', {}, h('a', { href: `#/projects/${projectId}/visits` }, String(sheet.approvedVisits))),
      h('dt', {}, t('eval.survey')), h('dd', { id: 'eval-survey-source' }, surveyLine),
      h('dt', {}, t('eval.computedAt')), h('dd', {}, timeElement(sheet.computedAt))),
    sheet.hiddenVisits ? h('p', { class: 'muted small', id: 'eval-hidden' }, t('eval.hidden', sheet.hiddenVisits)) : null,
    h('p', { class: 'muted small' }, t('eval.campaignRule')));
}

function ratingLine(row, rt) {
  const who = rt.raterName || rt.rater;
  return h('li', { 'data-answer': rt.answerId },
    h('div', { class: 'main' },
      h('strong', {}, valueText(row, rt)), ' · ', who, ' · ',
      h('a', { href: `#/visits/${rt.visitId}/review`, class: 'visit-link' }, t('eval.visit', rt.visitId)), ' ',
      h('span', { class: 'tag' }, t(`visits.mode.${rt.mode}`)),
      rt.notApplicable && rt.notApplicableReason ? h('div', { class: 'muted small' }, t('eval.naReason', rt.notApplicableReason)) : null,
      rt.note ? h('div', { class: 'muted small' }, rt.note) : null,
      rt.photoIds.length ? h('div', { class: 'small' }, rt.photoIds.map((p, i) => [i ? ' ' : '',
        h('a', { href: `/api/v1/visits/${rt.visitId}/photos/${p}`, target: '_blank', rel: 'noopener', class: 'photo-link' },
          t('eval.photo', p))])) : null));
}

function surveyLine(sv) {
  const interval = sv.scoreLow != null && sv.scoreHigh != null ? t('eval.interval', sv.scoreLow, sv.scoreHigh) : '';
  return h('p', { class: 'survey-evidence' }, h('span', { class: 'tag' }, t('method.CUSTOMER_SURVEY')), ' ',
    sv.score == null ? t('eval.survey.noAnswers')
      : [h('strong', {}, t('eval.survey.score', sv.score)), ' ', interval, ' · ', t('eval.survey.n', sv.answered)],
    ' · ', h('a', { href: `#/campaigns/${sv.campaignId}/results` }, t('eval.survey.results')));
}

function itemCard(row, res) {
  const scored = res && res.status === 'SCORED';
  const status = !res ? '' : res.status === 'SCORED'
    ? `${show(res.achieved)} / ${show(res.points)}` : t(`eval.status.${res.status}`);
  return h('li', { class: `card eval-item${row.missing ? ' missing' : ''}`, 'data-item': row.name },
    h('div', { class: 'eval-item-head' },
      h('strong', {}, row.name), ' ', pick(row.textZh, row.textEn),
      h('div', { class: 'small' }, h('span', { class: 'item-score' }, status),
        scored ? [' · ', t('eval.coefficient', show(res.coefficient)), ' · ', t('eval.averaged', res.ratings, res.raters)] : null),
      h('div', { class: 'small' }, row.methods.map((m) => h('span', { class: 'tag off' }, t(`method.${m}`))))),
    row.missing ? h('p', { class: 'bad-text small missing-note' }, t('eval.missing'),
      row.laterMethods.length ? [' ', t('eval.laterMethods', row.laterMethods.map((m) => t(`method.${m}`)).join('、'))] : null) : null,
    row.ratings.length ? h('ul', { class: 'list ratings' }, row.ratings.map((rt) => ratingLine(row, rt))) : null,
    row.survey ? surveyLine(row.survey) : null,
    res && res.explanation.length ? h('details', { class: 'small' }, h('summary', {}, t('try.explanation')),
      h('ol', { class: 'explanation' }, res.explanation.map((l) => h('li', {}, l.text)))) : null);
}

export async function render(ctx, [projectId]) {
  const team = ['ADMIN', 'LEAD', 'AUDITOR'].some((r) => ctx.me.roles.includes(r));
  if (!team) throw new ApiError(404, { detail: t('eval.notReleased') });
  const [view, sheet] = await Promise.all([api('GET', `/api/v1/projects/${projectId}`),
    api('GET', `/api/v1/projects/${projectId}/evaluation`)]);
  const title = projectTitle(view.project);
  const byName = resultsByName(sheet.result);
  const rows = new Map();
  sheet.items.forEach((r) => rows.set(r.name, r));
  const onlyMissing = h('input', { type: 'checkbox', id: 'eval-only-missing' });
  const body = h('div', { id: 'eval-parts' });
  const draw = () => {
    const keep = (name) => !onlyMissing.checked || rows.get(name)?.missing;
    const parts = sheet.result.parts.map((p) => h('section', { class: 'eval-part', 'data-part': p.key },
      h('h2', {}, pick(p.titleZh, p.titleEn), ' ',
        h('span', { class: 'muted small' }, p.evaluated === false ? t('try.notEvaluated')
          : `${p.printedScore || show(p.score)} / ${show(p.points)}${p.percentage ? ` · ${show(p.percentage)} %` : ''}`)),
      p.groups.map((g) => {
        const items = g.items.filter((i) => keep(i.code));
        if (!items.length) return null;
        return [h('h3', {}, `${g.clause} ${pick(g.titleZh, g.titleEn)} `,
          h('span', { class: 'muted small' }, `${show(g.achieved)} / ${show(g.points)}`)),
        h('ul', { class: 'list eval-items' }, items.map((i) => itemCard(rows.get(i.code), i)))];
      })));
    const bonus = sheet.items.filter((r) => r.bonus && keep(r.name));
    body.replaceChildren(...parts, bonus.length ? h('section', { class: 'eval-part', 'data-part': 'bonus' },
      h('h2', {}, t('eval.bonus'), ' ', h('span', { class: 'muted small' }, show(sheet.result.bonusItemPoints))),
      h('ul', { class: 'list eval-items' }, bonus.map((r) => itemCard(r, byName.get(r.name))))) : '');
  };
  onlyMissing.addEventListener('change', draw);
  draw();
  mount(crumbs({ href: '#/', label: t('nav.home') }, { href: '#/projects', label: t('projects.title') },
    { href: `#/projects/${projectId}`, label: title }, { label: t('eval.title') }),
  h('h1', {}, t('eval.title')),
  h('p', {}, h('a', { href: `#/projects/${projectId}/evaluation/sign-off`, id: 'eval-sign-off' }, t('signoff.link'))),
  summary(sheet, projectId),
  h('label', { class: 'check' }, onlyMissing, ' ', t('eval.onlyMissing', sheet.missingCount)),
  body,
  h('details', { class: 'card' }, h('summary', {}, t('eval.arithmetic')),
    sheet.result.warnings.length ? h('ul', { class: 'small' }, sheet.result.warnings.map((w) => h('li', {}, w.text))) : null,
    h('ol', { class: 'explanation small', id: 'eval-explanation' }, sheet.result.explanation.map((l) => h('li', {}, l.text)))));
}
