//! The statement outbox: rows queued at capture, and the delivery rules that decide what to POST next and
//! what an LRS answer means. The web shell stores the rows (IndexedDB), does the HTTP and keeps the clock;
//! [`Delivery`] only decides, so every fault path is tested natively.
//!
//! The rules (xAPI 1.0.3 and what LRSs do under load):
//! - 200/204: the batch is stored. Ids are made at capture, so a resend after a lost answer gets 204.
//! - 400/422 (a bad statement rejects its whole batch) and 409 (an id the LRS holds with other content):
//!   bisect the batch until the offending statement is alone, keep it aside with the reason, deliver the rest.
//! - 413: split the batch; a single statement still too large is kept aside.
//! - 413: also remember that the LRS refuses batches that large, and send at most half as many from then on
//!   (without it every later full batch was refused and split again, a wasted request each).
//! - network error, timeout, 408, 429, 5xx: back off exponentially with jitter; honour `Retry-After` as a
//!   floor and spread the return over a window that doubles with each refusal in a row, up to
//!   [`RETRY_SPREAD_CAP_MS`]. A busy LRS gives every device the same `Retry-After`: with a fixed second of
//!   jitter on top, the herd of a district came back together every second and 90% of its requests were
//!   refused; with the window growing to the 5-minute backoff cap, the herd's last devices waited minutes
//!   while the LRS stood idle and it drained 1.4 times slower than a client that floods (`make bench`, the
//!   herd; `herd_model` in the tests).
//! - 401/403 and other 4xx (a wrong endpoint or credential): halt and say so; keep everything.

use super::Statement;
use crate::json::read::tag;
use crate::json::{FromJson, Json, Members, Path, ReadError};
use crate::rng::SeededRng;
use crate::time::EpochMs;
#[cfg(test)]
use serde::Deserialize;
use serde::Serialize;
use std::collections::VecDeque;

/// The most statements sent in one POST (keeps each request small for thousands of reconnecting devices).
pub const MAX_BATCH: usize = 50;
/// First retry delay after a failure.
pub const BACKOFF_BASE_MS: u64 = 1_000;
/// Longest delay between retries.
pub const BACKOFF_CAP_MS: u64 = 5 * 60_000;
/// The widest window a return after `Retry-After` is spread over. An LRS that answers `Retry-After` is up
/// and pacing: a refusal costs it little, an idle slot costs the whole herd time. Each device waits on
/// average half the window after each refusal, so while fewer than (LRS batches a second x half this)
/// devices remain, some of the LRS's capacity goes unused: the tail of a drain grows with the window. In
/// the herd model (2,000 devices x 100 statements, an LRS that takes 4.4 batches a second; `herd_model` in
/// the tests) a window capped at 5 minutes drained 1.37 times slower than flooding; at 60 s 1.09 times,
/// with 22 times fewer requests; at 30 s 1.02 times, with 14 times fewer; at 16 s 1.01 times, with 8.6
/// times fewer. 30 s keeps the tail short and the requests an order of magnitude below flooding.
pub const RETRY_SPREAD_CAP_MS: u64 = 30_000;

/// Where a queued statement is in its delivery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum OutboxState {
    /// Not yet acknowledged by the LRS.
    Pending,
    /// The LRS stored it (200/204).
    #[serde(rename_all = "camelCase")]
    Delivered { at: EpochMs },
    /// The LRS refused this statement alone (400/413/422): kept aside with the reason, never resent.
    #[serde(rename_all = "camelCase")]
    Rejected {
        at: EpochMs,
        status: u16,
        reason: String,
    },
    /// The LRS holds another statement under this id (409); `stored` is what it holds, when it could be read.
    #[serde(rename_all = "camelCase")]
    Conflict { at: EpochMs, stored: Option<String> },
}

/// One queued statement, as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(rename_all = "camelCase", try_from = "StoredRow")]
pub struct OutboxRow {
    /// The statement id (the store's key).
    pub id: String,
    pub learner_id: String,
    /// Capture order: milliseconds, then a per-answer index, so rows sort the way they were made.
    pub queued_at: EpochMs,
    pub order: u32,
    pub statement: Statement,
    #[serde(flatten)]
    pub state: OutboxState,
}

