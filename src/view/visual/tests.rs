use super::{build, spoken};
use crate::check::{self, Response};
use crate::package::params::Values;
use crate::package::{DecimalMark, Item};
use crate::view::controls::ItemView;
use crate::view::picture::{shade_count, LineAnswer};
use crate::view::probe::{by_class, by_tag, kids};
use crate::view::{Element, Node};

fn item(json: &str) -> Item {
    crate::json::from_str(json).expect("an item")
}

const LINE: &str = r#"{"id": "l1", "skills": ["s"], "stem": "Place 3/4.",
    "interaction": {"type": "numberLine", "from": -1, "to": 1, "denominator": 4, "answer": 0.75}}"#;

const SHADE: &str = r#"{"id": "s1", "skills": ["s"], "stem": "Shade 3/8.",
    "interaction": {"type": "shade", "shape": "bar", "parts": 8, "answer": "3/8"}}"#;

const GRID: &str = r#"{"id": "g1", "skills": ["s"], "stem": "Shade half.",
    "interaction": {"type": "shade", "shape": "grid", "rows": 2, "columns": 3, "answer": "1/2"}}"#;

const HOTSPOT: &str = r#"{"id": "h1", "skills": ["s"], "stem": "Pick thirds.",
    "interaction": {"type": "hotspot", "image": "content/media/shapes.svg",
      "alt": {"en": "Three shapes", "es": "Tres figuras"}, "width": 400, "height": 200,
      "regions": [
        {"id": "circle", "label": {"en": "The circle", "es": "El círculo"}, "shape": "circle", "coords": [70, 100, 60]},
        {"id": "rectangle", "label": "The rectangle", "shape": "rect", "coords": [150, 50, 270, 150]},
        {"id": "square", "label": "The square", "shape": "polygon", "coords": [290, 50, 390, 50, 390, 150, 290, 150]}],
      "correct": "rectangle"}}"#;

const HOTTEXT: &str = r#"{"id": "t1", "skills": ["s"], "stem": "Which are unit fractions?",
    "interaction": {"type": "hottext",
      "text": "Mix [[third]] of the *milk* with [[two-fifths]] of the flour, then add [[eighth]].",
      "options": [{"id": "third", "text": "one third"}, {"id": "two-fifths", "text": "two fifths"},
                  {"id": "eighth", "text": "one eighth"}],
      "correct": ["third", "eighth"]}}"#;

const LABELS: &str = r#"{"id": "d1", "skills": ["s"], "stem": "Label the ticks.",
    "interaction": {"type": "dragToImage", "image": "content/media/line.svg",
      "alt": "A number line from 0 to 1", "width": 480, "height": 120,
      "targets": [
        {"id": "first", "text": "the first tick", "x": 140, "y": 90, "answer": "quarter"},
        {"id": "middle", "text": "the **middle** tick", "x": 240, "y": 90, "answer": "half"}],
      "labels": [{"id": "quarter", "text": "1/4"}, {"id": "half", "text": "1/2"},
                 {"id": "third", "text": "1/3"}]}}"#;

/// The state an item is drawn in: the language, and the answer given (a draft, or submitted and then
/// marked by the scorer).
struct State<'a> {
    lang: &'a str,
    draft: Option<&'a Response>,
    answered: Option<&'a Response>,
}

const FRESH: State<'static> = State {
    lang: "en",
    draft: None,
    answered: None,
};

/// Runs `f` on the view of `item` in `state` (at feedback, its parts marked as `check` scores them).
fn with_view<T>(item: &Item, state: &State<'_>, f: impl FnOnce(&ItemView<'_>) -> T) -> T {
    let values = Values::new();
    let url = |src: &str| format!("/pkg/{src}");
    let parts = state.answered.map(|r| {
        let ctx = check::Context {
            values: &values,
            mark: DecimalMark::Point,
            language: state.lang,
            default_language: "en",
        };
        check::score(item, r, &ctx).expect("scored").parts
    });
    let view = ItemView {
        item,
        lang: state.lang,
        default: "en",
        values: &values,
        mark: DecimalMark::Point,
        answered: state.answered,
        parts: parts.as_deref(),
        draft: state.draft,
        seed: 1,
        max_options: None,
        asset_url: &url,
    };
    f(&view)
}

