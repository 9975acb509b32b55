// Languages: every word of the player comes from a message catalog (the pseudo-locale finds any that does
// not, and any layout that clips longer words), Spanish is complete, the language comes from the config,
// then the LMS's cmi5 learner preferences, then the browser, and the learner can switch at any time
// without losing the answer in progress.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { repoRoot } from './lib/server.mjs';
import { useStack } from './lib/stack.mjs';

const sessions = new Map();
const stack = useStack({ lms: sessions });

// Every string of the demo course's files: what the author wrote, not the player.
function authorStrings() {
  const out = new Set();
  const walk = (v) => {
    if (typeof v === 'string') out.add(v.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim());
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(JSON.parse(readFileSync(path.join(repoRoot, 'pkg.json'), 'utf8')));
  for (const f of readdirSync(path.join(repoRoot, 'content'))) {
    if (f.endsWith('.json')) walk(JSON.parse(readFileSync(path.join(repoRoot, 'content', f), 'utf8')));
  }
  return [...out];
}
const AUTHOR = authorStrings();

async function open(config, contextOptions = {}, query = '') {
  const context = await stack.browser.newContext(contextOptions);
  await context.route('**/config.json', (route) => route.fulfill({ json: { packageUrl: 'course/pkg.json', ...config } }));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${stack.server.origin}/${query}`);
  await page.locator('#pacer-root main').waitFor();
  return { context, page, errors };
}

// The text nodes under the player that are neither pseudo-localised, nor the author's, nor only digits
// and signs, nor a language's own name in the language menu.
async function unmarked(page) {
  const nodes = await page.evaluate(() => {
    const root = document.getElementById('pacer-root');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const found = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent.replace(/\s+/g, ' ').trim();
      if (!text) continue;
      const parent = n.parentElement;
      if (parent.closest('option[lang]')) continue;
      if (parent.closest('svg') && parent.closest('.progress-map')) {
        // The map's labels are skill titles (the author's) or our words; checked like the rest.
      }
      found.push(text);
    }
    return found;
  });
  // Marks such as ✓ before a title are signs, not words.
  return nodes.map((text) => text.replace(/^[✓✔•·–—]\s*/, '')).filter((text) => !text.includes('⟦')
    && !/^[\d\s.,:;/%()+\-–—=·•|?!…×]+$/.test(text)
    && !AUTHOR.some((a) => a.includes(text)));
}

// Elements whose text is cut off: wider content than box, with the overflow hidden.
async function clipped(page) {
  return page.evaluate(() => [...document.querySelectorAll('#pacer-root *')].filter((e) => {
    const style = getComputedStyle(e);
    if (!['hidden', 'clip'].includes(style.overflowX) || e.classList.contains('visually-hidden')) return false;
    return e.scrollWidth > e.clientWidth + 1;
  }).map((e) => e.outerHTML.slice(0, 120)));
}

const RIGHT = { 'uf-pizza-quarters': '1/4', 'uf-name-one-third': '1/3', 'uf-larger-unit': '1/2', 'uf-equal-parts': 'No', 'uf-whole-from-unit': '5' };

test('pseudo-locale: no word of the player skips the catalog, on any screen, and nothing is clipped', async () => {
  const { context, page, errors } = await open({ language: 'qps-ploc' }, { viewport: { width: 1366, height: 768 } });
  await page.locator('form.item[data-step=answering]').waitFor();
  await page.locator('details.device summary').click();
  await page.locator('.storage:not(:empty)').waitFor();
  const screens = {};
  screens.item = await unmarked(page);
  // Wrong first, with a hint, then right: feedback, hint, retry and next in the pseudo-locale.
  const pseudoCheck = page.locator('button.check');
  // The first answer, after a hint, counts as not known; three more right reach mastery, which ends it.
  for (let i = 0; i < 4; i += 1) {
    const form = page.locator('form.item[data-step=answering]');
    await form.waitFor();
    const id = await form.getAttribute('data-item-id');
    if (i === 0 && await page.locator('button.hint-button').count()) {
      await page.locator('button.hint-button').first().click();
      await page.locator('.hints li').first().waitFor();
      screens.hint = await unmarked(page);
    }
    await page.getByLabel(RIGHT[id], { exact: true }).check();
    await pseudoCheck.click();
    await page.locator('.feedback').waitFor();
    if (i === 0) screens.feedback = await unmarked(page);
    await page.locator('button.next').click();
  }
  await page.locator('[data-step=finished]').waitFor();
  screens.finished = await unmarked(page);
  for (const [screen, words] of Object.entries(screens)) {
    assert.deepEqual(words, [], `text outside the catalog on the ${screen} screen`);
  }
  assert.deepEqual(await clipped(page), [], 'longer words are not cut off');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling (${overflow}px)`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Spanish: the player speaks Spanish throughout, and the learner switches language keeping the answer', async () => {
  const { context, page, errors } = await open({ language: 'es' });
  await page.locator('form.item[data-step=answering]').waitFor();
  assert.equal(await page.locator('#pacer-root').getAttribute('lang'), 'es');
  assert.equal(await page.locator('button.check').textContent(), 'Comprobar');
  assert.equal(await page.locator('details.device summary').textContent(), 'Este dispositivo');
  assert.match(await page.locator('.sync').textContent(), /^Todo tu trabajo/);
  // Pick an answer, then switch to English from the menu: the choice stays, every label changes.
  await page.getByLabel('1/4', { exact: true }).check();
  await page.getByLabel('Idioma').selectOption('en');
  await page.locator('button.check:text-is("Check")').waitFor();
  assert.equal(await page.getByLabel('1/4', { exact: true }).isChecked(), true, 'the answer in progress is kept');
  assert.equal(await page.locator('details.device summary').textContent(), 'This device');
  assert.match(await page.locator('.sync').textContent(), /^All your work/);
  assert.equal(await page.locator('#pacer-root').getAttribute('lang'), 'en');
  // Without a language in the config, the learner's choice is kept for the next visit.
  await context.close();
  assert.deepEqual(errors, []);
});

