// The learner's goal and reflections: set at the end of an activity, stored before they are shown as saved,
// counted from what the learner masters afterwards, kept across a reload and in the exported record, and
// never sent to the LRS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack } from './lib/stack.mjs';
import { idbAll } from './lib/browser.mjs';
import { getStatements } from './lib/lrs.mjs';
import { finishUnitFractions } from './lib/courses.mjs';

const stack = useStack({ lrs: true });

async function open(context, activity) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${stack.server.origin}/?activity=${activity}`);
  await page.locator('#pacer-root main').waitFor();
  return { page, errors };
}

// Pages through a lesson, answering each embedded check with "I don't know yet".
async function skimLesson(page) {
  for (let guard = 0; guard < 40; guard += 1) {
    if (await page.locator('[data-step=finished]').count()) return;
    const answering = page.locator('form.item[data-step=answering]');
    if (await answering.count()) {
      await page.getByRole('button', { name: "I don't know yet" }).click();
      await page.locator('.feedback').waitFor();
    }
    const before = await page.locator('.lesson-page').getAttribute('data-page-id').catch(() => null);
    await page.getByRole('button', { name: /^(Continue|Next|Finish)$/ }).first().click();
    await page.waitForFunction((id) => document.querySelector('[data-step=finished]')
      || document.querySelector('.lesson-page')?.dataset.pageId !== id
      || document.querySelector('form.item[data-step=answering]'), before);
  }
  throw new Error('the lesson did not end');
}

test('a goal set after a lesson counts the skill mastered next, and survives a reload', async () => {
  const context = await stack.browser.newContext();
  await context.route('**/config.json', (route) => route.fulfill({ json: { packageUrl: 'course/pkg.json' } }));
  const { page, errors } = await open(context, 'unit-fractions-lesson');
  await skimLesson(page);
  await page.locator('[data-step=finished]').waitFor();
  assert.equal(await page.locator('.goal .goal-status').textContent(), 'Set yourself a goal and watch your progress toward it.');
  assert.equal(await page.locator('.goal-line').isHidden(), true, 'no goal, no header line');

  await page.getByLabel('What do you want to master?').selectOption({ label: '1 skill' });
  await page.getByLabel('By when?').selectOption({ label: 'In one week' });
  await page.getByRole('button', { name: 'Set my goal' }).click();
  await page.locator('.saved-note').waitFor();
  assert.equal(await page.locator('.saved-note').textContent(), 'Your goal is saved.');
  const status = page.locator('.goal .goal-status');
  assert.equal(await status.textContent(), 'You have mastered 0 of 1 skill toward your goal. 7 days to go.');
  assert.equal(await page.locator('.goal-line').textContent(), 'My goal: 0 of 1 skill. 7 days to go.');
  const stored = (await idbAll(page, 'journal')).filter((e) => e.kind === 'goal');
  assert.equal(stored.length, 1, 'the goal is in IndexedDB');
  assert.deepEqual(stored[0].target, { type: 'masterSkills', count: 1 });

  // The practice that follows masters Unit fractions: the goal is reached, on screen and in the header.
  await page.goto(`${stack.server.origin}/?activity=unit-fractions-practice`);
  assert.equal(await page.locator('.goal-line').textContent(), 'My goal: 0 of 1 skill. 7 days to go.',
    'the header line shows the goal on every screen');
  await finishUnitFractions(page);
  await page.locator('[data-step=finished]').waitFor();
  assert.equal(await status.textContent(), 'Goal reached! You mastered 1 of 1 skill.');
  assert.equal(await page.locator('.goal-skills li').getAttribute('data-skill'), 'unit-fractions');
  assert.equal(await page.locator('.goal-line').textContent(), 'My goal: reached!');
  const mapSaysMastered = await page.locator('.progress-list li[data-skill=unit-fractions]').textContent();
  assert.match(mapSaysMastered, /mastered/, 'the goal agrees with the progress map');

  await page.reload();
  await page.locator('[data-step=finished]').waitFor();
  assert.equal(await page.locator('.goal .goal-status').textContent(), 'Goal reached! You mastered 1 of 1 skill.');
  assert.deepEqual(errors, []);
  await context.close();
});

test('reflections take turns, are stored before "saved" shows, are exported, and never reach the LRS', async () => {
  const context = await stack.browser.newContext();
  await context.route('**/config.json', (route) => route.fulfill({ json: {
    packageUrl: 'course/pkg.json', lrs: { endpoint: stack.lrs.endpoint, auth: stack.lrs.authHeader },
  } }));
  const { page, errors } = await open(context, 'unit-fractions-lesson');
  await skimLesson(page);
  const form = page.locator('form.reflection-form');
  assert.equal(await form.getAttribute('data-prompt'), 'reflect-helped');
  // An empty reflection is not kept.
  await page.getByRole('button', { name: 'Save my reflection' }).click();
  assert.equal(await form.locator('.form-status').textContent(), 'Write a few words first.');
  assert.equal((await idbAll(page, 'journal')).length, 0);

  const words = 'The pizza <b>pictures</b> helped';
  await page.getByLabel('What helped you most in this activity?').fill(words);
  await page.getByRole('button', { name: 'Save my reflection' }).click();
  await page.locator('.saved-note').waitFor();
  const stored = await idbAll(page, 'journal');
  assert.equal(stored.length, 1);
  assert.equal(stored[0].kind, 'reflection');
  assert.equal(stored[0].text, words);
  assert.equal(stored[0].activityId, 'unit-fractions-lesson');
  // The next prompt is another question; the first reflection is listed, as text (never as markup).
  assert.equal(await form.getAttribute('data-prompt'), 'reflect-learned');
  await page.locator('.my-reflections summary').click();
  assert.equal(await page.locator('.my-reflections .reflection-text').textContent(), words);
  assert.equal(await page.locator('.my-reflections b').count(), 0);

  await page.reload();
  await page.locator('[data-step=finished]').waitFor();
  assert.equal(await page.locator('.my-reflections .reflection-text').count(), 1, 'kept across a reload');

  const record = await page.evaluate(async () => (await import('/player/pacer.js'))
    .exportRecord(document.getElementById('pacer-root')));
  assert.equal(record.journal.length, 1);
  assert.equal(record.journal[0].text, words);

  // The lesson's answers reach the LRS; none of what was sent carries the reflection.
  let statements = [];
  for (let i = 0; i < 40 && statements.length < 3; i += 1) {
    statements = await getStatements(stack.lrs);
    if (statements.length < 3) await new Promise((r) => setTimeout(r, 250));
  }
  assert.ok(statements.length >= 3, `the lesson's statements were delivered (${statements.length})`);
  const sent = JSON.stringify(statements);
  assert.ok(!sent.includes('pizza <b>pictures</b>'), 'reflections stay on the device');
  assert.deepEqual(errors, []);
  await context.close();
});
