// Host page boot: load the wasm player and mount it with this site's config.json.
// No inline script (so a strict CSP works) and nothing loaded from another origin.
//
// On a new learner's plain first visit (#19) the page does not wait for the player (about 400 KB): a small
// first-item module (player/first.js, about 27 KB) draws the first item from the form `pacer first` wrote
// beside the package (first.bin), and stores an answer given before the player is here; the player is
// fetched right after that item shows, records the answer as its own and takes the page over. A returning
// device's plain visit does the same with the screen the player left (the resume form it keeps in
// IndexedDB), when that screen is an item answered by picking. Any other visit (a launch with a query, a
// config that shapes the first screen, a zipped course, any other screen) goes straight to the player.
const root = document.getElementById('pacer-root');
let message = () => '';

// The config keys that shape the first screen: a form is never made for them (`pacer::first::shaping_key`
// says the same), so a config that has one goes straight to the player.
const SHAPING_KEYS = ['language', 'activity', 'overrides', 'theme', 'scorm'];

// The player, fetched and compiled once, when first asked for.
let player;
function loadPlayer() {
  player ??= import('./player/pacer.js').then(async (module) => {
    await module.default();
    return module;
  });
  return player;
}

async function boot() {
  performance.mark('pacer:boot');
  try {
    // The first-item module is fetched and compiled while config.json is fetched (index.html preloads it).
    const firstModule = import('./player/first.js').then(async (module) => {
      await module.default();
      return module;
    });
    firstModule.catch(() => {}); // a module that cannot load only means the player draws the first item
    // The browser's databases, and a returning device's resume form, are read while config.json is on its
    // way (a round trip on a school network), for the default database name.
    const looked = look(DEFAULT_DB);
    const response = await fetch('config.json', { cache: 'no-cache' });
    if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
    const config = await response.json();
    bridgeToParentFrame(config);
    const first = await drawFirstItem(config, firstModule, looked);
    // Now (and not before) the player and the course files it opens: on a slow line they would
    // otherwise share it with the first item's few bytes.
    const loading = loadPlayer();
    loading.catch(() => {}); // reported by the `await` below, not as an unhandled rejection
    const prefetched = prefetchFirstActivity(config);
    // The service worker's install fetches the whole player: after the first item, like the player.
    registerServiceWorker();
    const { mount, message: words } = await loading;
    message = words;
    performance.mark('pacer:wasm');
    await mount(root, config, prefetched, first.db);
    // Inside an LMS (a SCORM package) the LMS serves the files: no service worker there.
    if (!config.scorm) makeAvailableOffline(config);
  } catch (error) {
    registerServiceWorker();
    // The wasm side shows its own errors; this covers a player that could not even start.
    root.textContent = '';
    const panel = document.createElement('div');
    panel.className = 'error-panel';
    panel.setAttribute('role', 'alert');
    const heading = document.createElement('h2');
    heading.textContent = 'The player could not start.';
    const detail = document.createElement('p');
    detail.textContent = String(error && error.message ? error.message : error);
    panel.append(heading, detail);
    root.append(panel);
  }
  showTabIcon();
}

// The first item drawn by the first-item module, when this visit is a plain one (no query: a cmi5 launch
// or a chosen activity; a config without SHAPING_KEYS; a folder package) and either a new learner's first
// (no player database in this browser: the form `pacer first` wrote beside the package) or a returning
// device's whose player left the screen it showed last (`{db}-resume`, kept by the player's
// `web::resume`). Returns whether it drew, and the module's database when the player must look into it
// (it drew now, or an answer of an earlier visit waits there).
async function drawFirstItem(config, firstModule, looked) {
  const db = typeof config.dbName === 'string' ? config.dbName : DEFAULT_DB;
  const none = { drawn: false, db: undefined };
  const { names, resume } = await (db === DEFAULT_DB ? looked : look(db));
  if (!names) return none;
  const waiting = names.has(`${db}-first`) ? { drawn: false, db: `${db}-first` } : none;
  if (waiting.db || location.search || SHAPING_KEYS.some((key) => key in config)) return waiting;
  let manifest;
  try {
    manifest = new URL(config.packageUrl, document.baseURI);
  } catch {
    return none;
  }
  if (manifest.pathname.toLowerCase().endsWith('.zip')) return none;
  let form;
  let languages = [...navigator.languages];
  if (names.has(db)) {
    const kept = await resume;
    if (!kept || !(kept.form instanceof Uint8Array) || typeof kept.lang !== 'string') return none;
    form = kept.form;
    languages = [kept.lang];
  } else {
    try {
      const response = await fetch(new URL('first.bin', manifest));
      if (!response.ok) return none;
      form = new Uint8Array(await response.arrayBuffer());
    } catch {
      return none;
    }
  }
  try {
    const module = await firstModule;
    if (!module.first(root, form, languages, db)) return none;
  } catch {
    return none;
  }
  performance.mark('pacer:first');
  return { drawn: true, db: `${db}-first` };
}

