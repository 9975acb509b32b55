use super::*;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

fn row(id: &str, learner: &str, at: EpochMs, order: u32, state: OutboxState) -> OutboxRow {
    OutboxRow {
        id: id.into(),
        learner_id: learner.into(),
        queued_at: at,
        order,
        statement: Statement::new(id, &json!({ "id": id })),
        state,
    }
}

fn pending_rows(n: usize) -> Vec<OutboxRow> {
    (0..n)
        .map(|i| row(&format!("s{i:04}"), "l", i as i64, 0, OutboxState::Pending))
        .collect()
}

fn ids(range: std::ops::Range<usize>) -> Vec<String> {
    range.map(|i| format!("s{i:04}")).collect()
}

#[test]
fn pending_rows_are_the_learners_oldest_first() {
    let rows = vec![
        row("c", "l1", 30, 0, OutboxState::Pending),
        row("a", "l1", 10, 1, OutboxState::Pending),
        row("b", "l1", 10, 0, OutboxState::Pending),
        row("d", "l2", 5, 0, OutboxState::Pending),
        row("e", "l1", 1, 0, OutboxState::Delivered { at: 2 }),
    ];
    let got: Vec<&str> = pending_in_order(&rows, "l1")
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(got, ["b", "a", "c"]);
}

#[test]
fn sends_at_most_one_batch_of_the_oldest() {
    let rows = pending_rows(MAX_BATCH + 7);
    let mut d = Delivery::new();
    assert_eq!(
        d.next(&pending_in_order(&rows, "l"), 0),
        Next::Send(ids(0..MAX_BATCH))
    );
    assert_eq!(d.next(&[], 0), Next::Idle);
}

#[test]
fn success_delivers_the_batch() {
    let mut d = Delivery::new();
    let mut rng = SeededRng::new(1);
    for code in [200, 204] {
        let updates = d.record(&ids(0..2), &PostResult::status(code), 0, &mut rng);
        assert_eq!(
            updates,
            vec![
                RowUpdate::Delivered { id: "s0000".into() },
                RowUpdate::Delivered { id: "s0001".into() }
            ]
        );
    }
}

#[test]
fn transient_failures_back_off_exponentially_with_jitter_and_reset_on_success() {
    let rows = pending_rows(3);
    let pending = pending_in_order(&rows, "l");
    let mut d = Delivery::new();
    let mut rng = SeededRng::new(7);
    let mut previous_ceiling = 0;
    for (n, result) in [
        PostResult::NetworkError("offline".into()),
        PostResult::Timeout,
        PostResult::status(500),
        PostResult::status(502),
        PostResult::status(408),
    ]
    .iter()
    .enumerate()
    {
        let now = 1_000_000;
        assert!(
            d.record(&ids(0..3), result, now, &mut rng).is_empty(),
            "nothing settles on {result:?}"
        );
        let ceiling = (BACKOFF_BASE_MS << n).min(BACKOFF_CAP_MS) as i64;
        let Next::WaitUntil(t) = d.next(&pending, now) else {
            panic!("must wait after {result:?}");
        };
        assert!(
            t >= now + ceiling / 2 && t <= now + ceiling,
            "{n}: {t} not in [{}, {}]",
            ceiling / 2,
            ceiling
        );
        assert!(ceiling > previous_ceiling);
        previous_ceiling = ceiling;
        assert_eq!(
            d.next(&pending, t),
            Next::Send(ids(0..3)),
            "sends again once the wait is over"
        );
    }
    assert_eq!(d.failures(), 5);
    d.record(&ids(0..3), &PostResult::status(200), 2_000_000, &mut rng);
    assert_eq!(d.failures(), 0);
}

#[test]
fn backoff_is_capped() {
    let rows = pending_rows(1);
    let mut d = Delivery::new();
    let mut rng = SeededRng::new(3);
    for _ in 0..40 {
        d.record(&ids(0..1), &PostResult::Timeout, 0, &mut rng);
    }
    let Next::WaitUntil(t) = d.next(&pending_in_order(&rows, "l"), 0) else {
        panic!("must wait");
    };
    assert!(t <= BACKOFF_CAP_MS as i64);
}

