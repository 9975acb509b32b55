//! The storage contract's checks, written once and generic over [`Store`]: `tests/store.rs` runs them
//! natively against the memory store, `tests/web_store.rs` in Chromium against IndexedDB. A runner lists
//! them through [`for_each_check!`], so a check added here runs against both stores.
//!
//! Each check takes a store that holds nothing yet.

use pacer::check::Response;
use pacer::journal::{Entry, Prompt, Reflection};
use pacer::package::{parse_activity, parse_manifest};
use pacer::session::{
    progress_key, AnswerCommit, Attempt, CaptureIds, Learner, Progress, Session, Step,
};
use pacer::store::backpack::Merge;
use pacer::store::boot::{read_course, CourseRecords};
use pacer::store::snapshot::{snapshot_key, CourseSnapshot, LogMark};
use pacer::store::{Store, StoreError};
use pacer::xapi::{Actor, OutboxState, RowUpdate};
use std::collections::BTreeMap;

/// Calls `$runner!(check, ...)` with the name of every check of the contract.
#[macro_export]
macro_rules! for_each_check {
    ($runner:ident) => {
        $runner!(
            an_answer_commits_attempt_place_and_statement_together,
            a_commit_from_an_old_place_writes_nothing,
            places_only_move_forward,
            a_replayed_commit_is_refused_and_requeueing_changes_nothing,
            pending_rows_come_oldest_first_and_counts_follow_their_state,
            a_row_settles_once,
            pruning_frees_only_statements_delivered_before_the_window,
            learners_never_see_each_others_records,
            an_import_keeps_what_is_here_and_only_newer_places,
            meta_values_round_trip,
            a_meta_key_is_claimed_once,
            one_activitys_attempts_and_the_logs_mark_come_without_the_rest,
            a_snapshot_that_does_not_fit_the_log_is_rebuilt,
            deleting_the_snapshot_changes_nothing_the_learner_sees,
            a_long_log_reads_whole_and_in_order,
            a_courses_places_come_without_the_others
        );
    };
}

const MANIFEST: &str = include_str!("../../pkg.json");
const ACTIVITY: &str = include_str!("../../content/unit-fractions-practice.json");

pub fn session(learner_id: &str) -> Session {
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

/// The answer `option` to the current item, with attempt and statement ids made from `n`.
pub fn answer(s: &Session, n: u32, option: &str) -> AnswerCommit {
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

fn place_key(s: &Session) -> String {
    progress_key(&s.learner().id, &s.manifest().id, &s.activity().id)
}

fn reflection(id: &str, learner_id: &str) -> Entry {
    let r = Reflection::write(
        (id.into(), learner_id.into()),
        ("course", "lesson"),
        Prompt::WhatHelped,
        "the pictures",
        5,
    )
    .unwrap();
    Entry::Reflection(r)
}

pub async fn an_answer_commits_attempt_place_and_statement_together(store: impl Store) {
    let s = session("learner-a");
    let commit = answer(&s, 1, "b");
    store.commit_answer(&commit).await.unwrap();

    assert_eq!(
        store.attempts_of("learner-a").await.unwrap(),
        vec![commit.attempt.clone()]
    );
    let place = store.progress(&place_key(&s)).await.unwrap().unwrap();
    assert_eq!(place, commit.progress);
    assert!(matches!(place.step, Step::Feedback { .. }));
    let outbox = store.outbox_of("learner-a").await.unwrap();
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].statement, commit.outbox[0].statement);
    assert!(outbox[0].is_pending());
}

/// Atomic: a commit refused as stale leaves no attempt, no statement and the stored place as it was.
pub async fn a_commit_from_an_old_place_writes_nothing(store: impl Store) {
    let mut s = session("learner-b");
    let first = answer(&s, 1, "b");
    store.commit_answer(&first).await.unwrap();
    // Another tab moved on: the stored place is newer than the one this tab answers from.
    s.apply(&first);
    let moved = s.next(5_000);
    store
        .commit_progress(s.progress(), &moved, &[])
        .await
        .unwrap();
    let stale = AnswerCommit {
        expected: first.progress.clone(),
        ..answer(&session("learner-b"), 2, "a")
    };
    assert!(matches!(
        store.commit_answer(&stale).await,
        Err(StoreError::Stale)
    ));
    let attempts = store.attempts_of("learner-b").await.unwrap();
    assert_eq!(
        attempts,
        vec![first.attempt.clone()],
        "no attempt of the refused commit"
    );
    let outbox = store.outbox_of("learner-b").await.unwrap();
    assert_eq!(outbox.len(), 1, "no statement of the refused commit");
    assert_eq!(outbox[0].id, first.outbox[0].id);
    assert_eq!(store.progress(&place_key(&s)).await.unwrap(), Some(moved));
}

