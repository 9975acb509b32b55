//! The storage contract as a trait: what every store of the player offers and promises. Every
//! [`super::tx::Backend`] implements it through `super::ops`: the IndexedDB store (`web::idb_store`, wasm
//! only) and [`super::MemoryStore`]; one suite of checks
//! (`tests/store_contract/`) runs against both, natively and in Chromium.
//!
//! The promises: an answer commits whole or not at all (attempt, place, statements); places only move
//! forward ([`super::place`]); a statement id already queued is never queued again, and a row settles once;
//! each learner's records are theirs alone. The trait is async because IndexedDB is; it asks for no `Send`
//! (the player runs on the page's one thread).

use crate::journal::Entry;
use crate::session::{AnswerCommit, Attempt, Progress};
use crate::store::backpack::Merge;
use crate::store::snapshot::{CourseSnapshot, LogMark};
use crate::time::EpochMs;
use crate::xapi::{OutboxRow, RowUpdate};
use std::collections::BTreeMap;
use thiserror::Error;

/// A storage operation that failed. Nothing is half-written: a failed transaction is rolled back.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("IndexedDB is not available in this browser: {0}")]
    Unavailable(String),
    #[error("IndexedDB error: {0}")]
    Backend(String),
    #[error("the transaction was aborted (storage full or blocked?)")]
    Aborted,
    #[error("a stored record could not be read or written: {0}")]
    Record(String),
    /// The storage for this site is full; nothing was written.
    #[error("the storage of this device is full")]
    Full,
    /// Another tab of the same learner changed the place first; nothing was written.
    #[error("this activity was changed in another tab")]
    Stale,
}

/// A store of the player's records. Every write is one transaction: it happens whole or not at all.
// `async fn` in a public trait: the futures are not `Send`, which is what the single-threaded player needs.
#[allow(async_fn_in_trait)]
pub trait Store {
    /// A value of `meta` (small facts about this device).
    async fn meta(&self, key: &str) -> Result<Option<String>, StoreError>;
    async fn set_meta(&self, key: &str, value: &str) -> Result<(), StoreError>;
    /// The value of `key`, `value` stored first when there is none, in one transaction: two tabs
    /// claiming the same key at once both get the value the first stored (a device's learner id).
    async fn claim_meta(&self, key: &str, value: &str) -> Result<String, StoreError>;

    /// The stored place with `key` ([`Progress::key`]).
    async fn progress(&self, key: &str) -> Result<Option<Progress>, StoreError>;
    /// Every stored place of `learner_id` (one per package and activity), in key order.
    async fn progress_of(&self, learner_id: &str) -> Result<Vec<Progress>, StoreError>;
    /// The stored places of `learner_id` in `package_id` (one per activity begun), in key order, without
    /// the places in other packages.
    async fn places_in(
        &self,
        learner_id: &str,
        package_id: &str,
    ) -> Result<Vec<Progress>, StoreError>;

    /// Every attempt of `learner_id`, in id order.
    async fn attempts_of(&self, learner_id: &str) -> Result<Vec<Attempt>, StoreError>;
    /// The attempts of `learner_id` in one activity of one package, in id order (through an index: the
    /// rest of the log is not read).
    async fn attempts_in(
        &self,
        learner_id: &str,
        package_id: &str,
        activity_id: &str,
    ) -> Result<Vec<Attempt>, StoreError>;
    /// The attempts of `learner_id` in one package, in log order (answer time, then id).
    async fn package_log(
        &self,
        learner_id: &str,
        package_id: &str,
    ) -> Result<Vec<Attempt>, StoreError>;
    /// Where the log of `learner_id` in `package_id` stands, without reading its attempts.
    async fn log_mark(&self, learner_id: &str, package_id: &str) -> Result<LogMark, StoreError>;
    /// Writes attempts in bulk (a SCORM restore); an attempt id already stored is overwritten by the same
    /// attempt (attempts never change).
    async fn put_attempts(&self, attempts: &[Attempt]) -> Result<(), StoreError>;

    /// Commits one answer: the attempt, the new place and the statements, or nothing. Refused whole with
    /// [`StoreError::Stale`] when the stored place is newer than `commit.expected`.
    async fn commit_answer(&self, commit: &AnswerCommit) -> Result<(), StoreError>;
    /// Stores a new place and the statements it queues (a completion), unless the stored place is newer
    /// than `expected` ([`StoreError::Stale`], nothing written).
    async fn commit_progress(
        &self,
        expected: &Progress,
        progress: &Progress,
        rows: &[OutboxRow],
    ) -> Result<(), StoreError>;

    /// Queues statements (an id already queued keeps its row) and records facts in `meta`, together.
    async fn queue(&self, rows: &[OutboxRow], meta: &[(&str, &str)]) -> Result<(), StoreError>;
    /// The oldest `limit` pending statements of `learner_id`, in delivery order (queued time, then order).
    async fn pending_of(&self, learner_id: &str, limit: u32) -> Result<Vec<OutboxRow>, StoreError>;
    /// How many statements of `learner_id` are pending, and how many the LRS refused (set aside).
    async fn outbox_counts(&self, learner_id: &str) -> Result<(u32, u32), StoreError>;
    /// Every outbox row of `learner_id`, delivered or not, in id order.
    async fn outbox_of(&self, learner_id: &str) -> Result<Vec<OutboxRow>, StoreError>;
    /// Stores the outcome of a POST: each still-pending row's new state (a row settles once). `stored`
    /// holds what the LRS has under the id of each conflict, when it could be read.
    async fn settle_rows(
        &self,
        updates: &[RowUpdate],
        stored: &BTreeMap<String, String>,
        now: EpochMs,
    ) -> Result<(), StoreError>;
    /// Marks the statements `ids` delivered at `now`.
    async fn mark_delivered(&self, ids: &[String], now: EpochMs) -> Result<(), StoreError> {
        let updates: Vec<RowUpdate> = ids
            .iter()
            .map(|id| RowUpdate::Delivered { id: id.clone() })
            .collect();
        self.settle_rows(&updates, &BTreeMap::new(), now).await
    }
    /// Removes statements the LRS acknowledged before `before` (any learner's): the first thing to go when
    /// storage is full. Attempts, places and undelivered statements are never pruned. Returns how many.
    async fn prune_delivered(&self, before: EpochMs) -> Result<u32, StoreError>;

    /// Every goal and reflection of `learner_id`, in id order.
    async fn journal_of(&self, learner_id: &str) -> Result<Vec<Entry>, StoreError>;
    /// Stores a goal or a reflection.
    async fn put_entry(&self, entry: &Entry) -> Result<(), StoreError>;

    /// The stored course snapshot under `key` ([`crate::store::snapshot::snapshot_key`]); a cache.
    async fn snapshot(&self, key: &str) -> Result<Option<CourseSnapshot>, StoreError>;
    /// Stores a course snapshot (replacing the one under its key).
    async fn put_snapshot(&self, snapshot: &CourseSnapshot) -> Result<(), StoreError>;
    /// Deletes the snapshot under `key`, if any (nothing the learner sees changes: it is rebuilt).
    async fn delete_snapshot(&self, key: &str) -> Result<(), StoreError>;

    /// Writes an imported record (a data backpack merge): ids already here are kept, and a place replaces
    /// the stored one only when it is newer.
    async fn import(&self, plan: &Merge) -> Result<(), StoreError>;
    /// Removes every record of `learner_id` from this device, and the `meta` keys given.
    async fn remove_learner(&self, learner_id: &str, meta_keys: &[&str]) -> Result<(), StoreError>;
}
