// The first item on a weak school network: bytes and time to the first clickable option under
// Lighthouse's mobile profile (CDP Emulation.setCPUThrottlingRate 4; Network.emulateNetworkConditions
// 150 ms latency, 1.6 Mbps down, 750 Kbps up) and with no network throttle, cold (empty cache), warm (HTTP
// cache) and from the service worker in a new tab. Each a median of PACER_BENCH_VISITS visits (default 9).
//
// With PACER_BENCH_BASE=DIR (a built dist/ of another build, e.g. the previous main), the two builds take
// turns visit by visit in the same run and the ratio of the medians is printed: on this noisy machine only
// a ratio from one run is worth reading. Prints; asserts nothing.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot, startServer } from '../tests/e2e/lib/server.mjs';
import { launchBrowser } from '../tests/e2e/lib/browser.mjs';
import { firstItemContext, firstItemAt } from './first-item.mjs';

const VISITS = Number(process.env.PACER_BENCH_VISITS ?? 9);
const BASE = process.env.PACER_BENCH_BASE;

const MOBILE = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};
const PROFILES = [
  { name: 'mobile (4x CPU, 150 ms RTT, 1.6 Mbps)', cpu: 4, network: MOBILE },
  { name: 'no network throttle (4x CPU)', cpu: 4, network: null },
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

/** A page of `context` at the profile's CPU and network, counting the bytes it receives. */
async function profiledPage(context, profile) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
  await cdp.send('Network.enable');
  if (profile.network) await cdp.send('Network.emulateNetworkConditions', profile.network);
  const bytes = { total: 0, urls: [] };
  const urls = new Map();
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e) => {
    bytes.total += e.encodedDataLength;
    if (urls.has(e.requestId)) bytes.urls.push(urls.get(e.requestId));
  });
  return { page, bytes };
}

/**
 * The gzip -9 size of the site's files at `urls` (each counted once): what the budget counts, whatever
 * the server sends. Files not in `dir` (relative to the repository, or absolute) count nothing.
 */
function gzipped(dir, urls) {
  let total = 0;
  for (const pathname of new Set(urls.map((u) => new URL(u).pathname))) {
    const file = path.join(path.resolve(repoRoot, dir), pathname === '/' ? 'index.html' : pathname);
    if (existsSync(file) && !file.endsWith('/')) total += gzipSync(readFileSync(file), { level: 9 }).length;
  }
  return total;
}

/** One visit of each kind for the site at `origin`: ms and bytes to the first item, and bytes in all. */
async function visit(browser, origin, dir, profile) {
  const context = await firstItemContext(browser);
  const out = {};
  {
    const { page, bytes } = await profiledPage(context, profile);
    await page.goto(`${origin}/`);
    out.cold = await firstItemAt(page);
    out.coldBytes = bytes.total;
    out.coldGzip = gzipped(dir, bytes.urls);
    await page.waitForLoadState('networkidle');
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await page.waitForTimeout(500);
    out.allBytes = bytes.total;
    // Warm: the HTTP cache and the service worker's copies; the page itself comes from the worker on the
    // second reload, when it controls the page.
    const before = bytes.total;
    await page.reload();
    out.warm = await firstItemAt(page);
    out.warmBytes = bytes.total - before;
    await page.close();
  }
  {
    const { page } = await profiledPage(context, profile);
    await page.goto(`${origin}/`);
    out.tab = await firstItemAt(page);
    await page.close();
  }
  await context.close();
  return out;
}

const sites = [{ name: 'this build', dir: 'dist', server: await startServer('dist') }];
if (BASE) sites.push({ name: `base (${BASE})`, dir: BASE, server: await startServer(BASE) });
const browser = await launchBrowser();
try {
  for (const profile of PROFILES) {
    console.log(`\n== first clickable item, ${profile.name}, median of ${VISITS}`);
    const runs = sites.map(() => []);
    for (let v = 0; v < VISITS; v += 1) {
      // Alternate the builds, and which goes first, so a change in the machine's speed hits both alike.
      const order = v % 2 === 0 ? sites.map((_, i) => i) : sites.map((_, i) => sites.length - 1 - i);
      for (const i of order) runs[i].push(await visit(browser, sites[i].server.origin, sites[i].dir, profile));
    }
    const kb = (b) => `${(b / 1024).toFixed(1)} KiB`;
    const summary = runs.map((r) => ({
      cold: median(r.map((x) => x.cold)),
      warm: median(r.map((x) => x.warm)),
      tab: median(r.map((x) => x.tab)),
      coldBytes: median(r.map((x) => x.coldBytes)),
      coldGzip: median(r.map((x) => x.coldGzip)),
      allBytes: median(r.map((x) => x.allBytes)),
    }));
    summary.forEach((s, i) => {
      console.log(
        `${sites[i].name}: cold ${s.cold.toFixed(0)} ms, warm ${s.warm.toFixed(0)} ms, ` +
        `service worker in a new tab ${s.tab.toFixed(0)} ms; bytes before the first item ${kb(s.coldBytes)} ` +
        `(its files ${kb(s.coldGzip)} gzip), in all ${kb(s.allBytes)}`,
      );
    });
    if (summary.length === 2) {
      const [ours, base] = summary;
      console.log(
        `ratio this/base: cold ${(ours.cold / base.cold).toFixed(2)}, warm ${(ours.warm / base.warm).toFixed(2)}, ` +
        `new tab ${(ours.tab / base.tab).toFixed(2)}, bytes before the first item ${(ours.coldBytes / base.coldBytes).toFixed(2)}`,
      );
    }
  }
} finally {
  await browser.close();
  for (const s of sites) await s.server.stop();
}
