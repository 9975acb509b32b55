//! Renders author text in the safe markup subset (`**strong**`, `*emphasis*`, `$math$`) with DOM calls:
//! text nodes, `<strong>`, `<em>` and MathML elements. Nothing is ever parsed as HTML, so author text
//! cannot inject markup or script.

use super::dom;
use crate::package::markup::{parse_inline, Inline};
use crate::package::math::{parse_tex, MathNode};
use crate::web::dom::Build;
use web_sys::Element;

const MATHML: &str = "http://www.w3.org/1998/Math/MathML";

/// Appends `text` to `parent` as inline runs (falls back to plain text if its math is malformed;
/// `pacer validate` reports that).
pub fn inline(parent: &Element, text: &str) {
    let runs = parse_inline(text).unwrap_or_else(|_| vec![Inline::Text(text.to_owned())]);
    for run in runs {
        let child = match run {
            Inline::Text(s) => dom::page().create_text_node(&s).into(),
            Inline::Strong(s) => dom::text("strong", "", &s).into(),
            Inline::Emphasis(s) => dom::text("em", "", &s).into(),
            Inline::Math(node, _) => math(&node, false).into(),
        };
        let child: web_sys::Node = child;
        parent.add(&child);
    }
}

/// A new `<tag class>` element holding `text` as inline runs.
pub fn element(tag: &str, class: &str, text: &str) -> Element {
    let e = dom::el(tag, class);
    inline(&e, text);
    e
}

/// Appends lesson text: paragraphs separated by blank lines.
pub fn paragraphs(parent: &Element, text: &str) {
    for para in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        parent.add(&element("p", "", para.trim()));
    }
}

/// A `<math>` element for a formula in the TeX subset (as text when it does not parse).
pub fn display_math(tex: &str) -> Element {
    match parse_tex(tex) {
        Ok(node) => math(&node, true),
        Err(_) => dom::text("p", "", tex),
    }
}

fn math(node: &MathNode, display: bool) -> Element {
    let root = ns("math");
    if display {
        root.attr("display", "block");
    }
    root.add(&mathml(node));
    root
}

fn ns(tag: &str) -> Element {
    dom::el_ns(MATHML, tag)
}

fn leaf(tag: &str, text: &str) -> Element {
    let e = ns(tag);
    e.set_text_content(Some(text));
    e
}

fn mathml(node: &MathNode) -> Element {
    match node {
        MathNode::Row(nodes) => {
            let row = ns("mrow");
            for n in nodes {
                row.add(&mathml(n));
            }
            row
        }
        MathNode::Number(s) => leaf("mn", s),
        MathNode::Ident(s) => leaf("mi", s),
        MathNode::Operator(s) => leaf("mo", s),
        MathNode::Sign(s) => {
            let mo = leaf("mo", s);
            mo.attr("form", "prefix");
            mo.attr("lspace", "0");
            mo.attr("rspace", "0");
            mo
        }
        MathNode::Text(s) => leaf("mtext", s),
        MathNode::Frac(a, b) => pair("mfrac", a, b),
        MathNode::Sup(a, b) => pair("msup", a, b),
        MathNode::Sub(a, b) => pair("msub", a, b),
        MathNode::Sqrt(a) => {
            let e = ns("msqrt");
            e.add(&mathml(a));
            e
        }
    }
}

fn pair(tag: &str, a: &MathNode, b: &MathNode) -> Element {
    let e = ns(tag);
    e.add(&mathml(a));
    e.add(&mathml(b));
    e
}
