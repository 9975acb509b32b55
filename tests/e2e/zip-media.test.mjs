// A packed course plays whole from its zip: the image and the audio of a lesson, and the pictures of an
// item stem, of a choice option, of a hotspot and of a dragToImage item, come from the zip (checked
// against its SHA-256 list, shown through blob: URLs), never asked of the server; and after one visit the
// zipped course, media included, plays with the network gone and the server stopped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot, startServer } from './lib/server.mjs';
import { launchBrowser } from './lib/browser.mjs';

const bin = path.join(repoRoot, 'target/release/pacer');
const work = mkdtempSync(path.join(tmpdir(), 'pacer-zip-media-'));

// Half a second of a 440 Hz tone, 8 kHz 8-bit mono PCM.
function wav() {
  const rate = 8000;
  const samples = Buffer.alloc(rate / 2);
  for (let i = 0; i < samples.length; i += 1) samples[i] = 128 + Math.round(100 * Math.sin((2 * Math.PI * 440 * i) / rate));
  const head = Buffer.alloc(44);
  head.write('RIFF', 0); head.writeUInt32LE(36 + samples.length, 4); head.write('WAVE', 8);
  head.write('fmt ', 12); head.writeUInt32LE(16, 16); head.writeUInt16LE(1, 20); head.writeUInt16LE(1, 22);
  head.writeUInt32LE(rate, 24); head.writeUInt32LE(rate, 28); head.writeUInt16LE(1, 32); head.writeUInt16LE(8, 34);
  head.write('data', 36); head.writeUInt32LE(samples.length, 40);
  return Buffer.concat([head, samples]);
}

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60">'
  + '<rect width="60" height="60" fill="#0b5cad"/><rect x="60" width="60" height="60" fill="#f2b705"/></svg>';

let server;
let browser;

