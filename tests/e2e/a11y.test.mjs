// WCAG 2.1 AA, measured: axe-core (tags wcag2a, wcag2aa, wcag21a, wcag21aa) finds no violation on any
// screen of the player — each of the nine interaction types before feedback, after wrong and right
// feedback and on a retry; hints and the worked solution open; a lesson page; the finished screen with
// the course plan and the progress map; the "This device" panel; the error panel of a broken package; the
// teacher's report, empty and with data — in the light and dark themes and under forced colours. Beside
// axe: control boundaries and the focus ring at 3:1 (1.4.11), a focus ring on every Tab stop, and no
// motion when the learner asks for less.
//
// The host page has no Content-Security-Policy, so axe goes in as a script tag (lib/axe.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack } from './lib/stack.mjs';
import { axeViolations } from './lib/axe.mjs';
import { weakBoundaries, weakFocus } from './lib/contrast.mjs';
import { ANSWERS, TYPES, check, finishUnitFractions, routeCourse, settle, tryAgain } from './lib/courses.mjs';
import { MODES, auditModes } from './lib/fixture-course.mjs';

const stack = useStack();

const audit = auditModes;

// 1.4.11 and a visible focus ring, in the light and dark themes.
async function auditContrastAndFocus(page, label) {
  for (const mode of MODES.slice(0, 2)) {
    await page.emulateMedia(mode.media);
    await settle(page);
    assert.deepEqual(await weakBoundaries(page), [], `${label} (${mode.name}): control boundaries under 3:1`);
    const { problems, stops } = await weakFocus(page);
    assert.ok(stops >= 2, `${label} (${mode.name}): Tab reached ${stops} elements`);
    assert.deepEqual(problems, [], `${label} (${mode.name}): focus not visible enough`);
  }
  await page.emulateMedia(MODES[0].media);
}

