// What axe does not measure, measured in the page: the contrast of control boundaries (WCAG 1.4.11, 3:1)
// and of the focus ring (2.4.7 made visible: a 2 px or wider outline at 3:1 against what is behind it).

// Runs in the page: helpers to parse computed colours and compare them.
const IN_PAGE = () => {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const lum = ({ r, g, b }) => {
    const f = (v) => { const c = v / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (x, y) => { const [a, b] = [lum(x), lum(y)].sort((p, q) => q - p); return (a + 0.05) / (b + 0.05); };
  // The colour behind `el`: the first opaque background among its ancestors (the page's otherwise).
  const behind = (el) => {
    for (let e = el.parentElement; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0.5) return c;
    }
    return parse(getComputedStyle(document.documentElement).backgroundColor)?.a ? parse(getComputedStyle(document.documentElement).backgroundColor) : { r: 255, g: 255, b: 255, a: 1 };
  };
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };
  const name = (el) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}${el.name ? `[name=${el.name}]` : ''} "${(el.textContent || el.value || '').trim().slice(0, 30)}"`;
  return { parse, ratio, behind, visible, name };
};

// Every visible text box, select, button and fieldset whose boundary (border, or own background) is
// under 3:1 against what surrounds it. Radios and checkboxes are drawn by the browser (accent-color).
export function weakBoundaries(page) {
  return page.evaluate((helpers) => {
    const { parse, ratio, behind, visible, name } = (0, eval)(`(${helpers})`)();
    const out = [];
    for (const el of document.querySelectorAll('input:not([type=radio], [type=checkbox], [type=hidden], [type=file]), select, button, fieldset')) {
      if (!visible(el)) continue;
      const s = getComputedStyle(el);
      const back = behind(el);
      const border = parseFloat(s.borderTopWidth) >= 1 && s.borderTopStyle !== 'none' ? parse(s.borderTopColor) : null;
      const fill = parse(s.backgroundColor);
      const best = Math.max(border && border.a > 0.5 ? ratio(border, back) : 0, fill && fill.a > 0.5 ? ratio(fill, back) : 0);
      if (best < 3) out.push(`${name(el)}: boundary ${best.toFixed(2)}:1`);
    }
    return out;
  }, IN_PAGE.toString());
}

// Tabs through the whole page (keyboard modality, so :focus-visible applies) and returns every stop whose
// focus ring is missing, thinner than 2 px or under 3:1 against what is behind it. `stops` says how many
// elements were reached, so a test can tell it went somewhere.
export async function weakFocus(page, maxStops = 80) {
  // Start from the top of the page: focusing the body moves the sequential navigation start point there.
  await page.evaluate(() => {
    document.body.setAttribute('tabindex', '-1');
    document.body.focus();
    document.body.removeAttribute('tabindex');
  });
  const problems = [];
  const seen = new Set();
  let first = null;
  let stops = 0;
  for (let i = 0; i < maxStops; i += 1) {
    await page.keyboard.press('Tab');
    const r = await page.evaluate((helpers) => {
      const { parse, ratio, behind, name } = (0, eval)(`(${helpers})`)();
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      if (!el.dataset.focusProbe) el.dataset.focusProbe = String(Math.random());
      const s = getComputedStyle(el);
      const width = parseFloat(s.outlineWidth);
      const color = parse(s.outlineColor);
      const contrast = color ? ratio(color, behind(el)) : 0;
      const ok = s.outlineStyle !== 'none' && width >= 2 && contrast >= 3;
      return { key: el.dataset.focusProbe, ok, what: `${name(el)}: outline ${s.outlineStyle} ${width}px at ${contrast.toFixed(2)}:1` };
    }, IN_PAGE.toString());
    if (!r || r.key === first) break; // left the page, or came round again
    first ??= r.key;
    if (seen.has(r.key)) continue; // one control, several stops (the fields of a date input)
    seen.add(r.key);
    stops += 1;
    if (!r.ok) problems.push(r.what);
  }
  return { problems, stops };
}
