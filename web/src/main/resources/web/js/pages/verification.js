// The lead's call-back verification of a campaign: draw (or redraw with a reason), the revealed seed, progress,
// assignment to verifiers, the denial alarm with the enlargement offer, and the report (before / after).
import { t, language } from '../i18n.js';
import { api } from '../api.js';
import { h, mount, crumbs, alertBox, errorText, form } from '../ui.js';
import { formatTime, fromBeijingInput } from '../time.js';
import { campaignTitle } from './campaign.js';
import { outcomeTag } from './callbacks.js';

const pct = (r) => (r ? `${r.percent}% (${r.low}–${r.high}%)` : '—');

export async function render(ctx, [campaignId]) {
  const base = `/api/v1/campaigns/${campaignId}/callback`;
  const [c, o] = await Promise.all([api('GET', `/api/v1/campaigns/${campaignId}`), api('GET', base)]);
  const lead = ctx.me.roles.includes('LEAD');
  const notice = h('div', { 'aria-live': 'polite' });
  const again = () => render(ctx, [campaignId]);
  const drawForm = (redraw) => form({
    id: redraw ? 'redraw-form' : 'draw-form',
    fields: [
      { name: 'rate', label: t('verify.rate'), type: 'number', step: '0.01', value: redraw ? '' : c.callbackRate, hint: t('verify.rate.hint') },
      { name: 'cutoff', label: t('verify.cutoff'), type: 'datetime-local',
        hint: `${t('verify.cutoff.hint')} ${t('time.beijingInput')}` },
      ...(redraw ? [{ name: 'reason', label: t('verify.reason'), required: true }] : []),
    ],
    submitLabel: t(redraw ? 'verify.redraw' : 'verify.draw'),
    async submit(v) {
      await api('POST', `${base}/draws`, { rate: v.rate, cutoff: fromBeijingInput(v.cutoff),
        reason: v.reason || null });
      await again();
    },
  });
  const crumb = crumbs({ href: '#/', label: t('nav.home') }, { href: `#/campaigns/${campaignId}`, label: campaignTitle(c) },
    { label: t('verify.title') });
  if (!o.draw) {
    mount(crumb, h('h1', {}, t('verify.title')), h('p', { class: 'small muted' }, t('campaign.seed'),
      h('code', { style: 'word-break:break-all' }, o.commitment)),
    lead ? drawForm(false) : h('p', { class: 'muted' }, t('verify.notDrawn')));
    return;
  }
  const d = o.draw;
  // The API leaves out empty lists.
  const items = o.items;
  const history = o.history;
  const denialPoints = o.pointsWithDenials;
  const p = o.progress;
  // Items go only to verifiers on the project's team (their queue shows nothing else).
  const [report, team] = await Promise.all([api('GET', `${base}/report`),
    lead ? api('GET', `/api/v1/projects/${c.projectId}/members`) : []]);
  const verifiers = team.filter((u) => u.roles.includes('VERIFIER')).map((u) => ({ ...u, id: u.userId }));
  const text = (q) => (language() === 'en' ? q.textEn : q.textZh);
  mount(crumb, h('h1', {}, t('verify.title')), notice,
    h('div', { class: 'card', id: 'draw-info' },
      h('p', {}, t('verify.drawn', d.eligible, d.onlineWithoutPhone, d.sampleSize, `${(d.rate * 100).toFixed(0)}%`,
        formatTime(d.cutoff))),
      h('p', { class: 'small' }, t('verify.seed'), h('code', { id: 'seed', style: 'word-break:break-all' }, d.seed)),
      h('p', { class: 'small' }, t('campaign.seed'), h('code', { style: 'word-break:break-all' }, d.commitment)),
      h('p', { class: 'small muted' }, t('verify.rederive')),
      history.length > 1 ? h('p', { class: 'small muted' }, t('verify.redraws', history.length - 1)) : null),
    h('p', { id: 'verify-progress' }, t('verify.progress', p.called - p.pending, p.called, p.confirmed, p.denied, p.differs,
      p.unreachable)),
    h('p', {}, t('verify.confirmation', pct(p.confirmationRate))),
    p.denialAlarm ? alertBox('bad', h('p', {}, t('verify.alarm', pct(p.denialRate), `${p.maxDenialRate * 100}%`)),
      lead ? h('button', { type: 'button', id: 'enlarge', onclick: async () => {
        try {
          await api('POST', `${base}/enlargement`, {});
          await again();
        } catch (e) { notice.replaceChildren(alertBox('bad', errorText(e))); }
      } }, t('verify.enlarge', `${(o.suggestedEnlargedRate * 100).toFixed(0)}%`, denialPoints.length)) : null) : null,
    h('p', {}, h('a', { href: `${base}/report` , target: '_blank', rel: 'noopener' }, t('verify.reportJson')), ' · ',
      h('a', { href: `${base}/report.csv` }, t('verify.reportCsv'))),
    h('h2', {}, t('verify.items', items.length)),
    h('ul', { class: 'list', id: 'verify-items' }, items.map((it) => h('li', { 'data-item': it.id },
      h('div', { class: 'main' }, h('strong', {}, it.locationName), ' ', outcomeTag(it),
        it.addedAs !== 'SAMPLE' ? h('span', { class: 'tag' }, t(`verify.added.${it.addedAs}`)) : null, h('br'),
        h('span', { class: 'small' }, `#${it.responseId} · ${it.maskedPhone || t('callback.purged')}`)),
      lead && !it.outcome ? h('select', { 'aria-label': t('verify.assign'), onchange: async (ev) => {
        try {
          await api('PUT', `/api/v1/callbacks/items/${it.id}/assignment`, { verifierId: ev.target.value ? Number(ev.target.value) : null });
          notice.replaceChildren(alertBox('good', t('verify.assigned')));
        } catch (e) { notice.replaceChildren(alertBox('bad', errorText(e))); }
      } }, h('option', { value: '' }, t('verify.takeNext')), verifiers.map((u) => h('option', { value: u.id,
        selected: u.id === it.assignedTo }, u.displayName)))
        : h('span', { class: 'small muted' }, it.assigneeName || t('verify.takeNext'))))),
    h('h2', {}, t('verify.beforeAfter')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'before-after' },
      h('thead', {}, h('tr', {}, h('th', {}), h('th', {}, t('verify.before')), h('th', {}, t('verify.after')))),
      h('tbody', {}, report.resultsAfter.questions.map((q, i) => h('tr', {}, h('th', {}, `${q.position}. ${text(q)}`),
        h('td', {}, report.resultsBefore.questions[i].all.merged.score ?? '—'), h('td', {}, q.all.merged.score ?? '—')))))),
    h('p', { class: 'small muted' }, t('verify.excluded', report.excluded.length)),
    lead ? h('details', { class: 'card' }, h('summary', {}, t('verify.redraw')), h('p', { class: 'small muted' }, t('verify.redraw.hint')),
      drawForm(true)) : null);
}
