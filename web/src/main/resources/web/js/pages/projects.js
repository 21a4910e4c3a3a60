import { t, language } from '../i18n.js';
import { api } from '../api.js';
import { h, mount, form, crumbs } from '../ui.js';
import { canEdit } from './orgs.js';

const TYPES = ['INITIAL', 'SURVEILLANCE', 'RECERTIFICATION'];

/** A project's title in the page language, else in the other one (title is Chinese, titleEn English). */
export function projectTitle(p) {
  return language() === 'en' ? p.titleEn || p.title : p.title || p.titleEn;
}

export async function render(ctx) {
  const projects = await api('GET', '/api/v1/projects');
  const editing = canEdit(ctx.me) ? await newProjectForm(ctx) : null;
  mount(crumbs({ href: '#/', label: t('nav.home') }, { label: t('projects.title') }),
    h('h1', {}, t('projects.title')),
    projects.length ? h('ul', { class: 'list', id: 'project-list' }, projects.map((p) => h('li', {},
      h('div', { class: 'main' }, h('a', { href: `#/projects/${p.id}` }, h('strong', {}, projectTitle(p))), ' ',
        h('span', { class: 'tag' }, t(`type.${p.evaluationType}`))))))
      : h('p', { class: 'muted' }, t('common.none')),
    editing);
}

async function newProjectForm(ctx) {
  const [orgs, schemes, staff] = await Promise.all([api('GET', '/api/v1/organizations'), api('GET', '/api/v1/schemes'),
    api('GET', '/api/v1/staff')]);
  const sites = (await Promise.all(orgs.map((o) => api('GET', `/api/v1/organizations/${o.id}/sites`)
    .then((list) => list.map((s) => ({ ...s, org: o })))))).flat();
  const zh = language() !== 'en';
  const versions = schemes.filter((s) => s.published)
    .map((s) => [s.published.id, `${zh ? s.titleZh : s.titleEn || s.titleZh} (${s.code} v${s.published.version})`]);
  return h('details', { class: 'card' }, h('summary', {}, t('projects.new')), form({
    id: 'new-project',
    fields: [
      { name: 'site', label: `${t('projects.org')} / ${t('projects.site')}`, type: 'select', required: true,
        options: sites.map((s) => [`${s.org.id}:${s.id}`, `${s.org.name} / ${s.name}`]) },
      { name: 'schemeVersionId', label: t('projects.scheme'), type: 'select', required: true, options: versions },
      { name: 'evaluationType', label: t('projects.type'), type: 'select', required: true,
        options: TYPES.map((x) => [x, t(`type.${x}`)]) },
      { name: 'title', label: t('projects.name'), required: true },
      { name: 'titleEn', label: t('projects.nameEn') },
      { name: 'auditorIds', label: t('projects.auditors'), type: 'checkboxes',
        options: staff.filter((u) => u.id !== ctx.me.id && (u.roles.includes('AUDITOR') || u.roles.includes('LEAD')))
          .map((u) => [String(u.id), u.displayName]) },
    ],
    submitLabel: t('common.create'),
    async submit(v) {
      const [organizationId, siteId] = (v.site || ':').split(':').map(Number);
      const r = await api('POST', '/api/v1/projects', { organizationId, siteId, schemeVersionId: Number(v.schemeVersionId),
        evaluationType: v.evaluationType, title: v.title, titleEn: v.titleEn, auditorIds: v.auditorIds.map(Number),
        leadUserId: ctx.me.roles.includes('LEAD') ? ctx.me.id : null });
      ctx.go(`/projects/${r.project.id}`);
    },
  }));
}
