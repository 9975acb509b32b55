// The maximum-length package (tests/e2e/fixtures/max-length, made by tests/max_length.rs: every text at
// its limit, each one unbroken word) played through every screen at 4x CPU throttling: no long task over
// 200 ms (PerformanceObserver `longtask`). A title of one 16,000-character word once blocked the finished
// screen for 7 s.
//
// The boot (fetching, compiling and starting the player) is one long task at 4x for any package — the
// demo course's too, about 600 ms on this 2-core machine — and is measured by `make bench`, not here. Its
// first render is not lost to the check: every later step (a hint, the solution, feedback) renders the
// whole screen again with every text of the item.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { useStack } from './lib/stack.mjs';
import { repoRoot } from './lib/server.mjs';

const stack = useStack();
const FIXTURE = path.join(repoRoot, 'tests/e2e/fixtures/max-length');
const LIMIT_MS = 200;

async function open(activity) {
  const context = await stack.browser.newContext();
  await context.route('**/config.json', (route) => route.fulfill({ json: { packageUrl: 'maxlen/pkg.json', activity } }));
  await context.route('**/maxlen/**', (route) => {
    const rel = new URL(route.request().url()).pathname.replace(/^.*\/maxlen\//, '');
    const file = path.join(FIXTURE, rel);
    if (!existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    const type = rel.endsWith('.json') ? 'application/json' : rel.endsWith('.svg') ? 'image/svg+xml' : 'audio/ogg';
    return route.fulfill({ contentType: type, body: readFileSync(file) });
  });
  await context.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration, step: window.__step });
    }).observe({ type: 'longtask', buffered: true });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const steps = [];
  const step = async (name, action) => {
    await page.evaluate((n) => { window.__step = n; }, name);
    await action();
    steps.push(name);
  };
  return { context, page, step, steps };
}

async function longTasks(page) {
  // Let any task still running finish and be reported.
  await page.waitForTimeout(300);
  return page.evaluate(() => window.__longTasks);
}

const button = (page, name) => page.getByRole('button', { name, exact: true });

async function helpAndAnswer(page, step, name, answer) {
  await step(`${name}: shown`, () => page.locator('form.item[data-step=answering]').waitFor());
  await step(`${name}: hint`, async () => {
    await page.locator('button.hint-button').click();
    await page.locator('li.hint').first().waitFor();
  });
  await step(`${name}: solution`, async () => {
    await page.locator('button.solution-button').click();
    await page.locator('section.solution').waitFor();
  });
  await step(`${name}: answer`, async () => {
    await answer();
    await button(page, 'Check').click();
    await page.locator('.feedback').waitFor();
  });
  await step(`${name}: next`, async () => {
    const from = await page.locator('form.item').getAttribute('data-item-id');
    await page.getByRole('button', { name: /^(Next|Finish|Continue)$/ }).click();
    await page.waitForFunction((id) => document.querySelector('form.item')?.dataset.itemId !== id
      || document.querySelector('[data-step=finished]') !== null, from);
  });
}

test('the observer reports a long task (the check below can fail)', async () => {
  const { context, page } = await open('lesson');
  await page.goto(`${stack.server.origin}/`);
  await page.locator('.stage').waitFor();
  // A task of the page's own (a timer), as the player's are: a DevTools evaluation is not one.
  const booted = await page.evaluate(() => performance.now());
  await page.evaluate(() => setTimeout(() => { const end = performance.now() + 500; while (performance.now() < end) { /* busy */ } }, 0));
  await page.waitForTimeout(800);
  const tasks = (await longTasks(page)).filter((t) => t.start >= booted);
  assert.ok(tasks.some((t) => t.duration >= 400), JSON.stringify(tasks));
  await context.close();
});

// Plays `activity` through every screen once; the long tasks over the limit, and page errors.
async function play(activity) {
  const { context, page, step, steps } = await open(activity);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${stack.server.origin}/`);
  await page.locator('.stage').waitFor();
  await page.waitForTimeout(300);
  const booted = await page.evaluate(() => performance.now());
  if (activity === 'lesson') {
    await step('page 1', () => page.locator('.stage img').waitFor());
    await step('page 2', async () => {
      await button(page, 'Continue').click();
      await page.locator('form.item').waitFor();
    });
    await helpAndAnswer(page, step, 'check', () => page.locator('input[type=radio]').nth(1).check());
  } else {
    await helpAndAnswer(page, step, 'single', () => page.locator('input[type=radio]').first().check());
    await helpAndAnswer(page, step, 'multiple', async () => {
      await page.locator('input[type=checkbox]').nth(0).check();
      await page.locator('input[type=checkbox]').nth(2).check();
    });
    await helpAndAnswer(page, step, 'truefalse', () => page.locator('input[type=radio]').nth(1).check());
    await helpAndAnswer(page, step, 'matching', async () => {
      for (const k of ['h', 't', 'q']) await page.locator(`[name=pair-${k}]`).selectOption(k);
    });
  }
  await step('finished', () => page.locator('[data-step=finished], .my-progress').first().waitFor());
  await step('progress map', () => page.locator('.progress-map').waitFor());
  await step('device panel', async () => {
    await page.getByText('This device', { exact: true }).click();
    await page.locator('.storage').waitFor();
  });
  const all = await longTasks(page);
  const tasks = all.filter((t) => t.start >= booted);
  const over = tasks.filter((t) => t.duration > LIMIT_MS);
  const worst = tasks.reduce((m, t) => Math.max(m, t.duration), 0);
  console.log(`# ${activity}: boot ${all.filter((t) => t.start < booted).map((t) => t.duration.toFixed(0)).join(', ') || 'no'} ms long tasks; ${steps.length} steps, ${tasks.length} long tasks, longest ${worst.toFixed(0)} ms: ${tasks.map((t) => `${t.step} ${t.duration.toFixed(0)}`).join(", ")}`);
  await context.close();
  return { over, errors };
  }

test('every screen of the maximum-length package lays out without a long task over 200 ms at 4x CPU', async () => {
  // Best of three plays per activity: this 2-core machine is shared, and a neighbour's burst can stretch
  // one task past the limit; text layout that grew with length would fail all three.
  for (const activity of ['lesson', 'practice']) {
    const rounds = [];
    for (let round = 0; round < 3; round += 1) {
      const { over, errors } = await play(activity);
      assert.deepEqual(errors, []);
      rounds.push(over);
      if (over.length === 0) break;
    }
    assert.ok(rounds.at(-1).length === 0, `${activity}: long tasks over ${LIMIT_MS} ms in every play: ${JSON.stringify(rounds)}`);
  }
});
