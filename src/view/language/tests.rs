use super::{choice, MENU};
use crate::i18n::t;
use crate::view::probe::{by_tag, element};

#[test]
fn one_language_gets_no_menu() {
    assert!(choice(&["en"], "en").is_empty());
    assert!(choice(&[], "en").is_empty());
}

#[test]
fn each_language_is_offered_by_its_own_name_and_the_learners_is_chosen() {
    let nodes = choice(&["en", "es"], "es-MX");
    assert_eq!(nodes.len(), 2);
    let label = element(&nodes[0]);
    assert_eq!(label.tag, "label");
    assert_eq!(label.get("for"), Some(MENU));
    assert_eq!(label.text_content(), t("es-MX", "language"));
    let menu = element(&nodes[1]);
    assert_eq!((menu.tag, menu.get("id")), ("select", Some(MENU)));
    let options: Vec<_> = by_tag(menu, "option")
        .iter()
        .map(|o| {
            (
                o.get("value").unwrap_or(""),
                o.get("lang").unwrap_or(""),
                o.text_content(),
                o.get("selected").is_some(),
            )
        })
        .collect();
    assert_eq!(
        options,
        [
            ("en", "en", crate::i18n::autonym("en").to_owned(), false),
            ("es", "es", crate::i18n::autonym("es").to_owned(), true),
        ]
    );
    assert_ne!(options[0].2, options[1].2, "each by its own name");
}
