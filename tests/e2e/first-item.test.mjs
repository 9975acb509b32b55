// The first-item module (#19, crates/first): a new learner's first item is drawn before the player is
// fetched, an answer given then is stored before its feedback shows, and the player, once here, records
// it as its own attempt exactly once (statement delivered once) and takes the page over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack } from './lib/stack.mjs';
import { idbAll } from './lib/browser.mjs';
import { getStatements } from './lib/lrs.mjs';

const stack = useStack({ lrs: true });

// A context whose player (its first wasm) is held back until `release()` is called.
async function heldPlayer(config = {}) {
  const context = await stack.browser.newContext({ serviceWorkers: 'block' });
  await context.route('**/config.json', (route) => route.fulfill({
    json: { packageUrl: 'course/pkg.json', lrs: { endpoint: stack.lrs.endpoint, auth: stack.lrs.authHeader }, ...config },
  }));
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  const asked = [];
  await context.route('**/player/pacer_bg.wasm', async (route) => {
    asked.push(route.request().url());
    await released;
    return route.continue();
  });
  const page = await context.newPage();
  return { context, page, release, asked };
}

const databases = (page) => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));

test('an answer given before the player is here is stored first, then recorded once by the player', async () => {
  const { context, page, release } = await heldPlayer();
  await page.goto(`${stack.server.origin}/`);
  await page.locator('#pacer-root[data-first=drawn] form.item[data-step=answering]').waitFor();
  const itemId = await page.locator('form.item').getAttribute('data-item-id');
  // Nothing picked: Check says so and stores nothing.
  await page.getByRole('button', { name: 'Check' }).click();
  assert.match(await page.locator('form.item p.message').textContent(), /\S/);
  assert.ok(!(await databases(page)).includes('pacer-first'), 'nothing stored for an empty answer');
  // By keyboard: the first option, then Check.
  await page.locator('form.item input[name=choice]').first().focus();
  await page.keyboard.press('Space');
  const picked = await page.locator('form.item input[name=choice]:checked').getAttribute('value');
  await page.getByRole('button', { name: 'Check' }).click();
  await page.locator('#pacer-root[data-first=answered] form.item[data-step=feedback]').waitFor();
  assert.ok(await page.locator('form.item button.next').evaluate((b) => b === document.activeElement), 'Next has the focus');
  assert.match(await page.locator('div.announcer').textContent(), /\S/, 'the verdict is announced');
  const pending = await idbAll(page, 'pending', 'pacer-first');
  assert.equal(pending.length, 1);
  assert.equal(pending[0].item, itemId);
  assert.deepEqual(JSON.parse(pending[0].response), { type: 'choice', option: picked });
  assert.ok(!(await databases(page)).includes('pacer'), 'the player has not run yet');

  release();
  await page.locator('#pacer-root[data-first=taken]').waitFor();
  await page.waitForFunction(() => indexedDB.databases().then((dbs) => !dbs.some((d) => d.name === 'pacer-first')));
  const attempts = await idbAll(page, 'attempts');
  assert.equal(attempts.length, 1, 'one attempt, the module\'s answer');
  assert.equal(attempts[0].itemId, itemId);
  assert.deepEqual(attempts[0].response, { type: 'choice', option: picked });
  assert.equal(attempts[0].answeredAt > attempts[0].presentedAt, true);
  // The player shows the same feedback and moves on from it.
  await page.locator('form.item[data-step=feedback]').waitFor();
  assert.equal(await page.locator('form.item').getAttribute('data-item-id'), itemId);
  const outbox = await idbAll(page, 'outbox');
  // A row keeps its statement as the JSON text it sends (`statement.json`).
  const statementOf = (row) => JSON.parse(row.statement.json);
  const answered = outbox.filter((row) => statementOf(row).verb.id.endsWith('/answered'));
  assert.equal(answered.length, 1, 'one answered statement queued');
  const { id } = answered[0];
  for (let i = 0; i < 100; i += 1) {
    if ((await getStatements(stack.lrs, { statementId: id }).catch(() => [])).length) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const stored = await getStatements(stack.lrs, { statementId: id });
  assert.equal(stored.length, 1, 'delivered to the LRS');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.waitForFunction((from) => document.querySelector('form.item')?.dataset.itemId !== from, itemId);

  // The device has the player's records now: a second visit is never a new learner's first (it resumes
  // where the player left, drawn by the module from the player's resume form or by the player).
  const again = await context.newPage();
  const formAsked = [];
  again.on('request', (r) => { if (r.url().endsWith('/first.bin')) formAsked.push(r.url()); });
  await again.goto(`${stack.server.origin}/`);
  await again.locator('form.item').waitFor();
  assert.deepEqual(formAsked, [], 'no form is fetched for a device that ran the player');
  assert.notEqual(await again.locator('form.item').getAttribute('data-item-id'), itemId, 'not the first item again');
  await context.close();
});

test('Next pressed on the module\'s feedback while the player records its answer still moves on', async () => {
  const { context, page, release } = await heldPlayer();
  await page.goto(`${stack.server.origin}/`);
  await page.locator('#pacer-root[data-first=drawn] form.item').waitFor();
  const itemId = await page.locator('form.item').getAttribute('data-item-id');
  await page.locator('form.item input[name=choice]').first().check();
  await page.getByRole('button', { name: 'Check' }).click();
  await page.locator('#pacer-root[data-first=answered] form.item[data-step=feedback]').waitFor();
  // Next is pressed the moment the player stops the module, while it records the module's answer and
  // before it draws its own page: the press lands on the module's page.
  await page.evaluate(() => {
    const root = document.getElementById('pacer-root');
    const watch = new MutationObserver(() => {
      if (root.dataset.first !== 'taken') return;
      watch.disconnect();
      window.pressedOnModule = root.querySelector('form.item button.next') !== null;
      root.querySelector('form.item button.next')?.click();
    });
    watch.observe(root, { attributes: true, attributeFilter: ['data-first'] });
  });
  release();
  await page.waitForFunction((from) => document.querySelector('form.item[data-step=answering]')
    && document.querySelector('form.item').dataset.itemId !== from, itemId);
  assert.equal(await page.evaluate(() => window.pressedOnModule), true, 'the press landed on the module\'s page');
  assert.equal((await idbAll(page, 'attempts')).length, 1, 'the module\'s answer, recorded once');
  await context.close();
});

test('two tabs on the module\'s page: the answer stored first stays, and the other tab says its own was not saved', async () => {
  const { context, release } = await heldPlayer();
  const a = await context.newPage();
  const b = await context.newPage();
  for (const page of [a, b]) {
    await page.goto(`${stack.server.origin}/`);
    await page.locator('#pacer-root[data-first=drawn] form.item[data-step=answering]').waitFor();
  }
  const choices = (page) => page.locator('form.item input[name=choice]');
  await choices(a).first().check();
  const kept = await choices(a).first().getAttribute('value');
  await a.getByRole('button', { name: 'Check' }).click();
  await a.locator('#pacer-root[data-first=answered] form.item[data-step=feedback]').waitFor();
  await choices(b).nth(1).check();
  await b.getByRole('button', { name: 'Check' }).click();
  await b.getByText(/Your answer in this tab was not saved/).waitFor();
  assert.equal(await b.locator('#pacer-root').getAttribute('data-first'), 'drawn', 'no feedback for an answer not stored');
  const pending = await idbAll(b, 'pending', 'pacer-first');
  assert.deepEqual(pending.map((row) => JSON.parse(row.response)), [{ type: 'choice', option: kept }], 'the first answer stays');

  release();
  // Both players take their page over (whichever records the row first, the other is refused that item).
  for (const page of [a, b]) {
    await page.waitForFunction(() => performance.getEntriesByName('pacer:shown').length > 0);
  }
  const attempts = await idbAll(a, 'attempts');
  assert.equal(attempts.length, 1, 'recorded once, although both tabs took the page over');
  assert.deepEqual(attempts[0].response, { type: 'choice', option: kept });
  assert.equal(new Set((await idbAll(a, 'meta')).filter((m) => m.key === 'localLearnerId').map((m) => m.value)).size, 1);
  // The tab that recorded it shows its feedback; the other, refused that item, takes the stored place up:
  // the same answer with its feedback (not the item to answer again), and says the answer shown is the
  // one kept.
  // (A tab that opened after the other recorded it finds the answer stored and is refused nothing.)
  const keptSaid = /The answer shown here is the one that was kept/;
  let refused = 0;
  for (const page of [a, b]) {
    await page.locator('form.item[data-step=feedback]').waitFor();
    assert.equal(await page.locator(`form.item input[name=choice][value="${kept}"]`).isChecked(), true, 'the answer kept, in both tabs');
    const mark = await page.locator('form.item').getAttribute('data-refused-answer');
    assert.equal(await page.getByText(keptSaid).count(), mark ? 1 : 0, 'a tab refused the item says the answer shown is the kept one');
    refused += mark ? 1 : 0;
  }
  assert.ok(refused <= 1, 'one tab at most was refused');
  // Every connection to the module's database was closed, the refused write's too, so its deletion went
  // through (one left open held it up, and a slower player's read of the rows behind it, for good).
  await a.waitForFunction(() => indexedDB.databases().then((dbs) => !dbs.some((d) => d.name === 'pacer-first')), null, { timeout: 10_000 })
    .catch(() => assert.fail('the module\'s database is deleted once both players took over'));
  assert.equal((await idbAll(a, 'attempts')).length, 1, 'still recorded once');
  await context.close();
});

test('an answer picked but not checked on the first page is kept when the player takes over', async () => {
  const { context, page, release } = await heldPlayer();
  await page.goto(`${stack.server.origin}/`);
  await page.locator('#pacer-root[data-first=drawn] form.item').waitFor();
  const second = page.locator('form.item input[name=choice]').nth(1);
  await second.check();
  const value = await second.getAttribute('value');
  release();
  await page.locator('#pacer-root[data-first=taken]').waitFor();
  await page.locator('form.item[data-step=answering]').waitFor();
  assert.equal(await page.locator('form.item input[name=choice]:checked').getAttribute('value'), value);
  assert.ok(await page.locator('form.item input[name=choice]:checked').evaluate((i) => i === document.activeElement), 'the focus stays on it');
  await page.getByRole('button', { name: 'Check' }).click();
  await page.locator('form.item[data-step=feedback]').waitFor();
  assert.equal((await idbAll(page, 'attempts')).length, 1);
  await context.close();
});

test('an answer stored by the module on a visit the player never finished is recorded on the next', async () => {
  const { context, page } = await heldPlayer();
  await page.goto(`${stack.server.origin}/`);
  await page.locator('#pacer-root[data-first=drawn] form.item').waitFor();
  await page.locator('form.item input[name=choice]').first().check();
  await page.getByRole('button', { name: 'Check' }).click();
  await page.locator('#pacer-root[data-first=answered]').waitFor();
  // The lid closes before the player arrives.
  await page.close();
  await context.unroute('**/player/pacer_bg.wasm');
  const next = await context.newPage();
  await next.goto(`${stack.server.origin}/`);
  await next.locator('form.item[data-step=feedback]').waitFor();
  assert.equal(await next.evaluate(() => performance.getEntriesByName('pacer:first').length), 0, 'the player draws it');
  await next.waitForFunction(() => indexedDB.databases().then((dbs) => !dbs.some((d) => d.name === 'pacer-first')));
  assert.equal((await idbAll(next, 'attempts')).length, 1);
  await context.close();
});

test('a config that shapes the first screen goes straight to the player', async () => {
  const { context, page, release } = await heldPlayer({ language: 'es' });
  release();
  const formAsked = [];
  page.on('request', (r) => { if (r.url().endsWith('/first.bin')) formAsked.push(r.url()); });
  await page.goto(`${stack.server.origin}/`);
  await page.locator('form.item').waitFor();
  assert.deepEqual(formAsked, []);
  assert.equal(await page.locator('#pacer-root').getAttribute('lang'), 'es');
  await context.close();
});
