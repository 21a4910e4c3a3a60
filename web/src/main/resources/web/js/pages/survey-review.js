// The survey review (issue 12, 001:L401): the counted campaign's low-scoring survey items, each beside the
// on-site ratings of the same item or service area (visits, management audit), the respondents' comments (staff
// only) and the lead's decision: enlarge the sample, check on site, or accept, with a note. Earlier decisions stay
// listed under the current one. GET/POST /api/v1/projects/{id}/evaluation/survey-review[/decisions].
import { t, language } from '../i18n.js';
import { api, ApiError } from '../api.js';
import { h, mount, form, crumbs, alertBox } from '../ui.js';
import { timeElement } from '../time.js';
import { projectTitle } from './projects.js';
import { valueText } from './visitreview.js';

const pick = (zh, en) => (language() === 'en' ? en || zh : zh || en);
const DECISIONS = ['ENLARGE_SAMPLE', 'CHECK_ON_SITE', 'ACCEPT'];

function decisionLine(d) {
  return h('li', { class: 'decision', 'data-decision': d.decision },
    h('strong', {}, t(`surveyReview.decision.${d.decision}`)), ' · ', d.decidedByName || '', ' · ',
    timeElement(d.decidedAt), h('div', { class: 'small' }, d.note));
}

function onSiteBlock(o) {
  const ratings = o.ratings.length
    ? h('ul', { class: 'list ratings small' }, o.ratings.map((rt) => h('li', {},
      h('strong', {}, valueText(o, rt)), ' · ', rt.raterName || rt.rater, ' · ',
      h('span', { class: 'tag' }, t(`visits.mode.${rt.mode}`)), ' ',
      h('a', { href: `#/visits/${rt.visitId}/review` }, t('eval.visit', rt.visitId)),
      rt.note ? h('div', { class: 'muted small' }, rt.note) : null)))
    : h('p', { class: 'muted small' }, t('surveyReview.noRatings'));
  return h('li', { class: 'on-site', 'data-item': o.itemCode },
    h('div', {}, h('strong', {}, `${o.clause} ${o.itemCode}`), ' ', pick(o.textZh, o.textEn), ' ',
      h('span', { class: 'tag off' }, t(`surveyReview.relation.${o.relation}`))), ratings);
}

function itemCard(projectId, it, manages, again) {
  const sv = it.survey;
  const interval = sv.scoreLow != null ? ` (${sv.scoreLow}–${sv.scoreHigh})` : '';
  const decide = manages ? form({
    id: `decide-${it.itemCode}`,
    fields: [
      { name: 'decision', label: t('surveyReview.f.decision'), type: 'radios', big: true,
        value: it.decision ? it.decision.decision : null,
        options: DECISIONS.map((d) => [d, t(`surveyReview.decision.${d}`)]) },
      { name: 'note', label: t('surveyReview.f.note'), type: 'textarea', required: true, hint: t('surveyReview.f.note.hint') },
    ],
    submitLabel: t('surveyReview.save'),
    async submit(v) {
      if (!window.confirm(t('surveyReview.confirm', it.itemCode))) return;
      await api('POST', `/api/v1/projects/${projectId}/evaluation/survey-review/decisions`,
        { itemCode: it.itemCode, decision: v.decision, note: v.note });
      await again(alertBox('good', h('span', { id: 'survey-review-saved' }, t('surveyReview.saved', it.itemCode))));
    },
  }) : null;
  return h('article', { class: 'card low-item', 'data-item': it.itemCode },
    h('h2', {}, `${it.clause} ${it.itemCode} `, h('span', { class: 'small' }, pick(it.textZh, it.textEn))),
    h('p', {}, h('span', { class: 'tag' }, t('method.CUSTOMER_SURVEY')), ' ',
      h('strong', { class: 'bad-text' }, t('eval.survey.score', sv.score)), interval, ' · ', t('eval.survey.n', sv.answered),
      it.clearlyBelow ? [' · ', h('span', { class: 'tag flag' }, t('surveyReview.clearlyBelow'))] : null, ' · ',
      h('a', { href: `#/campaigns/${sv.campaignId}/results` }, t('eval.survey.results'))),
    h('h3', {}, t('surveyReview.onSite')),
    it.onSite.length ? h('ul', { class: 'list' }, it.onSite.map(onSiteBlock))
      : h('p', { class: 'muted small' }, t('surveyReview.noOnSite')),
    h('h3', {}, t('surveyReview.comments', it.comments.length)),
    it.comments.length ? h('ul', { class: 'list small comments' }, it.comments.map((c) => h('li', {},
      `${c.value} / 5 · `, timeElement(c.submittedAt), h('div', {}, c.comment))))
      : h('p', { class: 'muted small' }, t('surveyReview.noComments')),
    h('h3', {}, t('surveyReview.decisionTitle')),
    it.decision ? h('ul', { class: 'list current-decision' }, decisionLine(it.decision))
      : h('p', { class: 'muted small no-decision' }, t('surveyReview.undecided')),
    it.history.length > 1 ? h('details', { class: 'small' }, h('summary', {}, t('surveyReview.earlier', it.history.length - 1)),
      h('ul', { class: 'list earlier' }, it.history.slice(1).map(decisionLine))) : null,
    decide);
}

export async function render(ctx, [projectId], flash = null) {
  const team = ['ADMIN', 'LEAD', 'AUDITOR'].some((r) => ctx.me.roles.includes(r));
  if (!team) throw new ApiError(404, { detail: t('eval.notReleased') });
  const [view, review] = await Promise.all([api('GET', `/api/v1/projects/${projectId}`),
    api('GET', `/api/v1/projects/${projectId}/evaluation/survey-review`)]);
  const manages = ctx.me.roles.includes('ADMIN') || ctx.me.id === view.project.leadUserId;
  const again = (notice) => render(ctx, [projectId], notice);
  const s = review.survey;
  mount(crumbs({ href: '#/', label: t('nav.home') }, { href: '#/projects', label: t('projects.title') },
    { href: `#/projects/${projectId}`, label: projectTitle(view.project) },
    { href: `#/projects/${projectId}/evaluation`, label: t('eval.title') }, { label: t('surveyReview.title') }),
  h('h1', {}, t('surveyReview.title')),
  h('div', { id: 'survey-review-notice', 'aria-live': 'polite' }, flash),
  h('p', { class: 'muted small' }, s.campaignId == null ? t('eval.survey.none')
    : t('surveyReview.intro', pick(s.titleZh, s.titleEn), review.threshold)),
  review.items.length ? h('div', { id: 'low-items' }, review.items.map((it) => itemCard(projectId, it, manages, again)))
    : h('p', { id: 'no-low-items' }, t('surveyReview.none')));
  if (flash) document.getElementById('survey-review-notice')?.scrollIntoView();
}
