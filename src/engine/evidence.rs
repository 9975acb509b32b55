//! The evidence rules: which attempts update the learner model, and as what.
//!
//! An attempt summary ([`AttemptEvidence`]) becomes zero or more per-skill [`Observation`]s:
//! - only the **first attempt** on an item is evidence (on a parameterised item, the first attempt at each
//!   set of numbers it is shown with: a fresh variant is a new opportunity; [`opportunity`] keys them).
//!   Later attempts come after feedback, so they say more about the feedback than about what the learner
//!   knew;
//! - an answer given **after help** (a hint, the worked solution, or "I don't know yet") is evidence of
//!   *not knowing*: it counts as incorrect even if the final answer is right. This is the Cognitive Tutor
//!   convention BKT was built on (Corbett & Anderson 1995), and how PSLC DataShop's "Correct First
//!   Attempt" scores a step whose first action was a hint request, so parameters fitted with pyBKT on
//!   such logs assume it. It is not a penalty shown to the learner: asking for help never lowers a
//!   score, it only tells the model to offer more practice;
//! - an item tagged with **several skills** is evidence for each of them, with the same outcome (the
//!   standard "full credit or blame to every skill" of multi-skill BKT).
//!
//! This module does not score answers (that is `check`) and does not update anything (that is
//! [`super::learner`]).

use crate::package::params::Values;
use crate::time::EpochMs;
use serde::{Deserialize, Serialize};

/// One answer of a learner's log as the engine folds it: where and when it was given, and what it says.
/// The engine's own input type: the player's stored record (`session::Attempt`) implements it, and the
/// engine never sees that record.
pub trait LoggedAnswer {
    /// Unique in the log; breaks ties between answers given at the same time.
    fn id(&self) -> &str;
    fn package_id(&self) -> &str;
    fn activity_id(&self) -> &str;
    fn item_id(&self) -> &str;
    /// The skills the item gave evidence of when it was answered.
    fn skills(&self) -> &[String];
    fn answered_at(&self) -> EpochMs;
    /// Whether the response was scored correct.
    fn correct(&self) -> bool;
    /// Tiered hints opened before answering.
    fn hints_used(&self) -> u32;
    /// The worked solution was opened before answering.
    fn solution_viewed(&self) -> bool;
    /// The learner chose "I don't know yet".
    fn gave_up(&self) -> bool;
    /// Time from showing the item to the answer.
    fn response_ms(&self) -> u64;
    /// The numbers a parameterised item was shown with (empty for a fixed item).
    fn values(&self) -> &Values;

    /// What this answer tells the model (`first`: the first try on its item in its activity).
    fn evidence(&self, first: bool) -> AttemptEvidence {
        AttemptEvidence {
            item_id: self.item_id().to_owned(),
            skill_ids: self.skills().to_vec(),
            correct: self.correct(),
            first_attempt: first,
            hints_used: self.hints_used(),
            solution_viewed: self.solution_viewed(),
            gave_up: self.gave_up(),
            response_ms: self.response_ms(),
        }
    }
}

/// The opportunity an answer was given at: its activity, its item and, for a parameterised item, the
/// numbers shown. Only the first answer at an opportunity is evidence; every fold of the log (the
/// session's, the course's) keys first tries by it, and `pacer fit` applies the same rule to statements.
/// (U+001F joins the parts: no valid id holds it.)
pub fn opportunity<A: LoggedAnswer + ?Sized>(a: &A) -> String {
    if a.values().is_empty() {
        format!("{}\u{1f}{}", a.activity_id(), a.item_id())
    } else {
        format!(
            "{}\u{1f}{}\u{1f}{:?}",
            a.activity_id(),
            a.item_id(),
            a.values()
        )
    }
}

/// What the engine needs to know about one attempt on one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttemptEvidence {
    pub item_id: String,
    /// The skills the item is tagged with, in the package's order.
    pub skill_ids: Vec<String>,
    /// Whether the response was scored correct.
    pub correct: bool,
    /// Whether this is the learner's first attempt on this item (in this activity).
    pub first_attempt: bool,
    /// Hints revealed before answering.
    pub hints_used: u32,
    /// The worked solution was opened before answering.
    pub solution_viewed: bool,
    /// The learner chose "I don't know yet".
    pub gave_up: bool,
    /// Time from showing the item to the answer.
    pub response_ms: u64,
}

