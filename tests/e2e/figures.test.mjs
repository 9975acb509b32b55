// Figures drawn from numbers (issue 23): a parameterised item whose stem draws a fraction bar and a number
// line from its drawn values, answered wrong then right by keyboard alone, by pointer and by touch; the
// picture agrees with its text alternative (as many shaded parts as it says), the queued statement
// carries the figures as shown; a lesson page with a circle and a labelled number line, and a lesson item
// whose stem holds an image from the package beside a drawn circle; Spanish text alternatives; and axe
// finds nothing before and after feedback in the light and dark themes and under forced colours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useStack } from './lib/stack.mjs';
import { repoRoot } from './lib/server.mjs';
import { idbAll } from './lib/browser.mjs';
import { assertValidStatement } from './lib/validate.mjs';
import { axeViolations, describeViolations } from './lib/axe.mjs';
import { openFixture, auditModes, queuedStatements, readAloud } from './lib/fixture-course.mjs';

const stack = useStack();
const fixture = path.join(repoRoot, 'tests/e2e/fixtures/figures');

const open = (activity, options) => openFixture(stack, fixture, activity, options);
const audit = auditModes;
const statements = queuedStatements;
const FIGURES = 'https://w3id.org/pacer/xapi/extensions/figures';

// The drawn bar: its text alternative's numbers, and what the SVG really holds.
async function bar(page) {
  const svg = page.locator('form.item svg.figure-drawing.bar');
  assert.equal(await svg.getAttribute('role'), 'img');
  const alt = await svg.getAttribute('aria-label');
  const m = /^A bar cut into (\d+) equal parts, (\d+) shaded\.$/.exec(alt);
  assert.ok(m, `the bar's text alternative: ${alt}`);
  const [n, k] = [Number(m[1]), Number(m[2])];
  assert.equal(await svg.locator('rect.part').count(), n, 'as many parts as the words say');
  assert.equal(await svg.locator('rect.shaded').count(), k, 'as many shaded as the words say');
  const line = await page.locator('form.item svg.figure-drawing.number-line').getAttribute('aria-label');
  const ticks = k === 1 ? '1 tick' : `${k} ticks`;
  assert.equal(line, `A number line from 0 to 1; each whole is cut into ${n} equal parts. The whole numbers are written under their ticks. A is ${ticks} after 0.`);
  assert.equal(await page.locator('form.item svg.number-line .tick').count(), n + 1, 'a tick every 1/n');
  return { n, k };
}

function checkStatement(s, { n, k }, correct, response) {
  assertValidStatement(s);
  assert.equal(s.result.success, correct);
  assert.equal(s.result.response, response);
  assert.equal(s.object.definition.interactionType, 'numeric');
  assert.deepEqual(s.object.definition.extensions[FIGURES], [
    { type: 'fractionModel', shape: 'bar', parts: n, shaded: k },
    { type: 'numberLine', from: 0, to: 1, denominator: n, labels: 'wholes', marks: [{ step: k, label: { zxx: 'A' } }] },
  ]);
}

const keys = async (page, ...seq) => { for (const k of seq) await page.keyboard.press(k); };

