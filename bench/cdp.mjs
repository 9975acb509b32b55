// A bare Chrome DevTools Protocol client for the report's benchmark: launches Debian's Chromium with
// --remote-debugging-pipe and speaks CDP over it (flat sessions). Playwright is not used there because it
// enables the Network domain on every page and worker it attaches to, and the DevTools network agent then
// does work of its own on the measured threads for every request (it keeps a copy of each response body):
// that is the instrumentation's cost, not the report's.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS } from '../tests/e2e/lib/browser.mjs';

export async function launchCdp() {
  const profile = mkdtempSync(path.join(tmpdir(), 'pacer-cdp-'));
  const child = spawn('/usr/bin/chromium', [...CHROMIUM_ARGS, '--remote-debugging-pipe', `--user-data-dir=${profile}`, 'about:blank'],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  const [, , , toChrome, fromChrome] = child.stdio;
  let id = 0;
  const pending = new Map();
  const listeners = new Set();
  let buffer = '';
  fromChrome.on('data', (chunk) => {
    buffer += chunk.toString('utf8');
    let end;
    while ((end = buffer.indexOf('\0')) >= 0) {
      const message = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      if (message.id !== undefined && pending.has(message.id)) {
        const { resolve, reject, method } = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result);
      } else for (const listener of listeners) listener(message);
    }
  });
  const exited = new Promise((r) => child.once('exit', r));
  const send = (method, params = {}, sessionId = undefined) => new Promise((resolve, reject) => {
    id += 1;
    pending.set(id, { resolve, reject, method });
    toChrome.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
  });
  // Waits for the first event of `method` (in `sessionId`, when given) that `test` accepts.
  const once = (method, { sessionId, test = () => true } = {}) => new Promise((resolve) => {
    const listener = (m) => {
      if (m.method === method && (!sessionId || m.sessionId === sessionId) && test(m.params)) {
        listeners.delete(listener);
        resolve(m.params);
      }
    };
    listeners.add(listener);
  });
  return {
    pid: child.pid,
    send,
    once,
    on: (listener) => { listeners.add(listener); return () => listeners.delete(listener); },
    async close() {
      await send('Browser.close').catch(() => {});
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// A browser context of its own (its own IndexedDB): `dispose()` when done.
export async function newContext(cdp) {
  const { browserContextId } = await cdp.send('Target.createBrowserContext');
  return { browserContextId, dispose: () => cdp.send('Target.disposeBrowserContext', { browserContextId }).catch(() => {}) };
}

// A new tab in `context`, attached (flat session), with the page's CPU throttled to `rate`, and every
// worker it starts attached too (Target.setAutoAttach with flatten) and asked for the same rate: CDP
// cannot throttle a worker (Chromium answers "Operation is only supported for pages, not workers"), so
// each worker's `throttled` says whether it was, and `error` why not. Navigates to `url` and waits for
// its load event.
export async function openTab(cdp, context, url, { rate = 1 } = {}) {
  const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank', browserContextId: context.browserContextId });
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
  const workers = [];
  const off = cdp.on(async (m) => {
    if (m.method !== 'Target.attachedToTarget' || m.sessionId !== sessionId) return;
    const worker = { sessionId: m.params.sessionId, url: m.params.targetInfo.url, throttled: false, error: null };
    workers.push(worker);
    try {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate }, worker.sessionId);
      worker.throttled = true;
    } catch (error) {
      worker.error = error.message;
    }
    await cdp.send('Runtime.runIfWaitingForDebugger', {}, worker.sessionId).catch(() => {});
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }, sessionId);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate }, sessionId);
  // The viewport Playwright gives a page (the e2e tests'), so the report is laid out the same.
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 720, deviceScaleFactor: 1, mobile: false }, sessionId);
  await cdp.send('Page.enable', {}, sessionId);
  const loaded = cdp.once('Page.loadEventFired', { sessionId });
  await cdp.send('Page.navigate', { url }, sessionId);
  await loaded;
  // Runs an expression in the page (awaiting a promise) and returns its value.
  const evaluate = async (expression) => {
    const r = await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId);
    if (r.exceptionDetails) throw new Error(`in the page: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value;
  };
  return {
    sessionId,
    workers,
    evaluate,
    send: (method, params = {}) => cdp.send(method, params, sessionId),
    // A mouse click in the middle of the element with this id, as a user's (the pointer stays there).
    async click(id) {
      const { x, y } = await evaluate(`(() => {
        const e = document.getElementById(${JSON.stringify(id)});
        e.scrollIntoView({ block: 'center' });
        const r = e.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      })()`);
      await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y }, sessionId);
      await cdp.send('Input.dispatchMouseEvent', { type: 'mousePressed', x, y, button: 'left', clickCount: 1 }, sessionId);
      await cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x, y, button: 'left', clickCount: 1 }, sessionId);
    },
    async close() {
      off();
      await cdp.send('Target.closeTarget', { targetId }).catch(() => {});
    },
  };
}

/** A CPU profile's self time per function (ms), largest first, idle left out. */
export function profileSelf(profile) {
  const self = new Map();
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]);
}
