import { t, language } from '../i18n.js';
import { api } from '../api.js';
import { h, mount, form, crumbs, alertBox } from '../ui.js';
import { canEdit } from './orgs.js';
import { documentForm } from './schemes.js';

/** The text in the current language, falling back to the other one. */
export function pick(zh, en) {
  return language() === 'en' ? (en || zh || '') : (zh || en || '');
}

/** A scheme with its versions (GET /api/v1/schemes/{id}) and the version to show: asked for, else draft, else newest. */
export async function loadVersion(id, number) {
  const scheme = await api('GET', `/api/v1/schemes/${id}`);
  const versions = scheme.versions;
  const version = number ? versions.find((v) => v.version === Number(number))
    : versions.find((v) => v.status === 'DRAFT') || versions[versions.length - 1];
  if (!version) throw new Error(t('scheme.noVersion', number));
  return { scheme, version, doc: version.document };
}

export function schemeCrumbs(scheme, doc, version, ...more) {
  return crumbs({ href: '#/', label: t('nav.home') }, { href: '#/schemes', label: t('schemes.title') },
    { href: `#/schemes/${scheme.id}/v/${version.version}`, label: pick(doc.titleZh, doc.titleEn) }, ...more);
}

const LIKERT = { LINEAR: '0, 0.25, 0.5, 0.75, 1', OVER_FIVE: '0.2, 0.4, 0.6, 0.8, 1' };

function likertText(likert) {
  const preset = (likert && likert.preset) || 'LINEAR';
  const values = preset === 'CUSTOM' ? (likert.coefficients || []).join(', ') : LIKERT[preset];
  return `${t(`likert.${preset}`)} → ${values}`;
}

function specialText(special) {
  const s = special || {};
  // The fail rule may be a count rule, a points rule, or both (either one fails the evaluation).
  const rules = s.failWhen ? [s.failWhen.deductionCount != null ? t('special.failCount', s.failWhen.deductionCount) : null,
    s.failWhen.deductedPoints != null ? t('special.failPoints', s.failWhen.deductedPoints) : null].filter(Boolean) : [];
  const fail = rules.length ? rules.join(t('special.or')) : t('special.noFail');
  return t('special.text', s.pointsPerDeduction ?? 1, s.maxBonus ?? 0, fail);
}

function facts(doc) {
  const row = (label, value) => [h('dt', {}, label), h('dd', {}, value)];
  return h('dl', { class: 'facts', id: 'scheme-facts' },
    row(t('schemes.fullMarks'), doc.reporting === 'PARTS_SEPARATELY' ? t('scheme.partsSeparately') : doc.fullMarks),
    row(t('scheme.likert'), likertText(doc.likert)),
    row(t('scheme.special'), specialText(doc.special)),
    row(t('scheme.naClauses'), (doc.notApplicableClauses || []).length ? doc.notApplicableClauses.join(', ') : t('scheme.naAny')),
    row(t('rules.combination'), combinationText(doc.combination)),
    row(t('rules.display'), doc.display ? t('scheme.displayRule', doc.display.decimals, t(`rounding.${doc.display.rounding || 'HALF_UP'}`))
      : t('scheme.displayExact')));
}

// How several ratings of an item combine (absent = the defaults), each choice with its one-line meaning.
function combinationText(c) {
  const x = c || {};
  return [x.raters || 'MEAN_PER_RATER', x.likert || 'MEAN_OF_COEFFICIENTS', x.yesNo || 'MEAN']
    .map((k) => `${t(`combination.${k}`)}: ${t(`combination.${k}.hint`)}`).join('; ');
}

// 加分项: yes/no items outside pro-rating, their sum capped.
function bonusList(doc) {
  const b = doc.bonusItems;
  if (!b || !(b.items || []).length) return null;
  return [h('h2', {}, t('rules.bonusItems')), h('p', { class: 'muted small', id: 'bonus-cap' }, t('scheme.bonusCap', b.cap)),
    h('ul', { class: 'tree', id: 'bonus-items' }, b.items.map((it) => h('li', { class: 'item', 'data-clause': it.clause },
      h('div', {}, h('span', { class: 'clause' }, it.clause), ' ', h('span', { class: 'muted small' }, it.code || ''), ' ',
        h('span', { class: 'tag' }, t('scheme.points', it.points))),
      h('div', {}, pick(it.textZh, it.textEn)))))];
}