/// The controls of `item` in `state`, in one element to look into.
fn drawn(item: &Item, state: &State<'_>) -> Element {
    let nodes = with_view(item, state, |v| {
        build(v).expect("a type answered on a picture")
    });
    Element::new("fieldset", "choices").children(nodes)
}

fn one<'e>(e: &'e Element, class: &str) -> &'e Element {
    let found = by_class(e, class);
    assert_eq!(found.len(), 1, "one .{class} in {e:?}");
    found[0]
}

fn attr<'e>(es: &[&'e Element], name: &str) -> Vec<&'e str> {
    es.iter().map(|e| e.get(name).unwrap_or("-")).collect()
}

fn classes<'e>(es: &[&'e Element]) -> Vec<&'e str> {
    attr(es, "class")
}

/// A style property as a number of percent.
fn percent(e: &Element, name: &str) -> f64 {
    let v = e.style_of(name).expect("placed");
    v.strip_suffix('%')
        .expect("a percentage")
        .parse()
        .expect("a number")
}

#[test]
fn every_type_has_its_controls_built_in_the_core() {
    let types = [
        r#"{"type": "singleChoice", "correct": "a", "options": [{"id": "a", "text": "1"}]}"#,
        r#"{"type": "multipleResponse", "correct": ["a"], "options": [{"id": "a", "text": "1"}]}"#,
        r#"{"type": "trueFalse", "correct": true}"#,
        r#"{"type": "numeric", "answer": 2}"#,
        r#"{"type": "shortText", "accepted": ["two"]}"#,
        r#"{"type": "expression", "answer": "2*x"}"#,
        r#"{"type": "cloze", "text": "1 + 1 = [[b]]", "blanks": [{"kind": "entry", "id": "b", "accepted": ["2"]}]}"#,
        r#"{"type": "ordering", "options": [{"id": "a", "text": "1"}, {"id": "b", "text": "2"}]}"#,
        r#"{"type": "matching", "pairs": [{"id": "a", "prompt": "1", "answer": "one"}]}"#,
    ];
    let mut items: Vec<Item> = (types.iter())
        .map(|i| {
            item(&format!(
                r#"{{"id": "x", "skills": ["s"], "stem": "?", "interaction": {i}}}"#
            ))
        })
        .collect();
    items.extend([LINE, SHADE, HOTSPOT, HOTTEXT, LABELS].map(item));
    let mut seen = Vec::new();
    for item in &items {
        let controls = with_view(item, &FRESH, |v| v.controls());
        assert!(!controls.is_empty(), "{}", item.interaction.type_name());
        let later = with_view(item, &FRESH, |v| build(v).is_some());
        assert_eq!(
            later,
            item.interaction.answered_later(),
            "{}",
            item.interaction.type_name()
        );
        seen.push(item.interaction.type_name());
    }
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), 14, "every type: {seen:?}");
}

