//! The geometry of the figures the player draws from numbers (`package::figure`): a fraction bar, a
//! fraction circle, a number line; and the model a `shade` item's learner shades (a bar, a circle or a
//! grid). [`draw`] turns a [`Figure`] into a [`Drawing`]: a box in its own units
//! and the shapes in it, each typed with what it shows (a shaded part, a tick, a label), so the shell's
//! only work is to make one SVG element per shape and the stylesheet's to colour them by what they are
//! (light, dark and forced colours alike).
//!
//! It deliberately knows no words (the text alternative is `present::figure_alt`'s), no colours and no
//! DOM. Pure, and tested natively: the shaded share and the tick positions are checked here.

mod fraction;
mod line;
mod shade;

use crate::package::figure::Figure;
use crate::package::shade::Parts;

/// What a filled shape shows, for the stylesheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    /// A shaded part of a fraction model.
    Shaded,
    /// A part not shaded.
    Unshaded,
    /// A point marked on a number line.
    Point,
}

/// What a line shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stroke {
    /// The number line itself.
    Axis,
    /// A tick between whole numbers.
    Tick,
    /// A tick on a whole number (longer).
    WholeTick,
    /// The bar of a fraction written as a label.
    FractionBar,
}

/// What a piece of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writing {
    /// A number under a tick.
    TickLabel,
    /// A point's name, above it.
    PointLabel,
}

/// One shape, in the drawing's units.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Rect {
        x: f64,
        y: f64,
        width: f64,
        height: f64,
        paint: Paint,
    },
    /// A whole circle (a model of one part, or a point).
    Disc {
        cx: f64,
        cy: f64,
        r: f64,
        paint: Paint,
    },
    /// A sector from turn `start` to turn `end` (0 is the top, clockwise; a turn is 1).
    Wedge {
        cx: f64,
        cy: f64,
        r: f64,
        start: f64,
        end: f64,
        paint: Paint,
    },
    Line {
        x1: f64,
        y1: f64,
        x2: f64,
        y2: f64,
        stroke: Stroke,
    },
    /// Text centred on `x`, its baseline at `y`.
    Text {
        x: f64,
        y: f64,
        text: String,
        writing: Writing,
    },
}

/// A figure's shapes in a box `width` by `height` (the SVG's `viewBox`).
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    pub width: f64,
    pub height: f64,
    pub shapes: Vec<Shape>,
}

/// The drawing of `figure`; author text in it (a point's name) in `lang`, else in `default`.
pub fn draw(figure: &Figure, lang: &str, default: &str) -> Drawing {
    match figure {
        Figure::FractionModel(m) => fraction::draw(m),
        Figure::NumberLine(l) => line::draw(l, lang, default),
    }
}

/// The model of a `shade` item, part `p` (from 1) shaded when `shaded(p)`: one shape per part, in the
/// order the parts are numbered. On a right-to-left page (`rtl`) a bar starts at its right end and a
/// grid's columns are counted from the right, as the page reads (and as its tables number their
/// columns), so the parts come in reading order; a circle goes clockwise from the top either way.
pub fn shade_model(model: &Parts, shaded: &dyn Fn(u32) -> bool, rtl: bool) -> Drawing {
    let mut drawing = shade::draw(model, shaded);
    if rtl && !matches!(model, Parts::Circle { .. }) {
        for s in &mut drawing.shapes {
            if let Shape::Rect { x, width, .. } = s {
                *x = drawing.width - *x - *width;
            }
        }
    }
    drawing
}

/// Where tick `step` of a number line of `steps` steps is drawn: its x in the drawing's units.
pub fn line_tick_x(step: u32, steps: u32) -> f64 {
    line::tick_x(step, steps)
}

/// The y of a number line's axis, in the drawing's units.
pub const LINE_AXIS: f64 = line::AXIS;
/// The radius of a point on a number line.
pub const POINT_RADIUS: f64 = line::POINT_R;

/// The tick of a number line of `steps` steps nearest to `x`, a place across the drawing given as a
/// share of its width (0 at its left edge, 1 at its right): where a click or a tap places a point.
pub fn line_step_at(x: f64, steps: u32) -> u32 {
    let units = x.clamp(0.0, 1.0) * line::WIDTH;
    let along = (units - line::SIDE) / (line::WIDTH - 2.0 * line::SIDE);
    let step = (along * f64::from(steps))
        .round()
        .clamp(0.0, f64::from(steps));
    // Within 0..=steps by the clamp.
    step as u32
}

/// The value of a number line's slider that puts its thumb over tick `step` (or, the same way back, the
/// tick under the thumb at a value): the tick itself where the slider runs left to right like the line,
/// counted from the other end where it runs right to left (a right-to-left page) and the line does not.
pub fn slider_value(step: u32, steps: u32, rtl: bool) -> u32 {
    if rtl {
        steps.saturating_sub(step)
    } else {
        step
    }
}

/// An SVG path (`d`) for a wedge: from the centre out to the start, along the arc clockwise, and back.
pub fn wedge_path(cx: f64, cy: f64, r: f64, start: f64, end: f64) -> String {
    let at = |turn: f64| {
        let a = turn * std::f64::consts::TAU;
        (cx + r * a.sin(), cy - r * a.cos())
    };
    let (x1, y1) = at(start);
    let (x2, y2) = at(end);
    let large = u8::from(end - start > 0.5);
    format!(
        "M{} {}L{} {}A{} {} 0 {large} 1 {} {}Z",
        n(cx),
        n(cy),
        n(x1),
        n(y1),
        n(r),
        n(r),
        n(x2),
        n(y2)
    )
}

/// A coordinate written short: two decimals at most, no trailing zeros (`-0` as `0`).
pub fn n(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    let s = format!("{r:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests;
