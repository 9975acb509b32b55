//! A district's herd in virtual time: thousands of devices, each running [`Delivery`], drain their
//! outboxes into a model LRS behind a capacity-limited front, against a naive client that floods. It is
//! the model behind [`RETRY_SPREAD_CAP_MS`]: seeded and in virtual milliseconds, so drain times are
//! counts, not timings, and the test can hold the player to them. The same herd over real HTTP into Ralph
//! is `tests/herd.rs` (small) and `bench/herd.rs` (full, with figures); this model is not a stand-in for
//! those, it is the part that can be asserted exactly.

use super::*;
use serde_json::json;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

/// The front: at most `slots` batches at Ralph at once, each taking `service_ms`, and at most `rate`
/// admitted in any second; anything else is refused 429 with `Retry-After`.
struct Front {
    slots: usize,
    service_ms: i64,
    rate: usize,
    retry_after_ms: u64,
    busy_until: BinaryHeap<Reverse<i64>>,
    admitted: VecDeque<i64>,
}

impl Front {
    /// Like the real herd's front: 4 at once, 25 a second, `Retry-After: 1`; 0.9 s a batch is what
    /// Ralph took in the full herd on the shared machine (4.4 batches a second).
    fn district() -> Self {
        Front {
            slots: 4,
            service_ms: 900,
            rate: 25,
            retry_after_ms: 1_000,
            busy_until: BinaryHeap::new(),
            admitted: VecDeque::new(),
        }
    }

    /// Admits a request arriving at `now`: `Some(when its answer comes)`, or `None` (refused).
    fn admit(&mut self, now: i64) -> Option<i64> {
        while self.busy_until.peek().is_some_and(|Reverse(t)| *t <= now) {
            self.busy_until.pop();
        }
        while self.admitted.front().is_some_and(|t| *t <= now - 1_000) {
            self.admitted.pop_front();
        }
        if self.admitted.len() >= self.rate || self.busy_until.len() >= self.slots {
            return None;
        }
        self.admitted.push_back(now);
        let done = now + self.service_ms;
        self.busy_until.push(Reverse(done));
        Some(done)
    }

