// Every time on the staff screens is Beijing time (UTC+8, no daylight saving since 1991), labelled, whatever the
// browser's own time zone: an auditor travelling or a laptop left on UTC must read the same opening and closing
// times as the printed notices and the respondents' pages. Inputs (datetime-local) are read as Beijing time too.
import { language } from './i18n.js';

const OFFSET_MS = 8 * 3600 * 1000;
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n) => String(n).padStart(2, '0');

/** The Beijing wall-clock fields of an instant (ISO string, Date or epoch millis). */
function beijing(value) {
  const d = new Date(new Date(value).getTime() + OFFSET_MS);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth(), d: d.getUTCDate(), hh: pad(d.getUTCHours()), mm: pad(d.getUTCMinutes()) };
}

/** "2026-12-01 17:30 北京时间" / "1 Dec 2026 17:30 Beijing time"; empty for no value. */
export function formatTime(value, lang = language()) {
  if (value === null || value === undefined || value === '') return '';
  const b = beijing(value);
  if (Number.isNaN(b.y)) return String(value);
  return lang === 'en'
    ? `${b.d} ${MONTHS_EN[b.m]} ${b.y} ${b.hh}:${b.mm} Beijing time`
    : `${b.y}-${pad(b.m + 1)}-${pad(b.d)} ${b.hh}:${b.mm} 北京时间`;
}

/** A time element: the Beijing text, with the exact instant in its datetime attribute. */
export function timeElement(value, lang = language()) {
  const el = document.createElement('time');
  el.setAttribute('datetime', new Date(value).toISOString());
  el.textContent = formatTime(value, lang);
  return el;
}

/** The value of a datetime-local input showing this instant in Beijing time ("2026-12-01T17:30"). */
export function beijingInputValue(value) {
  const b = beijing(value);
  return `${b.y}-${pad(b.m + 1)}-${pad(b.d)}T${b.hh}:${b.mm}`;
}

/** A datetime-local value read as Beijing time, as an ISO instant; null when empty. */
export function fromBeijingInput(local) {
  if (!local) return null;
  const withSeconds = local.length === 16 ? `${local}:00` : local;
  return new Date(`${withSeconds}+08:00`).toISOString();
}
