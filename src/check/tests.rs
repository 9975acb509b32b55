//! Table tests for every scorer, through [`score`] as the session calls it.

use super::*;
use crate::check::numeric::NumberError;
use crate::package::params::Values;

fn item(json: &str) -> Item {
    crate::json::from_str(json).unwrap_or_else(|e| panic!("test item: {e}\n{json}"))
}

fn with(interaction: &str) -> Item {
    item(&format!(
        r#"{{"id":"q","stem":"Q","interaction":{interaction},
        "feedback":{{"correct":"Yes","incorrect":"No"}}}}"#
    ))
}

fn run(item: &Item, response: Response) -> Result<Outcome, ScoreError> {
    score(
        item,
        &response,
        &Context {
            values: &Values::new(),
            mark: DecimalMark::Point,
            language: "en",
            default_language: "en",
        },
    )
}

fn feedback(o: &Outcome) -> &str {
    match &o.feedback {
        Some(Text::Plain(s)) => s,
        _ => "",
    }
}

#[test]
fn single_choice_prefers_option_feedback() {
    let q = with(
        r#"{"type":"singleChoice","correct":"b","options":[
        {"id":"a","text":"1/3","feedback":"That is a third."},{"id":"b","text":"1/2"}]}"#,
    );
    let right = run(&q, Response::Choice { option: "b".into() }).expect("scores");
    assert!(right.correct && right.score == 1.0 && feedback(&right) == "Yes");
    let wrong = run(&q, Response::Choice { option: "a".into() }).expect("scores");
    assert!(!wrong.correct && wrong.score == 0.0);
    assert_eq!(feedback(&wrong), "That is a third.");
    assert_eq!(
        run(&q, Response::Choice { option: "z".into() }),
        Err(ScoreError::UnknownOption("z".into()))
    );
}

#[test]
fn multiple_response_all_or_nothing_and_partial() {
    let options = r#"[{"id":"a","text":"1/2"},{"id":"b","text":"2/4"},
        {"id":"c","text":"2/3","feedback":"2/3 is more than a half."},{"id":"d","text":"3/6"}]"#;
    let strict = with(&format!(
        r#"{{"type":"multipleResponse","correct":["a","b","d"],"options":{options}}}"#
    ));
    let partial = with(&format!(
        r#"{{"type":"multipleResponse","correct":["a","b","d"],"scoring":"partial","options":{options}}}"#
    ));
    let pick = |ids: &[&str]| Response::Choices {
        options: ids.iter().map(|s| (*s).to_owned()).collect(),
    };
    let cases: &[(&[&str], bool, f64, f64)] = &[
        // chosen, correct, all-or-nothing score, partial score
        (&["a", "b", "d"], true, 1.0, 1.0),
        (&["d", "a", "b"], true, 1.0, 1.0),
        (&["a", "b"], false, 0.0, 2.0 / 3.0),
        (&["a", "b", "c", "d"], false, 0.0, 2.0 / 3.0),
        (&["c"], false, 0.0, 0.0),
        (&[], false, 0.0, 0.0),
    ];
    for (chosen, correct, strict_score, partial_score) in cases {
        let s = run(&strict, pick(chosen)).expect("scores");
        let p = run(&partial, pick(chosen)).expect("scores");
        assert_eq!(
            (s.correct, s.score),
            (*correct, *strict_score),
            "{chosen:?}"
        );
        assert_eq!(p.correct, *correct, "{chosen:?}");
        assert!(
            (p.score - partial_score).abs() < 1e-12,
            "{chosen:?}: {}",
            p.score
        );
    }
    let with_c = run(&strict, pick(&["a", "c"])).expect("scores");
    assert_eq!(feedback(&with_c), "2/3 is more than a half.");
    assert_eq!(with_c.parts, vec![true, false, false, false]);
    let none = with(
        r#"{"type":"multipleResponse","correct":[],"options":[{"id":"a","text":"x"},{"id":"b","text":"y"}]}"#,
    );
    assert!(run(&none, pick(&[])).expect("scores").correct);
}