pub async fn places_only_move_forward(store: impl Store) {
    let s = session("learner-c");
    let start = s.progress().clone();
    let at = |updated_at: i64| Progress {
        updated_at,
        ..start.clone()
    };
    store.commit_progress(&start, &at(10), &[]).await.unwrap();
    // From the stored place, forward: written.
    store.commit_progress(&at(10), &at(20), &[]).await.unwrap();
    // From a place older than the stored one: refused, with the statements it would have queued.
    let completion = answer(&s, 9, "b").outbox;
    assert!(matches!(
        store.commit_progress(&at(10), &at(30), &completion).await,
        Err(StoreError::Stale)
    ));
    assert!(store.outbox_of("learner-c").await.unwrap().is_empty());
    assert_eq!(store.progress(&start.key()).await.unwrap(), Some(at(20)));
}

/// Idempotent re-queue: the same commit again is refused whole, and queueing a statement that is already
/// there (delivered or not) keeps the row that is there.
pub async fn a_replayed_commit_is_refused_and_requeueing_changes_nothing(store: impl Store) {
    let s = session("learner-d");
    let commit = answer(&s, 7, "b");
    store.commit_answer(&commit).await.unwrap();
    store
        .mark_delivered(&[commit.outbox[0].id.clone()], 9_000)
        .await
        .unwrap();
    assert!(matches!(
        store.commit_answer(&commit).await,
        Err(StoreError::Stale)
    ));
    store.queue(&commit.outbox, &[]).await.unwrap();
    store
        .commit_progress(&commit.progress, &commit.progress, &commit.outbox)
        .await
        .unwrap();
    let outbox = store.outbox_of("learner-d").await.unwrap();
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].state, OutboxState::Delivered { at: 9_000 });
    assert_eq!(store.attempts_of("learner-d").await.unwrap().len(), 1);
}

pub async fn pending_rows_come_oldest_first_and_counts_follow_their_state(store: impl Store) {
    let s = session("learner-e");
    let mut rows = Vec::new();
    for (n, at) in [(1u32, 30i64), (2, 10), (3, 20), (4, 10)] {
        let mut c = answer(&s, n, "b");
        c.outbox[0].queued_at = at;
        c.outbox[0].order = n;
        rows.push(c.outbox[0].clone());
    }
    store.queue(&rows, &[]).await.unwrap();
    let pending = store.pending_of("learner-e", 3).await.unwrap();
    let order: Vec<(i64, u32)> = pending.iter().map(|r| (r.queued_at, r.order)).collect();
    assert_eq!(
        order,
        [(10, 2), (10, 4), (20, 3)],
        "oldest first, and the limit holds"
    );
    assert_eq!(store.outbox_counts("learner-e").await.unwrap(), (4, 0));
    let updates = [
        RowUpdate::Rejected {
            id: rows[0].id.clone(),
            status: 400,
            reason: "bad".into(),
        },
        RowUpdate::Conflict {
            id: rows[3].id.clone(),
        },
    ];
    let stored = BTreeMap::from([(rows[3].id.clone(), "{}".to_owned())]);
    store.settle_rows(&updates, &stored, 5).await.unwrap();
    store
        .mark_delivered(&[rows[1].id.clone()], 6)
        .await
        .unwrap();
    assert_eq!(store.outbox_counts("learner-e").await.unwrap(), (1, 2));
    let left = store.pending_of("learner-e", 10).await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].id, rows[2].id);
    let conflict = store
        .outbox_of("learner-e")
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.id == rows[3].id)
        .unwrap();
    assert_eq!(
        conflict.state,
        OutboxState::Conflict {
            at: 5,
            stored: Some("{}".into())
        }
    );
}

