//! The records a session produces: attempts (append-only) and the learner's position (progress).

use crate::check::{Outcome, Response};
use crate::engine::{EarlyWarning, LoggedAnswer, Reason};
use crate::json::read::tag;
use crate::json::{FromJson, Json, Members, Path, ReadError};
use crate::package::params::{Template, Values};
use crate::package::{Activity, Item, Manifest};
use crate::rng::SeededRng;
use crate::time::EpochMs;
#[cfg(test)]
use serde::Deserialize;
use serde::Serialize;

/// One answer to one item, as stored in the attempt log. Never changed after it is written.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
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
    /// Tiered hints the learner opened before answering (the deepest level reached).
    #[serde(default)]
    pub hints_used: u32,
    /// Whether the learner opened the worked solution before answering.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub solution_viewed: bool,
    /// The parameter values the item was shown with (parameterised items only).
    #[serde(default, skip_serializing_if = "Values::is_empty")]
    pub values: Values,
    /// The skills the item gave evidence of when it was answered (so the record explains itself even
    /// when the package changes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<String>,
    /// Why the engine chose the item (adaptive activities): part of the decision log a replay checks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Box<Reason>>,
    /// Early-warning signals this answer raised (guessing, very long, wheel-spinning).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<EarlyWarning>,
    /// The statements this attempt queued.
    pub statement_ids: Vec<String>,
}

/// A test attempt: a choice answer with id `id` to `item` of `activity`, evidence of `skill`, right or
/// wrong, answered at `at`, in package `package`, with no help used.
#[cfg(test)]
pub(crate) fn sample_attempt(
    package: &str,
    id: String,
    activity: &str,
    item: &str,
    skill: &str,
    right: bool,
    at: EpochMs,
) -> Attempt {
    Attempt {
        id,
        learner_id: "l".into(),
        package_id: package.into(),
        package_version: "0.2.0".into(),
        activity_id: activity.into(),
        item_id: item.into(),
        response: crate::check::Response::Choice { option: "x".into() },
        outcome: crate::check::Outcome {
            correct: right,
            score: f64::from(u8::from(right)),
            feedback: None,
            parts: Vec::new(),
        },
        presented_at: at - 20_000,
        answered_at: at,
        hints_used: 0,
        solution_viewed: false,
        values: Default::default(),
        skills: vec![skill.into()],
        reason: None,
        warnings: Vec::new(),
        statement_ids: Vec::new(),
    }
}

impl Attempt {
    /// Time from showing the item to the answer.
    pub fn response_ms(&self) -> u64 {
        u64::try_from(self.answered_at.saturating_sub(self.presented_at)).unwrap_or(0)
    }
}

impl LoggedAnswer for Attempt {
    fn id(&self) -> &str {
        &self.id
    }
    fn package_id(&self) -> &str {
        &self.package_id
    }
    fn activity_id(&self) -> &str {
        &self.activity_id
    }
    fn item_id(&self) -> &str {
        &self.item_id
    }
    fn skills(&self) -> &[String] {
        &self.skills
    }
    fn answered_at(&self) -> EpochMs {
        self.answered_at
    }
    fn correct(&self) -> bool {
        self.outcome.correct
    }
    fn hints_used(&self) -> u32 {
        self.hints_used
    }
    fn solution_viewed(&self) -> bool {
        self.solution_viewed
    }
    fn gave_up(&self) -> bool {
        self.response == Response::DontKnow
    }
    fn response_ms(&self) -> u64 {
        Attempt::response_ms(self)
    }
    fn values(&self) -> &Values {
        &self.values
    }
}

/// Where the learner is in an activity.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
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
        reason: Option<Box<Reason>>,
        /// Whether the worked solution is open.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        solution_shown: bool,
        /// The item's parameter values, drawn when it was first shown and kept so a resume shows the
        /// same numbers.
        #[serde(default, skip_serializing_if = "Values::is_empty")]
        values: Values,
    },
    /// A lesson page without a check, being read.
    #[serde(rename_all = "camelCase")]
    Reading { page_id: String },
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
            Step::Reading { .. } | Step::Finished => None,
        }
    }

    /// A fresh answering step for `item`, its parameters drawn for this learner and try.
    pub(crate) fn answering(
        item: &Item,
        learner_id: &str,
        tries: usize,
        reason: Option<Reason>,
    ) -> Step {
        Step::Answering {
            item_id: item.id.clone(),
            hints_shown: 0,
            draft: None,
            reason: reason.map(Box::new),
            solution_shown: false,
            values: draw_values(item, learner_id, tries),
        }
    }
}

/// The parameter values of `item` for `learner_id`'s try number `tries` (0 for the first): seeded, so the
/// same learner and try always get the same numbers. Empty for an item without parameters, or one whose
/// parameters cannot be drawn (validation refuses those).
pub fn draw_values(item: &Item, learner_id: &str, tries: usize) -> Values {
    if item.params.is_empty() {
        return Values::new();
    }
    let seed = SeededRng::seed_from(&[learner_id, &item.id, &tries.to_string()]);
    Template::new(&item.params)
        .and_then(|t| t.draw(seed))
        .unwrap_or_default()
}

/// The stored position of a learner in one activity of one package.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(rename_all = "camelCase", try_from = "StoredProgress")]
pub struct Progress {
    pub learner_id: String,
    pub package_id: String,
    pub activity_id: String,
    #[serde(flatten)]
    pub step: Step,
    pub updated_at: EpochMs,
}

