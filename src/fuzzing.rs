//! The bodies of the fuzz targets (`fuzz/fuzz_targets/`, run by `make fuzz` on stable Rust with
//! libFuzzer): each feeds arbitrary bytes to one reader of untrusted input and must return, whatever the
//! bytes, without a panic, a stack overflow or an unbounded allocation. They live in the library so that
//! `tests/fuzz_regressions.rs` replays every input a fuzzer once crashed on (`tests/fixtures/fuzz/`).
//!
//! Not part of the player: native builds only, and nothing here is called by the product.

use crate::package::{parse_activity, parse_manifest};

/// A fuzz target: arbitrary bytes in, nothing out; it must return.
pub type Target = fn(&[u8]);

/// Every target, by the name `make fuzz` and the fixtures use.
pub const TARGETS: [(&str, Target); 8] = [
    ("json", json),
    ("manifest", manifest),
    ("activity", activity),
    ("backpack", backpack),
    ("zip", zip),
    ("expr", expr),
    ("number", number),
    ("tex", tex),
];

fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// The JSON parser every package, record and config goes through.
pub fn json(data: &[u8]) {
    let source = text(data);
    if let Ok(tree) = crate::json::parse(&source) {
        let _ = crate::json::line_col(&source, tree.at);
    }
    let _ = crate::json::from_str::<crate::json::owned::Owned>(&source);
}

/// A manifest (`pkg.json`): parsed and checked.
pub fn manifest(data: &[u8]) {
    let _ = parse_manifest("pkg.json", &text(data));
}

const MANIFEST: &str = r#"{"id": "https://example.org/f", "title": "F", "version": "1.0.0", "language": "en",
  "translations": ["es"], "skills": [{"id": "s", "title": "S"}, {"id": "t", "title": "T", "prerequisites": ["s"]}],
  "activities": [{"id": "a", "file": "a.json", "title": "A", "kind": "practice", "skills": ["s", "t"]}]}"#;

/// An activity file against a fixed manifest: parsed and checked (every interaction's rules, params,
/// markup, math), as the player does when it opens one.
pub fn activity(data: &[u8]) {
    let Ok(manifest) = parse_manifest("pkg.json", MANIFEST) else {
        return;
    };
    let entry = manifest.activities[0].clone();
    if let Ok(activity) = parse_activity("a.json", &text(data), &entry, &manifest) {
        // A valid activity is scored: every item against a "don't know" and its own first option.
        for item in &activity.items {
            let ctx = crate::check::Context {
                values: &crate::session::draw_values(item, "fuzz", 0),
                mark: crate::check::numeric::DecimalMark::Point,
                language: &manifest.language,
                default_language: &manifest.language,
            };
            let _ = crate::check::score(item, &crate::check::Response::DontKnow, &ctx);
        }
    }
}

/// A data backpack, the learner's file.
pub fn backpack(data: &[u8]) {
    let _ = crate::store::backpack::Backpack::parse(&text(data));
    let _ = crate::store::backpack::signed_parts(&text(data));
}

/// The zip reader (`pacer validate` of a `.zip`, and the player's reading of a packed course, which uses
/// the same reader with the browser's inflate).
pub fn zip(data: &[u8]) {
    let inflate = |bytes: &[u8], size: usize| {
        // The fuzzer's bytes may claim any size: cap what one entry may inflate to.
        miniz_oxide::inflate::decompress_to_vec_with_limit(bytes, size.min(1 << 20))
            .map_err(|e| format!("{:?}", e.status))
    };
    let _ = crate::pack::zip::read(data, &inflate);
}

/// The expression parser and evaluator (expression answers, numeric formulas, parameters).
pub fn expr(data: &[u8]) {
    let source = text(data);
    if let Ok(e) = crate::expr::parse(&source, &["x", "n"]) {
        let _ = e.eval(&|v: &str| match v {
            "x" => Some(0.5),
            "n" => Some(-3.0),
            _ => None,
        });
        let _ = crate::expr::equivalent(&e, &e, &["x", "n"], 7);
    }
}

/// The number parser of numeric answers, with both decimal marks, and the unit split.
pub fn number(data: &[u8]) {
    use crate::check::numeric::{parse_number, split_unit, DecimalMark};
    let source = text(data);
    let _ = parse_number(&source, DecimalMark::Point);
    let _ = parse_number(&source, DecimalMark::Comma);
    let (value, _) = split_unit(&source);
    let _ = parse_number(value, DecimalMark::Point);
}

/// The TeX subset and the inline markup around it.
pub fn tex(data: &[u8]) {
    let source = text(data);
    if let Ok(node) = crate::package::math::parse_tex(&source) {
        let _ = crate::package::math::to_plain(&node);
    }
    let _ = crate::package::markup::parse_inline(&source);
    let _ = crate::package::markup::plain_text(&source);
    let _ = crate::package::markup::unsafe_content(&source);
}
