//! The blocks of a lesson page or of an item's stem (text, image, audio with its transcript, a displayed
//! formula, a drawn figure) as elements, the same wherever they are, from what `screen::blocks` says
//! each shows.
//!
//! Not here: filling in values or choosing alt text (`screen::blocks` did), or a page's `check` block,
//! which the player places itself.

use super::{figure, rich, Element, Node};
use crate::i18n::t;
use crate::screen::blocks::Shown;

/// What a block needs to know to draw itself.
pub struct Context<'a> {
    pub lang: &'a str,
    pub default: &'a str,
    /// The URL of a package file.
    pub asset_url: &'a dyn Fn(&str) -> String,
}

/// The elements of `block`.
pub fn render(block: &Shown, cx: &Context<'_>) -> Vec<Node> {
    match block {
        Shown::Text(text) => rich::paragraphs(text),
        Shown::Image { src, alt, caption } => {
            let img = Element::new("img", "")
                .attr("src", (cx.asset_url)(src))
                .attr("alt", alt);
            let mut figure = Element::new("figure", "figure").child(img);
            if let Some(c) = caption {
                figure = figure.child(rich::element("figcaption", "", c));
            }
            vec![figure.into()]
        }
        Shown::Audio { src, transcript } => {
            let audio = Element::new("audio", "")
                .attr("controls", "")
                .attr("preload", "none")
                .attr("src", (cx.asset_url)(src));
            let details = Element::new("details", "transcript")
                .child(Element::text("summary", "", t(cx.lang, "transcript")))
                .children(rich::paragraphs(transcript));
            vec![audio.into(), details.into()]
        }
        Shown::Math(tex) => vec![rich::display_math(tex).into()],
        Shown::Figure(f) => vec![figure::block(f.as_ref(), cx.lang, cx.default).into()],
    }
}
