//! The IndexedDB store: the storage contract ([`Store`]) made durable, the same as
//! [`crate::store::MemoryStore`] keeps in memory.
//!
//! Schema (version [`DB_VERSION`]): `attempts` (key `id`, index `learnerId`), `progress` (key `key`),
//! `outbox` (key `id`, index `learnerId`), `journal` (key `id`, index `learnerId`), `meta` (key `key`). An answer commits in ONE read-write
//! transaction over `attempts`, `progress` and `outbox`; the caller shows feedback only after it resolves.

use super::schema::{self, ACTIVITY_INDEX, LEARNER_INDEX, LOG_INDEX, PENDING_ORDER_INDEX};
use crate::journal::Entry;
use crate::json::{FromJson, Json, Members, Path, ReadError};
use crate::session::{AnswerCommit, Attempt, Progress};
use crate::store::backpack::Merge;
use crate::store::snapshot::{CourseSnapshot, LogMark};
use crate::store::{place, stores, Store, DB_VERSION};
use crate::time::EpochMs;
use crate::xapi::{OutboxRow, OutboxState, RowUpdate};
use idb::{
    CursorDirection, Database, Factory, KeyRange, Query, Transaction, TransactionMode,
    TransactionResult,
};
use serde::Serialize;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::JsValue;

pub use crate::store::StoreError;

/// IndexedDB's errors, as the contract's: a write refused for want of space is [`StoreError::Full`].
impl From<idb::Error> for StoreError {
    fn from(e: idb::Error) -> Self {
        // idb wraps the DOMException in many variants; its name is in the debug text of each.
        if format!("{e:?}").contains("QuotaExceededError") {
            StoreError::Full
        } else {
            StoreError::Backend(e.to_string())
        }
    }
}

/// A handle on the open database; cheap to clone.
#[derive(Clone)]
pub struct IdbStore {
    db: Rc<Database>,
}

/// A row of the `meta` store.
#[derive(Serialize)]
struct Meta {
    key: String,
    value: String,
}

impl FromJson for Meta {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(Meta {
            key: m.req("key")?,
            value: m.req("value")?,
        })
    }
}

impl IdbStore {
    /// The database's name.
    pub(crate) fn name(&self) -> String {
        self.db.name()
    }

    /// Opens (creating or upgrading) the database `name`.
    pub async fn open(name: &str) -> Result<Self, StoreError> {
        let factory = Factory::new().map_err(|e| StoreError::Unavailable(e.to_string()))?;
        let mut request = factory.open(name, Some(DB_VERSION))?;
        request.on_upgrade_needed(|event| schema::upgrade(&event));
        let db = request.await?;
        Ok(IdbStore { db: Rc::new(db) })
    }

    async fn get<T: FromJson>(&self, store: &str, key: &str) -> Result<Option<T>, StoreError> {
        let tx = self.db.transaction(&[store], TransactionMode::ReadOnly)?;
        let value = tx.object_store(store)?.get(JsValue::from_str(key))?.await?;
        value.map(from_js).transpose()
    }

    async fn put_one<T: Serialize>(&self, store: &str, value: &T) -> Result<(), StoreError> {
        let tx = self.db.transaction(&[store], TransactionMode::ReadWrite)?;
        tx.object_store(store)?.put(&to_js(value)?, None)?.await?;
        finish(tx.commit()?.await?)
    }

    async fn all_of_learner<T: FromJson>(
        &self,
        store: &str,
        learner_id: &str,
    ) -> Result<Vec<T>, StoreError> {
        let tx = self.db.transaction(&[store], TransactionMode::ReadOnly)?;
        let index = tx.object_store(store)?.index(LEARNER_INDEX)?;
        let values = index
            .get_all(Some(Query::Key(JsValue::from_str(learner_id))), None)?
            .await?;
        from_js_all(values)
    }
}

