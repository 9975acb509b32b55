//! Small DOM builders. Author text only ever goes in through [`text`]-style setters (`textContent`),
//! never as HTML.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, HtmlInputElement, Node};

// The builders' DOM calls, bound without `catch`: each throws only for a malformed tag, attribute or
// class *name*, and every name here is a constant of the player (author text only ever goes into
// attribute values and `textContent`). web-sys binds them as fallible, and the `?` on each gave every
// caller an error path for a failure that cannot happen: 22 KB of the wasm (8 KB gzip) in all.
#[wasm_bindgen]
extern "C" {
    /// Any node or the document, for the calls below (made with `unchecked_ref`).
    #[wasm_bindgen(js_name = Node)]
    type Raw;
    #[wasm_bindgen(thread_local_v2, js_name = document)]
    static DOCUMENT: Raw;
    #[wasm_bindgen(method, js_name = createElement)]
    fn create(this: &Raw, tag: &str) -> Element;
    #[wasm_bindgen(method, js_name = createElementNS)]
    fn create_ns(this: &Raw, namespace: &str, tag: &str) -> Element;
    #[wasm_bindgen(method, js_name = setAttribute)]
    fn set_attr(this: &Raw, name: &str, value: &str);
    #[wasm_bindgen(method, js_name = appendChild)]
    fn append_node(this: &Raw, child: &Node);
    #[wasm_bindgen(method, js_name = insertBefore)]
    fn insert_node(this: &Raw, child: &Node, before: Option<&Node>);
    #[wasm_bindgen(method, js_name = removeAttribute)]
    fn remove_attr(this: &Raw, name: &str);
    #[wasm_bindgen(method, getter, js_name = classList)]
    fn class_list_raw(this: &Raw) -> Raw;
    #[wasm_bindgen(method, js_name = add)]
    fn add_token(this: &Raw, token: &str);
    #[wasm_bindgen(method, getter, js_name = style)]
    fn style_raw(this: &Raw) -> Raw;
    #[wasm_bindgen(method, js_name = setProperty)]
    fn set_property_raw(this: &Raw, name: &str, value: &str);
}

/// The page's document (the player only ever runs in a window).
pub fn page() -> Document {
    DOCUMENT.with(|d| d.unchecked_ref::<Document>().clone())
}

/// Setting attributes and adding children, for the player's own (constant) attribute names.
pub trait Build {
    /// Sets attribute `name` (a constant of the player) to `value` (which may be author text).
    fn attr(&self, name: &str, value: &str);
    /// Appends `child`.
    fn add(&self, child: &Node);
    /// Inserts `child` before `before` (at the end when None).
    fn insert(&self, child: &Node, before: Option<&Node>);
    /// Removes attribute `name` (a constant of the player).
    fn unset(&self, name: &str);
    /// Adds the class `token` (a constant of the player, so never malformed).
    fn add_class(&self, token: &str);
}

impl Build for Element {
    fn attr(&self, name: &str, value: &str) {
        self.unchecked_ref::<Raw>().set_attr(name, value);
    }
    fn add(&self, child: &Node) {
        self.unchecked_ref::<Raw>().append_node(child);
    }
    fn insert(&self, child: &Node, before: Option<&Node>) {
        self.unchecked_ref::<Raw>().insert_node(child, before);
    }
    fn unset(&self, name: &str) {
        self.unchecked_ref::<Raw>().remove_attr(name);
    }
    fn add_class(&self, token: &str) {
        self.unchecked_ref::<Raw>()
            .class_list_raw()
            .add_token(token);
    }
}

/// A new element `<tag class="class">`.
pub fn el(tag: &str, class: &str) -> Element {
    let e = DOCUMENT.with(|d| d.create(tag));
    if !class.is_empty() {
        e.set_class_name(class);
    }
    e
}

/// A new element `<tag>` in namespace `namespace` (SVG, MathML).
pub fn el_ns(namespace: &str, tag: &str) -> Element {
    DOCUMENT.with(|d| d.create_ns(namespace, tag))
}

/// A new element holding `content` as text.
pub fn text(tag: &str, class: &str, content: &str) -> Element {
    let e = el(tag, class);
    e.set_text_content(Some(content));
    e
}

/// A new element holding the interface message `key` in `lang`, marked so [`relabel`] can change its
/// language later.
pub fn message(tag: &str, class: &str, lang: &str, key: &str) -> Element {
    let e = text(tag, class, crate::i18n::t(lang, key));
    e.attr("data-i18n", key);
    e
}

