// The same learner in two tabs: no answer is recorded twice, no update is lost, no statement sent twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getStatements } from './lib/lrs.mjs';
import { useStack } from './lib/stack.mjs';
import { idbAll } from './lib/browser.mjs';

const stack = useStack({ lrs: true });

test('two tabs of one learner: the second answer to the same item is refused and the tab catches up', async () => {
  const context = await stack.browser.newContext();
  const config = { packageUrl: 'course/pkg.json', lrs: { endpoint: stack.lrs.endpoint, auth: stack.lrs.authHeader } };
  await context.route('**/config.json', (route) => route.fulfill({ json: config }));
  const a = await context.newPage();
  await a.goto(`${stack.server.origin}/`);
  await a.locator('form.item').waitFor();
  const b = await context.newPage();
  await b.goto(`${stack.server.origin}/`);
  await b.locator('form.item[data-item-id=uf-pizza-quarters][data-step=answering]').waitFor();

  await a.getByLabel('1/4', { exact: true }).check();
  await a.getByRole('button', { name: 'Check' }).click();
  await a.locator('.feedback').waitFor();

  // Tab B still shows the item unanswered; its answer must not become a second attempt.
  // Chosen and checked in one go: a choice left alone for 300 ms is saved as a draft, and that save would
  // find the other tab's place first (and rightly say only that the activity moved on).
  const chooseAndCheck = (input) => { input.click(); input.form.querySelector('button.check').click(); };
  await b.getByLabel('1/3', { exact: true }).evaluate(chooseAndCheck);
  // B says its own answer was not saved, and shows the one that was kept (A's), not B's choice.
  await b.getByText(/Your answer in this tab was not saved: this question was already answered in another tab/).waitFor();
  assert.match(await b.locator('.message').textContent(), /The answer shown here is the one that was kept/);
  assert.equal(await b.locator('form.item').getAttribute('data-step'), 'feedback');
  assert.equal(await b.locator('form.item').getAttribute('data-refused-answer'), 'uf-pizza-quarters');
  assert.equal(await b.locator('.verdict').textContent(), 'Correct!', 'B shows the answer A recorded');
  assert.equal(await b.getByLabel('1/4', { exact: true }).isChecked(), true, 'the kept answer is the one marked');
  assert.equal(await b.getByLabel('1/3', { exact: true }).isChecked(), false, "B's refused choice is not shown as given");
  assert.equal((await idbAll(b, 'attempts')).length, 1);
  assert.equal((await idbAll(b, 'outbox')).length, 1);

  // B moves on; A, still on the old feedback, catches up instead of overwriting B's place.
  await b.getByRole('button', { name: 'Next' }).click();
  await b.locator('form.item[data-item-id=uf-name-one-third]').waitFor();
  await a.getByRole('button', { name: 'Next' }).click();
  await a.locator('form.item[data-item-id=uf-name-one-third]').waitFor();

  // Both tabs answer item 2 at once: exactly one attempt survives.
  await a.getByLabel('1/3', { exact: true }).check();
  await b.getByLabel('3/1', { exact: true }).check();
  // Pressed together from inside each page (a Playwright click waits for a stable button, and by then the
  // other tab's answer may have re-rendered this one onto its feedback: that is a valid outcome too).
  const press = () => document.querySelector('form.item[data-step=answering] button.check')?.click() ?? 'caught up';
  await Promise.all([a.evaluate(press), b.evaluate(press)]);
  await a.locator('.feedback').waitFor();
  await b.locator('.feedback').waitFor();
  const attempts = await idbAll(a, 'attempts');
  assert.equal(attempts.length, 2);
  assert.equal(await a.locator('.verdict').textContent(), await b.locator('.verdict').textContent());

  // Each statement reaches the LRS once, although both tabs flush.
  const [{ value: learnerId }] = await idbAll(a, 'meta');
  const agent = JSON.stringify({ objectType: 'Agent', account: { homePage: stack.server.origin, name: learnerId } });
  const start = Date.now();
  let statements = [];
  while (Date.now() - start < 15_000) {
    statements = await getStatements(stack.lrs, { agent });
    if (statements.length >= 2) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.equal(statements.length, 2);
  assert.equal(new Set(statements.map((s) => s.id)).size, 2);
  await context.close();
});

test('a tab whose answer was refused after the other tab moved on says so, and shows where the learner is', async () => {
  const context = await stack.browser.newContext();
  await context.route('**/config.json', (route) => route.fulfill({ json: { packageUrl: 'course/pkg.json' } }));
  const a = await context.newPage();
  await a.goto(`${stack.server.origin}/`);
  await a.locator('form.item[data-item-id=uf-pizza-quarters][data-step=answering]').waitFor();
  const b = await context.newPage();
  await b.goto(`${stack.server.origin}/`);
  await b.locator('form.item[data-item-id=uf-pizza-quarters][data-step=answering]').waitFor();

  await a.getByLabel('1/4', { exact: true }).check();
  await a.getByRole('button', { name: 'Check' }).click();
  await a.getByRole('button', { name: 'Next' }).click();
  await a.locator('form.item[data-item-id=uf-name-one-third][data-step=answering]').waitFor();

  await b.getByLabel('1/3', { exact: true }).evaluate((input) => { input.click(); input.form.querySelector('button.check').click(); });
  await b.getByText(/Your answer in this tab was not saved: this activity moved on in another tab or window/).waitFor();
  assert.equal(await b.locator('form.item').getAttribute('data-item-id'), 'uf-name-one-third');
  assert.equal(await b.locator('form.item').getAttribute('data-step'), 'answering');
  assert.equal((await idbAll(b, 'attempts')).length, 1);
  await context.close();
});
