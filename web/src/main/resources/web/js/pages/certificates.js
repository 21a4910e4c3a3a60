// Certificates (证书, issue 13): #/projects/{id}/certificates (the project's, with the lead's Issue button) and
// #/certificates (every certificate the caller may see). Status changes with a reason, the PDF in both languages and
// the public check page (/c/{publicId}, what the QR code opens). A CLIENT reads its organisation's certificates and
// downloads the PDF; it changes nothing. The server decides everything (server/docs/certificates.md).
import { t, language } from '../i18n.js';
import { api, ApiError } from '../api.js';
import { h, mount, crumbs, alertBox, errorText } from '../ui.js';
import { timeElement } from '../time.js';
import { projectTitle } from './projects.js';
import { ask } from './callbacks.js';

const pick = (zh, en) => (language() === 'en' ? en || zh : zh || en);

const statusTag = (s) => h('span', { class: `tag${s === 'VALID' ? ' good' : ' draft'}`, 'data-status': s }, t(`cert.status.${s}`));

function certificateCard(c, again, notice) {
  const pdf = (lang) => h('a', { href: `/api/v1/certificates/${c.id}/pdf?lang=${lang}`, target: '_blank', rel: 'noopener',
    class: 'button secondary', 'data-pdf': lang }, t('cert.pdf', lang === 'en' ? 'English' : '中文'));
  const act = (action) => h('button', { type: 'button', class: action === 'RESTORE' ? 'secondary' : 'danger',
    'data-action': action, async onClick() {
      const answer = await ask({ message: t(`cert.confirm.${action}`, c.number), confirmLabel: t(`cert.action.${action}`),
        reasonLabel: t('cert.reason'), danger: action !== 'RESTORE' });
      if (!answer) return;
      try {
        await api('POST', `/api/v1/certificates/${c.id}/status`, { action, reason: answer.reason });
        await again();
      } catch (e) {
        notice.replaceChildren(alertBox('bad', errorText(e)));
      }
    } }, t(`cert.action.${action}`));
  return h('li', { class: 'card', 'data-certificate': c.id },
    h('p', {}, h('strong', { class: 'cert-number' }, c.number), ' ', statusTag(c.status)),
    h('dl', { class: 'facts' },
      h('dt', {}, t('cert.organization')), h('dd', {}, pick(c.organizationName, c.organizationNameEn)),
      h('dt', {}, t('cert.scheme')), h('dd', {}, `${pick(c.schemeTitleZh, c.schemeTitleEn)} (${c.schemeCode} v${c.schemeVersion})`),
      h('dt', {}, t('cert.scope')), h('dd', {}, pick(c.scopeZh, c.scopeEn)),
      h('dt', {}, t('cert.grade')), h('dd', {}, pick(c.gradeNameZh, c.gradeNameEn), c.printedTotal ? ` · ${c.printedTotal} / ${c.fullMarks || '—'}` : ''),
      h('dt', {}, t('cert.validity')), h('dd', {}, t('cert.validityText', c.issuedOn, c.expiresOn)),
      c.surveillance.length ? [h('dt', {}, t('cert.surveillance')),
        h('dd', {}, c.surveillance.map((w) => h('div', {}, t('cert.window', w.number, w.from, w.to))))] : null,
      h('dt', {}, t('cert.revision', c.revision)), h('dd', { class: 'small mono', style: 'word-break:break-all' }, c.revisionSha256),
      h('dt', {}, t('cert.auditSha')), h('dd', { class: 'small mono', style: 'word-break:break-all' }, c.auditReportSha256)),
    h('div', { class: 'row' }, pdf('zh-CN'), pdf('en'),
      h('a', { href: c.publicUrl, target: '_blank', rel: 'noopener', class: 'button secondary', 'data-public': c.id }, t('cert.public'))),
    c.actions.length ? h('div', { class: 'row' }, c.actions.map(act)) : null,
    h('details', {}, h('summary', {}, t('cert.history')),
      h('ul', { class: 'list' }, c.history.map((x) => h('li', { 'data-history': x.action },
        h('div', { class: 'main' }, h('strong', {}, t(`cert.action.${x.action}`)), ' → ', t(`cert.status.${x.to}`),
          h('div', { class: 'small' }, x.reason),
          h('div', { class: 'small muted' }, x.actor ? `${x.actor} · ` : '', timeElement(x.at))))))));
}

