// Browser benchmarks: runs the `bench`-feature player (dist-bench/) in headless Chromium against a real
// Ralph on loopback and prints figures. Asserts nothing.
import { startLrs } from '../tests/e2e/lib/lrs.mjs';
import { startServer } from '../tests/e2e/lib/server.mjs';
import { launchBrowser } from '../tests/e2e/lib/browser.mjs';

const FLUSH_COUNT = Number(process.env.PACER_BENCH_FLUSH ?? 10_000);

const server = await startServer('dist-bench');
const lrs = await startLrs({ origins: [server.origin] });
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/`);
  const flush = await page.evaluate(async ([endpoint, auth, count]) => {
    const m = await import('/player/pacer.js');
    await m.default();
    return m.benchFlush(endpoint, auth, count);
  }, [lrs.endpoint, lrs.authHeader, FLUSH_COUNT]);
  console.log('== outbox flush into Ralph on loopback (Chromium, 1x CPU)');
  console.log(`statements queued            ${flush.statements} (queued in ${flush.queueMs.toFixed(0)} ms)`);
  console.log(`delivered                    ${flush.delivered}`);
  console.log(`flush time                   ${(flush.flushMs / 1000).toFixed(2)} s`);
  console.log(`throughput                   ${flush.statementsPerSecond.toFixed(0)} statements/s`);
  console.log(`bytes per statement (JSON)   ${flush.meanStatementBytes.toFixed(0)}`);
} finally {
  await browser.close();
  await lrs.stop();
  await server.stop();
}
