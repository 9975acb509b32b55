//! A number line: the axis from `from` to `to`, a tick every `1/denominator` (longer on whole numbers),
//! the numbers under the ticks the author asked for, and the marked points with their names above.

use super::{Drawing, Paint, Shape, Stroke, Writing};
use crate::package::figure::{NumberLine, TickLabels};

pub(super) const WIDTH: f64 = 600.0;
/// Room at each end for a label centred on the end tick.
pub(super) const SIDE: f64 = 36.0;
/// The height of the axis; point names sit above it, numbers below. Spaced for text up to 30 units
/// high (the stylesheet's size on a narrow screen, where the line is drawn at about half scale).
pub(super) const AXIS: f64 = 46.0;
const TICK: f64 = 8.0;
const WHOLE_TICK: f64 = 14.0;
pub(super) const POINT_R: f64 = 8.0;

/// The x of tick `step` of a line of `steps` steps.
pub(super) fn tick_x(step: u32, steps: u32) -> f64 {
    SIDE + (WIDTH - 2.0 * SIDE) * f64::from(step) / f64::from(steps.max(1))
}

/// A whole number as a label: a true minus sign for negatives.
fn number(v: i64) -> String {
    if v < 0 {
        format!("\u{2212}{}", v.unsigned_abs())
    } else {
        v.to_string()
    }
}

/// The drawing of `l`, its marks' names in `lang` (else the package's `default` language).
#[cfg(test)]
pub(super) fn number_for_test(v: i64) -> String {
    number(v)
}

pub(super) fn draw(l: &NumberLine, lang: &str, default: &str) -> Drawing {
    let steps = l.steps();
    let mut shapes = vec![Shape::Line {
        x1: tick_x(0, steps),
        y1: AXIS,
        x2: tick_x(steps, steps),
        y2: AXIS,
        stroke: Stroke::Axis,
    }];
    for step in 0..=steps {
        let x = tick_x(step, steps);
        let whole = l.whole_at(step);
        let (half, stroke) = if whole.is_some() {
            (WHOLE_TICK, Stroke::WholeTick)
        } else {
            (TICK, Stroke::Tick)
        };
        shapes.push(Shape::Line {
            x1: x,
            y1: AXIS - half,
            x2: x,
            y2: AXIS + half,
            stroke,
        });
        match (l.labels(), whole) {
            (TickLabels::Wholes, Some(w)) => shapes.push(Shape::Text {
                x,
                y: AXIS + 44.0,
                text: number(w),
                writing: Writing::TickLabel,
            }),
            (TickLabels::Fractions, _) => {
                shapes.push(Shape::Text {
                    x,
                    y: AXIS + 42.0,
                    text: number(l.numerator(step)),
                    writing: Writing::TickLabel,
                });
                shapes.push(Shape::Line {
                    x1: x - 11.0,
                    y1: AXIS + 49.0,
                    x2: x + 11.0,
                    y2: AXIS + 49.0,
                    stroke: Stroke::FractionBar,
                });
                shapes.push(Shape::Text {
                    x,
                    y: AXIS + 78.0,
                    text: l.denominator().to_string(),
                    writing: Writing::TickLabel,
                });
            }
            _ => {}
        }
    }
    for mark in l.marks() {
        let x = tick_x(mark.step, steps);
        shapes.push(Shape::Disc {
            cx: x,
            cy: AXIS,
            r: POINT_R,
            paint: Paint::Point,
        });
        if let Some(label) = &mark.label {
            shapes.push(Shape::Text {
                x,
                y: AXIS - 16.0,
                text: label.get(lang, default).to_owned(),
                writing: Writing::PointLabel,
            });
        }
    }
    let height = match l.labels() {
        TickLabels::Wholes => AXIS + 54.0,
        TickLabels::Fractions => AXIS + 86.0,
        TickLabels::None => AXIS + 24.0,
    };
    Drawing {
        width: WIDTH,
        height,
        shapes,
    }
}
