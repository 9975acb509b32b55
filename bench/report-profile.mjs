// Where the teacher report's time goes (not part of `make bench`): opens report.html at 4x CPU, a first
// load then a repeat open, and prints the page's clock (wall, its scripts' own time, the LRS's request to
// body time), the main thread's busy time (CDP TaskDuration) and the report worker's CPU time (/proc; CDP
// cannot throttle a worker: bench/report.mjs counts it 4x) and, with PROFILE=1, the page's functions with
// the most self time (CDP profiler), or with TRACE=1 the trace events with the most self time (style,
// layout, paint, fetch, ...) of the renderer's main thread and of the worker's thread, each. Playwright
// drives the page here, and its network instrumentation (of the page and of the worker) costs those
// threads some time per request: bench/report.mjs measures over bare CDP instead.
// `node bench/report-profile.mjs [statements] [dir ...]`: each dir is a laid-out site (default dist/);
// several dirs take turns, round by round (ROUNDS, default 1), each in a fresh browser, so two builds
// compare as ratios in one run. LRS=ralph reads from a real Ralph (fs backend; 100 statements a page, or
// MAXPAGE) seeded with the class; otherwise the replay LRS of bench/report.mjs, whose page cap is PAGE
// (default 500; PAGE=100 pages as Ralph does by default) and latency DELAY ms a page (default 0). RATE=1 runs unthrottled and prints the main
// thread's CPU time too (from /proc: not inflated by the machine's load; throttled, the thread spins).
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { launchBrowser } from '../tests/e2e/lib/browser.mjs';
import { startServer } from '../tests/e2e/lib/server.mjs';
import { startLrs } from '../tests/e2e/lib/lrs.mjs';
import { profileSelf } from './cdp.mjs';
import { classStatements, rendererPeakMb, rendererThreads, reportDone, seedRalph, startReplay, threadWork } from './report.mjs';

const count = Number(process.argv[2] ?? 10_000);
const dirs = process.argv.length > 3 ? process.argv.slice(3) : ['dist'];
const rounds = Number(process.env.ROUNDS ?? 1);
const profiling = process.env.PROFILE === '1';
const tracing = process.env.TRACE === '1';
const ralph = process.env.LRS === 'ralph';
const rate = Number(process.env.RATE ?? 4);
const course = 'https://pacer.example/courses/report-bench';
const sites = await Promise.all(dirs.map((d) => startServer(d)));

async function startRalph() {
  const maxPage = process.env.MAXPAGE ? Number(process.env.MAXPAGE) : undefined;
  const lrs = await startLrs({ origins: sites.map((s) => s.origin), maxPage });
  await seedRalph(lrs, count, course);
  return lrs;
}
const lrs = ralph ? await startRalph() : await startReplay(classStatements(count, course), { pageCap: Number(process.env.PAGE ?? 500), delayMs: Number(process.env.DELAY ?? 0) });

