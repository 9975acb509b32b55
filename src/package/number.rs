//! How an answer key compares numbers: the tolerance around an expected value, and the decimal mark a
//! language writes. Part of the content model because authors set them (`tolerance`) and the package's
//! language decides the other; parsing what a learner typed is scoring's work (`check::numeric`), not this.

use serde::{Deserialize, Serialize};

/// The character that separates the integer part from the fraction part of a decimal number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DecimalMark {
    /// `0.75`.
    Point,
    /// `0,75` (a point is still accepted as a decimal mark: `0.75` is not ambiguous).
    Comma,
}

impl DecimalMark {
    /// The mark itself.
    pub fn as_char(self) -> char {
        match self {
            DecimalMark::Point => '.',
            DecimalMark::Comma => ',',
        }
    }
}

/// Languages (BCP 47 primary subtags) whose usual decimal mark is a comma.
const COMMA_LANGUAGES: &[&str] = &[
    "af", "az", "be", "bg", "bs", "ca", "cs", "da", "de", "el", "es", "et", "eu", "fi", "fo", "fr",
    "gl", "hr", "hu", "hy", "id", "is", "it", "ka", "kk", "lt", "lv", "mk", "nb", "nl", "nn", "no",
    "pl", "pt", "ro", "ru", "sk", "sl", "sq", "sr", "sv", "tr", "uk", "uz", "vi",
];

/// `language-REGION` pairs that use a point although their language usually uses a comma.
const POINT_REGIONS: &[(&str, &str)] = &[
    ("de", "ch"),
    ("de", "li"),
    ("it", "ch"),
    ("es", "419"),
    ("es", "do"),
    ("es", "gt"),
    ("es", "hn"),
    ("es", "mx"),
    ("es", "ni"),
    ("es", "pa"),
    ("es", "pr"),
    ("es", "sv"),
    ("es", "us"),
];

/// The decimal mark learners of `lang` (a BCP 47 tag such as `es`, `fr-CA` or `pt_BR`) expect.
///
/// Decided by the primary language subtag (`es`, `fr`, `de`, `pt`, … use a comma; `en`, `zh`, `ja`, `ko`,
/// `he`, `ar` and anything unknown use a point), with a few regional exceptions where the region uses a
/// point (`es-MX`, `es-US`, `es-419`, `de-CH`, `it-CH`, …).
pub fn decimal_mark_for(lang: &str) -> DecimalMark {
    let mut subtags = lang.trim().split(['-', '_']).map(str::to_ascii_lowercase);
    let primary = subtags.next().unwrap_or_default();
    if !COMMA_LANGUAGES.contains(&primary.as_str()) {
        return DecimalMark::Point;
    }
    // The region is the first later subtag of 2 letters or 3 digits (a script subtag has 4 letters).
    let region = subtags.find(|s| {
        (s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()))
            || (s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()))
    });
    match region {
        Some(r) if POINT_REGIONS.contains(&(primary.as_str(), r.as_str())) => DecimalMark::Point,
        _ => DecimalMark::Comma,
    }
}

/// How far a numeric answer may be from the expected value.
///
/// Serialised externally tagged: `{"absolute": 0.01}` or `{"relative": 0.05}`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Tolerance {
    /// `|given - expected| <= tolerance`.
    Absolute(f64),
    /// `|given - expected| <= tolerance * |expected|` (a fraction: 0.05 is 5 %).
    Relative(f64),
}

/// Slack for floating-point noise, relative to the magnitudes compared (so `0.1 + 0.2` equals `0.3`).
const FLOAT_SLACK: f64 = 1e-12;

impl Tolerance {
    /// Whether `given` is close enough to `expected`. Never accepts non-finite values; a negative or NaN
    /// tolerance counts as zero. `Absolute` is symmetric in its arguments.
    pub fn accepts(&self, expected: f64, given: f64) -> bool {
        if !expected.is_finite() || !given.is_finite() {
            return false;
        }
        let diff = (given - expected).abs();
        let slack = FLOAT_SLACK * expected.abs().max(given.abs());
        match *self {
            Tolerance::Absolute(tol) => diff <= tol.max(0.0) + slack,
            Tolerance::Relative(tol) => diff <= tol.max(0.0) * expected.abs() + slack,
        }
    }
}

impl Default for Tolerance {
    /// An exact match (up to floating-point noise).
    fn default() -> Self {
        Tolerance::Absolute(0.0)
    }
}