/// Puts every element under `root` made by [`message`] in `lang` (a language switch).
pub fn relabel(root: &Element, lang: &str) {
    let Ok(marked) = root.query_selector_all("[data-i18n]") else {
        return;
    };
    for i in 0..marked.length() {
        if let Some(e) = marked.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            if let Some(key) = e.get_attribute("data-i18n") {
                e.set_text_content(Some(crate::i18n::t(lang, &key)));
            }
        }
    }
}

/// Appends a new text element to `parent` and returns it.
pub fn add_text(parent: &Element, tag: &str, class: &str, content: &str) -> Element {
    let e = text(tag, class, content);
    parent.add(&e);
    e
}

/// Moves keyboard focus to `element` (e.g. the feedback after Check).
pub fn focus(element: &Element) {
    if let Some(h) = element.dyn_ref::<HtmlElement>() {
        let _ = h.focus();
    }
}

/// Draws `node` (built in the core by `crate::view`) with DOM calls alone: `createElement(NS)`,
/// `setAttribute` and text nodes, never markup.
pub fn draw(node: &crate::view::Node) -> Node {
    match node {
        crate::view::Node::Text(t) => page().create_text_node(t).into(),
        crate::view::Node::Element(e) => draw_el(e).into(),
    }
}

/// Draws the element `e` and everything in it (see [`draw`]).
pub fn draw_el(e: &crate::view::Element) -> Element {
    let made = match e.space.uri() {
        None => DOCUMENT.with(|d| d.create(e.tag)),
        Some(uri) => el_ns(uri, e.tag),
    };
    for (name, value) in &e.attrs {
        made.attr(name, value);
    }
    if !e.styles.is_empty() {
        // Through the CSSOM, which a strict `style-src` allows (a `style` attribute it blocks).
        let style = made.unchecked_ref::<Raw>().style_raw();
        for (name, value) in &e.styles {
            style.set_property_raw(name, value);
        }
    }
    draw_into(&made, &e.children);
    made
}

/// Appends `nodes`, drawn, to `parent` (empty text draws nothing, as `textContent = ""` does).
pub fn draw_into(parent: &Element, nodes: &[crate::view::Node]) {
    for n in nodes {
        if matches!(n, crate::view::Node::Text(t) if t.is_empty()) {
            continue;
        }
        parent.add(&draw(n));
    }
}

/// The control `event` is for and its act: the nearest element from the event's target marked with an
/// act (`screen::act`); for a click, the nearest such button (a click elsewhere in a form is not the
/// form's).
pub fn acting(event: &web_sys::Event, click: bool) -> Option<(Element, crate::screen::act::Act)> {
    let target: Element = event.target()?.dyn_into().ok()?;
    let selector = if click {
        "button[data-act]"
    } else {
        "[data-act]"
    };
    let control = target.closest(selector).ok()??;
    let act = control.get_attribute(crate::screen::act::ATTR)?;
    Some((control.clone(), crate::screen::act::Act::parse(&act)?))
}

/// What the control holds: a field's or a menu's value, else its `value` attribute (a button's).
pub fn value(control: &Element) -> String {
    if let Some(input) = control.dyn_ref::<HtmlInputElement>() {
        return input.value();
    }
    if let Some(menu) = control.dyn_ref::<web_sys::HtmlSelectElement>() {
        return menu.value();
    }
    if let Some(area) = control.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        return area.value();
    }
    control.get_attribute("value").unwrap_or_default()
}

/// The fields under `scope` (inputs, menus, text areas), each by its `name`, else its `id`, with what
/// it holds: a box or a radio button [`crate::screen::act::TICKED`] when ticked, else nothing.
pub fn fields(scope: &Element) -> Vec<(String, String)> {
    let Ok(list) = scope.query_selector_all("input, select, textarea") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .filter_map(|field| {
            let key = (field.get_attribute("name").filter(|n| !n.is_empty()))
                .or_else(|| field.get_attribute("id"))?;
            let ticked = (field.dyn_ref::<HtmlInputElement>())
                .filter(|i| matches!(i.type_().as_str(), "checkbox" | "radio"))
                .map(HtmlInputElement::checked);
            let held = match ticked {
                Some(true) => crate::screen::act::TICKED.to_owned(),
                Some(false) => String::new(),
                None => value(&field),
            };
            Some((key, held))
        })
        .collect()
}
