//! The player's look from the embedding config's `"theme"` entry: the colours and the corner radius a
//! host may set, checked before any of it reaches CSS.
//!
//! What it is: a pure checker. An [`Entry`] is the config's entry as given (the shell reads it from the
//! config object, so nothing in it can stop the rest of the config from loading); [`check`] turns it
//! into a [`Theme`] or every [`ThemeError`] found. A [`Theme`] says, per [`Scheme`], what to set each
//! `--pacer-*` custom property of `www/style.css` to ([`Theme::properties`]); the web shell
//! (`web::theme`) sets them on the player's element through CSSOM. What it is not: a CSS parser.
//!
//! - Keys: each [`Role`] by its camelCase name (`accent`, `accentFg`, ...), `radius`, and `dark`, an
//!   object of colour keys that win over the top-level ones when the page is in the dark scheme.
//!   Top-level colours apply in both schemes. Unknown keys are errors naming their JSON path.
//! - Values are untrusted: a colour is `#rgb`, `#rrggbb`, `rgb(r g b)` or `rgb(r, g, b)` and nothing
//!   else; the radius is a `px`, `rem` or `em` length up to 32px or 2rem. What reaches CSS is the colour
//!   as parsed, written back as `#rrggbb`, and a radius that matched that grammar exactly, so no text of
//!   the config (`red; background:url(x)`, `var(...)`) ever does.
//! - Contrast (WCAG 2.1 AA): in each scheme the theme is merged over the stylesheet's defaults
//!   ([`LIGHT`], [`DARK`]) and every pair the stylesheet draws one on the other must reach its minimum
//!   ([`PAIRS`]). The defaults pass (tested), so only a theme can fail.
//!
//! A theme with any problem is refused whole: applying the keys that were fine would show a mix of the
//! operator's colours and ours that nobody chose and nothing checked. The shell then keeps the default
//! look and reports the problems; why it does not refuse the course is said at `web::theme::install`.

use crate::json::{FromJson, Json, Path, ReadError, Value};
use std::fmt;
use thiserror::Error;

/// A colour scheme of the page (`prefers-color-scheme`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Light,
    Dark,
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Scheme::Light => "light",
            Scheme::Dark => "dark",
        })
    }
}

/// What a colour of the theme is for; each is one custom property of the stylesheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Bg,
    Fg,
    Muted,
    Accent,
    AccentFg,
    Correct,
    Incorrect,
    Border,
    Surface,
}

impl Role {
    /// Every role, in the stylesheet's order (and the index order of a [`Palette`]).
    pub const ALL: [Role; 9] = [
        Role::Bg,
        Role::Fg,
        Role::Muted,
        Role::Accent,
        Role::AccentFg,
        Role::Correct,
        Role::Incorrect,
        Role::Border,
        Role::Surface,
    ];

    /// The role's key in the config.
    pub fn key(self) -> &'static str {
        match self {
            Role::Bg => "bg",
            Role::Fg => "fg",
            Role::Muted => "muted",
            Role::Accent => "accent",
            Role::AccentFg => "accentFg",
            Role::Correct => "correct",
            Role::Incorrect => "incorrect",
            Role::Border => "border",
            Role::Surface => "surface",
        }
    }

    /// The custom property of `www/style.css` that carries the role.
    pub fn property(self) -> &'static str {
        match self {
            Role::Bg => "--pacer-bg",
            Role::Fg => "--pacer-fg",
            Role::Muted => "--pacer-muted",
            Role::Accent => "--pacer-accent",
            Role::AccentFg => "--pacer-accent-fg",
            Role::Correct => "--pacer-correct",
            Role::Incorrect => "--pacer-incorrect",
            Role::Border => "--pacer-border",
            Role::Surface => "--pacer-surface",
        }
    }

    fn from_key(key: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key() == key)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The custom property of the corner radius.
pub const RADIUS_PROPERTY: &str = "--pacer-radius";