#[test]
fn retry_after_is_honoured_on_429_and_503() {
    let rows = pending_rows(1);
    for code in [429, 503] {
        let mut d = Delivery::new();
        let result = PostResult::Status {
            code,
            retry_after_ms: Some(30_000),
            body: String::new(),
        };
        d.record(&ids(0..1), &result, 100, &mut SeededRng::new(9));
        let Next::WaitUntil(t) = d.next(&pending_in_order(&rows, "l"), 100) else {
            panic!("must wait");
        };
        assert!((30_100..=31_100).contains(&t), "{t}");
    }
}

/// Devices told the same `Retry-After` again and again return spread over a window that doubles with each
/// refusal in a row (a fixed second of jitter kept a district's herd in step: `make bench`, the herd).
#[test]
fn repeated_retry_after_spreads_the_returns_over_a_growing_window() {
    let rows = pending_rows(1);
    let busy = PostResult::Status {
        code: 429,
        retry_after_ms: Some(1_000),
        body: String::new(),
    };
    let mut spreads = Vec::new();
    for refusals in 1..=6u32 {
        let waits: Vec<i64> = (0..200u64)
            .map(|seed| {
                let mut d = Delivery::new();
                let mut rng = SeededRng::new(seed);
                for _ in 0..refusals {
                    d.record(&ids(0..1), &busy, 0, &mut rng);
                }
                let Next::WaitUntil(t) = d.next(&pending_in_order(&rows, "l"), 0) else {
                    panic!("must wait");
                };
                t
            })
            .collect();
        let (lo, hi) = (*waits.iter().min().unwrap(), *waits.iter().max().unwrap());
        assert!(lo >= 1_000, "never before Retry-After: {lo}");
        let window = 1_000i64 << (refusals - 1);
        assert!(hi < 1_000 + window, "{refusals} refusals: {hi}");
        spreads.push(hi - lo);
    }
    // Each window is about twice the one before (200 draws fill most of it).
    for pair in spreads.windows(2) {
        assert!(pair[1] > pair[0] * 3 / 2, "{spreads:?}");
    }
}

/// However many refusals in a row, a device told `Retry-After` returns within [`RETRY_SPREAD_CAP_MS`] of it
/// (spread over all of it), not within the 5-minute backoff cap: the last devices of a herd were away for
/// minutes while the LRS had room (`herd_model`).
#[test]
fn the_window_after_retry_after_stops_growing_at_its_cap() {
    let rows = pending_rows(1);
    let busy = PostResult::Status {
        code: 503,
        retry_after_ms: Some(2_000),
        body: String::new(),
    };
    for refusals in [6u32, 12, 40] {
        let waits: Vec<i64> = (0..300u64)
            .map(|seed| {
                let mut d = Delivery::new();
                let mut rng = SeededRng::new(seed);
                for _ in 0..refusals {
                    d.record(&ids(0..1), &busy, 0, &mut rng);
                }
                let Next::WaitUntil(t) = d.next(&pending_in_order(&rows, "l"), 0) else {
                    panic!("must wait");
                };
                t
            })
            .collect();
        let (lo, hi) = (*waits.iter().min().unwrap(), *waits.iter().max().unwrap());
        let cap = RETRY_SPREAD_CAP_MS as i64;
        assert!(
            lo >= 2_000,
            "{refusals} refusals: never before Retry-After: {lo}"
        );
        assert!(hi < 2_000 + cap, "{refusals} refusals: {hi}");
        assert!(
            hi - lo > cap * 9 / 10,
            "{refusals} refusals: spread {}",
            hi - lo
        );
    }
    // Without a `Retry-After` (offline, timeouts) the backoff still grows to its own cap.
    let mut d = Delivery::new();
    let mut rng = SeededRng::new(1);
    for _ in 0..12 {
        d.record(&ids(0..1), &PostResult::Timeout, 0, &mut rng);
    }
    let Next::WaitUntil(t) = d.next(&pending_in_order(&rows, "l"), 0) else {
        panic!("must wait");
    };
    assert!(t >= (BACKOFF_CAP_MS / 2) as i64, "{t}");
}

