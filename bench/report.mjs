// The teacher report's benchmark (part of bench/browser.mjs, `make bench`): prints figures, asserts nothing.
//
// A class's answered statements (30 learners, 8 skills) are read by www/report.html in Chromium at 4x CPU:
// the first load, a repeat open (the cache, one `since` request), and the tab's peak memory (the
// renderer's peak resident set, VmHWM, and the peak JS heap). The report's own share is the busy time of
// the page's main thread (CDP TaskDuration, wall clock, so throttling is in it) plus 4x the CPU time of
// its worker's thread (which CDP cannot throttle); the LRS's share is the rest of the wall time. The page
// is driven over bare CDP (bench/cdp.mjs), not Playwright, whose network instrumentation works on the
// measured threads. On a shared machine wall times include waiting for a core: the load average is
// printed, and this tree's report takes turns with another commit's (PACER_BENCH_REPORT_BASE, default
// main) round by round, so the two compare as ratios.
// 10,000 statements come from Ralph (fs backend), at its default 100 a page and at 500; 10,000 and
// 100,000 also from a replay LRS (a small server here that answers `since`/`limit`/`more` from memory):
// Ralph's file backend re-reads its file for every page, so at 100,000 statements its own time (an hour
// at 100 a page) would be all one saw.
import { createServer } from 'node:http';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { lrsFetch, startLrs } from '../tests/e2e/lib/lrs.mjs';
import { repoRoot, startServer } from '../tests/e2e/lib/server.mjs';
import { launchCdp, newContext, openTab } from './cdp.mjs';

const SKILLS = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'];

export function classStatements(count, course) {
  const start = Date.UTC(2026, 8, 1);
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    actor: { objectType: 'Agent', account: { homePage: 'https://school.example', name: `learner-${i % 30}` } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } },
    object: { objectType: 'Activity', id: `${course}/activities/a/items/q${i % 400}`,
      definition: { type: 'http://adlnet.gov/expapi/activities/cmi.interaction', name: { en: `Question ${i % 400}` } } },
    result: { success: i % 4 !== 0, duration: 'PT14S',
      extensions: { 'https://w3id.org/pacer/xapi/extensions/skill-mastery': { [SKILLS[i % 8]]: (i % 97) / 100 } } },
    context: { contextActivities: { grouping: [{ objectType: 'Activity', id: course }] } },
    timestamp: new Date(start + i * 60_000).toISOString(),
  }));
}

