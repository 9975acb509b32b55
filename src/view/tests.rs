use super::blocks::{self, Context};
use super::{figure, rich, Element, Node, Space};
use crate::package::figure::{Figure, FractionModel, ModelShape};
use crate::package::params::Values;
use crate::package::{Block, DecimalMark, Text};
use crate::screen::blocks::{show, Words};

/// The element children of `nodes`, by tag.
fn tags(nodes: &[Node]) -> Vec<&'static str> {
    nodes
        .iter()
        .map(|n| match n {
            Node::Element(e) => e.tag,
            Node::Text(_) => "#text",
        })
        .collect()
}

fn element(node: &Node) -> &Element {
    match node {
        Node::Element(e) => e,
        Node::Text(t) => panic!("expected an element, found text {t:?}"),
    }
}

/// Whether an element `tag` is anywhere inside `e`.
fn has(e: &Element, tag: &str) -> bool {
    e.children
        .iter()
        .any(|n| matches!(n, Node::Element(c) if c.tag == tag || has(c, tag)))
}

#[test]
fn author_markup_becomes_elements_and_text_never_markup() {
    let runs = rich::inline("Half of **ten** is *five*: $\\frac{10}{2}$ <b>not bold</b>");
    assert_eq!(
        tags(&runs),
        ["#text", "strong", "#text", "em", "#text", "math", "#text"]
    );
    assert_eq!(element(&runs[1]).text_content(), "ten");
    let math = element(&runs[5]);
    assert_eq!(math.space, Space::MathMl);
    assert_eq!(math.get("display"), None, "inline math is not a block");
    assert!(has(math, "mfrac"), "{math:?}");
    // Angle brackets stay text: nothing is ever parsed as HTML.
    assert_eq!(runs[6], Node::Text(" <b>not bold</b>".to_owned()));
}

