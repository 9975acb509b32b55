// Adaptive practice as a struggling learner meets it (issue #25): the line counts answers and says how
// well the skill is known, never "Question 7 of 7" however long it runs; and once the skill has gone ten
// answers without mastery (when the teacher's wheel-spinning warning fires, carried in the statement), the
// learner is offered the lesson, a worked example or a break, and can take any of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack } from './lib/stack.mjs';
import { routeCourse } from './lib/courses.mjs';
import { idbAll } from './lib/browser.mjs';

const stack = useStack();

// Answers "I don't know yet" to the item on screen and waits for its feedback.
async function giveUp(page) {
  const form = page.locator('form.item[data-step=answering]');
  await form.waitFor();
  await page.getByRole('button', { name: "I don't know yet" }).click();
  await page.locator('form.item[data-step=feedback]').waitFor();
}

// Moves on from the feedback and waits for the next item (a fresh variant may repeat the item's id).
async function next(page) {
  await page.locator('form.item[data-step=feedback] button.next').click();
  await page.locator('form.item[data-step=answering], [data-step=finished]').first().waitFor();
}

test('a struggling learner sees answers counted, never "7 of 7", and after ten is offered a way out', async () => {
  const context = await stack.browser.newContext();
  await routeCourse(context, { config: { language: 'en' } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${stack.server.origin}/?activity=number-line-practice`);
  await page.locator('form.item[data-step=answering]').waitFor();
  assert.match(await page.locator('.counter').textContent(), /^0 answers so far\. Fractions on the number line: about \d+% known\.$/);

  // "I don't know yet" until the offer comes. A fresh variant that repeats numbers already seen is no
  // new evidence, so the tenth answer without mastery may take a few more answers than ten.
  const lines = [];
  let n = 0;
  for (;;) {
    n += 1;
    await giveUp(page);
    lines.push(await page.locator('.counter').textContent());
    if (await page.locator('.stuck-offer').count()) break;
    assert.ok(n < 20, 'the offer comes within twenty answers');
    await next(page);
  }
  assert.ok(n >= 10, `not before ten answers (${n})`);
  for (const [i, line] of lines.entries()) {
    assert.match(line, new RegExp(`^${i + 1} answers? so far\\. `), line);
    assert.doesNotMatch(line, /\bof\b|Question/, 'no fixed length is claimed');
  }

  // The tenth answer without mastery: the offer, and the teacher's warning in the same answer's record.
  const offer = page.locator('.stuck-offer');
  await offer.waitFor();
  assert.match(await offer.locator('.stuck-heading').textContent(),
    /^You have given 10 answers on Fractions on the number line without it clicking yet\./);
  const attempts = (await idbAll(page, 'attempts')).sort((a, b) => a.answeredAt - b.answeredAt);
  assert.equal(attempts.length, n);
  const spinning = (a) => a.warnings.find((w) => w.signal === 'wheel_spinning');
  assert.equal(spinning(attempts.at(-1))?.attemptsSinceMastery, 10, JSON.stringify(attempts.at(-1).warnings));
  assert.ok(attempts.slice(0, -1).every((a) => !spinning(a)), 'the offer comes with the first warning');
  assert.equal(await offer.locator('a.stuck-lesson').getAttribute('href'), '?activity=number-line-lesson');

  // A worked example of this question opens in place.
  await offer.locator('details.stuck-example summary').click();
  assert.ok((await offer.locator('details.stuck-example li').count()) >= 2);
  assert.ok(await offer.locator('details.stuck-example li').first().isVisible());

  // A break hides the practice until the learner comes back; practising on stays possible.
  await offer.locator('button.stuck-break').click();
  await page.locator('.stuck-resting').waitFor();
  assert.equal(await page.locator('form.item').isVisible(), false);
  await page.getByRole('button', { name: 'Keep practising' }).click();
  await page.locator('form.item button.next').waitFor();
  await next(page);
  assert.match(await page.locator('.counter').textContent(), new RegExp(`^${n} answers so far\\. `));

  // The lesson link opens the lesson.
  await giveUp(page);
  await page.locator('.stuck-offer a.stuck-lesson').click();
  await page.locator('.lesson-page').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('Spanish: the practice line speaks Spanish, with its plural', async () => {
  const context = await stack.browser.newContext();
  await routeCourse(context, { config: { language: 'es' } });
  const page = await context.newPage();
  await page.goto(`${stack.server.origin}/?activity=number-line-practice`);
  await page.locator('form.item[data-step=answering]').waitFor();
  await page.getByRole('button', { name: 'Todavía no lo sé' }).click();
  await page.locator('form.item[data-step=feedback]').waitFor();
  assert.match(await page.locator('.counter').textContent(), /^1 respuesta hasta ahora\. /);
  await context.close();
});

test('pseudo-locale: the practice line, the offer and the break come from the catalog', async () => {
  const context = await stack.browser.newContext();
  await routeCourse(context, { config: { language: 'qps-ploc' } });
  const page = await context.newPage();
  await page.goto(`${stack.server.origin}/?activity=number-line-practice`);
  for (let n = 1; ; n += 1) {
    await page.locator('form.item[data-step=answering] button.dont-know').click();
    await page.locator('form.item[data-step=feedback]').waitFor();
    if (await page.locator('.stuck-offer').count()) break;
    assert.ok(n < 20, 'the offer comes within twenty answers');
    await next(page);
  }
  // Every text node of the player's own words here (the worked example's steps are the author's).
  const words = () => page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('.counter, .stuck-offer, .stuck-resting')) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        if (t.parentElement.closest('.solution-steps') || !t.textContent.trim()) continue;
        out.push(t.textContent.trim());
      }
    }
    return out;
  });
  const before = await words();
  await page.locator('button.stuck-break').click();
  await page.locator('.stuck-resting:not([hidden])').waitFor();
  const all = [...before, ...await words()];
  assert.ok(all.length >= 6, all.join(' | '));
  assert.deepEqual(all.filter((w) => !w.includes('⟦')), [], 'every word of the offer is from the catalog');
  await context.close();
});