/// A late answer from the LRS for a statement already settled (another tab's flusher) changes nothing.
pub async fn a_row_settles_once(store: impl Store) {
    let s = session("learner-f");
    let row = answer(&s, 1, "b").outbox.remove(0);
    store.queue(std::slice::from_ref(&row), &[]).await.unwrap();
    store
        .mark_delivered(std::slice::from_ref(&row.id), 100)
        .await
        .unwrap();
    let late = RowUpdate::Rejected {
        id: row.id.clone(),
        status: 400,
        reason: "late".into(),
    };
    store
        .settle_rows(&[late], &BTreeMap::new(), 200)
        .await
        .unwrap();
    store
        .mark_delivered(std::slice::from_ref(&row.id), 300)
        .await
        .unwrap();
    let rows = store.outbox_of("learner-f").await.unwrap();
    assert_eq!(rows[0].state, OutboxState::Delivered { at: 100 });
}

pub async fn pruning_frees_only_statements_delivered_before_the_window(store: impl Store) {
    let s = session("learner-g");
    let old = answer(&s, 1, "b");
    let recent = answer(&s, 2, "b");
    let pending = answer(&s, 3, "b");
    for c in [&old, &recent, &pending] {
        store.queue(&c.outbox, &[]).await.unwrap();
    }
    store.commit_answer(&old).await.unwrap();
    store
        .mark_delivered(&[old.outbox[0].id.clone()], 1_000)
        .await
        .unwrap();
    store
        .mark_delivered(&[recent.outbox[0].id.clone()], 9_000)
        .await
        .unwrap();
    assert_eq!(store.prune_delivered(5_000).await.unwrap(), 1);
    let left: Vec<String> = (store.outbox_of("learner-g").await.unwrap().into_iter())
        .map(|r| r.id)
        .collect();
    assert_eq!(left.len(), 2);
    assert!(!left.contains(&old.outbox[0].id));
    assert!(
        left.contains(&pending.outbox[0].id),
        "undelivered statements are never pruned"
    );
    assert_eq!(
        store.attempts_of("learner-g").await.unwrap().len(),
        1,
        "attempts are never pruned"
    );
}

/// Several learners on one device: each reads only their own records, and removing one leaves the others.
pub async fn learners_never_see_each_others_records(store: impl Store) {
    let a = session("learner-h");
    let b = session("learner-i");
    // "learner-h" is a prefix of neither; "learner-h2" shares its prefix, which must not leak either.
    let c = session("learner-h2");
    for (n, s) in [(1, &a), (2, &b), (3, &c)] {
        store.commit_answer(&answer(s, n, "b")).await.unwrap();
        let id = s.learner().id.clone();
        store
            .put_entry(&reflection(&format!("r{n}"), &id))
            .await
            .unwrap();
    }
    for s in [&a, &b, &c] {
        let id = s.learner().id.as_str();
        let attempts = store.attempts_of(id).await.unwrap();
        assert_eq!(attempts.len(), 1);
        assert_eq!(attempts[0].learner_id, id);
        assert_eq!(store.outbox_of(id).await.unwrap().len(), 1);
        assert_eq!(store.pending_of(id, 10).await.unwrap().len(), 1);
        assert_eq!(store.progress_of(id).await.unwrap().len(), 1);
        assert_eq!(store.journal_of(id).await.unwrap().len(), 1);
    }
    store.set_meta("language:learner-h", "es").await.unwrap();
    store.set_meta("language:learner-i", "en").await.unwrap();
    store
        .remove_learner("learner-h", &["language:learner-h"])
        .await
        .unwrap();
    assert!(store.attempts_of("learner-h").await.unwrap().is_empty());
    assert!(store.outbox_of("learner-h").await.unwrap().is_empty());
    assert!(store.progress_of("learner-h").await.unwrap().is_empty());
    assert!(store.journal_of("learner-h").await.unwrap().is_empty());
    assert_eq!(store.meta("language:learner-h").await.unwrap(), None);
    for id in ["learner-i", "learner-h2"] {
        assert_eq!(store.attempts_of(id).await.unwrap().len(), 1);
        assert_eq!(store.progress_of(id).await.unwrap().len(), 1);
        assert_eq!(store.journal_of(id).await.unwrap().len(), 1);
    }
    assert_eq!(
        store.meta("language:learner-i").await.unwrap().as_deref(),
        Some("en")
    );
}

