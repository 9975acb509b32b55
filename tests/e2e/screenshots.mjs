// Screenshots of the player for the docs (`make screenshots`; not a test, so `make test` does not run it):
// an item before feedback, its feedback with a hint open, the finished screen at its progress map and at
// the learner's goal and reflection,
// the figures drawn from numbers (a parameterised item's bar and number line, before and after feedback;
// picture options; a numberLine answer being placed; a lesson page's circle and labelled number line;
// from tests/e2e/fixtures/figures, light and dark), hottext and dragToImage (tests/e2e/fixtures/visual-b), the interactions answered on a picture (a shade bar
// half done with a part focused, a grid, the bar's feedback; a hotspot with a region picked and its
// feedback, a hotspot of one pick; from tests/e2e/fixtures/visual, light and dark),
// at 1366x768 and 360x640, in English and in Spanish (config `language: "es"`). Only the viewport is
// captured, so the files stay small. Writes docs/screenshots/*.png.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startServer, repoRoot } from './lib/server.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { check, finishUnitFractions, routeCourse, settle } from './lib/courses.mjs';
import { routeFixture } from './lib/fixture-course.mjs';

const out = path.join(repoRoot, 'docs/screenshots');
mkdirSync(out, { recursive: true });
const SIZES = [{ width: 1366, height: 768 }, { width: 360, height: 640 }];
const LANGUAGES = ['en', 'es'];

const server = await startServer();
const browser = await launchBrowser();
const written = [];

// Plays `play(page, shot)` on the e2e fixture package `folder` (under tests/e2e/fixtures/) in each
// language, size and colour scheme, one new context each; `shot(name)` writes
// `name[-dark]-LANG-WxH.png`.
async function eachFixtureContext(folder, play) {
  const fixture = path.join(repoRoot, 'tests/e2e/fixtures', folder);
  for (const language of LANGUAGES) {
    for (const viewport of SIZES) {
      for (const colorScheme of ['light', 'dark']) {
        const context = await browser.newContext({ viewport, reducedMotion: 'reduce', locale: language, colorScheme });
        await routeFixture(context, fixture, { language });
        const page = await context.newPage();
        const suffix = colorScheme === 'dark' ? '-dark' : '';
        const shot = async (name) => {
          await settle(page);
          const file = path.join(out, `${name}${suffix}-${language}-${viewport.width}x${viewport.height}.png`);
          await page.screenshot({ path: file });
          written.push(path.relative(repoRoot, file));
        };
        await play(page, shot);
        await context.close();
      }
    }
  }
}

