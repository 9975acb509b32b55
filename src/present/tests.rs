use super::*;
use crate::check::{score, Context, Response};
use crate::engine::plan::{plan, Overrides, PlanInput, Status};
use crate::package::params::Values;
use crate::session::Attempt;
use std::collections::BTreeSet;

fn demo() -> Manifest {
    crate::package::parse_manifest("pkg.json", include_str!("../../pkg.json"))
        .expect("demo manifest")
}

fn new_learner_plan(m: &Manifest) -> crate::engine::Plan {
    plan(&PlanInput::<Attempt> {
        manifest: m,
        attempts: &[],
        completed: &BTreeSet::new(),
        overrides: &Overrides::default(),
        now: 3_600_000,
    })
}

#[test]
fn a_plan_is_put_into_words_in_the_learners_language() {
    let m = demo();
    let p = new_learner_plan(&m);
    assert!(offer(&m, "en", &p.offers[0]).contains("good place to start"));
    let Status::Locked(lock_) = &p.status["equivalent-practice"] else {
        panic!("{:?}", p.status["equivalent-practice"]);
    };
    assert_eq!(
        lock(&m, "en", lock_),
        "Opens when you master Unit fractions."
    );
    let es = lock(&m, "es", lock_);
    assert!(es.starts_with("Se abre cuando"), "{es}");
    assert!(
        !es.contains("Unit fractions"),
        "the skill's Spanish title: {es}"
    );
    assert_ne!(offer(&m, "es", &p.offers[0]), offer(&m, "en", &p.offers[0]));
}

#[test]
fn the_numbers_behind_a_decision_are_phrases_not_keys() {
    let m = demo();
    let n = Numbers {
        p_known: [("unit-fractions".to_owned(), 0.5)].into_iter().collect(),
        attempts_since_mastery: Some(10),
        days_since_mastery: Some(2.7),
    };
    assert_eq!(
        numbers(&m, "en", &n),
        vec![
            "answers since it last clicked: 10".to_owned(),
            "days since you mastered it: 2".to_owned(),
            "Unit fractions: 50% known".to_owned(),
        ]
    );
    assert!(numbers(&m, "es", &n)[0].starts_with("respuestas"));
}

/// Every way an answer can fail to be read, in Spanish: no English sentence reaches a Spanish learner.
#[test]
fn score_errors_reach_spanish_learners_in_spanish() {
    let item: crate::package::Item = crate::json::from_str(
        r#"{"id": "q", "skills": ["s"], "stem": "?", "interaction":
            {"type": "numeric", "answer": 0.75, "unit": {"accepted": ["cm"]}}}"#,
    )
    .expect("item");
    let es = Context {
        values: &Values::new(),
        mark: crate::package::DecimalMark::Comma,
        language: "es",
        default_language: "en",
    };
    let number = |s: &str| Response::Number {
        input: s.to_owned(),
    };
    let errors: Vec<ScoreError> = ["tres cuartos", "1.000,5", "3/0", "", "0,75 kg"]
        .into_iter()
        .map(|input| score(&item, &number(input), &es).expect_err(input))
        .chain([
            ScoreError::UnitNotExpected { unit: "cm".into() },
            ScoreError::UnknownOption("z".into()),
            ScoreError::WrongShape {
                expected: "numeric",
            },
            ScoreError::Incomplete,
            ScoreError::Key("x".into()),
            ScoreError::Expression(crate::expr::parse("2(x+", &["x"]).expect_err("unclosed")),
            ScoreError::Expression(crate::expr::parse("sqrt(1, 2)", &[]).expect_err("arity")),
            ScoreError::Number(NumberError::WrongDecimalMark {
                input: "0,5".into(),
            }),
            ScoreError::Number(NumberError::TooLarge {
                input: "9e999".into(),
            }),
        ])
        .collect();
    for e in &errors {
        let en = score_error("en", e);
        let spanish = score_error("es", e);
        assert_ne!(spanish, en, "{e:?}");
        assert_ne!(spanish, e.to_string(), "{e:?}: the English Display text");
        assert!(
            !spanish.contains('{'),
            "every placeholder filled: {spanish}"
        );
    }
    let invalid = score_error("es", &errors[0]);
    assert!(
        invalid.contains("no es un número") && invalid.contains("0,75"),
        "{invalid}"
    );
}

#[test]
fn the_session_errors_have_words_too() {
    for e in [
        SessionError::Finished,
        SessionError::AlreadyAnswered("q".into()),
        SessionError::UnknownItem("q".into()),
        SessionError::Score(ScoreError::Incomplete),
    ] {
        assert_ne!(session_error("es", &e), session_error("en", &e), "{e:?}");
    }
}

#[test]
fn a_choice_among_one_question_is_not_told_as_of_1_questions() {
    use crate::engine::{select_item, Candidate, LearnerModel, SelectionPolicy, SkillParams};
    let item = |id: &str, d: f64| Candidate {
        item_id: id.into(),
        skill_ids: vec!["halves".into()],
        difficulty: d,
        parameterised: false,
    };
    let model = LearnerModel::new(SkillParams::default());
    let choose = |items: &[Candidate]| {
        let mut rng = crate::rng::SeededRng::new(1);
        select_item(
            "halves",
            items,
            &model,
            &[],
            &SelectionPolicy::default(),
            &mut rng,
        )
        .unwrap()
        .reason
    };
    let one = choose(&[item("only", 0.0)]);
    assert_eq!(one.considered.len(), 1);
    for lang in ["en", "es"] {
        let text = item_reason(lang, &one, "Halves");
        assert!(!text.contains(" 1 "), "{lang}: {text}");
        assert!(text.contains("Halves"), "{lang}: {text}");
    }
    let two = choose(&[item("a", 0.0), item("b", 1.0)]);
    assert!(item_reason("en", &two, "Halves").contains("Of 2 questions"));
}

#[test]
fn a_practice_line_counts_answers_and_the_offer_names_them_in_both_languages() {
    use crate::engine::practice::{PracticeStatus, Stuck};
    let status = PracticeStatus {
        answers: 1,
        skill_id: "s".into(),
        p_known: 0.42,
        few_more: None,
        stuck: None,
    };
    assert_eq!(
        practice_line("en", &status, "Halves"),
        "1 answer so far. Halves: about 42% known."
    );
    assert_eq!(
        practice_line("es", &status, "Mitades"),
        "1 respuesta hasta ahora. Mitades: dominio de alrededor del 42%."
    );
    assert!(stuck_offer("en", &status, "Halves").is_none());
    let near = PracticeStatus {
        answers: 12,
        few_more: Some(2),
        stuck: Some(Stuck {
            answers_without_mastery: 10,
            lesson: None,
        }),
        ..status
    };
    let line = practice_line("en", &near, "Halves");
    assert_eq!(
        line,
        "12 answers so far. Halves: about 42% known. About 2 more right answers like this should do it."
    );
    assert!(!line.contains(" of "), "no fixed length is claimed");
    let (heading, choices) = stuck_offer("en", &near, "Halves").unwrap();
    assert!(
        heading.starts_with("You have given 10 answers on Halves"),
        "{heading}"
    );
    assert_eq!(choices[0], "Read the lesson");
    let (heading, _) = stuck_offer("es", &near, "Mitades").unwrap();
    assert!(heading.contains("10 respuestas"), "{heading}");
}
