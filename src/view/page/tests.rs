use super::{page, At, Part};
use crate::i18n::t;
use crate::package::params::Values;
use crate::package::{Block, DecimalMark, Page, Text};
use crate::screen::blocks::Words;
use crate::view::blocks::Context;
use crate::view::probe::element;

fn lesson() -> Page {
    Page {
        id: "halves".into(),
        title: Some(Text::Plain("*Halves*".into())),
        blocks: vec![
            Block::Text {
                text: Text::Plain("Cut in 2.\n\nEqual parts.".into()),
            },
            Block::Check { item: "q1".into() },
            Block::Image {
                src: "pizza.png".into(),
                alt: Text::Plain("A pizza".into()),
                decorative: false,
                caption: None,
            },
        ],
    }
}

/// The parts as tags, `check` where the item goes.
fn shape(parts: &[Part]) -> Vec<&str> {
    (parts.iter())
        .map(|p| match p {
            Part::Shown(n) => element(n).tag,
            Part::Check => "check",
        })
        .collect()
}

fn view(index: usize, total: usize, reading: bool, lang: &str) -> super::PageView {
    let values = Values::new();
    let words = Words {
        lang,
        default: "en",
        values: &values,
        mark: DecimalMark::Point,
    };
    let url = |src: &str| format!("pkg/{src}");
    let cx = Context {
        lang,
        default: "en",
        asset_url: &url,
    };
    let at = At {
        index,
        total,
        reading,
    };
    page(&lesson(), at, &words, &cx)
}

#[test]
fn a_page_shows_its_counter_title_and_blocks_with_its_check_in_place() {
    let v = view(1, 3, false, "es");
    assert_eq!(v.article.get("class"), Some("lesson-page"));
    assert_eq!(v.article.get("data-page-id"), Some("halves"));
    let head: Vec<String> = (v.article.children.iter())
        .map(|n| element(n).text_content())
        .collect();
    assert_eq!(
        head,
        [
            format!("{} 2 {} 3", t("es", "page"), t("es", "of")),
            "Halves".to_owned()
        ]
    );
    assert_eq!(shape(&v.parts), ["p", "p", "check", "figure"]);
}

#[test]
fn once_its_check_is_answered_the_page_says_so_and_offers_to_go_on_or_finish() {
    let v = view(1, 3, true, "en");
    assert_eq!(shape(&v.parts), ["p", "p", "p", "figure", "form"]);
    let Part::Shown(note) = &v.parts[2] else {
        panic!("a note")
    };
    assert_eq!(element(note).text_content(), t("en", "answered-earlier"));
    let Some(Part::Shown(form)) = v.parts.last() else {
        panic!("a form")
    };
    assert_eq!(element(form).get("data-step"), Some("reading"));
    assert_eq!(element(form).text_content(), t("en", "continue"));
    let last = view(2, 3, true, "en");
    let Some(Part::Shown(form)) = last.parts.last() else {
        panic!("a form")
    };
    assert_eq!(element(form).text_content(), t("en", "finish"));
}
