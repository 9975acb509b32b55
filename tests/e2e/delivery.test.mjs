// Exactly-once delivery through faults: hundreds of answers, random network faults between the player and
// a real Ralph LRS, random reloads; the LRS ends with every statement once and the poisoned one is kept
// aside on the device with its reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLrs, getStatements } from './lib/lrs.mjs';
import { startFaultProxy, seededRandom } from './lib/fault-proxy.mjs';
import { startServer, repoRoot } from './lib/server.mjs';
import { launchBrowser, idbAll } from './lib/browser.mjs';
import { assertValidStatement } from './lib/validate.mjs';

const ITEMS = 200;
const SEED = Number(process.env.PACER_FAULT_SEED ?? 20261122);
let root;
let server;
let lrs;
let proxy;
let browser;

// A course with one long activity of single-choice items, laid out beside a copy of the built player.
function writeLongCourse(dir) {
  mkdirSync(path.join(dir, 'long/content'), { recursive: true });
  writeFileSync(path.join(dir, 'long/pkg.json'), JSON.stringify({
    id: 'https://pacer.example/courses/long', title: 'Long', version: '1.0.0', language: 'en',
    skills: [{ id: 'add', title: 'Adding' }],
    // Every item is played (a practice ends at mastery; `do_all` is mastered only with every item answered).
    activities: [{ id: 'drill', file: 'content/drill.json', title: 'Drill', kind: 'practice', skills: ['add'], mastery: { rule: 'do_all' } }],
  }));
  const items = Array.from({ length: ITEMS }, (_, i) => ({
    id: `q${i}`, skills: ['add'], stem: `${i} + 1 = ?`,
    interaction: { type: 'singleChoice', correct: 'r', options: [{ id: 'r', text: `${i + 1}` }, { id: 'w', text: `${i + 2}` }] },
  }));
  writeFileSync(path.join(dir, 'long/content/drill.json'), JSON.stringify({ id: 'drill', items }));
}

before(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'pacer-delivery-'));
  cpSync(path.join(repoRoot, 'dist'), path.join(root, 'site'), { recursive: true });
  writeLongCourse(path.join(root, 'site'));
  server = await startServer(path.relative(repoRoot, path.join(root, 'site')));
  lrs = await startLrs({ origins: [server.origin] });
  proxy = await startFaultProxy({ target: lrs.endpoint, origin: server.origin, seed: SEED, slowMs: 2500 });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await proxy?.stop();
  await lrs?.stop();
  await server?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

test(`${ITEMS} answers through random faults and reloads reach the LRS exactly once`, async () => {
  const random = seededRandom(SEED);
  const poisonedItem = 'q37';
  proxy.poisonWhen((s) => s.object?.id?.endsWith(`/items/${poisonedItem}`));
  const context = await browser.newContext();
  const config = {
    packageUrl: 'long/pkg.json',
    lrs: { endpoint: proxy.endpoint, auth: lrs.authHeader, timeoutMs: 1500 },
  };
  await context.route('**/config.json', (route) => route.fulfill({ json: config }));
  const page = await context.newPage();
  await page.goto(`${server.origin}/`);

  let reloads = 0;
  let expectedCorrect = 0;
  for (let i = 0; i < ITEMS; i += 1) {
    const form = page.locator(`form.item[data-item-id="q${i}"]`);
    await form.waitFor();
    if ((await form.getAttribute('data-step')) === 'answering') {
      const right = random() < 0.7;
      if (right) expectedCorrect += 1;
      await page.getByLabel(right ? `${i + 1}` : `${i + 2}`, { exact: true }).check();
      await page.getByRole('button', { name: 'Check' }).click();
      await form.locator('.feedback').waitFor();
    }
    if (random() < 0.08) {
      reloads += 1;
      await page.reload();
      await form.waitFor();
      assert.equal(await form.getAttribute('data-step'), 'feedback', 'a reload keeps the answered item');
    }
    await page.getByRole('button', { name: /^(Next|Finish)$/ }).click();
  }
  await page.locator('[data-step=finished]').waitFor();

  // Let the faults stop so the queue can drain, then ask for a flush by going offline and online again.
  proxy.calm();
  await context.setOffline(true);
  await context.setOffline(false);
  const start = Date.now();
  let outbox = await idbAll(page, 'outbox');
  while (outbox.some((r) => r.state === 'pending')) {
    assert.ok(Date.now() - start < 90_000, 'the outbox drains within 90 s once the faults stop');
    await page.waitForTimeout(250);
    outbox = await idbAll(page, 'outbox');
  }
  await page.waitForFunction(() => document.querySelector('.sync')?.dataset.pending === '0');
  const verbOf = (r) => JSON.parse(r.statement.json).verb.id.split('/').pop();
  assert.equal(outbox.filter((r) => verbOf(r) === 'answered').length, ITEMS, 'one statement queued per answer');
  assert.equal(outbox.filter((r) => verbOf(r) === 'completed').length, 1, 'and one for the finished activity');
  const rejected = outbox.filter((r) => r.state === 'rejected');
  assert.equal(rejected.length, 1, 'only the poisoned statement is set aside');
  assert.ok(JSON.parse(rejected[0].statement.json).object.id.endsWith(`/items/${poisonedItem}`));
  assert.equal(rejected[0].status, 400);
  assert.match(rejected[0].reason, /poisoned/);
  assert.equal(await page.locator('.sync').getAttribute('data-set-aside'), '1');

  const [{ value: learnerId }] = await idbAll(page, 'meta');
  const agent = JSON.stringify({ objectType: 'Agent', account: { homePage: server.origin, name: learnerId } });
  const inLrs = await getStatements(lrs, { agent });
  const ids = inLrs.map((s) => s.id);
  assert.equal(new Set(ids).size, ids.length, 'no statement is stored twice');
  const delivered = outbox.filter((r) => r.state === 'delivered').map((r) => r.id);
  const odd = outbox.filter((r) => r.state !== 'delivered' && r.state !== 'rejected');
  assert.deepEqual(odd, [], 'every statement is delivered or set aside');
  assert.deepEqual(new Set(ids), new Set(delivered), 'the LRS holds exactly the delivered statements');
  const answered = inLrs.filter((s) => s.verb.id.endsWith('/answered'));
  assert.equal(answered.length, ITEMS - 1, 'every answer but the poisoned one');
  const poisonedWasRight = JSON.parse(rejected[0].statement.json).result.success;
  assert.equal(answered.filter((s) => s.result.success).length, expectedCorrect - (poisonedWasRight ? 1 : 0));
  for (const s of inLrs.slice(0, 20)) assertValidStatement(s);

  const c = proxy.counts;
  console.log(`faults injected over ${c.posts} POSTs: drop ${c.drop}, reset ${c.reset}, 500 ${c.e500}, ` +
    `429 ${c.e429}, slow ${c.slow}, poisoned ${c.poisoned}; passed ${c.passed}; reloads ${reloads}`);
  assert.ok(c.drop + c.reset + c.e500 + c.e429 + c.slow > 10, 'the run really met faults');
  await context.close();
});