#[test]
fn a_number_line_is_a_slider_with_its_point_unplaced_until_moved() {
    let line = item(LINE);
    let f = drawn(&line, &FRESH);
    let slider = one(&f, "line-slider");
    let steps = with_view(&line, &FRESH, |v| {
        LineAnswer::of(v).expect("a line").steps()
    });
    assert_eq!(steps, 8, "from -1 to 1 in quarters");
    assert_eq!(
        (slider.get("type"), slider.get("min"), slider.get("max")),
        (Some("range"), Some("0"), Some("8"))
    );
    assert_eq!(
        slider.get("aria-label"),
        Some("Your point on the number line")
    );
    assert_eq!(slider.get("aria-valuetext"), Some("not placed yet"));
    assert_eq!(
        slider.get("data-value"),
        None,
        "no answer until the point is moved"
    );
    assert_eq!(slider.get("disabled"), None);
    assert_eq!(
        one(&f, "line-value").text_content(),
        "Your point: not placed yet"
    );
    assert_eq!(one(&f, "line-value").get("aria-hidden"), Some("true"));
    let svg = by_tag(&f, "svg")[0];
    assert_eq!(
        svg.get("role"),
        Some("img"),
        "the line is named by its alternative"
    );
    let point = one(svg, "placed");
    assert_eq!(point.get("visibility"), Some("hidden"));

    // A draft on 3/4 (7 steps from -1), then submitted: placed, shown and locked.
    let three_quarters = Response::Number {
        input: "3/4".into(),
    };
    for (draft, answered) in [(Some(&three_quarters), None), (None, Some(&three_quarters))] {
        let state = State {
            lang: "en",
            draft,
            answered,
        };
        let f = drawn(&line, &state);
        let slider = one(&f, "line-slider");
        assert_eq!(slider.get("value"), Some("7"));
        assert_eq!(slider.get("aria-valuetext"), Some("3/4"));
        assert_eq!(slider.get("data-value"), Some("3/4"));
        assert_eq!(slider.get("disabled").is_some(), answered.is_some());
        assert_eq!(one(&f, "line-value").text_content(), "Your point: 3/4");
        let point = one(&f, "placed");
        assert_eq!(point.get("visibility"), Some("visible"));
        let x7 = crate::draw::line_tick_x(7, 8);
        assert_eq!(point.get("cx"), Some(crate::draw::n(x7).as_str()));
    }
}

#[test]
fn a_number_lines_ticks_read_with_a_true_minus_and_record_an_ascii_one() {
    let line = item(LINE);
    let answer = with_view(&line, &FRESH, |v| LineAnswer::of(v).expect("a line"));
    assert_eq!(answer.tick_value(1), ("\u{2212}3/4".into(), "-3/4".into()));
    assert_eq!(answer.tick_value(4), ("0".into(), "0".into()));
    assert_eq!(answer.tick_value(8), ("1".into(), "1".into()));
    let placed = answer.placed(Some(1));
    assert_eq!(placed.recorded.as_deref(), Some("-3/4"));
    assert_eq!(placed.readout, "Your point: \u{2212}3/4");
    assert_eq!(answer.placed(None).x, None);
    // Left to right the slider counts from the left; right to left from the right, so its value for a
    // tick is mirrored while the drawn point stays on the same tick.
    assert_eq!(
        (answer.placed(Some(1)).slider, answer.step_of_slider(1)),
        (Some(1), 1)
    );
    let rtl = with_view(
        &line,
        &State {
            lang: "ar",
            ..FRESH
        },
        |v| LineAnswer::of(v).expect("a line"),
    );
    assert_eq!(
        (rtl.placed(Some(1)).slider, rtl.step_of_slider(1)),
        (Some(7), 7)
    );
    assert_eq!(rtl.placed(Some(1)).x, answer.placed(Some(1)).x);
    assert_eq!(rtl.step_at(0.0), 0, "the drawn line grows to the right");
}

