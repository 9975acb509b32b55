// An LMS operator's page on another origin embeds the player with <pacer-player> under a strict
// Content-Security-Policy: it renders, reports events to the host, and violates nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { startStrictHost } from './lib/strict-host.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { checkOption } from './lib/play.mjs';

let player;
let host;
let browser;

before(async () => {
  player = await startServer('dist');
  host = await startStrictHost({
    playerOrigin: player.origin,
    events: ['pacer:ready', 'pacer:attempt', 'pacer:mastery', 'pacer:completed', 'pacer:error'],
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await host?.stop();
  await player?.stop();
});

test('<pacer-player> in a host page on another origin, under a strict CSP', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${host.origin}/`);
  await page.locator('pacer-player form.item').waitFor();
  await page.waitForFunction(() => window.seen.some((e) => e.type === 'pacer:ready'));
  await checkOption(page, '1/4');
  await page.waitForFunction(() => window.seen.some((e) => e.type === 'pacer:attempt'));
  const seen = await page.evaluate(() => window.seen);
  const attempt = seen.find((e) => e.type === 'pacer:attempt').detail;
  assert.equal(attempt.itemId, 'uf-pizza-quarters');
  assert.equal(attempt.correct, true);
  assert.ok(attempt.mastery['unit-fractions'] > 0);
  const mastery = seen.find((e) => e.type === 'pacer:mastery').detail;
  assert.equal(mastery.skills['unit-fractions'], attempt.mastery['unit-fractions']);
  assert.equal(mastery.threshold, 0.95);
  assert.deepEqual(await page.evaluate(() => window.violations), [], 'no CSP violation');
  assert.deepEqual(errors, []);
  const styled = await page.evaluate(() => getComputedStyle(document.querySelector('pacer-player button')).borderRadius);
  assert.notEqual(styled, '0px', "the player's stylesheet applies");
  await page.close();
});

test('the JS API exports the learner record and switches language without losing the answer', async () => {
  const page = await browser.newPage();
  await page.goto(`${host.origin}/`);
  await page.locator('pacer-player form.item').waitFor();
  await checkOption(page, '1/4');
  const record = await page.evaluate(() => document.querySelector('pacer-player').exportRecord());
  assert.equal(record.format, 'pacer-backpack');
  assert.equal(record.attempts.length, 1);

  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('form.item[data-item-id=uf-name-one-third]').waitFor();
  await page.getByLabel('1/2', { exact: true }).check();
  await page.evaluate(() => document.querySelector('pacer-player').setLanguage('es'));
  await page.getByText('Fracciones, 4.º grado').waitFor();
  assert.match(await page.locator('legend').textContent(), /«un tercio»/);
  assert.ok(await page.getByLabel('1/2', { exact: true }).isChecked(), 'the choice survives the switch');
  assert.equal(await page.locator('pacer-player').getAttribute('lang'), 'es');
  await page.close();
});

test('a host that forgets the package gets a pacer:error event, not a silent blank', async () => {
  const page = await browser.newPage();
  await page.goto(`${host.origin}/`);
  await page.locator('pacer-player form.item').waitFor();
  const message = await page.evaluate(async () => {
    const el = document.createElement('pacer-player');
    const got = new Promise((resolve) => el.addEventListener('pacer:error', (e) => resolve(e.detail.message)));
    document.body.append(el);
    return got;
  });
  assert.match(message, /set the package attribute/);
  await page.close();
});
