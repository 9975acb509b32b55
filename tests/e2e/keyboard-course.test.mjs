// The whole demo course by keyboard alone: all 17 activities, in the order the course opens them, each
// played to its finished screen with Tab, Shift+Tab, Space, Enter, arrow keys and typing — never a click,
// `check` or `fill` — and the next activity reached through the finished screen's links.
//
// The test knows what to answer from the course's own files (pkg.json and content/): every item is
// answered right, so each practice activity ends by mastery and unlocks what builds on it. A
// parameterised item's numbers are drawn by the player; the test reads them from the learner's stored
// place, which the player writes as soon as the learner starts typing (the draft).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useStack } from './lib/stack.mjs';
import { repoRoot } from './lib/server.mjs';
import { idbAll } from './lib/browser.mjs';
import { routeCourse } from './lib/courses.mjs';

const stack = useStack();
const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'pkg.json'), 'utf8'));
const items = new Map();
for (const a of manifest.activities) {
  const file = JSON.parse(readFileSync(path.join(repoRoot, a.file), 'utf8'));
  for (const item of file.items ?? []) items.set(item.id, item);
}
const english = (t) => (typeof t === 'string' ? t : t.en);

const press = async (page, ...keys) => { for (const k of keys) await page.keyboard.press(k); };

// What has focus, for the predicates below and for failure messages.
const focused = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return {
    tag: a?.tagName, type: a?.type ?? null, name: a?.getAttribute('name') ?? null, text: a?.textContent?.trim() ?? '',
    cls: a?.getAttribute('class') ?? '', href: a?.getAttribute('href') ?? null, value: a?.value ?? null,
    li: a?.closest('li')?.dataset.id ?? null, move: a?.dataset?.move ?? null, phrase: a?.dataset?.phrase ?? null,
  };
});

