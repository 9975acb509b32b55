//! The controls of the types answered on a line, a picture or a passage (`numberLine`, `shade`,
//! `hotspot`, `hottext`, `dragToImage`), and what read-aloud says of them: one entry for the shell's
//! later part, which draws them into the item's fieldset (they are not on the first item's path, see
//! `web::later`). The builders are `picture` (line, shade, hotspot), `passage` (hottext) and `drop`
//! (dragToImage).
//!
//! Deliberately not here: the types chosen, typed or ordered (`controls`, drawn with the item form),
//! and events.

use super::controls::ItemView;
use super::{drop, passage, picture, Node};
use crate::i18n::t;
use crate::package::markup::plain_text;
use crate::package::Interaction;

/// The controls of `view.item` when it is answered on a line, a picture or a passage; None for the
/// other types (see `controls::build`).
pub fn build(view: &ItemView<'_>) -> Option<Vec<Node>> {
    match &view.item.interaction {
        Interaction::Hottext {
            text,
            options,
            correct,
        } => Some(passage::hottext(view, text, options, correct)),
        Interaction::DragToImage {
            image,
            alt,
            width,
            height,
            targets,
            labels,
            ..
        } => {
            let picture = drop::Picture {
                src: image,
                alt,
                width: *width,
                height: *height,
            };
            Some(drop::drag_to_image(view, &picture, targets, labels))
        }
        _ => picture::build(view),
    }
}

/// What read-aloud says of the answer of such an item, after the stem and the figures: a shade item's
/// model as a figure's alternative says it (with the parts shaded so far), a picture's alt text with its
/// regions or places, a hotspot's "pick one", a hottext's instruction and passage, and the labels a
/// dragToImage item places. Empty for the other types.
pub fn spoken(view: &ItemView<'_>) -> Vec<String> {
    match &view.item.interaction {
        Interaction::Shade { model, .. } => {
            picture::spoken_shade(view, model).into_iter().collect()
        }
        Interaction::Hotspot {
            alt,
            regions,
            correct,
            ..
        } => {
            let mut out = vec![plain_text(&view.text(alt))];
            if !correct.is_several() {
                out.push(t(view.lang, "hotspot-one").to_owned());
            }
            out.extend(regions.iter().map(|r| plain_text(&view.text(&r.label))));
            out
        }
        Interaction::Hottext {
            text,
            options,
            correct,
        } => passage::spoken(view, text, options, correct),
        Interaction::DragToImage {
            alt,
            targets,
            labels,
            ..
        } => drop::spoken(view, alt, targets, labels),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests;
