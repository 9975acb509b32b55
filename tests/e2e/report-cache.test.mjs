// The report's cache records (www/report-cache.js): facts written as columns read back equal, field by
// field, whatever their kind (an answer with skills and warnings, another verb, each kind of skip, no id,
// no `stored`), and the texts a class repeats are kept once a record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode, encode } from '../../www/report-cache.js';
import { toFact } from '../../www/report-data.js';

const COURSE = 'https://pacer.example/courses/cache';
const EXT = 'https://w3id.org/pacer/xapi/extensions/';

function statement(i, patch = {}) {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    stored: new Date(Date.UTC(2026, 8, 1) + i * 1000).toISOString(),
    actor: { account: { homePage: 'https://school.example', name: `learner-${i % 3}` } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/answered' },
    object: { id: `${COURSE}/items/q${i % 4}`, definition: { name: { en: `Question ${i % 4}` } } },
    result: { success: i % 2 === 0, extensions: { [`${EXT}skill-mastery`]: { a: i / 100, [`b-${i % 2}`]: 0.5 } } },
    context: { contextActivities: { grouping: [{ id: COURSE }] } },
    timestamp: new Date(Date.UTC(2026, 8, 1) + i * 999).toISOString(),
    ...patch,
  };
}

test('cache records give back the facts written, of every kind', () => {
  const statements = [
    ...Array.from({ length: 40 }, (_, i) => statement(i)),
    statement(41, { result: { success: false, extensions: { [`${EXT}warnings`]: [{ signal: 'guessing', responseMs: 900 }, { signal: 'wheel_spinning', attemptsSinceMastery: 7, skillId: 'a' }] } } }),
    statement(42, { verb: { id: 'http://adlnet.gov/expapi/verbs/completed' } }),
    statement(43, { verb: { id: 'https://example.org/verbs/doodled' } }),
    statement(44, { context: { contextActivities: { grouping: [{ id: 'https://other.example/c' }] } } }),
    statement(45, { result: { success: 'yes' } }),
    statement(46, { id: 46 }),
    statement(47, { stored: undefined }),
    statement(48, { object: { id: `${COURSE}/items/unnamed` } }),
    null,
  ];
  const facts = statements.map((s) => toFact(s, COURSE));
  const record = encode(facts);
  assert.deepEqual(decode(structuredClone(record)), facts);
  assert.ok(record.strings.length < 20, `${record.strings.length} texts kept once each`);
  assert.deepEqual(decode(encode([])), []);
});
