import { t, language } from '../i18n.js';
import { api } from '../api.js';
import { h, mount, form, crumbs } from '../ui.js';
import { canEdit } from './orgs.js';
import { beijingInputValue, fromBeijingInput } from '../time.js';

// The window is entered in Beijing time whatever the browser's zone (see time.js).

export async function render(ctx, [projectId]) {
  const [view, campaigns] = await Promise.all([api('GET', `/api/v1/projects/${projectId}`),
    api('GET', `/api/v1/projects/${projectId}/campaigns`)]);
  const p = view.project;
  const now = new Date();
  mount(crumbs({ href: '#/', label: t('nav.home') }, { href: '#/projects', label: t('projects.title') }, { label: p.title }),
    h('h1', {}, p.title),
    h('p', { class: 'muted' }, t(`type.${p.evaluationType}`), ' · ', language() === 'en' ? view.schemeTitleEn : view.schemeTitleZh),
    h('h2', {}, t('projects.campaigns')),
    campaigns.length ? h('ul', { class: 'list', id: 'campaign-list' }, campaigns.map((c) => h('li', {},
      h('div', { class: 'main' }, h('a', { href: `#/campaigns/${c.id}` }, h('strong', {}, language() === 'en' && c.titleEn ? c.titleEn : c.titleZh)),
        ' ', h('span', { class: 'tag' }, t(`state.${c.state}`))))))
      : h('p', { class: 'muted' }, t('common.none')),
    canEdit(ctx.me) ? h('details', { class: 'card' }, h('summary', {}, t('campaigns.new')), form({
      id: 'new-campaign',
      fields: [
        { name: 'titleZh', label: t('campaigns.titleZh'), required: true },
        { name: 'titleEn', label: t('campaigns.titleEn') },
        { name: 'opensAt', label: t('campaigns.opensAt'), type: 'datetime-local', required: true, value: beijingInputValue(now), hint: t('time.beijingInput') },
        { name: 'closesAt', label: t('campaigns.closesAt'), type: 'datetime-local', required: true,
          value: beijingInputValue(now.getTime() + 14 * 86400000), hint: t('time.beijingInput') },
        { name: 'phoneMode', label: t('campaigns.phoneMode'), type: 'select', value: 'OPTIONAL',
          options: ['OPTIONAL', 'REQUIRED', 'OFF'].map((m) => [m, t(`phone.${m}`)]) },
      ],
      submitLabel: t('common.create'),
      async submit(v) {
        const c = await api('POST', `/api/v1/projects/${projectId}/campaigns`, { ...v, opensAt: fromBeijingInput(v.opensAt),
          closesAt: fromBeijingInput(v.closesAt) });
        ctx.go(`/campaigns/${c.id}`);
      },
    })) : null);
}
