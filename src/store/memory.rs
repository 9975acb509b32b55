//! An in-memory store with the same contract as the IndexedDB one, for native tests and simulations.

use crate::session::{AnswerCommit, Attempt, Progress};
use crate::time::EpochMs;
use crate::xapi::{OutboxRow, OutboxState};
use std::collections::BTreeMap;

/// Every record in memory, keyed as in IndexedDB.
#[derive(Debug, Default, Clone)]
pub struct MemoryStore {
    attempts: BTreeMap<String, Attempt>,
    progress: BTreeMap<String, Progress>,
    outbox: BTreeMap<String, OutboxRow>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// Commits an answer: all of it or (on a panic before the end) none of it.
    pub fn commit_answer(&mut self, commit: &AnswerCommit) {
        let mut next = self.clone();
        next.attempts
            .insert(commit.attempt.id.clone(), commit.attempt.clone());
        next.progress
            .insert(commit.progress.key(), commit.progress.clone());
        for row in &commit.outbox {
            // A statement id already queued keeps its first row: a replayed commit never re-queues it.
            next.outbox
                .entry(row.id.clone())
                .or_insert_with(|| row.clone());
        }
        *self = next;
    }

    pub fn put_progress(&mut self, progress: &Progress) {
        self.progress.insert(progress.key(), progress.clone());
    }

    pub fn progress(&self, key: &str) -> Option<&Progress> {
        self.progress.get(key)
    }

    pub fn attempts_of(&self, learner_id: &str) -> Vec<Attempt> {
        self.attempts
            .values()
            .filter(|a| a.learner_id == learner_id)
            .cloned()
            .collect()
    }

    pub fn outbox(&self) -> Vec<OutboxRow> {
        self.outbox.values().cloned().collect()
    }

    /// Marks the statements `ids` delivered at `now`.
    pub fn mark_delivered(&mut self, ids: &[String], now: EpochMs) {
        for id in ids {
            if let Some(row) = self.outbox.get_mut(id) {
                row.state = OutboxState::Delivered { at: now };
            }
        }
    }
}