#[test]
fn true_false_with_feedback_per_answer() {
    let q = with(r#"{"type":"trueFalse","correct":false,"trueFeedback":"8 parts are smaller."}"#);
    assert!(
        run(&q, Response::Bool { value: false })
            .expect("scores")
            .correct
    );
    let wrong = run(&q, Response::Bool { value: true }).expect("scores");
    assert_eq!(feedback(&wrong), "8 parts are smaller.");
}

#[test]
fn numeric_forms_tolerance_units_and_misconceptions() {
    let q = with(
        r#"{"type":"numeric","answer":0.75,"misconceptions":[{"answer":"4/3","feedback":"Upside down."}]}"#,
    );
    let num = |s: &str| Response::Number { input: s.into() };
    for ok in ["3/4", "0.75", " .75 ", "6/8", "+0.75"] {
        assert!(run(&q, num(ok)).expect("scores").correct, "{ok}");
    }
    for wrong in ["0.7", "3/5", "1"] {
        assert!(!run(&q, num(wrong)).expect("scores").correct, "{wrong}");
    }
    assert_eq!(
        feedback(&run(&q, num("1 1/3")).expect("scores")),
        "Upside down."
    );
    assert!(matches!(
        run(&q, num("three quarters")),
        Err(ScoreError::Number(NumberError::Invalid { .. }))
    ));
    assert!(matches!(
        run(&q, num("0.75 cm")),
        Err(ScoreError::UnitNotExpected { .. })
    ));
    // The decimal comma, where the language uses it.
    let es = Context {
        values: &Values::new(),
        mark: DecimalMark::Comma,
        language: "es",
        default_language: "en",
    };
    assert!(score(&q, &num("0,75"), &es).expect("scores").correct);
    assert!(matches!(
        run(&q, num("0,75")),
        Err(ScoreError::Number(NumberError::WrongDecimalMark { .. }))
    ));

    let tol = with(
        r#"{"type":"numeric","answer":10,"tolerance":{"relative":0.1},"unit":{"accepted":["cm","centimetres"],"required":true}}"#,
    );
    assert!(run(&tol, num("10.9 cm")).expect("scores").correct);
    assert!(run(&tol, num("9.1 CM")).expect("scores").correct);
    assert!(!run(&tol, num("11.5 cm")).expect("scores").correct);
    assert!(
        !run(&tol, num("10")).expect("scores").correct,
        "the unit is required"
    );
    assert!(matches!(
        run(&tol, num("10 kg")),
        Err(ScoreError::UnknownUnit { .. })
    ));
    let abs = with(r#"{"type":"numeric","answer":1.5,"tolerance":{"absolute":0.05}}"#);
    assert!(run(&abs, num("1 1/2")).expect("scores").correct);
    assert!(run(&abs, num("1.54")).expect("scores").correct);
    assert!(!run(&abs, num("1.56")).expect("scores").correct);
}

#[test]
fn numeric_answers_from_parameters() {
    let q = item(
        r#"{"id":"p","stem":"{a} x {b}","params":{"a":{"range":{"min":2,"max":9}},"b":{"oneOf":[3]}},
        "interaction":{"type":"numeric","answer":"a * b"}}"#,
    );
    let values: Values = [("a".to_owned(), 7.0), ("b".to_owned(), 3.0)].into();
    let ctx = Context {
        values: &values,
        mark: DecimalMark::Point,
        language: "en",
        default_language: "en",
    };
    assert!(
        score(&q, &Response::Number { input: "21".into() }, &ctx)
            .expect("scores")
            .correct
    );
    assert!(
        !score(&q, &Response::Number { input: "20".into() }, &ctx)
            .expect("scores")
            .correct
    );
}

#[test]
fn short_text_normalisation_and_anticipated_answers() {
    let q = with(
        r#"{"type":"shortText","accepted":["one third","a third"],
        "misconceptions":[{"answer":"one three","feedback":"A third, not three."}]}"#,
    );
    let t = |s: &str| Response::Text { input: s.into() };
    assert!(run(&q, t("  One   THIRD ")).expect("scores").correct);
    assert!(run(&q, t("a third")).expect("scores").correct);
    assert!(!run(&q, t("one fourth")).expect("scores").correct);
    assert_eq!(
        feedback(&run(&q, t("One three")).expect("scores")),
        "A third, not three."
    );
    let strict = with(
        r#"{"type":"shortText","accepted":["tercio"],"normalisation":{"caseSensitive":true}}"#,
    );
    assert!(!run(&strict, t("Tercio")).expect("scores").correct);
    assert!(!run(&strict, t("tercío")).expect("scores").correct);
    let loose = with(
        r#"{"type":"shortText","accepted":["tercio"],"normalisation":{"ignoreDiacritics":true}}"#,
    );
    assert!(run(&loose, t("Tercío")).expect("scores").correct);
}

