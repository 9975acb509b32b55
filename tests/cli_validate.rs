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
    assert!(out.contains("content/a1.json: cannot be loaded"), "{out}");
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
