//! The interaction types an item can have, each with its answer key, in the shape authors write them.
//!
//! Scoring lives in `check`; the xAPI interaction definitions in `xapi::statement`;
//! the renderers in the web shell. This module only says what an author may write and what it means.

use super::drag_to_image::{DragLabel, DropTarget};
use super::figure::{FigureSpec, LinePoint, TickLabels};
use super::hotspot::{Key as HotspotKey, Region};
use super::hottext::Selection;
use super::shade::{ShadeKey, ShadeModel};
use super::Text;
use crate::package::Normalisation;
use crate::package::Tolerance;
use serde::Serialize;
use std::collections::BTreeMap;

/// The accepted answers of a typed response: one list for every language (`["half"]`), or one per
/// language (`{"en": ["half"], "es": ["medio", "mitad"]}`) so an English learner typing the Spanish word
/// is not right. A learner's language finds its list as text does (exact tag, then the same language in
/// another region), else the package's default language's.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Accepted {
    All(Vec<String>),
    PerLanguage(BTreeMap<String, Vec<String>>),
}

impl Accepted {
    /// The answers right for a learner reading `lang`.
    pub fn for_language<'a>(&'a self, lang: &str, default_lang: &str) -> &'a [String] {
        match self {
            Accepted::All(list) => list,
            Accepted::PerLanguage(map) => map
                .get(lang)
                .or_else(|| {
                    let wanted = super::text::primary_subtag(lang);
                    map.iter()
                        .find(|(tag, _)| super::text::primary_subtag(tag) == wanted)
                        .map(|(_, list)| list)
                })
                .or_else(|| map.get(default_lang))
                .map_or(&[], Vec::as_slice),
        }
    }

    /// Every accepted answer, in any language.
    pub fn iter(&self) -> Box<dyn Iterator<Item = &String> + '_> {
        match self {
            Accepted::All(list) => Box::new(list.iter()),
            Accepted::PerLanguage(map) => Box::new(map.values().flatten()),
        }
    }

    /// The first accepted answer in `lang` (the default language's when it has none).
    pub fn first(&self, lang: &str) -> Option<&String> {
        self.for_language(lang, lang)
            .first()
            .or_else(|| self.iter().next())
    }
}

/// The interaction and its answer key.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Interaction {
    /// Pick exactly one option; `correct` is the id of the right one.
    #[serde(rename_all = "camelCase")]
    SingleChoice {
        options: Vec<ChoiceOption>,
        correct: String,
    },
    /// Pick every right option; `correct` lists their ids (it may be empty: "none of these").
    #[serde(rename_all = "camelCase")]
    MultipleResponse {
        options: Vec<ChoiceOption>,
        correct: Vec<String>,
        scoring: MultipleScoring,
    },
    /// A statement that is true or false.
    #[serde(rename_all = "camelCase")]
    TrueFalse {
        correct: bool,
        /// Feedback when the learner answers "true".
        #[serde(skip_serializing_if = "Option::is_none")]
        true_feedback: Option<Text>,
        /// Feedback when the learner answers "false".
        #[serde(skip_serializing_if = "Option::is_none")]
        false_feedback: Option<Text>,
    },
    /// A number, typed as `3/4`, `1 1/2`, `0.75` or `0,75` (decimal-comma languages), within a tolerance.
    #[serde(rename_all = "camelCase")]
    Numeric {
        answer: NumberValue,
        #[serde(skip_serializing_if = "Option::is_none")]
        tolerance: Option<Tolerance>,
        #[serde(skip_serializing_if = "Option::is_none")]
        unit: Option<UnitRule>,
        /// Anticipated wrong numbers, each with the misconception it reveals.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        misconceptions: Vec<NumericMisconception>,
    },
    /// A short typed answer, compared after normalisation with each accepted answer.
    #[serde(rename_all = "camelCase")]
    ShortText {
        accepted: Accepted,
        /// Anticipated wrong answers, each with its own feedback.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        misconceptions: Vec<TextMisconception>,
        normalisation: Normalisation,
    },
    /// Several blanks in one text; `text` marks each blank as `[[blank-id]]`.
    #[serde(rename_all = "camelCase")]
    Cloze {
        text: Text,
        blanks: Vec<Blank>,
        scoring: MultipleScoring,
    },
    /// Put the options in order; the right order is the order they are written in.
    #[serde(rename_all = "camelCase")]
    Ordering { options: Vec<ChoiceOption> },
    /// Match each prompt with its answer; the pairs are written matched.
    #[serde(rename_all = "camelCase")]
    Matching {
        pairs: Vec<Pair>,
        scoring: MultipleScoring,
    },
    /// A math expression, right when it equals `answer` for every value of `variables`.
    #[serde(rename_all = "camelCase")]
    Expression {
        answer: String,
        variables: Vec<String>,
    },
    /// Place a point on a drawn number line (from `from` to `to`, a tick every `1/denominator`); the
    /// point sits on ticks, and is right within `tolerance` of `answer` (itself on a tick).
    #[serde(rename_all = "camelCase")]
    NumberLine {
        from: NumberValue,
        to: NumberValue,
        denominator: NumberValue,
        labels: TickLabels,
        answer: NumberValue,
        #[serde(skip_serializing_if = "Option::is_none")]
        tolerance: Option<Tolerance>,
    },
    /// Shade parts of a drawn fraction model (a bar, a circle or a grid); right when the shaded parts
    /// make the key's share, or are exactly the key's parts.
    #[serde(rename_all = "camelCase")]
    Shade {
        #[serde(flatten)]
        model: ShadeModel,
        #[serde(flatten)]
        key: ShadeKey,
    },
    /// Pick regions of an image (`width` by `height` in its own pixels): one region when `correct` is
    /// one id, right when it is that one; several when it is a list, right when exactly those are picked.
    #[serde(rename_all = "camelCase")]
    Hotspot {
        image: String,
        /// What the image shows, for a learner who cannot see it (required).
        alt: Text,
        width: f64,
        height: f64,
        regions: Vec<Region>,
        correct: HotspotKey,
    },
    /// Select phrases of a passage: `text` marks where each phrase (an option) stands as `[[id]]`;
    /// `correct` is the right phrase (one selection) or the right phrases (several).
    #[serde(rename_all = "camelCase")]
    Hottext {
        text: Text,
        options: Vec<ChoiceOption>,
        #[serde(flatten)]
        correct: Selection,
    },
    /// Place labels on targets of an image (`width` by `height` in its own pixels): each target is
    /// right when it holds the label it names as its `answer`.
    #[serde(rename_all = "camelCase")]
    DragToImage {
        image: String,
        /// What the image shows, for a learner who cannot see it (required).
        alt: Text,
        width: f64,
        height: f64,
        targets: Vec<DropTarget>,
        labels: Vec<DragLabel>,
        scoring: MultipleScoring,
    },
}

