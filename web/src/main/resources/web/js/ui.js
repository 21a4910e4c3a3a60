// Small DOM helpers and the one form builder every page uses (labels, hints, errors next to fields).
import { t } from './i18n.js';

/** A field problem's text: the server renders it in the language the page sent (Accept-Language). */
export function problemText(e) {
  return e.message;
}
import { ApiError } from './api.js';

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === 'class') el.className = v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function mount(...children) {
  const main = document.getElementById('main');
  main.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return main;
}

export function alertBox(kind, ...content) {
  return h('div', { class: `alert ${kind}`, role: kind === 'bad' ? 'alert' : 'status' }, ...content);
}

export function errorText(err) {
  if (err instanceof ApiError && err.status === 0) return t('app.offline');
  return t('common.error', err.message);
}

let seq = 0;
/**
 * fields: [{name, label, type: text|password|number|select|checkboxes|radios|textarea, options: [[value,label]],
 *           hint, required, value, autocomplete, inputmode}]
 * submit(values) returns a promise; an ApiError's field errors are shown next to the fields.
 */
export function form({ fields, submitLabel, submit, id }) {
  const formEl = h('form', { class: 'stack', novalidate: true, id });
  const summary = h('div', { 'aria-live': 'polite' });
  formEl.append(summary);
  const controls = {};
  for (const f of fields) {
    const fid = `f${++seq}-${f.name}`;
    const hintId = f.hint ? `${fid}-hint` : null;
    const errId = `${fid}-err`;
    const err = h('p', { class: 'error', id: errId, hidden: true });
    const described = [hintId, errId].filter(Boolean).join(' ');
    let control;
    let wrapper;
    if (f.type === 'checkboxes' || f.type === 'radios') {
      // Radios: one tap per answer on a phone, every option visible (f.big: large buttons, for answer scales).
      const radio = f.type === 'radios';
      control = h('div', { class: `choices${f.big ? ' big' : ''}`, role: radio ? 'radiogroup' : null },
        f.options.map(([v, label]) => h('label', {},
          h('input', { type: radio ? 'radio' : 'checkbox', name: f.name, value: v,
            checked: radio ? String(f.value ?? '') === String(v) : (f.value || []).includes(v) }), h('span', {}, label))));
      wrapper = h('div', { class: 'field' }, h('fieldset', { 'aria-describedby': described },
        h('legend', {}, f.label), control, hintId && h('p', { class: 'hint', id: hintId }, f.hint), err));
    } else {
      if (f.type === 'select') {
        control = h('select', { id: fid, name: f.name, 'aria-describedby': described, required: f.required },
          f.options.map(([v, label]) => h('option', { value: v, selected: String(f.value ?? '') === String(v) }, label)));
      } else if (f.type === 'textarea') {
        control = h('textarea', { id: fid, name: f.name, rows: 3, 'aria-describedby': described }, f.value ?? '');
      } else {
        control = h('input', { id: fid, name: f.name, type: f.type || 'text', value: f.value ?? '',
          autocomplete: f.autocomplete || 'off', inputmode: f.inputmode, required: f.required,
          'aria-describedby': described, step: f.step });
      }
      wrapper = h('div', { class: 'field' }, h('label', { for: fid }, f.label,
        f.required ? '' : h('span', { class: 'muted small' }, ` (${t('common.optional')})`)),
        control, hintId && h('p', { class: 'hint', id: hintId }, f.hint), err);
    }
    controls[f.name] = { f, control, err, wrapper };
    formEl.append(wrapper);
  }
  const button = h('button', { type: 'submit' }, submitLabel);
  formEl.append(h('div', {}, button));

  function values() {
    const out = {};
    for (const [name, { f, control }] of Object.entries(controls)) {
      if (f.type === 'checkboxes') {
        out[name] = [...control.querySelectorAll('input:checked')].map((i) => i.value);
      } else if (f.type === 'radios') {
        out[name] = control.querySelector('input:checked')?.value ?? null;
      } else {
        const v = control.value.trim();
        out[name] = v === '' ? null : (f.type === 'number' ? Number(v) : v);
      }
    }
    return out;
  }
  function clear() {
    summary.replaceChildren();
    for (const { control, err } of Object.values(controls)) {
      err.hidden = true; err.textContent = '';
      control.removeAttribute('aria-invalid');
    }
  }
  function showErrors(list, message) {
    const unplaced = [];
    for (const e of list) {
      const root = (e.field || '').split(/[.[]/)[0];
      const c = controls[e.field] || controls[root];
      if (!c) { unplaced.push(e); continue; }
      c.err.hidden = false;
      const text = problemText(e);
      c.err.textContent = c.err.textContent ? `${c.err.textContent} ${text}` : text;
      c.control.setAttribute('aria-invalid', 'true');
    }
    // Problems with no field on this form are listed with their paths, so none is hidden.
    summary.replaceChildren(alertBox('bad', message || t('common.fixErrors'),
      unplaced.length ? h('ul', {}, unplaced.map((e) => h('li', {}, `${e.field}: ${problemText(e)}`))) : null));
    // Focus the first invalid field in the order the form shows them.
    const invalid = formEl.querySelector('[aria-invalid=true]');
    const first = invalid && !invalid.matches('input, select, textarea') ? invalid.querySelector('input') : invalid;
    (first || summary).focus?.();
  }
  formEl.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clear();
    button.disabled = true;
    try {
      await submit(values(), { showErrors, summary });
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors.length) showErrors(e.fieldErrors, t('common.fixErrors'));
      else summary.replaceChildren(alertBox('bad', errorText(e)));
    } finally {
      button.disabled = false;
    }
  });
  return Object.assign(formEl, { showErrors, summary });
}

export function crumbs(...items) {
  return h('nav', { class: 'crumbs', 'aria-label': 'breadcrumb' },
    items.map((it, i) => [i ? ' › ' : '', it.href ? h('a', { href: it.href }, it.label) : h('span', {}, it.label)]));
}
