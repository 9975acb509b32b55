// Browser benchmarks: runs the `bench`-feature player (dist-bench/) in headless Chromium against a real
// Ralph on loopback and prints figures. Asserts nothing. CPU throttling uses CDP
// Emulation.setCPUThrottlingRate (4x approximates a low-end Chromebook against this machine).
import { startLrs } from '../tests/e2e/lib/lrs.mjs';
import { startServer } from '../tests/e2e/lib/server.mjs';
import { firstItemContext, firstItemAt, throttledPage } from './first-item.mjs';
import { launchBrowser } from '../tests/e2e/lib/browser.mjs';
import { lrsFetch } from '../tests/e2e/lib/lrs.mjs';
import { benchReport } from './report.mjs';

const FLUSH_COUNT = Number(process.env.PACER_BENCH_FLUSH ?? 10_000);
const COMMIT_COUNT = Number(process.env.PACER_BENCH_COMMITS ?? 300);
const RESUME_ATTEMPTS = Number(process.env.PACER_BENCH_RESUME ?? 10_000);
// PACER_BENCH_ONLY=first-visit (a comma list of: decision, commit, resume, first-visit, flush, report) runs
// only those parts; PACER_BENCH_VISITS repeats the first-visit measurement and prints each run and the median.
const ONLY = process.env.PACER_BENCH_ONLY?.split(',');
const part = (name) => !ONLY || ONLY.includes(name);
const VISITS = Number(process.env.PACER_BENCH_VISITS ?? 1);

const server = await startServer('dist-bench');
const site = await startServer('dist');
const lrs = await startLrs({ origins: [server.origin, site.origin] });
const browser = await launchBrowser();

async function freshPage(rate) {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.evaluate(async () => {
    window.pacer = await import('/player/pacer.js');
    await window.pacer.default();
  });
  return page;
}

const ms = (x) => `${x.toFixed(1)} ms`;
try {
  if (part('decision')) console.log('== one next-item decision, wasm in Chromium (100 skills, 5,000 items, 20,000-attempt history)');
  for (const rate of part('decision') ? [1, 4] : []) {
    const page = await freshPage(rate);
    const d = await page.evaluate(() => window.pacer.benchDecision(2000));
    console.log(`${rate}x CPU: ${d.runs} decisions, median ${d.medianMs.toFixed(3)} ms, p95 ${d.p95Ms.toFixed(3)} ms (fold of the history ${ms(d.foldMs)})`);
    await page.close();
  }

  if (part('commit')) console.log('\n== answer to committed (score + statement + one IndexedDB transaction), Chromium');
  for (const rate of part('commit') ? [1, 4] : []) {
    const page = await freshPage(rate);
    const c = await page.evaluate((n) => window.pacer.benchCommit(n), COMMIT_COUNT);
    console.log(`${rate}x CPU: ${c.answers} answers, median ${ms(c.medianMs)}, p95 ${ms(c.p95Ms)}, max ${ms(c.maxMs)}`);
    if (rate === 1) console.log(`logical bytes stored per answer (attempt + queued statement): ${c.logicalBytesPerAnswer.toFixed(0)}`);
    await page.close();
  }

  if (part('resume')) console.log(`\n== resume with ${RESUME_ATTEMPTS} stored attempts (open, read place and log, rebuild session + model)`);
  for (const rate of part('resume') ? [1, 4] : []) {
    const page = await freshPage(rate);
    const r = await page.evaluate((n) => window.pacer.benchResume(n), RESUME_ATTEMPTS);
    console.log(`${rate}x CPU: resume ${ms(r.resumeMs)} (filling took ${(r.fillMs / 1000).toFixed(1)} s)`);
    await page.close();
  }

  if (part('first-visit')) console.log('\n== first visit and return visit of the demo course, Chromium at 4x CPU');
  const visits = { cold: [], warm: [], tab: [] };
  for (let visit = 0; part('first-visit') && visit < VISITS; visit += 1) {
    const context = await firstItemContext(browser);
    const { page } = await throttledPage(context);
    const files = new Map();
    page.on('response', async (response) => {
      const url = new URL(response.url());
      if (url.origin === site.origin) files.set(url.pathname, (await response.body().catch(() => Buffer.alloc(0))).length);
    });
    await page.goto(`${site.origin}/`);
    const cold = await firstItemAt(page);
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await page.reload();
    await firstItemAt(page);
    await page.reload(); // now the page itself is served by the service worker
    const warm = await firstItemAt(page);
    const controlled = await page.evaluate(() => Boolean(navigator.serviceWorker.controller));
    // A learner coming back in a new tab: a fresh page (and renderer) served by the service worker.
    const { page: tab } = await throttledPage(context);
    await tab.goto(`${site.origin}/`);
    const fresh = await firstItemAt(tab);
    let total = 0;
    for (const [name, bytes] of [...files].sort()) {
      total += bytes;
      if (visit === 0) console.log(`  ${name.padEnd(44)} ${String(bytes).padStart(8)} B`);
    }
    if (visit === 0) console.log(`  total first-visit bytes (uncompressed)       ${String(total).padStart(8)} B`);
    console.log(`navigation to first interactive item: cold ${ms(cold)}, from the service worker ${ms(warm)} (reload; controlled: ${controlled}), in a new tab ${ms(fresh)}`);
    visits.cold.push(cold);
    visits.warm.push(warm);
    visits.tab.push(fresh);
    await context.close();
  }
  if (VISITS > 1) {
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(`median of ${VISITS} visits: cold ${ms(median(visits.cold))}, from the service worker ${ms(median(visits.warm))} (reload), ${ms(median(visits.tab))} (new tab)`);
  }

  if (part('flush')) {
    const page = await freshPage(1);
    const flush = await page.evaluate(([endpoint, auth, count]) => window.pacer.benchFlush(endpoint, auth, count),
      [lrs.endpoint, lrs.authHeader, FLUSH_COUNT]);
    console.log('\n== outbox flush into Ralph (fs backend) on loopback, Chromium 1x CPU');
    console.log(`statements queued            ${flush.statements} (queued in ${flush.queueMs.toFixed(0)} ms)`);
    console.log(`delivered                    ${flush.delivered}`);
    console.log(`flush time                   ${(flush.flushMs / 1000).toFixed(2)} s`);
    console.log(`throughput                   ${flush.statementsPerSecond.toFixed(0)} statements/s`);
    console.log(`bytes per statement (JSON)   ${flush.meanStatementBytes.toFixed(0)}`);
  }

  if (part('report')) {
    const sizes = (process.env.PACER_BENCH_REPORT ?? '10000,100000').split(',').map(Number);
    await benchReport({ launchBrowser, site, lrs, sizes });
  }
} finally {
  await browser.close();
  await lrs.stop();
  await server.stop();
  await site.stop();
}
