//! A flush of one learner's outbox as a sans-IO machine: [`Flusher::step`] takes what just happened (a
//! round asked for, the rows read, the LRS's answer, what it holds under a conflicting id, the rows
//! written) and says what the shell does next ([`Need`]: read the outbox's head, POST this batch, GET this
//! statement, write these row updates, wait this long, or stop). Across rounds it keeps the delivery
//! state ([`Delivery`]: backoff, bisection, a halt), the time of the last sync for the status line and
//! the statements last read for a keepalive POST on leaving the page.
//!
//! Not here: the requests, timers, locks and store writes (the shell's `web::sync`, `web::net`), the
//! delivery rules themselves ([`super::outbox`]) or the status line's words (`sync_line`).

use super::flush::{self, KEEPALIVE_MAX_BYTES};
use super::outbox::pending_in_order;
use super::statement::batch_json;
use super::{Delivery, Next, OutboxRow, PostResult, RowUpdate};
use crate::rng::SeededRng;
use crate::time::EpochMs;
use std::collections::BTreeMap;

/// What the shell does next in a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Need {
    /// Read the head of the learner's outbox ([`flush::READ_AHEAD`] pending rows) and hand them in.
    Read,
    /// POST this JSON array of statements and hand in the answer.
    Post(String),
    /// GET what the LRS holds under this statement id (it answered 409 to it alone) and hand it in.
    Stored(String),
    /// Write these row updates (the conflicts with what the LRS holds, `at` as their time), announce
    /// each, then hand in [`Event::Settled`].
    Settle {
        updates: Vec<RowUpdate>,
        stored: BTreeMap<String, String>,
        at: EpochMs,
    },
    /// Nothing may be sent for this many milliseconds: ask for a round again then.
    Wait(u32),
    /// The round is over: nothing to send now, delivery is halted, or a step did not fit the round.
    Done,
}

/// What happened since the last [`Need`].
#[derive(Debug)]
pub enum Event {
    /// A round starts (the shell holds the flush lock).
    Start,
    /// The rows read for [`Need::Read`].
    Read(Vec<OutboxRow>),
    /// The answer to [`Need::Post`].
    Posted(PostResult),
    /// The answer to [`Need::Stored`]: None when it could not be read.
    Stored(Option<String>),
    /// The updates of [`Need::Settle`] are written.
    Settled,
}

/// Where the current round is.
#[derive(Debug, Default)]
enum Step {
    #[default]
    Over,
    Reading,
    Posting(Vec<String>),
    Asking(Settling),
    /// The updates are being written; the time of a sync when the LRS took the batch.
    Settling(Option<EpochMs>),
}

/// The answer to a batch, until its updates are written.
#[derive(Debug)]
struct Settling {
    updates: Vec<RowUpdate>,
    /// The conflicting ids whose stored statement is still to be asked for, the next last.
    to_ask: Vec<String>,
    stored: BTreeMap<String, String>,
    at: EpochMs,
    synced: bool,
}

/// The outbox flusher of one learner in one tab.
#[derive(Debug)]
pub struct Flusher {
    learner_id: String,
    delivery: Delivery,
    rng: SeededRng,
    step: Step,
    last_sync: Option<EpochMs>,
    pending_json: Vec<String>,
}

impl Flusher {
    /// A flusher of `learner_id`'s outbox; `seed` spreads its retries from other devices'.
    pub fn new(learner_id: &str, seed: u64) -> Self {
        Flusher {
            learner_id: learner_id.to_owned(),
            delivery: Delivery::new(),
            rng: SeededRng::new(seed),
            step: Step::Over,
            last_sync: None,
            pending_json: Vec::new(),
        }
    }

    /// Takes in what happened at `now` and says what to do next.
    pub fn step(&mut self, event: Event, now: EpochMs) -> Need {
        match (std::mem::take(&mut self.step), event) {
            (_, Event::Start) => {
                self.step = Step::Reading;
                Need::Read
            }
            (Step::Reading, Event::Read(rows)) => {
                let pending = pending_in_order(&rows, &self.learner_id);
                self.pending_json = pending.iter().map(|r| r.statement.json.clone()).collect();
                match self.delivery.next(&pending, now) {
                    Next::Send(ids) => {
                        let body = batch_json(flush::batch(&ids, &pending));
                        self.step = Step::Posting(ids);
                        Need::Post(body)
                    }
                    Next::WaitUntil(at) => Need::Wait(flush::wait_ms(at, now)),
                    Next::Idle | Next::Halted(_) => Need::Done,
                }
            }
            (Step::Posting(ids), Event::Posted(result)) => {
                let updates = self.delivery.record(&ids, &result, now, &mut self.rng);
                let to_ask = (updates.iter().rev())
                    .filter(|u| matches!(u, RowUpdate::Conflict { .. }))
                    .map(|u| u.id().to_owned())
                    .collect();
                self.ask_or_settle(Settling {
                    updates,
                    to_ask,
                    stored: BTreeMap::new(),
                    at: now,
                    synced: flush::synced(&result),
                })
            }
            (Step::Asking(mut settling), Event::Stored(text)) => {
                if let (Some(id), Some(text)) = (settling.to_ask.pop(), text) {
                    settling.stored.insert(id, text);
                }
                self.ask_or_settle(settling)
            }
            (Step::Settling(synced), Event::Settled) => {
                self.last_sync = synced.or(self.last_sync);
                self.step = Step::Reading;
                Need::Read
            }
            _ => Need::Done,
        }
    }

    /// The next conflict to ask the LRS about, or else the updates to write.
    fn ask_or_settle(&mut self, settling: Settling) -> Need {
        if let Some(id) = settling.to_ask.last().cloned() {
            self.step = Step::Asking(settling);
            return Need::Stored(id);
        }
        self.step = Step::Settling(settling.synced.then_some(settling.at));
        Need::Settle {
            updates: settling.updates,
            stored: settling.stored,
            at: settling.at,
        }
    }

    /// Notes the pending rows just read, in delivery order (the store's `pending_of`), for
    /// [`Flusher::keepalive`].
    pub fn saw(&mut self, pending: Vec<OutboxRow>) {
        self.pending_json = pending.into_iter().map(|r| r.statement.json).collect();
    }

    /// The body of a keepalive POST for leaving the page: the statements last read that fit in one.
    pub fn keepalive(&self) -> Option<String> {
        flush::keepalive_body(&self.pending_json, KEEPALIVE_MAX_BYTES)
    }

    /// Lifts a halt (after the operator fixed the configuration); the shell then asks for a round.
    pub fn resume(&mut self) {
        self.delivery.resume();
    }

    /// Forgets the backoff (the network came back), not a halt.
    pub fn resume_backoff(&mut self) {
        self.delivery.resume_backoff();
    }

    /// Why delivery is halted, if it is (for the status line).
    pub fn halt(&self) -> Option<&super::outbox::Halt> {
        self.delivery.halt()
    }

    /// When the LRS last took a batch in this tab (for the status line).
    pub fn last_sync(&self) -> Option<EpochMs> {
        self.last_sync
    }
}

#[cfg(test)]
mod tests;
