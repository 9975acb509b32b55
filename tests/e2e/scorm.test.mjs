// SCORM 1.2 and 2004 with scorm-again as the LMS: the course packed by `pacer pack --scorm12|--scorm2004`
// runs in an iframe of the LMS page; launch, answer, leave, relaunch on another device with the stored
// CMI data, resume at the same item, finish; completion, success, score, session time and suspend data as
// expected, and no error code left set.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, repoRoot } from './lib/server.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { unzip } from './lib/zip.mjs';

let root;
let server;
let browser;

before(async () => {
  root = mkdtempSync(path.join(repoRoot, 'target', 'e2e-scorm-'));
  for (const [flag, edition] of [['--scorm12', '12'], ['--scorm2004', '2004']]) {
    const zip = path.join(root, `course${edition}.zip`);
    execFileSync(path.join(repoRoot, 'target/release/pacer'),
      ['pack', repoRoot, '-o', zip, flag, '--player', path.join(repoRoot, 'dist')]);
    for (const [name, data] of unzip(readFileSync(zip))) {
      const file = path.join(root, `sco${edition}`, name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, data);
    }
  }
  copyFileSync(path.join(repoRoot, 'node_modules/scorm-again/dist/scorm12.js'), path.join(root, 'scorm12.js'));
  copyFileSync(path.join(repoRoot, 'node_modules/scorm-again/dist/scorm2004.js'), path.join(root, 'scorm2004.js'));
  copyFileSync(path.join(repoRoot, 'tests/e2e/fixtures/scorm-lms.js'), path.join(root, 'lms.js'));
  for (const edition of ['12', '2004']) {
    writeFileSync(path.join(root, `lms${edition}.html`), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Test LMS</title><script src="scorm${edition}.js"></script><script src="lms.js" defer></script></head><body></body></html>`);
  }
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Test LMS</title>');
  server = await startServer(path.relative(repoRoot, root));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

const RIGHT = {
  'uf-pizza-quarters': '1/4', 'uf-name-one-third': '1/3', 'uf-larger-unit': '1/2', 'uf-equal-parts': 'No', 'uf-whole-from-unit': '5',
};
const WRONG = {
  'uf-pizza-quarters': '1/3', 'uf-name-one-third': '3/1', 'uf-larger-unit': '1/8', 'uf-equal-parts': 'Yes', 'uf-whole-from-unit': '1',
};

async function launch(edition, cmi) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const edition2 = edition === '12' ? '1.2' : '2004';
  const query = new URLSearchParams({ edition: edition === '12' ? '12' : '2004', cmi: JSON.stringify(cmi) });
  await page.goto(`${server.origin}/lms${edition}.html?${query}`);
  const sco = page.frameLocator('iframe');
  await sco.locator('form.item').waitFor();
  assert.match(await sco.locator('.scorm-status').textContent(), new RegExp(`Connected to your LMS \\(SCORM ${edition2}\\)`));
  return { context, page, sco, errors };
}

// Answers the item on screen (right or wrong) and moves on; returns its id.
async function answer(sco, table) {
  const form = sco.locator('form.item[data-step=answering]');
  await form.waitFor();
  const id = await form.getAttribute('data-item-id');
  await sco.getByLabel(table[id], { exact: true }).check();
  await sco.getByRole('button', { name: 'Check' }).click();
  await sco.locator('.feedback').waitFor();
  await sco.getByRole('button', { name: /^(Next|Finish)$/ }).click();
  await sco.locator(`form.item:not([data-item-id="${id}"]), [data-step=finished]`).first().waitFor();
  return id;
}

const lms = (page) => page.evaluate(() => window.lms);

async function leave(page) {
  // Leaving the SCO (the LMS closes its frame): pagehide reports, commits and terminates.
  await page.evaluate(() => { document.querySelector('iframe').src = 'about:blank'; });
  for (let i = 0; i < 50 && !(await lms(page)).calls.includes('Terminate'); i += 1) await page.waitForTimeout(100);
}

for (const [edition, names] of [
  ['12', { status: 'cmi.core.lesson_status', location: 'cmi.core.lesson_location', raw: 'cmi.core.score.raw', time: 'cmi.core.session_time', exit: 'cmi.core.exit', limit: 4096 }],
  ['2004', { status: 'cmi.completion_status', success: 'cmi.success_status', location: 'cmi.location', raw: 'cmi.score.raw', scaled: 'cmi.score.scaled', time: 'cmi.session_time', exit: 'cmi.exit', limit: 64000 }],
]) {
  test(`SCORM ${edition === '12' ? '1.2' : '2004'}: launch, answer, leave, relaunch elsewhere, resume, finish`, async () => {
    const table = edition === '12' ? RIGHT : WRONG;
    const first = edition === '12'
      ? { core: { student_id: 's-1', student_name: 'Learner, Test' } }
      : { learner_id: 's-1', learner_name: 'Test Learner' };
    const one = await launch(edition, first);
    const answered = [await answer(one.sco, table), await answer(one.sco, table)];
    const place = await one.sco.locator('form.item').getAttribute('data-item-id');
    let state = await lms(one.page);
    assert.equal(state.set[names.status], 'incomplete');
    assert.equal(state.set[names.location], place, 'the location is the item on screen');
    assert.equal(state.set[names.exit], 'suspend');
    const suspend = state.set['cmi.suspend_data'];
    assert.ok(suspend.length > 0 && suspend.length <= names.limit, `suspend data within ${names.limit}`);
    assert.deepEqual(JSON.parse(suspend).r.map(([id]) => id), answered);
    assert.ok(state.calls.includes('Commit'), 'committed after the answers');
    await leave(one.page);
    state = await lms(one.page);
    assert.deepEqual(state.errors, [], 'no error code after any call');
    assert.match(state.set[names.time], edition === '12' ? /^\d{4}:\d{2}:\d{2}\.\d{2}$/ : /^PT\d+H\d+M\d+\.\d{2}S$/);
    assert.deepEqual(one.errors, []);
    await one.context.close();

    // Another device: an empty IndexedDB, and the LMS's stored data.
    const stored = edition === '12'
      ? { core: { student_id: 's-1', lesson_location: state.set[names.location], lesson_status: 'incomplete', entry: 'resume' }, suspend_data: suspend }
      : { learner_id: 's-1', location: state.set[names.location], completion_status: 'incomplete', entry: 'resume', suspend_data: suspend };
    const two = await launch(edition, stored);
    assert.equal(await two.sco.locator('form.item').getAttribute('data-item-id'), place, 'resumes at the same item');
    assert.match(await two.sco.locator('.counter').textContent(), /^2 answers so far\. /);
    for (let i = 0; i < 3; i += 1) await answer(two.sco, table);
    // None right never masters: the practice goes on through its other items ("I don't know yet" to each),
    // since a practice ends at mastery or when its items run out.
    let given = 5;
    for (; edition !== '12' && !(await two.sco.locator('[data-step=finished]').count()); given += 1) {
      await two.sco.locator('form.item[data-step=answering] button.dont-know').click();
      await two.sco.locator('.feedback').waitFor();
      await two.sco.getByRole('button', { name: /^(Next|Finish)$/ }).click();
      await two.sco.locator('form.item[data-step=answering], [data-step=finished]').first().waitFor();
    }
    await two.sco.locator('[data-step=finished]').waitFor();
    state = await lms(two.page);
    if (edition === '12') {
      assert.equal(state.set[names.status], 'passed', 'five right at the first try masters the skill');
      assert.equal(state.set[names.raw], '100');
    } else {
      assert.equal(state.set[names.status], 'completed');
      assert.equal(state.set[names.success], 'failed', 'none right: not mastered');
      assert.equal(state.set[names.raw], '0');
      assert.equal(state.set[names.scaled], '0.0000');
    }
    assert.equal(state.set[names.location], '', 'finished: no place left');
    // One result per item: fresh variants of the parameterised ones follow the fixed items, to three answers per item.
    const items = JSON.parse(readFileSync(path.join(repoRoot, 'content/unit-fractions-practice.json'), 'utf8')).items.length;
    assert.equal(JSON.parse(state.set['cmi.suspend_data']).r.length, Math.min(given, items));
    await leave(two.page);
    state = await lms(two.page);
    assert.ok(state.calls.includes('Terminate'));
    assert.deepEqual(state.errors, []);
    const last = await two.page.evaluate((e) => String(e === '12' ? window.API.LMSGetLastError() : window.API_1484_11.GetLastError()), edition);
    assert.equal(last, '0', 'no runtime error code left set');
    assert.deepEqual(two.errors, []);
    await two.context.close();
  });
}

test('without an LMS, or after the LMS closed the session, the SCO keeps working and says so', async () => {
  // Opened outside any LMS: no API anywhere up the frames.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.origin}/sco12/index.html`);
  await page.locator('form.item').waitFor();
  assert.match(await page.locator('.scorm-status').textContent(), /No LMS connection was found; your work is kept on this device/);
  const id = await answer(page.mainFrame(), RIGHT);
  assert.ok(id);

  // An LMS that closes the session under the SCO: every later call fails with an error code.
  const lmsPage = await context.newPage();
  const query = new URLSearchParams({ edition: '2004', cmi: JSON.stringify({ learner_id: 's-2' }) });
  await lmsPage.goto(`${server.origin}/lms2004.html?${query}`);
  const sco = lmsPage.frameLocator('iframe');
  await sco.locator('form.item').waitFor();
  await lmsPage.evaluate(() => window.API_1484_11.Terminate(''));
  await answer(sco, RIGHT);
  const status = sco.locator('.scorm-status');
  assert.match(await status.textContent(), /Your LMS reported a problem \(.*error 1\d\d.*\)\. Your work is kept on this device/);
  assert.notEqual(await status.getAttribute('data-errors'), '0');
  const attempts = await sco.locator('body').evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open('pacer');
    open.onsuccess = () => {
      const req = open.result.transaction('attempts').objectStore('attempts').count();
      req.onsuccess = () => resolve(req.result);
    };
  }));
  assert.equal(attempts, 2, 'both answers are on the device');
  await context.close();
});
