// `pacer fit --lrs` against a real Ralph: a simulated class of the demo course's number-line practice
// sends its answers (as the player words them: the package's item IRIs, grouped under the package), and
// pacer fit reads them back through the statements endpoint, following `more` from page to page, then
// writes a fitted copy that validates. Not shown here yet: the fitted copy played in the browser
// (src/session/tests.rs shows natively that stored answers survive the version change).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLrs, lrsFetch } from './lib/lrs.mjs';
import { repoRoot } from './lib/server.mjs';
import { seededRandom } from './lib/fault-proxy.mjs';

const LEARNERS = 300;
let lrs;
let dir;

before(async () => {
  lrs = await startLrs();
  dir = mkdtempSync(path.join(tmpdir(), 'pacer-fit-'));
});

after(async () => {
  await lrs?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('pacer fit reads a class from the LRS page by page and writes a valid fitted version', async () => {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'pkg.json'), 'utf8'));
  const activity = JSON.parse(readFileSync(path.join(repoRoot, 'content/number-line-practice.json'), 'utf8'));
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
    'fit', repoRoot, '-o', out, '--lrs', new URL('statements', lrs.endpoint).href,
    '--authorization', lrs.authHeader, '--report', report,
  ], { encoding: 'utf8' });
  assert.match(stdout, /: valid/);
  const fit = JSON.parse(readFileSync(report, 'utf8'));
  assert.equal(fit.statements, statements.length, 'every page was read (more than one page of 500)');
  assert.equal(fit.answers, statements.length);
  const skill = fit.skills.find((s) => s.skillId === 'fractions-number-line');
  assert.equal(skill.learners, LEARNERS);
  assert.equal(skill.items.length, activity.items.length, 'every item has enough answers for its own values');
  const fitted = JSON.parse(readFileSync(path.join(out, 'content/number-line-practice.json'), 'utf8'));
  const errors = fitted.items.flatMap((i) => ['guess', 'slip', 'learn'].map((k) => Math.abs(i[k] - truth[i.id][k])));
  const mae = errors.reduce((a, b) => a + b, 0) / errors.length;
  assert.ok(mae < 0.08, `mean absolute error ${mae}`);
  const fittedPkg = JSON.parse(readFileSync(path.join(out, 'pkg.json'), 'utf8'));
  assert.notEqual(fittedPkg.version, pkg.version, 'a new version');
});
