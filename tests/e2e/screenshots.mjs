// Screenshots of the player for the docs (`make screenshots`; not a test, so `make test` does not run it):
// an item before feedback, its feedback with a hint open, the finished screen at its progress map and at
// the learner's goal and reflection,
// at 1366x768 and 360x640, in English and in Spanish (config `language: "es"`). Only the viewport is
// captured, so the files stay small. Writes docs/screenshots/*.png.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startServer, repoRoot } from './lib/server.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { check, finishUnitFractions, routeCourse, settle } from './lib/courses.mjs';

const out = path.join(repoRoot, 'docs/screenshots');
mkdirSync(out, { recursive: true });
const SIZES = [{ width: 1366, height: 768 }, { width: 360, height: 640 }];
const LANGUAGES = ['en', 'es'];

const server = await startServer();
const browser = await launchBrowser();
const written = [];
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
} finally {
  await browser.close();
  await server.stop();
}
console.log(`wrote ${written.length} screenshots:\n${written.join('\n')}`);