/// An opaque sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rgb`, `#rrggbb` (either case), `rgb(r g b)` or `rgb(r, g, b)` with whole numbers 0-255; nothing
    /// else, not even surrounding spaces. (Byte by byte: the player is wasm, and every KB counts.)
    pub fn parse(text: &str) -> Option<Rgb> {
        let bytes = text.as_bytes();
        if let [b'#', hex @ ..] = bytes {
            let d = |i: usize| hex_digit(hex[i]);
            return match hex.len() {
                3 => Some(Rgb(d(0)? * 17, d(1)? * 17, d(2)? * 17)),
                6 => Some(Rgb(
                    d(0)? << 4 | d(1)?,
                    d(2)? << 4 | d(3)?,
                    d(4)? << 4 | d(5)?,
                )),
                _ => None,
            };
        }
        let args = bytes.strip_prefix(b"rgb(")?.strip_suffix(b")")?;
        let comma = args.contains(&b',');
        let separator = if comma { b',' } else { b' ' };
        let mut channels = [0u8; 3];
        let mut n = 0;
        for part in args.split(|&c| c == separator) {
            let part = if comma { part.trim_ascii() } else { part };
            if part.is_empty() && !comma {
                continue; // several spaces
            }
            *channels.get_mut(n)? = channel(part)?;
            n += 1;
        }
        (n == 3).then_some(Rgb(channels[0], channels[1], channels[2]))
    }

    /// `#rrggbb`, the form the theme writes into CSS.
    pub fn hex(self) -> String {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut out = String::with_capacity(7);
        out.push('#');
        for c in [self.0, self.1, self.2] {
            out.push(char::from(DIGITS[usize::from(c >> 4)]));
            out.push(char::from(DIGITS[usize::from(c & 15)]));
        }
        out
    }

    /// Relative luminance (WCAG 2.1).
    pub fn luminance(self) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.0) + 0.7152 * linear(self.1) + 0.0722 * linear(self.2)
    }

    /// The contrast ratio of two colours (1 to 21), either way round.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.hex())
    }
}

fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// A whole number 0-255 of one to three digits.
fn channel(digits: &[u8]) -> Option<u8> {
    if digits.is_empty() || digits.len() > 3 {
        return None;
    }
    let mut value: u16 = 0;
    for &c in digits {
        if !c.is_ascii_digit() {
            return None;
        }
        value = value * 10 + u16::from(c - b'0');
    }
    u8::try_from(value).ok()
}

/// A corner radius that matched `<digits>[.<digits>](px|rem|em)`, within 0-32px or 0-2rem (2em).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Radius(String);

impl Radius {
    pub fn parse(text: &str) -> Option<Radius> {
        let bytes = text.as_bytes();
        let (number, max_thousandths) = if let Some(n) = bytes.strip_suffix(b"px") {
            (n, 32_000)
        } else if let Some(n) = bytes.strip_suffix(b"rem") {
            (n, 2_000)
        } else {
            (bytes.strip_suffix(b"em")?, 2_000)
        };
        let (whole, fraction) = match number.iter().position(|&c| c == b'.') {
            Some(dot) if dot + 1 < number.len() => (&number[..dot], &number[dot + 1..]),
            Some(_) => return None, // "1.rem"
            None if number.is_empty() => return None,
            None => (number, &[][..]),
        };
        if whole.len() > 3 || fraction.len() > 3 {
            return None;
        }
        let digit = |c: u8| c.is_ascii_digit().then(|| u32::from(c - b'0'));
        let mut units = 0;
        for &c in whole {
            units = units * 10 + digit(c)?;
        }
        let mut thousandths = units * 1000;
        for (&c, place) in fraction.iter().zip([100, 10, 1]) {
            thousandths += digit(c)? * place;
        }
        (thousandths <= max_thousandths).then(|| Radius(text.to_owned()))
    }

    /// The radius as CSS (exactly the text that was checked).
    pub fn as_css(&self) -> &str {
        &self.0
    }
}

/// A colour for every role, indexed by `Role as usize`.
pub type Palette = [Rgb; 9];

/// The stylesheet's light colours (`:root` in `www/style.css`; a test keeps the two equal).
pub const LIGHT: Palette = [
    Rgb(0xff, 0xff, 0xff),
    Rgb(0x1b, 0x1f, 0x24),
    Rgb(0x4a, 0x55, 0x62),
    Rgb(0x0b, 0x5c, 0xad),
    Rgb(0xff, 0xff, 0xff),
    Rgb(0x1d, 0x6b, 0x32),
    Rgb(0x9a, 0x34, 0x12),
    Rgb(0x6e, 0x78, 0x84),
    Rgb(0xf3, 0xf5, 0xf8),
];

