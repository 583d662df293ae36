// The learner app's offline shell (service worker at /sw.js, scope /): keeps the learner app's
// folders (/learner/: its screens; /shared/: scripts, styles, icons, pictures, shipped labels it
// shares with the trainer screens) so / and /kiosk load and reach the sign-in screen while the
// network is down. API answers and /media never pass through its cache, but for the photos and
// spoken names of the people and groups on the sign-in screens: those are kept (in a cache of
// their own, refreshed whenever the network answers) so a kiosk offline still shows each learner
// as they know themselves, not all alike. The server fills VERSION
// (a hash of the files), FOLDERS and FILES (every file of those folders) in: when a file changes,
// this script changes, so the browser installs the new worker, which fetches the new files and
// drops the old cache.
const VERSION = '__VERSION__';
const FOLDERS = __FOLDERS__;
const FILES = __FILES__;
const PAGES = ['/', '/kiosk'];
const CACHE = `parlons-shell-${VERSION}`;
const PHOTOS = 'parlons-photos';
const PHOTO = /^\/api\/(people\/[A-Za-z0-9_-]{22}\/(avatar|name)|groups\/[A-Za-z0-9_-]{22}\/picture)$/;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll([...PAGES, ...FILES])).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key.startsWith('parlons-shell-') && key !== CACHE).map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

const fromCache = (path) => caches.open(CACHE).then((cache) => cache.match(path));

/** A photo or spoken name from the network, kept for later; the kept copy while offline (gone once the server says so). */
function photo(request, path) {
  return fetch(request).then((response) => {
    const copy = response.clone();
    caches.open(PHOTOS).then((cache) => (response.ok ? cache.put(path, copy) : response.status === 404 ? cache.delete(path) : null));
    return response;
  }, () => caches.open(PHOTOS).then((cache) => cache.match(path)).then((hit) => hit || Response.error()));
}
const networkFirst = (request, path) => fetch(request).catch(() => fromCache(path).then((hit) => hit || Response.error()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  // Pages from the network first, so a new release shows at once; the kept shell when it is down.
  if (PAGES.includes(url.pathname)) return event.respondWith(networkFirst(request, url.pathname));
  if (PHOTO.test(url.pathname)) return event.respondWith(photo(request, url.pathname));
  // Anything outside the kept folders (API answers, media, the trainer screens) is left alone.
  if (!FOLDERS.some((folder) => url.pathname.startsWith(folder))) return;
  // Audio asks for byte ranges: the server answers those; the whole kept clip when offline.
  if (request.headers.has('range')) return event.respondWith(networkFirst(request, url.pathname));
  event.respondWith(fromCache(url.pathname).then((hit) => hit || fetch(request)));
});
