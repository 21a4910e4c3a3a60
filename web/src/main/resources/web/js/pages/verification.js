// The lead's call-back verification of a campaign: draw (or redraw with a reason), the sampling rule in plain words,
// the revealed seed, progress, assignment to verifiers, the denial alarm with the enlargement, and the report
// (a readable, printable page at #/campaigns/{id}/callback/report besides the JSON and CSV).
import { t, language } from '../i18n.js';
import { api } from '../api.js';
import { h, mount, crumbs, alertBox, errorText, form } from '../ui.js';
import { formatTime, fromBeijingInput } from '../time.js';
import { campaignTitle } from './campaign.js';
import { outcomeTag, ask } from './callbacks.js';

const pct = (r) => (r ? `${r.percent}% (${r.low}–${r.high}%)` : '—');
// A stored fraction (0.1) as the percentage people type (10 %), without floating-point noise.
const percent = (fraction) => `${+(Number(fraction) * 100).toFixed(2)}%`;

/** The sampling rule, in plain words, in the page's language (the same rule as server/docs/callbacks.md). */
function samplingRule(rate) {
  return h('details', { class: 'card', id: 'sampling-rule' }, h('summary', {}, t('verify.rule.title')),
    h('ol', {}, [1, 2, 3, 4, 5, 6].map((i) => h('li', {}, t(`verify.rule.${i}`, rate)))));
}

