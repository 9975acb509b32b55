// Right-to-left: the host page with dir="rtl" on <html> (a copy of index.html served by the test), and the
// player configured in Arabic (the demo course has no Arabic text, so the words fall back to English, but
// the player takes the language's direction: `dir="rtl"` on its root and nowhere else). It mirrors its layout (options with their label to the left of the
// box, the Check button at the start of its row on the right, the feedback's bar on the right, the
// progress map drawn from the right) and does not scroll sideways, wide or at 320 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useStack } from './lib/stack.mjs';
import { repoRoot } from './lib/server.mjs';
import { ANSWERS, FIXTURE, check, finishUnitFractions, routeCourse, settle } from './lib/courses.mjs';
import { routeFixture } from './lib/fixture-course.mjs';

const stack = useStack();
const hostPage = readFileSync(path.join(repoRoot, 'www/index.html'), 'utf8').replace('<html lang="en">', '<html lang="en" dir="rtl">');

async function rtlPlayer({ fixture = false, activity, viewport = { width: 1366, height: 768 } } = {}) {
  assert.match(hostPage, /dir="rtl"/);
  const context = await stack.browser.newContext({ viewport });
  await routeCourse(context, { fixture, config: { language: 'ar' } });
  await context.route('**/rtl.html*', (route) => route.fulfill({ contentType: 'text/html', body: hostPage }));
  const page = await context.newPage();
  await page.goto(`${stack.server.origin}/rtl.html${activity ? `?activity=${activity}` : ''}`);
  return { context, page };
}

const box = (locator) => locator.boundingBox();

