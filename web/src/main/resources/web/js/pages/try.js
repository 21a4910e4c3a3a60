import { t } from '../i18n.js';
import { api } from '../api.js';
import { h, mount, form } from '../ui.js';
import { loadVersion, schemeCrumbs, pick } from './scheme.js';

const RATERS = ['A', 'B'];

/** The answers an item offers, as select options; '' = not rated by this rater. */
function options(item) {
  const list = [['', '—']];
  if (item.answerType === 'PERCENT') for (let p = 100; p >= 0; p -= 10) list.push([`percent:${p}`, `${p} %`]);
  if (item.answerType === 'LIKERT_5') for (let a = 5; a >= 1; a -= 1) list.push([`likert:${a}`, t(`try.likert.${a}`)]);
  if (item.answerType === 'YES_NO') list.push(['yes:true', t('common.yes')], ['yes:false', t('common.no')]);
  if (item.notApplicableAllowed) list.push(['na', t('try.na')]);
  return list;
}

function rating(item, rater, value) {
  if (value === null || value === undefined || value === '') return null;
  if (item.answerType === 'NUMERIC') return { item: itemName(item), rater, numeric: value };
  if (value === 'na') return { item: itemName(item), rater, notApplicable: true };
  const [kind, v] = String(value).split(':');
  return { item: itemName(item), rater, [kind]: kind === 'yes' ? v === 'true' : Number(v) };
}

const show = (n) => (n ? n.display : '');
// An item without a code is named by its clause, as the engine names it.
const itemName = (item) => item.code || item.clause;

function resultView(r, doc) {
  // A pass/fail scheme has no grade table: its verdict is the result, not "no grade".
  const grade = r.grade ? pick(r.grade.nameZh, r.grade.nameEn) : t((doc.grades || []).length ? 'try.noGrade' : 'try.passFail');
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
    h('table', { class: 'grades', id: 'score-parts' }, h('tbody', {}, r.parts.map((p) => h('tr', {},
      h('td', {}, pick(p.titleZh, p.titleEn)), h('td', {}, partScore(p)),
      h('td', { class: 'muted small' }, p.contribution ? t('try.contribution', p.printedContribution || show(p.contribution)) : ''))))),
    h('h3', {}, t('try.explanation')),
    h('ol', { class: 'explanation small', id: 'score-explanation' }, r.explanation.map((l) => h('li', {}, l.text))));
}

// Dry-run scoring: one answer per item for one or two raters (or fill them all), then the totals, grade and explanation.
export async function render(ctx, [id, number]) {
  const { scheme, version, doc } = await loadVersion(id, number);
  const items = doc.parts.flatMap((p) => p.groups.flatMap((g) => g.items));
  const names = [];   // field name of each rating sent, to show problems next to the field
  const fields = items.flatMap((it) => RATERS.map((r) => ({
    name: `${r}_${itemName(it)}`,
    label: r === 'A' ? `${it.clause} ${it.code || ''} · ${pick(it.textZh, it.textEn)} (${it.points})` : t('try.raterB', itemName(it)),
    type: it.answerType === 'NUMERIC' ? 'number' : 'select',
    options: it.answerType === 'NUMERIC' ? undefined : options(it),
    hint: it.answerType === 'NUMERIC' && r === 'A' ? t('try.numeric', it.numeric.worst, it.numeric.best) : undefined,
  })));
  const out = h('div', { id: 'score-out' });
  const scoreForm = form({
    id: 'try-form',
    fields,
    submitLabel: t('try.submit'),
    async submit(v) {
      names.length = 0;
      const ratings = [];
      for (const it of items) {
        for (const r of RATERS) {
          const x = rating(it, t('try.rater', r), v[`${r}_${itemName(it)}`]);
          if (x) { ratings.push(x); names.push(`${r}_${itemName(it)}`); }
        }
      }
      const result = await api('POST', `/api/v1/schemes/${scheme.id}/versions/${version.version}/score`, { ratings })
        .catch((e) => {
          e.problem.errors = e.problem.errors.map((x) => {
            const m = x.field.match(/^ratings\[(\d+)]/);
            return m ? { ...x, field: names[Number(m[1])] } : x;
          });
          throw e;
        });
      out.replaceChildren(resultView(result, doc));
      out.scrollIntoView();
    },
  });
  // Fill every rater-A (or B) answer at once with a value all answer types understand.
  const fill = h('select', { id: 'fill-value', 'aria-label': t('try.fillValue') },
    [['high', t('try.fill.high')], ['mid', t('try.fill.mid')], ['low', t('try.fill.low')], ['', t('try.fill.clear')]]
      .map(([v, l]) => h('option', { value: v }, l)));
  const FILL = { PERCENT: { high: 'percent:100', mid: 'percent:80', low: 'percent:50' },
    LIKERT_5: { high: 'likert:5', mid: 'likert:4', low: 'likert:2' }, YES_NO: { high: 'yes:true', mid: 'yes:true', low: 'yes:false' } };
  const fillRater = (r) => {
    for (const it of items) {
      const el = scoreForm.querySelector(`[name="${r}_${itemName(it)}"]`);
      if (it.answerType === 'NUMERIC') {
        const { worst, best } = it.numeric;
        el.value = { high: best, mid: (Number(worst) + Number(best)) / 2, low: worst, '': '' }[fill.value];
      } else {
        el.value = fill.value ? FILL[it.answerType][fill.value] : '';
      }
    }
  };
  mount(schemeCrumbs(scheme, doc, version, { label: t('try.title') }),
    h('h1', {}, t('try.title')),
    h('p', { class: 'muted' }, t('try.intro')),
    h('div', { class: 'card row', id: 'fill' }, h('label', { for: 'fill-value' }, t('try.fillValue')), fill,
      RATERS.map((r) => h('button', { type: 'button', class: 'secondary', id: `fill-${r}`, onclick: () => fillRater(r) },
        t('try.fillRater', t('try.rater', r))))),
    out, scoreForm);
}
