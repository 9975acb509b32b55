//! Pictures the player draws from numbers, as authors write them and as they are once their numbers are
//! known: a fraction model (a bar or a circle cut into equal parts, some of them shaded) and a number line
//! (from one whole number to another, a tick every `1/denominator`, points marked on ticks).
//!
//! An author's block may give each number as a literal or as a formula over the item's parameters, so a
//! parameterised item draws a fresh picture per learner. [`FigureSpec::resolve`] evaluates them for the
//! drawn values and checks that the result can be drawn; the [`Figure`] it returns can only hold numbers
//! that can (its fields are private and set there). `pacer validate` resolves every figure for every
//! combination of parameter values, so the player meets an undrawable one only in a package it refused.
//!
//! This module only describes and checks; the geometry is `draw`'s, the words `present`'s, the SVG the
//! web shell's.

use super::params::Values;
use super::{NumberValue, Text};
use crate::expr;
use serde::Serialize;
use thiserror::Error;

/// The most equal parts a fraction model may be cut into (each still a visible, countable part on a
/// phone's screen).
pub const MAX_PARTS: i64 = 24;
/// The most tick-to-tick steps a number line may have, for the same reason.
pub const MAX_STEPS: i64 = 24;
/// The largest whole number a number line may start or end at.
pub const MAX_END: i64 = 1_000_000;

/// The outline a fraction model is cut from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ModelShape {
    /// A horizontal bar cut into equal lengths, shaded from its start.
    Bar,
    /// A circle cut into equal sectors, shaded clockwise from the top.
    Circle,
}

/// Which ticks of a number line carry a number.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum TickLabels {
    /// The whole numbers only (the default: a learner reads the fractions from the ticks).
    #[default]
    Wholes,
    /// Every tick, as a fraction over the denominator (`0/4`, `1/4`, ... `4/4`).
    Fractions,
    /// None at all.
    None,
}

/// A point an author marks on a number line.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LinePoint {
    /// Where: a number or a formula (`"3/4"`, `"k / d"`); it must fall on a tick.
    pub at: NumberValue,
    /// A short name shown above it (`A`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
}

/// A drawn picture as an author writes it: numbers or formulas not yet evaluated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FigureSpec<'a> {
    FractionModel {
        shape: ModelShape,
        parts: &'a NumberValue,
        shaded: &'a NumberValue,
    },
    NumberLine {
        from: &'a NumberValue,
        to: &'a NumberValue,
        denominator: &'a NumberValue,
        labels: TickLabels,
        points: &'a [LinePoint],
    },
}

/// Why a figure cannot be drawn; [`FigureError::field`] is the key at fault, relative to the block.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum FigureError {
    #[error("the formula does not work: {message}")]
    Formula { field: String, message: String },
    #[error("must be a whole number, got {}", show(*value))]
    NotWhole { field: String, value: f64 },
    #[error("must be from {min} to {max}, got {value}")]
    OutOfRange {
        field: String,
        min: i64,
        max: i64,
        value: i64,
    },
    #[error("the line must end after it starts: from {from} to {to}")]
    Backwards { from: i64, to: i64 },
    #[error("the line has {steps} steps of 1/{denominator}; at most {MAX_STEPS} fit (a shorter line or a smaller denominator)")]
    TooManySteps { steps: i64, denominator: i64 },
    #[error("{} is not on the line (from {from} to {to})", show(*value))]
    OffLine {
        field: String,
        value: f64,
        from: i64,
        to: i64,
    },
    #[error("{} is not on a tick (a tick every 1/{denominator})", show(*value))]
    BetweenTicks {
        field: String,
        value: f64,
        denominator: i64,
    },
}

