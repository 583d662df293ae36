// Recordings are kept in IndexedDB before they are sent, so one made while the network is down
// (a kiosk on a patchy link) is uploaded when it returns. Each carries a key made here and sent as
// `Idempotency-Key`: a retry after a lost answer gets the same recording, never a second one.
import { api } from '../shared/api.js';

const STORE = 'uploads';
let database;

function open() {
  database ??= new Promise((resolve, reject) => {
    const request = indexedDB.open('parlons', 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'key' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return database;
}

async function run(mode, action) {
  const store = (await open()).transaction(STORE, mode).objectStore(STORE);
  return new Promise((resolve, reject) => {
    const request = action(store);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export function newKey() {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The recordings of `personId` still waiting to be sent. */
export async function pending(personId) {
  return (await run('readonly', (store) => store.getAll())).filter((item) => item.personId === personId);
}

/** Sends one kept item; the stored recording's JSON, or null while the network is down. */
async function send(item) {
  try {
    // %20 for spaces: the API reads `+` in a query as a plus sign.
    const query = Object.entries(item.query).map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
    const recording = await api(`/api/recordings?${query}`, {
      method: 'POST', body: item.blob, headers: { 'Idempotency-Key': item.key, 'Content-Type': item.blob.type || 'application/octet-stream' } });
    await run('readwrite', (store) => store.delete(item.key));
    return recording;
  } catch (error) {
    // Offline, signed out or a server in trouble: keep it and try again later. A refusal of the
    // audio itself would only repeat, so that one is dropped.
    if (error.status && error.status < 500 && ![401, 403, 408, 429].includes(error.status)) {
      await run('readwrite', (store) => store.delete(item.key));
      throw error;
    }
    return null;
  }
}

/** Keeps `blob` on this device, then tries to send it. */
export async function keep(blob, query, personId) {
  const item = { key: newKey(), blob, query, personId, createdAt: Date.now() };
  await run('readwrite', (store) => store.put(item));
  return send(item);
}

/** Sends everything `personId` left waiting, oldest first; how many are still waiting. */
export async function flush(personId) {
  const items = (await pending(personId)).sort((a, b) => a.createdAt - b.createdAt);
  let left = 0;
  for (const item of items) {
    try { if (!(await send(item))) left += 1; } catch { /* refused: already dropped */ }
  }
  return left;
}
