use super::*;
use crate::engine::Accommodations;
use crate::package::{parse_activity, parse_manifest};
use crate::session::Learner;
use crate::xapi::Actor;

use crate::screen::fixture::{answer, session, ACTIVITY, MANIFEST};

fn quiz() -> Session {
    session("check", "", "en")
}

#[test]
fn a_fresh_item_shows_its_count_filled_stem_and_the_buttons_left() {
    let s = quiz();
    let screen = ItemScreen::of(&s, None).expect("an item");
    assert_eq!(screen.item.id, "q1");
    assert_eq!(screen.counter, Counter::Position("Question 1 of 2".into()));
    assert_eq!(screen.stem, "Half of 4?");
    assert_eq!(screen.step_name(), "answering");
    assert!(screen.hints.is_empty() && screen.solution.is_none());
    assert_eq!(
        screen.stage,
        Stage::Answering {
            next_hint: Some("Hint (1 of 2)".into()),
            solution_button: true
        }
    );
    assert_eq!(screen.reason, None, "a check keeps the author's order");
}

#[test]
fn hints_open_in_turn_then_their_button_goes_and_the_solution_replaces_its_button() {
    let mut s = quiz();
    for _ in 0..2 {
        let p = s.show_hint(1).expect("a hint");
        s.set_progress(p);
    }
    let p = s.show_solution(2).expect("the solution");
    s.set_progress(p);
    let screen = ItemScreen::of(&s, None).expect("an item");
    assert_eq!(
        screen.hints,
        vec![
            (
                "Hint 1: ".to_owned(),
                "Split 4 into 2 equal groups.".to_owned()
            ),
            ("Hint 2: ".to_owned(), "2 + 2 = 4".to_owned()),
        ]
    );
    assert_eq!(screen.solution, Some(vec!["4 ÷ 2 = 2".to_owned()]));
    assert_eq!(
        screen.stage,
        Stage::Answering {
            next_hint: None,
            solution_button: false
        }
    );
}

#[test]
fn an_answer_kept_by_the_shell_wins_over_the_stored_draft() {
    let mut s = quiz();
    let p = s.save_draft(Some(Response::Choice { option: "a".into() }), 1);
    s.set_progress(p.expect("a draft is kept"));
    let stored = ItemScreen::of(&s, None).expect("an item");
    assert_eq!(stored.draft, Some(Response::Choice { option: "a".into() }));
    let kept = Response::Choice { option: "b".into() };
    assert_eq!(
        ItemScreen::of(&s, Some(&kept)).expect("an item").draft,
        Some(kept)
    );
}

#[test]
fn a_wrong_answer_with_a_try_left_offers_try_again_and_says_how_many() {
    let mut s = quiz();
    s.set_accommodations(Accommodations {
        extra_attempts: 1,
        ..Accommodations::default()
    });
    let seed_before = ItemScreen::of(&s, None).expect("an item").seed;
    answer(&mut s, "a", 1);
    let screen = ItemScreen::of(&s, None).expect("an item");
    let Stage::Feedback(f) = &screen.stage else {
        panic!("feedback: {:?}", screen.stage)
    };
    assert_eq!(f.verdict, Verdict::Incorrect);
    assert_eq!(f.verdict.class(), "feedback incorrect");
    assert_eq!(f.detail.as_deref(), Some("That is a quarter of 4."));
    assert_eq!(f.tries_left, Some(1));
    assert!(f.retry());
    assert!(!f.last);
    assert!(
        f.parts.is_some(),
        "the verdict is shown, parts too (none for one choice)"
    );
    let p = s.retry(2).expect("a retry");
    s.set_progress(p);
    assert_ne!(
        ItemScreen::of(&s, None).expect("an item").seed,
        seed_before,
        "a new try shuffles anew"
    );
    assert_eq!(
        ItemScreen::of(&s, None).expect("an item").seed,
        ItemScreen::of(&s, None).expect("an item").seed,
        "a re-render of one try keeps the order"
    );
}

#[test]
fn a_right_answer_on_the_last_question_finishes_and_offers_no_retry() {
    let mut s = quiz();
    answer(&mut s, "b", 1);
    let p = s.next(3);
    s.set_progress(p);
    answer(&mut s, "a", 2);
    let screen = ItemScreen::of(&s, None).expect("an item");
    assert_eq!(screen.counter, Counter::Position("Question 2 of 2".into()));
    let Stage::Feedback(f) = &screen.stage else {
        panic!("feedback")
    };
    assert_eq!(f.verdict, Verdict::Correct);
    assert!(f.last, "Next finishes the activity");
    assert!(!f.retry());
}