async function tabTo(page, what, check) {
  for (let i = 0; i < 30; i += 1) {
    if (await page.evaluate(check)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${what}`);
}

const onButton = (label) => new Function(`return document.activeElement?.tagName === 'BUTTON' && document.activeElement.textContent.trim() === ${JSON.stringify(label)}`);

test('a drawn bar and number line: wrong then right by keyboard alone, the statement carries the figures', async () => {
  const { context, page, errors } = await open('figures');
  await page.locator('form.item[data-item-id=shaded-bar][data-step=answering]').waitFor();
  const drawn = await bar(page);
  await audit(page, 'figures item, answering');
  await tabTo(page, 'the answer box', () => document.activeElement?.name === 'answer');
  await page.keyboard.type('1/100');
  await keys(page, 'Enter');
  await page.locator('.feedback').waitFor();
  assert.equal(await page.locator('.verdict').textContent(), 'Not quite.');
  checkStatement((await statements(page, 1))[0], drawn, false, '1/100');
  await audit(page, 'figures item, wrong');
  await tabTo(page, 'Try again', onButton('Try again'));
  await keys(page, 'Enter');
  await page.locator('form.item[data-step=answering]').waitFor();
  // A new try may draw new values: the picture and its words are read again.
  const again = await bar(page);
  await tabTo(page, 'the answer box', () => document.activeElement?.name === 'answer');
  await page.keyboard.type(`${again.k}/${again.n}`);
  await keys(page, 'Enter');
  await page.locator('.feedback').waitFor();
  assert.equal(await page.locator('.verdict').textContent(), 'Correct!');
  checkStatement((await statements(page, 2))[1], again, true, `${again.k}/${again.n}`);
  await audit(page, 'figures item, right');
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [how, options] of [['pointer', {}], ['touch', { hasTouch: true, isMobile: true, viewport: { width: 360, height: 640 } }]]) {
  test(`a drawn bar: answered right by ${how}`, async () => {
    const { context, page, errors } = await open('figures', { context: options });
    await page.locator('form.item[data-step=answering]').waitFor();
    const drawn = await bar(page);
    const press = (locator) => (how === 'touch' ? locator.tap() : locator.click());
    await press(page.locator('input[name=answer]'));
    await page.keyboard.type(`${drawn.k}/${drawn.n}`);
    await press(page.getByRole('button', { name: 'Check' }));
    await page.locator('.feedback').waitFor();
    assert.equal(await page.locator('.verdict').textContent(), 'Correct!');
    checkStatement((await statements(page, 1))[0], drawn, true, `${drawn.k}/${drawn.n}`);
    const box = await page.locator('form.item svg.figure-drawing.bar').boundingBox();
    const viewport = page.viewportSize();
    assert.ok(box.x >= 0 && box.x + box.width <= viewport.width, `the bar fits the ${viewport.width} px screen: ${JSON.stringify(box)}`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('a lesson draws a circle and a labelled number line, and an item stem holds an image and a drawn circle', async () => {
  const { context, page, errors } = await open('lesson');
  await page.locator('article.lesson-page[data-page-id=models]').waitFor();
  const circle = page.locator('svg.figure-drawing.circle');
  assert.equal(await circle.getAttribute('aria-label'), 'A circle cut into 4 equal parts, 1 shaded.');
  assert.equal(await circle.locator('path.part').count(), 4);
  assert.equal(await circle.locator('path.shaded').count(), 1);
  const line = page.locator('svg.figure-drawing.number-line');
  assert.equal(await line.getAttribute('aria-label'),
    'A number line from 0 to 2; each whole is cut into 4 equal parts. Every tick has its fraction written under it. A is at 3/4.');
  assert.equal(await line.locator('.tick').count(), 9);
  assert.equal(await line.locator('.vinculum').count(), 9, 'a fraction under every tick');
  assert.equal(await line.locator('.point-label').textContent(), 'A');
  await audit(page, 'lesson page with figures');
  // The audit can fail: a drawn figure that lost its words is reported.
  await circle.evaluate((svg) => svg.removeAttribute('aria-label'));
  const ids = (await axeViolations(page)).map((v) => v.id);
  assert.ok(ids.includes('svg-img-alt'), `svg-img-alt expected in ${ids}`);
  await page.reload();
  await page.locator('article.lesson-page[data-page-id=models] svg.circle[aria-label]').waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();
  const item = page.locator('form.item[data-item-id=half-picture][data-step=answering]');
  await item.waitFor();
  const img = item.locator('.stem-blocks img');
  assert.equal(await img.getAttribute('alt'), 'A circle, its right half shaded.');
  await page.waitForFunction(() => document.querySelector('.stem-blocks img')?.complete
    && document.querySelector('.stem-blocks img').naturalWidth > 0);
  assert.equal(await item.locator('.stem-blocks svg.circle path.shaded').count(), 1);
  assert.equal(await item.locator('legend').textContent(), 'What fraction of the circle is shaded?');
  await audit(page, 'lesson item with stem blocks, answering');
  await item.getByLabel('1/2').check();
  await page.getByRole('button', { name: 'Check' }).click();
  await page.locator('.feedback').waitFor();
  assert.equal(await page.locator('.verdict').textContent(), 'Correct!');
  await audit(page, 'lesson item with stem blocks, right');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the text alternatives are in the learner\'s language', async () => {
  const { context, page, errors } = await open('lesson', { config: { language: 'es' } });
  await page.locator('article.lesson-page[data-page-id=models]').waitFor();
  assert.equal(await page.locator('svg.figure-drawing.circle').getAttribute('aria-label'),
    'Un círculo dividido en 4 partes iguales, 1 sombreada.');
  assert.equal(await page.locator('svg.figure-drawing.number-line').getAttribute('aria-label'),
    'Una recta numérica de 0 a 2; cada entero está dividido en 4 partes iguales. Cada marca tiene su fracción escrita debajo. A está en 3/4.');
  assert.deepEqual(errors, []);
  await context.close();
});

// Pictures as options: each picture is its option's label (its alt text the option's name), chosen by
// keyboard (wrong, then right) and by pointer; the statement's choices describe them by their alt text.
async function pictureItem(page) {
  await page.locator('form.item[data-item-id=which-half][data-step=answering]').waitFor();
  const imgs = page.locator('form.item .picture-option img');
  assert.equal(await imgs.count(), 2);
  await page.waitForFunction(() => [...document.querySelectorAll('.picture-option img')].every((i) => i.complete && i.naturalWidth > 0));
  for (const [name] of [['A circle with a third shaded'], ['A circle with a half shaded']]) {
    assert.equal(await page.getByRole('radio', { name }).count(), 1, `a radio named by its picture's alt text: ${name}`);
  }
  const box = await imgs.first().boundingBox();
  assert.ok(box.width >= 24 && box.height >= 24, `a picture target of at least 24 px: ${JSON.stringify(box)}`);
}

test('picture options: wrong then right by keyboard alone', async () => {
  const { context, page, errors } = await open('pictures');
  await pictureItem(page);
  await audit(page, 'picture options, answering');
  await tabTo(page, 'the first option', () => document.activeElement?.type === 'radio');
  await keys(page, 'Space');
  await tabTo(page, 'Check', onButton('Check'));
  await keys(page, 'Enter');
  await page.locator('.feedback').waitFor();
  assert.equal(await page.locator('.verdict').textContent(), 'Not quite.');
  assert.equal(await page.locator('.feedback .detail').textContent(), 'That is one of three equal parts.');
  const [wrong] = await statements(page, 1);
  assertValidStatement(wrong);
  assert.equal(wrong.result.response, 'third');
  assert.equal(wrong.object.definition.interactionType, 'choice');
  assert.deepEqual(wrong.object.definition.choices.map((c) => Object.values(c.description)[0]),
    ['A circle with a third shaded', 'A circle with a half shaded']);
  await audit(page, 'picture options, wrong');
  await tabTo(page, 'Try again', onButton('Try again'));
  await keys(page, 'Enter');
  await pictureItem(page);
  await tabTo(page, 'the first option', () => document.activeElement?.type === 'radio');
  await keys(page, 'ArrowDown');
  await tabTo(page, 'Check', onButton('Check'));
  await keys(page, 'Enter');
  await page.locator('.feedback').waitFor();
  assert.equal(await page.locator('.verdict').textContent(), 'Correct!');
  assert.equal((await statements(page, 2))[1].result.response, 'half');
  await audit(page, 'picture options, right');
  assert.deepEqual(errors, []);
  await context.close();
});

test('picture options: chosen by pointer on the picture', async () => {
  const { context, page, errors } = await open('pictures');
  await pictureItem(page);
  await page.getByRole('img', { name: 'A circle with a half shaded' }).click();
  assert.ok(await page.getByRole('radio', { name: 'A circle with a half shaded' }).isChecked(), 'a click on the picture picks its option');
  await page.getByRole('button', { name: 'Check' }).click();
  await page.locator('.feedback').waitFor();
  assert.equal(await page.locator('.verdict').textContent(), 'Correct!');
  const [s] = await statements(page, 1);
  assert.equal(s.result.response, 'half');
  assert.deepEqual(errors, []);
  await context.close();
});

// numberLine: the point is placed with the slider's arrow keys (the value read out as aria-valuetext) or
// by a click or a tap on the drawn line (the nearest tick); an untouched slider is no answer; the
// statement is a numeric interaction whose response is the point's value.
async function lineItem(page) {
  await page.locator('form.item[data-item-id=place-point][data-step=answering]').waitFor();
  const stem = await page.locator('form.item legend').textContent();
  const m = /^Place (\d+)\/(\d+) on the number line\.$/.exec(stem);
  assert.ok(m, stem);
  const [k, d] = [Number(m[1]), Number(m[2])];
  const slider = page.locator('input[name=point]');
  assert.equal(await slider.getAttribute('type'), 'range');
  assert.equal(await slider.getAttribute('max'), String(2 * d), 'a step per tick from 0 to 2');
  assert.equal(await page.locator('.number-line-answer svg .tick').count(), 2 * d + 1);
  const box = await slider.boundingBox();
  assert.ok(box.height >= 24, `the slider is a target of at least 24 px: ${box.height}`);
  return { k, d, expected: k % d === 0 ? String(k / d) : `${k}/${d}` };
}

const valueText = (page) => page.locator('input[name=point]').getAttribute('aria-valuetext');

test('numberLine: wrong then right by keyboard alone, the value read out at every step', async () => {
  const { context, page, errors } = await open('line');
  const first = await lineItem(page);
  await audit(page, 'number line, answering');
  assert.equal(await valueText(page), 'not placed yet');
  // Check with the point not placed: no attempt.
  await tabTo(page, 'Check', onButton('Check'));
  await keys(page, 'Enter');
  await page.locator('.message:not(:empty)').waitFor();
  assert.equal((await idbAll(page, 'outbox')).length, 0, 'an unplaced point is not an answer');
  await tabTo(page, 'the slider', () => document.activeElement?.name === 'point');
  await keys(page, 'Home');
  assert.equal(await valueText(page), '0', 'Home places the point at the start');
  assert.equal(await page.locator('.number-line-answer circle.placed').getAttribute('visibility'), 'visible');
  await keys(page, 'ArrowRight');
  assert.equal(await valueText(page), `1/${first.d}`);
  await tabTo(page, 'Check', onButton('Check'));
  await keys(page, 'Enter');
  await page.locator('.feedback').waitFor();
  assert.equal(await page.locator('.verdict').textContent(), 'Not quite.');
  const [wrong] = await statements(page, 1);
  assertValidStatement(wrong);
  assert.equal(wrong.object.definition.interactionType, 'numeric');
  assert.equal(wrong.result.response, `1/${first.d}`);
  assert.deepEqual(wrong.object.definition.correctResponsesPattern, [String(first.k / first.d)]);
  assert.equal(await page.locator('input[name=point]').isDisabled(), true, 'the answered point is fixed');
  await audit(page, 'number line, wrong');
  await tabTo(page, 'Try again', onButton('Try again'));
  await keys(page, 'Enter');
  const again = await lineItem(page);
  await tabTo(page, 'the slider', () => document.activeElement?.name === 'point');
  for (let i = 0; i < again.k; i += 1) await keys(page, 'ArrowRight');
  assert.equal(await valueText(page), again.expected);
  assert.equal(await page.locator('.line-value').textContent(), `Your point: ${again.expected}`);
  await tabTo(page, 'Check', onButton('Check'));
  await keys(page, 'Enter');
  await page.locator('.feedback').waitFor();
  assert.equal(await page.locator('.verdict').textContent(), 'Correct!');
  const right = (await statements(page, 2))[1];
  assert.equal(right.result.success, true);
  assert.equal(right.result.response, again.k % again.d === 0 ? String(again.k / again.d) : `${again.k}/${again.d}`);
  await audit(page, 'number line, right');
  assert.deepEqual(errors, []);
  await context.close();
});

// On a right-to-left page the native slider runs from the right (its smallest value there) while the
// drawn line runs from the left: the slider's values are counted from its other end, so the thumb stays
// over the point, an arrow key moves both the way it points, and the value read out is the point's.
test('numberLine on a right-to-left page: the slider and the drawn line run the same way', async () => {
  const { context, page, errors } = await open('line', { config: { language: 'ar' } });
  const first = await lineItem(page);
  assert.equal(await page.locator('#pacer-root').getAttribute('dir'), 'rtl');
  const slider = page.locator('input[name=point]');
  const max = Number(await slider.getAttribute('max'));
  // Where the thumb's centre is on screen: an RTL range puts its largest value at the left end.
  const thumbX = async () => {
    const b = await slider.boundingBox();
    const left = 1 - Number(await slider.inputValue()) / max;
    return b.x + 8 + left * (b.width - 16);
  };
  const pointX = async () => {
    const b = await page.locator('.number-line-answer circle.placed').boundingBox();
    return b.x + b.width / 2;
  };
  const together = async (what) => {
    const [t, p] = [await thumbX(), await pointX()];
    assert.ok(Math.abs(t - p) < 10, `${what}: the thumb (${Math.round(t)}) is over the point (${Math.round(p)})`);
  };
  assert.ok(await thumbX() < (await slider.boundingBox()).x + 20, 'the untouched thumb waits at the left, the line\'s start');
  await slider.focus();
  const xs = [];
  for (let i = 0; i < first.k; i += 1) {
    await keys(page, 'ArrowRight');
    xs.push(await pointX());
    await together(`after ${i + 1} ArrowRight`);
  }
  assert.ok(xs.every((x, i) => i === 0 || x > xs[i - 1]), `ArrowRight moves the point right: ${xs.map(Math.round)}`);
  assert.equal(await valueText(page), first.expected, `${first.k} steps right of 0 is ${first.expected}`);
  await keys(page, 'ArrowLeft');
  await together('after ArrowLeft');
  await keys(page, 'ArrowRight');
  // A click on the line puts the thumb over the clicked tick too.
  const line = await page.locator('.number-line-answer svg').boundingBox();
  await page.mouse.click(line.x + (line.width * (36 + (528 * 1) / max)) / 600, line.y + line.height * 0.45);
  assert.equal(await valueText(page), `1/${first.d}`);
  await together('after a click on the first tick');
  await slider.focus();
  for (let i = 1; i < first.k; i += 1) await keys(page, 'ArrowRight');
  assert.equal(await valueText(page), first.expected);
  await page.getByRole('button', { name: 'Check' }).click();
  await page.locator('.feedback').waitFor();
  assert.equal(await page.locator('.verdict').textContent(), 'Correct!');
  const [s] = await statements(page, 1);
  assert.equal(s.result.response, first.k % first.d === 0 ? String(first.k / first.d) : `${first.k}/${first.d}`);
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [how, options] of [['pointer', {}], ['touch', { hasTouch: true, isMobile: true, viewport: { width: 360, height: 640 } }]]) {
  test(`numberLine: placed by a ${how === 'touch' ? 'tap' : 'click'} on the line, wrong then right`, async () => {
    const { context, page, errors } = await open('line', { context: options });
    const tickAt = async (step, steps) => {
      const box = await page.locator('.number-line-answer svg').boundingBox();
      // The axis runs from 36 to 564 of the drawing's 600 units; the click lands a little off the tick.
      const x = box.x + (box.width * (36 + (528 * step) / steps)) / 600 + 3;
      return { x, y: box.y + box.height * 0.45 };
    };
    const place = async (step, steps) => {
      const { x, y } = await tickAt(step, steps);
      if (how === 'touch') await page.touchscreen.tap(x, y); else await page.mouse.click(x, y);
    };
    const press = (locator) => (how === 'touch' ? locator.tap() : locator.click());
    const first = await lineItem(page);
    await place(first.k + 1, 2 * first.d);
    await press(page.getByRole('button', { name: 'Check' }));
    await page.locator('.feedback').waitFor();
    assert.equal(await page.locator('.verdict').textContent(), 'Not quite.');
    await press(page.getByRole('button', { name: 'Try again' }));
    const again = await lineItem(page);
    await place(again.k, 2 * again.d);
    assert.equal(await valueText(page), again.expected);
    await press(page.getByRole('button', { name: 'Check' }));
    await page.locator('.feedback').waitFor();
    assert.equal(await page.locator('.verdict').textContent(), 'Correct!');
    const [, s] = await statements(page, 2);
    assert.equal(s.result.success, true);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

// Reflow (1.4.10) and target size (2.5.8) for the new screens: at 320 CSS px and at 200% zoom of a
// 1366x768 screen, nothing scrolls sideways and every control is at least 24 x 24 px.
for (const [name, options] of [['320 px', { viewport: { width: 320, height: 640 } }], ['200% zoom', { viewport: { width: 683, height: 384 }, deviceScaleFactor: 2 }]]) {
  test(`${name}: the figures, picture options and the number line reflow, with targets of 24 px`, async () => {
    for (const [activity, ready] of [['figures', 'form.item svg.bar'], ['pictures', '.picture-option img'], ['line', 'input[name=point]'], ['lesson', 'svg.circle']]) {
      const { context, page, errors } = await open(activity, { context: options });
      await page.locator(ready).first().waitFor();
      const found = await page.evaluate(() => {
        const wide = document.documentElement.scrollWidth > document.documentElement.clientWidth;
        const small = [...document.querySelectorAll('button, input, select, summary, a')]
          .filter((e) => e.offsetParent !== null)
          .map((e) => [e.tagName, e.name || e.textContent.trim(), e.getBoundingClientRect()])
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

test('Read aloud says the stem, then what the figures show', async () => {
  const { context, page, errors } = await open('figures');
  await page.locator('form.item[data-step=answering]').waitFor();
  const { n, k } = await bar(page);
  const spoken = await readAloud(page);
  const ticks = k === 1 ? '1 tick' : `${k} ticks`;
  assert.deepEqual(spoken, [
    `What fraction of the bar is shaded?. A bar cut into ${n} equal parts, ${k} shaded. A number line from 0 to 1; each whole is cut into ${n} equal parts. The whole numbers are written under their ticks. A is ${ticks} after 0`,
  ]);
  assert.deepEqual(errors, []);
  await context.close();
});
