//! Response processing: one pure scorer per interaction type, plus feedback selection.
//!
//! Nothing here knows about the DOM or storage: [`score`] takes an item (its answer key) and the learner's
//! [`Response`] and returns an [`Outcome`]. The web shell renders it; the session records it.

pub mod expr;
pub mod numeric;
pub mod text;

use crate::package::{Interaction, Item, Text};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// What the learner answered, by interaction type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Response {
    /// The id of the chosen option.
    Choice { option: String },
}

impl Response {
    /// The response in xAPI's `result.response` format for the interaction type.
    pub fn to_xapi(&self) -> String {
        match self {
            Response::Choice { option } => option.clone(),
        }
    }
}

/// The result of scoring one response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    pub correct: bool,
    /// Score in `[0, 1]`.
    pub score: f64,
    /// The feedback to show, most specific first (option feedback, else item feedback).
    pub feedback: Option<Text>,
}

/// A response that does not fit the item.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ScoreError {
    #[error("`{0}` is not an option of this item")]
    UnknownOption(String),
}

/// Scores `response` against `item`'s answer key.
pub fn score(item: &Item, response: &Response) -> Result<Outcome, ScoreError> {
    match (&item.interaction, response) {
        (Interaction::SingleChoice { options, correct }, Response::Choice { option }) => {
            let chosen = options
                .iter()
                .find(|o| &o.id == option)
                .ok_or_else(|| ScoreError::UnknownOption(option.clone()))?;
            let is_correct = &chosen.id == correct;
            let general = if is_correct {
                &item.feedback.correct
            } else {
                &item.feedback.incorrect
            };
            Ok(Outcome {
                correct: is_correct,
                score: if is_correct { 1.0 } else { 0.0 },
                feedback: chosen.feedback.clone().or_else(|| general.clone()),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item() -> Item {
        serde_json::from_str(
            r#"{"id":"q1","stem":"Which is a half?","interaction":{"type":"singleChoice","correct":"b",
            "options":[{"id":"a","text":"1/3","feedback":"That is a third."},{"id":"b","text":"1/2"}]},
            "feedback":{"correct":"Yes!","incorrect":"Not quite."}}"#,
        )
        .unwrap()
    }

    #[test]
    fn right_option_scores_one_with_item_feedback() {
        let out = score(&item(), &Response::Choice { option: "b".into() }).unwrap();
        assert!(out.correct);
        assert_eq!(out.score, 1.0);
        assert_eq!(out.feedback, Some(Text::Plain("Yes!".into())));
    }

    #[test]
    fn wrong_option_prefers_its_own_feedback() {
        let out = score(&item(), &Response::Choice { option: "a".into() }).unwrap();
        assert!(!out.correct);
        assert_eq!(out.score, 0.0);
        assert_eq!(out.feedback, Some(Text::Plain("That is a third.".into())));
    }

    #[test]
    fn unknown_option_is_an_error_not_a_wrong_answer() {
        let err = score(&item(), &Response::Choice { option: "z".into() }).unwrap_err();
        assert_eq!(err, ScoreError::UnknownOption("z".into()));
    }
}
