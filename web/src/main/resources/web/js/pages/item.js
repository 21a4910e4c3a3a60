import { t } from '../i18n.js';
import { api } from '../api.js';
import { h, mount, form } from '../ui.js';
import { loadVersion, schemeCrumbs } from './scheme.js';

const METHODS = ['COVERT_VISIT', 'OPEN_INSPECTION', 'CUSTOMER_SURVEY', 'MANAGEMENT_AUDIT', 'CAPABILITY_VERIFICATION'];
const ANSWERS = ['PERCENT', 'LIKERT_5', 'YES_NO', 'NUMERIC'];

// Edit one item of a draft: points, texts, clause/code (optional), methods, answer type, N/A, veto, numeric range.
// Saving PUTs the whole draft.
export async function render(ctx, [id, number, pi, gi, ii]) {
  const { scheme, version, doc } = await loadVersion(id, number);
  const part = doc.parts[pi];
  const group = part && part.groups[gi];
  const item = group && group.items[ii];
  if (!item || version.status !== 'DRAFT') throw new Error(t('item.notEditable'));
  const prefix = `parts[${pi}].groups[${gi}].items[${ii}].`;
  const fields = ['clause', 'code', 'points', 'textZh', 'textEn', 'methods', 'answerType', 'notApplicableAllowed',
    'veto', 'numeric'];
  // Server paths below the item that name a field of another name here.
  const local = { 'veto.reasonZh': 'vetoReasonZh', 'veto.reasonEn': 'vetoReasonEn', 'veto.answer': 'veto',
    numeric: 'numericWorst', 'numeric.worst': 'numericWorst', 'numeric.best': 'numericBest' };
  const editForm = form({
    id: 'edit-item',
    fields: [
      { name: 'points', label: t('item.points'), type: 'number', inputmode: 'decimal', step: 'any', value: item.points, required: true },
      { name: 'adjust', label: t('item.adjust'), type: 'checkboxes', options: [['yes', t('item.adjust.yes')]], value: ['yes'],
        hint: t('item.adjust.hint') },
      { name: 'textZh', label: t('item.textZh'), type: 'textarea', value: item.textZh },
      { name: 'textEn', label: t('item.textEn'), type: 'textarea', value: item.textEn },
      { name: 'clause', label: t('item.clause'), value: item.clause, required: true },
      { name: 'code', label: t('item.code'), value: item.code, hint: t('item.code.hint') },
      { name: 'methods', label: t('item.methods'), type: 'checkboxes', options: METHODS.map((m) => [m, t(`method.${m}`)]),
        value: item.methods || [] },
      { name: 'answerType', label: t('item.answerType'), type: 'select', options: ANSWERS.map((a) => [a, t(`answer.${a}`)]),
        value: item.answerType, required: true },
      { name: 'notApplicableAllowed', label: t('scheme.naAllowed'), type: 'select',
        options: [['false', t('common.no')], ['true', t('common.yes')]], value: String(!!item.notApplicableAllowed) },
      // 一票否决 (YES_NO items only): which answer fails the whole evaluation, and why.
      { name: 'veto', label: t('item.veto'), type: 'select', hint: t('item.veto.hint'),
        options: [['', t('item.veto.none')], ['false', t('item.veto.no')], ['true', t('item.veto.yes')]],
        value: item.veto ? String(item.veto.answer ?? false) : '' },
      { name: 'vetoReasonZh', label: t('item.veto.reasonZh'), value: item.veto && item.veto.reasonZh },
      { name: 'vetoReasonEn', label: t('item.veto.reasonEn'), value: item.veto && item.veto.reasonEn },
      // NUMERIC items: the measured value that earns nothing and the one that earns full points.
      { name: 'numericWorst', label: t('item.numeric.worst'), type: 'number', inputmode: 'decimal', step: 'any',
        value: item.numeric && item.numeric.worst, hint: t('item.numeric.hint') },
      { name: 'numericBest', label: t('item.numeric.best'), type: 'number', inputmode: 'decimal', step: 'any',
        value: item.numeric && item.numeric.best },
    ],
    submitLabel: t('common.save'),
    async submit(v) {
      // Each attempt starts again from the loaded draft.
      const next = structuredClone(doc);
      const [np, ng] = [next.parts[pi], next.parts[pi].groups[gi]];
      const points = v.points;
      const delta = (points ?? 0) - Number(item.points);
      Object.assign(ng.items[ii], { points, textZh: v.textZh, textEn: v.textEn, clause: v.clause, code: v.code,
        methods: v.methods, answerType: v.answerType, notApplicableAllowed: v.notApplicableAllowed === 'true',
        veto: v.veto ? { answer: v.veto === 'true', reasonZh: v.vetoReasonZh, reasonEn: v.vetoReasonEn } : null,
        numeric: v.answerType === 'NUMERIC' ? { worst: v.numericWorst, best: v.numericBest } : null });
      if (v.adjust.includes('yes') && delta) {
        // Keep the sums right: the group, its part and the full marks move with the item.
        ng.points = Number(ng.points) + delta;
        np.points = Number(np.points) + delta;
        next.fullMarks = Number(next.fullMarks) + delta;
      }
      await api('PUT', `/api/v1/schemes/${scheme.id}/draft`, next).catch((e) => {
        // This item's problems go next to its fields; the others are listed with their paths.
        const other = [];
        e.problem.errors = e.problem.errors.map((x) => {
          const below = x.field.startsWith(prefix) ? x.field.slice(prefix.length).replace(/\[\d+]$/, '') : null;
          if (below && local[below]) return { ...x, field: local[below] };
          if (below && fields.includes(below)) return { ...x, field: below };
          other.push(x);
          return x;
        });
        e.message = other.length ? `${e.message} ${other.map((x) => `${x.field}: ${x.message}`).join('; ')}` : e.message;
        throw e;
      });
      ctx.go(`/schemes/${scheme.id}/v/${version.version}`);
    },
  });
  mount(schemeCrumbs(scheme, doc, version, { label: `${item.clause} ${item.code || ''}`.trim() }),
    h('h1', {}, t('item.title', item.clause)),
    h('p', { class: 'muted small' }, t('item.inGroup', `${group.clause}`, group.points, part.points, doc.fullMarks)),
    editForm);
}
