// The lead's findings on a project's evaluation (#/projects/{id}/evaluation/findings, issue 12): N/A decisions with
// their justification, special deductions and bonus with reason and evidence, and the nonconformities and
// improvement items (raise, issue, accept, send back) with the client's answers. The server checks everything and
// feeds the N/A decisions, deductions and bonus into the live result (server/docs/evaluation.md, "Findings").
import { t, language } from '../i18n.js';
import { api, upload, ApiError } from '../api.js';
import { h, mount, crumbs, form, alertBox, errorText } from '../ui.js';
import { timeElement } from '../time.js';
import { projectTitle } from './projects.js';
import { ask } from './callbacks.js';
import { preparePhoto, hashBlob } from '../photo.js';

const pick = (zh, en) => (language() === 'en' ? en || zh : zh || en);

/**
 * Uploads the chosen files to the project's evaluation attachments: photos scaled and hashed on the phone
 * (js/photo.js), PDFs as they are; returns the stored attachments. Used by the client's page too.
 */
export async function attachFiles(projectId, files) {
  const out = [];
  for (const file of files) {
    const pdf = file.type === 'application/pdf' || /\.pdf$/i.test(file.name);
    let blob = file;
    let type = 'application/pdf';
    if (!pdf) {
      const prepared = await preparePhoto(file);
      blob = prepared.blob;
      type = 'image/jpeg';
    }
    const sha = await hashBlob(blob);
    const name = encodeURIComponent((file.name || 'file').slice(0, 200));
    out.push(await upload('POST', `/api/v1/projects/${projectId}/evaluation-attachments?sha256=${sha}&fileName=${name}`,
      blob, type));
  }
  return out;
}

/** A file input for photos (camera on a phone) and PDF documents. */
export function fileInput(id) {
  return h('input', { type: 'file', id, multiple: true, accept: 'image/jpeg,image/png,image/webp,application/pdf' });
}

export function attachmentLinks(list, cls = 'attachment-link') {
  if (!list || !list.length) return null;
  return h('div', { class: 'small' }, list.map((a, i) => [i ? ' · ' : '',
    h('a', { href: a.url, target: '_blank', rel: 'noopener', class: cls },
      t(a.kind === 'DOCUMENT' ? 'findings.document' : 'findings.photo', a.fileName || a.id))]));
}

export function stateTag(f) {
  return [h('span', { class: `tag state-${f.state}${f.state === 'CLOSED' ? ' off' : ''}` }, t(`findings.state.${f.state}`)),
    f.overdue ? [' ', h('span', { class: 'tag bad overdue' }, t('findings.overdue'))] : null];
}

export function kindText(f) {
  return f.kind === 'NONCONFORMITY' ? t(`findings.severity.${f.severity}`) : t('findings.kind.IMPROVEMENT');
}

function itemLabel(row) {
  return `${row.name} ${pick(row.textZh, row.textEn)}`;
}