test('the language comes from the config, then the browser, and a learner\'s own choice is remembered', async () => {
  const browserEs = await open({}, { locale: 'es-ES' });
  await browserEs.page.locator('button.check:text-is("Comprobar")').waitFor();
  assert.equal(await browserEs.page.locator('#pacer-root').getAttribute('lang'), 'es-ES');
  assert.match(await browserEs.page.locator('legend').textContent(), /^Una pizza se corta/,
    'es-ES finds the package\'s Spanish content');
  // The learner picks English; a reload keeps it although the browser prefers Spanish.
  await browserEs.page.getByLabel('Idioma').selectOption('en');
  await browserEs.page.locator('button.check:text-is("Check")').waitFor();
  await browserEs.page.waitForTimeout(200);
  await browserEs.page.reload();
  await browserEs.page.locator('button.check:text-is("Check")').waitFor();
  await browserEs.context.close();

  const configWins = await open({ language: 'en' }, { locale: 'es-ES' });
  await configWins.page.locator('button.check:text-is("Check")').waitFor();
  await configWins.context.close();

  const unknown = await open({}, { locale: 'fr-FR' });
  await unknown.page.locator('button.check:text-is("Check")').waitFor();
  assert.equal(await unknown.page.locator('#pacer-root').getAttribute('lang'), 'en', "French: the package's language");
  await unknown.context.close();
});

test('a cmi5 launch takes the learner\'s languagePreference from the LMS over the browser\'s', async () => {
  const registration = randomUUID();
  const actor = { objectType: 'Agent', account: { homePage: 'https://lms.example', name: `s-${registration.slice(0, 8)}` } };
  sessions.set(registration, {
    used: false,
    actor,
    preferences: { languagePreference: 'fr-FR,es-MX', audioPreference: 'on' },
    launchData: {
      contextTemplate: { extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': randomUUID() } },
      launchMode: 'Normal', moveOn: 'Completed',
    },
  });
  const url = stack.lms.launchUrl(stack.server.origin, { registration, actor, activityId: 'https://pacer.example/au/x', key: registration });
  const context = await stack.browser.newContext({ locale: 'en-US' });
  await context.route('**/config.json', (route) => route.fulfill({ json: { packageUrl: 'course/pkg.json' } }));
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('button.check:text-is("Comprobar")').waitFor();
  assert.equal(await page.locator('#pacer-root').getAttribute('lang'), 'es-MX', 'French skipped: nothing speaks it');
  assert.match(await page.locator('legend').textContent(), /^Una pizza se corta/);
  assert.ok(stack.lms.counts.preferences >= 1);
  await context.close();
});
