// The released evaluation result (#/projects/{id}/result, issue 12): what the evaluated organisation's CLIENT reads,
// and the team checks before it goes out: total, grade, pass/fail with reasons, the parts as bars (radar-ready
// figures; the PDF's radar chart is issue 13), every item with its score, N/A justifications and survey figure, and
// a link to the findings. The server sends only an allow-listed projection of the signed snapshot: no rater, visit,
// script or respondent ever reaches this page (server/docs/evaluation.md).
import { t, language } from '../i18n.js';
import { api } from '../api.js';
import { h, mount, crumbs } from '../ui.js';
import { timeElement } from '../time.js';

const pick = (zh, en) => (language() === 'en' ? en || zh : zh || en);
const show = (n) => (n ? n.display : '—');

function partBar(p) {
  const pct = p.percentage ? Math.max(0, Math.min(100, Number(p.percentage.exact.includes('/')
    ? p.percentage.exact.split('/').reduce((a, b) => Number(a) / Number(b)) : p.percentage.exact))) : 0;
  return h('li', { 'data-part': p.key },
    h('div', { class: 'main' },
      h('strong', {}, pick(p.titleZh, p.titleEn)), ' ',
      h('span', { class: 'part-score' }, p.evaluated ? `${show(p.score)} / ${show(p.fullMarks)}` : t('try.notEvaluated')),
      p.percentage ? h('span', { class: 'muted small' }, ` · ${show(p.percentage)} %`) : null,
      h('div', { role: 'img', 'aria-label': `${show(p.percentage)} %`, style: 'background:#e5e7eb;height:.6em;border-radius:.3em;margin-top:.3em' },
        h('div', { style: `background:#2563eb;height:100%;width:${pct}%;border-radius:.3em` }))));
}

function itemLine(i) {
  const score = i.notApplicable ? t('result.na') : i.score ? `${show(i.score)} / ${i.points}` : t(`eval.status.${i.status || 'MISSING'}`);
  return h('li', { class: 'card', 'data-item': i.name },
    h('div', {}, h('strong', {}, i.name), i.clause && i.clause !== i.name ? h('span', { class: 'muted small' }, ` (${i.clause})`) : null,
      ' ', pick(i.textZh, i.textEn)),
    h('div', { class: 'small' }, h('span', { class: 'item-score' }, score)),
    i.notApplicable && i.notApplicableReasons.length
      ? h('div', { class: 'small muted' }, t('result.naReason', i.notApplicableReasons.join('；'))) : null,
    i.surveyScore != null ? h('div', { class: 'small' }, h('span', { class: 'tag' }, t('method.CUSTOMER_SURVEY')), ' ',
      t('eval.survey.score', i.surveyScore), ' ',
      i.surveyScoreLow != null && i.surveyScoreHigh != null ? t('eval.interval', i.surveyScoreLow, i.surveyScoreHigh) : '',
      i.surveyAnswered != null ? [' · ', t('eval.survey.n', i.surveyAnswered)] : null) : null);
}

export async function render(ctx, [projectId]) {
  const r = await api('GET', `/api/v1/projects/${projectId}/result`);
  const title = pick(r.title, r.titleEn);
  const grade = r.grade ? pick(r.grade.nameZh, r.grade.nameEn) : t('eval.noGrade');
  const total = r.total == null ? t('try.noTotal') : `${r.printedTotal || show(r.total)} / ${show(r.fullMarks)}`;
  const scored = r.items.filter((i) => !i.bonus);
  const bonus = r.items.filter((i) => i.bonus);
  mount(crumbs({ href: '#/', label: t('nav.home') }, { href: '#/projects', label: t('projects.title') },
    { href: `#/projects/${projectId}`, label: title }, { label: t('result.title') }),
  h('h1', {}, t('result.title')),
  h('p', { class: 'muted' }, title, ' · ', `${pick(r.schemeTitleZh, r.schemeTitleEn)} (${r.schemeCode})`),
  h('section', { class: 'card', id: 'result-summary' },
    h('p', { class: 'total' }, h('strong', { id: 'result-total' }, total), ' · ', h('strong', { id: 'result-grade' }, grade)),
    h('p', { class: r.passed ? 'good-text' : 'bad-text', id: 'result-verdict' }, t(r.passed ? 'try.passed' : 'try.failed')),
    r.failReasons.length ? h('ul', {}, r.failReasons.map((f) => h('li', {}, f.text))) : null,
    h('p', { class: 'small' }, t('result.revision', r.revision), ' · ', t('result.released'), ' ', timeElement(r.releasedAt)),
    r.survey ? h('p', { class: 'small' }, t('result.survey', pick(r.survey.titleZh, r.survey.titleEn), r.survey.responses ?? '—')) : null,
    h('p', { class: 'small muted', style: 'word-break:break-all' }, 'SHA-256 ', h('code', { id: 'result-hash' }, r.sha256)),
    h('p', {}, h('a', { href: `#/projects/${projectId}/findings`, class: 'button', id: 'result-findings' }, t('result.findings')))),
  h('h2', {}, t('result.parts')),
  // the radar chart of the parts against last year's (issue 13): the server draws the one chart definition as SVG
  h('figure', { class: 'card', id: 'result-radar', style: 'margin:0 0 1em' },
    h('img', { src: `/api/v1/projects/${projectId}/result/radar.svg?lang=${language()}`, alt: t('reports.radarAlt'),
      style: 'width:100%;max-width:480px;height:auto;display:block;margin:auto' })),
  h('ul', { class: 'list', id: 'result-parts' }, r.parts.map(partBar)),
  h('h2', {}, t('result.items')),
  h('ul', { class: 'list', id: 'result-items' }, scored.map(itemLine)),
  bonus.length ? [h('h2', {}, t('eval.bonus')), h('ul', { class: 'list' }, bonus.map(itemLine))] : null,
  r.findings.length ? [h('h2', {}, t('result.findingsSummary')), h('ul', { class: 'list', id: 'result-finding-list' },
    r.findings.map((f) => h('li', {}, [f.clause, pick(f.findingZh || f.textZh || f.finding, f.findingEn || f.textEn),
      f.state || f.status].filter(Boolean).join(' · '))))] : null);
}
