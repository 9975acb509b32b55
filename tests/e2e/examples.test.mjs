// The example host pages of www/examples/, as an operator uses them: copied to a host on another origin
// than the player, with "../" (the player's address in the examples) rewritten to the player's origin.
// plain.html renders the player and receives its events; iframe-host.html sizes the frame from the
// player's height messages, logs its events and ignores messages that are not the player's;
// cmi5-launch.html builds a launch URL under a strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, repoRoot } from './lib/server.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { checkOption } from './lib/play.mjs';

let player;
let host;
let hostDir;
let browser;
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src data:";

before(async () => {
  player = await startServer('dist');
  hostDir = mkdtempSync(path.join(tmpdir(), 'pacer-examples-'));
  const examples = path.join(repoRoot, 'dist/examples');
  for (const name of readdirSync(examples)) {
    let text = readFileSync(path.join(examples, name), 'utf8');
    if (name.endsWith('.html')) text = text.replaceAll('"../', `"${player.origin}/`);
    // The launch page gets a strict policy, to show it needs no inline script or style.
    if (name === 'cmi5-launch.html') {
      text = text.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="${CSP}">`);
    }
    writeFileSync(path.join(hostDir, name), text);
  }
  // The host's own front page (pacer serve wants an index.html).
  writeFileSync(path.join(hostDir, 'index.html'), '<!doctype html><html lang="en"><title>LMS</title></html>');
  host = await startServer(path.relative(repoRoot, hostDir));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await host?.stop();
  await player?.stop();
  if (hostDir) rmSync(hostDir, { recursive: true, force: true });
});

const logged = (page, name) => page.locator(`#events li[data-name="${name}"]`);

test('plain.html: the player renders in the host page and the page receives its events', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${host.origin}/plain.html`);
  assert.notEqual(host.origin, player.origin);
  assert.equal(await page.locator('pacer-player').getAttribute('package'), `${player.origin}/course/pkg.json`);
  await page.locator('pacer-player form.item').waitFor();
  await logged(page, 'pacer:ready').waitFor();
  await checkOption(page, '1/4');
  await logged(page, 'pacer:attempt').waitFor();
  const attempt = JSON.parse((await logged(page, 'pacer:attempt').textContent()).slice('pacer:attempt '.length));
  assert.equal(attempt.itemId, 'uf-pizza-quarters');
  assert.equal(attempt.correct, true);
  await logged(page, 'pacer:mastery').waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('iframe-host.html: the frame follows the height messages, events are logged, other senders ignored', async () => {
  const context = await browser.newContext();
  // What the operator puts in the player's config.json: the host's origin may receive its messages.
  await context.route(`${player.origin}/config.json`, (route) => route.fulfill({
    json: { packageUrl: 'course/pkg.json', parentOrigins: [host.origin] },
  }));
  // The test's own record of the height messages the host page receives from the player.
  await context.addInitScript((origin) => {
    if (window !== window.top) return;
    window.heights = [];
    window.addEventListener('message', (e) => {
      if (e.origin === origin && e.data?.type === 'pacer:height') window.heights.push(Math.ceil(e.data.height));
    });
  }, player.origin);
  const page = await context.newPage();
  await page.goto(`${host.origin}/iframe-host.html`);
  const frame = page.frameLocator('#player');
  await frame.locator('form.item').waitFor();
  await logged(page, 'pacer:ready').waitFor();
  const follows = () => page.waitForFunction(() => window.heights.length > 0
    && document.getElementById('player').height === String(window.heights.at(-1)));
  await follows();
  const before = await page.evaluate(() => window.heights.length);

  // Answering shows feedback: the player's content grows, a new height is sent and the frame follows.
  const playerFrame = page.frames().find((f) => f.url().startsWith(player.origin));
  await checkOption(playerFrame, '1/4');
  await logged(page, 'pacer:attempt').waitFor();
  await page.waitForFunction((n) => window.heights.length > n, before);
  await follows();
  const height = await page.locator('#player').getAttribute('height');
  assert.ok(Number(height) > 200, `the frame is sized to the player (${height})`);

  // A message from the host's own origin (not the player's frame) is ignored; the ping round trip
  // (posted after it) shows it was processed.
  await page.evaluate(() => window.postMessage({ type: 'pacer:height', height: 7 }, '*'));
  await page.getByRole('button', { name: 'Ping the player' }).click();
  await logged(page, 'pacer:pong').waitFor();
  assert.equal(await page.locator('#player').getAttribute('height'), height);
  await context.close();
});

test('cmi5-launch.html: builds the launch URL under a strict CSP', async () => {
  const page = await browser.newPage();
  const violations = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  await page.goto(`${host.origin}/cmi5-launch.html`);
  const au = 'https://lms.example/aus/fractions';
  await page.getByLabel('activityId (the AU id)').fill(au);
  await page.getByLabel('actor account name').fill('s-9');
  const built = new URL(await page.locator('#launch-url').textContent());
  assert.equal(`${built.origin}${built.pathname}`, `${player.origin}/index.html`);
  assert.equal(built.searchParams.get('activityId'), au);
  assert.equal(built.searchParams.get('endpoint'), 'https://lms.example/xapi/');
  assert.match(built.searchParams.get('fetch'), /^https:\/\/lms\.example\/cmi5\/fetch\//);
  assert.deepEqual(JSON.parse(built.searchParams.get('actor')),
    { objectType: 'Agent', account: { homePage: 'https://lms.example', name: 's-9' } });
  assert.match(built.searchParams.get('registration'), /^[0-9a-f-]{36}$/);
  assert.equal(await page.locator('#launch-link').getAttribute('href'), built.href);
  await page.getByLabel('AU url').fill('javascript:alert(1)');
  assert.equal(await page.locator('#launch-link').getAttribute('href'), null, 'only web addresses become links');
  assert.deepEqual(violations, []);
  await page.close();
});