#[test]
fn deferred_feedback_says_only_saved_and_shows_no_verdict_or_parts() {
    let mut s = session("check", r#", "feedback": "afterSubmit""#, "en");
    answer(&mut s, "a", 1);
    let screen = ItemScreen::of(&s, None).expect("an item");
    let Stage::Feedback(f) = &screen.stage else {
        panic!("feedback")
    };
    assert_eq!(f.verdict, Verdict::Saved);
    assert_eq!(f.parts, None);
    assert_eq!(f.detail, None);
    assert_eq!(f.tries_left, None);
}

#[test]
fn practice_shows_its_own_line_and_the_reason_in_the_learners_language() {
    let s = session("practice", "", "es");
    let screen = ItemScreen::of(&s, None).expect("an item");
    let Counter::Practice { text, answers } = &screen.counter else {
        panic!("a practice line: {:?}", screen.counter)
    };
    assert_eq!(*answers, 0);
    assert!(!text.is_empty());
    let reason = screen.reason.expect("why this question");
    assert!(reason.contains("Halves"), "{reason}");
    assert_eq!(screen.lang, "es");
    assert_eq!(
        screen.stage,
        Stage::Answering {
            next_hint: Some("Pista (1 de 2)".into()),
            solution_button: true
        }
    );
}

#[test]
fn fewer_choices_is_passed_on_and_nothing_shows_after_the_last_item() {
    let mut s = quiz();
    s.set_accommodations(Accommodations {
        fewer_choices: Some(2),
        ..Accommodations::default()
    });
    assert_eq!(
        ItemScreen::of(&s, None).expect("an item").max_options,
        Some(2)
    );
    answer(&mut s, "b", 1);
    let p = s.next(3);
    s.set_progress(p);
    answer(&mut s, "a", 2);
    let p = s.next(4);
    s.set_progress(p);
    assert_eq!(ItemScreen::of(&s, None), None, "finished: no item screen");
}

#[test]
fn the_stems_blocks_show_filled_in_the_learners_language() {
    let activity = ACTIVITY.replace(
        r#""params": {"n": {"oneOf": [4]}},"#,
        r#""params": {"n": {"oneOf": [4]}},
        "blocks": [{"type": "text", "text": {"en": "{n} apples", "es": "{n} manzanas"}},
                   {"type": "image", "src": "media/a.png", "alt": {"en": "Apples", "es": "Manzanas"},
                    "caption": "{n} in all"},
                   {"type": "image", "src": "media/line.png", "alt": "A line", "decorative": true},
                   {"type": "fractionModel", "shape": "bar", "parts": "n", "shaded": 1},
                   {"type": "math", "tex": "\\frac{n}{2}"}],"#,
    );
    let manifest = MANIFEST.replace("KIND", "check").replace("FEEDBACK", "");
    let manifest = parse_manifest("pkg.json", &manifest).expect("manifest");
    let entry = manifest.activities[0].clone();
    let activity =
        parse_activity("content/quiz.json", &activity, &entry, &manifest).expect("activity");
    let learner = Learner {
        id: "l1".into(),
        actor: Actor::account("https://school.example", "l1"),
        language: "es".into(),
        launch: None,
    };
    let s = Session::resume(manifest, activity, learner, None, Vec::new());
    let screen = ItemScreen::of(&s, None).expect("an item");
    use crate::package::figure::{Figure, FractionModel, ModelShape};
    use blocks::Shown;
    let figure = |parts| {
        FractionModel::new(ModelShape::Bar, parts, 1)
            .ok()
            .map(Figure::FractionModel)
    };
    assert_eq!(
        screen.stem_blocks,
        [
            Shown::Text("4 manzanas".into()),
            Shown::Image {
                src: "media/a.png".into(),
                alt: "Manzanas".into(),
                caption: Some("4 in all".into()),
            },
            Shown::Image {
                src: "media/line.png".into(),
                alt: String::new(),
                caption: None,
            },
            Shown::Figure(figure(4)),
            Shown::Math("\\frac{n}{2}".into()),
        ],
        "values filled, the learner's language, no alt for a decorative image"
    );
    assert!(quiz().current_item().is_some());
    assert!(ItemScreen::of(&quiz(), None)
        .expect("an item")
        .stem_blocks
        .is_empty());
}
