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
// Resume is measured at each of these log sizes; commit with a history of COMMIT_HISTORY attempts. Each
// figure is the median of RUNS runs. PACER_BENCH_BEFORE=dir names a second bench player (another build,
// e.g. the main branch's) to alternate with, run by run, in the same browser.
const RESUME_SIZES = (process.env.PACER_BENCH_RESUME ?? '1000,10000,50000').split(',').map(Number);
const COMMIT_HISTORY = Number(process.env.PACER_BENCH_COMMIT_HISTORY ?? 10_000);
const RUNS = Number(process.env.PACER_BENCH_RUNS ?? 5);
const BEFORE = process.env.PACER_BENCH_BEFORE;
// PACER_BENCH_ONLY=first-visit (a comma list of: decision, commit, resume, first-visit, flush, report) runs
// only those parts; PACER_BENCH_VISITS repeats the first-visit measurement and prints each run and the median.
const ONLY = process.env.PACER_BENCH_ONLY?.split(',');
const part = (name) => !ONLY || ONLY.includes(name);
const VISITS = Number(process.env.PACER_BENCH_VISITS ?? 1);

const server = await startServer('dist-bench');
const beforeServer = BEFORE ? await startServer(BEFORE) : null;
const site = await startServer('dist');
const lrs = await startLrs({ origins: [server.origin, site.origin] });
const browser = await launchBrowser();

