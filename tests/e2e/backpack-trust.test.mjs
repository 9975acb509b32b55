// The data backpack is untrusted input: a record of another learner is refused, a forged one (another
// actor, another package, an edited answer, statements rewritten in a teacher's name) is re-attributed
// record by record, and afterwards the LRS holds nothing in another learner's name. Signed exports carry
// an HMAC with the operator's key that an LMS can check, and an edited signed file is refused whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getStatements } from './lib/lrs.mjs';
import { useStack } from './lib/stack.mjs';
import { idbAll } from './lib/browser.mjs';
import { answerAndNext } from './lib/play.mjs';

const stack = useStack({ lrs: true });
const KEY = 'operator-secret-for-tests';
const PREFIX = '{"signature":{"alg":"HMAC-SHA256","value":"';
const dir = mkdtempSync(path.join(tmpdir(), 'pacer-backpack-'));

const actor = (name) => ({ objectType: 'Agent', account: { homePage: 'https://school.example', name } });

async function player(name) {
  const context = await stack.browser.newContext({ acceptDownloads: true });
  const config = {
    packageUrl: 'course/pkg.json', actor: actor(name), recordKey: KEY,
    lrs: { endpoint: stack.lrs.endpoint, auth: stack.lrs.authHeader },
  };
  await context.route('**/config.json', (route) => route.fulfill({ json: config }));
  const page = await context.newPage();
  await page.goto(`${stack.server.origin}/`);
  await page.locator('form.item').waitFor();
  return { context, page };
}

async function inLrs(name) {
  return getStatements(stack.lrs, { agent: JSON.stringify(actor(name)) });
}

async function drained(page) {
  await page.locator('.sync[data-pending="0"]').waitFor({ timeout: 20_000 });
}

async function importFile(page, name, text) {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  if (!(await page.locator('details.device').evaluate((d) => d.open))) {
    await page.getByText('This device', { exact: true }).click();
  }
  await page.setInputFiles('.import input[type=file]', file);
  await page.locator('.device-message[data-refused]').waitFor({ state: 'attached' });
  return page.locator('.device-message');
}

test('a forged backpack writes nothing in another learner\'s name', async () => {
  const ana = await player('ana');
  await answerAndNext(ana.page, '1/4');
  await answerAndNext(ana.page, '1/2');
  await drained(ana.page);
  await ana.page.getByText('This device', { exact: true }).click();
  const downloading = ana.page.waitForEvent('download');
  await ana.page.getByRole('button', { name: 'Download my record' }).click();
  const signedText = readFileSync(await (await downloading).path(), 'utf8');

  // The export is signed: an LMS with the key can tell it is unaltered.
  assert.ok(signedText.startsWith(PREFIX));
  const mac = signedText.slice(PREFIX.length, PREFIX.length + 64);
  const unsigned = `{${signedText.slice(PREFIX.length + 64 + '"},'.length)}`;
  assert.equal(createHmac('sha256', KEY).update(unsigned).digest('hex'), mac);
  const record = JSON.parse(signedText);
  assert.equal(record.version, 2);
  assert.deepEqual(record.actor, actor('ana'));
  assert.equal(record.attempts.length, 2);
  const anaIds = new Set((await inLrs('ana')).map((s) => s.id));
  assert.equal(anaIds.size, 2);

  const ben = await player('ben');
  // Ana's own file: another learner's record, refused whole.
  let message = await importFile(ben.page, 'ana.json', signedText);
  assert.match(await message.textContent(), /This record belongs to another learner \(ana on https:\/\/school\.example\); nothing was added/);
  assert.equal(await message.getAttribute('data-refused'), 'all');
  assert.equal((await idbAll(ben.page, 'attempts')).length, 0);

  // A signed file edited after the export: refused whole.
  const edited = signedText.replace('"name": "ana"', '"name": "ben"');
  assert.notEqual(edited, signedText);
  const tampered = path.join(dir, 'tampered.json');
  writeFileSync(tampered, edited);
  await ben.page.setInputFiles('.import input[type=file]', tampered);
  await ben.page.getByText(/changed after it was exported/).waitFor();
  assert.equal((await idbAll(ben.page, 'attempts')).length, 0);

  // The forgery, unsigned: it claims to be Ben's, smuggles in another learner's and another package's
  // answers, turns Ana's wrong answer right, and rewrites every statement in a teacher's name.
  const forged = structuredClone(record);
  delete forged.signature;
  forged.actor = actor('ben');
  const right = forged.attempts.find((a) => a.outcome.correct);
  const wrong = forged.attempts.find((a) => !a.outcome.correct);
  assert.ok(right && wrong, 'Ana answered one item right and one wrong');
  wrong.outcome.correct = true;
  wrong.outcome.score = 1;
  forged.attempts.push({ ...right, id: 'x-other-learner', learnerId: 'someone-else' });
  forged.attempts.push({ ...right, id: 'x-other-package', packageId: 'https://evil.example/pkg' });
  for (const row of forged.outbox) {
    row.statement.json = row.statement.json.replaceAll('"ana"', '"teacher"');
    row.state = 'pending';
    delete row.at;
  }
  forged.statements = forged.statements.map((s) => ({ ...s, actor: actor('teacher') }));
  await ben.page.evaluate(() => document.querySelector('.device-message').removeAttribute('data-refused'));
  const reloaded = ben.page.waitForEvent('load');
  message = await importFile(ben.page, 'forged.json', JSON.stringify(forged));
  const said = await message.textContent();
  assert.match(said, /Added 1 answers and 1 records/);
  assert.match(said, /Refused 3 records .*: 1 of another learner, 1 of another course, 0 of items this course does not have, 1 changed since they were made/);
  assert.equal(await message.getAttribute('data-refused'), '3');
  await reloaded;
  await ben.page.locator('form.item').waitFor();
  const attempts = await idbAll(ben.page, 'attempts');
  assert.equal(attempts.length, 1);
  assert.equal(attempts[0].learnerId, 'https://school.example|ben');
  assert.equal(attempts[0].itemId, right.itemId);
  await drained(ben.page);

  // Ralph: nothing in the teacher's name, nothing new in Ana's, and Ben's one statement is Ben's, built
  // here (a new id, not one from the file).
  assert.deepEqual(await inLrs('teacher'), []);
  assert.deepEqual(new Set((await inLrs('ana')).map((s) => s.id)), anaIds);
  const bens = await inLrs('ben');
  assert.equal(bens.length, 1);
  assert.deepEqual(bens[0].actor.account, actor('ben').account);
  assert.ok(!anaIds.has(bens[0].id));
  assert.ok(!forged.outbox.some((r) => r.id === bens[0].id));
  assert.equal(bens[0].result.success, true);
  await ana.context.close();
  await ben.context.close();
});
