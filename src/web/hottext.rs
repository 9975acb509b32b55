//! The `hottext` control: the passage as running text, with each selectable phrase a native toggle
//! button (`aria-pressed`) in its place, so a screen reader reads the passage in order and says which
//! phrases are selected. Enter or Space toggles a phrase, a click or a tap does too; with one phrase to
//! select, selecting one unselects the others.
//!
//! It only draws and reads the form: the passage is author text, put in as text nodes (and the safe
//! inline markup of `rich`), never as HTML; scoring is `check`'s.

use super::dom::{self, el};
use super::i18n::t;
use super::interactions::{mark_part, View};
use crate::check::Response;
use crate::package::hottext::Selection;
use crate::package::{ChoiceOption, Text};
use crate::web::dom::Build;
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// Builds the instruction line and the passage into `fieldset`; returns the passage's click handler
/// (none once the answer is locked).
pub fn build(
    fieldset: &Element,
    view: &View<'_>,
    passage: &Text,
    options: &[ChoiceOption],
    correct: &Selection,
) -> Option<EventListener> {
    let locked = view.locked();
    let several = correct.is_several();
    let chosen: Vec<&str> = match view.shown() {
        Some(Response::Choice { option }) => vec![option.as_str()],
        Some(Response::Choices { options }) => options.iter().map(String::as_str).collect(),
        _ => Vec::new(),
    };
    let help = if several {
        "hottext-several"
    } else {
        "hottext-one"
    };
    dom::add_text(fieldset, "p", "help hottext-help", t(view.lang, help));
    let para = el("p", "hottext-passage");
    let source = view.text(passage);
    let mut rest = source.as_str();
    while let Some(open) = rest.find("[[") {
        dom::inline(&para, &rest[..open]);
        let after = &rest[open + 2..];
        let Some(close) = after.find("]]") else { break };
        let id = after[..close].trim();
        rest = &after[close + 2..];
        let Some((n, option)) = options.iter().enumerate().find(|(_, o)| o.id == id) else {
            continue;
        };
        let phrase = dom::rich("button", "hottext", &view.text(&option.text));
        phrase.attr("type", "button");
        phrase.attr("data-phrase", id);
        phrase.attr(
            "aria-pressed",
            if chosen.contains(&id) {
                "true"
            } else {
                "false"
            },
        );
        if locked {
            phrase.attr("disabled", "");
            // With several phrases each is a part (selected as the key says; one phrase has none):
            // marked where it was selected or belonged selected, not on every phrase left alone.
            let right_alone =
                view.parts.and_then(|p| p.get(n)) == Some(&true) && !chosen.contains(&id);
            if !right_alone {
                mark_part(&phrase, view, n);
            }
        }
        para.add(&phrase);
    }
    dom::inline(&para, rest);
    fieldset.add(&para);
    if locked {
        return None;
    }
    let passage_el = para.clone();
    Some(EventListener::new(&para, "click", move |event| {
        let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let Ok(Some(phrase)) = target.closest("button[data-phrase]") else {
            return;
        };
        let pressed = phrase.get_attribute("aria-pressed").as_deref() == Some("true");
        if !several && !pressed {
            for other in pressed_phrases(&passage_el) {
                other.attr("aria-pressed", "false");
            }
        }
        phrase.attr("aria-pressed", if pressed { "false" } else { "true" });
        // Tell the form its answer changed (the draft is saved on `change`).
        if let Ok(change) = web_sys::Event::new_with_event_init_dict("change", &{
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            init
        }) {
            let _ = phrase.dispatch_event(&change);
        }
    }))
}

/// The passage as read aloud: each marker replaced by its phrase.
pub fn spoken(view: &View<'_>, passage: &Text, options: &[ChoiceOption]) -> String {
    let source = view.text(passage);
    let mut out = String::new();
    let mut rest = source.as_str();
    while let Some(open) = rest.find("[[") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let Some(close) = after.find("]]") else { break };
        let id = after[..close].trim();
        if let Some(o) = options.iter().find(|o| o.id == id) {
            out.push_str(&view.text(&o.text));
        }
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    crate::package::markup::plain_text(&out)
}

/// The selected phrases of a passage, in reading order.
fn pressed_phrases(root: &Element) -> Vec<Element> {
    let Ok(list) = root.query_selector_all("button[data-phrase][aria-pressed=true]") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

/// The learner's selection as the form holds it: None while nothing is selected.
pub fn read(form: &Element, correct: &Selection) -> Option<Response> {
    let ids: Vec<String> = pressed_phrases(form)
        .iter()
        .filter_map(|p| p.get_attribute("data-phrase"))
        .collect();
    match correct {
        Selection::One { .. } => Some(Response::Choice {
            option: ids.into_iter().next()?,
        }),
        Selection::Several { .. } if ids.is_empty() => None,
        Selection::Several { .. } => Some(Response::Choices { options: ids }),
    }
}
