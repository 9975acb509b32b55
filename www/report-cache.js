// The class report's cache in IndexedDB: the facts of every statement read for one source (LRS endpoint,
// user and course), kept in records of a few thousand facts each (report-worker.js gathers the pages it
// reads into them), and the newest `stored` read by a load that ran to its end (so a cancelled load is
// asked for again, and what it did keep is dropped by id). Passwords are never stored. Facts, not raw
// statements: a class of 100,000 statements is a few tens of MB, read back in some tens of records
// rather than one per statement. A record keeps its facts in columns (`encode`): the texts a class repeats
// (learners, items, stems, skills) once each in a table, numbers and indices in typed arrays (IndexedDB
// copies their bytes as one block), the ids as one array of strings. Writing the facts as JSON, as
// version 2 did, was the largest part of the report worker's scripts in a first load
// (bench/report-trace.mjs), and reading it back the largest part of a repeat open's.
const DB = 'pacer-report';
// 3: pages hold columns (`encode`) instead of `json` (version 2's facts as JSON, dropped on upgrade).
const VERSION = 3;

// A fact's kind, in a record's `kinds` column.
const KINDS = ['answer', 'other', 'otherCourse', 'unknownVerb', 'malformed'];
const KIND_OF = { otherCourse: 2, unknownVerb: 3, malformed: 4 };

// The facts (report-data.js `toFact`) of a record as columns; `decode` gives them back (equal, field by
// field, to the facts encoded).
export function encode(facts) {
  const n = facts.length;
  const table = new Map();
  const strings = [];
  const ref = (text) => {
    let i = table.get(text);
    if (i === undefined) { i = strings.length; strings.push(text); table.set(text, i); }
    return i;
  };
  const ids = new Array(n);
  const kinds = new Uint8Array(n);
  const times = new Float64Array(2 * n); // stored, time (NaN: none)
  const refs = new Int32Array(4 * n); // name, item, stem, number of skills (-1: none)
  let skillRefs = [];
  let skillValues = [];
  const warnings = [];
  for (let i = 0; i < n; i += 1) {
    const f = facts[i];
    ids[i] = f.id;
    times[2 * i] = f.stored ?? NaN;
    refs.fill(-1, 4 * i, 4 * i + 4);
    if (f.skip) { kinds[i] = KIND_OF[f.skip]; times[2 * i + 1] = NaN; continue; }
    refs[4 * i] = ref(f.name);
    if (f.other) { kinds[i] = 1; times[2 * i + 1] = NaN; continue; }
    kinds[i] = 0;
    times[2 * i + 1] = f.time;
    refs[4 * i + 1] = ref(f.item);
    refs[4 * i + 2] = ref(f.stem) * 2 + (f.success ? 1 : 0);
    let count = 0;
    for (const skill in f.skills) {
      skillRefs.push(ref(skill));
      skillValues.push(f.skills[skill]);
      count += 1;
    }
    refs[4 * i + 3] = count;
    if (f.warnings.length) warnings.push([i, f.warnings]);
  }
  skillRefs = Int32Array.from(skillRefs);
  skillValues = Float64Array.from(skillValues);
  return { n, ids, strings, kinds, times, refs, skillRefs, skillValues, warnings };
}

const NO_WARNINGS = Object.freeze([]);

export function decode({ n, ids, strings, kinds, times, refs, skillRefs, skillValues, warnings }) {
  const facts = new Array(n);
  const warned = new Map(warnings);
  let s = 0;
  for (let i = 0; i < n; i += 1) {
    const id = ids[i];
    const storedMs = times[2 * i];
    const stored = Number.isNaN(storedMs) ? null : storedMs;
    const kind = kinds[i];
    if (kind >= 2) { facts[i] = { id, stored, skip: KINDS[kind] }; continue; }
    const name = strings[refs[4 * i]];
    if (kind === 1) { facts[i] = { id, stored, name, other: true }; continue; }
    const stem = refs[4 * i + 2];
    const skills = {};
    for (const end = s + refs[4 * i + 3]; s < end; s += 1) skills[strings[skillRefs[s]]] = skillValues[s];
    facts[i] = {
      id, stored, name, time: times[2 * i + 1], item: strings[refs[4 * i + 1]], stem: strings[stem >> 1], success: (stem & 1) === 1,
      skills, warnings: warned.get(i) ?? NO_WARNINGS,
    };
  }
  return facts;
}

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
    // Every kept record of facts of the source, in the order they were read: arrays of facts, each decoded
    // when it is reached (so a record's facts can go once folded, not 100,000 at once).
    async pages(key) {
      const tx = db.transaction('pages');
      const records = await request(tx.objectStore('pages').index('source').getAll(IDBKeyRange.only(key)));
      return (function* parsed() {
        for (let i = 0; i < records.length; i += 1) {
          const record = records[i];
          records[i] = null;
          yield decode(record);
        }
      }());
    },
    async addPage(key, facts) {
      // Relaxed: a cache the LRS can always fill again; a page need not reach the disk before the next.
      const tx = db.transaction('pages', 'readwrite', { durability: 'relaxed' });
      tx.objectStore('pages').add({ source: key, ...encode(facts) });
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