impl Store for IdbStore {
    /// Reads a value from `meta`.
    async fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        let row: Option<Meta> = self.get(stores::META, key).await?;
        Ok(row.map(|m| m.value))
    }

    /// Writes a value to `meta`.
    async fn set_meta(&self, key: &str, value: &str) -> Result<(), StoreError> {
        let row = Meta {
            key: key.to_owned(),
            value: value.to_owned(),
        };
        self.put_one(stores::META, &row).await
    }

    /// The stored progress with `key`.
    async fn progress(&self, key: &str) -> Result<Option<Progress>, StoreError> {
        self.get(stores::PROGRESS, key).await
    }

    async fn attempts_in(
        &self,
        learner_id: &str,
        package_id: &str,
        activity_id: &str,
    ) -> Result<Vec<Attempt>, StoreError> {
        let tx = self
            .db
            .transaction(&[stores::ATTEMPTS], TransactionMode::ReadOnly)?;
        let key = js_sys::Array::of3(
            &JsValue::from_str(learner_id),
            &JsValue::from_str(package_id),
            &JsValue::from_str(activity_id),
        );
        let values = tx
            .object_store(stores::ATTEMPTS)?
            .index(ACTIVITY_INDEX)?
            .get_all(Some(Query::Key(key.into())), None)?
            .await?;
        let mut attempts: Vec<Attempt> = from_js_all(values)?;
        // The index orders equal keys by attempt id already; this keeps the contract's order explicit.
        crate::collect::sort_by(&mut attempts, |a, b| a.id.cmp(&b.id));
        Ok(attempts)
    }

    /// Read in pages of [`LOG_PAGE`], each its own transaction: an answer committed meanwhile waits for one
    /// page, not for the whole log, and no single task turns a year of records into Rust values. The log
    /// only grows at its end, so the pages join up; an attempt added meanwhile may or may not be in it.
    async fn package_log(
        &self,
        learner_id: &str,
        package_id: &str,
    ) -> Result<Vec<Attempt>, StoreError> {
        let mut log: Vec<Attempt> = Vec::new();
        loop {
            let range = match log.last() {
                None => package_range(learner_id, package_id)?,
                Some(last) => log_after(learner_id, package_id, last)?,
            };
            let tx = self
                .db
                .transaction(&[stores::ATTEMPTS], TransactionMode::ReadOnly)?;
            let values = tx
                .object_store(stores::ATTEMPTS)?
                .index(LOG_INDEX)?
                .get_all(Some(Query::KeyRange(range)), Some(LOG_PAGE))?
                .await?;
            let full = values.len() >= LOG_PAGE as usize;
            log.extend(from_js_all::<Attempt>(values)?);
            if !full {
                return Ok(log);
            }
        }
    }

    async fn log_mark(&self, learner_id: &str, package_id: &str) -> Result<LogMark, StoreError> {
        let tx = self
            .db
            .transaction(&[stores::ATTEMPTS], TransactionMode::ReadOnly)?;
        let index = tx.object_store(stores::ATTEMPTS)?.index(LOG_INDEX)?;
        let range = || package_range(learner_id, package_id).map(Query::KeyRange);
        let len = index.count(Some(range()?))?.await?;
        // The last entry in log order: a key cursor opened from the end reads one key, no record.
        let last = match index
            .open_key_cursor(Some(range()?), Some(CursorDirection::Prev))?
            .await?
        {
            Some(cursor) => cursor.primary_key()?.as_string(),
            None => None,
        };
        Ok(LogMark { len, last })
    }

    /// Writes attempts in bulk (a SCORM restore; benchmarks fill a large log with it).
    async fn put_attempts(&self, attempts: &[Attempt]) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction(&[stores::ATTEMPTS], TransactionMode::ReadWrite)?;
        let store = tx.object_store(stores::ATTEMPTS)?;
        for a in attempts {
            store.put(&to_js(a)?, None)?.await?;
        }
        finish(tx.commit()?.await?)
    }

    /// Removes statements the LRS acknowledged before `before` (any learner's): the first thing to go when
    /// storage is full. Attempts, places and undelivered statements are never pruned. Returns how many.
    async fn prune_delivered(&self, before: EpochMs) -> Result<u32, StoreError> {
        let tx = self
            .db
            .transaction(&[stores::OUTBOX], TransactionMode::ReadWrite)?;
        let outbox = tx.object_store(stores::OUTBOX)?;
        let mut pruned = 0;
        for value in outbox.get_all(None, None)?.await? {
            let row: OutboxRow = from_js(value)?;
            if matches!(row.state, OutboxState::Delivered { at } if at < before) {
                outbox
                    .delete(Query::Key(JsValue::from_str(&row.id)))?
                    .await?;
                pruned += 1;
            }
        }
        finish(tx.commit()?.await?)?;
        Ok(pruned)
    }

    /// Every stored place of `learner_id` (one per package and activity).
    async fn progress_of(&self, learner_id: &str) -> Result<Vec<Progress>, StoreError> {
        let tx = self
            .db
            .transaction(&[stores::PROGRESS], TransactionMode::ReadOnly)?;
        let values = tx
            .object_store(stores::PROGRESS)?
            .get_all(Some(Query::KeyRange(learner_prefix(learner_id)?)), None)?
            .await?;
        from_js_all(values)
    }

    /// The places of `learner_id` in `package_id`: the keys `learner \u{1f} package \u{1f} *`.
    async fn places_in(
        &self,
        learner_id: &str,
        package_id: &str,
    ) -> Result<Vec<Progress>, StoreError> {
        let tx = self
            .db
            .transaction(&[stores::PROGRESS], TransactionMode::ReadOnly)?;
        let values = tx
            .object_store(stores::PROGRESS)?
            .get_all(
                Some(Query::KeyRange(key_prefix(&format!(
                    "{learner_id}\u{1f}{package_id}"
                ))?)),
                None,
            )?
            .await?;
        from_js_all(values)
    }

    /// Writes an imported record (a data backpack merge) in one transaction; existing ids are kept.
    async fn import(&self, plan: &Merge) -> Result<(), StoreError> {
        let names = [
            stores::ATTEMPTS,
            stores::PROGRESS,
            stores::OUTBOX,
            stores::JOURNAL,
        ];
        let tx = self.db.transaction(&names, TransactionMode::ReadWrite)?;
        let written = write_import(&tx, plan).await;
        settle(tx, written).await
    }

    /// Removes every record of `learner_id` from this device, and the `meta` keys given, in one transaction.
    async fn remove_learner(&self, learner_id: &str, meta_keys: &[&str]) -> Result<(), StoreError> {
        let names = [
            stores::ATTEMPTS,
            stores::PROGRESS,
            stores::OUTBOX,
            stores::JOURNAL,
            stores::META,
            stores::SNAPSHOTS,
        ];
        let tx = self.db.transaction(&names, TransactionMode::ReadWrite)?;
        let written = write_removal(&tx, learner_id, meta_keys).await;
        settle(tx, written).await
    }

    /// Every goal and reflection of `learner_id`.
    async fn journal_of(&self, learner_id: &str) -> Result<Vec<Entry>, StoreError> {
        self.all_of_learner(stores::JOURNAL, learner_id).await
    }

    /// Stores a goal or a reflection (resolves once it is durable).
    async fn put_entry(&self, entry: &Entry) -> Result<(), StoreError> {
        self.put_one(stores::JOURNAL, entry).await
    }

    /// Every attempt of `learner_id`.
    async fn attempts_of(&self, learner_id: &str) -> Result<Vec<Attempt>, StoreError> {
        self.all_of_learner(stores::ATTEMPTS, learner_id).await
    }

    async fn snapshot(&self, key: &str) -> Result<Option<CourseSnapshot>, StoreError> {
        self.get(stores::SNAPSHOTS, key).await
    }

    async fn put_snapshot(&self, snapshot: &CourseSnapshot) -> Result<(), StoreError> {
        self.put_one(stores::SNAPSHOTS, snapshot).await
    }

    async fn delete_snapshot(&self, key: &str) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction(&[stores::SNAPSHOTS], TransactionMode::ReadWrite)?;
        tx.object_store(stores::SNAPSHOTS)?
            .delete(Query::Key(JsValue::from_str(key)))?
            .await?;
        finish(tx.commit()?.await?)
    }

    /// Stores the learner's new place and the statements it queues (a completion), in one transaction,
    /// unless another tab stored a newer place first ([`StoreError::Stale`]).
    async fn commit_progress(
        &self,
        expected: &Progress,
        progress: &Progress,
        rows: &[OutboxRow],
    ) -> Result<(), StoreError> {
        let tx = self.db.transaction(
            &[stores::PROGRESS, stores::OUTBOX],
            TransactionMode::ReadWrite,
        )?;
        let written = write_place(&tx, expected, None, progress, rows).await;
        settle(tx, written).await
    }

    /// The oldest `limit` pending statements of `learner_id`, in delivery order.
    async fn pending_of(&self, learner_id: &str, limit: u32) -> Result<Vec<OutboxRow>, StoreError> {
        let tx = self
            .db
            .transaction(&[stores::OUTBOX], TransactionMode::ReadOnly)?;
        let index = tx
            .object_store(stores::OUTBOX)?
            .index(PENDING_ORDER_INDEX)?;
        let values = index
            .get_all(
                Some(Query::KeyRange(state_range(learner_id, "pending")?)),
                Some(limit),
            )?
            .await?;
        from_js_all(values)
    }

    /// How many statements of `learner_id` are pending, and how many the LRS refused (set aside).
    async fn outbox_counts(&self, learner_id: &str) -> Result<(u32, u32), StoreError> {
        let tx = self
            .db
            .transaction(&[stores::OUTBOX], TransactionMode::ReadOnly)?;
        let index = tx
            .object_store(stores::OUTBOX)?
            .index(PENDING_ORDER_INDEX)?;
        let mut counts = [0u32; 3];
        for (n, state) in ["pending", "rejected", "conflict"].iter().enumerate() {
            counts[n] = index
                .count(Some(Query::KeyRange(state_range(learner_id, state)?)))?
                .await?;
        }
        Ok((counts[0], counts[1] + counts[2]))
    }

    /// Every outbox row of `learner_id`, delivered or not.
    async fn outbox_of(&self, learner_id: &str) -> Result<Vec<OutboxRow>, StoreError> {
        self.all_of_learner(stores::OUTBOX, learner_id).await
    }

    /// Commits one answer atomically: attempt, progress and statements, or nothing.
    async fn commit_answer(&self, commit: &AnswerCommit) -> Result<(), StoreError> {
        let names = [stores::ATTEMPTS, stores::PROGRESS, stores::OUTBOX];
        let tx = self.db.transaction(&names, TransactionMode::ReadWrite)?;
        let written = write_place(
            &tx,
            &commit.expected,
            Some(&commit.attempt),
            &commit.progress,
            &commit.outbox,
        )
        .await;
        settle(tx, written).await
    }

    /// Queues statements and records facts in `meta`, in one transaction (cmi5 session events).
    async fn queue(&self, rows: &[OutboxRow], meta: &[(&str, &str)]) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction(&[stores::OUTBOX, stores::META], TransactionMode::ReadWrite)?;
        let written = write_queue(&tx, rows, meta).await;
        settle(tx, written).await
    }

    /// Stores the outcome of a POST: each row's new state, in one transaction. `stored` holds what the LRS
    /// has under the id of each conflict, when it could be read.
    async fn settle_rows(
        &self,
        updates: &[RowUpdate],
        stored: &BTreeMap<String, String>,
        now: EpochMs,
    ) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction(&[stores::OUTBOX], TransactionMode::ReadWrite)?;
        let written = write_settled(&tx, updates, stored, now).await;
        settle(tx, written).await
    }
}