export async function render(ctx, [campaignId, page], flash = null) {
  if (page === 'report') {
    await renderReport(ctx, campaignId);
    return;
  }
  const base = `/api/v1/campaigns/${campaignId}/callback`;
  const [c, o] = await Promise.all([api('GET', `/api/v1/campaigns/${campaignId}`), api('GET', base)]);
  const lead = ctx.me.roles.includes('LEAD');
  const notice = h('div', { 'aria-live': 'polite' }, flash);
  const again = (message) => render(ctx, [campaignId], message);
  const drawForm = (redraw) => form({
    id: redraw ? 'redraw-form' : 'draw-form',
    fields: [
      { name: 'ratePercent', label: t('verify.ratePercent'), type: 'number', step: '0.01', inputmode: 'decimal',
        value: redraw ? '' : +(Number(c.callbackRate) * 100).toFixed(2), hint: t('verify.ratePercent.hint') },
      { name: 'cutoff', label: t('verify.cutoff'), type: 'datetime-local',
        hint: `${t('verify.cutoff.hint')} ${t('time.beijingInput')}` },
      ...(redraw ? [{ name: 'reason', label: t('verify.reason'), required: true }] : []),
    ],
    submitLabel: t(redraw ? 'verify.redraw' : 'verify.draw'),
    async submit(v) {
      // The drawn sample is frozen and the seed revealed: there is no taking it back.
      if (!(await ask({ message: t(redraw ? 'verify.redraw.confirm' : 'verify.draw.confirm'),
        confirmLabel: t(redraw ? 'verify.redraw' : 'verify.draw') }))) return;
      await api('POST', `${base}/draws`, { ratePercent: v.ratePercent, cutoff: fromBeijingInput(v.cutoff),
        reason: v.reason || null });
      await again();
    },
  });
  const crumb = crumbs({ href: '#/', label: t('nav.home') }, { href: `#/campaigns/${campaignId}`, label: campaignTitle(c) },
    { label: t('verify.title') });
  if (!o.draw) {
    mount(crumb, h('h1', {}, t('verify.title')), notice, h('p', { class: 'small muted' }, t('campaign.seed'),
      h('code', { style: 'word-break:break-all' }, o.commitment)),
    samplingRule(percent(c.callbackRate)),
    lead ? drawForm(false) : h('p', { class: 'muted' }, t('verify.notDrawn')));
    return;
  }
  const d = o.draw;
  const items = o.items;
  const history = o.history;
  const denialPoints = o.pointsWithDenials;
  const p = o.progress;
  // Items go only to verifiers on the project's team (their queue shows nothing else).
  const [report, team] = await Promise.all([api('GET', `${base}/report`),
    lead ? api('GET', `/api/v1/projects/${c.projectId}/members`) : []]);
  const verifiers = team.filter((u) => u.roles.includes('VERIFIER')).map((u) => ({ id: u.userId, name: u.displayName }));
  const text = (q) => (language() === 'en' ? q.textEn : q.textZh);
  const enlarge = async (ev) => {
    ev.target.disabled = true;
    try {
      const r = await api('POST', `${base}/enlargement`, {});
      await again(alertBox('good', t('verify.enlarged.added', r.added)));
    } catch (e) {
      notice.replaceChildren(alertBox('bad', errorText(e)));
      ev.target.disabled = false;
    }
  };
  const assignee = (it) => {
    if (!lead || it.outcome) {
      return h('span', { class: 'small muted assignee' }, it.assigneeName ? t('verify.assignedTo', it.assigneeName) : t('verify.unassigned'));
    }
    // An assignee who is not (or no longer) a verifier on the team still shows by name, never as "anyone".
    const options = [...verifiers];
    if (it.assignedTo && !options.some((u) => u.id === it.assignedTo)) options.push({ id: it.assignedTo, name: it.assigneeName });
    return h('select', { 'aria-label': t('verify.assign'), class: 'assignee', onchange: async (ev) => {
      try {
        await api('PUT', `/api/v1/callbacks/items/${it.id}/assignment`, { verifierId: ev.target.value ? Number(ev.target.value) : null });
        notice.replaceChildren(alertBox('good', t('verify.assigned')));
      } catch (e) { notice.replaceChildren(alertBox('bad', errorText(e))); }
    } }, h('option', { value: '', selected: !it.assignedTo }, t('verify.unassignedOption')),
    options.map((u) => h('option', { value: u.id, selected: u.id === it.assignedTo }, u.name)));
  };
  const alarm = p.denialAlarm ? alertBox('bad', h('p', {}, t('verify.alarm', pct(p.denialRate), percent(p.maxDenialRate))),
    p.enlarged ? h('p', { id: 'enlarged-status' }, t('verify.enlarged.status', p.enlarged, p.enlargedPending)) : null,
    !lead ? null : o.reserveLeftAtDenialPoints > 0
      ? h('button', { type: 'button', id: 'enlarge', onclick: enlarge },
        t('verify.enlarge', percent(o.suggestedEnlargedRate), denialPoints.length))
      : h('p', { id: 'enlarge-none' }, t('verify.enlarge.none'))) : null;
  mount(crumb, h('h1', {}, t('verify.title')), notice,
    h('div', { class: 'card', id: 'draw-info' },
      h('p', {}, t('verify.drawn', d.eligible, d.onlineWithoutPhone, d.sampleSize, percent(d.rate), formatTime(d.cutoff))),
      h('p', { class: 'small' }, t('verify.seed'), h('code', { id: 'seed', style: 'word-break:break-all' }, d.seed)),
      h('p', { class: 'small' }, t('campaign.seed'), h('code', { style: 'word-break:break-all' }, d.commitment)),
      history.length > 1 ? h('p', { class: 'small muted' }, t('verify.redraws', history.length - 1)) : null),
    samplingRule(percent(d.rate)),
    h('p', { id: 'verify-progress' }, t('verify.progress', p.called - p.pending, p.called, p.confirmed, p.denied, p.differs,
      p.unreachable)),
    h('p', {}, t('verify.confirmation', pct(p.confirmationRate))),
    alarm,
    h('p', {}, h('a', { class: 'button secondary', id: 'report-link', href: `#/campaigns/${campaignId}/callback/report` }, t('verify.reportPage')), ' ',
      h('a', { href: `${base}/report`, target: '_blank', rel: 'noopener' }, t('verify.reportJson')), ' · ',
      h('a', { href: `${base}/report.csv` }, t('verify.reportCsv')), ' · ',
      h('a', { id: 'export-callbacks', href: `/api/v1/campaigns/${campaignId}/exports/callbacks?format=xlsx` }, t('export.callbacks'))),
    h('h2', {}, t('verify.items', items.length)),
    h('ul', { class: 'list', id: 'verify-items' }, items.map((it) => h('li', { 'data-item': it.id },
      h('div', { class: 'main' }, h('strong', {}, it.locationName), ' ', outcomeTag(it),
        it.addedAs !== 'SAMPLE' ? h('span', { class: 'tag' }, t(`verify.added.${it.addedAs}`)) : null, h('br'),
        h('span', { class: 'small' }, `#${it.responseId} · ${it.maskedPhone || t('callback.purged')}`),
        lead && !it.outcome ? [h('br'), h('span', { class: 'small muted assignee-name' },
          it.assigneeName ? t('verify.assignedTo', it.assigneeName) : t('verify.unassigned'))] : null),
      assignee(it)))),
    h('h2', {}, t('verify.beforeAfter')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'before-after' },
      h('thead', {}, h('tr', {}, h('th', {}), h('th', {}, t('verify.before')), h('th', {}, t('verify.after')))),
      h('tbody', {}, report.resultsAfter.questions.map((q, i) => h('tr', {}, h('th', {}, `${q.position}. ${text(q)}`),
        h('td', {}, report.resultsBefore.questions[i].all.merged.score ?? '—'), h('td', {}, q.all.merged.score ?? '—')))))),
    h('p', { class: 'small muted' }, t('verify.excluded', report.excluded.length)),
    lead ? h('details', { class: 'card' }, h('summary', {}, t('verify.redraw')), h('p', { class: 'small muted' }, t('verify.redraw.hint')),
      drawForm(true)) : null);
}