/// An [`OutboxRow`] as stored: the state's fields beside the row's, as `#[serde(flatten)]` writes them.
/// Read through this one plain struct rather than serde's flatten, which buffers every row (much more
/// wasm); the rows and the errors for bad ones are the same. Only the tests' oracle now: the player reads
/// rows with the reader below ([`FromJson`] for [`OutboxRow`]).
#[cfg(test)]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredRow {
    id: String,
    learner_id: String,
    queued_at: EpochMs,
    order: u32,
    statement: Statement,
    state: StateKind,
    #[serde(default)]
    at: Option<EpochMs>,
    #[serde(default)]
    status: Option<u16>,
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    stored: Option<String>,
}

/// The `state` tag of a stored [`OutboxRow`].
#[cfg(test)]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
enum StateKind {
    Pending,
    Delivered,
    Rejected,
    Conflict,
}

#[cfg(test)]
impl TryFrom<StoredRow> for OutboxRow {
    type Error = String;

    fn try_from(s: StoredRow) -> Result<Self, String> {
        use crate::json::read::required as need;
        let state = match s.state {
            StateKind::Pending => OutboxState::Pending,
            StateKind::Delivered => OutboxState::Delivered {
                at: need(s.at, "at")?,
            },
            StateKind::Rejected => OutboxState::Rejected {
                at: need(s.at, "at")?,
                status: need(s.status, "status")?,
                reason: need(s.reason, "reason")?,
            },
            StateKind::Conflict => OutboxState::Conflict {
                at: need(s.at, "at")?,
                stored: s.stored,
            },
        };
        Ok(OutboxRow {
            id: s.id,
            learner_id: s.learner_id,
            queued_at: s.queued_at,
            order: s.order,
            statement: s.statement,
            state,
        })
    }
}

impl OutboxRow {
    /// A new pending row for `statement`, queued by `learner_id` at `now` (`order` breaks ties in a moment).
    pub fn pending(statement: Statement, learner_id: &str, now: EpochMs, order: u32) -> Self {
        OutboxRow {
            id: statement.id.clone(),
            learner_id: learner_id.to_owned(),
            queued_at: now,
            order,
            statement,
            state: OutboxState::Pending,
        }
    }

    /// True until the LRS has acknowledged or refused the statement.
    pub fn is_pending(&self) -> bool {
        self.state == OutboxState::Pending
    }
}

/// The pending rows of `learner_id`, oldest first.
pub fn pending_in_order<'a>(rows: &'a [OutboxRow], learner_id: &str) -> Vec<&'a OutboxRow> {
    let mut pending: Vec<&OutboxRow> = rows
        .iter()
        .filter(|r| r.is_pending() && r.learner_id == learner_id)
        .collect();
    crate::collect::sort_by(&mut pending, |a, b| {
        (a.queued_at, a.order, &a.id).cmp(&(b.queued_at, b.order, &b.id))
    });
    pending
}

/// What came back from one POST.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostResult {
    /// An HTTP answer. `retry_after_ms` is the parsed `Retry-After` header; `body` explains a refusal.
    Status {
        code: u16,
        retry_after_ms: Option<u64>,
        body: String,
    },
    /// No answer: offline, connection reset, CORS failure.
    NetworkError(String),
    /// No answer within the shell's time limit.
    Timeout,
}

impl PostResult {
    /// An HTTP answer with no `Retry-After` and no body.
    pub fn status(code: u16) -> Self {
        PostResult::Status {
            code,
            retry_after_ms: None,
            body: String::new(),
        }
    }
}

/// Why delivery stopped until someone acts (a new credential, a corrected endpoint).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Halt {
    pub status: u16,
    pub message: String,
}

/// What the shell should do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// POST these statements (ids, oldest first) as one batch.
    Send(Vec<String>),
    /// Nothing may be sent before this time; flush again then.
    WaitUntil(EpochMs),
    /// Nothing to send.
    Idle,
    /// Delivery is halted; show the reason and keep everything.
    Halted(Halt),
}

/// A change to one stored row that the shell must write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowUpdate {
    Delivered {
        id: String,
    },
    Rejected {
        id: String,
        status: u16,
        reason: String,
    },
    /// A 409 on this statement alone: read what the LRS holds under `id`, then store a `Conflict`.
    Conflict {
        id: String,
    },
}

