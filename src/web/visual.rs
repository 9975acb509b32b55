//! The events of the controls answered on a drawn line or a picture (`numberLine`, `shade`,
//! `hotspot`), which `crate::view::picture` builds: the slider and a click on the line place the point,
//! a click or a tap on a shape picks its checkbox or radio button, and the shapes and the shaded count
//! follow the controls. What is shown (the point's tick and value, the count's words) is the core's;
//! this finds the controls by class and moves them.
//!
//! Kept apart from the rest of the player so that the code the first item does not need can load after
//! it (the first-item split of the player).

use super::dom;
use super::interactions::View;
use crate::view::picture::{shade_count, LineAnswer};
use crate::web::dom::Build;
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

/// The elements under `root` that `selector` finds, in document order.
fn all(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

fn one(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

/// A `numberLine`'s slider: moving it (or a key that would, even where it does not move it: Home at
/// the start) places the point on a tick, and a click or a tap on the drawn line places it on the
/// nearest tick, so no dragging is ever needed.
pub fn number_line(fieldset: &Element, view: &View<'_>) -> Vec<EventListener> {
    let mut listeners = Vec::new();
    let (Some(answer), false) = (LineAnswer::of(view), view.locked()) else {
        return listeners;
    };
    let (Some(input), Some(drawing), Some(point), Some(readout)) = (
        one(fieldset, "input.line-slider").and_then(|e| e.dyn_into::<HtmlInputElement>().ok()),
        one(fieldset, ".number-line-answer svg"),
        one(fieldset, ".number-line-answer circle.point.placed"),
        one(fieldset, "p.line-value"),
    ) else {
        return listeners;
    };
    let show = {
        let (input, answer) = (input.clone(), answer.clone());
        std::rc::Rc::new(move |step: Option<u32>| {
            let placed = answer.placed(step);
            if let Some(value) = placed.slider {
                input.set_value(&value.to_string());
            }
            input.attr("aria-valuetext", &placed.spoken);
            if let Some(recorded) = &placed.recorded {
                input.attr("data-value", recorded);
            }
            if let Some(x) = placed.x {
                point.attr("cx", &crate::draw::n(x));
                point.attr("visibility", "visible");
            }
            readout.set_text_content(Some(&placed.readout));
        })
    };
    let placed = {
        let (input, show, answer) = (input.clone(), show.clone(), answer.clone());
        move || {
            let value = input.value().parse::<u32>().ok();
            show(value.map(|v| answer.step_of_slider(v)))
        }
    };
    let on_input = placed.clone();
    listeners.push(EventListener::new(&input, "input", move |_| on_input()));
    listeners.push(EventListener::new(&input, "keyup", move |event| {
        let key = event
            .dyn_ref::<web_sys::KeyboardEvent>()
            .map(web_sys::KeyboardEvent::key)
            .unwrap_or_default();
        if matches!(
            key.as_str(),
            "ArrowLeft"
                | "ArrowRight"
                | "ArrowUp"
                | "ArrowDown"
                | "Home"
                | "End"
                | "PageUp"
                | "PageDown"
        ) {
            placed();
        }
    }));
    let drawing_el = drawing.clone();
    listeners.push(EventListener::new(&drawing, "click", move |event| {
        let Some(mouse) = event.dyn_ref::<web_sys::MouseEvent>() else {
            return;
        };
        let rect = drawing_el.get_bounding_client_rect();
        if rect.width() <= 0.0 {
            return;
        }
        let x = (f64::from(mouse.client_x()) - rect.left()) / rect.width();
        show(Some(answer.step_at(x)));
        dom::focus(&input);
    }));
    listeners
}

/// The controls laid on a drawing's shapes (`shade` parts, `hotspot` regions) in `fieldset`'s
/// `.shape-layer`: a click or a tap on a shape clicks its control (so no dragging, and the form hears
/// `input` and `change` as from a keyboard); a checked control's shape takes the layer's `data-on`
/// class, a focused one `focused`. A `shade` model's count follows the checked parts.
pub fn shapes(fieldset: &Element, view: &View<'_>) -> Vec<EventListener> {
    let mut listeners = Vec::new();
    let Some(layer) = one(fieldset, ".shape-layer") else {
        return listeners;
    };
    let on_class = layer.get_attribute("data-on").unwrap_or_default();
    let inputs: Vec<HtmlInputElement> = (all(&layer, "input.shape-toggle").into_iter())
        .filter_map(|e| e.dyn_into().ok())
        .collect();
    let shapes = all(&layer, "[data-toggle]");
    let painters: Vec<(HtmlInputElement, Element)> = inputs.iter().cloned().zip(shapes).collect();
    let paint = move |shape: &Element, checked: bool, focused: bool| {
        let classes = shape.class_list();
        let _ = classes.toggle_with_force(&on_class, checked);
        let _ = classes.toggle_with_force("focused", focused);
    };
    for (input, shape) in &painters {
        for (event, focused) in [("focus", true), ("blur", false)] {
            let (paint, input_, shape) = (paint.clone(), input.clone(), shape.clone());
            listeners.push(EventListener::new(input, event, move |_| {
                paint(&shape, input_.checked(), focused);
            }));
        }
    }
    // A change repaints every shape: picking one radio button unpicks another without telling it.
    let count = one(fieldset, "p.shade-count");
    let (lang, total) = (view.lang.to_owned(), inputs.len() as u32);
    listeners.push(EventListener::new(&layer, "change", move |_| {
        let active = dom::page().active_element();
        let mut checked = 0;
        for (input, shape) in &painters {
            let focused = active.as_ref() == Some(input.unchecked_ref::<Element>());
            checked += usize::from(input.checked());
            paint(shape, input.checked(), focused);
        }
        if let Some(count) = &count {
            count.set_text_content(Some(&shade_count(&lang, checked, total)));
        }
    }));
    if view.locked() {
        return listeners;
    }
    if let Some(svg_root) = one(&layer, "svg") {
        listeners.push(EventListener::new(&svg_root, "click", move |event| {
            let hit = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|e| e.closest("[data-toggle]").ok().flatten())
                .and_then(|e| e.get_attribute("data-toggle"))
                .and_then(|n| n.parse::<usize>().ok());
            if let Some(input) = hit.and_then(|n| inputs.get(n.wrapping_sub(1))) {
                input.click();
                let _ = input.focus();
            }
        }));
    }
    listeners
}
