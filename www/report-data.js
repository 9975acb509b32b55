// The class report's data, apart from the page: fetching statements from an xAPI LRS (incrementally,
// `since` on `stored`), turning each into a compact fact (what the report needs and nothing more, the form
// it is kept in), folding facts into the report (de-duplicated by statement id, so an overlap or a resend
// is never counted twice), and the CSV export (safe to open in a spreadsheet). No DOM, no IndexedDB: the
// page (report.js) and the cache (report-cache.js) do those; node tests import this module directly.
export const EXT = 'https://w3id.org/pacer/xapi/extensions/';
const VERB_ANSWERED = 'http://adlnet.gov/expapi/verbs/answered';
const KNOWN_VERBS = new Set([VERB_ANSWERED, 'http://adlnet.gov/expapi/verbs/completed',
  'http://adlnet.gov/expapi/verbs/initialized', 'http://adlnet.gov/expapi/verbs/terminated',
  'http://adlnet.gov/expapi/verbs/passed', 'http://adlnet.gov/expapi/verbs/failed']);
export const THRESHOLD = 0.95;
export const PAGE_LIMIT = 500;
// How far before the newest `stored` already read a repeat open asks from. `stored` comes from the LRS's
// own clock, so the teacher's clock never matters; this covers the nodes of an LRS cluster whose clocks
// differ a little, and a write that was not yet visible when the last read ran. What it returns again is
// dropped by id.
export const OVERLAP_MS = 10_000;

// The extensions' keys, made once: a key built for each statement is a new string each time, which a
// property lookup must first flatten and look up among the known names.
const EXT_MASTERY = `${EXT}skill-mastery`;
const EXT_WARNINGS = `${EXT}warnings`;

const num = (x) => (typeof x === 'number' && Number.isFinite(x) ? x : null);

// The `since` of a repeat open: the newest `stored` read so far, less the overlap; null for a first load.
export function sinceFor(newestStored, overlapMs = OVERLAP_MS) {
  if (typeof newestStored !== 'number' || !Number.isFinite(newestStored)) return null;
  return new Date(Math.max(0, newestStored - overlapMs)).toISOString();
}

// The statements of one course, page by page (`more` links), after `since` when given. The next page is
// asked for as soon as a page's body is parsed, so the LRS works on it while `onPage` (which may be async)
// folds the page before. `signal` cancels. Returns the number of requests made. `timing.lrsMs` adds up the
// time from each request to its body received (these may overlap the report's work); `timing.ownMs` adds
// up the report's own work here (parsing) and, by the caller, in `onPage`.
export async function fetchPages({ endpoint, username, password, course }, { since = null, signal, onPage, timing = { lrsMs: 0, ownMs: 0 } } = {}) {
  const base = endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
  const headers = { 'X-Experience-API-Version': '1.0.3' };
  if (username) headers.Authorization = `Basic ${btoa(`${username}:${password}`)}`;
  const params = new URLSearchParams({ activity: course, related_activities: 'true', limit: String(PAGE_LIMIT) });
  if (since) params.set('since', since);
  let requests = 0;
  const get = async (url) => {
    const started = performance.now();
    const response = await fetch(url, { headers, signal });
    requests += 1;
    if (!response.ok) throw new Error(`HTTP ${response.status} (${url.pathname})`);
    const text = await response.text();
    timing.lrsMs += performance.now() - started;
    return { url, text };
  };
  let next = get(new URL(`statements?${params}`, base));
  for (let page = 0; next && page < 100_000; page += 1) {
    const { url, text } = await next;
    const parsing = performance.now();
    const body = JSON.parse(text);
    const batch = Array.isArray(body?.statements) ? body.statements : [];
    timing.ownMs += performance.now() - parsing;
    next = body?.more && batch.length ? get(new URL(body.more, url)) : null;
    // A cancelled load rejects the request in flight while this page is folded: it is awaited next turn.
    next?.catch(() => {});
    await onPage?.(batch);
  }
  return requests;
}

