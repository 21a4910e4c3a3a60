// The staff app shell: language, session, hash router. Pages live in ./pages and export render(ctx, params).
import { detectLanguage, loadLanguage, rememberLanguage, language, t, translateStatic } from './i18n.js';
import { api, ApiError, whenUnauthorized } from './api.js';
import { mount, h, alertBox, errorText } from './ui.js';

const routes = [
  [/^\/login$/, () => import('./pages/login.js'), false],
  [/^\/?$/, () => import('./pages/home.js'), true],
  [/^\/password$/, () => import('./pages/password.js'), true],
  [/^\/users$/, () => import('./pages/users.js'), true],
  [/^\/orgs$/, () => import('./pages/orgs.js'), true],
  [/^\/orgs\/(\d+)$/, () => import('./pages/org.js'), true],
  [/^\/orgs\/(\d+)\/sites\/(\d+)$/, () => import('./pages/site.js'), true],
  [/^\/projects$/, () => import('./pages/projects.js'), true],
  [/^\/projects\/(\d+)$/, () => import('./pages/project.js'), true],
  [/^\/campaigns\/(\d+)$/, () => import('./pages/campaign.js'), true],
  [/^\/campaigns\/(\d+)\/results$/, () => import('./pages/results.js'), true],
  [/^\/campaigns\/(\d+)\/review$/, () => import('./pages/review.js'), true],
  [/^\/campaigns\/(\d+)\/offline$/, () => import('./pages/offline.js'), true],
  [/^\/campaigns\/(\d+)\/callback(?:\/(report))?$/, () => import('./pages/verification.js'), true],
  [/^\/callbacks$/, () => import('./pages/callbacks.js'), true],
  [/^\/callbacks\/(\d+)$/, () => import('./pages/callback.js'), true],
  [/^\/schemes$/, () => import('./pages/schemes.js'), true],
  [/^\/schemes\/(\d+)(?:\/v\/(\d+))?$/, () => import('./pages/scheme.js'), true],
  [/^\/schemes\/(\d+)\/v\/(\d+)\/edit\/(\d+)\/(\d+)\/(\d+)$/, () => import('./pages/item.js'), true],
  [/^\/schemes\/(\d+)\/v\/(\d+)\/try$/, () => import('./pages/try.js'), true],
  [/^\/schemes\/(\d+)\/v\/(\d+)\/rules$/, () => import('./pages/rules.js'), true],
  // The lead's visit planning and review screens (issue 10).
  [/^\/projects\/(\d+)\/visits$/, () => import('./pages/visitplans.js'), true],
  // The evaluation sheet and its live result (issue 12).
  [/^\/projects\/(\d+)\/evaluation$/, () => import('./pages/evaluation.js'), true],
  [/^\/projects\/(\d+)\/evaluation\/agreement$/, () => import('./pages/agreement.js'), true],
  // Findings: the lead's N/A decisions, deductions, nonconformities; the client's answers to its own.
  [/^\/projects\/(\d+)\/evaluation\/findings$/, () => import('./pages/findings.js'), true],
  [/^\/projects\/(\d+)\/findings$/, () => import('./pages/client-findings.js'), true],
  [/^\/projects\/(\d+)\/evaluation\/survey-review$/, () => import('./pages/survey-review.js'), true],
  // Sign-off, revisions and release; the client's released result (issue 12).
  [/^\/projects\/(\d+)\/evaluation\/sign-off$/, () => import('./pages/signoff.js'), true],
  [/^\/projects\/(\d+)\/result$/, () => import('./pages/result.js'), true],
  [/^\/projects\/(\d+)\/reports$/, () => import('./pages/reports.js'), true],
  // Certificates and their status (issue 13): a project's, and every one the caller may see.
  [/^\/projects\/(\d+)\/certificates$/, () => import('./pages/certificates.js'), true],
  [/^\/certificates$/, () => import('./pages/certificates.js'), true],
  [/^\/visits\/(\d+)\/review$/, () => import('./pages/visitreview.js'), true],
  [/^\/visits$/, () => import('./pages/visits.js'), true],
  [/^\/visits\/(\d+)$/, () => import('./pages/visit.js'), true],
];

// The service worker's cache of the signed-in user's API answers (app/sw.js): gone on logout, and when another
// user signs in on this device, so nobody sees the previous user's data offline.
const USER_DATA_CACHE = 'tanfang-user-data';
const LAST_USER = 'tanfang_last_user';
async function forgetUserData() {
  if (window.caches) await caches.delete(USER_DATA_CACHE).catch(() => {});
}

