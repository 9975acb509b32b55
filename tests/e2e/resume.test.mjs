// The resume form (#19, web::resume): a returning device's next visit draws the item the player left with
// the small first-item module, before the player is fetched; an answer given then is stored first and
// recorded by the player once. A screen that is not an item being answered leaves no form behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack } from './lib/stack.mjs';
import { idbAll } from './lib/browser.mjs';
import { playerShown } from './lib/play.mjs';

const stack = useStack({ lrs: true });

// A context with the LRS config; `hold()` makes the player's wasm wait until `release()`.
async function device() {
  const context = await stack.browser.newContext({ serviceWorkers: 'block' });
  await context.route('**/config.json', (route) => route.fulfill({
    json: { packageUrl: 'course/pkg.json', lrs: { endpoint: stack.lrs.endpoint, auth: stack.lrs.authHeader } },
  }));
  let release = () => {};
  const hold = async () => {
    const released = new Promise((resolve) => { release = resolve; });
    await context.route('**/player/pacer_bg.wasm', async (route) => {
      await released;
      return route.continue();
    });
  };
  return { context, hold, release: () => release() };
}

// The resume row the player kept (`{lang, form}` in `pacer-resume`), without creating the database.
const resumeRow = (page) => page.evaluate(async () => {
  if (!(await indexedDB.databases()).some((d) => d.name === 'pacer-resume')) return null;
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('pacer-resume');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const get = db.transaction('form').objectStore('form').get('resume');
      get.onsuccess = () => { db.close(); resolve(get.result ? { lang: get.result.lang, bytes: get.result.form.length } : null); };
      get.onerror = () => { db.close(); reject(get.error); };
    };
  });
});

async function untilRow(page, present) {
  for (let i = 0; i < 100; i += 1) {
    if (Boolean(await resumeRow(page)) === present) return;
    await page.waitForTimeout(100);
  }
  assert.fail(`the resume form is ${present ? 'not kept' : 'still there'}`);
}

// A learner answers the first item with the player and moves on to the second.
async function onSecondItem(page) {
  await page.goto(`${stack.server.origin}/`);
  await playerShown(page);
  await page.locator('form.item[data-step=answering] input[name=choice]').first().check();
  await page.getByRole('button', { name: 'Check' }).click();
  await page.locator('form.item[data-step=feedback]').waitFor();
  const first = await page.locator('form.item').getAttribute('data-item-id');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.waitForFunction((id) => document.querySelector('form.item[data-step=answering]')?.dataset.itemId !== id
    && document.querySelector('form.item[data-step=answering]'), first);
  return page.locator('form.item').getAttribute('data-item-id');
}

test('a returning learner\'s item is drawn before the player, and its answer recorded once', async () => {
  const { context, hold, release } = await device();
  const page = await context.newPage();
  const itemId = await onSecondItem(page);
  const stem = await page.locator('form.item legend, form.item .stem').first().textContent();
  await untilRow(page, true);
  await page.close();

  await hold();
  const again = await context.newPage();
  await again.goto(`${stack.server.origin}/`);
  await again.locator('#pacer-root[data-first=drawn] form.item[data-step=answering]').waitFor();
  assert.equal(await again.locator('form.item').getAttribute('data-item-id'), itemId, 'the item the player left');
  assert.equal(await again.locator('form.item legend, form.item .stem').first().textContent(), stem);
  const option = again.locator('form.item input[name=choice]').nth(1);
  await option.check();
  const picked = await option.getAttribute('value');
  await again.getByRole('button', { name: 'Check' }).click();
  await again.locator('#pacer-root[data-first=answered] form.item[data-step=feedback]').waitFor();
  const pending = await idbAll(again, 'pending', 'pacer-first');
  assert.deepEqual(pending.map((row) => row.item), [itemId], 'stored before the feedback shows');
  assert.equal((await idbAll(again, 'attempts')).length, 1, 'the player has not recorded it yet');

  release();
  await again.locator('#pacer-root[data-first=taken]').waitFor();
  await again.waitForFunction(() => indexedDB.databases().then((dbs) => !dbs.some((d) => d.name === 'pacer-first')));
  const attempts = await idbAll(again, 'attempts');
  assert.equal(attempts.length, 2, 'recorded once');
  const second = attempts.find((a) => a.itemId === itemId);
  assert.deepEqual(second.response, { type: 'choice', option: picked });
  const answered = (await idbAll(again, 'outbox'))
    .filter((row) => JSON.parse(row.statement.json).verb.id.endsWith('/answered'));
  assert.equal(answered.length, 2, 'one answered statement each');
  await again.locator('form.item[data-step=feedback]').waitFor();
  // Feedback shows now: the form is gone, so a crash here resumes with the player's own screen.
  await untilRow(again, false);
  await context.close();
});

