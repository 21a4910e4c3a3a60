// The lead's review of one visit (#/visits/{id}/review): summary, check-in/out with times, position and flags,
// every item in touchpoint order beside its photos, earlier versions of an answer, and the decisions the state
// allows (return with comments, approve, reject, withdraw an approval). The server decides who may do what: its
// refusals (409 illegal transition, 403 visit.review_not_own_plan) are shown as it words them.
import { t, language } from '../i18n.js';
import { api, ApiError } from '../api.js';
import { h, mount, form, crumbs, alertBox, errorText } from '../ui.js';
import { timeElement } from '../time.js';
import { isStaff, placeText, windowText } from './visitplans.js';

/** An answer's value as a person reads it, by the item's answer type. */
export function valueText(item, a) {
  if (!a) return t('vreview.unanswered');
  if (a.notApplicable) return t('vreview.na');
  if (a.value === null || a.value === undefined) return '—';
  const v = Number(a.value);
  switch (item?.answerType) {
    case 'LIKERT_5': return `${v} / 5`;
    case 'YES_NO': return v === 1 ? t('vreview.yes') : t('vreview.no');
    case 'PERCENT': return `${v} %`;
    default: return String(v);
  }
}

/** A refusal as the server words it; the offline text when there was no answer. */
function refusal(e) {
  return e instanceof ApiError && e.status !== 0 ? e.message : errorText(e);
}

