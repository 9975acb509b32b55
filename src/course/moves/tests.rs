use super::*;
use crate::screen::fixture::{answer, session};
use crate::session::{Session, Step};

fn quiz(tries: u32) -> Session {
    session("practice", &format!(", \"attempts\": {tries}"), "en")
}

fn hints_shown(p: &Progress) -> u32 {
    match &p.step {
        Step::Answering { hints_shown, .. } => *hints_shown,
        other => panic!("not answering: {other:?}"),
    }
}

#[test]
fn a_hint_or_the_solution_is_stored_while_there_is_one_left() {
    let mut s = quiz(1);
    let first = Place::Hint.next(&s, 5).expect("a first hint");
    assert_eq!(hints_shown(&first), 1);
    assert_eq!(first.updated_at, 5);
    s.set_progress(first);
    s.set_progress(Place::Hint.next(&s, 6).expect("a second hint"));
    assert_eq!(Place::Hint.next(&s, 7), None, "q1 has two hints");
    let solved = Place::Solution.next(&s, 8).expect("the solution");
    assert!(matches!(
        solved.step,
        Step::Answering {
            solution_shown: true,
            hints_shown: 2,
            ..
        }
    ));
    s.set_progress(solved);
    assert_eq!(Place::Solution.next(&s, 9), None, "already open");
    assert_eq!(Place::Retry.next(&s, 9), None, "no answer to try again");
}

#[test]
fn another_try_only_after_a_wrong_answer_with_tries_left() {
    let mut once = quiz(1);
    answer(&mut once, "a", 1);
    assert_eq!(Place::Retry.next(&once, 20), None, "one try only");
    let mut twice = quiz(2);
    answer(&mut twice, "a", 1);
    let again = Place::Retry.next(&twice, 20).expect("a second try");
    assert!(matches!(&again.step, Step::Answering { item_id, .. } if item_id == "q1"));
    let mut right = quiz(2);
    answer(&mut right, "b", 1);
    assert_eq!(
        Place::Retry.next(&right, 20),
        None,
        "a right answer is not tried again"
    );
}

#[test]
fn focus_and_clock_after_each_change() {
    assert_eq!(Place::Hint.focus(), ".hints li:last-child");
    assert_eq!(Place::Solution.focus(), ".solution h3");
    assert!(Place::Retry.focus().starts_with("fieldset input"));
    assert!(Place::Hint.focuses_text() && Place::Solution.focuses_text());
    assert!(
        !Place::Retry.focuses_text(),
        "a control is focusable as it is"
    );
    assert!(Place::Retry.restarts_clock());
    assert!(!Place::Hint.restarts_clock() && !Place::Solution.restarts_clock());
}

#[test]
fn a_refused_answer_says_whether_the_other_tabs_answer_to_it_is_shown() {
    let mut other_tab = quiz(1);
    answer(&mut other_tab, "b", 1);
    // The stored place shows the other tab's answer to q1.
    let refused = Refused::Answer("q1".into());
    assert_eq!(refused.message_key(&other_tab), "answer-kept-elsewhere");
    assert_eq!(refused.answer(), Some("q1"));
    // It moved on to q2 meanwhile.
    let next = other_tab.next(30);
    other_tab.set_progress(next);
    assert_eq!(refused.message_key(&other_tab), "answer-moved-elsewhere");
    // It answered another item.
    let mut elsewhere = quiz(1);
    answer(&mut elsewhere, "b", 1);
    assert_eq!(
        Refused::Answer("q2".into()).message_key(&elsewhere),
        "answer-moved-elsewhere"
    );
    assert_eq!(Refused::Place.message_key(&elsewhere), "moved-elsewhere");
    assert_eq!(Refused::Place.answer(), None);
}

#[test]
fn a_write_is_kept_refused_by_another_tab_or_failed() {
    assert!(matches!(Written::answer(Ok(()), "q1"), Written::Kept));
    assert!(matches!(
        Written::answer(Err(StoreError::Stale), "q1"),
        Written::Refused(Refused::Answer(item)) if item == "q1"
    ));
    assert!(matches!(
        Written::answer(Err(StoreError::Full), "q1"),
        Written::Failed(StoreError::Full)
    ));
    assert!(matches!(Written::place(Ok(())), Written::Kept));
    assert!(matches!(
        Written::place(Err(StoreError::Stale)),
        Written::Refused(Refused::Place)
    ));
    assert!(matches!(
        Written::place(Err(StoreError::Aborted)),
        Written::Failed(StoreError::Aborted)
    ));
}

#[test]
fn the_move_past_an_item_mid_activity_stores_the_next_place_alone() {
    let mut s = quiz(1);
    answer(&mut s, "b", 1);
    let next = Next::of(&s, "done-1", 30);
    assert!(matches!(&next.progress.step, Step::Answering { item_id, .. } if item_id == "q2"));
    assert_eq!(next.progress.updated_at, 30);
    assert!(!next.finishes() && !next.completes());
    assert!(next.rows().is_empty());
}

#[test]
fn the_move_past_the_last_item_finishes_and_completes_the_activity_once() {
    let mut s = session("check", "", "en");
    answer(&mut s, "b", 1);
    let to_q2 = s.next(30);
    s.set_progress(to_q2);
    answer(&mut s, "a", 2);
    let last = Next::of(&s, "done-1", 40);
    assert_eq!(last.progress.step, Step::Finished);
    assert!(last.finishes() && last.completes());
    assert_eq!(last.rows().len(), 1);
    assert_eq!(last.rows()[0].id, "done-1");
    // Once finished, moving on again finishes nothing new and sends no second completion.
    s.set_progress(last.progress);
    let again = Next::of(&s, "done-2", 50);
    assert!(again.finishes());
    assert!(!again.completes() && again.rows().is_empty());
}
