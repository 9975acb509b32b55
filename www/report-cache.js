// The class report's cache in IndexedDB: the facts of every statement read for one source (LRS endpoint,
// user and course), kept in records of a few thousand facts each (report.js gathers the pages it reads
// into them), and the newest `stored` read by a load that ran to its end (so a cancelled load is asked
// for again, and what it did keep is dropped by id). Passwords are never stored. Facts, not raw
// statements: a class of 100,000 statements is a few tens of MB, read back in some tens of records
// rather than one per statement. Each record's facts are kept as one JSON string: IndexedDB clones a
// string as a block, where an array of objects is cloned field by field on the page's main thread (the
// largest part of the report's own time in a first load, bench/report-profile.mjs).
const DB = 'pacer-report';
// 2: pages hold `json` (the facts as JSON) instead of `facts` (version 1's objects, dropped on upgrade).
const VERSION = 2;

function request(r) {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('aborted'));
    tx.onerror = () => reject(tx.error);
  });
}

export function sourceKey({ endpoint, username, course }) {
  const base = endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
  return JSON.stringify([base, username ?? '', course]);
}

export async function openCache() {
  const open = indexedDB.open(DB, VERSION);
  open.onupgradeneeded = () => {
    const db = open.result;
    // Only a cache: an older layout is dropped and the next load reads everything again.
    for (const name of [...db.objectStoreNames]) db.deleteObjectStore(name);
    db.createObjectStore('sources', { keyPath: 'key' });
    const pages = db.createObjectStore('pages', { autoIncrement: true });
    pages.createIndex('source', 'source');
  };
  const db = await request(open);
  return {
    // The source's record: `{ key, newestStored, statements }`, or null before its first complete load.
    async source(key) {
      const tx = db.transaction('sources');
      return (await request(tx.objectStore('sources').get(key))) ?? null;
    },
    // Every kept record of facts of the source, in the order they were read: arrays of facts, each parsed
    // when it is reached (so a record's facts can go once folded, not 100,000 at once).
    async pages(key) {
      const tx = db.transaction('pages');
      const records = await request(tx.objectStore('pages').index('source').getAll(IDBKeyRange.only(key)));
      return (function* parsed() {
        for (let i = 0; i < records.length; i += 1) {
          const { json } = records[i];
          records[i] = null;
          yield JSON.parse(json);
        }
      }());
    },
    async addPage(key, facts) {
      // Relaxed: a cache the LRS can always fill again; a page need not reach the disk before the next.
      const tx = db.transaction('pages', 'readwrite', { durability: 'relaxed' });
      tx.objectStore('pages').add({ source: key, json: JSON.stringify(facts) });
      await done(tx);
    },
    // Marks a load that ran to its end.
    async finish(key, newestStored, statements) {
      const tx = db.transaction('sources', 'readwrite');
      tx.objectStore('sources').put({ key, newestStored, statements });
      await done(tx);
    },
    // Forgets everything of the source (the teacher asked to read everything again).
    async clear(key) {
      const tx = db.transaction(['sources', 'pages'], 'readwrite');
      tx.objectStore('sources').delete(key);
      const index = tx.objectStore('pages').index('source');
      const keys = await request(index.getAllKeys(IDBKeyRange.only(key)));
      for (const k of keys) tx.objectStore('pages').delete(k);
      await done(tx);
    },
    close() { db.close(); },
  };
}