// Only the player's root sets a direction (the language's: rtl), nothing inside it does (no dir attribute,
// no CSS `direction: ltr`), and the page does not scroll sideways. MathML keeps its own left-to-right layout, as MathML Core says.
async function expectRtlThroughout(page, label) {
  await settle(page);
  const found = await page.evaluate(() => ({
    dirs: [...document.querySelectorAll('[dir]')].filter((e) => e !== document.documentElement)
      .map((e) => `${e.id ? `#${e.id}` : e.tagName}[dir=${e.dir}]`),
    ltr: [...document.querySelectorAll('#pacer-root *')]
      .filter((e) => !e.closest('math') && getComputedStyle(e).direction !== 'rtl')
      .map((e) => `${e.tagName.toLowerCase()}.${e.getAttribute('class')}`),
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  }));
  assert.deepEqual(found.dirs, ['#pacer-root[dir=rtl]'], `${label}: only the player's root sets dir, from the language`);
  assert.deepEqual(found.ltr, [], `${label}: every element is laid out right to left`);
  assert.ok(found.overflow <= 0, `${label}: scrolls sideways by ${found.overflow} px`);
}

test('rtl: choices, the Check button and the feedback are mirrored', async () => {
  for (const viewport of [{ width: 1366, height: 768 }, { width: 320, height: 640 }]) {
    const { context, page } = await rtlPlayer({ fixture: true, activity: 'single', viewport });
    await page.locator('form.item[data-step=answering]').waitFor();
    await expectRtlThroughout(page, `single choice at ${viewport.width}`);

    const fieldset = await box(page.locator('fieldset'));
    const legend = await box(page.locator('legend'));
    assert.ok(fieldset.x + fieldset.width - (legend.x + legend.width) < 24, 'the stem starts at the right');
    for (const id of ['a', 'b', 'c']) {
      const radio = await box(page.locator(`#i-single-${id}`));
      const label = await box(page.locator(`label[for="i-single-${id}"]`));
      assert.ok(label.x + label.width <= radio.x + 1, `option ${id}: its label is left of its radio`);
      assert.ok(radio.x > fieldset.x + fieldset.width / 2, `option ${id}: the radio is on the right side`);
    }
    const checkButton = await box(page.locator('button.check'));
    const dontKnow = await box(page.locator('button.dont-know'));
    const form = await box(page.locator('form.item'));
    assert.ok(form.x + form.width - (checkButton.x + checkButton.width) < 2, 'Check starts its row at the right');
    assert.ok(dontKnow.y > checkButton.y + 1 || dontKnow.x + dontKnow.width <= checkButton.x, '"I don\'t know yet" comes after Check, to its left or below');

    await ANSWERS.single.wrong(page);
    await check(page);
    await expectRtlThroughout(page, `feedback at ${viewport.width}`);
    const bar = await page.locator('.feedback').evaluate((e) => {
      const s = getComputedStyle(e);
      return { right: parseFloat(s.borderRightWidth), left: parseFloat(s.borderLeftWidth) };
    });
    assert.ok(bar.right > 4 && bar.left === 0, `the feedback's bar is on the right: ${JSON.stringify(bar)}`);
    const next = await box(page.locator('button.next'));
    const retry = await box(page.locator('button.retry'));
    assert.ok(retry.y > next.y + 1 || retry.x + retry.width <= next.x, 'Try again comes after Next, to its left or below');
    await context.close();
  }
});

test('rtl: ordering, matching and cloze rows read from the right', async () => {
  const { context, page } = await rtlPlayer({ fixture: true, activity: 'ordering' });
  await page.locator('form.item[data-step=answering]').waitFor();
  await expectRtlThroughout(page, 'ordering');
  const row = page.locator('li.order-item').first();
  const text = await box(row.locator('.order-text'));
  const up = await box(row.locator('button[data-move="-1"]'));
  assert.ok(up.x + up.width <= text.x + 1, 'the move buttons come after the text, on its left');
  await page.goto(`${stack.server.origin}/rtl.html?activity=matching`);
  await page.locator('form.item[data-item-id=matching]').waitFor();
  await expectRtlThroughout(page, 'matching');
  const prompt = await box(page.locator('label.match-prompt').first());
  const select = await box(page.locator('.match-row select').first());
  assert.ok(select.x + select.width <= prompt.x + 1, 'the answer select is left of its prompt');
  // Bidi follows the text: English words keep an English sentence left to right even on an rtl page, so
  // the cloze is given Hebrew text here (as an author writing for rtl learners would).
  const cloze = JSON.parse(readFileSync(path.join(FIXTURE, 'content/cloze.json'), 'utf8'));
  cloze.items[0].interaction.text = 'חצי הוא [[num]] מתוך [[den]], וזה [[cmp]] שליש.';
  await context.route('**/fixture/content/cloze.json', (route) => route.fulfill({ json: cloze }));
  await page.goto(`${stack.server.origin}/rtl.html?activity=cloze`);
  await page.locator('form.item[data-item-id=cloze]').waitFor();
  await expectRtlThroughout(page, 'cloze');
  const first = await box(page.locator('[name=blank-num]'));
  const second = await box(page.locator('[name=blank-den]'));
  assert.ok(second.y > first.y + 1 || second.x + second.width <= first.x, 'the second blank follows the first to its left');
  await context.close();
});

test('rtl: hints, the finished screen and the progress map are mirrored', async () => {
  const { context, page } = await rtlPlayer();
  await page.locator('form.item[data-step=answering]').waitFor();
  await page.locator('button.hint-button').click();
  await page.locator('.hints li').waitFor();
  await expectRtlThroughout(page, 'hint open');
  const hints = await page.locator('.hints').evaluate((e) => getComputedStyle(e).paddingRight);
  assert.ok(parseFloat(hints) > 0, 'the hint list is indented from the right');
  await finishUnitFractions(page);
  await page.locator('.progress-map').waitFor();
  await expectRtlThroughout(page, 'finished');
  const first = await box(page.locator('.progress-map g[data-skill=unit-fractions] .frame'));
  const later = await box(page.locator('.progress-map g[data-skill=comparing-fractions] .frame'));
  assert.ok(first.x > later.x + later.width, 'the first skill is drawn on the right, the ones it leads to on its left');
  for (const skill of ['unit-fractions', 'comparing-fractions', 'multiply-by-whole']) {
    const frame = await box(page.locator(`.progress-map g[data-skill=${skill}] .frame`));
    const label = await box(page.locator(`.progress-map g[data-skill=${skill}] .label`));
    assert.ok(label.x >= frame.x - 0.5 && label.x + label.width <= frame.x + frame.width + 0.5, `${skill}: the label stays in its box`);
  }
  await context.close();
});

// The interactions answered on a picture (issue 23), from their own fixture package, on the rtl page.
const VISUAL = path.join(repoRoot, 'tests/e2e/fixtures/visual');

async function rtlVisual(activity) {
  const context = await stack.browser.newContext({ viewport: { width: 1366, height: 768 } });
  await routeFixture(context, VISUAL, { language: 'ar' });
  await context.route('**/rtl.html*', (route) => route.fulfill({ contentType: 'text/html', body: hostPage }));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${stack.server.origin}/rtl.html?activity=${activity}`);
  return { context, page, errors };
}

const focusedLabel = (page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
const centreX = async (locator) => { const b = await box(locator); return b.x + b.width / 2; };

async function verdictIs(page, expected) {
  await page.locator('.feedback').waitFor();
  assert.equal(await page.locator('.verdict').textContent(), expected);
}

test('rtl: a shade bar starts at its right end, and Tab takes its parts in reading order', async () => {
  const { context, page, errors } = await rtlVisual('shade');
  await page.locator('form.item[data-item-id=shade-bar][data-step=answering] svg.shade-model').waitFor();
  await expectRtlThroughout(page, 'shade');
  const k = Number(/Shade (\d)\/8/.exec(await page.locator('legend').textContent())[1]);
  // Part n's box and its drawn part are at the same place, each part left of the one before it.
  const xs = [];
  for (let n = 1; n <= 8; n += 1) {
    const x = await centreX(page.getByRole('checkbox', { name: `Part ${n} of 8` }));
    assert.ok(Math.abs(x - await centreX(page.locator(`svg.shade-model [data-toggle="${n}"]`))) < 2, `part ${n} sits on its box`);
    xs.push(x);
  }
  for (let n = 1; n < 8; n += 1) assert.ok(xs[n] < xs[n - 1], `part ${n + 1} is left of part ${n}: ${xs}`);
  // Tab from part 1 goes to part 2: leftward, the way the page reads.
  await page.getByRole('checkbox', { name: 'Part 1 of 8' }).focus();
  for (let n = 1; n <= k; n += 1) {
    assert.equal(await focusedLabel(page), `Part ${n} of 8`);
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
  }
  // The shaded parts are the first k from the right.
  const shaded = await page.locator('svg.shade-model .part.shaded').evaluateAll((ps) => ps.map((p) => p.getBoundingClientRect().x));
  const plain = await page.locator('svg.shade-model .part:not(.shaded)').evaluateAll((ps) => ps.map((p) => p.getBoundingClientRect().x));
  assert.equal(shaded.length, k);
  assert.ok(Math.min(...shaded) > Math.max(...plain), 'the shaded parts are at the bar\'s right end');
  await page.getByRole('button', { name: 'Check' }).click();
  await verdictIs(page, 'Correct!');
  await expectRtlThroughout(page, 'shade, feedback');
  assert.deepEqual(errors, []);
  await context.close();
});

test('rtl: a hotspot keeps its regions on the picture, and ArrowLeft takes a one-pick group to its next region', async () => {
  let { context, page, errors } = await rtlVisual('hotspot');
  await page.locator('form.item[data-item-id=pick-halves][data-step=answering] svg.hotspot-image .region').first().waitFor();
  await expectRtlThroughout(page, 'hotspot');
  // The picture is not mirrored: each region's box sits inside its outline, the circle's on the left.
  for (const [n, name] of ['The circle', 'The rectangle', 'The square'].entries()) {
    const b = await box(page.getByRole('checkbox', { name }));
    const r = await box(page.locator('svg.hotspot-image .region').nth(n));
    assert.ok(b.x >= r.x && b.x + b.width <= r.x + r.width && b.y >= r.y && b.y + b.height <= r.y + r.height, `${name}: its box is on it`);
  }
  assert.ok(await centreX(page.getByRole('checkbox', { name: 'The circle' })) < await centreX(page.getByRole('checkbox', { name: 'The square' })));
  await page.getByRole('checkbox', { name: 'The circle' }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('checkbox', { name: 'The square' }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Check' }).click();
  await verdictIs(page, 'Correct!');
  await expectRtlThroughout(page, 'hotspot, feedback');
  assert.deepEqual(errors, []);
  await context.close();

  ({ context, page, errors } = await rtlVisual('hotspot-one'));
  await page.locator('form.item[data-item-id=pick-thirds][data-step=answering] svg.hotspot-image .region').first().waitFor();
  await expectRtlThroughout(page, 'hotspot of one');
  // A native radio group on a right-to-left page: ArrowLeft goes forward in the regions' list (the
  // author's order, which a screen reader counts too), ArrowRight back.
  await page.getByRole('radio', { name: 'The circle' }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await focusedLabel(page), 'The rectangle');
  assert.equal(await page.getByRole('radio', { name: 'The rectangle' }).isChecked(), true);
  assert.equal(await page.getByRole('radio', { name: 'The circle' }).isChecked(), false);
  await page.keyboard.press('ArrowLeft');
  assert.equal(await focusedLabel(page), 'The square');
  await page.keyboard.press('ArrowRight');
  assert.equal(await focusedLabel(page), 'The rectangle');
  await page.getByRole('button', { name: 'Check' }).click();
  await verdictIs(page, 'Correct!');
  assert.deepEqual(errors, []);
  await context.close();
});
