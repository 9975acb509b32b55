// The report's own catalog (www/report-messages.js): English and Spanish have the same keys with the same
// placeholders, every key the page and its script use exists, and the page in Spanish shows no English.
// Its CSV export is safe to open in a spreadsheet: every dangerous leading character is neutralised.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { MESSAGES, pickLanguage, translator } from '../../www/report-messages.js';
import { csvText, toCsv, analyse } from '../../www/report-data.js';
import { useStack } from './lib/stack.mjs';

const root = new URL('../../', import.meta.url);
const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('English and Spanish have the same messages and placeholders', () => {
  const en = MESSAGES.en;
  const es = MESSAGES.es;
  assert.deepEqual(Object.keys(es).sort(), Object.keys(en).sort());
  for (const [key, text] of Object.entries(en)) {
    assert.ok(text.trim(), `${key} is empty`);
    assert.ok(es[key].trim(), `${key} is empty in Spanish`);
    assert.deepEqual(placeholders(es[key]), placeholders(text), `placeholders of ${key}`);
  }
});

test('every key the report uses is in the catalog', () => {
  const html = readFileSync(new URL('www/report.html', root), 'utf8');
  const js = readFileSync(new URL('www/report.js', root), 'utf8');
  const used = new Set([
    ...[...html.matchAll(/data-i18n="([^"]+)"/g)].map((m) => m[1]),
    ...[...js.matchAll(/\b(?:t|say)\('([^']+)'/g)].map((m) => m[1]),
  ]);
  assert.ok(used.size > 30, `found ${used.size} keys`);
  for (const key of used) {
    const known = key in MESSAGES.en || (`${key}.one` in MESSAGES.en && `${key}.other` in MESSAGES.en);
    assert.ok(known, `${key} is not in the catalog`);
  }
  // Every text node of the page is under a data-i18n element (or is a language's own name).
  const bare = [...html.replace(/<(script|style)[\s\S]*?<\/\1>/g, '').matchAll(/<([a-z0-9]+)([^>]*)>([^<]+)</g)]
    .filter(([, tag, attrs, text]) => text.trim() && !attrs.includes('data-i18n') && tag !== 'option');
  assert.deepEqual(bare.map((m) => m[0]), [], 'text outside the catalog');
});

test('plurals and numbers follow the language', () => {
  const en = translator('en');
  const es = translator('es');
  assert.equal(en('missed', { stem: 'Q', n: 1 }), 'Q — missed 1 time');
  assert.equal(en('missed', { stem: 'Q', n: 2 }), 'Q — missed 2 times');
  assert.equal(es('missed', { stem: 'Q', n: 1 }), 'Q — fallada 1 vez');
  assert.equal(es('loading-count', { n: 10000 }), 'Cargando… 10.000 registros leídos');
  assert.equal(pickLanguage([null, 'es-MX', 'en']), 'es');
  assert.equal(pickLanguage(['fr', 'de']), 'en');
});

test('CSV cells that could start a formula are neutralised, quoted and escaped', () => {
  const dangerous = ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1:A2)', '\t=1', '\r=1', '＝1+1'];
  for (const text of dangerous) {
    const cell = csvText(text);
    assert.equal(cell, `"'${text.replaceAll('"', '""')}"`, JSON.stringify(text));
  }
  assert.equal(csvText('ana'), '"ana"', 'plain text is only quoted');
  assert.equal(csvText('a "quoted", name'), '"a ""quoted"", name"');
  const course = 'https://c.example';
  const statement = (n, name, skill) => ({
    id: `s${n}`, actor: { account: { name } }, verb: { id: 'http://adlnet.gov/expapi/verbs/answered' },
    object: { id: `q${n}` }, result: { success: true, extensions: { 'https://w3id.org/pacer/xapi/extensions/skill-mastery': { [skill]: 0.5 } } },
    context: { contextActivities: { grouping: [{ id: course }] } }, timestamp: '2026-01-01T00:00:00Z',
  });
  const names = [...dangerous, 'line\nbreak', 'ok'];
  const data = analyse(names.map((n, i) => statement(i, n, i === 0 ? '=cmd|"/c calc"!A1' : 'plain')), { course });
  const csv = toCsv(data);
  assert.ok(csv.startsWith('\uFEFF'), 'UTF-8 with a byte-order mark');
  // Read back with an RFC 4180 reader: every cell is where it should be, and no text cell starts a formula.
  const rows = parseCsv(csv.slice(1));
  assert.equal(rows.length, names.length + 1);
  for (const row of rows) assert.equal(row.length, 3);
  assert.equal(rows[0][1], `'=cmd|"/c calc"!A1`);
  for (const row of rows.slice(1)) assert.doesNotMatch(row[0], /^[=+\-@\t\r＝]/, JSON.stringify(row[0]));
  assert.deepEqual(rows.slice(1).map((r) => r[0].replace(/^'/, '')).sort(), [...names].sort());
});

function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i += 1; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i += 1; } else cell += c;
  }
  return rows;
}

const stack = useStack();

test('the report in Spanish shows its words in Spanish, and switches language in place', async () => {
  const page = await stack.browser.newPage({ locale: 'es-ES' });
  await page.goto(`${stack.server.origin}/report.html`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'es');
  assert.equal(await page.locator('h1').textContent(), MESSAGES.es.heading);
  assert.equal(await page.title(), MESSAGES.es.title);
  for (const key of ['endpoint', 'course', 'deadline']) await page.getByLabel(MESSAGES.es[key]).waitFor();
  await page.getByRole('button', { name: MESSAGES.es.load }).waitFor();
  await page.getByLabel(MESSAGES.es.language).selectOption('en');
  assert.equal(await page.locator('h1').textContent(), MESSAGES.en.heading);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.close();
});
