//! Figures drawn from numbers (fraction bars and circles, number lines) as SVG: `draw` computes the
//! shapes, this module makes one SVG element per shape with `createElementNS` (never markup from text),
//! classed by what the shape shows so the stylesheet colours it in light, dark and forced colours. The
//! SVG is an image to assistive technology, named by its text alternative from `present`.
//!
//! Kept apart from the rest of the player so that the code the first item does not need can load after
//! it (the first-item split of the player).

use super::dom;
use super::interactions::View;
use crate::check::Response;
use crate::draw::{self, Drawing, Paint, Shape, Stroke, Writing};
use crate::package::figure::{Figure, FigureSpec, ModelShape, NumberLine};
use crate::package::params::Values;
use crate::package::DecimalMark;
use crate::present::figure_alt;
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

fn paint_class(p: Paint) -> &'static str {
    match p {
        Paint::Shaded => "part shaded",
        Paint::Unshaded => "part",
        Paint::Point => "point",
    }
}

fn shape(s: &Shape) -> Element {
    match s {
        Shape::Rect {
            x,
            y,
            width,
            height,
            paint,
        } => {
            let e = svg("rect", paint_class(*paint));
            set(
                &e,
                &[("x", *x), ("y", *y), ("width", *width), ("height", *height)],
            );
            e
        }
        Shape::Disc { cx, cy, r, paint } => {
            let e = svg("circle", paint_class(*paint));
            set(&e, &[("cx", *cx), ("cy", *cy), ("r", *r)]);
            e
        }
        Shape::Wedge {
            cx,
            cy,
            r,
            start,
            end,
            paint,
        } => {
            let e = svg("path", paint_class(*paint));
            e.attr("d", &draw::wedge_path(*cx, *cy, *r, *start, *end));
            e
        }
        Shape::Line {
            x1,
            y1,
            x2,
            y2,
            stroke,
        } => {
            let class = match stroke {
                Stroke::Axis => "axis",
                Stroke::Tick => "tick",
                Stroke::WholeTick => "tick whole",
                Stroke::FractionBar => "vinculum",
            };
            let e = svg("line", class);
            set(&e, &[("x1", *x1), ("y1", *y1), ("x2", *x2), ("y2", *y2)]);
            e
        }
        Shape::Text {
            x,
            y,
            text,
            writing,
        } => {
            let e = svg(
                "text",
                match writing {
                    Writing::TickLabel => "tick-label",
                    Writing::PointLabel => "point-label",
                },
            );
            set(&e, &[("x", *x), ("y", *y)]);
            e.attr("text-anchor", "middle");
            e.set_text_content(Some(text));
            e
        }
    }
}

/// The `<svg>` of a figure: an image named `alt`, its shapes hidden from assistive technology.
pub fn picture(figure: &Figure, lang: &str, default: &str) -> Element {
    let Drawing {
        width,
        height,
        shapes,
    } = draw::draw(figure, lang, default);
    let kind = match figure {
        Figure::FractionModel(m) if m.shape() == ModelShape::Bar => "model bar",
        Figure::FractionModel(_) => "model circle",
        Figure::NumberLine(_) => "number-line",
    };
    let root = svg("svg", &format!("figure-drawing {kind}"));
    root.attr(
        "viewBox",
        &format!("0 0 {} {}", draw::n(width), draw::n(height)),
    );
    root.attr("role", "img");
    root.attr("aria-label", &figure_alt(lang, default, figure));
    // No `direction`: the shapes' coordinates are absolute, so a number line grows to the right on a
    // right-to-left page too, and its labels are centred numbers, which bidi keeps in their order.
    let group = svg("g", "");
    group.attr("aria-hidden", "true");
    for s in &shapes {
        group.add(&shape(s));
    }
    root.add(&group);
    root
}

/// Appends the figure of `spec` for the parameter `values` to `parent`, in a `<figure>`; a figure that
/// cannot be drawn (a package `pacer validate` refused) is said to be missing, in words.
pub fn figure(parent: &Element, spec: &FigureSpec<'_>, values: &Values, lang: &str, default: &str) {
    let wrap = dom::el("figure", "figure drawn");
    match spec.resolve(values) {
        Ok(figure) => wrap.add(&picture(&figure, lang, default)),
        Err(_) => wrap.add(&dom::text(
            "p",
            "message",
            crate::i18n::t(lang, "figure-unavailable"),
        )),
    }
    parent.add(&wrap);
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
    let wrap = dom::el("div", "number-line-answer");
    let drawing = picture(&Figure::NumberLine(line.clone()), view.lang, view.default);
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
            input.set_value(&step.to_string());
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
        input.set_value("0");
    }
    show(shown);
    if view.locked() {
        input.set_disabled(true);
        return listeners;
    }
    let show = std::rc::Rc::new(show);
    let placed = {
        let (input, show) = (input.clone(), show.clone());
        move || show(input.value().parse::<u32>().ok())
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
