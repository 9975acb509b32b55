// `pacer preview` as an author uses it: a course scaffolded by `pacer new`, previewed by the binary alone
// (run from a folder with no dist/, so the player built into it is what serves), the first page in the
// player, locked activities marked and still openable, an edit reloading the page with the change, an
// introduced error shown in the page with its file:line:col, and preview answers kept apart from a
// learner's records.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './lib/server.mjs';
import { launchBrowser, idbAll } from './lib/browser.mjs';

const bin = path.join(repoRoot, 'target/release/pacer');
const work = mkdtempSync(path.join(tmpdir(), 'pacer-preview-'));
const course = path.join(work, 'course');
let preview;
let browser;

before(async () => {
  const created = execFileSync(bin, ['new', course], { cwd: work }).toString();
  assert.match(created, /next: `pacer preview .*course`/);
  const child = spawn(bin, ['preview', course, '--port', '0'], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const origin = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`pacer preview did not start: ${stderr}`)), 10_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/at (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`pacer preview exited ${code}: ${stderr}`)); });
  });
  preview = { child, origin };
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (preview?.child.exitCode === null) {
    const exited = new Promise((r) => preview.child.once('exit', r));
    preview.child.kill('SIGTERM');
    await exited;
  }
});

function edit(file, from, to) {
  const full = path.join(course, file);
  const text = readFileSync(full, 'utf8');
  assert.ok(text.includes(from), `${file} holds ${from}`);
  writeFileSync(full, text.replace(from, to));
  return text.replace(from, to);
}

test('preview shows the course, reloads on save, and shows an error with its location', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${preview.origin}/`);
  const player = page.frameLocator('#player');

  // The overview: every activity, the locked one marked; the first activity's first page in the player.
  await page.locator('#findings[data-valid=true]').waitFor();
  assert.match(await page.locator('#findings-heading').textContent(), /valid \(\d+ warnings?\)/);
  assert.deepEqual(await page.locator('#activities li').evaluateAll((lis) => lis.map((li) => li.dataset.activity)),
    ['intro', 'practice']);
  assert.equal(await page.locator('li[data-activity=intro]').getAttribute('data-status'), 'open');
  const locked = page.locator('li[data-activity=practice]');
  assert.equal(await locked.getAttribute('data-status'), 'locked');
  assert.match(await locked.locator('.locked').textContent(), /Locked for a new learner \(.*Introduction.*\)/);
  await player.getByText('names equal parts of a whole').waitFor();

  // An edit to the lesson: the page reloads by itself and shows the change.
  const loads = Number(await page.locator('body').getAttribute('data-loads'));
  edit('content/intro.json', 'names equal parts of a whole', 'names equal shares of one whole');
  await player.getByText('names equal shares of one whole').waitFor();
  assert.ok(Number(await page.locator('body').getAttribute('data-loads')) > loads);

  // The locked activity opens in the preview; an answer there goes to the preview's own database.
  await locked.locator('a').click();
  await player.locator('form.item[data-item-id=add-tens]').waitFor();
  const frame = page.frames().find((f) => f.url().includes('/play/'));
  await player.locator('input[type=text], input[inputmode]').first().fill('0');
  await player.locator('form.item button[type=submit]').first().click();
  await player.locator('form.item[data-step=feedback]').waitFor();
  assert.equal((await idbAll(frame, 'attempts', 'pacer-preview')).length, 1);
  const databases = (await frame.evaluate(() => indexedDB.databases())).map((d) => d.name);
  assert.ok(!databases.includes('pacer'), `no learner's database is opened (${databases})`);

  // An error: the findings name it with its file:line:col, the line being the one that holds the fault.
  const text = edit('content/practice.json', '"type": "numeric"', '"type": "numerik"');
  const line = text.split('\n').findIndex((l) => l.includes('numerik')) + 1;
  const error = page.locator('#errors li').first();
  await error.waitFor();
  assert.match(await error.textContent(), new RegExp(`^content/practice\\.json:${line}:\\d+: items\\[0\\]\\.interaction`));
  assert.match(await page.locator('#findings-heading').textContent(), /1 error/);
  // The player itself still refuses the broken package, as a learner's would.
  await player.locator('.error-panel').waitFor();

  // Fixed again: valid, and the item is back.
  edit('content/practice.json', '"type": "numerik"', '"type": "numeric"');
  await page.locator('#findings[data-valid=true]').waitFor();
  await player.locator('form.item[data-item-id=add-tens]').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
