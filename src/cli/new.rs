//! `pacer new DIR`: scaffolds a small valid package (one skill, a lesson with an embedded check, a
//! parameterised practice activity) with the JSON Schemas beside it, so an editor completes and checks
//! fields as the author types, offline.

use std::fs;
use std::path::Path;

/// The schemas, copied into every new package.
pub const SCHEMAS: [(&str, &str); 2] = [
    (
        "schema/pkg.schema.json",
        include_str!("../../schema/pkg.schema.json"),
    ),
    (
        "schema/activity.schema.json",
        include_str!("../../schema/activity.schema.json"),
    ),
];

const MANIFEST: &str = r#"{
  "$schema": "schema/pkg.schema.json",
  "id": "https://example.org/courses/my-course",
  "title": { "en": "My course" },
  "version": "0.1.0",
  "language": "en",
  "license": "CC-BY-4.0",
  "authors": ["Your name"],
  "skills": [
    { "id": "skill-one", "title": { "en": "The first skill" } }
  ],
  "activities": [
    { "id": "intro", "file": "content/intro.json", "title": { "en": "Introduction" }, "kind": "lesson",
      "skills": ["skill-one"] },
    { "id": "practice", "file": "content/practice.json", "title": { "en": "Practice" }, "kind": "practice",
      "skills": ["skill-one"], "unlock": { "activitiesCompleted": ["intro"] }, "mastery": { "rule": "n_in_a_row", "n": 3 } }
  ]
}
"#;

const LESSON: &str = r#"{
  "$schema": "../schema/activity.schema.json",
  "id": "intro",
  "pages": [
    { "id": "p1", "title": { "en": "Welcome" }, "blocks": [
      { "type": "text", "text": { "en": "A **fraction** names equal parts of a whole, like $\\frac{1}{2}$." } }
    ] },
    { "id": "p2", "blocks": [
      { "type": "text", "text": { "en": "Try one." } },
      { "type": "check", "item": "intro-check" }
    ] }
  ],
  "items": [
    { "id": "intro-check", "skills": ["skill-one"], "stem": { "en": "Is 1/2 one of two equal parts?" },
      "interaction": { "type": "trueFalse", "correct": true } }
  ]
}
"#;

const PRACTICE: &str = r#"{
  "$schema": "../schema/activity.schema.json",
  "id": "practice",
  "items": [
    { "id": "add-tens", "skills": ["skill-one"],
      "params": { "a": { "range": { "min": 2, "max": 9 } }, "b": { "range": { "min": 2, "max": 9 } } },
      "stem": { "en": "What is {a} + {b}?" },
      "interaction": { "type": "numeric", "answer": "a + b" },
      "hints": [{ "en": "Start at {a} and count on {b}." }],
      "solution": [{ "en": "{a} + {b} = {a} + {b}; count on from {a}." }] }
  ]
}
"#;

/// Writes the scaffold into `dir`, which must not exist or be empty.
pub fn scaffold(dir: &Path) -> Result<Vec<String>, String> {
    if dir
        .read_dir()
        .map(|mut d| d.next().is_some())
        .unwrap_or(false)
    {
        return Err(format!(
            "{} is not empty; choose a new folder",
            dir.display()
        ));
    }
    let files: Vec<(&str, &str)> = [
        ("pkg.json", MANIFEST),
        ("content/intro.json", LESSON),
        ("content/practice.json", PRACTICE),
    ]
    .into_iter()
    .chain(SCHEMAS)
    .collect();
    let mut written = Vec::new();
    for (path, text) in files {
        let full = dir.join(path);
        if let Some(parent) = full.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        fs::write(&full, text).map_err(|e| format!("{}: {e}", full.display()))?;
        written.push(path.to_owned());
    }
    Ok(written)
}
