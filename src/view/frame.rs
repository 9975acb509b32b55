//! The player's frame: the header (course and activity titles, the goal line, the language menu), the
//! stage a screen is drawn into, the live announcer and the footer with the sync line. The shell draws
//! it once when it starts and keeps handles to its parts; the first-item form (`pacer first`) carries
//! it whole, so the page a new learner first sees is the one the player then takes over.
//!
//! Not here: the stage's screens (`item`, `page`, `finished`), the goal's words (the shell fills the
//! goal line), the sync line's words (`sync_line`), events.

use super::{language, Element, Node};
use crate::i18n::t;

/// What the frame shows around its stage.
pub struct Frame<'a> {
    /// The learner's language.
    pub lang: &'a str,
    pub title: &'a str,
    pub subtitle: &'a str,
    /// The package's languages: a menu when there are two or more.
    pub languages: &'a [String],
}

/// The frame, with `stage` in its stage.
pub fn frame(f: &Frame<'_>, stage: Vec<Node>) -> Element {
    let languages: Vec<&str> = f.languages.iter().map(String::as_str).collect();
    let header = Element::new("header", "pacer-header")
        .child(Element::text("h1", "course-title", f.title))
        .child(Element::text("p", "activity-title", f.subtitle))
        .child(Element::new("p", "goal-line"))
        .child(Element::new("p", "language-choice").children(language::choice(&languages, f.lang)));
    Element::new("main", "pacer")
        .child(header)
        .child(
            Element::new("section", "stage")
                .attr("aria-label", t(f.lang, "activity"))
                .children(stage),
        )
        .child(Element::new("div", "announcer visually-hidden").attr("aria-live", "polite"))
        .child(
            Element::new("footer", "pacer-footer")
                .child(Element::new("p", "sync").attr("role", "status")),
        )
}
