//! Author text in the safe markup subset (`**strong**`, `*emphasis*`, `$math$`) as elements: text,
//! `<strong>`, `<em>` and MathML. Nothing is parsed as HTML, so author text cannot inject markup or
//! script.

use super::{Element, Node, Space};
use crate::package::markup::{parse_inline, Inline};
use crate::package::math::{parse_tex, MathNode};

/// `text` as inline runs (plain text when its math is malformed; `pacer validate` reports that).
pub fn inline(text: &str) -> Vec<Node> {
    let runs = parse_inline(text).unwrap_or_else(|_| vec![Inline::Text(text.to_owned())]);
    runs.into_iter()
        .map(|run| match run {
            Inline::Text(s) => Node::Text(s),
            Inline::Strong(s) => Element::text("strong", "", &s).into(),
            Inline::Emphasis(s) => Element::text("em", "", &s).into(),
            Inline::Math(node, _) => math(&node, false).into(),
        })
        .collect()
}

/// A `<tag class>` element holding `text` as inline runs.
pub fn element(tag: &'static str, class: &str, text: &str) -> Element {
    Element::new(tag, class).children(inline(text))
}

/// Lesson text: a paragraph per run of text between blank lines.
pub fn paragraphs(text: &str) -> Vec<Node> {
    text.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| element("p", "", p.trim()).into())
        .collect()
}

/// A `<math>` element for a formula in the TeX subset (a paragraph of its text when it does not parse).
pub fn display_math(tex: &str) -> Element {
    match parse_tex(tex) {
        Ok(node) => math(&node, true),
        Err(_) => Element::text("p", "", tex),
    }
}

fn math(node: &MathNode, display: bool) -> Element {
    let root = ns("math");
    let root = if display {
        root.attr("display", "block")
    } else {
        root
    };
    root.child(mathml(node))
}

fn ns(tag: &'static str) -> Element {
    Element::in_space(Space::MathMl, tag, "")
}

fn leaf(tag: &'static str, text: &str) -> Element {
    ns(tag).with_text(text)
}

fn mathml(node: &MathNode) -> Element {
    match node {
        MathNode::Row(nodes) => ns("mrow").children(nodes.iter().map(|n| mathml(n).into())),
        MathNode::Number(s) => leaf("mn", s),
        MathNode::Ident(s) => leaf("mi", s),
        MathNode::Operator(s) => leaf("mo", s),
        MathNode::Sign(s) => ns("mo")
            .attr("form", "prefix")
            .attr("lspace", "0")
            .attr("rspace", "0")
            .with_text(s),
        MathNode::Text(s) => leaf("mtext", s),
        MathNode::Frac(a, b) => pair("mfrac", a, b),
        MathNode::Sup(a, b) => pair("msup", a, b),
        MathNode::Sub(a, b) => pair("msub", a, b),
        MathNode::Sqrt(a) => ns("msqrt").child(mathml(a)),
    }
}

fn pair(tag: &'static str, a: &MathNode, b: &MathNode) -> Element {
    ns(tag).child(mathml(a)).child(mathml(b))
}
