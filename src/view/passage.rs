//! The `hottext` control as elements: an instruction line and the passage as running text, each
//! selectable phrase a native toggle button (`aria-pressed`) in its place, so a screen reader reads the
//! passage in order and says which phrases are selected; once feedback is shown the phrases are fixed
//! and marked where they were selected or belonged selected. Also the passage as read aloud.
//!
//! Deliberately not here: toggling a phrase (the shell's click handler on `p.hottext-passage`, which
//! finds `button[data-phrase]`), reading the selection back, and scoring. The passage is author text in
//! the safe inline markup of `rich`, never HTML.

use super::controls::{mark_part, ItemView};
use super::{rich, Element, Node};
use crate::check::Response;
use crate::i18n::t;
use crate::package::hottext::Selection;
use crate::package::markup::plain_text;
use crate::package::{ChoiceOption, Text};

/// A passage's pieces in reading order: author text between markers, and the phrase each known marker
/// stands for (with its index among the options). A marker naming no option is left out; an unclosed
/// one is text (`pacer validate` refuses both).
enum Piece<'s, 'o> {
    Text(&'s str),
    Phrase(usize, &'o ChoiceOption),
}

fn pieces<'s, 'o>(source: &'s str, options: &'o [ChoiceOption]) -> Vec<Piece<'s, 'o>> {
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(open) = rest.find("[[") {
        out.push(Piece::Text(&rest[..open]));
        let after = &rest[open + 2..];
        let Some(close) = after.find("]]") else {
            out.push(Piece::Text(&rest[open..]));
            return out;
        };
        let id = after[..close].trim();
        rest = &after[close + 2..];
        if let Some((n, option)) = options.iter().enumerate().find(|(_, o)| o.id == id) {
            out.push(Piece::Phrase(n, option));
        }
    }
    out.push(Piece::Text(rest));
    out
}

/// The instruction for one phrase or several.
fn help_key(correct: &Selection) -> &'static str {
    if correct.is_several() {
        "hottext-several"
    } else {
        "hottext-one"
    }
}

/// The instruction line and the passage with a toggle button per phrase.
pub fn hottext(
    view: &ItemView<'_>,
    passage: &Text,
    options: &[ChoiceOption],
    correct: &Selection,
) -> Vec<Node> {
    let locked = view.locked();
    let chosen: Vec<&str> = match view.shown() {
        Some(Response::Choice { option }) => vec![option.as_str()],
        Some(Response::Choices { options }) => options.iter().map(String::as_str).collect(),
        _ => Vec::new(),
    };
    let help = Element::text("p", "help hottext-help", t(view.lang, help_key(correct)));
    let mut para = Element::new("p", "hottext-passage");
    let source = view.text(passage);
    for piece in pieces(&source, options) {
        let (n, option) = match piece {
            Piece::Text(s) => {
                para.children.extend(rich::inline(s));
                continue;
            }
            Piece::Phrase(n, option) => (n, option),
        };
        let id = option.id.as_str();
        let mut phrase = rich::element("button", "hottext", &view.text(&option.text))
            .attr("type", "button")
            .attr("data-phrase", id)
            .attr(
                "aria-pressed",
                if chosen.contains(&id) {
                    "true"
                } else {
                    "false"
                },
            );
        if locked {
            phrase.set("disabled", "");
            // With several phrases each is a part (selected as the key says; one phrase has none):
            // marked where it was selected or belonged selected, not on every phrase left alone.
            let right_alone =
                view.parts.and_then(|p| p.get(n)) == Some(&true) && !chosen.contains(&id);
            if !right_alone {
                mark_part(&mut phrase, view, n);
            }
        }
        para.children.push(phrase.into());
    }
    vec![help.into(), para.into()]
}

/// What read-aloud says of a hottext item's answer: the instruction, then the passage with each marker
/// replaced by its phrase.
pub(crate) fn spoken(
    view: &ItemView<'_>,
    passage: &Text,
    options: &[ChoiceOption],
    correct: &Selection,
) -> Vec<String> {
    let source = view.text(passage);
    let mut out = String::new();
    for piece in pieces(&source, options) {
        match piece {
            Piece::Text(s) => out.push_str(s),
            Piece::Phrase(_, o) => out.push_str(&view.text(&o.text)),
        }
    }
    let help = t(view.lang, help_key(correct)).trim_end_matches('.');
    vec![help.to_owned(), plain_text(&out)]
}
