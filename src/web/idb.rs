//! The few IndexedDB steps the player takes, as futures over plain `web-sys`: opening a database (with
//! its upgrade), deleting one, a request's result, and a transaction's end. Each is a `Promise` whose
//! `resolve` and `reject` are the request's or transaction's own handlers, so no Rust closure is kept but
//! the upgrade's (while the open lasts).
//!
//! Why not the `idb` crate, which did this before: the player used a small part of it, and its wasm is
//! over budget (#19). Replacing it took 16.2 KB gzip (level 9) off the whole player, measured with
//! `scripts/build.sh` before and after (December 2026): `pacer_bg.wasm` 399 048 -> 385 582 bytes,
//! `split_rest.wasm` 131 242 -> 128 694, `pacer.js` 12 248 -> 12 064; the whole player 587 739 -> 571 546.
//!
//! Not here: what is stored, the schema (`web::schema`), the mapping of errors to the storage
//! contract's (`web::idb_store`). Errors are left as the JavaScript values IndexedDB gives.

use std::future::Future;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbFactory, IdbOpenDbRequest, IdbRequest, IdbTransaction};

/// A promise that `set` hands to handlers: the first function resolves it, the second rejects it.
fn settled(set: impl FnOnce(&js_sys::Function, &js_sys::Function)) -> JsFuture {
    let mut set = Some(set);
    JsFuture::from(js_sys::Promise::new(&mut |resolve, reject| {
        if let Some(set) = set.take() {
            set(&resolve, &reject);
        }
    }))
}

/// The result of `request`, once it succeeds; its error (a `DOMException`) if it fails. The handlers
/// are set now, not when the future is first polled: a read awaited after others still hears its end.
pub(crate) fn result(request: IdbRequest) -> impl Future<Output = Result<JsValue, JsValue>> {
    let done = settled(|ok, failed| {
        request.set_onsuccess(Some(ok));
        request.set_onerror(Some(failed));
    });
    async move {
        let outcome = done.await;
        request.set_onsuccess(None);
        request.set_onerror(None);
        match outcome {
            Ok(_) => request.result(),
            Err(event) => Err(request.error().ok().flatten().map_or(event, JsValue::from)),
        }
    }
}

/// The end of `tx`: Ok once it commits; the error that aborted it, or null when it was aborted without
/// one (by `abort`).
pub(crate) async fn finished(tx: &IdbTransaction) -> Result<(), JsValue> {
    let done = settled(|ok, failed| {
        tx.set_oncomplete(Some(ok));
        tx.set_onabort(Some(failed));
    });
    let outcome = done.await;
    tx.set_oncomplete(None);
    tx.set_onabort(None);
    match outcome {
        Ok(_) => Ok(()),
        Err(_) => Err(tx.error().map_or(JsValue::NULL, JsValue::from)),
    }
}

/// The page's IndexedDB; an error when the browser has none or refuses it (private modes may).
pub(crate) fn factory() -> Result<IdbFactory, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    window
        .indexed_db()?
        .ok_or_else(|| JsValue::from_str("IndexedDB is not available"))
}

/// Opens the database `name` at `version`. When it is new or older, `upgrade` is given the database, the
/// upgrade transaction and the stored version; an error from it aborts the upgrade, so the open fails
/// and the stored data stays as it was.
pub(crate) async fn open(
    factory: &IdbFactory,
    name: &str,
    version: u32,
    upgrade: impl FnOnce(&IdbDatabase, &IdbTransaction, f64) -> Result<(), JsValue> + 'static,
) -> Result<IdbDatabase, JsValue> {
    let request = factory.open_with_u32(name, version)?;
    let mut upgrade = Some(upgrade);
    let on_upgrade = Closure::<dyn FnMut(web_sys::IdbVersionChangeEvent)>::new({
        let request = request.clone();
        move |event: web_sys::IdbVersionChangeEvent| {
            let Some(tx) = request.transaction() else {
                return;
            };
            let db = request.result().and_then(|db| db.dyn_into::<IdbDatabase>());
            let upgraded = match (db, upgrade.take()) {
                (Ok(db), Some(upgrade)) => upgrade(&db, &tx, event.old_version()),
                (Err(e), _) => Err(e),
                (_, None) => Ok(()),
            };
            if upgraded.is_err() {
                let _ = tx.abort();
            }
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let opened = result(request.clone().unchecked_into()).await;
    request.set_onupgradeneeded(None);
    drop(on_upgrade);
    opened?.dyn_into::<IdbDatabase>()
}

/// Deletes the database `name`.
pub(crate) async fn delete(name: &str) -> Result<(), JsValue> {
    let request: IdbOpenDbRequest = factory()?.delete_database(name)?;
    result(request.unchecked_into()).await.map(drop)
}

/// A list of names as the JavaScript array IndexedDB takes.
pub(crate) fn names(names: &[&str]) -> JsValue {
    names
        .iter()
        .map(|n| JsValue::from_str(n))
        .collect::<js_sys::Array>()
        .into()
}
