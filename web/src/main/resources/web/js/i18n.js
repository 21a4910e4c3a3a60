// Message bundles (/i18n/<lang>.json), shared with the server's error pages. Language: the user's choice
// (remembered in localStorage and in a cookie the server reads), else the browser's, else Chinese.
export const LANGUAGES = ['zh-CN', 'en'];
let messages = {};
let current = 'zh-CN';

export function detectLanguage() {
  const saved = localStorage.getItem('tanfang_lang');
  if (LANGUAGES.includes(saved)) return saved;
  const nav = (navigator.languages && navigator.languages[0]) || navigator.language || 'zh-CN';
  return nav.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export async function loadLanguage(lang) {
  const res = await fetch(`/i18n/${lang}.json`);
  if (!res.ok) throw new Error(`messages ${lang}: ${res.status}`);
  messages = await res.json();
  current = lang;
  document.documentElement.lang = lang;
}

export function rememberLanguage(lang) {
  localStorage.setItem('tanfang_lang', lang);
  document.cookie = `tanfang_lang=${lang};path=/;max-age=31536000;samesite=lax`;
}

export const language = () => current;

/** t('home.title', 'Li') fills {0}, {1} ... */
export function t(key, ...args) {
  const text = messages[key] ?? key;
  return args.length ? text.replace(/\{(\d+)\}/g, (m, i) => (args[i] ?? m)) : text;
}

export function translateStatic(root = document) {
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
}
