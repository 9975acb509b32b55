//! The model of a `shade` item: a bar, a circle or a grid cut into equal parts, each part one shape in
//! the order the parts are numbered (a bar from its start, a circle clockwise from the top, a grid row by
//! row), painted shaded or not as the learner left it.

use super::{fraction, Drawing, Paint, Shape};
use crate::package::shade::Parts;

/// The side of a grid's square, in the drawing's units (a bar's part at most is 480 / 1 wide).
pub(super) const CELL: f64 = 48.0;
const MARGIN: f64 = 4.0;

pub(super) fn draw(model: &Parts, shaded: &dyn Fn(u32) -> bool) -> Drawing {
    let paint = |i: u32| {
        if shaded(i + 1) {
            Paint::Shaded
        } else {
            Paint::Unshaded
        }
    };
    match *model {
        Parts::Bar { parts } => fraction::bar(parts, &paint),
        Parts::Circle { parts } => fraction::circle(parts, &paint),
        Parts::Grid { rows, columns } => {
            let shapes = (0..rows * columns)
                .map(|i| Shape::Rect {
                    x: MARGIN + CELL * f64::from(i % columns),
                    y: MARGIN + CELL * f64::from(i / columns),
                    width: CELL,
                    height: CELL,
                    paint: paint(i),
                })
                .collect();
            Drawing {
                width: CELL * f64::from(columns) + 2.0 * MARGIN,
                height: CELL * f64::from(rows) + 2.0 * MARGIN,
                shapes,
            }
        }
    }
}
