// The teacher's report keeps what it read in IndexedDB and asks the LRS (a real Ralph) only for what was
// stored since: a repeat open makes one request (counted), a statement stored between two opens appears,
// and a statement returned again (the overlap, or an LRS that ignores `since`) is never counted twice.
// A load can be cancelled from the keyboard; what it read is kept, and the next load completes it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack } from './lib/stack.mjs';
import { lrsFetch, startLrs } from './lib/lrs.mjs';
import { idbCount } from './lib/browser.mjs';

const stack = useStack({ lrs: true });
const COURSE = 'https://pacer.example/courses/incremental';
const ANSWERED = 'http://adlnet.gov/expapi/verbs/answered';
const MASTERY = 'https://w3id.org/pacer/xapi/extensions/skill-mastery';

let serial = 0;
function statement(name, p, success = true, course = COURSE) {
  serial += 1;
  return {
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    actor: { objectType: 'Agent', account: { homePage: 'https://school.example', name } },
    verb: { id: ANSWERED, display: { en: 'answered' } },
    object: { objectType: 'Activity', id: `${course}/activities/a/items/q${serial % 17}`, definition: { name: { en: `Question ${serial % 17}` } } },
    result: { success, extensions: { [MASTERY]: { 'unit-fractions': p } } },
    context: { contextActivities: { grouping: [{ objectType: 'Activity', id: course }] } },
    timestamp: new Date(Date.UTC(2026, 8, 1, 9, 0, 0) + serial * 1000).toISOString(),
  };
}

async function post(statements, lrs = stack.lrs) {
  for (let i = 0; i < statements.length; i += 250) {
    const r = await lrsFetch(lrs, 'statements', { method: 'POST', body: JSON.stringify(statements.slice(i, i + 250)) });
    assert.ok(r.ok, `seeding the LRS: HTTP ${r.status} ${await r.text()}`);
  }
}

// Opens the report, loads, and returns the status's figures and the GET requests made to the LRS.
async function open(context, { overlap = 1, route, lrs = stack.lrs, course = COURSE } = {}) {
  const page = await context.newPage();
  const gets = [];
  page.on('request', (r) => { if (r.method() === 'GET' && r.url().includes('/xAPI/statements')) gets.push(r.url()); });
  if (route) await page.route('**/xAPI/statements?**', route);
  await page.goto(`${stack.server.origin}/report.html?overlap=${overlap}`);
  await page.getByLabel('LRS endpoint').fill(lrs.endpoint);
  await page.getByLabel('User name').fill('pacer');
  await page.getByLabel('Password').fill('pacer');
  await page.getByLabel('Course id').fill(course);
  await page.getByRole('button', { name: 'Load' }).click();
  await page.locator('#status[data-statements]').waitFor({ timeout: 60_000 });
  const data = await page.locator('#status').evaluate((s) => ({ ...s.dataset }));
  return { page, gets, statements: Number(data.statements), fresh: Number(data.fresh), repeated: Number(data.repeated), requests: Number(data.requests) };
}

const answersOf = (page, name) => page.locator(`#timelines details[data-learner="${name}"] > summary`).textContent();

test('a repeat open asks only for what is new, shows it, and counts nothing twice', async () => {
  const learners = Array.from({ length: 30 }, (_, i) => `learner-${String(i).padStart(2, '0')}`);
  const seeded = Array.from({ length: 1100 }, (_, i) => statement(learners[i % 30], (i % 90) / 100, i % 4 !== 0));
  await post(seeded);
  // The newest statement of the first open is stored well after the rest, so `since` less the overlap
  // (1 s here) reaches back to it and no further: it comes back once more on the repeat open.
  await new Promise((r) => setTimeout(r, 1500));
  await post([statement('learner-00', 0.5)]);
  const context = await stack.browser.newContext();

  const first = await open(context);
  assert.equal(first.statements, 1101);
  assert.equal(first.fresh, 1101);
  assert.ok(first.requests > 1, 'several pages (Ralph gives at most 100 statements a page)');
  assert.equal(first.gets.length, first.requests);
  assert.ok(first.gets.every((u) => !new URL(u).searchParams.has('since')), 'a first load reads everything');
  assert.match(await answersOf(first.page, 'learner-00'), /\(38 answers\)/);
  await first.page.close();

  // Stored between the two opens.
  await post([statement('zoe', 0.97)]);
  const second = await open(context);
  assert.equal(second.requests, 1, 'one request for what is new');
  assert.equal(second.gets.length, 1);
  assert.ok(new URL(second.gets[0]).searchParams.has('since'));
  assert.equal(second.fresh, 1, 'only the statement stored since');
  assert.ok(second.repeated >= 1, 'the overlap returned the newest one again');
  assert.equal(second.statements, 1102, 'and it is not counted twice');
  assert.equal(await second.page.locator('tr[data-learner="zoe"] td[data-skill="unit-fractions"]').getAttribute('data-p'), '0.97');
  assert.match(await answersOf(second.page, 'learner-00'), /\(38 answers\)/);
  assert.equal(await second.page.locator('#grid tbody tr').count(), 31);
  await second.page.close();

  // An LRS that ignores `since` returns everything again: still nothing is counted twice.
  const third = await open(context, {
    route: async (route) => {
      const url = new URL(route.request().url());
      url.searchParams.delete('since');
      const response = await route.fetch({ url: url.href });
      const body = await response.json();
      // Each page twice over, too.
      await route.fulfill({ response, json: { ...body, statements: [...body.statements, ...body.statements] } });
    },
  });
  assert.equal(third.statements, 1102);
  assert.equal(third.fresh, 0);
  assert.equal(third.repeated, 2 * 1102);
  assert.match(await answersOf(third.page, 'learner-00'), /\(38 answers\)/);
  await third.page.close();
  await context.close();
});

