use super::*;
use crate::check::Response;
use crate::engine::plan::{Lock, Numbers, Recommendation, Why};
use crate::package::{parse_activity, parse_manifest};
use crate::session::{CaptureIds, Learner};
use crate::xapi::Actor;
use std::collections::BTreeMap;

const MANIFEST: &str = r#"{
  "id": "https://example.org/courses/demo", "title": "Demo", "version": "1.0.0", "language": "en",
  "translations": ["es"],
  "skills": [{"id": "halves", "title": "Halves"}],
  "activities": [{"id": "quiz", "file": "content/quiz.json", "title": "Quiz", "kind": "check",
                  "skills": ["halves"] FEEDBACK}]
}"#;

const ACTIVITY: &str = r#"{
  "id": "quiz",
  "items": [
    {"id": "q1", "skills": ["halves"], "stem": {"en": "Half of {n}?", "es": "¿La mitad de {n}?"},
     "params": {"n": {"oneOf": [4]}},
     "interaction": {"type": "singleChoice", "correct": "b",
                     "options": [{"id": "a", "text": "1", "feedback": "That is a quarter of {n}."},
                                 {"id": "b", "text": "2"}]}},
    {"id": "q2", "skills": ["halves"], "stem": "Half of 6?",
     "interaction": {"type": "singleChoice", "correct": "a",
                     "options": [{"id": "a", "text": "3"}, {"id": "b", "text": "2"}]}}
  ]
}"#;

fn session(feedback: &str, language: &str) -> Session {
    let manifest =
        parse_manifest("pkg.json", &MANIFEST.replace("FEEDBACK", feedback)).expect("manifest");
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

fn answer(s: &mut Session, option: &str, n: u32) {
    let ids = CaptureIds {
        attempt_id: format!("att-{n}"),
        statement_id: format!("00000000-0000-4000-8000-00000000000{n}"),
    };
    let c = s
        .answer(
            Response::Choice {
                option: option.into(),
            },
            ids,
            0,
            10,
        )
        .expect("an answer");
    s.apply(&c);
    let p = s.next(20);
    s.set_progress(p);
}

#[test]
fn a_check_shows_each_item_as_first_answered_in_the_learners_language() {
    let mut s = session(r#", "feedback": "afterSubmit""#, "es");
    answer(&mut s, "a", 1);
    answer(&mut s, "a", 2);
    let screen = FinishedScreen::of(&s);
    assert_eq!(
        screen.summary,
        "Respondiste bien 1 de 2 preguntas al primer intento."
    );
    assert_eq!(
        screen.results,
        Some(vec![
            ItemResult {
                stem: "¿La mitad de 4?".into(),
                correct: false,
                detail: Some("That is a quarter of 4.".into()),
            },
            ItemResult {
                stem: "Half of 6?".into(),
                correct: true,
                detail: None,
            },
        ])
    );
    assert!(!screen.plan, "one activity: no plan");
}

#[test]
fn immediate_feedback_lists_no_results() {
    let mut s = session(r#", "feedback": "immediate""#, "en");
    answer(&mut s, "b", 1);
    let screen = FinishedScreen::of(&s);
    assert_eq!(screen.results, None, "the learner saw each verdict already");
    assert!(screen.summary.starts_with("You answered 1 of"));
}

fn demo() -> Manifest {
    parse_manifest("pkg.json", include_str!("../../../pkg.json")).expect("the demo")
}

#[test]
fn the_plan_names_each_offer_and_every_activitys_state() {
    let m = demo();
    let ids: Vec<String> = m.activities.iter().map(|a| a.id.clone()).collect();
    let status: BTreeMap<String, Status> = [
        (ids[0].clone(), Status::Done),
        (ids[1].clone(), Status::Locked(Lock::Teacher)),
        (ids[2].clone(), Status::Done),
    ]
    .into_iter()
    .collect();
    let mut numbers = Numbers::default();
    numbers.p_known.insert("unit-fractions".into(), 0.42);
    let plan = Plan {
        status,
        offers: vec![
            Recommendation {
                activity_id: ids[3].clone(),
                why: Why::Assigned,
                numbers: Numbers::default(),
            },
            Recommendation {
                activity_id: ids[4].clone(),
                why: Why::Continue,
                numbers: numbers.clone(),
            },
        ],
        skills: BTreeMap::new(),
    };
    let view = plan_view(&m, &ids[2], &plan, "en");
    assert_eq!(view.offers.len(), 2);
    assert_eq!(view.offers[0].why, "assigned");
    assert_eq!(view.offers[0].title, m.activity_title(&ids[3], "en"));
    assert_eq!(view.offers[0].numbers, None, "no numbers, no Why?");
    assert_eq!(
        view.offers[1].reason,
        present::offer(&m, "en", &plan.offers[1])
    );
    assert_eq!(
        view.offers[1].numbers,
        Some(present::numbers(&m, "en", &numbers).join("; "))
    );
    let states: Vec<&RowState> = view.activities.iter().map(|a| &a.state).collect();
    assert_eq!(states.len(), m.activities.len());
    assert_eq!(states[0], &RowState::Done);
    assert_eq!(
        states[1],
        &RowState::Locked(present::lock(&m, "en", &Lock::Teacher))
    );
    assert_eq!(
        states[2],
        &RowState::Current,
        "the one just finished, even done"
    );
    assert_eq!(states[3], &RowState::Open, "no status: open");
    let es = plan_view(&m, &ids[2], &plan, "es");
    assert_eq!(es.activities[0].name, m.activity_title(&ids[0], "es"));
    assert_ne!(es.activities[0].name, view.activities[0].name);
}
