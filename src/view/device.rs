//! "This device" as elements: the panel (storage line, the learners' place, download, add from a file,
//! remove my data with its "remove anyway" box folded away, the status line) and the local learners'
//! part (who is learning now, continue as another, start a new learner).
//!
//! Each control carries its act (`screen::act`), and each field a press reads its `name`.
//!
//! Deliberately not here: measuring storage, files, IndexedDB or events (the shell's `web::device`), or deciding what shows or is said (`screen::device`). Labels carry
//! `data-i18n`, so a language switch relabels them in place.

use super::{Element, Node};
use crate::i18n::t;
use crate::screen::act::{Act, Field};
use crate::screen::device::Learners;

#[cfg(test)]
mod tests;

/// The longest nickname a new learner can type.
pub const MAX_NAME: usize = 40;

/// An element holding the message `key`, marked so a language switch can relabel it.
fn message(tag: &'static str, class: &str, lang: &str, key: &str) -> Element {
    Element::text(tag, class, t(lang, key)).attr("data-i18n", key)
}

/// A secondary button labelled with the message `key`, for `act`.
fn button(class: &str, lang: &str, key: &str, act: Act) -> Element {
    message("button", class, lang, key)
        .attr("type", "button")
        .act(act)
}

/// The panel, folded in its `<details>`: the storage line and the learners' place are empty until the
/// shell has measured and read them, the "remove anyway" box hidden until removing asks first.
pub fn panel(lang: &str) -> Element {
    Element::new("details", "device")
        .child(message("summary", "", lang, "device"))
        .child(Element::new("p", "storage"))
        .child(Element::new("div", "profiles"))
        .child(button(
            "secondary export",
            lang,
            "device-export",
            Act::Export,
        ))
        .child(
            Element::new("label", "import")
                .child(message("span", "", lang, "device-import"))
                .child(
                    Element::new("input", "")
                        .attr("type", "file")
                        .attr("accept", "application/json,.json")
                        .act(Act::Import),
                ),
        )
        .child(button(
            "secondary remove",
            lang,
            "device-remove",
            Act::Remove,
        ))
        .child(
            Element::new("label", "confirm")
                .attr("hidden", "")
                .child(
                    Element::new("input", "remove-anyway")
                        .attr("type", "checkbox")
                        .attr("name", Field::Insist.name()),
                )
                .child(message("span", "", lang, "device-remove-anyway")),
        )
        .child(Element::new("p", "device-message").attr("role", "status"))
}

/// The local learners' part: who is learning now, a "Continue as" button per other learner (in the
/// list's order, classed `switch`), and the field and button to start a new learner.
pub fn learners(learners: &Learners, lang: &str) -> Vec<Node> {
    let mut out: Vec<Node> = vec![Element::text("p", "who", &learners.now).into()];
    out.extend(learners.others.iter().map(|(id, label)| {
        Element::text("button", "secondary switch", label)
            .attr("type", "button")
            .attr("value", id)
            .act(Act::SwitchLearner)
            .into()
    }));
    out.push(
        Element::new("label", "new-name")
            .child(message("span", "", lang, "new-learner-name"))
            .child(
                Element::new("input", "")
                    .attr("type", "text")
                    .attr("name", Field::LearnerName.name())
                    .attr("maxlength", MAX_NAME.to_string()),
            )
            .into(),
    );
    out.push(
        button(
            "secondary new-learner",
            lang,
            "new-learner",
            Act::NewLearner,
        )
        .into(),
    );
    out
}