impl RowUpdate {
    /// The statement this update is about.
    pub fn id(&self) -> &str {
        match self {
            RowUpdate::Delivered { id }
            | RowUpdate::Rejected { id, .. }
            | RowUpdate::Conflict { id } => id,
        }
    }

    /// The row's new state; `stored` is what the LRS holds for a conflict, when it could be read.
    pub fn settled_state(&self, now: EpochMs, stored: Option<String>) -> OutboxState {
        match self {
            RowUpdate::Delivered { .. } => OutboxState::Delivered { at: now },
            RowUpdate::Rejected { status, reason, .. } => OutboxState::Rejected {
                at: now,
                status: *status,
                reason: reason.clone(),
            },
            RowUpdate::Conflict { .. } => OutboxState::Conflict { at: now, stored },
        }
    }
}

/// The delivery state of one flusher: backoff and the batches under suspicion. Losing it (a reload) is
/// harmless: everything not yet acknowledged is still pending in the store and is simply sent again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Delivery {
    failures: u32,
    not_before: EpochMs,
    suspects: VecDeque<Vec<String>>,
    halt: Option<Halt>,
    /// The most statements per POST; lowered when the LRS answers 413 to a batch (0 means [`MAX_BATCH`]).
    batch_limit: usize,
}

impl Delivery {
    pub fn new() -> Self {
        Self::default()
    }

    /// Decides the next step given the pending rows (oldest first) and the time.
    pub fn next(&mut self, pending: &[&OutboxRow], now: EpochMs) -> Next {
        if let Some(halt) = &self.halt {
            return Next::Halted(halt.clone());
        }
        if pending.is_empty() {
            self.suspects.clear();
            return Next::Idle;
        }
        if now < self.not_before {
            return Next::WaitUntil(self.not_before);
        }
        let limit = self.batch_limit();
        while let Some(group) = self.suspects.front_mut() {
            group.retain(|id| pending.iter().any(|r| &r.id == id));
            if group.is_empty() {
                self.suspects.pop_front();
            } else if group.len() > limit {
                // Split before a 413 lowered the limit: it would be refused as it is.
                let rest = group.split_off(limit);
                let first = group.clone();
                self.suspects.insert(1, rest);
                return Next::Send(first);
            } else {
                return Next::Send(group.clone());
            }
        }
        Next::Send(
            pending
                .iter()
                .take(self.batch_limit())
                .map(|r| r.id.clone())
                .collect(),
        )
    }

    /// Takes in the answer to POSTing `sent`; returns the row changes to store.
    pub fn record(
        &mut self,
        sent: &[String],
        result: &PostResult,
        now: EpochMs,
        rng: &mut SeededRng,
    ) -> Vec<RowUpdate> {
        let is_suspect = self.suspects.front().is_some_and(|g| g.as_slice() == sent);
        match result {
            PostResult::Status {
                code: 200 | 204, ..
            } => {
                self.failures = 0;
                self.not_before = 0;
                if is_suspect {
                    self.suspects.pop_front();
                }
                sent.iter()
                    .map(|id| RowUpdate::Delivered { id: id.clone() })
                    .collect()
            }
            PostResult::Status {
                code: code @ (400 | 409 | 413 | 422),
                body,
                ..
            } => {
                self.failures = 0;
                self.not_before = 0;
                if is_suspect {
                    self.suspects.pop_front();
                }
                if *code == 413 && sent.len() > 1 {
                    self.batch_limit = (sent.len() / 2).min(self.batch_limit());
                }
                self.isolate(sent, *code, body)
            }
            PostResult::Status {
                code: code @ (401 | 403),
                ..
            } => {
                self.halt = Some(Halt {
                    status: *code,
                    message: "The LRS refused the player's credentials.".into(),
                });
                Vec::new()
            }
            PostResult::Status {
                code,
                retry_after_ms,
                ..
            } if retryable(*code) => {
                self.back_off(*retry_after_ms, now, rng);
                Vec::new()
            }
            PostResult::Status { code, .. } => {
                self.halt = Some(Halt {
                    status: *code,
                    message: format!("The LRS answered HTTP {code}: check the endpoint."),
                });
                Vec::new()
            }
            PostResult::NetworkError(_) | PostResult::Timeout => {
                self.back_off(None, now, rng);
                Vec::new()
            }
        }
    }

