//! The error panel shown in place of the player when a course cannot open: its headline, a line per
//! problem, and the promise that nothing stored was touched.
//!
//! Not here: which error is shown and in which words (`course::Opening`, `course::configured`,
//! `present`), or the `pacer:error` event (the shell dispatches it beside the panel).

use super::Element;
use crate::i18n::t;

/// The panel headed by `headline` listing `details`, in `lang`.
pub fn panel(lang: &str, headline: &str, details: &[String]) -> Element {
    let details = (details.iter()).map(|d| Element::text("li", "", d).into());
    Element::new("div", "error-panel")
        .attr("role", "alert")
        .child(Element::text("h2", "", headline))
        .child(Element::new("ul", "error-details").children(details))
        .child(Element::text("p", "", t(lang, "error-untouched")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_panel_says_what_failed_line_by_line_and_that_nothing_stored_was_touched() {
        let details = ["pkg.json: HTTP 404".to_owned(), "second".to_owned()];
        let p = panel("en", "The course could not be loaded", &details);
        assert_eq!(
            (p.tag, p.get("class"), p.get("role")),
            ("div", Some("error-panel"), Some("alert"))
        );
        let texts: Vec<String> = p
            .children
            .iter()
            .map(|c| match c {
                crate::view::Node::Element(e) => e.text_content(),
                crate::view::Node::Text(t) => t.clone(),
            })
            .collect();
        assert_eq!(
            texts,
            [
                "The course could not be loaded".to_owned(),
                "pkg.json: HTTP 404second".to_owned(),
                t("en", "error-untouched").to_owned()
            ]
        );
        let crate::view::Node::Element(list) = &p.children[1] else {
            panic!("a list")
        };
        assert_eq!(
            (list.get("class"), list.children.len()),
            (Some("error-details"), 2)
        );
        assert_ne!(t("es", "error-untouched"), t("en", "error-untouched"));
    }
}
