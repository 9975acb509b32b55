// The first-item probe's page (#19): fetches the module and the first item's binary form together, draws
// the item, and (variants B and B-key) on Check lets the module score it and store the attempt before
// the feedback shows. The real page would then load the full player, which takes over.
import init, * as first from './first/pacer_first.js';

const [, form] = await Promise.all([init(), fetch('first.bin').then((r) => r.arrayBuffer())]);
const main = document.getElementById('player');
if (first.draw(new Uint8Array(form), main) && first.check) {
  const item = main.querySelector('form.item');
  item.addEventListener('submit', (e) => {
    e.preventDefault();
    first.check(item, (correct) => { item.dataset.checked = String(correct); });
  });
}
