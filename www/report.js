// The teacher's class report: reads answered statements for one course from an xAPI LRS (the credentials
// are typed in and kept only in this page), pages through them, and shows mastery per learner and skill,
// early warnings, the items most often missed and each learner's timeline, with a CSV export. Bad data
// (other courses, unknown verbs, malformed results) is skipped and counted, never fatal. No author or LRS
// content is ever inserted as HTML.
const EXT = 'https://w3id.org/pacer/xapi/extensions/';
const VERB_ANSWERED = 'http://adlnet.gov/expapi/verbs/answered';
const VERB_COMPLETED = 'http://adlnet.gov/expapi/verbs/completed';
const KNOWN_VERBS = new Set([VERB_ANSWERED, VERB_COMPLETED,
  'http://adlnet.gov/expapi/verbs/initialized', 'http://adlnet.gov/expapi/verbs/terminated',
  'http://adlnet.gov/expapi/verbs/passed', 'http://adlnet.gov/expapi/verbs/failed']);
const THRESHOLD = 0.95;

const $ = (id) => (typeof document === 'undefined' ? null : document.getElementById(id));
const el = (tag, text, attrs = {}) => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = String(text);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
};

let last = null;

// Every statement the LRS returns for the query, following `more` links.
export async function fetchAll({ endpoint, username, password, course }, onPage) {
  const base = endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
  const headers = { 'X-Experience-API-Version': '1.0.3' };
  if (username) headers.Authorization = `Basic ${btoa(`${username}:${password}`)}`;
  const params = new URLSearchParams({ activity: course, related_activities: 'true', limit: '500' });
  let url = new URL(`statements?${params}`, base);
  const out = [];
  for (let page = 0; page < 10_000; page += 1) {
    const response = await fetch(url, { headers });
    if (!response.ok) throw new Error(`the LRS answered HTTP ${response.status} for ${url.pathname}`);
    const body = await response.json();
    const batch = Array.isArray(body.statements) ? body.statements : [];
    out.push(...batch);
    onPage?.(out.length);
    if (!body.more || batch.length === 0) break;
    url = new URL(body.more, url);
  }
  return out;
}

const num = (x) => (typeof x === 'number' && Number.isFinite(x) ? x : null);

// Turns raw statements into the report's data; anything that does not fit is counted in `skipped`.
export function analyse(statements, { course, learners = [], deadline = null, now = Date.now() }) {
  const skipped = { otherCourse: 0, unknownVerb: 0, malformed: 0, otherLearner: 0 };
  const byLearner = new Map();
  const missed = new Map();
  const seen = new Set();
  const wanted = new Set(learners);
  for (const s of statements) {
    if (!s || typeof s !== 'object' || seen.has(s.id)) { skipped.malformed += 1; continue; }
    seen.add(s.id);
    const verb = s.verb?.id;
    if (!KNOWN_VERBS.has(verb)) { skipped.unknownVerb += 1; continue; }
    const grouping = s.context?.contextActivities?.grouping;
    const inCourse = Array.isArray(grouping) && grouping.some((g) => g?.id === course);
    if (!inCourse) { skipped.otherCourse += 1; continue; }
    const name = s.actor?.account?.name;
    const time = Date.parse(s.timestamp);
    if (typeof name !== 'string' || Number.isNaN(time)) { skipped.malformed += 1; continue; }
    if (wanted.size && !wanted.has(name)) { skipped.otherLearner += 1; continue; }
    if (verb !== VERB_ANSWERED) continue;
    const success = s.result?.success;
    const mastery = s.result?.extensions?.[`${EXT}skill-mastery`];
    if (typeof success !== 'boolean' || (mastery !== undefined && (typeof mastery !== 'object' || mastery === null))) {
      skipped.malformed += 1; continue;
    }
    let learner = byLearner.get(name);
    if (!learner) { learner = { name, mastery: {}, masteredAt: {}, answers: [], warnings: [] }; byLearner.set(name, learner); }
    const item = s.object?.id ?? '';
    const stem = Object.values(s.object?.definition?.name ?? {})[0] ?? item;
    learner.answers.push({ time, item, stem, success });
    for (const [skill, p] of Object.entries(mastery ?? {})) {
      if (num(p) === null) continue;
      const prev = learner.mastery[skill];
      if (!prev || prev.time <= time) learner.mastery[skill] = { p, time };
      if (p >= THRESHOLD && !learner.masteredAt[skill]) learner.masteredAt[skill] = time;
    }
    for (const w of s.result?.extensions?.[`${EXT}warnings`] ?? []) {
      if (w && typeof w.signal === 'string') learner.warnings.push({ time, ...w });
    }
    if (!success) {
      const m = missed.get(item) ?? { item, stem, count: 0 };
      m.count += 1;
      missed.set(item, m);
    }
  }
  const skills = [...new Set([...byLearner.values()].flatMap((l) => Object.keys(l.mastery)))].sort();
  const rows = [...byLearner.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const l of rows) {
    l.answers.sort((a, b) => a.time - b.time);
    if (deadline) {
      const mastered = skills.filter((k) => (l.mastery[k]?.p ?? 0) >= THRESHOLD).length;
      const first = l.answers[0]?.time ?? now;
      const weeks = Math.max((now - first) / 604_800_000, 1 / 7);
      const rate = mastered / weeks;
      const left = skills.length - mastered;
      const weeksLeft = (deadline - now) / 604_800_000;
      if (left > 0 && (rate === 0 || left / rate > weeksLeft)) {
        l.warnings.push({ signal: 'pace', left, rate, weeksLeft });
      }
    }
  }
  return {
    skills, rows, skipped,
    missed: [...missed.values()].sort((a, b) => b.count - a.count || a.item.localeCompare(b.item)).slice(0, 10),
  };
}