#[test]
fn a_retry_after_longer_than_the_cap_is_capped() {
    let rows = pending_rows(1);
    let mut d = Delivery::new();
    let huge = PostResult::Status {
        code: 503,
        retry_after_ms: Some(u64::MAX / 2),
        body: String::new(),
    };
    d.record(&ids(0..1), &huge, 0, &mut SeededRng::new(3));
    let Next::WaitUntil(t) = d.next(&pending_in_order(&rows, "l"), 0) else {
        panic!("must wait");
    };
    assert!(t <= (BACKOFF_CAP_MS + BACKOFF_BASE_MS) as i64, "{t}");
}

/// After a 413 the next batches are at most half the refused one: a full batch is not refused again.
#[test]
fn a_batch_too_large_lowers_the_batch_size_for_the_batches_after_it() {
    let rows = pending_rows(3 * MAX_BATCH);
    let mut d = Delivery::new();
    let mut rng = SeededRng::new(5);
    let mut delivered: BTreeSet<String> = BTreeSet::new();
    let mut refused = 0;
    let limit = 20; // the LRS takes at most 20 statements per POST
    for _ in 0..100 {
        let pending: Vec<&OutboxRow> = pending_in_order(&rows, "l")
            .into_iter()
            .filter(|r| !delivered.contains(&r.id))
            .collect();
        let Next::Send(batch) = d.next(&pending, 0) else {
            break;
        };
        let result = if batch.len() > limit {
            refused += 1;
            PostResult::status(413)
        } else {
            PostResult::status(200)
        };
        for u in d.record(&batch, &result, 0, &mut rng) {
            assert!(matches!(u, RowUpdate::Delivered { .. }), "{u:?}");
            delivered.insert(u.id().to_owned());
        }
    }
    assert_eq!(delivered.len(), 3 * MAX_BATCH, "everything delivered");
    // 50 refused, then 25 refused, then batches of 12 go through.
    assert_eq!(refused, 2);
    assert_eq!(d.batch_limit(), 12);
}

#[test]
fn a_rejected_batch_is_bisected_until_the_bad_statement_is_alone() {
    let rows = pending_rows(8);
    let mut d = Delivery::new();
    let mut rng = SeededRng::new(1);
    let bad = "s0005";
    let mut settled: BTreeMap<String, RowUpdate> = BTreeMap::new();
    let mut posts = 0;
    loop {
        let pending: Vec<&OutboxRow> = pending_in_order(&rows, "l")
            .into_iter()
            .filter(|r| !settled.contains_key(&r.id))
            .collect();
        let Next::Send(batch) = d.next(&pending, 0) else {
            break;
        };
        posts += 1;
        let result = if batch.iter().any(|id| id == bad) {
            PostResult::Status {
                code: 400,
                retry_after_ms: None,
                body: "result.score.scaled must be in [-1, 1]".into(),
            }
        } else {
            PostResult::status(200)
        };
        for u in d.record(&batch, &result, 0, &mut rng) {
            let id = match &u {
                RowUpdate::Delivered { id }
                | RowUpdate::Rejected { id, .. }
                | RowUpdate::Conflict { id } => id.clone(),
            };
            assert!(
                settled.insert(id, u).is_none(),
                "a statement is settled once"
            );
        }
        assert!(posts < 20, "bisection must terminate");
    }
    assert_eq!(settled.len(), 8);
    assert_eq!(
        settled[bad],
        RowUpdate::Rejected {
            id: bad.into(),
            status: 400,
            reason: "HTTP 400: result.score.scaled must be in [-1, 1]".into()
        }
    );
    let delivered = settled
        .values()
        .filter(|u| matches!(u, RowUpdate::Delivered { .. }))
        .count();
    assert_eq!(delivered, 7);
    // 1 full batch + log2(8) levels of halves, each sending two groups at most.
    assert!(posts <= 1 + 2 * 3, "{posts} posts");
}

#[test]
fn a_conflict_alone_asks_for_the_stored_statement() {
    let mut d = Delivery::new();
    let updates = d.record(
        &ids(0..1),
        &PostResult::status(409),
        0,
        &mut SeededRng::new(1),
    );
    assert_eq!(updates, vec![RowUpdate::Conflict { id: "s0000".into() }]);
}