// CPU time of this browser's renderer main threads, from /proc (the main thread's tid is its pid): the
// thread's work whatever the machine's load. Only at RATE=1: CPU throttling spins the throttled thread.
async function rendererMainCpuMs(browser) {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  await cdp.detach();
  let ticks = 0;
  for (const { id } of processInfo.filter((x) => x.type === 'renderer')) {
    try {
      const f = readFileSync(`/proc/${id}/task/${id}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(f[11]) + Number(f[12]); // utime and stime, fields 14 and 15
    } catch { /* gone */ }
  }
  return ticks * 10;
}

async function open(browser, context, site, label) {
  const threads0 = await rendererThreads(browser);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.goto(`${site.origin}/report.html?lang=en`);
  await page.fill('#endpoint', lrs.endpoint);
  if (ralph) { await page.fill('#username', 'pacer'); await page.fill('#password', 'pacer'); }
  await page.fill('#course', course);
  if (profiling) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  const busy = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value * 1000;
  if (tracing) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink', 'toplevel', 'disabled-by-default-v8.gc'] });
  const busy0 = await busy();
  const cpu0 = await rendererMainCpuMs(browser);
  const t0 = Date.now();
  await page.click('#load');
  await reportDone(page);
  const wall = Date.now() - t0;
  // Tasks end before their time is counted: a moment for the last one.
  await new Promise((r) => setTimeout(r, 200));
  const busyMs = (await busy()) - busy0;
  const peakMb = await rendererPeakMb(browser); // while the page is open: its renderer may go with it
  const cpuMs = (await rendererMainCpuMs(browser)) - cpu0;
  const { workerMs } = threadWork(threads0, await rendererThreads(browser));
  const d = await page.locator('#status').evaluate((s) => ({ ...s.dataset }));
  const n = (k) => Number(d[k] ?? NaN).toFixed(0).padStart(6);
  console.log(`  ${label.padEnd(12)} ${n('ms')} ms in the page (${wall} from the click), own ${n('ownMs')} ms (IndexedDB ${Number(d.idbMs).toFixed(0)}), LRS ${n('lrsMs')} ms,`
    + ` main thread busy ${busyMs.toFixed(0)} ms, worker CPU ${workerMs.toFixed(0)} ms (own share ${(busyMs + rate * workerMs).toFixed(0)} ms)${rate === 1 ? `, its CPU ${cpuMs} ms (x4 ${4 * cpuMs})` : ''}, ${d.statements} statements, ${d.requests} requests, ${d.renders} renders, renderer peak ${peakMb.toFixed(0)} MB resident`);
  if (tracing) {
    // The renderer's main thread's and the report worker's thread's events, each event's time less its
    // children's (self time), by name.
    const { traceEvents } = JSON.parse(String(await browser.stopTracing()));
    const main = traceEvents.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain'
      && traceEvents.some((x) => x.pid === e.pid && x.tid === e.tid && x.name === 'FunctionCall'));
    const threads = traceEvents.filter((e) => main && e.pid === main.pid && e.ph === 'M' && e.name === 'thread_name'
      && (e.tid === main.tid || e.args?.name?.startsWith('DedicatedWorker')));
    for (const thread of threads) {
      const events = traceEvents.filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && e.dur !== undefined)
        .sort((x, y) => x.ts - y.ts || y.dur - x.dur);
      const self = new Map();
      const count = new Map();
      const stack = [];
      let busy = 0;
      for (const e of events) {
        // A task by where it was posted from (Chromium's source location), when the trace says.
        if (e.args?.src_func) e.name = `${e.name} ${e.args.src_file?.split('/').slice(-1)}:${e.args.src_func}`;
        while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
        if (stack.length) self.set(stack.at(-1).name, (self.get(stack.at(-1).name) ?? 0) - e.dur);
        else busy += e.dur;
        self.set(e.name, (self.get(e.name) ?? 0) + e.dur);
        count.set(e.name, (count.get(e.name) ?? 0) + 1);
        stack.push(e);
      }
      console.log(`    ${thread.args.name}: tasks ${(busy / 1000).toFixed(0)} ms (tracing adds its own)`);
      for (const [k, v] of [...self].sort((x, y) => y[1] - x[1]).slice(0, 18)) {
        console.log(`      ${(v / 1000).toFixed(0).padStart(6)} ms self  ${String(count.get(k)).padStart(6)}x  ${k}`);
      }
    }
  }
  if (profiling) {
    const { profile } = await cdp.send('Profiler.stop');
    for (const [k, v] of profileSelf(profile).slice(0, 14)) {
      console.log(`      ${v.toFixed(0).padStart(6)} ms  ${k}`);
    }
  }
  await page.close();
}

try {
  console.log(`${rate}x CPU; ${ralph ? `Ralph (${process.env.MAXPAGE ?? 100} a page)` : `replay LRS (pages of at most ${process.env.PAGE ?? 500})`}, ${count} statements; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  for (let round = 0; round < rounds; round += 1) {
    for (const [i, site] of sites.entries()) {
      console.log(`${dirs[i]} (round ${round + 1}; load ${loadavg()[0].toFixed(2)})`);
      const browser = await launchBrowser();
      try {
        const context = await browser.newContext();
        await open(browser, context, site, 'first load');
        await open(browser, context, site, 'repeat open');
      } finally {
        await browser.close();
      }
    }
  }
} finally {
  await lrs.stop();
  for (const s of sites) await s.stop();
}
