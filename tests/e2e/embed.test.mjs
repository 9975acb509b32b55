// An LMS operator's page on another origin embeds the player with <pacer-player> under a strict
// Content-Security-Policy: it renders, reports events to the host, and violates nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, repoRoot } from './lib/server.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { checkOption } from './lib/play.mjs';

let player;
let host;
let hostDir;
let browser;

before(async () => {
  player = await startServer('dist');
  hostDir = mkdtempSync(path.join(tmpdir(), 'pacer-host-'));
  const csp = [`default-src 'none'`, `script-src 'self' ${player.origin} 'wasm-unsafe-eval'`,
    `style-src ${player.origin}`, `connect-src ${player.origin}`, `img-src ${player.origin} data:`].join('; ');
  writeFileSync(path.join(hostDir, 'index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LMS course page</title>
<meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="icon" href="data:,">
<script type="module" src="host.js"></script>
<script type="module" src="${player.origin}/embed.js"></script>
</head><body><h1>Unit 3</h1>
<pacer-player package="${player.origin}/course/pkg.json"></pacer-player>
</body></html>`);
  writeFileSync(path.join(hostDir, 'host.js'), `window.seen = []; window.violations = [];
for (const name of ['pacer:ready', 'pacer:attempt', 'pacer:mastery', 'pacer:completed', 'pacer:error']) {
  document.addEventListener(name, (e) => window.seen.push({ type: e.type, detail: e.detail }));
}
document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));
`);
  host = await startServer(path.relative(repoRoot, hostDir));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await host?.stop();
  await player?.stop();
  if (hostDir) rmSync(hostDir, { recursive: true, force: true });
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
