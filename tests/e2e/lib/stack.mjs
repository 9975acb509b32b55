// The usual setup of a browser test file: the built site served by `pacer serve`, optionally a Ralph LRS
// open to the site's origin, and headless Chromium; all stopped after the file's tests.
import { before, after } from 'node:test';
import { startLrs } from './lrs.mjs';
import { startServer } from './server.mjs';
import { launchBrowser } from './browser.mjs';

export function useStack({ lrs = false, dir = 'dist' } = {}) {
  const stack = {};
  before(async () => {
    stack.server = await startServer(dir);
    if (lrs) stack.lrs = await startLrs({ origins: [stack.server.origin] });
    stack.browser = await launchBrowser();
  });
  after(async () => {
    await stack.browser?.close();
    await stack.lrs?.stop();
    await stack.server?.stop();
  });
  return stack;
}