impl Interaction {
    /// The options a learner picks from, for the types whose options may be pictures.
    pub fn picked_options(&self) -> &[ChoiceOption] {
        match self {
            Interaction::SingleChoice { options, .. }
            | Interaction::MultipleResponse { options, .. } => options,
            _ => &[],
        }
    }

    /// The package files the interaction shows: its options' pictures, a hotspot's or a
    /// `dragToImage` item's image (packing and `pacer fit` carry them with the stems' pictures).
    pub fn media(&self) -> Vec<&str> {
        match self {
            Interaction::Hotspot { image, .. } | Interaction::DragToImage { image, .. } => {
                vec![image.as_str()]
            }
            _ => (self.picked_options().iter())
                .filter_map(|o| o.image.as_deref())
                .collect(),
        }
    }

    /// The line a `numberLine` interaction draws, with `points` marked on it (none while answering).
    pub fn number_line<'a>(&'a self, points: &'a [LinePoint]) -> Option<FigureSpec<'a>> {
        match self {
            Interaction::NumberLine {
                from,
                to,
                denominator,
                labels,
                ..
            } => Some(FigureSpec::NumberLine {
                from,
                to,
                denominator,
                labels: *labels,
                points,
            }),
            _ => None,
        }
    }

    /// Whether the player's controls for this type come with the part of the player loaded after the
    /// first item (the types answered on a line, a picture or a passage: see `web::later`).
    pub fn answered_later(&self) -> bool {
        matches!(
            self,
            Interaction::NumberLine { .. }
                | Interaction::Shade { .. }
                | Interaction::Hotspot { .. }
                | Interaction::Hottext { .. }
                | Interaction::DragToImage { .. }
        )
    }

    /// The name authors write in `type`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Interaction::SingleChoice { .. } => "singleChoice",
            Interaction::MultipleResponse { .. } => "multipleResponse",
            Interaction::TrueFalse { .. } => "trueFalse",
            Interaction::Numeric { .. } => "numeric",
            Interaction::ShortText { .. } => "shortText",
            Interaction::Cloze { .. } => "cloze",
            Interaction::Ordering { .. } => "ordering",
            Interaction::Matching { .. } => "matching",
            Interaction::Expression { .. } => "expression",
            Interaction::NumberLine { .. } => "numberLine",
            Interaction::Shade { .. } => "shade",
            Interaction::Hotspot { .. } => "hotspot",
            Interaction::Hottext { .. } => "hottext",
            Interaction::DragToImage { .. } => "dragToImage",
        }
    }
}

/// How an interaction with several parts is scored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum MultipleScoring {
    /// Right only when every part is right (score 1 or 0).
    #[default]
    AllOrNothing,
    /// The share of parts that are right (for multiple response: right choices minus wrong ones, at
    /// least 0); correct only when every part is right.
    Partial,
}

/// One option of a choice, multiple response or ordering interaction.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChoiceOption {
    pub id: String,
    /// What the option says; for an option with an `image`, the picture's alt text.
    pub text: Text,
    /// A picture from the package shown instead of the text (single choice and multiple response only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Feedback shown when this option is chosen (a misconception it reveals, or why it is right).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feedback: Option<Text>,
}

/// A number in an answer key: a literal, or an expression over the item's parameters (`"a / b"`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum NumberValue {
    Literal(f64),
    Formula(String),
}

/// What a numeric answer may or must say about its unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnitRule {
    /// Units accepted after the number (`cm`, `centimetres`); compared case-insensitively.
    pub accepted: Vec<String>,
    /// When true, an answer without a unit is not right.
    pub required: bool,
}

/// A wrong number an author anticipated.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NumericMisconception {
    pub answer: NumberValue,
    pub feedback: Text,
}

/// A wrong text answer an author anticipated.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TextMisconception {
    pub answer: String,
    pub feedback: Text,
}

/// One blank of a cloze: a typed entry (compared like a short-text answer) or an inline choice.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Blank {
    #[serde(rename_all = "camelCase")]
    Entry {
        id: String,
        accepted: Accepted,
        normalisation: Normalisation,
    },
    #[serde(rename_all = "camelCase")]
    Choice {
        id: String,
        options: Vec<ChoiceOption>,
        correct: String,
    },
}

impl Blank {
    /// The id its `[[id]]` marker uses.
    pub fn id(&self) -> &str {
        match self {
            Blank::Entry { id, .. } | Blank::Choice { id, .. } => id,
        }
    }
}

/// A matched pair: `prompt` is shown fixed, `answer` is picked for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pair {
    pub id: String,
    pub prompt: Text,
    pub answer: Text,
}
