// The client's nonconformities and improvement items (#/projects/{id}/findings, issue 12): the findings the audit
// team issued to its organisation, overdue ones marked, each with an answer form (corrective action + photos or PDF
// documents from the phone). The client sees the lead's text and the attachments the lead attached, never the visit
// answers behind them (server/docs/evaluation.md, "Findings").
import { t, language } from '../i18n.js';
import { api, ApiError } from '../api.js';
import { h, mount, crumbs, form, alertBox } from '../ui.js';
import { timeElement } from '../time.js';
import { attachFiles, fileInput, attachmentLinks, stateTag, kindText } from './findings.js';

export async function render(ctx, [projectId]) {
  if (!ctx.me.roles.includes('CLIENT')) throw new ApiError(404, { detail: t('findings.clientOnly') });
  const page = await api('GET', `/api/v1/projects/${projectId}/client-findings`);
  const title = language() === 'en' ? page.titleEn || page.title : page.title || page.titleEn;
  const notice = h('div', { 'aria-live': 'polite', id: 'client-findings-notice' });
  const open = page.findings.filter((f) => f.state !== 'CLOSED');
  const card = (f) => {
    let answer = null;
    if (f.state === 'ISSUED') {
      const files = fileInput(`answer-files-${f.id}`);
      answer = form({
        id: `answer-form-${f.id}`,
        fields: [{ name: 'correctiveAction', label: t('findings.correctiveAction'), type: 'textarea', required: true,
          hint: t('findings.correctiveHint') }],
        submitLabel: t('findings.answer'),
        submit: async (v) => {
          const attachments = await attachFiles(projectId, [...files.files]);
          await api('POST', `/api/v1/findings/${f.id}/answer`, { ...v, attachmentIds: attachments.map((a) => a.id) });
          await render(ctx, [projectId]);
          document.getElementById('client-findings-notice')?.replaceChildren(alertBox('good', t('findings.answered')));
        },
      });
      answer.querySelector('button[type=submit]').before(h('div', { class: 'field' },
        h('label', { for: `answer-files-${f.id}` }, t('findings.evidenceFiles')), files));
    }
    return h('li', { class: `card finding${f.overdue ? ' missing' : ''}`, 'data-finding': f.id, 'data-state': f.state },
      h('div', {}, h('strong', {}, `#${f.id} `, kindText(f)), ' ', stateTag(f)),
      h('p', { class: 'finding-text' }, f.finding),
      h('div', { class: 'small muted' }, [f.clause ? t('findings.clauseIs', f.clause) : null,
        f.itemCode ? t('findings.itemIs', f.itemCode) : null, t('findings.deadlineIs', f.deadline),
        f.owner ? t('findings.ownerIs', f.owner) : null].filter(Boolean).join(' · ')),
      attachmentLinks(f.attachments),
      f.sentBackReason && f.state === 'ISSUED' ? h('p', { class: 'bad-text small sent-back' }, t('findings.sentBack'), ': ', f.sentBackReason) : null,
      f.correctiveAction ? h('div', { class: 'answer small' }, h('strong', {}, t('findings.yourAnswer')), ': ',
        h('span', { class: 'corrective-action' }, f.correctiveAction), ' ', f.answeredAt ? timeElement(f.answeredAt) : null,
        attachmentLinks(f.answerAttachments, 'answer-attachment')) : null,
      f.state === 'ANSWERED' ? h('p', { class: 'small muted' }, t('findings.waitingForLead')) : null,
      f.state === 'CLOSED' ? h('p', { class: 'small good-text' }, t('findings.closedNote')) : null,
      answer);
  };
  mount(crumbs({ href: '#/', label: t('nav.home') }, { href: '#/projects', label: t('projects.title') },
    { href: `#/projects/${projectId}`, label: title }, { label: t('findings.clientTitle') }),
  h('h1', {}, t('findings.clientTitle')),
  h('p', { class: 'small' }, h('a', { id: 'export-findings', href: `/api/v1/projects/${projectId}/exports/findings?format=xlsx` }, t('export.findings'))),
  notice,
  h('p', { id: 'client-findings-summary' }, t('findings.clientCounts', open.length,
    page.findings.filter((f) => f.overdue).length)),
  page.findings.length ? h('ul', { class: 'list', id: 'client-finding-list' }, page.findings.map(card))
    : h('p', { class: 'muted' }, t('findings.clientNone')));
}
