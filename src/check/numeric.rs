//! Numeric answers: parsing what a learner typed as a number (with the decimal mark of their language),
//! splitting off a trailing unit, and comparing against the expected value within a [`Tolerance`].
//!
//! Accepted forms (after trimming and collapsing runs of whitespace): whole numbers (`12`, `-3`, `+4`),
//! decimals (`0.75`, `.5`, and `0,75` when the decimal mark is a comma), fractions (`3/4`, `-3/4`) and
//! mixed numbers (`1 1/2`, `-1 1/2` meaning `-(1 + 1/2)`). Exponents, thousands separators, `inf` and
//! `NaN` are rejected, so a parsed value is always finite.

pub use crate::package::{decimal_mark_for, DecimalMark, Tolerance};
use thiserror::Error;

/// Why a learner's input is not a number. Each variant carries the input (trimmed, whitespace collapsed).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NumberError {
    #[error("no number was given")]
    Empty { input: String },
    #[error(
        "`{input}` uses `,` but the decimal mark here is `.` (write it like 0.75, without thousands separators)"
    )]
    WrongDecimalMark { input: String },
    #[error(
        "`{input}` seems to use thousands separators; write the digits without them (like 1000 or 1000{}5)",
        .mark.as_char()
    )]
    ThousandsSeparator { input: String, mark: DecimalMark },
    #[error("`{input}` divides by zero")]
    DivisionByZero { input: String },
    #[error("`{input}` is too large")]
    TooLarge { input: String },
    #[error(
        "`{input}` is not a number; write a whole number (12, -3), a decimal ({}), a fraction (3/4) or a mixed number (1 1/2)",
        decimal_example(*.mark)
    )]
    Invalid { input: String, mark: DecimalMark },
}

impl NumberError {
    /// The offending input (trimmed, whitespace collapsed).
    pub fn input(&self) -> &str {
        match self {
            NumberError::Empty { input }
            | NumberError::WrongDecimalMark { input }
            | NumberError::ThousandsSeparator { input, .. }
            | NumberError::DivisionByZero { input }
            | NumberError::TooLarge { input }
            | NumberError::Invalid { input, .. } => input,
        }
    }
}

fn decimal_example(mark: DecimalMark) -> &'static str {
    match mark {
        DecimalMark::Point => "0.75",
        DecimalMark::Comma => "0,75",
    }
}

/// Trims `input` and replaces every run of whitespace with one space.
fn collapse_whitespace(input: &str) -> String {
    input.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Parses a learner's number: `12`, `-3`, `+4`, `0.75`, `.5`, `0,75` (only with [`DecimalMark::Comma`]),
/// `3/4`, `-3/4`, `1 1/2`, `-1 1/2` (= -1.5). Spaces around `/` and after the sign are allowed. The result
/// is always finite.
pub fn parse_number(input: &str, mark: DecimalMark) -> Result<f64, NumberError> {
    let collapsed = collapse_whitespace(input);
    if collapsed.is_empty() {
        return Err(NumberError::Empty { input: collapsed });
    }
    let s = collapsed.replace(" /", "/").replace("/ ", "/");
    // A whole answer in brackets, `(-9)`, is the number in them (as it is written after an operator).
    let s = match s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        Some(inner) if !inner.contains(['(', ')']) => inner.trim().to_owned(),
        _ => s,
    };
    // `−` (U+2212) is the typographic minus sign; an en dash (U+2013), which keyboards and word
    // processors put in its place, and a hyphen-like dash are read as one too.
    let (negative, body) =
        match s.strip_prefix(['-', '\u{2212}', '\u{2013}', '\u{2010}', '\u{2011}']) {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(&s)),
        };
    let body = body.trim_start();
    let invalid = || NumberError::Invalid {
        input: collapsed.clone(),
        mark,
    };
    let by_zero = || NumberError::DivisionByZero {
        input: collapsed.clone(),
    };

    let magnitude = match body.split_once(' ') {
        None => match body.split_once('/') {
            Some((n, d)) => {
                // A sign on the denominator is unambiguous (`3/-4`); the numerator's sign is the leading one.
                let (d_negative, d_digits) = match d.strip_prefix('-') {
                    Some(rest) => (true, rest),
                    None => (false, d.strip_prefix('+').unwrap_or(d)),
                };
                let value = fraction(n, d_digits)
                    .ok_or_else(invalid)?
                    .ok_or_else(by_zero)?;
                if d_negative {
                    -value
                } else {
                    value
                }
            }
            None => {
                decimal(body, mark).map_err(|issue| issue.into_error(collapsed.clone(), mark))?
            }
        },
        Some((whole, frac)) => {
            let Some((n, d)) = frac.split_once('/') else {
                // `1 000`: digits in groups of three separated by spaces.
                return Err(if grouped_by(body, ' ') {
                    NumberError::ThousandsSeparator {
                        input: collapsed.clone(),
                        mark,
                    }
                } else {
                    invalid()
                });
            };
            if !is_digits(whole) {
                return Err(invalid());
            }
            let whole: f64 = whole.parse().map_err(|_| invalid())?;
            whole + fraction(n, d).ok_or_else(invalid)?.ok_or_else(by_zero)?
        }
    };
    let value = if negative { -magnitude } else { magnitude };
    if value.is_finite() {
        Ok(value)
    } else {
        Err(NumberError::TooLarge { input: collapsed })
    }
}

