// Issue 23's hottext and dragToImage interactions, in a small package of their own (and the demo course
// uses each once, played through by keyboard-course.test.mjs):
// - hottext: phrases of a passage are toggle buttons in the running text (aria-pressed), read in order;
//   several to select (each a part) or one (selecting one unselects the other); answered wrong then right
//   by keyboard alone, by pointer and by touch; the statement is an xAPI `choice` naming the phrases.
// - dragToImage: a numbered marker per target on the picture and a menu per target (the keyboard's and a
//   single pointer's way: no dragging needed), with the labels draggable onto the markers as an extra, by
//   mouse and by touch; the statement is an xAPI `matching` of targets to labels.
// axe finds nothing before and after feedback in light, dark and forced colours; targets are 24 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useStack } from './lib/stack.mjs';
import { repoRoot } from './lib/server.mjs';
import { idbAll } from './lib/browser.mjs';
import { assertValidStatement } from './lib/validate.mjs';
import { openFixture, auditModes, queuedStatements, readAloud, TOUCH } from './lib/fixture-course.mjs';

const stack = useStack();
const fixture = path.join(repoRoot, 'tests/e2e/fixtures/visual-b');

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
const onPhrase = (id) => document.activeElement?.dataset?.phrase === id;
const onMenu = (name) => document.activeElement?.tagName === 'SELECT' && document.activeElement.name === name;

async function submitByKeyboard(page) {
  await tabTo(page, 'Check', onButton('Check'));
  await keys(page, 'Enter');
  await page.locator('.feedback').waitFor();
  return page.locator('.verdict').textContent();
}

async function tryAgainByKeyboard(page) {
  await tabTo(page, 'Try again', onButton('Try again'));
  await keys(page, 'Enter');
  await page.locator('form.item[data-step=answering]').waitFor();
}

const pressed = (page) => page.locator('button.hottext[aria-pressed=true]').evaluateAll((bs) => bs.map((b) => b.dataset.phrase));

// Every visible control is at least 24 x 24 px.
const smallTargets = (page) => page.evaluate(() => [...document.querySelectorAll('form.item button, form.item select')]
  .filter((e) => e.offsetParent !== null)
  .map((e) => [e.tagName, e.name || e.textContent.trim(), e.getBoundingClientRect()])
  .filter(([, , r]) => r.width < 24 || r.height < 24)
  .map(([t, n, r]) => `${t} ${n} ${Math.round(r.width)}x${Math.round(r.height)}`));

// Sets the phrases of the passage to exactly `want`, by Tab and Space.
async function selectByKeyboard(page, want) {
  for (const id of ['third', 'two-fifths', 'eighth']) {
    const on = (await pressed(page)).includes(id);
    if (on !== want.includes(id)) {
      await tabTo(page, `phrase ${id}`, onPhrase, id);
      await keys(page, 'Space');
    }
  }
  assert.deepEqual((await pressed(page)).sort(), [...want].sort());
}