impl FigureError {
    /// The key of the block at fault (`shaded`, `points[1].at`).
    pub fn field(&self) -> &str {
        match self {
            FigureError::Formula { field, .. }
            | FigureError::NotWhole { field, .. }
            | FigureError::OutOfRange { field, .. }
            | FigureError::OffLine { field, .. }
            | FigureError::BetweenTicks { field, .. } => field,
            FigureError::Backwards { .. } => "to",
            FigureError::TooManySteps { .. } => "denominator",
        }
    }
}

/// A fraction model whose numbers are drawable: `1 <= parts <= MAX_PARTS`, `shaded <= parts`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FractionModel {
    shape: ModelShape,
    parts: u32,
    shaded: u32,
}

impl FractionModel {
    /// A model, or why its numbers cannot be drawn.
    pub fn new(shape: ModelShape, parts: i64, shaded: i64) -> Result<Self, FigureError> {
        let parts = in_range("parts", parts, 1, MAX_PARTS)?;
        let shaded = in_range("shaded", shaded, 0, i64::from(parts))?;
        Ok(FractionModel {
            shape,
            parts,
            shaded,
        })
    }
    pub fn shape(&self) -> ModelShape {
        self.shape
    }
    pub fn parts(&self) -> u32 {
        self.parts
    }
    pub fn shaded(&self) -> u32 {
        self.shaded
    }
}

/// A point on a drawn number line: the tick it is on, counted from the start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Mark {
    pub step: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
}

/// A number line whose numbers are drawable: whole ends `from < to`, `1 <= denominator`, at most
/// `MAX_STEPS` steps, every mark on a tick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NumberLine {
    from: i64,
    to: i64,
    denominator: u32,
    labels: TickLabels,
    marks: Vec<Mark>,
}

impl NumberLine {
    pub fn from(&self) -> i64 {
        self.from
    }
    pub fn to(&self) -> i64 {
        self.to
    }
    pub fn denominator(&self) -> u32 {
        self.denominator
    }
    pub fn labels(&self) -> TickLabels {
        self.labels
    }
    pub fn marks(&self) -> &[Mark] {
        &self.marks
    }
    /// Tick-to-tick steps from `from` to `to`.
    pub fn steps(&self) -> u32 {
        // At most MAX_STEPS by construction.
        u32::try_from((self.to - self.from) * i64::from(self.denominator)).unwrap_or(0)
    }
    /// The value of tick `step` as a fraction over the denominator: its numerator.
    pub fn numerator(&self, step: u32) -> i64 {
        self.from * i64::from(self.denominator) + i64::from(step)
    }
    /// The whole number at tick `step`, if that tick is on one.
    pub fn whole_at(&self, step: u32) -> Option<i64> {
        let d = i64::from(self.denominator);
        let n = self.numerator(step);
        (n % d == 0).then_some(n / d)
    }
}

/// A figure ready to draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Figure {
    FractionModel(FractionModel),
    NumberLine(NumberLine),
}