    /// Lifts a halt (the operator changed the configuration, or the learner asked to retry).
    pub fn resume(&mut self) {
        self.halt = None;
        self.failures = 0;
        self.not_before = 0;
    }

    /// Forgets the backoff (the network just came back), but not a halt.
    pub fn resume_backoff(&mut self) {
        self.failures = 0;
        self.not_before = 0;
    }

    /// Why delivery is halted, if it is.
    pub fn halt(&self) -> Option<&Halt> {
        self.halt.as_ref()
    }

    /// The most statements the next batch may hold.
    pub fn batch_limit(&self) -> usize {
        if self.batch_limit == 0 {
            MAX_BATCH
        } else {
            self.batch_limit
        }
    }

    /// Consecutive failures so far (for diagnostics).
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// A refused batch: split it, or settle the single statement.
    fn isolate(&mut self, sent: &[String], code: u16, body: &str) -> Vec<RowUpdate> {
        match sent {
            [] => Vec::new(),
            [id] if code == 409 => vec![RowUpdate::Conflict { id: id.clone() }],
            [id] => vec![RowUpdate::Rejected {
                id: id.clone(),
                status: code,
                reason: reason_text(code, body),
            }],
            _ => {
                let (left, right) = sent.split_at(sent.len() / 2);
                self.suspects.push_front(right.to_vec());
                self.suspects.push_front(left.to_vec());
                Vec::new()
            }
        }
    }

    fn back_off(&mut self, retry_after_ms: Option<u64>, now: EpochMs, rng: &mut SeededRng) {
        self.failures = self.failures.saturating_add(1);
        let exp = BACKOFF_BASE_MS.saturating_mul(1u64 << self.failures.min(20).saturating_sub(1));
        let ceiling = exp.min(BACKOFF_CAP_MS);
        let delay = match retry_after_ms {
            // Honour the server, then spread the return over a window that doubles with each refusal
            // in a row ("full jitter" after the floor): the devices that were all told the same time
            // come back spread over more and more time, until they arrive about as fast as the LRS
            // takes them; capped, so the last devices of a herd are not away for minutes while the
            // LRS has room (see [`RETRY_SPREAD_CAP_MS`]).
            Some(ms) => ms
                .min(BACKOFF_CAP_MS)
                .saturating_add(jitter(rng, ceiling.min(RETRY_SPREAD_CAP_MS))),
            // "Equal jitter": at least half the ceiling, so retries never bunch up at zero.
            None => ceiling / 2 + jitter(rng, ceiling / 2),
        };
        self.not_before = now.saturating_add(i64::try_from(delay).unwrap_or(i64::MAX));
    }
}

fn retryable(code: u16) -> bool {
    code == 408 || code == 429 || code >= 500
}

fn jitter(rng: &mut SeededRng, max_ms: u64) -> u64 {
    if max_ms == 0 {
        return 0;
    }
    (rng.next_f64() * max_ms as f64) as u64
}

fn reason_text(code: u16, body: &str) -> String {
    let body = body.trim();
    let short: String = body.chars().take(500).collect();
    if short.is_empty() {
        format!("HTTP {code}")
    } else {
        format!("HTTP {code}: {short}")
    }
}

/// An outbox row: the state's tag (`state`) and its fields beside the row's own.
impl FromJson for OutboxRow {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let kind = tag(
            json,
            &path,
            "state",
            &["pending", "delivered", "rejected", "conflict"],
        )?;
        let m = Members::lenient(json, path)?;
        let state = match kind {
            0 => OutboxState::Pending,
            1 => OutboxState::Delivered { at: m.req("at")? },
            2 => OutboxState::Rejected {
                at: m.req("at")?,
                status: m.req("status")?,
                reason: m.req("reason")?,
            },
            _ => OutboxState::Conflict {
                at: m.req("at")?,
                stored: m.opt("stored")?,
            },
        };
        Ok(OutboxRow {
            id: m.req("id")?,
            learner_id: m.req("learnerId")?,
            queued_at: m.req("queuedAt")?,
            order: m.req("order")?,
            statement: m.req("statement")?,
            state,
        })
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod herd_model;
