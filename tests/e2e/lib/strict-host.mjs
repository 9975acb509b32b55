// An LMS operator's course page on another origin that embeds the player with <pacer-player> under a
// strict Content-Security-Policy (no inline script or style). Its host.js records the player's events in
// `window.seen` and every CSP violation in `window.violations`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, repoRoot } from './server.mjs';

/**
 * Serves the host page. `playerOrigin`: where the player lives; `element`: the <pacer-player> tag's
 * attributes after `package`; `events`: the pacer:* events to record; `styleSelf`: whether the host's
 * own origin may serve styles too. Returns the server (with `stop()`, which also removes the page).
 */
export async function startStrictHost({ playerOrigin, element = '', events, styleSelf = false }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'pacer-host-'));
  const csp = [`default-src 'none'`, `script-src 'self' ${playerOrigin} 'wasm-unsafe-eval'`,
    `style-src ${styleSelf ? "'self' " : ''}${playerOrigin}`, `connect-src ${playerOrigin}`,
    `img-src ${playerOrigin} data:`].join('; ');
  writeFileSync(path.join(dir, 'index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LMS course page</title>
<meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="icon" href="data:,">
<script type="module" src="host.js"></script>
<script type="module" src="${playerOrigin}/embed.js"></script>
</head><body><h1>Unit 3</h1>
<pacer-player package="${playerOrigin}/course/pkg.json"${element ? ` ${element}` : ''}></pacer-player>
</body></html>`);
  writeFileSync(path.join(dir, 'host.js'), `window.seen = []; window.violations = [];
for (const name of ${JSON.stringify(events)}) {
  document.addEventListener(name, (e) => window.seen.push({ type: e.type, detail: e.detail }));
}
document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));
`);
  const server = await startServer(path.relative(repoRoot, dir));
  return {
    ...server,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
