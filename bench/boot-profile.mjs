// Where the time to the first item goes, from the service worker, at 4x CPU: the player's User Timing
// marks (boot, wasm, mount, loaded, records, shown) per run, the resource timings, the wasm functions
// Chrome compiled on the page's thread at their first call (from a trace), and a CPU profile of the
// navigation summed by function. Not part of `make bench` (its figures are in bench/browser.mjs); run by
// hand:  node bench/boot-profile.mjs [DIR]   (DIR relative to the repo, default dist)
// For wasm function names in the profile, serve a copy of dist/ whose wasm kept them (wasm-bindgen
// --keep-debug, then wasm-opt -Oz -g).
import { startServer } from '../tests/e2e/lib/server.mjs';
import { launchBrowser } from '../tests/e2e/lib/browser.mjs';
import { firstItemContext, firstItemAt, throttledPage } from './first-item.mjs';

const dir = process.argv[2] ?? 'dist';
const RUNS = Number(process.env.PACER_PROFILE_RUNS ?? 5);
const site = await startServer(dir);
const browser = await launchBrowser();
const totals = new Map();
const firstItems = [];
const lazy = { functions: 0, ms: 0 };
try {
  for (let run = 0; run < RUNS; run += 1) {
    const context = await firstItemContext(browser);
    const { page, cdp } = await throttledPage(context);
    await page.goto(`${site.origin}/`);
    await firstItemAt(page);
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await page.reload();
    await firstItemAt(page);
    // PACER_PROFILE_TAB=1: the measured visit opens in a new tab (a learner coming back to the course)
    // rather than reloading the page, which also pays for tearing the old page down.
    let measured = page;
    let mcdp = cdp;
    if (process.env.PACER_PROFILE_TAB) {
      await page.close();
      ({ page: measured, cdp: mcdp } = await throttledPage(context));
    }
    // Chrome compiles a wasm function when it is first called (lazily, on the calling thread), unless it is
    // still in memory from an earlier page of the same renderer process; the code cache keeps only the
    // functions that ran hot enough to be optimised. A new tab pays for every function the boot runs.
    await browser.startTracing(measured, { categories: ['v8.wasm', 'disabled-by-default-v8.wasm.detailed'] });
    await mcdp.send('Profiler.enable');
    await mcdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await mcdp.send('Profiler.start');
    if (process.env.PACER_PROFILE_TAB) await measured.goto(`${site.origin}/`);
    else await page.reload();
    const at = await firstItemAt(measured);
    const { profile } = await mcdp.send('Profiler.stop');
    const trace = JSON.parse(String(await browser.stopTracing()));
    for (const e of trace.traceEvents ?? trace) {
      if (e.name === 'wasm.CompileLazy' && e.dur !== undefined) {
        lazy.functions += 1 / RUNS;
        lazy.ms += e.dur / 1000 / RUNS;
      }
    }
    const marks = await measured.evaluate(() => performance.getEntriesByType('mark')
      .filter((m) => m.name.startsWith('pacer:')).map((m) => [m.name.slice(6), m.startTime]));
    const nav = await measured.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      return [['html', n.responseEnd], ['dom', n.domInteractive]];
    });
    console.log(`run ${run}: ${[...nav, ...marks].map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}, first item ${at.toFixed(0)}`);
    const timings = await measured.evaluate(() => performance.getEntriesByType('resource')
      .map((r) => [new URL(r.name).pathname, Math.round(r.startTime), Math.round(r.responseEnd)]));
    firstItems.push(at);
    if (run === 0) {
      console.log('resource  start..end (ms from navigation)');
      for (const [name, start, end] of timings) console.log(`  ${name.padEnd(40)} ${start}..${end}`);
    }
    // Self time per function, from the samples.
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const dt = profile.timeDeltas;
    for (let i = 0; i < profile.samples.length; i += 1) {
      const node = byId.get(profile.samples[i]);
      const f = node.callFrame;
      const name = `${f.functionName || '(anonymous)'} ${f.url ? f.url.split('/').pop() : ''}`.trim();
      totals.set(name, (totals.get(name) ?? 0) + (dt[i + 1] ?? 0) / 1000 / RUNS);
    }
    await context.close();
  }
  const median = [...firstItems].sort((a, b) => a - b)[Math.floor(RUNS / 2)];
  console.log(`first item from the service worker, median of ${RUNS}: ${median.toFixed(0)} ms`);
  console.log(`wasm functions compiled at their first call, mean per run: ${lazy.functions.toFixed(0)}, `
    + `${lazy.ms.toFixed(0)} ms`);
  console.log('self time per function, mean per run (ms, wall clock at 4x)');
  for (const [name, ms] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
    console.log(`  ${ms.toFixed(1).padStart(7)}  ${name.slice(0, 110)}`);
  }
} finally {
  await browser.close();
  await site.stop();
}
