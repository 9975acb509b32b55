// The teacher's class report (report.html): reads one course's statements from an xAPI LRS (the
// credentials are typed in and never kept), keeps what it read in this browser (report-cache.js) so a
// repeat open asks the LRS only for what was stored since (report-data.js: `since` on `stored` with an
// overlap, de-duplicated by id), shows the report progressively while a first load runs (a progress bar,
// cancellable), and exports the mastery grid as CSV. Words from report-messages.js (English, Spanish).
// Bad data is skipped and counted, never fatal. No author or LRS content is ever inserted as HTML.
import { CSV_TYPE, Fold, OVERLAP_MS, THRESHOLD, fetchPages, sinceFor, toFact, toCsv } from './report-data.js';
import { openCache, sourceKey } from './report-cache.js';
import { pickLanguage, translator } from './report-messages.js';

const $ = (id) => document.getElementById(id);
const el = (tag, text, attrs = {}) => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = String(text);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
};
// While a load runs the report is shown again when what it counts has doubled since it was last shown,
// or when as long has passed since as the load had run by then (at least RENDER_AT_LEAST_MS), and never
// sooner than RENDER_AT_MOST_MS after the last: a handful of renders per load however slow the LRS, not
// one per half second (with Ralph, 100 statements a page, those were most of the report's own time).
const RENDER_AT_MOST_MS = 500;
const RENDER_AT_LEAST_MS = 5_000;
// The count read so far is shown at most once a second: every change of the status line lays out and
// repaints the page (with Ralph's 100 statements a page, one change per page was several times the
// report's own fold), and a screen reader announces it each time. The progress bar's marker moves then
// too, and at no other time (style.css: an animation costs the main thread frames all the while).
const STATUS_EVERY_MS = 1_000;
// Facts read are written to the cache in records of at least this many (and what is left at the end or
// at a cancel): one IndexedDB transaction per LRS page was a fixed cost per page, and a repeat open reads
// a few large records faster than many small ones.
const CACHE_RECORD_FACTS = 2_000;

const params = new URLSearchParams(location.search);
let lang = pickLanguage([params.get('lang'), ...(navigator.languages ?? [navigator.language])]);
let t = translator(lang);
let shown = null; // { data, deadline } as last rendered
let running = null; // the AbortController of the load in progress
let lastStatus = null; // [key, vars] of the status line, to show again in another language

function applyLanguage() {
  document.documentElement.lang = lang;
  $('lang').value = lang;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  if (shown) render(shown.data);
  if (lastStatus) $('status').textContent = t(...lastStatus);
}

function say(key, vars = {}) {
  lastStatus = [key, vars];
  $('status').textContent = t(key, vars);
}

const warningText = (w) => {
  switch (w.signal) {
    case 'guessing': return t('warn-guessing', { seconds: ((w.responseMs ?? 0) / 1000).toFixed(1) });
    case 'very_long': return t('warn-very_long', { minutes: ((w.responseMs ?? 0) / 60000).toFixed(0) });
    case 'wheel_spinning': return t('warn-wheel_spinning', { n: w.attemptsSinceMastery ?? 0, skill: w.skillId });
    case 'pace': return t('warn-pace', { rate: w.rate.toFixed(1), left: w.left });
    default: return w.signal;
  }
};

