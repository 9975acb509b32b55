//! The rules of flushing the outbox from a page, around [`super::Delivery`]'s: how many pending rows are
//! read per decision, which statements one `Send` posts, what a keepalive POST on leaving the page may
//! carry, how long to wait for a backoff, the `Retry-After` header as a delay, which answers count as a
//! sync, the name each settled row is announced by, the lock that keeps one tab flushing per learner,
//! and the LRS's statement URLs.
//!
//! Not here: the requests, the timers, the lock or the store (the shell's `web::sync` and `web::net`), or
//! the delivery rules themselves (batches, bisection, backoff: [`super::outbox`]).

use super::outbox::MAX_BATCH;
use super::{OutboxRow, PostResult, RowUpdate, Statement};
use crate::time::EpochMs;

/// How many pending rows are read per batch decision: the batch plus room for the suspects of a bisection.
pub const READ_AHEAD: u32 = 2 * MAX_BATCH as u32;
/// A keepalive request may carry at most 64 KiB in flight; stay under it.
pub const KEEPALIVE_MAX_BYTES: usize = 60_000;
/// When another tab holds the flush lock, look again after this long.
pub const LOCKED_RETRY_MS: u32 = 5_000;

/// The rounds of a flush in one tab: a request while none runs starts one; requests while one runs
/// (an answer committed, the network back, a backoff ended) are folded into one more round after it,
/// so nothing asked for is missed and no two rounds of a tab overlap.
#[derive(Debug, Default)]
pub struct Rounds {
    running: bool,
    again: bool,
}

impl Rounds {
    /// A flush is asked for: true when a round starts now (the caller runs it), false when one is
    /// running (it goes round once more instead).
    pub fn request(&mut self) -> bool {
        if self.running {
            self.again = true;
            return false;
        }
        self.running = true;
        true
    }

    /// A round ended: true when another was asked for meanwhile (the caller runs it now), false when
    /// the flush stops.
    pub fn ended(&mut self) -> bool {
        self.running = std::mem::take(&mut self.again);
        self.running
    }
}

/// The Web Lock that lets one tab at a time flush `learner_id`'s outbox.
pub fn lock_name(learner_id: &str) -> String {
    format!("pacer-outbox:{learner_id}")
}

/// The statements of `ids` (a [`super::Next::Send`]), in its order, from the rows read.
pub fn batch<'a>(ids: &[String], pending: &[&'a OutboxRow]) -> Vec<&'a Statement> {
    ids.iter()
        .filter_map(|id| pending.iter().find(|r| &r.id == id).map(|r| &r.statement))
        .collect()
}

/// The body of the keepalive POST made when the page is hidden or left: as many of the `pending`
/// statements (JSON texts, oldest first) as fit in `max_bytes` as one JSON array; None when none fits.
/// What it delivers is sent again by the next flush, and the LRS answers 204 to an identical statement.
pub fn keepalive_body(pending: &[String], max_bytes: usize) -> Option<String> {
    let mut size = 2;
    let fitting: Vec<&str> = pending
        .iter()
        .take_while(|json| {
            size += json.len() + 1;
            size <= max_bytes
        })
        .map(String::as_str)
        .collect();
    (!fitting.is_empty()).then(|| format!("[{}]", fitting.join(",")))
}

/// Milliseconds from `now` until `at` (a backoff's end), as a timer takes them.
pub fn wait_ms(at: EpochMs, now: EpochMs) -> u32 {
    u32::try_from((at - now).max(0)).unwrap_or(u32::MAX)
}

/// Whether the LRS's answer to a POST means the statements reached it (the time of the last sync).
pub fn synced(result: &PostResult) -> bool {
    matches!(
        result,
        PostResult::Status {
            code: 200 | 204,
            ..
        }
    )
}

/// The name a settled row is announced by in the `pacer:statement` event.
pub fn state_name(update: &RowUpdate) -> &'static str {
    match update {
        RowUpdate::Delivered { .. } => "delivered",
        RowUpdate::Rejected { .. } => "rejected",
        RowUpdate::Conflict { .. } => "conflict",
    }
}

/// `Retry-After` as milliseconds from `now_ms`: delay-seconds, or an HTTP date read by `parse_date`
/// (milliseconds since the epoch, None when it is not a date); a date past is no wait.
pub fn retry_after_ms(
    value: &str,
    now_ms: f64,
    parse_date: impl FnOnce(&str) -> Option<f64>,
) -> Option<u64> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(seconds.saturating_mul(1000));
    }
    let at = parse_date(value).filter(|at| !at.is_nan())?;
    Some((at - now_ms).max(0.0) as u64)
}

/// The LRS's statements resource under `endpoint` (with or without its final slash).
pub fn statements_url(endpoint: &str) -> String {
    if endpoint.ends_with('/') {
        format!("{endpoint}statements")
    } else {
        format!("{endpoint}/statements")
    }
}

