// "This device": the data backpack (download, add on another device without duplicates) and sign-out,
// which refuses to drop unsynced answers unless the learner saved them or insists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack } from './lib/stack.mjs';
import { readFileSync } from 'node:fs';
import { idbAll } from './lib/browser.mjs';
import { assertValidStatement } from './lib/validate.mjs';
import { answerAndNext } from './lib/play.mjs';

const stack = useStack();

// No LRS is reachable: every statement stays unsynced.
async function device() {
  const context = await stack.browser.newContext({ acceptDownloads: true });
  const config = { packageUrl: 'course/pkg.json', lrs: { endpoint: 'http://127.0.0.1:9/xAPI/', auth: 'Basic eDp4', timeoutMs: 1000 } };
  await context.route('**/config.json', (route) => route.fulfill({ json: config }));
  const page = await context.newPage();
  await page.goto(`${stack.server.origin}/`);
  await page.locator('form.item').waitFor();
  return { context, page };
}

test('download, add on another device without duplicates, and remove only what is safe', async () => {
  const one = await device();
  await answerAndNext(one.page, '1/4');
  await answerAndNext(one.page, '1/2');
  await one.page.getByText('This device', { exact: true }).click();
  await one.page.locator('.storage[data-persisted]').waitFor();
  assert.match(await one.page.locator('.storage').textContent(), /^Storage: [\d.]+ MB used of/);

  // Unsynced answers: removal is refused and nothing is touched.
  await one.page.getByRole('button', { name: /Sign out and remove/ }).click();
  await one.page.getByText(/Nothing was removed: 2 records of your work are not synced yet/).waitFor();
  assert.equal((await idbAll(one.page, 'attempts')).length, 2);
  assert.ok(await one.page.locator('.confirm').isVisible(), 'the learner is offered to insist');

  // The backpack: a record with a valid xAPI statement array.
  const downloading = one.page.waitForEvent('download');
  await one.page.getByRole('button', { name: 'Download my record' }).click();
  const file = await (await downloading).path();
  const record = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(record.format, 'pacer-backpack');
  assert.equal(record.attempts.length, 2);
  assert.equal(record.statements.length, 2);
  record.statements.forEach(assertValidStatement);

  // Another device: add the record twice; the second time adds nothing.
  const two = await device();
  await answerAndNext(two.page, '1/3');
  await two.page.getByText('This device', { exact: true }).click();
  // The player reloads itself shortly after an import: wait for that, not just for what is on screen.
  const reloaded = two.page.waitForEvent('load');
  await two.page.setInputFiles('.import input[type=file]', file);
  await two.page.getByText(/Added 2 answers and 2 records; 0 were already/).waitFor();
  await reloaded;
  await two.page.locator('form.item').waitFor();
  await two.page.waitForFunction(() => document.readyState === 'complete');
  await two.page.locator('.sync[data-pending="3"]').waitFor();
  assert.equal((await idbAll(two.page, 'attempts')).length, 3);
  await two.page.getByText('This device', { exact: true }).click();
  await two.page.setInputFiles('.import input[type=file]', file);
  await two.page.getByText(/Added 0 answers and 0 records; 2 were already/).waitFor();
  await two.context.close();

  // After the download, removal goes through: this learner's records and local profile are gone.
  const [{ value: before }] = await idbAll(one.page, 'meta');
  await one.page.getByRole('button', { name: /Sign out and remove/ }).click();
  await one.page.getByText('Your data was removed from this device.').waitFor();
  await one.page.locator('form.item[data-item-id=uf-pizza-quarters]').waitFor();
  assert.equal((await idbAll(one.page, 'attempts')).length, 0);
  assert.equal((await idbAll(one.page, 'outbox')).length, 0);
  const [{ value: after }] = await idbAll(one.page, 'meta');
  assert.notEqual(after, before, 'the next learner on this device starts with a new profile');
  await one.context.close();
});

test('several learners on one device: each has their own record and place', async () => {
  const { context, page } = await device();
  await answerAndNext(page, '1/4');
  await page.getByText('This device', { exact: true }).click();
  await page.getByText('Learning now: Learner 1').waitFor();
  await page.getByLabel(/Name for a new learner/).fill('Sam');
  await page.getByRole('button', { name: 'New learner' }).click();
  await page.locator('form.item[data-item-id=uf-pizza-quarters][data-step=answering]').waitFor();
  await page.getByText('This device', { exact: true }).click();
  await page.getByText('Learning now: Sam').waitFor();
  assert.equal(await page.locator('.sync').getAttribute('data-pending'), '0', "Sam sees none of Learner 1's answers");

  await page.getByRole('button', { name: 'Continue as Learner 1' }).click();
  await page.locator('form.item[data-item-id=uf-name-one-third]').waitFor();
  await page.getByText('This device', { exact: true }).click();
  await page.getByText('Learning now: Learner 1').waitFor();
  const attempts = await idbAll(page, 'attempts');
  assert.equal(attempts.length, 1);
  await context.close();
});
