// What a class notices first about the config and the sync line (issue #25): the line counts records of
// the learner's work, not answers; with no LRS it promises no sync; a bad LRS endpoint is refused at mount
// like a bad theme (a pacer:error naming "lrs") and the player keeps working on the device; a packageUrl
// that is not http(s) or a relative path is refused naming the key and what it accepts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack } from './lib/stack.mjs';
import { routeCourse, finishUnitFractions } from './lib/courses.mjs';
import { idbAll } from './lib/browser.mjs';
import { playerShown } from './lib/play.mjs';

const stack = useStack();

// The player on the demo course with `config` merged into config.json, every pacer:error and console
// message recorded.
async function open(config) {
  const context = await stack.browser.newContext();
  await routeCourse(context, { config });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.seen = [];
    document.addEventListener('pacer:error', (e) => window.seen.push(e.detail));
  });
  const console = [];
  const errors = [];
  page.on('console', (m) => console.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${stack.server.origin}/`);
  return { context, page, console, errors };
}

const pacerErrors = (page) => page.evaluate(() => window.seen);
const syncLine = (page) => page.locator('.sync').textContent();

// Waits until the sync line counts what the outbox holds now, and returns both.
async function settledLine(page) {
  const outbox = (await idbAll(page, 'outbox')).length;
  await page.locator(`.sync[data-pending="${outbox}"]`).waitFor();
  return { outbox, line: await syncLine(page) };
}

test('no LRS: the line says the work is saved on this device, counts records, and never promises a sync', async () => {
  const { context, page, errors } = await open({});
  await page.locator('form.item[data-step=answering]').waitFor();
  await finishUnitFractions(page);
  const attempts = (await idbAll(page, 'attempts')).length;
  const { outbox, line } = await settledLine(page);
  assert.equal(outbox, attempts + 1, 'one statement per answer, and the activity\'s completed');
  assert.equal(line, `Your work is saved on this device (${outbox} records)`);
  assert.doesNotMatch(line, /sync|answer/i);
  assert.deepEqual(await pacerErrors(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an LRS that cannot be reached: the line counts records of work waiting to sync, not answers', async () => {
  const lrs = { endpoint: 'http://127.0.0.1:9/xAPI/', auth: 'Basic eDp4', timeoutMs: 500 };
  const { context, page } = await open({ lrs });
  await page.locator('form.item[data-step=answering]').waitFor();
  await finishUnitFractions(page);
  const { outbox, line } = await settledLine(page);
  assert.match(line, new RegExp(`^${outbox} records of your work saved on this device, waiting to sync`));
  assert.deepEqual(await pacerErrors(page), []);
  await context.close();
});

test('a bad LRS endpoint is refused at mount with a pacer:error naming "lrs", and the player works on the device', async () => {
  for (const endpoint of ['javascript:alert(1)', 'xAPI/', 'ftp://lrs.example.org/']) {
    const { context, page, errors } = await open({ lrs: { endpoint, auth: 'Basic eDp4' } });
    await page.locator('form.item[data-step=answering]').waitFor();
    await playerShown(page);
    const seen = await pacerErrors(page);
    assert.equal(seen.length, 1, `${endpoint}: ${JSON.stringify(seen)}`);
    assert.equal(seen[0].config, 'lrs');
    assert.match(seen[0].message, /LRS address .* was refused; your work is kept on this device/);
    assert.match(seen[0].details[0], /`lrs\.endpoint` .* must be an absolute http\(s\) URL/);
    // It keeps working locally: an answer is saved, and the line promises no sync.
    await page.getByLabel('1/4', { exact: true }).check();
    await page.getByRole('button', { name: 'Check' }).click();
    await page.locator('.feedback').waitFor();
    const { line } = await settledLine(page);
    assert.equal(line, 'Your work is saved on this device (1 record)');
    assert.deepEqual(errors, [], endpoint);
    await context.close();
  }
});

test('a packageUrl that is not http(s) or a relative path is refused, naming the key and what it accepts', async () => {
  for (const packageUrl of ['data:application/json,{}', 'javascript:alert(1)']) {
    const { context, page, console, errors } = await open({ packageUrl });
    const panel = page.locator('.error-panel');
    await panel.waitFor();
    const text = await panel.textContent();
    assert.match(text, /not configured correctly/);
    assert.match(text, /`packageUrl` .* must be an http\(s\) URL or a path relative to the page/);
    assert.doesNotMatch(text, /Invalid URL/);
    const seen = await pacerErrors(page);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].config, 'packageUrl');
    assert.ok(!console.some((m) => /Invalid URL/.test(m)), console.join('\n'));
    assert.deepEqual(errors, []);
    await context.close();
  }
});
