use super::{form, Extras, ItemForm};
use crate::engine::Accommodations;
use crate::i18n::t;
use crate::screen::ItemScreen;
use crate::session::Session;
use crate::view::controls::ItemView;
use crate::view::probe::{by_class as with_class, by_tag};
use crate::view::{Element, Node};

use crate::screen::fixture::answer;

fn session(language: &str) -> Session {
    crate::screen::fixture::session("check", "", language)
}

/// The item form of the session's current item, as the shell builds it.
fn drawn(s: &Session, read_aloud: bool) -> ItemForm {
    let screen = ItemScreen::of(s, None).expect("an item");
    let url = |src: &str| src.to_owned();
    let view = ItemView::of(&screen, &url);
    let extras = Extras {
        read_aloud,
        skill_title: "Halves",
    };
    form(&screen, &view, &extras)
}

fn one<'e>(e: &'e Element, class: &str) -> &'e Element {
    let found = with_class(e, class);
    assert_eq!(found.len(), 1, "one .{class}");
    found[0]
}

/// The buttons' classes in order.
fn buttons(e: &Element) -> Vec<String> {
    (by_tag(e, "button").iter())
        .map(|b| b.get("class").unwrap_or("").to_owned())
        .collect()
}

#[test]
fn a_fresh_item_is_a_form_with_its_count_stem_controls_and_answering_buttons() {
    let s = session("en");
    let ItemForm {
        form: f,
        resting,
        controls_drawn,
    } = drawn(&s, false);
    assert_eq!(f.tag, "form");
    assert_eq!(f.get("data-item-id"), Some("q1"));
    assert_eq!(f.get("data-type"), Some("singleChoice"));
    assert_eq!(f.get("data-step"), Some("answering"));
    assert_eq!(one(&f, "counter").text_content(), "Question 1 of 2");
    assert_eq!(one(&f, "stem").tag, "legend");
    assert_eq!(one(&f, "stem").text_content(), "Half of 4?");
    assert!(controls_drawn, "a choice's controls are the first module's");
    assert_eq!(with_class(&f, "option").len(), 2);
    assert_eq!(one(&f, "message").get("role"), Some("alert"));
    assert!(with_class(&f, "solution").is_empty() && with_class(&f, "feedback").is_empty());
    assert_eq!(
        buttons(&f),
        [
            "primary check",
            "secondary hint-button",
            "secondary solution-button",
            "secondary dont-know"
        ]
    );
    assert_eq!(one(&f, "check").get("type"), Some("submit"));
    assert!(resting.is_none());
    assert!(
        buttons(&drawn(&s, true).form).contains(&"secondary read-aloud".to_owned()),
        "Read aloud only where the browser can speak"
    );
}

#[test]
fn open_hints_and_the_solution_show_and_their_buttons_go() {
    let mut s = session("en");
    for _ in 0..2 {
        let p = s.show_hint(1).expect("a hint");
        s.set_progress(p);
    }
    let p = s.show_solution(2).expect("the solution");
    s.set_progress(p);
    let f = drawn(&s, false).form;
    let hints: Vec<String> = with_class(&f, "hint")
        .iter()
        .map(|h| h.text_content())
        .collect();
    assert_eq!(
        hints,
        ["Hint 1: Split 4 into 2 equal groups.", "Hint 2: 2 + 2 = 4"]
    );
    let solution = one(&f, "solution");
    assert_eq!(solution.get("aria-label"), Some(t("en", "solution-title")));
    assert_eq!(one(solution, "solution-steps").text_content(), "4 ÷ 2 = 2");
    assert_eq!(buttons(&f), ["primary check", "secondary dont-know"]);
}

#[test]
fn wrong_with_a_try_left_shows_the_verdict_detail_tries_and_next_before_try_again() {
    let mut s = session("en");
    s.set_accommodations(Accommodations {
        extra_attempts: 1,
        ..Accommodations::default()
    });
    answer(&mut s, "a", 1);
    let f = drawn(&s, true).form;
    assert_eq!(f.get("data-step"), Some("feedback"));
    let feedback = one(&f, "feedback");
    assert_eq!(feedback.get("class"), Some("feedback incorrect"));
    assert_eq!(
        one(feedback, "verdict").text_content(),
        t("en", "incorrect")
    );
    assert_eq!(
        one(feedback, "detail").text_content(),
        "That is a quarter of 4."
    );
    assert_eq!(
        one(feedback, "tries-left").text_content(),
        format!("{} 1", t("en", "tries-left"))
    );
    assert_eq!(buttons(&f), ["primary next", "secondary retry"]);
    assert_eq!(one(&f, "next").text_content(), t("en", "next"));
    // The answer shows locked.
    let inputs = with_class(&f, "option");
    assert!(inputs.iter().all(|row| {
        row.children.iter().any(
            |n| matches!(n, Node::Element(i) if i.tag == "input" && i.get("disabled").is_some()),
        )
    }));
}

#[test]
fn right_on_the_last_question_offers_finish_and_no_retry_in_the_learners_language() {
    let mut s = session("es");
    answer(&mut s, "b", 1);
    let p = s.next(3);
    s.set_progress(p);
    answer(&mut s, "a", 2);
    let f = drawn(&s, false).form;
    assert_eq!(one(&f, "feedback").get("class"), Some("feedback correct"));
    assert_eq!(one(&f, "verdict").text_content(), t("es", "correct"));
    assert_eq!(buttons(&f), ["primary next"]);
    assert_eq!(one(&f, "next").text_content(), t("es", "finish"));
    assert_ne!(t("es", "finish"), t("en", "finish"), "the catalogs differ");
}
