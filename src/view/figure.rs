//! A figure drawn from numbers (a fraction bar or circle, a number line) as an SVG element: `draw`
//! computes the shapes, this makes one SVG element per shape, classed by what it shows so the stylesheet
//! colours it in light, dark and forced colours. The SVG is an image to assistive technology, named by
//! its text alternative from `present`.
//!
//! Deliberately not here: the controls laid on a picture (`numberLine`, `shade`, `hotspot`), which
//! `picture` builds on these shapes.

use super::{Element, Space};
use crate::draw::{self, Drawing, Paint, Shape, Stroke, Writing};
use crate::package::figure::{Figure, ModelShape};
use crate::present::figure_alt;

/// An SVG element `<tag class>`.
pub fn svg(tag: &'static str, class: &str) -> Element {
    Element::in_space(Space::Svg, tag, class)
}

/// Sets numeric attributes, written as `draw` writes numbers.
pub fn set(mut e: Element, attrs: &[(&'static str, f64)]) -> Element {
    for (k, v) in attrs {
        e.set(k, draw::n(*v));
    }
    e
}

fn paint_class(p: Paint) -> &'static str {
    match p {
        Paint::Shaded => "part shaded",
        Paint::Unshaded => "part",
        Paint::Point => "point",
    }
}

/// The SVG element of one shape.
pub fn shape(s: &Shape) -> Element {
    match s {
        Shape::Rect {
            x,
            y,
            width,
            height,
            paint,
        } => set(
            svg("rect", paint_class(*paint)),
            &[("x", *x), ("y", *y), ("width", *width), ("height", *height)],
        ),
        Shape::Disc { cx, cy, r, paint } => set(
            svg("circle", paint_class(*paint)),
            &[("cx", *cx), ("cy", *cy), ("r", *r)],
        ),
        Shape::Wedge {
            cx,
            cy,
            r,
            start,
            end,
            paint,
        } => {
            svg("path", paint_class(*paint)).attr("d", draw::wedge_path(*cx, *cy, *r, *start, *end))
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
            set(
                svg("line", class),
                &[("x1", *x1), ("y1", *y1), ("x2", *x2), ("y2", *y2)],
            )
        }
        Shape::Text {
            x,
            y,
            text,
            writing,
        } => {
            let class = match writing {
                Writing::TickLabel => "tick-label",
                Writing::PointLabel => "point-label",
            };
            set(svg("text", class), &[("x", *x), ("y", *y)])
                .attr("text-anchor", "middle")
                .with_text(text)
        }
    }
}

/// The `<svg>` of a figure: an image named by its text alternative, its shapes hidden from assistive
/// technology.
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
    // No `direction`: the shapes' coordinates are absolute, so a number line grows to the right on a
    // right-to-left page too, and its labels are centred numbers, which bidi keeps in their order.
    let group = svg("g", "")
        .attr("aria-hidden", "true")
        .children(shapes.iter().map(|s| shape(s).into()));
    svg("svg", &format!("figure-drawing {kind}"))
        .attr(
            "viewBox",
            format!("0 0 {} {}", draw::n(width), draw::n(height)),
        )
        .attr("role", "img")
        .attr("aria-label", figure_alt(lang, default, figure))
        .child(group)
}

/// A figure in a `<figure>`; one that cannot be drawn (None: its values fail it, in a
/// package `pacer validate` refused) is said to be missing, in words.
pub fn block(figure: Option<&Figure>, lang: &str, default: &str) -> Element {
    let wrap = Element::new("figure", "figure drawn");
    match figure {
        Some(figure) => wrap.child(picture(figure, lang, default)),
        None => wrap.child(Element::text(
            "p",
            "message",
            crate::i18n::t(lang, "figure-unavailable"),
        )),
    }
}
