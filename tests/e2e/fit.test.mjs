// `pacer fit --lrs` against a real Ralph, and the fitted version played in the player.
//
// A learner practises the demo course's number-line skill in the real player (statements to Ralph); a
// simulated class of the same practice sends its answers as the player words them (the package's item IRIs,
// grouped under the package). pacer fit reads them all back through the statements endpoint, following
// `more` from page to page, and writes a fitted copy that validates. The copy is then deployed in place of
// the course: the learner reloads, their stored answers and place are still there, and the engine reads
// them with the fitted values (the numbers on screen and in the next statements are the fitted model's, not
// the old one's).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLrs, lrsFetch } from './lib/lrs.mjs';
import { startServer, repoRoot } from './lib/server.mjs';
import { launchBrowser, idbAll } from './lib/browser.mjs';
import { seededRandom } from './lib/fault-proxy.mjs';

const LEARNERS = 300;
const SKILL = 'fractions-number-line';
const ACTIVITY = 'number-line-practice';
// Answers the learner gives before the fitted version is deployed.
const BEFORE = 4;
const MASTERY = 'https://w3id.org/pacer/xapi/extensions/skill-mastery';
const REASON = 'https://w3id.org/pacer/xapi/extensions/reason';

let dir;
let site;
let server;
let lrs;
let browser;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pacer-fit-'));
  site = path.join(dir, 'site');
  cpSync(path.join(repoRoot, 'dist'), site, { recursive: true });
  server = await startServer(site);
  lrs = await startLrs({ origins: [server.origin] });
  writeFileSync(path.join(site, 'config.json'), JSON.stringify({
    packageUrl: 'course/pkg.json', language: 'en', lrs: { endpoint: lrs.endpoint, auth: lrs.authHeader },
  }));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await lrs?.stop();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// Shared by the two tests, in order: the learner's page, and what the first test saw and wrote.
const learner = {};
let fitted;