/** The verification report as a page: summary, per-point table, exclusions, scores before and after; printable. */
async function renderReport(ctx, campaignId) {
  const base = `/api/v1/campaigns/${campaignId}/callback`;
  const [c, r] = await Promise.all([api('GET', `/api/v1/campaigns/${campaignId}`), api('GET', `${base}/report`)]);
  const text = (q) => (language() === 'en' ? q.textEn : q.textZh);
  const g = r.progress;
  const reached = (x) => x.confirmed + x.differs + x.denied;
  const rateCell = (v) => (v ? [`${v.percent}%`, h('br'), h('span', { class: 'small muted' }, `${v.low}–${v.high}%`)] : '—');
  const row = (x, name, total) => h('tr', total ? { class: 'total' } : { 'data-point': x.pointId },
    h('th', {}, name), h('td', {}, x.eligible), h('td', {}, x.called), h('td', {}, reached(x)), h('td', {}, x.confirmed + x.differs),
    h('td', {}, x.denied), h('td', {}, rateCell(x.confirmationRate ?? (total ? g.confirmationRate : null))));
  const fact = (label, value, id) => h('tr', {}, h('th', { scope: 'row', style: 'white-space:normal' }, label),
    h('td', id ? { id, style: 'white-space:normal' } : { style: 'white-space:normal' }, value));
  mount(h('style', {}, '@media print { header, nav.crumbs, .no-print { display: none !important; } .card { break-inside: avoid; } }'),
    crumbs({ href: '#/', label: t('nav.home') }, { href: `#/campaigns/${campaignId}`, label: campaignTitle(c) },
      { href: `#/campaigns/${campaignId}/callback`, label: t('verify.title') }, { label: t('verify.report.title') }),
    h('h1', {}, t('verify.report.title')),
    h('p', {}, campaignTitle(c)),
    h('div', { class: 'card', id: 'report-summary' }, h('table', { class: 'data' }, h('tbody', {},
      fact(t('verify.report.sample'), t('verify.report.sampleValue', r.draw.sampleSize, r.draw.eligible, percent(r.draw.rate)), 'report-sample'),
      fact(t('verify.report.called'), g.called),
      fact(t('verify.report.reached'), reached(g), 'report-reached'),
      fact(t('verify.report.confirmed'), g.confirmed + g.differs, 'report-confirmed'),
      fact(t('verify.report.differs'), g.differs),
      fact(t('verify.report.denied'), g.denied, 'report-denied'),
      fact(t('verify.report.unreachable'), g.unreachable),
      fact(t('verify.report.pending'), g.pending),
      fact(t('verify.report.confirmationRate'), pct(g.confirmationRate), 'report-rate'),
      fact(t('verify.report.denialRate'), pct(g.denialRate)),
      fact(t('verify.report.cutoff'), formatTime(r.draw.cutoff)),
      fact(t('verify.seed'), h('code', { style: 'word-break:break-all' }, r.draw.seed)))),
    g.denialAlarm ? alertBox('bad', t('verify.alarm', pct(g.denialRate), percent(g.maxDenialRate))) : null,
    h('p', { class: 'small muted' }, t('verify.report.rateNote'))),
    h('h2', {}, t('verify.report.perPoint')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'report-points' },
      h('thead', {}, h('tr', {}, [t('verify.report.point'), t('verify.report.eligible'), t('verify.report.called'), t('verify.report.reached'),
        t('verify.report.confirmed'), t('verify.report.denied'), t('verify.report.confirmationRate')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, r.points.map((x) => row(x, x.locationName, false)), row(r.total, t('verify.report.total'), true)))),
    h('h2', {}, t('verify.beforeAfter')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'report-scores' },
      h('thead', {}, h('tr', {}, h('th', {}), h('th', {}, t('verify.before')), h('th', {}, t('verify.after')))),
      h('tbody', {}, r.resultsAfter.questions.map((q, i) => h('tr', {}, h('th', { style: 'white-space:normal' }, `${q.position}. ${text(q)}`),
        h('td', {}, r.resultsBefore.questions[i].all.merged.score ?? '—'), h('td', {}, q.all.merged.score ?? '—')))))),
    h('p', {}, t('verify.excluded', r.excluded.length)),
    r.excluded.length ? h('ul', { id: 'report-excluded' }, r.excluded.map((e) => h('li', {}, `#${e.responseId} · ${e.locationName}`))) : null,
    h('p', { class: 'row no-print' },
      h('button', { type: 'button', id: 'print', onclick: () => window.print() }, t('verify.report.print')),
      h('a', { href: `${base}/report.csv` }, t('verify.reportCsv')),
      h('a', { href: `${base}/report`, target: '_blank', rel: 'noopener' }, t('verify.reportJson'))));
}
