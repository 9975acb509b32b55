//! The language menu in the header, for a package in more than one language: each language by its own
//! name (its autonym, marked with `lang`), the learner's language chosen.
//!
//! Deliberately not here: switching (the menu's act says to; the shell's `web::player` switches), or
//! which languages a package has (`package::Manifest::languages`).

use super::{Element, Node};
use crate::i18n::{autonym, t};
use crate::package::primary_subtag;

#[cfg(test)]
mod tests;

/// The menu's id (its label points at it).
pub const MENU: &str = "pacer-language";

/// The label and menu choosing among `languages`, `lang` chosen (matched by primary subtag, so `es-MX`
/// chooses `es`); nothing for a package in one language.
pub fn choice(languages: &[&str], lang: &str) -> Vec<Node> {
    if languages.len() < 2 {
        return Vec::new();
    }
    let options = languages.iter().map(|l| {
        let option = Element::text("option", "", autonym(l))
            .attr("value", *l)
            .attr("lang", *l);
        if primary_subtag(l) == primary_subtag(lang) {
            option.attr("selected", "").into()
        } else {
            option.into()
        }
    });
    vec![
        Element::text("label", "", t(lang, "language"))
            .attr("for", MENU)
            .into(),
        Element::new("select", "")
            .attr("id", MENU)
            .act(crate::screen::act::Act::Language)
            .children(options)
            .into(),
    ]
}
