import { t, language } from '../i18n.js';
import { api } from '../api.js';
import { h, mount, crumbs } from '../ui.js';
import { campaignTitle } from './campaign.js';

const num = (v) => (v === null || v === undefined ? '—' : String(v));
const score = (s) => (s.score === null ? '—' : `${s.score} (${num(s.scoreLow)}–${num(s.scoreHigh)})`);

export async function render(ctx, [campaignId]) {
  const [c, r] = await Promise.all([api('GET', `/api/v1/campaigns/${campaignId}`),
    api('GET', `/api/v1/campaigns/${campaignId}/results`)]);
  const text = (q) => (language() === 'en' ? q.textEn : q.textZh);
  const cell = (s) => [h('td', {}, num(s.answered)), h('td', {}, num(s.mean)),
    h('td', {}, s.satisfactionPercent === null ? '—' : `${s.satisfactionPercent}%`), h('td', {}, score(s))];
  mount(crumbs({ href: '#/', label: t('nav.home') }, { href: `#/campaigns/${campaignId}`, label: campaignTitle(c) },
    { label: t('results.title') }),
  h('h1', {}, t('results.title')),
  h('p', { id: 'results-summary' }, t('results.responses', r.online, r.offline, r.excluded, r.flagged)),
  h('p', { class: 'small muted' }, t('results.mapping', r.likertMapping, r.lowScoreThreshold), ' · ',
    h('a', { href: `/api/v1/campaigns/${campaignId}/results.csv` }, t('results.csv'))),
  r.questions.map((q) => h('div', { class: `card${q.belowThreshold ? ' low' : ''}`, 'data-question': q.questionId },
    h('strong', {}, `${q.position}. ${text(q)}`), q.belowThreshold ? h('span', { class: 'tag off' }, ` ${t('results.low')}`) : null,
    h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
      h('thead', {}, h('tr', {}, h('th', {}), h('th', {}, t('results.n')), h('th', {}, t('results.mean')),
        h('th', {}, t('results.sat')), h('th', {}, t('results.score')))),
      h('tbody', {}, ['online', 'offline', 'merged'].map((ch) => h('tr', {}, h('th', {}, t(`results.${ch}`)),
        cell(q.all[ch])))))))),
  h('h2', {}, t('results.points')),
  h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'point-results' },
    h('thead', {}, h('tr', {}, h('th', {}, t('offline.point')), h('th', {}, t('results.online')), h('th', {}, t('results.offline')),
      h('th', {}, t('results.households')), h('th', {}, t('results.rate')))),
    h('tbody', {}, r.points.map((p) => h('tr', {}, h('th', {}, p.locationName), h('td', {}, p.online), h('td', {}, p.offline),
      h('td', {}, num(p.households)), h('td', {}, num(p.responsesPerHousehold))))))));
}
