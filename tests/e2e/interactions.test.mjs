// Every interaction type, answered wrong and then right using the keyboard only (no clicks): the verdict
// and the feedback shown, the score and response of the statement queued for each answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useStack } from './lib/stack.mjs';
import { repoRoot } from './lib/server.mjs';
import { idbAll } from './lib/browser.mjs';
import { assertValidStatement } from './lib/validate.mjs';

const stack = useStack();
const fixture = path.join(repoRoot, 'tests/e2e/fixtures/interactions');

async function open() {
  const context = await stack.browser.newContext();
  await context.route('**/config.json', (route) => route.fulfill({ json: { packageUrl: 'fixture/pkg.json' } }));
  await context.route('**/fixture/**', (route) => {
    const rel = new URL(route.request().url()).pathname.replace(/^.*\/fixture\//, '');
    route.fulfill({ contentType: 'application/json', body: readFileSync(path.join(fixture, rel)) });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${stack.server.origin}/`);
  await page.locator('form.item').waitFor();
  return { context, page, errors };
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
  // Focus is on Next after feedback.
  assert.deepEqual((await active(page)).text, 'Next');
  await keys(page, 'Enter');
  if (id) await itemShown(page, id);
}

test('every interaction type, wrong then right, by keyboard alone', async () => {
  const { context, page, errors } = await open();
  let n = 0;

  // Single choice: radios, arrow keys.
  await itemShown(page, 'single');
  await tabTo(page, 'the first option', () => document.activeElement?.type === 'radio');
  await keys(page, 'Space');
  await submit(page);
  let s = await expectResult(page, { correct: false, detail: 'That is one third.', response: 'a', count: ++n });
  assert.equal(s.object.definition.interactionType, 'choice');
  await tryAgain(page, 'single');
  await keys(page, 'ArrowDown');
  await submit(page);
  await expectResult(page, { correct: true, detail: 'Yes, one of two equal parts.', response: 'b', count: ++n });
  await next(page, 'multiple');

  // Multiple response: checkboxes, Space toggles.
  await keys(page, 'Space', 'Tab', 'Space');
  await submit(page);
  s = await expectResult(page, { correct: false, detail: '2/3 is more than a half.', response: 'a[,]b', count: ++n });
  await tryAgain(page, 'multiple');
  await keys(page, 'Space', 'Tab', 'Tab', 'Space');
  await submit(page);
  await expectResult(page, { correct: true, detail: 'Both are halves.', response: 'a[,]c', count: ++n });
  await next(page, 'truefalse');

  // True / false.
  await keys(page, 'Space');
  await submit(page);
  s = await expectResult(page, { correct: false, detail: 'More parts means smaller parts.', response: 'true', count: ++n });
  assert.equal(s.object.definition.interactionType, 'true-false');
  await tryAgain(page, 'truefalse');
  await keys(page, 'ArrowDown');
  await submit(page);
  await expectResult(page, { correct: true, response: 'false', count: ++n });
  await next(page, 'numeric');

  // Numeric: a misconception, an unreadable answer (not an attempt), then a fraction.
  await page.keyboard.type('4/3');
  await keys(page, 'Enter');
  await page.locator('.feedback').waitFor();
  s = await expectResult(page, { correct: false, detail: 'That is four thirds: upside down.', response: '4/3', count: ++n });
  assert.equal(s.object.definition.interactionType, 'numeric');
  await tryAgain(page, 'numeric');
  await page.keyboard.type('three quarters');
  await keys(page, 'Enter');
  await page.locator('.message:not(:empty)').waitFor();
  assert.equal((await idbAll(page, 'outbox')).length, n, 'an unreadable number is not an attempt');
  await keys(page, 'Control+A');
  await page.keyboard.type('3/4');
  await keys(page, 'Enter');
  await page.locator('.feedback').waitFor();
  await expectResult(page, { correct: true, detail: 'Yes, 3/4 = 0.75.', response: '3/4', count: ++n });
  await next(page, 'shorttext');

  // Short text with an anticipated wrong answer; case and spaces do not matter.
  await page.keyboard.type('one three');
  await keys(page, 'Enter');
  await page.locator('.feedback').waitFor();
  await expectResult(page, { correct: false, detail: 'The 3 names thirds.', count: ++n });
  await tryAgain(page, 'shorttext');
  await page.keyboard.type('  One   THIRD');
  await keys(page, 'Enter');
  await page.locator('.feedback').waitFor();
  await expectResult(page, { correct: true, detail: 'One third it is.', count: ++n });
  await next(page, 'cloze');

  // Cloze: two typed blanks and an inline choice (type-ahead in the select).
  await page.keyboard.type('1');
  await keys(page, 'Tab');
  await page.keyboard.type('3');
  await keys(page, 'Tab');
  await page.keyboard.type('more');
  await submit(page);
  s = await expectResult(page, { correct: false, detail: 'Look at each blank again.', response: '1[,]3[,]more', count: ++n });
  assert.equal(await page.locator('.blank.part-wrong').count(), 1, 'the wrong blank is marked');
  await tryAgain(page, 'cloze');
  await page.keyboard.type('1');
  await keys(page, 'Tab');
  await page.keyboard.type('2');
  await keys(page, 'Tab');
  await page.keyboard.type('more');
  await submit(page);
  await expectResult(page, { correct: true, response: '1[,]2[,]more', count: ++n });
  await next(page, 'ordering');

  // Ordering: submit the shuffled order (never the right one), then sort with Move up buttons.
  const order = () => page.locator('li[data-id]').evaluateAll((lis) => lis.map((l) => l.dataset.id));
  const shuffled = await order();
  assert.notDeepEqual(shuffled, ['eighth', 'quarter', 'half']);
  await submit(page);
  s = await expectResult(page, { correct: false, response: shuffled.join('[,]'), count: ++n });
  assert.equal(s.object.definition.interactionType, 'sequencing');
  await tryAgain(page, 'ordering');
  const target = ['eighth', 'quarter', 'half'];
  for (let i = 0; i < target.length; i += 1) {
    let at = (await order()).indexOf(target[i]);
    if (at === i) continue;
    // Shift+Tab back to the top of the list, then forward to this entry's Move up button.
    await tabTo(page, `Move up of ${target[i]}`, new Function(`const a = document.activeElement; return a?.dataset?.move === '-1' && a.closest('li')?.dataset.id === ${JSON.stringify(target[i])}`));
    while (at > i) { await keys(page, 'Enter'); at -= 1; }
    assert.match(await page.locator('.announcer').textContent(), new RegExp(`moved to position ${i + 1} of 3`));
  }
  assert.deepEqual(await order(), target);
  await submit(page);
  await expectResult(page, { correct: true, detail: 'Smallest to largest.', response: target.join('[,]'), count: ++n });
  await next(page, 'matching');

  // Matching: one select per prompt, chosen by typing.
  const pick = async (text) => { await page.keyboard.type(text); await keys(page, 'Tab'); };
  await tabTo(page, 'the first select', () => document.activeElement?.tagName === 'SELECT');
  await pick('one third'); await pick('one half'); await pick('one quarter');
  await submit(page);
  s = await expectResult(page, { correct: false, detail: 'Some pairs are crossed.', count: ++n });
  assert.equal(s.object.definition.interactionType, 'matching');
  assert.equal(s.result.response, 'h[.]t[,]q[.]q[,]t[.]h');
  await tryAgain(page, 'matching');
  await pick('one half'); await pick('one third'); await pick('one quarter');
  await submit(page);
  await expectResult(page, { correct: true, response: 'h[.]h[,]q[.]q[,]t[.]t', count: ++n });
  await next(page, 'expression');

  // Expression: a clear message for one that does not parse, "I don't know yet", then an equivalent one.
  await page.keyboard.type('2(n+');
  await keys(page, 'Enter');
  await page.locator('.message:not(:empty)').waitFor();
  assert.match(await page.locator('.message').textContent(), /cannot be read/);
  assert.equal((await idbAll(page, 'outbox')).length, n);
  await tabTo(page, "I don't know yet", onButton("I don't know yet"));
  await keys(page, 'Enter');
  await page.locator('.feedback').waitFor();
  await expectResult(page, { correct: false, response: '', count: ++n });
  await tryAgain(page, 'expression');
  await page.keyboard.type('2n + 2');
  await keys(page, 'Enter');
  await page.locator('.feedback').waitFor();
  await expectResult(page, { correct: true, detail: 'Equivalent.', response: '2n + 2', count: ++n });
  assert.equal((await active(page)).text, 'Finish');
  await keys(page, 'Enter');
  await page.locator('[data-step=finished]').waitFor();
  assert.match(await page.locator('.summary').textContent(), /0 of 9/, 'only first tries count');
  assert.deepEqual(errors, []);
  await context.close();
});