export async function render(ctx, [visitId], flash = null) {
  if (!isStaff(ctx.me)) throw new ApiError(403, { detail: 'review is for the project team' });
  const d = await api('GET', `/api/v1/visits/${visitId}`);
  const v = d.visit;
  const [view, templates] = await Promise.all([api('GET', `/api/v1/projects/${v.projectId}`),
    api('GET', `/api/v1/projects/${v.projectId}/visit-comments`).catch(() => [])]);
  const manages = ctx.me.roles.includes('ADMIN') || ctx.me.id === view.project.leadUserId;
  const en = language() === 'en';
  const again = (message) => render(ctx, [visitId], message);
  const answers = new Map(d.answers.map((a) => [a.itemCode, a]));
  const items = d.touchpoints.flatMap((tp) => tp.items);
  const itemCodes = new Set(items.map((i) => i.code));
  const notice = h('div', { id: 'review-notice', 'aria-live': 'polite' }, flash);
  const show = (...content) => { notice.replaceChildren(...content); notice.scrollIntoView(); };
  // Per item: the "return this item" choice of the return form (filled in the item cards, sent at the bottom).
  const returnPicks = new Map();
  const deciding = manages && v.state === 'SUBMITTED' && !d.rater;

  const decide = async (path, body, confirmKey) => {
    if (confirmKey && !window.confirm(t(confirmKey))) return;
    try {
      await api('POST', `/api/v1/visits/${visitId}/${path}`, body);
      await again(alertBox('good', t(`vreview.done.${path}`)));
      document.getElementById('review-notice')?.scrollIntoView();
    } catch (e) {
      show(alertBox('bad', h('span', { id: 'decision-error' }, refusal(e))));
    }
  };

  const itemCard = (it) => {
    const a = answers.get(it.code);
    const photos = d.photos.filter((p) => p.itemCode === it.code);
    const comments = d.comments.filter((c) => c.itemCode === it.code);
    const versions = h('div', { class: 'versions' });
    const earlier = h('details', { class: 'history', 'data-versions': it.code }, h('summary', {}, t('vreview.versions')), versions);
    earlier.addEventListener('toggle', async () => {
      if (!earlier.open || versions.dataset.loaded) return;
      try {
        const r = await api('GET', `/api/v1/visits/${visitId}/answer-versions?itemCode=${encodeURIComponent(it.code)}`);
        versions.dataset.loaded = 'yes';
        versions.replaceChildren(r.versions.length ? h('ol', { class: 'plain' }, r.versions.map((x) => h('li', {
          class: 'small', 'data-superseded': x.supersededAt ? 'yes' : 'no' },
        h('strong', {}, valueText(it, x)), x.note ? ` · ${x.note}` : '',
        x.notApplicableReason ? ` · ${x.notApplicableReason}` : '', ' · ', t('vreview.stored'), ' ', timeElement(x.storedAt),
        x.supersededAt ? [' · ', t('vreview.superseded'), ' ', timeElement(x.supersededAt)] : [' · ', h('span', { class: 'tag' }, t('vreview.current'))])))
          : h('p', { class: 'muted small' }, t('common.none')));
      } catch (e) {
        versions.replaceChildren(alertBox('bad', refusal(e)));
      }
    });
    let pick = null;
    if (deciding) {
      const box = h('input', { type: 'checkbox', name: `return-${it.code}` });
      const template = h('select', { name: 'templateId', 'aria-label': t('vreview.return.template') },
        h('option', { value: '' }, t('vreview.return.typed')), templates.map((c) => h('option', { value: c.id }, c.text)));
      const text = h('textarea', { name: 'text', rows: 2, 'aria-label': t('vreview.return.comment') });
      pick = { box, template, text };
      returnPicks.set(it.code, pick);
    }
    return h('div', { class: 'card', 'data-item': it.code },
      h('p', {}, h('strong', {}, `${it.clause} `), en ? it.textEn || it.textZh : it.textZh,
        ' ', h('span', { class: 'tag' }, t(`visits.evidence.${it.evidence}`))),
      d.ratingsHidden ? null : [
        h('p', { class: 'answer' }, h('strong', { 'data-role': 'value' }, valueText(it, a)),
          a && a.secondsSpent !== null && a.secondsSpent !== undefined ? h('span', { class: 'muted small' }, ` · ${t('vreview.seconds', a.secondsSpent)}`) : null),
        a && a.notApplicableReason ? h('p', { class: 'small' }, t('vreview.naReason'), ': ', a.notApplicableReason) : null,
        a && a.note ? h('p', { class: 'small', 'data-role': 'note' }, t('vreview.note'), ': ', a.note) : null,
        a && a.way ? h('p', { class: 'small', 'data-role': 'way' }, t('capture.way'), ': ', t(`capture.way.${a.way}`)) : null,
        photos.length ? h('div', { class: 'photos' }, photos.map(photoLink)) : null,
        comments.length ? h('ul', { class: 'plain comments' }, comments.map((c) => h('li', { class: 'small' },
          h('span', { class: 'tag draft' }, t('vreview.round', c.round)), ' ', c.text))) : null,
        a ? earlier : null],
      pick ? h('details', { class: 'act', 'data-return': it.code }, h('summary', {}, t('vreview.return.item')),
        h('label', { class: 'small' }, pick.box, ' ', t('vreview.return.pick')),
        h('div', { class: 'field' }, h('label', { for: `rt-${it.code}` }, t('vreview.return.template')),
          Object.assign(pick.template, { id: `rt-${it.code}` })),
        h('div', { class: 'field' }, h('label', { for: `rc-${it.code}` }, t('vreview.return.comment')),
          Object.assign(pick.text, { id: `rc-${it.code}` }))) : null);
  };

  const otherPhotos = d.photos.filter((p) => !p.itemCode || !itemCodes.has(p.itemCode));
  const general = d.comments.filter((c) => !c.itemCode);
  mount(crumbs({ href: '#/', label: t('nav.home') }, { href: `#/projects/${v.projectId}/visits`, label: t('visits.title') },
    { label: `#${v.visitId}` }),
  h('h1', {}, t('vreview.title', v.visitId)),
  notice,
  summary(v),
  // The items can be many: one tap to the decisions (the hash is the route, so no #anchor link).
  manages && !d.rater ? h('p', {}, h('button', { type: 'button', class: 'secondary', id: 'to-decisions',
    onclick: () => document.getElementById('decisions')?.scrollIntoView() }, t('vreview.toDecide'))) : null,
  h('h2', {}, t('vreview.checks')),
  h('div', { class: 'cards', id: 'checks' }, positionCard('in', d.checkIn, d), positionCard('out', d.checkOut, d)),
  h('h2', {}, t('vreview.items')),
  d.ratingsHidden ? alertBox('info', t('vreview.hidden')) : null,
  d.touchpoints.map((tp) => h('section', { class: 'touchpoint' },
    h('h3', {}, `${tp.clause} ${en ? tp.titleEn || tp.titleZh : tp.titleZh}`), tp.items.map(itemCard))),
  otherPhotos.length ? [h('h3', {}, t('vreview.otherPhotos')), h('div', { class: 'photos' }, otherPhotos.map(photoLink))] : null,
  general.length ? [h('h3', {}, t('vreview.generalComments')), h('ul', { class: 'plain' }, general.map((c) => h('li', { class: 'small' },
    h('span', { class: 'tag draft' }, t('vreview.round', c.round)), ' ', c.text)))] : null,
  manages ? decisions(v, d, returnPicks, decide) : null);
}

