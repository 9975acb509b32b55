// The player in two parts (#19, src/web/later.rs): the part the first item needs, and the rest, which is
// asked for right after the first item shows (not on the first click), and which a learner who answers
// before it arrives waits for, with the answer stored before the feedback shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack } from './lib/stack.mjs';
import { idbAll } from './lib/browser.mjs';

const stack = useStack();

test('the rest of the player is asked for right after the first item, before any click', async () => {
  const context = await stack.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const asked = page.waitForRequest((r) => r.url().endsWith('/player/split_rest.wasm'));
  await page.goto(`${stack.server.origin}/`);
  await page.locator('form.item').waitFor();
  await asked;
  // Once it is here, the device panel (which lives in it) is in the footer.
  await page.getByText('This device', { exact: true }).waitFor();
  await context.close();
});

test('an answer checked before the rest arrives waits for it, and is stored before its feedback shows', async () => {
  const context = await stack.browser.newContext({ serviceWorkers: 'block' });
  // The player's own Check: without a first-item form (#19) the first item is the player's.
  await context.route('**/first.bin', (route) => route.fulfill({ status: 404, body: 'none' }));
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await context.route('**/player/split_rest.wasm', async (route) => {
    await held;
    await route.continue();
  });
  const page = await context.newPage();
  await page.goto(`${stack.server.origin}/`);
  await page.locator('form.item[data-step=answering]').waitFor();
  await page.getByLabel('1/4', { exact: true }).check();
  await page.getByRole('button', { name: 'Check' }).click();
  // Nothing of the later part is here: no feedback, no device panel, nothing stored yet.
  await page.waitForTimeout(300);
  assert.equal(await page.locator('.feedback').count(), 0, 'no feedback before the answer is scored and stored');
  assert.equal(await page.locator('details.device').count(), 0);
  assert.equal((await idbAll(page, 'attempts')).length, 0);
  release();
  await page.locator('.feedback').waitFor();
  const attempts = await idbAll(page, 'attempts');
  assert.equal(attempts.length, 1, 'the answer is stored');
  assert.equal(await page.getByLabel('1/4', { exact: true }).isChecked(), true, 'the answer stays shown');
  await context.close();
});

test('when the rest cannot be fetched, Check says so, keeps the answer, and works once it can', async () => {
  const context = await stack.browser.newContext({ serviceWorkers: 'block' });
  // The player's own Check: without a first-item form (#19) the first item is the player's.
  await context.route('**/first.bin', (route) => route.fulfill({ status: 404, body: 'none' }));
  let refuse = true;
  await context.route('**/player/split_rest.wasm', (route) => (refuse ? route.abort('internetdisconnected') : route.continue()));
  const page = await context.newPage();
  await page.goto(`${stack.server.origin}/`);
  await page.locator('form.item[data-step=answering]').waitFor();
  await page.getByLabel('1/4', { exact: true }).check();
  await page.getByRole('button', { name: 'Check' }).click();
  await page.locator('.message', { hasText: 'could not be loaded' }).waitFor();
  assert.equal(await page.locator('.feedback').count(), 0);
  assert.equal(await page.getByLabel('1/4', { exact: true }).isChecked(), true, 'the answer is still there');
  refuse = false;
  await page.getByRole('button', { name: 'Check' }).click();
  await page.locator('.feedback').waitFor();
  assert.equal((await idbAll(page, 'attempts')).length, 1);
  await context.close();
});
