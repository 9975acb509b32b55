//! An in-memory store with the same contract as the IndexedDB one ([`Store`]), for native tests and
//! simulations. Records are kept as IndexedDB keys them, so reads come back in the same order. It is not
//! durable and not shared between threads (like the page's store, it lives on one thread).

use super::backpack::Merge;
use super::snapshot::{CourseSnapshot, LogMark};
use super::{place, Store, StoreError};
use crate::journal::Entry;
use crate::session::{AnswerCommit, Attempt, Progress};
use crate::time::EpochMs;
use crate::xapi::outbox::pending_in_order;
use crate::xapi::{OutboxRow, OutboxState, RowUpdate};
use std::cell::RefCell;
use std::collections::BTreeMap;

/// Every record in memory, keyed as in IndexedDB.
#[derive(Debug, Default, Clone)]
pub struct MemoryStore {
    records: RefCell<Records>,
}

#[derive(Debug, Default, Clone)]
struct Records {
    attempts: BTreeMap<String, Attempt>,
    progress: BTreeMap<String, Progress>,
    outbox: BTreeMap<String, OutboxRow>,
    journal: BTreeMap<String, Entry>,
    meta: BTreeMap<String, String>,
    snapshots: BTreeMap<String, CourseSnapshot>,
}

impl Records {
    /// The write of one place, if [`place::check_written_from`] lets it through (checked before any write).
    fn commit_place(&mut self, expected: &Progress, progress: &Progress) -> Result<(), StoreError> {
        place::check_written_from(self.progress.get(&expected.key()), expected)?;
        self.progress.insert(progress.key(), progress.clone());
        Ok(())
    }

    /// Adds statements, never overwriting a row already there (it may be delivered).
    fn queue_new(&mut self, rows: &[OutboxRow]) {
        for row in rows {
            self.outbox
                .entry(row.id.clone())
                .or_insert_with(|| row.clone());
        }
    }
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs `write` as one transaction. Every write here checks what may refuse it (the place) before it
    /// changes anything, and nothing after that can fail, so a refused write leaves the records as they
    /// were without copying them (a copy per answer would make a long log quadratic).
    fn transaction<T>(
        &self,
        write: impl FnOnce(&mut Records) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        write(&mut self.records.borrow_mut())
    }

    fn read<T>(&self, read: impl FnOnce(&Records) -> T) -> Result<T, StoreError> {
        Ok(read(&self.records.borrow()))
    }
}

