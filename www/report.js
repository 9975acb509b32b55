// The teacher's class report (report.html): reads one course's statements from an xAPI LRS (the
// credentials are typed in and never kept), keeps what it read in this browser (report-cache.js) so a
// repeat open asks the LRS only for what was stored since (report-data.js: `since` on `stored` with an
// overlap, de-duplicated by id), shows the report progressively while a first load runs (a progress bar,
// cancellable), and exports the mastery grid as CSV. Words from report-messages.js (English, Spanish).
// The loading (fetch, parse, fold, cache) runs in a dedicated worker (report-worker.js); this page's main
// thread only renders what the worker posts. Bad data is skipped and counted, never fatal. No author or
// LRS content is ever inserted as HTML.
import { CSV_TYPE, OVERLAP_MS, THRESHOLD, toCsv } from './report-data.js';
import { pickLanguage, translator } from './report-messages.js';

const $ = (id) => document.getElementById(id);
const el = (tag, text, attrs = {}) => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = String(text);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
};
const params = new URLSearchParams(location.search);
let lang = pickLanguage([params.get('lang'), ...(navigator.languages ?? [navigator.language])]);
let t = translator(lang);
let shown = null; // { data } as last rendered
let running = null; // the load in progress: { started, renders, renderMs, steps }
// The worker that loads (started with the page, so a load does not wait for it), and the timelines that
// asked it for a learner's answers, by request id.
const worker = new Worker(new URL('./report-worker.js', import.meta.url), { type: 'module' });
const asked = new Map();
let askedIds = 0;
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

// What is on screen, so a render while a load runs changes only what changed: the grid's and the
// timelines' layouts (language, skills, learners in order) and each list's texts. A grid or list built
// anew is styled, laid out and painted anew, which was most of a render's cost on the page's main thread.
const drawn = { grid: null, timelines: null, warnings: null, missed: null };

// One cell of the grid: its text, `data-p`, and whether it is mastered (said to screen readers too).
function cellKey(m, fixed) {
  return m ? `${fixed.format(m.p)}\u0000${m.p}\u0000${m.p >= THRESHOLD ? t('mastered') : ''}` : t('no-value');
}

function drawCell(td, m, fixed) {
  td.textContent = m ? fixed.format(m.p) : t('no-value');
  if (m) td.setAttribute('data-p', String(m.p));
  else td.removeAttribute('data-p');
  td.className = m && m.p >= THRESHOLD ? 'mastered' : '';
  if (!td.className) td.removeAttribute('class');
  if (m && m.p >= THRESHOLD) td.append(el('span', ` ${t('mastered')}`, { class: 'visually-hidden' }));
  td.pacerKey = cellKey(m, fixed);
}

function renderGrid(data, fixed) {
  const layout = JSON.stringify([lang, data.skills, data.rows.map((r) => r.name)]);
  if (drawn.grid === layout) {
    const rows = $('grid').tBodies[0].rows;
    data.rows.forEach((r, i) => {
      const cells = rows[i].cells;
      data.skills.forEach((k, j) => {
        const m = r.mastery[k];
        if (cells[j + 1].pacerKey !== cellKey(m, fixed)) drawCell(cells[j + 1], m, fixed);
      });
    });
    return;
  }
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
      const td = el('td', undefined, { 'data-skill': k });
      drawCell(td, r.mastery[k], fixed);
      tr.append(td);
    }
    body.append(tr);
  }
  $('grid').replaceChildren(thead, body);
  drawn.grid = layout;
}

// A list's items from their texts (and attributes), unless it already shows those.
function renderList(name, items) {
  const key = JSON.stringify([lang, items]);
  if (drawn[name] === key) return;
  $(name).replaceChildren(...items.map(([text, attrs]) => el('li', text, attrs)));
  drawn[name] = key;
}

// A learner's timeline, filled when opened (a class's every answer as list items is most of a render's
// work): the worker posts the learner's answers when asked.
function timeline(name, count) {
  const d = el('details', undefined, { 'data-learner': name });
  d.append(el('summary', t('timeline-summary', { name, n: count })));
  d.pacerCount = count;
  d.pacerFill = () => {
    if (!d.open || d.querySelector('ol') || d.dataset.asked) return;
    d.dataset.asked = 'true';
    askedIds += 1;
    asked.set(askedIds, (answers) => {
      delete d.dataset.asked;
      if (!d.open || d.querySelector('ol')) return;
      const list = el('ol');
      for (const a of answers) {
        list.append(el('li', t('timeline-entry', { time: new Date(a.time).toLocaleString(lang), stem: a.stem, outcome: t(a.success ? 'right' : 'not-right') })));
      }
      d.append(list);
    });
    worker.postMessage({ type: 'answers', id: askedIds, name });
  };
  d.addEventListener('toggle', d.pacerFill);
  return d;
}

