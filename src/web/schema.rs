//! The IndexedDB schema and its migrations. Each version adds to the one before; nothing is ever dropped.
//!
//! - v1: `attempts` (key `id`, index `learnerId`), `outbox` (key `id`, index `learnerId`), `progress`
//!   (key `key`), `meta` (key `key`).
//! - v2: `outbox` index `pendingOrder` on `[learnerId, state, queuedAt, order]`, so the flusher reads the
//!   next batch of one learner's pending statements without reading the whole outbox.
//! - v3: `journal` (key `id`, index `learnerId`): the learner's goals and reflections.
//! - v4: `attempts` indexes `activityLog` on `[learnerId, packageId, activityId]` (one activity's attempts
//!   without the rest of the log) and `packageLog` on `[learnerId, packageId, answeredAt, id]` (the log of
//!   one package in order: its length and last attempt without reading it); `snapshots` (key `key`): the
//!   course-level fold kept as a cache ([`crate::store::snapshot`]).

use crate::store::stores;
use idb::event::VersionChangeEvent;
use idb::{Database, DatabaseEvent, Event, IndexParams, KeyPath, ObjectStoreParams, Request};

/// The index every per-learner store has.
pub const LEARNER_INDEX: &str = "learnerId";
/// The outbox's delivery-order index (v2).
pub const PENDING_ORDER_INDEX: &str = "pendingOrder";
/// The attempts of one learner in one activity of one package (v4).
pub const ACTIVITY_INDEX: &str = "activityLog";
/// The attempts of one learner in one package, in log order (v4).
pub const LOG_INDEX: &str = "packageLog";

/// Runs every migration from the stored version up to the current one, inside the upgrade transaction.
/// On any failure the upgrade is aborted, so the open fails loudly and the stored data stays as it was.
pub fn upgrade(event: &VersionChangeEvent) {
    if migrate(event).is_err() {
        if let Some(tx) = event
            .target()
            .ok()
            .and_then(|request| request.transaction())
        {
            let _ = tx.abort();
        }
    }
}

fn migrate(event: &VersionChangeEvent) -> Result<(), idb::Error> {
    let from = event.old_version()?;
    let db = event.database()?;
    if from < 1 {
        create_v1(&db)?;
    }
    if from < 2 {
        add_pending_order_index(event)?;
    }
    if from < 3 {
        create_journal(&db)?;
    }
    if from < 4 {
        add_log_indexes(event)?;
        let mut params = ObjectStoreParams::new();
        params.key_path(Some(KeyPath::new_single("key")));
        db.create_object_store(stores::SNAPSHOTS, params)?;
    }
    Ok(())
}

fn create_v1(db: &Database) -> Result<(), idb::Error> {
    let keyed = |key: &str| {
        let mut params = ObjectStoreParams::new();
        params.key_path(Some(KeyPath::new_single(key)));
        params
    };
    for name in [stores::ATTEMPTS, stores::OUTBOX] {
        let store = db.create_object_store(name, keyed("id"))?;
        store.create_index(
            LEARNER_INDEX,
            KeyPath::new_single(LEARNER_INDEX),
            Some(IndexParams::new()),
        )?;
    }
    db.create_object_store(stores::PROGRESS, keyed("key"))?;
    db.create_object_store(stores::META, keyed("key"))?;
    Ok(())
}

fn create_journal(db: &Database) -> Result<(), idb::Error> {
    let mut params = ObjectStoreParams::new();
    params.key_path(Some(KeyPath::new_single("id")));
    let store = db.create_object_store(stores::JOURNAL, params)?;
    store.create_index(
        LEARNER_INDEX,
        KeyPath::new_single(LEARNER_INDEX),
        Some(IndexParams::new()),
    )?;
    Ok(())
}

fn add_pending_order_index(event: &VersionChangeEvent) -> Result<(), idb::Error> {
    let tx = event
        .target()?
        .transaction()
        .ok_or(idb::Error::EventTargetNotFound)?;
    let outbox = tx.object_store(stores::OUTBOX)?;
    outbox.create_index(
        PENDING_ORDER_INDEX,
        KeyPath::new_array([LEARNER_INDEX, "state", "queuedAt", "order"]),
        Some(IndexParams::new()),
    )?;
    Ok(())
}

/// v4: the attempt log's indexes by activity and in log order. IndexedDB fills them from the attempts
/// already stored, inside the upgrade transaction.
fn add_log_indexes(event: &VersionChangeEvent) -> Result<(), idb::Error> {
    let tx = event
        .target()?
        .transaction()
        .ok_or(idb::Error::EventTargetNotFound)?;
    let attempts = tx.object_store(stores::ATTEMPTS)?;
    attempts.create_index(
        ACTIVITY_INDEX,
        KeyPath::new_array([LEARNER_INDEX, "packageId", "activityId"]),
        Some(IndexParams::new()),
    )?;
    attempts.create_index(
        LOG_INDEX,
        KeyPath::new_array([LEARNER_INDEX, "packageId", "answeredAt", "id"]),
        Some(IndexParams::new()),
    )?;
    Ok(())
}
