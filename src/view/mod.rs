//! What the player shows, as plain values: elements with their attributes and children, and text.
//!
//! The core builds a screen's parts here (author text in the safe markup subset, MathML, the SVG of a
//! drawn figure, a lesson's blocks) and the shell draws them with DOM calls alone
//! (`web::dom::draw`: `createElement`, `setAttribute`, text nodes). So what a learner sees is decided
//! where a native test reaches it, and the shell stays a thin drawer.
//!
//! Deliberately not here: HTML. Nothing is ever written or parsed as markup (author text cannot inject
//! any); events and focus, which are the shell's; deciding what a screen holds (`screen` does).

use serde::{Deserialize, Serialize};

pub mod blocks;
pub mod controls;
pub mod device;
pub mod drop;
pub mod error;
pub mod figure;
pub mod finished;
pub mod frame;
pub mod item;
pub mod journal;
pub mod language;
pub mod page;
pub mod passage;
pub mod picture;
pub(crate) mod probe;
pub mod progress;
pub mod read;
pub mod rich;
#[cfg(test)]
mod tests;
pub mod visual;

/// The namespace an element is made in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Space {
    Html,
    Svg,
    MathMl,
}

impl Space {
    /// The namespace URI for `createElementNS`; None for HTML, made with `createElement`.
    pub fn uri(self) -> Option<&'static str> {
        match self {
            Space::Html => None,
            Space::Svg => Some("http://www.w3.org/2000/svg"),
            Space::MathMl => Some("http://www.w3.org/1998/Math/MathML"),
        }
    }
}

/// A piece of a screen: an element or a run of text.
///
/// Serialize and Deserialize give the compact binary form (postcard) a first-item module draws
/// (`crates/first`, #19): its tag and attribute names are borrowed from the bytes, which that module
/// keeps for the page's life.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub enum Node {
    Element(Element),
    /// Text, drawn as a text node (never parsed); empty text draws nothing.
    Text(String),
}

impl From<Element> for Node {
    fn from(e: Element) -> Self {
        Node::Element(e)
    }
}

/// An element: its tag in its namespace, its attributes in the order they are set, its style
/// properties, its children.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Element {
    pub space: Space,
    pub tag: &'static str,
    pub attrs: Vec<(&'static str, String)>,
    /// Inline style properties (a control's place on a picture, a picture's width): the shell sets
    /// them through the CSSOM (`style.setProperty`), which a strict `style-src` allows, never as a
    /// `style` attribute, which it blocks.
    pub styles: Vec<(&'static str, String)>,
    pub children: Vec<Node>,
}

impl Element {
    /// An HTML element `<tag class="class">` (no class attribute when `class` is empty).
    pub fn new(tag: &'static str, class: &str) -> Self {
        Self::in_space(Space::Html, tag, class)
    }

    /// An element in `space`, classed like [`Element::new`].
    pub fn in_space(space: Space, tag: &'static str, class: &str) -> Self {
        let mut e = Element {
            space,
            tag,
            attrs: Vec::new(),
            styles: Vec::new(),
            children: Vec::new(),
        };
        if !class.is_empty() {
            e.attrs.push(("class", class.to_owned()));
        }
        e
    }

    /// An HTML element holding `text` as its only child.
    pub fn text(tag: &'static str, class: &str, text: &str) -> Self {
        Self::new(tag, class).with_text(text)
    }

    /// Sets attribute `name` (replacing an earlier value).
    pub fn attr(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.set(name, value);
        self
    }

    /// Marks a control with what it is for (see [`crate::screen::act`]), which the shell reads back
    /// from an event on it.
    pub fn act(self, act: crate::screen::act::Act) -> Self {
        self.attr(crate::screen::act::ATTR, act.name())
    }

    /// Sets attribute `name` in place (replacing an earlier value).
    pub fn set(&mut self, name: &'static str, value: impl Into<String>) {
        let value = value.into();
        match self.attrs.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.attrs.push((name, value)),
        }
    }

    /// Sets the style property `name` (see [`Element::styles`]).
    pub fn style(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.styles.push((name, value.into()));
        self
    }

    /// Appends a child.
    pub fn child(mut self, node: impl Into<Node>) -> Self {
        self.children.push(node.into());
        self
    }

    /// Appends children.
    pub fn children(mut self, nodes: impl IntoIterator<Item = Node>) -> Self {
        self.children.extend(nodes);
        self
    }

    /// Appends a run of text.
    pub fn with_text(mut self, text: &str) -> Self {
        self.children.push(Node::Text(text.to_owned()));
        self
    }

    /// The value of style property `name`.
    pub fn style_of(&self, name: &str) -> Option<&str> {
        (self.styles.iter())
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The value of attribute `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether this element or one inside it has `class` among its classes.
    pub fn holds_class(&self, class: &str) -> bool {
        let own = (self.get("class")).is_some_and(|c| c.split(' ').any(|c| c == class));
        own || (self.children.iter()).any(|n| matches!(n, Node::Element(e) if e.holds_class(class)))
    }

    /// All the text inside, in order (what `textContent` gives).
    pub fn text_content(&self) -> String {
        let mut out = String::new();
        collect_text(&self.children, &mut out);
        out
    }
}

fn collect_text(nodes: &[Node], out: &mut String) {
    for n in nodes {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => collect_text(&e.children, out),
        }
    }
}