function grades(doc) {
  return h('table', { class: 'grades', id: 'grade-table' },
    h('thead', {}, h('tr', {}, h('th', {}, t('scheme.grade')), h('th', {}, t('scheme.minimum')))),
    h('tbody', {}, (doc.grades || []).length
      ? doc.grades.map((g) => h('tr', {}, h('td', {}, pick(g.nameZh, g.nameEn)), h('td', {}, gradeRule(doc, g))))
      : h('tr', {}, h('td', { colspan: 2 }, t('scheme.passFailOnly')))));
}

// A grade's minimum on the total and its conditions on parts (percent of the part or points on its own scale).
function gradeRule(doc, g) {
  const title = (key) => { const p = (doc.parts || []).find((x) => x.key === key); return p ? pick(p.titleZh, p.titleEn) : key; };
  const rules = g.minimum != null ? [`≥ ${g.minimum}`] : [];
  for (const c of g.conditions || []) {
    rules.push(c.minimumPoints != null ? t('scheme.conditionPoints', title(c.part), c.minimumPoints)
      : t('scheme.conditionPercent', title(c.part), c.minimumPercent));
  }
  return rules.join(t('scheme.and'));
}

function tree(doc, editBase) {
  return h('ul', { class: 'tree', id: 'scheme-tree' }, (doc.parts || []).map((p, pi) => h('li', { class: 'part' },
    h('strong', {}, pick(p.titleZh, p.titleEn)), ' ', h('span', { class: 'tag' }, t('scheme.points', p.points)),
    p.passMinimum != null ? h('span', { class: 'tag' }, t('scheme.passMinimum', p.passMinimum)) : null,
    p.passMinimumPoints != null ? h('span', { class: 'tag' }, t('scheme.passMinimumPoints', p.passMinimumPoints)) : null,
    p.gatedBy ? h('span', { class: 'tag' }, t('scheme.gatedBy', ((doc.parts || []).find((x) => x.key === p.gatedBy) || {}).titleZh
      ? pick(doc.parts.find((x) => x.key === p.gatedBy).titleZh, doc.parts.find((x) => x.key === p.gatedBy).titleEn) : p.gatedBy)) : null,
    h('ul', {}, (p.groups || []).map((g, gi) => h('li', { class: 'group' },
      h('strong', {}, `${g.clause} ${pick(g.titleZh, g.titleEn)}`), ' ', h('span', { class: 'tag' }, t('scheme.points', g.points)),
      h('ul', {}, (g.items || []).map((it, ii) => h('li', { class: 'item', 'data-clause': it.clause },
        h('div', {}, h('span', { class: 'clause' }, it.clause), ' ', h('span', { class: 'muted small' }, it.code || ''), ' ',
          h('span', { class: 'tag' }, t('scheme.points', it.points))),
        h('div', {}, pick(it.textZh, it.textEn)),
        h('div', { class: 'small' }, (it.methods || []).map((m) => h('span', { class: 'tag' }, t(`method.${m}`))),
          h('span', { class: 'tag' }, t(`answer.${it.answerType}`)),
          it.numeric ? h('span', { class: 'tag' }, t('scheme.numeric', it.numeric.worst, it.numeric.best)) : null,
          it.notApplicableAllowed ? h('span', { class: 'tag' }, t('scheme.naAllowed')) : null,
          it.veto ? h('span', { class: 'tag bad-text veto' }, t(it.veto.answer ? 'scheme.vetoYes' : 'scheme.vetoNo',
            pick(it.veto.reasonZh, it.veto.reasonEn))) : null,
          editBase ? h('a', { href: `${editBase}/${pi}/${gi}/${ii}`, class: 'edit-item' }, t('scheme.editItem')) : null))))))))));
}

