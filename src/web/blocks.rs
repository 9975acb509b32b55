//! The blocks of a lesson page or of an item's stem (text, image, audio with its transcript, a displayed
//! formula, a drawn figure), drawn the same way wherever they are, as `screen::blocks` says they show.
//! A page's `check` block is the player's to place: it is not drawn here.

use super::dom::{self, append, el};
use super::i18n::t;
use super::{rich, visual};
use crate::screen::blocks::Shown;
use crate::web::dom::Build;
use web_sys::Element;

/// What a block needs to know to draw itself.
pub struct Context<'a> {
    pub lang: &'a str,
    pub default: &'a str,
    /// The URL of a package file.
    pub asset_url: &'a dyn Fn(&str) -> String,
}

/// Appends `block` to `parent`.
pub fn render(parent: &Element, block: &Shown, cx: &Context<'_>) {
    match block {
        Shown::Text(text) => rich::paragraphs(parent, text),
        Shown::Image { src, alt, caption } => {
            let figure = el("figure", "figure");
            let img = el("img", "");
            img.attr("src", &(cx.asset_url)(src));
            img.attr("alt", alt);
            figure.add(&img);
            if let Some(c) = caption {
                let child = rich::element("figcaption", "", c);
                figure.add(&child);
            }
            parent.add(&figure);
        }
        Shown::Audio { src, transcript } => {
            let audio = el("audio", "");
            audio.attr("controls", "");
            audio.attr("preload", "none");
            audio.attr("src", &(cx.asset_url)(src));
            let details = el("details", "transcript");
            dom::add_text(&details, "summary", "", t(cx.lang, "transcript"));
            rich::paragraphs(&details, transcript);
            append(parent, &[&audio, &details]);
        }
        Shown::Math(tex) => {
            let child = rich::display_math(tex);
            parent.add(&child);
        }
        Shown::Figure(figure) => visual::figure(parent, figure.as_ref(), cx.lang, cx.default),
    }
}