#[test]
fn a_shade_model_is_a_checkbox_per_part_laid_on_it_with_a_count() {
    let bar = item(SHADE);
    let f = drawn(&bar, &FRESH);
    let group = one(&f, "shade-answer");
    assert_eq!(group.get("class"), Some("shade-answer bar"));
    assert_eq!(group.get("role"), Some("group"));
    assert_eq!(
        group.get("aria-label"),
        Some("A bar cut into 8 equal parts: choose the parts to shade")
    );
    let layer = one(&f, "shape-layer");
    assert_eq!(layer.get("data-on"), Some("shaded"));
    let boxes = by_class(&f, "shape-toggle");
    assert_eq!(boxes.len(), 8);
    assert!(boxes
        .iter()
        .all(|b| b.get("type") == Some("checkbox") && b.get("name") == Some("shade")));
    assert_eq!(boxes[2].get("aria-label"), Some("Part 3 of 8"));
    assert_eq!(attr(&boxes[..3], "value"), ["1", "2", "3"]);
    assert_eq!(boxes[0].get("id"), Some("i-s1-shade-1"));
    // Each box sits on its part: left to right along the bar, at one height, inside the picture.
    let lefts: Vec<f64> = boxes.iter().map(|b| percent(b, "left")).collect();
    assert!(lefts.windows(2).all(|w| w[0] < w[1]), "{lefts:?}");
    assert!(lefts.iter().all(|l| (0.0..=100.0).contains(l)));
    assert!(boxes
        .iter()
        .all(|b| b.style_of("top") == boxes[0].style_of("top")));
    assert!(
        boxes.iter().all(|b| b.get("style").is_none()),
        "never a style attribute"
    );
    let svg = by_tag(&f, "svg")[0];
    assert_eq!(
        svg.get("aria-hidden"),
        Some("true"),
        "the boxes are what is read"
    );
    let shapes: Vec<&Element> = kids(svg);
    assert_eq!(
        attr(&shapes, "data-toggle"),
        ["1", "2", "3", "4", "5", "6", "7", "8"]
    );
    assert!(classes(&shapes).iter().all(|c| *c == "part"));
    assert_eq!(
        one(&f, "shade-count").text_content(),
        shade_count("en", 0, 8)
    );

    // A draft of parts 2 and 5: their boxes checked, their parts shaded, the count says 2.
    let draft = Response::Shaded {
        parts: vec![2, 5],
        of: 8,
    };
    let f = drawn(
        &bar,
        &State {
            draft: Some(&draft),
            ..FRESH
        },
    );
    let boxes = by_class(&f, "shape-toggle");
    let checked: Vec<bool> = boxes.iter().map(|b| b.get("checked").is_some()).collect();
    assert_eq!(
        checked,
        [false, true, false, false, true, false, false, false]
    );
    assert_eq!(
        classes(&by_class(&f, "shaded")),
        ["part shaded", "part shaded"]
    );
    assert_eq!(one(&f, "shade-count").text_content(), "Shaded: 2 of 8");
    // A draft for another model (8 parts became 6) shows nothing.
    let stale = Response::Shaded {
        parts: vec![2],
        of: 6,
    };
    let f = drawn(
        &bar,
        &State {
            draft: Some(&stale),
            ..FRESH
        },
    );
    assert!(by_class(&f, "shaded").is_empty());
    // Submitted: locked.
    let f = drawn(
        &bar,
        &State {
            answered: Some(&draft),
            ..FRESH
        },
    );
    assert!(by_class(&f, "shape-toggle")
        .iter()
        .all(|b| b.get("disabled").is_some()));
}

#[test]
fn a_grid_names_its_cells_by_row_and_column_and_is_as_wide_as_its_columns() {
    let grid = item(GRID);
    let f = drawn(
        &grid,
        &State {
            lang: "es",
            ..FRESH
        },
    );
    assert_eq!(
        one(&f, "shade-answer").get("class"),
        Some("shade-answer grid")
    );
    let boxes = by_class(&f, "shape-toggle");
    assert_eq!(boxes.len(), 6);
    assert_eq!(boxes[4].get("aria-label"), Some("Fila 2, columna 2"));
    assert_eq!(
        one(&f, "shape-layer").style_of("inline-size"),
        Some("min(100%, 10.5rem)")
    );
}