// A read-only LRS in memory: GET statements with `since` (on `stored`), `limit` and `more`. A page holds at
// most `pageCap` statements whatever the `limit` asked (as an LRS's configured maximum: Ralph's is 100),
// and is answered `delayMs` after it was asked (an LRS's latency, without using a core of this machine).
export async function startReplay(statements, { pageCap = Infinity, delayMs = 0 } = {}) {
  const stored = statements.map((s, i) => ({ ...s, stored: new Date(Date.parse(s.timestamp) + 1000 + i).toISOString(),
    authority: { objectType: 'Agent', mbox: 'mailto:pacer@example.org' }, version: '1.0.3' }));
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const headers = { 'Access-Control-Allow-Origin': req.headers.origin ?? '*',
      'Access-Control-Allow-Headers': 'Authorization, X-Experience-API-Version, Content-Type' };
    if (req.method === 'OPTIONS') { res.writeHead(204, headers); res.end(); return; }
    const since = url.searchParams.has('since') ? Date.parse(url.searchParams.get('since')) : -Infinity;
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 500) || Infinity, pageCap);
    let from = Number(url.searchParams.get('from') ?? 0);
    if (!url.searchParams.has('from')) {
      from = stored.findIndex((s) => Date.parse(s.stored) > since);
      if (from < 0) from = stored.length;
    }
    const page = stored.slice(from, from + limit);
    const body = { statements: page };
    if (from + limit < stored.length) {
      const next = new URLSearchParams(url.searchParams);
      next.set('from', String(from + limit));
      body.more = `${url.pathname}?${next}`;
    }
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    res.writeHead(200, { ...headers, 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { endpoint: `http://127.0.0.1:${server.address().port}/xAPI/`, stop: () => new Promise((r) => server.close(r)) };
}

// Resolves when the report's load has ended (the status gets its figures), in the page, without polling:
// a Playwright selector wait polls on animation frames, work on the measured (throttled) main thread.
function reportDoneInPage() {
  return new Promise((resolve) => {
    const status = document.getElementById('status');
    if (status.dataset.statements) { resolve(); return; }
    const observer = new MutationObserver(() => {
      if (status.dataset.statements) { observer.disconnect(); resolve(); }
    });
    observer.observe(status, { attributes: true, attributeFilter: ['data-statements'] });
  });
}

// The same from Playwright (bench/report-profile.mjs).
export function reportDone(page) {
  return page.evaluate(reportDoneInPage);
}

// The browser's renderer processes, from a Playwright browser or a bare CDP client (bench/cdp.mjs).
async function renderers(browser) {
  let processInfo;
  if (browser.newBrowserCDPSession) {
    const cdp = await browser.newBrowserCDPSession();
    ({ processInfo } = await cdp.send('SystemInfo.getProcessInfo'));
    await cdp.detach();
  } else ({ processInfo } = await browser.send('SystemInfo.getProcessInfo'));
  return processInfo.filter((x) => x.type === 'renderer').map((x) => x.id);
}

// The peak resident set of the browser's renderer processes (Linux), in MB.
export async function rendererPeakMb(browser) {
  let peak = 0;
  for (const id of await renderers(browser)) {
    try {
      const status = readFileSync(`/proc/${id}/status`, 'utf8');
      const kb = Number(status.match(/VmHWM:\s+(\d+)/)?.[1] ?? 0);
      peak = Math.max(peak, kb / 1024);
    } catch { /* gone */ }
  }
  return peak;
}

// The CPU time (ns) of every thread of the browser's renderer processes (Linux: /proc schedstat), by
// `pid:tid`, with the thread's name: the main thread's tid is its pid, a dedicated worker's thread is
// named DedicatedWorker.
export async function rendererThreads(browser) {
  const threads = new Map();
  for (const id of await renderers(browser)) {
    let tids = [];
    try { tids = readdirSync(`/proc/${id}/task`); } catch { continue; }
    for (const tid of tids) {
      try {
        const name = readFileSync(`/proc/${id}/task/${tid}/comm`, 'utf8').trim();
        const ns = Number(readFileSync(`/proc/${id}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
        threads.set(`${id}:${tid}`, { name, main: String(id) === tid, worker: name.startsWith('DedicatedWorker'), ns });
      } catch { /* gone */ }
    }
  }
  return threads;
}

// What the report's threads did between two snapshots of `rendererThreads`: the CPU time of the dedicated
// workers started since the first (all of it, their start included), and of the renderers' other
// threads (the browser's own: network loading, compositing, garbage collection helpers; not counted).
export function threadWork(before, after) {
  let workerMs = 0;
  let otherMs = 0;
  let mainCpuMs = 0;
  for (const [key, t] of after) {
    if (t.main) {
      mainCpuMs += (t.ns - (before.get(key)?.ns ?? 0)) / 1e6;
      continue;
    }
    if (t.worker) {
      if (!before.has(key)) workerMs += t.ns / 1e6;
    } else otherMs += (t.ns - (before.get(key)?.ns ?? 0)) / 1e6;
  }
  // `mainCpuMs`: the renderers' main threads' CPU time (meaningful unthrottled only: a throttled thread
  // spins while it waits).
  return { workerMs, otherMs, mainCpuMs };
}

// Opens report.html in a tab of `context` (bench/cdp.mjs), loads, and returns the figures. The own share:
// the page's main thread busy from the click to the report complete (CDP TaskDuration, wall clock: its
// scripts, the style, layout and paint of what they changed, the fetches' bookkeeping, IndexedDB
// callbacks, GC; throttled at `rate`), plus the report worker's thread, which CDP cannot throttle: its
// CPU time times `rate`, from its start (its modules' loading included).
async function openReport({ cdp, context, site, endpoint, course, rate, auth }) {
  const threads0 = await rendererThreads(cdp);
  const tab = await openTab(cdp, context, `${site.origin}/report.html?lang=en`, { rate });
  const fill = { endpoint, course, ...(auth ? { username: 'pacer', password: 'pacer' } : {}) };
  await tab.evaluate(`(() => { for (const [k, v] of Object.entries(${JSON.stringify(fill)})) document.getElementById(k).value = v; })()`);
  // The page's own loading done (its tasks would be counted when they end): two frames and a moment.
  await tab.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 500))))');
  // Wall-clock durations: TaskDuration is then the main thread's busy time (throttling included).
  await tab.send('Performance.enable', { timeDomain: 'timeTicks' });
  const metrics = async () => Object.fromEntries(((await tab.send('Performance.getMetrics').catch(() => null))?.metrics ?? []).map((m) => [m.name, m.value]));
  let heap = 0;
  let polling = true;
  const poll = (async () => {
    while (polling) {
      heap = Math.max(heap, (await metrics()).JSHeapTotalSize ?? 0);
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  const busy0 = (await metrics()).TaskDuration;
  const threads1 = await rendererThreads(cdp);
  const t0 = Date.now();
  const done = tab.evaluate(`(${reportDoneInPage})()`);
  await tab.click('load');
  await done;
  const wall = Date.now() - t0;
  polling = false;
  await poll;
  // The frame that shows the last render is the report's work too: two frames, then, since a task's time
  // is counted when it ends, a moment for the last one.
  await tab.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  await new Promise((r) => setTimeout(r, 200));
  const mainMs = ((await metrics()).TaskDuration - busy0) * 1000;
  const threads2 = await rendererThreads(cdp);
  const { workerMs } = threadWork(threads0, threads2);
  const { otherMs, mainCpuMs } = threadWork(threads1, threads2);
  // Now, while the page is open: a closed page's renderer process may be gone, and its peak with it.
  const peakMb = await rendererPeakMb(cdp);
  const d = await tab.evaluate("({ ...document.getElementById('status').dataset, rows: document.querySelectorAll('#grid tbody tr').length })");
  // A worker CDP did throttle (none can be in Chromium 156) counts its CPU time as it is.
  const workerFactor = tab.workers.some((w) => w.throttled) ? 1 : rate;
  const throttled = tab.workers.length ? tab.workers.map((w) => (w.throttled ? 'throttled' : `not throttled: "${w.error}"`)).join(', ') : 'no worker';
  await tab.close();
  return { wall, mainMs, mainCpuMs, workerMs, own: mainMs + workerFactor * workerMs, workerFactor, otherMs, peakMb, pageMs: Number(d.ms), rows: d.rows, heapMb: heap / 2 ** 20,
    statements: Number(d.statements), requests: Number(d.requests), lrsMs: Number(d.lrsMs), ownMs: Number(d.ownMs), fresh: Number(d.fresh),
    renders: Number(d.renders), idbMs: Number(d.idbMs), throttled };
}

const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const RATE = 4;
export const COUNTED = `own share = the page's main thread busy (CDP TaskDuration, throttled ${RATE}x) + ${RATE} x the report worker's CPU time`
  + ` (/proc schedstat; CDP cannot throttle a worker); not counted: the renderer's other threads (network loading, compositing), shown apart`;

// One first load and one repeat open in a browser of its own (so the renderer's peak is this report's
// alone); the LRS's share is the wall time less the own share (on a shared machine, waiting for a core
// too).
export async function measure({ site, endpoint, course, auth, rate = RATE }) {
  const cdp = await launchCdp();
  try {
    const context = await newContext(cdp);
    const first = await openReport({ cdp, context, site, endpoint, course, rate, auth });
    const repeat = await openReport({ cdp, context, site, endpoint, course, rate, auth });
    await context.dispose();
    return { first, repeat, peakMb: Math.max(first.peakMb, repeat.peakMb), heapMb: Math.max(first.heapMb, repeat.heapMb) };
  } finally {
    await cdp.close();
  }
}

export function describe(label, count, { first, repeat, peakMb, heapMb }) {
  const per10k = (ms) => s(ms / (count / 10_000));
  console.log(`  ${label}: ${first.statements} statements, ${first.rows} learners, ${first.requests} requests (load average ${loadavg()[0].toFixed(1)})`);
  console.log(`    first load   ${s(first.wall)} from the click: own share ${s(first.own)}, ${per10k(first.own)} per 10,000 (main thread ${s(first.mainMs)} + ${first.workerFactor} x worker ${s(first.workerMs)}, ${first.throttled}); waiting for the LRS ${s(Math.max(0, first.wall - first.own))}; other renderer threads ${s(first.otherMs)} CPU, not counted`);
  console.log(`                 the page's clock: ${s(first.pageMs)}, the report's scripts ${s(first.ownMs)} (IndexedDB waits ${s(first.idbMs)}), LRS request to body ${s(first.lrsMs)}; ${first.renders} renders`);
  console.log(`    repeat open  ${s(repeat.wall)} from the click (${repeat.requests} request, ${repeat.fresh} new): own share ${s(repeat.own)} (main thread ${s(repeat.mainMs)} + ${repeat.workerFactor} x worker ${s(repeat.workerMs)}), LRS ${s(repeat.lrsMs)}`);
  console.log(`    peak memory  renderer ${peakMb.toFixed(0)} MB resident; JS heap of the page ${heapMb.toFixed(0)} MB`);
}

// Stores a class of `count` answers in a Ralph. Statements stored within the report's overlap (10 s) of
// the newest come back on a repeat open; a class's statements are stored over weeks, not in the seconds
// the seeding takes. So the seeding ages past the overlap and one more answer is stored after it, as the
// newest of the class.
export async function seedRalph(lrs, count, course) {
  const seed = classStatements(count, course);
  for (let i = 0; i < seed.length; i += 500) {
    const r = await lrsFetch(lrs, 'statements', { method: 'POST', body: JSON.stringify(seed.slice(i, i + 500)) });
    if (!r.ok) throw new Error(`seeding Ralph: HTTP ${r.status}`);
  }
  await new Promise((r) => setTimeout(r, 11_000));
  const posted = await lrsFetch(lrs, 'statements', { method: 'POST', body: JSON.stringify(classStatements(1, course)) });
  if (!posted.ok) throw new Error(`seeding Ralph: HTTP ${posted.status}`);
}

// The report of another commit (PACER_BENCH_REPORT_BASE, default `main`) laid out beside this tree's
// dist/: dist/ with the www/report* files of that commit. Null when the commit is not known here.
export function baseSite(ref = process.env.PACER_BENCH_REPORT_BASE ?? 'main') {
  const git = (...args) => execFileSync('git', args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'ignore'] });
  let commit;
  try { commit = String(git('rev-parse', '--verify', `${ref}^{commit}`)).trim(); } catch { return null; }
  const dir = mkdtempSync(path.join(tmpdir(), 'pacer-report-base-'));
  cpSync(path.join(repoRoot, 'dist'), dir, { recursive: true });
  for (const f of readdirSync(dir)) if (f.startsWith('report')) rmSync(path.join(dir, f));
  for (const f of String(git('ls-tree', '--name-only', commit, 'www/')).split('\n')) {
    const name = f.slice('www/'.length);
    if (name.startsWith('report')) writeFileSync(path.join(dir, name), git('show', `${commit}:${f}`));
  }
  return { ref, commit: commit.slice(0, 10), dir };
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

// Ralph as deployed by default answers 100 statements a page whatever `limit` asks (the report asks for
// 500); its RUNSERVER_MAX_SEARCH_HITS_COUNT raises that, and is measured too (a Ralph of its own). Each
// Ralph is seeded once; this tree's report and the base commit's (when known) take turns, round by round
// (PACER_BENCH_REPORT_ROUNDS, default 3), each in a fresh browser, so they compare as ratios in one run.
export async function benchReport({ site, sizes = [10_000, 100_000] }) {
  console.log(`\n== teacher report at ${RATE}x CPU, Chromium (first load, repeat open, peak memory)`);
  console.log(`(load average now ${loadavg().map((x) => x.toFixed(1)).join(' ')}: wall times include waiting for a core)`);
  console.log(`(${COUNTED})`);
  const course = 'https://pacer.example/courses/report-bench';
  const rounds = Number(process.env.PACER_BENCH_REPORT_ROUNDS ?? 3);
  const base = baseSite();
  const baseServer = base ? await startServer(base.dir) : null;
  const builds = [...(base ? [[`${base.ref} (${base.commit})`, baseServer]] : []), ['this tree', site]];
  if (!base) console.log('(no base commit to compare with: this tree only)');
  try {
    for (const maxPage of [100, 500]) {
      const lrs = await startLrs({ origins: builds.map(([, b]) => b.origin), maxPage });
      try {
        await seedRalph(lrs, sizes[0], course);
        console.log(`Ralph (fs backend, ${maxPage} a page), ${sizes[0]} statements, ${rounds} rounds`);
        const own = new Map(builds.map(([name]) => [name, { first: [], repeat: [], load: [] }]));
        for (let round = 1; round <= rounds; round += 1) {
          for (const [name, b] of builds) {
            const m = await measure({ site: b, endpoint: lrs.endpoint, course, auth: true });
            describe(`round ${round}, ${name}`, sizes[0], m);
            own.get(name).first.push(m.first.own / (sizes[0] / 10_000));
            own.get(name).repeat.push(m.repeat.wall);
            own.get(name).load.push(loadavg()[0]);
          }
        }
        for (const [name, o] of own) {
          console.log(`  ${name}: own share per 10,000 ${o.first.map(s).join(' / ')} (mean ${s(mean(o.first))}); repeat open ${o.repeat.map(s).join(' / ')}; load ${o.load.map((x) => x.toFixed(1)).join(' / ')}`);
        }
        if (base) {
          const [b, t] = [...own.values()];
          console.log(`  this tree / base: own share ${(mean(t.first) / mean(b.first)).toFixed(2)}, repeat open ${(mean(t.repeat) / mean(b.repeat)).toFixed(2)}`);
        }
      } finally {
        await lrs.stop();
      }
    }
  } finally {
    await baseServer?.stop();
    if (base) rmSync(base.dir, { recursive: true, force: true });
  }
  for (const count of sizes) {
    const replay = await startReplay(classStatements(count, course));
    try {
      describe(`replay LRS (500 a page, this tree), ${count}`, count, await measure({ site, endpoint: replay.endpoint, course, auth: false }));
    } finally {
      await replay.stop();
    }
  }
}
