//! Applies the IndexedDB schema's migrations ([`crate::store::schema`] says which stores and indexes
//! each version adds) inside the upgrade transaction.

use crate::store::schema::{migration, Change};
use idb::event::VersionChangeEvent;
use idb::{DatabaseEvent, Event, IndexParams, KeyPath, ObjectStoreParams, Request};

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
    let db = event.database()?;
    let tx = event
        .target()?
        .transaction()
        .ok_or(idb::Error::EventTargetNotFound)?;
    for change in migration(event.old_version()?) {
        match *change {
            Change::Store { name, key } => {
                let mut params = ObjectStoreParams::new();
                params.key_path(Some(KeyPath::new_single(key)));
                db.create_object_store(name, params)?;
            }
            Change::Index {
                store,
                name,
                fields,
            } => {
                let path = match fields {
                    [one] => KeyPath::new_single(one),
                    many => KeyPath::new_array(many.iter().copied()),
                };
                let params = Some(IndexParams::new());
                tx.object_store(store)?.create_index(name, path, params)?;
            }
        }
    }
    Ok(())
}
