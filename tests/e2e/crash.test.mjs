// A crashed browser loses nothing: Chromium is killed with SIGKILL mid-session and restarted on the same
// profile directory; every answered attempt and every queued statement is still there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, repoRoot } from './lib/server.mjs';
import { CHROMIUM_ARGS, idbAll } from './lib/browser.mjs';
import { answerAndNext, checkOption } from './lib/play.mjs';

let root;
let server;

before(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'pacer-crash-'));
  cpSync(path.join(repoRoot, 'dist'), path.join(root, 'site'), { recursive: true });
  // An LRS that is not there: statements must wait in the outbox, across the crash.
  writeFileSync(path.join(root, 'site/config.json'), JSON.stringify({
    packageUrl: 'course/pkg.json',
    lrs: { endpoint: 'http://127.0.0.1:9/xAPI/', auth: 'Basic eDp4', timeoutMs: 1000 },
  }));
  server = await startServer(path.relative(repoRoot, path.join(root, 'site')));
});

after(async () => {
  await server?.stop();
  if (root) rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
});

// Kills Chromium and all its processes at once, as a crash or a power cut would.
async function killAll(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  try { process.kill(-child.pid, 'SIGKILL'); } catch { child.kill('SIGKILL'); }
  await exited;
}

// Starts Chromium ourselves (so we own its process) and attaches Playwright over CDP.
async function startChromium(profile) {
  const child = spawn('/usr/bin/chromium', [...CHROMIUM_ARGS, `--user-data-dir=${profile}`,
    '--remote-debugging-port=0', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  const ws = await new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${err}`)), 20_000);
    child.stderr.on('data', (d) => {
      err += d;
      const m = err.match(/DevTools listening on (ws:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
  });
  const browser = await chromium.connectOverCDP(ws);
  return { child, browser, context: browser.contexts()[0] };
}

test('SIGKILL in the middle of a session loses no attempt and no statement', async () => {
  const profile = path.join(root, 'profile');
  let { child, browser, context } = await startChromium(profile);
  let page = await context.newPage();
  await page.goto(`${server.origin}/`);
  for (const option of ['1/4', '1/2']) await answerAndNext(page, option);
  await checkOption(page, '1/8');
  // The feedback is on screen, so the answer is committed: kill the browser without any warning.
  await killAll(child);
  await browser.close().catch(() => {});

  ({ child, browser, context } = await startChromium(profile));
  try {
    page = await context.newPage();
    await page.goto(`${server.origin}/`);
    await page.locator('form.item').waitFor();
    const attempts = await idbAll(page, 'attempts');
    assert.deepEqual(attempts.map((a) => a.itemId).sort(), ['uf-larger-unit', 'uf-name-one-third', 'uf-pizza-quarters']);
    const outbox = await idbAll(page, 'outbox');
    assert.equal(outbox.length, 3, 'every statement is still queued');
    assert.ok(outbox.every((r) => r.state === 'pending'));
    assert.equal(await page.locator('form.item').getAttribute('data-item-id'), 'uf-larger-unit');
    assert.equal(await page.locator('form.item').getAttribute('data-step'), 'feedback');
    assert.match(await page.locator('.sync').textContent(), /3 records of your work saved on this device, waiting to sync/);
  } finally {
    await browser.close().catch(() => {});
    await killAll(child);
  }
});
