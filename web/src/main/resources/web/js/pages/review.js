import { t, language } from '../i18n.js';
import { api } from '../api.js';
import { h, mount, crumbs, form } from '../ui.js';
import { campaignTitle } from './campaign.js';
import { timeElement, formatTime } from '../time.js';

const FILTERS = { flagged: '?flagged=true', all: '', excluded: '?excluded=true' };
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

/**
 * A flag's reason from its code and arguments, in the page's language: times in Beijing time, survey point ids as
 * the points' names. The server's text (in the language the page asked for) is the fallback for a code this page
 * does not know.
 */
function flagReason(f, pointNames) {
  const key = `flagReason.${f.reason.code}`;
  if (t(key) === key) return f.reason.text;
  const args = f.reason.args.map((a) => {
    if (ISO_INSTANT.test(a)) return formatTime(a);
    if (/^\d+(, \d+)*$/.test(a) && f.reason.code.startsWith('survey.flag.same-browser-twice')
      && a.split(', ').every((id) => pointNames.has(id))) {
      return a.split(', ').map((id) => pointNames.get(id)).join('、');
    }
    return a;
  });
  return t(key, ...args);
}

function answerText(v) {
  return v === null || v === undefined ? t('survey.a0') : `${v} ${t(`survey.a${v}`)}`;
}

export async function render(ctx, [campaignId], filter = 'flagged') {
  const [c, responses] = await Promise.all([api('GET', `/api/v1/campaigns/${campaignId}`),
    api('GET', `/api/v1/campaigns/${campaignId}/responses${FILTERS[filter]}${FILTERS[filter] ? '&' : '?'}limit=200`)]);
  const lead = ctx.me.roles.includes('LEAD');
  const text = (q) => (language() === 'en' ? q.textEn : q.textZh);
  const questions = new Map(c.questions.map((q) => [q.id, q]));
  const pointNames = new Map(c.points.map((p) => [String(p.id), p.locationName]));
  const again = () => render(ctx, [campaignId], filter);

  const reasonForm = (id, label, confirmKey, path) => form({
    id,
    fields: [{ name: 'reason', label: t('review.reason.label'), required: true, type: 'textarea' }],
    submitLabel: label,
    async submit(v) {
      // Both change what counts in the results: ask once more.
      if (!window.confirm(t(confirmKey))) return;
      await api('POST', path, { reason: v.reason || '' });
      await again();
    },
  });

  const card = (r) => {
    const base = `/api/v1/campaigns/${campaignId}/responses/${r.id}/exclusion`;
    const leadExcluded = r.exclusion && r.exclusion.cause === 'LEAD_REVIEW';
    return h('li', { 'data-response': r.id, class: r.excluded ? 'excluded' : null },
      h('div', { class: 'main' },
        h('strong', {}, `#${r.id}`), ' ', h('span', {}, r.locationName), ' · ', t(`review.channel.${r.channel}`), h('br'),
        h('span', { class: 'small' }, timeElement(r.submittedAt),
          r.secondsTaken !== null && r.secondsTaken !== undefined ? ` · ${t('review.taken', r.secondsTaken)}` : '',
          r.maskedPhone ? ` · ${r.maskedPhone}` : ''),
        r.supersededBy ? h('p', { class: 'small superseded' }, h('span', { class: 'tag draft' }, t('review.superseded')), ' ',
          t('review.supersededText', r.currentId), ' ', timeElement(r.supersededAt)) : null,
        r.flags.length ? h('ul', { class: 'plain flags' }, r.flags.map((f) => h('li', {},
          h('span', { class: 'tag' }, t(`review.flag.${f.kind}`)), ' ', h('span', { class: 'small' }, flagReason(f, pointNames)))))
          : null,
        h('details', { class: 'answers' }, h('summary', {}, t('review.answers', r.answers.length)),
          h('ol', { class: 'plain' }, [...r.answers].sort((a, b) => (questions.get(a.questionId)?.position ?? 0)
            - (questions.get(b.questionId)?.position ?? 0)).map((a) => {
            const q = questions.get(a.questionId);
            return h('li', {}, q ? `${q.position}. ${text(q)}` : `#${a.questionId}`, ': ', h('strong', {}, answerText(a.value)));
          }))),
        r.comment ? h('p', { class: 'small' }, `${t('review.comment')}: ${r.comment}`) : null,
        r.exclusion ? h('p', { class: 'small exclusion' }, h('span', { class: 'tag off' }, t(`review.cause.${r.exclusion.cause}`)), ' ',
          t('review.excludedBy', r.exclusion.byName || '—'), ' ', r.exclusion.at ? timeElement(r.exclusion.at) : '',
          h('br'), t('review.excluded', r.exclusion.reason)) : null,
        r.history.length ? h('details', { class: 'history' }, h('summary', {}, t('review.history', r.history.length)),
          h('ul', { class: 'plain' }, r.history.map((e) => h('li', { class: 'small' },
            timeElement(e.at), ' · ', t(`review.action.${e.action}`, e.byName || '—'), ': ', e.reason || '')))) : null),
      lead && !r.excluded && !r.supersededBy ? h('details', { class: 'act' }, h('summary', {}, t('review.exclude')),
        reasonForm(`exclude-${r.id}`, t('review.exclude'), 'review.exclude.confirm', base)) : null,
      lead && leadExcluded && !r.supersededBy ? h('details', { class: 'act' }, h('summary', {}, t('review.undo')),
        reasonForm(`undo-${r.id}`, t('review.undo'), 'review.undo.confirm', `${base}/undo`)) : null);
  };

  mount(crumbs({ href: '#/', label: t('nav.home') }, { href: `#/campaigns/${campaignId}`, label: campaignTitle(c) },
    { label: t('review.heading') }),
  h('h1', {}, t('review.heading')),
  h('div', { class: 'filters', role: 'group', 'aria-label': t('review.filter') }, Object.keys(FILTERS).map((k) => h('button', {
    type: 'button', class: k === filter ? 'secondary current' : 'secondary', 'aria-pressed': k === filter ? 'true' : 'false',
    'data-filter': k, onclick: () => render(ctx, [campaignId], k) }, t(`review.filter.${k}`)))),
  responses.length ? h('ul', { class: 'list', id: 'review-list' }, responses.map(card))
    : h('p', { class: 'muted', id: 'review-none' }, t(`review.none.${filter}`)));
}
