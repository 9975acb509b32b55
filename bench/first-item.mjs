// Timing the first interactive item, shared by bench/browser.mjs and bench/boot-profile.mjs: a browser
// context whose pages note when the first item form appears, pages at a CPU throttle, and the wait.

/** A context whose every page records `window.__firstItemAt` (ms from navigation) when `form.item` appears. */
export async function firstItemContext(browser) {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('form.item')) {
        window.__firstItemAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  return context;
}

/** A new page of `context` with its CPU slowed `rate` times, and its CDP session. */
export async function throttledPage(context, rate = 4) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return { page, cdp };
}

/** Waits for the page's first item and returns when it appeared (ms from navigation). */
export async function firstItemAt(page) {
  await page.waitForFunction(() => window.__firstItemAt !== undefined);
  return page.evaluate(() => window.__firstItemAt);
}
