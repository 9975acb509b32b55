// Offline after one visit: the page, the player and the course come from the service worker with the
// network gone and the server stopped; answers are saved and queued; back online, the queue drains.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getStatements } from './lib/lrs.mjs';
import { useStack } from './lib/stack.mjs';
import { idbAll } from './lib/browser.mjs';
import { answerAndNext } from './lib/play.mjs';

const stack = useStack({ lrs: true });

test('a course opened once runs offline with the server stopped, and syncs when the network returns', async () => {
  const context = await stack.browser.newContext();
  // The LRS is reached through a config the site serves (the service worker caches it for offline use).
  await context.route('**/config.json', (route) => route.fulfill({
    json: { packageUrl: 'course/pkg.json', lrs: { endpoint: stack.lrs.endpoint, auth: stack.lrs.authHeader, timeoutMs: 2000 } },
  }));
  const page = await context.newPage();
  await page.goto(`${stack.server.origin}/`);
  await page.locator('form.item').waitFor();
  // One visit is enough: the whole course is cached once the service worker runs, and the page says so.
  await page.locator('.offline[data-available=true]').waitFor();
  assert.match(await page.locator('.offline').textContent(), /Available offline/);
  await answerAndNext(page, '1/4');

  // Network gone, server gone.
  await context.setOffline(true);
  await stack.server.stop();
  await context.unroute('**/config.json');
  await page.reload();
  await page.locator('form.item[data-item-id=uf-name-one-third]').waitFor();
  // Four right at the first try master the skill, and the practice ends there.
  for (const option of ['1/3', '1/2', 'No']) await answerAndNext(page, option);
  await page.locator('[data-step=finished]').waitFor();
  // The finished screen and the device panel are in the part of the player loaded after the first item:
  // the service worker has it too.
  await page.getByText('This device', { exact: true }).click();
  await page.locator('.device .storage').filter({ hasText: /\S/ }).waitFor();
  const queued = (await idbAll(page, 'outbox')).filter((r) => r.state === 'pending').length;
  assert.ok(queued >= 3, `answers made offline wait in the outbox (${queued})`);

  // Back online: the queue drains into Ralph.
  await context.setOffline(false);
  await page.waitForFunction(() => document.querySelector('.sync')?.dataset.pending === '0', null, { timeout: 30_000 });
  const [{ value: learnerId }] = await idbAll(page, 'meta');
  const agent = JSON.stringify({ objectType: 'Agent', account: { homePage: stack.server.origin, name: learnerId } });
  const statements = await getStatements(stack.lrs, { agent });
  assert.equal(statements.filter((s) => s.verb.id.endsWith('/answered')).length, 4);
  assert.equal(statements.filter((s) => s.verb.id.endsWith('/completed')).length, 1);
  await context.close();
});