/// `n/d` for digit strings: `None` if either is not digits, `Some(None)` if `d` is zero.
fn fraction(n: &str, d: &str) -> Option<Option<f64>> {
    if !is_digits(n) || !is_digits(d) {
        return None;
    }
    let n: f64 = n.parse().ok()?;
    let d: f64 = d.parse().ok()?;
    Some(if d == 0.0 { None } else { Some(n / d) })
}

/// The ways an unsigned decimal can be wrong.
enum DecimalIssue {
    WrongMark,
    Thousands,
    Invalid,
}

impl DecimalIssue {
    fn into_error(self, input: String, mark: DecimalMark) -> NumberError {
        match self {
            DecimalIssue::WrongMark => NumberError::WrongDecimalMark { input },
            DecimalIssue::Thousands => NumberError::ThousandsSeparator { input, mark },
            DecimalIssue::Invalid => NumberError::Invalid { input, mark },
        }
    }
}

/// Whether `s` looks like digits grouped in threes by `sep` (`1.000.000`, `12,345`).
fn grouped_by(s: &str, sep: char) -> bool {
    s.split(sep)
        .enumerate()
        .all(|(i, group)| is_digits(group) && (group.len() == 3 || (i == 0 && group.len() <= 3)))
}

/// An unsigned decimal: digits with at most one decimal mark (`12`, `0.75`, `.5`, `5.`, `0,75`).
fn decimal(s: &str, mark: DecimalMark) -> Result<f64, DecimalIssue> {
    if !s
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        || !s.chars().any(|c| c.is_ascii_digit())
    {
        return Err(DecimalIssue::Invalid);
    }
    let points = s.matches('.').count();
    let commas = s.matches(',').count();
    let normalised = if points > 0 && commas > 0 {
        return Err(DecimalIssue::Thousands);
    } else if points > 1 || commas > 1 {
        let sep = if points > 1 { '.' } else { ',' };
        return Err(if grouped_by(s, sep) {
            DecimalIssue::Thousands
        } else {
            DecimalIssue::Invalid
        });
    } else if commas == 1 {
        match mark {
            DecimalMark::Comma => s.replace(',', "."),
            DecimalMark::Point => return Err(DecimalIssue::WrongMark),
        }
    } else {
        s.to_owned()
    };
    normalised.parse().map_err(|_| DecimalIssue::Invalid)
}