#[test]
fn cloze_with_entries_and_inline_choices() {
    let q = with(
        r#"{"type":"cloze","text":"[[n]] over [[d]] is [[cmp]] a half","scoring":"partial","blanks":[
        {"kind":"entry","id":"n","accepted":["1"]},
        {"kind":"entry","id":"d","accepted":["4","four"]},
        {"kind":"choice","id":"cmp","correct":"less","options":[{"id":"less","text":"less than"},{"id":"more","text":"more than"}]}]}"#,
    );
    let b = |n: &str, d: &str, c: &str| Response::Blanks {
        values: [("n", n), ("d", d), ("cmp", c)]
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    };
    let right = run(&q, b("1", " Four ", "less")).expect("scores");
    assert!(right.correct && right.score == 1.0);
    let some = run(&q, b("1", "3", "more")).expect("scores");
    assert!(!some.correct);
    assert_eq!(some.parts, vec![true, false, false]);
    assert!((some.score - 1.0 / 3.0).abs() < 1e-12);
    assert_eq!(run(&q, b("1", "", "less")), Err(ScoreError::Incomplete));
    assert_eq!(
        run(&q, b("1", "4", "most")),
        Err(ScoreError::UnknownOption("most".into()))
    );
    assert_eq!(b("1", "4", "less").to_xapi(&q), "1[,]4[,]less");
}

#[test]
fn ordering_is_right_only_in_the_authors_order() {
    let q = with(
        r#"{"type":"ordering","options":[{"id":"eighth","text":"1/8"},{"id":"quarter","text":"1/4"},{"id":"half","text":"1/2"}]}"#,
    );
    let o = |ids: &[&str]| Response::Order {
        order: ids.iter().map(|s| (*s).to_owned()).collect(),
    };
    assert!(
        run(&q, o(&["eighth", "quarter", "half"]))
            .expect("scores")
            .correct
    );
    let wrong = run(&q, o(&["quarter", "eighth", "half"])).expect("scores");
    assert!(!wrong.correct);
    assert_eq!(wrong.parts, vec![false, false, true]);
    assert!(matches!(
        run(&q, o(&["half", "half", "eighth"])),
        Err(ScoreError::WrongShape { .. })
    ));
    assert!(matches!(
        run(&q, o(&["half"])),
        Err(ScoreError::WrongShape { .. })
    ));
}

#[test]
fn matching_pairs_all_or_partial() {
    let q = with(
        r#"{"type":"matching","scoring":"partial","pairs":[
        {"id":"h","prompt":"1/2","answer":"one half"},{"id":"t","prompt":"1/3","answer":"one third"},
        {"id":"q","prompt":"1/4","answer":"one quarter"}]}"#,
    );
    let m = |pairs: &[(&str, &str)]| Response::Pairs {
        pairs: pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    };
    assert!(
        run(&q, m(&[("h", "h"), ("t", "t"), ("q", "q")]))
            .expect("scores")
            .correct
    );
    let swapped = run(&q, m(&[("h", "h"), ("t", "q"), ("q", "t")])).expect("scores");
    assert!(!swapped.correct && (swapped.score - 1.0 / 3.0).abs() < 1e-12);
    assert_eq!(run(&q, m(&[("h", "h")])), Err(ScoreError::Incomplete));
    assert_eq!(m(&[("h", "h"), ("t", "q")]).to_xapi(&q), "h[.]h[,]t[.]q");
}

