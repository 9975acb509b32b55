//! Renders author text in the safe markup subset (`**strong**`, `*emphasis*`, `$math$`) with DOM calls:
//! text nodes, `<strong>`, `<em>` and MathML elements. Nothing is ever parsed as HTML, so author text
//! cannot inject markup or script.

use super::dom;
use crate::package::markup::{parse_inline, Inline};
use crate::package::math::{parse_tex, MathNode};
use wasm_bindgen::JsValue;
use web_sys::Element;

const MATHML: &str = "http://www.w3.org/1998/Math/MathML";

/// Appends `text` to `parent` as inline runs (falls back to plain text if its math is malformed;
/// `pacer validate` reports that).
pub fn inline(parent: &Element, text: &str) -> Result<(), JsValue> {
    let document = dom::document()?;
    let runs = parse_inline(text).unwrap_or_else(|_| vec![Inline::Text(text.to_owned())]);
    for run in runs {
        match run {
            Inline::Text(s) => {
                parent.append_child(&document.create_text_node(&s))?;
            }
            Inline::Strong(s) => {
                let child = dom::text("strong", "", &s)?;
                parent.append_child(&child)?;
            }
            Inline::Emphasis(s) => {
                let child = dom::text("em", "", &s)?;
                parent.append_child(&child)?;
            }
            Inline::Math(node, _) => {
                let child = math(&node, false)?;
                parent.append_child(&child)?;
            }
        }
    }
    Ok(())
}

/// A new `<tag class>` element holding `text` as inline runs.
pub fn element(tag: &str, class: &str, text: &str) -> Result<Element, JsValue> {
    let e = dom::el(tag, class)?;
    inline(&e, text)?;
    Ok(e)
}

/// Appends lesson text: paragraphs separated by blank lines.
pub fn paragraphs(parent: &Element, text: &str) -> Result<(), JsValue> {
    for para in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        let child = element("p", "", para.trim())?;
        parent.append_child(&child)?;
    }
    Ok(())
}

/// A `<math>` element for a formula in the TeX subset (as text when it does not parse).
pub fn display_math(tex: &str) -> Result<Element, JsValue> {
    match parse_tex(tex) {
        Ok(node) => math(&node, true),
        Err(_) => dom::text("p", "", tex),
    }
}

fn math(node: &MathNode, display: bool) -> Result<Element, JsValue> {
    let root = ns("math")?;
    if display {
        root.set_attribute("display", "block")?;
    }
    let child = mathml(node)?;
    root.append_child(&child)?;
    Ok(root)
}

fn ns(tag: &str) -> Result<Element, JsValue> {
    dom::document()?.create_element_ns(Some(MATHML), tag)
}

fn leaf(tag: &str, text: &str) -> Result<Element, JsValue> {
    let e = ns(tag)?;
    e.set_text_content(Some(text));
    Ok(e)
}

fn mathml(node: &MathNode) -> Result<Element, JsValue> {
    Ok(match node {
        MathNode::Row(nodes) => {
            let row = ns("mrow")?;
            for n in nodes {
                let child = mathml(n)?;
                row.append_child(&child)?;
            }
            row
        }
        MathNode::Number(s) => leaf("mn", s)?,
        MathNode::Ident(s) => leaf("mi", s)?,
        MathNode::Operator(s) => leaf("mo", s)?,
        MathNode::Text(s) => leaf("mtext", s)?,
        MathNode::Frac(a, b) => pair("mfrac", a, b)?,
        MathNode::Sup(a, b) => pair("msup", a, b)?,
        MathNode::Sub(a, b) => pair("msub", a, b)?,
        MathNode::Sqrt(a) => {
            let e = ns("msqrt")?;
            let child = mathml(a)?;
            e.append_child(&child)?;
            e
        }
    })
}

fn pair(tag: &str, a: &MathNode, b: &MathNode) -> Result<Element, JsValue> {
    let e = ns(tag)?;
    let child = mathml(a)?;
    e.append_child(&child)?;
    let child = mathml(b)?;
    e.append_child(&child)?;
    Ok(e)
}
