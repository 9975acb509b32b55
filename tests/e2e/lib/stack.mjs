// The usual setup of a browser test file: the built site served by `pacer serve`, optionally a Ralph LRS
// open to the site's origin, optionally a cmi5 LMS stand-in in front of that LRS (`lms`: the Map of its
// sessions, which the tests fill), and headless Chromium; all stopped after the file's tests.
import { before, after } from 'node:test';
import { startLrs } from './lrs.mjs';
import { startLms } from './lms.mjs';
import { startServer } from './server.mjs';
import { launchBrowser } from './browser.mjs';

export function useStack({ lrs = false, lms = null, dir = 'dist' } = {}) {
  const stack = {};
  before(async () => {
    stack.server = await startServer(dir);
    if (lrs || lms) stack.lrs = await startLrs({ origins: [stack.server.origin] });
    if (lms) stack.lms = await startLms({ lrs: stack.lrs, origin: stack.server.origin, sessions: lms });
    stack.browser = await launchBrowser();
  });
  after(async () => {
    await stack.browser?.close();
    await stack.lms?.stop();
    await stack.lrs?.stop();
    await stack.server?.stop();
  });
  return stack;
}
