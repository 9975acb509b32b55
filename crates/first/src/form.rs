//! The binary form of the first item (postcard): variant A carries the screen alone (a `view::Node`);
//! variant B carries a [`First`]; variant
//! B-key a [`Keyed`].

use pacer::view::Node;
use serde::{Deserialize, Serialize};

/// What answering the first item needs: its screen, the item to score against, and the few words the
/// feedback shows (the module carries no message catalog).
#[derive(Debug, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct First {
    /// The item's screen, drawn as is.
    pub screen: Node,
    /// The item as authored (JSON), read with the core's hand reader (`Item::from_json`).
    pub item: String,
    /// The learner's language the screen was made in, and the package's own.
    pub lang: String,
    pub default: String,
    /// "Correct" and "Not quite" in `lang`.
    pub correct: String,
    pub incorrect: String,
}

/// Variant B-key: the first item's screen and its outcomes worked out by `pacer pack` with the core's
/// `check::score`, one per answer the controls can give (choice types only), so the module scores
/// nothing itself.
#[derive(Debug, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Keyed {
    pub screen: Node,
    pub item_id: String,
    /// Every answer the item's controls can give, with its outcome.
    pub outcomes: Vec<KeyedOutcome>,
    /// "Correct" and "Not quite" in the screen's language.
    pub correct: String,
    pub incorrect: String,
}

/// One answer and its outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyedOutcome {
    /// The checked controls' values, sorted, joined by `,` (`true`/`false` for a true-or-false item).
    pub answer: String,
    pub correct: bool,
    pub score: f64,
    /// The feedback to show, in the screen's language.
    pub feedback: Option<String>,
}

/// Encodes `value` (a [`Node`] or a [`First`]).
pub fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, postcard::Error> {
    postcard::to_allocvec(value)
}

/// Decodes a form; its strings borrow from `bytes`, which live as long as the page.
pub fn decode<T: Deserialize<'static>>(bytes: &'static [u8]) -> Result<T, postcard::Error> {
    postcard::from_bytes(bytes)
}