const WARNING_TEXT = {
  guessing: (w) => `answered an item in ${(w.responseMs / 1000).toFixed(1)} s, faster than it can be read (possibly guessing)`,
  very_long: (w) => `spent ${(w.responseMs / 60000).toFixed(0)} min on one item (possibly stuck or away)`,
  wheel_spinning: (w) => `${w.attemptsSinceMastery} answers on ${w.skillId} without reaching mastery (wheel-spinning)`,
  pace: (w) => `at the current pace (${w.rate.toFixed(1)} skills a week) will not master the ${w.left} skills left by the date set`,
};

export function toCsv(data) {
  const quote = (v) => `"${String(v).replaceAll('"', '""')}"`;
  const lines = [['learner', ...data.skills].map(quote).join(',')];
  for (const r of data.rows) {
    lines.push([quote(r.name), ...data.skills.map((k) => (r.mastery[k] ? r.mastery[k].p.toFixed(4) : ''))].join(','));
  }
  return `${lines.join('\n')}\n`;
}

function render(data) {
  const grid = $('grid');
  grid.replaceChildren();
  const head = el('tr');
  head.append(el('th', 'Learner', { scope: 'col' }));
  for (const k of data.skills) head.append(el('th', k, { scope: 'col' }));
  const thead = el('thead'); thead.append(head); grid.append(thead);
  const body = el('tbody');
  for (const r of data.rows) {
    const tr = el('tr', undefined, { 'data-learner': r.name });
    tr.append(el('th', r.name, { scope: 'row' }));
    for (const k of data.skills) {
      const m = r.mastery[k];
      const td = el('td', m ? m.p.toFixed(2) : '—', { 'data-skill': k });
      if (m) td.setAttribute('data-p', String(m.p));
      if (m && m.p >= THRESHOLD) { td.className = 'mastered'; td.append(el('span', ' (mastered)', { class: 'visually-hidden' })); }
      tr.append(td);
    }
    body.append(tr);
  }
  grid.append(body);
  const warnings = $('warnings');
  warnings.replaceChildren();
  for (const r of data.rows) {
    for (const w of r.warnings) {
      const text = (WARNING_TEXT[w.signal] ?? (() => w.signal))(w);
      warnings.append(el('li', `${r.name}: ${text}`, { 'data-signal': w.signal }));
    }
  }
  if (!warnings.children.length) warnings.append(el('li', 'None.'));
  const missed = $('missed');
  missed.replaceChildren(...data.missed.map((m) => el('li', `${m.stem} — missed ${m.count} time(s)`)));
  const timelines = $('timelines');
  timelines.replaceChildren();
  for (const r of data.rows) {
    const d = el('details');
    d.append(el('summary', `${r.name} (${r.answers.length} answers)`));
    const list = el('ol');
    for (const a of r.answers) list.append(el('li', `${new Date(a.time).toLocaleString()}: ${a.stem} — ${a.success ? 'right' : 'not right'}`));
    d.append(list);
    timelines.append(d);
  }
  $('results').hidden = false;
}

$('source')?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const source = Object.fromEntries(['endpoint', 'username', 'password', 'course'].map((k) => [k, String(form.get(k) ?? '')]));
  const learners = String(form.get('learners') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const deadlineText = String(form.get('deadline') ?? '');
  const status = $('status');
  status.textContent = 'Loading…';
  const started = performance.now();
  try {
    const statements = await fetchAll(source, (n) => { status.textContent = `Loading… ${n} statements`; });
    const data = analyse(statements, { course: source.course, learners, deadline: deadlineText ? Date.parse(deadlineText) : null });
    render(data);
    last = data;
    const s = data.skipped;
    const skippedTotal = s.otherCourse + s.unknownVerb + s.malformed + s.otherLearner;
    status.textContent = `${statements.length} statements read in ${((performance.now() - started) / 1000).toFixed(1)} s; `
      + `${data.rows.length} learners. Skipped ${skippedTotal}: ${s.otherCourse} from other courses, `
      + `${s.unknownVerb} with unknown verbs, ${s.malformed} malformed, ${s.otherLearner} of other learners.`;
    status.dataset.statements = String(statements.length);
    status.dataset.ms = String(performance.now() - started);
  } catch (error) {
    status.textContent = `Could not read the LRS: ${error.message}`;
  }
});

$('csv')?.addEventListener('click', () => {
  if (!last) return;
  const url = URL.createObjectURL(new Blob([toCsv(last)], { type: 'text/csv' }));
  const a = el('a', '', { href: url, download: 'pacer-mastery.csv' });
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
});