/// A backpack import adds what is new: an attempt, statement or entry id already here keeps what is here,
/// and a place replaces the stored one only when it is newer.
pub async fn an_import_keeps_what_is_here_and_only_newer_places(store: impl Store) {
    let s = session("learner-j");
    let here = answer(&s, 1, "b");
    store.commit_answer(&here).await.unwrap();
    store
        .mark_delivered(&[here.outbox[0].id.clone()], 50)
        .await
        .unwrap();
    store
        .put_entry(&reflection("r-here", "learner-j"))
        .await
        .unwrap();
    let elsewhere = answer(&s, 2, "a");
    let mut changed = here.attempt.clone();
    changed.item_id = "changed elsewhere".into();
    let mut requeued = here.outbox[0].clone();
    requeued.state = OutboxState::Pending;
    let older = Progress {
        updated_at: here.progress.updated_at - 1,
        ..here.progress.clone()
    };
    let mut other_place = s.progress().clone();
    other_place.activity_id = "another-activity".into();
    let plan = Merge {
        attempts: vec![changed, elsewhere.attempt.clone()],
        progress: vec![older, other_place.clone()],
        outbox: vec![requeued, elsewhere.outbox[0].clone()],
        journal: vec![
            reflection("r-here", "someone"),
            reflection("r-new", "learner-j"),
        ],
        skipped: 0,
    };
    store.import(&plan).await.unwrap();
    let mut attempts = store.attempts_of("learner-j").await.unwrap();
    attempts.sort_by(|x, y| x.id.cmp(&y.id));
    assert_eq!(
        attempts,
        vec![here.attempt.clone(), elsewhere.attempt.clone()]
    );
    let outbox = store.outbox_of("learner-j").await.unwrap();
    assert_eq!(outbox.len(), 2);
    let kept = outbox.iter().find(|r| r.id == here.outbox[0].id).unwrap();
    assert_eq!(kept.state, OutboxState::Delivered { at: 50 });
    assert_eq!(
        store.progress(&here.progress.key()).await.unwrap(),
        Some(here.progress.clone()),
        "an older imported place does not replace a newer one"
    );
    assert_eq!(
        store.progress(&other_place.key()).await.unwrap(),
        Some(other_place)
    );
    let journal = store.journal_of("learner-j").await.unwrap();
    assert_eq!(journal.len(), 2);
}

pub async fn meta_values_round_trip(store: impl Store) {
    assert_eq!(store.meta("localLearnerId").await.unwrap(), None);
    store.set_meta("localLearnerId", "abc").await.unwrap();
    store
        .queue(&[], &[("cmi5:session", "s1"), ("localLearnerId", "abd")])
        .await
        .unwrap();
    assert_eq!(
        store.meta("localLearnerId").await.unwrap().as_deref(),
        Some("abd")
    );
    assert_eq!(
        store.meta("cmi5:session").await.unwrap().as_deref(),
        Some("s1")
    );
}

/// Two tabs opening a new device at once both claim its learner id: both must end up with one.
pub async fn a_meta_key_is_claimed_once(store: impl Store) {
    let (a, b) = pacer::store::boot::join(
        store.claim_meta("localLearnerId", "tab-a"),
        store.claim_meta("localLearnerId", "tab-b"),
    )
    .await;
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a, b, "both tabs get the id stored first");
    assert!(a == "tab-a" || a == "tab-b");
    assert_eq!(store.meta("localLearnerId").await.unwrap(), Some(a.clone()));
    let later = store.claim_meta("localLearnerId", "tab-c").await.unwrap();
    assert_eq!(later, a, "a claimed key keeps its value");
}

/// `n` attempts of `s`'s learner in `activity`, answered at `at`, `at + 1`, ... (ids `prefix-0`, ...).
fn attempts(s: &Session, activity: &str, prefix: &str, n: u32, at: i64) -> Vec<Attempt> {
    (0..n)
        .map(|i| {
            let mut a = answer(s, 1, "b").attempt;
            a.id = format!("{prefix}-{i:03}");
            // Each a first try at its own item, mostly right.
            a.item_id = format!("{prefix}-item-{i}");
            a.outcome.correct = i % 4 != 0;
            a.activity_id = activity.into();
            a.answered_at = at + i64::from(i);
            a.presented_at = a.answered_at - 5_000;
            a
        })
        .collect()
}

