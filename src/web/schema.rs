//! Applies the IndexedDB schema's migrations ([`crate::store::schema`] says which stores and indexes
//! each version adds) inside the upgrade transaction.

use super::idb;
use crate::store::schema::{migration, Change};
use wasm_bindgen::JsValue;
use web_sys::{IdbDatabase, IdbObjectStoreParameters, IdbTransaction};

/// Runs every migration from the stored version `old` up to the current one, inside the upgrade
/// transaction `tx`. An error aborts the upgrade (`web::idb::open` does), so the open fails loudly and
/// the stored data stays as it was.
pub fn upgrade(db: &IdbDatabase, tx: &IdbTransaction, old: f64) -> Result<(), JsValue> {
    // A stored version is a whole number below 2^53; `as` saturates anything else.
    for change in migration(old as u32) {
        match *change {
            Change::Store { name, key } => {
                let params = IdbObjectStoreParameters::new();
                params.set_key_path(&JsValue::from_str(key));
                db.create_object_store_with_optional_parameters(name, &params)?;
            }
            Change::Index {
                store,
                name,
                fields,
            } => {
                let store = tx.object_store(store)?;
                match fields {
                    [one] => store.create_index_with_str(name, one)?,
                    many => store.create_index_with_str_sequence(name, &idb::names(many))?,
                };
            }
        }
    }
    Ok(())
}
