// Pacer's service worker: the player works offline after one visit.
// - The player (page, script, wasm, styles) is precached under a versioned cache name at install; the build
//   writes the version (a hash of those files) and the file list below.
// - Course files and config.json are network-first (a package update is seen at once when online) and
//   cached as they are fetched, with the cached copy served when the network is gone or slower than
//   NETWORK_TIMEOUT_MS (flaky school Wi-Fi), so a course opened once works offline.
// - A new version waits; the page tells it to take over at a natural pause (never in the middle of an item),
//   and it only ever drops old *player* caches, never course data. Only same-origin GETs are handled: the
//   LRS and everything cross-origin go to the network untouched.
const VERSION = '__PACER_VERSION__';
const PRECACHE = __PACER_PRECACHE__;
const PLAYER_CACHE = `pacer-player-${VERSION}`;
const COURSE_CACHE = 'pacer-course-v1';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(PLAYER_CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('pacer-player-') && name !== PLAYER_CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type === 'pacer:activate-update') self.skipWaiting();
  if (data.type === 'pacer:cache-course' && Array.isArray(data.urls)) {
    // Cache every file of the course the page just opened, so all of it works offline, not only what was seen.
    const sameOrigin = data.urls.filter((u) => new URL(u).origin === self.location.origin);
    event.waitUntil(cacheCourse(sameOrigin)
      .then(() => event.ports[0]?.postMessage({ ok: true }),
        (error) => event.ports[0]?.postMessage({ ok: false, error: String(error) })));
  }
});

// One file at a time (gentle on a slow link and a small server), each with a time limit and one more try,
// so one stalled request cannot leave the course half cached and the page waiting forever.
async function cacheCourse(urls) {
  const cache = await caches.open(COURSE_CACHE);
  for (const url of urls) {
    let lastError;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 10_000);
      try {
        const response = await fetch(url, { signal: controller.signal, cache: 'no-cache' });
        if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
        await cache.put(url, response);
        lastError = undefined;
        break;
      } catch (error) {
        lastError = error;
      } finally {
        clearTimeout(timer);
      }
    }
    if (lastError) throw lastError;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  const path = url.pathname.slice(self.registration.scope.length - self.location.origin.length);
  if (path === '' || PRECACHE.includes(path)) {
    event.respondWith(playerFile(request, path));
  } else {
    event.respondWith(networkFirst(event));
  }
});

async function playerFile(request, path) {
  const hit = await caches.match(path === '' ? 'index.html' : request,
    { cacheName: PLAYER_CACHE, ignoreSearch: path === '' });
  return hit || fetch(request);
}

const NETWORK_TIMEOUT_MS = 4000;

// The request goes out at once, and its answer goes to the page as soon as it arrives; the copy for the
// cache is written after (the worker is kept alive for it), so the boot never waits on a cache write.
async function networkFirst(event) {
  const request = event.request;
  const network = fetch(request);
  event.waitUntil(network.then((response) => {
    if (!response.ok) return undefined;
    const copy = response.clone(); // before the page can read the body
    return caches.open(COURSE_CACHE).then((cache) => cache.put(request, copy));
  }).catch(() => {}));
  const slow = new Promise((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS, 'slow'));
  const cached = () => caches.match(request, { cacheName: COURSE_CACHE });
  try {
    const first = await Promise.race([network, slow]);
    if (first !== 'slow') return first;
    return (await cached()) || network;
  } catch (error) {
    const hit = await cached();
    if (hit) return hit;
    throw error;
  }
}
