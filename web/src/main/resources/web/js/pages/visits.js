// The rater's visits (issue 10): today's, upcoming and other open visits from GET /api/v1/visits/mine, and for a
// SHOPPER the pool's offers with a Claim button. Opening a visit downloads it to the phone (pages/visit.js).
import { t, language } from '../i18n.js';
import { api, ApiError } from '../api.js';
import { h, mount, crumbs, alertBox, errorText } from '../ui.js';
import { timeElement } from '../time.js';

export const placeName = (v) => [language() === 'en' && v.siteNameEn ? v.siteNameEn : v.siteName, v.locationName]
  .filter(Boolean).join(' · ');
export const modeLabel = (mode) => t(`capture.mode.${mode}`);
/** The audit team's modes (management audit, capability verification): listed apart from visits. */
export const AUDIT_MODES = ['MANAGEMENT_AUDIT', 'CAPABILITY_VERIFICATION'];
const isAudit = (v) => AUDIT_MODES.includes(v.mode);
export const stateLabel = (state) => t(`capture.state.${state}`);

/** The window "from – to" in Beijing time, and the free-text time of day. */
export function windowView(v) {
  return h('span', { class: 'window' }, timeElement(v.windowFrom), ' – ', timeElement(v.windowTo),
    v.timeOfDay ? ` (${v.timeOfDay})` : '');
}

function visitRow(v) {
  return h('li', { class: 'visit', 'data-id': v.visitId, 'data-state': v.state },
    h('div', { class: 'main' },
      h('a', { href: `#/visits/${v.visitId}`, class: 'visit-link' }, h('strong', {}, placeName(v))),
      h('div', { class: 'small' }, windowView(v)),
      h('div', { class: 'small muted' }, v.projectTitle),
      v.scenario ? h('div', { class: 'small scenario' }, t('capture.scenario'), ': ', v.scenario) : null,
      h('div', { class: 'small muted' }, t('capture.due'), ': ', timeElement(v.reportDueAt))),
    h('span', {}, h('span', { class: `tag mode-${v.mode}` }, modeLabel(v.mode)),
      h('span', { class: `tag state-${v.state}` }, stateLabel(v.state))));
}

function section(id, title, list) {
  return h('section', { id }, h('h2', {}, title),
    list.length ? h('ul', { class: 'list' }, list.map(visitRow)) : h('p', { class: 'muted' }, t('capture.list.none')));
}

export async function render(ctx) {
  let mine;
  try {
    mine = await api('GET', '/api/v1/visits/mine');
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 0) throw e;
    mount(crumbs({ href: '#/', label: t('nav.home') }, { label: t('capture.list.title') }), h('h1', {}, t('capture.list.title')),
      alertBox('info', t('capture.list.offline')));
    return;
  }
  const offers = h('section', { id: 'offers' });
  const audits = [...mine.today, ...mine.upcoming, ...mine.other].filter(isAudit);
  const visitsOnly = (list) => list.filter((v) => !isAudit(v));
  mount(crumbs({ href: '#/', label: t('nav.home') }, { label: t('capture.list.title') }),
    h('h1', {}, t('capture.list.title')),
    audits.length ? section('audits', t('capture.list.audits'), audits) : null,
    section('visits-today', t('capture.list.today'), visitsOnly(mine.today)),
    section('visits-upcoming', t('capture.list.upcoming'), visitsOnly(mine.upcoming)),
    visitsOnly(mine.other).length ? section('visits-other', t('capture.list.other'), visitsOnly(mine.other)) : null,
    ctx.me.roles.includes('SHOPPER') ? offers : null);
  if (ctx.me.roles.includes('SHOPPER')) await showOffers(ctx, offers);
}

async function showOffers(ctx, box) {
  let list;
  try {
    list = await api('GET', '/api/v1/visits/offers');
  } catch (e) {
    box.replaceChildren(h('h2', {}, t('capture.list.offers')), alertBox('bad', errorText(e)));
    return;
  }
  const message = h('div', { 'aria-live': 'polite', id: 'offer-message' });
  box.replaceChildren(h('h2', {}, t('capture.list.offers')), h('p', { class: 'muted small' }, t('capture.list.offersIntro')), message,
    list.length ? h('ul', { class: 'list' }, list.map((v) => h('li', { class: 'offer', 'data-id': v.visitId },
      h('div', { class: 'main' }, h('strong', {}, placeName(v)), h('div', { class: 'small' }, windowView(v)),
        h('div', { class: 'small muted' }, v.projectTitle),
        v.scenario ? h('div', { class: 'small scenario' }, t('capture.scenario'), ': ', v.scenario) : null),
      h('span', {}, h('span', { class: 'tag' }, modeLabel(v.mode))),
      h('button', { type: 'button', class: 'claim', onclick: async (ev) => {
        if (!window.confirm(t('capture.list.claimConfirm', placeName(v)))) return;
        ev.target.disabled = true;
        try {
          await api('POST', `/api/v1/visits/${v.visitId}/claim`, {});
          ctx.go(`/visits/${v.visitId}`);
        } catch (e) {
          // 409 (someone was quicker) or 404 (the offer is gone): said plainly, the list refreshed
          message.replaceChildren(alertBox('bad', e instanceof ApiError && (e.status === 404 || e.status === 409)
            ? t('capture.list.claimGone', e.message) : errorText(e)));
          ev.target.disabled = false;
        }
      } }, t('capture.list.claim'))))) : h('p', { class: 'muted' }, t('capture.list.noOffers')));
}
