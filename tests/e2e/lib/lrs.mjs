// Starts a real Ralph LRS (lrs/pacer_lrs.py in .venv) on a free loopback port for a test run.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './server.mjs';

export const XAPI_VERSION = '1.0.3';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// `maxPage`: the most statements Ralph answers in one page (its default, 100, when not given).
export async function startLrs({ origins = [], users = [['pacer', 'pacer']], maxPage } = {}) {
  const python = path.join(repoRoot, '.venv/bin/python');
  if (!existsSync(python)) {
    throw new Error(`${python} is missing: run scripts/setup-lrs.sh (make test does)`);
  }
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pacer-lrs-'));
  const args = [path.join(repoRoot, 'lrs/pacer_lrs.py'), '--host', '127.0.0.1', '--port', String(port),
    '--data-dir', dataDir];
  for (const o of origins) args.push('--origin', o);
  for (const [u, p] of users) args.push('--user', `${u}:${p}`);
  if (maxPage !== undefined) args.push('--max-page', String(maxPage));
  const child = spawn(python, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const endpoint = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the LRS did not start in 60 s:\n${stderr}`)), 60_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/PACER_LRS_READY (\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`the LRS exited with ${code}:\n${stderr}`)); });
  });
  const [user, password] = users[0];
  return {
    endpoint,
    port,
    authHeader: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// An xAPI request to the LRS with the version header and the first user's credentials.
export function lrsFetch(lrs, pathAndQuery, init = {}) {
  const url = new URL(pathAndQuery, lrs.endpoint);
  return fetch(url, {
    ...init,
    headers: {
      'X-Experience-API-Version': XAPI_VERSION,
      Authorization: lrs.authHeader,
      ...(init.body ? { 'Content-Type': 'application/json' } : {}),
      ...(init.headers ?? {}),
    },
  });
}

// Every statement matching `params`, following `more` links.
export async function getStatements(lrs, params = {}) {
  const all = [];
  let next = `statements?${new URLSearchParams({ limit: '500', ...params })}`;
  while (next) {
    const res = await lrsFetch(lrs, next);
    if (!res.ok) throw new Error(`GET ${next}: HTTP ${res.status} ${await res.text()}`);
    const body = await res.json();
    all.push(...body.statements);
    next = body.more ? new URL(body.more, lrs.endpoint).href : null;
  }
  return all;
}
