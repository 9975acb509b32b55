//! The answer key of a `hottext` interaction: which phrases of the passage are the ones to select, and
//! whether the learner selects one phrase or several (the author's choice, read from the key's shape).
//!
//! The passage and its phrases are the interaction's `text` (with a `[[id]]` marker where each phrase
//! stands) and `options`; this module holds only the key. Scoring is `check`'s.

use super::MultipleScoring;
use serde::Serialize;

/// The right phrases: one (`"correct": "ran"`, the learner selects exactly one phrase) or several
/// (`"correct": ["ran", "barked"]`, the learner selects any number; `scoring` says how a partly right
/// selection counts). Scoring belongs to several only, so a single selection cannot carry one.
/// Written flattened into the interaction, as authors write it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Selection {
    One {
        correct: String,
    },
    Several {
        correct: Vec<String>,
        scoring: MultipleScoring,
    },
}

impl Selection {
    /// The ids of the right phrases.
    pub fn correct(&self) -> Vec<&str> {
        match self {
            Selection::One { correct } => vec![correct.as_str()],
            Selection::Several { correct, .. } => correct.iter().map(String::as_str).collect(),
        }
    }

    /// Whether the learner may select several phrases.
    pub fn is_several(&self) -> bool {
        matches!(self, Selection::Several { .. })
    }
}