// The player's database name when the config names none (`store::DB_NAME`).
const DEFAULT_DB = 'pacer';

// The names of this browser's databases (undefined when it cannot say), and a promise of the resume form
// of the player's database `db` when there is one.
async function look(db) {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return {};
  let names;
  try {
    names = new Set((await indexedDB.databases()).map((d) => d.name));
  } catch {
    return {};
  }
  const resume = names.has(db) && names.has(`${db}-resume`) ? resumeForm(`${db}-resume`) : Promise.resolve(undefined);
  return { names, resume };
}

// The row `{lang, form}` the player kept in `name` (`web::resume`), or undefined. Opened at whatever
// version it has and closed at once (an open connection would hold up the player's own).
function resumeForm(name) {
  return new Promise((resolve) => {
    let request;
    try {
      request = indexedDB.open(name);
    } catch {
      resolve(undefined);
      return;
    }
    // Never made here: a database this page would create is not the player's.
    request.onupgradeneeded = () => request.transaction.abort();
    request.onerror = () => resolve(undefined);
    request.onblocked = () => resolve(undefined);
    request.onsuccess = () => {
      const database = request.result;
      const done = (value) => {
        database.close();
        resolve(value);
      };
      try {
        const get = database.transaction('form').objectStore('form').get('resume');
        get.onsuccess = () => done(get.result);
        get.onerror = () => done(undefined);
      } catch {
        done(undefined);
      }
    };
  });
}

// The package's manifest and the activity the player will open, fetched while the wasm downloads and
// compiles: on a 150 ms network each saves a round trip after it. The player takes a file from this map
// only for the URL it would fetch itself, as the first of its tries: an HTTP error is its answer, and a
// request with no answer within the config's time limit is tried again by the player.
// The activity is the one the player opens (config.activity, else ?activity=, else the first); a zip
// package is fetched whole by the player and not prefetched.
function prefetchFirstActivity(config) {
  const files = new Map();
  let manifestUrl;
  try {
    manifestUrl = new URL(config.packageUrl, document.baseURI);
  } catch {
    return files;
  }
  if (manifestUrl.pathname.toLowerCase().endsWith('.zip')) return files;
  const timeout = Number(config.fetchTimeoutMs) > 0 ? Number(config.fetchTimeoutMs) : 15000;
  const text = (url) =>
    fetch(url, { signal: AbortSignal.timeout(timeout) }).then(async (r) =>
      r.ok ? { text: await r.text() } : { status: r.status, statusText: r.statusText });
  const manifest = text(manifestUrl.href);
  files.set(manifestUrl.href, manifest);
  const wanted = config.activity ?? new URLSearchParams(location.search).get('activity');
  const activity = manifest.then((answer) => {
    const activities = JSON.parse(answer.text).activities ?? [];
    const entry = activities.find((a) => a.id === wanted) ?? (wanted == null ? activities[0] : undefined);
    if (!entry || typeof entry.file !== 'string') throw new Error('not prefetched');
    const url = new URL(entry.file, manifestUrl).href;
    const body = text(url);
    body.catch(() => {}); // the player counts a rejection as a lost try and tries again
    return { url, body };
  });
  // The activity's URL is known only once the manifest is: the player looks it up by URL, so the map
  // gets it as soon as it is known, and the player, if faster, finds nothing and fetches it itself.
  activity.then(({ url, body }) => files.set(url, body)).catch(() => {});
  for (const promise of files.values()) promise.catch(() => {});
  return files;
}

// The page's tab icon, set only now (see index.html); a host page without the placeholder link is left alone.
function showTabIcon() {
  const icon = document.querySelector('link[rel="icon"][href="data:,"]');
  if (icon) {
    icon.type = 'image/svg+xml';
    icon.href = 'icon.svg';
  }
}