test('hottext of several phrases: wrong then right by keyboard alone, read in order, the statement a choice', async () => {
  const { context, page, errors } = await open('words');
  await page.locator('form.item[data-item-id=unit-words][data-step=answering]').waitFor();
  // The passage reads in order with the phrases in their places, each a toggle button, none pressed.
  assert.equal(await page.locator('.hottext-passage').textContent(),
    'Mix one third of a cup of milk with two fifths of the flour, then add one eighth of the sugar.');
  assert.deepEqual(await page.locator('.hottext-passage button').evaluateAll((bs) => bs.map((b) => [b.type, b.getAttribute('aria-pressed'), b.textContent])),
    [['button', 'false', 'one third'], ['button', 'false', 'two fifths'], ['button', 'false', 'one eighth']]);
  assert.equal(await page.locator('.hottext-help').textContent(), 'Select every word or phrase that fits. Select one again to unselect it.');
  assert.deepEqual(await smallTargets(page), []);
  await audit(page, 'hottext, answering');
  // Nothing selected is no answer: no attempt is recorded.
  await tabTo(page, 'Check', onButton('Check'));
  await keys(page, 'Enter');
  await page.locator('.message:not(:empty)').waitFor();
  assert.equal((await idbAll(page, 'outbox')).length, 0, 'an empty selection is not an answer');
  // Space toggles a phrase and the state is announced through aria-pressed; pressing again unselects.
  await tabTo(page, 'phrase eighth', onPhrase, 'eighth');
  await keys(page, 'Space');
  assert.deepEqual(await pressed(page), ['eighth']);
  await keys(page, 'Enter');
  assert.deepEqual(await pressed(page), [], 'Enter toggles too');
  await selectByKeyboard(page, ['third', 'two-fifths']);
  assert.equal(await submitByKeyboard(page), 'Not quite.');
  assert.equal(await page.locator('.feedback .detail').first().textContent().catch(() => ''),
    'Two fifths has a numerator of 2: it is not a unit fraction.');
  const [wrong] = await statements(page, 1);
  assertValidStatement(wrong);
  const definition = wrong.object.definition;
  assert.equal(definition.interactionType, 'choice');
  const words = (d) => Object.values(d)[0];
  assert.deepEqual(definition.choices.map((c) => [c.id, words(c.description)]),
    [['third', 'one third'], ['two-fifths', 'two fifths'], ['eighth', 'one eighth']]);
  assert.deepEqual(definition.correctResponsesPattern, ['third[,]eighth']);
  assert.equal(wrong.result.response, 'third[,]two-fifths');
  assert.equal(wrong.result.success, false);
  // After feedback: the phrases are fixed, marked where selected or belonging selected.
  assert.deepEqual(await page.locator('.hottext-passage button').evaluateAll((bs) => bs.map((b) => [b.disabled, b.className])),
    [[true, 'hottext part-right'], [true, 'hottext part-wrong'], [true, 'hottext part-wrong']]);
  await audit(page, 'hottext, wrong');
  await tryAgainByKeyboard(page);
  await selectByKeyboard(page, ['third', 'eighth']);
  assert.equal(await submitByKeyboard(page), 'Correct!');
  const right = (await statements(page, 2))[1];
  assert.equal(right.result.response, 'third[,]eighth');
  assert.equal(right.result.success, true);
  await audit(page, 'hottext, right');
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [how, options] of [['pointer', {}], ['touch', TOUCH]]) {
  test(`hottext of one phrase: wrong then right by ${how}, selecting one unselects the other`, async () => {
    const { context, page, errors } = await open('one-word', { context: options });
    const press = (locator) => (how === 'touch' ? locator.tap() : locator.click());
    const phrase = (id) => page.locator(`button.hottext[data-phrase=${id}]`);
    await page.locator('form.item[data-item-id=largest-word][data-step=answering]').waitFor();
    assert.equal(await page.locator('.hottext-help').textContent(), 'Select one word or phrase in the text.');
    assert.deepEqual(await smallTargets(page), []);
    await press(phrase('quarter'));
    await press(phrase('eighth'));
    assert.deepEqual(await pressed(page), ['eighth'], 'one phrase at a time');
    await press(page.getByRole('button', { name: 'Check' }));
    await page.locator('.feedback').waitFor();
    assert.equal(await page.locator('.verdict').textContent(), 'Not quite.');
    await press(page.getByRole('button', { name: 'Try again' }));
    await page.locator('form.item[data-step=answering]').waitFor();
    await press(phrase('half'));
    assert.deepEqual(await pressed(page), ['half']);
    await press(page.getByRole('button', { name: 'Check' }));
    await page.locator('.feedback').waitFor();
    assert.equal(await page.locator('.verdict').textContent(), 'Correct!');
    const [wrong, right] = await statements(page, 2);
    assertValidStatement(right);
    assert.equal(wrong.result.response, 'eighth');
    assert.equal(right.result.response, 'half');
    assert.deepEqual(right.object.definition.correctResponsesPattern, ['half']);
    assert.equal(right.object.definition.interactionType, 'choice');
    if (how === 'pointer') await audit(page, 'hottext of one, right');
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('hottext in Spanish: the passage and its phrases in the learner\'s language', async () => {
  const { context, page, errors } = await open('words', { locale: 'es-ES' });
  await page.locator('form.item[data-step=answering]').waitFor();
  assert.equal(await page.locator('.hottext-passage').textContent(),
    'Mezcla un tercio de taza de leche con dos quintos de la harina y añade un octavo del azúcar.');
  assert.equal(await page.locator('.hottext-help').textContent(),
    'Selecciona cada palabra o frase que corresponda. Vuelve a seleccionarla para quitarla.');
  assert.deepEqual(errors, []);
  await context.close();
});

// Read aloud says what a sighted learner sees of the answer: a hottext's instruction before its passage,
// a dragToImage picture's alt text, its places and the labels to put on them.

test('Read aloud says a hottext\'s instruction and passage, and a dragToImage item\'s places and labels', async () => {
  let { context, page, errors } = await open('one-word');
  await page.locator('form.item[data-step=answering] .hottext-passage').waitFor();
  assert.deepEqual(await readAloud(page), ['Select the largest share.. Select one word or phrase in the text. '
    + 'Ana ate a quarter of the pizza, Ben ate half and Cy ate an eighth.']);
  assert.deepEqual(errors, []);
  await context.close();

  ({ context, page, errors } = await open('words', { locale: 'es-ES' }));
  await page.locator('form.item[data-step=answering] .hottext-passage').waitFor();
  const [said] = await readAloud(page);
  assert.match(said, /\. Selecciona cada palabra o frase que corresponda\. Vuelve a seleccionarla para quitarla\. Mezcla un tercio/);
  assert.deepEqual(errors, []);
  await context.close();

  ({ context, page, errors } = await open('labels'));
  await page.locator('form.item[data-item-id=label-quarters][data-step=answering]').waitFor();
  assert.deepEqual(await readAloud(page), ['Put each fraction at its tick on the number line.. '
    + 'A number line from 0 to 1 with three ticks between them, equally spaced.. '
    + 'the first tick after 0. the middle tick. the last tick before 1. Labels: 1/4, 1/2, 3/4, 1/3']);
  assert.deepEqual(errors, []);
  await context.close();
});

// dragToImage: the labels on the markers follow the menus; the markers sit where the package says.
const RIGHT = { first: 'quarter', middle: 'half', last: 'three-quarters' };
const menuValues = (page) => page.locator('select[data-target]').evaluateAll((ss) => Object.fromEntries(ss.map((s) => [s.dataset.target, s.value])));
const markerText = (page) => page.locator('.drop-target').evaluateAll((ms) => ms.map((m) => m.textContent));

// Picks option `value` of the focused <select> with arrow keys (the first option is "Choose…").
async function pick(page, value) {
  const steps = await page.evaluate((v) => [...document.activeElement.options].findIndex((o) => o.value === v), value);
  assert.ok(steps > 0, `option ${value} is in the menu`);
  await keys(page, 'Home');
  for (let i = 0; i < steps; i += 1) await keys(page, 'ArrowDown');
}

async function placeByKeyboard(page, placed) {
  for (const [target, label] of Object.entries(placed)) {
    await tabTo(page, `the menu of ${target}`, onMenu, `target-${target}`);
    await pick(page, label);
  }
  const now = await menuValues(page);
  for (const [target, label] of Object.entries(placed)) assert.equal(now[target], label);
}

test('dragToImage: wrong then right by keyboard alone with a menu per target, the statement a matching', async () => {
  const { context, page, errors } = await open('labels');
  await page.locator('form.item[data-item-id=label-quarters][data-step=answering]').waitFor();
  // Markers at the package's points (140, 240 and 340 of 480; 90 of 120), numbered as the menus are.
  const img = await page.locator('.drop-picture img').boundingBox();
  const centres = await page.locator('.drop-target .drop-number').evaluateAll((ns) => ns.map((n) => {
    const r = n.getBoundingClientRect();
    return [r.left + r.width / 2, r.top + r.height / 2, n.textContent];
  }));
  for (const [i, x] of [140, 240, 340].entries()) {
    assert.ok(Math.abs(centres[i][0] - (img.x + (img.width * x) / 480)) < 2, `marker ${i + 1} x`);
    assert.ok(Math.abs(centres[i][1] - (img.y + (img.height * 90) / 120)) < 2, `marker ${i + 1} y`);
    assert.equal(centres[i][2], String(i + 1));
  }
  assert.equal(await page.locator('.drop-picture img').getAttribute('alt'),
    'A number line from 0 to 1 with three ticks between them, equally spaced.');
  assert.deepEqual(await page.locator('form.item select[data-target]').evaluateAll((ss) => ss.map((s) => s.labels[0].textContent)),
    ['1 the first tick after 0', '2 the middle tick', '3 the last tick before 1']);
  assert.deepEqual(await smallTargets(page), []);
  await audit(page, 'dragToImage, answering');
  // One target left empty is not an answer yet.
  await placeByKeyboard(page, { first: 'quarter', middle: 'third' });
  await tabTo(page, 'Check', onButton('Check'));
  await keys(page, 'Enter');
  await page.locator('.message:not(:empty)').waitFor();
  assert.equal((await idbAll(page, 'outbox')).length, 0);
  await placeByKeyboard(page, { first: 'quarter', middle: 'third', last: 'half' });
  assert.deepEqual(await markerText(page), ['11/4', '21/3', '31/2'], 'each marker shows the label placed on it');
  assert.equal(await submitByKeyboard(page), 'Not quite.');
  const [wrong] = await statements(page, 1);
  assertValidStatement(wrong);
  const definition = wrong.object.definition;
  assert.equal(definition.interactionType, 'matching');
  const words = (d) => Object.values(d)[0];
  assert.deepEqual(definition.source.map((s) => [s.id, words(s.description)]),
    [['first', 'the first tick after 0'], ['middle', 'the middle tick'], ['last', 'the last tick before 1']]);
  assert.deepEqual(definition.target.map((t) => [t.id, words(t.description)]),
    [['quarter', '1/4'], ['half', '1/2'], ['three-quarters', '3/4'], ['third', '1/3']]);
  assert.deepEqual(definition.correctResponsesPattern, ['first[.]quarter[,]middle[.]half[,]last[.]three-quarters']);
  assert.equal(wrong.result.response, 'first[.]quarter[,]last[.]half[,]middle[.]third');
  assert.equal(wrong.result.success, false);
  assert.deepEqual(await page.locator('select[data-target]').evaluateAll((ss) => ss.map((s) => [s.disabled, s.classList.contains('part-right')])),
    [[true, true], [true, false], [true, false]]);
  await audit(page, 'dragToImage, wrong');
  await tryAgainByKeyboard(page);
  await placeByKeyboard(page, RIGHT);
  assert.equal(await submitByKeyboard(page), 'Correct!');
  const right = (await statements(page, 2))[1];
  assert.equal(right.result.response, 'first[.]quarter[,]last[.]three-quarters[,]middle[.]half');
  assert.equal(right.result.success, true);
  await audit(page, 'dragToImage, right');
  assert.deepEqual(errors, []);
  await context.close();
});

// Drags the chip of `label` onto the marker of `target`: by mouse, or by one finger through CDP's touch
// events (which the page sees as pointer events of type touch).
async function drag(page, how, label, target) {
  await page.locator('.drop-picture').scrollIntoViewIfNeeded();
  const chip = await page.locator(`.drag-label[data-label=${label}]`).boundingBox();
  const marker = await page.locator(`.drop-target[data-target=${target}] .drop-number`).boundingBox();
  const from = { x: chip.x + chip.width / 2, y: chip.y + chip.height / 2 };
  const to = { x: marker.x + marker.width / 2 + 4, y: marker.y + marker.height / 2 - 3 };
  if (how === 'pointer') {
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
    await page.mouse.move(to.x, to.y, { steps: 4 });
    await page.mouse.up();
    return;
  }
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, p) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x: p.x, y: p.y }] });
  await touch('touchStart', from);
  for (let i = 1; i <= 6; i += 1) {
    await touch('touchMove', { x: from.x + ((to.x - from.x) * i) / 6, y: from.y + ((to.y - from.y) * i) / 6 });
  }
  // The finger rests on the target before it lifts, as a placing finger does (a lift while moving
  // is a fling, and the browser then takes the next tap as the one that stops it).
  await new Promise((r) => setTimeout(r, 200));
  await touch('touchMove', to);
  await touch('touchEnd', to);
  await cdp.detach();
}

