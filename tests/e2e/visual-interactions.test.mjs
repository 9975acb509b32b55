// The interactions answered on a picture (issue 23): `shade` (shade parts of a drawn bar, circle or grid)
// and `hotspot` (pick regions of an image). Each is answered wrong then right by keyboard alone, by pointer
// and by touch; each part or region is a native checkbox with its own name; the queued statement carries
// the interaction definition and the response; at 320 px and at 200% zoom nothing scrolls sideways and
// every target is at least 24 px; the names are in the learner's language; and axe finds nothing before
// and after feedback in the light and dark themes and under forced colours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useStack } from './lib/stack.mjs';
import { repoRoot } from './lib/server.mjs';
import { assertValidStatement } from './lib/validate.mjs';
import { openFixture, auditModes, queuedStatements, readAloud, TOUCH } from './lib/fixture-course.mjs';

const stack = useStack();
const fixture = path.join(repoRoot, 'tests/e2e/fixtures/visual');

const open = (activity, options) => openFixture(stack, fixture, activity, options);
const audit = auditModes;
const statements = queuedStatements;

const keys = async (page, ...seq) => { for (const k of seq) await page.keyboard.press(k); };

async function tabTo(page, what, check, arg) {
  for (let i = 0; i < 40; i += 1) {
    if (await page.evaluate(check, arg)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${what}`);
}

const onButton = (label) => new Function(`return document.activeElement?.tagName === 'BUTTON' && document.activeElement.textContent.trim() === ${JSON.stringify(label)}`);
const onBox = (label) => document.activeElement?.type === 'checkbox' && document.activeElement.getAttribute('aria-label') === label;

async function verdict(page, expected) {
  await page.locator('.feedback').waitFor();
  assert.equal(await page.locator('.verdict').textContent(), expected);
}

// The shade item: how many eighths its stem asks for, once the model is drawn.
async function shadeItem(page) {
  await page.locator('form.item[data-item-id=shade-bar][data-step=answering] svg.shade-model').waitFor();
  const stem = await page.locator('form.item legend').textContent();
  const m = /^Shade (\d)\/8 of the bar\.$/.exec(stem);
  assert.ok(m, `the stem: ${stem}`);
  const group = page.locator('.shade-answer');
  assert.equal(await group.getAttribute('role'), 'group');
  assert.equal(await group.getAttribute('aria-label'), 'A bar cut into 8 equal parts: choose the parts to shade');
  assert.equal(await page.locator('svg.shade-model rect.part').count(), 8, 'one drawn part per checkbox');
  assert.equal(await page.locator('input[name=shade]').count(), 8);
  return Number(m[1]);
}

const shadedCount = (page) => page.locator('svg.shade-model .shaded').count();

function checkShadeStatement(s, correct, response, k) {
  assertValidStatement(s);
  assert.equal(s.result.success, correct);
  assert.equal(s.result.response, response);
  assert.equal(s.object.definition.interactionType, 'other');
  assert.deepEqual(s.object.definition.correctResponsesPattern, [`${k}/8`]);
}

test('shade: wrong then right by keyboard alone (Tab and Space), the statement carries the share', async () => {
  const { context, page, errors } = await open('shade');
  const k = await shadeItem(page);
  await audit(page, 'shade, answering');
  await tabTo(page, 'part 1', onBox, 'Part 1 of 8');
  assert.match(await page.locator('svg.shade-model rect[data-toggle="1"]').getAttribute('class'), /\bfocused\b/,
    'the focused part is marked on the drawing');
  await keys(page, 'Space');
  assert.equal(await page.getByRole('checkbox', { name: 'Part 1 of 8' }).isChecked(), true);
  assert.match(await page.locator('svg.shade-model rect[data-toggle="1"]').getAttribute('class'), /\bshaded\b/);
  assert.equal(await page.locator('.shade-count').textContent(), 'Shaded: 1 of 8');
  await tabTo(page, 'Check', onButton('Check'));
  await keys(page, 'Enter');
  await verdict(page, 'Not quite.');
  checkShadeStatement((await statements(page, 1))[0], false, '1/8', k);
  assert.equal(await page.locator('input[name=shade]').first().isDisabled(), true, 'the answer is fixed');
  assert.equal(await shadedCount(page), 1, 'and shown as it was given');
  await audit(page, 'shade, wrong');
  await tabTo(page, 'Try again', onButton('Try again'));
  await keys(page, 'Enter');
  const again = await shadeItem(page);
  assert.equal(await shadedCount(page), 0, 'a new try starts blank');
  // Parts 8, 7, ... counted back from the end: any parts that make the share are right.
  for (let p = 8; p > 8 - again; p -= 1) {
    await tabTo(page, `part ${p}`, onBox, `Part ${p} of 8`);
    await keys(page, 'Space');
  }
  assert.equal(await page.locator('.shade-count').textContent(), `Shaded: ${again} of 8`);
  await tabTo(page, 'Check', onButton('Check'));
  await keys(page, 'Enter');
  await verdict(page, 'Correct!');
  checkShadeStatement((await statements(page, 2))[1], true, `${again}/8`, again);
  await audit(page, 'shade, right');
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [how, options] of [['pointer', {}], ['touch', TOUCH]]) {
  test(`shade: wrong then right by ${how === 'touch' ? 'taps' : 'clicks'} on the parts`, async () => {
    const { context, page, errors } = await open('shade', { context: options });
    const press = (locator) => (how === 'touch' ? locator.tap() : locator.click());
    const part = (p) => page.locator(`svg.shade-model [data-toggle="${p}"]`);
    const k = await shadeItem(page);
    for (let p = 1; p <= k + 1; p += 1) await press(part(p));
    assert.equal(await shadedCount(page), k + 1);
    // A second tap takes the shade off again.
    await press(part(1));
    await press(part(1));
    assert.equal(await page.locator('.shade-count').textContent(), `Shaded: ${k + 1} of 8`);
    await press(page.getByRole('button', { name: 'Check' }));
    await verdict(page, 'Not quite.');
    checkShadeStatement((await statements(page, 1))[0], false, `${k + 1}/8`, k);
    await press(page.getByRole('button', { name: 'Try again' }));
    const again = await shadeItem(page);
    for (let p = 1; p <= again; p += 1) await press(part(p * 2 > 8 ? p : p * 2));
    assert.equal(await shadedCount(page), again);
    await press(page.getByRole('button', { name: 'Check' }));
    await verdict(page, 'Correct!');
    checkShadeStatement((await statements(page, 2))[1], true, `${again}/8`, again);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('shade: a grid keyed by its parts takes exactly those, named by row and column', async () => {
  const { context, page, errors } = await open('cells');
  await page.locator('form.item[data-item-id=shade-cells] svg.shade-model.grid').waitFor();
  assert.equal(await page.locator('.shade-answer').getAttribute('aria-label'),
    'A grid of 2 rows by 3 columns: choose the squares to shade');
  const names = await page.locator('input[name=shade]').evaluateAll((l) => l.map((e) => e.getAttribute('aria-label')));
  assert.deepEqual(names, ['Row 1, column 1', 'Row 1, column 2', 'Row 1, column 3', 'Row 2, column 1', 'Row 2, column 2', 'Row 2, column 3']);
  // Half the grid, but the wrong half.
  for (const p of [4, 5, 6]) await page.locator(`svg.shade-model [data-toggle="${p}"]`).click();
  await page.getByRole('button', { name: 'Check' }).click();
  await verdict(page, 'Not quite.');
  await audit(page, 'shade grid, wrong');
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.locator('form.item[data-step=answering] svg.shade-model.grid').waitFor();
  for (const name of ['Row 1, column 1', 'Row 1, column 2', 'Row 1, column 3']) {
    await page.getByRole('checkbox', { name }).press('Space');
  }
  await page.getByRole('button', { name: 'Check' }).click();
  await verdict(page, 'Correct!');
  const [, s] = await statements(page, 2);
  assertValidStatement(s);
  assert.equal(s.result.response, '3/6');
  assert.deepEqual(s.object.definition.correctResponsesPattern, ['3/6']);
  await audit(page, 'shade grid, right');
  assert.deepEqual(errors, []);
  await context.close();
});

test('shade: the names of the parts are in the learner\'s language', async () => {
  const { context, page, errors } = await open('cells', { config: { language: 'es' } });
  await page.locator('svg.shade-model.grid').waitFor();
  assert.equal(await page.locator('.shade-answer').getAttribute('aria-label'),
    'Una cuadrícula de 2 filas por 3 columnas: elige los cuadrados que vas a sombrear');
  assert.equal(await page.locator('input[name=shade]').nth(4).getAttribute('aria-label'), 'Fila 2, columna 2');
  await page.getByRole('checkbox', { name: 'Fila 1, columna 1' }).press('Space');
  assert.equal(await page.locator('.shade-count').textContent(), 'Sombreadas: 1 de 6');
  assert.deepEqual(errors, []);
  await context.close();
});

function checkHotspotStatement(s, correct, response) {
  assertValidStatement(s);
  assert.equal(s.result.success, correct);
  assert.equal(s.result.response, response);
  const d = s.object.definition;
  assert.equal(d.interactionType, 'choice');
  assert.deepEqual(d.choices, [
    { id: 'circle', description: { 'en-US': 'The circle' } },
    { id: 'rectangle', description: { 'en-US': 'The rectangle' } },
    { id: 'square', description: { 'en-US': 'The square' } },
  ]);
  assert.deepEqual(d.correctResponsesPattern, ['circle[,]square']);
}

async function hotspotItem(page) {
  await page.locator('form.item[data-item-id=pick-halves][data-step=answering] svg.hotspot-image').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('svg.hotspot-image .region').length === 3);
}

test('hotspot: wrong then right by keyboard alone, each region a named checkbox', async () => {
  const { context, page, errors } = await open('hotspot');
  await hotspotItem(page);
  const svg = page.locator('svg.hotspot-image');
  assert.equal(await svg.getAttribute('role'), 'img');
  assert.match(await svg.getAttribute('aria-label'), /^Three shapes: a circle cut into 2 equal parts/);
  assert.equal(await svg.locator('image').getAttribute('width'), '400');
  const names = await page.locator('input[name=region]').evaluateAll((l) => l.map((e) => e.getAttribute('aria-label')));
  assert.deepEqual(names, ['The circle', 'The rectangle', 'The square']);
  await audit(page, 'hotspot, answering');
  await tabTo(page, 'the circle', onBox, 'The circle');
  await keys(page, 'Space');
  await tabTo(page, 'the rectangle', onBox, 'The rectangle');
  await keys(page, 'Space');
  assert.equal(await svg.locator('.region.chosen').count(), 2);
  await tabTo(page, 'Check', onButton('Check'));
  await keys(page, 'Enter');
  await verdict(page, 'Not quite.');
  checkHotspotStatement((await statements(page, 1))[0], false, 'circle[,]rectangle');
  // Each region says whether it was right, in its name and on the drawing.
  assert.equal(await page.locator('input[name=region]').nth(1).getAttribute('aria-label'), 'The rectangle (not right)');
  assert.equal(await svg.locator('.region.part-wrong').count(), 2, 'the rectangle picked, the square missed');
  await audit(page, 'hotspot, wrong');
  await tabTo(page, 'Try again', onButton('Try again'));
  await keys(page, 'Enter');
  await hotspotItem(page);
  await tabTo(page, 'the circle', onBox, 'The circle');
  await keys(page, 'Space');
  await tabTo(page, 'the square', onBox, 'The square');
  await keys(page, 'Space');
  await tabTo(page, 'Check', onButton('Check'));
  await keys(page, 'Enter');
  await verdict(page, 'Correct!');
  checkHotspotStatement((await statements(page, 2))[1], true, 'circle[,]square');
  await audit(page, 'hotspot, right');
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [how, options] of [['pointer', {}], ['touch', TOUCH]]) {
  test(`hotspot: wrong then right by ${how === 'touch' ? 'taps' : 'clicks'} on the regions`, async () => {
    const { context, page, errors } = await open('hotspot', { context: options });
    const region = (n) => page.locator('svg.hotspot-image .region').nth(n);
    // A pointer lands inside the region's outline, at the place its checkbox marks.
    const hit = async (n) => {
      const box = await page.locator('input[name=region]').nth(n).boundingBox();
      const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
      if (how === 'touch') await page.touchscreen.tap(x, y); else await page.mouse.click(x, y);
    };
    const press = (locator) => (how === 'touch' ? locator.tap() : locator.click());
    await hotspotItem(page);
    await hit(1);
    assert.match(await region(1).getAttribute('class'), /\bchosen\b/);
    await press(page.getByRole('button', { name: 'Check' }));
    await verdict(page, 'Not quite.');
    checkHotspotStatement((await statements(page, 1))[0], false, 'rectangle');
    await press(page.getByRole('button', { name: 'Try again' }));
    await hotspotItem(page);
    await hit(0);
    await hit(2);
    await hit(1);
    await hit(1);
    assert.deepEqual(await page.locator('input[name=region]').evaluateAll((l) => l.map((e) => e.checked)), [true, false, true]);
    await press(page.getByRole('button', { name: 'Check' }));
    await verdict(page, 'Correct!');
    checkHotspotStatement((await statements(page, 2))[1], true, 'circle[,]square');
    assert.deepEqual(errors, []);
    await context.close();
  });
}

// A hotspot keyed by one region id picks one region: a native radio group laid on the picture.
const onRadio = (label) => document.activeElement?.type === 'radio' && document.activeElement.getAttribute('aria-label') === label;

async function hotspotOneItem(page) {
  await page.locator('form.item[data-item-id=pick-thirds][data-step=answering] svg.hotspot-image').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('svg.hotspot-image .region').length === 3);
}

function checkHotspotOneStatement(s, correct, response) {
  assertValidStatement(s);
  assert.equal(s.result.success, correct);
  assert.equal(s.result.response, response);
  const d = s.object.definition;
  assert.equal(d.interactionType, 'choice');
  assert.deepEqual(d.choices.map((c) => c.id), ['circle', 'rectangle', 'square']);
  assert.deepEqual(d.correctResponsesPattern, ['rectangle']);
}

const chosenRegions = (page) => page.locator('svg.hotspot-image .region').evaluateAll(
  (l) => l.map((e, i) => (e.classList.contains('chosen') ? i : -1)).filter((i) => i >= 0));

test('hotspot of one pick: a radio group, wrong then right by keyboard alone (Tab, then arrow keys)', async () => {
  const { context, page, errors } = await open('hotspot-one');
  await hotspotOneItem(page);
  const group = page.getByRole('radiogroup', { name: 'Pick one place on the picture' });
  assert.equal(await group.count(), 1);
  assert.deepEqual(await group.getByRole('radio').evaluateAll((l) => l.map((e) => e.getAttribute('aria-label'))),
    ['The circle', 'The rectangle', 'The square']);
  assert.equal(await page.locator('input[name=region][type=checkbox]').count(), 0, 'no checkboxes');
  await audit(page, 'hotspot of one, answering');
  await tabTo(page, 'the circle', onRadio, 'The circle');
  await keys(page, 'Space');
  assert.deepEqual(await chosenRegions(page), [0]);
  // The arrow keys move the pick, as in any radio group; the drawing follows.
  await keys(page, 'ArrowDown', 'ArrowDown');
  assert.equal(await page.evaluate(onRadio, 'The square'), true);
  assert.deepEqual(await chosenRegions(page), [2], 'the square picked, the circle no longer');
  await tabTo(page, 'Check', onButton('Check'));
  await keys(page, 'Enter');
  await verdict(page, 'Not quite.');
  checkHotspotOneStatement((await statements(page, 1))[0], false, 'square');
  assert.equal(await page.getByRole('radio', { name: 'The square' }).isChecked(), true, 'the answer shows as given');
  assert.equal(await page.locator('input[name=region]').first().isDisabled(), true);
  await audit(page, 'hotspot of one, wrong');
  await tabTo(page, 'Try again', onButton('Try again'));
  await keys(page, 'Enter');
  await hotspotOneItem(page);
  assert.deepEqual(await chosenRegions(page), [], 'a new try starts with nothing picked');
  await tabTo(page, 'the circle', onRadio, 'The circle');
  await keys(page, 'ArrowRight');
  assert.equal(await page.getByRole('radio', { name: 'The rectangle' }).isChecked(), true);
  await tabTo(page, 'Check', onButton('Check'));
  await keys(page, 'Enter');
  await verdict(page, 'Correct!');
  checkHotspotOneStatement((await statements(page, 2))[1], true, 'rectangle');
  await audit(page, 'hotspot of one, right');
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [how, options] of [['pointer', {}], ['touch', TOUCH]]) {
  test(`hotspot of one pick: wrong then right by ${how === 'touch' ? 'taps' : 'clicks'}, a second pick replaces the first`, async () => {
    const { context, page, errors } = await open('hotspot-one', { context: options });
    const hit = async (n) => {
      const box = await page.locator('input[name=region]').nth(n).boundingBox();
      const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
      if (how === 'touch') await page.touchscreen.tap(x, y); else await page.mouse.click(x, y);
    };
    const press = (locator) => (how === 'touch' ? locator.tap() : locator.click());
    await hotspotOneItem(page);
    await hit(0);
    await hit(2);
    assert.deepEqual(await chosenRegions(page), [2]);
    assert.deepEqual(await page.locator('input[name=region]').evaluateAll((l) => l.map((e) => e.checked)), [false, false, true]);
    await press(page.getByRole('button', { name: 'Check' }));
    await verdict(page, 'Not quite.');
    checkHotspotOneStatement((await statements(page, 1))[0], false, 'square');
    await press(page.getByRole('button', { name: 'Try again' }));
    await hotspotOneItem(page);
    await hit(1);
    await hit(1);
    assert.deepEqual(await chosenRegions(page), [1], 'picking the same region again keeps it picked');
    await press(page.getByRole('button', { name: 'Check' }));
    await verdict(page, 'Correct!');
    checkHotspotOneStatement((await statements(page, 2))[1], true, 'rectangle');
    assert.deepEqual(errors, []);
    await context.close();
  });
}

// Read aloud says what a sighted learner sees of the answer too: a shade item's model in words, as a
// drawn figure's alternative says it, with the parts shaded when the button is pressed; a hotspot of one
// pick that one is to be picked.

test('Read aloud says the shade model and how much is shaded, and a hotspot\'s one pick', async () => {
  let { context, page, errors } = await open('shade');
  const k = await shadeItem(page);
  assert.deepEqual(await readAloud(page), [`Shade ${k}/8 of the bar.. A bar cut into 8 equal parts, 0 shaded`]);
  await page.getByRole('checkbox', { name: 'Part 2 of 8' }).press('Space');
  await page.getByRole('checkbox', { name: 'Part 5 of 8' }).press('Space');
  assert.deepEqual(await readAloud(page), [`Shade ${k}/8 of the bar.. A bar cut into 8 equal parts, 2 shaded`]);
  assert.deepEqual(errors, []);
  await context.close();

  ({ context, page, errors } = await open('cells', { config: { language: 'es' } }));
  await page.locator('svg.shade-model.grid').waitFor();
  const [said] = await readAloud(page);
  assert.match(said, /\. Una cuadrícula de 2 filas por 3 columnas, 0 sombreadas$/);
  assert.deepEqual(errors, []);
  await context.close();

  ({ context, page, errors } = await open('hotspot-one'));
  await hotspotOneItem(page);
  assert.deepEqual(await readAloud(page), ['Pick the shape that is cut into thirds.. Three shapes: a circle cut into 2 equal parts, '
    + 'a rectangle cut into 3 equal parts and a square cut into 2 equal parts.. Pick one place on the picture. The circle. The rectangle. The square']);
  assert.deepEqual(errors, []);
  await context.close();
});

// Reflow (1.4.10) and target size (2.5.8): at 320 CSS px and at 200% zoom of a 1366x768 screen, nothing
// scrolls sideways, every control is at least 24 x 24 px, and so is every part and region a pointer hits.
for (const [name, options] of [['320 px', { viewport: { width: 320, height: 640 } }], ['200% zoom', { viewport: { width: 683, height: 384 }, deviceScaleFactor: 2 }]]) {
  test(`${name}: shade and hotspot reflow, with targets of 24 px`, async () => {
    for (const [activity, ready] of [['shade', 'svg.shade-model'], ['cells', 'svg.shade-model.grid'], ['hotspot', 'svg.hotspot-image .region'], ['hotspot-one', 'svg.hotspot-image .region']]) {
      const { context, page, errors } = await open(activity, { context: options });
      await page.locator(ready).first().waitFor();
      const found = await page.evaluate(() => {
        const wide = document.documentElement.scrollWidth > document.documentElement.clientWidth;
        const small = [...document.querySelectorAll('button, input, select, summary, a, [data-toggle]')]
          .filter((e) => e.getClientRects().length > 0)
          .map((e) => [e.tagName, e.getAttribute('aria-label') || e.name || e.textContent.trim(), e.getBoundingClientRect()])
          .filter(([, , r]) => r.width < 24 || r.height < 24)
          .map(([t, n, r]) => `${t} ${n} ${Math.round(r.width)}x${Math.round(r.height)}`);
        return { wide, small };
      });
      assert.equal(found.wide, false, `${activity} at ${name} scrolls sideways`);
      assert.deepEqual(found.small, [], `${activity} at ${name}: targets under 24 px`);
      assert.deepEqual(errors, []);
      await context.close();
    }
  });
}
