// Pacer as a cmi5 AU, end to end: an LMS stand-in launches it, statements go to a real Ralph, and the
// session follows the cmi5 rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { getStatements } from './lib/lrs.mjs';
import { useStack } from './lib/stack.mjs';
import { assertValidStatement } from './lib/validate.mjs';
import { checkOption, moveOn } from './lib/play.mjs';

const SESSION_EXT = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const AU = 'https://pacer.example/au/fractions-practice';
const V = (v) => `http://adlnet.gov/expapi/verbs/${v}`;

const sessions = new Map();
const stack = useStack({ lms: sessions });

function enrol({ launchMode = 'Normal', masteryScore = 0.75 } = {}) {
  const registration = randomUUID();
  const sessionId = randomUUID();
  const actor = { objectType: 'Agent', account: { homePage: 'https://lms.example', name: `student-${registration.slice(0, 8)}` } };
  sessions.set(registration, {
    used: false,
    launchData: {
      contextTemplate: {
        contextActivities: { grouping: [{ objectType: 'Activity', id: 'https://lms.example/publishers/pacer' }] },
        extensions: { [SESSION_EXT]: sessionId },
      },
      launchMode, masteryScore, moveOn: 'CompletedAndPassed', returnURL: `${stack.lms.base}/return`,
    },
  });
  return { registration, sessionId, actor, url: stack.lms.launchUrl(stack.server.origin, { registration, actor, activityId: AU, key: registration }) };
}

async function play(page, answers, { reloadAfter = -1 } = {}) {
  for (const [i, option] of answers.entries()) {
    await checkOption(page, option);
    if (i === reloadAfter) {
      await page.reload();
      await page.locator('.feedback').waitFor();
    }
    await moveOn(page);
  }
  await page.locator('[data-step=finished]').waitFor();
}

async function statementsOf(actor, expected) {
  const agent = JSON.stringify(actor);
  const start = Date.now();
  for (;;) {
    const s = await getStatements(stack.lrs, { agent });
    if (s.length >= expected || Date.now() - start > 20_000) return s;
    await new Promise((r) => setTimeout(r, 250));
  }
}

// 4 right of 5: 0.8. Right, wrong, then three right: the fifth answer reaches mastery, which ends the practice.
const FOUR_OF_FIVE = ['1/4', '1/2', '1/2', 'No', '5'];

test('a Normal launch: initialized first, answered, completed, passed, terminated last, all in the session', async () => {
  const { registration, sessionId, actor, url } = enrol({ masteryScore: 0.75 });
  const page = await stack.browser.newPage();
  await page.goto(url);
  await play(page, FOUR_OF_FIVE, { reloadAfter: 1 });
  await page.getByRole('button', { name: 'Exit' }).click();
  await page.waitForURL(`${stack.lms.base}/return`);
  assert.equal(stack.lms.counts.fetchRefused, 0, 'the one-time token was fetched once, even across a reload');

  const all = await statementsOf(actor, 9);
  const verbs = all.map((s) => s.verb.id);
  const count = (v) => verbs.filter((x) => x === V(v)).length;
  assert.deepEqual([count('initialized'), count('answered'), count('completed'), count('passed'), count('failed'), count('terminated')],
    [1, 5, 1, 1, 0, 1]);
  const ts = (s) => Date.parse(s.timestamp);
  const initialized = all.find((s) => s.verb.id === V('initialized'));
  const terminated = all.find((s) => s.verb.id === V('terminated'));
  for (const s of all) {
    assert.ok(ts(s) >= ts(initialized) && ts(s) <= ts(terminated), `${s.verb.id} inside the session`);
    assert.equal(s.context.registration, registration);
    assert.equal(s.context.extensions[SESSION_EXT], sessionId);
    assert.deepEqual(s.actor.account, actor.account);
    assert.ok(s.context.contextActivities.grouping.some((g) => g.id === 'https://lms.example/publishers/pacer'));
    assertValidStatement(s);
  }
  for (const v of ['initialized', 'completed', 'passed', 'terminated']) {
    const s = all.find((x) => x.verb.id === V(v));
    assert.equal(s.object.id, AU);
    assert.ok(s.context.contextActivities.category.some((c) => c.id === CMI5_CATEGORY), `${v} has the cmi5 category`);
  }
  for (const v of ['completed', 'passed', 'terminated']) {
    assert.match(all.find((x) => x.verb.id === V(v)).result.duration, /^PT/);
  }
  const passed = all.find((s) => s.verb.id === V('passed'));
  assert.equal(passed.result.score.scaled, 0.8);
  assert.equal(passed.context.extensions['https://w3id.org/xapi/cmi5/context/extensions/masteryscore'], 0.75);
  for (const s of all.filter((x) => x.verb.id === V('answered'))) {
    assert.ok(!s.context.contextActivities.category?.some((c) => c.id === CMI5_CATEGORY), 'answered is cmi5 allowed, not defined');
  }
  await page.close();
});

test('below the mastery score: failed; Browse mode: no completion data at all', async () => {
  const low = enrol({ masteryScore: 0.9 });
  let page = await stack.browser.newPage();
  await page.goto(low.url);
  await play(page, FOUR_OF_FIVE);
  await page.getByRole('button', { name: 'Exit' }).click();
  await page.waitForURL(`${stack.lms.base}/return`);
  let verbs = (await statementsOf(low.actor, 9)).map((s) => s.verb.id);
  assert.equal(verbs.filter((v) => v === V('failed')).length, 1);
  assert.equal(verbs.filter((v) => v === V('passed')).length, 0);
  await page.close();

  const browse = enrol({ launchMode: 'Browse' });
  page = await stack.browser.newPage();
  await page.goto(browse.url);
  await play(page, FOUR_OF_FIVE);
  await page.getByRole('button', { name: 'Exit' }).click();
  await page.waitForURL(`${stack.lms.base}/return`);
  verbs = (await statementsOf(browse.actor, 7)).map((s) => s.verb.id).sort();
  assert.deepEqual(verbs, [V('answered'), V('answered'), V('answered'), V('answered'), V('answered'), V('initialized'), V('terminated')].sort());
  await page.close();
});

test('a launch the LMS refuses shows a readable error', async () => {
  const { url } = enrol();
  sessions.get(new URL(url).searchParams.get('registration')).used = true; // the token was already taken
  const page = await stack.browser.newPage();
  await page.goto(url);
  const panel = page.locator('.error-panel');
  await panel.waitFor();
  assert.match(await panel.textContent(), /launch from your LMS could not be completed/);
  assert.match(await panel.textContent(), /already used/);
  await page.close();
});
