import { t, language } from '../i18n.js';
import { api } from '../api.js';
import { h, mount, form, crumbs } from '../ui.js';
import { canEdit } from './orgs.js';

/** A datetime-local value (site time is the browser's) to an ISO instant. */
const toInstant = (local) => (local ? new Date(local).toISOString() : null);
const localValue = (date) => new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16);

export async function render(ctx, [projectId]) {
  // Survey campaigns are the audit team's working data: a CLIENT reads the project, not its campaigns.
  const team = ['ADMIN', 'LEAD', 'AUDITOR'].some((r) => ctx.me.roles.includes(r));
  const [view, campaigns] = await Promise.all([api('GET', `/api/v1/projects/${projectId}`),
    team ? api('GET', `/api/v1/projects/${projectId}/campaigns`) : Promise.resolve(null)]);
  const p = view.project;
  const now = new Date();
  mount(crumbs({ href: '#/', label: t('nav.home') }, { href: '#/projects', label: t('projects.title') }, { label: p.title }),
    h('h1', {}, p.title),
    h('p', { class: 'muted' }, t(`type.${p.evaluationType}`), ' · ', language() === 'en' ? view.schemeTitleEn : view.schemeTitleZh),
    campaigns === null ? h('p', { class: 'muted', id: 'client-project-note' }, t('projects.clientNote')) : null,
    campaigns === null ? null : h('h2', {}, t('projects.campaigns')),
    campaigns === null ? null : campaigns.length ? h('ul', { class: 'list', id: 'campaign-list' }, campaigns.map((c) => h('li', {},
      h('div', { class: 'main' }, h('a', { href: `#/campaigns/${c.id}` }, h('strong', {}, language() === 'en' && c.titleEn ? c.titleEn : c.titleZh)),
        ' ', h('span', { class: 'tag' }, t(`state.${c.state}`))))))
      : h('p', { class: 'muted' }, t('common.none')),
    canEdit(ctx.me) ? h('details', { class: 'card' }, h('summary', {}, t('campaigns.new')), form({
      id: 'new-campaign',
      fields: [
        { name: 'titleZh', label: t('campaigns.titleZh'), required: true },
        { name: 'titleEn', label: t('campaigns.titleEn') },
        { name: 'opensAt', label: t('campaigns.opensAt'), type: 'datetime-local', required: true, value: localValue(now) },
        { name: 'closesAt', label: t('campaigns.closesAt'), type: 'datetime-local', required: true,
          value: localValue(new Date(now.getTime() + 14 * 86400000)) },
        { name: 'phoneMode', label: t('campaigns.phoneMode'), type: 'select', value: 'OPTIONAL',
          options: ['OPTIONAL', 'REQUIRED', 'OFF'].map((m) => [m, t(`phone.${m}`)]) },
      ],
      submitLabel: t('common.create'),
      async submit(v) {
        const c = await api('POST', `/api/v1/projects/${projectId}/campaigns`, { ...v, opensAt: toInstant(v.opensAt),
          closesAt: toInstant(v.closesAt) });
        ctx.go(`/campaigns/${c.id}`);
      },
    })) : null);
}
