// Seeds for the fuzz targets from the repository's own content (scripts/fuzz.sh): the demo course, the
// broken-package fixtures and the e2e fixtures, whole for the JSON and package readers, and their math,
// formulas and answers for the TeX, expression and number parsers. Writes OUT/TARGET/NNNN files.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const out = process.argv[2];
rmSync(out, { recursive: true, force: true });
const seeds = { json: new Set(), manifest: new Set(), activity: new Set(), tex: new Set(), expr: new Set(), number: new Set() };

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const files = ['pkg.json', ...walk('content'), ...walk('tests/fixtures/broken'), ...walk('tests/e2e/fixtures')]
  .filter((f) => f.endsWith('.json'));
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  seeds.json.add(text);
  (path.basename(file) === 'pkg.json' ? seeds.manifest : seeds.activity).add(text);
  let doc;
  try { doc = JSON.parse(text); } catch { continue; }
  const visit = (v, key) => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(/\$([^$]+)\$/g)) seeds.tex.add(m[1]);
      if (key === 'tex') seeds.tex.add(v);
      if (['answer', 'formula', 'min', 'max', 'step'].includes(key)) { seeds.expr.add(v); seeds.number.add(v); }
      if (key === 'accepted') seeds.number.add(v);
    } else if (typeof v === 'number') {
      if (['answer', 'min', 'max', 'tolerance'].includes(key)) seeds.number.add(String(v));
    } else if (Array.isArray(v)) {
      v.forEach((x) => visit(x, key));
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) visit(x, k);
    }
  };
  visit(doc, '');
}
for (const [target, set] of Object.entries(seeds)) {
  const dir = path.join(out, target);
  mkdirSync(dir, { recursive: true });
  [...set].forEach((s, i) => writeFileSync(path.join(dir, String(i).padStart(4, '0')), s));
}
console.log(`fuzz seeds: ${Object.entries(seeds).map(([t, s]) => `${t} ${s.size}`).join(', ')}`);
