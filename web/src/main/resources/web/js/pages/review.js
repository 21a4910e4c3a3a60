import { t } from '../i18n.js';
import { api } from '../api.js';
import { h, mount, crumbs, form } from '../ui.js';
import { campaignTitle } from './campaign.js';
import { timeElement } from '../time.js';

export async function render(ctx, [campaignId]) {
  const [c, flagged] = await Promise.all([api('GET', `/api/v1/campaigns/${campaignId}`),
    api('GET', `/api/v1/campaigns/${campaignId}/responses?flagged=true&limit=200`)]);
  const lead = ctx.me.roles.includes('LEAD');
  mount(crumbs({ href: '#/', label: t('nav.home') }, { href: `#/campaigns/${campaignId}`, label: campaignTitle(c) },
    { label: t('review.title') }),
  h('h1', {}, t('review.title')),
  flagged.length ? h('ul', { class: 'list', id: 'flagged-list' }, flagged.map((r) => h('li', {},
    h('div', { class: 'main' }, h('strong', {}, `#${r.id}`), ' ', timeElement(r.submittedAt),
      r.secondsTaken !== null && r.secondsTaken !== undefined ? ` · ${t('review.taken', r.secondsTaken)}` : '',
      r.maskedPhone ? ` · ${r.maskedPhone}` : '', h('br'),
      r.flags.map((f) => h('span', { class: 'tag', title: f.reason.text }, t(`review.flag.${f.kind}`))),
      r.comment ? h('p', { class: 'small' }, r.comment) : null,
      r.excluded ? h('p', { class: 'small muted' }, t('review.excluded', r.excludedReason)) : null),
    lead && !r.excluded ? h('details', {}, h('summary', {}, t('review.exclude')), form({
      fields: [{ name: 'reason', label: t('review.reason'), required: true }],
      submitLabel: t('review.exclude'),
      async submit(v) {
        await api('POST', `/api/v1/campaigns/${campaignId}/responses/${r.id}/exclusion`, { reason: v.reason || '' });
        await render(ctx, [campaignId]);
      },
    })) : null)))
    : h('p', { class: 'muted' }, t('review.none')));
}
