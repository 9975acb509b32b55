// Playing the player from a test: answer the item on screen, move on, and wait until the next item (or the
// end) is rendered, so no action can hit the old item.
export async function checkOption(page, option) {
  await page.locator('form.item[data-step=answering]').waitFor();
  await page.getByLabel(option, { exact: true }).check();
  await page.getByRole('button', { name: 'Check' }).click();
  await page.locator('.feedback').waitFor();
}

export async function moveOn(page) {
  const from = await page.locator('form.item').getAttribute('data-item-id');
  await page.getByRole('button', { name: /^(Next|Finish)$/ }).click();
  await page.waitForFunction((id) => document.querySelector('form.item')?.dataset.itemId !== id
    || document.querySelector('[data-step=finished]') !== null, from);
}

export async function answerAndNext(page, option) {
  await checkOption(page, option);
  await moveOn(page);
}

// Waits until the player itself shows the page, not the first-item module that draws a new learner's
// first item before the player is here (#19): what the player does when it mounts (its events, the sync
// line) has then happened.
export async function playerShown(page) {
  await page.waitForFunction(() => {
    const root = document.getElementById('pacer-root');
    return root && !['drawn', 'storing', 'answered'].includes(root.dataset.first) && root.querySelector('.pacer-footer');
  });
}
