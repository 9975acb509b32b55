//! The maximum-length package: every text field of the format at its limit (`package::limits`), each an
//! unbroken word (the worst case for laying text out), in a lesson with an image and audio, and a
//! practice of four interaction types. It is generated here and kept in `tests/e2e/fixtures/max-length/`
//! for the browser test (`tests/e2e/max-length.test.mjs`: no long task over 200 ms at 4x CPU on any
//! screen). Run with `PACER_WRITE_FIXTURES=1` to rewrite it after changing a limit.
//!
//! Also: one character more in any field is refused at its path, and the progress map's labels of the
//! longest titles are laid out reading a bounded number of characters.
#![cfg(not(target_arch = "wasm32"))]

use pacer::package::limits::{Field, LIMITS};
use pacer::package::{load, Files};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// An unbroken word of exactly `field`'s limit, starting with `tag` (so texts differ).
fn long(field: Field, tag: &str) -> String {
    let n = field.max_chars();
    let mut s = tag.to_owned();
    while s.chars().count() < n {
        s.push(if s.len() % 2 == 0 { 'M' } else { 'w' });
    }
    s
}

const SVG: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>"#;

/// The package's files, by path.
fn package() -> BTreeMap<String, Vec<u8>> {
    use Field::*;
    let manifest = json!({
        "id": "https://pacer.example/tests/max-length",
        "title": long(Title, "Course"),
        "version": "1.0.0",
        "language": "en",
        "skills": [
            { "id": "s1", "title": long(Title, "SkillOne"), "description": long(Description, "About") },
            { "id": "s2", "title": long(Title, "SkillTwo"), "prerequisites": ["s1"] }
        ],
        "activities": [
            { "id": "lesson", "file": "content/lesson.json", "title": long(Title, "Lesson"),
              "kind": "lesson", "skills": ["s1"] },
            { "id": "practice", "file": "content/practice.json", "title": long(Title, "Practice"),
              "kind": "check", "skills": ["s1", "s2"] }
        ]
    });
    let feedback =
        || json!({ "correct": long(Feedback, "Right"), "incorrect": long(Feedback, "Wrong") });
    let helps = |item: &mut Value| {
        item["hints"] = json!([long(Hint, "HintOne"), long(Hint, "HintTwo")]);
        item["solution"] = json!([long(Solution, "StepOne"), long(Solution, "StepTwo")]);
        item["feedback"] = feedback();
    };
    let option = |id: &str| {
        json!({ "id": id, "text": long(Option, &format!("Option{id}")),
                                   "feedback": long(Feedback, &format!("Because{id}")) })
    };
    let mut single = json!({
        "id": "single", "skills": ["s1"], "stem": long(Stem, "Single"),
        "interaction": { "type": "singleChoice", "correct": "a",
                         "options": [option("a"), option("b"), option("c"), option("d")] }
    });
    helps(&mut single);
    let mut multiple = json!({
        "id": "multiple", "skills": ["s2"], "stem": long(Stem, "Multiple"),
        "interaction": { "type": "multipleResponse", "correct": ["a", "c"],
                         "options": [option("a"), option("b"), option("c"), option("d")] }
    });
    helps(&mut multiple);
    let mut truefalse = json!({
        "id": "truefalse", "skills": ["s1"], "stem": long(Stem, "TrueFalse"),
        "interaction": { "type": "trueFalse", "correct": false,
                         "trueFeedback": long(Feedback, "IfTrue"), "falseFeedback": long(Feedback, "IfFalse") }
    });
    helps(&mut truefalse);
    let pair = |id: &str| {
        json!({ "id": id, "prompt": long(Option, &format!("Prompt{id}")),
                                 "answer": long(Option, &format!("Answer{id}")) })
    };
    let mut matching = json!({
        "id": "matching", "skills": ["s2"], "stem": long(Stem, "Matching"),
        "interaction": { "type": "matching", "pairs": [pair("h"), pair("t"), pair("q")] }
    });
    helps(&mut matching);
    let practice = json!({ "id": "practice", "items": [single, multiple, truefalse, matching] });
    let mut check = json!({
        "id": "check", "skills": ["s1"], "stem": long(Stem, "Check"),
        "interaction": { "type": "singleChoice", "correct": "a", "options": [option("a"), option("b")] }
    });
    helps(&mut check);
    let lesson = json!({
        "id": "lesson",
        "pages": [
            { "id": "p1", "title": long(Title, "PageOne"), "blocks": [
                { "type": "text", "text": long(LessonText, "Text") },
                { "type": "image", "src": "content/media/circle.svg", "alt": long(Alt, "Alt"),
                  "caption": long(Caption, "Caption") },
                { "type": "audio", "src": "content/media/voice.ogg", "transcript": long(Transcript, "Said") }
            ] },
            { "id": "p2", "title": long(Title, "PageTwo"), "blocks": [
                { "type": "text", "text": long(LessonText, "More") },
                { "type": "check", "item": "check" }
            ] }
        ],
        "items": [check]
    });
    let pretty = |v: &Value| format!("{}\n", serde_json::to_string_pretty(v).unwrap()).into_bytes();
    BTreeMap::from([
        ("pkg.json".to_owned(), pretty(&manifest)),
        ("content/practice.json".to_owned(), pretty(&practice)),
        ("content/lesson.json".to_owned(), pretty(&lesson)),
        (
            "content/media/circle.svg".to_owned(),
            SVG.as_bytes().to_vec(),
        ),
        ("content/media/voice.ogg".to_owned(), b"OggS\0\x02".to_vec()),
    ])
}

