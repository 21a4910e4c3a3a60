// The project's reports (#/projects/{id}/reports, issue 13): the radar chart of the released result, the audit
// report's narrative (the lead writes it per revision; the team reads it), the generate buttons (audit report in
// Chinese and English; the survey analysis report), and every stored document with its SHA-256 and a download.
// Generating freezes the revision's narrative, so it is confirmed first. The CLIENT of the organisation sees only the
// radar and the released reports. Everything is decided by the server (server/docs/reports.md).
import { t, language } from '../i18n.js';
import { api, ApiError } from '../api.js';
import { h, mount, crumbs, alertBox, errorText, form } from '../ui.js';
import { timeElement } from '../time.js';
import { ask } from './callbacks.js';

const pick = (zh, en) => (language() === 'en' ? en || zh : zh || en);
const TYPES = ['INITIAL', 'SURVEILLANCE', 'RECERTIFICATION'];

function size(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function documentItem(d) {
  return h('li', { 'data-document': d.id, 'data-kind': d.kind, 'data-language': d.language },
    h('div', { class: 'main' },
      h('strong', {}, t(`reports.kind.${d.kind}`)), ' ',
      h('span', { class: 'tag' }, d.language === 'en' ? 'English' : '中文'), ' ',
      h('span', { class: 'small' }, t('reports.revision', d.revision)),
      h('div', { class: 'small' }, timeElement(d.createdAt), d.createdByName ? ` · ${d.createdByName}` : '', ` · ${size(d.size)}`),
      h('div', { class: 'small mono', style: 'word-break:break-all' }, 'SHA-256 ', h('code', { class: 'report-hash' }, d.sha256)),
      h('div', {}, h('a', { href: d.url, class: 'button secondary', download: d.fileName, 'data-download': d.id },
        t('reports.download')))));
}

function narrativeForm(projectId, n, done) {
  return form({
    id: 'narrative-form',
    submitLabel: t('reports.narrative.save'),
    fields: [
      { name: 'auditType', label: t('reports.narrative.auditType'), type: 'select', value: n.auditType,
        options: TYPES.map((x) => [x, t(`reports.type.${x}`)]), required: true },
      { name: 'strengths', label: t('reports.narrative.strengths'), type: 'textarea', value: n.strengths, hint: t('reports.narrative.max', 4000) },
      { name: 'improvements', label: t('reports.narrative.improvements'), type: 'textarea', value: n.improvements, hint: t('reports.narrative.max', 4000) },
      { name: 'conclusion', label: t('reports.narrative.conclusion'), type: 'textarea', value: n.conclusion, hint: t('reports.narrative.conclusionHint') },
      { name: 'recommend', label: t('reports.narrative.recommend'), type: 'radios', value: String(n.recommend),
        options: [['true', t('reports.narrative.recommendYes')], ['false', t('reports.narrative.recommendNo')]] },
      { name: 'purpose', label: t('reports.narrative.purpose'), type: 'textarea', value: n.purpose, hint: t('reports.narrative.defaultHint') },
      { name: 'scope', label: t('reports.narrative.scope'), type: 'textarea', value: n.scope, hint: t('reports.narrative.defaultHint') },
      { name: 'author', label: t('reports.narrative.author'), value: n.author },
      { name: 'reviewer', label: t('reports.narrative.reviewer'), value: n.reviewer },
      { name: 'reportDate', label: t('reports.narrative.reportDate'), type: 'date', value: n.reportDate || '', hint: t('reports.narrative.reportDateHint') },
    ],
    async submit(v, { summary }) {
      await api('PUT', `/api/v1/projects/${projectId}/reports/audit/narrative`, {
        revision: n.revision, expectedVersion: n.stored ? n.version : null, auditType: v.auditType,
        strengths: v.strengths, improvements: v.improvements, conclusion: v.conclusion,
        recommend: v.recommend !== 'false', purpose: v.purpose, scope: v.scope, author: v.author,
        reviewer: v.reviewer, reportDate: v.reportDate,
      });
      summary.replaceChildren(alertBox('good', t('reports.narrative.saved')));
      await done();
    },
  });
}

function narrativeText(n) {
  const line = (key, value) => (value ? h('div', { class: 'field' }, h('strong', {}, t(key)), h('p', { style: 'white-space:pre-wrap' }, value)) : null);
  return h('div', { id: 'narrative-read' },
    h('p', {}, t(`reports.type.${n.auditType}`), ' · ', t(n.recommend ? 'reports.narrative.recommendYes' : 'reports.narrative.recommendNo')),
    line('reports.narrative.strengths', n.strengths), line('reports.narrative.improvements', n.improvements),
    line('reports.narrative.conclusion', n.conclusion), line('reports.narrative.author', n.author),
    line('reports.narrative.reviewer', n.reviewer));
}

export async function render(ctx, [projectId]) {
  const team = ['ADMIN', 'LEAD', 'AUDITOR'].some((r) => ctx.me.roles.includes(r));
  const [view, list, n, released] = await Promise.all([
    api('GET', `/api/v1/projects/${projectId}`),
    api('GET', `/api/v1/projects/${projectId}/reports`),
    team ? api('GET', `/api/v1/projects/${projectId}/reports/audit/narrative`) : Promise.resolve(null),
    api('GET', `/api/v1/projects/${projectId}/result`).catch(() => null),
  ]);
  const p = view.project || view;
  const title = pick(p.title, p.titleEn);
  const again = () => render(ctx, [projectId]);
  const notice = h('div', { 'aria-live': 'polite', id: 'reports-notice' });
  const fail = (e) => notice.replaceChildren(alertBox('bad', errorText(e),
    e instanceof ApiError && e.problem.errors.length ? h('ul', {}, e.problem.errors.map((x) => h('li', {}, x.message))) : null));

  const generate = (kind, lang) => h('button', { type: 'button', id: `generate-${kind}-${lang}`, class: kind === 'audit' ? null : 'secondary',
    async onClick() {
      const message = kind === 'audit' ? t('reports.generateConfirm', n ? n.revision : '') : t('reports.surveyConfirm');
      if (!(await ask({ message, confirmLabel: t('reports.generate') }))) return;
      try {
        await api('POST', `/api/v1/projects/${projectId}/reports/${kind}?lang=${lang}`);
        await again();
        document.getElementById('reports-notice')?.replaceChildren(alertBox('good', t('reports.generated')));
      } catch (e) {
        if (e instanceof ApiError && e.status === 404 && kind === 'survey') {
          notice.replaceChildren(alertBox('bad', t('reports.surveyMissing'), ' ', errorText(e)));
        } else fail(e);
      }
    } }, t(`reports.generate.${kind}.${lang}`));

  let narrativeSection = null;
  if (n) {
    const state = n.frozen ? h('p', { class: 'alert info', id: 'narrative-frozen' }, t('reports.narrative.frozen', n.revision))
      : n.copiedFromRevision ? h('p', { class: 'alert info', id: 'narrative-copied' }, t('reports.narrative.copied', n.copiedFromRevision))
        : !n.stored ? h('p', { class: 'muted small' }, t('reports.narrative.new')) : null;
    narrativeSection = h('section', { class: 'card', id: 'narrative' },
      h('h2', {}, t('reports.narrative.title', n.revision)),
      h('p', { class: 'small' }, n.signed ? t('reports.narrative.signed', n.revision) : t('reports.narrative.notSigned', n.revision),
        n.updatedAt ? [' · ', t('reports.narrative.updated', n.updatedByName || '—'), ' ', timeElement(n.updatedAt)] : null),
      state,
      n.mayEdit ? narrativeForm(projectId, n, again) : narrativeText(n),
      !n.mayEdit && !n.frozen ? h('p', { class: 'muted small' }, t('reports.leadOnly')) : null,
      n.mayEdit || (ctx.me.id === p.leadUserId)
        ? h('div', { class: 'row', id: 'generate-buttons' }, generate('audit', 'zh-CN'), generate('audit', 'en'),
          generate('survey', 'zh-CN'), generate('survey', 'en')) : null);
  }

  mount(crumbs({ href: '#/', label: t('nav.home') }, { href: '#/projects', label: t('projects.title') },
    { href: `#/projects/${projectId}`, label: title }, { label: t('reports.title') }),
  h('h1', {}, t('reports.title')),
  h('p', { class: 'muted' }, title),
  released ? h('section', { class: 'card', id: 'reports-radar' },
    h('h2', {}, t('reports.radar', released.revision)),
    h('img', { src: `/api/v1/projects/${projectId}/result/radar.svg?lang=${language()}`, alt: t('reports.radarAlt'),
      id: 'radar-image', style: 'width:100%;max-width:480px;height:auto;display:block;margin:auto' })) : null,
  notice,
  narrativeSection,
  h('h2', {}, t('reports.list')),
  list.length ? h('ul', { class: 'list', id: 'report-list' }, list.map(documentItem))
    : h('p', { class: 'muted', id: 'report-list-empty' }, team ? t('reports.none') : t('reports.noneClient')));
}
