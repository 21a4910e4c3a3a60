// Agreement between the two raters of a project's two-rater visits (#/projects/{id}/evaluation/agreement,
// issue 12): per project, part and rater pair the share of pairs within tolerance and a chance-corrected statistic
// with its 95 % interval; every difference (linking to both visits and back to the item on the sheet); per rater
// how often a reconciliation changed their rating. Read-only; computed by the server (server/docs/evaluation.md).
import { t, language } from '../i18n.js';
import { api, ApiError } from '../api.js';
import { h, mount, crumbs } from '../ui.js';
import { timeElement } from '../time.js';
import { projectTitle } from './projects.js';
import { valueText } from './visitreview.js';

const pick = (zh, en) => (language() === 'en' ? en || zh : zh || en);
const fixed = (v) => (v == null ? '—' : Number(v).toFixed(3));

function share(s) {
  if (!s) return '—';
  return `${s.percent} % (${s.agreeing}/${s.pairs}; 95 % ${s.low}–${s.high} %)`;
}

function statistic(s) {
  if (!s) return '—';
  const name = t(`agr.kind.${s.kind}`);
  if (s.undefined) return `${name}: ${t(`agr.undefined.${s.undefined}`)}`;
  const ci = s.low != null && s.high != null ? ` (95 % ${fixed(s.low)}–${fixed(s.high)})` : '';
  return `${name} ${fixed(s.value)}${ci}`;
}

function groupTitle(g) {
  if (g.level === 'PROJECT') return t('agr.level.PROJECT');
  if (g.level === 'PART') return `${t('agr.level.PART')} ${pick(g.partTitleZh, g.partTitleEn)}`;
  return `${g.firstRaterName || g.firstRater} × ${g.secondRaterName || g.secondRater}`;
}

function groupCard(g) {
  return h('li', { class: 'card agr-group', 'data-level': g.level, 'data-type': g.answerType },
    h('strong', {}, groupTitle(g)), ' ', h('span', { class: 'tag' }, t(`agr.type.${g.answerType}`)),
    h('dl', { class: 'facts small' },
      h('dt', {}, t('agr.pairs')), h('dd', {}, t('agr.pairsText', g.pairs, g.rated, g.notApplicableAgainstValue, g.bothNotApplicable)),
      h('dt', {}, t('agr.within', g.tolerance)), h('dd', { class: 'agr-within' }, share(g.withinTolerance)),
      h('dt', {}, t('agr.exact')), h('dd', {}, share(g.exact)),
      h('dt', {}, t('agr.statistic')), h('dd', { class: 'agr-statistic' }, statistic(g.statistic)),
      h('dt', {}, t('agr.gwet')), h('dd', { class: 'agr-gwet' }, statistic(g.gwet))));
}

function differenceLine(d, projectId) {
  const p = d.pair;
  const item = { answerType: d.answerType };
  const side = (s) => [h('a', { href: `#/visits/${s.visitId}/review` }, valueText(item, s)), ' ', s.raterName || s.rater,
    ' (', t('eval.visit', s.visitId), ')'];
  const c = p.reconciliation;
  return h('li', { class: `agr-difference${p.beyondTolerance ? ' flagged' : ''}`, 'data-item': d.itemCode },
    h('div', { class: 'main' },
      h('a', { href: `#/projects/${projectId}/evaluation` }, h('strong', {}, d.itemCode)), ' ', pick(d.textZh, d.textEn),
      h('div', { class: 'small' }, t('eval.pair.plan', p.planId), ': ', side(p.first), ' ', t('eval.pair.vs'), ' ',
        side(p.second), ' · ', p.gap == null ? t('eval.pair.naGap') : t('eval.pair.gap', p.gap, p.tolerance)),
      h('div', { class: 'small' },
        p.beyondTolerance ? h('span', { class: 'tag flag' }, t('eval.pair.flagged')) : h('span', { class: 'tag off' }, t('agr.withinTag')),
        ' ', c ? [h('span', { class: 'tag' }, t('eval.pair.confirmed')), ' ', valueText(item, c), ' · ', c.reason]
          : p.beyondTolerance ? h('span', { class: 'bad-text' }, t('eval.pair.waiting')) : null)));
}

export async function render(ctx, [projectId]) {
  const team = ['ADMIN', 'LEAD', 'AUDITOR'].some((r) => ctx.me.roles.includes(r));
  if (!team) throw new ApiError(404, { detail: t('eval.notReleased') });
  const [view, report] = await Promise.all([api('GET', `/api/v1/projects/${projectId}`),
    api('GET', `/api/v1/projects/${projectId}/evaluation/agreement`)]);
  const title = projectTitle(view.project);
  const levels = ['PROJECT', 'PART', 'RATER_PAIR'];
  mount(crumbs({ href: '#/', label: t('nav.home') }, { href: '#/projects', label: t('projects.title') },
    { href: `#/projects/${projectId}`, label: title }, { href: `#/projects/${projectId}/evaluation`, label: t('eval.title') },
    { label: t('agr.title') }),
  h('h1', {}, t('agr.title')),
  h('section', { class: 'card', id: 'agr-summary' },
    h('p', {}, t('agr.summary', report.twoRaterPlans, report.pairs, report.beyondTolerance, report.reconciled)),
    h('p', { class: 'muted small' }, t('agr.rule')),
    h('p', { class: 'muted small' }, t('eval.computedAt'), ' ', timeElement(report.computedAt))),
  report.pairs ? null : h('p', { class: 'muted', id: 'agr-none' }, t('agr.none')),
  levels.map((level) => {
    const groups = report.groups.filter((g) => g.level === level);
    return groups.length ? [h('h2', {}, t(`agr.heading.${level}`)),
      h('ul', { class: 'list', id: `agr-${level}` }, groups.map(groupCard))] : null;
  }),
  h('h2', {}, t('agr.differences', report.differences.length)),
  report.differences.length ? h('ul', { class: 'list', id: 'agr-differences' }, report.differences.map((d) => differenceLine(d, projectId)))
    : h('p', { class: 'muted' }, t('agr.noDifferences')),
  h('h2', {}, t('agr.changes')),
  h('ul', { class: 'list', id: 'agr-changes' }, report.changeRates.map((c) => h('li', { 'data-rater': c.rater },
    h('div', { class: 'main' }, h('strong', {}, c.raterName || c.rater), ' · ',
      t('agr.changeText', c.changed, c.ratings, c.percent, c.low, c.high))))));
}
