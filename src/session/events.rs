//! What the host page is told: `pacer:ready` once the player shows its first screen (who, which
//! activity, the score, whether it is finished), after an answer is stored `pacer:attempt` (the answer's
//! result and P(known) of every skill the session has seen) and `pacer:mastery` (P(known) of the item's
//! skills, with the threshold this activity counts as mastered), and `pacer:completed` when finishing
//! the activity queued its completion. The shell dispatches them as DOM events; which
//! numbers they carry is decided here, natively tested.
//!
//! Not here: dispatching (`web::events`), or anything sent to the LRS (`xapi`).

use super::{Attempt, Session};
use crate::collect::CollectOrdered;
use crate::xapi::Actor;
use serde::Serialize;
use std::collections::BTreeMap;

/// The detail of `pacer:attempt`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AttemptEvent {
    pub item_id: String,
    pub correct: bool,
    pub score: f64,
    pub hints_used: u32,
    /// P(known) of every skill of the session's model.
    pub mastery: BTreeMap<String, f64>,
}

/// The detail of `pacer:mastery`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MasteryEvent {
    /// P(known) of the skills of the item answered.
    pub skills: BTreeMap<String, f64>,
    /// The P(known) at which this activity counts a skill as mastered (its own rule's, else the
    /// package's).
    pub threshold: f64,
}

/// The detail of `pacer:ready`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadyEvent {
    pub learner: Actor,
    pub activity: String,
    /// Share of the activity's items right at the first try.
    pub score: f64,
    pub finished: bool,
}

/// The detail of `pacer:completed`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompletedEvent {
    pub activity: String,
    pub score: f64,
}

impl Session {
    /// The `pacer:ready` detail, as the session stands.
    pub fn ready_event(&self) -> ReadyEvent {
        let (score, finished) = self.score();
        ReadyEvent {
            learner: self.learner().actor.clone(),
            activity: self.activity().id.clone(),
            score,
            finished,
        }
    }

    /// The `pacer:completed` detail, once the move that finished the activity is stored.
    pub fn completed_event(&self) -> CompletedEvent {
        CompletedEvent {
            activity: self.activity().id.clone(),
            score: self.score().0,
        }
    }

    /// The `pacer:attempt` detail of `attempt`, once applied.
    pub fn attempt_event(&self, attempt: &Attempt) -> AttemptEvent {
        AttemptEvent {
            item_id: attempt.item_id.clone(),
            correct: attempt.outcome.correct,
            score: attempt.outcome.score,
            hints_used: attempt.hints_used,
            mastery: (self.model().skills())
                .map(|(id, s)| (id.to_owned(), s.p_known))
                .collect_map(),
        }
    }

    /// The `pacer:mastery` detail of `attempt`, once applied.
    pub fn mastery_event(&self, attempt: &Attempt) -> MasteryEvent {
        let skills = (self.activity().items.iter())
            .find(|i| i.id == attempt.item_id)
            .map(|i| i.skills.clone())
            .unwrap_or_default();
        MasteryEvent {
            skills: (skills.iter())
                .map(|s| (s.clone(), self.model().p_known(s)))
                .collect_map(),
            threshold: self.mastery_threshold(),
        }
    }
}
