import { t, language } from '../i18n.js';
import { api } from '../api.js';
import { h, mount, crumbs } from '../ui.js';
import { campaignTitle } from './campaign.js';

// One number format on the page, in the page's locale: scores (0-100) and percentages with 1 decimal, means on the
// 1-5 scale with 2. The API sends more digits (and the CSV keeps them); only the page rounds.
const formats = {};
function fmt(v, digits) {
  if (v === null || v === undefined || v === '') return '—';
  const lang = language() === 'en' ? 'en' : 'zh-CN';
  const key = `${lang}:${digits}`;
  formats[key] ??= new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return formats[key].format(Number(v));
}
const score = (v) => fmt(v, 1);
const pct = (v) => (v === null || v === undefined ? '—' : `${fmt(v, 1)}%`);
const mean = (v) => fmt(v, 2);
const range = (low, high, f) => (low === null || low === undefined ? '' : ` (${f(low)}–${f(high)})`);

/** "78.5 (74.1–82.9)": a value and its 95 % interval; the interval is left out where there is none (n < 2). */
const withInterval = (v, low, high, f) => (v === null || v === undefined ? '—' : `${f(v)}${range(low, high, f)}`);

function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(Boolean).map(([k, v, attrs]) => [h('dt', {}, k), h('dd', attrs || {}, v)]));
}

function statFacts(s) {
  return facts([
    [t('results.meanCi'), withInterval(s.mean, s.meanLow, s.meanHigh, mean)],
    [t('results.satCi'), withInterval(s.satisfactionPercent, s.satisfactionLow, s.satisfactionHigh, pct)],
    [t('results.n'), String(s.answered)],
    [t('results.dontKnow'), String(s.dontKnows)],
    s.notApplicable ? [t('results.notApplicable'), String(s.notApplicable)] : null,
  ]);
}

function scoreLine(s, cls) {
  return h('p', { class: `score-line ${cls || ''}` }, h('span', { class: 'muted small' }, `${t('results.scoreCi')} `),
    h('strong', { class: 'score' }, withInterval(s.score, s.scoreLow, s.scoreHigh, score)));
}

export async function render(ctx, [campaignId]) {
  const [c, r] = await Promise.all([api('GET', `/api/v1/campaigns/${campaignId}`),
    api('GET', `/api/v1/campaigns/${campaignId}/results`)]);
  const text = (q) => (language() === 'en' ? q.textEn : q.textZh);
  const questions = new Map(r.questions.map((q) => [String(q.questionId), q]));
  const o = r.overall;
  mount(crumbs({ href: '#/', label: t('nav.home') }, { href: `#/campaigns/${campaignId}`, label: campaignTitle(c) },
    { label: t('results.title') }),
  h('h1', {}, t('results.title')),
  h('p', { id: 'results-summary' }, t('results.responses', r.online, r.offline, r.excluded, r.flagged)),
  h('div', { class: `card${o.belowThreshold ? ' low' : ''}`, id: 'overall-score' },
    h('strong', {}, t('results.overall')), o.belowThreshold ? h('span', { class: 'tag off' }, t('results.low')) : null,
    scoreLine(o),
    facts([
      [t('results.responseRate'), r.responseRatePercent === null
        ? '—' : t('results.rateOf', pct(r.responseRatePercent), r.online + r.offline, r.households), { id: 'response-rate' }],
      [t('results.weighting'), t(`results.weighting.${o.weighting}`, o.items)],
      [t('results.mappingLabel'), t(`likert.${r.likertMapping}`)],
      [t('results.threshold'), score(r.lowScoreThreshold)],
    ]),
    h('p', { class: 'small' }, h('a', { href: `/api/v1/campaigns/${campaignId}/results.csv`, id: 'results-csv' }, t('results.csv')),
      ' · ', t('export.responses'), ' ', h('a', { id: 'export-responses-csv', href: `/api/v1/campaigns/${campaignId}/exports/responses?format=csv` }, 'CSV'),
      ' ', h('a', { id: 'export-responses-xlsx', href: `/api/v1/campaigns/${campaignId}/exports/responses?format=xlsx` }, 'XLSX'))),
  h('h2', {}, t('results.byQuestion')),
  r.questions.map((q) => h('div', { class: `card${q.belowThreshold ? ' low' : ''}`, 'data-question': q.questionId },
    h('strong', {}, `${q.position}. ${text(q)}`), ' ',
    q.belowThreshold ? h('span', { class: 'tag off' }, t(q.clearlyBelow ? 'results.clearlyLow' : 'results.low')) : null,
    !q.scored ? h('span', { class: 'tag' }, t('results.unscored')) : null,
    scoreLine(q.all.merged),
    statFacts(q.all.merged),
    h('details', {}, h('summary', {}, t('results.byChannel')),
      ['online', 'offline'].map((ch) => h('div', { class: 'channel' }, h('strong', {}, t(`results.${ch}`)),
        scoreLine(q.all[ch], 'small'), statFacts(q.all[ch])))))),
  h('h2', {}, t('results.points')),
  h('ul', { class: 'list', id: 'point-results' }, r.points.map((p) => h('li', { 'data-point': p.pointId },
    h('div', { class: 'main' },
      h('strong', {}, p.locationName), ' ',
      p.overall.belowThreshold ? h('span', { class: 'tag off' }, t('results.low')) : null,
      scoreLine(p.overall),
      facts([
        [t('results.pointResponses'), t('results.onOff', p.online, p.offline)],
        [t('results.households'), p.households === null ? '—' : String(p.households)],
        [t('results.responseRate'), pct(p.responseRatePercent)],
      ]),
      p.online + p.offline > 0 ? h('details', {}, h('summary', {}, t('results.pointQuestions')),
        h('ul', { class: 'plain' }, Object.entries(p.byQuestion).map(([qid, s]) => h('li', {
          class: p.questionsBelowThreshold.includes(Number(qid)) ? 'low-item' : null },
        `${questions.get(qid).position}. ${text(questions.get(qid))}: `,
        h('strong', {}, withInterval(s.score, s.scoreLow, s.scoreHigh, score)),
        ` · ${t('results.n')} ${s.answered}`,
        p.questionsBelowThreshold.includes(Number(qid)) ? h('span', { class: 'tag off' }, t('results.low')) : null)))) : null)))));
}
