import { t } from '../i18n.js';
import { api } from '../api.js';
import { h, mount, form } from '../ui.js';
import { loadVersion, schemeCrumbs, pick } from './scheme.js';

// The scheme-level rules of a draft (issue 11): full marks, reporting, grades or pass/fail only, Likert mapping,
// N/A clauses, special rules, rating combination, display rule, bonus items, and the parts' own rules.
// Groups and items are edited one by one (item.js). Saving PUTs the whole draft, as item.js does.
// Every field is named by the path the server names its problems with, so a problem lands next to its field.

const COMBINATION = {
  raters: ['MEAN_PER_RATER', 'FLAT'],
  likert: ['MEAN_OF_COEFFICIENTS', 'COEFFICIENT_OF_MEAN'],
  yesNo: ['MEAN', 'MAJORITY'],
};
const ROUNDINGS = ['HALF_UP', 'HALF_EVEN', 'DOWN', 'UP'];

/** Every control of the form by name, as strings (the page has no checkboxes). */
function collect(formEl) {
  const out = {};
  for (const el of formEl.querySelectorAll('input[name], select[name], textarea[name]')) out[el.name] = el.value.trim();
  return out;
}

const num = (x) => {
  if (x === undefined || x === null || x === '') return null;
  const n = Number(x);
  return Number.isNaN(n) ? x : n;   // not a number: sent as typed, so the server names the field
};
const str = (x) => (x === undefined || x === null || x === '' ? null : x);

/** The draft with the form's values; `aliases` gets server path → field name for fields named differently. */
function compose(doc, v, aliases) {
  const next = structuredClone(doc);
  for (const k of ['titleZh', 'titleEn', 'descriptionZh', 'descriptionEn']) next[k] = str(v[k]);
  next.fullMarks = num(v.fullMarks);
  next.reporting = v.reporting === 'PARTS_SEPARATELY' ? 'PARTS_SEPARATELY'
    : (doc.reporting === 'COMBINED_TOTAL' ? 'COMBINED_TOTAL' : null);

  next.parts = doc.parts.map((p, pi) => {
    const f = (name) => v[`parts[${pi}].${name}`];
    const kind = f('passKind');
    const value = num(f('passValue'));
    aliases[`parts[${pi}].passMinimum`] = `parts[${pi}].passValue`;
    aliases[`parts[${pi}].passMinimumPoints`] = `parts[${pi}].passValue`;
    return { ...p, titleZh: str(f('titleZh')), titleEn: str(f('titleEn')), points: num(f('points')),
      passMinimum: kind === 'percent' ? value : null, passMinimumPoints: kind === 'points' ? value : null,
      gatedBy: str(f('gatedBy')) };
  });

  if (v.gradeMode === 'passFail') {
    next.grades = [];
  } else {
    next.grades = (doc.grades || []).map((g, gi) => {
      const f = (name) => v[`grades[${gi}].${name}`];
      const conditions = [];
      doc.parts.forEach((p, pi) => {
        const kind = f(`condKind[${pi}]`);
        if (!kind) return;
        const value = num(f(`condValue[${pi}]`));
        const field = `grades[${gi}].condValue[${pi}]`;
        aliases[`grades[${gi}].conditions[${conditions.length}]`] = field;
        conditions.push({ part: next.parts[pi].key, minimumPercent: kind === 'percent' ? value : null,
          minimumPoints: kind === 'points' ? value : null });
      });
      // Conditions this screen has no field for (a second one on a part, or on an unknown part) are kept as they are.
      const known = new Set();
      for (const c of g.conditions || []) {
        const shown = doc.parts.some((p) => p.key === c.part) && !known.has(c.part);
        known.add(c.part);
        if (!shown) conditions.push(c);
      }
      return { key: str(f('key')), nameZh: str(f('nameZh')), nameEn: str(f('nameEn')), minimum: num(f('minimum')),
        conditions: conditions.length ? conditions : null };
    });
  }

  const preset = v['likert.preset'] || 'LINEAR';
  next.likert = preset === 'CUSTOM'
    ? { preset, coefficients: [0, 1, 2, 3, 4].map((i) => num(v[`likert.coefficients[${i}]`])) } : { preset, coefficients: null };

  const clauses = (v.notApplicableClauses || '').split(/[,，、\s]+/).filter(Boolean);
  next.notApplicableClauses = clauses.length ? clauses : (doc.notApplicableClauses ? [] : null);

  const special = { pointsPerDeduction: num(v['special.pointsPerDeduction']), maxBonus: num(v['special.maxBonus']) };
  const count = num(v['special.failWhen.deductionCount']);
  const points = num(v['special.failWhen.deductedPoints']);
  special.failWhen = count == null && points == null ? null : { deductionCount: count, deductedPoints: points };
  next.special = special.pointsPerDeduction == null && special.maxBonus == null && !special.failWhen && !doc.special
    ? null : special;

  const combination = Object.fromEntries(Object.keys(COMBINATION).map((k) => [k, v[`combination.${k}`]]));
  const isDefault = Object.entries(COMBINATION).every(([k, list]) => combination[k] === list[0]);
  next.combination = isDefault && !doc.combination ? null : combination;

  next.display = v['display.decimals'] === '' ? null
    : { decimals: Number(v['display.decimals']), rounding: v['display.rounding'] || 'HALF_UP' };

  const bonus = (doc.bonusItems && doc.bonusItems.items) || [];
  const items = bonus.map((b, bi) => {
    const f = (name) => v[`bonusItems.items[${bi}].${name}`];
    return { clause: str(f('clause')), code: str(f('code')), points: num(f('points')), textZh: str(f('textZh')),
      textEn: str(f('textEn')) };
  });
  const cap = num(v['bonusItems.cap']);
  next.bonusItems = !items.length && cap == null ? null : { cap, items };
  return next;
}

