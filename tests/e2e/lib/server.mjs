// Starts `target/release/pacer serve DIR` on a free loopback port for a test and stops it afterwards.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export async function startServer(dir = 'dist') {
  const bin = path.join(repoRoot, 'target/release/pacer');
  const root = path.resolve(repoRoot, dir);
  if (!existsSync(bin) || !existsSync(path.join(root, 'index.html'))) {
    throw new Error(`${bin} or ${root}/index.html is missing: run scripts/build.sh (make test does)`);
  }
  const child = spawn(bin, ['serve', root, '--host', '127.0.0.1', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const origin = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`pacer serve did not start: ${stderr}`)), 10_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/at (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`pacer serve exited ${code}: ${stderr}`)); });
  });
  return {
    origin,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
