//! `pacer validate` as an author runs it: exit codes and error lines that name the place.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::Command;

fn validate(dir: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pacer"))
        .arg("validate")
        .arg(dir)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

fn package(name: &str, manifest: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("pacer-cli-validate-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("content")).unwrap();
    std::fs::write(dir.join("pkg.json"), manifest).unwrap();
    for (path, text) in files {
        std::fs::write(dir.join(path), text).unwrap();
    }
    dir
}

const MANIFEST: &str = r#"{
  "id": "https://example.org/c", "title": "C", "version": "1.0.0", "language": "en",
  "activities": [{ "id": "a1", "file": "content/a1.json", "title": "A1", "kind": "practice" }]
}"#;

#[test]
fn the_demo_course_is_valid() {
    let (code, out) = validate(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert_eq!(code, 0, "{out}");
}

#[test]
fn bad_json_is_reported_with_file_line_and_column() {
    let dir = package(
        "badjson",
        "{\n  \"id\": \"https://example.org/c\",\n  \"title\": \n}",
        &[],
    );
    let (code, out) = validate(&dir);
    assert_eq!(code, 1);
    assert!(out.contains("pkg.json:4:1:"), "{out}");
}

#[test]
fn a_missing_activity_file_is_named() {
    let dir = package("missing", MANIFEST, &[]);
    let (code, out) = validate(&dir);
    assert_eq!(code, 1);
    assert!(
        out.contains("pkg.json:3:32: activities[0].file: `content/a1.json` cannot be loaded"),
        "{out}"
    );
}

const ACTIVITY: &str = r#"{ "id": "a1", "items": [
  { "id": "q1", "skills": ["s"], "stem": "Is it?", "hints": ["Look."], "solution": ["Yes."],
    "interaction": { "type": "trueFalse", "correct": true } } ] }"#;

#[test]
fn a_missing_activity_file_that_differs_in_case_is_named_with_the_real_name() {
    let dir = package("case", MANIFEST, &[("content/A1.json", ACTIVITY)]);
    let (code, out) = validate(&dir);
    assert_eq!(code, 1);
    assert!(
        out.contains("activities[0].file: `content/a1.json` cannot be loaded")
            && out.contains("did you mean `content/A1.json`? (file names are case-sensitive"),
        "{out}"
    );
}

fn json_report(dir: &Path) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_pacer"))
        .args(["validate", "--format", "json"])
        .arg(dir)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

const TRANSLATED: &str = r#"{
  "id": "https://example.org/c", "title": { "en": "C", "es": "C" }, "version": "1.0.0",
  "language": "en", "translations": ["es"],
  "skills": [{ "id": "s", "title": { "en": "Halves", "es": "Medios" } }],
  "activities": [{ "id": "a1", "file": "content/a1.json", "title": { "en": "A1", "es": "A1" },
    "kind": "practice", "skills": ["s"] }]
}"#;

#[test]
fn plain_strings_in_a_translated_package_are_warned_and_counted_per_language() {
    // Plain words: warned and not counted for `es`; numbers and `zxx` text are language-neutral.
    let activity = r#"{ "id": "a1", "items": [
  { "id": "q1", "skills": ["s"], "stem": { "en": "Which is half?", "es": "¿Cuál es la mitad?" },
    "hints": ["Look at the parts."], "solution": [{ "zxx": "$\frac{1}{2}$" }],
    "interaction": { "type": "singleChoice", "correct": "a",
      "options": [{ "id": "a", "text": "1/2" }, { "id": "b", "text": { "zxx": "Lena" } }] } } ] }"#;
    let dir = package("coverage", TRANSLATED, &[("content/a1.json", activity)]);
    let (code, out) = validate(&dir);
    assert_eq!(code, 0, "{out}");
    let warnings: Vec<&str> = out.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(warnings.len(), 1, "{out}");
    assert!(
        warnings[0].contains("content/a1.json:3:15: items[0].hints[0]: a plain string is shown"),
        "{out}"
    );
    // pkg.json: 3 texts; a1: stem, hint, solution, two options.
    assert!(
        out.contains("translated: en: 8 of 8 texts, es: 7 of 8 texts"),
        "{out}"
    );
    let doc = json_report(&dir);
    assert_eq!(doc["coverage"]["es"]["translated"], 7);
    assert_eq!(doc["coverage"]["es"]["texts"], 8);
    assert_eq!(doc["coverage"]["en"]["translated"], 8);
    assert_eq!(doc["warnings"].as_array().unwrap().len(), 1);
}

#[test]
fn a_mistyped_language_is_one_error_not_one_per_text() {
    let manifest = TRANSLATED.replace(r#""language": "en""#, r#""language": "em""#);
    let activity = r#"{ "id": "a1", "items": [
  { "id": "q1", "skills": ["s"], "stem": { "en": "Is it?", "es": "¿Sí?" },
    "hints": [{ "en": "Look.", "es": "Mira." }], "solution": [{ "en": "Yes.", "es": "Sí." }],
    "interaction": { "type": "trueFalse", "correct": true } } ] }"#;
    let dir = package("langtypo", &manifest, &[("content/a1.json", activity)]);
    let (code, out) = validate(&dir);
    assert_eq!(code, 1);
    let errors: Vec<&str> = out
        .lines()
        .filter(|l| l.contains(": ") && !l.starts_with("warning:") && !l.starts_with("translated:"))
        .collect();
    assert_eq!(errors.len(), 1, "{out}");
    assert!(
        errors[0].starts_with("pkg.json:3:3: language: `em` is the package's language, but its texts are written in `en`; did you mean `en`?"),
        "{out}"
    );
}