function render(data) {
  const fixed = new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const grid = $('grid');
  const head = el('tr');
  head.append(el('th', t('learner'), { scope: 'col' }));
  for (const k of data.skills) head.append(el('th', k, { scope: 'col' }));
  const thead = el('thead');
  thead.append(head);
  const body = el('tbody');
  for (const r of data.rows) {
    const tr = el('tr', undefined, { 'data-learner': r.name });
    tr.append(el('th', r.name, { scope: 'row' }));
    for (const k of data.skills) {
      const m = r.mastery[k];
      const td = el('td', m ? fixed.format(m.p) : t('no-value'), { 'data-skill': k });
      if (m) td.setAttribute('data-p', String(m.p));
      if (m && m.p >= THRESHOLD) {
        td.className = 'mastered';
        td.append(el('span', ` ${t('mastered')}`, { class: 'visually-hidden' }));
      }
      tr.append(td);
    }
    body.append(tr);
  }
  grid.replaceChildren(thead, body);
  const warnings = [];
  for (const r of data.rows) {
    for (const w of r.warnings) warnings.push(el('li', t('warning-entry', { name: r.name, text: warningText(w) }), { 'data-signal': w.signal }));
  }
  $('warnings').replaceChildren(...(warnings.length ? warnings : [el('li', t('none'))]));
  $('missed').replaceChildren(...data.missed.map((m) => el('li', t('missed', { stem: m.stem, n: m.count }))));
  // Timelines are filled when opened: a class's every answer as list items is most of a render's work.
  const open = new Set([...document.querySelectorAll('#timelines details[open]')].map((d) => d.dataset.learner));
  $('timelines').replaceChildren(...data.rows.map((r) => {
    const d = el('details', undefined, { 'data-learner': r.name });
    d.append(el('summary', t('timeline-summary', { name: r.name, n: r.answerCount })));
    const fill = () => {
      if (!d.open || d.querySelector('ol')) return;
      const list = el('ol');
      for (const a of r.answers()) {
        list.append(el('li', t('timeline-entry', { time: new Date(a.time).toLocaleString(lang), stem: a.stem, outcome: t(a.success ? 'right' : 'not-right') })));
      }
      d.append(list);
    };
    d.addEventListener('toggle', fill);
    if (open.has(r.name)) d.open = true;
    return d;
  }));
  $('results').hidden = false;
  shown = { data };
}

