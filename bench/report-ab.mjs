// A/B of the teacher report's own share (not part of `make bench`): several laid-out sites (dirs, each a
// dist/ with its own www/report* files) take turns, round by round, each in a fresh browser, measured as
// bench/report.mjs measures (bare CDP, 4x CPU, the page's main thread busy plus 4x the worker's CPU time),
// and their means compare as ratios against the first. `node bench/report-ab.mjs [statements] dir ...`;
// LRS=ralph reads from a real Ralph (fs backend, MAXPAGE a page, default 100) seeded once; otherwise the
// replay LRS of bench/report.mjs (PAGE a page, default 500; DELAY ms latency a page). ROUNDS (default 3).
// RATE=1 runs unthrottled and counts the main thread's CPU time (from /proc) instead of its busy time,
// times 4 like the worker's: not inflated by waiting for a core on a loaded machine, so small differences
// show in a few rounds (an estimate of the 4x figure, not the figure).
import { loadavg } from 'node:os';
import { startServer } from '../tests/e2e/lib/server.mjs';
import { startLrs } from '../tests/e2e/lib/lrs.mjs';
import { classStatements, describe, measure, seedRalph, startReplay } from './report.mjs';

const count = Number(process.argv[2] ?? 10_000);
const dirs = process.argv.slice(3);
const rounds = Number(process.env.ROUNDS ?? 3);
const ralph = process.env.LRS === 'ralph';
const course = 'https://pacer.example/courses/report-bench';
const rate = Number(process.env.RATE ?? 4);
const sites = [];
for (const d of dirs) sites.push(await startServer(d));
const lrs = ralph
  ? await startLrs({ origins: sites.map((s) => s.origin), maxPage: Number(process.env.MAXPAGE ?? 100) })
  : await startReplay(classStatements(count, course), { pageCap: Number(process.env.PAGE ?? 500), delayMs: Number(process.env.DELAY ?? 0) });
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
try {
  if (ralph) await seedRalph(lrs, count, course);
  console.log(`${ralph ? `Ralph (${process.env.MAXPAGE ?? 100} a page)` : `replay LRS (${process.env.PAGE ?? 500} a page, ${process.env.DELAY ?? 0} ms)`}, ${count} statements, ${rounds} rounds; load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  const figures = dirs.map(() => ({ own: [], main: [], worker: [], repeat: [], load: [] }));
  for (let round = 1; round <= rounds; round += 1) {
    // Alternate the order too, so neither always runs right after the other.
    const order = dirs.map((_, i) => i);
    if (round % 2 === 0) order.reverse();
    for (const i of order) {
      const m = await measure({ site: sites[i], endpoint: lrs.endpoint, course, auth: ralph, rate });
      if (rate === 1) {
        // Unthrottled: the threads' CPU time, each times 4.
        for (const r of [m.first, m.repeat]) { r.mainMs = 4 * r.mainCpuMs; r.workerFactor = 4; r.own = r.mainMs + 4 * r.workerMs; }
      }
      if (process.env.VERBOSE) describe(`round ${round}, ${dirs[i]}`, count, m);
      const per = count / 10_000;
      figures[i].own.push(m.first.own / per);
      figures[i].main.push(m.first.mainMs / per);
      figures[i].worker.push(m.first.workerFactor * m.first.workerMs / per);
      figures[i].repeat.push(m.repeat.wall);
      figures[i].load.push(loadavg()[0]);
      console.log(`  round ${round} ${dirs[i]}: own ${s(m.first.own / per)} per 10,000 (main ${s(m.first.mainMs / per)}, worker x${m.first.workerFactor} ${s(m.first.workerFactor * m.first.workerMs / per)}), wall ${s(m.first.wall)}, ${m.first.renders} renders; repeat ${s(m.repeat.wall)} (own ${s(m.repeat.own)}); peak ${m.peakMb.toFixed(0)} MB; load ${loadavg()[0].toFixed(1)}`);
    }
  }
  for (const [i, f] of figures.entries()) {
    const ratio = i ? ` (x${(mean(f.own) / mean(figures[0].own)).toFixed(2)} of ${dirs[0]}; main x${(mean(f.main) / mean(figures[0].main)).toFixed(2)}, worker x${(mean(f.worker) / mean(figures[0].worker)).toFixed(2)})` : '';
    console.log(`${dirs[i]}: own ${s(mean(f.own))} per 10,000 (main ${s(mean(f.main))}, worker ${s(mean(f.worker))})${ratio}; repeat open ${s(mean(f.repeat))}; load ${f.load.map((x) => x.toFixed(1)).join(' / ')}`);
  }
} finally {
  await lrs.stop();
  for (const site of sites) await site.stop();
}
