// Where the teacher report's own share goes, over bare CDP as bench/report.mjs measures it (not part of
// `make bench`): a first load at 4x CPU with a trace of the renderer (Chromium's trace events, self time by
// name, for the page's main thread and the report worker's thread) and, with PROFILE=1, the V8 CPU
// profiles of both (functions by self time; the worker's is started before its first line runs). Tracing
// and profiling cost the measured threads time of their own: read the figures as shares, not as the bench's.
// `node bench/report-trace.mjs [statements] [dir]`: LRS=ralph reads from a real Ralph (fs backend,
// MAXPAGE a page, default 100) seeded with the class; otherwise the replay LRS of bench/report.mjs (PAGE a
// page, default 500, DELAY ms latency a page). TRACE_OUT=file writes the raw trace events there.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { startServer } from '../tests/e2e/lib/server.mjs';
import { startLrs } from '../tests/e2e/lib/lrs.mjs';
import { launchCdp, newContext, openTab, profileSelf } from './cdp.mjs';
import { classStatements, rendererThreads, seedRalph, startReplay, threadWork } from './report.mjs';

const count = Number(process.argv[2] ?? 10_000);
const dir = process.argv[3] ?? 'dist';
const ralph = process.env.LRS === 'ralph';
const profiling = process.env.PROFILE === '1';
const rate = Number(process.env.RATE ?? 4);
const course = 'https://pacer.example/courses/report-bench';
const site = await startServer(dir);
const lrs = ralph
  ? await startLrs({ origins: [site.origin], maxPage: Number(process.env.MAXPAGE ?? 100) })
  : await startReplay(classStatements(count, course), { pageCap: Number(process.env.PAGE ?? 500), delayMs: Number(process.env.DELAY ?? 0) });
if (ralph) await seedRalph(lrs, count, course);

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink', 'toplevel', 'disabled-by-default-v8.gc', 'loading', 'netlog', 'mojom', 'ipc'];

// Self time by event name of one thread's complete events, and the thread's busy time (its top-level
// events' durations).
function selfTimes(events) {
  events.sort((x, y) => x.ts - y.ts || y.dur - x.dur);
  const self = new Map();
  const n = new Map();
  const stack = [];
  let busy = 0;
  for (const e of events) {
    const name = e.args?.src_func ? `${e.name} ${e.args.src_file?.split('/').slice(-1)}:${e.args.src_func}` : e.name;
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    if (stack.length) self.set(stack.at(-1).key, (self.get(stack.at(-1).key) ?? 0) - e.dur);
    else busy += e.dur;
    self.set(name, (self.get(name) ?? 0) + e.dur);
    n.set(name, (n.get(name) ?? 0) + 1);
    stack.push({ ts: e.ts, dur: e.dur, key: name });
  }
  return { busy, rows: [...self].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, v, n.get(k)]), tops: topLevel(events) };
}

// The thread's top-level tasks by where they were posted from (or their name), with their whole time
// (children included): which kinds of task the thread's busy time is made of.
function topLevel(events) {
  const total = new Map();
  const n = new Map();
  let current = null;
  const close = () => {
    if (!current) return;
    total.set(current.key, (total.get(current.key) ?? 0) + current.dur);
    n.set(current.key, (n.get(current.key) ?? 0) + 1);
  };
  for (const e of events) {
    if (!current || e.ts >= current.end) {
      close();
      current = { end: e.ts + e.dur, dur: e.dur, key: e.name, src: false };
    }
    // Named by the first event inside it that says where it was posted from, or by what it did (a
    // handled message, a call into the page's scripts, a frame's style, layout, paint).
    if (!current.src && e.args?.src_func) { current.key = `${e.args.src_file?.split('/').slice(-1)}:${e.args.src_func}`; current.src = true; }
    else if (!current.src && current.key.endsWith('RunTask') && e.name !== current.key && !e.name.endsWith('RunTask')) current.key = `RunTask > ${e.name}`;
  }
  close();
  return [...total].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, v, n.get(k)]);
}

