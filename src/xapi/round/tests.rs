//! The flush round against a store and an LRS played by the tests: what is sent, what is written, what
//! the round waits for, and that a statement reaches the LRS and settles exactly once.

use super::*;
use crate::xapi::outbox::{OutboxState, MAX_BATCH};
use crate::xapi::Statement;

const LEARNER: &str = "l1";

fn row(id: &str, order: u32) -> OutboxRow {
    let statement = Statement {
        id: id.into(),
        json: format!("{{\"id\":\"{id}\"}}"),
    };
    OutboxRow::pending(statement, LEARNER, 0, order)
}

fn rows(n: usize) -> Vec<OutboxRow> {
    (0..n).map(|i| row(&format!("s{i:03}"), i as u32)).collect()
}

/// The ids of a POSTed batch.
fn ids_of(body: &str) -> Vec<String> {
    let array: Vec<serde_json::Value> = serde_json::from_str(body).expect("a JSON array");
    array
        .iter()
        .map(|s| s["id"].as_str().expect("an id").to_owned())
        .collect()
}

/// What the shell would do, with the store and the LRS played here.
struct World {
    store: Vec<OutboxRow>,
    /// What the LRS holds, by id (a resend of an identical statement changes nothing there).
    lrs: BTreeMap<String, String>,
    /// Every batch POSTed, as ids.
    posts: Vec<Vec<String>>,
    /// Every GET of a stored statement.
    gets: Vec<String>,
    /// How many times each row was written as settled.
    settled: BTreeMap<String, u32>,
    /// Whether the next store write fails.
    write_fails: bool,
}

impl World {
    fn new(store: Vec<OutboxRow>) -> Self {
        World {
            store,
            lrs: BTreeMap::new(),
            posts: Vec::new(),
            gets: Vec::new(),
            settled: BTreeMap::new(),
            write_fails: false,
        }
    }

    /// Runs one round from `Start` at `now` until it waits or ends; `answer` plays the LRS for each
    /// batch (given its ids and what the LRS holds), `holds` answers the GET of a conflicting id.
    fn round(
        &mut self,
        flusher: &mut Flusher,
        now: EpochMs,
        mut answer: impl FnMut(&[String], &mut BTreeMap<String, String>) -> PostResult,
        holds: impl Fn(&str) -> Option<String>,
    ) -> Need {
        let mut event = Event::Start;
        for _ in 0..1_000 {
            event = match flusher.step(event, now) {
                Need::Read => {
                    let pending = pending_in_order(&self.store, LEARNER);
                    let head = pending.into_iter().take(flush::READ_AHEAD as usize);
                    Event::Read(head.cloned().collect())
                }
                Need::Post(body) => {
                    let ids = ids_of(&body);
                    self.posts.push(ids.clone());
                    Event::Posted(answer(&ids, &mut self.lrs))
                }
                Need::Stored(id) => {
                    self.gets.push(id.clone());
                    Event::Stored(holds(&id))
                }
                Need::Settle {
                    updates,
                    stored,
                    at,
                } => {
                    if std::mem::take(&mut self.write_fails) {
                        return Need::Done;
                    }
                    for u in &updates {
                        let row = (self.store.iter_mut())
                            .find(|r| r.id == u.id())
                            .expect("a row read");
                        if row.is_pending() {
                            *self.settled.entry(row.id.clone()).or_default() += 1;
                            row.state = u.settled_state(at, stored.get(u.id()).cloned());
                        }
                    }
                    Event::Settled
                }
                need @ (Need::Wait(_) | Need::Done) => return need,
            };
        }
        panic!("the round never ended");
    }

    fn pending(&self) -> usize {
        self.store.iter().filter(|r| r.is_pending()).count()
    }
}

/// An LRS that takes every batch.
fn takes(ids: &[String], lrs: &mut BTreeMap<String, String>) -> PostResult {
    for id in ids {
        lrs.insert(id.clone(), format!("{{\"id\":\"{id}\"}}"));
    }
    PostResult::status(200)
}

fn nothing(_: &str) -> Option<String> {
    None
}

