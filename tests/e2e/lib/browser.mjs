// Launches Debian's headless Chromium through playwright-core (never a downloaded browser).
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

export function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export function launchPersistent(userDataDir, options = {}) {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, ...options,
  });
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
