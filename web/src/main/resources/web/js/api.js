// The one way the pages talk to the server: JSON in and out, CSRF header on changes, problem+json as ApiError.
import { language } from './i18n.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    // The server always sends errors (empty when no field is at fault); problems made here say so too.
    this.problem = { errors: [], ...problem };
  }
  get fieldErrors() { return this.problem.errors; }
}

function cookie(name) {
  const m = document.cookie.match(new RegExp(`(?:^|; )${name}=([^;]*)`));
  return m ? decodeURIComponent(m[1]) : null;
}

let onUnauthorized = () => {};
export function whenUnauthorized(fn) { onUnauthorized = fn; }

/** options.language: ask for the server's texts in this language instead of the page's. */
export async function api(method, path, body, options = {}) {
  return send(method, path, body === undefined ? undefined : JSON.stringify(body),
    body === undefined ? undefined : 'application/json', options);
}

/** A body that is not JSON (a photo's bytes), with its own content type; the answer is read as for api(). */
export async function upload(method, path, blob, contentType, options = {}) {
  return send(method, path, blob, contentType, options);
}

async function send(method, path, body, contentType, options) {
  // The server writes problem details and messages in this language (zh-CN or en).
  const headers = { Accept: 'application/json', 'Accept-Language': options.language || language() };
  if (contentType) headers['Content-Type'] = contentType;
  if (method !== 'GET') {
    const csrf = cookie('TANFANG_CSRF');
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  let res;
  try {
    res = await fetch(path, { method, headers, credentials: 'same-origin', body });
  } catch (e) {
    throw new ApiError(0, { detail: 'offline' });
  }
  const type = res.headers.get('Content-Type') || '';
  const data = res.status === 204 ? null
    : type.includes('json') ? await res.json().catch(() => null) : await res.text();
  if (!res.ok) {
    if (res.status === 401 && path !== '/api/v1/session') onUnauthorized();
    throw new ApiError(res.status, typeof data === 'object' ? data : { detail: String(data).slice(0, 200) });
  }
  return data;
}