impl FigureSpec<'_> {
    /// The figure for the parameter `values` (empty outside parameterised items), or why it cannot be
    /// drawn.
    pub fn resolve(&self, values: &Values) -> Result<Figure, FigureError> {
        match *self {
            FigureSpec::FractionModel {
                shape,
                parts,
                shaded,
            } => {
                let parts = whole("parts", parts, values)?;
                let shaded = whole("shaded", shaded, values)?;
                FractionModel::new(shape, parts, shaded).map(Figure::FractionModel)
            }
            FigureSpec::NumberLine {
                from,
                to,
                denominator,
                labels,
                points,
            } => {
                let from = whole("from", from, values)?;
                let to = whole("to", to, values)?;
                in_range("from", from, -MAX_END, MAX_END)?;
                in_range("to", to, -MAX_END, MAX_END)?;
                if to <= from {
                    return Err(FigureError::Backwards { from, to });
                }
                let d = whole("denominator", denominator, values)?;
                let d = in_range("denominator", d, 1, MAX_STEPS)?;
                let steps = (to - from) * i64::from(d);
                if steps > MAX_STEPS {
                    return Err(FigureError::TooManySteps {
                        steps,
                        denominator: i64::from(d),
                    });
                }
                let mut marks = Vec::with_capacity(points.len());
                for (i, p) in points.iter().enumerate() {
                    let field = format!("points[{i}].at");
                    let at = number(&field, &p.at, values)?;
                    if !(at >= from as f64 - 1e-9 && at <= to as f64 + 1e-9) {
                        return Err(FigureError::OffLine {
                            field,
                            value: at,
                            from,
                            to,
                        });
                    }
                    let exact = (at - from as f64) * f64::from(d);
                    let step = exact.round();
                    if (exact - step).abs() > 1e-6 {
                        return Err(FigureError::BetweenTicks {
                            field,
                            value: at,
                            denominator: i64::from(d),
                        });
                    }
                    marks.push(Mark {
                        // Between 0 and MAX_STEPS: checked just above.
                        step: step as u32,
                        label: p.label.clone(),
                    });
                }
                Ok(Figure::NumberLine(NumberLine {
                    from,
                    to,
                    denominator: d,
                    labels,
                    marks,
                }))
            }
        }
    }

    /// The formulas of the figure, each with its key (for `pacer validate`'s parse check).
    pub fn numbers(&self) -> Vec<(String, &NumberValue)> {
        match self {
            FigureSpec::FractionModel { parts, shaded, .. } => {
                vec![("parts".into(), *parts), ("shaded".into(), *shaded)]
            }
            FigureSpec::NumberLine {
                from,
                to,
                denominator,
                points,
                ..
            } => {
                let mut out = vec![
                    ("from".into(), *from),
                    ("to".into(), *to),
                    ("denominator".into(), *denominator),
                ];
                out.extend(
                    (points.iter().enumerate()).map(|(i, p)| (format!("points[{i}].at"), &p.at)),
                );
                out
            }
        }
    }
}

/// A number in a message: up to 6 decimals, no trailing zeros.
fn show(v: f64) -> String {
    super::params::format_number(v, super::DecimalMark::Point)
}

fn in_range(field: &str, value: i64, min: i64, max: i64) -> Result<u32, FigureError> {
    if value < min || value > max {
        return Err(FigureError::OutOfRange {
            field: field.to_owned(),
            min,
            max,
            value,
        });
    }
    // Every range asked for here is within u32 when `min >= 0`; ends of a line are checked, not kept.
    Ok(u32::try_from(value).unwrap_or(0))
}

fn number(field: &str, value: &NumberValue, values: &Values) -> Result<f64, FigureError> {
    let v = match value {
        NumberValue::Literal(v) => *v,
        NumberValue::Formula(src) => {
            let names: Vec<&str> = values.keys().map(String::as_str).collect();
            let fail = |message: String| FigureError::Formula {
                field: field.to_owned(),
                message,
            };
            expr::parse(src, &names)
                .map_err(|e| fail(e.to_string()))?
                .eval(&|v: &str| values.get(v).copied())
                .map_err(|e| fail(e.to_string()))?
        }
    };
    if v.is_finite() {
        Ok(v)
    } else {
        Err(FigureError::NotWhole {
            field: field.to_owned(),
            value: v,
        })
    }
}

/// `value` evaluated for `values` as a whole number, or why it is not one (for other drawn models).
pub(crate) fn whole_number(
    field: &str,
    value: &NumberValue,
    values: &Values,
) -> Result<i64, FigureError> {
    whole(field, value, values)
}

