// The teacher's report, pointed at the test Ralph: a learner plays part of the demo course; the report
// shows that learner's mastery per skill equal to what the player reported, the CSV holds the same
// numbers, and bad data in the LRS (other courses, unknown verbs, malformed results) is skipped and counted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { useStack } from './lib/stack.mjs';
import { getStatements, lrsFetch } from './lib/lrs.mjs';
import { answerAndNext } from './lib/play.mjs';

const stack = useStack({ lrs: true });
const COURSE = 'https://pacer.example/courses/fractions-grade-4';
const RIGHT = {
  'uf-pizza-quarters': '1/4', 'uf-name-one-third': '1/3', 'uf-larger-unit': '1/2', 'uf-equal-parts': 'No', 'uf-whole-from-unit': '5',
};

async function post(statements) {
  const r = await lrsFetch(stack.lrs, 'statements', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(statements),
  });
  assert.ok(r.ok, `seeding the LRS: HTTP ${r.status}`);
}

test('the report shows the mastery the player reported, exports it, and skips bad data', async () => {
  const context = await stack.browser.newContext();
  await context.route('**/config.json', (route) => route.fulfill({
    json: { packageUrl: 'course/pkg.json', lrs: { endpoint: stack.lrs.endpoint, auth: stack.lrs.authHeader } },
  }));
  const page = await context.newPage();
  await page.goto(`${stack.server.origin}/`);
  const reported = [];
  await page.exposeFunction('onMastery', (d) => reported.push(d));
  await page.evaluate(() => document.querySelector('#pacer-root').addEventListener('pacer:mastery', (e) => window.onMastery(e.detail)));
  for (let i = 0; i < 3; i += 1) {
    const form = page.locator('form.item[data-step=answering]');
    await form.waitFor();
    const id = await form.getAttribute('data-item-id');
    await answerAndNext(page, i === 1 ? wrongFor(id) : RIGHT[id]);
  }
  // Wait until the three answers are in the LRS.
  let mine = [];
  for (let i = 0; i < 100 && mine.length < 3; i += 1) {
    mine = await getStatements(stack.lrs, { verb: 'http://adlnet.gov/expapi/verbs/answered' });
    if (mine.length < 3) await page.waitForTimeout(200);
  }
  assert.equal(mine.length, 3);
  const learner = mine[0].actor.account.name;
  const playerSays = reported.at(-1).skills['unit-fractions'];

  // Bad data beside it: another course, an unknown verb, a malformed result.
  const base = mine[0];
  const copy = (changes) => ({ ...structuredClone(base), id: randomUUID(), ...changes });
  await post([
    copy({ context: { ...base.context, contextActivities: { grouping: [{ objectType: 'Activity', id: 'https://other.example/course' }] } } }),
    copy({ verb: { id: 'https://example.org/verbs/doodled', display: { en: 'doodled' } } }),
    copy({ result: { ...base.result, success: 'yes' } }),
  ].map(({ stored, authority, version, ...s }) => s));

  const report = await context.newPage();
  await report.goto(`${stack.server.origin}/report.html`);
  await report.getByLabel('LRS endpoint').fill(stack.lrs.endpoint);
  await report.getByLabel('User name').fill('pacer');
  await report.getByLabel('Password').fill('pacer');
  await report.getByLabel('Course id').fill(COURSE);
  await report.getByRole('button', { name: 'Load' }).click();
  const status = report.locator('#status');
  await report.locator('#status[data-statements]').waitFor();
  const text = await status.textContent();
  assert.match(text, /1 learners/);
  // The other course's statement is filtered out by the LRS query itself (or skipped if the LRS ignores
  // related_activities); the unknown verb and the malformed result are skipped here.
  assert.match(text, /[01] from other courses, 1 with unknown verbs, 1 malformed/);
  const cell = report.locator(`tr[data-learner="${learner}"] td[data-skill="unit-fractions"]`);
  assert.equal(Number(await cell.getAttribute('data-p')), playerSays, 'the report says what the player said');
  assert.equal(await report.locator('#missed li').count(), 1, 'the one wrong answer is listed');

  const downloading = report.waitForEvent('download');
  await report.getByRole('button', { name: 'Download CSV' }).click();
  const file = readFileSync(await (await downloading).path(), 'utf8');
  assert.ok(file.startsWith('\uFEFF'), 'UTF-8 with a byte-order mark, for spreadsheet programs');
  const csv = file.slice(1).trim().split('\r\n');
  assert.equal(csv.length, 2);
  const header = csv[0].split(',').map((h) => JSON.parse(h));
  const row = csv[1].split(',');
  assert.equal(JSON.parse(row[0]), learner);
  assert.equal(Number(row[header.indexOf('unit-fractions')]), Number(playerSays.toFixed(4)));
  await context.close();
});

function wrongFor(id) {
  return { 'uf-pizza-quarters': '1/3', 'uf-name-one-third': '3/1', 'uf-larger-unit': '1/8', 'uf-equal-parts': 'Yes', 'uf-whole-from-unit': '1' }[id];
}

test('analyse skips statements from other courses, unknown verbs and malformed results, and counts them', async () => {
  const { analyse, toCsv } = await import('../../www/report-data.js');
  const ok = (id, name, p, success = true, course = COURSE) => ({
    id, actor: { account: { homePage: 'https://s.example', name } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/answered' },
    object: { id: `${COURSE}/activities/a/items/${id}`, definition: { name: { en: `Q ${id}` } } },
    result: { success, extensions: { 'https://w3id.org/pacer/xapi/extensions/skill-mastery': { s: p } } },
    context: { contextActivities: { grouping: [{ id: course }] } },
    timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, Number(id.slice(1)))).toISOString(),
  });
  const data = analyse([
    ok('q1', 'ana', 0.4, false), ok('q2', 'ana', 0.97), ok('q3', 'ben', 0.2, false),
    ok('q4', 'ana', 0.99, true, 'https://other.example/c'),
    { ...ok('q5', 'ana', 0.5), verb: { id: 'https://example.org/verbs/doodled' } },
    { ...ok('q6', 'ana', 0.5), result: { success: 'yes' } },
    { ...ok('q7', 'ana', 0.5), timestamp: 'yesterday' },
    null, 42,
  ], { course: COURSE });
  assert.deepEqual(data.skipped, { otherCourse: 1, unknownVerb: 1, malformed: 4, otherLearner: 0 });
  assert.deepEqual(data.rows.map((r) => [r.name, r.mastery.s.p]), [['ana', 0.97], ['ben', 0.2]]);
  assert.deepEqual(data.missed.map((m) => m.count), [1, 1]);
  assert.equal(toCsv(data), '\uFEFF"learner","s"\r\n"ana",0.9700\r\n"ben",0.2000\r\n');
  const paced = analyse([ok('q1', 'ana', 0.4, false)], { course: COURSE, deadline: Date.UTC(2026, 0, 2), now: Date.UTC(2026, 0, 1, 1) });
  assert.equal(paced.rows[0].warnings[0].signal, 'pace');
});