/// The stored place under `key`, read inside the write's transaction.
async fn stored_place(tx: &Transaction, key: &str) -> Result<Option<Progress>, StoreError> {
    let stored = tx
        .object_store(stores::PROGRESS)?
        .get(JsValue::from_str(key))?
        .await?;
    stored.map(from_js).transpose()
}

/// A write of a new place (with an answer's attempt, if any) and the statements it queues, shaped for one
/// round trip to the database before the commit: the reads (the stored place, whether each statement is
/// queued already) and the attempt's and place's writes are issued at once; IndexedDB runs a
/// transaction's requests in order, so the reads see the records as they were. Only the statements wait
/// for their reads. A write made from a place that is no longer the stored one (another tab moved on
/// first, by the core's rule [`place::check_written_from`]) returns [`StoreError::Stale`] and the caller
/// aborts the transaction, writes and all; a write that fails aborts it too, and `settle` reports it. (Awaiting each request in
/// turn cost an event-loop hop apiece, and a listener each: at 4x CPU a third of an answer's commit.)
async fn write_place(
    tx: &Transaction,
    expected: &Progress,
    attempt: Option<&Attempt>,
    progress: &Progress,
    rows: &[OutboxRow],
) -> Result<(), StoreError> {
    let place = tx
        .object_store(stores::PROGRESS)?
        .get(JsValue::from_str(&expected.key()))?;
    let outbox = tx.object_store(stores::OUTBOX)?;
    let queued = (rows.iter())
        .map(|row| outbox.get(JsValue::from_str(&row.id)))
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(attempt) = attempt {
        let attempts = tx.object_store(stores::ATTEMPTS)?;
        drop(attempts.put(&to_js(attempt)?, None)?);
    }
    drop(
        tx.object_store(stores::PROGRESS)?
            .put(&place_js(progress)?, None)?,
    );
    let stored: Option<Progress> = place.await?.map(from_js).transpose()?;
    place::check_written_from(stored.as_ref(), expected)?;
    for (row, queued) in rows.iter().zip(queued) {
        if queued.await?.is_none() {
            drop(outbox.put(&to_js(row)?, None)?);
        }
    }
    Ok(())
}

