// One P(known) in the player (#20): answers given in one activity are read, in another activity's course
// plan, with their own items' values (here the values the author's difficulty gives them), as a fold over
// the whole package reads them, not with their skill's values. The player reads only the open activity
// to show the first item, and the other activities' items after it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useStack } from './lib/stack.mjs';
import { routeCourse } from './lib/courses.mjs';
import { idbAll } from './lib/browser.mjs';
import { repoRoot } from './lib/server.mjs';

const stack = useStack();

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'pkg.json'), 'utf8'));
const itemsOf = (activity) => JSON.parse(readFileSync(path.join(repoRoot, `content/${activity}.json`), 'utf8')).items;

const logit = (p) => Math.log(p / (1 - p));
const sigma = (x) => 1 / (1 + Math.exp(-x));

// P(known) of a skill after `attempts` (all "I don't know yet", so all read as wrong), as the engine folds
// them (docs/engine.md): KT-IDEM, each answer read with its item's guess and slip and followed by its
// learn rate; only the first try at an item (at its numbers, for a parameterised one) counts.
function pKnownAfter(attempts, bkt, valuesOf) {
  const seen = new Set();
  let known = bkt.prior;
  for (const a of attempts) {
    const key = a.values ? `${a.itemId} ${JSON.stringify(a.values)}` : a.itemId;
    if (seen.has(key)) continue;
    seen.add(key);
    const { guess, slip, learn } = valuesOf(a.itemId);
    const posterior = known * slip / (known * slip + (1 - known) * (1 - guess));
    known = posterior * (1 - (bkt.forget ?? 0)) + (1 - posterior) * learn;
  }
  return known;
}

test("another activity's answers are read with their own items' values in the course plan", async () => {
  const context = await stack.browser.newContext();
  await routeCourse(context, { config: { language: 'en' } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // Three answers on the number line, each "I don't know yet".
  await page.goto(`${stack.server.origin}/?activity=number-line-practice`);
  for (let n = 0; n < 3; n += 1) {
    await page.locator('form.item[data-step=answering] button.dont-know').click();
    await page.locator('form.item[data-step=feedback]').waitFor();
    await page.locator('form.item[data-step=feedback] button.next').click();
    await page.locator('form.item[data-step=answering]').waitFor();
  }
  const lineAnswers = (await idbAll(page, 'attempts')).sort((a, b) => a.answeredAt - b.answeredAt);
  assert.equal(lineAnswers.length, 3);

  // Then the unit-fractions practice, right four times: it ends at mastery and shows the course plan.
  await page.goto(`${stack.server.origin}/?activity=unit-fractions-practice`);
  const right = { 'uf-pizza-quarters': '1/4', 'uf-name-one-third': '1/3', 'uf-larger-unit': '1/2', 'uf-equal-parts': 'No' };
  for (let n = 0; n < 4; n += 1) {
    const form = page.locator('form.item[data-step=answering]');
    await form.waitFor();
    await page.getByLabel(right[await form.getAttribute('data-item-id')], { exact: true }).check();
    await page.getByRole('button', { name: 'Check' }).click();
    await page.locator('.feedback').waitFor();
    await page.getByRole('button', { name: /^(Next|Finish)$/ }).click();
  }
  await page.locator('[data-step=finished]').waitFor();

  // What a fold over the whole package says: each number-line item's values from its difficulty.
  const skill = manifest.skills.find((s) => s.id === 'fractions-number-line');
  const bkt = { prior: 0.1, learn: 0.1, guess: 0.2, slip: 0.1, forget: 0, ...skill.bkt };
  const difficulty = Object.fromEntries(itemsOf('number-line-practice').map((i) => [i.id, i.difficulty ?? 0]));
  const own = (id) => ({
    guess: sigma(logit(bkt.guess) - difficulty[id]),
    slip: sigma(logit(bkt.slip) + difficulty[id]),
    learn: bkt.learn,
  });
  const expected = pKnownAfter(lineAnswers, bkt, own);
  const skillOnly = pKnownAfter(lineAnswers, bkt, () => bkt);
  assert.ok(Math.abs(expected - skillOnly) > 1e-6, `the items' values matter here (${expected} against ${skillOnly})`);

  const shown = async () => Number(await page.locator('.progress-list li[data-skill=fractions-number-line]').getAttribute('data-p-known'));
  // The other activities' items are read after the first answer; the plan is drawn again if they come later.
  for (let i = 0; i < 50 && Math.abs(await shown() - expected) > 1e-12; i += 1) await page.waitForTimeout(100);
  const p = await shown();
  assert.ok(Math.abs(p - expected) <= 1e-12, `P(known) in the plan ${p}, the whole package's fold ${expected}, the skill's values only ${skillOnly}`);
  assert.deepEqual(errors, []);
  await context.close();
});