async function player({ fixture = false, activity, config } = {}) {
  const context = await stack.browser.newContext();
  await routeCourse(context, { fixture, config });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${stack.server.origin}/${activity ? `?activity=${activity}` : ''}`);
  return { context, page, errors };
}

test('the audit can fail: a planted image without alt text and pale text are reported', async () => {
  const { context, page } = await player({ fixture: true, activity: 'single' });
  await page.locator('form.item').waitFor();
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.src = 'icon.svg';
    const pale = document.createElement('p');
    pale.textContent = 'Hard to read';
    pale.style.color = '#c8c8c8';
    document.querySelector('.stage').append(img, pale);
  });
  const ids = (await axeViolations(page)).map((v) => v.id);
  assert.ok(ids.includes('image-alt'), `image-alt expected in ${ids}`);
  assert.ok(ids.includes('color-contrast'), `color-contrast expected in ${ids}`);
  await page.evaluate(() => { document.querySelector('fieldset').style.borderColor = '#eeeeee'; });
  assert.equal((await weakBoundaries(page)).length, 1, 'a pale fieldset border is caught');
  await page.addStyleTag({ content: 'button:focus-visible { outline: none; }' });
  const { problems } = await weakFocus(page);
  assert.ok(problems.some((p) => p.startsWith('button.primary.check')), `a button without a focus ring is caught: ${problems}`);
  await context.close();
});

for (const type of TYPES) {
  test(`${type}: no violation before feedback, after wrong and right feedback, and on a retry`, async () => {
    const { context, page, errors } = await player({ fixture: true, activity: type });
    await page.locator(`form.item[data-item-id="${type}"][data-step=answering]`).waitFor();
    await audit(page, `${type}, answering`);
    await ANSWERS[type].wrong(page);
    await audit(page, `${type}, wrong answer given`, MODES.slice(0, 1));
    await check(page);
    assert.equal(await page.locator('.verdict').textContent(), 'Not quite.');
    await audit(page, `${type}, wrong feedback`);
    await tryAgain(page);
    await audit(page, `${type}, retry`, MODES.slice(0, 2));
    await ANSWERS[type].right(page);
    await check(page);
    assert.equal(await page.locator('.verdict').textContent(), 'Correct!');
    await audit(page, `${type}, right feedback`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('a check with feedback at the end: the results list on the finished screen', async () => {
  const { context, page } = await player({ fixture: true, activity: 'quiz' });
  await page.locator('form.item[data-item-id=quiz-1]').waitFor();
  await page.getByLabel('False', { exact: true }).check();
  await check(page);
  await audit(page, 'quiz, answer saved', MODES.slice(0, 2));
  await page.locator('button.next').click();
  await page.locator('form.item[data-item-id=quiz-2][data-step=answering]').waitFor();
  await page.locator('button.solution-button').click();
  await page.locator('.solution').waitFor();
  await audit(page, 'quiz, worked solution open');
  await page.locator('input[name=answer]').fill('1/4');
  await check(page);
  await page.locator('button.next').click();
  await page.locator('[data-step=finished] .results').waitFor();
  await audit(page, 'quiz, finished with results');
  await context.close();
});

test('demo course: hints, worked solution, feedback, This device, the finished screen with progress map', async () => {
  const { context, page, errors } = await player();
  await page.locator('form.item[data-step=answering]').waitFor();
  await audit(page, 'practice item');
  await page.locator('button.hint-button').click();
  await page.locator('.hints li').waitFor();
  await audit(page, 'one hint open');
  await page.locator('button.hint-button').click();
  await page.locator('.hints li:nth-child(2)').waitFor();
  await page.locator('button.solution-button').click();
  await page.locator('.solution').waitFor();
  await audit(page, 'both hints and the worked solution open');
  await auditContrastAndFocus(page, 'item with hints and solution');
  await page.locator('input[type=radio]').first().check();
  await check(page);
  await audit(page, 'feedback with hints open');
  await auditContrastAndFocus(page, 'feedback');

  await page.locator('.device > summary').click();
  await page.locator('.device .who').waitFor();
  await page.locator('.storage[data-persisted]').waitFor();
  await audit(page, 'This device open');
  await page.locator('button.remove').click();
  await page.locator('.device-message:not(:empty)').waitFor();
  await page.locator('.confirm:not([hidden])').waitFor();
  await audit(page, 'This device: removal refused, confirmation offered');
  await page.locator('.device > summary').click();

  await finishUnitFractions(page);
  await page.locator('.my-progress .progress-map').waitFor();
  await audit(page, 'finished: plan, progress map and list');
  await page.locator('.offer details.why > summary').first().click();
  await audit(page, 'finished: "Why?" open', MODES.slice(0, 2));
  await auditContrastAndFocus(page, 'finished screen');
  // The learner's goal and reflection: the messages for an empty reflection, then both saved.
  await page.getByRole('button', { name: 'Save my reflection' }).click();
  await page.locator('.reflection .form-status:not(:empty)').waitFor();
  await audit(page, 'finished: reflection refused (empty)', MODES.slice(0, 2));
  await page.getByLabel('What helped you most in this activity?').fill('Drawing the pizza');
  await page.getByRole('button', { name: 'Save my reflection' }).click();
  await page.locator('.reflection + * .saved-note, .reflection .saved-note').first().waitFor();
  await page.getByLabel('What do you want to master?').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Set my goal' }).click();
  await page.locator('.goal .goal-bar').waitFor();
  await page.locator('.my-reflections > summary').click();
  await audit(page, 'finished: goal set, reflection saved and listed, goal line in the header');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a lesson page, reading and with its embedded check', async () => {
  const { context, page } = await player({ activity: 'unit-fractions-lesson' });
  await page.locator('.lesson-page').waitFor();
  await audit(page, 'lesson, first page');
  await page.locator('button.next').click();
  await page.locator('.lesson-page form.item').waitFor();
  await audit(page, 'lesson page with its check');
  await context.close();
});

test('the error panel of a broken package', async () => {
  const context = await stack.browser.newContext();
  await routeCourse(context);
  await context.route('**/course/pkg.json', (route) => route.fulfill({ contentType: 'application/json', body: '{\n  "id": "https://x.example/c",\n  "title": \n}' }));
  const page = await context.newPage();
  await page.goto(`${stack.server.origin}/`);
  await page.locator('.error-panel').waitFor();
  await audit(page, 'error panel');
  await context.close();
});

test("the teacher's report, empty and with a class loaded", async () => {
  const context = await stack.browser.newContext();
  const course = 'https://pacer.example/courses/fractions-grade-4';
  const statement = (n, name, p, success) => ({
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    actor: { account: { homePage: 'https://s.example', name } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/answered' },
    object: { id: `${course}/activities/a/items/q${n}`, definition: { name: { en: `Question ${n}` } } },
    result: { success, extensions: { 'https://w3id.org/pacer/xapi/extensions/skill-mastery': { 'unit-fractions': p, 'equivalent-fractions': p / 2 } } },
    context: { contextActivities: { grouping: [{ id: course }] } },
    timestamp: new Date(Date.UTC(2026, 0, 5, 9, 0, n)).toISOString(),
  });
  const statements = [statement(1, 'ana', 0.4, false), statement(2, 'ana', 0.97, true), statement(3, 'ben', 0.2, false)];
  await context.route('**/lrs/xAPI/statements**', (route) => route.fulfill({ json: { statements, more: '' } }));
  const page = await context.newPage();
  await page.goto(`${stack.server.origin}/report.html`);
  await audit(page, 'report, empty form');
  await page.getByLabel('LRS endpoint').fill(`${stack.server.origin}/lrs/xAPI/`);
  await page.getByLabel('Course id').fill(course);
  await page.getByLabel('Finish by (for the pace warning)').fill('2026-01-10');
  await page.getByRole('button', { name: 'Load' }).click();
  await page.locator('#status[data-statements="3"]').waitFor();
  await page.locator('#timelines details > summary').first().click();
  await audit(page, 'report with a class');
  await auditContrastAndFocus(page, 'report');
  // In Spanish, while a load runs (the progress bar and Cancel), and with the class loaded.
  let release;
  const held = new Promise((r) => { release = r; });
  const es = await context.newPage();
  await es.route('**/lrs/xAPI/statements**', async (route) => { await held; await route.fulfill({ json: { statements, more: '' } }); });
  await es.goto(`${stack.server.origin}/report.html?lang=es`);
  await es.locator('#endpoint').fill(`${stack.server.origin}/lrs/xAPI/`);
  await es.locator('#course').fill(course);
  await es.locator('#load').click();
  await es.locator('#progress').waitFor();
  await audit(es, 'report in Spanish, loading');
  release();
  await es.locator('#status[data-statements="3"]').waitFor();
  await audit(es, 'report in Spanish with a class');
  await context.close();
});

test('no motion when the learner asks for less; the feedback fades in otherwise', async () => {
  const { context, page } = await player({ fixture: true, activity: 'single' });
  await page.locator('form.item').waitFor();
  const moving = () => page.evaluate(() => [...document.querySelectorAll('*')].filter((e) => {
    const s = getComputedStyle(e);
    const long = (v) => v.split(',').some((d) => parseFloat(d) > 0);
    return (s.animationName !== 'none' && long(s.animationDuration)) || long(s.transitionDuration);
  }).map((e) => e.className || e.tagName));
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await ANSWERS.single.wrong(page);
  assert.ok((await moving()).length > 0, 'buttons have a transition by default (so the check below means something)');
  await check(page);
  assert.ok((await moving()).includes('feedback incorrect'), 'the feedback fades in by default');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  assert.deepEqual(await moving(), [], 'nothing moves under prefers-reduced-motion: reduce');
  await context.close();
});