/// Writes a learner's place under its key.
async fn put_place(tx: &Transaction, progress: &Progress) -> Result<(), StoreError> {
    tx.object_store(stores::PROGRESS)?
        .put(&place_js(progress)?, None)?
        .await?;
    Ok(())
}

/// A place as stored: the record and its key.
fn place_js(progress: &Progress) -> Result<JsValue, StoreError> {
    let mut row = to_js(progress)?;
    set_key(&mut row, &progress.key());
    Ok(row)
}

/// Adds statements to the outbox, never overwriting a row already there (it may be delivered): the same
/// id is the same statement.
async fn queue_new(tx: &Transaction, rows: &[OutboxRow]) -> Result<(), StoreError> {
    let outbox = tx.object_store(stores::OUTBOX)?;
    for row in rows {
        if outbox.get(JsValue::from_str(&row.id))?.await?.is_none() {
            outbox.put(&to_js(row)?, None)?.await?;
        }
    }
    Ok(())
}

async fn write_queue(
    tx: &Transaction,
    rows: &[OutboxRow],
    meta: &[(&str, &str)],
) -> Result<(), StoreError> {
    queue_new(tx, rows).await?;
    let meta_store = tx.object_store(stores::META)?;
    for (key, value) in meta {
        let row = Meta {
            key: (*key).to_owned(),
            value: (*value).to_owned(),
        };
        meta_store.put(&to_js(&row)?, None)?.await?;
    }
    Ok(())
}

