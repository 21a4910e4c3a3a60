// Sign-off, revisions and release of a project's evaluation (#/projects/{id}/evaluation/sign-off, issue 12):
// the total and grade about to be signed with the SHA-256 of the sheet's snapshot, what still blocks a sign-off,
// the lead's sign-off (confirmed in a dialog that shows the hash), release to the client, new revisions with a
// reason, and every revision with its hash. The server decides everything (server/docs/evaluation.md).
import { t, language } from '../i18n.js';
import { api, ApiError } from '../api.js';
import { h, mount, crumbs, alertBox, errorText } from '../ui.js';
import { timeElement } from '../time.js';
import { projectTitle } from './projects.js';
import { ask } from './callbacks.js';

const pick = (zh, en) => (language() === 'en' ? en || zh : zh || en);
const show = (n) => (n ? n.display : '—');

/** The total and grade a sheet (or a snapshot) reports, as one line. */
export function figuresLine(f) {
  const total = f.total == null ? t('try.noTotal') : `${f.printedTotal || show(f.total)} / ${show(f.fullMarks)}`;
  const grade = f.grade ? pick(f.grade.nameZh, f.grade.nameEn) : t('eval.noGrade');
  return `${total} · ${grade}`;
}

const stateTag = (state) => h('span', { class: `tag${state === 'IN_PROGRESS' ? ' draft' : ''}`, 'data-state': state },
  t(`signoff.state.${state}`));

function revisionItem(projectId, r) {
  const check = h('span', { class: 'small' });
  return h('li', { 'data-revision': r.number },
    h('div', { class: 'main' },
      h('strong', {}, t('signoff.revision', r.number)), ' ', stateTag(r.state),
      r.reason ? h('div', { class: 'small' }, t('signoff.reason', r.reason)) : null,
      r.signedAt ? h('div', { class: 'small' }, t('signoff.signedBy', r.signedBy || '—'), ' ', timeElement(r.signedAt)) : null,
      r.releasedAt ? h('div', { class: 'small' }, t('signoff.releasedBy', r.releasedBy || '—'), ' ', timeElement(r.releasedAt)) : null,
      r.sha256 ? h('div', { class: 'small mono hash', style: 'word-break:break-all' }, 'SHA-256 ', r.sha256) : null,
      r.sha256 ? h('div', {}, h('button', { type: 'button', class: 'secondary', 'data-verify': r.number, async onClick() {
        const s = await api('GET', `/api/v1/projects/${projectId}/evaluation/revisions/${r.number}`);
        check.replaceChildren(h('span', { class: s.verified ? 'good-text' : 'bad-text' },
          t(s.verified ? 'signoff.verified' : 'signoff.notVerified')));
      } }, t('signoff.verify')), ' ', check) : null));
}