pub async fn one_activitys_attempts_and_the_logs_mark_come_without_the_rest(store: impl Store) {
    let s = session("learner-k");
    let package = s.manifest().id.clone();
    assert_eq!(
        store.log_mark("learner-k", &package).await.unwrap(),
        LogMark { len: 0, last: None }
    );
    let here = attempts(&s, "here", "h", 3, 50);
    let there = attempts(&s, "there", "t", 4, 10);
    let mut elsewhere = attempts(&s, "here", "x", 2, 90);
    for a in &mut elsewhere {
        a.package_id = "https://elsewhere.example/course".into();
    }
    let other_learner = attempts(&session("learner-k2"), "here", "o", 2, 99);
    for batch in [&here, &there, &elsewhere, &other_learner] {
        store.put_attempts(batch).await.unwrap();
    }
    assert_eq!(
        store
            .attempts_in("learner-k", &package, "here")
            .await
            .unwrap(),
        here
    );
    let log = store.package_log("learner-k", &package).await.unwrap();
    let ids: Vec<&str> = log.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        ["t-000", "t-001", "t-002", "t-003", "h-000", "h-001", "h-002"]
    );
    assert_eq!(
        store.log_mark("learner-k", &package).await.unwrap(),
        LogMark {
            len: 7,
            last: Some("h-002".into())
        }
    );
    // Ties in time are broken by id, in the mark as in the log.
    let mut tie = attempts(&s, "there", "z", 1, 52).remove(0);
    tie.id = "h-001a".into();
    store.put_attempts(&[tie]).await.unwrap();
    let mark = store.log_mark("learner-k", &package).await.unwrap();
    assert_eq!((mark.len, mark.last.as_deref()), (8, Some("h-002")));
}

/// The snapshot is rebuilt whenever the log moved: an attempt from another tab, an imported backpack with
/// older attempts, a snapshot of another format (a migration) or of another package version.
pub async fn a_snapshot_that_does_not_fit_the_log_is_rebuilt(store: impl Store) {
    let s = session("learner-m");
    let m = s.manifest().clone();
    let activity = s.activity().id.clone();
    store
        .put_attempts(&attempts(&s, &activity, "a", 30, 1_000))
        .await
        .unwrap();
    let fresh = |log: &[Attempt]| CourseSnapshot::build(&m, "learner-m", log);
    let first = read_course(&store, &m, "learner-m", &activity)
        .await
        .unwrap();
    assert!(first.rebuilt, "no snapshot yet");
    assert_eq!(first.attempts.len(), 30);
    let again = read_course(&store, &m, "learner-m", &activity)
        .await
        .unwrap();
    assert!(!again.rebuilt, "the stored snapshot fits the log");
    assert_eq!(
        again,
        CourseRecords {
            rebuilt: false,
            ..first.clone()
        }
    );

    // Another tab answered.
    let other_tab = attempts(&s, &activity, "b", 1, 5_000);
    store.put_attempts(&other_tab).await.unwrap();
    let after_tab = read_course(&store, &m, "learner-m", &activity)
        .await
        .unwrap();
    assert!(after_tab.rebuilt);
    let log = store.package_log("learner-m", &m.id).await.unwrap();
    assert_eq!(after_tab.snapshot, fresh(&log));
    assert_eq!(after_tab.snapshot.log.len, 31);

    // An imported backpack brought older answers, in another activity: the last attempt is the same.
    let imported = Merge {
        attempts: attempts(&s, "another-activity", "imp", 5, 10),
        ..Merge::default()
    };
    store.import(&imported).await.unwrap();
    let after_import = read_course(&store, &m, "learner-m", &activity)
        .await
        .unwrap();
    assert!(after_import.rebuilt);
    assert_eq!(
        after_import.attempts.len(),
        31,
        "only this activity's attempts"
    );
    let log = store.package_log("learner-m", &m.id).await.unwrap();
    assert_eq!(after_import.snapshot, fresh(&log));

    // A snapshot left by another format (a schema migration), or with wrong contents under a fitting mark
    // of another format, is not trusted.
    let mut migrated = after_import.snapshot.clone();
    migrated.format += 1;
    migrated.mastered_at.clear();
    store.put_snapshot(&migrated).await.unwrap();
    let after_migration = read_course(&store, &m, "learner-m", &activity)
        .await
        .unwrap();
    assert!(after_migration.rebuilt);
    assert_eq!(after_migration.snapshot, fresh(&log));

    // A new version of the package may fold differently.
    let mut updated = m.clone();
    updated.version = "2.0.0".into();
    let after_update = read_course(&store, &updated, "learner-m", &activity)
        .await
        .unwrap();
    assert!(after_update.rebuilt);
    assert_eq!(after_update.snapshot.package_version, "2.0.0");
}