#[test]
fn bad_credentials_halt_until_resumed_and_keep_everything() {
    let rows = pending_rows(2);
    let pending = pending_in_order(&rows, "l");
    for code in [401, 403, 404] {
        let mut d = Delivery::new();
        assert!(d
            .record(
                &ids(0..2),
                &PostResult::status(code),
                0,
                &mut SeededRng::new(1)
            )
            .is_empty());
        assert!(
            matches!(d.next(&pending, 10_000_000), Next::Halted(Halt { status, .. }) if status == code)
        );
        d.resume();
        assert_eq!(d.next(&pending, 0), Next::Send(ids(0..2)));
    }
}

#[test]
fn suspects_already_settled_elsewhere_are_skipped() {
    let rows = pending_rows(4);
    let mut d = Delivery::new();
    let mut rng = SeededRng::new(1);
    d.record(&ids(0..4), &PostResult::status(422), 0, &mut rng);
    // Another tab delivered the first half meanwhile.
    let still: Vec<&OutboxRow> = pending_in_order(&rows, "l").into_iter().skip(2).collect();
    assert_eq!(d.next(&still, 0), Next::Send(ids(2..4)));
}

#[test]
fn rows_round_trip_through_json_with_their_state() {
    for state in [
        OutboxState::Pending,
        OutboxState::Delivered { at: 9 },
        OutboxState::Rejected {
            at: 3,
            status: 400,
            reason: "bad".into(),
        },
        OutboxState::Conflict {
            at: 4,
            stored: Some("{}".into()),
        },
    ] {
        let r = row("x", "l", 1, 2, state);
        let v = serde_json::to_value(&r).unwrap();
        let back: OutboxRow = serde_json::from_value(v).unwrap();
        assert_eq!(back, r);
    }
}

/// A model LRS with the xAPI batch rules, behind a network that drops requests and responses.
struct ModelLrs {
    stored: BTreeMap<String, String>,
    poisoned: BTreeSet<String>,
}

impl ModelLrs {
    fn post(&mut self, batch: &[&OutboxRow]) -> PostResult {
        if batch.iter().any(|r| self.poisoned.contains(&r.id)) {
            return PostResult::status(400);
        }
        if batch.iter().any(|r| {
            self.stored
                .get(&r.id)
                .is_some_and(|s| s != &r.statement.json)
        }) {
            return PostResult::status(409);
        }
        let fresh = batch.iter().any(|r| !self.stored.contains_key(&r.id));
        for r in batch {
            self.stored.insert(r.id.clone(), r.statement.json.clone());
        }
        PostResult::status(if fresh { 200 } else { 204 })
    }
}