export async function render(ctx, [projectId]) {
  const team = ['ADMIN', 'LEAD', 'AUDITOR'].some((r) => ctx.me.roles.includes(r));
  if (!team) throw new ApiError(404, { detail: t('eval.notReleased') });
  const [view, sheet, page] = await Promise.all([api('GET', `/api/v1/projects/${projectId}`),
    api('GET', `/api/v1/projects/${projectId}/evaluation`), api('GET', `/api/v1/projects/${projectId}/findings`)]);
  const lead = ctx.me.roles.includes('ADMIN') || view.project.leadUserId === ctx.me.id;
  const items = sheet.items.filter((r) => !r.bonus);
  const bonusItems = sheet.items.filter((r) => r.bonus);
  const byName = new Map(sheet.items.map((r) => [r.name, r]));
  const notice = h('div', { 'aria-live': 'polite', id: 'findings-notice' });
  const reload = async (message) => {
    await render(ctx, [projectId]);
    if (message) document.getElementById('findings-notice')?.replaceChildren(alertBox('good', message));
  };
  const act = async (fn, message) => {
    try { await fn(); await reload(message); } catch (e) { notice.replaceChildren(alertBox('bad', errorText(e))); }
  };
  const r = sheet.result;
  const total = r.total == null ? t('try.noTotal') : `${r.printedTotal || r.total.display} / ${r.fullMarks.display}`;

  // ---------------------------------------------------------------- N/A decisions
  const naList = h('ul', { class: 'list', id: 'na-list' }, page.notApplicableDecisions.map((d) => h('li', { 'data-na': d.itemCode },
    h('div', { class: 'main' }, h('strong', {}, byName.get(d.itemCode) ? itemLabel(byName.get(d.itemCode)) : d.itemCode),
      h('div', { class: 'small' }, t('findings.na.justification'), ': ', d.justification),
      h('div', { class: 'muted small' }, d.decidedBy, ' · ', timeElement(d.decidedAt))),
    lead ? h('button', { type: 'button', class: 'secondary na-withdraw', onclick: async () => {
      const ok = await ask({ message: t('findings.na.withdrawConfirm', d.itemCode), confirmLabel: t('findings.withdraw'),
        reasonLabel: t('findings.reason'), danger: true });
      if (ok) await act(() => api('POST', `/api/v1/projects/${projectId}/evaluation/na-decisions/${d.id}/withdraw`,
        { reason: ok.reason }), t('findings.withdrawn'));
    } }, t('findings.withdraw')) : null)));
  const naAllowed = items.filter((i) => i.notApplicableAllowed
    && !page.notApplicableDecisions.some((d) => d.itemCode === i.name));
  const naForm = lead && naAllowed.length ? form({
    id: 'na-form',
    fields: [
      { name: 'itemCode', label: t('findings.item'), type: 'select', options: naAllowed.map((i) => [i.name, itemLabel(i)]), required: true },
      { name: 'justification', label: t('findings.na.justification'), type: 'textarea', required: true, hint: t('findings.na.hint') },
    ],
    submitLabel: t('findings.na.decide'),
    submit: async (v) => {
      await api('POST', `/api/v1/projects/${projectId}/evaluation/na-decisions`, v);
      await reload(t('findings.na.decided'));
    },
  }) : null;

  // ---------------------------------------------------------------- deductions and bonus
  // One raise form at a time: "raise from this deduction" refills it and opens it.
  const raiseDetails = h('details', { class: 'card', id: 'raise-details' });
  const showRaise = (prefill, open) => {
    raiseDetails.replaceChildren(h('summary', {}, t('findings.raise')), raiseForm(prefill));
    raiseDetails.open = open;
    if (open) raiseDetails.scrollIntoView();
  };
  const adjList = h('ul', { class: 'list', id: 'adjustment-list' }, page.adjustments.map((a) => h('li', { 'data-adjustment': a.id },
    h('div', { class: 'main' },
      h('strong', {}, t(`findings.adj.${a.kind}`)), ' ',
      a.kind === 'DEDUCTION' ? `−${a.totalPoints} (${a.count} × ${a.pointsEach})` : a.totalPoints != null ? `+${a.totalPoints}` : '',
      a.itemCode ? [' · ', a.itemCode] : null, a.clause ? [' · ', a.clause] : null,
      h('div', { class: 'small' }, a.reason),
      a.visitAnswerIds.length ? h('div', { class: 'small muted' }, t('findings.answers', a.visitAnswerIds.join(', '))) : null,
      a.photos.length ? h('div', { class: 'small' }, a.photos.map((p, i) => [i ? ' · ' : '',
        h('a', { href: p.url, target: '_blank', rel: 'noopener' }, t('findings.photo', p.photoId))])) : null,
      attachmentLinks(a.attachments),
      a.noEvidenceNote ? h('div', { class: 'small muted' }, t('findings.noEvidence'), ': ', a.noEvidenceNote) : null,
      a.rectificationNeeded ? h('div', { class: 'small bad-text rectification' }, t('findings.rectification'),
        a.findingIds.length ? [' · ', t('findings.raisedAs', a.findingIds.map((x) => `#${x}`).join(', '))] : null) : null,
      h('div', { class: 'muted small' }, a.createdBy, ' · ', timeElement(a.createdAt))),
    lead ? h('div', { class: 'row' },
      a.kind === 'DEDUCTION' ? h('button', { type: 'button', class: 'secondary raise-from-deduction',
        onclick: () => showRaise({ adjustmentId: a.id, itemCode: a.itemCode, clause: a.clause, finding: a.reason }, true) },
      t('findings.raiseFromDeduction')) : null,
      h('button', { type: 'button', class: 'secondary adj-withdraw', onclick: async () => {
        const ok = await ask({ message: t('findings.adj.withdrawConfirm'), confirmLabel: t('findings.withdraw'),
          reasonLabel: t('findings.reason'), danger: true });
        if (ok) await act(() => api('POST', `/api/v1/projects/${projectId}/evaluation/adjustments/${a.id}/withdraw`,
          { reason: ok.reason }), t('findings.withdrawn'));
      } }, t('findings.withdraw'))) : null)));
  const kinds = [['DEDUCTION', t('findings.adj.DEDUCTION')]];
  if (Number(page.special.maxBonus) > 0) kinds.push(['BONUS', t('findings.adj.BONUS')]);
  if (bonusItems.length) kinds.push(['BONUS_ITEM', t('findings.adj.BONUS_ITEM')]);
  const adjFiles = fileInput('adjustment-files');
  const adjForm = lead ? form({
    id: 'adjustment-form',
    fields: [
      { name: 'kind', label: t('findings.adj.kind'), type: 'select', options: kinds, required: true },
      { name: 'itemCode', label: t('findings.item'), type: 'select',
        options: [['', '—'], ...items.map((i) => [i.name, itemLabel(i)]), ...bonusItems.map((i) => [i.name, `${t('eval.bonus')}: ${itemLabel(i)}`])] },
      { name: 'clause', label: t('findings.clause') },
      { name: 'count', label: t('findings.adj.count'), type: 'number', inputmode: 'numeric', hint: t('findings.adj.countHint', page.special.pointsPerDeduction) },
      { name: 'points', label: t('findings.adj.points'), inputmode: 'decimal', hint: t('findings.adj.pointsHint', page.special.maxBonus) },
      { name: 'reason', label: t('findings.reason'), type: 'textarea', required: true },
      { name: 'noEvidenceNote', label: t('findings.noEvidence'), type: 'textarea', hint: t('findings.noEvidenceHint') },
    ],
    submitLabel: t('findings.adj.record'),
    submit: async (v) => {
      const attachments = await attachFiles(projectId, [...adjFiles.files]);
      const body = { ...v, attachmentIds: attachments.map((a) => a.id) };
      await api('POST', `/api/v1/projects/${projectId}/evaluation/adjustments`, body);
      await reload(t('findings.adj.recorded'));
    },
  }) : null;
  if (adjForm) adjForm.querySelector('button[type=submit]').before(h('div', { class: 'field' },
    h('label', { for: 'adjustment-files' }, t('findings.files')), adjFiles));

  // ---------------------------------------------------------------- nonconformities and improvement items
  function raiseForm(prefill = {}) {
    const files = fileInput('finding-files');
    const f = form({
      id: 'raise-form',
      fields: [
        { name: 'kind', label: t('findings.kind'), type: 'select', required: true,
          options: [['NONCONFORMITY', t('findings.kind.NONCONFORMITY')], ['IMPROVEMENT', t('findings.kind.IMPROVEMENT')]] },
        { name: 'severity', label: t('findings.severity'), type: 'select', hint: t('findings.severityHint'),
          options: [['MINOR', t('findings.severity.MINOR')], ['MAJOR', t('findings.severity.MAJOR')], ['', '—']] },
        { name: 'itemCode', label: t('findings.item'), type: 'select', value: prefill.itemCode || '',
          options: [['', '—'], ...items.map((i) => [i.name, itemLabel(i)])] },
        { name: 'clause', label: t('findings.clause'), value: prefill.clause || '' },
        { name: 'finding', label: t('findings.finding'), type: 'textarea', required: true, value: prefill.finding || '' },
        { name: 'deadline', label: t('findings.deadline'), type: 'date', required: true, hint: t('findings.deadlineHint') },
        { name: 'owner', label: t('findings.owner'), hint: t('findings.ownerHint') },
      ],
      submitLabel: t('findings.raise'),
      submit: async (v) => {
        const attachments = await attachFiles(projectId, [...files.files]);
        const body = { ...v, attachmentIds: attachments.map((a) => a.id) };
        if (body.kind === 'IMPROVEMENT') body.severity = null;
        if (prefill.adjustmentId) body.adjustmentId = prefill.adjustmentId;
        await api('POST', `/api/v1/projects/${projectId}/findings`, body);
        await reload(t('findings.raised'));
      },
    });
    f.querySelector('button[type=submit]').before(h('div', { class: 'field' },
      h('label', { for: 'finding-files' }, t('findings.files')), files));
    if (prefill.adjustmentId) f.prepend(h('p', { class: 'small muted' }, t('findings.fromDeduction', prefill.adjustmentId)));
    return f;
  }

  const filter = h('select', { id: 'findings-filter', 'aria-label': t('findings.filter') },
    ['all', 'open', 'overdue', 'closed'].map((k) => h('option', { value: k }, t(`findings.filter.${k}`))));
  const findingList = h('ul', { class: 'list', id: 'finding-list' });
  const drawFindings = () => {
    const keep = (f) => ({ all: true, open: f.state !== 'CLOSED', overdue: f.overdue, closed: f.state === 'CLOSED' })[filter.value];
    const shown = page.findings.filter(keep);
    findingList.replaceChildren(...(shown.length ? shown.map((f) => h('li', { class: 'card finding', 'data-finding': f.id, 'data-state': f.state },
      h('div', { class: 'main' },
        h('div', {}, h('strong', {}, `#${f.id} `, kindText(f)), ' ', stateTag(f)),
        h('p', { class: 'finding-text' }, f.finding),
        h('div', { class: 'small muted' }, [f.clause ? t('findings.clauseIs', f.clause) : null,
          f.itemCode ? t('findings.itemIs', f.itemCode) : null, t('findings.deadlineIs', f.deadline),
          f.owner ? t('findings.ownerIs', f.owner) : null].filter(Boolean).join(' · ')),
        attachmentLinks(f.attachments),
        f.correctiveAction ? h('div', { class: 'answer small' }, h('strong', {}, t('findings.correctiveAction')), ': ',
          h('span', { class: 'corrective-action' }, f.correctiveAction), ' ', f.answeredAt ? timeElement(f.answeredAt) : null,
          attachmentLinks(f.answerAttachments, 'answer-attachment')) : null,
        f.sentBackReason ? h('div', { class: 'small muted' }, t('findings.sentBack'), ': ', f.sentBackReason) : null),
      lead ? h('div', { class: 'row' },
        f.state === 'DRAFT' ? h('button', { type: 'button', class: 'issue', onclick: async () => {
          if (await ask({ message: t('findings.issueConfirm'), confirmLabel: t('findings.issue') })) {
            await act(() => api('POST', `/api/v1/findings/${f.id}/issue`), t('findings.issued'));
          }
        } }, t('findings.issue')) : null,
        f.state === 'ANSWERED' ? [h('button', { type: 'button', class: 'accept', onclick: async () => {
          if (await ask({ message: t('findings.acceptConfirm'), confirmLabel: t('findings.accept') })) {
            await act(() => api('POST', `/api/v1/findings/${f.id}/accept`), t('findings.accepted'));
          }
        } }, t('findings.accept')), h('button', { type: 'button', class: 'secondary send-back', onclick: async () => {
          const ok = await ask({ message: t('findings.sendBackConfirm'), confirmLabel: t('findings.sendBack'),
            reasonLabel: t('findings.reason'), danger: true });
          if (ok) await act(() => api('POST', `/api/v1/findings/${f.id}/send-back`, { reason: ok.reason }), t('findings.sentBackDone'));
        } }, t('findings.sendBack'))] : null) : null))
      : [h('li', { class: 'muted' }, t('common.none'))]));
  };
  if (lead) showRaise({}, false);
  filter.addEventListener('change', drawFindings);
  drawFindings();
  const counts = {
    open: page.findings.filter((f) => f.state !== 'CLOSED').length,
    overdue: page.findings.filter((f) => f.overdue).length,
  };

  mount(crumbs({ href: '#/', label: t('nav.home') }, { href: '#/projects', label: t('projects.title') },
    { href: `#/projects/${projectId}`, label: projectTitle(view.project) },
    { href: `#/projects/${projectId}/evaluation`, label: t('eval.title') }, { label: t('findings.title') }),
  h('h1', {}, t('findings.title')),
  notice,
  h('section', { class: 'card', id: 'findings-summary' },
    h('p', {}, t('findings.liveTotal'), ' ', h('strong', { id: 'findings-total' }, total),
      r.grade ? [' · ', pick(r.grade.nameZh, r.grade.nameEn)] : null),
    h('p', { class: 'small' }, t('findings.counts', counts.open, counts.overdue)),
    h('p', { class: 'small muted' }, h('a', { href: `#/projects/${projectId}/evaluation` }, t('findings.backToSheet')), ' · ',
      h('a', { id: 'export-findings', href: `/api/v1/projects/${projectId}/exports/findings?format=xlsx` }, t('export.findings')))),
  h('section', { id: 'na-section' }, h('h2', {}, t('findings.na.title')),
    h('p', { class: 'small muted' }, t('findings.na.rule')),
    page.notApplicableDecisions.length ? naList : h('p', { class: 'muted' }, t('common.none')),
    naForm ? h('details', { class: 'card' }, h('summary', {}, t('findings.na.decide')), naForm) : null),
  h('section', { id: 'adjustment-section' }, h('h2', {}, t('findings.adj.title')),
    page.adjustments.length ? adjList : h('p', { class: 'muted' }, t('common.none')),
    adjForm ? h('details', { class: 'card' }, h('summary', {}, t('findings.adj.record')), adjForm) : null),
  h('section', { id: 'finding-section' }, h('h2', {}, t('findings.list')),
    h('label', { class: 'field' }, t('findings.filter'), ' ', filter), findingList,
    lead ? raiseDetails : null));
}