try {
  for (const language of LANGUAGES) {
    for (const viewport of SIZES) {
      const context = await browser.newContext({ viewport, reducedMotion: 'reduce', locale: language });
      await routeCourse(context, { config: { language } });
      const page = await context.newPage();
      const shot = async (name) => {
        await settle(page);
        const file = path.join(out, `${name}-${language}-${viewport.width}x${viewport.height}.png`);
        await page.screenshot({ path: file });
        written.push(path.relative(repoRoot, file));
      };
      await page.goto(`${server.origin}/`);
      await page.locator('form.item[data-step=answering]').waitFor();
      await page.locator('.sync:not(:empty)').waitFor();
      await shot('item');
      await page.locator('button.hint-button').click();
      await page.locator('.hints li').waitFor();
      await page.locator('form.item input[type=radio]').first().check();
      await check(page);
      await page.locator('.hints').evaluate((e) => e.scrollIntoView({ block: 'center' }));
      await shot('feedback-hint');
      await finishUnitFractions(page);
      await page.locator('#progress-heading').evaluate((e) => e.scrollIntoView({ block: 'start' }));
      await shot('finished-progress');
      // The learner's goal and reflection, once both are set (the reflection in the learner's words).
      await page.locator('.reflection textarea').fill(language === 'es' ? 'Dibujar la pizza me ayudó.' : 'Drawing the pizza helped me.');
      await page.locator('button.save-reflection').click();
      await page.locator('.reflection .saved-note').waitFor();
      await page.locator('#goal-target').selectOption({ index: 1 });
      await page.locator('button.set-goal').click();
      await page.locator('.goal .goal-bar').waitFor();
      await page.locator('#reflect-heading').evaluate((e) => e.scrollIntoView({ block: 'start' }));
      await shot('finished-goal-reflection');
      await context.close();
    }
  }
  // The figures drawn from numbers, from their e2e fixture.
  await eachFixtureContext('figures', async (page, shot) => {
    await page.goto(`${server.origin}/?activity=figures`);
    await page.locator('form.item[data-step=answering]').waitFor();
    await page.locator('form.item svg.bar').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await shot('figures-item');
    await page.locator('input[name=answer]').fill('1/100');
    await check(page);
    await page.locator('.feedback').evaluate((e) => e.scrollIntoView({ block: 'end' }));
    await shot('figures-feedback');
    await page.goto(`${server.origin}/?activity=pictures`);
    await page.locator('form.item .picture-option img').first().waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll('.picture-option img')].every((i) => i.complete));
    await page.locator('form.item').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await shot('figures-picture-options');
    await page.goto(`${server.origin}/?activity=line`);
    await page.locator('input[name=point]').focus();
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight');
    await page.locator('form.item').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await shot('figures-number-line-answer');
    await page.goto(`${server.origin}/?activity=lesson`);
    await page.locator('article.lesson-page svg.circle').waitFor();
    await shot('figures-lesson');
    await page.locator('article.lesson-page svg.number-line').evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await shot('figures-lesson-line');
  });
  // The interactions answered on a picture, from their e2e fixture.
  await eachFixtureContext('visual', async (page, shot) => {
    await page.goto(`${server.origin}/?activity=shade`);
    await page.locator('svg.shade-model').waitFor();
    for (const p of [1, 2]) await page.locator(`svg.shade-model [data-toggle="${p}"]`).click();
    await page.locator('input[name=shade]').nth(2).focus();
    await page.locator('form.item').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await shot('visual-shade');
    await check(page);
    await page.locator('.feedback').evaluate((e) => e.scrollIntoView({ block: 'end' }));
    await shot('visual-shade-feedback');
    await page.goto(`${server.origin}/?activity=cells`);
    await page.locator('svg.shade-model.grid').waitFor();
    await page.locator('svg.shade-model [data-toggle="1"]').click();
    await page.locator('form.item').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await shot('visual-shade-grid');
    await page.goto(`${server.origin}/?activity=hotspot`);
    await page.locator('svg.hotspot-image .region').first().waitFor();
    await page.locator('svg.hotspot-image .region').nth(1).click();
    await page.locator('form.item').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await shot('visual-hotspot');
    await check(page);
    await page.locator('.feedback').evaluate((e) => e.scrollIntoView({ block: 'end' }));
    await shot('visual-hotspot-feedback');
    // One region to pick: a radio group, the picked region focused.
    await page.goto(`${server.origin}/?activity=hotspot-one`);
    await page.locator('svg.hotspot-image .region').first().waitFor();
    await page.locator('svg.hotspot-image .region').nth(2).click();
    await page.locator('form.item').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await shot('visual-hotspot-one');
  });
  // hottext and dragToImage, from their e2e fixture: answering (some selected, some placed) and feedback.
  await eachFixtureContext('visual-b', async (page, shot) => {
    await page.goto(`${server.origin}/?activity=words`);
    await page.locator('button.hottext[data-phrase=third]').click();
    await page.locator('button.hottext[data-phrase=two-fifths]').click();
    await page.locator('form.item').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await shot('visual-hottext');
    await check(page);
    await page.locator('.feedback').evaluate((e) => e.scrollIntoView({ block: 'end' }));
    await shot('visual-hottext-feedback');
    await page.goto(`${server.origin}/?activity=labels`);
    await page.locator('.drop-picture img').waitFor();
    await page.waitForFunction(() => document.querySelector('.drop-picture img').complete);
    await page.locator('select[name=target-first]').selectOption('quarter');
    await page.locator('select[name=target-middle]').selectOption('third');
    await page.locator('form.item').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await shot('visual-drag-to-image');
    await page.locator('select[name=target-last]').selectOption('three-quarters');
    await check(page);
    await page.locator('.feedback').evaluate((e) => e.scrollIntoView({ block: 'end' }));
    await shot('visual-drag-to-image-feedback');
  });
} finally {
  await browser.close();
  await server.stop();
}
console.log(`wrote ${written.length} screenshots:\n${written.join('\n')}`);