const cdp = await launchCdp();
try {
  console.log(`${rate}x CPU; ${ralph ? `Ralph (${process.env.MAXPAGE ?? 100} a page)` : `replay LRS (pages of at most ${process.env.PAGE ?? 500}, ${process.env.DELAY ?? 0} ms latency)`}, ${count} statements; ${dir}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const context = await newContext(cdp);
  const threads0 = await rendererThreads(cdp);
  const workerProfiles = [];
  // Workers start profiled (before their first line) when PROFILE=1.
  const off = cdp.on(async (m) => {
    if (!profiling || m.method !== 'Target.attachedToTarget' || m.params.targetInfo.type !== 'worker') return;
    const { sessionId } = m.params;
    workerProfiles.push(sessionId);
    await cdp.send('Profiler.enable', {}, sessionId).catch(() => {});
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 }, sessionId).catch(() => {});
    await cdp.send('Profiler.start', {}, sessionId).catch(() => {});
  });
  const tab = await openTab(cdp, context, `${site.origin}/report.html?lang=en`, { rate });
  const fill = { endpoint: lrs.endpoint, course, ...(ralph ? { username: 'pacer', password: 'pacer' } : {}) };
  await tab.evaluate(`(() => { for (const [k, v] of Object.entries(${JSON.stringify(fill)})) document.getElementById(k).value = v; })()`);
  await tab.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 500))))');
  await tab.send('Performance.enable', { timeDomain: 'timeTicks' });
  const busyNow = async () => (await tab.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value * 1000;
  if (profiling) {
    await tab.send('Profiler.enable');
    await tab.send('Profiler.setSamplingInterval', { interval: 200 });
    await tab.send('Profiler.start');
  }
  const chunks = [];
  const offTrace = cdp.on((m) => { if (m.method === 'Tracing.dataCollected') chunks.push(...m.params.value); });
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  const busy0 = await busyNow();
  const t0 = Date.now();
  const done = tab.evaluate(`new Promise((resolve) => {
    const status = document.getElementById('status');
    new MutationObserver((_, o) => { if (status.dataset.statements) { o.disconnect(); resolve(); } })
      .observe(status, { attributes: true, attributeFilter: ['data-statements'] });
  })`);
  await tab.click('load');
  await done;
  const wall = Date.now() - t0;
  await new Promise((r) => setTimeout(r, 200));
  const mainMs = (await busyNow()) - busy0;
  const { workerMs } = threadWork(threads0, await rendererThreads(cdp));
  const complete = cdp.once('Tracing.tracingComplete');
  await cdp.send('Tracing.end');
  await complete;
  offTrace();
  // TRACE_OUT=file keeps the raw events (a JSON array) for a closer look.
  if (process.env.TRACE_OUT) writeFileSync(process.env.TRACE_OUT, JSON.stringify(chunks));
  const d = await tab.evaluate("({ ...document.getElementById('status').dataset })");
  console.log(`first load ${wall} ms from the click; main thread busy ${mainMs.toFixed(0)} ms, worker CPU ${workerMs.toFixed(0)} ms (own share ${(mainMs + rate * workerMs).toFixed(0)} ms);`
    + ` ${d.statements} statements, ${d.requests} requests, ${d.renders} renders, page's clock ${Number(d.ms).toFixed(0)} ms, LRS ${Number(d.lrsMs).toFixed(0)} ms`);
  const names = chunks.filter((e) => e.ph === 'M' && e.name === 'thread_name');
  const main = names.find((e) => e.args?.name === 'CrRendererMain' && chunks.some((x) => x.pid === e.pid && x.tid === e.tid && x.name === 'FunctionCall'));
  const threads = names.filter((e) => main && e.pid === main.pid && (e.tid === main.tid || e.args?.name?.startsWith('DedicatedWorker')));
  const top = Number(process.env.TOP ?? 30);
  for (const thread of threads) {
    const { busy, rows, tops } = selfTimes(chunks.filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && e.dur !== undefined));
    console.log(`  ${thread.args.name}: top-level events ${(busy / 1000).toFixed(0)} ms (tracing adds its own)`);
    for (const [k, v, n] of rows.slice(0, top)) console.log(`    ${(v / 1000).toFixed(1).padStart(8)} ms self ${String(n).padStart(6)}x  ${k}`);
    console.log('    top-level tasks by origin (whole time):');
    for (const [k, v, n] of tops.slice(0, top)) console.log(`    ${(v / 1000).toFixed(1).padStart(8)} ms      ${String(n).padStart(6)}x  ${k}`);
  }
  if (profiling) {
    const profiles = [['page', (await tab.send('Profiler.stop')).profile]];
    for (const s of workerProfiles) {
      const r = await cdp.send('Profiler.stop', {}, s).catch(() => null);
      if (r) profiles.push(['worker', r.profile]);
    }
    for (const [label, profile] of profiles) {
      const rows = profileSelf(profile);
      const total = rows.reduce((a, [, v]) => a + v, 0);
      console.log(`  ${label} JS profile: ${total.toFixed(0)} ms sampled (not idle)`);
      for (const [k, v] of rows.slice(0, top)) console.log(`    ${v.toFixed(1).padStart(8)} ms  ${k}`);
    }
  }
  off();
  await tab.close();
  await context.dispose();
} finally {
  await cdp.close();
  await lrs.stop();
  await site.stop();
}