function renderTimelines(data) {
  const layout = JSON.stringify([lang, data.rows.map((r) => r.name)]);
  if (drawn.timelines === layout) {
    [...$('timelines').children].forEach((d, i) => {
      const { name, answerCount } = data.rows[i];
      if (d.pacerCount === answerCount) return;
      d.pacerCount = answerCount;
      d.querySelector('summary').textContent = t('timeline-summary', { name, n: answerCount });
      // An open timeline shows every answer: read again.
      d.querySelector('ol')?.remove();
      d.pacerFill();
    });
    return;
  }
  const open = new Set([...document.querySelectorAll('#timelines details[open]')].map((d) => d.dataset.learner));
  $('timelines').replaceChildren(...data.rows.map((r) => {
    const d = timeline(r.name, r.answerCount);
    if (open.has(r.name)) d.open = true;
    return d;
  }));
  drawn.timelines = layout;
}

// The grid's number format, made once a language (making one is a large part of a small render's work).
let fixedFor = null;
function render(data) {
  if (fixedFor?.lang !== lang) fixedFor = { lang, format: new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) };
  const fixed = fixedFor.format;
  renderGrid(data, fixed);
  const warnings = [];
  for (const r of data.rows) {
    for (const w of r.warnings) warnings.push([t('warning-entry', { name: r.name, text: warningText(w) }), { 'data-signal': w.signal }]);
  }
  renderList('warnings', warnings.length ? warnings : [[t('none')]]);
  renderList('missed', data.missed.map((m) => [t('missed', { stem: m.stem, n: m.count })]));
  renderTimelines(data);
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

function load({ fresh = false } = {}) {
  if (running) return;
  const { source, learners, deadline } = readForm();
  const overlapSeconds = Number(params.get('overlap'));
  const overlap = Number.isFinite(overlapSeconds) && params.has('overlap') ? overlapSeconds * 1000 : OVERLAP_MS;
  const status = $('status');
  for (const k of ['statements', 'fresh', 'requests', 'ms', 'lrsMs', 'ownMs', 'cached', 'repeated', 'renders', 'idbMs', 'renderMs']) delete status.dataset[k];
  running = { started: performance.now(), renders: 0, renderMs: 0, steps: 0 };
  worker.postMessage({ type: 'load', source, learners, deadline, fresh, overlap });
  const hadFocus = document.activeElement;
  $('cancel').hidden = false;
  // Keyboard users keep a place: the disabled Load button would drop the focus to the page.
  if (hadFocus === $('load') || hadFocus === $('reload-all')) $('cancel').focus();
  $('reload-all').disabled = true;
  $('loading').hidden = false;
  $('loading').dataset.step = '0';
  say('loading');
}

// Shows the report the worker posted, and counts the time it took (the load's own share, with the
// worker's).
function show(data) {
  const t0 = performance.now();
  render(data);
  if (running) {
    running.renders += 1;
    running.renderMs += performance.now() - t0;
  }
}

// The end of a load: its summary (figures in the status's data attributes), or why it stopped.
function end({ error, data, figures }) {
  const status = $('status');
  if (data) show(data);
  if (!error) {
    const s = shown.data.skipped;
    const ms = performance.now() - running.started;
    say('summary', {
      statements: figures.statements, fresh: figures.fresh, seconds: (ms / 1000).toFixed(1), learners: shown.data.rows.length,
      skipped: s.otherCourse + s.unknownVerb + s.malformed + s.otherLearner,
      otherCourse: s.otherCourse, unknownVerb: s.unknownVerb, malformed: s.malformed, otherLearner: s.otherLearner,
    });
    // `ownMs`: the worker's scripts and IndexedDB waits, and this page's renders (`renderMs`).
    Object.assign(status.dataset, {
      statements: String(figures.statements), fresh: String(figures.fresh), requests: String(figures.requests), ms: String(ms),
      lrsMs: String(figures.lrsMs), ownMs: String(figures.ownMs + running.renderMs), idbMs: String(figures.idbMs),
      repeated: String(figures.repeated), renders: String(running.renders), renderMs: String(running.renderMs),
    });
  } else if (error.name === 'AbortError') say('cancelled');
  else say('error', { message: error.message });
  running = null;
  const cancelHadFocus = document.activeElement === $('cancel');
  $('cancel').hidden = true;
  $('load').disabled = false;
  $('reload-all').disabled = false;
  if (cancelHadFocus) $('load').focus();
  $('loading').hidden = true;
}

worker.addEventListener('message', ({ data: message }) => {
  switch (message.type) {
    case 'answers':
      asked.get(message.id)?.(message.answers);
      asked.delete(message.id);
      break;
    case 'cached':
      $('status').dataset.cached = String(message.count);
      break;
    case 'render':
      show(message.data);
      break;
    case 'progress':
      if (!running) break;
      say('loading-count', { n: message.count });
      running.steps += 1;
      $('loading').dataset.step = String(running.steps % 4);
      break;
    case 'cache-error':
      say('cache-error', { message: message.message });
      break;
    case 'end':
      if (running) end(message);
      break;
    default:
  }
});
// The worker's script could not be loaded or failed: a load in progress ends with the error.
worker.addEventListener('error', (event) => {
  event.preventDefault();
  if (running) end({ error: { name: 'Error', message: event.message || 'the report worker failed' }, data: null });
});

$('source').addEventListener('submit', (event) => {
  event.preventDefault();
  load();
});
$('reload-all').addEventListener('click', () => {
  if ($('source').reportValidity()) load({ fresh: true });
});
$('cancel').addEventListener('click', () => { if (running) worker.postMessage({ type: 'cancel' }); });
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
