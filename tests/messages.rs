//! The message catalogs: English and Spanish have the same keys with the same placeholders, every key the
//! player looks up exists, and the pseudo-locale marks every message.

use pacer::i18n::{self, t, tf, tn};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn catalog(lang: &str) -> BTreeMap<String, String> {
    let path = format!("{}/src/i18n/{lang}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("catalog readable");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn placeholders(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        found.insert(rest[start + 1..start + len].to_owned());
        rest = &rest[start + len..];
    }
    found
}

#[test]
fn english_and_spanish_have_the_same_messages_and_placeholders() {
    let en = catalog("en");
    let es = catalog("es");
    let missing: Vec<&String> = en.keys().filter(|k| !es.contains_key(*k)).collect();
    let extra: Vec<&String> = es.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(missing.is_empty(), "not in es.json: {missing:?}");
    assert!(extra.is_empty(), "only in es.json: {extra:?}");
    for (key, text) in &en {
        assert!(!text.trim().is_empty(), "{key} is empty in en.json");
        assert_eq!(
            placeholders(text),
            placeholders(&es[key]),
            "placeholders of {key} differ"
        );
    }
}

/// Every string literal that is the key argument of `t(`, `tf(` or `tn(` in the sources.
fn keys_used(dir: &Path, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).expect("source dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            keys_used(&path, out);
            continue;
        }
        scan(&path, out);
    }
}

/// The keys looked up in the source file `path`.
fn scan(path: &Path, out: &mut BTreeSet<String>) {
    if path.extension().and_then(|e| e.to_str()) != Some("rs") {
        return;
    }
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    if name.ends_with("tests.rs") {
        return;
    }
    let whole = std::fs::read_to_string(path).expect("source");
    // Test code looks up made-up keys on purpose: only the product's lookups count.
    if whole.starts_with("#![cfg(test)]") || whole.contains("\n#![cfg(test)]") {
        return;
    }
    let source = whole
        .find("#[cfg(test)]\nmod tests")
        .map_or(whole.as_str(), |end| &whole[..end]);
    for call in ["t(", "tf(", "tn("] {
        let mut from = 0;
        while let Some(at) = source[from..].find(call) {
            let start = from + at;
            from = start + call.len();
            let before = source[..start].chars().last().unwrap_or(' ');
            if before.is_alphanumeric() || before == '_' || before == '.' {
                continue;
            }
            // The key is the first string literal after the first comma at this call's depth.
            let args = &source[from..];
            let Some(comma) = args.find(',') else {
                continue;
            };
            let after = args[comma + 1..].trim_start();
            if let Some(lit) = after.strip_prefix('"') {
                if let Some(end) = lit.find('"') {
                    out.insert(lit[..end].to_owned());
                }
            }
        }
    }
}

#[test]
fn every_key_the_player_looks_up_is_in_the_catalog() {
    let en = catalog("en");
    let mut used = BTreeSet::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    // Everywhere: the words moved from the shell into the core's screens and views (#18).
    keys_used(&src, &mut used);
    assert!(used.len() > 40, "the scan found the lookups: {used:?}");
    let plural_ok =
        |k: &String| en.contains_key(&format!("{k}-one")) && en.contains_key(&format!("{k}-other"));
    let missing: Vec<&String> = used
        .iter()
        .filter(|k| !en.contains_key(*k) && !plural_ok(k))
        .collect();
    assert!(
        missing.is_empty(),
        "looked up but not in en.json: {missing:?}"
    );
}

#[test]
fn lookups_fill_placeholders_and_fall_back_to_english() {
    assert_eq!(t("es-MX", "check"), "Comprobar");
    assert_eq!(t("fr", "check"), "Check");
    assert_eq!(
        t("es_MX", "check"),
        "Comprobar",
        "the same tags the content lookup accepts"
    );
    assert_eq!(i18n::direction("AR_eg"), "rtl");
    assert_eq!(t("en", "no-such-key"), "no-such-key");
    assert_eq!(tn("en", "skills", 1), "1 skill");
    assert_eq!(tn("es", "skills", 3), "3 habilidades");
    assert_eq!(
        tf(
            "en",
            "goal-line",
            &[("done", "1"), ("target", "2 skills"), ("days", "")]
        )
        .trim(),
        "My goal: 1 of 2 skills."
    );
    assert!(i18n::supported("es-419") && i18n::supported("en-GB") && i18n::supported("qps-ploc"));
    assert!(!i18n::supported("fr"));
}

#[test]
fn the_pseudo_locale_marks_lengthens_and_keeps_placeholders() {
    let p = t("qps-ploc", "goal-line");
    assert!(p.starts_with('⟦') && p.ends_with('⟧'), "{p}");
    assert!(
        p.contains("{done}") && p.contains("{target}") && p.contains("{days}"),
        "{p}"
    );
    let english = t("en", "reflect-helped");
    let pseudo = t("en-XA", "reflect-helped");
    assert!(
        pseudo.chars().count() as f64 >= english.chars().count() as f64 * 1.25,
        "{pseudo}"
    );
    assert!(!pseudo.contains('a') && pseudo.contains('á'), "{pseudo}");
}

#[test]
fn right_to_left_languages_are_known() {
    assert_eq!(i18n::direction("ar"), "rtl");
    assert_eq!(i18n::direction("he-IL"), "rtl");
    assert_eq!(i18n::direction("es"), "ltr");
}

#[test]
fn the_language_comes_from_the_config_then_cmi5_then_the_browser_then_the_package() {
    let browser = vec!["fr-FR".to_owned(), "es-MX".to_owned(), "en".to_owned()];
    let package = ["en", "es"];
    let choose = i18n::choose_language;
    assert_eq!(choose(Some("es"), Some("en-US"), &browser, &package), "es");
    assert_eq!(
        choose(None, Some("de-DE, es-ES"), &browser, &package),
        "es-ES"
    );
    assert_eq!(
        choose(None, None, &browser, &package),
        "es-MX",
        "French is skipped: nothing speaks it"
    );
    assert_eq!(choose(None, Some(""), &[], &package), "en");
    assert_eq!(choose(Some("  "), None, &["de".to_owned()], &["es"]), "es");
    assert_eq!(
        pacer::xapi::cmi5::language_preference(
            r#"{"languagePreference":"es-ES,en-US","audioPreference":"on"}"#
        ),
        Some("es-ES,en-US".to_owned())
    );
    assert_eq!(
        pacer::xapi::cmi5::language_preference(r#"{"audioPreference":"on"}"#),
        None
    );
    assert_eq!(pacer::xapi::cmi5::language_preference("not json"), None);
}
