//! The controls of an item in the page: drawn from `crate::view::controls` (the types chosen, typed or
//! ordered, with the item form) or `crate::view::visual` (the types answered on a line, a picture or a
//! passage, by the later part), their events (here and in `visual`, `drag` and `hottext`), and what
//! the form holds, listed for `view::read` to turn back into a [`Response`].

use super::dom;
use crate::check::Response;
use crate::package::{Interaction, Item};
use crate::view::controls::ItemView;
use crate::view::read::{Field, Form};
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

/// What the renderer needs to know about the item's state: what the controls show, and where
/// screen-reader announcements go.
pub struct View<'a> {
    pub item_view: ItemView<'a>,
    /// Where screen-reader announcements go.
    pub announcer: &'a Element,
}

impl<'a> std::ops::Deref for View<'a> {
    type Target = ItemView<'a>;
    fn deref(&self) -> &ItemView<'a> {
        &self.item_view
    }
}

/// Gives the controls of `view.item` in `fieldset` (whose legend is the stem) what they need: the
/// ordering buttons' events when `view::item` drew them (`drawn`), else the controls themselves, which
/// are the later part's. Returns the listeners (kept alive by the caller).
pub fn attach(fieldset: &Element, view: &View<'_>, drawn: bool) -> Vec<EventListener> {
    if drawn {
        return ordering_moves(fieldset, view).into_iter().collect();
    }
    // The controls answered on a line, a picture or a passage (the types `controls::build` leaves) are
    // in the later part: a first item of one of these types waits for it (`mount`); it is there for any
    // item after the first.
    match super::later::here() {
        Some(rest) => (rest.build_visual)(fieldset, view),
        None => {
            let line =
                super::dom::text("p", "message", super::i18n::t(view.lang, "later-unloaded"));
            line.set_attribute("role", "status").ok();
            fieldset.append_child(&line).ok();
            Vec::new()
        }
    }
}

/// An ordering list's Move up / Move down buttons, once drawn: one click handler on the list.
fn ordering_moves(fieldset: &Element, view: &View<'_>) -> Option<EventListener> {
    if view.locked() || !matches!(view.item.interaction, Interaction::Ordering { .. }) {
        return None;
    }
    let list = fieldset.query_selector("ol.ordering").ok()??;
    let announcer = view.announcer.clone();
    let lang = view.lang.to_owned();
    let list_for_click = list.clone();
    Some(EventListener::new(&list, "click", move |event| {
        let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let Ok(Some(button)) = target.closest("button[data-move]") else {
            return;
        };
        move_item(&list_for_click, &button, &announcer, &lang);
    }))
}

/// What read-aloud says of the answer of a type answered on a picture or a passage (see
/// `crate::view::visual::spoken`). The later part's (see [`super::later::Rest`]).
pub(super) fn spoken_visual(view: &View<'_>) -> Vec<String> {
    crate::view::visual::spoken(view)
}

/// The controls of the types answered on a line, a picture or a passage (`numberLine`, `shade`,
/// `hotspot`, `hottext`, `dragToImage`), built by `crate::view::visual` and drawn into `fieldset`, with
/// their events: the later part's (see [`super::later::Rest`]).
pub(super) fn build_visual(fieldset: &Element, view: &View<'_>) -> Vec<EventListener> {
    let nodes = crate::view::visual::build(view).unwrap_or_default();
    dom::draw_into(fieldset, &nodes);
    match &view.item.interaction {
        Interaction::NumberLine { .. } => super::visual::number_line(fieldset, view),
        Interaction::Shade { .. } | Interaction::Hotspot { .. } => {
            super::visual::shapes(fieldset, view)
        }
        Interaction::Hottext { .. } => super::hottext::attach(fieldset, view).into_iter().collect(),
        Interaction::DragToImage { .. } if !view.locked() => super::drag::attach(fieldset),
        _ => Vec::new(),
    }
}

/// Moves the ordering entry of `button` one place up or down, keeps focus on the button, and says where
/// it went.
fn move_item(list: &Element, button: &Element, announcer: &Element, lang: &str) {
    let Ok(Some(li)) = button.closest("li") else {
        return;
    };
    let up = button.get_attribute("data-move").as_deref() == Some("-1");
    let sibling = if up {
        li.previous_element_sibling()
    } else {
        li.next_element_sibling()
    };
    let Some(sibling) = sibling else { return };
    let moved = if up {
        list.insert_before(&li, Some(&sibling))
    } else {
        list.insert_before(&sibling, Some(&li))
    };
    if moved.is_err() {
        return;
    }
    dom::focus(button);
    let items = list.children();
    let position = (0..items.length())
        .find(|&i| items.item(i).as_ref() == Some(&li))
        .map_or(0, |i| i + 1);
    let name = li
        .query_selector(".order-text")
        .ok()
        .flatten()
        .and_then(|s| s.text_content())
        .unwrap_or_default();
    announcer.set_text_content(Some(&crate::view::controls::moved(
        lang,
        &name,
        position,
        items.length(),
    )));
    // Tell the form its answer changed (the draft is saved on `change`).
    if let Ok(event) = web_sys::Event::new_with_event_init_dict("change", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    }) {
        let _ = list.dispatch_event(&event);
    }
}

/// What read-aloud says for the item (see `crate::view::controls::spoken`), with what the later part
/// says of the types answered on a picture or a passage ([`spoken_visual`]), which is here whenever an
/// item of these types is on screen.
pub fn spoken(view: &View<'_>) -> String {
    let mut parts = crate::view::controls::spoken(view);
    if view.item.interaction.answered_later() {
        if let Some(rest) = super::later::here() {
            parts.extend((rest.spoken_visual)(view));
        }
    }
    parts.join(". ")
}

/// The learner's answer as the form holds it (see [`crate::view::read`]); None when nothing is given
/// yet.
pub fn read(form: &Element, item: &Item) -> Option<Response> {
    crate::view::read::response(item, &held(form))
}

/// What `form` holds, listed without knowing its item: its named fields, an ordering list's order, a
/// passage's pressed phrases, a number line's point.
fn held(form: &Element) -> Form {
    let all = |selector: &str| -> Vec<Element> {
        let Ok(list) = form.query_selector_all(selector) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
            .collect()
    };
    let attr = |name: &'static str| move |e: Element| e.get_attribute(name);
    let fields = all("input[name], select[name]").into_iter().map(|e| Field {
        name: e.get_attribute("name").unwrap_or_default(),
        value: dom::value(&e),
        ticked: (e.dyn_ref::<HtmlInputElement>())
            .filter(|i| matches!(i.type_().as_str(), "checkbox" | "radio"))
            .map(HtmlInputElement::checked),
    });
    Form {
        fields: fields.collect(),
        order: all("li[data-id]")
            .into_iter()
            .filter_map(attr("data-id"))
            .collect(),
        pressed: (all("button[data-phrase][aria-pressed=true]").into_iter())
            .filter_map(attr("data-phrase"))
            .collect(),
        point: (all("input[name=point][data-value]").into_iter()).find_map(attr("data-value")),
    }
}
