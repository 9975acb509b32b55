// A full disk: the learner is told plainly, no feedback is shown for an unsaved answer, nothing stored is
// lost, and the player works again once there is room.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack } from './lib/stack.mjs';
import { idbAll } from './lib/browser.mjs';

const stack = useStack();

test('quota exhaustion is reported plainly and loses nothing', async () => {
  const context = await stack.browser.newContext();
  await context.route('**/config.json', (route) => route.fulfill({ json: { packageUrl: 'course/pkg.json' } }));
  // Chromium here ignores CDP's Storage.overrideQuotaForOrigin and reports a 10 GB quota, so the full
  // disk is simulated the way the browser reports it: IndexedDB writes fail with QuotaExceededError.
  await context.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (window.__diskFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  const page = await context.newPage();
  await page.goto(`${stack.server.origin}/`);
  await page.locator('form.item').waitFor();
  await page.getByLabel('1/4', { exact: true }).check();
  await page.getByRole('button', { name: 'Check' }).click();
  await page.locator('.feedback').waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('form.item[data-item-id=uf-name-one-third]').waitFor();

  await page.evaluate(() => { window.__diskFull = true; });
  await page.getByLabel('1/3', { exact: true }).check();
  await page.getByRole('button', { name: 'Check' }).click();
  await page.getByText(/no storage space left/).waitFor();
  assert.equal(await page.locator('.feedback').count(), 0, 'no feedback for an answer that was not saved');

  await page.evaluate(() => { window.__diskFull = false; });
  const attempts = await idbAll(page, 'attempts');
  assert.deepEqual(attempts.map((a) => a.itemId), ['uf-pizza-quarters'], 'the earlier answer is intact');
  await page.getByRole('button', { name: 'Check' }).click();
  await page.locator('.feedback').waitFor();
  assert.equal((await idbAll(page, 'attempts')).length, 2);
  await context.close();
});