test('feedback leaves no form: the next visit goes to the player', async () => {
  const { context, hold, release } = await device();
  const page = await context.newPage();
  await onSecondItem(page);
  await untilRow(page, true);
  await page.locator('form.item input[name=choice]').first().check();
  await page.getByRole('button', { name: 'Check' }).click();
  await page.locator('form.item[data-step=feedback]').waitFor();
  await untilRow(page, false);
  await page.close();

  await hold();
  const again = await context.newPage();
  await again.goto(`${stack.server.origin}/`);
  await again.waitForFunction(() => performance.getEntriesByName('pacer:boot').length > 0);
  await again.waitForTimeout(500);
  assert.equal(await again.evaluate(() => performance.getEntriesByName('pacer:first').length), 0, 'nothing drawn by the module');
  release();
  await again.locator('form.item[data-step=feedback]').waitFor();
  await context.close();
});

// The item id in a kept form: postcard writes the form's strings first, each after its varint length
// (package id, package version, activity id, item id).
const itemOfForm = (page) => page.evaluate(async () => {
  if (!(await indexedDB.databases()).some((d) => d.name === 'pacer-resume')) return null;
  const row = await new Promise((resolve, reject) => {
    const open = indexedDB.open('pacer-resume');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const get = db.transaction('form').objectStore('form').get('resume');
      get.onsuccess = () => { db.close(); resolve(get.result); };
      get.onerror = () => { db.close(); reject(get.error); };
    };
  });
  if (!row) return null;
  const bytes = row.form;
  let at = 0;
  const varint = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[at++];
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return value;
    }
  };
  const text = () => {
    const length = varint();
    const s = new TextDecoder().decode(bytes.subarray(at, at + length));
    at += length;
    return s;
  };
  text(); text(); text();
  return text();
});

test('removing the learner\'s data removes the screen they left', async () => {
  const { context } = await device();
  const page = await context.newPage();
  const left = await onSecondItem(page);
  await untilRow(page, true);
  assert.equal(await itemOfForm(page), left);
  // Delivered (the LRS is up), so the removal goes through without insisting.
  await page.waitForFunction(async () => {
    const rows = await new Promise((resolve) => {
      const open = indexedDB.open('pacer');
      open.onsuccess = () => {
        const get = open.result.transaction('outbox').objectStore('outbox').getAll();
        get.onsuccess = () => { open.result.close(); resolve(get.result); };
      };
    });
    return rows.length > 0 && rows.every((row) => row.state !== 'pending');
  }, null, { polling: 200 });
  // Read from a second page of the site: the player's page reloads soon after the removal.
  const watcher = await context.newPage();
  await watcher.goto(`${stack.server.origin}/config.json`);
  await page.getByText('This device', { exact: true }).click();
  await page.getByRole('button', { name: /Sign out and remove/ }).click();
  await page.getByText('Your data was removed from this device.').waitFor();
  assert.equal(await itemOfForm(watcher), null, 'gone with the data, before the page starts over');
  // The page starts over for a new learner; any form kept now is theirs, never the removed learner's.
  await page.locator('form.item[data-step=answering]').waitFor();
  await page.waitForTimeout(1000);
  assert.notEqual(await itemOfForm(page), left);
  await context.close();
});
