// A course packed by `pacer pack` opens from a .zip URL (inflated and checked against its SHA-256 list in
// the browser); a tampered, extended or damaged zip is refused with an error naming the file, and the
// learner's stored progress is not touched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useStack } from './lib/stack.mjs';
import { repoRoot } from './lib/server.mjs';
import { idbAll } from './lib/browser.mjs';
import { checkOption } from './lib/play.mjs';
import { storedZip, sha256, unzip } from './lib/zip.mjs';

const stack = useStack();
const work = mkdtempSync(path.join(tmpdir(), 'pacer-zip-'));
const packed = path.join(work, 'course.zip');
execFileSync(path.join(repoRoot, 'target/release/pacer'), ['pack', repoRoot, '-o', packed]);

// The demo course's files as `pacer pack` lists them, for building zips by hand.
function courseFiles() {
  const list = readFileSync(path.join(repoRoot, 'pkg.json'));
  const pkg = JSON.parse(list);
  const names = ['pkg.json', ...pkg.activities.map((a) => a.file)];
  return names.map((n) => [n, readFileSync(path.join(repoRoot, n))]);
}

function withList(files) {
  const list = files.map(([n, d]) => `${sha256(d)}  ${n}\n`).join('');
  return [...files, ['pacer-sha256.txt', Buffer.from(list)]];
}

async function open(context, zipBody) {
  await context.unroute('**/course.zip').catch(() => {});
  await context.route('**/course.zip', (route) => route.fulfill({ contentType: 'application/zip', body: zipBody }));
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(`${stack.server.origin}/`);
  return page;
}

test('a packed course plays from its zip; a tampered, extended or damaged one is refused', async () => {
  const context = await stack.browser.newContext();
  await context.route('**/config.json', (route) => route.fulfill({ json: { packageUrl: 'course.zip' } }));
  const errors = [];
  context.on('weberror', (e) => errors.push(e.error().message));

  let page = await open(context, readFileSync(packed));
  await page.locator('form.item').waitFor();
  assert.equal(await page.locator('form.item').getAttribute('data-item-id'), 'uf-pizza-quarters');
  await checkOption(page, '1/4');
  const before = { attempts: await idbAll(page, 'attempts'), progress: await idbAll(page, 'progress') };
  assert.equal(before.attempts.length, 1);

  const panel = () => page.locator('.error-panel');

  // Tampered: pkg.json changed after its hash was listed.
  const files = withList(courseFiles());
  const tampered = files.map(([n, d]) => (n === 'pkg.json'
    ? [n, Buffer.from(d.toString().replace('Fractions, grade 4', 'Fractions, grade 5'))] : [n, d]));
  page = await open(context, storedZip(tampered));
  await panel().waitFor();
  let text = await panel().textContent();
  assert.match(text, /could not be opened/);
  assert.match(text, /pkg\.json: its SHA-256 does not match/);
  assert.match(text, /progress on this device has not been changed/);

  // Extended: a file added after packing.
  page = await open(context, storedZip([...files, ['content/extra.json', Buffer.from('{}')]]));
  await panel().waitFor();
  assert.match(await panel().textContent(), /content\/extra\.json: is not in the package's SHA-256 list/);

  // The same files, listed correctly, stored rather than deflated: they open.
  page = await open(context, storedZip(files));
  await page.locator('form.item').waitFor();
  assert.equal(await page.locator('form.item').getAttribute('data-step'), 'feedback', 'the place is kept');

  // Damaged in transit: a flipped byte inside the packed zip.
  const damaged = Buffer.from(readFileSync(packed));
  damaged[200] ^= 0xff;
  page = await open(context, damaged);
  await panel().waitFor();
  assert.match(await panel().textContent(), /could not be opened/);

  assert.deepEqual(await idbAll(page, 'attempts'), before.attempts, 'no attempt touched');
  assert.deepEqual(await idbAll(page, 'progress'), before.progress, 'no progress touched');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an unzipped pack in a folder is checked against its SHA-256 list; an author\'s folder is not asked for one', async () => {
  const context = await stack.browser.newContext();
  await context.route('**/config.json', (route) => route.fulfill({ json: { packageUrl: 'course/pkg.json' } }));
  // The pack's own files: its pkg.json says it carries the list.
  const files = new Map(unzip(readFileSync(packed)));
  assert.equal(JSON.parse(files.get('pkg.json')).sha256List, true, 'pack marks the manifest');
  const asked = [];
  await context.route('**/course/**', (route) => {
    const name = new URL(route.request().url()).pathname.replace(/^\/course\//, '');
    asked.push(name);
    const body = files.get(name);
    return body ? route.fulfill({ body, contentType: 'application/json' }) : route.fulfill({ status: 404 });
  });
  const page = await context.newPage();
  const console = [];
  page.on('console', (m) => { if (m.type() === 'error') console.push(m.text()); });
  await page.goto(`${stack.server.origin}/`);
  await page.locator('form.item').waitFor();
  assert.ok(asked.includes('pacer-sha256.txt'), 'the list is fetched for a marked manifest');

  // The activity's file changed after its hash was listed: refused, naming it.
  const activity = JSON.parse(files.get('pkg.json')).activities[0].file;
  const original = files.get(activity);
  files.set(activity, Buffer.from(original.toString().replace('"hints"', ' "hints"')));
  await page.reload();
  const panel = page.locator('.error-panel');
  await panel.waitFor();
  assert.match(await panel.textContent(), new RegExp(`${activity.replace('.', '\\.')}: its SHA-256 does not match`));

  // The manifest says there is a list, and it is gone: refused, not skipped.
  files.set(activity, original);
  files.delete('pacer-sha256.txt');
  await page.reload();
  await panel.waitFor();
  assert.match(await panel.textContent(), /pacer-sha256\.txt: pkg\.json says the package carries it, but it cannot be loaded/);

  // An author's folder (a manifest that does not say so, no list): the list is not even asked for, so no
  // 404 reaches the console, and the course opens.
  files.set('pkg.json', readFileSync(path.join(repoRoot, 'pkg.json')));
  asked.length = 0;
  console.length = 0;
  await page.reload();
  await page.locator('form.item').waitFor();
  assert.ok(!asked.includes('pacer-sha256.txt'), `asked for: ${asked.join(', ')}`);
  assert.deepEqual(console, [], 'no red line in the operator\'s console');
  await context.close();
});