async fn write_settled(
    tx: &Transaction,
    updates: &[RowUpdate],
    stored: &BTreeMap<String, String>,
    now: EpochMs,
) -> Result<(), StoreError> {
    let outbox = tx.object_store(stores::OUTBOX)?;
    for update in updates {
        if let Some(value) = outbox.get(JsValue::from_str(update.id()))?.await? {
            let mut row: OutboxRow = from_js(value)?;
            // A row settles once: a late answer for a statement another tab settled changes nothing.
            if row.is_pending() {
                row.state = update.settled_state(now, stored.get(update.id()).cloned());
                outbox.put(&to_js(&row)?, None)?.await?;
            }
        }
    }
    Ok(())
}

/// Commits `tx` if every write succeeded; otherwise aborts it, so no partial write survives (a transaction
/// left alone would auto-commit the writes made before the failure).
async fn settle(tx: Transaction, written: Result<(), StoreError>) -> Result<(), StoreError> {
    if let Err(e) = written {
        let _ = tx.abort();
        return Err(e);
    }
    // A second handle on the same transaction, to read why it failed after `commit` consumed the first.
    let watcher = tx
        .store_names()
        .first()
        .and_then(|name| tx.object_store(name).ok())
        .map(|store| store.transaction());
    match tx.commit()?.await {
        Ok(TransactionResult::Committed) => Ok(()),
        Ok(TransactionResult::Aborted) => Err(failure(watcher, StoreError::Aborted)),
        Err(e) => Err(failure(watcher, e.into())),
    }
}

