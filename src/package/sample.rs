//! A two-item package for unit tests across the core (scoring, import, SCORM resume): one skill, two
//! single-choice items, the first answered "b", the second "a". Test builds only.

use super::{parse_activity, parse_manifest, Activity, Manifest};

const MANIFEST: &str = r#"{
  "id": "https://example.org/courses/demo", "title": "Demo", "version": "1.0.0", "language": "en",
  "skills": [{"id": "halves", "title": "Halves"}],
  "activities": [{"id": "intro", "file": "content/intro.json", "title": "Intro", "kind": "practice",
                  "skills": ["halves"]}]
}"#;

const ACTIVITY: &str = r#"{
  "id": "intro",
  "items": [
    {"id": "q1", "skills": ["halves"], "stem": "Half of 4?",
     "interaction": {"type": "singleChoice", "correct": "b",
                     "options": [{"id": "a", "text": "1"}, {"id": "b", "text": "2"}]}},
    {"id": "q2", "skills": ["halves"], "stem": "Half of 6?",
     "interaction": {"type": "singleChoice", "correct": "a",
                     "options": [{"id": "a", "text": "3"}, {"id": "b", "text": "2"}]}}
  ]
}"#;

/// The sample package's manifest and its one activity.
pub(crate) fn two_halves() -> (Manifest, Activity) {
    let manifest = parse_manifest("pkg.json", MANIFEST).expect("the sample manifest parses");
    let entry = manifest.activities[0].clone();
    let activity = parse_activity("content/intro.json", ACTIVITY, &entry, &manifest)
        .expect("the sample activity parses");
    (manifest, activity)
}
