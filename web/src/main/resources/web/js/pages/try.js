import { t } from '../i18n.js';
import { api } from '../api.js';
import { h, mount, form } from '../ui.js';
import { loadVersion, schemeCrumbs, pick } from './scheme.js';


/** The answers an item offers, as select options; '' = not rated by this rater. */
function options(item) {
  const list = [['', '—']];
  if (item.answerType === 'PERCENT') for (let p = 100; p >= 0; p -= 10) list.push([`percent:${p}`, `${p} %`]);
  if (item.answerType === 'LIKERT_5') for (let a = 5; a >= 1; a -= 1) list.push([`likert:${a}`, t(`try.likert.${a}`)]);
  if (item.answerType === 'YES_NO') list.push(['yes:true', t('common.yes')], ['yes:false', t('common.no')]);
  if (item.notApplicableAllowed) list.push(['na', t('try.na')]);
  return list;
}

function rating(item, rater, visit, value) {
  if (value === null || value === undefined || value === '') return null;
  const base = { item: itemName(item), rater, visit: visit || null };
  if (item.answerType === 'NUMERIC') return { ...base, numeric: Number(value) };
  if (value === 'na') return { ...base, notApplicable: true };
  const [kind, v] = String(value).split(':');
  return { ...base, [kind]: kind === 'yes' ? v === 'true' : Number(v) };
}

const show = (n) => (n ? n.display : '');
// An item without a code is named by its clause, as the engine names it.
const itemName = (item) => item.code || item.clause;

function resultView(r, doc) {
  // A pass/fail scheme has no grade table: its verdict is the result, not "no grade".
  const grade = r.grade ? pick(r.grade.nameZh, r.grade.nameEn)
    : t((doc.grades || []).length ? 'try.noGrade' : (r.passed ? 'try.verdict.passed' : 'try.verdict.failed'));
  // Parts reported separately (or a part not reached) have no total: never a sum of unlike scales.
  const total = r.total == null
    ? h('p', { class: 'total' }, h('span', { id: 'score-total' }, t('try.noTotal')), ' · ', h('strong', { id: 'score-grade' }, grade))
    : h('p', { class: 'total' }, h('strong', { id: 'score-total' }, r.printedTotal || show(r.total)), ` / ${show(r.fullMarks)} · `,
      h('strong', { id: 'score-grade' }, grade));
  const partScore = (p) => (p.evaluated === false ? t('try.notEvaluated')
    : `${p.printedScore || show(p.score)} / ${show(p.points)}`);
  return h('section', { class: 'card', id: 'score-result', 'aria-live': 'polite' },
    h('h2', {}, t('try.result')),
    total,
    h('p', { class: r.passed ? 'good-text' : 'bad-text' }, t(r.passed ? 'try.passed' : 'try.failed')),
    r.failReasons.length ? h('ul', {}, r.failReasons.map((f) => h('li', {}, f.message.text))) : null,
    !r.complete ? h('p', { class: 'bad-text' }, t('try.missing', r.missingItems.join(', '))) : null,
    r.warnings.length ? h('ul', { class: 'small' }, r.warnings.map((w) => h('li', {}, w.text))) : null,
    r.deductionCount ? h('p', { id: 'score-deductions' }, t('try.deducted', r.deductionCount, show(r.deductedPoints))) : null,
    r.bonus && r.bonus.exact !== '0' ? h('p', { id: 'score-bonus' }, t('try.bonusResult', show(r.bonus))) : null,
    (r.bonusItems || []).length ? h('p', { id: 'score-bonus-items' }, t('try.bonusItemsResult', show(r.bonusItemPoints),
      (doc.bonusItems && doc.bonusItems.cap) ?? '')) : null,
    h('table', { class: 'grades', id: 'score-parts' }, h('tbody', {}, r.parts.map((p) => h('tr', {},
      h('td', {}, pick(p.titleZh, p.titleEn)), h('td', {}, partScore(p)),
      h('td', { class: 'muted small' }, p.contribution ? t('try.contribution', p.printedContribution || show(p.contribution)) : ''))))),
    h('h3', {}, t('try.explanation')),
    h('ol', { class: 'explanation small', id: 'score-explanation' }, r.explanation.map((l) => h('li', {}, l.text))));
}

