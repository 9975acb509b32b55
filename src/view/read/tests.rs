use super::{response, Field, Form};
use crate::check::Response;
use crate::package::Item;

fn item(json: &str) -> Item {
    crate::json::from_str(json).expect("an item")
}

fn of_type(interaction: &str) -> Item {
    item(&format!(
        r#"{{"id": "q", "skills": ["s"], "stem": "?", "interaction": {interaction}}}"#
    ))
}

fn field(name: &str, value: &str, ticked: Option<bool>) -> Field {
    Field {
        name: name.into(),
        value: value.into(),
        ticked,
    }
}

fn boxes(name: &str, ticks: &[(&str, bool)]) -> Form {
    Form {
        fields: (ticks.iter())
            .map(|(v, t)| field(name, v, Some(*t)))
            .collect(),
        ..Form::default()
    }
}

fn texts(pairs: &[(&str, &str)]) -> Form {
    Form {
        fields: pairs.iter().map(|(n, v)| field(n, v, None)).collect(),
        ..Form::default()
    }
}

fn pairs(p: &[(&str, &str)]) -> std::collections::BTreeMap<String, String> {
    (p.iter())
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

const SINGLE: &str = r#"{"type": "singleChoice", "correct": "b",
    "options": [{"id": "a", "text": "1"}, {"id": "b", "text": "2"}]}"#;
const MULTIPLE: &str = r#"{"type": "multipleResponse", "correct": ["a", "c"],
    "options": [{"id": "a", "text": "2/4"}, {"id": "b", "text": "2/3"}, {"id": "c", "text": "3/6"}]}"#;

#[test]
fn one_choice_is_the_ticked_radio_button_and_nothing_ticked_is_no_answer() {
    let single = of_type(SINGLE);
    let form = boxes("choice", &[("a", false), ("b", true)]);
    assert_eq!(
        response(&single, &form),
        Some(Response::Choice { option: "b".into() })
    );
    let none = boxes("choice", &[("a", false), ("b", false)]);
    assert_eq!(response(&single, &none), None);
    let truth = of_type(r#"{"type": "trueFalse", "correct": false}"#);
    let form = boxes("choice", &[("true", false), ("false", true)]);
    assert_eq!(
        response(&truth, &form),
        Some(Response::Bool { value: false })
    );
    assert_eq!(response(&truth, &none), None);
}

#[test]
fn several_choices_are_the_ticked_boxes_in_order_even_none() {
    let multiple = of_type(MULTIPLE);
    let form = boxes("choice", &[("a", true), ("b", false), ("c", true)]);
    assert_eq!(
        response(&multiple, &form),
        Some(Response::Choices {
            options: vec!["a".into(), "c".into()]
        })
    );
    let none = boxes("choice", &[("a", false)]);
    assert_eq!(
        response(&multiple, &none),
        Some(Response::Choices { options: vec![] }),
        "no box ticked is an answer of its own"
    );
}

#[test]
fn a_typed_answer_is_its_box_and_blank_text_is_no_answer() {
    let numeric = of_type(r#"{"type": "numeric", "answer": 2.5}"#);
    let given = texts(&[("answer", "2,5")]);
    assert_eq!(
        response(&numeric, &given),
        Some(Response::Number {
            input: "2,5".into()
        })
    );
    assert_eq!(response(&numeric, &texts(&[("answer", "  ")])), None);
    assert_eq!(response(&numeric, &Form::default()), None);
    let text = of_type(r#"{"type": "shortText", "accepted": ["one third"]}"#);
    assert_eq!(
        response(&text, &texts(&[("answer", "a third")])),
        Some(Response::Text {
            input: "a third".into()
        })
    );
}

#[test]
fn blanks_keep_each_value_and_menus_left_unset_are_not_pairs() {
    let cloze = of_type(
        r#"{"type": "cloze", "text": "A half is [[a]] of [[b]].",
          "blanks": [{"kind": "entry", "id": "a", "accepted": ["one"]},
                     {"kind": "choice", "id": "b", "options": [{"id": "two", "text": "two"}],
                      "correct": "two"}]}"#,
    );
    let form = texts(&[("blank-a", "one"), ("blank-b", "")]);
    assert_eq!(
        response(&cloze, &form),
        Some(Response::Blanks {
            values: pairs(&[("a", "one"), ("b", "")])
        })
    );
    assert_eq!(
        response(&cloze, &texts(&[("blank-a", " "), ("blank-b", "")])),
        None
    );
    let matching = of_type(
        r#"{"type": "matching", "pairs": [{"id": "h", "prompt": "1/2", "answer": "one half"},
            {"id": "t", "prompt": "1/3", "answer": "one third"}]}"#,
    );
    let form = texts(&[("pair-h", "one half"), ("pair-t", "")]);
    assert_eq!(
        response(&matching, &form),
        Some(Response::Pairs {
            pairs: pairs(&[("h", "one half")])
        })
    );
    assert_eq!(response(&matching, &texts(&[("pair-h", "")])), None);
}

