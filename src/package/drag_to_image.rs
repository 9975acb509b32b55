//! The parts of a `dragToImage` interaction (a graphic gap match): the targets on the image, in the
//! image's own coordinates, each with the label that belongs on it, and the labels a learner places.
//!
//! It only describes what an author wrote; `validate` checks that targets lie inside the image and name
//! a label, `check` scores, and the shell draws the picture with a menu per target (so no dragging is
//! ever needed) and dragging as an extra.

use super::Text;
use serde::Serialize;

/// A place on the image a label belongs on.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DropTarget {
    pub id: String,
    /// What the place is, for a learner who cannot see the picture ("the top of the stem"): it names the
    /// target's menu.
    pub text: Text,
    /// Where it is: from the image's left edge and top edge, in the units of the interaction's `width`
    /// and `height` (the image's own pixels).
    pub x: f64,
    pub y: f64,
    /// The id of the label that belongs here.
    pub answer: String,
}

/// A label the learner places on a target; one label may belong on several targets, and labels that
/// belong nowhere are distractors.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DragLabel {
    pub id: String,
    pub text: Text,
}