test('a load is cancelled from the keyboard, keeps what it read, and the next load completes it', async () => {
  const course = `${COURSE}/cancel`;
  await post(Array.from({ length: 1200 }, (_, i) => statement(`c-${i % 12}`, 0.3, true, course)));
  const context = await stack.browser.newContext();
  const page = await context.newPage();
  let pages = 0;
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/xAPI/statements?**', async (route) => {
    pages += 1;
    if (pages === 2) await held; // the second page waits until the load is cancelled
    await route.continue().catch(() => {});
  });
  await page.goto(`${stack.server.origin}/report.html`);
  await page.getByLabel('LRS endpoint').fill(stack.lrs.endpoint);
  await page.getByLabel('User name').fill('pacer');
  await page.getByLabel('Password').fill('pacer');
  await page.getByLabel('Course id').fill(course);
  await page.getByRole('button', { name: 'Load' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('#progress').waitFor();
  await page.locator('#status', { hasText: /statements read/ }).waitFor();
  const kept = Number((await page.locator('#status').textContent()).match(/(\d+) statements read/)[1]);
  assert.ok(kept > 0 && kept < 1200, `${kept} read before the held page`);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cancel', 'the focus moves to Cancel');
  await page.keyboard.press('Enter');
  await page.locator('#status', { hasText: 'Cancelled' }).waitFor();
  release();
  await page.locator('#progress').waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'load', 'and back to Load');
  assert.ok(await page.locator('#grid tbody tr').count() > 0, 'what was read is shown');
  await page.unroute('**/xAPI/statements?**');
  await page.keyboard.press('Enter');
  await page.locator('#status[data-statements]').waitFor();
  const status = await page.locator('#status').evaluate((s) => ({ ...s.dataset }));
  assert.equal(Number(status.statements), 1200, 'everything, once');
  assert.equal(Number(status.fresh), 1200 - kept, 'what the cancelled load kept is not counted again');
  await context.close();
});

test('an LRS that answers fewer statements a page than asked is read to its end, each statement once', async () => {
  // A Ralph of its own that answers at most 7 statements a page, whatever `limit` asks.
  const capped = await startLrs({ origins: [stack.server.origin], maxPage: 7 });
  try {
    const course = `${COURSE}/capped`;
    await post(Array.from({ length: 50 }, (_, i) => statement(`p-${i % 5}`, 0.4, i % 3 !== 0, course)), capped);
    const context = await stack.browser.newContext();
    const first = await open(context, { lrs: capped, course });
    assert.equal(new URL(first.gets[0]).searchParams.get('limit'), '500', 'the report asks for large pages');
    assert.equal(first.requests, 8, '50 statements, 7 a page: 8 pages, each asked for once');
    assert.equal(first.gets.length, 8);
    assert.equal(new Set(first.gets).size, 8, 'each `more` link followed once');
    assert.equal(first.statements, 50);
    assert.equal(first.fresh, 50);
    assert.equal(first.repeated, 0, 'no statement read twice');
    assert.match(await answersOf(first.page, 'p-0'), /\(10 answers\)/);
    // The pages read are kept together, not as one IndexedDB record a page.
    assert.equal(await idbCount(first.page, 'pages', 'pacer-report'), 1);
    await first.page.close();
    await context.close();
  } finally {
    await capped.stop();
  }
});
