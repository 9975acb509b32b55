//! A lesson page as elements: its counter ("Page 2 of 4"), its title, its blocks as they show, the place
//! of its check (the item screen, `view::item`), and once the check is answered, the note saying so and
//! the form whose Continue (or Finish, on the last page) moves on.
//!
//! Deliberately not here: the item screen itself (the shell draws it where [`Part::Check`] says, with its
//! events), focus, or moving on.

use super::blocks::{self, Context};
use super::controls::button;
use super::{rich, Element, Node};
use crate::i18n::t;
use crate::package::Page;
use crate::screen::blocks::{show, Words};

#[cfg(test)]
mod tests;

/// One part of a page after its heading.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Shown(Node),
    /// Where the page's check (the current item's form) goes.
    Check,
}

/// A lesson page: the article with its counter and title, then its parts in order.
#[derive(Debug, Clone, PartialEq)]
pub struct PageView {
    pub article: Element,
    pub parts: Vec<Part>,
}

/// Where a page is in its lesson, and whether its check is answered (the learner is reading on).
#[derive(Debug, Clone, Copy)]
pub struct At {
    /// From 0.
    pub index: usize,
    pub total: usize,
    pub reading: bool,
}

/// The page `page`, at `at`, its texts in `words`' language.
pub fn page(page: &Page, at: At, words: &Words<'_>, cx: &Context<'_>) -> PageView {
    let lang = words.lang;
    let counter = format!(
        "{} {} {} {}",
        t(lang, "page"),
        at.index + 1,
        t(lang, "of"),
        at.total
    );
    let mut article = Element::new("article", "lesson-page")
        .attr("data-page-id", &page.id)
        .child(Element::text("p", "counter", &counter));
    if let Some(title) = &page.title {
        article = article.child(rich::element(
            "h2",
            "page-title",
            title.get(lang, words.default),
        ));
    }
    let mut parts = Vec::new();
    for block in &page.blocks {
        match block {
            crate::package::Block::Check { .. } if at.reading => parts.push(Part::Shown(
                Element::text("p", "answered-earlier", t(lang, "answered-earlier")).into(),
            )),
            crate::package::Block::Check { .. } => parts.push(Part::Check),
            other => {
                if let Some(shown) = show(other, words) {
                    parts.extend(blocks::render(&shown, cx).into_iter().map(Part::Shown));
                }
            }
        }
    }
    if at.reading {
        let last = at.index + 1 >= at.total;
        let label = t(lang, if last { "finish" } else { "continue" });
        let form = Element::new("form", "reading")
            .attr("data-step", "reading")
            .act(crate::screen::act::Act::Next)
            .child(button(label, "submit", "primary next"));
        parts.push(Part::Shown(form.into()));
    }
    PageView { article, parts }
}
