//! Figures drawn from numbers (fraction bars and circles, number lines) as SVG: `draw` computes the
//! shapes, this module makes one SVG element per shape with `createElementNS` (never markup from text),
//! classed by what the shape shows so the stylesheet colours it in light, dark and forced colours. The
//! SVG is an image to assistive technology, named by its text alternative from `present`.
//!
//! Kept apart from the rest of the player so that the code the first item does not need can load after
//! it (the first-item split of the player).

use super::dom;
use crate::draw::{self, Drawing, Paint, Shape, Stroke, Writing};
use crate::package::figure::{Figure, FigureSpec, ModelShape};
use crate::package::params::Values;
use crate::present::figure_alt;
use crate::web::dom::Build;
use web_sys::Element;

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
    // Drawn left to right whatever the page's direction: a number line grows to the right.
    root.attr("direction", "ltr");
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