/// The snapshot is only a cache: without it, the first screen gets the same records.
pub async fn deleting_the_snapshot_changes_nothing_the_learner_sees(store: impl Store) {
    let s = session("learner-n");
    let m = s.manifest().clone();
    let activity = s.activity().id.clone();
    store
        .put_attempts(&attempts(&s, &activity, "a", 40, 1_000))
        .await
        .unwrap();
    let kept = read_course(&store, &m, "learner-n", &activity)
        .await
        .unwrap();
    assert!(
        !kept.snapshot.mastered_at.is_empty(),
        "the log masters a skill"
    );
    let key = snapshot_key("learner-n", &m.id);
    store.delete_snapshot(&key).await.unwrap();
    assert_eq!(store.snapshot(&key).await.unwrap(), None);
    let without = read_course(&store, &m, "learner-n", &activity)
        .await
        .unwrap();
    assert!(without.rebuilt);
    assert_eq!(without.attempts, kept.attempts);
    assert_eq!(without.snapshot, kept.snapshot);
    assert_eq!(store.snapshot(&key).await.unwrap(), Some(kept.snapshot));
    // Removing the learner removes their snapshots too.
    store.remove_learner("learner-n", &[]).await.unwrap();
    assert_eq!(store.snapshot(&key).await.unwrap(), None);
}

/// A log longer than any page a store reads it in comes back whole, in log order (answer time, then id),
/// with runs of answers at the same time across the pages' edges, and nothing of another package or
/// learner.
pub async fn a_long_log_reads_whole_and_in_order(store: impl Store) {
    let s = session("learner-long");
    let package = s.manifest().id.clone();
    // 2,345 answers, seven at each time; stored in an order that is not the log's.
    let mut log = attempts(&s, "here", "l", 2_345, 0);
    for (i, a) in log.iter_mut().enumerate() {
        a.answered_at = 1_000 + i64::try_from(i / 7).unwrap();
        a.id = format!("l-{:04}", (i * 7919) % 10_000);
    }
    let mut stored = log.clone();
    stored.reverse();
    let mut elsewhere = attempts(&s, "here", "x", 5, 1_100);
    for a in &mut elsewhere {
        a.package_id = "https://elsewhere.example/course".into();
    }
    let other = attempts(&session("learner-long2"), "here", "o", 5, 1_100);
    for batch in [&stored[..], &elsewhere, &other] {
        store.put_attempts(batch).await.unwrap();
    }
    log.sort_by(|a, b| (a.answered_at, &a.id).cmp(&(b.answered_at, &b.id)));
    let read = store.package_log("learner-long", &package).await.unwrap();
    assert_eq!(read.len(), log.len());
    assert!(read == log, "the log comes back whole and in log order");
    assert_eq!(
        store.log_mark("learner-long", &package).await.unwrap(),
        LogMark::of(&log, &package)
    );
}

/// The places of one learner in one course, and none of another course or learner, even one whose id
/// begins with this one's.
pub async fn a_courses_places_come_without_the_others(store: impl Store) {
    let place = |learner: &str, package: &str, activity: &str| Progress {
        learner_id: learner.into(),
        package_id: package.into(),
        activity_id: activity.into(),
        step: Step::Finished,
        updated_at: 1_000,
    };
    let course = "https://pacer.example/course";
    let mine = vec![
        place("learner-p", course, "a"),
        place("learner-p", course, "b"),
    ];
    let others = vec![
        place("learner-p", &format!("{course}-2"), "a"),
        place("learner-p", "https://elsewhere.example/course", "a"),
        place("learner-p2", course, "a"),
        place("learner", course, "c"),
    ];
    let merge = Merge {
        attempts: vec![],
        progress: [mine.clone(), others].concat(),
        outbox: vec![],
        journal: vec![],
        skipped: 0,
    };
    store.import(&merge).await.unwrap();
    assert_eq!(store.places_in("learner-p", course).await.unwrap(), mine);
    assert_eq!(store.progress_of("learner-p").await.unwrap().len(), 4);
    assert!(store
        .places_in("learner-q", course)
        .await
        .unwrap()
        .is_empty());
}
