//! The events of the `dragToImage` control that `crate::view::drop` builds (the picture with a numbered
//! marker per target, the label chips, a native menu per target): a label chip that a mouse, pen or
//! finger drags onto a marker sets that target's menu, and a menu's pick shows its label on the marker.
//! Whatever way a label is placed, the menus hold the answer (`view::read` reads it back).
//!
//! It only moves and reads what is drawn; where a target is and which label belongs on it are the
//! package's, scoring is `check`'s.

use crate::web::dom::Build;
use gloo::events::EventListener;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, HtmlSelectElement, MouseEvent};

/// The listeners that keep the markers in step with the menus and move a dragged label, on the
/// control `crate::view::drop` built in `fieldset` (none once the answer is locked: it has no labels).
pub fn attach(fieldset: &Element) -> Vec<EventListener> {
    let found = |selector: &str| fieldset.query_selector(selector).ok().flatten();
    let (Some(bank), Some(frame), Some(menus)) = (
        found("ul.drag-labels"),
        found(".drop-picture"),
        found(".drop-menus"),
    ) else {
        return Vec::new();
    };
    let mut listeners = Vec::new();
    // A menu's change shows its label (the chosen entry's words) on its marker.
    {
        let frame = frame.clone();
        listeners.push(EventListener::new(&menus, "change", move |event| {
            let Some(menu) = event
                .target()
                .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
            else {
                return;
            };
            let Some(id) = menu.get_attribute("data-target") else {
                return;
            };
            let words = (menu.query_selector("option:checked").ok().flatten())
                .filter(|_| !menu.value().is_empty())
                .and_then(|o| o.text_content());
            show_placed(&frame, &id, words.as_deref());
        }));
    }
    listeners.extend(dragging(&bank, &frame, &menus));
    listeners
}

/// Shows `label` (or nothing) on the marker of target `id`.
fn show_placed(frame: &Element, id: &str, label: Option<&str>) {
    let selector = format!(".drop-target[data-target=\"{id}\"] .drop-placed");
    if let Ok(Some(chip)) = frame.query_selector(&selector) {
        match label {
            Some(s) => {
                chip.set_text_content(Some(s));
                chip.unset("hidden");
            }
            None => {
                chip.set_text_content(None);
                chip.attr("hidden", "");
            }
        }
    }
}

/// A label being dragged: its id, its chip, and where the pointer went down.
struct Drag {
    label: String,
    chip: Element,
    from: (f64, f64),
}

/// Dragging a label chip (pointer events: mouse, pen and touch alike) onto a marker sets that target's
/// menu, which then says so as if picked there. A drop away from every marker changes nothing.
fn dragging(bank: &Element, frame: &Element, menus: &Element) -> Vec<EventListener> {
    let state: Rc<RefCell<Option<Drag>>> = Rc::new(RefCell::new(None));
    let point = |event: &web_sys::Event| {
        event
            .dyn_ref::<MouseEvent>()
            .map(|m| (f64::from(m.client_x()), f64::from(m.client_y())))
    };
    let mut listeners = Vec::new();
    {
        let state = state.clone();
        listeners.push(EventListener::new(bank, "pointerdown", move |event| {
            let Some(chip) = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|e| e.closest("[data-label]").ok().flatten())
            else {
                return;
            };
            let (Some(label), Some(from)) = (chip.get_attribute("data-label"), point(event)) else {
                return;
            };
            event.prevent_default();
            if let Ok(id) = js_sys::Reflect::get(event, &JsValue::from_str("pointerId")) {
                if let Some(id) = id.as_f64() {
                    let _ = chip.set_pointer_capture(id as i32);
                }
            }
            chip.add_class("dragging");
            *state.borrow_mut() = Some(Drag { label, chip, from });
        }));
    }
    {
        let state = state.clone();
        listeners.push(EventListener::new(bank, "pointermove", move |event| {
            let (Some(drag), Some((x, y))) = (
                state.borrow().as_ref().map(|d| (d.chip.clone(), d.from)),
                point(event),
            ) else {
                return;
            };
            let (chip, (x0, y0)) = drag;
            if let Some(style) = chip.dyn_ref::<HtmlElement>().map(HtmlElement::style) {
                let _ = style.set_property(
                    "transform",
                    &format!("translate({}px, {}px)", (x - x0).round(), (y - y0).round()),
                );
            }
        }));
    }
    for kind in ["pointerup", "pointercancel"] {
        let (state, frame, menus) = (state.clone(), frame.clone(), menus.clone());
        listeners.push(EventListener::new(bank, kind, move |event| {
            let Some(drag) = state.borrow_mut().take() else {
                return;
            };
            drag.chip.class_list().remove_1("dragging").ok();
            if let Some(style) = drag.chip.dyn_ref::<HtmlElement>().map(HtmlElement::style) {
                let _ = style.remove_property("transform");
            }
            if event.type_() != "pointerup" {
                return;
            }
            let Some(at) = point(event) else { return };
            if let Some(target) = target_at(&frame, at) {
                place(&menus, &target, &drag.label);
            }
        }));
    }
    listeners
}

/// The target whose numbered circle is nearest to `(x, y)` in the page, when the point is on the
/// picture and within reach (twice the circle's size) of it.
fn target_at(frame: &Element, (x, y): (f64, f64)) -> Option<String> {
    let picture = frame.get_bounding_client_rect();
    if x < picture.left() || x > picture.right() || y < picture.top() || y > picture.bottom() {
        return None;
    }
    // The numbered circle is where the target is (a placed label beside it widens the marker).
    let markers = frame.query_selector_all(".drop-target .drop-number").ok()?;
    let mut best: Option<(f64, String)> = None;
    for i in 0..markers.length() {
        let Some(number) = markers.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let Some(marker) = number.parent_element() else {
            continue;
        };
        let r = number.get_bounding_client_rect();
        let (cx, cy) = (r.left() + r.width() / 2.0, r.top() + r.height() / 2.0);
        let distance = ((x - cx).powi(2) + (y - cy).powi(2)).sqrt();
        let reach = r.width().max(r.height()) * 2.0;
        if distance <= reach && best.as_ref().is_none_or(|(d, _)| distance < *d) {
            best = marker.get_attribute("data-target").map(|id| (distance, id));
        }
    }
    best.map(|(_, id)| id)
}

/// Sets target `id`'s menu to `label` and tells the form, as a pick in the menu would.
fn place(menus: &Element, id: &str, label: &str) {
    let selector = format!("select[data-target=\"{id}\"]");
    let Some(menu) = menus
        .query_selector(&selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlSelectElement>().ok())
    else {
        return;
    };
    menu.set_value(label);
    if let Ok(change) = web_sys::Event::new_with_event_init_dict("change", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    }) {
        let _ = menu.dispatch_event(&change);
    }
}
