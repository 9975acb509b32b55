// Timing the first interactive item, shared by bench/browser.mjs and bench/boot-profile.mjs: a browser
// context whose pages report when the first item form appears, pages at a CPU throttle, and the wait.
//
// The page reports through an exposed binding (a CDP `Runtime.addBinding`), not `page.waitForFunction`:
// waiting that way makes Playwright inject its selector engine into every new document, and at 4x CPU
// parsing that script took about 80 ms of the page's main thread in the middle of the player's boot
// (a trace showed one 82 ms EvaluateScript, 55 ms of it V8.ParseProgram). A learner's browser has none of it.

const reports = new WeakMap(); // page -> { times: [], waiting: [] }

function reportsOf(page) {
  let r = reports.get(page);
  if (!r) {
    r = { times: [], waiting: [] };
    reports.set(page, r);
  }
  return r;
}

/** A context whose every page reports (ms from navigation) when `form.item` first appears in each document. */
export async function firstItemContext(browser) {
  const context = await browser.newContext();
  await context.exposeBinding('__pacerFirstItem', ({ page }, at) => {
    const r = reportsOf(page);
    const next = r.waiting.shift();
    if (next) next(at);
    else r.times.push(at);
  });
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('form.item')) {
        observer.disconnect();
        window.__pacerFirstItem(performance.now());
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

/**
 * When the first item of the page's next not-yet-awaited document appeared (ms from its navigation): call
 * once per `goto`/`reload`, in order.
 */
export function firstItemAt(page) {
  const r = reportsOf(page);
  if (r.times.length) return Promise.resolve(r.times.shift());
  return new Promise((resolve) => r.waiting.push(resolve));
}
