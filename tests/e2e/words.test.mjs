// The words and numbers the player reports come from the package and the learner's language: the
// `pacer:mastery` event carries the package's own threshold, and an answer that cannot be read is
// explained in Spanish to a Spanish learner (before, both came from English defaults in the code).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack } from './lib/stack.mjs';
import { routeCourse } from './lib/courses.mjs';
import { checkOption } from './lib/play.mjs';

const stack = useStack();

test('pacer:mastery reports the threshold the package sets', async () => {
  const context = await stack.browser.newContext();
  await routeCourse(context);
  await context.route('**/course/pkg.json', async (route) => {
    // A request still being answered when the test closes its context (the service worker caching
    // the course) is dropped, not left to reject after the test.
    const manifest = await route.fetch().then((r) => r.json()).catch(() => null);
    if (!manifest) return;
    manifest.settings = { ...manifest.settings, masteryThreshold: 0.8 };
    for (const a of manifest.activities) {
      if (a.mastery?.rule === 'bkt') a.mastery.threshold = 0.8;
    }
    await route.fulfill({ json: manifest }).catch(() => {});
  });
  const page = await context.newPage();
  await page.goto(`${stack.server.origin}/`);
  await page.locator('#pacer-root form.item').waitFor();
  await page.evaluate(() => {
    window.mastery = [];
    document.querySelector('#pacer-root').addEventListener('pacer:mastery', (e) => window.mastery.push(e.detail));
  });
  await checkOption(page, '1/4');
  await page.waitForFunction(() => window.mastery.length > 0);
  const [detail] = await page.evaluate(() => window.mastery);
  assert.equal(detail.threshold, 0.8);
  await context.close();
});

test('an answer that cannot be read is explained in the learner\'s language', async () => {
  const context = await stack.browser.newContext();
  await routeCourse(context, { fixture: true, config: { language: 'es', activity: 'numeric' } });
  const page = await context.newPage();
  await page.goto(`${stack.server.origin}/`);
  const input = page.locator('#pacer-root input[name=answer]');
  await input.waitFor();
  await input.fill('tres cuartos');
  await input.press('Enter');
  const message = page.locator('#pacer-root .message:not(:empty)');
  await message.waitFor();
  const text = await message.textContent();
  assert.match(text, /no es un número/, text);
  assert.doesNotMatch(text, /is not a number|write a whole number/, text);
  await context.close();
});
