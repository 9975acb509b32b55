// Shows that a built variant of the probe draws the demo's first item and answers it (#19): serves
// $out/site-VARIANT on a free loopback port, picks option VALUE, presses Check, and prints the feedback
// and the attempt stored in IndexedDB (VALUE `-`: draw only, for variant A).
// Usage: node crates/first/check.mjs SITE_DIR [VALUE]. Not part of
// `make test`: a probe's proof, exit code 1 when the item is not drawn or the attempt not stored.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../tests/e2e/lib/browser.mjs';

const [site, value = 'b'] = process.argv.slice(2);
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
const server = createServer(async (req, res) => {
  const file = path.join(site, new URL(req.url, 'http://x').pathname.replace(/\/$/, '/index.html'));
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
let failed = false;
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => { console.log(`page error: ${e.message}`); failed = true; });
  await page.goto(`${origin}/`);
  await page.locator('form.item').waitFor({ timeout: 10_000 });
  console.log(`drawn: ${await page.locator('input[name=choice]').count()} options, figure ${await page.locator('svg').count()}`);
  if (value === '-') throw Object.assign(new Error('draw only'), { drawOnly: true });
  await page.locator(`input[name=choice][value="${value}"]`).check();
  await page.locator('button.check').click();
  await page.locator('form.item[data-checked]').waitFor({ timeout: 10_000 });
  console.log(`checked ${value}: correct=${await page.locator('form.item').getAttribute('data-checked')}, message "${await page.locator('.message').textContent()}"`);
  const rows = await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('pacer-first');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const all = open.result.transaction('pending').objectStore('pending').getAll();
      all.onsuccess = () => resolve(all.result);
    };
  }));
  console.log(`stored: ${JSON.stringify(rows)}`);
  if (rows.length !== 1) failed = true;
} catch (e) {
  if (!e.drawOnly) {
    console.log(`failed: ${e.message}`);
    failed = true;
  }
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
