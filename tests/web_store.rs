//! Browser tests of the IndexedDB store against the real IndexedDB of headless Chromium.
//! Run with `cargo test --target wasm32-unknown-unknown --no-default-features` (see scripts/test.sh).
#![cfg(target_arch = "wasm32")]

use pacer::check::Response;
use pacer::package::{parse_activity, parse_manifest};
use pacer::session::{progress_key, AnswerCommit, CaptureIds, Learner, Session, Step};
use pacer::web::idb_store::IdbStore;
use pacer::xapi::{Actor, OutboxState};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const MANIFEST: &str = include_str!("../pkg.json");
const ACTIVITY: &str = include_str!("../content/unit-fractions-practice.json");

fn session(learner_id: &str) -> Session {
    let manifest = parse_manifest("pkg.json", MANIFEST).unwrap();
    let entry = manifest.activities[0].clone();
    let activity = parse_activity(&entry.file, ACTIVITY, &entry, &manifest).unwrap();
    let learner = Learner {
        id: learner_id.into(),
        actor: Actor::account("http://127.0.0.1:8080", learner_id),
        language: "en".into(),
        launch: None,
    };
    Session::resume(manifest, activity, learner, None, vec![])
}

fn answer(s: &Session, n: u32, option: &str) -> AnswerCommit {
    let ids = CaptureIds {
        attempt_id: format!("attempt-{n}"),
        statement_id: format!("6f1c2a3b-0000-4000-8000-{n:012}"),
    };
    s.answer(
        Response::Choice {
            option: option.into(),
        },
        ids,
        1_000,
        2_500,
    )
    .unwrap()
}

async fn fresh_store(name: &str) -> IdbStore {
    // Unique per run: tests in one runner session share the origin's IndexedDB.
    let unique = format!("{name}-{}", js_sys::Math::random());
    IdbStore::open(&unique).await.unwrap()
}

#[wasm_bindgen_test]
async fn an_answer_commits_attempt_progress_and_statement_together() {
    let store = fresh_store("commit").await;
    let s = session("learner-a");
    let commit = answer(&s, 1, "b");
    store.commit_answer(&commit).await.unwrap();

    let attempts = store.attempts_of("learner-a").await.unwrap();
    assert_eq!(attempts, vec![commit.attempt.clone()]);
    let key = progress_key("learner-a", &s.manifest().id, &s.activity().id);
    let progress = store.progress(&key).await.unwrap().unwrap();
    assert!(matches!(progress.step, Step::Feedback { .. }));
    let outbox = store.outbox_of("learner-a").await.unwrap();
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].statement, commit.outbox[0].statement);
    assert!(outbox[0].is_pending());
}

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

#[wasm_bindgen_test]
async fn a_replayed_commit_is_refused_and_delivered_statements_stay_delivered() {
    let store = fresh_store("replay").await;
    let s = session("learner-c");
    let commit = answer(&s, 7, "b");
    store.commit_answer(&commit).await.unwrap();
    store
        .mark_delivered(&[commit.outbox[0].id.clone()], 9_000)
        .await
        .unwrap();
    // The same commit again (a double click, a retried handler) is refused whole: the place moved on.
    assert!(matches!(
        store.commit_answer(&commit).await,
        Err(pacer::web::idb_store::StoreError::Stale)
    ));
    // Queueing the same statement again never re-queues it either.
    store.queue(&commit.outbox, &[]).await.unwrap();
    let outbox = store.outbox_of("learner-c").await.unwrap();
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].state, OutboxState::Delivered { at: 9_000 });
    assert_eq!(store.attempts_of("learner-c").await.unwrap().len(), 1);
}

#[wasm_bindgen_test]
async fn learners_never_see_each_others_records() {
    let store = fresh_store("partition").await;
    let a = session("learner-d");
    let b = session("learner-e");
    store.commit_answer(&answer(&a, 1, "b")).await.unwrap();
    store.commit_answer(&answer(&b, 2, "a")).await.unwrap();
    let of_d = store.attempts_of("learner-d").await.unwrap();
    assert_eq!(of_d.len(), 1);
    assert_eq!(of_d[0].learner_id, "learner-d");
    assert_eq!(store.outbox_of("learner-e").await.unwrap().len(), 1);
}

#[wasm_bindgen_test]
async fn meta_values_round_trip() {
    let store = fresh_store("meta").await;
    assert_eq!(store.meta("localLearnerId").await.unwrap(), None);
    store.set_meta("localLearnerId", "abc").await.unwrap();
    assert_eq!(
        store.meta("localLearnerId").await.unwrap().as_deref(),
        Some("abc")
    );
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

#[wasm_bindgen_test]
async fn pending_rows_come_oldest_first_and_counts_follow_their_state() {
    let store = fresh_store("order").await;
    let s = session("learner-f");
    let mut rows = Vec::new();
    for (n, at) in [(1u32, 30i64), (2, 10), (3, 20)] {
        let mut c = answer(&s, n, "b");
        c.outbox[0].queued_at = at;
        rows.push(c.outbox[0].clone());
    }
    store.queue(&rows, &[]).await.unwrap();
    let pending = store.pending_of("learner-f", 2).await.unwrap();
    let order: Vec<i64> = pending.iter().map(|r| r.queued_at).collect();
    assert_eq!(order, [10, 20], "oldest first, and the limit holds");
    let reject = pacer::xapi::RowUpdate::Rejected {
        id: rows[0].id.clone(),
        status: 400,
        reason: "bad".into(),
    };
    store
        .settle_rows(&[reject], &Default::default(), 5)
        .await
        .unwrap();
    store
        .mark_delivered(&[rows[1].id.clone()], 6)
        .await
        .unwrap();
    assert_eq!(store.outbox_counts("learner-f").await.unwrap(), (1, 1));
}

#[wasm_bindgen_test]
async fn pruning_frees_only_statements_delivered_before_the_window() {
    let store = fresh_store("prune").await;
    let s = session("learner-p");
    let old = answer(&s, 1, "b");
    let recent = answer(&s, 2, "b");
    let pending = answer(&s, 3, "b");
    for c in [&old, &recent, &pending] {
        store.queue(&c.outbox, &[]).await.unwrap();
    }
    store
        .mark_delivered(&[old.outbox[0].id.clone()], 1_000)
        .await
        .unwrap();
    store
        .mark_delivered(&[recent.outbox[0].id.clone()], 9_000)
        .await
        .unwrap();
    assert_eq!(store.prune_delivered(5_000).await.unwrap(), 1);
    let left: Vec<String> = store
        .outbox_of("learner-p")
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(left.len(), 2);
    assert!(!left.contains(&old.outbox[0].id));
    assert!(
        left.contains(&pending.outbox[0].id),
        "undelivered statements are never pruned"
    );
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
