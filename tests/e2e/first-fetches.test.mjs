// The first item on a slow network (#19): the host page starts the package's manifest and the first
// activity while the wasm downloads, the player uses those fetches instead of repeating them, and
// nothing else of the course is fetched before the first item shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack } from './lib/stack.mjs';

const stack = useStack();

// Lighthouse's mobile network: every file a round trip of 150 ms, the wasm about two seconds.
const MOBILE = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

test('the manifest and the first activity are fetched once each, while the wasm downloads', async () => {
  // No service worker: once the item shows, it would fetch the whole course to keep it offline.
  const context = await stack.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', MOBILE);
  const started = new Map(); // requestId -> { url, at }
  const finished = new Map(); // url -> at
  cdp.on('Network.requestWillBeSent', (e) => started.set(e.requestId, { url: new URL(e.request.url).pathname, at: e.timestamp }));
  cdp.on('Network.loadingFinished', (e) => {
    const request = started.get(e.requestId);
    if (request) finished.set(request.url, e.timestamp);
  });
  await page.goto(`${stack.server.origin}/`);
  await page.locator('form.item').waitFor({ timeout: 60_000 });
  const before = [...started.values()];
  const count = (pathname) => before.filter((r) => r.url === pathname).length;

  assert.equal(count('/course/pkg.json'), 1, 'the manifest is fetched once');
  const activityFiles = before.filter((r) => r.url.startsWith('/course/content/'));
  assert.deepEqual(
    activityFiles.map((r) => r.url),
    ['/course/content/unit-fractions-practice.json'],
    'only the first activity is fetched before the first item, once',
  );
  const manifestAsked = before.find((r) => r.url === '/course/pkg.json').at;
  const activityAsked = activityFiles[0].at;
  const wasmDone = finished.get('/player/pacer_bg.wasm');
  assert.ok(wasmDone, 'the wasm was fetched');
  assert.ok(manifestAsked < wasmDone, 'the manifest is asked for before the wasm has arrived');
  assert.ok(activityAsked < wasmDone, 'so is the first activity');
  await context.close();
});

test('a prefetch that fails is fetched again by the player', async () => {
  const context = await stack.browser.newContext();
  let refused = 0;
  // The page's prefetch of the manifest is the first request for it (the player asks only once the wasm
  // runs): it fails, and the player's own fetch, its first try, succeeds.
  await context.route('**/course/pkg.json', (route) => {
    if (refused === 0) {
      refused += 1;
      return route.fulfill({ status: 503, body: 'busy' });
    }
    return route.continue();
  });
  const page = await context.newPage();
  await page.goto(`${stack.server.origin}/`);
  await page.locator('form.item').waitFor();
  assert.equal(refused, 1);
  assert.equal(await page.locator('.error-panel').count(), 0);
  await context.close();
});
