//! A fraction model: a bar cut into equal lengths shaded from its start, or a circle cut into equal
//! sectors shaded clockwise from the top.

use super::{Drawing, Paint, Shape};
use crate::package::figure::{FractionModel, ModelShape};

/// The bar's length and thickness, and the margin that keeps its outline inside the box.
pub(super) const BAR_W: f64 = 480.0;
pub(super) const BAR_H: f64 = 64.0;
/// The circle's radius.
pub(super) const RADIUS: f64 = 96.0;
const MARGIN: f64 = 4.0;

pub(super) fn draw(m: &FractionModel) -> Drawing {
    let paint = |i: u32| {
        if i < m.shaded() {
            Paint::Shaded
        } else {
            Paint::Unshaded
        }
    };
    match m.shape() {
        ModelShape::Bar => bar(m.parts(), &paint),
        ModelShape::Circle => circle(m.parts(), &paint),
    }
}

/// A bar of `n` equal parts, part `i` (from 0, from the start) painted `paint(i)`.
pub(super) fn bar(n: u32, paint: &dyn Fn(u32) -> Paint) -> Drawing {
    let part = BAR_W / f64::from(n);
    let shapes = (0..n)
        .map(|i| Shape::Rect {
            x: MARGIN + part * f64::from(i),
            y: MARGIN,
            width: part,
            height: BAR_H,
            paint: paint(i),
        })
        .collect();
    Drawing {
        width: BAR_W + 2.0 * MARGIN,
        height: BAR_H + 2.0 * MARGIN,
        shapes,
    }
}

/// A circle of `n` equal sectors, sector `i` (from 0, clockwise from the top) painted `paint(i)`.
pub(super) fn circle(n: u32, paint: &dyn Fn(u32) -> Paint) -> Drawing {
    let c = RADIUS + MARGIN;
    let shapes = if n == 1 {
        vec![Shape::Disc {
            cx: c,
            cy: c,
            r: RADIUS,
            paint: paint(0),
        }]
    } else {
        (0..n)
            .map(|i| Shape::Wedge {
                cx: c,
                cy: c,
                r: RADIUS,
                start: f64::from(i) / f64::from(n),
                end: f64::from(i + 1) / f64::from(n),
                paint: paint(i),
            })
            .collect()
    };
    Drawing {
        width: 2.0 * c,
        height: 2.0 * c,
        shapes,
    }
}
