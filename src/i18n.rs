//! The player's own words (never content, which comes from the package), from message catalogs:
//! `i18n/en.json` and `i18n/es.json`, one flat object of key to text each, with `{name}`
//! placeholders. A pseudo-locale (`qps-ploc`, or `en-XA` as Chromium calls it) is made from English at run
//! time: accented, a third longer and bracketed, so a test can see any text that skipped the catalog and
//! any layout that cuts longer words.
//!
//! The catalogs are parsed once per page and kept for its life (a few kilobytes), so a lookup hands out
//! `&'static str` like the literals it replaced.

pub use crate::package::primary_subtag;
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};

const EN: &str = include_str!("i18n/en.json");
const ES: &str = include_str!("i18n/es.json");

/// The interface languages the player ships, in the order it prefers them.
pub const LANGUAGES: [&str; 2] = ["en", "es"];
/// The pseudo-locale, for testing.
pub const PSEUDO: &str = "qps-ploc";

/// Key to text. One map type for the catalogs, the same as the one they are read into: each map type
/// costs its own copy of `BTreeMap`'s code in the first module (#19).
type Catalog = BTreeMap<String, String>;

/// The catalogs there are: English, Spanish, the pseudo-locale.
const CATALOG_NAMES: [&str; 3] = ["en", "es", PSEUDO];

thread_local! {
    /// Each catalog once parsed, by its place in [`CATALOG_NAMES`].
    static CATALOGS: [Cell<Option<&'static Catalog>>; 3] = const { [const { Cell::new(None) }; 3] };
    /// Keys no catalog has, each kept once (shown as themselves), so a missing message asked for on every
    /// render does not take more memory each time.
    static MISSING: RefCell<BTreeSet<&'static str>> = const { RefCell::new(BTreeSet::new()) };
}

/// Which catalog serves `lang`: `es`, the pseudo-locale, or English for everything else.
fn catalog_name(lang: &str) -> &'static str {
    let lower = lang.to_ascii_lowercase();
    if lower == PSEUDO || lower == "en-xa" {
        PSEUDO
    } else if primary_subtag(lang) == "es" {
        "es"
    } else {
        "en"
    }
}

/// Whether the player has interface text for `lang` (its primary subtag, or the pseudo-locale).
pub fn supported(lang: &str) -> bool {
    catalog_name(lang) != "en" || primary_subtag(lang) == "en"
}

fn load(name: &'static str) -> &'static Catalog {
    let slot = CATALOG_NAMES.iter().position(|n| *n == name).unwrap_or(0);
    CATALOGS.with(|c| {
        if let Some(found) = c[slot].get() {
            return found;
        }
        let leaked: &'static Catalog = Box::leak(Box::new(parse(name)));
        c[slot].set(Some(leaked));
        leaked
    })
}

fn parse(name: &str) -> Catalog {
    let source = if name == "es" { ES } else { EN };
    // The catalogs are part of the build and checked by native tests; a broken one shows keys, not a crash.
    let mut texts: Catalog = crate::json::from_str(source).unwrap_or_default();
    if name == PSEUDO {
        for text in texts.values_mut() {
            *text = pseudo(text);
        }
    }
    texts
}

/// The interface text for `key` in `lang`; English when the language lacks it; the key itself when no
/// catalog has it (so a missing message is visible, and the catalog test names it).
pub fn t(lang: &str, key: &str) -> &'static str {
    let name = catalog_name(lang);
    if let Some(text) = load(name).get(key) {
        return text;
    }
    if let Some(text) = load("en").get(key) {
        return text;
    }
    MISSING.with(|m| {
        let mut missing = m.borrow_mut();
        if let Some(kept) = missing.get(key) {
            return *kept;
        }
        let kept: &'static str = Box::leak(key.to_owned().into_boxed_str());
        missing.insert(kept);
        kept
    })
}

/// The text for `key` with each `{name}` replaced by its value.
pub fn tf(lang: &str, key: &str, args: &[(&str, &str)]) -> String {
    fill(t(lang, key), args)
}

