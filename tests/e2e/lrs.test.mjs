// The LRS behaves as Pacer relies on: the contract of the local Ralph (with our launcher's fixes).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startLrs, lrsFetch, getStatements } from './lib/lrs.mjs';
import { validateStatement } from './lib/validate.mjs';

const ORIGIN = 'http://127.0.0.1:8080';
let lrs;

before(async () => { lrs = await startLrs({ origins: [ORIGIN] }); });
after(async () => { await lrs?.stop(); });

function statement(overrides = {}) {
  return {
    id: randomUUID(),
    actor: { objectType: 'Agent', account: { homePage: ORIGIN, name: 'learner-1' } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } },
    object: { objectType: 'Activity', id: 'https://pacer.example/courses/c/items/q1' },
    result: { success: true, score: { scaled: 1 } },
    timestamp: '2026-11-22T10:00:00.000Z',
    ...overrides,
  };
}

const post = (body) => lrsFetch(lrs, 'statements', { method: 'POST', body: JSON.stringify(body) });

test('every POST is stored, not only the first (the APPEND fix)', async () => {
  const a = statement();
  const b = statement();
  const ra = await post(a);
  assert.equal(ra.status, 200);
  assert.deepEqual(await ra.json(), [a.id]);
  assert.equal((await post([b])).status, 200);
  // Ralph wraps a GET by statementId in {"statements": [...]}.
  const got = await getStatements(lrs, { statementId: b.id });
  assert.deepEqual(got.map((x) => x.id), [b.id]);
});

test('an identical resend is harmless and a different one with the same id is a conflict', async () => {
  const s = statement();
  assert.equal((await post(s)).status, 200);
  assert.ok([200, 204].includes((await post(s)).status));
  assert.equal((await post({ ...s, result: { success: false } })).status, 409);
});

test('duplicate ids inside one batch reject the batch', async () => {
  const s = statement();
  assert.equal((await post([s, s])).status, 400);
});

test('the verb filter matches (the IRI comparison fix)', async () => {
  const s = statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' } });
  assert.equal((await post(s)).status, 200);
  const found = await getStatements(lrs, { verb: 'http://adlnet.gov/expapi/verbs/experienced' });
  assert.deepEqual(found.map((x) => x.id), [s.id]);
});

test('CORS preflight is allowed for the configured origin only', async () => {
  const preflight = (origin) => fetch(new URL('statements', lrs.endpoint), {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization,content-type,x-experience-api-version',
    },
  });
  const ok = await preflight(ORIGIN);
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get('access-control-allow-origin'), ORIGIN);
  const other = await preflight('http://evil.example');
  assert.notEqual(other.headers.get('access-control-allow-origin'), 'http://evil.example');
});

test('the strict validator passes a valid statement and flags what Ralph would accept', () => {
  assert.deepEqual(validateStatement(statement()), []);
  assert.ok(validateStatement(statement({ result: { score: { scaled: 1.5 } } })).length > 0);
  assert.ok(validateStatement(statement({ timestamp: 'yesterday' })).length > 0);
});