export async function render(ctx, [projectId]) {
  const me = ctx.me;
  const reader = ['ADMIN', 'LEAD', 'AUDITOR', 'CLIENT'].some((r) => me.roles.includes(r));
  if (!reader) throw new ApiError(404, { detail: t('eval.notReleased') });
  const again = () => render(ctx, [projectId]);
  const notice = h('div', { 'aria-live': 'polite', id: 'cert-notice' });
  if (!projectId) {
    const list = await api('GET', '/api/v1/certificates');
    mount(crumbs({ href: '#/', label: t('nav.home') }, { label: t('cert.title') }),
      h('h1', {}, t('cert.title')), notice,
      list.length ? h('ul', { class: 'list', id: 'certificate-list' }, list.map((c) => certificateCard(c, again, notice)))
        : h('p', { class: 'muted', id: 'certificates-empty' }, t('cert.none')));
    return;
  }
  const client = me.roles.includes('CLIENT') && !['ADMIN', 'LEAD', 'AUDITOR'].some((r) => me.roles.includes(r));
  const [project, list] = await Promise.all([
    client ? api('GET', `/api/v1/projects/${projectId}/overview`) : api('GET', `/api/v1/projects/${projectId}`).then((v) => v.project),
    api('GET', `/api/v1/projects/${projectId}/certificates`)]);
  const title = projectTitle(project);
  const mayIssue = me.roles.includes('ADMIN') || (!client && me.id === project.leadUserId);
  const issue = mayIssue ? h('section', { class: 'card', id: 'cert-issue' },
    h('h2', {}, t('cert.issue')),
    h('p', { class: 'small muted' }, t('cert.issueHint')),
    h('div', { class: 'field' }, h('label', { for: 'cert-scope-zh' }, t('cert.scopeZh')),
      h('textarea', { id: 'cert-scope-zh', rows: 2, maxlength: 500, placeholder: t('cert.scopeDefault') })),
    h('div', { class: 'field' }, h('label', { for: 'cert-scope-en' }, t('cert.scopeEn')),
      h('textarea', { id: 'cert-scope-en', rows: 2, maxlength: 500, placeholder: t('cert.scopeDefault') })),
    h('div', { class: 'field' }, h('label', { for: 'cert-expires' }, t('cert.expiresOn')),
      h('input', { type: 'date', id: 'cert-expires' }), h('p', { class: 'small muted' }, t('cert.expiresHint'))),
    h('button', { type: 'button', id: 'cert-issue-button', async onClick() {
      if (!(await ask({ message: t('cert.issueConfirm'), confirmLabel: t('cert.issue') }))) return;
      const value = (id) => document.getElementById(id).value.trim() || null;
      try {
        await api('POST', `/api/v1/projects/${projectId}/certificates`,
          { scopeZh: value('cert-scope-zh'), scopeEn: value('cert-scope-en'), expiresOn: value('cert-expires') });
        await again();
      } catch (e) {
        notice.replaceChildren(alertBox('bad', errorText(e)));
      }
    } }, t('cert.issue'))) : null;
  mount(crumbs({ href: '#/', label: t('nav.home') }, { href: '#/projects', label: t('projects.title') },
    { href: `#/projects/${projectId}`, label: title }, { label: t('cert.title') }),
  h('h1', {}, t('cert.title')),
  notice,
  list.length ? h('ul', { class: 'list', id: 'certificate-list' }, list.map((c) => certificateCard(c, again, notice)))
    : h('p', { class: 'muted', id: 'certificates-empty' }, t('cert.none')),
  issue);
}
