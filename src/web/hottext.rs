//! The events of the `hottext` passage that `crate::view::passage` builds: a click, a tap, Enter or
//! Space on a phrase (a native toggle button) toggles it; with one phrase to select, selecting one
//! unselects the others (the selection is read back by `view::read`).
//!
//! It only moves `aria-pressed` and reads it: the passage and its phrases are the core's, scoring is
//! `check`'s.

use super::interactions::View;
use crate::package::Interaction;
use crate::web::dom::Build;
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// The passage's click handler (none once the answer is locked).
pub fn attach(fieldset: &Element, view: &View<'_>) -> Option<EventListener> {
    let Interaction::Hottext { correct, .. } = &view.item.interaction else {
        return None;
    };
    if view.locked() {
        return None;
    }
    let several = correct.is_several();
    let para = fieldset.query_selector("p.hottext-passage").ok()??;
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