#[test]
fn a_hotspot_of_one_pick_is_a_radio_group_on_the_picture_marked_after_feedback() {
    let hotspot = item(HOTSPOT);
    let f = drawn(&hotspot, &FRESH);
    let wrap = one(&f, "hotspot-answer");
    assert_eq!(wrap.style_of("inline-size"), Some("min(100%, 400px)"));
    let layer = one(&f, "shape-layer");
    assert_eq!(layer.get("role"), Some("radiogroup"));
    assert_eq!(
        layer.get("aria-label"),
        Some("Pick one place on the picture")
    );
    assert_eq!(layer.get("data-on"), Some("chosen"));
    let svg = one(&f, "hotspot-image");
    assert_eq!(
        (svg.get("role"), svg.get("aria-label")),
        (Some("img"), Some("Three shapes"))
    );
    assert_eq!(svg.get("viewBox"), Some("0 0 400 200"));
    let image = by_tag(svg, "image")[0];
    assert_eq!(image.get("href"), Some("/pkg/content/media/shapes.svg"));
    let regions = by_class(svg, "region");
    assert_eq!(
        regions.iter().map(|r| r.tag).collect::<Vec<_>>(),
        ["circle", "rect", "polygon"]
    );
    assert_eq!(regions[1].get("width"), Some("120"));
    assert_eq!(
        regions[2].get("points"),
        Some("290 50 390 50 390 150 290 150")
    );
    let radios = by_class(&f, "shape-toggle");
    assert_eq!(attr(&radios, "type"), ["radio", "radio", "radio"]);
    assert_eq!(attr(&radios, "name"), ["region", "region", "region"]);
    assert_eq!(attr(&radios, "value"), ["circle", "rectangle", "square"]);
    assert_eq!(
        attr(&radios, "aria-label"),
        ["The circle", "The rectangle", "The square"]
    );
    // The circle's radio sits on its centre.
    assert_eq!(
        (percent(radios[0], "left"), percent(radios[0], "top")),
        (17.5, 50.0)
    );

    // The wrong pick, submitted: fixed and chosen; one pick is one answer, with no parts to mark.
    let square = Response::Choice {
        option: "square".into(),
    };
    let f = drawn(
        &hotspot,
        &State {
            answered: Some(&square),
            ..FRESH
        },
    );
    let radios = by_class(&f, "shape-toggle");
    assert!(radios.iter().all(|r| r.get("disabled").is_some()));
    assert_eq!(attr(&radios, "checked"), ["-", "-", ""]);
    assert_eq!(
        classes(&by_class(&f, "region")),
        ["region", "region", "region chosen"]
    );
    // In Spanish, the names and the alternative are the Spanish ones.
    let f = drawn(
        &hotspot,
        &State {
            lang: "es",
            ..FRESH
        },
    );
    assert_eq!(
        by_class(&f, "shape-toggle")[0].get("aria-label"),
        Some("El círculo")
    );
    assert_eq!(
        one(&f, "hotspot-image").get("aria-label"),
        Some("Tres figuras")
    );
}

#[test]
fn a_hotspot_of_several_picks_is_checkboxes() {
    let several = item(&HOTSPOT.replace(
        r#""correct": "rectangle""#,
        r#""correct": ["rectangle", "square"]"#,
    ));
    let picked = Response::Choices {
        options: vec!["circle".into(), "square".into()],
    };
    let f = drawn(
        &several,
        &State {
            draft: Some(&picked),
            ..FRESH
        },
    );
    let layer = one(&f, "shape-layer");
    assert_eq!(layer.get("role"), None, "checkboxes are no radio group");
    let boxes = by_class(&f, "shape-toggle");
    assert_eq!(attr(&boxes, "type"), ["checkbox", "checkbox", "checkbox"]);
    assert_eq!(attr(&boxes, "checked"), ["", "-", ""]);
    assert_eq!(
        classes(&by_class(&f, "chosen")),
        ["region chosen", "region chosen"]
    );

    // Submitted: each region marked as `check` scores it, in its class and its name.
    let f = drawn(
        &several,
        &State {
            answered: Some(&picked),
            ..FRESH
        },
    );
    let regions = by_class(&f, "region");
    let boxes = by_class(&f, "shape-toggle");
    let ctx_values = Values::new();
    let ctx = check::Context {
        values: &ctx_values,
        mark: DecimalMark::Point,
        language: "en",
        default_language: "en",
    };
    let parts = check::score(&several, &picked, &ctx).expect("scored").parts;
    assert_eq!(parts.len(), 3, "a part per region");
    for ((region, b), right) in regions.iter().zip(&boxes).zip(&parts) {
        let (mark, words) = if *right {
            ("part-right", "right")
        } else {
            ("part-wrong", "not right")
        };
        let class = region.get("class").unwrap_or("");
        assert!(class.starts_with(&format!("region {mark}")), "{class}");
        let name = b.get("aria-label").unwrap_or("");
        assert!(name.ends_with(&format!(" ({words})")), "{name}");
    }
    assert_eq!(
        boxes[1].get("aria-label"),
        Some("The rectangle (not right)")
    );
}