fn whole(field: &str, value: &NumberValue, values: &Values) -> Result<i64, FigureError> {
    let v = number(field, value, values)?;
    let r = v.round();
    if (v - r).abs() > 1e-9 || r.abs() > 1e12 {
        return Err(FigureError::NotWhole {
            field: field.to_owned(),
            value: v,
        });
    }
    Ok(r as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(v: f64) -> NumberValue {
        NumberValue::Literal(v)
    }

    fn line(from: f64, to: f64, d: f64, at: &[&str]) -> Result<Figure, FigureError> {
        let (from, to, d) = (lit(from), lit(to), lit(d));
        let points: Vec<LinePoint> = (at.iter())
            .map(|a| LinePoint {
                at: NumberValue::Formula((*a).to_owned()),
                label: None,
            })
            .collect();
        FigureSpec::NumberLine {
            from: &from,
            to: &to,
            denominator: &d,
            labels: TickLabels::Wholes,
            points: &points,
        }
        .resolve(&Values::new())
    }

    #[test]
    fn a_model_takes_whole_parts_and_at_most_all_of_them_shaded() {
        assert!(FractionModel::new(ModelShape::Bar, 8, 3).is_ok());
        assert!(FractionModel::new(ModelShape::Bar, 1, 1).is_ok());
        assert!(FractionModel::new(ModelShape::Circle, 4, 0).is_ok());
        let e = FractionModel::new(ModelShape::Bar, 4, 5).unwrap_err();
        assert_eq!(e.field(), "shaded");
        assert_eq!(
            FractionModel::new(ModelShape::Bar, 0, 0)
                .unwrap_err()
                .field(),
            "parts"
        );
        assert!(FractionModel::new(ModelShape::Bar, MAX_PARTS + 1, 1).is_err());
        let half = lit(2.5);
        let one = lit(1.0);
        let e = FigureSpec::FractionModel {
            shape: ModelShape::Bar,
            parts: &half,
            shaded: &one,
        }
        .resolve(&Values::new())
        .unwrap_err();
        assert!(matches!(e, FigureError::NotWhole { .. }), "{e:?}");
    }

    #[test]
    fn formulas_take_the_drawn_values() {
        let n = NumberValue::Formula("2 * d".into());
        let k = NumberValue::Formula("d - 1".into());
        let values = Values::from([("d".to_owned(), 4.0)]);
        let f = FigureSpec::FractionModel {
            shape: ModelShape::Circle,
            parts: &n,
            shaded: &k,
        }
        .resolve(&values)
        .unwrap();
        let Figure::FractionModel(m) = f else {
            panic!("{f:?}")
        };
        assert_eq!((m.parts(), m.shaded()), (8, 3));
    }

    #[test]
    fn a_line_has_its_points_on_ticks() {
        let Figure::NumberLine(l) = line(0.0, 2.0, 4.0, &["3/4", "2", "0"]).unwrap() else {
            panic!()
        };
        assert_eq!(l.steps(), 8);
        let steps: Vec<u32> = l.marks().iter().map(|m| m.step).collect();
        assert_eq!(steps, [3, 8, 0]);
        assert_eq!(l.whole_at(4), Some(1));
        assert_eq!(l.whole_at(3), None);
        assert_eq!(l.numerator(3), 3);
        let e = line(0.0, 1.0, 4.0, &["1/3"]).unwrap_err();
        assert!(matches!(e, FigureError::BetweenTicks { .. }), "{e:?}");
        assert_eq!(e.field(), "points[0].at");
        let e = line(0.0, 1.0, 4.0, &["5/4"]).unwrap_err();
        assert!(matches!(e, FigureError::OffLine { .. }), "{e:?}");
        assert!(matches!(
            line(2.0, 1.0, 4.0, &[]),
            Err(FigureError::Backwards { .. })
        ));
        assert!(matches!(
            line(0.0, 4.0, 8.0, &[]),
            Err(FigureError::TooManySteps { .. })
        ));
        let Figure::NumberLine(neg) = line(-1.0, 1.0, 2.0, &["-1/2"]).unwrap() else {
            panic!()
        };
        assert_eq!(neg.marks()[0].step, 1);
        assert_eq!(neg.numerator(1), -1);
        assert_eq!(neg.whole_at(2), Some(0));
    }
}
