//! The statement outbox's rules: rows queued at capture, sent oldest first in batches, and what an LRS
//! answer means for the batch. The web shell stores the rows (IndexedDB) and does the HTTP.

use super::Statement;
use crate::time::EpochMs;
use serde::{Deserialize, Serialize};

/// The most statements sent in one POST.
pub const MAX_BATCH: usize = 50;

/// Where a queued statement is in its delivery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum OutboxState {
    /// Not yet acknowledged by the LRS.
    Pending,
    /// The LRS stored it (200/204).
    #[serde(rename_all = "camelCase")]
    Delivered { at: EpochMs },
}

/// One queued statement, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
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

impl OutboxRow {
    /// True until the LRS has acknowledged the statement.
    pub fn is_pending(&self) -> bool {
        self.state == OutboxState::Pending
    }
}

/// What to do with a batch after the LRS answered `status` (`None`: no answer, a network error).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchVerdict {
    /// Stored by the LRS: mark every row delivered.
    Delivered,
    /// Try the same rows again later; nothing is lost.
    RetryLater,
}

/// Interprets the LRS's answer to a statements POST.
pub fn verdict(status: Option<u16>) -> BatchVerdict {
    match status {
        Some(200) | Some(204) => BatchVerdict::Delivered,
        _ => BatchVerdict::RetryLater,
    }
}

/// The next batch to send: pending rows of `learner_id`, oldest first, at most [`MAX_BATCH`].
pub fn next_batch<'a>(rows: &'a [OutboxRow], learner_id: &str) -> Vec<&'a OutboxRow> {
    let mut pending: Vec<&OutboxRow> = rows
        .iter()
        .filter(|r| r.is_pending() && r.learner_id == learner_id)
        .collect();
    pending.sort_by_key(|r| (r.queued_at, r.order));
    pending.truncate(MAX_BATCH);
    pending
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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

    #[test]
    fn batch_is_pending_rows_of_the_learner_oldest_first() {
        let rows = vec![
            row("c", "l1", 30, 0, OutboxState::Pending),
            row("a", "l1", 10, 1, OutboxState::Pending),
            row("b", "l1", 10, 0, OutboxState::Pending),
            row("d", "l2", 5, 0, OutboxState::Pending),
            row("e", "l1", 1, 0, OutboxState::Delivered { at: 2 }),
        ];
        let ids: Vec<&str> = next_batch(&rows, "l1")
            .iter()
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(ids, ["b", "a", "c"]);
    }

    #[test]
    fn batch_is_capped() {
        let rows: Vec<OutboxRow> = (0..(MAX_BATCH as u32 + 7))
            .map(|i| row(&format!("s{i}"), "l", 0, i, OutboxState::Pending))
            .collect();
        assert_eq!(next_batch(&rows, "l").len(), MAX_BATCH);
    }

    #[test]
    fn only_success_statuses_deliver() {
        assert_eq!(verdict(Some(200)), BatchVerdict::Delivered);
        assert_eq!(verdict(Some(204)), BatchVerdict::Delivered);
        for s in [
            None,
            Some(400),
            Some(401),
            Some(409),
            Some(429),
            Some(500),
            Some(503),
        ] {
            assert_eq!(verdict(s), BatchVerdict::RetryLater, "{s:?}");
        }
    }

    #[test]
    fn rows_round_trip_through_json_with_their_state() {
        let r = row("x", "l", 1, 2, OutboxState::Delivered { at: 9 });
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["state"], "delivered");
        assert_eq!(v["at"], 9);
        let back: OutboxRow = serde_json::from_value(v).unwrap();
        assert_eq!(back, r);
    }
}