#[test]
fn items_with_no_skill_or_one_their_activity_does_not_list_are_warned() {
    let manifest = r#"{
  "id": "https://example.org/c", "title": "C", "version": "1.0.0", "language": "en",
  "skills": [{ "id": "s", "title": "S" }, { "id": "t", "title": "T" }],
  "activities": [{ "id": "a1", "file": "content/a1.json", "title": "A1", "kind": "check",
    "skills": ["s"] }]
}"#;
    let activity = r#"{ "id": "a1", "items": [
  { "id": "q1", "stem": "Is it?", "interaction": { "type": "trueFalse", "correct": true } },
  { "id": "q2", "skills": ["t"], "stem": "Is it?", "interaction": { "type": "trueFalse", "correct": true } } ] }"#;
    let dir = package("skills", manifest, &[("content/a1.json", activity)]);
    let (code, out) = validate(&dir);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("items[0].skills: an item with no skill is evidence for nothing"),
        "{out}"
    );
    assert!(
        out.contains("items[1].skills[0]: the activity does not list skill `t`"),
        "{out}"
    );
}

#[test]
fn a_wrong_answer_key_names_its_json_path() {
    let activity = r#"{ "id": "a1", "items": [
      { "id": "q1", "stem": "?", "interaction": { "type": "singleChoice", "correct": "z",
        "options": [{ "id": "a", "text": "1" }, { "id": "b", "text": "2" }] } } ] }"#;
    let dir = package("key", MANIFEST, &[("content/a1.json", activity)]);
    let (code, out) = validate(&dir);
    assert_eq!(code, 1);
    assert!(
        out.contains(
            "content/a1.json:2:75: items[0].interaction.correct: the answer `z` is not one of the options"
        ),
        "{out}"
    );
}

#[test]
fn an_unknown_field_is_an_error_with_its_path() {
    let activity = r#"{ "id": "a1", "items": [
      { "id": "q1", "stem": "?", "hintz": [], "interaction": { "type": "singleChoice", "correct": "a",
        "options": [{ "id": "a", "text": "1" }, { "id": "b", "text": "2" }] } } ] }"#;
    let dir = package("unknown", MANIFEST, &[("content/a1.json", activity)]);
    let (code, out) = validate(&dir);
    assert_eq!(code, 1);
    assert!(
        out.contains("content/a1.json:2:") && out.contains("items[0]") && out.contains("hintz"),
        "{out}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_pacer"))
        .arg("frobnicate")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn rendering_traps_are_warned_and_escapes_and_doubled_braces_are_not() {
    let activity = r#"{ "id": "a1", "items": [
  { "id": "q1", "stem": "It costs $5 and she pays $6. What is 2 * 3 * 4?",
    "interaction": { "type": "numeric", "answer": 24 } },
  { "id": "q2", "stem": "It costs \\$5 and she pays \\$6. What is 2 \\* 3? Is $x^{{n}}$ with {{1, 2}} for {a}?",
    "params": { "a": { "range": { "min": 1, "max": 3 } } },
    "interaction": { "type": "numeric", "answer": "a" } } ] }"#;
    let dir = package("traps", MANIFEST, &[("content/a1.json", activity)]);
    let (code, out) = validate(&dir);
    assert_eq!(code, 0, "{out}");
    let doc = json_report(&dir);
    let traps: Vec<String> = doc["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["path"] == "items[0].stem" || w["path"] == "items[1].stem")
        .map(|w| format!("{}: {}", w["path"], w["message"]))
        .collect();
    assert_eq!(traps.len(), 2, "{traps:?}");
    assert!(
        traps[0].contains("`$5 and she pays $` is typeset as math"),
        "{traps:?}"
    );
    assert!(
        traps[1].contains("`* 3 *` is shown as emphasis"),
        "{traps:?}"
    );
}

#[test]
fn per_language_accepted_answers_are_checked_against_the_package_languages() {
    let activity = r#"{ "id": "a1", "items": [
  { "id": "q1", "skills": ["s"], "stem": { "en": "One of two equal parts?", "es": "¿Una de dos?" },
    "hints": [{ "en": "Two.", "es": "Dos." }], "solution": [{ "en": "Half.", "es": "Medio." }],
    "interaction": { "type": "shortText", "accepted": { "en": ["half"] } } },
  { "id": "q2", "skills": ["s"], "stem": { "en": "One of two equal parts?", "es": "¿Una de dos?" },
    "hints": [{ "en": "Two.", "es": "Dos." }], "solution": [{ "en": "Half.", "es": "Medio." }],
    "interaction": { "type": "shortText", "accepted": { "en": ["half"], "es": ["medio"], "fr": ["moitié"] } } } ] }"#;
    let dir = package("acceptedlang", TRANSLATED, &[("content/a1.json", activity)]);
    let doc = json_report(&dir);
    let found = |list: &str| -> Vec<String> {
        doc[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| {
                format!(
                    "{}: {}",
                    w["path"].as_str().unwrap(),
                    w["message"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert_eq!(
        found("warnings"),
        vec!["items[0].interaction.accepted: no `es` accepted answers; learners reading `es` are checked against the `en` ones"]
    );
    assert_eq!(
        found("errors"),
        vec!["items[1].interaction.accepted.fr: `fr` is not a language of the package (add it to `translations`)"]
    );
}