/// Splits a trailing unit (letters, `°`, `%`, `²`, `³` and `/`) off a trimmed answer:
/// `"3.5 cm"` -> `("3.5", Some("cm"))`, `"40%"` -> `("40", Some("%"))`, `"1 1/2 km"` -> `("1 1/2", Some("km"))`,
/// `"3/4"` -> `("3/4", None)`. When nothing precedes the unit-like text (`"cm"`), nothing is split off, so
/// parsing the number part reports the whole input.
pub fn split_unit(input: &str) -> (&str, Option<&str>) {
    let s = input.trim();
    let is_unit = |c: char| c.is_alphabetic() || matches!(c, '°' | '%' | '²' | '³' | '/');
    let Some(mut start) = s
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_unit(c))
        .last()
        .map(|(i, _)| i)
    else {
        return (s, None);
    };
    // A unit does not start with `/` (`3/km` is a malformed fraction, not 3 per km).
    while s[start..].starts_with('/') {
        start += 1;
    }
    let number = s[..start].trim_end();
    let unit = &s[start..];
    if number.is_empty() || unit.is_empty() {
        return (s, None);
    }
    (number, Some(unit))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_bracketed_answer_and_an_en_dash_minus_are_numbers() {
        for (input, want) in [
            ("(-9)", -9.0),
            ("( -9 )", -9.0),
            ("\u{2013}9", -9.0),
            ("(\u{2013}9)", -9.0),
            ("(3/4)", 0.75),
        ] {
            assert_eq!(parse_number(input, DecimalMark::Point), Ok(want), "{input}");
        }
        assert!(parse_number("((9)", DecimalMark::Point).is_err());
        assert!(parse_number("(9", DecimalMark::Point).is_err());
    }

    #[test]
    fn decimal_marks_by_language() {
        let table = [
            ("es", DecimalMark::Comma),
            ("es-ES", DecimalMark::Comma),
            ("es-AR", DecimalMark::Comma),
            ("es-MX", DecimalMark::Point),
            ("es-419", DecimalMark::Point),
            ("es_Latn_MX", DecimalMark::Point),
            ("fr", DecimalMark::Comma),
            ("fr-CA", DecimalMark::Comma),
            ("de", DecimalMark::Comma),
            ("de-CH", DecimalMark::Point),
            ("pt-BR", DecimalMark::Comma),
            ("it", DecimalMark::Comma),
            ("nl", DecimalMark::Comma),
            ("ru", DecimalMark::Comma),
            ("pl", DecimalMark::Comma),
            ("tr", DecimalMark::Comma),
            ("sv", DecimalMark::Comma),
            ("da", DecimalMark::Comma),
            ("nb", DecimalMark::Comma),
            ("fi", DecimalMark::Comma),
            ("cs", DecimalMark::Comma),
            ("EN", DecimalMark::Point),
            ("en-GB", DecimalMark::Point),
            ("zh-Hans", DecimalMark::Point),
            ("ja", DecimalMark::Point),
            ("ko", DecimalMark::Point),
            ("he", DecimalMark::Point),
            ("ar", DecimalMark::Point),
            ("", DecimalMark::Point),
            ("xx", DecimalMark::Point),
        ];
        for (lang, mark) in table {
            assert_eq!(decimal_mark_for(lang), mark, "{lang}");
        }
    }

    #[test]
    fn accepted_forms() {
        use DecimalMark::{Comma, Point};
        let table: &[(&str, DecimalMark, f64)] = &[
            ("12", Point, 12.0),
            ("-3", Point, -3.0),
            ("+4", Point, 4.0),
            ("0", Point, 0.0),
            ("0.75", Point, 0.75),
            (".5", Point, 0.5),
            ("-.5", Point, -0.5),
            ("5.", Point, 5.0),
            ("  12  ", Point, 12.0),
            ("\t-3\n", Point, -3.0),
            ("3/4", Point, 0.75),
            ("-3/4", Point, -0.75),
            ("+3/4", Point, 0.75),
            ("3 / 4", Point, 0.75),
            ("3/-4", Point, -0.75),
            ("-3/-4", Point, 0.75),
            ("1 1/2", Point, 1.5),
            ("1   1/2", Point, 1.5),
            ("1 1 / 2", Point, 1.5),
            ("-1 1/2", Point, -1.5),
            ("- 1 1/2", Point, -1.5),
            ("+1 1/2", Point, 1.5),
            ("\u{2212}2", Point, -2.0),
            ("0,75", Comma, 0.75),
            (",5", Comma, 0.5),
            ("-0,75", Comma, -0.75),
            ("0.75", Comma, 0.75),
            ("12", Comma, 12.0),
            ("3/4", Comma, 0.75),
            ("-1 1/2", Comma, -1.5),
        ];
        for &(input, mark, expected) in table {
            assert_eq!(
                parse_number(input, mark),
                Ok(expected),
                "{input:?} with {mark:?}"
            );
        }
    }

    #[test]
    fn rejected_forms() {
        use DecimalMark::{Comma, Point};
        fn kind(e: &NumberError) -> &'static str {
            match e {
                NumberError::Empty { .. } => "empty",
                NumberError::WrongDecimalMark { .. } => "mark",
                NumberError::ThousandsSeparator { .. } => "thousands",
                NumberError::DivisionByZero { .. } => "zero",
                NumberError::TooLarge { .. } => "large",
                NumberError::Invalid { .. } => "invalid",
            }
        }
        let huge = "9".repeat(400);
        let table: &[(&str, DecimalMark, &str)] = &[
            ("", Point, "empty"),
            ("   ", Point, "empty"),
            ("0,75", Point, "mark"),
            ("1,000", Point, "mark"),
            ("1,000.5", Point, "thousands"),
            ("1,000,000", Point, "thousands"),
            ("1.000.000", Point, "thousands"),
            ("1 000", Point, "thousands"),
            ("1.000,5", Comma, "thousands"),
            ("1,000.5", Comma, "thousands"),
            ("1.000.000", Comma, "thousands"),
            ("1,2,3", Comma, "invalid"),
            ("1.2.3", Point, "invalid"),
            ("3/0", Point, "zero"),
            ("0/0", Point, "zero"),
            ("1 1/0", Point, "zero"),
            (&huge, Point, "large"),
            ("abc", Point, "invalid"),
            (".", Point, "invalid"),
            ("-", Point, "invalid"),
            ("--3", Point, "invalid"),
            ("+-3", Point, "invalid"),
            ("1e5", Point, "invalid"),
            ("inf", Point, "invalid"),
            ("NaN", Point, "invalid"),
            ("1/2/3", Point, "invalid"),
            ("1.5/2", Point, "invalid"),
            ("1/", Point, "invalid"),
            ("/2", Point, "invalid"),
            ("1 1.5", Point, "invalid"),
            ("1 2", Point, "invalid"),
            ("1.5 1/2", Point, "invalid"),
            ("-1 -1/2", Point, "invalid"),
            ("1 1/-2", Point, "invalid"),
            ("3 cm", Point, "invalid"),
            ("½", Point, "invalid"),
        ];
        for &(input, mark, expected) in table {
            match parse_number(input, mark) {
                Ok(v) => panic!("{input:?} with {mark:?} parsed as {v}"),
                Err(e) => assert_eq!(kind(&e), expected, "{input:?} with {mark:?}: {e}"),
            }
        }
    }

    #[test]
    fn error_messages_explain() {
        let e = parse_number("0,75", DecimalMark::Point).unwrap_err();
        assert_eq!(e.input(), "0,75");
        assert!(e.to_string().contains("decimal mark here is `.`"), "{e}");

        let e = parse_number("  1.000,5 ", DecimalMark::Comma).unwrap_err();
        assert_eq!(e.input(), "1.000,5");
        assert!(e.to_string().contains("thousands separators"), "{e}");

        let e = parse_number("doce", DecimalMark::Comma).unwrap_err();
        let msg = e.to_string();
        for form in ["12", "0,75", "3/4", "1 1/2"] {
            assert!(msg.contains(form), "{msg}");
        }
        let e = parse_number("x", DecimalMark::Point).unwrap_err();
        assert!(e.to_string().contains("0.75"), "{e}");

        let e = parse_number("3/0", DecimalMark::Point).unwrap_err();
        assert_eq!(e.to_string(), "`3/0` divides by zero");
        assert_eq!(e.input(), "3/0");
    }

    #[test]
    fn units_are_split_off() {
        let table: &[(&str, (&str, Option<&str>))] = &[
            ("3.5 cm", ("3.5", Some("cm"))),
            ("3.5cm", ("3.5", Some("cm"))),
            ("40%", ("40", Some("%"))),
            ("40 %", ("40", Some("%"))),
            ("1 1/2 km", ("1 1/2", Some("km"))),
            ("3/4", ("3/4", None)),
            ("12", ("12", None)),
            ("  7  ", ("7", None)),
            ("20 °C", ("20", Some("°C"))),
            ("9 m²", ("9", Some("m²"))),
            ("2 cm³", ("2", Some("cm³"))),
            ("60 km/h", ("60", Some("km/h"))),
            ("0,5 kg", ("0,5", Some("kg"))),
            ("-3 µm", ("-3", Some("µm"))),
            ("cm", ("cm", None)),
            ("", ("", None)),
            ("3/km", ("3/", Some("km"))),
        ];
        for &(input, expected) in table {
            assert_eq!(split_unit(input), expected, "{input:?}");
        }
    }

    #[test]
    fn tolerances() {
        let exact = Tolerance::Absolute(0.0);
        let three_quarters = parse_number("3/4", DecimalMark::Point).unwrap();
        assert!(exact.accepts(0.75, three_quarters));
        assert!(exact.accepts(0.3, 0.1 + 0.2));
        assert!(!exact.accepts(0.75, 0.76));
        assert!(!exact.accepts(1e-14, 2e-14));
        assert!(exact.accepts(1e20, 1e20 + 1e5), "noise at large magnitudes");
        assert_eq!(Tolerance::default(), exact);

        let abs = Tolerance::Absolute(0.01);
        assert!(abs.accepts(2.5, 2.501));
        assert!(abs.accepts(2.5, 2.51));
        assert!(abs.accepts(2.51, 2.5));
        assert!(
            abs.accepts(0.3, 0.31),
            "0.31 - 0.3 is a hair above 0.01 in floating point"
        );
        assert!(!abs.accepts(2.5, 2.52));
        assert!(!abs.accepts(2.5, f64::NAN));
        assert!(!abs.accepts(f64::INFINITY, f64::INFINITY));

        let rel = Tolerance::Relative(0.05);
        assert!(rel.accepts(100.0, 105.0));
        assert!(rel.accepts(-100.0, -95.0));
        assert!(!rel.accepts(100.0, 106.0));
        assert!(rel.accepts(0.0, 0.0));
        assert!(!rel.accepts(0.0, 1e-9));

        assert!(!Tolerance::Absolute(-1.0).accepts(1.0, 1.5));
        assert!(Tolerance::Absolute(f64::NAN).accepts(1.0, 1.0));
        assert!(!Tolerance::Absolute(f64::NAN).accepts(1.0, 1.5));
    }

    #[test]
    fn serde_shapes() {
        let abs: Tolerance = serde_json::from_str(r#"{"absolute": 0.01}"#).unwrap();
        assert_eq!(abs, Tolerance::Absolute(0.01));
        let rel: Tolerance = serde_json::from_str(r#"{"relative": 0.05}"#).unwrap();
        assert_eq!(rel, Tolerance::Relative(0.05));
        assert_eq!(serde_json::to_string(&rel).unwrap(), r#"{"relative":0.05}"#);
        assert!(serde_json::from_str::<Tolerance>(r#"{"Absolute": 0.01}"#).is_err());

        assert_eq!(
            serde_json::to_string(&DecimalMark::Comma).unwrap(),
            r#""comma""#
        );
        let point: DecimalMark = serde_json::from_str(r#""point""#).unwrap();
        assert_eq!(point, DecimalMark::Point);
    }

    fn finite() -> impl Strategy<Value = f64> {
        use proptest::num::f64::{NEGATIVE, NORMAL, POSITIVE, SUBNORMAL, ZERO};
        POSITIVE | NEGATIVE | NORMAL | SUBNORMAL | ZERO
    }

    proptest! {
        #[test]
        fn absolute_tolerance_is_symmetric(a in finite(), b in finite(), tol in 0.0f64..10.0) {
            let t = Tolerance::Absolute(tol);
            prop_assert_eq!(t.accepts(a, b), t.accepts(b, a));
        }

        #[test]
        fn small_absolute_tolerance_is_symmetric(a in -10.0f64..10.0, d in -0.02f64..0.02) {
            let t = Tolerance::Absolute(0.01);
            prop_assert_eq!(t.accepts(a, a + d), t.accepts(a + d, a));
        }

        #[test]
        fn displayed_numbers_round_trip(x in finite()) {
            let text = format!("{x}");
            prop_assert_eq!(parse_number(&text, DecimalMark::Point), Ok(x));
            prop_assert_eq!(parse_number(&text, DecimalMark::Comma), Ok(x));
            prop_assert!(Tolerance::Absolute(0.0).accepts(x, x));
        }

        #[test]
        fn fractions_divide(n in any::<i64>(), d in any::<i64>().prop_filter("non-zero", |d| *d != 0)) {
            let parsed = parse_number(&format!("{n}/{d}"), DecimalMark::Point);
            prop_assert_eq!(parsed, Ok(n as f64 / d as f64));
        }

        #[test]
        fn mixed_numbers_add(w in 0u32..1000, n in 0u32..1000, d in 1u32..1000, negative: bool) {
            let sign = if negative { "-" } else { "" };
            let parsed = parse_number(&format!("{sign}{w} {n}/{d}"), DecimalMark::Comma);
            let magnitude = f64::from(w) + f64::from(n) / f64::from(d);
            prop_assert_eq!(parsed, Ok(if negative { -magnitude } else { magnitude }));
        }

        #[test]
        fn parsing_never_panics_and_is_finite(s in "\\PC{0,16}", comma: bool) {
            let mark = if comma { DecimalMark::Comma } else { DecimalMark::Point };
            if let Ok(v) = parse_number(&s, mark) {
                prop_assert!(v.is_finite());
            }
            let (number, unit) = split_unit(&s);
            prop_assert!(unit.is_none_or(|u| !u.is_empty()));
            prop_assert!(s.contains(number));
        }
    }
}
