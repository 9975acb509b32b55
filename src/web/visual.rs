//! The controls of the interactions answered on a picture (`numberLine`, `shade`, `hotspot`), laid on
//! the SVG that `crate::view::figure` builds from `draw`'s shapes: the live parts (a slider, a checkbox
//! per part or region) and their events.
//!
//! Kept apart from the rest of the player so that the code the first item does not need can load after
//! it (the first-item split of the player).

use super::dom;
use super::interactions::View;
use crate::check::Response;
use crate::draw::{self, Drawing, Shape};
use crate::i18n::{t, tf, tn};
use crate::package::figure::{Figure, NumberLine};
use crate::package::hotspot::Outline;
use crate::package::shade::Parts;
use crate::package::DecimalMark;
use crate::package::Interaction;
use crate::web::dom::Build;
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::Element;
use web_sys::HtmlInputElement;

const SVG: &str = "http://www.w3.org/2000/svg";

fn svg(tag: &str, class: &str) -> Element {
    let e = dom::el_ns(SVG, tag);
    if !class.is_empty() {
        e.attr("class", class);
    }
    e
}

fn set(e: &Element, attrs: &[(&str, f64)]) {
    for (k, v) in attrs {
        e.attr(k, &draw::n(*v));
    }
}

/// The value of tick `step` as the learner reads it (`3/4`, `1`, `−1/4`) and as the response records it
/// (an ASCII minus, which the number parser reads).
fn tick_value(line: &NumberLine, step: u32) -> (String, String) {
    let d = i64::from(line.denominator());
    let n = line.numerator(step);
    let plain = match line.whole_at(step) {
        Some(w) => w.to_string(),
        None => format!("{n}/{d}"),
    };
    (plain.replace('-', "\u{2212}"), plain)
}

/// The controls of a `numberLine` interaction: the drawn line, a native slider along it (arrow keys step
/// by the tick, Home and End go to the ends, the value is read out), and a click or tap on the line that
/// places the point on the nearest tick: no dragging is ever needed. The point counts as placed once the
/// learner has moved it, so an untouched slider is no answer.
pub fn number_line_answer(fieldset: &Element, view: &View<'_>) -> Vec<EventListener> {
    let mut listeners = Vec::new();
    let line = match view
        .item
        .interaction
        .number_line(&[])
        .map(|s| s.resolve(view.values))
    {
        Some(Ok(Figure::NumberLine(line))) => line,
        _ => {
            fieldset.add(&dom::text(
                "p",
                "message",
                crate::i18n::t(view.lang, "figure-unavailable"),
            ));
            return listeners;
        }
    };
    let steps = line.steps();
    // On a right-to-left page the native slider runs from the right; the drawn line always runs from the
    // left (as number lines do), so the slider's values are counted from its other end there.
    let rtl = crate::i18n::direction(view.lang) == "rtl";
    let wrap = dom::el("div", "number-line-answer");
    let drawing = dom::draw_el(&crate::view::figure::picture(
        &Figure::NumberLine(line.clone()),
        view.lang,
        view.default,
    ));
    let point = svg("circle", "point placed");
    set(
        &point,
        &[
            ("cy", draw::LINE_AXIS),
            ("r", draw::POINT_RADIUS + 2.0),
            ("cx", draw::line_tick_x(0, steps)),
        ],
    );
    point.attr("visibility", "hidden");
    drawing.add(&point);
    let id = view.control_id("point");
    let input: HtmlInputElement = dom::el("input", "line-slider").unchecked_into();
    input.set_type("range");
    input.set_name("point");
    input.set_id(&id);
    input.attr("min", "0");
    input.attr("max", &steps.to_string());
    input.attr("step", "1");
    input.attr("aria-label", crate::i18n::t(view.lang, "line-point"));
    let readout = dom::el("p", "line-value");
    readout.attr("aria-hidden", "true");
    dom::append(&wrap, &[&drawing, &input, &readout]);
    fieldset.add(&wrap);

    let lang = view.lang.to_owned();
    let show = {
        let (input, point, readout, line) =
            (input.clone(), point.clone(), readout.clone(), line.clone());
        move |step: Option<u32>| {
            let Some(step) = step else {
                let none = crate::i18n::t(&lang, "line-not-placed");
                input.attr("aria-valuetext", none);
                readout.set_text_content(Some(&crate::i18n::tf(
                    &lang,
                    "line-value",
                    &[("value", none)],
                )));
                return;
            };
            let (read, recorded) = tick_value(&line, step);
            input.set_value(&draw::slider_value(step, line.steps(), rtl).to_string());
            input.attr("aria-valuetext", &read);
            input.attr("data-value", &recorded);
            point.attr("cx", &draw::n(draw::line_tick_x(step, line.steps())));
            point.attr("visibility", "visible");
            readout.set_text_content(Some(&crate::i18n::tf(
                &lang,
                "line-value",
                &[("value", &read)],
            )));
        }
    };
    let shown = match view.shown() {
        Some(Response::Number { input }) => {
            crate::check::numeric::parse_number(input, DecimalMark::Point)
                .ok()
                .map(|v| ((v - line.from() as f64) * f64::from(line.denominator())).round())
                .filter(|s| *s >= 0.0 && *s <= f64::from(steps))
                .map(|s| s as u32)
        }
        _ => None,
    };
    if shown.is_none() {
        input.set_value(&draw::slider_value(0, steps, rtl).to_string());
    }
    show(shown);
    if view.locked() {
        input.set_disabled(true);
        return listeners;
    }
    let show = std::rc::Rc::new(show);
    let placed = {
        let (input, show) = (input.clone(), show.clone());
        move || {
            let value = input.value().parse::<u32>().ok();
            show(value.map(|v| draw::slider_value(v.min(steps), steps, rtl)))
        }
    };
    let on_input = placed.clone();
    listeners.push(EventListener::new(&input, "input", move |_| on_input()));
    // A key that moves the thumb places the point even where it does not move it (Home at the start).
    let on_key = placed.clone();
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
            on_key();
        }
    }));
    // A click or a tap on the drawn line places the point on the nearest tick.
    {
        let (input, drawing_el) = (input.clone(), drawing.clone());
        listeners.push(EventListener::new(&drawing, "click", move |event| {
            let Some(mouse) = event.dyn_ref::<web_sys::MouseEvent>() else {
                return;
            };
            let rect = drawing_el.get_bounding_client_rect();
            if rect.width() <= 0.0 {
                return;
            }
            let x = (f64::from(mouse.client_x()) - rect.left()) / rect.width();
            show(Some(draw::line_step_at(x, steps)));
            dom::focus(&input);
        }));
    }
    listeners
}

