// Every interaction type, answered wrong and then right using the keyboard only (no clicks): the verdict
// and the feedback shown, the score and response of the statement queued for each answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { useStack } from './lib/stack.mjs';
import { repoRoot } from './lib/server.mjs';
import { idbAll } from './lib/browser.mjs';
import { assertValidStatement } from './lib/validate.mjs';

const stack = useStack();
const fixture = path.join(repoRoot, 'tests/e2e/fixtures/interactions');

async function open(activity) {
  const context = await stack.browser.newContext();
  await context.route('**/config.json', (route) => route.fulfill({ json: { packageUrl: 'fixture/pkg.json' } }));
  await context.route('**/fixture/**', (route) => {
    const rel = new URL(route.request().url()).pathname.replace(/^.*\/fixture\//, '');
    const file = path.join(fixture, rel);
    if (!existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ contentType: 'application/json', body: readFileSync(file) });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${stack.server.origin}/?activity=${activity}`);
  await page.locator('form.item').waitFor();
  return { context, page, errors };
}

// One interaction type: open its activity, answer by keyboard (`play` gets the page), finish, no errors.
function typeTest(name, id, play) {
  test(`${name}: wrong then right, by keyboard alone`, async () => {
    const { context, page, errors } = await open(id);
    await itemShown(page, id);
    await play(page);
    assert.equal((await active(page)).text, 'Finish', 'focus is on Finish after the feedback');
    await keys(page, 'Enter');
    await page.locator('[data-step=finished]').waitFor();
    assert.match(await page.locator('.summary').textContent(), /0 of 1/, 'only the first try counts');
    assert.deepEqual(errors, []);
    await context.close();
  });
}

const keys = async (page, ...seq) => { for (const k of seq) await page.keyboard.press(k); };
const active = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return { tag: a?.tagName, text: a?.textContent?.trim(), name: a?.getAttribute('name'), value: a?.value };
});

async function itemShown(page, id) {
  await page.locator(`form.item[data-item-id="${id}"][data-step=answering]`).waitFor();
}

// Tabs forward until the focused element satisfies `test` (fails after 30 stops).
async function tabTo(page, what, test) {
  for (let i = 0; i < 30; i += 1) {
    if (await page.evaluate(test)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${what}; focus is on ${JSON.stringify(await active(page))}`);
}

const onButton = (label) => new Function(`return document.activeElement?.tagName === 'BUTTON' && document.activeElement.textContent.trim() === ${JSON.stringify(label)}`);

async function submit(page) {
  await tabTo(page, 'Check', onButton('Check'));
  await keys(page, 'Enter');
  await page.locator('.feedback').waitFor();
}

async function lastStatement(page, count) {
  for (let i = 0; i < 50; i += 1) {
    const rows = await idbAll(page, 'outbox');
    if (rows.length >= count) {
      const s = JSON.parse(rows.sort((a, b) => a.queuedAt - b.queuedAt || a.order - b.order).at(-1).statement.json);
      return [s, rows];
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected ${count} statements in the outbox`);
}

// Checks the verdict, the feedback and the statement queued for the answer just given.
async function expectResult(page, { correct, detail, response, count }) {
  assert.equal(await page.locator('.verdict').textContent(), correct ? 'Correct!' : 'Not quite.');
  if (detail !== undefined) assert.equal(await page.locator('.feedback .detail').textContent(), detail);
  const [s, rows] = await lastStatement(page, count);
  assert.equal(rows.length, count, 'one statement per answer');
  assertValidStatement(s);
  assert.equal(s.result.success, correct);
  assert.equal(s.result.score.scaled, correct ? 1 : 0);
  if (response !== undefined) assert.equal(s.result.response, response);
  return s;
}

async function tryAgain(page, id) {
  await tabTo(page, 'Try again', onButton('Try again'));
  await keys(page, 'Enter');
  await itemShown(page, id);
}

async function next(page, id) {
  assert.deepEqual((await active(page)).text, 'Next', 'focus is on Next after the feedback');
  await keys(page, 'Enter');
  if (id) await itemShown(page, id);
}


typeTest('single choice', 'single', async (page) => {
  await tabTo(page, 'the first option', () => document.activeElement?.type === 'radio');
  await keys(page, 'Space');
  await submit(page);
  const s = await expectResult(page, { correct: false, detail: 'That is one third.', response: 'a', count: 1 });
  assert.equal(s.object.definition.interactionType, 'choice');
  await tryAgain(page, 'single');
  await keys(page, 'ArrowDown');
  await submit(page);
  await expectResult(page, { correct: true, detail: 'Yes, one of two equal parts.', response: 'b', count: 2 });
});

typeTest('multiple response', 'multiple', async (page) => {
  await tabTo(page, 'the first box', () => document.activeElement?.type === 'checkbox');
  await keys(page, 'Space', 'Tab', 'Space');
  await submit(page);
  await expectResult(page, { correct: false, detail: '2/3 is more than a half.', response: 'a[,]b', count: 1 });
  await tryAgain(page, 'multiple');
  await keys(page, 'Space', 'Tab', 'Tab', 'Space');
  await submit(page);
  await expectResult(page, { correct: true, detail: 'Both are halves.', response: 'a[,]c', count: 2 });
});

typeTest('true / false', 'truefalse', async (page) => {
  await tabTo(page, 'True', () => document.activeElement?.type === 'radio');
  await keys(page, 'Space');
  await submit(page);
  const s = await expectResult(page, { correct: false, detail: 'More parts means smaller parts.', response: 'true', count: 1 });
  assert.equal(s.object.definition.interactionType, 'true-false');
  await tryAgain(page, 'truefalse');
  await keys(page, 'ArrowDown');
  await submit(page);
  await expectResult(page, { correct: true, response: 'false', count: 2 });
});

typeTest('numeric', 'numeric', async (page) => {
  await tabTo(page, 'the answer box', () => document.activeElement?.name === 'answer');
  await page.keyboard.type('4/3');
  await keys(page, 'Enter');
  await page.locator('.feedback').waitFor();
  const s = await expectResult(page, { correct: false, detail: 'That is four thirds: upside down.', response: '4/3', count: 1 });
  assert.equal(s.object.definition.interactionType, 'numeric');
  await tryAgain(page, 'numeric');
  await page.keyboard.type('three quarters');
  await keys(page, 'Enter');
  await page.locator('.message:not(:empty)').waitFor();
  assert.equal((await idbAll(page, 'outbox')).length, 1, 'an unreadable number is not an attempt');
  await keys(page, 'Control+A');
  await page.keyboard.type('3/4');
  await keys(page, 'Enter');
  await page.locator('.feedback').waitFor();
  await expectResult(page, { correct: true, detail: 'Yes, 3/4 = 0.75.', response: '3/4', count: 2 });
});

typeTest('short text', 'shorttext', async (page) => {
  await tabTo(page, 'the answer box', () => document.activeElement?.name === 'answer');
  await page.keyboard.type('one three');
  await keys(page, 'Enter');
  await page.locator('.feedback').waitFor();
  await expectResult(page, { correct: false, detail: 'The 3 names thirds.', count: 1 });
  await tryAgain(page, 'shorttext');
  await page.keyboard.type('  One   THIRD');
  await keys(page, 'Enter');
  await page.locator('.feedback').waitFor();
  await expectResult(page, { correct: true, detail: 'One third it is.', count: 2 });
});

typeTest('cloze', 'cloze', async (page) => {
  await tabTo(page, 'the first blank', () => document.activeElement?.classList.contains('blank'));
  await page.keyboard.type('1');
  await keys(page, 'Tab');
  await page.keyboard.type('3');
  await keys(page, 'Tab');
  await page.keyboard.type('more');
  await submit(page);
  await expectResult(page, { correct: false, detail: 'Look at each blank again.', response: '1[,]3[,]more', count: 1 });
  assert.equal(await page.locator('.blank.part-wrong').count(), 1, 'the wrong blank is marked');
  await tryAgain(page, 'cloze');
  await page.keyboard.type('1');
  await keys(page, 'Tab');
  await page.keyboard.type('2');
  await keys(page, 'Tab');
  await page.keyboard.type('more');
  await submit(page);
  await expectResult(page, { correct: true, response: '1[,]2[,]more', count: 2 });
});

typeTest('ordering', 'ordering', async (page) => {
  const order = () => page.locator('li[data-id]').evaluateAll((lis) => lis.map((l) => l.dataset.id));
  const shuffled = await order();
  assert.notDeepEqual(shuffled, ['eighth', 'quarter', 'half'], 'never shown in the right order');
  await submit(page);
  const s = await expectResult(page, { correct: false, response: shuffled.join('[,]'), count: 1 });
  assert.equal(s.object.definition.interactionType, 'sequencing');
  await tryAgain(page, 'ordering');
  const target = ['eighth', 'quarter', 'half'];
  for (let i = 0; i < target.length; i += 1) {
    let at = (await order()).indexOf(target[i]);
    if (at === i) continue;
    await tabTo(page, `Move up of ${target[i]}`, new Function(`const a = document.activeElement; return a?.dataset?.move === '-1' && a.closest('li')?.dataset.id === ${JSON.stringify(target[i])}`));
    while (at > i) { await keys(page, 'Enter'); at -= 1; }
    assert.match(await page.locator('.announcer').textContent(), new RegExp(`moved to position ${i + 1} of 3`));
  }
  assert.deepEqual(await order(), target);
  await submit(page);
  await expectResult(page, { correct: true, detail: 'Smallest to largest.', response: target.join('[,]'), count: 2 });
});

typeTest('matching', 'matching', async (page) => {
  const pick = async (text) => { await page.keyboard.type(text); await keys(page, 'Tab'); };
  await tabTo(page, 'the first select', () => document.activeElement?.tagName === 'SELECT');
  await pick('one third'); await pick('one half'); await pick('one quarter');
  await submit(page);
  const s = await expectResult(page, { correct: false, detail: 'Some pairs are crossed.', count: 1 });
  assert.equal(s.object.definition.interactionType, 'matching');
  assert.equal(s.result.response, 'h[.]t[,]q[.]q[,]t[.]h');
  await tryAgain(page, 'matching');
  await pick('one half'); await pick('one third'); await pick('one quarter');
  await submit(page);
  await expectResult(page, { correct: true, response: 'h[.]h[,]q[.]q[,]t[.]t', count: 2 });
});

typeTest('math expression', 'expression', async (page) => {
  await tabTo(page, 'the answer box', () => document.activeElement?.name === 'answer');
  await page.keyboard.type('2(n+');
  await keys(page, 'Enter');
  await page.locator('.message:not(:empty)').waitFor();
  assert.match(await page.locator('.message').textContent(), /cannot be read/);
  assert.equal((await idbAll(page, 'outbox')).length, 0, 'an expression that does not parse is not an attempt');
  await tabTo(page, "I don't know yet", onButton("I don't know yet"));
  await keys(page, 'Enter');
  await page.locator('.feedback').waitFor();
  await expectResult(page, { correct: false, response: '', count: 1 });
  await tryAgain(page, 'expression');
  await page.keyboard.type('2n + 2');
  await keys(page, 'Enter');
  await page.locator('.feedback').waitFor();
  await expectResult(page, { correct: true, detail: 'Equivalent.', response: '2n + 2', count: 2 });
});

test('a check shows feedback only at the end; a worked solution is recorded; parameters stay put', async () => {
  const { context, page, errors } = await open('quiz');
  await itemShown(page, 'quiz-1');
  await tabTo(page, 'False', () => document.activeElement?.type === 'radio');
  await keys(page, 'ArrowDown');
  await submit(page);
  assert.equal(await page.locator('.verdict').textContent(), 'Answer saved.', 'no verdict before the end');
  assert.equal(await page.locator('.feedback .detail').count(), 0);
  await next(page, 'quiz-2');
  const stem = await page.locator('legend').textContent();
  const a = Number(stem.match(/What is (\d) quarters/)[1]);
  await page.reload();
  await itemShown(page, 'quiz-2');
  assert.equal(await page.locator('legend').textContent(), stem, 'a reload shows the same numbers');
  await tabTo(page, 'the solution', onButton('Show the worked solution'));
  await keys(page, 'Enter');
  await page.locator('.solution').waitFor();
  assert.match(await page.locator('.solution').textContent(), new RegExp(`So it is ${a}/4\\.`));
  await tabTo(page, 'the answer box', () => document.activeElement?.name === 'answer');
  await page.keyboard.type(`${a}/4`);
  await keys(page, 'Enter');
  await page.locator('.feedback').waitFor();
  const [s] = await lastStatement(page, 2);
  assert.equal(s.result.extensions['https://w3id.org/pacer/xapi/extensions/solution-viewed'], true);
  assert.deepEqual(s.result.extensions['https://w3id.org/pacer/xapi/extensions/parameters'], { a });
  assert.equal(s.result.success, true);
  assertValidStatement(s);
  await keys(page, 'Enter');
  await page.locator('[data-step=finished]').waitFor();
  const results = page.locator('.results li');
  assert.equal(await results.count(), 2);
  assert.match(await results.nth(0).textContent(), /Not quite\..*2\/4 and 1\/2 name the same amount\./);
  assert.match(await results.nth(1).textContent(), /Correct!/);
  assert.deepEqual(errors, []);
  await context.close();
});