function readForm() {
  const form = new FormData($('source'));
  const source = Object.fromEntries(['endpoint', 'username', 'password', 'course'].map((k) => [k, String(form.get(k) ?? '')]));
  const learners = String(form.get('learners') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const deadlineText = String(form.get('deadline') ?? '');
  return { source, learners, deadline: deadlineText ? Date.parse(deadlineText) : null };
}

async function load({ fresh = false } = {}) {
  if (running) return;
  const { source, learners, deadline } = readForm();
  const overlapSeconds = Number(params.get('overlap'));
  const overlap = Number.isFinite(overlapSeconds) && params.has('overlap') ? overlapSeconds * 1000 : OVERLAP_MS;
  const status = $('status');
  for (const k of ['statements', 'fresh', 'requests', 'ms', 'lrsMs', 'ownMs', 'cached', 'repeated', 'renders', 'idbMs']) delete status.dataset[k];
  const started = performance.now();
  // The report's own work (cache, parse, fold, render, IndexedDB waits), apart from the LRS's time.
  // `idbMs`, a part of `ownMs`: waiting for IndexedDB to read the cache and to commit the pages written.
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
  const fold = new Fold({ learners });
  const result = () => fold.result({ deadline });
  let cache = null;
  try {
    cache = await openCache();
    if (fresh) await cache.clear(key);
  } catch (error) {
    cache = null;
    say('cache-error', { message: error.message });
  }
  let since = null;
  // What this load has shown: how many statements its last render counted (-1: none yet), and how often.
  let renderedCount = -1;
  let renders = 0;
  if (cache) {
    await own(async () => {
      const known = await idb(cache.source(key));
      for (const facts of await idb(cache.pages(key))) for (const f of facts) fold.add(f);
      status.dataset.cached = String(fold.counted);
      if (fold.counted) {
        render(result());
        renderedCount = fold.counted;
        renders += 1;
      }
      since = sinceFor(known?.newestStored, overlap);
    });
  }
  running = new AbortController();
  const hadFocus = document.activeElement;
  $('cancel').hidden = false;
  // Keyboard users keep a place: the disabled Load button would drop the focus to the page.
  if (hadFocus === $('load') || hadFocus === $('reload-all')) $('cancel').focus();
  $('reload-all').disabled = true;
  $('loading').hidden = false;
  say('loading');
  let added = 0;
  let lastRender = performance.now();
  let lastRenderAt = 0; // how long the load had run at its last render
  let requests = 0;
  let lastSaid = -Infinity;
  let steps = 0; // how often the count was shown: the progress bar's marker moves with it
  $('loading').dataset.step = '0';
  // Records are written to IndexedDB while the next pages are read; all are awaited before the load
  // counts as complete (and after a cancel, so what was read is kept).
  const writes = [];
  let unwritten = [];
  const write = () => {
    if (cache && unwritten.length) writes.push(cache.addPage(key, unwritten));
    unwritten = [];
  };
  try {
    requests = await fetchPages(source, {
      since,
      signal: running.signal,
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
        const now = performance.now();
        if (now - lastSaid >= STATUS_EVERY_MS) {
          say('loading-count', { n: fold.counted });
          lastSaid = now;
          steps += 1;
          $('loading').dataset.step = String(steps % 4);
        }
        const since = now - lastRender;
        const wait = Math.max(RENDER_AT_LEAST_MS, lastRenderAt);
        if (since > RENDER_AT_MOST_MS && (fold.counted >= 2 * Math.max(renderedCount, 0) || since > wait)) {
          render(result());
          lastRender = performance.now();
          lastRenderAt = lastRender - started;
          renderedCount = fold.counted;
          renders += 1;
        }
      }),
    });
    const data = await own(async () => {
      write();
      await idb(Promise.all(writes));
      if (cache) await idb(cache.finish(key, fold.newestStored, fold.counted));
      const d = result();
      // A repeat open with nothing new already shows all there is (rendered from the cache).
      if (fold.counted !== renderedCount) {
        render(d);
        renders += 1;
      }
      return d;
    });
    const s = data.skipped;
    const ms = performance.now() - started;
    say('summary', {
      statements: fold.counted, fresh: added, seconds: (ms / 1000).toFixed(1), learners: data.rows.length,
      skipped: s.otherCourse + s.unknownVerb + s.malformed + s.otherLearner,
      otherCourse: s.otherCourse, unknownVerb: s.unknownVerb, malformed: s.malformed, otherLearner: s.otherLearner,
    });
    Object.assign(status.dataset, {
      statements: String(fold.counted), fresh: String(added), requests: String(requests), ms: String(ms),
      lrsMs: String(timing.lrsMs), ownMs: String(timing.ownMs), idbMs: String(timing.idbMs), repeated: String(fold.repeated),
      renders: String(renders),
    });
  } catch (error) {
    write();
    await Promise.allSettled(writes);
    if (fold.counted) render(result());
    if (error.name === 'AbortError') say('cancelled');
    else say('error', { message: error.message });
  } finally {
    running = null;
    cache?.close();
    const cancelHadFocus = document.activeElement === $('cancel');
    $('cancel').hidden = true;
    $('load').disabled = false;
    $('reload-all').disabled = false;
    if (cancelHadFocus) $('load').focus();
    $('loading').hidden = true;
  }
}

$('source').addEventListener('submit', (event) => {
  event.preventDefault();
  load();
});
$('reload-all').addEventListener('click', () => {
  if ($('source').reportValidity()) load({ fresh: true });
});
$('cancel').addEventListener('click', () => running?.abort());
$('lang').addEventListener('change', () => {
  lang = pickLanguage([$('lang').value]);
  t = translator(lang);
  applyLanguage();
});
$('csv').addEventListener('click', () => {
  if (!shown) return;
  const url = URL.createObjectURL(new Blob([toCsv(shown.data, t('csv-learner'))], { type: CSV_TYPE }));
  const a = el('a', '', { href: url, download: 'pacer-mastery.csv' });
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
});
applyLanguage();