    fn busy(&self) -> PostResult {
        PostResult::Status {
            code: 429,
            retry_after_ms: Some(self.retry_after_ms),
            body: String::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Client {
    Pacer,
    /// Batches of [`MAX_BATCH`], every refusal retried a second later, `Retry-After` ignored.
    Naive,
}

#[derive(Debug)]
struct Figures {
    drain_ms: i64,
    requests: u64,
    refused: u64,
    /// How many times the LRS stored each statement.
    stored: BTreeMap<String, u32>,
    /// Requests a second at the front over the run.
    per_second: Vec<u64>,
}

impl Figures {
    fn p95_per_second(&self) -> u64 {
        let mut s = self.per_second.clone();
        s.sort_unstable();
        s[(s.len() * 95).div_ceil(100).clamp(1, s.len()) - 1]
    }
}

fn device_rows(d: usize, n: usize) -> Vec<OutboxRow> {
    (0..n)
        .map(|i| {
            let id = format!("d{d:05}-s{i:04}");
            OutboxRow::pending(Statement::new(&id, &json!({ "id": id })), "l", 0, i as u32)
        })
        .collect()
}

/// Runs `devices` devices of `per_device` statements each, coming online within the first second.
fn run(client: Client, devices: usize, per_device: usize, seed: u64) -> Figures {
    let mut front = Front::district();
    let mut arrival = SeededRng::new(seed);
    let mut rows: Vec<Vec<OutboxRow>> = (0..devices).map(|d| device_rows(d, per_device)).collect();
    let mut delivery: Vec<(Delivery, SeededRng)> = (0..devices)
        .map(|d| {
            (
                Delivery::new(),
                SeededRng::new(seed ^ ((d as u64 + 1) * 0x9e37)),
            )
        })
        .collect();
    let mut naive_next = vec![0usize; devices];
    let mut queue: BinaryHeap<Reverse<(i64, usize)>> = (0..devices)
        .map(|d| Reverse(((arrival.next_f64() * 1_000.0) as i64, d)))
        .collect();
    let mut f = Figures {
        drain_ms: 0,
        requests: 0,
        refused: 0,
        stored: BTreeMap::new(),
        per_second: Vec::new(),
    };
    let request = |f: &mut Figures, now: i64| {
        f.requests += 1;
        let s = (now / 1_000) as usize;
        if f.per_second.len() <= s {
            f.per_second.resize(s + 1, 0);
        }
        f.per_second[s] += 1;
    };
    while let Some(Reverse((now, d))) = queue.pop() {
        match client {
            Client::Pacer => {
                let pending = pending_in_order(&rows[d], "l");
                let (delivery, rng) = &mut delivery[d];
                match delivery.next(&pending, now) {
                    Next::Send(ids) => {
                        request(&mut f, now);
                        let (result, at) = match front.admit(now) {
                            Some(done) => {
                                for id in &ids {
                                    *f.stored.entry(id.clone()).or_default() += 1;
                                }
                                (PostResult::status(200), done)
                            }
                            None => {
                                f.refused += 1;
                                (front.busy(), now)
                            }
                        };
                        for u in delivery.record(&ids, &result, at, rng) {
                            if let Some(r) = rows[d].iter_mut().find(|r| r.id == u.id()) {
                                r.state = u.settled_state(at, None);
                            }
                        }
                        queue.push(Reverse((at, d)));
                    }
                    Next::WaitUntil(t) => queue.push(Reverse((t, d))),
                    Next::Idle => f.drain_ms = f.drain_ms.max(now),
                    Next::Halted(h) => panic!("device {d} halted: {h:?}"),
                }
            }
            Client::Naive => {
                let next = naive_next[d];
                if next >= per_device {
                    f.drain_ms = f.drain_ms.max(now);
                    continue;
                }
                request(&mut f, now);
                match front.admit(now) {
                    Some(done) => {
                        let end = (next + MAX_BATCH).min(per_device);
                        for r in &rows[d][next..end] {
                            *f.stored.entry(r.id.clone()).or_default() += 1;
                        }
                        naive_next[d] = end;
                        queue.push(Reverse((done, d)));
                    }
                    None => {
                        f.refused += 1;
                        queue.push(Reverse((now + 1_000, d)));
                    }
                }
            }
        }
    }
    f
}

fn assert_stored_once(f: &Figures, devices: usize, per_device: usize, who: &str) {
    assert_eq!(f.stored.len(), devices * per_device, "{who}: none lost");
    let doubled = f.stored.values().filter(|n| **n != 1).count();
    assert_eq!(doubled, 0, "{who}: each stored once");
}

/// 2,000 devices of 100 statements against a front that admits 4.4 batches a second: the player's herd
/// drains within a tenth of the time of a client that floods, with a tenth of its requests or fewer.
/// (With the return window growing to the 5-minute backoff cap it drained 1.38 times slower: the last
/// devices were away for minutes while the LRS had room.)
#[test]
fn a_district_herd_drains_about_as_fast_as_flooding_with_a_tenth_of_the_requests() {
    let (devices, per_device) = (2_000, 100);
    let naive = run(Client::Naive, devices, per_device, 7);
    let pacer = run(Client::Pacer, devices, per_device, 7);
    assert_stored_once(&naive, devices, per_device, "naive");
    assert_stored_once(&pacer, devices, per_device, "pacer");
    println!(
        "pacer: drained in {} s, {} requests, {:.1}% refused, p95 {}/s; naive: {} s, {} requests, {:.1}% refused, p95 {}/s",
        pacer.drain_ms / 1000,
        pacer.requests,
        100.0 * pacer.refused as f64 / pacer.requests as f64,
        pacer.p95_per_second(),
        naive.drain_ms / 1000,
        naive.requests,
        100.0 * naive.refused as f64 / naive.requests as f64,
        naive.p95_per_second(),
    );
    // The LRS's work alone: 4,000 batches at 4.4 a second.
    assert!(naive.drain_ms < 950_000, "{}", naive.drain_ms);
    assert!(
        pacer.drain_ms * 10 <= naive.drain_ms * 11,
        "pacer {} ms against naive {} ms",
        pacer.drain_ms,
        naive.drain_ms
    );
    assert!(
        pacer.requests * 10 <= naive.requests,
        "pacer {} requests against naive {}",
        pacer.requests,
        naive.requests
    );
    assert!(pacer.p95_per_second() * 10 <= naive.p95_per_second());
}