#[test]
fn malformed_math_is_shown_as_the_authors_text() {
    let runs = rich::inline("x = $\\frac{1$");
    assert_eq!(runs, vec![Node::Text("x = $\\frac{1$".to_owned())]);
    let display = rich::display_math("\\frac{1");
    assert_eq!((display.tag, display.space), ("p", Space::Html));
    assert_eq!(display.text_content(), "\\frac{1");
    let good = rich::display_math("-x^2");
    assert_eq!(good.get("display"), Some("block"));
    assert!(has(&good, "msup"), "{good:?}");
    assert!(
        format!("{good:?}").contains(r#"("form", "prefix")"#),
        "the minus is a prefix sign: {good:?}"
    );
}

#[test]
fn lesson_text_is_a_paragraph_per_blank_line() {
    let paras = rich::paragraphs("One.\n\n\n  Two **b**.  \n\n   ");
    assert_eq!(tags(&paras), ["p", "p"]);
    assert_eq!(element(&paras[1]).text_content(), "Two b.");
}

fn text(s: &str) -> Text {
    Text::Plain(s.to_owned())
}

#[test]
fn blocks_as_shown_fill_values_and_resolve_files() {
    let mut values = Values::new();
    values.insert("n".to_owned(), 4.0);
    let url = |src: &str| format!("https://cdn.example/{src}");
    let words = Words {
        lang: "es",
        default: "en",
        values: &values,
        mark: DecimalMark::Comma,
    };
    let cx = Context {
        lang: "es",
        default: "en",
        asset_url: &url,
    };
    let shown = |b: &Block| show(b, &words).expect("not a check block");
    let image = Block::Image {
        src: "pizza.png".to_owned(),
        alt: text("A pizza in {n} slices"),
        decorative: false,
        caption: Some(text("*Lunch*")),
    };
    let drawn = blocks::render(&shown(&image), &cx);
    let figure = element(&drawn[0]);
    let img = element(&figure.children[0]);
    assert_eq!(img.get("src"), Some("https://cdn.example/pizza.png"));
    assert_eq!(img.get("alt"), Some("A pizza in 4 slices"));
    assert_eq!(element(&figure.children[1]).tag, "figcaption");
    let decorative = Block::Image {
        src: "line.png".to_owned(),
        alt: text("ignored"),
        decorative: true,
        caption: None,
    };
    let drawn = blocks::render(&shown(&decorative), &cx);
    assert_eq!(
        element(&element(&drawn[0]).children[0]).get("alt"),
        Some("")
    );
    let audio = Block::Audio {
        src: "a.mp3".to_owned(),
        transcript: text("First.\n\nSecond."),
    };
    let drawn = blocks::render(&shown(&audio), &cx);
    assert_eq!(tags(&drawn), ["audio", "details"]);
    let details = element(&drawn[1]);
    // The transcript's summary is the player's word, in the learner's language.
    assert_eq!(
        element(&details.children[0]).text_content(),
        crate::i18n::t("es", "transcript")
    );
    assert_eq!(tags(&details.children), ["summary", "p", "p"]);
}

#[test]
fn a_figure_is_an_svg_image_named_by_its_alternative_with_one_element_per_shape() {
    let model = FractionModel::new(ModelShape::Bar, 8, 3).expect("a bar in 8 parts");
    let figure = Figure::FractionModel(model);
    let svg = figure::picture(&figure, "en", "en");
    assert_eq!((svg.tag, svg.space), ("svg", Space::Svg));
    assert_eq!(svg.get("role"), Some("img"));
    assert_eq!(
        svg.get("aria-label"),
        Some(crate::present::figure_alt("en", "en", &figure).as_str())
    );
    let group = element(&svg.children[0]);
    assert_eq!(group.get("aria-hidden"), Some("true"));
    let drawing = crate::draw::draw(&figure, "en", "en");
    assert_eq!(group.children.len(), drawing.shapes.len());
    let shaded = group
        .children
        .iter()
        .filter(|n| element(n).get("class") == Some("part shaded"))
        .count();
    assert_eq!(shaded, 3);
}

mod controls {
    use super::{element, has};
    use crate::check::Response;
    use crate::package::params::Values;
    use crate::package::{DecimalMark, Item};
    use crate::view::controls::{build, ItemView};
    use crate::view::{Element, Node};

    fn item(json: &str) -> Item {
        crate::json::from_str(json).expect("an item")
    }

    const CHOICE: &str = r#"{"id": "q1", "skills": ["s"], "stem": "Half of 4?",
        "interaction": {"type": "singleChoice", "correct": "b",
          "options": [{"id": "a", "text": "1"}, {"id": "b", "text": "**2**"},
                      {"id": "c", "text": "3"}, {"id": "d", "text": "4"}]}}"#;

    /// The state an item is drawn in.
    #[derive(Default)]
    struct State<'a> {
        answered: Option<&'a Response>,
        draft: Option<&'a Response>,
        parts: Option<&'a [bool]>,
        max_options: Option<u32>,
        seed: u64,
    }

    fn drawn(item: &Item, state: State<'_>) -> Vec<Node> {
        let values = Values::new();
        let url = |src: &str| format!("/pkg/{src}");
        let view = ItemView {
            item,
            lang: "en",
            default: "en",
            values: &values,
            mark: DecimalMark::Point,
            answered: state.answered,
            parts: state.parts,
            draft: state.draft,
            seed: state.seed,
            max_options: state.max_options,
            asset_url: &url,
        };
        build(&view).expect("a type drawn in the core")
    }

    /// Every element `tag` inside `nodes`, in document order.
    fn all<'n>(nodes: &'n [Node], tag: &str, out: &mut Vec<&'n Element>) {
        for n in nodes {
            if let Node::Element(e) = n {
                if e.tag == tag {
                    out.push(e);
                }
                all(&e.children, tag, out);
            }
        }
    }

    fn inputs(nodes: &[Node]) -> Vec<&Element> {
        let mut out = Vec::new();
        all(nodes, "input", &mut out);
        out
    }

    #[test]
    fn a_choice_is_a_labelled_radio_per_option_with_the_draft_checked() {
        let item = item(CHOICE);
        let nodes = drawn(&item, State::default());
        let radios = inputs(&nodes);
        assert_eq!(radios.len(), 4);
        for r in &radios {
            assert_eq!(r.get("type"), Some("radio"));
            assert_eq!(r.get("name"), Some("choice"));
            assert_eq!(r.get("checked"), None);
            assert_eq!(r.get("disabled"), None);
        }
        let mut labels = Vec::new();
        all(&nodes, "label", &mut labels);
        assert_eq!(labels[1].get("for"), radios[1].get("id"));
        assert!(
            has(labels[1], "strong"),
            "the option's markup is drawn: {:?}",
            labels[1]
        );

        let draft = Response::Choice { option: "c".into() };
        let nodes = drawn(
            &item,
            State {
                draft: Some(&draft),
                ..State::default()
            },
        );
        let checked: Vec<_> = inputs(&nodes)
            .into_iter()
            .filter(|i| i.get("checked").is_some())
            .map(|i| i.get("value"))
            .collect();
        assert_eq!(checked, [Some("c")]);
    }

    #[test]
    fn fewer_choices_keep_the_right_one_and_an_answer_locks_the_controls() {
        let item = item(CHOICE);
        let nodes = drawn(
            &item,
            State {
                max_options: Some(2),
                ..State::default()
            },
        );
        let values: Vec<_> = inputs(&nodes).iter().map(|i| i.get("value")).collect();
        assert_eq!(values.len(), 2);
        assert!(values.contains(&Some("b")), "{values:?}");

        let answered = Response::Choice { option: "a".into() };
        let nodes = drawn(
            &item,
            State {
                answered: Some(&answered),
                ..State::default()
            },
        );
        assert!(inputs(&nodes).iter().all(|i| i.get("disabled").is_some()));
    }

    #[test]
    fn a_number_box_has_its_help_and_parts_are_marked_in_words() {
        let number = item(
            r#"{"id": "n1", "skills": ["s"], "stem": "Half of 5?",
                "interaction": {"type": "numeric", "answer": 2.5}}"#,
        );
        let given = Response::Number {
            input: "2,5".into(),
        };
        let nodes = drawn(
            &number,
            State {
                draft: Some(&given),
                ..State::default()
            },
        );
        let input = inputs(&nodes)[0];
        assert_eq!(input.get("inputmode"), Some("decimal"));
        assert_eq!(input.get("value"), Some("2,5"));
        let help_id = input
            .get("aria-describedby")
            .expect("described by its help");
        let mut helps = Vec::new();
        all(&nodes, "p", &mut helps);
        assert_eq!(helps[0].get("id"), Some(help_id));

        let cloze = item(
            r#"{"id": "c1", "skills": ["s"], "stem": "Fill in.",
                "interaction": {"type": "cloze", "text": "A half is [[a]] of [[b]].",
                  "blanks": [{"kind": "entry", "id": "a", "accepted": ["one"]},
                             {"kind": "choice", "id": "b", "options": [{"id": "two", "text": "two"},
                                                     {"id": "three", "text": "three"}],
                              "correct": "two"}]}}"#,
        );
        let answered = Response::Blanks {
            values: [
                ("a".to_owned(), "one".to_owned()),
                ("b".to_owned(), "three".to_owned()),
            ]
            .into_iter()
            .collect(),
        };
        let parts = [true, false];
        let nodes = drawn(
            &cloze,
            State {
                answered: Some(&answered),
                parts: Some(&parts),
                ..State::default()
            },
        );
        let para = element(&nodes[0]);
        let blanks: Vec<&Element> = para
            .children
            .iter()
            .filter_map(|n| match n {
                Node::Element(e) => Some(e),
                Node::Text(_) => None,
            })
            .collect();
        assert_eq!(blanks[0].get("class"), Some("blank part-right"));
        assert_eq!(blanks[1].get("class"), Some("blank part-wrong"));
        let wrong = crate::i18n::t("en", "part-wrong");
        assert_eq!(
            blanks[1].get("aria-label"),
            Some(format!("{} 2 ({wrong})", crate::i18n::t("en", "blank")).as_str())
        );
        let mut options = Vec::new();
        all(&nodes, "option", &mut options);
        let selected: Vec<_> = options
            .iter()
            .filter(|o| o.get("selected").is_some())
            .map(|o| o.get("value"))
            .collect();
        assert_eq!(selected, [Some("three")]);
        let choose = crate::i18n::t("en", "choose");
        assert_eq!(
            para.text_content(),
            format!("A half is  of {choose}twothree.")
        );
    }

    #[test]
    fn ordering_is_shuffled_by_the_seed_and_moved_by_named_buttons() {
        let ordering = item(
            r#"{"id": "o1", "skills": ["s"], "stem": "Smallest first.",
                "interaction": {"type": "ordering",
                  "options": [{"id": "a", "text": "1/8"}, {"id": "b", "text": "1/4"},
                              {"id": "c", "text": "1/2"}, {"id": "d", "text": "1"}]}}"#,
        );
        let order = |seed: u64| -> Vec<String> {
            let nodes = drawn(
                &ordering,
                State {
                    seed,
                    ..State::default()
                },
            );
            let mut items = Vec::new();
            all(&nodes, "li", &mut items);
            items
                .iter()
                .filter_map(|li| li.get("data-id"))
                .map(str::to_owned)
                .collect()
        };
        assert_eq!(order(7), order(7), "the same seed, the same order");
        assert!((1..20).any(|s| order(s) != order(7)), "other seeds shuffle");
        let nodes = drawn(&ordering, State::default());
        let mut buttons = Vec::new();
        all(&nodes, "button", &mut buttons);
        assert_eq!(buttons.len(), 8);
        let up = crate::i18n::t("en", "move-up");
        assert!(buttons[0]
            .get("aria-label")
            .is_some_and(|l| l.starts_with(up)));
        assert_eq!(buttons[0].get("type"), Some("button"));
        let answered = Response::Order {
            order: vec!["a".into(), "b".into(), "c".into(), "d".into()],
        };
        let nodes = drawn(
            &ordering,
            State {
                answered: Some(&answered),
                ..State::default()
            },
        );
        let mut buttons = Vec::new();
        all(&nodes, "button", &mut buttons);
        assert!(buttons.is_empty(), "an answered order cannot move");
    }

    #[test]
    fn the_types_on_a_picture_or_a_passage_are_left_to_the_later_part() {
        let line = item(
            r#"{"id": "l1", "skills": ["s"], "stem": "Place 1/2.",
                "interaction": {"type": "numberLine", "from": 0, "to": 1, "denominator": 4,
                                "answer": 0.5}}"#,
        );
        let values = Values::new();
        let url = |s: &str| s.to_owned();
        let view = ItemView {
            item: &line,
            lang: "en",
            default: "en",
            values: &values,
            mark: DecimalMark::Point,
            answered: None,
            parts: None,
            draft: None,
            seed: 1,
            max_options: None,
            asset_url: &url,
        };
        assert!(build(&view).is_none());
    }
}
