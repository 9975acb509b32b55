//! An activity file: its items (each one interaction with its answer key, feedback, hints and worked
//! solution), and for lessons the pages of blocks the items are embedded in.

use super::figure::{FigureSpec, LinePoint, ModelShape, TickLabels};
use super::params::Params;
use super::{Interaction, NumberValue, Text};
use serde::Serialize;

/// One activity: what the learner works through in one sitting.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Activity {
    #[serde(rename = "$schema", skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Must equal the id of the manifest entry that names this file.
    pub id: String,
    /// The checks of the activity. In a lesson, each is placed on a page by a `check` block.
    pub items: Vec<Item>,
    /// A lesson's pages, in order; other kinds of activity have none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<Page>,
}

/// One formative check.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    /// Stable across package versions: progress is keyed by it.
    pub id: String,
    pub skills: Vec<String>,
    pub stem: Text,
    /// Blocks shown with the stem, after its text: pictures, formulas, audio, drawn figures.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
    pub interaction: Interaction,
    pub feedback: Feedback,
    /// Tiered hints, from a nudge to nearly the answer.
    pub hints: Vec<Text>,
    /// A worked solution, step by step, the learner may open.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub solution: Vec<Text>,
    /// Difficulty on the engine's logit scale (0 typical, negative easier, positive harder).
    pub difficulty: f64,
    /// Named numbers drawn per learner and attempt; text uses them as `{name}`.
    #[serde(skip_serializing_if = "Params::is_empty")]
    pub params: Params,
    /// Fitted P(correct | not known), in (0, 0.5); the skill's (or a difficulty-derived) value when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guess: Option<f64>,
    /// Fitted P(wrong | known), in (0, 0.5); the skill's (or a difficulty-derived) value when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slip: Option<f64>,
    /// Fitted P(not known -> known) after answering this item, in (0, 1); the skill's when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub learn: Option<f64>,
}

/// Item-level feedback, used when the answer has no more specific feedback of its own.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Feedback {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correct: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub incorrect: Option<Text>,
}

/// One page of a lesson.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Page {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    pub blocks: Vec<Block>,
}

/// One block of a lesson page.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Block {
    /// Text in the safe markup subset (`**strong**`, `*emphasis*`, `$math$`, blank line = paragraph).
    Text { text: Text },
    /// An image from the package; `alt` is required (empty only when `decorative` is true).
    #[serde(rename_all = "camelCase")]
    Image {
        src: String,
        alt: Text,
        decorative: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        caption: Option<Text>,
    },
    /// An audio clip from the package, with its transcript.
    #[serde(rename_all = "camelCase")]
    Audio { src: String, transcript: Text },
    /// A displayed formula in the TeX subset.
    #[serde(rename_all = "camelCase")]
    Math { tex: String },
    /// Embeds the activity's item `item` here (lesson pages only).
    #[serde(rename_all = "camelCase")]
    Check { item: String },
    /// A bar or a circle cut into `parts` equal parts, `shaded` of them shaded, drawn by the player.
    #[serde(rename_all = "camelCase")]
    FractionModel {
        shape: ModelShape,
        parts: NumberValue,
        shaded: NumberValue,
    },
    /// A number line from `from` to `to` with a tick every `1/denominator`, drawn by the player.
    #[serde(rename_all = "camelCase")]
    NumberLine {
        from: NumberValue,
        to: NumberValue,
        denominator: NumberValue,
        labels: TickLabels,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        points: Vec<LinePoint>,
    },
}

impl Block {
    /// The figure this block draws, if it is one.
    pub fn figure(&self) -> Option<FigureSpec<'_>> {
        match self {
            Block::FractionModel {
                shape,
                parts,
                shaded,
            } => Some(FigureSpec::FractionModel {
                shape: *shape,
                parts,
                shaded,
            }),
            Block::NumberLine {
                from,
                to,
                denominator,
                labels,
                points,
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

    /// The package file it shows, if any (an image or audio).
    pub fn media(&self) -> Option<&str> {
        match self {
            Block::Image { src, .. } | Block::Audio { src, .. } => Some(src),
            _ => None,
        }
    }
}

impl Activity {
    /// The item with `item_id`.
    pub fn item(&self, item_id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == item_id)
    }

    /// The order a learner meets the items in: the author's order, or for a lesson the order of its
    /// check blocks.
    pub fn item_order(&self) -> Vec<&str> {
        if self.pages.is_empty() {
            return self.items.iter().map(|i| i.id.as_str()).collect();
        }
        self.pages
            .iter()
            .flat_map(|p| p.blocks.iter())
            .filter_map(|b| match b {
                Block::Check { item } => Some(item.as_str()),
                _ => None,
            })
            .collect()
    }

    /// Every block of the activity: its pages' and its items'.
    pub fn blocks(&self) -> impl Iterator<Item = &Block> {
        (self.pages.iter().flat_map(|p| &p.blocks)).chain(self.items.iter().flat_map(|i| &i.blocks))
    }

    /// The index of the page that embeds `item_id`.
    pub fn page_of(&self, item_id: &str) -> Option<usize> {
        self.pages.iter().position(|p| {
            p.blocks
                .iter()
                .any(|b| matches!(b, Block::Check { item } if item == item_id))
        })
    }
}

impl Page {
    /// The item this page embeds, if any (a page holds at most one check).
    pub fn check(&self) -> Option<&str> {
        self.blocks.iter().find_map(|b| match b {
            Block::Check { item } => Some(item.as_str()),
            _ => None,
        })
    }
}