#[test]
fn a_hottext_passage_reads_in_order_with_a_toggle_button_per_phrase() {
    let hottext = item(HOTTEXT);
    let f = drawn(&hottext, &FRESH);
    assert_eq!(
        one(&f, "hottext-help").text_content(),
        "Select every word or phrase that fits. Select one again to unselect it."
    );
    let passage = one(&f, "hottext-passage");
    assert_eq!(
        passage.text_content(),
        "Mix one third of the milk with two fifths of the flour, then add one eighth."
    );
    assert_eq!(
        by_tag(passage, "em").len(),
        1,
        "the passage's markup is drawn"
    );
    let order: Vec<&str> = (passage.children.iter())
        .map(|n| match n {
            Node::Text(_) => "text",
            Node::Element(e) => e.tag,
        })
        .collect();
    assert_eq!(
        order,
        ["text", "button", "text", "em", "text", "button", "text", "button", "text"]
    );
    let phrases = by_tag(passage, "button");
    assert_eq!(
        attr(&phrases, "data-phrase"),
        ["third", "two-fifths", "eighth"]
    );
    assert_eq!(attr(&phrases, "type"), ["button", "button", "button"]);
    assert_eq!(attr(&phrases, "aria-pressed"), ["false", "false", "false"]);
    assert_eq!(phrases[1].text_content(), "two fifths");

    let draft = Response::Choices {
        options: vec!["eighth".into()],
    };
    let f = drawn(
        &hottext,
        &State {
            draft: Some(&draft),
            ..FRESH
        },
    );
    let phrases = by_tag(&f, "button");
    assert_eq!(attr(&phrases, "aria-pressed"), ["false", "false", "true"]);
    assert!(phrases.iter().all(|p| p.get("disabled").is_none()));

    // Submitted wrong (one third and two fifths): marked where selected or belonging selected.
    let wrong = Response::Choices {
        options: vec!["third".into(), "two-fifths".into()],
    };
    let f = drawn(
        &hottext,
        &State {
            answered: Some(&wrong),
            ..FRESH
        },
    );
    let phrases = by_tag(&f, "button");
    assert!(phrases.iter().all(|p| p.get("disabled").is_some()));
    assert_eq!(
        classes(&phrases),
        [
            "hottext part-right",
            "hottext part-wrong",
            "hottext part-wrong"
        ]
    );
    assert_eq!(
        attr(&phrases, "aria-description"),
        ["right", "not right", "not right"]
    );
    // Submitted right: the phrases left alone are not marked.
    let right = Response::Choices {
        options: vec!["third".into(), "eighth".into()],
    };
    let f = drawn(
        &hottext,
        &State {
            answered: Some(&right),
            ..FRESH
        },
    );
    assert_eq!(
        classes(&by_tag(&f, "button")),
        ["hottext part-right", "hottext", "hottext part-right"]
    );
}

