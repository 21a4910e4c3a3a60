// The staff app's service worker (scope /app/): the app shell loads without a network, and the face-to-face form
// opens with the campaign data the auditor last fetched. Documented in server/docs/field-app.md.
//
// To extend (the visits issue does): add files to SHELL, and a pattern to USER_DATA for each API GET a page needs
// offline. Nothing else is cached; POSTs and every other request go to the network untouched.
//
// The build writes its time into BUILD (Maven resource filtering, web/pom.xml), so every deploy gets new cache
// names: the new worker fills its caches on install and deletes older ones on activate.
const BUILD = '@tanfang.build@';
const SHELL_CACHE = 'tanfang-shell-' + BUILD;
// The signed-in user's API answers. Not versioned (they are data, not code), and deleted on logout and whenever
// another user signs in on this device (js/app.js), or when the server answers 401.
const USER_DATA_CACHE = 'tanfang-user-data';

const SHELL = [
  '/app/', '/app/manifest.json', '/favicon.svg', '/icons/icon.svg', '/icons/icon-192.png', '/icons/icon-512.png',
  '/css/app.css', '/i18n/zh-CN.json', '/i18n/en.json',
  '/js/app.js', '/js/api.js', '/js/i18n.js', '/js/time.js', '/js/ui.js',
  '/js/pages/home.js', '/js/pages/login.js', '/js/pages/password.js', '/js/pages/campaign.js',
  '/js/pages/offline.js', '/js/pages/projects.js', '/js/pages/project.js', '/js/pages/callbacks.js',
  '/js/pages/callback.js', '/js/pages/results.js', '/js/pages/review.js', '/js/pages/verification.js',
  '/js/pages/users.js', '/js/pages/orgs.js', '/js/pages/org.js', '/js/pages/site.js', '/js/pages/schemes.js',
  '/js/pages/scheme.js', '/js/pages/item.js', '/js/pages/try.js', '/js/pages/rules.js',
  '/js/pages/visitplans.js', '/js/pages/visitreview.js',
  '/js/pages/visits.js', '/js/pages/visit.js', '/js/visitstore.js', '/js/photo.js', '/js/sha256.js',
  '/js/pages/evaluation.js', '/js/pages/agreement.js',
  '/js/pages/findings.js', '/js/pages/client-findings.js',
  '/js/pages/survey-review.js',
  '/js/pages/signoff.js', '/js/pages/result.js',
  '/js/pages/reports.js',
  '/js/pages/certificates.js',
];

// API GETs answered network-first, from the cache only when the network fails: what the face-to-face form
// needs (who am I, the campaign's questions and points, the team for the second auditor, my own sheets).
const USER_DATA = [
  /^\/api\/v1\/me$/,
  /^\/api\/v1\/campaigns\/\d+$/,
  /^\/api\/v1\/projects\/\d+\/members$/,
  /^\/api\/v1\/campaigns\/\d+\/offline-responses\/mine$/,
  // the rater's visits: the list, and each visit as first downloaded (the page keeps its own copy in IndexedDB)
  /^\/api\/v1\/visits\/mine$/,
  /^\/api\/v1\/visits\/\d+$/,
];

self.addEventListener('install', (event) => {
  // cache: 'reload' skips the HTTP cache, so the shell is this deploy's files and not an older copy.
  event.waitUntil(caches.open(SHELL_CACHE)
    .then((cache) => cache.addAll(SHELL.map((url) => new Request(url, { cache: 'reload' }))))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names
      .filter((name) => name.startsWith('tanfang-shell-') && name !== SHELL_CACHE)
      .map((name) => caches.delete(name))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Every page of the app is /app/ with a #route; the respondent's pages (/s/...) are outside the scope.
    if (url.pathname === '/app/' || url.pathname === '/app/index.html') event.respondWith(shell('/app/', request));
    return;
  }
  if (SHELL.includes(url.pathname)) {
    event.respondWith(shell(url.pathname, request));
    return;
  }
  if (USER_DATA.some((pattern) => pattern.test(url.pathname)) && !url.search) {
    event.respondWith(networkFirst(request));
  }
});

/** From this deploy's cache; from the network when the cache lacks it (a failed install, a cleared cache). */
async function shell(path, request) {
  const cached = await caches.match(path, { cacheName: SHELL_CACHE });
  return cached || fetch(request);
}

async function networkFirst(request) {
  const cache = await caches.open(USER_DATA_CACHE);
  let response;
  try {
    response = await fetch(request);
  } catch (offline) {
    const cached = await cache.match(request);
    if (cached) return cached;
    throw offline;
  }
  if (response.status === 200) {
    await cache.put(request, response.clone());
  } else if (response.status === 401) {
    // Signed out (expired, or elsewhere): nothing of this user's stays on the device.
    await caches.delete(USER_DATA_CACHE);
  }
  return response;
}
