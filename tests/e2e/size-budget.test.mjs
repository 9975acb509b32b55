// Byte budgets of the built player (#19), counted as gzip -9 of the files in dist/: deterministic for a
// build, so a change that makes learners download more fails here with the file and the figure, not in a
// benchmark nobody reads.
//
// Two kinds of limit:
// - CEILINGS are today's sizes plus a small margin: a ratchet. Lower them when the player shrinks; raise
//   one only with the reason in the commit message.
// - TARGETS are #19's goals (first-item path 150 KB, whole player 400 KB). The player is split in two
//   (src/web/later.rs): `pacer_bg.wasm` draws the first item and `split_rest.wasm` is fetched after it.
//   Both targets are still missed; the test prints how far off they are and fails only on the ceilings
//   until they are met, when the ceilings become the targets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from './lib/server.mjs';
import { useStack } from './lib/stack.mjs';

const KB = 1000;
const dist = path.join(repoRoot, 'dist');

// gzip -9 bytes; see the header for what these are.
const CEILINGS = {
  'player/pacer_bg.wasm': 359.1 * KB,
  'player/split_rest.wasm': 157.2 * KB,
  'player/__wasm_split.js': 1 * KB,
  'player/pacer.js': 12 * KB,
  'app.js': 4 * KB,
  'embed.js': 2 * KB,
  'sw.js': 2.5 * KB,
  'style.css': 6 * KB,
  'index.html': 1 * KB,
  firstItem: 390.1 * KB,
  wholePlayer: 542.3 * KB,
};
const TARGETS = { firstItem: 150 * KB, wholePlayer: 400 * KB };

const gzipped = (relative) => gzipSync(readFileSync(path.join(dist, relative)), { level: 9 }).length;

/** Every file of the player (not the course, the examples or the teacher's report), relative to dist/. */
function playerFiles() {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(path.join(dist, dir))) {
      const relative = path.join(dir, name);
      if (statSync(path.join(dist, relative)).isDirectory()) walk(relative);
      else files.push(relative);
    }
  };
  walk('player');
  for (const name of readdirSync(dist)) {
    const file = path.join(dist, name);
    if (statSync(file).isFile() && !name.startsWith('report') && name !== 'config.json') files.push(name);
  }
  return files;
}

const stack = useStack();

test('each file of the player stays within its ceiling', () => {
  const over = [];
  for (const [file, ceiling] of Object.entries(CEILINGS)) {
    if (file === 'firstItem' || file === 'wholePlayer') continue;
    assert.ok(existsSync(path.join(dist, file)), `dist/${file} is built`);
    const size = gzipped(file);
    if (size > ceiling) over.push(`dist/${file}: ${size} bytes gzip, over its ceiling of ${ceiling}`);
  }
  assert.deepEqual(over, []);
});

test('the whole player stays within its ceiling', () => {
  const files = playerFiles();
  const total = files.reduce((sum, f) => sum + gzipped(f), 0);
  console.log(`whole player: ${total} bytes gzip in ${files.length} files (target ${TARGETS.wholePlayer}, ${total > TARGETS.wholePlayer ? `${total - TARGETS.wholePlayer} over` : 'met'})`);
  assert.ok(total <= CEILINGS.wholePlayer, `the whole player is ${total} bytes gzip, over its ceiling of ${CEILINGS.wholePlayer}: ${files.join(', ')}`);
});

test('what the first item needs stays within its ceiling', async () => {
  // The files a new learner's browser fetches before the first item shows, each counted once.
  const context = await stack.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${stack.server.origin}/`);
  await page.locator('form.item').waitFor();
  // What was asked for before the player had drawn the first item (its `pacer:shown` mark): the later
  // part is asked for right after, in the next task, and is not counted.
  const asked = await page.evaluate(() => {
    const shown = performance.getEntriesByName('pacer:shown')[0].startTime;
    return performance.getEntriesByType('resource').filter((e) => e.startTime <= shown).map((e) => e.name);
  });
  await context.close();
  const fetched = new Set(['/', ...asked.map((url) => new URL(url).pathname)]);
  const files = [...fetched].map((p) => (p === '/' ? 'index.html' : p.slice(1))).filter((f) => existsSync(path.join(dist, f)));
  const total = files.reduce((sum, f) => sum + gzipped(f), 0);
  const listing = files.map((f) => `${f} ${gzipped(f)}`).join(', ');
  console.log(`first item: ${total} bytes gzip (target ${TARGETS.firstItem}, ${total > TARGETS.firstItem ? `${total - TARGETS.firstItem} over` : 'met'}): ${listing}`);
  assert.ok(files.includes('course/pkg.json') && files.includes('player/pacer_bg.wasm'), listing);
  assert.ok(!files.includes('player/split_rest.wasm'), `the later part is not on the first item's path: ${listing}`);
  assert.ok(total <= CEILINGS.firstItem, `the first item needs ${total} bytes gzip, over its ceiling of ${CEILINGS.firstItem}: ${listing}`);
});