/** A field problem's place: an alias, else the longest path prefix that is a field of the form. */
function placeProblems(errors, names, aliases) {
  return errors.map((x) => {
    let path = x.field || '';
    while (path) {
      if (aliases[path]) return { ...x, field: aliases[path] };
      if (names.has(path)) return { ...x, field: path };
      const cut = path.search(/(\.[^.[\]]+|\[\d+])$/);
      if (cut <= 0) break;
      path = path.slice(0, cut);
    }
    return x;
  });
}

export async function render(ctx, [id, number]) {
  const { scheme, version, doc } = await loadVersion(id, number);
  if (version.status !== 'DRAFT') throw new Error(t('rules.notEditable'));
  let state = structuredClone(doc);
  let gradeMode = (doc.grades || []).length ? 'grades' : 'passFail';
  let keptGrades = null;   // the rows hidden by "pass / fail only", back when the table is switched on again
  const host = h('div', { id: 'rules-host' });

  const draw = () => {
    const partTitle = (p) => pick(p.titleZh, p.titleEn) || p.key;
    const fields = [];   // form fields; {heading} and {block} markers arrange them afterwards
    const marks = [];
    const heading = (text, note) => marks.push({ before: null, text, note, at: fields.length });
    const blocks = [];
    const block = (label, actions) => { blocks.push({ from: fields.length, to: null, label, actions }); };
    const end = () => { blocks[blocks.length - 1].to = fields.length; };
    const withNone = (none, list) => [['', none], ...list];

    heading(t('rules.titles'));
    fields.push(
      { name: 'titleZh', label: t('schemes.titleZh'), value: state.titleZh },
      { name: 'titleEn', label: t('schemes.titleEn'), value: state.titleEn },
      { name: 'descriptionZh', label: t('rules.descriptionZh'), type: 'textarea', value: state.descriptionZh },
      { name: 'descriptionEn', label: t('rules.descriptionEn'), type: 'textarea', value: state.descriptionEn });
    heading(t('rules.totals'));
    fields.push({ name: 'fullMarks', required: true, label: t('schemes.fullMarks'), type: 'number', inputmode: 'decimal', step: 'any',
      value: state.fullMarks, hint: t('rules.fullMarks.hint') });
    fields.push({ name: 'reporting', required: true, label: t('rules.reporting'), type: 'select', value: state.reporting || 'COMBINED_TOTAL',
      options: [['COMBINED_TOTAL', t('rules.reporting.COMBINED_TOTAL')], ['PARTS_SEPARATELY', t('rules.reporting.PARTS_SEPARATELY')]],
      hint: t('rules.reporting.hint') });

    heading(t('rules.parts'));
    state.parts.forEach((p, pi) => {
      block(t('rules.part', partTitle(p)));
      const pass = p.passMinimumPoints != null ? 'points' : (p.passMinimum != null ? 'percent' : '');
      fields.push(
        { name: `parts[${pi}].titleZh`, label: t('rules.titleZh'), value: p.titleZh },
        { name: `parts[${pi}].titleEn`, label: t('rules.titleEn'), value: p.titleEn },
        { name: `parts[${pi}].points`, required: true, label: t('item.points'), type: 'number', inputmode: 'decimal', step: 'any', value: p.points,
          hint: t('rules.partPoints.hint') },
        { name: `parts[${pi}].passKind`, required: true, label: t('rules.passRule'), type: 'select', value: pass,
          options: [['', t('rules.pass.none')], ['percent', t('rules.pass.percent')], ['points', t('rules.pass.points')]] },
        { name: `parts[${pi}].passValue`, label: t('rules.passValue'), type: 'number', inputmode: 'decimal', step: 'any',
          value: p.passMinimumPoints ?? p.passMinimum, hint: t('rules.passValue.hint') },
        { name: `parts[${pi}].gatedBy`, required: true, label: t('rules.gatedBy'), type: 'select', value: p.gatedBy || '',
          options: withNone(t('rules.gatedBy.none'), state.parts.slice(0, pi).map((e) => [e.key, partTitle(e)])),
          hint: t('rules.gatedBy.hint') });
      end();
    });

    heading(t('scheme.grades'));
    fields.push({ name: 'gradeMode', required: true, label: t('rules.gradeMode'), type: 'select', value: gradeMode,
      options: [['grades', t('rules.gradeMode.grades')], ['passFail', t('rules.gradeMode.passFail')]] });
    if (gradeMode === 'grades') {
      (state.grades || []).forEach((g, gi) => {
        block(t('rules.gradeRow', gi + 1), [
          ['up', t('rules.up'), gi > 0], ['down', t('rules.down'), gi < state.grades.length - 1], ['remove', t('rules.remove'), true]]
          .map(([act, label, on]) => on && { act, label, list: 'grades', index: gi }));
        fields.push(
          { name: `grades[${gi}].key`, label: t('rules.key'), value: g.key, required: true },
          { name: `grades[${gi}].nameZh`, label: t('rules.nameZh'), value: g.nameZh },
          { name: `grades[${gi}].nameEn`, label: t('rules.nameEn'), value: g.nameEn },
          { name: `grades[${gi}].minimum`, label: t('rules.gradeMinimum'), type: 'number', inputmode: 'decimal', step: 'any',
            value: g.minimum, hint: t('rules.gradeMinimum.hint') });
        state.parts.forEach((p, pi) => {
          const c = (g.conditions || []).find((x) => x.part === p.key);
          fields.push(
            { name: `grades[${gi}].condKind[${pi}]`, label: t('rules.condition', partTitle(p)), type: 'select',
              value: c ? (c.minimumPoints != null ? 'points' : 'percent') : '',
              options: [['', t('rules.condition.none')], ['percent', t('rules.pass.percent')], ['points', t('rules.pass.points')]] },
            { name: `grades[${gi}].condValue[${pi}]`, label: t('rules.conditionValue', partTitle(p)), type: 'number',
              inputmode: 'decimal', step: 'any', value: c ? (c.minimumPoints ?? c.minimumPercent) : null });
        });
        end();
      });
    }

    heading(t('scheme.likert'));
    const preset = (state.likert && state.likert.preset) || 'LINEAR';
    fields.push({ name: 'likert.preset', required: true, label: t('rules.likertPreset'), type: 'select', value: preset,
      options: ['LINEAR', 'OVER_FIVE', 'CUSTOM'].map((x) => [x, t(`likert.${x}`)]) });
    if (preset === 'CUSTOM') {
      const co = (state.likert && state.likert.coefficients) || [0, 0.25, 0.5, 0.75, 1];
      for (let i = 0; i < 5; i += 1) {
        fields.push({ name: `likert.coefficients[${i}]`, label: t('rules.coefficient', i + 1), type: 'number',
          inputmode: 'decimal', step: 'any', value: co[i], required: true });
      }
    }

    heading(t('scheme.naClauses'));
    fields.push({ name: 'notApplicableClauses', label: t('rules.naClauses'), value: (state.notApplicableClauses || []).join(', '),
      hint: t('rules.naClauses.hint') });

    heading(t('scheme.special'));
    const s = state.special || {};
    const fw = s.failWhen || {};
    fields.push(
      { name: 'special.pointsPerDeduction', label: t('rules.pointsPerDeduction'), type: 'number', inputmode: 'decimal', step: 'any',
        value: s.pointsPerDeduction, hint: t('rules.default', 1) },
      { name: 'special.maxBonus', label: t('rules.maxBonus'), type: 'number', inputmode: 'decimal', step: 'any', value: s.maxBonus,
        hint: t('rules.default', 0) },
      { name: 'special.failWhen.deductionCount', label: t('rules.failCount'), type: 'number', inputmode: 'numeric', step: '1',
        value: fw.deductionCount },
      { name: 'special.failWhen.deductedPoints', label: t('rules.failPoints'), type: 'number', inputmode: 'decimal', step: 'any',
        value: fw.deductedPoints, hint: t('rules.failWhen.hint') });

    heading(t('rules.combination'), t('rules.combination.intro'));
    const comb = state.combination || {};
    for (const [k, list] of Object.entries(COMBINATION)) {
      fields.push({ name: `combination.${k}`, required: true, label: t(`rules.combination.${k}`), type: 'select', value: comb[k] || list[0],
        options: list.map((x) => [x, t(`combination.${x}`)]), hint: list.map((x) => `${t(`combination.${x}`)}: ${t(`combination.${x}.hint`)}`).join(' · ') });
    }

    heading(t('rules.display'));
    const d = state.display;
    fields.push(
      { name: 'display.decimals', required: true, label: t('rules.decimals'), type: 'select', value: d ? String(d.decimals) : '',
        options: [['', t('rules.decimals.exact')], ...[0, 1, 2, 3, 4].map((n) => [String(n), t('rules.decimals.n', n)])] },
      { name: 'display.rounding', required: true, label: t('rules.rounding'), type: 'select', value: (d && d.rounding) || 'HALF_UP',
        options: ROUNDINGS.map((r) => [r, t(`rounding.${r}`)]), hint: t('rules.rounding.hint') });

    heading(t('rules.bonusItems'), t('rules.bonusItems.intro'));
    const bonus = state.bonusItems || { cap: null, items: [] };
    fields.push({ name: 'bonusItems.cap', label: t('rules.bonusCap'), type: 'number', inputmode: 'decimal', step: 'any', value: bonus.cap });
    (bonus.items || []).forEach((b, bi) => {
      block(t('rules.bonusItem', bi + 1), [{ act: 'remove', label: t('rules.remove'), list: 'bonus', index: bi }]);
      fields.push(
        { name: `bonusItems.items[${bi}].clause`, label: t('item.clause'), value: b.clause, required: true },
        { name: `bonusItems.items[${bi}].code`, label: t('item.code'), value: b.code },
        { name: `bonusItems.items[${bi}].points`, label: t('item.points'), type: 'number', inputmode: 'decimal', step: 'any',
          value: b.points, required: true },
        { name: `bonusItems.items[${bi}].textZh`, label: t('item.textZh'), type: 'textarea', value: b.textZh },
        { name: `bonusItems.items[${bi}].textEn`, label: t('item.textEn'), type: 'textarea', value: b.textEn });
      end();
    });

    const names = new Set(fields.map((f) => f.name));
    let aliases = {};
    const rulesForm = form({
      id: 'rules-form',
      fields,
      submitLabel: t('common.save'),
      async submit() {
        aliases = {};
        const next = compose(state, collect(rulesForm), aliases);
        await api('PUT', `/api/v1/schemes/${scheme.id}/draft`, next).catch((e) => {
          if (e.problem) e.problem.errors = placeProblems(e.problem.errors || [], names, aliases);
          throw e;
        });
        ctx.go(`/schemes/${scheme.id}/v/${version.version}`);
      },
    });
    const wrapperOf = (name) => rulesForm.querySelector(`[name="${CSS.escape(name)}"]`).closest('.field');
    // Row blocks: a card per part / grade / bonus item, with its buttons.
    const rowAction = (a) => h('button', { type: 'button', class: 'secondary small', 'data-act': a.act, 'data-list': a.list,
      'data-index': a.index, onclick: () => change(a) }, a.label);
    for (const b of blocks) {
      const first = wrapperOf(fields[b.from].name);
      const card = h('div', { class: 'card rule-block', 'data-block': fields[b.from].name.replace(/\..*$/, '') },
        h('h3', {}, b.label));
      first.before(card);
      for (let i = b.from; i < b.to; i += 1) card.append(wrapperOf(fields[i].name));
      const acts = (b.actions || []).filter(Boolean);
      if (acts.length) card.append(h('div', { class: 'row' }, acts.map(rowAction)));
    }
    for (const m of marks) {
      const at = fields[m.at] ? wrapperOf(fields[m.at].name) : null;
      const target = at && at.parentElement.classList.contains('rule-block') && at.parentElement.firstElementChild.nextSibling === at
        ? at.parentElement : at;
      const head = [h('h2', {}, m.text), m.note ? h('p', { class: 'muted small' }, m.note) : null].filter(Boolean);
      if (target) target.before(...head);
    }
    // Adding rows: after the last grade (or the mode select) and after the last bonus item (or the cap).
    if (gradeMode === 'grades') {
      const last = state.grades.length ? rulesForm.querySelector(`[name="grades[${state.grades.length - 1}].key"]`).closest('.rule-block')
        : wrapperOf('gradeMode');
      last.after(h('p', {}, h('button', { type: 'button', class: 'secondary', id: 'add-grade', onclick: () => change({ act: 'add', list: 'grades' }) },
        t('rules.addGrade'))));
    }
    const lastBonus = (bonus.items || []).length
      ? rulesForm.querySelector(`[name="bonusItems.items[${bonus.items.length - 1}].clause"]`).closest('.rule-block')
      : wrapperOf('bonusItems.cap');
    lastBonus.after(h('p', {}, h('button', { type: 'button', class: 'secondary', id: 'add-bonus', onclick: () => change({ act: 'add', list: 'bonus' }) },
      t('rules.addBonus'))));
    // Choices that show or hide fields redraw the form with what has been typed so far.
    for (const name of ['gradeMode', 'likert.preset']) {
      rulesForm.querySelector(`[name="${name}"]`).addEventListener('change', () => change({ act: 'redraw' }));
    }
    host.replaceChildren(rulesForm);
  };

  // Keep what has been typed, apply the change, draw again.
  const change = (a) => {
    const v = collect(host.querySelector('form'));
    const mode = v.gradeMode;
    v.gradeMode = gradeMode;   // compose the rows as drawn, then switch
    state = compose(state, v, {});
    if (gradeMode === 'passFail') state.grades = keptGrades || [];
    if (a.act === 'redraw') {
      if (mode === 'passFail' && gradeMode === 'grades') keptGrades = state.grades;
      if (mode === 'grades' && !(state.grades || []).length) {
        state.grades = [{ key: 'pass', nameZh: '合格', nameEn: 'Pass', minimum: null, conditions: null }];
      }
      gradeMode = mode;
    }
    if (a.list === 'grades') {
      const g = state.grades;
      if (a.act === 'add') g.push({ key: '', nameZh: '', nameEn: '', minimum: null, conditions: null });
      if (a.act === 'remove') g.splice(a.index, 1);
      if (a.act === 'up') [g[a.index - 1], g[a.index]] = [g[a.index], g[a.index - 1]];
      if (a.act === 'down') [g[a.index], g[a.index + 1]] = [g[a.index + 1], g[a.index]];
    }
    if (a.list === 'bonus') {
      state.bonusItems = state.bonusItems || { cap: null, items: [] };
      if (a.act === 'add') state.bonusItems.items.push({ clause: '', code: '', points: null, textZh: '', textEn: '' });
      if (a.act === 'remove') state.bonusItems.items.splice(a.index, 1);
    }
    draw();
  };

  draw();
  mount(schemeCrumbs(scheme, doc, version, { label: t('rules.title') }),
    h('h1', {}, t('rules.title')),
    h('p', { class: 'muted' }, t('rules.intro')),
    host);
}