// Dry-run scoring: answers per item for several rating columns (a column is a rater, optionally on a named visit,
// so "two raters, three visits" is four columns), bonus-item answers, special deductions, the special bonus and
// the team's vetoes; then the totals, grade and explanation. Nothing is saved.
export async function render(ctx, [id, number]) {
  const { scheme, version, doc } = await loadVersion(id, number);
  const items = doc.parts.flatMap((p) => p.groups.flatMap((g) => g.items));
  // Bonus items are rated yes/no like items, by code or clause.
  const bonusItems = ((doc.bonusItems && doc.bonusItems.items) || [])
    .map((b) => ({ ...b, answerType: 'YES_NO', notApplicableAllowed: false }));
  const columns = [{ id: 'A' }, { id: 'B' }];
  let deductionRows = 0;
  const host = h('div', { id: 'try-host' });
  const out = h('div', { id: 'score-out' });
  let kept = {};   // what has been typed, across redraws
  const keep = () => {
    const f = host.querySelector('form');
    if (f) for (const el of f.querySelectorAll('input[name], select[name], textarea[name]')) kept[el.name] = el.value;
  };
  const val = (name, fallback) => (name in kept ? kept[name] : fallback);
  const columnLabel = (c) => t('try.column', c.id);

  const draw = () => {
    const fields = [];
    const marks = [];
    const heading = (text, note) => marks.push({ at: fields.length, text, note });
    heading(t('try.columns'), t('try.columns.intro'));
    for (const c of columns) {
      fields.push({ name: `rater_${c.id}`, required: true, label: t('try.columnRater', columnLabel(c)), value: val(`rater_${c.id}`, t('try.rater', c.id)) },
        { name: `visit_${c.id}`, label: t('try.columnVisit', columnLabel(c)), value: val(`visit_${c.id}`, '') });
    }
    const answerFields = (list) => list.flatMap((it) => columns.map((c, ci) => ({
      name: `${c.id}_${itemName(it)}`,
      label: ci === 0 ? `${it.clause} ${it.code || ''} · ${pick(it.textZh, it.textEn)} (${it.points})` : t('try.columnAnswer', itemName(it), columnLabel(c)),
      type: it.answerType === 'NUMERIC' ? 'number' : 'select',
      options: it.answerType === 'NUMERIC' ? undefined : options(it),
      value: val(`${c.id}_${itemName(it)}`, ''),
      hint: it.answerType === 'NUMERIC' && ci === 0 ? t('try.numeric', it.numeric.worst, it.numeric.best) : undefined,
    })));
    heading(t('scheme.checklist'));
    fields.push(...answerFields(items));
    if (bonusItems.length) {
      heading(t('rules.bonusItems'), t('try.bonusItems.intro', doc.bonusItems.cap));
      fields.push(...answerFields(bonusItems));
    }
    heading(t('try.deductions'), t('try.deductions.intro', (doc.special && doc.special.pointsPerDeduction) ?? 1));
    for (let k = 0; k < deductionRows; k += 1) {
      fields.push(
        { name: `ded_item_${k}`, label: t('try.deduction.item', k + 1), type: 'select', value: val(`ded_item_${k}`, ''),
          options: [['', t('try.deduction.noItem')], ...items.map((it) => [itemName(it), `${it.clause} ${it.code || ''}`.trim()])] },
        { name: `ded_reason_${k}`, label: t('try.deduction.reason', k + 1), value: val(`ded_reason_${k}`, ''), required: true },
        { name: `ded_count_${k}`, label: t('try.deduction.count', k + 1), type: 'number', inputmode: 'numeric', step: '1',
          value: val(`ded_count_${k}`, '1') },
        { name: `ded_points_${k}`, label: t('try.deduction.points', k + 1), type: 'number', inputmode: 'decimal', step: 'any',
          value: val(`ded_points_${k}`, ''), hint: t('try.deduction.points.hint') });
    }
    const afterDeductions = marks.length;   // the add-a-deduction button goes before the next heading
    const maxBonus = Number((doc.special && doc.special.maxBonus) ?? 0);
    if (maxBonus > 0) {   // a scheme without a special bonus gets no inputs for one
      heading(t('try.bonus'), t('try.bonus.intro', doc.special.maxBonus));
      fields.push({ name: 'bonus.points', label: t('try.bonus.points'), type: 'number', inputmode: 'decimal', step: 'any',
        value: val('bonus.points', '') },
      { name: 'bonus.reason', label: t('try.bonus.reason'), value: val('bonus.reason', '') });
    }
    heading(t('try.vetoes'));
    fields.push({ name: 'vetoes', label: t('try.vetoes.label'), type: 'textarea', value: val('vetoes', ''), hint: t('try.vetoes.hint') });

    const names = [];    // field name of each rating sent, to show problems next to the field
    const dedNames = []; // field of each deduction sent
    const scoreForm = form({
      id: 'try-form',
      fields,
      submitLabel: t('try.submit'),
      async submit(v) {
        names.length = 0;
        dedNames.length = 0;
        const ratings = [];
        for (const it of [...items, ...bonusItems]) {
          for (const c of columns) {
            const x = rating(it, v[`rater_${c.id}`] || t('try.rater', c.id), v[`visit_${c.id}`], v[`${c.id}_${itemName(it)}`]);
            if (x) { ratings.push(x); names.push(`${c.id}_${itemName(it)}`); }
          }
        }
        const deductions = [];
        for (let k = 0; k < deductionRows; k += 1) {
          const reason = v[`ded_reason_${k}`];
          const item = v[`ded_item_${k}`];
          if (!reason && !item) continue;
          const count = v[`ded_count_${k}`] == null ? 1 : v[`ded_count_${k}`];
          // A deduction names its clause/item in its reason (the API keeps only reason and points).
          const text = item ? `${item}: ${reason || ''}`.trim() : reason;
          for (let n = 0; n < count; n += 1) {
            deductions.push({ reason: text, points: v[`ded_points_${k}`] });
            dedNames.push(`ded_reason_${k}`);
          }
        }
        const bonus = v['bonus.points'] == null && !v['bonus.reason'] ? null
          : { points: v['bonus.points'], reason: v['bonus.reason'] };
        const vetoes = (v.vetoes || '').split('\n').map((x) => x.trim()).filter(Boolean).map((reason) => ({ reason }));
        const result = await api('POST', `/api/v1/schemes/${scheme.id}/versions/${version.version}/score`,
          { ratings, deductions, bonus, vetoes })
          .catch((e) => {
            e.problem.errors = e.problem.errors.map((x) => {
              const m = x.field.match(/^ratings\[(\d+)]/);
              if (m) return { ...x, field: names[Number(m[1])] };
              const d = x.field.match(/^deductions\[(\d+)]\.(\w+)/);
              if (d) return { ...x, field: d[2] === 'points' ? dedNames[Number(d[1])].replace('reason', 'points') : dedNames[Number(d[1])] };
              return x;
            });
            throw e;
          });
        out.replaceChildren(resultView(result, doc));
        out.scrollIntoView();
      },
    });
    const wrapperOf = (name) => scoreForm.querySelector(`[name="${CSS.escape(name)}"]`).closest('.field');
    for (const m of marks) {
      const head = [h('h2', {}, m.text), m.note ? h('p', { class: 'muted small' }, m.note) : null].filter(Boolean);
      if (fields[m.at]) wrapperOf(fields[m.at].name).before(...head);
      m.nodes = head;
    }
    // Each deduction row in a card; the buttons that add a column or a deduction row.
    for (let k = 0; k < deductionRows; k += 1) {
      const first = wrapperOf(`ded_item_${k}`);
      const card = h('div', { class: 'card', 'data-deduction': k });
      first.before(card);
      for (const n of ['item', 'reason', 'count', 'points']) card.append(wrapperOf(`ded_${n}_${k}`));
    }
    const redraw = (fn) => () => { keep(); fn(); draw(); };
    wrapperOf(`visit_${columns[columns.length - 1].id}`).after(h('p', {}, h('button', { type: 'button', class: 'secondary', id: 'add-column',
      onclick: redraw(() => columns.push({ id: String.fromCharCode(65 + columns.length) })) }, t('try.addColumn'))));
    marks[afterDeductions].nodes[0].before(h('p', {}, h('button', { type: 'button', class: 'secondary', id: 'add-deduction',
      onclick: redraw(() => { deductionRows += 1; }) }, t('try.addDeduction'))));

    // Fill every answer of one column at once with a value all answer types understand.
    const fill = h('select', { id: 'fill-value', 'aria-label': t('try.fillValue') },
      [['high', t('try.fill.high')], ['mid', t('try.fill.mid')], ['low', t('try.fill.low')], ['', t('try.fill.clear')]]
        .map(([v, l]) => h('option', { value: v }, l)));
    fill.value = kept['fill-value'] ?? 'high';
    fill.addEventListener('change', () => { kept['fill-value'] = fill.value; });
    const FILL = { PERCENT: { high: 'percent:100', mid: 'percent:80', low: 'percent:50' },
      LIKERT_5: { high: 'likert:5', mid: 'likert:4', low: 'likert:2' }, YES_NO: { high: 'yes:true', mid: 'yes:true', low: 'yes:false' } };
    const fillColumn = (c) => {
      for (const it of [...items, ...bonusItems]) {
        const el = scoreForm.querySelector(`[name="${CSS.escape(`${c.id}_${itemName(it)}`)}"]`);
        if (it.answerType === 'NUMERIC') {
          const { worst, best } = it.numeric;
          el.value = { high: best, mid: (Number(worst) + Number(best)) / 2, low: worst, '': '' }[fill.value];
        } else {
          el.value = fill.value ? FILL[it.answerType][fill.value] : '';
        }
      }
    };
    host.replaceChildren(
      h('div', { class: 'card row', id: 'fill' }, h('label', { for: 'fill-value' }, t('try.fillValue')), fill,
        columns.map((c) => h('button', { type: 'button', class: 'secondary', id: `fill-${c.id}`, onclick: () => fillColumn(c) },
          t('try.fillRater', columnLabel(c))))),
      scoreForm);
  };
  draw();
  mount(schemeCrumbs(scheme, doc, version, { label: t('try.title') }),
    h('h1', {}, t('try.title')),
    h('p', { class: 'muted' }, t('try.intro')),
    out, host);
}
