// Variant A0 of the first-item probe (#19): no wasm at all. Draws the JSON form of the core's view tree
// (`screen.json`, written by `first-form` from `pacer::view::Node`) with the same DOM calls as the
// shell's `web::dom::draw`: createElement(NS), setAttribute, text nodes, never markup.
const NS = { Svg: 'http://www.w3.org/2000/svg', MathMl: 'http://www.w3.org/1998/Math/MathML' };

/** The DOM node of `n`, a `view::Node` as serde_json writes it ({"Element": {...}} or {"Text": "..."}). */
export function draw(n) {
  if ('Text' in n) return document.createTextNode(n.Text);
  const { space, tag, attrs, children } = n.Element;
  const e = NS[space] ? document.createElementNS(NS[space], tag) : document.createElement(tag);
  for (const [name, value] of attrs) e.setAttribute(name, value);
  for (const c of children) if (!('Text' in c) || c.Text !== '') e.append(draw(c));
  return e;
}

/** Fetches the screen at `url` and draws it into `parent`. */
export async function show(url, parent) {
  const r = await fetch(url);
  parent.append(draw(await r.json()));
}