impl Store for MemoryStore {
    async fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.read(|r| r.meta.get(key).cloned())
    }

    async fn set_meta(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.transaction(|r| {
            r.meta.insert(key.to_owned(), value.to_owned());
            Ok(())
        })
    }

    async fn progress(&self, key: &str) -> Result<Option<Progress>, StoreError> {
        self.read(|r| r.progress.get(key).cloned())
    }

    async fn progress_of(&self, learner_id: &str) -> Result<Vec<Progress>, StoreError> {
        self.read(|r| {
            (r.progress.values())
                .filter(|p| p.learner_id == learner_id)
                .cloned()
                .collect()
        })
    }

    async fn places_in(
        &self,
        learner_id: &str,
        package_id: &str,
    ) -> Result<Vec<Progress>, StoreError> {
        self.read(|r| {
            (r.progress.values())
                .filter(|p| p.learner_id == learner_id && p.package_id == package_id)
                .cloned()
                .collect()
        })
    }

    async fn attempts_of(&self, learner_id: &str) -> Result<Vec<Attempt>, StoreError> {
        self.read(|r| {
            (r.attempts.values())
                .filter(|a| a.learner_id == learner_id)
                .cloned()
                .collect()
        })
    }

    async fn attempts_in(
        &self,
        learner_id: &str,
        package_id: &str,
        activity_id: &str,
    ) -> Result<Vec<Attempt>, StoreError> {
        self.read(|r| {
            (r.attempts.values())
                .filter(|a| {
                    a.learner_id == learner_id
                        && a.package_id == package_id
                        && a.activity_id == activity_id
                })
                .cloned()
                .collect()
        })
    }

    async fn package_log(
        &self,
        learner_id: &str,
        package_id: &str,
    ) -> Result<Vec<Attempt>, StoreError> {
        self.read(|r| {
            let mut log: Vec<Attempt> = (r.attempts.values())
                .filter(|a| a.learner_id == learner_id && a.package_id == package_id)
                .cloned()
                .collect();
            log.sort_by(|a, b| (a.answered_at, &a.id).cmp(&(b.answered_at, &b.id)));
            log
        })
    }

    async fn log_mark(&self, learner_id: &str, package_id: &str) -> Result<LogMark, StoreError> {
        let log = self.package_log(learner_id, package_id).await?;
        Ok(LogMark::of(&log, package_id))
    }

    async fn put_attempts(&self, attempts: &[Attempt]) -> Result<(), StoreError> {
        self.transaction(|r| {
            for a in attempts {
                r.attempts.insert(a.id.clone(), a.clone());
            }
            Ok(())
        })
    }

    async fn commit_answer(&self, commit: &AnswerCommit) -> Result<(), StoreError> {
        self.transaction(|r| {
            r.commit_place(&commit.expected, &commit.progress)?;
            r.attempts
                .insert(commit.attempt.id.clone(), commit.attempt.clone());
            r.queue_new(&commit.outbox);
            Ok(())
        })
    }

    async fn commit_progress(
        &self,
        expected: &Progress,
        progress: &Progress,
        rows: &[OutboxRow],
    ) -> Result<(), StoreError> {
        self.transaction(|r| {
            r.commit_place(expected, progress)?;
            r.queue_new(rows);
            Ok(())
        })
    }

    async fn queue(&self, rows: &[OutboxRow], meta: &[(&str, &str)]) -> Result<(), StoreError> {
        self.transaction(|r| {
            r.queue_new(rows);
            for (key, value) in meta {
                r.meta.insert((*key).to_owned(), (*value).to_owned());
            }
            Ok(())
        })
    }

    async fn pending_of(&self, learner_id: &str, limit: u32) -> Result<Vec<OutboxRow>, StoreError> {
        self.read(|r| {
            let rows: Vec<OutboxRow> = r.outbox.values().cloned().collect();
            pending_in_order(&rows, learner_id)
                .into_iter()
                .take(usize::try_from(limit).unwrap_or(usize::MAX))
                .cloned()
                .collect()
        })
    }

    async fn outbox_counts(&self, learner_id: &str) -> Result<(u32, u32), StoreError> {
        self.read(|r| {
            let mut counts = (0u32, 0u32);
            for row in r.outbox.values().filter(|row| row.learner_id == learner_id) {
                match row.state {
                    OutboxState::Pending => counts.0 += 1,
                    OutboxState::Rejected { .. } | OutboxState::Conflict { .. } => counts.1 += 1,
                    OutboxState::Delivered { .. } => {}
                }
            }
            counts
        })
    }

    async fn outbox_of(&self, learner_id: &str) -> Result<Vec<OutboxRow>, StoreError> {
        self.read(|r| {
            (r.outbox.values())
                .filter(|row| row.learner_id == learner_id)
                .cloned()
                .collect()
        })
    }

    async fn settle_rows(
        &self,
        updates: &[RowUpdate],
        stored: &BTreeMap<String, String>,
        now: EpochMs,
    ) -> Result<(), StoreError> {
        self.transaction(|r| {
            for update in updates {
                if let Some(row) = r.outbox.get_mut(update.id()) {
                    // A row settles once: a late answer for a row another tab settled changes nothing.
                    if row.is_pending() {
                        row.state = update.settled_state(now, stored.get(update.id()).cloned());
                    }
                }
            }
            Ok(())
        })
    }

    async fn prune_delivered(&self, before: EpochMs) -> Result<u32, StoreError> {
        self.transaction(|r| {
            let old =
                |row: &OutboxRow| matches!(row.state, OutboxState::Delivered { at } if at < before);
            let count = r.outbox.values().filter(|row| old(row)).count();
            r.outbox.retain(|_, row| !old(row));
            Ok(u32::try_from(count).unwrap_or(u32::MAX))
        })
    }

    async fn journal_of(&self, learner_id: &str) -> Result<Vec<Entry>, StoreError> {
        self.read(|r| {
            (r.journal.values())
                .filter(|e| e.learner_id() == learner_id)
                .cloned()
                .collect()
        })
    }

    async fn put_entry(&self, entry: &Entry) -> Result<(), StoreError> {
        self.transaction(|r| {
            r.journal.insert(entry.id().to_owned(), entry.clone());
            Ok(())
        })
    }

    async fn snapshot(&self, key: &str) -> Result<Option<CourseSnapshot>, StoreError> {
        self.read(|r| r.snapshots.get(key).cloned())
    }

    async fn put_snapshot(&self, snapshot: &CourseSnapshot) -> Result<(), StoreError> {
        self.transaction(|r| {
            r.snapshots.insert(snapshot.key.clone(), snapshot.clone());
            Ok(())
        })
    }

    async fn delete_snapshot(&self, key: &str) -> Result<(), StoreError> {
        self.transaction(|r| {
            r.snapshots.remove(key);
            Ok(())
        })
    }

    async fn import(&self, plan: &Merge) -> Result<(), StoreError> {
        self.transaction(|r| {
            for a in &plan.attempts {
                r.attempts.entry(a.id.clone()).or_insert_with(|| a.clone());
            }
            for p in &plan.progress {
                if place::replaces(r.progress.get(&p.key()), p) {
                    r.progress.insert(p.key(), p.clone());
                }
            }
            r.queue_new(&plan.outbox);
            for e in &plan.journal {
                r.journal
                    .entry(e.id().to_owned())
                    .or_insert_with(|| e.clone());
            }
            Ok(())
        })
    }

    async fn remove_learner(&self, learner_id: &str, meta_keys: &[&str]) -> Result<(), StoreError> {
        self.transaction(|r| {
            r.attempts.retain(|_, a| a.learner_id != learner_id);
            r.progress.retain(|_, p| p.learner_id != learner_id);
            r.outbox.retain(|_, row| row.learner_id != learner_id);
            r.journal.retain(|_, e| e.learner_id() != learner_id);
            let prefix = format!("{learner_id}\u{1f}");
            r.snapshots.retain(|key, _| !key.starts_with(&prefix));
            for key in meta_keys {
                r.meta.remove(*key);
            }
            Ok(())
        })
    }
}