/// The text for a count: `KEY-one` when `n` is 1, `KEY-other` otherwise (the plural rule of English and
/// Spanish), with `{n}` replaced.
pub fn tn(lang: &str, key: &str, n: u32) -> String {
    let form = if n == 1 { "one" } else { "other" };
    tf(lang, &format!("{key}-{form}"), &[("n", &n.to_string())])
}

/// Replaces each `{name}` of `template` by its value in `args`.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The pseudo-localised form of an English text: letters accented, a third longer, in brackets;
/// `{placeholders}` are kept as they are.
pub fn pseudo(text: &str) -> String {
    let mut out = String::from("⟦");
    let mut in_placeholder = false;
    let mut letters = 0usize;
    for c in text.chars() {
        match c {
            '{' => in_placeholder = true,
            '}' => in_placeholder = false,
            _ => {}
        }
        if in_placeholder || c == '}' {
            out.push(c);
            continue;
        }
        out.push(accented(c));
        if c.is_ascii_alphabetic() {
            letters += 1;
            // Every third letter doubled: about a third longer, like many translations from English.
            if letters % 3 == 0 {
                out.push(accented(c));
            }
        }
    }
    out.push('⟧');
    out
}

fn accented(c: char) -> char {
    match c {
        'a' => 'á',
        'e' => 'é',
        'i' => 'í',
        'o' => 'ö',
        'u' => 'ü',
        'c' => 'ç',
        'n' => 'ñ',
        'y' => 'ý',
        'A' => 'Å',
        'E' => 'É',
        'I' => 'Î',
        'O' => 'Ø',
        'U' => 'Û',
        'C' => 'Ç',
        'N' => 'Ñ',
        other => other,
    }
}

/// The language of the player for one learner, in the order of who has the say: the embedding config
/// (the operator), the learner's cmi5 preferences, the browser's languages. From the two lists, the first
/// tag the package or the interface speaks is taken; without one, the package's own language.
pub fn choose_language(
    configured: Option<&str>,
    learner_preference: Option<&str>,
    browser: &[String],
    package: &[&str],
) -> String {
    if let Some(lang) = configured.map(str::trim).filter(|l| !l.is_empty()) {
        return lang.to_owned();
    }
    let spoken = |tag: &str| {
        let p = primary_subtag(tag);
        !p.is_empty() && (package.iter().any(|l| primary_subtag(l) == p) || supported(tag))
    };
    let preferred = learner_preference
        .into_iter()
        .flat_map(|list| list.split(','))
        .map(str::trim)
        .chain(browser.iter().map(|s| s.trim()));
    for tag in preferred {
        if spoken(tag) {
            return tag.to_owned();
        }
    }
    package.first().map_or("en".to_owned(), |l| (*l).to_owned())
}

/// The name of a language in that language, for a language menu (the tag itself when unknown).
pub fn autonym(lang: &str) -> &str {
    match primary_subtag(lang).as_str() {
        "en" => "English",
        "es" => "Español",
        "fr" => "Français",
        "pt" => "Português",
        "de" => "Deutsch",
        "ar" => "العربية",
        "zh" => "中文",
        "vi" => "Tiếng Việt",
        "ht" => "Kreyòl ayisyen",
        _ => lang,
    }
}

/// The writing direction of `lang`: right to left for Arabic, Hebrew, Persian, Urdu and their kin.
pub fn direction(lang: &str) -> &'static str {
    match primary_subtag(lang).as_str() {
        "ar" | "he" | "fa" | "ur" | "ps" | "sd" | "yi" | "dv" | "ckb" | "ug" => "rtl",
        _ => "ltr",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_key_shows_itself_and_is_kept_once() {
        let first = t("es", "no-such-message");
        assert_eq!(first, "no-such-message");
        let again = t("en", "no-such-message");
        assert!(
            std::ptr::eq(first, again),
            "a second lookup made a second copy"
        );
        assert_eq!(MISSING.with(|m| m.borrow().len()), 1);
        // A known key never lands among the missing ones.
        assert_ne!(t("en", "loading"), "loading");
        assert_eq!(MISSING.with(|m| m.borrow().len()), 1);
    }
}
