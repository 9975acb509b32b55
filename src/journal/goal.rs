//! A learner's goal ("master two skills this week") and how far they have come toward it.
//!
//! Progress is a fold over the attempt log like everything else the player knows about a learner: a skill
//! counts toward a goal when its P(known) crossed the package's mastery threshold between the moment the
//! goal was set and its end, and was still above it at the end (or now, while the goal runs). A skill that
//! was already mastered when the goal was set does not count: the goal is about what comes next.

use crate::collect::CollectOrdered;
use crate::engine::plan::{mastery_times, mastery_times_until};
use crate::json::read::tag;
use crate::json::{FromJson, Json, Members, Path, ReadError};
use crate::package::Manifest;
use crate::session::Attempt;
use crate::time::EpochMs;
#[cfg(test)]
use serde::Deserialize;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use thiserror::Error;

const DAY_MS: EpochMs = 86_400_000;
/// The longest a goal may run: long goals stop guiding what to do today.
pub const MAX_DAYS: u32 = 28;

/// What the learner means to reach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum GoalTarget {
    /// Master this many skills that were not mastered when the goal was set.
    MasterSkills { count: u32 },
    /// Master this skill.
    MasterSkill { skill: String },
}

/// A goal the learner set.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(rename_all = "camelCase")]
pub struct Goal {
    pub id: String,
    pub learner_id: String,
    pub package_id: String,
    pub target: GoalTarget,
    pub set_at: EpochMs,
    /// The end of the goal's window (exclusive).
    pub due_at: EpochMs,
}

/// A goal that cannot be set as asked.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum GoalError {
    #[error("a goal needs at least one skill")]
    NoSkills,
    #[error("only {left} skills of this course are not mastered yet; a goal of {asked} cannot be reached")]
    TooMany { asked: u32, left: u32 },
    #[error("this course has no skill `{0}`")]
    UnknownSkill(String),
    #[error("the skill `{0}` is mastered already")]
    AlreadyMastered(String),
    #[error("a goal runs for 1 to {MAX_DAYS} days, not {0}")]
    Span(u32),
}

/// Where the learner stands with a goal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GoalState {
    /// The goal runs; this many whole or part days are left.
    Working { days_left: u32 },
    /// Reached, at this time.
    Reached { at: EpochMs },
    /// The window closed before it was reached (what was mastered still counts as progress made).
    Closed,
}

/// Progress toward a goal: the skills that count, out of how many.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalProgress {
    /// Skills mastered toward the goal, in the order they were mastered.
    pub mastered: Vec<String>,
    pub target: u32,
    pub state: GoalState,
}

impl GoalProgress {
    /// How many of the target are done (never more than the target).
    pub fn done(&self) -> u32 {
        u32::try_from(self.mastered.len())
            .unwrap_or(u32::MAX)
            .min(self.target)
    }
}

impl Goal {
    /// Sets a goal of `target` for `days` days from `now`, checking it can be reached in `manifest` given
    /// the skills mastered now.
    pub fn set(
        ids: (String, String),
        manifest: &Manifest,
        attempts: &[Attempt],
        target: GoalTarget,
        days: u32,
        now: EpochMs,
    ) -> Result<Goal, GoalError> {
        if days == 0 || days > MAX_DAYS {
            return Err(GoalError::Span(days));
        }
        let mastered_now: BTreeSet<String> =
            mastery_times(manifest, attempts).into_keys().collect_set();
        match &target {
            GoalTarget::MasterSkills { count: 0 } => return Err(GoalError::NoSkills),
            GoalTarget::MasterSkills { count } => {
                let left = manifest
                    .skills
                    .iter()
                    .filter(|s| !mastered_now.contains(&s.id))
                    .count();
                let left = u32::try_from(left).unwrap_or(u32::MAX);
                if *count > left {
                    return Err(GoalError::TooMany {
                        asked: *count,
                        left,
                    });
                }
            }
            GoalTarget::MasterSkill { skill } => {
                if !manifest.skills.iter().any(|s| &s.id == skill) {
                    return Err(GoalError::UnknownSkill(skill.clone()));
                }
                if mastered_now.contains(skill) {
                    return Err(GoalError::AlreadyMastered(skill.clone()));
                }
            }
        }
        let (id, learner_id) = ids;
        Ok(Goal {
            id,
            learner_id,
            package_id: manifest.id.clone(),
            target,
            set_at: now,
            due_at: now + EpochMs::from(days) * DAY_MS,
        })
    }

    /// How far the learner has come, from their attempt log, at `now`.
    pub fn progress(
        &self,
        manifest: &Manifest,
        attempts: &[Attempt],
        now: EpochMs,
    ) -> GoalProgress {
        let mastered_at = mastery_times_until(manifest, attempts, self.counted_until(now));
        self.progress_from(&mastered_at, now)
    }

    /// The time up to which answers count at `now`: now, or the goal's last moment once it is over.
    pub fn counted_until(&self, now: EpochMs) -> EpochMs {
        now.min(self.due_at - 1)
    }

    /// [`Goal::progress`] from the mastery times at [`Goal::counted_until`] (for a caller that keeps
    /// them, such as a [`MasteryFold`](crate::engine::fold::MasteryFold)).
    pub fn progress_from(
        &self,
        mastered_at: &BTreeMap<String, EpochMs>,
        now: EpochMs,
    ) -> GoalProgress {
        let mut times: Vec<(EpochMs, &str)> = mastered_at
            .iter()
            .filter(|(skill, at)| **at >= self.set_at && self.counts(skill))
            .map(|(skill, at)| (*at, skill.as_str()))
            .collect();
        crate::collect::sort(&mut times);
        let target = match &self.target {
            GoalTarget::MasterSkills { count } => *count,
            GoalTarget::MasterSkill { .. } => 1,
        };
        let reached_at = usize::try_from(target)
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| times.get(i))
            .map(|(at, _)| *at);
        let state = match reached_at {
            Some(at) => GoalState::Reached { at },
            None if now >= self.due_at => GoalState::Closed,
            None => GoalState::Working {
                days_left: u32::try_from((self.due_at - now + DAY_MS - 1) / DAY_MS).unwrap_or(0),
            },
        };
        GoalProgress {
            mastered: times
                .into_iter()
                .map(|(_, skill)| skill.to_owned())
                .collect(),
            target,
            state,
        }
    }

    fn counts(&self, skill: &str) -> bool {
        match &self.target {
            GoalTarget::MasterSkills { .. } => true,
            GoalTarget::MasterSkill { skill: wanted } => wanted == skill,
        }
    }
}

impl FromJson for Goal {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(Goal {
            id: m.req("id")?,
            learner_id: m.req("learnerId")?,
            package_id: m.req("packageId")?,
            target: m.req("target")?,
            set_at: m.req("setAt")?,
            due_at: m.req("dueAt")?,
        })
    }
}

impl FromJson for GoalTarget {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let kind = tag(json, &path, "type", &["masterSkills", "masterSkill"])?;
        let m = Members::lenient(json, path)?;
        Ok(match kind {
            0 => GoalTarget::MasterSkills {
                count: m.req("count")?,
            },
            _ => GoalTarget::MasterSkill {
                skill: m.req("skill")?,
            },
        })
    }
}
