//! Browser tests of the IndexedDB store against the real IndexedDB of headless Chromium: the storage
//! contract's checks (`tests/store_contract/`, also run natively against the memory store by
//! `tests/store.rs`), and what only IndexedDB has (reopening, schema upgrades).
//! Run with `cargo test --target wasm32-unknown-unknown --no-default-features --features shell` (see scripts/test.sh).
#![cfg(target_arch = "wasm32")]

mod store_contract;

use pacer::session::{progress_key, AnswerCommit, Session};
use pacer::store::Store;
use pacer::web::idb_store::IdbStore;
use store_contract::{answer, session};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn fresh_store(name: &str) -> IdbStore {
    // Unique per run: tests in one runner session share the origin's IndexedDB.
    let unique = format!("{name}-{}", js_sys::Math::random());
    IdbStore::open(&unique).await.unwrap()
}

macro_rules! against_indexeddb {
    ($($check:ident),*) => {
        $(
            #[wasm_bindgen_test]
            async fn $check() {
                store_contract::$check(fresh_store(stringify!($check)).await).await;
            }
        )*
    };
}

// The storage contract's checks (`tests/store_contract/`), against the real IndexedDB.
for_each_check!(against_indexeddb);

#[wasm_bindgen_test]
async fn a_reopened_database_resumes_the_same_session() {
    let name = format!("resume-{}", js_sys::Math::random());
    let mut s = session("learner-b");
    {
        let store = IdbStore::open(&name).await.unwrap();
        let commit = answer(&s, 1, "a");
        store.commit_answer(&commit).await.unwrap();
        s.apply(&commit);
        let next = s.next(3_000);
        store
            .commit_progress(s.progress(), &next, &[])
            .await
            .unwrap();
        s.set_progress(next);
    }
    let store = IdbStore::open(&name).await.unwrap();
    let key = progress_key("learner-b", &s.manifest().id, &s.activity().id);
    let stored = store.progress(&key).await.unwrap();
    let attempts = store.attempts_of("learner-b").await.unwrap();
    let fresh = session("learner-b");
    let resumed = Session::resume(
        fresh.manifest().clone(),
        fresh.activity().clone(),
        fresh.learner().clone(),
        stored,
        attempts,
    );
    assert_eq!(resumed.progress(), s.progress());
    assert_eq!(resumed.attempts(), s.attempts());
    assert_eq!(resumed.current_item().unwrap().id, "uf-name-one-third");
}

/// Builds a database exactly as schema v1 left it, with one learner's records in it.
async fn v1_database(name: &str, commit: &AnswerCommit) {
    use idb::{Factory, IndexParams, KeyPath, ObjectStoreParams, TransactionMode};
    let factory = Factory::new().unwrap();
    let mut open = factory.open(name, Some(1)).unwrap();
    open.on_upgrade_needed(|event| {
        use idb::DatabaseEvent;
        let db = event.database().unwrap();
        let keyed = |key: &str| {
            let mut p = ObjectStoreParams::new();
            p.key_path(Some(KeyPath::new_single(key)));
            p
        };
        for store in ["attempts", "outbox"] {
            db.create_object_store(store, keyed("id"))
                .unwrap()
                .create_index(
                    "learnerId",
                    KeyPath::new_single("learnerId"),
                    Some(IndexParams::new()),
                )
                .unwrap();
        }
        db.create_object_store("progress", keyed("key")).unwrap();
        db.create_object_store("meta", keyed("key")).unwrap();
    });
    let db = open.await.unwrap();
    let tx = db
        .transaction(&["attempts", "outbox"], TransactionMode::ReadWrite)
        .unwrap();
    let plain = serde_wasm_bindgen::Serializer::json_compatible();
    use serde::Serialize;
    tx.object_store("attempts")
        .unwrap()
        .put(&commit.attempt.serialize(&plain).unwrap(), None)
        .unwrap()
        .await
        .unwrap();
    tx.object_store("outbox")
        .unwrap()
        .put(&commit.outbox[0].serialize(&plain).unwrap(), None)
        .unwrap()
        .await
        .unwrap();
    tx.commit().unwrap().await.unwrap();
    db.close();
}

#[wasm_bindgen_test]
async fn a_v1_database_upgrades_without_losing_a_record() {
    let name = format!("v1-{}", js_sys::Math::random());
    let s = session("learner-v1");
    let commit = answer(&s, 3, "b");
    v1_database(&name, &commit).await;

    let store = IdbStore::open(&name).await.unwrap();
    assert_eq!(
        store.attempts_of("learner-v1").await.unwrap(),
        vec![commit.attempt.clone()]
    );
    // v4's indexes cover attempts written under v1.
    let (package, activity) = (&s.manifest().id, &s.activity().id);
    assert_eq!(
        store
            .attempts_in("learner-v1", package, activity)
            .await
            .unwrap(),
        vec![commit.attempt.clone()]
    );
    let mark = store.log_mark("learner-v1", package).await.unwrap();
    assert_eq!((mark.len, mark.last), (1, Some(commit.attempt.id.clone())));
    let pending = store.pending_of("learner-v1", 10).await.unwrap();
    assert_eq!(
        pending.len(),
        1,
        "the v2 index covers rows written under v1"
    );
    assert_eq!(pending[0].statement, commit.outbox[0].statement);
    assert_eq!(store.outbox_counts("learner-v1").await.unwrap(), (1, 0));
    // v3 added the journal: empty after the upgrade, and it keeps what is written to it, per learner.
    assert!(store.journal_of("learner-v1").await.unwrap().is_empty());
    let reflection = pacer::journal::Reflection::write(
        ("r1".into(), "learner-v1".into()),
        ("course", "lesson"),
        pacer::journal::Prompt::WhatHelped,
        "the pictures",
        5,
    )
    .unwrap();
    let entry = pacer::journal::Entry::Reflection(reflection);
    store.put_entry(&entry).await.unwrap();
    assert_eq!(store.journal_of("learner-v1").await.unwrap(), vec![entry]);
    assert!(store.journal_of("someone-else").await.unwrap().is_empty());
    store.remove_learner("learner-v1", &[]).await.unwrap();
    assert!(store.journal_of("learner-v1").await.unwrap().is_empty());
}

/// The browser's Unicode normalisation (used instead of shipping tables) gives the scorers the same
/// answers as the native tables do in `check::text`'s tests.
#[wasm_bindgen_test]
fn browser_unicode_normalisation_matches_the_native_rules() {
    use pacer::package::normalisation::{matches, normalise, Normalisation};
    assert_eq!(pacer::unicode::nfc("e\u{301}"), "é");
    assert_eq!(pacer::unicode::strip_marks("Ñandú tercío"), "Nandu tercio");
    let loose = Normalisation {
        ignore_diacritics: true,
        ..Normalisation::default()
    };
    assert!(matches("  Un   TERCÍO ", "un tercio", &loose));
    assert!(!matches("tercío", "tercio", &Normalisation::default()));
    assert!(matches("te\u{301}", "té", &Normalisation::default()));
    let once = normalise(" Ǆemal  Ñ ", &loose);
    assert_eq!(normalise(&once, &loose), once, "idempotent");
}
