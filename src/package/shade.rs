//! The `shade` interaction as authors write it: a fraction model (a bar, a circle or a grid) whose parts
//! the learner shades, and its key: the share of the model to shade (`3/8`, any 3 of 8 parts), or exactly
//! which parts.
//!
//! Parts are numbered from 1 the way a learner counts them: a bar from its start, a circle clockwise from
//! the top, a grid row by row. [`ShadeModel::resolve`] evaluates the numbers for the drawn parameter
//! values and checks that each part stays a target a finger can hit; the [`Parts`] it returns can only
//! hold such numbers. The geometry is `draw`'s, the scoring `check`'s, the controls the web shell's.

use super::figure::FigureError;
use super::params::Values;
use super::NumberValue;
use serde::Serialize;

/// The most parts a shaded bar or circle may have: each part of a bar on a 360 px wide phone, and each
/// sector's outer half, stays wider than 24 px.
pub const MAX_SHADE_PARTS: i64 = 12;
/// The most rows, and the most columns, of a shaded grid (a hundred grid is 10 by 10).
pub const MAX_GRID_SIDE: i64 = 10;

/// The model a `shade` item draws, its numbers as the author wrote them (literals or formulas).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "shape", rename_all = "camelCase")]
pub enum ShadeModel {
    /// A bar cut into `parts` equal lengths.
    Bar { parts: NumberValue },
    /// A circle cut into `parts` equal sectors.
    Circle { parts: NumberValue },
    /// A grid of `rows` by `columns` equal squares.
    Grid {
        rows: NumberValue,
        columns: NumberValue,
    },
}

/// What is right: a share of the model, or exactly some parts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ShadeKey {
    /// Right when the shaded parts make this share of the whole (a number or a formula: `3/8`,
    /// `k / n`), whichever parts they are.
    #[serde(rename_all = "camelCase")]
    Share { answer: NumberValue },
    /// Right when exactly these parts (numbered from 1) are shaded.
    #[serde(rename_all = "camelCase")]
    Parts { shaded_parts: Vec<u32> },
}

/// A shade model whose numbers are known and drawable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "shape", rename_all = "camelCase")]
pub enum Parts {
    Bar { parts: u32 },
    Circle { parts: u32 },
    Grid { rows: u32, columns: u32 },
}

impl Parts {
    /// How many parts the model has.
    pub fn count(&self) -> u32 {
        match *self {
            Parts::Bar { parts } | Parts::Circle { parts } => parts,
            Parts::Grid { rows, columns } => rows * columns,
        }
    }

    /// The row and column (from 1) of part `part` (from 1) of a grid; `None` for a bar or a circle.
    pub fn cell(&self, part: u32) -> Option<(u32, u32)> {
        match *self {
            Parts::Grid { columns, .. } if part >= 1 => {
                Some(((part - 1) / columns + 1, (part - 1) % columns + 1))
            }
            _ => None,
        }
    }
}

impl ShadeModel {
    /// The model for the parameter `values`, or why it cannot be drawn (the error's field is the key).
    pub fn resolve(&self, values: &Values) -> Result<Parts, FigureError> {
        let count = |field: &str, v: &NumberValue, max: i64| -> Result<u32, FigureError> {
            let n = super::figure::whole_number(field, v, values)?;
            if !(1..=max).contains(&n) {
                return Err(FigureError::OutOfRange {
                    field: field.to_owned(),
                    min: 1,
                    max,
                    value: n,
                });
            }
            // Within 1..=max, a small number.
            Ok(n as u32)
        };
        Ok(match self {
            ShadeModel::Bar { parts } => Parts::Bar {
                parts: count("parts", parts, MAX_SHADE_PARTS)?,
            },
            ShadeModel::Circle { parts } => Parts::Circle {
                parts: count("parts", parts, MAX_SHADE_PARTS)?,
            },
            ShadeModel::Grid { rows, columns } => Parts::Grid {
                rows: count("rows", rows, MAX_GRID_SIDE)?,
                columns: count("columns", columns, MAX_GRID_SIDE)?,
            },
        })
    }

    /// The model's numbers, each with its key (for `pacer validate`'s formula checks).
    pub fn numbers(&self) -> Vec<(&'static str, &NumberValue)> {
        match self {
            ShadeModel::Bar { parts } | ShadeModel::Circle { parts } => vec![("parts", parts)],
            ShadeModel::Grid { rows, columns } => vec![("rows", rows), ("columns", columns)],
        }
    }
}