export async function render(ctx, [projectId]) {
  const team = ['ADMIN', 'LEAD', 'AUDITOR'].some((r) => ctx.me.roles.includes(r));
  if (!team) throw new ApiError(404, { detail: t('eval.notReleased') });
  const [view, o] = await Promise.all([api('GET', `/api/v1/projects/${projectId}`),
    api('GET', `/api/v1/projects/${projectId}/evaluation/sign-off`)]);
  const title = projectTitle(view.project);
  const again = () => render(ctx, [projectId]);
  const notice = h('div', { 'aria-live': 'polite', id: 'signoff-notice' });
  const st = o.state;
  const act = async (fn) => {
    try {
      await fn();
      await again();
    } catch (e) {
      notice.replaceChildren(alertBox('bad', errorText(e),
        e.problem && e.problem.errors && e.problem.errors.length
          ? h('ul', {}, e.problem.errors.map((x) => h('li', {}, x.message))) : null));
    }
  };
  const actions = [];
  if (o.mayAct && st.state === 'IN_PROGRESS') {
    actions.push(h('button', { type: 'button', id: 'sign-off', disabled: o.provisional, async onClick() {
      const yes = await ask({ message: h('span', {}, t('signoff.confirm', figuresLine(o.figures), st.revision),
        h('code', { id: 'confirm-hash', style: 'display:block;word-break:break-all;margin-top:.5em' }, o.liveSha256)),
      confirmLabel: t('signoff.signOff') });
      if (!yes) return;
      await act(() => api('POST', `/api/v1/projects/${projectId}/evaluation/sign-off`, { expectedSha256: o.liveSha256 }));
    } }, t('signoff.signOff')));
  }
  if (o.mayAct && st.state === 'SIGNED_OFF') {
    actions.push(h('button', { type: 'button', id: 'release', async onClick() {
      if (!(await ask({ message: t('signoff.releaseConfirm', st.revision), confirmLabel: t('signoff.release') }))) return;
      await act(() => api('POST', `/api/v1/projects/${projectId}/evaluation/release`));
    } }, t('signoff.release')));
  }
  if (o.mayAct && st.state !== 'IN_PROGRESS') {
    actions.push(h('button', { type: 'button', class: 'secondary', id: 'open-revision', async onClick() {
      const answer = await ask({ message: t('signoff.openConfirm', st.revision + 1), confirmLabel: t('signoff.open'),
        reasonLabel: t('signoff.openReason') });
      if (!answer) return;
      await act(() => api('POST', `/api/v1/projects/${projectId}/evaluation/revisions`, { reason: answer.reason }));
    } }, t('signoff.open')));
  }
  mount(crumbs({ href: '#/', label: t('nav.home') }, { href: '#/projects', label: t('projects.title') },
    { href: `#/projects/${projectId}`, label: title }, { href: `#/projects/${projectId}/evaluation`, label: t('eval.title') },
    { label: t('signoff.title') }),
  h('h1', {}, t('signoff.title')),
  h('section', { class: 'card', id: 'signoff-summary' },
    h('p', {}, t('signoff.revision', st.revision), ' ', stateTag(st.state)),
    h('p', { class: 'total' }, h('strong', { id: 'signoff-figures' }, figuresLine(o.figures))),
    h('p', { class: o.figures.passed ? 'good-text' : 'bad-text' }, t(o.figures.passed ? 'try.passed' : 'try.failed')),
    o.figures.failReasons.length ? h('ul', {}, o.figures.failReasons.map((f) => h('li', {}, f.message.text))) : null,
    o.provisional
      ? h('div', { id: 'signoff-blocked' }, h('p', {}, h('span', { class: 'tag draft' }, t('eval.provisional')), ' ', t('signoff.blocked')),
        h('ul', {}, o.provisionalReasons.map((x) => h('li', {}, x === 'MISSING_ITEMS' ? t('eval.missingCount', o.missingCount)
          : t('eval.surveyOpen')))))
      : null,
    st.changedSinceSignOff ? h('p', { class: 'alert info', id: 'signoff-changed' }, t('signoff.changed', st.revision)) : null,
    h('p', { class: 'small' }, t('signoff.liveHash'), ' ',
      h('code', { id: 'live-hash', style: 'word-break:break-all' }, o.liveSha256)),
    st.signedSha256 ? h('p', { class: 'small' }, t('signoff.signedHash'), ' ',
      h('code', { id: 'signed-hash', style: 'word-break:break-all' }, st.signedSha256)) : null,
    st.releasedRevision ? h('p', {}, h('a', { href: `#/projects/${projectId}/result`, id: 'signoff-result' },
      t('signoff.clientView', st.releasedRevision))) : null,
    !o.mayAct ? h('p', { class: 'muted small' }, t('signoff.leadOnly')) : null,
    actions.length ? h('div', { class: 'row' }, actions) : null),
  notice,
  h('h2', {}, t('signoff.revisions')),
  o.revisions.length ? h('ul', { class: 'list', id: 'revision-list' }, o.revisions.map((r) => revisionItem(projectId, r)))
    : h('p', { class: 'muted' }, t('signoff.noRevisions')));
}
