// Launches Debian's headless Chromium through playwright-core (never a downloaded browser).
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

export async function launchBrowser() {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => recordPages(await newContext(...args));
  return browser;
}

export async function launchPersistent(userDataDir, options = {}) {
  return recordPages(await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, ...options,
  }));
}

// What the pages of a context said (console lines of every frame, uncaught errors, failed and slow
// requests, requests with no answer when the context closed), one line each with the time since this file
// started, appended to $PACER_E2E_LOGS/<test file>.log when scripts/test.sh sets it. scripts/test.sh prints
// the log of a file that failed, so a failure seen once on CI comes with what the browser saw.
const start = performance.now();
function recordPages(context) {
  const dir = process.env.PACER_E2E_LOGS;
  if (!dir) return context;
  const file = path.join(dir, `${path.basename(process.argv[1] ?? 'e2e')}.log`);
  const line = (text) => {
    try {
      appendFileSync(file, `${((performance.now() - start) / 1000).toFixed(2)}s ${text}\n`);
    } catch { /* a log that cannot be written must not fail the test */ }
  };
  context.on('console', (m) => line(`console.${m.type()} ${m.location()?.url ?? ''}: ${m.text()}`));
  context.on('weberror', (e) => line(`uncaught ${e.error()?.stack ?? e.error()}`));
  // A request that took long, or had no answer when the context closed, says whether a wait was the server's.
  const open = new Map();
  const url = (r) => (r.url().startsWith('data:') ? 'data:…' : r.url());
  context.on('request', (r) => open.set(r, performance.now()));
  context.on('requestfinished', (r) => {
    const took = performance.now() - (open.get(r) ?? performance.now());
    open.delete(r);
    if (took > 2000) line(`slow request ${r.method()} ${url(r)}: ${(took / 1000).toFixed(1)} s`);
  });
  context.on('requestfailed', (r) => {
    open.delete(r);
    line(`request failed ${r.method()} ${url(r)}: ${r.failure()?.errorText}`);
  });
  context.on('close', () => {
    for (const [r, at] of open) line(`no answer when the context closed: ${r.method()} ${url(r)}, asked at ${((at - start) / 1000).toFixed(2)}s`);
  });
  context.on('page', (p) => {
    line(`page opened`);
    p.on('framenavigated', (f) => line(`navigated ${f === p.mainFrame() ? 'page' : 'frame'} ${f.url()}`));
  });
  return context;
}

// Counts the records of one object store of the player's IndexedDB, from inside the page.
export function idbCount(page, storeName, dbName = 'pacer') {
  return page.evaluate(([db, store]) => new Promise((resolve, reject) => {
    const open = indexedDB.open(db);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const conn = open.result;
      if (!conn.objectStoreNames.contains(store)) { conn.close(); resolve(0); return; }
      const req = conn.transaction(store).objectStore(store).count();
      req.onsuccess = () => { conn.close(); resolve(req.result); };
      req.onerror = () => reject(req.error);
    };
  }), [dbName, storeName]);
}

// Reads every record of one object store.
export function idbAll(page, storeName, dbName = 'pacer') {
  return page.evaluate(([db, store]) => new Promise((resolve, reject) => {
    const open = indexedDB.open(db);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const conn = open.result;
      const req = conn.transaction(store).objectStore(store).getAll();
      req.onsuccess = () => { conn.close(); resolve(req.result); };
      req.onerror = () => reject(req.error);
    };
  }), [dbName, storeName]);
}
