import { t } from '../i18n.js';
import { api } from '../api.js';
import { h, mount, form, crumbs } from '../ui.js';
import { canEdit } from './orgs.js';
import { pick } from './scheme.js';

// The scheme list, with import (paste a JSON document, or an item table: an XLSX or CSV file, or CSV text).
export async function render(ctx) {
  const schemes = await api('GET', '/api/v1/schemes');
  const versionTags = (s) => [
    s.builtIn ? h('span', { class: 'tag' }, t('schemes.builtIn')) : null,
    s.published ? h('span', { class: 'tag' }, t('schemes.publishedV', s.published.version)) : null,
    s.draft ? h('span', { class: 'tag draft' }, t('schemes.draftV', s.draft.version)) : null,
  ];
  mount(crumbs({ href: '#/', label: t('nav.home') }, { label: t('schemes.title') }),
    h('h1', {}, t('schemes.title')),
    h('p', { class: 'muted' }, t('schemes.intro')),
    h('ul', { class: 'list', id: 'scheme-list' }, schemes.map((s) => h('li', { 'data-code': s.code },
      h('div', { class: 'main' }, h('a', { href: `#/schemes/${s.id}` }, h('strong', {}, pick(s.titleZh, s.titleEn))),
        h('div', { class: 'muted small' }, s.code)),
      h('div', {}, versionTags(s))))),
    canEdit(ctx.me) ? importForms(ctx, schemes) : null);
}

function importForms(ctx, schemes) {
  const jsonForm = documentForm({ id: 'import-json', hint: t('schemes.import.document.hint'),
    submitLabel: t('schemes.import.submit'),
    async send(doc) {
      const created = await api('POST', '/api/v1/schemes', doc);
      ctx.go(`/schemes/${created.id}`);
    } });
  // An item table: a file (XLSX, or CSV in UTF-8 / GBK: the FILE's bytes are sent, never file.text(), which reads
  // GBK as mojibake) with an optional rules file, or CSV text pasted with optional rules text. When the table
  // gives no grade table, the server asks (400 on "grades"): the form then shows "pass / fail only" and grade rows.
  const own = ['code', 'titleZh', 'titleEn', 'fullMarks', 'grades', 'passFailOnly', 'file', 'rulesFile', 'charset', 'template'];
  const csvForm = form({
    id: 'import-csv',
    fields: [
      { name: 'code', label: t('schemes.code'), required: true, hint: t('schemes.code.hint') },
      { name: 'titleZh', label: t('schemes.titleZh') },
      { name: 'titleEn', label: t('schemes.titleEn') },
      { name: 'fullMarks', label: t('schemes.fullMarks'), type: 'number', inputmode: 'decimal',
        hint: t('schemes.fullMarks.hint') },
      { name: 'file', label: t('schemes.import.tableFile'), type: 'file', hint: t('schemes.import.tableFile.hint') },
      { name: 'rulesFile', label: t('schemes.import.rulesFile'), type: 'file', hint: t('schemes.import.rulesFile.hint') },
      { name: 'csv', label: t('schemes.import.csv'), type: 'textarea', hint: t('schemes.import.csv.hint') },
      { name: 'rules', label: t('schemes.import.rules'), type: 'textarea', hint: t('schemes.import.rules.hint') },
      { name: 'passFailOnly', label: t('schemes.import.gradesQuestion'), type: 'checkboxes',
        options: [['yes', t('schemes.import.passFailOnly')]] },
      { name: 'grades', label: t('schemes.import.gradeRows'), type: 'textarea', hint: t('schemes.import.gradeRows.hint') },
    ],
    submitLabel: t('schemes.import.submit'),
    async submit(v, { showErrors }) {
      const grades = gradeRows(v.grades);
      if (grades === false) {
        showErrors([{ field: 'grades', message: t('schemes.import.gradeRows.bad') }]);
        return;
      }
      const common = { code: v.code, titleZh: v.titleZh, titleEn: v.titleEn, fullMarks: v.fullMarks,
        passFailOnly: v.passFailOnly.length ? true : null, grades };
      const file = fileInput.files[0];
      const rulesFile = rulesInput.files[0];
      const request = file
        ? api('POST', '/api/v1/schemes/import-table', { ...common, file: await base64(file), fileName: file.name,
          rules: rulesFile ? await base64(rulesFile) : null, rulesName: rulesFile ? rulesFile.name : null })
        : api('POST', '/api/v1/schemes/import-csv', { ...common, csv: v.csv, rules: v.rules });
      const created = await request.catch((e) => {
        if (e.problem && e.problem.errors && e.problem.errors.some((x) => x.field === 'grades')) askGrades(true);
        throw withPaths(e, file ? 'file' : 'csv', own);
      });
      // The draft's page says which defaults the import applied (the table did not carry them).
      if ((created.defaults || []).length) {
        sessionStorage.setItem(`tanfang.importDefaults.${created.id}`, JSON.stringify(created.defaults.map((m) => m.text)));
      }
      ctx.go(`/schemes/${created.id}`);
    },
  });
  const fileInput = csvForm.querySelector('input[name=file]');
  const rulesInput = csvForm.querySelector('input[name=rulesFile]');
  fileInput.accept = '.csv,.xlsx,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  rulesInput.accept = fileInput.accept;
  fileInput.id = 'table-file';
  // The grade question is asked only when the server says the table needs one.
  const gradeFields = [csvForm.querySelector('input[name=passFailOnly]').closest('.field'),
    csvForm.querySelector('textarea[name=grades]').closest('.field')];
  const askGrades = (show) => gradeFields.forEach((f) => { f.style.display = show ? '' : 'none'; });
  askGrades(false);
  gradeFields[0].id = 'grades-question';

  // A certification body starts from a built-in in Excel: its tables as downloads.
  const published = schemes.filter((s) => s.published);
  const xlsx = h('a', { id: 'export-xlsx', download: '' }, t('schemes.export.xlsx'));
  const csvItems = h('a', { id: 'export-csv', download: '' }, t('schemes.export.csv'));
  const csvRules = h('a', { id: 'export-rules', download: '' }, t('schemes.export.rules'));
  const pickExport = h('select', { id: 'export-scheme', 'aria-label': t('schemes.export.pick'), style: 'max-width: 100%',
    onchange() { point(); } }, published.map((s) => h('option', { value: `${s.id}/versions/${s.published.version}` },
    `${pick(s.titleZh, s.titleEn)} (${s.code})`)));
  function point() {
    const base = `/api/v1/schemes/${pickExport.value}`;
    xlsx.href = `${base}/item-table.xlsx`;
    csvItems.href = `${base}/item-table.csv`;
    csvRules.href = `${base}/item-table-rules.csv`;
  }
  if (published.length) point();
  const exportBox = published.length ? h('div', { class: 'stack', id: 'export-table' },
    h('p', { class: 'muted small' }, t('schemes.export.hint')), pickExport,
    h('p', {}, xlsx, ' · ', csvItems, ' · ', csvRules)) : null;
  return [
    h('details', { class: 'card' }, h('summary', {}, t('schemes.import.jsonTitle')), jsonForm),
    h('details', { class: 'card' }, h('summary', {}, t('schemes.import.csvTitle')), exportBox, csvForm),
  ];
}

