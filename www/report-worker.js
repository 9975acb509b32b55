// The class report's loading, in a dedicated worker started by report.js: reads the cache
// (report-cache.js), fetches what the LRS stored since (report-data.js), parses and folds it, writes what
// it read to the cache, and posts the page the folded report (small: a row per learner) when it is worth
// showing, the count read once a second, and the figures at the end. The page's main thread only renders:
// with Ralph's 100 statements a page, each request's handling, its parse and fold on the main thread were
// most of the report's own time (bench/report-profile.mjs). The fold is kept here after a load, so a
// learner's timeline (every answer) is posted only when the page opens it. No DOM, no words: report.js
// shows everything in the teacher's language.
//
// Messages in: `{ type: 'load', source, learners, deadline, fresh, overlap }`, `{ type: 'cancel' }`,
// `{ type: 'answers', id, name }`. Out: `cached`, `render`, `progress`, `cache-error`, `answers`, and one
// `end` a load (`error` null when it ran to its end; `{ name, message }` otherwise).
import { Fold, fetchPages, sinceFor, toFact } from './report-data.js';
import { openCache, sourceKey } from './report-cache.js';

// While a load runs the report is posted to the page once the load has run FIRST_RENDER_MS (a load done
// sooner shows its report once, at its end), then each time as long has passed since the last as the load
// had run by then (at least RENDER_EVERY_MS): a handful of renders however slow the LRS. Each render is
// styled, laid out and painted on the page's main thread, and the last one (at the end) shows everything
// anyway: renders while the count merely doubled were most of the page's share of a first load from an LRS
// that answers quickly, and a render after the first page of a load that ends a moment later was half of
// what was left (bench/report-trace.mjs).
const FIRST_RENDER_MS = 2_000;
const RENDER_EVERY_MS = 5_000;
// The count read so far is posted once a second while it changes (the first time a second into the load,
// not at its first page): every change of the page's status line lays out and repaints the page, and a
// screen reader announces it each time. The same timer posts the renders, so a page that is slow to come
// does not hold up the report of the pages before it.
const STATUS_EVERY_MS = 1_000;
// Facts read are written to the cache in records of at least this many (and what is left at the end or at
// a cancel): one IndexedDB transaction per LRS page was a fixed cost per page, and a repeat open reads a
// few large records faster than many small ones.
const CACHE_RECORD_FACTS = 2_000;

let fold = new Fold();
let running = null; // the AbortController of the load in progress

// The report as posted: the fold's result without the learners' answers (a function, and most of the
// data); the page asks for one learner's answers when it shows a timeline.
function report(deadline) {
  const data = fold.result({ deadline });
  return { ...data, rows: data.rows.map(({ answers, ...row }) => row) };
}

async function load({ source, learners, deadline, fresh, overlap }) {
  const started = performance.now();
  // The worker's own work (cache, parse, fold, IndexedDB waits), apart from the LRS's time. `idbMs`, a
  // part of `ownMs`: waiting for IndexedDB to read the cache and to commit the records written.
  const timing = { lrsMs: 0, ownMs: 0, idbMs: 0 };
  const idb = async (promise) => {
    const t0 = performance.now();
    try { return await promise; } finally { timing.idbMs += performance.now() - t0; }
  };
  const own = async (work) => {
    const t0 = performance.now();
    try { return await work(); } finally { timing.ownMs += performance.now() - t0; }
  };
  const key = sourceKey(source);
  fold = new Fold({ learners });
  running = new AbortController();
  const { signal } = running;
  let renderedCount = -1; // how many statements the last report posted counted (-1: none yet)
  let renders = 0;
  const render = () => {
    postMessage({ type: 'render', data: report(deadline) });
    renderedCount = fold.counted;
    renders += 1;
  };
  let cache = null;
  try {
    cache = await openCache();
    if (fresh) await cache.clear(key);
  } catch (error) {
    cache = null;
    postMessage({ type: 'cache-error', message: error.message });
  }
  let since = null;
  if (cache) {
    await own(async () => {
      const known = await idb(cache.source(key));
      for (const facts of await idb(cache.pages(key))) for (const f of facts) fold.add(f);
      postMessage({ type: 'cached', count: fold.counted });
      if (fold.counted) render();
      since = sinceFor(known?.newestStored, overlap);
    });
  }
  let added = 0;
  let requests = 0;
  let lastRender = performance.now();
  let lastRenderAt = 0; // how long the load had run at its last render
  let saidCount = fold.counted; // the count the page was last told (what the cache held, at first)
  // Once a second: the count read, when it changed, and the report, when a render is due (the report's
  // own work too, in `ownMs`).
  const tick = setInterval(() => {
    const now = performance.now();
    if (fold.counted !== saidCount) {
      postMessage({ type: 'progress', count: fold.counted });
      saidCount = fold.counted;
    }
    const due = renderedCount < 0 ? now - started >= FIRST_RENDER_MS : now - lastRender > Math.max(RENDER_EVERY_MS, lastRenderAt);
    if (due && fold.counted > 0 && fold.counted !== renderedCount) {
      render();
      lastRender = performance.now();
      lastRenderAt = lastRender - started;
    }
    timing.ownMs += performance.now() - now;
  }, STATUS_EVERY_MS);
  // Records are written to IndexedDB while the next pages are read; all are awaited before the load
  // counts as complete (and after a cancel, so what was read is kept).
  const writes = [];
  let unwritten = [];
  const write = () => {
    if (cache && unwritten.length) writes.push(cache.addPage(key, unwritten));
    unwritten = [];
  };
  try {
    if (signal.aborted) throw new DOMException('cancelled', 'AbortError');
    requests = await fetchPages(source, {
      since,
      signal,
      timing,
      onPage: (batch) => own(() => {
        for (const s of batch) {
          const f = toFact(s, source.course);
          if (fold.add(f)) {
            unwritten.push(f);
            added += 1;
          }
        }
        if (unwritten.length >= CACHE_RECORD_FACTS) write();
      }),
    });
    await own(async () => {
      write();
      await idb(Promise.all(writes));
      if (cache) await idb(cache.finish(key, fold.newestStored, fold.counted));
    });
    // A repeat open with nothing new already shows all there is (rendered from the cache).
    const data = fold.counted !== renderedCount ? report(deadline) : null;
    if (data) renders += 1;
    postMessage({
      type: 'end', error: null, data,
      figures: { statements: fold.counted, fresh: added, requests, repeated: fold.repeated, renders, ms: performance.now() - started, ...timing },
    });
  } catch (error) {
    write();
    await Promise.allSettled(writes);
    postMessage({ type: 'end', error: { name: error.name, message: error.message }, data: fold.counted ? report(deadline) : null });
  } finally {
    clearInterval(tick);
    running = null;
    cache?.close();
  }
}

onmessage = ({ data: message }) => {
  switch (message?.type) {
    case 'load':
      if (!running) load(message);
      break;
    case 'cancel':
      running?.abort();
      break;
    case 'answers': {
      postMessage({ type: 'answers', id: message.id, name: message.name, answers: fold.answers(message.name) });
      break;
    }
    default:
  }
};
