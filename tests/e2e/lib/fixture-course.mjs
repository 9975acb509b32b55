// A test package from tests/e2e/fixtures/ served in place of the demo course, and the checks the tests of
// the player's drawn figures and visual interactions share: axe in light, dark and forced colours, and the
// statements queued in the outbox.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { idbAll } from './browser.mjs';
import { axeViolations, describeViolations } from './axe.mjs';
import { settle } from './courses.mjs';

export const MODES = [
  { name: 'light', media: { colorScheme: 'light', forcedColors: 'none' } },
  { name: 'dark', media: { colorScheme: 'dark', forcedColors: 'none' } },
  { name: 'forced colours', media: { colorScheme: 'light', forcedColors: 'active' } },
];

/** A phone: touch, 360 by 640. */
export const TOUCH = { hasTouch: true, isMobile: true, viewport: { width: 360, height: 640 } };

/**
 * Makes the package in `fixture` (a folder) the player's package in `context`: served under `fixture/`
 * of the player's origin, with `config` added to the embedding config.
 */
export async function routeFixture(context, fixture, config = {}) {
  await context.route('**/config.json', (route) => route.fulfill({ json: { packageUrl: 'fixture/pkg.json', ...config } }));
  await context.route('**/fixture/**', (route) => {
    const rel = new URL(route.request().url()).pathname.replace(/^.*\/fixture\//, '');
    const file = path.join(fixture, rel);
    if (!existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    const contentType = file.endsWith('.svg') ? 'image/svg+xml' : 'application/json';
    return route.fulfill({ contentType, body: readFileSync(file) });
  });
}

/**
 * Opens `activity` of the package in `fixture` (a folder) in a new context of `stack`'s browser, the
 * package served under `fixture/` of the player's origin. Page errors are collected in `errors`.
 */
export async function openFixture(stack, fixture, activity, { config = {}, context: options = {}, locale } = {}) {
  const context = await stack.browser.newContext({ ...options, ...(locale ? { locale } : {}) });
  await routeFixture(context, fixture, config);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${stack.server.origin}/?activity=${activity}`);
  return { context, page, errors };
}

/** axe finds nothing on `page` in every mode (or the given ones); fails with every violation listed. */
export async function auditModes(page, label, modes = MODES) {
  const failures = [];
  for (const mode of modes) {
    await page.emulateMedia(mode.media);
    await settle(page);
    const violations = await axeViolations(page);
    if (violations.length) failures.push(`${label} (${mode.name}):\n${describeViolations(violations)}`);
  }
  await page.emulateMedia(MODES[0].media);
  assert.equal(failures.length, 0, `axe found violations:\n${failures.join('\n')}`);
}

/** The first `count` statements queued in the outbox, in the order they were queued (waits up to 5 s). */
export async function queuedStatements(page, count) {
  for (let i = 0; i < 50; i += 1) {
    const rows = await idbAll(page, 'outbox');
    if (rows.length >= count) {
      return rows.sort((a, b) => a.queuedAt - b.queuedAt || a.order - b.order).map((r) => JSON.parse(r.statement.json));
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected ${count} statements in the outbox`);
}

/** Presses Read aloud (in English or Spanish) with the speech synthesis spied on; what it said, in order. */
export async function readAloud(page) {
  await page.evaluate(() => { window.__spoken = []; window.speechSynthesis.speak = (u) => window.__spoken.push(u.text); });
  await page.getByRole('button', { name: /^(Read aloud|Leer en voz alta)$/ }).click();
  return page.evaluate(() => window.__spoken);
}
