// Where the teacher report's time goes (not part of `make bench`): opens report.html against the replay LRS
// of bench/report.mjs at 4x CPU, a first load then a repeat open, and prints wall, LRS and own time and,
// with PROFILE=1, the functions with the most self time (CDP profiler). `node bench/report-profile.mjs
// [statements] [dir ...]`: each dir is a laid-out site (default dist/); several dirs take turns, round by
// round (ROUNDS, default 1), each in a fresh browser, so two builds compare as ratios in one run.
import { launchBrowser } from '../tests/e2e/lib/browser.mjs';
import { startServer } from '../tests/e2e/lib/server.mjs';
import { classStatements, startReplay } from './report.mjs';

const count = Number(process.argv[2] ?? 10_000);
const dirs = process.argv.length > 3 ? process.argv.slice(3) : ['dist'];
const rounds = Number(process.env.ROUNDS ?? 1);
const profiling = process.env.PROFILE === '1';
const course = 'https://pacer.example/courses/report-bench';
const sites = await Promise.all(dirs.map((d) => startServer(d)));
const replay = await startReplay(classStatements(count, course));

async function open(context, site, label) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(`${site.origin}/report.html?lang=en`);
  await page.fill('#endpoint', replay.endpoint);
  await page.fill('#course', course);
  if (profiling) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const t0 = Date.now();
  await page.click('#load');
  await page.waitForSelector('#status[data-statements]', { timeout: 600_000 });
  const wall = Date.now() - t0;
  const d = await page.locator('#status').evaluate((s) => ({ ...s.dataset }));
  console.log(`  ${label.padEnd(12)} ${Number(d.ms).toFixed(0).padStart(6)} ms in the page (${wall} from the click), own ${Number(d.ownMs).toFixed(0).padStart(5)} ms (IndexedDB ${Number(d.idbMs).toFixed(0)}), LRS ${Number(d.lrsMs).toFixed(0).padStart(5)} ms, ${d.statements} statements, ${d.requests} requests`);
  if (profiling) {
    const { profile } = await cdp.send('Profiler.stop');
    const self = new Map();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const f = byId.get(id).callFrame;
      const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    for (const [k, v] of [...self].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 14)) {
      console.log(`      ${v.toFixed(0).padStart(6)} ms  ${k}`);
    }
  }
  await page.close();
}

try {
  for (let round = 0; round < rounds; round += 1) {
    for (const [i, site] of sites.entries()) {
      console.log(`${dirs[i]} (round ${round + 1}, ${count} statements)`);
      const browser = await launchBrowser();
      try {
        const context = await browser.newContext();
        await open(context, site, 'first load');
        await open(context, site, 'repeat open');
      } finally {
        await browser.close();
      }
    }
  }
} finally {
  await replay.stop();
  for (const s of sites) await s.stop();
}
