//! The data backpack: one learner's record as one JSON file that follows the student — attempts, places,
//! queued and delivered statements, the statements as a valid xAPI statement array, and the learner's
//! journal (goals and reflections) — and the merge that imports it on another device without duplicates
//! (by attempt id, statement id and journal entry id).

use crate::journal::Entry;
use crate::json::owned::Owned;
use crate::session::{Attempt, Progress};
use crate::time::EpochMs;
use crate::xapi::{OutboxRow, OutboxState};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use thiserror::Error;

/// The `format` field of every backpack file.
pub const FORMAT: &str = "pacer-backpack";
/// The version this build writes and reads.
pub const VERSION: u32 = 1;

/// A learner's exported record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(serde::Deserialize))]
#[serde(rename_all = "camelCase")]
pub struct Backpack {
    pub format: String,
    pub version: u32,
    pub exported_at: EpochMs,
    pub learner_id: String,
    pub attempts: Vec<Attempt>,
    pub progress: Vec<Progress>,
    /// Every statement with its delivery state on the exporting device.
    pub outbox: Vec<OutboxRow>,
    /// The same statements as an xAPI statement array, for any LRS or tool that reads xAPI.
    pub statements: Vec<Owned>,
    /// The learner's goals and reflections (absent from records made before they existed).
    #[serde(default)]
    pub journal: Vec<Entry>,
}

/// A file that is not a backpack this build can read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BackpackError {
    #[error("this file is not a Pacer record: {0}")]
    NotABackpack(String),
    #[error("this record was written by a newer Pacer (version {0}); update the player first")]
    TooNew(u32),
}

impl Backpack {
    /// Packs one learner's records.
    pub fn new(
        learner_id: &str,
        attempts: Vec<Attempt>,
        progress: Vec<Progress>,
        outbox: Vec<OutboxRow>,
        now: EpochMs,
    ) -> Self {
        let statements = outbox
            .iter()
            .filter_map(|r| crate::json::from_str(&r.statement.json).ok())
            .collect();
        Backpack {
            format: FORMAT.into(),
            version: VERSION,
            exported_at: now,
            learner_id: learner_id.to_owned(),
            attempts,
            progress,
            outbox,
            statements,
            journal: Vec::new(),
        }
    }

    /// The same backpack, carrying the learner's journal too.
    pub fn with_journal(mut self, journal: Vec<Entry>) -> Self {
        self.journal = journal;
        self
    }

    /// Reads a backpack file (by `store::reader`, which names the JSON path of a broken record).
    pub fn parse(text: &str) -> Result<Self, BackpackError> {
        super::reader::backpack(text)
    }
}

/// What importing a backpack adds to this device's records for `learner_id`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Merge {
    pub attempts: Vec<Attempt>,
    pub progress: Vec<Progress>,
    pub outbox: Vec<OutboxRow>,
    /// Goals and reflections new to this device.
    pub journal: Vec<Entry>,
    /// Records already here (same attempt, statement or journal entry id), skipped.
    pub skipped: usize,
}

impl Merge {
    /// Adds the backpack's journal entries that this device does not hold (`entry_ids`), moved to
    /// `learner_id`.
    pub fn take_journal(
        mut self,
        backpack: &Backpack,
        learner_id: &str,
        entry_ids: &BTreeSet<String>,
    ) -> Self {
        for entry in &backpack.journal {
            if entry_ids.contains(entry.id()) {
                self.skipped += 1;
            } else {
                self.journal.push(entry.for_learner(learner_id));
            }
        }
        self
    }
}

/// Plans the import of `backpack` for `learner_id`, given what this device already holds. Attempts and
/// places move to `learner_id`; statements keep their actor and id (changing them would make a different
/// statement), and arrive delivered if they were delivered, pending otherwise. A place is taken only if it
/// is newer than the one here.
pub fn merge(
    backpack: &Backpack,
    learner_id: &str,
    attempt_ids: &BTreeSet<String>,
    statement_ids: &BTreeSet<String>,
    places: &BTreeMap<String, Progress>,
) -> Merge {
    let mut plan = Merge::default();
    for a in &backpack.attempts {
        if attempt_ids.contains(&a.id) {
            plan.skipped += 1;
        } else {
            plan.attempts.push(Attempt {
                learner_id: learner_id.to_owned(),
                ..a.clone()
            });
        }
    }
    for r in &backpack.outbox {
        if statement_ids.contains(&r.id) {
            plan.skipped += 1;
            continue;
        }
        let state = match &r.state {
            OutboxState::Delivered { .. } => r.state.clone(),
            // Refused or conflicting elsewhere: try again here, the LRS may differ.
            _ => OutboxState::Pending,
        };
        plan.outbox.push(OutboxRow {
            learner_id: learner_id.to_owned(),
            state,
            ..r.clone()
        });
    }
    for p in &backpack.progress {
        let mine = Progress {
            learner_id: learner_id.to_owned(),
            ..p.clone()
        };
        let newer = places
            .get(&mine.key())
            .is_none_or(|here| here.updated_at < mine.updated_at);
        if newer {
            plan.progress.push(mine);
        }
    }
    plan
}

#[cfg(test)]
mod tests;
