//! The error panel the player shows in its place when a course cannot open (a config refused, a
//! package that fails its checks, a store that cannot open): the headline, each detail as plain text
//! (a detail may quote a server's or an author's words: never markup), and the promise that stored
//! progress was not touched. A value the shell draws (`web::mount`'s `show_error`).
//!
//! Not here: which failures stop the player (`course::configured`, `course::Opening`) or the
//! `pacer:error` event the shell dispatches beside the panel.

use super::Element;
use crate::i18n::t;

/// The panel headed by the message `headline_key` in `lang`, listing `details`.
pub fn panel(lang: &str, headline_key: &str, details: &[String]) -> Element {
    let details = (details.iter()).map(|d| Element::text("li", "", d).into());
    Element::new("div", "error-panel")
        .attr("role", "alert")
        .child(Element::text("h2", "", t(lang, headline_key)))
        .child(Element::new("ul", "error-details").children(details))
        .child(Element::text("p", "", t(lang, "error-untouched")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::probe::{by_tag, kids};

    #[test]
    fn the_panel_says_what_failed_each_detail_as_text_and_that_progress_is_untouched() {
        let details = [
            "pkg.json: HTTP 404 Not Found".to_owned(),
            "<b>x</b>".to_owned(),
        ];
        let panel = panel("en", "error-cannot-save", &details);
        assert_eq!(
            (panel.tag, panel.get("class")),
            ("div", Some("error-panel"))
        );
        assert_eq!(panel.get("role"), Some("alert"), "announced at once");
        let parts: Vec<&str> = kids(&panel).iter().map(|e| e.tag).collect();
        assert_eq!(parts, ["h2", "ul", "p"]);
        assert_eq!(kids(&panel)[0].text_content(), t("en", "error-cannot-save"));
        let items: Vec<String> = by_tag(&panel, "li")
            .iter()
            .map(|li| li.text_content())
            .collect();
        assert_eq!(items, details, "each detail, markup as text");
        assert!(by_tag(&panel, "b").is_empty());
        assert_eq!(kids(&panel)[2].text_content(), t("en", "error-untouched"));
        // Another language: the same panel in its words.
        let es = super::panel("es", "error-cannot-save", &[]);
        assert_eq!(kids(&es)[0].text_content(), t("es", "error-cannot-save"));
        assert_ne!(t("es", "error-cannot-save"), t("en", "error-cannot-save"));
        assert!(by_tag(&es, "li").is_empty());
    }
}
