//! The `dragToImage` control: the picture with a numbered marker at each target, a native menu per
//! target (the keyboard's and a single pointer's way: WCAG 2.5.7), and the labels as chips that a mouse,
//! pen or finger may also drag onto a marker, which sets that target's menu. Whatever way a label is
//! placed, the menus hold the answer and the marker shows the label placed on it.
//!
//! It only draws and reads the form; where a target is and which label belongs on it are the package's,
//! scoring is `check`'s. Author text goes in as text, never as HTML; positions are numbers we format.

use super::dom::{self, append, el};
use super::i18n::t;
use super::interactions::{mark_part, select, View};
use crate::check::Response;
use crate::package::drag_to_image::{DragLabel, DropTarget};
use crate::package::Text;
use crate::web::dom::Build;
use gloo::events::EventListener;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, HtmlSelectElement, MouseEvent};

/// What the picture of a drag-to-image item is: the file, its alt text and its size in its own pixels.
pub struct Picture<'a> {
    pub src: &'a str,
    pub alt: &'a Text,
    pub width: f64,
    pub height: f64,
}

/// A share of `whole` as a CSS percentage.
fn percent(part: f64, whole: f64) -> String {
    format!("{:.3}%", (part / whole * 100.0).clamp(0.0, 100.0))
}

/// Builds the picture, the labels and a menu per target into `fieldset`; returns the listeners that keep
/// the markers in step with the menus and move a dragged label (none once the answer is locked).
pub fn build(
    fieldset: &Element,
    view: &View<'_>,
    picture: &Picture<'_>,
    targets: &[DropTarget],
    labels: &[DragLabel],
) -> Vec<EventListener> {
    let locked = view.locked();
    let given = match view.shown() {
        Some(Response::Pairs { pairs }) => pairs.clone(),
        _ => BTreeMap::new(),
    };
    let label_text: BTreeMap<String, String> = labels
        .iter()
        .map(|l| (l.id.clone(), view.text(&l.text)))
        .collect();
    let wrap = el("div", "drag-to-image");
    let frame = el("div", "drop-picture");
    let img = el("img", "");
    img.attr("src", &(view.asset_url)(picture.src));
    img.attr(
        "alt",
        &crate::package::markup::plain_text(&view.text(picture.alt)),
    );
    img.attr("width", &format!("{}", picture.width.round()));
    img.attr("height", &format!("{}", picture.height.round()));
    img.attr("draggable", "false");
    frame.add(&img);
    // The markers repeat, on the picture, what the menus below say: hidden from screen readers.
    for (n, target) in targets.iter().enumerate() {
        let marker = el("div", "drop-target");
        marker.attr("data-target", &target.id);
        marker.attr("aria-hidden", "true");
        if let Some(style) = marker.dyn_ref::<HtmlElement>().map(HtmlElement::style) {
            let _ = style.set_property("left", &percent(target.x, picture.width));
            let _ = style.set_property("top", &percent(target.y, picture.height));
        }
        dom::add_text(&marker, "span", "drop-number", &(n + 1).to_string());
        let placed = given.get(&target.id).and_then(|l| label_text.get(l));
        let chip = dom::add_text(
            &marker,
            "span",
            "drop-placed",
            &placed.map_or(String::new(), |s| crate::package::markup::plain_text(s)),
        );
        if placed.is_none() {
            chip.attr("hidden", "");
        }
        if let Some(right) = view.parts.and_then(|p| p.get(n).copied()) {
            marker.add_class(if right { "part-right" } else { "part-wrong" });
        }
        frame.add(&marker);
    }
    wrap.add(&frame);

    let bank = el("ul", "drag-labels");
    bank.attr("aria-label", t(view.lang, "drag-labels"));
    for l in labels {
        let chip = dom::rich("li", "drag-label", &label_text[&l.id]);
        chip.attr("data-label", &l.id);
        bank.add(&chip);
    }
    if !locked {
        dom::add_text(&wrap, "p", "help", t(view.lang, "drag-help"));
        wrap.add(&bank);
    }

    let menus = el("div", "drop-menus");
    let choices: Vec<(String, String)> = labels
        .iter()
        .map(|l| (l.id.clone(), label_text[&l.id].clone()))
        .collect();
    for (n, target) in targets.iter().enumerate() {
        let row = el("div", "drop-row");
        let control_id = view.control_id(&format!("target-{}", target.id));
        let label = el("label", "drop-name");
        label.attr("for", &control_id);
        dom::add_text(&label, "span", "drop-number", &(n + 1).to_string());
        dom::inline(&label, &format!(" {}", view.text(&target.text)));
        let control = select(
            &choices,
            given.get(&target.id).map(String::as_str),
            locked,
            view.lang,
        );
        control.set_id(&control_id);
        control.attr("name", &format!("target-{}", target.id));
        control.attr("data-target", &target.id);
        mark_part(&control, view, n);
        append(&row, &[&label, &control]);
        menus.add(&row);
    }
    wrap.add(&menus);
    fieldset.add(&wrap);
    if locked {
        return Vec::new();
    }

    let mut listeners = Vec::new();
    // A menu's change shows its label on its marker.
    {
        let (frame, label_text) = (frame.clone(), label_text.clone());
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
            show_placed(&frame, &id, label_text.get(&menu.value()));
        }));
    }
    listeners.extend(dragging(&bank, &frame, &menus));
    listeners
}

/// Shows `label` (or nothing) on the marker of target `id`.
fn show_placed(frame: &Element, id: &str, label: Option<&String>) {
    let selector = format!(".drop-target[data-target=\"{id}\"] .drop-placed");
    if let Ok(Some(chip)) = frame.query_selector(&selector) {
        match label {
            Some(s) => {
                chip.set_text_content(Some(&crate::package::markup::plain_text(s)));
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

/// The labels placed as the form holds them (target id -> label id); None while none is placed.
pub fn read(form: &Element, targets: &[DropTarget]) -> Option<Response> {
    let pairs: BTreeMap<String, String> = targets
        .iter()
        .filter_map(|t| {
            let menu = form
                .query_selector(&format!("select[name=\"target-{}\"]", t.id))
                .ok()??
                .dyn_into::<HtmlSelectElement>()
                .ok()?;
            let v = menu.value();
            (!v.is_empty()).then(|| (t.id.clone(), v))
        })
        .collect();
    (!pairs.is_empty()).then_some(Response::Pairs { pairs })
}

/// The words read aloud for the targets (their names, in order).
pub fn spoken_targets(view: &View<'_>, targets: &[DropTarget]) -> Vec<String> {
    targets
        .iter()
        .map(|t| crate::package::markup::plain_text(&view.text(&t.text)))
        .collect()
}
