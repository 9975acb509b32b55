// End to end: the demo course in real headless Chromium, statements into a real Ralph LRS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { getStatements } from './lib/lrs.mjs';
import { useStack } from './lib/stack.mjs';
import { assertValidStatement } from './lib/validate.mjs';
import { idbCount, idbAll } from './lib/browser.mjs';
import { checkOption, moveOn, playerShown } from './lib/play.mjs';

const stack = useStack({ lrs: true });

// A fresh context is a fresh profile: its own IndexedDB, its own local learner.
async function newPlayer({ withLrs = true } = {}) {
  const context = await stack.browser.newContext();
  const config = { packageUrl: 'course/pkg.json' };
  if (withLrs) config.lrs = { endpoint: stack.lrs.endpoint, auth: stack.lrs.authHeader };
  await context.route('**/config.json', (route) => route.fulfill({ json: config }));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${stack.server.origin}/`);
  // These tests read the player's own store as its feedback shows: on a new learner's first visit the
  // first-item module answers first (#19, first-item.test.mjs), so they start once the player is here.
  await playerShown(page);
  return { context, page, errors };
}

const item = (page) => page.locator('form.item');

const answer = checkOption;
const next = moveOn;

async function waitFor(condition, what, timeoutMs = 15_000) {
  const start = Date.now();
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('answers three items, resumes after a reload, and the LRS holds one valid statement per answer', async () => {
  const { context, page, errors } = await newPlayer();
  await item(page).waitFor();
  assert.equal(await item(page).getAttribute('data-item-id'), 'uf-pizza-quarters');

  await answer(page, '1/4');
  assert.equal(await page.locator('.verdict').textContent(), 'Correct!');
  assert.equal(await idbCount(page, 'attempts'), 1, 'the attempt is stored when its feedback shows');
  await next(page);

  await answer(page, '1/2');
  assert.equal(await page.locator('.verdict').textContent(), 'Not quite.');
  assert.equal(await idbCount(page, 'attempts'), 2);
  await next(page);

  await answer(page, '1/2'); // "Which is larger: 1/2 or 1/8" — right.
  assert.equal(await idbCount(page, 'attempts'), 3);

  // Reload while the feedback of the third item shows: the same item, the same answer, the same feedback.
  await page.reload();
  await item(page).waitFor();
  assert.equal(await item(page).getAttribute('data-item-id'), 'uf-larger-unit');
  assert.equal(await item(page).getAttribute('data-step'), 'feedback');
  assert.ok(await page.getByLabel('1/2', { exact: true }).isChecked());
  assert.ok(await page.getByLabel('1/2', { exact: true }).isDisabled());
  assert.equal(await page.locator('.verdict').textContent(), 'Correct!');
  assert.match(await page.locator('.counter').textContent(), /^3 answers so far\. Unit fractions: about \d+% known\./);

  await next(page);
  assert.equal(await item(page).getAttribute('data-item-id'), 'uf-equal-parts');
  assert.equal(await item(page).getAttribute('data-step'), 'answering');

  // Every statement reaches the LRS, once, and is valid xAPI.
  await waitFor(async () => (await page.locator('.sync').getAttribute('data-pending')) === '0', 'the outbox to drain');
  const [{ value: learnerId }] = await idbAll(page, 'meta');
  const agent = JSON.stringify({ objectType: 'Agent', account: { homePage: stack.server.origin, name: learnerId } });
  const statements = await waitFor(async () => {
    const s = await getStatements(stack.lrs, { agent });
    return s.length >= 3 ? s : null;
  }, 'three statements in the LRS');
  assert.equal(statements.length, 3);
  const outbox = await idbAll(page, 'outbox');
  assert.deepEqual(new Set(statements.map((s) => s.id)), new Set(outbox.map((r) => r.id)));
  const byItem = Object.fromEntries(statements.map((s) => [s.object.id.split('/').pop(), s]));
  assert.equal(byItem['uf-pizza-quarters'].result.success, true);
  assert.equal(byItem['uf-name-one-third'].result.success, false);
  assert.equal(byItem['uf-name-one-third'].result.response, 'b');
  assert.equal(byItem['uf-larger-unit'].result.success, true);
  for (const s of statements) {
    assert.equal(s.verb.id, 'http://adlnet.gov/expapi/verbs/answered');
    assert.equal(s.actor.account.name, learnerId);
    assertValidStatement(s);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('feedback is never shown for an answer that was not saved, and a failed save leaves nothing half-written', async () => {
  const context = await stack.browser.newContext();
  await context.route('**/config.json', (route) => route.fulfill({ json: { packageUrl: 'course/pkg.json' } }));
  // Sabotage IndexedDB writes to one object store while the test says so.
  await context.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (window.__failWritesTo === this.name) {
        throw new DOMException('simulated write failure', 'UnknownError');
      }
      return put.apply(this, args);
    };
  });
  const page = await context.newPage();
  await page.goto(`${stack.server.origin}/`);
  await item(page).waitFor();
  // The player's own store is sabotaged: the test starts once the player is here (#19).
  await playerShown(page);
  await page.getByLabel('1/4', { exact: true }).check();

  // The first write of the transaction fails.
  await page.evaluate(() => { window.__failWritesTo = 'attempts'; });
  await page.getByRole('button', { name: 'Check' }).click();
  await page.getByText(/could not be saved/).waitFor();
  assert.equal(await page.locator('.feedback').count(), 0);
  assert.equal(await idbCount(page, 'attempts'), 0);
  assert.equal(await idbCount(page, 'outbox'), 0, 'no statement without its attempt');

  // The last write fails after the attempt and progress were written: the whole transaction rolls back.
  await page.evaluate(() => { window.__failWritesTo = 'outbox'; });
  await page.getByRole('button', { name: 'Check' }).click();
  await page.waitForFunction(() => document.querySelector('.message')?.textContent.includes('could not be saved'));
  assert.equal(await page.locator('.feedback').count(), 0);
  assert.equal(await idbCount(page, 'attempts'), 0, 'the attempt was rolled back with its statement');
  // The place may hold the unchecked choice (the draft is saved 300 ms after it is made, whenever no answer
  // is being committed), but never the answered step: that write was rolled back with the rest.
  const places = await idbAll(page, 'progress');
  assert.ok(places.every((p) => p.step === 'answering'), JSON.stringify(places.map((p) => p.step)));

  await page.evaluate(() => { window.__failWritesTo = null; });
  await page.getByRole('button', { name: 'Check' }).click();
  await page.locator('.feedback').waitFor();
  assert.equal(await idbCount(page, 'attempts'), 1);
  assert.equal(await idbCount(page, 'outbox'), 1);
  await context.close();
});

test('a broken package shows a readable error and leaves stored progress untouched', async () => {
  const { context, page } = await newPlayer({ withLrs: false });
  await item(page).waitFor();
  await answer(page, '1/4');
  const before = { attempts: await idbAll(page, 'attempts'), progress: await idbAll(page, 'progress') };

  await context.route('**/course/pkg.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: '{\n  "id": "https://x.example/c",\n  "title": \n}' }));
  await page.reload();
  const panel = page.locator('.error-panel');
  await panel.waitFor();
  assert.match(await panel.textContent(), /could not be opened/);
  assert.match(await panel.textContent(), /pkg\.json:4:1: title: expected value/);
  assert.match(await panel.textContent(), /progress on this device has not been changed/);

  await context.unroute('**/course/pkg.json');
  await context.route('**/content/unit-fractions-practice.json', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.reload();
  await panel.waitFor();
  assert.match(await panel.textContent(), /content\/unit-fractions-practice\.json/);
  assert.match(await panel.textContent(), /404/);

  await context.unroute('**/content/unit-fractions-practice.json');
  assert.deepEqual(await idbAll(page, 'attempts'), before.attempts);
  assert.deepEqual(await idbAll(page, 'progress'), before.progress);
  await page.reload();
  await item(page).waitFor();
  assert.equal(await item(page).getAttribute('data-item-id'), 'uf-pizza-quarters');
  assert.equal(await item(page).getAttribute('data-step'), 'feedback');
  await context.close();
});

test('a hint opens, survives a reload, and is counted in the statement', async () => {
  const { context, page } = await newPlayer();
  await item(page).waitFor();
  await page.getByLabel('1/4', { exact: true }).check();
  await page.getByRole('button', { name: 'Hint (1 of 2)' }).click();
  await page.locator('.hint').waitFor();
  assert.match(await page.locator('.hint').textContent(), /^Hint 1: How many equal slices/);
  assert.ok(await page.getByLabel('1/4', { exact: true }).isChecked(), 'opening a hint keeps the choice');
  assert.equal(await page.getByRole('button', { name: 'Hint (2 of 2)' }).count(), 1, 'the next tier is offered');

  await page.reload();
  await page.locator('.hint').waitFor();
  await page.getByLabel('1/4', { exact: true }).check();
  await page.getByRole('button', { name: 'Check' }).click();
  await page.locator('.feedback').waitFor();
  const [row] = await idbAll(page, 'outbox');
  const statement = JSON.parse(row.statement.json);
  assert.equal(statement.result.extensions['https://w3id.org/pacer/xapi/extensions/hints-used'], 1);
  const mastery = statement.result.extensions['https://w3id.org/pacer/xapi/extensions/skill-mastery'];
  assert.ok(mastery['unit-fractions'] >= 0 && mastery['unit-fractions'] <= 1);
  assertValidStatement(statement);
  await context.close();
});

test('finishing the activity sends a valid completed statement with the score', async () => {
  const { context, page } = await newPlayer();
  // A wrong first answer, then three right: the fourth answer reaches mastery, which ends the practice.
  for (const option of ['1/3', '1/3', '1/2', 'No']) {
    await item(page).waitFor();
    await answer(page, option);
    await next(page);
  }
  await page.locator('[data-step=finished]').waitFor();
  const [{ value: learnerId }] = await idbAll(page, 'meta');
  const agent = JSON.stringify({ objectType: 'Agent', account: { homePage: stack.server.origin, name: learnerId } });
  const statements = await waitFor(async () => {
    const s = await getStatements(stack.lrs, { agent, verb: 'http://adlnet.gov/expapi/verbs/completed' });
    return s.length ? s : null;
  }, 'the completed statement in the LRS');
  assert.equal(statements.length, 1);
  const [done] = statements;
  assert.match(done.object.id, /\/activities\/unit-fractions-practice$/);
  assert.equal(done.result.completion, true);
  assert.equal(done.result.score.scaled, 0.75, 'three of the four items answered were right at the first try');
  assertValidStatement(done);
  await context.close();
});

test('a choice not yet checked survives a reload, and checking right after choosing works', async () => {
  const { context, page } = await newPlayer({ withLrs: false });
  await item(page).waitFor();
  await page.getByLabel('4/1', { exact: true }).check();
  await waitFor(async () => (await idbAll(page, 'progress')).some((p) => p.draft?.option === 'c'), 'the draft to be stored');
  await page.reload();
  await item(page).waitFor();
  assert.ok(await page.getByLabel('4/1', { exact: true }).isChecked(), 'the draft is restored');

  // Choose and check at once: the draft write and the answer must not trip over each other.
  await page.getByLabel('1/4', { exact: true }).check();
  await page.getByRole('button', { name: 'Check' }).click();
  await page.locator('.feedback').waitFor();
  assert.equal(await page.locator('.message').textContent(), '');
  assert.equal(await page.locator('.verdict').textContent(), 'Correct!');
  await page.waitForTimeout(500); // let the debounced draft fire after the answer: it must change nothing
  assert.equal(await item(page).getAttribute('data-step'), 'feedback');
  assert.equal((await idbAll(page, 'attempts')).length, 1);
  await context.close();
});

test('after a package update that removed the current item, the learner resumes at the next unanswered one', async () => {
  const { context, page } = await newPlayer({ withLrs: false });
  await item(page).waitFor();
  await answer(page, '1/4');
  await next(page);
  assert.equal(await item(page).getAttribute('data-item-id'), 'uf-name-one-third');

  // Version 0.2.0 drops the item the learner is on.
  const activity = JSON.parse(readFileSync(new URL('../../content/unit-fractions-practice.json', import.meta.url)));
  activity.items = activity.items.filter((i) => i.id !== 'uf-name-one-third');
  await context.route('**/content/unit-fractions-practice.json', (route) => route.fulfill({ json: activity }));
  await page.reload();
  // The screen the player left may be drawn first (its resume form, #19): the player's, once here, is
  // the updated package's.
  await playerShown(page);
  await item(page).waitFor();
  assert.equal(await item(page).getAttribute('data-item-id'), 'uf-larger-unit');
  assert.match(await page.locator('.counter').textContent(), /^1 answer so far\. /);
  assert.deepEqual((await idbAll(page, 'attempts')).map((a) => a.itemId), ['uf-pizza-quarters'], 'history kept');
  await context.close();
});

test('the player tells the page when each statement is delivered', async () => {
  const { context, page } = await newPlayer();
  await item(page).waitFor();
  await page.evaluate(() => {
    window.statementEvents = [];
    document.addEventListener('pacer:statement', (e) => window.statementEvents.push(e.detail));
  });
  await answer(page, '1/4');
  await page.waitForFunction(() => window.statementEvents.length > 0);
  const [row] = await idbAll(page, 'outbox');
  assert.deepEqual(await page.evaluate(() => window.statementEvents), [{ id: row.id, state: 'delivered' }]);
  await context.close();
});

test('a practice item says why the engine chose it, and the answer carries the reason', async () => {
  const { context, page } = await newPlayer({ withLrs: false });
  await item(page).waitFor();
  await page.getByText('Why this question?').click();
  // The learner reads it in words and percentages; the statement carries the teacher's version.
  const reason = await page.locator('.why .reason').textContent();
  // Since #20 the engine picks the item that reaches a sure mastery decision soonest; the 75% target only
  // breaks ties, so the learner's sentence no longer names it.
  const [, chance] = reason.match(/^This question practises Unit fractions\. .*about a (\d+)% chance of getting it right/);
  await answer(page, '1/4');
  const [row] = await idbAll(page, 'outbox');
  const statement = JSON.parse(row.statement.json);
  const told = statement.context.extensions['https://w3id.org/pacer/xapi/extensions/reason'].text;
  const [, predicted] = told.match(/predicted success ([\d.]+), target 0\.75/);
  assert.equal(Math.round(Number(predicted) * 100), Number(chance), 'the same decision, told twice');
  assertValidStatement(statement);
  await context.close();
});