struct Mem(BTreeMap<String, Vec<u8>>);

impl Files for Mem {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        self.0
            .get(path)
            .cloned()
            .ok_or_else(|| "missing".to_owned())
    }
    fn size(&self, path: &str) -> Option<u64> {
        self.0.get(path).map(|b| b.len() as u64)
    }
}

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/fixtures/max-length")
}

#[test]
fn the_max_length_package_is_valid_and_is_the_one_the_browser_test_plays() {
    let files = package();
    let (loaded, report) = load(&Mem(files.clone()));
    assert!(report.is_valid(), "{:?}", report.errors);
    assert!(loaded.is_some());
    let dir = fixture_dir();
    if std::env::var_os("PACER_WRITE_FIXTURES").is_some() {
        for (path, bytes) in &files {
            let file = dir.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, bytes).unwrap();
        }
    }
    for (path, bytes) in &files {
        let kept = std::fs::read(dir.join(path))
            .unwrap_or_else(|e| panic!("{path}: {e} (PACER_WRITE_FIXTURES=1 writes it)"));
        assert!(
            &kept == bytes,
            "{path} is not what the limits make: PACER_WRITE_FIXTURES=1 rewrites it"
        );
    }
}

/// Every string value of `v` with its JSON path, in the validator's path syntax.
fn strings(v: &Value, path: String, out: &mut Vec<(String, String)>) {
    match v {
        Value::String(s) => out.push((path, s.clone())),
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                strings(x, format!("{path}[{i}]"), out);
            }
        }
        Value::Object(map) => {
            for (k, x) in map {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                strings(x, p, out);
            }
        }
        _ => {}
    }
}

#[test]
fn one_character_more_in_any_field_is_refused_at_its_path() {
    let files = package();
    let mut checked: Vec<Field> = Vec::new();
    for file in ["pkg.json", "content/practice.json", "content/lesson.json"] {
        let doc: Value = serde_json::from_slice(&files[file]).unwrap();
        let mut texts = Vec::new();
        strings(&doc, String::new(), &mut texts);
        for (path, text) in texts {
            let field = Field::of_path(&path);
            if text.chars().count() != field.max_chars() {
                continue; // ids, types, paths
            }
            let mut longer = doc.clone();
            let pointer = format!(
                "/{}",
                path.replace("][", "/")
                    .replace(['[', '.'], "/")
                    .replace(']', "")
            );
            *longer.pointer_mut(&pointer).unwrap() = json!(format!("{text}x"));
            let mut changed = files.clone();
            changed.insert(file.to_owned(), serde_json::to_vec_pretty(&longer).unwrap());
            let (_, report) = load(&Mem(changed));
            assert_eq!(report.errors.len(), 1, "{file} {path}: {:?}", report.errors);
            let error = report.errors[0].to_string();
            assert!(
                error.contains(&format!(
                    ": {path}: the text is longer than {} characters",
                    field.max_chars()
                )),
                "{error}"
            );
            if !checked.contains(&field) {
                checked.push(field);
            }
        }
    }
    for (field, _) in LIMITS {
        assert!(
            checked.contains(&field),
            "no field of the package is {field:?}"
        );
    }
}

#[test]
fn the_longest_titles_are_laid_out_reading_a_bounded_number_of_characters() {
    // The map's labels: 19 characters, 3 lines (src/screen/progress.rs). A title is read only as far as the
    // box needs, at its limit and at a hundred times it.
    for n in [Field::Title.max_chars(), 100 * Field::Title.max_chars()] {
        let title = "M".repeat(n);
        let reads = std::cell::Cell::new(0usize);
        let lines = pacer::wrap::wrap(title.chars().inspect(|_| reads.set(reads.get() + 1)), 19, 3);
        assert_eq!(lines.len(), 3);
        assert!(reads.get() <= 81, "read {}", reads.get());
    }
}
