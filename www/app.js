// Host page boot: load the wasm player and mount it with this site's config.json.
// No inline script (so a strict CSP works) and nothing loaded from another origin.
// The player's glue is a dynamic import, not a static one: this script then runs as soon as it arrives and
// asks for config.json at once, instead of after the glue has come through a network the wasm is
// filling (on a 1.6 Mbps line that was two seconds later).
const glue = import('./player/pacer.js');
let message = () => '';

const root = document.getElementById('pacer-root');

async function boot() {
  performance.mark('pacer:boot');
  try {
    // The player is fetched and compiled while config.json is fetched: neither needs the other.
    const player = glue.then(async (module) => {
      await module.default();
      return module;
    });
    player.catch(() => {}); // reported by the `await` below, not as an unhandled rejection
    const response = await fetch('config.json', { cache: 'no-cache' });
    if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
    const config = await response.json();
    bridgeToParentFrame(config);
    const prefetched = prefetchFirstActivity(config);
    const { mount, message: words } = await player;
    message = words;
    performance.mark('pacer:wasm');
    await mount(root, config, prefetched);
    // Inside an LMS (a SCORM package) the LMS serves the files: no service worker there.
    if (!config.scorm) makeAvailableOffline(config);
  } catch (error) {
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
async function registerServiceWorker() {
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
registerServiceWorker();