for (const [how, options] of [['pointer', {}], ['touch', TOUCH]]) {
  test(`dragToImage: labels dragged onto the picture by ${how}, wrong then right`, async () => {
    const { context, page, errors } = await open('labels', { context: options });
    const press = (locator) => (how === 'touch' ? locator.tap() : locator.click());
    await page.locator('form.item[data-step=answering]').waitFor();
    await drag(page, how, 'half', 'first');
    assert.deepEqual(await menuValues(page), { first: 'half', middle: '', last: '' }, 'the drop sets the menu');
    assert.equal(await page.locator('.drop-target[data-target=first] .drop-placed').textContent(), '1/2');
    // A drop away from every marker changes nothing.
    const chip = await page.locator('.drag-label[data-label=third]').boundingBox();
    if (how === 'pointer') {
      await page.mouse.move(chip.x + 5, chip.y + 5);
      await page.mouse.down();
      await page.mouse.move(chip.x + 5, chip.y + 60, { steps: 3 });
      await page.mouse.up();
      assert.deepEqual(await menuValues(page), { first: 'half', middle: '', last: '' });
    }
    await drag(page, how, 'quarter', 'middle');
    await drag(page, how, 'three-quarters', 'last');
    assert.deepEqual(await menuValues(page), { first: 'half', middle: 'quarter', last: 'three-quarters' });
    await press(page.getByRole('button', { name: 'Check' }));
    await page.locator('.feedback').waitFor();
    assert.equal(await page.locator('.verdict').textContent(), 'Not quite.');
    await press(page.getByRole('button', { name: 'Try again' }));
    await page.locator('form.item[data-step=answering]').waitFor();
    for (const [target, label] of Object.entries(RIGHT)) await drag(page, how, label, target);
    assert.deepEqual(await menuValues(page), RIGHT);
    await press(page.getByRole('button', { name: 'Check' }));
    await page.locator('.feedback').waitFor();
    assert.equal(await page.locator('.verdict').textContent(), 'Correct!');
    const [wrong, right] = await statements(page, 2);
    assert.equal(wrong.result.response, 'first[.]half[,]last[.]three-quarters[,]middle[.]quarter');
    assert.equal(right.result.success, true);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('dragToImage: a single pointer needs no dragging, a menu is picked by click', async () => {
  const { context, page, errors } = await open('labels');
  await page.locator('form.item[data-step=answering]').waitFor();
  for (const [target, label] of Object.entries(RIGHT)) {
    const menu = page.locator(`select[name=target-${target}]`);
    await menu.click();
    await menu.selectOption(label);
  }
  assert.deepEqual(await markerText(page), ['11/4', '21/2', '33/4']);
  await page.getByRole('button', { name: 'Check' }).click();
  await page.locator('.feedback').waitFor();
  assert.equal(await page.locator('.verdict').textContent(), 'Correct!');
  assert.deepEqual(errors, []);
  await context.close();
});

// Reflow at 320 CSS px and at 200% zoom: nothing scrolls sideways, every control at least 24 px.
for (const [name, options] of [['320 px', { viewport: { width: 320, height: 640 } }], ['200% zoom', { viewport: { width: 683, height: 384 }, deviceScaleFactor: 2 }]]) {
  test(`${name}: the passage and the picture with its menus reflow, with targets of 24 px`, async () => {
    for (const [activity, ready] of [['words', 'button.hottext'], ['labels', '.drop-picture img']]) {
      const { context, page, errors } = await open(activity, { context: options });
      await page.locator(ready).first().waitFor();
      const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
      assert.equal(wide, false, `${activity} at ${name} scrolls sideways`);
      assert.deepEqual(await smallTargets(page), [], `${activity} at ${name}`);
      assert.deepEqual(errors, []);
      await context.close();
    }
  });
}