async function freshPage(rate, origin = server.origin) {
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  page.throttle = (r) => cdp.send('Emulation.setCPUThrottlingRate', { rate: r });
  await page.evaluate(async () => {
    window.pacer = await import('/player/pacer.js');
    await window.pacer.default();
  });
  return page;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// The builds compared: this tree's, and the one named by PACER_BENCH_BEFORE (each on its own origin, so
// each has its own IndexedDB).
const builds = [...(beforeServer ? [['before', beforeServer.origin]] : []), ['this', server.origin]];

const ms = (x) => `${x.toFixed(1)} ms`;
try {
  if (part('decision')) console.log('== one next-item decision, wasm in Chromium (100 skills, 5,000 items, 20,000-attempt history)');
  for (const rate of part('decision') ? [1, 4] : []) {
    const page = await freshPage(rate);
    const d = await page.evaluate(() => window.pacer.benchDecision(2000));
    console.log(`${rate}x CPU: ${d.runs} decisions, median ${d.medianMs.toFixed(3)} ms, p95 ${d.p95Ms.toFixed(3)} ms, mean ${d.meanMs.toFixed(3)} ms (fold of the history ${ms(d.foldMs)})`);
    await page.close();
  }

  // Resume and commit against stored logs: each build fills its own database once per size (at 1x), then
  // the builds take turns, run by run, at 4x.
  const filled = new Map();
  const pages = new Map();
  if (part('resume') || part('commit')) {
    for (const [build, origin] of builds) pages.set(build, await freshPage(1, origin));
    // Resume: a year in courses side by side; commit: the whole history in the course answered in.
    const fills = [...(part('resume') ? RESUME_SIZES.map((n) => [n, false]) : []), ...(part('commit') ? [[COMMIT_HISTORY, true]] : [])];
    for (const [n, oneCourse] of fills) {
      for (const [build] of builds) {
        const page = pages.get(build);
        await page.throttle(1);
        filled.set(`${build}:${n}${oneCourse ? ':one' : ''}`, await page.evaluate(([k, one]) => window.pacer.benchFill(k, one), [n, oneCourse]));
      }
    }
  }

  if (part('resume')) {
    console.log(`\n== resume: open the database, read what the first screen needs, resume the session; Chromium 4x CPU, median of ${RUNS} runs`);
    console.log('   (a year of answers: activities of 40 answers each, a place in each, in courses of 50 activities taken side by side;\n    the resumed activity is in one of them)');
    for (const n of RESUME_SIZES) {
      const runs = new Map(builds.map(([b]) => [b, []]));
      for (let r = 0; r < RUNS; r += 1) {
        for (const [build] of builds) {
          const page = pages.get(build);
          await page.throttle(4);
          runs.get(build).push(await page.evaluate((name) => window.pacer.benchResume(name), filled.get(`${build}:${n}`)));
        }
      }
      for (const [build] of builds) {
        const xs = runs.get(build);
        const rebuilt = xs.filter((x) => x.rebuilt).length;
        console.log(`${String(n).padStart(6)} attempts, ${build.padEnd(6)}: resume ${ms(median(xs.map((x) => x.resumeMs)))} (runs: ${xs.map((x) => x.resumeMs.toFixed(0)).join(', ')}; ${xs[0].activityAttempts} of this activity, ${xs[0].logAttempts} in the course, ${xs[0].places} places in the course${rebuilt ? `; snapshot rebuilt in ${rebuilt}` : ''})`);
        if (xs[0].partsMs) {
          const part = (k) => median(xs.map((x) => x.partsMs[k])).toFixed(1);
          console.log(`        parts (medians): open ${part(0)} ms; language, journal ${part(1)} ms; the course's places, activity attempts, snapshot ${part(2)} ms; session ${part(3)} ms`);
        }
      }
      // A start whose snapshot is gone or stale (another tab, an import): it is rebuilt from the log.
      if (pages.has('this')) {
        const page = pages.get('this');
        const name = filled.get(`this:${n}`);
        const xs = [];
        for (let r = 0; r < Math.min(RUNS, 3); r += 1) {
          await page.evaluate((d) => window.pacer.benchForget(d), name);
          xs.push(await page.evaluate((d) => window.pacer.benchResume(d), name));
        }
        console.log(`${String(n).padStart(6)} attempts, this, snapshot deleted first: resume ${ms(median(xs.map((x) => x.resumeMs)))} (rebuilt: ${xs.every((x) => x.rebuilt)})`);
      }
    }
  }

  if (part('commit')) {
    console.log(`\n== answer to committed (score + records + one IndexedDB transaction + session and course log) by a learner with ${COMMIT_HISTORY} attempts, all in this course; Chromium 4x CPU, ${COMMIT_COUNT} answers a run, median of ${RUNS} runs`);
    const runs = new Map(builds.map(([b]) => [b, []]));
    for (let r = 0; r < RUNS; r += 1) {
      for (const [build] of builds) {
        const page = pages.get(build);
        await page.throttle(4);
        runs.get(build).push(await page.evaluate(([name, k]) => window.pacer.benchCommit(name, k), [filled.get(`${build}:${COMMIT_HISTORY}:one`), COMMIT_COUNT]));
      }
    }
    for (const [build] of builds) {
      const xs = runs.get(build);
      const col = (key) => xs.map((x) => x[key].toFixed(1)).join(', ');
      console.log(`${build.padEnd(6)}: median ${ms(median(xs.map((x) => x.medianMs)))}, p95 ${ms(median(xs.map((x) => x.p95Ms)))}, max ${ms(median(xs.map((x) => x.maxMs)))} (per run: p95 ${col('p95Ms')}; max ${col('maxMs')}; ${xs[0].history} attempts in the course before the first run)`);
      // Where the time goes: each part's median/p95/max, medians over the runs (older builds lack them).
      const partOf = (key) => (xs[0][key] ? [0, 1, 2].map((k) => median(xs.map((x) => x[key][k])).toFixed(1)).join('/') : 'n/a');
      console.log(`        parts, median/p95/max: answer ${partOf('answerMs')} ms, transaction ${partOf('transactionMs')} ms, after it ${partOf('afterMs')} ms; then, after the feedback, the course snapshot ${partOf('snapshotMs')} ms`);
    }
    console.log(`logical bytes stored per answer (attempt + queued statement): ${runs.get('this')[0].logicalBytesPerAnswer.toFixed(0)}`);
  }
  for (const page of pages.values()) await page.close();

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
  if (beforeServer) await beforeServer.stop();
  await site.stop();
}
