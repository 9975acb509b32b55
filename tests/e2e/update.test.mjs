// A new player version installs in the background and takes over only at a natural pause (feedback
// showing), never in the middle of an item; stored work is untouched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, repoRoot } from './lib/server.mjs';
import { launchBrowser, idbAll } from './lib/browser.mjs';
import { checkOption } from './lib/play.mjs';

let root;
let server;
let browser;

before(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'pacer-update-'));
  cpSync(path.join(repoRoot, 'dist'), path.join(root, 'site'), { recursive: true });
  writeFileSync(path.join(root, 'site/config.json'), JSON.stringify({ packageUrl: 'course/pkg.json' }));
  server = await startServer(path.relative(repoRoot, path.join(root, 'site')));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

const cacheNames = (page) => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('pacer-player-')));
const waiting = (page) => page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration()).waiting));

test('an update waits while an item is open and is taken when the feedback shows', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.origin}/`);
  await page.locator('.offline[data-available=true]').waitFor();
  const [oldCache] = await cacheNames(page);

  // Deploy a new version: a service worker with another version number.
  const sw = path.join(root, 'site/sw.js');
  writeFileSync(sw, readFileSync(sw, 'utf8').replace(/const VERSION = '([^']+)'/, "const VERSION = '$1-next'"));
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  for (const start = Date.now(); !(await waiting(page));) {
    assert.ok(Date.now() - start < 10_000, 'the new version installs in the background');
    await page.waitForTimeout(100);
  }
  await page.waitForTimeout(300);
  assert.ok(await waiting(page), 'the new version waits while the learner is on an item');
  assert.deepEqual((await cacheNames(page)).sort(), [oldCache, `${oldCache}-next`], 'both versions are cached meanwhile');

  await checkOption(page, '1/4');
  const start = Date.now();
  while ((await waiting(page)) || (await cacheNames(page)).length > 1) {
    assert.ok(Date.now() - start < 10_000, 'the update is taken once the feedback shows');
    await page.waitForTimeout(100);
  }
  assert.deepEqual(await cacheNames(page), [`${oldCache}-next`], 'the old player cache is gone, the new one is in use');
  assert.equal((await idbAll(page, 'attempts')).length, 1, 'stored work is untouched');
  assert.equal(await page.locator('.verdict').textContent(), 'Correct!', 'the page in use kept working');
  await context.close();
});
