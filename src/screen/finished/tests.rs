use super::*;
use crate::engine::plan::{Lock, Numbers, Recommendation, Why};
use crate::package::parse_manifest;
use std::collections::BTreeMap;

fn session(feedback: &str, language: &str) -> Session {
    crate::screen::fixture::session("check", feedback, language)
}

/// Answers `option` and moves on.
fn answer(s: &mut Session, option: &str, n: u32) {
    crate::screen::fixture::answer(s, option, n);
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