/// The stylesheet's dark colours (its `prefers-color-scheme: dark` block).
pub const DARK: Palette = [
    Rgb(0x14, 0x17, 0x1b),
    Rgb(0xee, 0xf1, 0xf4),
    Rgb(0xb8, 0xc1, 0xcb),
    Rgb(0x7a, 0xb8, 0xff),
    Rgb(0x0b, 0x13, 0x20),
    Rgb(0x7f, 0xd9, 0x9a),
    Rgb(0xff, 0xb3, 0x8a),
    Rgb(0x80, 0x8b, 0x98),
    Rgb(0x1f, 0x24, 0x2a),
];

/// The stylesheet's corner radius (both schemes).
pub const DEFAULT_RADIUS: &str = "0.5rem";

/// The least contrast WCAG 2.1 AA allows between two colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Minimum {
    /// 4.5:1, text on its background (1.4.3).
    Text,
    /// 3:1, a control's boundary against what is next to it (1.4.11).
    Boundary,
}

impl Minimum {
    fn ratio(self) -> f64 {
        match self {
            Minimum::Text => 4.5,
            Minimum::Boundary => 3.0,
        }
    }
}

impl fmt::Display for Minimum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Minimum::Text => "4.5",
            Minimum::Boundary => "3",
        })
    }
}

/// What the stylesheet draws on what. Every text colour is text on both backgrounds somewhere (the
/// accent in links and secondary buttons, correct and incorrect in notes and messages), so each needs
/// 4.5:1 on both, as does the accent's own text on the accent; borders are control boundaries, 3:1. The
/// accent is also the focus ring and the buttons' boundary (3:1), which its 4.5:1 as text covers.
pub const PAIRS: [(Role, Role, Minimum); 13] = [
    (Role::Fg, Role::Bg, Minimum::Text),
    (Role::Fg, Role::Surface, Minimum::Text),
    (Role::Muted, Role::Bg, Minimum::Text),
    (Role::Muted, Role::Surface, Minimum::Text),
    (Role::Accent, Role::Bg, Minimum::Text),
    (Role::Accent, Role::Surface, Minimum::Text),
    (Role::Correct, Role::Bg, Minimum::Text),
    (Role::Correct, Role::Surface, Minimum::Text),
    (Role::Incorrect, Role::Bg, Minimum::Text),
    (Role::Incorrect, Role::Surface, Minimum::Text),
    (Role::AccentFg, Role::Accent, Minimum::Text),
    (Role::Border, Role::Bg, Minimum::Boundary),
    (Role::Border, Role::Surface, Minimum::Boundary),
];

/// A measured contrast ratio in tenths, rounded down (so a failing ratio never shows as its minimum).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tenths(pub u32);

impl fmt::Display for Tenths {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.0 / 10, self.0 % 10)
    }
}

/// Why a theme was refused. Each names where in the config the problem is.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ThemeError {
    #[error("{path}: expected an object of theme keys, found {found}")]
    NotAnObject { path: String, found: &'static str },
    #[error("{path}: expected a string, found {found}")]
    NotAString { path: String, found: &'static str },
    #[error("{path}: unknown key; {allowed}")]
    UnknownKey { path: String, allowed: &'static str },
    #[error("{path}: {value:?} is not a colour; use #rgb, #rrggbb or rgb(r g b)")]
    NotAColour { path: String, value: String },
    #[error(
        "{path}: {value:?} is not a radius; use a length in px, rem or em, at most 32px or 2rem"
    )]
    NotARadius { path: String, value: String },
    #[error("theme: in the {scheme} scheme, {fg} {fg_colour} on {bg} {bg_colour} is {ratio}:1, below {min}:1")]
    LowContrast {
        scheme: Scheme,
        fg: Role,
        fg_colour: Rgb,
        bg: Role,
        bg_colour: Rgb,
        ratio: Tenths,
        min: Minimum,
    },
}

const TOP_KEYS: &str =
    "a theme takes bg, fg, muted, accent, accentFg, correct, incorrect, border, surface, radius and dark";
const DARK_KEYS: &str =
    "dark takes bg, fg, muted, accent, accentFg, correct, incorrect, border and surface";

/// The config's `"theme"` as given, or a value inside it: strings and objects are what a theme is made
/// of; of anything else only its kind is kept, to name it in an error.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Text(String),
    Object(Vec<(String, Entry)>),
    /// Not a string or an object: "a number", "a list", "null", ...
    Other(&'static str),
}

/// Any JSON is an entry (so nothing in a theme can make the rest of the config fail); what is wrong with
/// it is found by [`check`]. Only as deep as a theme goes (`theme.dark.accent`): an object
/// below that is only named.
impl FromJson for Entry {
    fn from_json(json: &Json<'_>, _path: Path<'_>) -> Result<Self, ReadError> {
        Ok(entry(json, 0))
    }
}