/// The URL of the one statement `id` (to read what the LRS holds after a 409).
pub fn statement_url(endpoint: &str, id: &str) -> String {
    format!(
        "{}?statementId={}",
        statements_url(endpoint),
        super::cmi5::requests::encode_component(id)
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn requests_while_a_round_runs_make_one_more_round_and_never_two_at_once() {
        let mut rounds = super::Rounds::default();
        assert!(rounds.request(), "the first request starts a round");
        assert!(!rounds.request(), "not a second one beside it");
        assert!(!rounds.request());
        assert!(rounds.ended(), "both are folded into one more round");
        assert!(!rounds.request());
        assert!(rounds.ended());
        assert!(!rounds.ended(), "nothing asked meanwhile: the flush stops");
        assert!(rounds.request(), "and the next request starts again");
        assert!(!rounds.ended());
    }

    use super::*;

    fn row(id: &str) -> OutboxRow {
        let statement = Statement {
            id: id.into(),
            json: format!("{{\"id\":\"{id}\"}}"),
        };
        OutboxRow::pending(statement, "l1", 0, 0)
    }

    #[test]
    fn a_batch_posts_the_statements_named_in_their_order() {
        let rows = [row("a"), row("b"), row("c")];
        let pending: Vec<&OutboxRow> = rows.iter().collect();
        let ids = ["c".to_owned(), "a".to_owned(), "gone".to_owned()];
        let sent: Vec<&str> = batch(&ids, &pending)
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(
            sent,
            ["c", "a"],
            "in the decision's order; a row no longer read is skipped"
        );
    }

    #[test]
    fn a_keepalive_carries_what_fits_oldest_first() {
        let pending: Vec<String> = ["{\"id\":1}", "{\"id\":22}", "{\"id\":3}"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        assert_eq!(
            keepalive_body(&pending, 1_000).as_deref(),
            Some("[{\"id\":1},{\"id\":22},{\"id\":3}]")
        );
        // The brackets, then each statement with a separator: 2 + 9 + 10 = 21 bytes for the first two.
        let two = keepalive_body(&pending, 21).expect("two fit");
        assert_eq!(two, "[{\"id\":1},{\"id\":22}]");
        assert!(two.len() <= 21);
        assert_eq!(
            keepalive_body(&pending, 20).as_deref(),
            Some("[{\"id\":1}]")
        );
        assert_eq!(keepalive_body(&pending, 5), None, "nothing fits");
        assert_eq!(keepalive_body(&[], 1_000), None, "nothing pending");
    }

    #[test]
    fn retry_after_is_seconds_or_a_date_and_never_negative() {
        let never = |_: &str| -> Option<f64> { panic!("not a date") };
        assert_eq!(retry_after_ms(" 120 ", 0.0, never), Some(120_000));
        assert_eq!(retry_after_ms("5", 0.0, never), Some(5_000));
        let date = |s: &str| (s == "Wed, 21 Oct 2026 07:28:00 GMT").then_some(10_000.0);
        assert_eq!(
            retry_after_ms("Wed, 21 Oct 2026 07:28:00 GMT", 4_000.0, date),
            Some(6_000)
        );
        assert_eq!(
            retry_after_ms("Wed, 21 Oct 2026 07:28:00 GMT", 12_000.0, date),
            Some(0)
        );
        assert_eq!(retry_after_ms("soon", 0.0, date), None);
        assert_eq!(retry_after_ms("soon", 0.0, |_| Some(f64::NAN)), None);
        assert_eq!(retry_after_ms("-5", 0.0, |_| None), None);
    }

    #[test]
    fn waits_answers_and_states() {
        assert_eq!(wait_ms(1_500, 1_000), 500);
        assert_eq!(wait_ms(1_000, 1_500), 0, "a backoff already over");
        assert_eq!(wait_ms(i64::MAX, 0), u32::MAX);
        assert!(synced(&PostResult::status(200)));
        assert!(synced(&PostResult::status(204)));
        assert!(!synced(&PostResult::status(409)));
        assert!(!synced(&PostResult::Timeout));
        assert_eq!(
            state_name(&RowUpdate::Delivered { id: "a".into() }),
            "delivered"
        );
        assert_eq!(
            state_name(&RowUpdate::Conflict { id: "a".into() }),
            "conflict"
        );
        let rejected = RowUpdate::Rejected {
            id: "a".into(),
            status: 400,
            reason: String::new(),
        };
        assert_eq!(state_name(&rejected), "rejected");
        assert_eq!(lock_name("l1"), "pacer-outbox:l1");
        assert_eq!(READ_AHEAD, 100);
    }

    #[test]
    fn statement_urls_have_one_slash_and_an_encoded_id() {
        assert_eq!(
            statements_url("https://lrs.example/xAPI"),
            "https://lrs.example/xAPI/statements"
        );
        assert_eq!(
            statements_url("https://lrs.example/xAPI/"),
            "https://lrs.example/xAPI/statements"
        );
        assert_eq!(
            statement_url("https://lrs.example/xAPI/", "a b&c"),
            "https://lrs.example/xAPI/statements?statementId=a%20b%26c"
        );
    }
}
