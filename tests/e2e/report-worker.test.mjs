// The teacher's report loads in a dedicated worker (www/report-worker.js): the statements are fetched
// there, and a cancel from the page stops the worker's requests (the one in flight is aborted, and no
// next page is asked for). Also the hand-written timestamp reader of report-data.js, which reads what
// `Date.parse` reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack } from './lib/stack.mjs';
import { lrsFetch } from './lib/lrs.mjs';
import { isoMs } from '../../www/report-data.js';

const stack = useStack({ lrs: true });
const COURSE = 'https://pacer.example/courses/worker';

test('cancelling a first load aborts the worker\'s request in flight and asks for no more pages', async () => {
  const statements = Array.from({ length: 600 }, (_, i) => ({
    id: `00000000-0000-4000-9000-${String(i + 1).padStart(12, '0')}`,
    actor: { objectType: 'Agent', account: { homePage: 'https://school.example', name: `w-${i % 6}` } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { en: 'answered' } },
    object: { objectType: 'Activity', id: `${COURSE}/activities/a/items/q${i % 9}`, definition: { name: { en: `Question ${i % 9}` } } },
    result: { success: i % 3 !== 0, extensions: { 'https://w3id.org/pacer/xapi/extensions/skill-mastery': { s: 0.5 } } },
    context: { contextActivities: { grouping: [{ objectType: 'Activity', id: COURSE }] } },
    timestamp: new Date(Date.UTC(2026, 8, 1, 9) + i * 1000).toISOString(),
  }));
  const r = await lrsFetch(stack.lrs, 'statements', { method: 'POST', body: JSON.stringify(statements) });
  assert.ok(r.ok, `seeding the LRS: HTTP ${r.status}`);

  const context = await stack.browser.newContext();
  const page = await context.newPage();
  const gets = [];
  page.on('request', (request) => { if (request.method() === 'GET' && request.url().includes('/xAPI/statements')) gets.push(request); });
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  let second;
  const secondAsked = new Promise((resolve) => { second = resolve; });
  let routed = 0;
  await page.route('**/xAPI/statements?**', async (route) => {
    routed += 1;
    if (routed === 2) {
      second();
      await held; // the second page is answered only after the cancel
    }
    await route.continue().catch(() => {});
  });
  await page.goto(`${stack.server.origin}/report.html`);
  await page.getByLabel('LRS endpoint').fill(stack.lrs.endpoint);
  await page.getByLabel('User name').fill('pacer');
  await page.getByLabel('Password').fill('pacer');
  await page.getByLabel('Course id').fill(COURSE);
  await page.getByRole('button', { name: 'Load' }).click();
  await secondAsked;
  assert.ok(page.workers().some((w) => w.url().endsWith('/report-worker.js')), 'the report worker runs');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.locator('#status', { hasText: 'Cancelled' }).waitFor();
  release();
  assert.equal(await gets[1].response(), null, 'the request in flight at the cancel was aborted');
  assert.match(gets[1].failure()?.errorText ?? '', /ABORTED|cancel/i);
  await page.locator('#progress').waitFor({ state: 'hidden' });
  assert.equal(gets.length, 2, 'no page after the cancelled one was asked for');
  assert.equal(await page.locator('#status').getAttribute('data-statements'), null, 'the load did not complete');
  assert.equal(await page.locator('#grid tbody tr').count(), 6, 'the first page read is shown');
  await context.close();
});

test('timestamps are read as Date.parse reads them', () => {
  const samples = [
    '2026-12-04T10:10:25.751911+00:00', '2026-12-04T10:10:25.7519+01:30', '2026-12-04T10:10:25.751911-05:00',
    '2026-09-01T00:00:00.000Z', '2026-09-01T00:00:00Z', '2026-12-04T10:10:25.5Z', '2026-12-04T10:10:25.12Z',
    '2026-12-04T10:10:25.999999999Z', '2026-02-28T23:59:59Z', '2026-02-29T00:00:00Z', '2028-02-29T00:00:00Z',
    '2100-02-29T00:00:00Z', '2000-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-02-30T00:00:00Z', '2026-12-04T24:00:00Z',
    '2026-12-04T10:10:60Z', '2026-12-04T10:10Z', '2026-12-04', '2026-12-04T10:10:25', '2026-12-04 10:10:25Z',
    '+002026-12-04T10:10:25Z', '2026-12-04t10:10:25z', '2026-12-04T10:10:25,5Z', '2026-12-04T10:10:25.Z',
    '2026-12-04T10:10:25+0100', '2026-12-04T10:10:25+24:00', '2026-13-04T10:10:25Z', '2026-00-04T10:10:25Z',
    '2026-12-00T10:10:25Z', 'yesterday', '', '1970-01-01T00:00:00.000Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z',
  ];
  for (const text of samples) assert.deepEqual(isoMs(text), Date.parse(text), text);
  for (const value of [undefined, null, 42, {}]) assert.ok(Number.isNaN(isoMs(value)));
  // And a year of instants, at odd milliseconds, in the forms an LRS writes.
  for (let t = Date.UTC(2027, 0, 1); t < Date.UTC(2028, 0, 1); t += 7_777_777) {
    const iso = new Date(t).toISOString();
    assert.equal(isoMs(iso), t, iso);
    const micro = `${iso.slice(0, 23)}456+00:00`;
    assert.equal(isoMs(micro), Date.parse(micro), micro);
    const offset = `${iso.slice(0, 19)}-03:30`;
    assert.equal(isoMs(offset), Date.parse(offset), offset);
  }
});