/** The file's bytes in base64 (a data: URL without its prefix). */
function base64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** "key, 中文名, English name, minimum" per line → grades; null when empty, false when a line is not like that. */
function gradeRows(text) {
  if (!text) return null;
  const rows = text.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => l.split(/\s*[,，\t]\s*/));
  if (rows.some((r) => r.length !== 4 || !r[0] || r[3] === '' || Number.isNaN(Number(r[3])))) return false;
  return rows.map(([key, nameZh, nameEn, minimum]) => ({ key, nameZh, nameEn, minimum: Number(minimum) }));
}

/**
 * A form with one text area holding a whole scheme document as JSON; send(doc) stores it. Problems are shown
 * against the text area with their paths.
 */
export function documentForm({ id, value, hint, submitLabel, send }) {
  return form({
    id,
    fields: [{ name: 'document', label: t('schemes.import.document'), type: 'textarea', required: true, value, hint }],
    submitLabel,
    async submit(v, { showErrors }) {
      let doc;
      try { doc = JSON.parse(v.document || ''); } catch (e) {
        showErrors([{ field: 'document', message: t('schemes.import.notJson', e.message) }]);
        return;
      }
      await send(doc).catch((e) => { throw withPaths(e, 'document'); });
    },
  });
}

/**
 * Problems about places inside a document (parts[0].groups[1].points, line 3: points) are shown against
 * the field that holds it, each with its path; problems about the form's own fields stay with them.
 */
export function withPaths(e, field, own = []) {
  // "line 3: points" (a CSV line and its column, as the server names it) reads "第 3 行：points" in Chinese.
  const place = (path) => path
    .replace(/^rules line (\d+)(: )?/, (m, n, rest) => t('schemes.rulesLine', n) + (rest ? t('schemes.csvLineSep') : ''))
    .replace(/^line (\d+)(: )?/, (m, n, rest) => t('schemes.csvLine', n) + (rest ? t('schemes.csvLineSep') : ''))
    .replace(/^([^!:]+)!(\d+)(: )?/, (m, sheet, n, rest) => t('schemes.sheetRow', sheet, n) + (rest ? t('schemes.csvLineSep') : ''));
  if (e.problem && e.problem.errors) {
    e.problem.errors = e.problem.errors.map((x) => (own.includes(x.field) ? x
      : { ...x, field, message: x.field ? `${place(x.field)}: ${x.message}` : x.message }));
  }
  return e;
}