const ctx = {
  me: null,
  go(path) { if (location.hash === `#${path}`) route(); else location.hash = path; },
  async refreshMe() {
    try { ctx.me = await api('GET', '/api/v1/me'); } catch (e) { ctx.me = null; }
    if (ctx.me && localStorage.getItem(LAST_USER) !== String(ctx.me.id)) {
      // A different user than last time: drop the other's cached answers (their outbox stays theirs, by user id).
      await forgetUserData();
      // Fetch again, so this user's own answer is what the cache keeps.
      try { await api('GET', '/api/v1/me'); } catch (e) { /* offline: nothing to keep */ }
      localStorage.setItem(LAST_USER, String(ctx.me.id));
    }
    renderHeader();
    return ctx.me;
  },
};

function renderHeader() {
  const who = document.getElementById('who');
  const logout = document.getElementById('logout');
  who.hidden = logout.hidden = !ctx.me;
  who.textContent = ctx.me ? ctx.me.displayName : '';
  const other = language() === 'en' ? 'zh-CN' : 'en';
  const sw = document.getElementById('lang-switch');
  sw.textContent = other === 'en' ? 'English' : '中文';
  sw.lang = other;
  sw.setAttribute('aria-label', other === 'en' ? 'Switch to English' : '切换到中文');
  translateStatic();
}

async function route() {
  const path = location.hash.replace(/^#/, '') || '/';
  const found = routes.find(([re]) => re.test(path));
  if (!found) {
    mount(h('h1', {}, t('error.404.title')), h('p', {}, t('error.404.message')), homeLink());
    return;
  }
  const [re, load, needsLogin] = found;
  if (needsLogin && !ctx.me) { ctx.go('/login'); return; }
  if (needsLogin && ctx.me.mustChangePassword && path !== '/password') { ctx.go('/password'); return; }
  if (!needsLogin && ctx.me) { ctx.go('/'); return; }
  try {
    const page = await load();
    await page.render(ctx, path.match(re).slice(1));
    document.title = `${document.querySelector('main h1')?.textContent || ''} · ${t('app.name')}`;
  } catch (e) {
    // The server answers 404 for what the caller may not see (and 403 for a role that never may): either way
    // the person gets a page that says so in their language, with a way home, never a bare status text.
    if (e instanceof ApiError && (e.status === 403 || e.status === 404)) {
      mount(h('h1', { id: 'not-available' }, t('unavailable.title')), h('p', {}, t('unavailable.message')), homeLink());
      document.title = `${t('unavailable.title')} · ${t('app.name')}`;
      return;
    }
    mount(alertBox('bad', errorText(e)));
  }
}

function homeLink() {
  return h('p', {}, h('a', { href: '#/', class: 'button', id: 'go-home' }, t('error.home')));
}

/** The app shell and the field pages load offline from the service worker's caches (server/docs/field-app.md). */
function registerServiceWorker() {
  // Only under /app/: the worker's scope. WeChat on iOS has no service worker: the app then works while it stays open.
  if (!('serviceWorker' in navigator) || !location.pathname.startsWith('/app/')) return;
  // ?nosw: behave as WeChat on iOS (no service worker at all), for the visit page's warning and its browser test.
  if (new URLSearchParams(location.search).has('nosw')) {
    navigator.serviceWorker.getRegistrations().then((all) => all.forEach((r) => r.unregister())).catch(() => {});
    return;
  }
  navigator.serviceWorker.register('/app/sw.js', { scope: '/app/' }).catch(() => {});
  // The first visit's answers were fetched before the worker took over, so it has none cached: ask again now,
  // and let the open page do the same (event 'sw-ready'), so that a reload offline finds them.
  navigator.serviceWorker.addEventListener('controllerchange', async () => {
    if (ctx.me) await api('GET', '/api/v1/me').catch(() => {});
    document.dispatchEvent(new Event('sw-ready'));
  });
}

async function start() {
  registerServiceWorker();
  try {
    await loadLanguage(detectLanguage());
  } catch (e) {
    // Without the message bundle there is no page to show (offline, no cached shell): say so in both languages
    // rather than "loading" for ever.
    mount(h('p', { class: 'alert info', role: 'status', id: 'shell-offline' },
      '无法连接服务器，请联网后重新打开。 The server cannot be reached: open the app again when online.'));
    window.addEventListener('online', () => location.reload(), { once: true });
    return;
  }
  whenUnauthorized(() => { ctx.me = null; renderHeader(); ctx.go('/login'); });
  document.getElementById('lang-switch').addEventListener('click', async () => {
    const next = language() === 'en' ? 'zh-CN' : 'en';
    rememberLanguage(next);
    await loadLanguage(next);
    renderHeader();
    route();
  });
  document.getElementById('logout').addEventListener('click', async () => {
    try { await api('DELETE', '/api/v1/session'); } catch (e) { /* the cookie is cleared either way */ }
    await forgetUserData();
    localStorage.removeItem(LAST_USER);
    ctx.me = null;
    renderHeader();
    ctx.go('/login');
  });
  window.addEventListener('hashchange', route);
  await ctx.refreshMe();
  route();
}

start();