#[test]
fn an_lrs_that_takes_everything_gets_each_statement_once_in_batches_and_the_round_ends() {
    let mut world = World::new(rows(MAX_BATCH + 7));
    let mut flusher = Flusher::new(LEARNER, 1);
    assert_eq!(flusher.last_sync(), None);
    assert_eq!(world.round(&mut flusher, 1_000, takes, nothing), Need::Done);
    let sizes: Vec<usize> = world.posts.iter().map(Vec::len).collect();
    assert_eq!(sizes, [MAX_BATCH, 7], "full batches, oldest first");
    assert_eq!(world.posts[0][0], "s000");
    assert_eq!(world.pending(), 0);
    assert_eq!(world.lrs.len(), MAX_BATCH + 7);
    assert!(world.settled.values().all(|n| *n == 1));
    assert_eq!(flusher.last_sync(), Some(1_000));
    assert!(world.gets.is_empty());
    // Nothing left: a round asked for later sends nothing.
    assert_eq!(world.round(&mut flusher, 2_000, takes, nothing), Need::Done);
    assert_eq!(world.posts.len(), 2);
}

#[test]
fn an_lrs_that_refuses_the_credentials_halts_delivery_until_resumed() {
    let mut world = World::new(rows(3));
    let mut flusher = Flusher::new(LEARNER, 1);
    let refuses = |_: &[String], _: &mut BTreeMap<String, String>| PostResult::status(401);
    assert_eq!(world.round(&mut flusher, 0, refuses, nothing), Need::Done);
    assert_eq!(flusher.halt().map(|h| h.status), Some(401));
    assert_eq!(world.pending(), 3, "everything is kept");
    assert_eq!(flusher.last_sync(), None);
    // Halted: another round sends nothing.
    assert_eq!(world.round(&mut flusher, 10, takes, nothing), Need::Done);
    assert_eq!(world.posts.len(), 1);
    flusher.resume();
    assert_eq!(flusher.halt(), None);
    assert_eq!(world.round(&mut flusher, 20, takes, nothing), Need::Done);
    assert_eq!(world.pending(), 0);
    assert_eq!(flusher.last_sync(), Some(20));
}

#[test]
fn a_timed_out_batch_waits_for_its_backoff_and_is_delivered_exactly_once_when_sent_again() {
    let mut world = World::new(rows(4));
    let mut flusher = Flusher::new(LEARNER, 7);
    // The LRS stores the batch but its answer is lost.
    let lost = |ids: &[String], lrs: &mut BTreeMap<String, String>| {
        takes(ids, lrs);
        PostResult::Timeout
    };
    let Need::Wait(ms) = world.round(&mut flusher, 0, lost, nothing) else {
        panic!("a lost answer waits for a backoff");
    };
    assert!(ms > 0);
    assert_eq!(world.pending(), 4, "nothing settles without an answer");
    assert!(world.settled.is_empty());
    // Asked again before the backoff ends (an answer committed): it waits the rest, sending nothing.
    assert_eq!(
        world.round(&mut flusher, 1, takes, nothing),
        Need::Wait(ms - 1)
    );
    assert_eq!(world.posts.len(), 1);
    // The network back: the same statements are sent again; the LRS keeps one of each.
    flusher.resume_backoff();
    assert_eq!(world.round(&mut flusher, 2, takes, nothing), Need::Done);
    assert_eq!(
        world.posts,
        [world.posts[0].clone(), world.posts[0].clone()]
    );
    assert_eq!(world.lrs.len(), 4);
    assert_eq!(world.pending(), 0);
    assert!(
        world.settled.values().all(|n| *n == 1),
        "each row settles once"
    );
}

#[test]
fn a_network_error_or_a_busy_lrs_backs_off_and_keeps_the_rows() {
    let mut world = World::new(rows(2));
    let mut flusher = Flusher::new(LEARNER, 3);
    let offline =
        |_: &[String], _: &mut BTreeMap<String, String>| PostResult::NetworkError("offline".into());
    assert!(matches!(
        world.round(&mut flusher, 0, offline, nothing),
        Need::Wait(_)
    ));
    flusher.resume_backoff();
    let busy = |_: &[String], _: &mut BTreeMap<String, String>| PostResult::Status {
        code: 503,
        retry_after_ms: Some(9_000),
        body: String::new(),
    };
    let Need::Wait(ms) = world.round(&mut flusher, 100, busy, nothing) else {
        panic!("a 503 waits");
    };
    assert!(ms >= 9_000, "not before the LRS's Retry-After: {ms}");
    assert_eq!(world.pending(), 2);
    assert_eq!(flusher.halt(), None);
}

