// Reflow (WCAG 1.4.10) and target size (2.5.8): at 320 CSS px wide, and at 200% zoom of a 1366x768
// screen (a 683x384 CSS px viewport at device scale factor 2), no screen of the player scrolls sideways,
// and every visible button, input, select, link and summary is at least 24 x 24 CSS px.
//
// Exempt from the size rule, as 2.5.8 allows: a link inside a sentence (an inline <a> whose block holds
// more text than the link). The player has none today; the rule is here so one added later is judged
// the way WCAG judges it. Nothing else is exempt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack } from './lib/stack.mjs';
import { ANSWERS, TYPES, check, finishUnitFractions, routeCourse } from './lib/courses.mjs';

const stack = useStack();

const VIEWPORTS = [
  { name: '320 px', viewport: { width: 320, height: 640 }, deviceScaleFactor: 1 },
  { name: '200% zoom', viewport: { width: 683, height: 384 }, deviceScaleFactor: 2 },
];

// Sideways scrolling and undersized targets on the page as it is now.
export function layoutProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
    const wide = [...document.querySelectorAll('.pacer *')].filter((e) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && (r.right > root.clientWidth + 0.5 || r.left < -0.5) && !e.closest('.visually-hidden, .table-scroll');
    });
    for (const e of wide.slice(0, 5)) problems.push(`sticks out: ${e.tagName.toLowerCase()}.${e.getAttribute('class')} "${e.textContent.trim().slice(0, 25)}"`);
    const inSentence = (a) => {
      if (getComputedStyle(a).display !== 'inline') return false;
      let block = a.parentElement;
      while (block && getComputedStyle(block).display === 'inline') block = block.parentElement;
      return (block?.textContent.trim().length ?? 0) > a.textContent.trim().length;
    };
    for (const e of document.querySelectorAll('button, input:not([type=hidden]), select, a[href], summary')) {
      if (!e.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      const r = e.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (e.tagName === 'A' && inSentence(e)) continue;
      if (r.width < 24 || r.height < 24) {
        problems.push(`target ${e.tagName.toLowerCase()}.${e.className || e.type} "${(e.textContent || e.value || '').trim().slice(0, 25)}": ${r.width.toFixed(1)} x ${r.height.toFixed(1)}`);
      }
    }
    return problems;
  });
}

async function expectFits(page, label) {
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null))));
  assert.deepEqual(await layoutProblems(page), [], label);
}

for (const vp of VIEWPORTS) {
  test(`${vp.name}: the nine interaction types before and after feedback`, async () => {
    const context = await stack.browser.newContext({ viewport: vp.viewport, deviceScaleFactor: vp.deviceScaleFactor });
    await routeCourse(context, { fixture: true });
    const page = await context.newPage();
    for (const type of TYPES) {
      await page.goto(`${stack.server.origin}/?activity=${type}`);
      await page.locator('form.item[data-step=answering]').waitFor();
      await expectFits(page, `${type}, answering`);
      await ANSWERS[type].wrong(page);
      await check(page);
      await expectFits(page, `${type}, feedback`);
    }
    await context.close();
  });

  test(`${vp.name}: hints, worked solution, This device, and the finished screen`, async () => {
    const context = await stack.browser.newContext({ viewport: vp.viewport, deviceScaleFactor: vp.deviceScaleFactor });
    await routeCourse(context);
    const page = await context.newPage();
    await page.goto(`${stack.server.origin}/`);
    await page.locator('form.item[data-step=answering]').waitFor();
    await expectFits(page, 'practice item');
    await page.locator('button.hint-button').click();
    await page.locator('.hints li').waitFor();
    await page.locator('button.solution-button').click();
    await page.locator('.solution').waitFor();
    await expectFits(page, 'hint and solution open');
    await page.locator('.device > summary').click();
    await page.locator('.device .who').waitFor();
    await expectFits(page, 'This device open');
    await page.locator('.device > summary').click();
    await finishUnitFractions(page);
    await page.locator('.progress-map').waitFor();
    await page.locator('.offer details.why > summary').first().click();
    await expectFits(page, 'finished screen');
    await page.goto(`${stack.server.origin}/?activity=unit-fractions-lesson`);
    await page.locator('.lesson-page').waitFor();
    await expectFits(page, 'lesson page');
    await context.close();
  });
}

test('the check can fail: a wide element and a small button are found', async () => {
  const context = await stack.browser.newContext({ viewport: VIEWPORTS[0].viewport });
  await routeCourse(context, { fixture: true });
  const page = await context.newPage();
  await page.goto(`${stack.server.origin}/?activity=single`);
  await page.locator('form.item').waitFor();
  await page.evaluate(() => {
    const wide = document.createElement('div');
    wide.style.inlineSize = '400px';
    wide.textContent = 'A line wider than the screen';
    const small = document.createElement('button');
    small.textContent = 'x';
    small.style.cssText = 'min-inline-size: 0; min-block-size: 0; padding: 0; font-size: 10px';
    document.querySelector('.stage').append(wide, small);
  });
  const problems = await layoutProblems(page);
  assert.ok(problems.some((p) => p.startsWith('scrolls sideways')), problems.join('\n'));
  assert.ok(problems.some((p) => p.startsWith('target button')), problems.join('\n'));
  await context.close();
});
