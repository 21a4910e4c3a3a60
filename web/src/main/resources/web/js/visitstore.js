// The phone's copy of its visits and their outbox, in IndexedDB (never localStorage: photos are megabytes, and
// localStorage is small and synchronous). The copy here is the truth on the phone; the server's copy replaces it
// only when the server is reachable and nothing of the visit is unsent (pages/visit.js).
//
// Stores:
//   visits  {id, userId, detail (GET /api/v1/visits/{id}), version (the visit version edits are sent with),
//            drafts {itemCode: {value, notApplicable, notApplicableReason, note, seconds}}, checkIn?, checkOut?}
//   outbox  {clientId, visitId, userId, seq, kind: answer|photo|checkIn|checkOut, itemCode?, body?, blob?,
//            state: local|sending|conflict|refused, problem?}
// iOS Safari may close an IndexedDB connection under memory pressure: each call reopens and retries once.
const DB_NAME = 'tanfang-visits';
let opening = null;

function open() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => {
        const db = req.result;
        db.createObjectStore('visits', { keyPath: 'id' });
        const outbox = db.createObjectStore('outbox', { keyPath: 'clientId' });
        outbox.createIndex('visitId', 'visitId');
      };
      req.onsuccess = () => {
        const db = req.result;
        db.onclose = () => { opening = null; };
        db.onversionchange = () => { db.close(); opening = null; };
        resolve(db);
      };
      req.onerror = () => { opening = null; reject(req.error); };
    });
  }
  return opening;
}

const done = (req) => new Promise((resolve, reject) => {
  req.onsuccess = () => resolve(req.result);
  req.onerror = () => reject(req.error);
});

async function run(storeName, mode, fn) {
  for (let attempt = 0; ; attempt++) {
    try {
      const db = await open();
      const tx = db.transaction(storeName, mode);
      const result = await fn(tx.objectStore(storeName));
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error || new Error('aborted'));
      });
      return result;
    } catch (e) {
      opening = null;
      if (attempt > 0) throw e;
    }
  }
}

export const getVisit = (id) => run('visits', 'readonly', (s) => done(s.get(Number(id))));
export const putVisit = (record) => run('visits', 'readwrite', (s) => done(s.put(record)));
export const deleteVisit = (id) => run('visits', 'readwrite', (s) => done(s.delete(Number(id))));

/** The visit's waiting items, oldest first (the order they are sent in). */
export async function outboxOf(visitId) {
  const items = await run('outbox', 'readonly', (s) => done(s.index('visitId').getAll(Number(visitId))));
  return items.sort((a, b) => a.seq - b.seq);
}
export const allOutbox = () => run('outbox', 'readonly', (s) => done(s.getAll()));
export const putOutbox = (item) => run('outbox', 'readwrite', (s) => done(s.put(item)));
export const deleteOutbox = (clientId) => run('outbox', 'readwrite', (s) => done(s.delete(clientId)));

let lastSeq = 0;
/** A sequence number that orders the outbox even when two items are made in the same millisecond. */
export function nextSeq() {
  lastSeq = Math.max(lastSeq + 1, Date.now() * 1000);
  return lastSeq;
}

/** A client-generated id: crypto.randomUUID where it exists (secure contexts), else a v4 UUID from getRandomValues. */
export function newClientId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Asks once per device that the browser keep this origin's storage under pressure (Safari 15.2+, Chrome). */
export function requestPersistence() {
  if (localStorage.getItem('tanfang_persist_asked') || !navigator.storage || !navigator.storage.persist) return;
  localStorage.setItem('tanfang_persist_asked', '1');
  navigator.storage.persist().catch(() => {});
}
