// The teacher report's benchmark (part of bench/browser.mjs, `make bench`): prints figures, asserts nothing.
//
// A class's answered statements (30 learners, 8 skills) are read by www/report.html in Chromium at 4x CPU:
// the first load, a repeat open (the cache, one `since` request), and the tab's peak memory (the
// renderer's peak resident set, VmHWM, and the peak JS heap). The report's own share is its main thread's
// busy time (CDP TaskDuration, wall clock, so throttling is in it), the LRS's the rest (see `measure`).
// On a shared machine wall times include waiting for a core: the load average is printed.
// 10,000 statements come from Ralph (fs backend), at its default 100 a page and at 500; 10,000 and
// 100,000 also from a replay LRS (a small server here that answers `since`/`limit`/`more` from memory):
// Ralph's file backend re-reads its file for every page, so at 100,000 statements its own time (an hour
// at 100 a page) would be all one saw.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { lrsFetch, startLrs } from '../tests/e2e/lib/lrs.mjs';

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

// Waits for the report's load to end (the status gets its figures), without polling in the page: a
// Playwright selector wait polls on animation frames, work on the measured (throttled) main thread.
export function reportDone(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const status = document.getElementById('status');
    if (status.dataset.statements) { resolve(); return; }
    const observer = new MutationObserver(() => {
      if (status.dataset.statements) { observer.disconnect(); resolve(); }
    });
    observer.observe(status, { attributes: true, attributeFilter: ['data-statements'] });
  }));
}

// The peak resident set of the browser's renderer processes (Linux), in MB.
export async function rendererPeakMb(browser) {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  await cdp.detach();
  let peak = 0;
  for (const p of processInfo.filter((x) => x.type === 'renderer')) {
    try {
      const status = readFileSync(`/proc/${p.id}/status`, 'utf8');
      const kb = Number(status.match(/VmHWM:\s+(\d+)/)?.[1] ?? 0);
      peak = Math.max(peak, kb / 1024);
    } catch { /* gone */ }
  }
  return peak;
}

async function openReport({ context, site, endpoint, course, rate, auth }) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  // Wall-clock durations: TaskDuration is then the main thread's busy time (throttling included).
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  await page.goto(`${site.origin}/report.html?lang=en`);
  await page.fill('#endpoint', endpoint);
  if (auth) { await page.fill('#username', 'pacer'); await page.fill('#password', 'pacer'); }
  await page.fill('#course', course);
  const metrics = async () => Object.fromEntries(((await cdp.send('Performance.getMetrics').catch(() => null))?.metrics ?? []).map((m) => [m.name, m.value]));
  let heap = 0;
  let polling = true;
  const poll = (async () => {
    while (polling) {
      heap = Math.max(heap, (await metrics()).JSHeapTotalSize ?? 0);
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  const busy0 = (await metrics()).TaskDuration;
  const t0 = Date.now();
  await page.click('#load');
  await reportDone(page);
  const wall = Date.now() - t0;
  polling = false;
  await poll;
  // A task's time is counted when it ends: a moment for the last one.
  await new Promise((r) => setTimeout(r, 200));
  const busy = ((await metrics()).TaskDuration - busy0) * 1000;
  // Now, while the page is open: a closed page's renderer process may be gone, and its peak with it.
  const peakMb = await rendererPeakMb(context.browser());
  const d = await page.locator('#status').evaluate((x) => ({ ...x.dataset }));
  const rows = await page.locator('#grid tbody tr').count();
  return { page, wall, busy, peakMb, pageMs: Number(d.ms), rows, heapMb: heap / 2 ** 20, statements: Number(d.statements), requests: Number(d.requests),
    lrsMs: Number(d.lrsMs), ownMs: Number(d.ownMs), fresh: Number(d.fresh), renders: Number(d.renders),
    idbMs: Number(d.idbMs) };
}

const s = (ms) => `${(ms / 1000).toFixed(2)} s`;

// The report's own share is the page's main thread busy from the click to the report complete: its
// scripts (parse, fold, render), and what the browser does for them on that thread (style, layout and
// paint of what they changed, the fetches' bookkeeping, IndexedDB callbacks, GC). The rest of the wall
// time the main thread waited: for the LRS (and, on a shared machine, for a core). The page's own clock
// of its scripts (`own`, and the LRS's request-to-body time, which overlaps it) is printed beside.
async function measure({ launchBrowser, site, label, endpoint, course, count, auth }) {
  // A browser of its own, so the renderer's peak is this report's alone.
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    const first = await openReport({ context, site, endpoint, course, rate: 4, auth });
    await first.page.close();
    const repeat = await openReport({ context, site, endpoint, course, rate: 4, auth });
    const peak = Math.max(first.peakMb, repeat.peakMb);
    const per10k = (ms) => s(ms / (count / 10_000));
    console.log(`${label}: ${first.statements} statements, ${first.rows} learners, ${first.requests} requests (load average ${loadavg()[0].toFixed(1)})`);
    console.log(`  first load   ${s(first.wall)} from the click: own share (main thread busy) ${s(first.busy)}, ${per10k(first.busy)} per 10,000; waiting for the LRS ${s(first.wall - first.busy)}`);
    console.log(`               the page's clock: ${s(first.pageMs)}, its scripts ${s(first.ownMs)} (${per10k(first.ownMs)} per 10,000; IndexedDB waits ${s(first.idbMs)}), LRS request to body ${s(first.lrsMs)}; ${first.renders} renders`);
    console.log(`  repeat open  ${s(repeat.wall)} from the click (${s(repeat.pageMs)} in the page; ${repeat.requests} request, ${repeat.fresh} new): main thread busy ${s(repeat.busy)}; scripts ${s(repeat.ownMs)} (IndexedDB ${s(repeat.idbMs)}), LRS ${s(repeat.lrsMs)}`);
    console.log(`  peak memory  renderer ${peak.toFixed(0)} MB resident; JS heap ${Math.max(first.heapMb, repeat.heapMb).toFixed(0)} MB`);
    await context.close();
  } finally {
    await browser.close();
  }
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

// Ralph as deployed by default answers 100 statements a page whatever `limit` asks (the report asks for
// 500); its RUNSERVER_MAX_SEARCH_HITS_COUNT raises that, and is measured too (a Ralph of its own).
export async function benchReport({ launchBrowser, site, lrs, sizes = [10_000, 100_000] }) {
  console.log('\n== teacher report at 4x CPU, Chromium (first load, repeat open, peak memory)');
  console.log(`(load average now ${loadavg().map((x) => x.toFixed(1)).join(' ')}: wall times include waiting for a core)`);
  const course = 'https://pacer.example/courses/report-bench';
  await seedRalph(lrs, sizes[0], course);
  await measure({ launchBrowser, site, label: `Ralph (fs backend, 100 a page), ${sizes[0]}`, endpoint: lrs.endpoint, course, count: sizes[0], auth: true });
  const wide = await startLrs({ origins: [site.origin], maxPage: 500 });
  try {
    await seedRalph(wide, sizes[0], course);
    await measure({ launchBrowser, site, label: `Ralph (fs backend, 500 a page), ${sizes[0]}`, endpoint: wide.endpoint, course, count: sizes[0], auth: true });
  } finally {
    await wide.stop();
  }
  for (const count of sizes) {
    const replay = await startReplay(classStatements(count, course));
    try {
      await measure({ launchBrowser, site, label: `replay LRS, ${count}`, endpoint: replay.endpoint, course, count, auth: false });
    } finally {
      await replay.stop();
    }
  }
}
