//! The resume form (#19): after the player draws an item a returning learner could answer by picking,
//! it keeps that screen's form (`crate::first::resume`, postcard) in `{db}-resume`, so that on the
//! learner's next visit `www/app.js` has the small first-item module draw it while the full player
//! loads, as on a new learner's first visit. Any other screen deletes it: a stale form is never drawn.
//!
//! Kept a moment after the render (the screen shows first) and only the last render's: a learner
//! moving quickly writes once. A form that cannot be kept costs nothing but the faster start.
//!
//! Not here: which screens have a form (the core decides), drawing it or taking its answer over
//! (`crates/first`, `web::first`), deciding when a visit may use it (`www/app.js`).

use super::idb;
use super::package_files::Assets;
use super::player::SharedPlayer;
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// The database's one object store, and the key of its one row (`{lang, form}`; `www/app.js` reads it).
const STORE: &str = "form";
const KEY: &str = "resume";
/// How long after a render of an item being answered its form is worked out and kept (the screen
/// shows first). Any other screen deletes it at once: the feedback after an answer must not leave the
/// answering screen behind for a visit that follows a crash.
const AFTER_MS: u32 = 400;

thread_local! {
    /// The pending keep; replacing it cancels the previous one.
    static PENDING: RefCell<Option<Timeout>> = const { RefCell::new(None) };
}

/// The resume database of the player's database `db`.
fn database(db: &str) -> String {
    format!("{db}-resume")
}

/// Keeps (or deletes) the form of the screen `player` shows now (`answering` an item, or another
/// screen), a moment from now.
pub(crate) fn keep_soon(player: &SharedPlayer, db: String, assets: &Assets, answering: bool) {
    let base = folder(assets);
    let player = player.clone();
    let timer = Timeout::new(if answering { AFTER_MS } else { 0 }, move || {
        let kept = base.and_then(|base| form_of(&player, &base));
        wasm_bindgen_futures::spawn_local(async move { said(write(&database(&db), kept).await) });
    });
    PENDING.with(|p| *p.borrow_mut() = Some(timer));
}

/// Keeps (or deletes) the form of the screen `player` shows now, at once (a draft was just given).
pub(crate) async fn keep_now(player: &SharedPlayer, db: String, assets: &Assets) {
    PENDING.with(|p| p.borrow_mut().take());
    let kept = folder(assets).and_then(|base| form_of(player, &base));
    said(write(&database(&db), kept).await);
}

/// Deletes the form now, without waiting for it (an answer is being written).
pub(crate) fn forget_soon(db: String) {
    PENDING.with(|p| p.borrow_mut().take());
    wasm_bindgen_futures::spawn_local(async move { said(write(&database(&db), None).await) });
}

/// The folder the media of a folder package are read from; None for a zipped course, whose media
/// are `blob:` URLs of this page alone.
fn folder(assets: &Assets) -> Option<String> {
    match assets {
        Assets::Folder(base) => Some(base.clone()),
        Assets::Zip(_) => None,
    }
}

/// The form of the screen `player` shows now (its language and bytes), when it has one.
fn form_of(player: &SharedPlayer, base: &str) -> Option<(String, Vec<u8>)> {
    let p = player.try_borrow().ok()?;
    let form = crate::first::resume(p.session(), base).ok()?;
    let bytes = postcard::to_allocvec(&form).ok()?;
    Some((form.screens.first()?.lang.clone(), bytes))
}

fn said(written: Result<(), JsValue>) {
    if let Err(e) = written {
        let e = super::net::describe(e);
        web_sys::console::warn_1(&format!("Pacer: the resume form was not kept: {e}").into());
    }
}

/// Deletes the form of the player's database `db` now (its learner's data is being removed: the next
/// visit must not draw their screen).
pub(crate) async fn forget(db: &str) {
    PENDING.with(|p| p.borrow_mut().take());
    said(write(&database(db), None).await);
}

/// Puts `kept` (its language and bytes) as the one row, or deletes the row for None.
async fn write(db: &str, kept: Option<(String, Vec<u8>)>) -> Result<(), JsValue> {
    let factory = idb::factory()?;
    let upgrade = |db: &web_sys::IdbDatabase, _: &_, _| db.create_object_store(STORE).map(drop);
    let db = idb::open(&factory, db, 1, upgrade).await?;
    let written = async {
        let tx = db.transaction_with_str_and_mode(STORE, web_sys::IdbTransactionMode::Readwrite)?;
        let store = tx.object_store(STORE)?;
        let key = JsValue::from_str(KEY);
        match kept {
            Some((lang, bytes)) => {
                let row = js_sys::Object::new();
                let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&row, &k.into(), v);
                let _ = set("lang", &JsValue::from_str(&lang));
                let _ = set("form", &js_sys::Uint8Array::from(bytes.as_slice()).into());
                idb::result(store.put_with_key(&row, &key)?).await?;
            }
            None => drop(idb::result(store.delete(&key)?).await?),
        }
        idb::finished(&tx).await
    }
    .await;
    db.close();
    written
}