function summary(v) {
  return h('dl', { class: 'facts', id: 'visit-summary' },
    h('dt', {}, t('vreview.project')), h('dd', {}, v.projectTitle),
    h('dt', {}, t('visits.f.mode')), h('dd', {}, t(`visits.mode.${v.mode}`)),
    h('dt', {}, t('vreview.state')), h('dd', { id: 'visit-state' }, t(`visits.state.${v.state}`)),
    h('dt', {}, t('visits.f.location')), h('dd', {}, placeText(v)),
    h('dt', {}, t('vreview.window')), h('dd', {}, windowText(v)),
    h('dt', {}, t('vreview.rater')), h('dd', {}, v.raterName || t('visits.noRater'),
      v.raters > 1 ? ` (${t('visits.slot', v.slot, v.raters)})` : ''),
    v.scenario ? [h('dt', {}, t('visits.f.scenario')), h('dd', { id: 'visit-scenario' }, v.scenario)] : null,
    h('dt', {}, t('visits.due')), h('dd', {}, timeElement(v.reportDueAt)),
    v.submittedAt ? [h('dt', {}, t('vreview.submitted')), h('dd', {}, timeElement(v.submittedAt))] : null,
    v.decidedAt ? [h('dt', {}, t('vreview.decided')), h('dd', {}, timeElement(v.decidedAt))] : null);
}

function positionCard(which, p, d) {
  const head = h('strong', {}, t(`vreview.check.${which}`));
  if (!p) return h('div', { class: 'card', 'data-check': which }, head, h('p', { class: 'muted' }, t('vreview.check.none')));
  // Seconds, signed: + the phone's clock is ahead of the server's, − behind (never "-0").
  const secs = p.skewMs === null || p.skewMs === undefined ? null : Math.round(p.skewMs / 1000) || 0;
  const skew = secs === null ? '—' : t('vreview.skew.value', secs > 0 ? `+${secs}` : String(secs));
  return h('div', { class: 'card', 'data-check': which }, head,
    h('dl', { class: 'facts' },
      h('dt', {}, t('vreview.serverAt')), h('dd', {}, timeElement(p.serverAt)),
      h('dt', {}, t('vreview.deviceAt')), h('dd', {}, p.deviceAt ? timeElement(p.deviceAt) : '—'),
      h('dt', {}, t('vreview.skew')), h('dd', {}, skew),
      h('dt', {}, t('vreview.position')), h('dd', {}, p.latitude !== null && p.latitude !== undefined
        ? `${p.latitude.toFixed(5)}, ${p.longitude.toFixed(5)} (${p.coordinateSystem || 'WGS84'})` : t('vreview.noPosition')),
      h('dt', {}, t('vreview.accuracy')), h('dd', {}, p.accuracyMeters !== null && p.accuracyMeters !== undefined
        ? t('vreview.metres', Math.round(p.accuracyMeters)) : '—'),
      h('dt', {}, t('vreview.distance')), h('dd', { 'data-role': 'distance' }, p.distanceToSiteMeters !== null && p.distanceToSiteMeters !== undefined
        ? t('vreview.metres', Math.round(p.distanceToSiteMeters)) : t('vreview.noDistance'))),
    h('div', { class: 'flags' },
      p.far ? h('span', { class: 'tag flag', 'data-flag': 'far' }, t('vreview.far', d.farMeters)) : null, ' ',
      p.outsideWindow ? h('span', { class: 'tag flag', 'data-flag': 'outsideWindow' }, t('visits.flag.outsideWindow')) : null));
}

