//! Taking the page over from the first-item module (`crates/first`, #19): reading the answers it stored
//! in `{db}-first` before the player was here, and forgetting them once the player has recorded them.
//! Which answer the session takes, and what a row holds, are the core's (`crate::first::takeover`).
//!
//! Not here: drawing (the player draws the page afresh), recording (the player's Check path does).

use super::idb;
use crate::first::takeover::STORE;
use crate::first::Given;
use wasm_bindgen::prelude::*;
use web_sys::IdbTransactionMode;

/// The answers stored in `db` by the first-item module. A row that cannot be read is skipped and
/// said in the console; it stays stored.
pub(crate) async fn stored(db: &str) -> Vec<Given> {
    match read(db).await {
        Ok(rows) => rows
            .into_iter()
            .filter_map(|row| match given(&row) {
                Ok(g) => Some(g),
                Err(e) => {
                    web_sys::console::warn_1(&format!("{db}: an answer not taken: {e}").into());
                    None
                }
            })
            .collect(),
        Err(e) => {
            let e = super::net::describe(e);
            web_sys::console::warn_1(&format!("{db}: not read: {e}").into());
            Vec::new()
        }
    }
}

async fn read(db: &str) -> Result<Vec<JsValue>, JsValue> {
    // Not made here: the module made it if it stored an answer. A database made by this read would
    // outlive a page closed before `forget`, and the next visit would wait for the player to read it.
    let absent = std::rc::Rc::new(std::cell::Cell::new(false));
    let told = absent.clone();
    let factory = idb::factory()?;
    let opened = idb::open(&factory, db, 1, move |_, _, _| {
        told.set(true);
        Err(JsValue::from_str("no answer stored"))
    });
    let db = match opened.await {
        Ok(db) => db,
        Err(_) if absent.get() => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let rows = async {
        let tx = db.transaction_with_str_and_mode(STORE, IdbTransactionMode::Readonly)?;
        idb::result(tx.object_store(STORE)?.get_all()?).await
    }
    .await;
    // Closed on every path: an open connection would hold up the database's deletion (`forget`).
    db.close();
    Ok(rows?.dyn_into::<js_sys::Array>()?.to_vec())
}

/// One stored row, read by the core's reader of what `crates/first` writes.
fn given(row: &JsValue) -> Result<Given, String> {
    let text = js_sys::JSON::stringify(row).map_err(super::net::describe)?;
    crate::json::from_str(&String::from(text)).map_err(|e| e.to_string())
}

/// Deletes the first-item module's database once its answer is the player's own.
pub(crate) async fn forget(db: &str) {
    if let Err(e) = idb::delete(db).await {
        let e = super::net::describe(e);
        web_sys::console::warn_1(&format!("{db}: not deleted: {e}").into());
    }
}