/// Why a key cannot be met on a model (for `pacer validate`, with the drawn values).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum KeyError {
    #[error("{} of {parts} parts is not a whole number of parts", show(*share))]
    ShareBetweenParts { share: f64, parts: u32 },
    #[error("must be more than 0 and at most 1 (the whole), got {}", show(*share))]
    ShareOutOfRange { share: f64 },
    #[error("part {part} is not a part of the model (it has {parts})")]
    NoSuchPart { part: u32, parts: u32 },
    #[error("part {0} is named twice")]
    Twice(u32),
    #[error("name at least one part to shade")]
    NoParts,
}

/// How many parts make `share` of a model of `parts` parts: a whole number from 1 to `parts`, or why not.
pub fn parts_for_share(share: f64, parts: u32) -> Result<u32, KeyError> {
    if !(share > 0.0 && share <= 1.0 + 1e-9) {
        return Err(KeyError::ShareOutOfRange { share });
    }
    let exact = share * f64::from(parts);
    let k = exact.round();
    if (exact - k).abs() > 1e-6 {
        return Err(KeyError::ShareBetweenParts { share, parts });
    }
    // Between 1 and `parts` by the checks above.
    Ok(k as u32)
}

/// Checks named parts against a model of `parts` parts.
pub fn check_named(named: &[u32], parts: u32) -> Result<(), KeyError> {
    if named.is_empty() {
        return Err(KeyError::NoParts);
    }
    for (i, &p) in named.iter().enumerate() {
        if p == 0 || p > parts {
            return Err(KeyError::NoSuchPart { part: p, parts });
        }
        if named[..i].contains(&p) {
            return Err(KeyError::Twice(p));
        }
    }
    Ok(())
}

fn show(v: f64) -> String {
    super::params::format_number(v, super::DecimalMark::Point)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn models_take_whole_counts_within_their_limits() {
        let lit = NumberValue::Literal;
        let none = Values::new();
        assert_eq!(
            ShadeModel::Bar { parts: lit(8.0) }.resolve(&none),
            Ok(Parts::Bar { parts: 8 })
        );
        let e = ShadeModel::Circle { parts: lit(13.0) }
            .resolve(&none)
            .unwrap_err();
        assert_eq!(e.field(), "parts");
        let e = ShadeModel::Grid {
            rows: lit(3.0),
            columns: lit(11.0),
        }
        .resolve(&none)
        .unwrap_err();
        assert_eq!(e.field(), "columns");
        let k = NumberValue::Formula("2 * n".into());
        let values = Values::from([("n".to_owned(), 3.0)]);
        let grid = ShadeModel::Grid {
            rows: lit(2.0),
            columns: k,
        }
        .resolve(&values)
        .unwrap();
        assert_eq!(grid.count(), 12);
        assert_eq!(grid.cell(1), Some((1, 1)));
        assert_eq!(grid.cell(6), Some((1, 6)));
        assert_eq!(grid.cell(7), Some((2, 1)));
        assert_eq!(Parts::Bar { parts: 4 }.cell(2), None);
    }

    #[test]
    fn a_share_is_a_whole_number_of_parts() {
        assert_eq!(parts_for_share(3.0 / 8.0, 8), Ok(3));
        assert_eq!(parts_for_share(0.5, 8), Ok(4));
        assert_eq!(parts_for_share(1.0, 6), Ok(6));
        assert!(matches!(
            parts_for_share(1.0 / 3.0, 8),
            Err(KeyError::ShareBetweenParts { .. })
        ));
        assert!(matches!(
            parts_for_share(0.0, 8),
            Err(KeyError::ShareOutOfRange { .. })
        ));
        assert!(matches!(
            parts_for_share(1.5, 8),
            Err(KeyError::ShareOutOfRange { .. })
        ));
    }

    #[test]
    fn named_parts_exist_once_each() {
        assert_eq!(check_named(&[1, 3], 4), Ok(()));
        assert_eq!(
            check_named(&[5], 4),
            Err(KeyError::NoSuchPart { part: 5, parts: 4 })
        );
        assert_eq!(
            check_named(&[0], 4),
            Err(KeyError::NoSuchPart { part: 0, parts: 4 })
        );
        assert_eq!(check_named(&[2, 2], 4), Err(KeyError::Twice(2)));
        assert_eq!(check_named(&[], 4), Err(KeyError::NoParts));
    }
}