// Tabs forward (Shift+Tab with `back`) until `want(focus)` holds; fails after `max` stops.
async function tabTo(page, what, want, { max = 60, back = false } = {}) {
  for (let i = 0; i <= max; i += 1) {
    const f = await focused(page);
    if (want(f)) return f;
    await press(page, back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${what}; focus is on ${JSON.stringify(await focused(page))}`);
}

const onButton = (cls) => (f) => f.tag === 'BUTTON' && f.cls.split(' ').includes(cls);

// A number as a learner would type it: whole, or a fraction (never a long decimal).
function typed(value) {
  if (Number.isInteger(value)) return String(value);
  for (let q = 2; q <= 1000; q += 1) {
    const p = value * q;
    if (Math.abs(p - Math.round(p)) < 1e-9) return `${Math.round(p)}/${q}`;
  }
  throw new Error(`no fraction for ${value}`);
}

// An answer key's formula over the item's numbers ("(a+b)/n", "3 + 7/8"), evaluated.
function evaluate(formula, values) {
  if (typeof formula === 'number') return formula;
  const numeric = formula.replace(/[a-z]\w*/gi, (name) => {
    if (!(name in values)) throw new Error(`no value for ${name} in ${formula}`);
    return `(${values[name]})`;
  });
  assert.match(numeric, /^[\d\s+\-*/().]+$/, `an arithmetic formula: ${formula}`);
  return Function(`"use strict"; return (${numeric});`)();
}

const fillIn = (template, values) => template.replace(/\{(\w+)\}/g, (all, name) => (name in values ? typed(values[name]) : all));

// The numbers the player drew for `itemId`, from the learner's stored place (written with the draft).
async function storedValues(page, itemId) {
  for (let i = 0; i < 100; i += 1) {
    const rows = await idbAll(page, 'progress');
    const found = JSON.stringify(rows).includes(`"itemId":"${itemId}"`)
      ? rows.map((r) => findStep(r, itemId)).find((s) => s && s.values) : null;
    if (found) return found.values;
    await page.waitForTimeout(50);
  }
  throw new Error(`no stored values for ${itemId}`);
}

function findStep(node, itemId) {
  if (!node || typeof node !== 'object') return null;
  if (node.itemId === itemId && node.values) return node;
  for (const v of Object.values(node)) {
    const s = findStep(v, itemId);
    if (s) return s;
  }
  return null;
}

// Types into the answer box; for a parameterised item first a placeholder, to learn its numbers.
async function typeAnswer(page, item, answerFor) {
  await tabTo(page, 'the answer box', (f) => f.name === 'answer');
  let values = {};
  if (item.params) {
    await page.keyboard.type('0');
    values = await storedValues(page, item.id);
    await press(page, 'Control+A', 'Backspace');
  }
  await page.keyboard.type(answerFor(values));
  await press(page, 'Enter');
}

// Picks option `value` of the focused <select> with arrow keys (the first option is "Choose…").
async function pick(page, value) {
  const f = await focused(page);
  assert.equal(f.tag, 'SELECT', `a select has focus, not ${JSON.stringify(f)}`);
  const steps = await page.evaluate((v) => [...document.activeElement.options].findIndex((o) => o.value === v), value);
  assert.ok(steps > 0, `option ${value} is in the select`);
  await press(page, 'Home');
  for (let i = 0; i < steps; i += 1) await press(page, 'ArrowDown');
  assert.equal((await focused(page)).value, value);
}

async function submit(page) {
  await tabTo(page, 'Check', onButton('check'));
  await press(page, 'Enter');
}

// Answers the item on screen, right, by keyboard.
async function answer(page, item) {
  const i = item.interaction;
  switch (i.type) {
    case 'singleChoice':
    case 'trueFalse': {
      const want = i.type === 'trueFalse' ? String(i.correct) : i.correct;
      const order = await page.locator('form.item input[name=choice]').evaluateAll((es) => es.map((e) => e.value));
      const at = order.indexOf(want);
      assert.ok(at >= 0, `${item.id}: option ${want} is shown`);
      await tabTo(page, 'the first option', (f) => f.type === 'radio');
      await press(page, 'Space');
      for (let n = 0; n < at; n += 1) await press(page, 'ArrowDown');
      return submit(page);
    }
    case 'multipleResponse': {
      const order = await page.locator('form.item input[name=choice]').evaluateAll((es) => es.map((e) => e.value));
      await tabTo(page, 'the first box', (f) => f.type === 'checkbox');
      for (const [n, value] of order.entries()) {
        assert.equal((await focused(page)).value, value);
        if (i.correct.includes(value)) await press(page, 'Space');
        if (n < order.length - 1) await press(page, 'Tab');
      }
      return submit(page);
    }
    case 'numeric':
      return typeAnswer(page, item, (values) => typed(evaluate(i.answer, values)));
    case 'shortText':
      return typeAnswer(page, item, (values) => fillIn(i.accepted[0], values));
    case 'expression':
      return typeAnswer(page, item, () => i.answer);
    case 'cloze': {
      const order = [...english(i.text).matchAll(/\[\[\s*([\w-]+)\s*\]\]/g)].map((m) => m[1]);
      await tabTo(page, 'the first blank', (f) => f.cls.split(' ').includes('blank'));
      for (const [n, id] of order.entries()) {
        const blank = i.blanks.find((b) => b.id === id);
        assert.equal((await focused(page)).name, `blank-${id}`);
        if (blank.kind === 'entry') await page.keyboard.type(blank.accepted[0]);
        else await pick(page, blank.correct);
        if (n < order.length - 1) await press(page, 'Tab');
      }
      return submit(page);
    }
    case 'matching': {
      await tabTo(page, 'the first select', (f) => f.tag === 'SELECT');
      for (const [n, pair] of i.pairs.entries()) {
        assert.equal((await focused(page)).name, `pair-${pair.id}`);
        await pick(page, pair.id);
        if (n < i.pairs.length - 1) await press(page, 'Tab');
      }
      return submit(page);
    }
    case 'ordering': {
      const target = i.options.map((o) => o.id);
      const order = () => page.locator('form.item li[data-id]').evaluateAll((lis) => lis.map((l) => l.dataset.id));
      for (const [n, id] of target.entries()) {
        let at = (await order()).indexOf(id);
        if (at === n) continue;
        // Targets are placed top down, so the next one's Move up is always further on.
        await tabTo(page, `Move up of ${id}`, (g) => g.move === '-1' && g.li === id);
        while (at > n) { await press(page, 'Enter'); at -= 1; }
      }
      assert.deepEqual(await order(), target);
      return submit(page);
    }
    case 'numberLine': {
      // One step right saves a draft with the drawn numbers; then Home and the right number of steps.
      await tabTo(page, 'the slider', (f) => f.name === 'point');
      await press(page, 'ArrowRight');
      const values = item.params ? await storedValues(page, item.id) : {};
      const steps = Math.round((evaluate(i.answer, values) - evaluate(i.from, values)) * evaluate(i.denominator, values));
      await press(page, 'Home');
      for (let n = 0; n < steps; n += 1) await press(page, 'ArrowRight');
      return submit(page);
    }
    case 'shade': {
      // Shading part 1 saves a draft with the drawn numbers; then each part by Tab, shaded by Space as
      // the key wants (the first `share` of the parts, or exactly the named ones).
      await tabTo(page, 'the first part', (f) => f.name === 'shade');
      await press(page, 'Space');
      const total = await page.locator('form.item input[name=shade]').count();
      let want = i.shadedParts;
      if (!want) {
        const values = item.params ? await storedValues(page, item.id) : {};
        const k = Math.round(evaluate(i.answer, values) * total);
        want = Array.from({ length: k }, (_, n) => n + 1);
      }
      for (let p = 1; p <= total; p += 1) {
        assert.equal((await focused(page)).value, String(p));
        const on = await page.evaluate(() => document.activeElement.checked);
        if (on !== want.includes(p)) await press(page, 'Space');
        if (p < total) await press(page, 'Tab');
      }
      return submit(page);
    }
    case 'hotspot': {
      await tabTo(page, 'the first region', (f) => f.name === 'region');
      for (const [n, region] of i.regions.entries()) {
        assert.equal((await focused(page)).value, region.id);
        if (i.correct.includes(region.id)) await press(page, 'Space');
        if (n < i.regions.length - 1) await press(page, 'Tab');
      }
      return submit(page);
    }
    case 'hottext': {
      // The right phrases, in reading order, each toggled with Space where Tab reaches it.
      const want = Array.isArray(i.correct) ? i.correct : [i.correct];
      const order = await page.locator('form.item button[data-phrase]').evaluateAll((bs) => bs.map((b) => b.dataset.phrase));
      for (const id of order.filter((p) => want.includes(p))) {
        await tabTo(page, `phrase ${id}`, (f) => f.phrase === id);
        await press(page, 'Space');
      }
      return submit(page);
    }
    case 'dragToImage': {
      // A menu per target, in the targets' order: no dragging.
      await tabTo(page, 'the first target\'s menu', (f) => f.tag === 'SELECT' && (f.name ?? '').startsWith('target-'));
      for (const [n, target] of i.targets.entries()) {
        assert.equal((await focused(page)).name, `target-${target.id}`);
        await pick(page, target.answer);
        if (n < i.targets.length - 1) await press(page, 'Tab');
      }
      return submit(page);
    }
    default:
      throw new Error(`${item.id}: no keyboard play for ${i.type}`);
  }
}

// What is on screen, as one string that changes whenever the player moves on.
const screen = (page) => page.evaluate(() => {
  const item = document.querySelector('form.item');
  const lesson = document.querySelector('.lesson-page');
  if (document.querySelector('[data-step=finished]')) return 'finished';
  if (item) return `item:${item.dataset.itemId}:${item.dataset.step}:${lesson?.dataset.pageId ?? ''}`;
  if (lesson) return `reading:${lesson.dataset.pageId}`;
  return 'loading';
});

async function waitForChange(page, from) {
  await page.waitForFunction((before) => {
    const item = document.querySelector('form.item');
    const lesson = document.querySelector('.lesson-page');
    const now = document.querySelector('[data-step=finished]') ? 'finished'
      : item ? `item:${item.dataset.itemId}:${item.dataset.step}:${lesson?.dataset.pageId ?? ''}`
        : lesson ? `reading:${lesson.dataset.pageId}` : 'loading';
    return now !== before && now !== 'loading';
  }, from);
}

// Plays the open activity to its finished screen; returns what it went through.
async function playActivity(page, activity) {
  const seen = [];
  for (let steps = 0; steps < 80; steps += 1) {
    let now = await screen(page);
    if (now === 'finished') return seen;
    const [kind, id, step] = now.split(":");
    if (kind === 'item' && step === 'answering') {
      const item = items.get(id);
      assert.ok(item, `${activity.id}: item ${id} is in the course files`);
      seen.push(id);
      await answer(page, item);
      await page.locator(`form.item[data-item-id="${id}"][data-step=feedback]`).waitFor();
      const verdict = await page.locator('.verdict').textContent();
      const expected = activity.feedback === 'afterSubmit' ? 'Answer saved.' : 'Correct!';
      assert.equal(verdict, expected, `${activity.id}: ${id} answered right (${await page.locator('.feedback').textContent()})`);
      const f = await focused(page);
      assert.ok(onButton('next')(f), `${activity.id}: focus is on Next after feedback, not ${JSON.stringify(f)}`);
      now = await screen(page);
      await press(page, 'Enter');
    } else if (kind === 'item') {
      await tabTo(page, 'Next', onButton('next'));
      await press(page, 'Enter');
    } else if (kind === 'reading') {
      await tabTo(page, 'Continue', onButton('next'));
      await press(page, 'Enter');
    } else {
      throw new Error(`${activity.id}: unexpected screen ${now}`);
    }
    await waitForChange(page, now);
  }
  throw new Error(`${activity.id} did not finish in 80 steps: ${seen.join(', ')}`);
}

test('every activity of the demo course, by keyboard alone, through the finished screens', { timeout: 300_000 }, async (t) => {
  const context = await stack.browser.newContext();
  await routeCourse(context);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  assert.equal(manifest.activities.length, 17);
  await page.goto(`${stack.server.origin}/`);
  const done = [];
  for (const [n, activity] of manifest.activities.entries()) {
    await page.waitForFunction(() => document.querySelector('form.item, .lesson-page, [data-step=finished]'));
    assert.equal(new URL(page.url()).searchParams.get('activity') ?? manifest.activities[0].id, activity.id);
    const title = english(activity.title);
    assert.equal(await page.locator('.activity-title').textContent(), title);
    const seen = await playActivity(page, activity);
    await page.locator('[data-step=finished]').waitFor();
    done.push(`${activity.id} (${seen.length} items)`);
    const next = manifest.activities[n + 1];
    if (!next) break;
    // The finished screen's heading has focus; the next activity's link is further on.
    assert.equal((await focused(page)).tag, 'H2', 'the finished screen starts at its heading');
    await tabTo(page, `the link to ${next.id}`, (f) => f.tag === 'A' && f.href === `?activity=${next.id}`, { max: 80 });
    await Promise.all([page.waitForURL(`**/?activity=${next.id}`), press(page, 'Enter')]);
  }
  assert.equal(done.length, 17, done.join('\n'));
  t.diagnostic(`finished: ${done.join(', ')}`);
  assert.deepEqual(errors, []);
  await context.close();
});
