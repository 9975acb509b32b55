// The embedding config's "theme": a themed player shows the theme's colours, takes its dark keys when the
// page turns dark (no reload), keeps the system's colours under forced colours, passes axe, and sets
// everything through CSSOM, so a host page with a strict Content-Security-Policy sees no violation. A bad
// theme (an injection attempt, too little contrast) leaves the default look, is reported as a pacer:error
// naming the key, and the course plays as usual.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { useStack } from './lib/stack.mjs';
import { startStrictHost } from './lib/strict-host.mjs';
import { axeViolations, describeViolations } from './lib/axe.mjs';
import { weakBoundaries, weakFocus } from './lib/contrast.mjs';
import { check, routeCourse, settle } from './lib/courses.mjs';
import { checkOption } from './lib/play.mjs';

const stack = useStack();

// Meets WCAG AA in both schemes (src/theme.rs checks the same theme).
const THEME = {
  bg: '#fdfcfa', fg: '#202020', surface: '#f1efe9', accent: '#7b2d8e', accentFg: '#ffffff', radius: '0.25rem',
  dark: { bg: '#101010', fg: '#f0f0f0', surface: '#1c1c1c', accent: '#d9a6ec', accentFg: '#101010' },
};
// The stylesheet's own accent and page colour, light and dark (www/style.css).
const DEFAULT = { light: { accent: '#0b5cad', bg: '#ffffff' }, dark: { accent: '#7ab8ff', bg: '#14171b' } };

const rgb = (hex) => {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
};

// The colours the learner sees: the primary button's fill (Check, Next), the player element's background,
// the button's corner radius.
function look(page, root = '#pacer-root') {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    const button = el.querySelector('button.primary');
    return {
      accent: getComputedStyle(button).backgroundColor,
      bg: getComputedStyle(el).backgroundColor,
      radius: getComputedStyle(button).borderTopLeftRadius,
    };
  }, root);
}

// Waits (the button's colour fades for 120 ms) until the player shows `accent` and `bg`.
async function waitForLook(page, { accent, bg }, root = '#pacer-root') {
  const shown = await page.waitForFunction(([sel, a, b]) => {
    const el = document.querySelector(sel);
    const button = el?.querySelector('button.primary');
    return button && getComputedStyle(button).backgroundColor === a && getComputedStyle(el).backgroundColor === b;
  }, [root, rgb(accent), rgb(bg)], { timeout: 5000 }).then(() => true, () => false);
  if (!shown) assert.fail(`expected accent ${rgb(accent)} on ${rgb(bg)}, saw ${JSON.stringify(await look(page, root))}`);
}

// The player on the demo course with `config` merged into config.json; every pacer:* event and console
// warning is recorded.
async function player(config = {}, media = { colorScheme: 'light' }) {
  const context = await stack.browser.newContext();
  await routeCourse(context, { config });
  const page = await context.newPage();
  await page.emulateMedia(media);
  await page.addInitScript(() => {
    window.seen = [];
    for (const name of ['pacer:ready', 'pacer:attempt', 'pacer:error']) {
      document.addEventListener(name, (e) => window.seen.push({ type: e.type, detail: e.detail }));
    }
  });
  const errors = [];
  const warnings = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto(`${stack.server.origin}/`);
  await page.locator('form.item[data-step=answering]').waitFor();
  return { context, page, errors, warnings };
}

