import { t, language } from '../i18n.js';
import { api } from '../api.js';
import { h, mount, form, crumbs, alertBox, errorText } from '../ui.js';
import { canEdit } from './orgs.js';
import { beijingInputValue, fromBeijingInput, timeElement } from '../time.js';
import { projectTitle } from './projects.js';

// The window is entered in Beijing time whatever the browser's zone (see time.js).

export async function render(ctx, [projectId]) {
  // Survey campaigns are the audit team's working data: a CLIENT reads the project's page, not its campaigns.
  const team = ['ADMIN', 'LEAD', 'AUDITOR'].some((r) => ctx.me.roles.includes(r));
  if (!team) {
    await clientPage(projectId);
    return;
  }
  const [view, campaigns, members, facts] = await Promise.all([api('GET', `/api/v1/projects/${projectId}`),
    api('GET', `/api/v1/projects/${projectId}/campaigns`), api('GET', `/api/v1/projects/${projectId}/members`),
    staffFacts(projectId)]);
  const p = view.project;
  const title = projectTitle(p);
  // An ADMIN, or the project's own lead, manages the team (the server checks the same).
  const manages = ctx.me.roles.includes('ADMIN') || ctx.me.id === p.leadUserId;
  const staff = members && manages ? await api('GET', '/api/v1/staff') : [];
  const now = new Date();
  mount(crumbs({ href: '#/', label: t('nav.home') }, { href: '#/projects', label: t('projects.title') }, { label: title }),
    h('h1', {}, title),
    h('p', { class: 'muted' }, t(`type.${p.evaluationType}`), ' · ', language() === 'en' ? view.schemeTitleEn : view.schemeTitleZh),
    projectFacts(view, members, facts),
    h('h2', {}, t('projects.campaigns')),
    campaigns.length ? h('ul', { class: 'list', id: 'campaign-list' }, campaigns.map((c) => h('li', {},
      h('div', { class: 'main' }, h('a', { href: `#/campaigns/${c.id}` }, h('strong', {}, language() === 'en' && c.titleEn ? c.titleEn : c.titleZh)),
        ' ', h('span', { class: 'tag' }, t(`state.${c.state}`)),
        h('div', { class: 'small muted' }, timeElement(c.opensAt), ' – ', timeElement(c.closesAt))))))
      : h('p', { class: 'muted' }, t('common.none')),
    // Visits are the team's: the plans, dates and raters never reach a CLIENT (this page is the staff one).
    h('h2', {}, t('visits.title')),
    h('p', {}, h('a', { href: `#/projects/${projectId}/visits`, class: 'button', id: 'project-visits' }, t('visits.open.link'))),
    // The evaluation sheet: every item with its evidence and the live (provisional) result.
    h('h2', {}, t('eval.title')),
    h('p', {}, h('a', { href: `#/projects/${projectId}/evaluation`, class: 'button', id: 'project-evaluation' }, t('eval.open'))),
    evaluationState(projectId, facts.revisions),
    members ? teamSection(ctx, projectId, members, manages, staff) : null,
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

/**
 * What a CLIENT reads of its organisation's project: titles, site(s), scheme, type and status, from the overview
 * (the server sends nothing of the team, the campaigns, call-backs or responses). Another organisation's project is
 * a 404, which the router turns into the "not available" page with a way home.
 */
async function clientPage(projectId) {
  const o = await api('GET', `/api/v1/projects/${projectId}/overview`);
  const en = language() === 'en';
  const title = projectTitle(o);
  const siteName = (s) => (en ? s.nameEn || s.name : s.name || s.nameEn);
  mount(crumbs({ href: '#/', label: t('nav.home') }, { href: '#/projects', label: t('projects.title') }, { label: title }),
    h('h1', {}, title),
    h('dl', { class: 'facts', id: 'client-project' },
      h('dt', {}, t('projects.sites')), h('dd', {}, o.sites.map((s, i) => [i ? '、' : '', siteName(s)])),
      h('dt', {}, t('projects.scheme')), h('dd', {}, `${en ? o.schemeTitleEn || o.schemeTitleZh : o.schemeTitleZh} (${o.schemeCode})`),
      h('dt', {}, t('projects.type')), h('dd', {}, t(`type.${o.evaluationType}`)),
      h('dt', {}, t('projects.status')), h('dd', { id: 'project-status' }, t(`projects.status.${o.status}`))),
    h('p', {}, h('a', { href: `#/projects/${projectId}/findings`, class: 'button', id: 'project-client-findings' }, t('findings.clientOpen'))),
    h('h2', {}, t('projects.results')),
    await releasedResults(o));
}

/**
 * The result the certification body released to the client (issue 12): total and grade with a link to the result
 * page and its findings; before a release (the server answers 404) the page says results are still to come.
 */
async function releasedResults(o) {
  const r = await api('GET', `/api/v1/projects/${o.id}/result`).catch(() => null);
  if (!r) return h('p', { class: 'muted', id: 'client-results-empty' }, t('projects.resultsPending'));
  const en = language() === 'en';
  const grade = r.grade ? (en ? r.grade.nameEn || r.grade.nameZh : r.grade.nameZh || r.grade.nameEn) : t('eval.noGrade');
  const total = r.total ? `${r.printedTotal || r.total.display} / ${r.fullMarks ? r.fullMarks.display : '—'}` : t('try.noTotal');
  return h('div', { class: 'card', id: 'client-result' },
    h('p', {}, h('strong', {}, total), ' · ', h('strong', {}, grade), ' · ', t('result.revision', r.revision)),
    h('p', {}, h('a', { href: `#/projects/${o.id}/result`, class: 'button', id: 'client-result-link' }, t('result.open')), ' ',
      h('a', { href: `#/projects/${o.id}/findings`, id: 'client-findings-link' }, t('result.findings')), ' ',
      h('a', { href: `#/projects/${o.id}/reports`, id: 'client-reports-link' }, t('reports.link')), ' ',
      h('a', { href: `#/projects/${o.id}/certificates`, id: 'client-certificates-link' }, t('cert.title'))));
}

/**
 * What the staff page adds to the project's facts: the visits (their count by state), the evaluation's revisions
 * (its state) and the pinned scheme version's number when the scheme list names it. Each may fail on its own
 * (a role without the route): the page then leaves the line out.
 */
async function staffFacts(projectId) {
  const [visits, revisions, schemes] = await Promise.all([
    api('GET', `/api/v1/projects/${projectId}/visits`).catch(() => null),
    api('GET', `/api/v1/projects/${projectId}/evaluation/revisions`).catch(() => null),
    api('GET', '/api/v1/schemes').catch(() => [])]);
  return { visits, revisions, schemes };
}

function projectFacts(view, members, facts) {
  const p = view.project;
  const lead = members ? members.find((m) => m.lead) : null;
  const version = (facts.schemes || []).map((s) => s.published).find((v) => v && v.id === p.schemeVersionId);
  const byState = {};
  (facts.visits || []).forEach((v) => { byState[v.state] = (byState[v.state] || 0) + 1; });
  return h('dl', { class: 'facts', id: 'project-facts' },
    h('dt', {}, t('projects.scheme')), h('dd', {}, `${language() === 'en' ? view.schemeTitleEn || view.schemeTitleZh : view.schemeTitleZh}`,
      ` (${view.schemeCode}${version ? ` v${version.version}` : ''})`),
    p.createdAt ? [h('dt', {}, t('project.created')), h('dd', {}, timeElement(p.createdAt))] : null,
    lead ? [h('dt', {}, t('team.lead')), h('dd', {}, lead.displayName)] : null,
    facts.visits ? [h('dt', {}, t('visits.title')), h('dd', { id: 'project-visit-counts' }, facts.visits.length
      ? Object.entries(byState).map(([k, n], i) => [i ? ' · ' : '', `${t(`visits.state.${k}`)} ${n}`]) : t('common.none'))] : null);
}

/** The evaluation's state (revision, in progress / signed off / released) with links to sign-off and the result. */
function evaluationState(projectId, revisions) {
  if (!revisions) return null;
  const current = revisions[revisions.length - 1];
  const state = current ? current.state : 'IN_PROGRESS';
  const released = [...revisions].reverse().find((r) => r.releasedAt);
  return h('p', { id: 'project-evaluation-state' },
    t('signoff.revision', current ? current.number : 1), ' ', h('span', { class: 'tag', 'data-state': state }, t(`signoff.state.${state}`)), ' · ',
    h('a', { href: `#/projects/${projectId}/evaluation/sign-off`, id: 'project-sign-off' }, t('signoff.link')),
    released ? [' · ', h('a', { href: `#/projects/${projectId}/result`, id: 'project-result' }, t('signoff.clientView', released.number))] : null,
    ' · ', h('a', { href: `#/projects/${projectId}/reports`, id: 'project-reports' }, t('reports.link')),
    released ? [' · ', h('a', { href: `#/projects/${projectId}/certificates`, id: 'project-certificates' }, t('cert.title'))] : null);
}

/** The team: lead and members; whoever manages it can add staff and remove members (not the lead). */
function teamSection(ctx, projectId, members, manages, staff) {
  const again = () => render(ctx, [projectId]);
  const onTeam = new Set(members.map((m) => m.userId));
  const notice = h('div', { 'aria-live': 'polite' });
  const roles = (m) => m.roles.map((r) => t(`role.${r}`)).join('、');
  return [
    h('h2', {}, t('team.title')),
    h('ul', { class: 'list', id: 'team-list' }, members.map((m) => h('li', { 'data-user': m.userId },
      h('div', { class: 'main' }, h('strong', {}, m.displayName), ' ', h('span', { class: 'muted small' }, roles(m)),
        m.lead ? [' ', h('span', { class: 'tag' }, t('team.lead'))] : null),
      manages && !m.lead ? h('button', { type: 'button', class: 'secondary', 'aria-label': t('team.remove', m.displayName),
        async onClick() {
          try {
            await api('DELETE', `/api/v1/projects/${projectId}/members/${m.userId}`);
            await again();
          } catch (e) {
            notice.replaceChildren(alertBox('bad', errorText(e)));
          }
        } }, t('team.removeShort')) : null))),
    notice,
    manages ? h('details', { class: 'card' }, h('summary', {}, t('team.add')), form({
      id: 'add-member',
      fields: [{ name: 'userId', label: t('team.person'), type: 'select', required: true,
        options: [['', '—'], ...staff.filter((u) => !onTeam.has(u.id))
          .map((u) => [u.id, `${u.displayName} (${u.roles.map((r) => t(`role.${r}`)).join('、')})`])] }],
      submitLabel: t('team.addShort'),
      async submit(v) {
        await api('POST', `/api/v1/projects/${projectId}/members`, { userId: v.userId ? Number(v.userId) : null });
        await again();
      },
    })) : null,
  ];
}