/// `Full` when the browser refused the write for want of space, `otherwise` for anything else.
fn failure(watcher: Option<Transaction>, otherwise: StoreError) -> StoreError {
    let quota = watcher
        .and_then(|t| t.error())
        .is_some_and(|e| e.name() == "QuotaExceededError");
    if quota {
        StoreError::Full
    } else {
        otherwise
    }
}

async fn write_import(tx: &Transaction, plan: &Merge) -> Result<(), StoreError> {
    let attempts = tx.object_store(stores::ATTEMPTS)?;
    for a in &plan.attempts {
        if attempts.get(JsValue::from_str(&a.id))?.await?.is_none() {
            attempts.put(&to_js(a)?, None)?.await?;
        }
    }
    for p in &plan.progress {
        if place::replaces(stored_place(tx, &p.key()).await?.as_ref(), p) {
            put_place(tx, p).await?;
        }
    }
    queue_new(tx, &plan.outbox).await?;
    let journal = tx.object_store(stores::JOURNAL)?;
    for entry in &plan.journal {
        if journal.get(JsValue::from_str(entry.id()))?.await?.is_none() {
            journal.put(&to_js(entry)?, None)?.await?;
        }
    }
    Ok(())
}

async fn write_removal(
    tx: &Transaction,
    learner_id: &str,
    meta_keys: &[&str],
) -> Result<(), StoreError> {
    for name in [stores::ATTEMPTS, stores::OUTBOX, stores::JOURNAL] {
        let store = tx.object_store(name)?;
        let keys = store
            .index(LEARNER_INDEX)?
            .get_all_keys(Some(Query::Key(JsValue::from_str(learner_id))), None)?
            .await?;
        for key in keys {
            store.delete(Query::Key(key))?.await?;
        }
    }
    for name in [stores::PROGRESS, stores::SNAPSHOTS] {
        tx.object_store(name)?
            .delete(Query::KeyRange(learner_prefix(learner_id)?))?
            .await?;
    }
    let meta = tx.object_store(stores::META)?;
    for key in meta_keys {
        meta.delete(Query::Key(JsValue::from_str(key)))?.await?;
    }
    Ok(())
}

/// Every progress key of `learner_id` (keys are `learner \u{1f} package \u{1f} activity`).
fn learner_prefix(learner_id: &str) -> Result<KeyRange, idb::Error> {
    key_prefix(learner_id)
}

/// Every key `prefix \u{1f} *` (progress and snapshot keys join their parts with U+001F, which no id holds).
fn key_prefix(prefix: &str) -> Result<KeyRange, idb::Error> {
    let low = JsValue::from_str(&format!("{prefix}\u{1f}"));
    let high = JsValue::from_str(&format!("{prefix}\u{1f}\u{10ffff}"));
    KeyRange::bound(&low, &high, None, None)
}

