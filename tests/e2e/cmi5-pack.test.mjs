// `pacer pack --cmi5`, end to end: the package made from the built player is unzipped and served as an
// LMS would host it, the AU in its cmi5.xml is launched the way a cmi5 LMS launches it (the AU's url plus
// the five launch parameters, LMS.LaunchData from the course structure), and its statements reach a real
// Ralph under the AU's id.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLrs, getStatements } from './lib/lrs.mjs';
import { startLms } from './lib/lms.mjs';
import { startServer, repoRoot } from './lib/server.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { assertValidStatement } from './lib/validate.mjs';
import { checkOption } from './lib/play.mjs';
import { unzip } from './lib/zip.mjs';

const SESSION_EXT = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const V = (v) => `http://adlnet.gov/expapi/verbs/${v}`;

let dir;
let entries;
let au;
let server;
let lrs;
let lms;
let browser;
const sessions = new Map();

const unescapeXml = (s) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<')
  .replace(/&gt;/g, '>').replace(/&amp;/g, '&');

// The AU of a course structure with one AU: its attributes and url.
function readAu(xml) {
  const tag = xml.match(/<au\s([^>]*)>/);
  assert.ok(tag, 'cmi5.xml has an au element');
  const attrs = Object.fromEntries([...tag[1].matchAll(/(\w+)="([^"]*)"/g)].map(([, k, v]) => [k, unescapeXml(v)]));
  const url = xml.match(/<url>([^<]*)<\/url>/);
  assert.ok(url, 'the au has a url');
  return { ...attrs, url: unescapeXml(url[1].trim()) };
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pacer-cmi5-pack-'));
  const zipPath = path.join(dir, 'course-cmi5.zip');
  execFileSync(path.join(repoRoot, 'target/release/pacer'),
    ['pack', repoRoot, '-o', zipPath, '--cmi5', '--player', path.join(repoRoot, 'dist')], { stdio: 'pipe' });
  // Unzipped as an LMS does on import, then served from the folder.
  entries = new Map(unzip(readFileSync(zipPath)));
  const root = path.join(dir, 'lms-content');
  for (const [name, data] of entries) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), data);
  }
  au = readAu(readFileSync(path.join(root, 'cmi5.xml'), 'utf8'));
  server = await startServer(path.relative(repoRoot, root));
  lrs = await startLrs({ origins: [] });
  lms = await startLms({ lrs, origin: server.origin, sessions });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await lms?.stop();
  await lrs?.stop();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function statementsOf(actor, done) {
  const agent = JSON.stringify(actor);
  const start = Date.now();
  for (;;) {
    const s = await getStatements(lrs, { agent });
    if (done(s) || Date.now() - start > 20_000) return s;
    await new Promise((r) => setTimeout(r, 250));
  }
}

test('the package holds what an LMS needs and no credentials', () => {
  assert.ok(entries.has('cmi5.xml') && entries.has(au.url), `cmi5.xml and the AU's ${au.url}`);
  assert.equal(au.launchMethod, 'AnyWindow');
  assert.match(au.id, /^https:\/\/\S+$/);
  const config = JSON.parse(entries.get('config.json'));
  assert.deepEqual(config, { packageUrl: 'course/pkg.json' }, 'no LRS endpoint or credentials');
  assert.ok(entries.has('course/pkg.json') && entries.has('course/pacer-sha256.txt'));
  assert.ok(entries.has('player/pacer_bg.wasm'));
  assert.ok(![...entries.keys()].some((n) => n === 'sw.js' || n.startsWith('examples/')));
});

test('launched from its cmi5.xml like a cmi5 LMS does: initialized and answered reach Ralph under the AU id', async () => {
  const registration = randomUUID();
  const sessionId = randomUUID();
  const actor = { objectType: 'Agent', account: { homePage: 'https://lms.example', name: `student-${registration.slice(0, 8)}` } };
  // The LMS copies moveOn and masteryScore from the course structure and puts the AU id in grouping.
  sessions.set(registration, {
    used: false,
    launchData: {
      contextTemplate: {
        contextActivities: { grouping: [{ objectType: 'Activity', id: au.id }] },
        extensions: { [SESSION_EXT]: sessionId },
      },
      launchMode: 'Normal',
      moveOn: au.moveOn ?? 'NotApplicable',
      ...(au.masteryScore ? { masteryScore: Number(au.masteryScore) } : {}),
      returnURL: `${lms.base}/return`,
    },
  });
  // The launch URL: the AU's url, relative to where the package is served, plus the launch parameters.
  const launch = new URL(au.url, `${server.origin}/`);
  const params = new URL(lms.launchUrl(server.origin, { registration, actor, activityId: au.id, key: registration })).searchParams;
  for (const [k, v] of params) launch.searchParams.set(k, v);

  const page = await browser.newPage();
  await page.goto(launch.href);
  await checkOption(page, '1/4');
  const all = await statementsOf(actor, (s) => s.some((x) => x.verb.id === V('initialized'))
    && s.some((x) => x.verb.id === V('answered')));

  const initialized = all.find((s) => s.verb.id === V('initialized'));
  assert.ok(initialized, 'the cmi5 initialized statement');
  assert.equal(initialized.object.id, au.id);
  assert.ok(initialized.context.contextActivities.category.some((c) => c.id === CMI5_CATEGORY));
  const answered = all.find((s) => s.verb.id === V('answered'));
  assert.ok(answered, 'an answered statement');
  assert.equal(answered.result.success, true);
  assert.ok(answered.context.contextActivities.parent.some((p) => p.id === au.id), 'answered is a part of the AU');
  assert.ok(answered.context.contextActivities.grouping.some((g) => g.id === au.id), "the LMS's grouping is kept");
  for (const s of [initialized, answered]) {
    assert.equal(s.context.registration, registration);
    assert.equal(s.context.extensions[SESSION_EXT], sessionId);
    assert.deepEqual(s.actor.account, actor.account);
    assertValidStatement(s);
  }
  assert.equal(lms.counts.fetch, 1, 'the one-time token was fetched once');
  await page.close();
});