#[test]
fn a_drag_to_image_item_is_markers_labels_and_a_menu_per_target() {
    let labels = item(LABELS);
    let f = drawn(&labels, &FRESH);
    let img = by_tag(one(&f, "drop-picture"), "img")[0];
    assert_eq!(
        (
            img.get("src"),
            img.get("alt"),
            img.get("width"),
            img.get("draggable")
        ),
        (
            Some("/pkg/content/media/line.svg"),
            Some("A number line from 0 to 1"),
            Some("480"),
            Some("false")
        )
    );
    let markers = by_class(&f, "drop-target");
    assert_eq!(attr(&markers, "data-target"), ["first", "middle"]);
    assert!(markers.iter().all(|m| m.get("aria-hidden") == Some("true")));
    assert_eq!(markers[0].style_of("left"), Some("29.167%"));
    assert_eq!(markers[0].style_of("top"), Some("75.000%"));
    assert_eq!(
        markers[1].text_content(),
        "2",
        "a number and no label placed yet"
    );
    assert!(by_class(&f, "drop-placed")
        .iter()
        .all(|c| c.get("hidden").is_some()));
    let bank = one(&f, "drag-labels");
    assert_eq!(bank.get("aria-label"), Some("Labels"));
    assert_eq!(
        attr(&kids(bank), "data-label"),
        ["quarter", "half", "third"]
    );
    let menus = by_tag(&f, "select");
    assert_eq!(attr(&menus, "name"), ["target-first", "target-middle"]);
    assert_eq!(attr(&menus, "data-target"), ["first", "middle"]);
    let names = by_class(&f, "drop-name");
    assert_eq!(names[1].text_content(), "2 the middle tick");
    assert_eq!(by_tag(names[1], "strong").len(), 1);
    assert_eq!(names[0].get("for"), menus[0].get("id"));
    let entries: Vec<String> = kids(menus[0]).iter().map(|o| o.text_content()).collect();
    assert_eq!(
        entries,
        [crate::i18n::t("en", "choose"), "1/4", "1/2", "1/3"]
    );

    // A draft places 1/2 on the first tick: its menu says so and its marker shows it.
    let draft = Response::Pairs {
        pairs: [("first".to_owned(), "half".to_owned())]
            .into_iter()
            .collect(),
    };
    let f = drawn(
        &labels,
        &State {
            draft: Some(&draft),
            ..FRESH
        },
    );
    let placed = by_class(&f, "drop-placed");
    assert_eq!(
        (placed[0].text_content().as_str(), placed[0].get("hidden")),
        ("1/2", None)
    );
    assert_eq!(placed[1].get("hidden"), Some(""));
    let chosen: Vec<&str> = (by_tag(&f, "option").iter())
        .filter(|o| o.get("selected").is_some())
        .map(|o| o.get("value").unwrap_or(""))
        .collect();
    assert_eq!(chosen, ["half"]);

    // Submitted: no labels to drag, the menus fixed, each target marked as `check` scores it.
    let answer = Response::Pairs {
        pairs: [("first", "third"), ("middle", "half")]
            .map(|(t, l)| (t.to_owned(), l.to_owned()))
            .into_iter()
            .collect(),
    };
    let f = drawn(
        &labels,
        &State {
            answered: Some(&answer),
            ..FRESH
        },
    );
    assert!(by_class(&f, "drag-labels").is_empty() && by_class(&f, "help").is_empty());
    let menus = by_tag(&f, "select");
    assert!(menus.iter().all(|m| m.get("disabled").is_some()));
    assert_eq!(classes(&menus), ["part-wrong", "part-right"]);
    assert_eq!(attr(&menus, "aria-description"), ["not right", "right"]);
    assert_eq!(
        classes(&by_class(&f, "drop-target")),
        ["drop-target part-wrong", "drop-target part-right"]
    );
    let placed: Vec<String> = by_class(&f, "drop-placed")
        .iter()
        .map(|c| c.text_content())
        .collect();
    assert_eq!(placed, ["1/3", "1/2"]);
}