test('a themed player shows its colours and takes its dark keys when the page turns dark, without a reload', async () => {
  const { context, page, errors } = await player({ theme: THEME });
  await waitForLook(page, THEME);
  assert.equal((await look(page)).radius, '4px', 'radius 0.25rem');
  await page.evaluate(() => { window.notReloaded = true; });

  await page.emulateMedia({ colorScheme: 'dark' });
  await waitForLook(page, THEME.dark);
  assert.equal((await look(page)).radius, '4px', 'the top-level radius holds in the dark scheme');
  await page.emulateMedia({ colorScheme: 'light' });
  await waitForLook(page, THEME);
  assert.equal(await page.evaluate(() => window.notReloaded), true);

  // A theme without dark keys leaves the stylesheet's dark colours to the dark scheme.
  const plain = await player({ theme: { radius: '2px' } }, { colorScheme: 'dark' });
  await waitForLook(plain.page, DEFAULT.dark);
  assert.equal((await look(plain.page)).radius, '2px');
  await plain.context.close();

  assert.deepEqual(await page.evaluate(() => window.seen.filter((e) => e.type === 'pacer:error')), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('under forced colours the system colours win over the theme', async () => {
  const forced = { colorScheme: 'light', forcedColors: 'active' };
  const themed = await player({ theme: THEME }, forced);
  const plain = await player({}, forced);
  await settle(themed.page);
  await settle(plain.page);
  const [a, b] = [await look(themed.page), await look(plain.page)];
  assert.equal(a.accent, b.accent, 'the button is drawn in the system colour');
  assert.equal(a.bg, b.bg, 'the page in Canvas');
  assert.notEqual(a.accent, rgb(THEME.accent));
  await themed.context.close();
  await plain.context.close();
});

test('axe finds no violation with the theme, light, dark and forced, answering and after feedback', async () => {
  const { context, page } = await player({ theme: THEME });
  const modes = [
    { name: 'light', media: { colorScheme: 'light', forcedColors: 'none' }, colours: THEME },
    { name: 'dark', media: { colorScheme: 'dark', forcedColors: 'none' }, colours: THEME.dark },
    // Coming from dark: the theme's light values must be back on the element (its scheme listener has
    // run) before axe looks, or it can catch the dark text colour against the forced white page.
    { name: 'forced colours', media: { colorScheme: 'light', forcedColors: 'active' }, properties: { '--pacer-fg': THEME.fg } },
  ];
  const failures = [];
  for (const screen of ['answering', 'feedback']) {
    if (screen === 'feedback') {
      await page.getByLabel('1/3', { exact: true }).check();
      await check(page);
    }
    for (const mode of modes) {
      await page.emulateMedia(mode.media);
      if (mode.colours) await waitForLook(page, mode.colours);
      for (const [name, value] of Object.entries(mode.properties ?? {})) {
        await page.waitForFunction(([n, v]) => document.querySelector('#pacer-root').style.getPropertyValue(n) === v,
          [name, value], { timeout: 5000 });
      }
      await settle(page);
      const violations = await axeViolations(page);
      if (violations.length) failures.push(`${screen} (${mode.name}):\n${describeViolations(violations)}`);
      if (mode.colours) {
        assert.deepEqual(await weakBoundaries(page), [], `${screen} (${mode.name}): control boundaries`);
        const { problems, stops } = await weakFocus(page);
        assert.ok(stops >= 2, `${screen} (${mode.name}): Tab reached ${stops} elements`);
        assert.deepEqual(problems, [], `${screen} (${mode.name}): focus not visible enough`);
      }
    }
  }
  assert.equal(failures.length, 0, `axe found violations:\n${failures.join('\n')}`);
  await context.close();
});

for (const { name, theme, key, says } of [
  { name: 'an injection attempt', theme: { accent: 'red; background:url(x)' }, key: 'theme.accent', says: /"red; background:url\(x\)" is not a colour/ },
  { name: 'a var() in the dark keys', theme: { dark: { accent: 'var(--pacer-fg)' } }, key: 'theme.dark.accent', says: /is not a colour/ },
  { name: 'an unknown key', theme: { accent: '#0b5cad', fontFamily: 'Comic Sans' }, key: 'theme.fontFamily', says: /unknown key/ },
  { name: 'too little contrast', theme: { dark: { fg: '#777777' } }, key: 'fg', says: /in the dark scheme, fg #777777 on bg #14171b is 4\.0:1, below 4\.5:1/ },
]) {
  test(`a bad theme (${name}) leaves the default look, is reported naming ${key}, and the course plays`, async () => {
    const { context, page, errors, warnings } = await player({ theme });
    await waitForLook(page, DEFAULT.light);
    assert.equal(await page.evaluate(() => document.querySelector('#pacer-root').style.length), 0, 'nothing set on the element');
    const reported = await page.evaluate(() => window.seen.filter((e) => e.type === 'pacer:error').map((e) => e.detail));
    assert.equal(reported.length, 1, JSON.stringify(reported));
    assert.equal(reported[0].config, 'theme');
    assert.match(reported[0].message, /theme .* was not applied/);
    assert.ok(reported[0].details.some((d) => d.includes(key) && says.test(d)), JSON.stringify(reported[0].details));
    assert.ok(warnings.some((w) => w.includes('the theme was not applied') && w.includes(key)), `console: ${warnings}`);

    await page.emulateMedia({ colorScheme: 'dark' });
    await waitForLook(page, DEFAULT.dark);
    await page.emulateMedia({ colorScheme: 'light' });
    await checkOption(page, '1/4');
    assert.equal(await page.locator('.verdict').textContent(), 'Correct!');
    const types = await page.evaluate(() => window.seen.map((e) => e.type));
    assert.ok(types.includes('pacer:ready') && types.includes('pacer:attempt'), types.join(' '));
    assert.deepEqual(errors, []);
    await context.close();
  });
}

// An LMS operator's page on another origin, with a strict policy, theming <pacer-player> through its
// config attribute; served by its own `pacer serve`.
let host;

async function startHost() {
  host = await startStrictHost({
    playerOrigin: stack.server.origin,
    element: `config='${JSON.stringify({ dbName: 'themed', theme: THEME })}'`,
    events: ['pacer:ready', 'pacer:error'],
    styleSelf: true,
  });
}

after(async () => {
  await host?.stop();
});

test('<pacer-player config> with a theme, under a strict CSP: themed through CSSOM, no violation', async () => {
  await startHost();
  const context = await stack.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  const blocked = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) blocked.push(m.text()); });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`${host.origin}/`);
  await page.locator('pacer-player form.item[data-step=answering]').waitFor();
  await page.waitForFunction(() => window.seen.some((e) => e.type === 'pacer:ready'));
  await waitForLook(page, THEME, 'pacer-player');
  const inline = await page.evaluate(() => document.querySelector('pacer-player').style.getPropertyValue('--pacer-accent'));
  assert.equal(inline.trim(), THEME.accent);
  await page.emulateMedia({ colorScheme: 'dark' });
  await waitForLook(page, THEME.dark, 'pacer-player');
  await checkOption(page, '1/4');
  assert.deepEqual(await page.evaluate(() => window.seen.filter((e) => e.type === 'pacer:error')), []);
  assert.deepEqual(await page.evaluate(() => window.violations), [], 'no CSP violation');
  assert.deepEqual(blocked, []);
  assert.deepEqual(errors, []);
  await context.close();
});
