// The first item on a slow network (#19): the host page starts the package's manifest and the first
// activity while the wasm downloads, the player uses those fetches instead of repeating them, and
// nothing else of the course is fetched before the first item shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack } from './lib/stack.mjs';

const stack = useStack();

// These are about the player's own start: without a first-item form (#19) a new learner's first item is
// the player's to draw, as on every visit that is not a new learner's plain first one.
const withoutForm = (context) => context.route('**/first.bin', (route) => route.fulfill({ status: 404, body: 'none' }));

// Lighthouse's mobile network: every file a round trip of 150 ms, the wasm about two seconds.
const MOBILE = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

test('the manifest and the first activity are fetched once each, while the wasm downloads', async () => {
  // No service worker: once the item shows, it would fetch the whole course to keep it offline.
  const context = await stack.browser.newContext({ serviceWorkers: 'block' });
  await withoutForm(context);
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

test('the page\'s prefetch is the player\'s first try: a stalled one is tried again, the activity opens', async () => {
  const context = await stack.browser.newContext({ serviceWorkers: 'block' });
  await withoutForm(context);
  await context.route('**/config.json', (route) => route.fulfill({
    json: { packageUrl: 'course/pkg.json', fetchTimeoutMs: 1000 },
  }));
  let asked = 0;
  // The page's prefetch of the manifest is the first request for it (the player asks only once the wasm
  // runs): it is never answered, and the player's next try is.
  await context.route('**/course/pkg.json', (route) => {
    asked += 1;
    if (asked === 1) return undefined;
    return route.continue();
  });
  const page = await context.newPage();
  await page.goto(`${stack.server.origin}/`);
  await page.locator('form.item').waitFor({ timeout: 15_000 });
  assert.equal(asked, 2, 'the stalled prefetch and one try of the player');
  assert.equal(await page.locator('.error-panel').count(), 0);
  await context.close();
});

test('an HTTP error answering the prefetch is the player\'s answer: the panel names the file', async () => {
  const context = await stack.browser.newContext({ serviceWorkers: 'block' });
  await withoutForm(context);
  let asked = 0;
  await context.route('**/course/pkg.json', (route) => {
    asked += 1;
    return route.fulfill({ status: 404, body: 'gone' });
  });
  const page = await context.newPage();
  await page.goto(`${stack.server.origin}/`);
  const panel = page.locator('.error-panel');
  await panel.waitFor();
  assert.match(await panel.textContent(), /pkg\.json: HTTP 404/);
  assert.equal(asked, 1, 'an answer is not asked for again');
  await context.close();
});

test('the other activities are fetched once the first item shows, before any answer: none at the feedback', async () => {
  // Each other activity once, and all before the learner answers: at the first answer's feedback, the
  // pause where a waiting new version takes over, the service worker then has no fetch to handle (with
  // one, Chromium put the new version off for longer than update.test.mjs allows, 10 s).
  const context = await stack.browser.newContext({ serviceWorkers: 'block' });
  const { activities } = await (await fetch(`${stack.server.origin}/course/pkg.json`)).json();
  const first = '/course/content/unit-fractions-practice.json';
  const asked = [];
  context.on('request', (r) => {
    const url = new URL(r.url()).pathname;
    if (url.startsWith('/course/content/') && url !== first) asked.push(url);
  });
  const page = await context.newPage();
  await page.goto(`${stack.server.origin}/`);
  await page.locator('form.item[data-step=answering]').waitFor();
  const others = activities.map((a) => `/course/${a.file}`).filter((f) => f !== first).sort();
  assert.ok(others.length > 1, 'the demo course has other activities');
  for (const start = Date.now(); asked.length < others.length && Date.now() - start < 15_000;) {
    await page.waitForTimeout(100);
  }
  assert.deepEqual([...asked].sort(), others, 'each other activity is fetched once, with no answer given');
  assert.equal(await page.locator('form.item[data-step=feedback]').count(), 0, 'nothing was answered');
  await context.close();
});