/** A photo in the list: the small version (thumbnail when the server makes one), tapped: the full photo. */
function photoLink(p) {
  return h('figure', { class: 'photo', 'data-photo': p.id },
    h('a', { href: p.url, target: '_blank', rel: 'noopener', 'aria-label': t('vreview.photo.open') },
      h('img', { src: `${p.url}?size=thumb`, alt: t('vreview.photo.alt', p.id), width: 160, height: 120, loading: 'lazy' })),
    h('figcaption', { class: 'small muted' }, p.capturedAt ? timeElement(p.capturedAt) : '',
      p.alsoInVisits.length ? [' ', h('span', { class: 'tag flag', 'data-flag': 'alsoInVisits' },
        t('vreview.alsoIn', p.alsoInVisits.map((x) => `#${x}`).join('、')))] : null));
}

function decisions(v, d, returnPicks, decide) {
  const out = [h('h2', { id: 'decisions' }, t('vreview.decide'))];
  if (d.rater) {
    out.push(h('p', { class: 'muted' }, t('vreview.ownVisit')));
    return out;
  }
  if (v.state === 'SUBMITTED') {
    const generalText = h('textarea', { name: 'general', rows: 3, id: 'return-general' });
    const returnButton = h('button', { type: 'button', id: 'return-visit', class: 'secondary' }, t('vreview.return'));
    const returnNotice = h('div', { 'aria-live': 'polite' });
    returnButton.addEventListener('click', async () => {
      const comments = [];
      for (const [itemCode, p] of returnPicks) {
        if (!p.box.checked) continue;
        if (p.template.value) comments.push({ itemCode, templateId: Number(p.template.value) });
        else comments.push({ itemCode, text: p.text.value.trim() });
        if (p.template.value && p.text.value.trim()) comments.push({ itemCode, text: p.text.value.trim() });
      }
      if (generalText.value.trim()) comments.push({ text: generalText.value.trim() });
      if (!comments.length) {
        returnNotice.replaceChildren(alertBox('bad', t('vreview.return.nothing')));
        return;
      }
      await decide('return', { comments }, 'vreview.return.confirm');
    });
    out.push(h('div', { class: 'card', id: 'return-card' }, h('strong', {}, t('vreview.return')),
      h('p', { class: 'muted small' }, t('vreview.return.intro')),
      h('div', { class: 'field' }, h('label', { for: 'return-general' }, t('vreview.return.general')), generalText),
      returnNotice, returnButton));
    out.push(h('div', { class: 'card' }, h('button', { type: 'button', id: 'approve-visit',
      onclick: () => decide('approve', undefined, 'vreview.approve.confirm') }, t('vreview.approve'))));
    out.push(reasonCard('reject', 'vreview.reject', 'vreview.reject.confirm', decide));
  } else if (v.state === 'APPROVED') {
    out.push(reasonCard('approval-withdrawal', 'vreview.withdraw', 'vreview.withdraw.confirm', decide));
  } else {
    out.push(h('p', { class: 'muted', id: 'no-decision' }, t('vreview.noDecision', t(`visits.state.${v.state}`))));
  }
  return out;
}

function reasonCard(path, labelKey, confirmKey, decide) {
  return h('details', { class: 'card', id: `${path}-card` }, h('summary', {}, t(labelKey)), form({
    id: `${path}-form`,
    fields: [{ name: 'reason', label: t('vreview.reason'), type: 'textarea', required: true }],
    submitLabel: t(labelKey),
    async submit(x) {
      await decide(path, { reason: x.reason || '' }, confirmKey);
    },
  }));
}
