import { t } from '../i18n.js';
import { api } from '../api.js';
import { h, mount, form, crumbs } from '../ui.js';
import { canEdit } from './orgs.js';
import { pick } from './scheme.js';

// The scheme list, with import (paste a JSON document, or an item-table CSV pasted or read from a file).
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
    canEdit(ctx.me) ? importForms(ctx) : null);
}

function importForms(ctx) {
  const jsonForm = documentForm({ id: 'import-json', hint: t('schemes.import.document.hint'),
    submitLabel: t('schemes.import.submit'),
    async send(doc) {
      const created = await api('POST', '/api/v1/schemes', doc);
      ctx.go(`/schemes/${created.id}`);
    } });
  const csvForm = form({
    id: 'import-csv',
    fields: [
      { name: 'code', label: t('schemes.code'), required: true, hint: t('schemes.code.hint') },
      { name: 'titleZh', label: t('schemes.titleZh'), required: true },
      { name: 'titleEn', label: t('schemes.titleEn') },
      { name: 'fullMarks', label: t('schemes.fullMarks'), type: 'number', inputmode: 'decimal',
        hint: t('schemes.fullMarks.hint') },
      { name: 'csv', label: t('schemes.import.csv'), type: 'textarea', required: true, hint: t('schemes.import.csv.hint') },
    ],
    submitLabel: t('schemes.import.submit'),
    async submit(v) {
      const created = await api('POST', '/api/v1/schemes/import-csv', v).catch((e) => { throw withPaths(e, 'csv', ['code', 'titleZh', 'titleEn', 'fullMarks']); });
      ctx.go(`/schemes/${created.id}`);
    },
  });
  // A file picker fills the CSV text area (the form sends the text).
  const area = csvForm.querySelector('textarea[name=csv]');
  area.before(h('input', { type: 'file', accept: '.csv,text/csv', id: 'csv-file', class: 'file',
    'aria-label': t('schemes.import.file'),
    async onchange(ev) { const f = ev.target.files[0]; if (f) area.value = await f.text(); } }));
  return [
    h('details', { class: 'card' }, h('summary', {}, t('schemes.import.jsonTitle')), jsonForm),
    h('details', { class: 'card' }, h('summary', {}, t('schemes.import.csvTitle')), csvForm),
  ];
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
  const place = (path) => path.replace(/^line (\d+)(: )?/, (m, n, rest) => t('schemes.csvLine', n) + (rest ? t('schemes.csvLineSep') : ''));
  if (e.problem && e.problem.errors) {
    e.problem.errors = e.problem.errors.map((x) => (own.includes(x.field) ? x
      : { ...x, field, message: x.field ? `${place(x.field)}: ${x.message}` : x.message }));
  }
  return e;
}