/// One native checkbox laid over a shape of a drawing: the shape is what a pointer or a finger hits,
/// the checkbox what the keyboard and assistive technology use.
struct Toggle {
    /// Its value in the form (a part's number, a region's id).
    value: String,
    /// Its name, said by a screen reader ("Part 3 of 8").
    label: String,
    /// A point inside its shape, in the drawing's units: where the checkbox sits (and its focus ring).
    anchor: (f64, f64),
    checked: bool,
}

/// Whether the learner picks any number of a drawing's shapes (checkboxes) or exactly one (a native
/// radio group: arrow keys move the pick, as in any radio group).
#[derive(Clone, Copy, PartialEq)]
enum Picks {
    Several,
    One,
}

/// Lays `toggles` (one per shape of `shapes`, in order) over `svg` (a drawing `width` by `height`) in
/// `layer`: each a native checkbox (or radio button, for one pick) named `name`, placed on its shape. A
/// click or a tap on a shape clicks its control (so no dragging, and the form hears `input` and
/// `change` as from a keyboard); a checked control adds `on_class` to its shape, a focused one
/// `focused`. Locked: the controls are disabled.
#[allow(clippy::too_many_arguments)]
fn toggles(
    layer: &Element,
    svg_root: &Element,
    shapes: &[(Element, String)],
    (width, height): (f64, f64),
    toggles: Vec<Toggle>,
    (name, picks): (&str, Picks),
    on_class: &'static str,
    view: &View<'_>,
) -> Vec<EventListener> {
    let mut listeners = Vec::new();
    let mut inputs = Vec::new();
    let mut painters = Vec::new();
    for (i, (toggle, (shape, base))) in toggles.into_iter().zip(shapes).enumerate() {
        let input: HtmlInputElement = dom::el("input", "shape-toggle").unchecked_into();
        input.set_type(match picks {
            Picks::Several => "checkbox",
            Picks::One => "radio",
        });
        input.set_name(name);
        input.set_value(&toggle.value);
        input.set_id(&view.control_id(&format!("{name}-{}", i + 1)));
        input.attr("aria-label", &toggle.label);
        input.set_checked(toggle.checked);
        input.set_disabled(view.locked());
        let style = input.style();
        let _ = style.set_property(
            "left",
            &format!("{}%", draw::n(toggle.anchor.0 / width * 100.0)),
        );
        let _ = style.set_property(
            "top",
            &format!("{}%", draw::n(toggle.anchor.1 / height * 100.0)),
        );
        shape.attr("data-toggle", &(i + 1).to_string());
        let paint = {
            let (shape, base) = (shape.clone(), base.clone());
            move |checked: bool, focused: bool| {
                let mut class = base.clone();
                if checked {
                    class.push(' ');
                    class.push_str(on_class);
                }
                if focused {
                    class.push_str(" focused");
                }
                shape.attr("class", &class);
            }
        };
        paint(toggle.checked, false);
        for (event, focused) in [("focus", true), ("blur", false)] {
            let (paint, box_) = (paint.clone(), input.clone());
            listeners.push(EventListener::new(&input, event, move |_| {
                paint(box_.checked(), focused);
            }));
        }
        layer.add(&input);
        painters.push((input.clone(), paint));
        inputs.push(input);
    }
    // A change repaints every shape: picking one radio button unpicks another without telling it.
    listeners.push(EventListener::new(layer, "change", move |_| {
        let active = dom::page().active_element();
        for (input, paint) in &painters {
            let focused = active.as_ref() == Some(input.unchecked_ref::<Element>());
            paint(input.checked(), focused);
        }
    }));
    if !view.locked() {
        listeners.push(EventListener::new(svg_root, "click", move |event| {
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

/// A point inside a part of a shade model, where its checkbox sits: a rectangle's centre, a sector's
/// middle at 60% of its radius.
fn part_anchor(shape: &Shape) -> (f64, f64) {
    match shape {
        Shape::Rect {
            x,
            y,
            width,
            height,
            ..
        } => (x + width / 2.0, y + height / 2.0),
        Shape::Wedge {
            cx,
            cy,
            r,
            start,
            end,
            ..
        } => {
            let a = (start + end) / 2.0 * std::f64::consts::TAU;
            (cx + 0.6 * r * a.sin(), cy - 0.6 * r * a.cos())
        }
        Shape::Disc { cx, cy, .. } => (*cx, *cy),
        Shape::Line { x1, y1, .. } => (*x1, *y1),
        Shape::Text { x, y, .. } => (*x, *y),
    }
}

/// The controls of a `shade` interaction: the model drawn from its numbers, each part a native
/// checkbox ("Part 3 of 8", "Row 2, column 3") laid on the part, so Tab and Space shade by keyboard and
/// a click or a tap on a part shades it; a line under it counts the shaded parts.
pub fn shade_answer(fieldset: &Element, view: &View<'_>) -> Vec<EventListener> {
    let Interaction::Shade { model, .. } = &view.item.interaction else {
        return Vec::new();
    };
    let lang = view.lang;
    let Ok(parts) = model.resolve(view.values) else {
        fieldset.add(&dom::text("p", "message", t(lang, "figure-unavailable")));
        return Vec::new();
    };
    let total = parts.count();
    let shown: Vec<u32> = match view.shown() {
        Some(Response::Shaded { parts: p, of }) if *of == total => p.clone(),
        _ => Vec::new(),
    };
    let Drawing {
        width,
        height,
        shapes,
    } = draw::shade_model(&parts, &|_| false, crate::i18n::direction(lang) == "rtl");
    let (kind, group) = match parts {
        Parts::Bar { .. } => (
            "bar",
            tf(
                lang,
                "shade-bar",
                &[("parts", &tn(lang, "figure-parts", total))],
            ),
        ),
        Parts::Circle { .. } => (
            "circle",
            tf(
                lang,
                "shade-circle",
                &[("parts", &tn(lang, "figure-parts", total))],
            ),
        ),
        Parts::Grid { rows, columns } => (
            "grid",
            tf(
                lang,
                "shade-grid",
                &[
                    ("rows", &tn(lang, "shade-rows", rows)),
                    ("columns", &tn(lang, "shade-columns", columns)),
                ],
            ),
        ),
    };
    let wrap = dom::el("div", &format!("shade-answer {kind}"));
    wrap.attr("role", "group");
    wrap.attr("aria-label", &group);
    let layer = dom::el("div", "shape-layer");
    if let Parts::Grid { columns, .. } = parts {
        // A grid is as wide as its columns need (each square 3.5rem at most), never wider than the page.
        if let Some(h) = layer.dyn_ref::<web_sys::HtmlElement>() {
            let _ = h.style().set_property(
                "inline-size",
                &format!("min(100%, {}rem)", 3.5 * f64::from(columns)),
            );
        }
    }
    let root = svg("svg", &format!("figure-drawing shade-model {kind}"));
    root.attr(
        "viewBox",
        &format!("0 0 {} {}", draw::n(width), draw::n(height)),
    );
    root.attr("aria-hidden", "true");
    let mut elements = Vec::new();
    let mut list = Vec::new();
    for (i, s) in shapes.iter().enumerate() {
        let p = i as u32 + 1;
        let e = dom::draw_el(&crate::view::figure::shape(s));
        root.add(&e);
        elements.push((e, "part".to_owned()));
        let label = match parts.cell(p) {
            Some((row, column)) => tf(
                lang,
                "shade-cell",
                &[("row", &row.to_string()), ("column", &column.to_string())],
            ),
            None => tf(
                lang,
                "shade-part",
                &[("n", &p.to_string()), ("total", &total.to_string())],
            ),
        };
        list.push(Toggle {
            value: p.to_string(),
            label,
            anchor: part_anchor(s),
            checked: shown.contains(&p),
        });
    }
    layer.add(&root);
    let mut listeners = toggles(
        &layer,
        &root,
        &elements,
        (width, height),
        list,
        ("shade", Picks::Several),
        "shaded",
        view,
    );
    let count = dom::el("p", "shade-count");
    let say = {
        let (count, lang) = (count.clone(), lang.to_owned());
        move |n: usize| {
            count.set_text_content(Some(&tf(
                &lang,
                "shade-count",
                &[("n", &n.to_string()), ("total", &total.to_string())],
            )))
        }
    };
    say(shown.len());
    dom::append(&wrap, &[&layer, &count]);
    fieldset.add(&wrap);
    let on_change = {
        let layer = layer.clone();
        move |_: &web_sys::Event| {
            let n = layer
                .query_selector_all("input[name=shade]:checked")
                .map(|l| l.length() as usize)
                .unwrap_or(0);
            say(n);
        }
    };
    listeners.push(EventListener::new(&layer, "change", on_change));
    listeners
}

/// The controls of a `hotspot` interaction: the author's image with its regions drawn over it in the
/// image's own coordinates, each region a native checkbox named by its label and laid on the region, so
/// Tab and Space pick by keyboard and a click or a tap on a region picks it. With one region to pick
/// they are a native radio group instead: Tab into it, arrow keys move the pick.
pub fn hotspot_answer(fieldset: &Element, view: &View<'_>) -> Vec<EventListener> {
    let Interaction::Hotspot {
        image,
        alt,
        width,
        height,
        regions,
        correct,
    } = &view.item.interaction
    else {
        return Vec::new();
    };
    let picks = if correct.is_several() {
        Picks::Several
    } else {
        Picks::One
    };
    let chosen: Vec<String> = match view.shown() {
        Some(Response::Choices { options }) => options.clone(),
        Some(Response::Choice { option }) => vec![option.clone()],
        _ => Vec::new(),
    };
    let wrap = dom::el("div", "hotspot-answer");
    if let Some(h) = wrap.dyn_ref::<web_sys::HtmlElement>() {
        // Shown at the image's own size at most.
        let _ = h
            .style()
            .set_property("inline-size", &format!("min(100%, {}px)", draw::n(*width)));
    }
    let layer = dom::el("div", "shape-layer");
    if picks == Picks::One {
        layer.attr("role", "radiogroup");
        layer.attr("aria-label", t(view.lang, "hotspot-one"));
    }
    let root = svg("svg", "hotspot-image");
    root.attr(
        "viewBox",
        &format!("0 0 {} {}", draw::n(*width), draw::n(*height)),
    );
    root.attr("role", "img");
    root.attr(
        "aria-label",
        &crate::package::markup::plain_text(&view.text(alt)),
    );
    let picture = svg("image", "");
    picture.attr("href", &(view.asset_url)(image));
    set(&picture, &[("width", *width), ("height", *height)]);
    picture.attr("preserveAspectRatio", "none");
    root.add(&picture);
    let mut elements = Vec::new();
    let mut list = Vec::new();
    for (n, r) in regions.iter().enumerate() {
        let e = match &r.outline {
            Outline::Circle([cx, cy, radius]) => {
                let e = svg("circle", "");
                set(&e, &[("cx", *cx), ("cy", *cy), ("r", *radius)]);
                e
            }
            Outline::Rect([l, t, right, b]) => {
                let e = svg("rect", "");
                set(
                    &e,
                    &[
                        ("x", *l),
                        ("y", *t),
                        ("width", right - l),
                        ("height", b - t),
                    ],
                );
                e
            }
            Outline::Polygon(coords) => {
                let e = svg("polygon", "");
                let points: Vec<String> = coords.iter().map(|v| draw::n(*v)).collect();
                e.attr("points", &points.join(" "));
                e
            }
        };
        root.add(&e);
        let mut base = "region".to_owned();
        let mut label = crate::package::markup::plain_text(&view.text(&r.label));
        if let Some(right) = view.parts.and_then(|p| p.get(n).copied()) {
            base.push_str(if right { " part-right" } else { " part-wrong" });
            label = format!(
                "{label} ({})",
                t(view.lang, if right { "part-right" } else { "part-wrong" })
            );
        }
        elements.push((e, base));
        list.push(Toggle {
            value: r.id.clone(),
            label,
            anchor: r.outline.anchor(),
            checked: chosen.contains(&r.id),
        });
    }
    layer.add(&root);
    let listeners = toggles(
        &layer,
        &root,
        &elements,
        (*width, *height),
        list,
        ("region", picks),
        "chosen",
        view,
    );
    wrap.add(&layer);
    fieldset.add(&wrap);
    listeners
}