#[test]
fn a_409_is_narrowed_to_its_statement_which_is_kept_with_what_the_lrs_holds() {
    let mut world = World::new(rows(4));
    world
        .lrs
        .insert("s002".into(), "{\"id\":\"s002\",\"other\":1}".into());
    let mut flusher = Flusher::new(LEARNER, 1);
    // The LRS refuses any batch holding a statement whose id it holds with other content.
    let conflicts = |ids: &[String], lrs: &mut BTreeMap<String, String>| {
        if ids.iter().any(|id| id == "s002") {
            return PostResult::status(409);
        }
        takes(ids, lrs)
    };
    let lrs_now = world.lrs.clone();
    let holds = move |id: &str| lrs_now.get(id).cloned();
    assert_eq!(world.round(&mut flusher, 5, conflicts, holds), Need::Done);
    assert_eq!(
        world.gets,
        ["s002"],
        "only the statement alone refused is read"
    );
    assert_eq!(world.pending(), 0);
    let conflict = world.store.iter().find(|r| r.id == "s002").expect("kept");
    assert_eq!(
        conflict.state,
        OutboxState::Conflict {
            at: 5,
            stored: Some("{\"id\":\"s002\",\"other\":1}".into())
        }
    );
    for id in ["s000", "s001", "s003"] {
        assert!(world.lrs.contains_key(id), "{id} delivered");
    }
    assert!(world.settled.values().all(|n| *n == 1));
    assert_eq!(flusher.halt(), None);
}

#[test]
fn conflicts_whose_stored_statement_cannot_be_read_are_kept_without_it() {
    let mut world = World::new(vec![row("a", 0)]);
    let mut flusher = Flusher::new(LEARNER, 1);
    let conflict = |_: &[String], _: &mut BTreeMap<String, String>| PostResult::status(409);
    assert_eq!(world.round(&mut flusher, 3, conflict, nothing), Need::Done);
    assert_eq!(world.gets, ["a"]);
    assert_eq!(
        world.store[0].state,
        OutboxState::Conflict {
            at: 3,
            stored: None
        }
    );
    assert_eq!(flusher.last_sync(), None, "a refusal is no sync");
}

#[test]
fn a_failed_write_ends_the_round_and_the_next_sends_the_rows_again_without_settling_twice() {
    let mut world = World::new(rows(2));
    let mut flusher = Flusher::new(LEARNER, 1);
    world.write_fails = true;
    assert_eq!(world.round(&mut flusher, 0, takes, nothing), Need::Done);
    assert_eq!(world.pending(), 2, "the write failed: still pending");
    assert_eq!(
        flusher.last_sync(),
        None,
        "not known as synced before it is written"
    );
    // The next round starts afresh: the same batch again.
    assert_eq!(world.round(&mut flusher, 1, takes, nothing), Need::Done);
    assert_eq!(world.posts.len(), 2);
    assert_eq!(world.lrs.len(), 2);
    assert!(world.settled.values().all(|n| *n == 1));
    assert_eq!(flusher.last_sync(), Some(1));
}

#[test]
fn events_out_of_turn_end_the_round() {
    let mut flusher = Flusher::new(LEARNER, 1);
    assert_eq!(
        flusher.step(Event::Posted(PostResult::status(200)), 0),
        Need::Done
    );
    assert_eq!(flusher.step(Event::Start, 0), Need::Read);
    assert_eq!(flusher.step(Event::Stored(None), 0), Need::Done);
    assert_eq!(flusher.step(Event::Read(Vec::new()), 0), Need::Done);
}

#[test]
fn the_keepalive_carries_the_pending_statements_last_read_of_this_learner() {
    let mut flusher = Flusher::new(LEARNER, 1);
    assert_eq!(flusher.keepalive(), None, "nothing read yet");
    flusher.saw(vec![row("a", 0), row("b", 1)]);
    assert_eq!(
        flusher.keepalive().as_deref(),
        Some("[{\"id\":\"a\"},{\"id\":\"b\"}]")
    );
    // A round's read replaces it, with this learner's pending rows in their order.
    let mut other = row("x", 0);
    other.learner_id = "l2".into();
    let mut done = row("d", 0);
    done.state = OutboxState::Delivered { at: 0 };
    assert_eq!(flusher.step(Event::Start, 0), Need::Read);
    let read = vec![row("c", 3), other, done, row("b", 1)];
    assert!(matches!(flusher.step(Event::Read(read), 0), Need::Post(_)));
    assert_eq!(
        flusher.keepalive().as_deref(),
        Some("[{\"id\":\"b\"},{\"id\":\"c\"}]")
    );
    assert_eq!(flusher.step(Event::Start, 0), Need::Read);
    assert_eq!(flusher.step(Event::Read(Vec::new()), 0), Need::Done);
    assert_eq!(flusher.keepalive(), None);
}