export async function render(ctx, [id, number]) {
  const { scheme, version, doc } = await loadVersion(id, number);
  const editor = canEdit(ctx.me);
  const draft = scheme.versions.find((v) => v.status === 'DRAFT');
  const published = scheme.versions.filter((v) => v.status === 'PUBLISHED');
  const notice = h('div', { 'aria-live': 'polite', id: 'scheme-notice' });
  const importDefaults = sessionStorage.getItem(`tanfang.importDefaults.${scheme.id}`);
  if (importDefaults) {
    sessionStorage.removeItem(`tanfang.importDefaults.${scheme.id}`);
    notice.append(alertBox('info', h('p', {}, t('scheme.importDefaults')),
      h('ul', { id: 'import-defaults' }, JSON.parse(importDefaults).map((text) => h('li', {}, text)))));
  }
  const base = `/api/v1/schemes/${scheme.id}`;
  const isDraft = version.status === 'DRAFT';
  const act = async (fn) => {
    try { await fn(); } catch (e) { notice.replaceChildren(alertBox('bad', e.message)); }
  };
  const actions = editor ? h('div', { class: 'row', id: 'scheme-actions' },
    isDraft ? h('button', { type: 'button', id: 'publish', onclick: () => act(async () => {
      if (!window.confirm(t('scheme.publish.confirm'))) return;
      await api('POST', `${base}/publish`);
      await render(ctx, [id, version.version]);
      document.getElementById('scheme-notice').replaceChildren(alertBox('good', t('scheme.published', version.version)));
    }) }, t('scheme.publish')) : null,
    !draft && published.length ? h('button', { type: 'button', class: 'secondary', id: 'new-draft', onclick: () => act(async () => {
      const created = await api('POST', `${base}/draft`);
      ctx.go(`/schemes/${scheme.id}/v/${created.version}`);
    }) }, t('scheme.newDraft')) : null) : null;
  const cloneForm = editor ? h('details', { class: 'card' }, h('summary', {}, t('scheme.clone')),
    h('p', { class: 'muted small' }, t('scheme.clone.intro')), form({
      id: 'clone-scheme',
      fields: [
        { name: 'code', label: t('schemes.code'), required: true, hint: t('schemes.code.hint') },
        { name: 'titleZh', label: t('schemes.titleZh'), value: doc.titleZh },
        { name: 'titleEn', label: t('schemes.titleEn'), value: doc.titleEn },
      ],
      submitLabel: t('scheme.clone.submit'),
      async submit(v) {
        const created = await api('POST', `${base}/clone`, { ...v, version: version.version });
        ctx.go(`/schemes/${created.id}`);
      },
    })) : null;
  const jsonForm = editor && isDraft ? h('details', { class: 'card' }, h('summary', {}, t('scheme.editJson')),
    documentForm({ id: 'edit-json', value: JSON.stringify(doc, null, 2), submitLabel: t('common.save'),
      async send(parsed) {
        await api('PUT', `${base}/draft`, parsed);
        await render(ctx, [id, version.version]);
        document.getElementById('scheme-notice').replaceChildren(alertBox('good', t('common.saved')));
      } })) : null;

  mount(schemeCrumbs(scheme, doc, version),
    h('h1', {}, pick(doc.titleZh, doc.titleEn)),
    h('p', { class: 'muted' }, scheme.code, ' · ',
      h('span', { class: isDraft ? 'tag draft' : 'tag', id: 'version-status' },
        t(isDraft ? 'schemes.draftV' : 'schemes.publishedV', version.version))),
    h('nav', { class: 'row small', 'aria-label': t('scheme.versions') }, t('scheme.versions'), ': ',
      scheme.versions.map((v) => (v.version === version.version ? h('strong', {}, `v${v.version}`)
        : h('a', { href: `#/schemes/${scheme.id}/v/${v.version}` }, `v${v.version}${v.status === 'DRAFT' ? ` (${t('scheme.draft')})` : ''}`)))),
    pick(doc.descriptionZh, doc.descriptionEn) ? h('p', {}, pick(doc.descriptionZh, doc.descriptionEn)) : null,
    notice, actions,
    h('p', { class: 'row' }, h('a', { class: 'button secondary', id: 'try-scoring', href: `#/schemes/${scheme.id}/v/${version.version}/try` },
      t('try.title')),
    editor && isDraft ? h('a', { class: 'button secondary', id: 'edit-rules', href: `#/schemes/${scheme.id}/v/${version.version}/rules` },
      t('rules.title')) : null),
    facts(doc), h('h2', {}, t('scheme.grades')), grades(doc),
    h('h2', {}, t('scheme.checklist')),
    tree(doc, editor && isDraft ? `#/schemes/${scheme.id}/v/${version.version}/edit` : null), bonusList(doc),
    cloneForm, jsonForm);
}