fn entry(json: &Json<'_>, depth: u8) -> Entry {
    Entry::Other(match &json.value {
        Value::String(text) => return Entry::Text(text.to_string()),
        Value::Object(members) if depth < 2 => {
            return Entry::Object(
                members
                    .iter()
                    .map(|m| (m.key.to_string(), entry(&m.value, depth + 1)))
                    .collect(),
            )
        }
        Value::Object(_) => "an object",
        Value::Null => "null",
        Value::Number(_) => "a number",
        Value::Bool(_) => "true or false",
        Value::Array(_) => "a list",
    })
}

impl Entry {
    fn kind(&self) -> &'static str {
        match self {
            Entry::Text(_) => "a string",
            Entry::Object(_) => "an object",
            Entry::Other(kind) => kind,
        }
    }
}

/// The theme `entry` describes, if every key is known, every value well formed and every pair of colours
/// contrasts enough in both schemes; otherwise every problem (contrast only once the values are well
/// formed).
pub fn check(entry: &Entry) -> Result<Theme, Vec<ThemeError>> {
    let Entry::Object(entries) = entry else {
        return Err(vec![ThemeError::NotAnObject {
            path: "theme".to_owned(),
            found: entry.kind(),
        }]);
    };
    let mut theme = Theme::default();
    let mut errors = Vec::new();
    for (key, value) in entries {
        let path = format!("theme.{key}");
        if key == "dark" {
            theme.read_dark(path, value, &mut errors);
        } else if key == "radius" {
            match text(&path, value).and_then(|t| {
                Radius::parse(t).ok_or_else(|| ThemeError::NotARadius {
                    path: path.clone(),
                    value: shorten(t),
                })
            }) {
                Ok(radius) => theme.radius = Some(radius),
                Err(e) => errors.push(e),
            }
        } else if let Some(role) = Role::from_key(key) {
            read_colour(path, value, &mut theme.both[role as usize], &mut errors);
        } else {
            errors.push(ThemeError::UnknownKey {
                path,
                allowed: TOP_KEYS,
            });
        }
    }
    if errors.is_empty() {
        errors = theme.contrast_problems();
    }
    if errors.is_empty() {
        Ok(theme)
    } else {
        Err(errors)
    }
}

fn text<'a>(path: &str, value: &'a Entry) -> Result<&'a str, ThemeError> {
    match value {
        Entry::Text(t) => Ok(t),
        other => Err(ThemeError::NotAString {
            path: path.to_owned(),
            found: other.kind(),
        }),
    }
}

fn read_colour(path: String, value: &Entry, slot: &mut Option<Rgb>, errors: &mut Vec<ThemeError>) {
    match text(&path, value) {
        Ok(t) => match Rgb::parse(t) {
            Some(c) => *slot = Some(c),
            None => errors.push(ThemeError::NotAColour {
                path,
                value: shorten(t),
            }),
        },
        Err(e) => errors.push(e),
    }
}

/// A value as an error shows it: at most 60 bytes of it.
fn shorten(value: &str) -> String {
    if value.len() <= 60 {
        return value.to_owned();
    }
    let mut end = 60;
    while !value.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &value[..end])
}

/// A checked theme: the colours set for both schemes, those set for the dark one, and the radius.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Theme {
    both: [Option<Rgb>; 9],
    dark: [Option<Rgb>; 9],
    radius: Option<Radius>,
}

impl Theme {
    fn read_dark(&mut self, path: String, value: &Entry, errors: &mut Vec<ThemeError>) {
        let Entry::Object(entries) = value else {
            errors.push(ThemeError::NotAnObject {
                path,
                found: value.kind(),
            });
            return;
        };
        for (key, value) in entries {
            let path = format!("{path}.{key}");
            match Role::from_key(key) {
                Some(role) => read_colour(path, value, &mut self.dark[role as usize], errors),
                None => errors.push(ThemeError::UnknownKey {
                    path,
                    allowed: DARK_KEYS,
                }),
            }
        }
    }

    /// The colour the theme sets for `role` in `scheme`, if it sets one.
    fn colour(&self, scheme: Scheme, role: Role) -> Option<Rgb> {
        let i = role as usize;
        match scheme {
            Scheme::Light => self.both[i],
            Scheme::Dark => self.dark[i].or(self.both[i]),
        }
    }

