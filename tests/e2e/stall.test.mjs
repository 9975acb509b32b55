// A server or network that never answers a request (seen with the dev server, and on school Wi-Fi) must
// not leave the learner on "Loading…": a GET with no answer in time is tried again, and after the last
// try the error panel names the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack } from './lib/stack.mjs';

const stack = useStack();
const FILE = '**/course/content/unit-fractions-practice.json';

async function open(stalls) {
  const context = await stack.browser.newContext();
  // The player's own fetches: without a first-item form (#19) the player draws the first item.
  await context.route('**/first.bin', (route) => route.fulfill({ status: 404, body: 'none' }));
  await context.route('**/config.json', (route) => route.fulfill({
    json: { packageUrl: 'course/pkg.json', fetchTimeoutMs: 1000 },
  }));
  const seen = { requests: 0 };
  await context.route(FILE, (route) => {
    seen.requests += 1;
    // Held requests are never answered: the player has to give up on them by itself.
    if (seen.requests <= stalls) return undefined;
    return route.continue();
  });
  const page = await context.newPage();
  await page.goto(`${stack.server.origin}/`);
  return { context, page, seen };
}

test('a request that never gets an answer is tried again and the activity opens', async () => {
  const { context, page, seen } = await open(2);
  await page.locator('form.item[data-step=answering]').waitFor({ timeout: 15_000 });
  // Two held, the third answered (the service worker may then fetch the file once more to cache it).
  assert.ok(seen.requests >= 3, `${seen.requests} requests`);
  await context.close();
});

test('after the last try the error panel names the file that never came', async () => {
  const { context, page, seen } = await open(99);
  const panel = page.locator('.error-panel');
  await panel.waitFor({ timeout: 15_000 });
  assert.match(await panel.textContent(), /unit-fractions-practice\.json.*tried 3 times.*no answer within 1 s/s);
  assert.equal(seen.requests, 3);
  await context.close();
});