#[test]
fn an_order_is_the_list_as_shown() {
    let ordering = of_type(
        r#"{"type": "ordering", "options": [{"id": "a", "text": "1/8"}, {"id": "b", "text": "1/4"}]}"#,
    );
    let form = Form {
        order: vec!["b".into(), "a".into()],
        ..Form::default()
    };
    assert_eq!(
        response(&ordering, &form),
        Some(Response::Order {
            order: vec!["b".into(), "a".into()]
        })
    );
}

#[test]
fn a_shade_model_counts_its_shaded_parts_out_of_all_its_parts() {
    let shade = of_type(r#"{"type": "shade", "shape": "bar", "parts": 4, "answer": "1/2"}"#);
    let form = boxes(
        "shade",
        &[("1", true), ("2", false), ("3", true), ("4", false)],
    );
    assert_eq!(
        response(&shade, &form),
        Some(Response::Shaded {
            parts: vec![1, 3],
            of: 4
        })
    );
    let none = boxes("shade", &[("1", false), ("2", false)]);
    assert_eq!(response(&shade, &none), None);
}

const HOTSPOT: &str = r#"{"type": "hotspot", "image": "content/media/shapes.svg", "alt": "Shapes",
    "width": 400, "height": 200,
    "regions": [{"id": "circle", "label": "The circle", "shape": "circle", "coords": [70, 100, 60]},
                {"id": "square", "label": "The square", "shape": "rect", "coords": [150, 50, 270, 150]}],
    "correct": CORRECT}"#;

#[test]
fn a_picture_s_regions_are_one_pick_or_several_as_the_key_has_them() {
    let one = of_type(&HOTSPOT.replace("CORRECT", r#""square""#));
    let form = boxes("region", &[("circle", false), ("square", true)]);
    assert_eq!(
        response(&one, &form),
        Some(Response::Choice {
            option: "square".into()
        })
    );
    let several = of_type(&HOTSPOT.replace("CORRECT", r#"["circle", "square"]"#));
    let form = boxes("region", &[("circle", true), ("square", true)]);
    assert_eq!(
        response(&several, &form),
        Some(Response::Choices {
            options: vec!["circle".into(), "square".into()]
        })
    );
}

#[test]
fn a_point_counts_once_placed() {
    let line =
        of_type(r#"{"type": "numberLine", "from": 0, "to": 1, "denominator": 4, "answer": 0.75}"#);
    // The slider is a field too: its value is where it rests, not an answer.
    let resting = texts(&[("point", "0")]);
    assert_eq!(response(&line, &resting), None);
    let placed = Form {
        point: Some("3/4".into()),
        ..resting
    };
    assert_eq!(
        response(&line, &placed),
        Some(Response::Number {
            input: "3/4".into()
        })
    );
}

#[test]
fn a_passage_s_pressed_phrases_answer_one_or_several_and_none_pressed_is_no_answer() {
    let text = |correct: &str| {
        of_type(&format!(
            r#"{{"type": "hottext", "text": "Mix [[third]] with [[half]].",
              "options": [{{"id": "third", "text": "one third"}}, {{"id": "half", "text": "a half"}}],
              "correct": {correct}}}"#
        ))
    };
    let pressed = Form {
        pressed: vec!["half".into()],
        ..Form::default()
    };
    assert_eq!(
        response(&text(r#""half""#), &pressed),
        Some(Response::Choice {
            option: "half".into()
        })
    );
    assert_eq!(
        response(&text(r#"["third", "half"]"#), &pressed),
        Some(Response::Choices {
            options: vec!["half".into()]
        })
    );
    assert_eq!(response(&text(r#""half""#), &Form::default()), None);
    assert_eq!(
        response(&text(r#"["third", "half"]"#), &Form::default()),
        None
    );
}

#[test]
fn labels_are_the_menus_set_per_target() {
    let labels = of_type(
        r#"{"type": "dragToImage", "image": "content/media/line.svg", "alt": "A line",
          "width": 480, "height": 120,
          "targets": [{"id": "first", "text": "the first tick", "x": 140, "y": 90, "answer": "quarter"},
                      {"id": "middle", "text": "the middle tick", "x": 240, "y": 90, "answer": "half"}],
          "labels": [{"id": "quarter", "text": "1/4"}, {"id": "half", "text": "1/2"}]}"#,
    );
    let form = texts(&[("target-first", ""), ("target-middle", "half")]);
    assert_eq!(
        response(&labels, &form),
        Some(Response::Pairs {
            pairs: pairs(&[("middle", "half")])
        })
    );
    assert_eq!(response(&labels, &texts(&[("target-first", "")])), None);
}
