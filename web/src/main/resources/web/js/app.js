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
];

const ctx = {
  me: null,
  go(path) { if (location.hash === `#${path}`) route(); else location.hash = path; },
  async refreshMe() {
    try { ctx.me = await api('GET', '/api/v1/me'); } catch (e) { ctx.me = null; }
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

async function start() {
  await loadLanguage(detectLanguage());
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
    ctx.me = null;
    renderHeader();
    ctx.go('/login');
  });
  window.addEventListener('hashchange', route);
  await ctx.refreshMe();
  route();
}

start();
