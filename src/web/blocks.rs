//! The blocks of a lesson page or of an item's stem (text, image, audio with its transcript, a displayed
//! formula, a drawn figure), rendered the same way wherever they are. A page's `check` block is the
//! player's to place: it is not drawn here.

use super::dom::{self, append, el};
use super::i18n::t;
use super::{rich, visual};
use crate::package::params::{fill_display, Values};
use crate::package::{Block, DecimalMark, Text};
use crate::web::dom::Build;
use web_sys::Element;

/// What a block needs to know to show itself.
pub struct Context<'a> {
    pub lang: &'a str,
    pub default: &'a str,
    /// The item's parameter values (empty on a lesson page), filled into its text and figures.
    pub values: &'a Values,
    pub mark: DecimalMark,
    /// The URL of a package file.
    pub asset_url: &'a dyn Fn(&str) -> String,
}

impl Context<'_> {
    fn text(&self, t: &Text) -> String {
        fill_display(t.get(self.lang, self.default), self.values, self.mark)
    }
}

/// Appends `block` to `parent` (nothing for a `check`).
pub fn render(parent: &Element, block: &Block, cx: &Context<'_>) {
    match block {
        Block::Text { text } => rich::paragraphs(parent, &cx.text(text)),
        Block::Image {
            src,
            alt,
            decorative,
            caption,
        } => {
            let figure = el("figure", "figure");
            let img = el("img", "");
            img.attr("src", &(cx.asset_url)(src));
            img.attr(
                "alt",
                &if *decorative {
                    String::new()
                } else {
                    cx.text(alt)
                },
            );
            figure.add(&img);
            if let Some(c) = caption {
                let child = rich::element("figcaption", "", &cx.text(c));
                figure.add(&child);
            }
            parent.add(&figure);
        }
        Block::Audio { src, transcript } => {
            let audio = el("audio", "");
            audio.attr("controls", "");
            audio.attr("preload", "none");
            audio.attr("src", &(cx.asset_url)(src));
            let details = el("details", "transcript");
            dom::add_text(&details, "summary", "", t(cx.lang, "transcript"));
            rich::paragraphs(&details, &cx.text(transcript));
            append(parent, &[&audio, &details]);
        }
        Block::Math { tex } => {
            let child = rich::display_math(tex);
            parent.add(&child);
        }
        Block::Check { .. } => {}
        Block::FractionModel { .. } | Block::NumberLine { .. } => {
            if let Some(spec) = block.figure() {
                visual::figure(parent, &spec, cx.values, cx.lang, cx.default);
            }
        }
    }
}