before(async () => {
  const course = path.join(work, 'course');
  execFileSync(bin, ['new', course]);
  mkdirSync(path.join(course, 'media'));
  writeFileSync(path.join(course, 'media/halves.svg'), SVG);
  writeFileSync(path.join(course, 'media/tone.wav'), wav());
  const lesson = path.join(course, 'content/intro.json');
  const json = JSON.parse(readFileSync(lesson, 'utf8'));
  json.pages[0].blocks.push(
    { type: 'image', src: 'media/halves.svg', alt: { en: 'A bar in two equal halves' } },
    { type: 'audio', src: 'media/tone.wav', transcript: { en: 'A short tone.' } },
  );
  // The lesson's check shows the same picture in its stem and as one of its options (issue 23).
  Object.assign(json.items[0], {
    blocks: [{ type: 'image', src: 'media/halves.svg', alt: { en: 'Two equal halves' } }],
    interaction: {
      type: 'singleChoice',
      correct: 'half',
      options: [
        { id: 'half', image: 'media/halves.svg', text: { en: 'A bar cut in two equal halves' } },
        { id: 'none', text: { en: 'None of these' } },
      ],
    },
  });
  writeFileSync(lesson, JSON.stringify(json, null, 2));
  // A check answered on the same picture: a hotspot of one pick, then a dragToImage item (issue 23).
  const halves = (id) => ({ en: id === 'blue' ? 'The blue half' : 'The yellow half' });
  writeFileSync(path.join(course, 'content/pictures.json'), JSON.stringify({
    id: 'pictures',
    items: [
      {
        id: 'pick-half',
        skills: ['skill-one'],
        stem: { en: 'Pick the yellow half.' },
        interaction: {
          type: 'hotspot', image: 'media/halves.svg', alt: { en: 'A bar: a blue half and a yellow half' }, width: 120, height: 60,
          regions: [
            { id: 'blue', label: halves('blue'), shape: 'rect', coords: [0, 0, 60, 60] },
            { id: 'yellow', label: halves('yellow'), shape: 'rect', coords: [60, 0, 120, 60] },
          ],
          correct: 'yellow',
        },
      },
      {
        id: 'name-halves',
        skills: ['skill-one'],
        stem: { en: 'Name each half by its colour.' },
        interaction: {
          type: 'dragToImage', image: 'media/halves.svg', alt: { en: 'A bar: a blue half and a yellow half' }, width: 120, height: 60,
          targets: [
            { id: 'left', text: { en: 'the left half' }, x: 30, y: 30, answer: 'blue' },
            { id: 'right', text: { en: 'the right half' }, x: 90, y: 30, answer: 'yellow' },
          ],
          labels: [{ id: 'blue', text: { en: 'blue' } }, { id: 'yellow', text: { en: 'yellow' } }],
        },
      },
    ],
  }, null, 2));
  const manifestPath = path.join(course, 'pkg.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  manifest.activities.push({ id: 'pictures', file: 'content/pictures.json', title: { en: 'Pictures' }, kind: 'check', skills: ['skill-one'] });
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  // The site: the built player, and the packed course beside it (no folder copy of the course).
  const site = path.join(work, 'site');
  cpSync(path.join(repoRoot, 'dist'), site, { recursive: true });
  rmSync(path.join(site, 'course'), { recursive: true });
  execFileSync(bin, ['pack', course, '-o', path.join(site, 'course.zip')]);
  writeFileSync(path.join(site, 'config.json'), JSON.stringify({ packageUrl: 'course.zip' }));
  server = await startServer(site);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function mediaPlay(page) {
  const img = page.locator('figure img');
  await img.waitFor();
  await page.waitForFunction(() => document.querySelector('figure img')?.complete);
  const image = await img.evaluate((el) => ({ src: el.src, width: el.naturalWidth, alt: el.alt }));
  assert.match(image.src, /^blob:/);
  assert.equal(image.width, 120, 'the SVG from the zip is drawn');
  assert.equal(image.alt, 'A bar in two equal halves');
  const audio = await page.locator('audio').evaluate((el) => new Promise((resolve) => {
    el.preload = 'auto';
    el.addEventListener('loadedmetadata', () => resolve({ src: el.src, duration: el.duration }), { once: true });
    el.addEventListener('error', () => resolve({ src: el.src, error: el.error?.code }), { once: true });
    el.load();
  }));
  assert.match(audio.src, /^blob:/);
  assert.ok(Math.abs(audio.duration - 0.5) < 0.01, `the tone from the zip plays (${JSON.stringify(audio)})`);
}

// Before the offline test, which stops the server.
test('a zipped course shows the pictures of an item stem and of an option from the zip', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const asked = [];
  page.on('request', (r) => { if (/\/media\//.test(r.url())) asked.push(r.url()); });
  await page.goto(`${server.origin}/`);
  await page.locator('figure img').waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('form.item .stem-blocks img').waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll('form.item img')].every((i) => i.complete && i.naturalWidth > 0));
  const pictures = await page.locator('form.item img').evaluateAll((imgs) => imgs.map((i) => ({ src: i.src, alt: i.alt, width: i.naturalWidth })));
  assert.equal(pictures.length, 2);
  for (const p of pictures) {
    assert.match(p.src, /^blob:/, 'from the zip');
    assert.equal(p.width, 120);
  }
  assert.deepEqual(pictures.map((p) => p.alt), ['Two equal halves', 'A bar cut in two equal halves']);
  await page.getByRole('radio', { name: 'A bar cut in two equal halves' }).check();
  await page.getByRole('button', { name: 'Check' }).click();
  await page.locator('.feedback').waitFor();
  assert.equal(await page.locator('.verdict').textContent(), 'Correct!');
  assert.deepEqual(asked, [], 'no media file is asked of the server');
  await context.close();
});


// The pictures a hotspot and a dragToImage item are answered on are drawn by the later part of the player,
// one in an SVG <image>, the other in an <img>: both from the zip.
test('a zipped course draws the pictures of a hotspot and of a dragToImage item from the zip', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const asked = [];
  const errors = [];
  page.on('request', (r) => { if (/\/media\//.test(r.url())) asked.push(r.url()); });
  page.on('pageerror', (e) => errors.push(e.message));
  const drawn = (src) => page.evaluate(async (s) => {
    const img = new Image();
    img.src = s;
    await img.decode();
    return img.naturalWidth;
  }, src);
  await page.goto(`${server.origin}/?activity=pictures`);
  await page.locator('form.item[data-item-id=pick-half] svg.hotspot-image .region').first().waitFor();
  const href = await page.locator('svg.hotspot-image image').getAttribute('href');
  assert.match(href, /^blob:/, 'the hotspot picture is from the zip');
  assert.equal(await drawn(href), 120, 'and it is the SVG');
  await page.getByRole('radio', { name: 'The yellow half' }).press('Space');
  await page.getByRole('button', { name: 'Check' }).click();
  await page.locator('.feedback').waitFor();
  assert.equal(await page.locator('.verdict').textContent(), 'Correct!');
  await page.getByRole('button', { name: /^(Next|Finish)$/ }).click();
  await page.locator('form.item[data-item-id=name-halves][data-step=answering] .drop-picture img').waitFor();
  const src = await page.locator('.drop-picture img').getAttribute('src');
  assert.match(src, /^blob:/, 'the dragToImage picture is from the zip');
  assert.equal(await drawn(src), 120);
  await page.locator('select[name="target-left"]').selectOption('blue');
  await page.locator('select[name="target-right"]').selectOption('yellow');
  await page.getByRole('button', { name: 'Check' }).click();
  await page.locator('.feedback').waitFor();
  assert.equal(await page.locator('.verdict').textContent(), 'Correct!');
  assert.deepEqual(asked, [], 'no media file is asked of the server');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a zipped course shows its image and plays its audio from the zip, online and offline', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const asked = [];
  const warnings = [];
  page.on('request', (r) => { if (/\/media\//.test(r.url())) asked.push(r.url()); });
  page.on('console', (m) => { if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text()); });
  await page.goto(`${server.origin}/`);
  await mediaPlay(page);
  await page.locator('.offline[data-available=true]').waitFor();
  assert.deepEqual(asked, [], 'no media file is asked of the server');
  assert.deepEqual(warnings.filter((w) => /offline/.test(w)), []);

  await context.setOffline(true);
  await server.stop();
  await page.reload();
  await mediaPlay(page);
  assert.deepEqual(asked, []);
  await context.close();
});