/// All keys `[learner_id, package_id, *, *]` of the `packageLog` index: a shorter array sorts before every
/// longer one it begins, and an array after any number.
fn package_range(learner_id: &str, package_id: &str) -> Result<KeyRange, idb::Error> {
    let low = js_sys::Array::of2(
        &JsValue::from_str(learner_id),
        &JsValue::from_str(package_id),
    );
    let high = js_sys::Array::of3(
        &JsValue::from_str(learner_id),
        &JsValue::from_str(package_id),
        &js_sys::Array::new(),
    );
    KeyRange::bound(&low.into(), &high.into(), None, None)
}

/// How many attempts [`IdbStore::package_log`] reads at a time (about a megabyte of records).
const LOG_PAGE: u32 = 1_000;

/// The keys of the `packageLog` index after `last`'s, in its package.
fn log_after(learner_id: &str, package_id: &str, last: &Attempt) -> Result<KeyRange, idb::Error> {
    let low = js_sys::Array::of4(
        &JsValue::from_str(learner_id),
        &JsValue::from_str(package_id),
        // Answer times are whole milliseconds since 1970: exact as a JavaScript number.
        &JsValue::from_f64(last.answered_at as f64),
        &JsValue::from_str(&last.id),
    );
    let high = js_sys::Array::of3(
        &JsValue::from_str(learner_id),
        &JsValue::from_str(package_id),
        &js_sys::Array::new(),
    );
    KeyRange::bound(&low.into(), &high.into(), Some(true), None)
}

/// All keys `[learner_id, state, *, *]` of the `pendingOrder` index.
fn state_range(learner_id: &str, state: &str) -> Result<KeyRange, idb::Error> {
    let bound = |edge: f64| {
        let key = js_sys::Array::new();
        key.push(&JsValue::from_str(learner_id));
        key.push(&JsValue::from_str(state));
        key.push(&JsValue::from_f64(edge));
        key.push(&JsValue::from_f64(edge));
        JsValue::from(key)
    };
    KeyRange::bound(&bound(f64::NEG_INFINITY), &bound(f64::INFINITY), None, None)
}

fn finish(result: TransactionResult) -> Result<(), StoreError> {
    match result {
        TransactionResult::Committed => Ok(()),
        TransactionResult::Aborted => Err(StoreError::Aborted),
    }
}

/// A record as a plain JS object, through JSON: one serde backend (serde_json) for the whole player keeps
/// the wasm small, and what is stored is exactly what an export or devtools shows.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, StoreError> {
    let json = serde_json::to_string(value).map_err(|e| StoreError::Record(e.to_string()))?;
    js_sys::JSON::parse(&json).map_err(|e| StoreError::Record(super::net::describe(e)))
}

/// A stored record back into its Rust type, read from its JSON text by the record's reader
/// (each beside its type, checked in `store/record_tests.rs`); a record that cannot be read names the JSON path at fault.
fn from_js<T: FromJson>(value: JsValue) -> Result<T, StoreError> {
    let json =
        js_sys::JSON::stringify(&value).map_err(|e| StoreError::Record(super::net::describe(e)))?;
    crate::json::from_str(&String::from(json)).map_err(|e| StoreError::Record(e.to_string()))
}

/// Stored records back into their Rust type, all through one `JSON.stringify` of the list: one crossing
/// between JavaScript and the wasm for the lot, not one per record. A record that cannot be read names its
/// place in the list and the JSON path at fault.
fn from_js_all<T: FromJson>(values: Vec<JsValue>) -> Result<Vec<T>, StoreError> {
    if values.is_empty() {
        return Ok(Vec::new());
    }
    let list: js_sys::Array = values.into_iter().collect();
    from_js(list.into())
}

fn set_key(object: &mut JsValue, key: &str) {
    // `object` is a plain object made by `to_js`, so setting a property cannot fail.
    let _ = js_sys::Reflect::set(object, &JsValue::from_str("key"), &JsValue::from_str(key));
}