#[test]
fn read_aloud_says_the_picture_the_passage_and_the_labels() {
    let said = |json: &str, lang: &str, draft: Option<&Response>| {
        with_view(
            &item(json),
            &State {
                lang,
                draft,
                answered: None,
            },
            spoken,
        )
    };
    assert_eq!(
        said(HOTSPOT, "en", None),
        [
            "Three shapes",
            "Pick one place on the picture",
            "The circle",
            "The rectangle",
            "The square"
        ]
    );
    assert_eq!(
        said(HOTTEXT, "en", None),
        [
            "Select every word or phrase that fits. Select one again to unselect it",
            "Mix one third of the milk with two fifths of the flour, then add one eighth."
        ]
    );
    assert_eq!(
        said(LABELS, "en", None),
        [
            "A number line from 0 to 1",
            "the first tick",
            "the middle tick",
            "Labels: 1/4, 1/2, 1/3"
        ]
    );
    let two = Response::Shaded {
        parts: vec![1, 2],
        of: 8,
    };
    let shade = said(SHADE, "en", Some(&two));
    let model = crate::package::shade::Parts::Bar { parts: 8 };
    let alt = crate::present::shade_alt("en", &model, 2);
    assert_eq!(shade, [alt.trim_end_matches('.')]);
    assert!(said(LINE, "en", None).is_empty());
}

#[test]
fn read_aloud_says_the_stem_the_figures_then_the_options_prompts_or_text() {
    let said = |item: &Item| with_view(item, &FRESH, crate::view::controls::spoken);
    let choice = item(
        r#"{"id": "c", "skills": ["s"], "stem": "How much is *shaded*?",
            "blocks": [{"type": "fractionModel", "shape": "bar", "parts": 4, "shaded": 1}],
            "interaction": {"type": "singleChoice", "correct": "a",
              "options": [{"id": "a", "text": "**1/4**"}, {"id": "b", "text": "A half", "image": "half.png"}]}}"#,
    );
    let figure = (choice.blocks[0].figure().expect("a figure"))
        .resolve(&Values::new())
        .expect("drawable");
    let alt = crate::present::figure_alt("en", "en", &figure);
    assert_eq!(
        said(&choice),
        [
            "How much is shaded?",
            alt.trim_end_matches('.'),
            "1/4",
            "A half"
        ]
    );
    let matching = item(
        r#"{"id": "m", "skills": ["s"], "stem": "Match.",
            "interaction": {"type": "matching", "pairs": [{"id": "a", "prompt": "1/2", "answer": "half"},
                                                          {"id": "b", "prompt": "1/4", "answer": "quarter"}]}}"#,
    );
    assert_eq!(
        said(&matching),
        ["Match.", "1/2", "1/4"],
        "the prompts, not the answers"
    );
    let cloze = item(
        r#"{"id": "z", "skills": ["s"], "stem": "Fill in.",
            "interaction": {"type": "cloze", "text": "One and one make [[b]].",
              "blanks": [{"kind": "entry", "id": "b", "accepted": ["2"]}]}}"#,
    );
    let cloze = said(&cloze);
    assert_eq!(cloze[0], "Fill in.");
    assert!(cloze[1].starts_with("One and one make"), "{cloze:?}");
    // The types answered on a picture or a passage say the stem here, the rest in `visual::spoken`.
    assert_eq!(said(&item(HOTTEXT)), ["Which are unit fractions?"]);
}

#[test]
fn a_moved_ordering_entry_is_announced_with_its_place_in_the_learners_language() {
    use crate::view::controls::moved;
    assert_eq!(moved("en", "1/2", 2, 4), "1/2: moved to position 2 of 4");
    let es = moved("es", "1/2", 2, 4);
    assert!(es.starts_with("1/2: ") && es.ends_with(" 2 de 4"), "{es}");
}
