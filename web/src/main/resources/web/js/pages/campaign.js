import { t, language } from '../i18n.js';
import { api } from '../api.js';
import { h, mount, crumbs, alertBox, errorText } from '../ui.js';
import { canEdit } from './orgs.js';
import { formatTime } from '../time.js';
import { ask } from './callbacks.js';

export const campaignTitle = (c) => (language() === 'en' && c.titleEn ? c.titleEn : c.titleZh);

export async function render(ctx, [campaignId]) {
  const [c, callback] = await Promise.all([api('GET', `/api/v1/campaigns/${campaignId}`),
    api('GET', `/api/v1/campaigns/${campaignId}/callback`)]);
  const base = `/api/v1/campaigns/${campaignId}`;
  const notice = h('div', { 'aria-live': 'polite' });
  const lead = canEdit(ctx.me);
  const isAuditor = ctx.me.roles.includes('AUDITOR') || ctx.me.roles.includes('LEAD');
  mount(crumbs({ href: '#/', label: t('nav.home') }, { href: `#/projects/${c.projectId}`, label: t('projects.campaigns') },
    { label: campaignTitle(c) }),
  h('h1', {}, campaignTitle(c)),
  h('p', {}, h('span', { class: 'tag' }, t(`state.${c.state}`)), h('span', { id: 'campaign-window' }, ` ${formatTime(c.opensAt)} – ${formatTime(c.closesAt)}`)),
  h('div', { class: 'row' },
    h('a', { class: 'button', href: `#/campaigns/${campaignId}/results` }, t('campaign.results')),
    h('a', { class: 'button secondary', href: `#/campaigns/${campaignId}/review` }, t('campaign.review')),
    isAuditor ? h('a', { class: 'button secondary', href: `#/campaigns/${campaignId}/offline` }, t('campaign.offline')) : null,
    h('a', { class: 'button secondary', href: `#/campaigns/${campaignId}/callback`, id: 'verify-link' }, t('campaign.verify'))),
  notice,
  h('p', { class: 'small muted' }, t('campaign.seed'), h('code', { style: 'word-break:break-all' }, c.callbackSeedSha256)),
  callback.draw ? h('p', { class: 'small muted', id: 'campaign-seed' }, t('verify.seed'),
    h('code', { style: 'word-break:break-all' }, callback.draw.seed)) : null,
  h('details', { class: 'card' }, h('summary', {}, t('campaign.questions', c.questions.length)),
    h('ol', {}, c.questions.map((q) => h('li', {}, language() === 'en' ? q.textEn : q.textZh)))),
  h('h2', {}, t('campaign.points', c.points.length)),
  h('p', {}, h('a', { href: `${base}/notices.pdf`, target: '_blank', rel: 'noopener' }, t('campaign.notices'))),
  h('ul', { class: 'list', id: 'point-list' }, c.points.map((p) => h('li', { 'data-point': p.id },
    h('div', { class: 'main' }, h('strong', {}, p.locationName), h('br'), h('a', { class: 'small', href: p.url }, p.url)),
    h('div', { class: 'row' },
      h('a', { href: `${base}/points/${p.id}/qr.svg`, target: '_blank', rel: 'noopener' }, t('campaign.qr')),
      h('a', { href: `${base}/points/${p.id}/notice.pdf`, target: '_blank', rel: 'noopener' }, t('campaign.notice')),
      lead ? h('button', { type: 'button', class: 'secondary', 'data-withdraw': p.id, onclick: async () => {
        // The printed notices with the old code stop working for good: ask first.
        if (!(await ask({ message: t('campaign.replace.confirm', p.locationName), confirmLabel: t('campaign.replace'), danger: true }))) return;
        try {
          await api('POST', `${base}/points/${p.id}/token`);
          await render(ctx, [campaignId]);
          document.querySelector('#main [aria-live]').replaceChildren(alertBox('good', t('campaign.replaced')));
        } catch (e) { notice.replaceChildren(alertBox('bad', errorText(e))); }
      } }, t('campaign.replace')) : null)))));
}