/// A [`Progress`] record as stored: the step's fields beside the record's, as `#[serde(flatten)]` writes
/// them. Read through this one plain struct rather than serde's flatten, which buffers every record and
/// costs the player about 30 KB of wasm; the records and the errors for bad ones are the same. Only the
/// tests' oracle now: the player reads places with the reader below ([`FromJson`] for [`Progress`]).
#[cfg(test)]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredProgress {
    learner_id: String,
    package_id: String,
    activity_id: String,
    updated_at: EpochMs,
    step: StepKind,
    #[serde(default)]
    item_id: Option<String>,
    #[serde(default)]
    hints_shown: u32,
    #[serde(default)]
    draft: Option<Response>,
    #[serde(default)]
    reason: Option<Box<Reason>>,
    #[serde(default)]
    solution_shown: bool,
    #[serde(default)]
    values: Values,
    #[serde(default)]
    page_id: Option<String>,
    #[serde(default)]
    attempt_id: Option<String>,
}

/// The `step` tag of a stored [`Progress`].
#[cfg(test)]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
enum StepKind {
    Answering,
    Reading,
    Feedback,
    Finished,
}

#[cfg(test)]
impl TryFrom<StoredProgress> for Progress {
    type Error = String;

    fn try_from(s: StoredProgress) -> Result<Self, String> {
        use crate::json::read::required as need;
        let step = match s.step {
            StepKind::Answering => Step::Answering {
                item_id: need(s.item_id, "itemId")?,
                hints_shown: s.hints_shown,
                draft: s.draft,
                reason: s.reason,
                solution_shown: s.solution_shown,
                values: s.values,
            },
            StepKind::Reading => Step::Reading {
                page_id: need(s.page_id, "pageId")?,
            },
            StepKind::Feedback => Step::Feedback {
                item_id: need(s.item_id, "itemId")?,
                attempt_id: need(s.attempt_id, "attemptId")?,
            },
            StepKind::Finished => Step::Finished,
        };
        Ok(Progress {
            learner_id: s.learner_id,
            package_id: s.package_id,
            activity_id: s.activity_id,
            step,
            updated_at: s.updated_at,
        })
    }
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
        let page_known = match &self.step {
            Step::Reading { page_id } => activity.pages.iter().any(|p| &p.id == page_id),
            _ => true,
        };
        self.activity_id == activity.id
            && page_known
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
        // A lesson not begun starts at its first page, even when that page has no check.
        if answered.is_empty() {
            if let Some(page) = activity.pages.first() {
                let step = match page.check().and_then(|id| activity.item(id)) {
                    Some(item) => Step::answering(item, learner_id, 0, None),
                    None => Step::Reading {
                        page_id: page.id.clone(),
                    },
                };
                return Progress {
                    learner_id: learner_id.to_owned(),
                    package_id: manifest.id.clone(),
                    activity_id: activity.id.clone(),
                    step,
                    updated_at: 0,
                };
            }
        }
        let next = activity
            .item_order()
            .into_iter()
            .find(|id| !answered.contains(id))
            .and_then(|id| activity.item(id));
        let step = match next {
            Some(item) => Step::answering(item, learner_id, 0, None),
            None if answered.is_empty() && !activity.pages.is_empty() => {
                match activity.pages.first() {
                    Some(page) => Step::Reading {
                        page_id: page.id.clone(),
                    },
                    None => Step::Finished,
                }
            }
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

impl FromJson for Attempt {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(Attempt {
            id: m.req("id")?,
            learner_id: m.req("learnerId")?,
            package_id: m.req("packageId")?,
            package_version: m.req("packageVersion")?,
            activity_id: m.req("activityId")?,
            item_id: m.req("itemId")?,
            response: m.req("response")?,
            outcome: m.req("outcome")?,
            presented_at: m.req("presentedAt")?,
            answered_at: m.req("answeredAt")?,
            hints_used: m.or_default("hintsUsed")?,
            solution_viewed: m.or_default("solutionViewed")?,
            values: m.or_default("values")?,
            skills: m.or_default("skills")?,
            reason: m.opt::<Reason>("reason")?.map(Box::new),
            warnings: m.or_default("warnings")?,
            statement_ids: m.req("statementIds")?,
        })
    }
}

/// A learner's place: the step's tag (`step`) and its fields beside the record's own (and the store's
/// `key`, which is ignored).
impl FromJson for Progress {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let kind = tag(
            json,
            &path,
            "step",
            &["answering", "reading", "feedback", "finished"],
        )?;
        let m = Members::lenient(json, path)?;
        let step = match kind {
            0 => Step::Answering {
                item_id: m.req("itemId")?,
                hints_shown: m.or_default("hintsShown")?,
                draft: m.opt("draft")?,
                reason: m.opt::<Reason>("reason")?.map(Box::new),
                solution_shown: m.or_default("solutionShown")?,
                values: m.or_default("values")?,
            },
            1 => Step::Reading {
                page_id: m.req("pageId")?,
            },
            2 => Step::Feedback {
                item_id: m.req("itemId")?,
                attempt_id: m.req("attemptId")?,
            },
            _ => Step::Finished,
        };
        Ok(Progress {
            learner_id: m.req("learnerId")?,
            package_id: m.req("packageId")?,
            activity_id: m.req("activityId")?,
            step,
            updated_at: m.req("updatedAt")?,
        })
    }
}