impl AttemptEvidence {
    /// Whether the learner had help (hint, solution, or gave up) before this answer.
    pub fn assisted(&self) -> bool {
        self.hints_used > 0 || self.solution_viewed || self.gave_up
    }
}

/// One piece of evidence about one skill: what the learner model folds over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Observation {
    pub skill_id: String,
    pub item_id: String,
    /// The outcome as evidence: false for a wrong answer and for any answer given after help.
    pub correct: bool,
    /// Help was used, so a correct answer was counted as incorrect (kept to explain it).
    pub assisted: bool,
    pub response_ms: u64,
}

/// The observations an attempt yields: none unless it is the first attempt, else one per distinct skill.
pub fn observations(attempt: &AttemptEvidence) -> Vec<Observation> {
    if !attempt.first_attempt {
        return Vec::new();
    }
    let assisted = attempt.assisted();
    let mut skills: Vec<&String> = Vec::with_capacity(attempt.skill_ids.len());
    for skill in &attempt.skill_ids {
        if !skills.contains(&skill) {
            skills.push(skill);
        }
    }
    skills
        .into_iter()
        .map(|skill_id| Observation {
            skill_id: skill_id.clone(),
            item_id: attempt.item_id.clone(),
            correct: attempt.correct && !assisted,
            assisted,
            response_ms: attempt.response_ms,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attempt(skills: &[&str]) -> AttemptEvidence {
        AttemptEvidence {
            item_id: "q1".into(),
            skill_ids: skills.iter().map(|s| s.to_string()).collect(),
            correct: true,
            first_attempt: true,
            hints_used: 0,
            solution_viewed: false,
            gave_up: false,
            response_ms: 4_000,
        }
    }

    #[test]
    fn first_unassisted_correct_answer_is_correct_evidence() {
        let obs = observations(&attempt(&["halves"]));
        assert_eq!(obs.len(), 1);
        assert!(obs[0].correct && !obs[0].assisted);
        assert_eq!(
            (obs[0].skill_id.as_str(), obs[0].item_id.as_str()),
            ("halves", "q1")
        );
        assert_eq!(obs[0].response_ms, 4_000);
    }

    #[test]
    fn later_attempts_are_not_evidence() {
        let mut a = attempt(&["halves"]);
        a.first_attempt = false;
        assert!(observations(&a).is_empty());
    }

    #[test]
    fn any_help_turns_a_correct_answer_into_incorrect_evidence() {
        let helps: [fn(&mut AttemptEvidence); 3] = [
            |a| a.hints_used = 1,
            |a| a.solution_viewed = true,
            |a| a.gave_up = true,
        ];
        for help in helps {
            let mut a = attempt(&["halves"]);
            help(&mut a);
            let obs = observations(&a);
            assert!(!obs[0].correct && obs[0].assisted, "{a:?}");
        }
    }

    #[test]
    fn wrong_answer_is_incorrect_evidence() {
        let mut a = attempt(&["halves"]);
        a.correct = false;
        let obs = observations(&a);
        assert!(!obs[0].correct && !obs[0].assisted);
    }

    #[test]
    fn attempt_json_is_camel_case() {
        let json = serde_json::to_value(attempt(&["halves"])).unwrap();
        assert_eq!(json["skillIds"][0], "halves");
        assert_eq!(json["firstAttempt"], true);
        assert_eq!(json["responseMs"], 4_000);
    }

    #[test]
    fn every_tagged_skill_gets_one_observation_in_order() {
        let obs = observations(&attempt(&["thirds", "halves", "thirds"]));
        let skills: Vec<&str> = obs.iter().map(|o| o.skill_id.as_str()).collect();
        assert_eq!(skills, ["thirds", "halves"]);
        assert!(obs.iter().all(|o| o.correct));
    }
}