    /// Every colour in `scheme`: the theme's over the stylesheet's.
    pub fn palette(&self, scheme: Scheme) -> Palette {
        let mut palette = match scheme {
            Scheme::Light => LIGHT,
            Scheme::Dark => DARK,
        };
        for role in Role::ALL {
            if let Some(c) = self.colour(scheme, role) {
                palette[role as usize] = c;
            }
        }
        palette
    }

    /// Every custom property of the stylesheet with what to set it to in `scheme`: `None` where the
    /// theme leaves the stylesheet's value (so the property is to be removed, not set).
    pub fn properties(&self, scheme: Scheme) -> [(&'static str, Option<String>); 10] {
        let mut out: [(&'static str, Option<String>); 10] = Default::default();
        for (slot, role) in out.iter_mut().zip(Role::ALL) {
            *slot = (role.property(), self.colour(scheme, role).map(Rgb::hex));
        }
        out[9] = (RADIUS_PROPERTY, self.radius.as_ref().map(|r| r.0.clone()));
        out
    }

    /// Whether the theme looks different in the dark scheme than in the light one (it has `dark` keys).
    pub fn varies_by_scheme(&self) -> bool {
        self.dark.iter().any(Option::is_some)
    }

    /// Every pair of [`PAIRS`] below its minimum, light scheme first.
    pub fn contrast_problems(&self) -> Vec<ThemeError> {
        let mut out = Vec::new();
        for scheme in [Scheme::Light, Scheme::Dark] {
            let palette = self.palette(scheme);
            for (fg, bg, min) in PAIRS {
                let (fg_colour, bg_colour) = (palette[fg as usize], palette[bg as usize]);
                let ratio = fg_colour.contrast(bg_colour);
                if ratio < min.ratio() {
                    out.push(ThemeError::LowContrast {
                        scheme,
                        fg,
                        fg_colour,
                        bg,
                        bg_colour,
                        ratio: Tenths((ratio * 10.0).floor() as u32),
                        min,
                    });
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// JSON text read as the player reads a config's theme.
    fn entry(json: &str) -> Entry {
        crate::json::from_str(json).expect("valid JSON")
    }

    fn refused(json: &str) -> Vec<String> {
        match check(&entry(json)) {
            Ok(theme) => panic!("{json} was accepted as {theme:?}"),
            Err(errors) => errors.iter().map(ToString::to_string).collect(),
        }
    }

    fn property(theme: &Theme, scheme: Scheme, name: &str) -> Option<String> {
        theme
            .properties(scheme)
            .into_iter()
            .find(|(p, _)| *p == name)
            .and_then(|(_, v)| v)
    }

    #[test]
    fn colours_in_the_four_accepted_forms() {
        let blue = Rgb(0x0a, 0x58, 0xca);
        assert_eq!(Rgb::parse("#0a58ca"), Some(blue));
        assert_eq!(Rgb::parse("#0A58CA"), Some(blue));
        assert_eq!(Rgb::parse("rgb(10 88 202)"), Some(blue));
        assert_eq!(Rgb::parse("rgb(10, 88, 202)"), Some(blue));
        assert_eq!(Rgb::parse("rgb(10,88,202)"), Some(blue));
        assert_eq!(Rgb::parse("#fa0"), Some(Rgb(0xff, 0xaa, 0x00)));
        assert_eq!(Rgb::parse("rgb(0 0 255)"), Some(Rgb(0, 0, 255)));
    }

    #[test]
    fn anything_else_is_not_a_colour() {
        for bad in [
            "red",
            "red; background:url(x)",
            "#fff; background:url(x)",
            "var(--pacer-fg)",
            "expression(alert(1))",
            "url(x)",
            "",
            "#",
            " #fff",
            "#fff ",
            "#ffff",
            "#12345",
            "#1234567",
            "#12345678",
            "#ggg",
            "#+12",
            "rgb(256 0 0)",
            "rgb(1 2)",
            "rgb(1 2 3 4)",
            "rgb(1, 2 3)",
            "rgb(1,2,)",
            "rgb(-1 2 3)",
            "rgb(1.5 2 3)",
            "rgb(10% 0 0)",
            "rgb(0001 2 3)",
            "rgba(1, 2, 3, 0.5)",
            "rgb(1 2 3 / 50%)",
            "RGB(1 2 3)",
            "rgb(1 2 3)x",
            "rgb(1\t2 3)",
            "hsl(0 0% 0%)",
        ] {
            assert_eq!(Rgb::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn radii_within_range_in_px_rem_or_em() {
        for good in [
            "0.25rem", "4px", "1em", "0rem", "2rem", "2em", "32px", ".5rem", "3.125px", "0px",
        ] {
            assert_eq!(
                Radius::parse(good).map(|r| r.as_css().to_owned()),
                Some(good.to_owned())
            );
        }
        for bad in [
            "2.001rem",
            "33px",
            "-1px",
            "1",
            "0",
            "1 rem",
            "1.2345rem",
            "calc(1rem)",
            "1vh",
            "1e1px",
            "rem",
            ".rem",
            "1.rem",
            "1..2rem",
            "1.rem.",
            "1rem;",
            "1remx",
            "0.5REM",
            "1000px",
            "+1px",
            "1%",
            "var(--r)",
        ] {
            assert_eq!(Radius::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_good_theme_sets_its_properties_as_parsed() {
        let theme = check(&entry(
            r##"{"accent": "#0a58ca", "accentFg": "#fff", "border": "rgb(128, 139, 152)",
                 "radius": "0.25rem"}"##,
        ));
        // A blue that dark on the dark page is refused there; with its own dark accent it is fine.
        assert!(theme.is_err(), "{theme:?}");
        let theme = check(&entry(
            r##"{"accent": "#0a58ca", "accentFg": "#fff", "border": "rgb(128, 139, 152)",
                 "radius": "0.25rem", "dark": {"accent": "#8ab4f8", "accentFg": "#0b1320"}}"##,
        ))
        .expect("accepted");
        let light = |name| property(&theme, Scheme::Light, name);
        assert_eq!(light("--pacer-accent").as_deref(), Some("#0a58ca"));
        assert_eq!(light("--pacer-accent-fg").as_deref(), Some("#ffffff"));
        for scheme in [Scheme::Light, Scheme::Dark] {
            let border = property(&theme, scheme, "--pacer-border");
            assert_eq!(border.as_deref(), Some("#808b98"));
            let radius = property(&theme, scheme, RADIUS_PROPERTY);
            assert_eq!(radius.as_deref(), Some("0.25rem"));
            assert_eq!(property(&theme, scheme, "--pacer-bg"), None, "left to CSS");
        }
        assert_eq!(theme.properties(Scheme::Light).len(), 10);
    }

    #[test]
    fn dark_keys_override_the_top_level_ones_in_the_dark_scheme_only() {
        let theme = check(&entry(
            r##"{"accent": "#0a58ca", "border": "#808b98",
                 "dark": {"accent": "#8ab4f8", "accentFg": "#0b1320"}}"##,
        ))
        .expect("accepted");
        assert!(theme.varies_by_scheme());
        let light = theme.palette(Scheme::Light);
        assert_eq!(light[Role::Accent as usize], Rgb(0x0a, 0x58, 0xca));
        assert_eq!(
            light[Role::AccentFg as usize],
            LIGHT[Role::AccentFg as usize]
        );
        let dark = theme.palette(Scheme::Dark);
        assert_eq!(dark[Role::Accent as usize], Rgb(0x8a, 0xb4, 0xf8));
        assert_eq!(dark[Role::AccentFg as usize], Rgb(0x0b, 0x13, 0x20));
        assert_eq!(dark[Role::Bg as usize], DARK[Role::Bg as usize]);
        assert_eq!(
            property(&theme, Scheme::Dark, "--pacer-accent").as_deref(),
            Some("#8ab4f8")
        );
        assert_eq!(
            property(&theme, Scheme::Light, "--pacer-accent-fg"),
            None,
            "a dark key is not set in the light scheme"
        );
        // A top-level key the dark block does not override applies there too.
        assert_eq!(
            property(&theme, Scheme::Dark, "--pacer-border").as_deref(),
            Some("#808b98")
        );
    }

    #[test]
    fn injection_attempts_are_refused_with_the_path_and_the_value() {
        let errors = refused(
            r##"{"accent": "red; background:url(x)", "dark": {"accent": "var(--evil)", "bg": "expression(alert(1))"}}"##,
        );
        assert_eq!(
            errors,
            [
                r#"theme.accent: "red; background:url(x)" is not a colour; use #rgb, #rrggbb or rgb(r g b)"#,
                r#"theme.dark.accent: "var(--evil)" is not a colour; use #rgb, #rrggbb or rgb(r g b)"#,
                r#"theme.dark.bg: "expression(alert(1))" is not a colour; use #rgb, #rrggbb or rgb(r g b)"#,
            ]
        );
        let radius = refused(r#"{"radius": "1rem; color: red"}"#);
        assert_eq!(
            radius,
            [
                r#"theme.radius: "1rem; color: red" is not a radius; use a length in px, rem or em, at most 32px or 2rem"#
            ]
        );
    }

    #[test]
    fn unknown_keys_are_named_with_their_path() {
        let errors =
            refused(r##"{"colour": "#fff", "dark": {"radius": "1px", "Accent": "#fff"}}"##);
        assert_eq!(errors.len(), 3);
        assert!(errors[0].starts_with("theme.colour: unknown key; a theme takes bg,"));
        assert!(errors[1].starts_with("theme.dark.radius: unknown key; dark takes bg,"));
        assert!(errors[2].starts_with("theme.dark.Accent: unknown key"));
    }

    #[test]
    fn values_of_the_wrong_kind_are_named() {
        assert_eq!(
            refused(
                r##"{"accent": 12, "fg": null, "bg": ["#fff"], "radius": true, "dark": "yes"}"##
            ),
            [
                "theme.accent: expected a string, found a number",
                "theme.fg: expected a string, found null",
                "theme.bg: expected a string, found a list",
                "theme.radius: expected a string, found true or false",
                "theme.dark: expected an object of theme keys, found a string",
            ]
        );
        assert_eq!(
            refused(r#""dark""#),
            ["theme: expected an object of theme keys, found a string"]
        );
        assert_eq!(
            refused(r#"{"dark": {"fg": {"r": 1}}}"#),
            ["theme.dark.fg: expected a string, found an object"]
        );
    }

    #[test]
    fn a_long_value_is_shortened_in_the_error() {
        let long = "x".repeat(5000);
        let errors = refused(&format!(r#"{{"fg": "{long}"}}"#));
        assert!(errors[0].len() < 200, "{}", errors[0]);
        assert!(errors[0].contains(&format!("\"{}...\"", "x".repeat(60))));
    }

    #[test]
    fn an_empty_theme_is_the_stylesheet_look() {
        let theme = check(&entry("{}")).expect("accepted");
        assert_eq!(theme, Theme::default());
        assert!(theme
            .properties(Scheme::Dark)
            .iter()
            .all(|(_, v)| v.is_none()));
        assert_eq!(theme.palette(Scheme::Light), LIGHT);
        assert_eq!(theme.palette(Scheme::Dark), DARK);
    }

    #[test]
    fn contrast_ratios_follow_wcag() {
        let (black, white) = (Rgb(0, 0, 0), Rgb(255, 255, 255));
        assert!((black.contrast(white) - 21.0).abs() < 1e-9);
        assert!((white.contrast(black) - 21.0).abs() < 1e-9);
        assert!((white.contrast(white) - 1.0).abs() < 1e-9);
        // #767676 on white is the well-known 4.54:1, just AA.
        let grey = Rgb(0x76, 0x76, 0x76);
        assert!((grey.contrast(white) - 4.54).abs() < 0.01);
    }

    #[test]
    fn the_stylesheet_defaults_meet_wcag_aa_in_both_schemes() {
        assert_eq!(Theme::default().contrast_problems(), []);
    }

    #[test]
    fn low_contrast_is_refused_naming_the_pair_the_scheme_and_the_ratio() {
        assert_eq!(
            refused(r##"{"dark": {"fg": "#777777"}}"##),
            [
                "theme: in the dark scheme, fg #777777 on bg #14171b is 4.0:1, below 4.5:1",
                "theme: in the dark scheme, fg #777777 on surface #1f242a is 3.4:1, below 4.5:1",
            ]
        );
        // A pale border is a boundary: 3:1 is its minimum.
        let errors = refused(r##"{"border": "#bbbbbb"}"##);
        assert_eq!(
            errors,
            [
                "theme: in the light scheme, border #bbbbbb on bg #ffffff is 1.9:1, below 3:1",
                "theme: in the light scheme, border #bbbbbb on surface #f3f5f8 is 1.7:1, below 3:1",
            ]
        );
    }

    #[test]
    fn a_ratio_just_under_the_minimum_never_shows_as_the_minimum() {
        // #777777 on white is 4.48:1: shown rounded down, not as 4.5.
        let errors = refused(r##"{"fg": "#777777", "dark": {"fg": "#eeeeee"}}"##);
        assert_eq!(
            errors[0],
            "theme: in the light scheme, fg #777777 on bg #ffffff is 4.4:1, below 4.5:1"
        );
        // A little darker passes on both backgrounds.
        assert!(check(&entry(r##"{"fg": "#6b6b6b", "dark": {"fg": "#eeeeee"}}"##)).is_ok());
    }

    #[test]
    fn a_top_level_colour_is_checked_against_the_dark_defaults_too() {
        // White everywhere: fine on the light page, unreadable under the dark scheme's light text.
        let errors = refused(r##"{"bg": "#ffffff"}"##);
        assert!(
            errors.iter().all(|e| e.contains("in the dark scheme")),
            "{errors:?}"
        );
        assert!(errors.contains(
            &"theme: in the dark scheme, fg #eef1f4 on bg #ffffff is 1.1:1, below 4.5:1".to_owned()
        ));
        // The same with the dark scheme given its own background passes.
        assert!(check(&entry(r##"{"bg": "#ffffff", "dark": {"bg": "#000000"}}"##)).is_ok());
    }

    #[test]
    fn an_accent_too_pale_for_its_text_fails_in_each_scheme_it_shows() {
        let errors = refused(r##"{"accent": "#88aaff"}"##);
        assert!(
            errors.contains(
                &"theme: in the light scheme, accent #88aaff on bg #ffffff is 2.2:1, below 4.5:1"
                    .to_owned()
            ),
            "{errors:?}"
        );
        assert!(errors.contains(&"theme: in the light scheme, accentFg #ffffff on accent #88aaff is 2.2:1, below 4.5:1".to_owned()), "{errors:?}");
        assert!(
            !errors.iter().any(|e| e.contains("dark scheme")),
            "fine on the dark page: {errors:?}"
        );
    }

    #[test]
    fn a_full_dark_theme_is_accepted() {
        let theme = check(&entry(
            r##"{"bg": "#fdfcfa", "fg": "#202020", "surface": "#f1efe9", "accent": "#7b2d8e", "accentFg": "#ffffff",
                 "dark": {"bg": "#101010", "fg": "#f0f0f0", "surface": "#1c1c1c", "accent": "#d9a6ec", "accentFg": "#101010"}}"##,
        ));
        assert!(theme.is_ok(), "{theme:?}");
    }

    #[test]
    fn syntax_errors_come_before_contrast() {
        // Both values are wrong and the pair would fail too: only the syntax error is reported.
        assert_eq!(refused(r##"{"fg": "#fff", "bg": "white"}"##).len(), 1);
    }

    /// The `--pacer-*` declarations of the first `:root { ... }` block after `from` in `css`.
    fn declarations(css: &str, from: &str) -> Vec<(String, String)> {
        let body = &css[css.find(from).expect("block present")..];
        let body = &body[body.find(":root {").expect(":root") + 7..];
        let body = &body[..body.find('}').expect("end of block")];
        body.split(';')
            .filter_map(|d| d.trim().strip_prefix("--pacer-"))
            .filter_map(|d| d.split_once(':'))
            .map(|(k, v)| (k.trim().to_owned(), v.trim().to_ascii_lowercase()))
            .collect()
    }

    fn expected(palette: &Palette, radius: Option<&str>) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Role::ALL
            .into_iter()
            .map(|r| {
                let name = r.property().trim_start_matches("--pacer-");
                (name.to_owned(), palette[r as usize].to_string())
            })
            .collect();
        out.extend(radius.map(|r| ("radius".to_owned(), r.to_owned())));
        out
    }

    #[test]
    fn the_defaults_are_the_stylesheets() {
        let css = include_str!("../www/style.css");
        let light = declarations(css, ":root {");
        let dark = declarations(css, "@media (prefers-color-scheme: dark)");
        assert_eq!(light, expected(&LIGHT, Some(DEFAULT_RADIUS)));
        assert_eq!(dark, expected(&DARK, None));
        // No other rule of the stylesheet defines a --pacer-* property the theme would not know.
        let defined = css
            .match_indices("--pacer-")
            .filter(|(i, _)| {
                let rest = &css[i + 8..];
                let name_end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                    .unwrap_or(rest.len());
                rest[name_end..].starts_with(':')
            })
            .count();
        assert_eq!(defined, light.len() + dark.len());
    }
}
