// The course plan at the end of an activity: the engine's short list of what next (assigned first), each
// with its reason, locked activities with why; the teacher's accommodations (fewer choices, the first hint
// open) from the embedding config.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack } from './lib/stack.mjs';
import { idbAll } from './lib/browser.mjs';

const stack = useStack();
const RIGHT = {
  'uf-pizza-quarters': '1/4', 'uf-name-one-third': '1/3', 'uf-larger-unit': '1/2', 'uf-equal-parts': 'No', 'uf-whole-from-unit': '5',
};

async function open(overrides) {
  const context = await stack.browser.newContext();
  // Record what read-aloud says (headless Chromium has no voices to hear).
  await context.addInitScript(() => {
    window.__spoken = [];
    window.speechSynthesis.speak = (u) => window.__spoken.push({ text: u.text, lang: u.lang });
  });
  await context.route('**/config.json', (route) => route.fulfill({ json: { packageUrl: 'course/pkg.json', overrides } }));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${stack.server.origin}/`);
  await page.locator('form.item').waitFor();
  return { context, page, errors };
}

test('after an activity: assigned work first, then the next skills, each with its reason; locked ones say why', async () => {
  const { context, page, errors } = await open({ assign: ['decimals-practice'], lock: ['unit-fractions-lesson'] });
  const masteryNow = {};
  await page.exposeFunction('onMastery', (d) => Object.assign(masteryNow, d.skills));
  await page.evaluate(() => document.querySelector('#pacer-root').addEventListener('pacer:mastery', (e) => window.onMastery(e.detail)));
  // Four right at the first try reach mastery, and a practice ends at mastery.
  for (let i = 0; i < 4; i += 1) {
    const form = page.locator('form.item[data-step=answering]');
    await form.waitFor();
    const id = await form.getAttribute('data-item-id');
    await page.getByLabel(RIGHT[id], { exact: true }).check();
    await page.getByRole('button', { name: 'Check' }).click();
    await page.locator('.feedback').waitFor();
    await page.getByRole('button', { name: /^(Next|Finish)$/ }).click();
  }
  await page.locator('[data-step=finished]').waitFor();
  const offers = page.locator('.offers .offer');
  assert.ok(await offers.count() >= 2 && await offers.count() <= 3, 'a short list to choose from');
  assert.equal(await offers.nth(0).getAttribute('data-activity'), 'decimals-practice');
  assert.equal(await offers.nth(0).locator('.offer-reason').textContent(), 'Your teacher assigned this.');
  // Four right at the first try master unit fractions: what builds on it is offered, with the numbers.
  const next = page.locator('.offer[data-why=next]').first();
  assert.match(await next.locator('.offer-reason').textContent(), /is next: you have mastered what it builds on \(Unit fractions\)/);
  await next.locator('summary').click();
  assert.match(await next.locator('.reason').textContent(), /Unit fractions: (9[5-9]|100)% known/);
  // My progress: the map and its list say what the engine knows.
  const unit = page.locator('.progress-list li[data-skill=unit-fractions]');
  assert.match(await unit.textContent(), /^Unit fractions — mastered/);
  assert.equal(Number(await unit.getAttribute('data-p-known')), masteryNow['unit-fractions']);
  assert.equal(await page.locator('.progress-map g.skill.mastered[data-skill=unit-fractions]').count(), 1);
  assert.match(await page.locator('.progress-list li[data-skill=comparing-fractions]').textContent(), /opens after: Equivalent fractions/);
  assert.equal(await page.locator('.progress-map g.skill.locked[data-skill=comparing-fractions]').count(), 1);
  assert.equal(await page.locator('.progress-list li').count(), 8);
  assert.equal(await page.locator('.progress-map').getAttribute('aria-hidden'), 'true', 'the list is what screen readers read');
  const locked = page.locator('.activities li[data-activity=unit-fractions-lesson]');
  assert.equal(await locked.getAttribute('data-status'), 'locked');
  assert.match(await locked.textContent(), /Your teacher has closed this activity for now/);
  const later = page.locator('.activities li[data-activity=comparing-practice]');
  assert.match(await later.textContent(), /Opens when you master Equivalent fractions/);
  // The learner picks: the offer is a link to that activity.
  await offers.nth(0).locator('a').click();
  await page.waitForURL(/\?activity=decimals-practice/);
  await page.locator('form.item').waitFor();
  assert.equal((await idbAll(page, 'attempts')).length, 4);
  assert.deepEqual(errors, []);
  await context.close();
});

test('accommodations from the config: fewer choices shown, the first hint open, each new item read aloud', async () => {
  const { context, page, errors } = await open({ accommodations: { fewerChoices: 2, hintsAlwaysOn: true, extraAttempts: 1, readAloud: true } });
  const form = page.locator('form.item');
  assert.equal(await form.locator('input[name=choice]').count(), 2, 'two options instead of three');
  assert.equal(await page.locator('.hint').count(), 1, 'the first hint is open');
  const id = await form.getAttribute('data-item-id');
  await page.getByLabel(RIGHT[id], { exact: true }).check();
  await page.getByRole('button', { name: 'Check' }).click();
  await page.locator('.feedback').waitFor();
  const [row] = await idbAll(page, 'outbox');
  const s = JSON.parse(row.statement.json);
  assert.equal(s.result.extensions['https://w3id.org/pacer/xapi/extensions/hints-used'], 1, 'the open hint is recorded');
  // Read aloud: on request, and by itself for the next item (the accommodation).
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('form.item[data-step=answering]').waitFor();
  const stem = await page.locator('legend').textContent();
  let spoken = await page.evaluate(() => window.__spoken);
  assert.equal(spoken.length, 1, 'the new item was read without being asked');
  assert.ok(spoken[0].text.startsWith(stem), spoken[0].text);
  assert.match(spoken[0].lang, /^en(-|$)/, 'spoken in the learner\'s language (the browser says en-US)');
  await page.getByRole('button', { name: 'Read aloud' }).click();
  spoken = await page.evaluate(() => window.__spoken);
  assert.equal(spoken.length, 2);
  assert.deepEqual(errors, []);
  await context.close();
});
