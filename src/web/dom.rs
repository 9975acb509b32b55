//! Small DOM builders. Author text only ever goes in through [`text`]-style setters (`textContent`),
//! never as HTML.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement, HtmlInputElement};

/// The page's document.
pub fn document() -> Result<Document, JsValue> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))
}

/// A new element `<tag class="class">`.
pub fn el(tag: &str, class: &str) -> Result<Element, JsValue> {
    let e = document()?.create_element(tag)?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    Ok(e)
}

/// A new element holding `content` as text.
pub fn text(tag: &str, class: &str, content: &str) -> Result<Element, JsValue> {
    let e = el(tag, class)?;
    e.set_text_content(Some(content));
    Ok(e)
}

/// A new element holding the interface message `key` in `lang`, marked so [`relabel`] can change its
/// language later.
pub fn message(tag: &str, class: &str, lang: &str, key: &str) -> Result<Element, JsValue> {
    let e = text(tag, class, crate::i18n::t(lang, key))?;
    e.set_attribute("data-i18n", key)?;
    Ok(e)
}

/// Appends a new [`message`] element to `parent` and returns it.
pub fn add_message(
    parent: &Element,
    tag: &str,
    class: &str,
    lang: &str,
    key: &str,
) -> Result<Element, JsValue> {
    let e = message(tag, class, lang, key)?;
    parent.append_child(&e)?;
    Ok(e)
}

/// Puts every element under `root` made by [`message`] in `lang` (a language switch).
pub fn relabel(root: &Element, lang: &str) -> Result<(), JsValue> {
    let marked = root.query_selector_all("[data-i18n]")?;
    for i in 0..marked.length() {
        if let Some(e) = marked.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            if let Some(key) = e.get_attribute("data-i18n") {
                e.set_text_content(Some(crate::i18n::t(lang, &key)));
            }
        }
    }
    Ok(())
}

/// A `<button type=...>` with a label.
pub fn button(label: &str, kind: &str, class: &str) -> Result<Element, JsValue> {
    let b = text("button", class, label)?;
    b.set_attribute("type", kind)?;
    Ok(b)
}

/// A radio input.
pub fn radio(name: &str, value: &str, id: &str) -> Result<HtmlInputElement, JsValue> {
    let input: HtmlInputElement = document()?.create_element("input")?.dyn_into()?;
    input.set_type("radio");
    input.set_name(name);
    input.set_value(value);
    input.set_id(id);
    Ok(input)
}

/// Appends each child to `parent`.
pub fn append(parent: &Element, children: &[&Element]) -> Result<(), JsValue> {
    for child in children {
        parent.append_child(child)?;
    }
    Ok(())
}

/// Appends a new text element to `parent` and returns it.
pub fn add_text(
    parent: &Element,
    tag: &str,
    class: &str,
    content: &str,
) -> Result<Element, JsValue> {
    let e = text(tag, class, content)?;
    parent.append_child(&e)?;
    Ok(e)
}

/// Moves keyboard focus to `element` (e.g. the feedback after Check).
pub fn focus(element: &Element) {
    if let Some(h) = element.dyn_ref::<HtmlElement>() {
        let _ = h.focus();
    }
}
