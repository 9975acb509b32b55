// The JSON Schemas in schema/ (what editors complete and check against, through "$schema"): the demo course
// and the test fixtures conform, and a broken file is flagged. `pacer validate` remains the full check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { repoRoot } from './lib/server.mjs';

const load = (p) => JSON.parse(readFileSync(path.join(repoRoot, p), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
const manifest = ajv.compile(load('schema/pkg.schema.json'));
const activity = ajv.compile(load('schema/activity.schema.json'));

function packageFiles(dir) {
  const pkg = load(path.join(dir, 'pkg.json'));
  return [pkg, pkg.activities.map((a) => [a.file, load(path.join(dir, a.file))])];
}

function assertValid(validate, doc, where) {
  assert.ok(validate(doc), `${where}: ${ajv.errorsText(validate.errors)}`);
}

test('the demo course and the interaction fixture conform to the schemas', () => {
  for (const dir of ['.', 'tests/e2e/fixtures/interactions']) {
    const [pkg, activities] = packageFiles(dir);
    assertValid(manifest, pkg, `${dir}/pkg.json`);
    assert.ok(activities.length > 0);
    for (const [file, doc] of activities) assertValid(activity, doc, `${dir}/${file}`);
  }
  const [, demo] = packageFiles('.');
  assert.ok(demo.every(([, doc]) => doc.$schema === '../schema/activity.schema.json'), 'each file names its schema');
});

test('the schemas flag unknown fields, wrong types and unknown interaction types', () => {
  const [pkg, [[, first]]] = packageFiles('.');
  assert.equal(manifest({ ...pkg, titel: 'x' }), false, 'unknown field');
  assert.equal(manifest({ ...pkg, version: 2 }), false, 'wrong type');
  const broken = structuredClone(first);
  broken.items[0].interaction.type = 'dragAndDrop';
  assert.equal(activity(broken), false, 'unknown interaction type');
  const typo = structuredClone(first);
  typo.items[0].hintz = [];
  assert.equal(activity(typo), false, 'a typo in a field name');
});

test('every broken fixture that is a shape error is also caught by the schema', () => {
  const root = path.join(repoRoot, 'tests/fixtures/broken');
  for (const name of ['02-wrong-field-type', '03-unknown-field-typo', '04-missing-required-field']) {
    const dir = path.join(root, name);
    assert.ok(existsSync(dir), name);
    const pkg = JSON.parse(readFileSync(path.join(dir, 'pkg.json'), 'utf8'));
    const files = readdirSync(path.join(dir, 'content')).filter((f) => f.endsWith('.json'));
    const ok = manifest(pkg) && files.every((f) => activity(JSON.parse(readFileSync(path.join(dir, 'content', f), 'utf8'))));
    assert.equal(ok, false, `${name} passes the schema`);
  }
});