#[test]
fn expressions_by_equivalence_with_a_clear_parse_error() {
    let q = with(r#"{"type":"expression","answer":"2(x+1)","variables":["x"]}"#);
    let e = |s: &str| Response::Expression { input: s.into() };
    for ok in ["2x+2", "2 + 2x", "2*(1+x)", "x+x+2"] {
        assert!(run(&q, e(ok)).expect("scores").correct, "{ok}");
    }
    for wrong in ["2x+1", "x+2", "2"] {
        assert!(!run(&q, e(wrong)).expect("scores").correct, "{wrong}");
    }
    match run(&q, e("2(x+")) {
        Err(e @ ScoreError::Expression(_)) => {
            assert!(e.to_string().contains("cannot be read"), "{e}")
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
}

#[test]
fn dont_know_is_wrong_without_guessing_and_shapes_must_match() {
    let q = with(r#"{"type":"trueFalse","correct":true}"#);
    let out = run(&q, Response::DontKnow).expect("scores");
    assert!(!out.correct && out.score == 0.0 && feedback(&out) == "No");
    assert_eq!(
        run(&q, Response::Choice { option: "a".into() }),
        Err(ScoreError::WrongShape {
            expected: "trueFalse"
        })
    );
}

#[test]
fn the_numeric_help_line_follows_the_items_answer() {
    use crate::package::NumberValue;
    let values: crate::package::params::Values = [("a".to_owned(), 3.0), ("b".to_owned(), -12.0)]
        .into_iter()
        .collect();
    let key = |v: NumberValue| super::number_help_key(&v, &values);
    assert_eq!(key(NumberValue::Literal(-9.0)), "number-help-whole");
    assert_eq!(
        key(NumberValue::Formula("a + b".into())),
        "number-help-whole"
    );
    assert_eq!(key(NumberValue::Literal(0.75)), "number-help");
    assert_eq!(key(NumberValue::Formula("a / 4".into())), "number-help");
    for key in ["number-help", "number-help-whole"] {
        for lang in ["en", "es"] {
            assert_ne!(crate::i18n::t(lang, key), key, "{lang} has {key}");
        }
    }
}

#[test]
fn per_language_accepted_answers_are_right_only_in_their_language() {
    let q = item(
        r#"{"id":"w","stem":{"en":"One of two equal parts?","es":"¿Una de dos partes iguales?"},
        "interaction":{"type":"shortText","accepted":{"en":["half"],"es":["medio","mitad"]}}}"#,
    );
    let in_lang = |language: &str, input: &str| {
        let ctx = Context {
            values: &Values::new(),
            mark: DecimalMark::Point,
            language,
            default_language: "en",
        };
        score(
            &q,
            &Response::Text {
                input: input.into(),
            },
            &ctx,
        )
        .expect("scores")
        .correct
    };
    assert!(in_lang("en", "half"));
    assert!(
        !in_lang("en", "mitad"),
        "the Spanish word is not right in English"
    );
    assert!(in_lang("es", "mitad") && in_lang("es-MX", "medio"));
    assert!(!in_lang("es", "half"));
    assert!(
        in_lang("fr", "half"),
        "a language without its own list uses the default's"
    );
}

fn shaded(parts: &[u32], of: u32) -> Response {
    Response::Shaded {
        parts: parts.to_vec(),
        of,
    }
}

#[test]
fn shade_by_share_takes_any_parts_that_make_it() {
    let q = with(r#"{"type":"shade","shape":"bar","parts":8,"answer":"3/8"}"#);
    for parts in [&[1, 2, 3][..], &[2, 5, 8], &[8, 1, 4]] {
        let o = run(&q, shaded(parts, 8)).expect("scores");
        assert!(o.correct && o.score == 1.0, "{parts:?}");
        assert_eq!(feedback(&o), "Yes");
    }
    for parts in [&[1, 2][..], &[1, 2, 3, 4], &[1]] {
        let o = run(&q, shaded(parts, 8)).expect("scores");
        assert!(!o.correct && o.score == 0.0, "{parts:?}");
    }
    // An equivalent share is the same share: 1/2 of a 3 by 2 grid is any 3 squares.
    let grid = with(r#"{"type":"shade","shape":"grid","rows":3,"columns":2,"answer":0.5}"#);
    assert!(run(&grid, shaded(&[1, 4, 6], 6)).unwrap().correct);
    assert!(!run(&grid, shaded(&[1, 4], 6)).unwrap().correct);
    assert_eq!(
        run(&q, shaded(&[], 8)).map(|o| o.correct),
        Ok(false),
        "nothing shaded is 0, not 3/8"
    );
}

#[test]
fn shade_by_parts_takes_exactly_those_parts() {
    let q = with(r#"{"type":"shade","shape":"circle","parts":4,"shadedParts":[1,3]}"#);
    assert!(run(&q, shaded(&[3, 1], 4)).unwrap().correct);
    assert!(
        !run(&q, shaded(&[1, 2], 4)).unwrap().correct,
        "same share, other parts"
    );
    assert!(!run(&q, shaded(&[1, 3, 4], 4)).unwrap().correct);
    assert!(!run(&q, shaded(&[1], 4)).unwrap().correct);
}

#[test]
fn shade_refuses_a_response_for_another_model() {
    let q = with(r#"{"type":"shade","shape":"bar","parts":4,"answer":"1/2"}"#);
    let shape = Err(ScoreError::WrongShape { expected: "shade" });
    assert_eq!(run(&q, shaded(&[1, 2], 8)), shape, "another count of parts");
    assert_eq!(
        run(&q, shaded(&[1, 5], 4)),
        shape,
        "a part it does not have"
    );
    assert_eq!(run(&q, shaded(&[0, 1], 4)), shape, "parts count from 1");
    assert_eq!(run(&q, shaded(&[2, 2], 4)), shape, "a part twice");
    assert_eq!(
        run(
            &q,
            Response::Number {
                input: "1/2".into()
            }
        ),
        shape
    );
}

#[test]
fn shade_shares_follow_the_parameters() {
    let q = with(r#"{"type":"shade","shape":"bar","parts":"n","answer":"k / n"}"#);
    let values = Values::from([("n".to_owned(), 6.0), ("k".to_owned(), 2.0)]);
    let ctx = Context {
        values: &values,
        mark: DecimalMark::Point,
        language: "en",
        default_language: "en",
    };
    assert!(score(&q, &shaded(&[4, 6], 6), &ctx).unwrap().correct);
    assert!(!score(&q, &shaded(&[4], 6), &ctx).unwrap().correct);
    assert_eq!(shaded(&[4, 6], 6).to_xapi(&q), "2/6");
}

#[test]
fn hotspot_is_right_for_exactly_the_keyed_regions() {
    let q = with(
        r#"{"type":"hotspot","image":"m.png","alt":"A map","width":200,"height":100,
        "regions":[{"id":"lake","label":"The lake","shape":"circle","coords":[50,50,20]},
        {"id":"wood","label":"The wood","shape":"rect","coords":[100,10,150,60]},
        {"id":"hill","label":"The hill","shape":"polygon","coords":[160,90,180,40,199,90]}],
        "correct":["lake","hill"]}"#,
    );
    let pick = |ids: &[&str]| Response::Choices {
        options: ids.iter().map(|s| (*s).to_owned()).collect(),
    };
    let right = run(&q, pick(&["hill", "lake"])).unwrap();
    assert!(right.correct && right.score == 1.0);
    assert_eq!(right.parts, [true, true, true]);
    let wrong = run(&q, pick(&["lake", "wood"])).unwrap();
    assert!(!wrong.correct && wrong.score == 0.0);
    assert_eq!(wrong.parts, [true, false, false]);
    assert!(!run(&q, pick(&["lake"])).unwrap().correct);
    assert_eq!(
        run(&q, pick(&["sea"])),
        Err(ScoreError::UnknownOption("sea".into()))
    );
    assert_eq!(pick(&["lake", "hill"]).to_xapi(&q), "lake[,]hill");
}

#[test]
fn hotspot_of_one_region_is_a_single_choice_among_the_regions() {
    let q = with(
        r#"{"type":"hotspot","image":"m.png","alt":"A map","width":200,"height":100,
        "regions":[{"id":"lake","label":"The lake","shape":"circle","coords":[50,50,20]},
        {"id":"wood","label":"The wood","shape":"rect","coords":[100,10,150,60]}],
        "correct":"lake"}"#,
    );
    let pick = |id: &str| Response::Choice { option: id.into() };
    let right = run(&q, pick("lake")).expect("scores");
    assert!(right.correct && right.score == 1.0 && feedback(&right) == "Yes");
    assert!(
        right.parts.is_empty(),
        "one pick is right or wrong as a whole"
    );
    let wrong = run(&q, pick("wood")).expect("scores");
    assert!(!wrong.correct && wrong.score == 0.0);
    assert_eq!(
        run(&q, pick("sea")),
        Err(ScoreError::UnknownOption("sea".into()))
    );
    assert_eq!(
        run(
            &q,
            Response::Choices {
                options: vec!["lake".into()]
            }
        ),
        Err(ScoreError::WrongShape {
            expected: "hotspot"
        }),
        "one region to pick takes one choice, not a list"
    );
    assert_eq!(pick("lake").to_xapi(&q), "lake");
}

#[test]
fn hottext_of_one_phrase_is_a_single_choice_with_phrase_feedback() {
    let q = with(
        r#"{"type":"hottext","text":"The dog [[ran]] to the [[park]].","correct":"ran","options":[
        {"id":"ran","text":"ran"},{"id":"park","text":"park","feedback":"A park is a place, not an action."}]}"#,
    );
    let pick = |id: &str| Response::Choice { option: id.into() };
    let right = run(&q, pick("ran")).expect("scores");
    assert!(right.correct && right.score == 1.0 && feedback(&right) == "Yes");
    let wrong = run(&q, pick("park")).expect("scores");
    assert!(!wrong.correct && wrong.score == 0.0);
    assert_eq!(feedback(&wrong), "A park is a place, not an action.");
    assert_eq!(
        run(&q, pick("dog")),
        Err(ScoreError::UnknownOption("dog".into()))
    );
    assert_eq!(
        run(
            &q,
            Response::Choices {
                options: vec!["ran".into()]
            }
        ),
        Err(ScoreError::WrongShape {
            expected: "hottext"
        }),
        "one phrase to select takes one choice, not a list"
    );
    assert_eq!(pick("ran").to_xapi(&q), "ran");
}

#[test]
fn hottext_of_several_phrases_counts_each_phrase() {
    let passage = r#""text":"She [[sang]] and [[danced]] in the [[hall]] [[all]] night.","options":[
        {"id":"sang","text":"sang"},{"id":"danced","text":"danced"},{"id":"hall","text":"hall"},
        {"id":"all","text":"all"}]"#;
    let strict = with(&format!(
        r#"{{"type":"hottext",{passage},"correct":["sang","danced"]}}"#
    ));
    let partial = with(&format!(
        r#"{{"type":"hottext",{passage},"correct":["sang","danced"],"scoring":"partial"}}"#
    ));
    let picks = |ids: &[&str]| Response::Choices {
        options: ids.iter().map(|s| (*s).to_owned()).collect(),
    };
    let right = run(&strict, picks(&["danced", "sang"])).expect("scores");
    assert!(right.correct && right.score == 1.0);
    assert_eq!(right.parts, vec![true, true, true, true]);
    let one_missed = run(&strict, picks(&["sang"])).expect("scores");
    assert!(!one_missed.correct && one_missed.score == 0.0);
    assert_eq!(one_missed.parts, vec![true, false, true, true]);
    let half = run(&partial, picks(&["sang"])).expect("scores");
    assert!(!half.correct && (half.score - 0.5).abs() < 1e-12);
    let extra = run(&partial, picks(&["sang", "danced", "hall"])).expect("scores");
    assert!(
        !extra.correct && (extra.score - 0.5).abs() < 1e-12,
        "a wrong pick takes a right one back"
    );
    assert_eq!(extra.parts, vec![true, true, false, true]);
    assert_eq!(
        run(
            &strict,
            Response::Choice {
                option: "sang".into()
            }
        ),
        Err(ScoreError::WrongShape {
            expected: "hottext"
        })
    );
    assert_eq!(picks(&["sang", "danced"]).to_xapi(&strict), "sang[,]danced");
}

#[test]
fn drag_to_image_checks_every_target() {
    let interaction = |scoring: &str| {
        format!(
            r#"{{"type":"dragToImage","image":"media/plant.svg","alt":"A plant","width":400,"height":300,
            {scoring}"targets":[
            {{"id":"top","text":"the top","x":200,"y":20,"answer":"flower"}},
            {{"id":"middle","text":"the middle","x":200,"y":150,"answer":"stem"}},
            {{"id":"bottom","text":"under the ground","x":200,"y":280,"answer":"root"}}],
            "labels":[{{"id":"flower","text":"flower"}},{{"id":"stem","text":"stem"}},
            {{"id":"root","text":"root"}},{{"id":"leaf","text":"leaf"}}]}}"#
        )
    };
    let strict = with(&interaction(""));
    let partial = with(&interaction(r#""scoring":"partial","#));
    let placed = |pairs: &[(&str, &str)]| Response::Pairs {
        pairs: pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    };
    let all = placed(&[("top", "flower"), ("middle", "stem"), ("bottom", "root")]);
    let right = run(&strict, all.clone()).expect("scores");
    assert!(right.correct && right.score == 1.0 && feedback(&right) == "Yes");
    assert_eq!(right.parts, vec![true, true, true]);
    let swapped = placed(&[("top", "flower"), ("middle", "root"), ("bottom", "stem")]);
    let wrong = run(&strict, swapped.clone()).expect("scores");
    assert!(!wrong.correct && wrong.score == 0.0 && feedback(&wrong) == "No");
    assert_eq!(wrong.parts, vec![true, false, false]);
    let third = run(&partial, swapped).expect("scores");
    assert!(!third.correct && (third.score - 1.0 / 3.0).abs() < 1e-12);
    let distractor = placed(&[("top", "leaf"), ("middle", "stem"), ("bottom", "root")]);
    assert!(!run(&strict, distractor).expect("scores").correct);
    assert_eq!(
        run(&strict, placed(&[("top", "flower"), ("middle", "stem")])),
        Err(ScoreError::Incomplete),
        "every target holds a label before checking"
    );
    assert_eq!(
        run(
            &strict,
            placed(&[("top", "petal"), ("middle", "stem"), ("bottom", "root")])
        ),
        Err(ScoreError::UnknownOption("petal".into()))
    );
    assert_eq!(
        run(
            &strict,
            placed(&[
                ("top", "flower"),
                ("middle", "stem"),
                ("bottom", "root"),
                ("side", "leaf")
            ])
        ),
        Err(ScoreError::UnknownOption("side".into()))
    );
    assert_eq!(
        all.to_xapi(&strict),
        "bottom[.]root[,]middle[.]stem[,]top[.]flower"
    );
}
