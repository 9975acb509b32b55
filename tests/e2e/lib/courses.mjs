// Opening the player on a course for the accessibility, reflow, RTL and screenshot checks: the demo
// course (dist/course) or the fixture with one activity per interaction type, with a config given by the
// test (config.json is routed, so the built dist/config.json is never changed).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './server.mjs';

export const FIXTURE = path.join(repoRoot, 'tests/e2e/fixtures/interactions');
export const TYPES = ['single', 'multiple', 'truefalse', 'numeric', 'shorttext', 'cloze', 'ordering', 'matching', 'expression'];

// Routes config.json (and, for the fixture, its files) in `context`.
export async function routeCourse(context, { fixture = false, config = {} } = {}) {
  const packageUrl = fixture ? 'fixture/pkg.json' : 'course/pkg.json';
  await context.route('**/config.json', (route) => route.fulfill({ json: { packageUrl, ...config } }));
  if (!fixture) return;
  await context.route('**/fixture/**', (route) => {
    const rel = new URL(route.request().url()).pathname.replace(/^.*\/fixture\//, '');
    const file = path.join(FIXTURE, rel);
    if (!existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ contentType: 'application/json', body: readFileSync(file) });
  });
}

// A wrong and a right answer for each fixture activity, given with Playwright's form helpers (these checks
// are about what is on screen; keyboard-only play is tested in interactions and keyboard-course).
export const ANSWERS = {
  single: { wrong: (p) => p.getByLabel('1/3', { exact: true }).check(), right: (p) => p.getByLabel('1/2', { exact: true }).check() },
  multiple: {
    wrong: async (p) => { await p.getByLabel('2/4').check(); await p.getByLabel('2/3').check(); },
    right: async (p) => { await p.getByLabel('2/4').check(); await p.getByLabel('3/6').check(); },
  },
  truefalse: { wrong: (p) => p.getByLabel('True', { exact: true }).check(), right: (p) => p.getByLabel('False', { exact: true }).check() },
  numeric: { wrong: (p) => p.locator('input[name=answer]').fill('4/3'), right: (p) => p.locator('input[name=answer]').fill('3/4') },
  shorttext: { wrong: (p) => p.locator('input[name=answer]').fill('one three'), right: (p) => p.locator('input[name=answer]').fill('one third') },
  cloze: {
    wrong: async (p) => { await p.locator('[name=blank-num]').fill('1'); await p.locator('[name=blank-den]').fill('3'); await p.locator('[name=blank-cmp]').selectOption('more'); },
    right: async (p) => { await p.locator('[name=blank-num]').fill('1'); await p.locator('[name=blank-den]').fill('2'); await p.locator('[name=blank-cmp]').selectOption('more'); },
  },
  ordering: { wrong: async () => {}, right: (p) => putInOrder(p, ['eighth', 'quarter', 'half']) },
  matching: {
    wrong: async (p) => { await p.locator('[name=pair-h]').selectOption('t'); await p.locator('[name=pair-t]').selectOption('h'); await p.locator('[name=pair-q]').selectOption('q'); },
    right: async (p) => { for (const k of ['h', 't', 'q']) await p.locator(`[name=pair-${k}]`).selectOption(k); },
  },
  expression: { wrong: (p) => p.locator('input[name=answer]').fill('2n + 1'), right: (p) => p.locator('input[name=answer]').fill('2n + 2') },
};

// Presses the Move up buttons until the ordering list is in `target` order.
async function putInOrder(page, target) {
  for (let i = 0; i < target.length; i += 1) {
    for (;;) {
      const order = await page.locator('li[data-id]').evaluateAll((lis) => lis.map((l) => l.dataset.id));
      if (order.indexOf(target[i]) <= i) break;
      await page.locator(`li[data-id="${target[i]}"] button[data-move="-1"]`).click();
    }
  }
}

// Checks the answer now in the form and waits for its feedback.
export async function check(page) {
  await page.locator('form.item[data-step=answering] button.check').click();
  await page.locator('form.item[data-step=feedback]').waitFor();
}

// "Try again" after a wrong answer.
export async function tryAgain(page) {
  await page.locator('button.retry').click();
  await page.locator('form.item[data-step=answering]').waitFor();
}

// The demo course's first practice activity, answered right to its end.
export const UNIT_FRACTIONS_RIGHT = {
  'uf-pizza-quarters': '1/4', 'uf-name-one-third': '1/3', 'uf-larger-unit': '1/2', 'uf-equal-parts': 'No', 'uf-whole-from-unit': '5',
};

// Plays unit-fractions-practice (right answers, any language) from the item on screen, answering or
// showing feedback, to the finished screen. The caller must not have a move to the next item under way.
export async function finishUnitFractions(page) {
  for (let i = 0; i < 30; i += 1) {
    await page.locator('form.item[data-step=answering], form.item[data-step=feedback], [data-step=finished]').first().waitFor();
    const { id, step } = await page.evaluate(() => {
      const form = document.querySelector('form.item');
      return document.querySelector('[data-step=finished]') ? { step: 'finished' } : { id: form.dataset.itemId, step: form.dataset.step };
    });
    if (step === 'finished') return;
    if (step === 'answering') {
      await page.locator(`form.item[data-item-id="${id}"]`).getByLabel(UNIT_FRACTIONS_RIGHT[id], { exact: true }).check();
      await check(page);
    }
    await page.locator(`form.item[data-item-id="${id}"] button.next`).click();
    await page.waitForFunction((from) => document.querySelector('form.item[data-step=answering]')?.dataset.itemId !== from
      || document.querySelector('[data-step=finished]') !== null, id);
    await page.locator('form.item[data-step=answering], [data-step=finished]').first().waitFor();
  }
  throw new Error('unit-fractions-practice did not finish in 30 items');
}

// Waits until every running animation (the feedback fade-in) has ended, so what is measured is what stays.
// Bounded: headless Chromium can leave a background transition 'running' for ever right after forced
// colours are emulated (its `finished` never settles); the player's own motion lasts 160 ms at most.
export function settle(page) {
  return page.evaluate(() => Promise.race([
    Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null))),
    new Promise((resolve) => { setTimeout(resolve, 1000); }),
  ]));
}