async function waitFor(condition, what, timeoutMs = 15_000) {
  const start = Date.now();
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// "I don't know yet" to the item on screen; resolves once its feedback shows.
async function giveUp(page) {
  await page.locator('form.item[data-step=answering] button.dont-know').click();
  await page.locator('form.item[data-step=feedback]').waitFor();
}

async function next(page) {
  await page.locator('form.item[data-step=feedback] button.next').click();
  await page.locator('form.item[data-step=answering]').waitFor();
}

// The learner's attempts in answer order, and the statements the player queued, by id.
async function records(page) {
  const attempts = (await idbAll(page, 'attempts')).sort((a, b) => a.answeredAt - b.answeredAt);
  const statements = new Map((await idbAll(page, 'outbox'))
    .map((row) => JSON.parse(row.statement.json)).map((s) => [s.id, s]));
  return { attempts, statements };
}

const percentOf = (p) => (p * 100).toFixed(0);
const counterPercent = async (page) => (await page.locator('.counter').textContent())
  .match(/Fractions on the number line: about (\d+)% known/)[1];

// P(known) of the skill after `attempts`, read as the engine reads them (docs/engine.md): KT-IDEM with each
// answered item's guess, slip and learn rate; only a first try counts (for a parameterised item, the first
// try at its numbers), and an answer after help counts as wrong. Here every answer is "I don't know yet".
function pKnownAfter(attempts, prior, forget, values) {
  const seen = new Set();
  let known = prior;
  for (const a of attempts) {
    const key = a.values ? `${a.itemId} ${JSON.stringify(a.values)}` : a.itemId;
    if (seen.has(key)) continue;
    seen.add(key);
    const { guess, slip, learn } = values[a.itemId];
    const posterior = known * slip / (known * slip + (1 - known) * (1 - guess));
    known = posterior * (1 - forget) + (1 - posterior) * learn;
  }
  return known;
}

test('pacer fit reads a class and a real learner from the LRS page by page and writes a valid fitted version', async () => {
  // The learner practises under the current version: four answers, the fourth's feedback left on screen.
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.origin}/?activity=${ACTIVITY}`);
  for (let n = 1; n <= BEFORE; n += 1) {
    await giveUp(page);
    if (n < BEFORE) await next(page);
  }
  await waitFor(async () => (await page.locator('.sync').getAttribute('data-pending')) === '0', 'the outbox to drain');
  Object.assign(learner, { context, page, errors, itemOnScreen: await page.locator('form.item').getAttribute('data-item-id') });

  const pkg = JSON.parse(readFileSync(path.join(site, 'course/pkg.json'), 'utf8'));
  const activity = JSON.parse(readFileSync(path.join(site, `course/content/${ACTIVITY}.json`), 'utf8'));
  const random = seededRandom(20);
  const truth = Object.fromEntries(activity.items.map((i) => [i.id, {
    guess: 0.05 + 0.3 * random(), slip: 0.05 + 0.2 * random(), learn: 0.05 + 0.25 * random(),
  }]));
  const iri = (item) => `${pkg.id.replace(/\/$/, '')}/activities/${activity.id}/items/${item}`;
  const statements = [];
  let n = 0;
  for (let l = 0; l < LEARNERS; l += 1) {
    let known = random() < 0.2;
    const order = activity.items.map((i) => i.id).sort(() => random() - 0.5);
    order.forEach((item, k) => {
      const t = truth[item];
      const correct = random() < (known ? 1 - t.slip : t.guess);
      n += 1;
      statements.push({
        id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        actor: { objectType: 'Agent', account: { homePage: 'https://school.example', name: `learner-${l}` } },
        verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } },
        object: { objectType: 'Activity', id: iri(item) },
        result: { success: correct, extensions: { 'https://w3id.org/pacer/xapi/extensions/hints-used': 0 } },
        context: { contextActivities: { grouping: [{ objectType: 'Activity', id: pkg.id }] } },
        timestamp: new Date(Date.UTC(2026, 10, 1) + l * 3_600_000 + k * 60_000).toISOString(),
      });
      if (!known && random() < t.learn) known = true;
    });
  }
  for (let i = 0; i < statements.length; i += 500) {
    const res = await lrsFetch(lrs, 'statements', { method: 'POST', body: JSON.stringify(statements.slice(i, i + 500)) });
    assert.equal(res.status, 200, await res.text());
  }
  const out = path.join(dir, 'fitted');
  const report = path.join(dir, 'report.json');
  const stdout = execFileSync(path.join(repoRoot, 'target/release/pacer'), [
    'fit', path.join(site, 'course'), '-o', out, '--lrs', new URL('statements', lrs.endpoint).href,
    '--authorization', lrs.authHeader, '--report', report,
  ], { encoding: 'utf8' });
  assert.match(stdout, /: valid/);
  const fit = JSON.parse(readFileSync(report, 'utf8'));
  assert.equal(fit.statements, statements.length + BEFORE, 'every page was read (more than one page of 500), the learner\'s too');
  assert.equal(fit.answers, statements.length + BEFORE, 'the player\'s own statements are read as answers');
  const skill = fit.skills.find((s) => s.skillId === SKILL);
  assert.equal(skill.learners, LEARNERS + 1);
  assert.equal(skill.items.length, activity.items.length, 'every item has enough answers for its own values');
  const items = JSON.parse(readFileSync(path.join(out, `content/${ACTIVITY}.json`), 'utf8')).items;
  const errorsAbs = items.flatMap((i) => ['guess', 'slip', 'learn'].map((k) => Math.abs(i[k] - truth[i.id][k])));
  const mae = errorsAbs.reduce((a, b) => a + b, 0) / errorsAbs.length;
  assert.ok(mae < 0.08, `mean absolute error ${mae}`);
  const fittedPkg = JSON.parse(readFileSync(path.join(out, 'pkg.json'), 'utf8'));
  assert.notEqual(fittedPkg.version, pkg.version, 'a new version');
  fitted = { out, pkg: fittedPkg, items: Object.fromEntries(items.map((i) => [i.id, i])), oldVersion: pkg.version };
});

test('the fitted version plays: the learner\'s stored progress is kept and read with the fitted values', async () => {
  assert.ok(fitted && learner.page, 'the first test ran');
  const { page, errors } = learner;
  const before = await records(page);
  assert.equal(before.attempts.length, BEFORE);
  assert.ok(before.attempts.every((a) => !a.outcome.correct && a.packageVersion === fitted.oldVersion));
  const oldShown = await counterPercent(page);
  // What the current version's engine made of the four answers (the fourth statement reports it).
  const last = before.statements.get(before.attempts.at(-1).statementIds[0]);
  const oldKnown = last.result.extensions[MASTERY][SKILL];
  assert.equal(oldShown, percentOf(oldKnown), 'the line on screen is the model\'s number');

  // What the fitted values make of the same answers.
  const bkt = fitted.pkg.skills.find((s) => s.id === SKILL).bkt;
  const forget = bkt.forget ?? 0;
  for (const id of new Set(before.attempts.map((a) => a.itemId))) {
    assert.ok(['guess', 'slip', 'learn'].every((k) => typeof fitted.items[id][k] === 'number'), `${id} has its own values`);
  }
  const fittedKnown = pKnownAfter(before.attempts, bkt.prior, forget, fitted.items);
  assert.ok(Math.abs(fittedKnown - oldKnown) > 0.005, `the fitted values read the answers differently (${oldKnown} -> ${fittedKnown})`);

  // Deploy the fitted version where the old one was; the learner reloads.
  renameSync(path.join(site, 'course'), path.join(dir, 'old-course'));
  cpSync(fitted.out, path.join(site, 'course'), { recursive: true });
  await page.reload();
  await page.locator('form.item').waitFor();

  // Stored progress survives: the same answers, the same place (the fourth item's feedback), the same count.
  const after = await records(page);
  assert.deepEqual(after.attempts, before.attempts, 'the stored answers are untouched');
  assert.equal(await page.locator('form.item').getAttribute('data-item-id'), learner.itemOnScreen);
  assert.equal(await page.locator('form.item').getAttribute('data-step'), 'feedback');
  assert.match(await page.locator('.counter').textContent(), new RegExp(`^${BEFORE} answers so far\\. `));
  // ... and the engine now reads them with the fitted values.
  assert.equal(await counterPercent(page), percentOf(fittedKnown), `the line says the fitted model's ${fittedKnown}, not ${oldKnown}`);

  // The next item is chosen with the fitted values: "Why this question?" and the statement say so.
  await next(page);
  const chosen = await page.locator('form.item').getAttribute('data-item-id');
  const { guess, slip } = fitted.items[chosen];
  const predicted = fittedKnown * (1 - slip) + (1 - fittedKnown) * guess;
  await page.getByText('Why this question?').click();
  const why = await page.locator('.why .reason').textContent();
  assert.match(why, new RegExp(`about a ${percentOf(predicted)}% chance of getting it right`), why);
  assert.match(why, new RegExp(`as far as the player can tell: ${percentOf(fittedKnown)}%`), why);
  await giveUp(page);
  const done = await records(page);
  assert.equal(done.attempts.length, BEFORE + 1);
  const answered = done.attempts.at(-1);
  assert.equal(answered.packageVersion, fitted.pkg.version, 'the new answer is recorded under the fitted version');
  const statement = done.statements.get(answered.statementIds[0]);
  const reason = statement.context.extensions[REASON];
  assert.ok(Math.abs(reason.pKnown - fittedKnown) < 1e-9, `reason P(known) ${reason.pKnown}, fitted ${fittedKnown}`);
  assert.ok(Math.abs(reason.predictedSuccess - predicted) < 1e-9, `predicted ${reason.predictedSuccess}, fitted ${predicted}`);
  const knownNow = pKnownAfter(done.attempts, bkt.prior, forget, fitted.items);
  assert.ok(Math.abs(statement.result.extensions[MASTERY][SKILL] - knownNow) < 1e-9, 'the answer is folded with the fitted values');
  await waitFor(async () => (await page.locator('.sync').getAttribute('data-pending')) === '0', 'the new answer to reach the LRS');
  assert.deepEqual(errors, []);
  await learner.context.close();
});