#[test]
fn random_faults_deliver_every_good_statement_once_and_set_the_poisoned_aside() {
    for seed in 0..40u64 {
        let mut rng = SeededRng::new(seed);
        let mut rows = pending_rows(120);
        let poisoned: BTreeSet<String> = (0..3)
            .map(|_| format!("s{:04}", rng.range_i64(0, 119)))
            .collect();
        let mut lrs = ModelLrs {
            stored: BTreeMap::new(),
            poisoned: poisoned.clone(),
        };
        let mut d = Delivery::new();
        let mut now: EpochMs = 0;
        for _step in 0..10_000 {
            let pending = pending_in_order(&rows, "l");
            match d.next(&pending, now) {
                Next::Idle => break,
                Next::Halted(h) => panic!("seed {seed}: halted {h:?}"),
                Next::WaitUntil(t) => now = t,
                Next::Send(batch) => {
                    let sent: Vec<&OutboxRow> = batch
                        .iter()
                        .filter_map(|id| pending.iter().find(|r| &r.id == id).copied())
                        .collect();
                    let roll = rng.next_f64();
                    let result = if roll < 0.1 {
                        PostResult::NetworkError("reset".into()) // lost before the LRS
                    } else if roll < 0.2 {
                        lrs.post(&sent); // stored, but the answer is lost
                        PostResult::Timeout
                    } else if roll < 0.25 {
                        PostResult::Status {
                            code: 429,
                            retry_after_ms: Some(2_000),
                            body: String::new(),
                        }
                    } else if roll < 0.3 {
                        PostResult::status(500)
                    } else {
                        lrs.post(&sent)
                    };
                    for u in d.record(&batch, &result, now, &mut rng) {
                        apply(&mut rows, &u, now);
                    }
                    // A reload now and then forgets the in-memory delivery state; nothing is lost.
                    if rng.next_f64() < 0.05 {
                        d = Delivery::new();
                    }
                    now += 10;
                }
            }
        }
        assert!(
            pending_in_order(&rows, "l").is_empty(),
            "seed {seed}: everything settled"
        );
        for r in &rows {
            if poisoned.contains(&r.id) {
                assert!(
                    matches!(r.state, OutboxState::Rejected { status: 400, .. }),
                    "seed {seed}: {}",
                    r.id
                );
                assert!(!lrs.stored.contains_key(&r.id));
            } else {
                assert!(
                    matches!(r.state, OutboxState::Delivered { .. }),
                    "seed {seed}: {}",
                    r.id
                );
                assert_eq!(lrs.stored.get(&r.id), Some(&r.statement.json));
            }
        }
        assert_eq!(
            lrs.stored.len(),
            120 - poisoned.len(),
            "seed {seed}: each good statement once"
        );
    }
}

fn apply(rows: &mut [OutboxRow], update: &RowUpdate, now: EpochMs) {
    if let Some(r) = rows.iter_mut().find(|r| r.id == update.id()) {
        r.state = update.settled_state(now, None);
    }
}

/// `OutboxRow` as serde's `#[serde(flatten)]` reads it: the reader that `OutboxRow` replaced.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
struct FlattenedRow {
    id: String,
    learner_id: String,
    queued_at: EpochMs,
    order: u32,
    statement: Statement,
    #[serde(flatten)]
    state: OutboxState,
}

#[test]
fn stored_rows_read_as_the_flattened_rows_did() {
    let head =
        r#""id":"s1","learnerId":"l","queuedAt":5,"order":0,"statement":{"id":"s1","json":"{}"}"#;
    let cases = [
        r#""state":"pending""#,
        r#""state":"delivered","at":9"#,
        r#""at":9,"state":"delivered""#,
        r#""state":"rejected","at":3,"status":400,"reason":"bad""#,
        r#""state":"conflict","at":4,"stored":"{}""#,
        r#""state":"conflict","at":4"#,
        r#""state":"conflict","at":4,"stored":null"#,
        r#""state":"pending","extra":{"a":[1]}"#,
        r#""state":"delivered""#,
        r#""state":"rejected","at":3,"status":400"#,
        r#""state":"rejected","at":3,"status":70000,"reason":"bad""#,
        r#""state":"lost","at":3"#,
        r#""at":3"#,
        r#""state":"delivered","at":"soon""#,
    ];
    let mut ok = 0;
    for case in cases {
        let json = format!("{{{head},{case}}}");
        let ours = serde_json::from_str::<OutboxRow>(&json);
        // The player's reader (beside OutboxRow) reads exactly what serde's reads.
        let read = crate::json::from_str::<OutboxRow>(&json);
        assert_eq!(
            read.as_ref().ok(),
            ours.as_ref().ok(),
            "{json}: reader {read:?}"
        );
        let flat = serde_json::from_str::<FlattenedRow>(&json);
        match (&ours, &flat) {
            (Ok(r), Ok(f)) => {
                ok += 1;
                assert_eq!(
                    (
                        &r.id,
                        &r.learner_id,
                        r.queued_at,
                        r.order,
                        &r.statement,
                        &r.state
                    ),
                    (
                        &f.id,
                        &f.learner_id,
                        f.queued_at,
                        f.order,
                        &f.statement,
                        &f.state
                    ),
                    "{json}"
                );
            }
            (Err(_), Err(_)) => {}
            _ => panic!("{json}: ours {ours:?}, flattened {flat:?}"),
        }
    }
    assert_eq!(ok, 8, "the valid cases all read");
}
