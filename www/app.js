// Host page boot: load the wasm player and mount it with this site's config.json.
// No inline script (so a strict CSP works) and nothing loaded from another origin.
import init, { mount } from './player/pacer.js';

const root = document.getElementById('pacer-root');

async function boot() {
  try {
    const response = await fetch('config.json', { cache: 'no-cache' });
    if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
    const config = await response.json();
    await init();
    await mount(root, config);
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
    new MutationObserver(activateAtPause).observe(root, { subtree: true, attributeFilter: ['data-step'] });
  } catch (error) {
    console.warn('Pacer: offline support is unavailable:', error);
  }
}

boot();
registerServiceWorker();
