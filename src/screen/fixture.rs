//! A two-question course for the tests of what screens show (`screen` and `view`): one place to read
//! what the tests play. Test-only.

#![cfg(test)]

use crate::check::Response;
use crate::package::{parse_activity, parse_manifest};
use crate::session::{CaptureIds, Learner, Session};
use crate::xapi::Actor;

pub(crate) const MANIFEST: &str = r#"{
  "id": "https://example.org/courses/demo", "title": "Demo", "version": "1.0.0", "language": "en",
  "translations": ["es"],
  "skills": [{"id": "halves", "title": "Halves"}],
  "activities": [{"id": "quiz", "file": "content/quiz.json", "title": "Quiz", "kind": "KIND",
                  "skills": ["halves"] FEEDBACK}]
}"#;

pub(crate) const ACTIVITY: &str = r#"{
  "id": "quiz",
  "items": [
    {"id": "q1", "skills": ["halves"], "stem": {"en": "Half of {n}?", "es": "¿La mitad de {n}?"},
     "params": {"n": {"oneOf": [4]}},
     "hints": ["Split {n} into 2 equal groups.", "2 + 2 = 4"],
     "solution": ["{n} ÷ 2 = 2"],
     "interaction": {"type": "singleChoice", "correct": "b",
                     "options": [{"id": "a", "text": "1", "feedback": "That is a quarter of {n}."},
                                 {"id": "b", "text": "2"}]}},
    {"id": "q2", "skills": ["halves"], "stem": "Half of 6?",
     "interaction": {"type": "singleChoice", "correct": "a",
                     "options": [{"id": "a", "text": "3"}, {"id": "b", "text": "2"}]}}
  ]
}"#;

/// A learner's session of the quiz: an activity of `kind`, `feedback` appended to its entry in the
/// manifest (`, "feedback": "afterSubmit"` or empty), in `language`.
pub(crate) fn session(kind: &str, feedback: &str, language: &str) -> Session {
    let manifest = MANIFEST.replace("KIND", kind).replace("FEEDBACK", feedback);
    let manifest = parse_manifest("pkg.json", &manifest).expect("manifest");
    let entry = manifest.activities[0].clone();
    let activity =
        parse_activity("content/quiz.json", ACTIVITY, &entry, &manifest).expect("activity");
    let learner = Learner {
        id: "l1".into(),
        actor: Actor::account("https://school.example", "l1"),
        language: language.into(),
        launch: None,
    };
    Session::resume(manifest, activity, learner, None, Vec::new())
}

/// The ids of the `n`th capture.
pub(crate) fn ids(n: u32) -> CaptureIds {
    CaptureIds {
        attempt_id: format!("att-{n}"),
        statement_id: format!("00000000-0000-4000-8000-00000000000{n}"),
    }
}

/// Answers `option` on the current question and applies the commit.
pub(crate) fn answer(s: &mut Session, option: &str, n: u32) {
    let choice = Response::Choice {
        option: option.into(),
    };
    let c = s.answer(choice, ids(n), 0, 10).expect("an answer");
    s.apply(&c);
}
