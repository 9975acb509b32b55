//! An activity file: an ordered list of items, each with one interaction, its answer key, feedback and
//! hints.

use super::manifest::unique_ids;
use super::{ActivityRef, PackageError, Text};
use serde::{Deserialize, Serialize};

/// One activity: what the learner works through in one sitting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Activity {
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Must equal the id of the manifest entry that names this file.
    pub id: String,
    pub items: Vec<Item>,
}

/// One formative check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Item {
    /// Stable across package versions: progress is keyed by it.
    pub id: String,
    #[serde(default)]
    pub skills: Vec<String>,
    pub stem: Text,
    pub interaction: Interaction,
    #[serde(default)]
    pub feedback: Feedback,
    #[serde(default)]
    pub hints: Vec<Text>,
    /// Difficulty on the engine's logit scale (0 typical, negative easier, positive harder).
    #[serde(default)]
    pub difficulty: f64,
}

/// The interaction and its answer key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
pub enum Interaction {
    /// Pick exactly one option; `correct` is the id of the right one.
    #[serde(rename_all = "camelCase")]
    SingleChoice {
        options: Vec<ChoiceOption>,
        correct: String,
    },
}

/// One option of a choice interaction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChoiceOption {
    pub id: String,
    pub text: Text,
    /// Feedback shown when this option is chosen (a misconception it reveals, or why it is right).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<Text>,
}

/// Item-level feedback, used when the chosen option has none of its own.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Feedback {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correct: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incorrect: Option<Text>,
}

impl Activity {
    /// Checks ids, answer keys and skill references against the manifest entry `entry`.
    pub fn check(&self, file: &str, entry: &ActivityRef) -> Result<(), PackageError> {
        if self.id != entry.id {
            return Err(PackageError::invalid(
                file,
                "id",
                format!(
                    "`{}` does not match the manifest's activity id `{}`",
                    self.id, entry.id
                ),
            ));
        }
        if self.items.is_empty() {
            return Err(PackageError::invalid(
                file,
                "items",
                "an activity needs at least one item",
            ));
        }
        unique_ids(file, "items", self.items.iter().map(|i| i.id.as_str()))?;
        for (i, item) in self.items.iter().enumerate() {
            item.check(file, &format!("items[{i}]"))?;
        }
        Ok(())
    }

    /// The item with `item_id`.
    pub fn item(&self, item_id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == item_id)
    }
}

impl Item {
    fn check(&self, file: &str, at: &str) -> Result<(), PackageError> {
        if self.stem.is_blank() {
            return Err(PackageError::invalid(
                file,
                format!("{at}.stem"),
                "the stem is empty",
            ));
        }
        match &self.interaction {
            Interaction::SingleChoice { options, correct } => {
                let path = format!("{at}.interaction.options");
                let ids = unique_ids(file, &path, options.iter().map(|o| o.id.as_str()))?;
                if options.len() < 2 {
                    return Err(PackageError::invalid(
                        file,
                        path,
                        "a choice needs at least two options",
                    ));
                }
                if !ids.contains(correct.as_str()) {
                    return Err(PackageError::invalid(
                        file,
                        format!("{at}.interaction.correct"),
                        format!(
                            "`{correct}` is not one of the options ({})",
                            ids.into_iter().collect::<Vec<_>>().join(", ")
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}
