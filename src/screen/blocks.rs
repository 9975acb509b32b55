//! The blocks of a lesson page or an item's stem as they show: text with the item's values filled in
//! (`fill_display`), an image's alternative text (none when the author marks it decorative), a figure
//! resolved from its numbers, or the fact that these values cannot draw it. The same block shows the same
//! way on a page and in a stem.
//!
//! Not here: the DOM, the URLs of package files (the shell knows where the package is), or a page's
//! `check` block, which the player places itself.

use crate::package::figure::Figure;
use crate::package::params::{fill_display, Values};
use crate::package::{Block, DecimalMark, Text};

/// One block as it shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    /// Paragraphs, values filled in (inline markup allowed).
    Text(String),
    /// `alt` is empty for a decorative image.
    Image {
        src: String,
        alt: String,
        caption: Option<String>,
    },
    Audio {
        src: String,
        transcript: String,
    },
    /// A displayed formula (TeX).
    Math(String),
    /// A figure drawn from numbers; None when these values cannot draw it.
    Figure(Option<Figure>),
}

/// The language and the values a block's text is shown with.
#[derive(Debug, Clone, Copy)]
pub struct Words<'a> {
    pub lang: &'a str,
    /// The package's own language (the fallback of every text).
    pub default: &'a str,
    /// The item's parameter values (empty on a lesson page).
    pub values: &'a Values,
    pub mark: DecimalMark,
}

impl Words<'_> {
    fn text(&self, t: &Text) -> String {
        fill_display(t.get(self.lang, self.default), self.values, self.mark)
    }
}

/// How `block` shows; None for a `check` block (the player's to place).
pub fn show(block: &Block, words: &Words<'_>) -> Option<Shown> {
    Some(match block {
        Block::Text { text } => Shown::Text(words.text(text)),
        Block::Image {
            src,
            alt,
            decorative,
            caption,
        } => Shown::Image {
            src: src.clone(),
            alt: if *decorative {
                String::new()
            } else {
                words.text(alt)
            },
            caption: caption.as_ref().map(|c| words.text(c)),
        },
        Block::Audio { src, transcript } => Shown::Audio {
            src: src.clone(),
            transcript: words.text(transcript),
        },
        Block::Math { tex } => Shown::Math(tex.clone()),
        Block::Check { .. } => return None,
        Block::FractionModel { .. } | Block::NumberLine { .. } => {
            return block
                .figure()
                .map(|spec| Shown::Figure(spec.resolve(words.values).ok()))
        }
    })
}
