//! The records a session produces: attempts (append-only) and the learner's position (progress).

use crate::check::{Outcome, Response};
use crate::engine::Reason;
use crate::package::{Activity, Manifest};
use crate::time::EpochMs;
use serde::{Deserialize, Serialize};

/// One answer to one item, as stored in the attempt log. Never changed after it is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Attempt {
    pub id: String,
    pub learner_id: String,
    pub package_id: String,
    pub package_version: String,
    pub activity_id: String,
    pub item_id: String,
    pub response: Response,
    pub outcome: Outcome,
    pub presented_at: EpochMs,
    pub answered_at: EpochMs,
    /// Tiered hints the learner opened before answering.
    #[serde(default)]
    pub hints_used: u32,
    /// The statements this attempt queued.
    pub statement_ids: Vec<String>,
}

impl Attempt {
    /// Time from showing the item to the answer.
    pub fn response_ms(&self) -> u64 {
        u64::try_from(self.answered_at.saturating_sub(self.presented_at)).unwrap_or(0)
    }
}

/// Where the learner is in an activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "camelCase")]
pub enum Step {
    /// The item is shown, waiting for an answer; `hints_shown` tiered hints are open.
    #[serde(rename_all = "camelCase")]
    Answering {
        item_id: String,
        #[serde(default)]
        hints_shown: u32,
        /// The learner's answer so far, not yet submitted.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        draft: Option<Response>,
        /// Why the engine chose this item (adaptive activities), shown on request and sent with the answer.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<Reason>,
    },
    /// The item was answered; its feedback is shown until the learner moves on.
    #[serde(rename_all = "camelCase")]
    Feedback { item_id: String, attempt_id: String },
    /// Every item was seen.
    Finished,
}

impl Step {
    /// The item this step is about.
    pub fn item_id(&self) -> Option<&str> {
        match self {
            Step::Answering { item_id, .. } | Step::Feedback { item_id, .. } => Some(item_id),
            Step::Finished => None,
        }
    }
}

/// The stored position of a learner in one activity of one package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    pub learner_id: String,
    pub package_id: String,
    pub activity_id: String,
    #[serde(flatten)]
    pub step: Step,
    pub updated_at: EpochMs,
}

impl Progress {
    /// The store key: one progress record per learner, package and activity.
    pub fn key(&self) -> String {
        progress_key(&self.learner_id, &self.package_id, &self.activity_id)
    }

    pub(crate) fn with_step(&self, step: Step, now: EpochMs) -> Progress {
        Progress {
            step,
            updated_at: now,
            ..self.clone()
        }
    }

    /// True when the stored step still points at an item of `activity`.
    pub(crate) fn is_valid_for(&self, activity: &Activity) -> bool {
        self.activity_id == activity.id
            && self
                .step
                .item_id()
                .is_none_or(|id| activity.item(id).is_some())
    }

    /// The position derived from the attempt log: the first item without an attempt.
    pub(crate) fn first_unanswered(
        manifest: &Manifest,
        activity: &Activity,
        learner_id: &str,
        attempts: &[Attempt],
    ) -> Progress {
        let answered: std::collections::HashSet<&str> =
            attempts.iter().map(|a| a.item_id.as_str()).collect();
        let next = activity
            .items
            .iter()
            .find(|item| !answered.contains(item.id.as_str()));
        let step = match next {
            Some(item) => Step::Answering {
                item_id: item.id.clone(),
                hints_shown: 0,
                draft: None,
                reason: None,
            },
            None => Step::Finished,
        };
        Progress {
            learner_id: learner_id.to_owned(),
            package_id: manifest.id.clone(),
            activity_id: activity.id.clone(),
            step,
            updated_at: 0,
        }
    }
}

/// The store key of the progress of `learner_id` in `activity_id` of `package_id`.
pub fn progress_key(learner_id: &str, package_id: &str, activity_id: &str) -> String {
    format!("{learner_id}\u{1f}{package_id}\u{1f}{activity_id}")
}