// Inside an iframe: a postMessage protocol with the embedding page, limited to the origins the operator
// listed in config.parentOrigins. Messages from any other origin are ignored and counted.
//   to the parent:  {type: 'pacer:event', name, detail}  (ready, attempt, completed, error)
//                   {type: 'pacer:height', height}         (so the host can size the frame)
//   from the parent: {type: 'pacer:ping'} -> {type: 'pacer:pong', ignored}
function bridgeToParentFrame(config) {
  if (window.parent === window) return;
  const allowed = new Set(Array.isArray(config.parentOrigins) ? config.parentOrigins : []);
  let ignored = 0;
  const post = (message) => {
    for (const origin of allowed) window.parent.postMessage(message, origin);
  };
  for (const name of ['pacer:ready', 'pacer:attempt', 'pacer:mastery', 'pacer:completed', 'pacer:statement', 'pacer:error']) {
    root.addEventListener(name, (event) => post({ type: 'pacer:event', name, detail: event.detail }));
  }
  let lastHeight = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== lastHeight) {
      lastHeight = height;
      post({ type: 'pacer:height', height });
    }
  }).observe(document.documentElement);
  window.addEventListener('message', (event) => {
    if (event.source !== window.parent || !allowed.has(event.origin)) {
      ignored += 1;
      root.dataset.ignoredMessages = String(ignored);
      return;
    }
    if (event.data && event.data.type === 'pacer:ping') {
      event.source.postMessage({ type: 'pacer:pong', ignored }, event.origin);
    }
  });
}

// Once the service worker runs, ask it to cache the whole course (manifest, config and every activity
// file; or the config and the zip of a packed course), then say "Available offline" under the player. Course files on other origins are left to the network.
async function makeAvailableOffline(config) {
  if (!('serviceWorker' in navigator) || !root.querySelector('.pacer-footer')) return;
  try {
    const registration = await navigator.serviceWorker.ready;
    const packageUrl = new URL(config.packageUrl, document.baseURI);
    const configUrl = new URL('config.json', document.baseURI).href;
    let urls;
    if (packageUrl.pathname.toLowerCase().endsWith('.zip')) {
      // A packed course is one file holding everything, media included.
      urls = [packageUrl.href, configUrl];
    } else {
      const manifest = await (await fetch(packageUrl)).json();
      urls = [packageUrl.href, configUrl,
        ...manifest.activities.map((a) => new URL(a.file, packageUrl).href)];
    }
    const ok = await new Promise((resolve) => {
      setTimeout(() => resolve(false), 120_000); // the worker went away: say nothing rather than wait
      const channel = new MessageChannel();
      channel.port1.onmessage = (event) => resolve(Boolean(event.data && event.data.ok));
      registration.active.postMessage({ type: 'pacer:cache-course', urls }, [channel.port2]);
    });
    if (!ok) return;
    const note = document.createElement('p');
    note.className = 'offline';
    note.dataset.available = 'true';
    // The player's catalog, in the player's language (a later language switch relabels it too).
    note.dataset.i18n = 'available-offline';
    note.textContent = message(root.getAttribute('lang') || 'en', 'available-offline');
    root.querySelector('.pacer-footer').append(note);
  } catch (error) {
    console.warn('Pacer: the course could not be made available offline:', error);
  }
}

// Offline: register the service worker. A new version waits until the learner is at a natural pause
// (feedback showing or the activity finished), then takes over for the next load; the current page keeps
// running the version it started with.
let registering;
function registerServiceWorker() {
  registering ??= register();
  return registering;
}

async function register() {
  if (!('serviceWorker' in navigator)) return;
  try {
    const registration = await navigator.serviceWorker.register('sw.js');
    const activateAtPause = () => {
      const waiting = registration.waiting;
      if (!waiting) return;
      const step = document.querySelector('[data-step]')?.dataset.step;
      if (step === 'feedback' || step === 'finished') {
        waiting.postMessage({ type: 'pacer:activate-update' });
      }
    };
    registration.addEventListener('updatefound', () => {
      registration.installing?.addEventListener('statechange', activateAtPause);
    });
    new MutationObserver(activateAtPause).observe(root, { subtree: true, childList: true, attributeFilter: ['data-step'] });
  } catch (error) {
    console.warn('Pacer: offline support is unavailable:', error);
  }
}

boot();