const DIGIT0 = 48;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Two decimal digits of `text` at `i` as a number, -1 when either is not a digit.
function twoDigits(text, i) {
  const a = text.charCodeAt(i) - DIGIT0;
  const b = text.charCodeAt(i + 1) - DIGIT0;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

// Milliseconds since the epoch of an xAPI timestamp, as `Date.parse` reads it (NaN when it cannot). The
// usual form, `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)` with every field in range, is read here
// by hand: `Date.parse` takes its slow general path for the microseconds and offset of the `stored`
// Ralph writes, and reading two timestamps a statement was the largest part of the fold. Anything else
// goes to `Date.parse` (tests/e2e/report-worker.test.mjs compares the two). Character codes and a plain
// function for two digits, not closures made for each call: this runs twice a statement.
export function isoMs(text) {
  if (typeof text !== 'string') return NaN;
  const n = text.length;
  if (n < 20 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return Date.parse(text);
  const century = twoDigits(text, 0);
  const yy = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if (century < 0 || yy < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return Date.parse(text);
  }
  const year = century * 100 + yy;
  if (year < 100) return Date.parse(text); // Date.UTC reads years 0 to 99 as 1900 to 1999
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > DAYS[month - 1] + (leap ? 1 : 0)) return Date.parse(text);
  let i = 19;
  let ms = 0;
  if (text.charCodeAt(i) === 46) { // .
    i += 1;
    const start = i;
    for (; i < n; i += 1) {
      const c = text.charCodeAt(i) - DIGIT0;
      if (c < 0 || c > 9) break;
      if (i - start < 3) ms = ms * 10 + c;
    }
    const digits = i - start;
    if (digits === 0) return Date.parse(text);
    if (digits === 1) ms *= 100;
    else if (digits === 2) ms *= 10;
  }
  let offset = 0;
  const sign = text.charCodeAt(i);
  if (i === n - 1 && sign === 90) offset = 0; // Z
  else if (i === n - 6 && (sign === 43 || sign === 45) && text.charCodeAt(i + 3) === 58) { // + or -, then :
    const oh = twoDigits(text, i + 1);
    const om = twoDigits(text, i + 4);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return Date.parse(text);
    offset = (sign === 43 ? 1 : -1) * (oh * 60 + om) * 60_000;
  } else return Date.parse(text);
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset;
}

// The facts of a statement without warnings share one empty list (never added to).
const NO_WARNINGS = Object.freeze([]);

// One statement as the report keeps it: `{ id, stored }` and either `skip` (why it does not count) or the
// answer's facts. Anything that does not fit is a skip, never an error. Written for speed (it runs once
// a statement read): no spread copies, no arrays of entries.
export function toFact(s, course) {
  if (!s || typeof s !== 'object') return { id: null, stored: null, skip: 'malformed' };
  const id = typeof s.id === 'string' ? s.id : null;
  const storedMs = isoMs(s.stored);
  const stored = Number.isNaN(storedMs) ? null : storedMs;
  if (id === null) return { id, stored, skip: 'malformed' };
  const verb = s.verb?.id;
  if (!KNOWN_VERBS.has(verb)) return { id, stored, skip: 'unknownVerb' };
  const grouping = s.context?.contextActivities?.grouping;
  let inCourse = false;
  if (Array.isArray(grouping)) {
    for (let i = 0; i < grouping.length && !inCourse; i += 1) inCourse = grouping[i]?.id === course;
  }
  if (!inCourse) return { id, stored, skip: 'otherCourse' };
  const name = s.actor?.account?.name;
  const time = isoMs(s.timestamp);
  if (typeof name !== 'string' || Number.isNaN(time)) return { id, stored, skip: 'malformed' };
  if (verb !== VERB_ANSWERED) return { id, stored, name, other: true };
  const result = s.result;
  const success = result?.success;
  const extensions = result?.extensions;
  const mastery = extensions?.[EXT_MASTERY];
  if (typeof success !== 'boolean' || (mastery !== undefined && (typeof mastery !== 'object' || mastery === null))) {
    return { id, stored, skip: 'malformed' };
  }
  const skills = {};
  if (mastery) {
    for (const skill in mastery) {
      if (!Object.hasOwn(mastery, skill)) continue;
      const p = mastery[skill];
      if (typeof p === 'number' && Number.isFinite(p)) skills[skill] = p;
    }
  }
  let warnings = NO_WARNINGS;
  const raw = extensions?.[EXT_WARNINGS];
  if (Array.isArray(raw)) {
    for (const w of raw) {
      if (w && typeof w.signal === 'string') {
        if (warnings === NO_WARNINGS) warnings = [];
        warnings.push({ signal: w.signal, responseMs: num(w.responseMs), attemptsSinceMastery: num(w.attemptsSinceMastery), skillId: typeof w.skillId === 'string' ? w.skillId : '' });
      }
    }
  }
  const object = s.object;
  const item = typeof object?.id === 'string' ? object.id : '';
  const names = object?.definition?.name;
  let first;
  if (names && typeof names === 'object') for (const k in names) { first = names[k]; break; }
  const stem = typeof first === 'string' ? first : item;
  return { id, stored, name, time, item, stem, success, skills, warnings };
}

// The running fold of facts into the report. `add` takes facts in any order, any number of times: a fact
// whose id was already folded is dropped (and counted in `repeated`). `result()` is cheap enough to call
// after every page (the answers of a learner are only sorted when a timeline is shown).
export class Fold {
  constructor({ learners = [] } = {}) {
    this.wanted = new Set(learners);
    this.seen = new Set();
    this.byLearner = new Map();
    this.missed = new Map();
    this.skipped = { otherCourse: 0, unknownVerb: 0, malformed: 0, otherLearner: 0 };
    this.counted = 0;
    this.repeated = 0;
    this.newestStored = null;
  }

  add(f) {
    if (f.id !== null) {
      if (this.seen.has(f.id)) { this.repeated += 1; return false; }
      this.seen.add(f.id);
    }
    this.counted += 1;
    if (f.stored !== null && (this.newestStored === null || f.stored > this.newestStored)) this.newestStored = f.stored;
    if (f.skip) { this.skipped[f.skip] += 1; return true; }
    if (this.wanted.size && !this.wanted.has(f.name)) { this.skipped.otherLearner += 1; return true; }
    if (f.other) return true;
    let learner = this.byLearner.get(f.name);
    if (!learner) {
      learner = { name: f.name, mastery: {}, masteredAt: {}, answers: [], warnings: [], first: f.time, sorted: true };
      this.byLearner.set(f.name, learner);
    }
    const answer = { time: f.time, item: f.item, stem: f.stem, success: f.success };
    if (learner.answers.length && learner.answers[learner.answers.length - 1].time > f.time) learner.sorted = false;
    learner.answers.push(answer);
    if (f.time < learner.first) learner.first = f.time;
    const { skills } = f;
    for (const skill in skills) {
      const p = skills[skill];
      const prev = learner.mastery[skill];
      if (!prev) learner.mastery[skill] = { p, time: f.time };
      else if (prev.time <= f.time) { prev.p = p; prev.time = f.time; }
      if (p >= THRESHOLD && (!learner.masteredAt[skill] || f.time < learner.masteredAt[skill])) learner.masteredAt[skill] = f.time;
    }
    for (const w of f.warnings) learner.warnings.push({ time: f.time, ...w });
    if (!f.success) {
      const m = this.missed.get(f.item);
      if (m) m.count += 1;
      else this.missed.set(f.item, { item: f.item, stem: f.stem, count: 1 });
    }
    return true;
  }

  // One learner's answers, oldest first (none for a learner not folded).
  answers(name) {
    const learner = this.byLearner.get(name);
    return learner ? answersOf(learner) : [];
  }

  // The report as it stands: skills, rows (learners by name) with warnings (the pace warning when a
  // deadline is set), skipped counts, and the ten items most often missed.
  result({ deadline = null, now = Date.now() } = {}) {
    const skillSet = new Set();
    for (const l of this.byLearner.values()) for (const k of Object.keys(l.mastery)) skillSet.add(k);
    const skills = [...skillSet].sort();
    const rows = [...this.byLearner.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const out = rows.map((l) => {
      const warnings = [...l.warnings];
      if (deadline) {
        const mastered = skills.filter((k) => (l.mastery[k]?.p ?? 0) >= THRESHOLD).length;
        const weeks = Math.max((now - l.first) / 604_800_000, 1 / 7);
        const rate = mastered / weeks;
        const left = skills.length - mastered;
        const weeksLeft = (deadline - now) / 604_800_000;
        if (left > 0 && (rate === 0 || left / rate > weeksLeft)) warnings.push({ signal: 'pace', left, rate, weeksLeft });
      }
      return { name: l.name, mastery: l.mastery, masteredAt: l.masteredAt, warnings, answerCount: l.answers.length, answers: () => answersOf(l) };
    });
    const missed = [...this.missed.values()]
      .sort((a, b) => b.count - a.count || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0)).slice(0, 10);
    return { skills, rows: out, skipped: { ...this.skipped }, missed, counted: this.counted, repeated: this.repeated };
  }
}

function answersOf(learner) {
  if (!learner.sorted) { learner.answers.sort((a, b) => a.time - b.time); learner.sorted = true; }
  return learner.answers;
}

// The whole report from raw statements at once (the tests' entry point, and the shape of a fold).
export function analyse(statements, { course, learners = [], deadline = null, now = Date.now() }) {
  const fold = new Fold({ learners });
  for (const s of statements) fold.add(toFact(s, course));
  const data = fold.result({ deadline, now });
  for (const r of data.rows) r.answers = r.answers();
  return data;
}

// Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection"): = + - @, tab and
// carriage return, and their fullwidth forms, which some spreadsheet programs fold to the ASCII ones.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

// One CSV cell of text: neutralised with a leading single quote when it could start a formula, then
// quoted with its quotes doubled (so a separator or quote inside it cannot start another cell).
export function csvText(value) {
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

// The mastery grid as CSV, UTF-8 with a byte-order mark (spreadsheet programs read the file as UTF-8 only
// with it) and CRLF line ends (RFC 4180). Numbers are ours (fixed-point); every text is neutralised.
export const CSV_TYPE = 'text/csv;charset=utf-8';
export function toCsv(data, header = 'learner') {
  const lines = [[header, ...data.skills].map(csvText).join(',')];
  for (const r of data.rows) {
    lines.push([csvText(r.name), ...data.skills.map((k) => (r.mastery[k] ? r.mastery[k].p.toFixed(4) : ''))].join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
