//! Looking into built trees, for the view tests: an element of a node, an element's element children,
//! and the elements under one (itself included) by tag or by class, in document order. Test-only.

#![cfg(test)]

use super::{Element, Node};

/// The element `n` is (a test fails on text).
pub(crate) fn element(n: &Node) -> &Element {
    match n {
        Node::Element(e) => e,
        Node::Text(t) => panic!("an element, not text {t:?}"),
    }
}

/// The element children of `e` (a test fails on text).
pub(crate) fn kids(e: &Element) -> Vec<&Element> {
    e.children.iter().map(element).collect()
}

/// The elements under `e`, itself included, that `keep` keeps, in document order.
fn under<'e>(e: &'e Element, keep: &dyn Fn(&Element) -> bool) -> Vec<&'e Element> {
    fn walk<'e>(e: &'e Element, keep: &dyn Fn(&Element) -> bool, out: &mut Vec<&'e Element>) {
        if keep(e) {
            out.push(e);
        }
        for n in &e.children {
            if let Node::Element(c) = n {
                walk(c, keep, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(e, keep, &mut out);
    out
}

/// The `tag` elements under `e`.
pub(crate) fn by_tag<'e>(e: &'e Element, tag: &str) -> Vec<&'e Element> {
    under(e, &|x| x.tag == tag)
}

/// The elements under `e` whose class list holds `class`.
pub(crate) fn by_class<'e>(e: &'e Element, class: &str) -> Vec<&'e Element> {
    under(e, &|x| {
        (x.get("class").unwrap_or("").split(' ')).any(|c| c == class)
    })
}
