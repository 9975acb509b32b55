//! The herd in small, for `make test`: 60 devices with 60 statements each come online within one second
//! and drain their outboxes (the player's own delivery rules, over real HTTP) into a real Ralph behind a
//! front that refuses anything above 40 requests a second or 4 at once with `429`/`503` and `Retry-After`,
//! and batches of more than 20 statements with `413`.
//!
//! It shows that every statement is stored exactly once and none is lost (read back from Ralph), that the
//! front did refuse (so the retry paths ran), that no device came back before the `Retry-After` it was
//! given, and that each device was refused for size only twice (50, then 25: it then remembers). The full herd and its figures are in `make bench` (`bench/herd.rs`); nothing here is timed.
#![cfg(not(target_arch = "wasm32"))]

#[path = "herd/sim.rs"]
mod sim;

use sim::{audit, repo_root, run_through_front, Capacity, Client, Herd, Ralph};
use std::time::Duration;

#[test]
fn a_small_herd_is_stored_exactly_once_and_honours_retry_after() {
    let ralph = Ralph::start(&repo_root()).expect("Ralph starts");
    let herd = Herd {
        devices: 60,
        statements_per_device: 60,
        arrival_ms: 1_000,
        workers: 48,
        client: Client::Pacer,
        run: 1,
        give_up_after: Duration::from_secs(600),
    };
    let capacity = Capacity {
        rate_per_s: 40,
        max_in_flight: 4,
        retry_after_s: 1,
        max_batch: Some(20),
    };
    let outcome = run_through_front(herd, &ralph, capacity).expect("the herd runs");
    println!(
        "drained in {} ms: {} requests, {} refused ({} for size), {} answers lost, peak {}/s at the front",
        outcome.drain_ms,
        outcome.requests,
        outcome.refused,
        outcome.too_large,
        outcome.lost_answers,
        outcome.peak_rps
    );
    assert!(
        outcome.halted.is_empty(),
        "no device halted: {:?}",
        outcome.halted
    );
    assert_eq!(
        outcome.finished_devices, herd.devices,
        "every queue is empty"
    );
    assert_eq!(outcome.delivered_statements, outcome.statements);
    assert!(
        outcome.refused > 0,
        "the front refused some requests, so the retry paths ran"
    );
    assert_eq!(
        outcome.early_retries, 0,
        "no device came back before its Retry-After"
    );
    // Counted where the outbox hears it: a 413 whose answer was lost on the way (a timeout on this
    // loaded machine) is, for the device, a request to send again, and the front logs it twice.
    assert_eq!(
        outcome.too_large_seen,
        2 * herd.devices as u64,
        "each device is refused for size at 50 and at 25, never again"
    );
    assert!(
        outcome.too_large <= outcome.too_large_seen + outcome.lost_answers,
        "the front's extra 413s ({} against {} heard) are answers that never arrived ({})",
        outcome.too_large,
        outcome.too_large_seen,
        outcome.lost_answers
    );
    let audit = audit(&ralph, &outcome.ids).expect("Ralph can be read back");
    assert_eq!(audit.missing, 0, "{audit:?}");
    assert_eq!(audit.duplicated, 0, "{audit:?}");
    assert_eq!(audit.stored_once, outcome.statements, "{audit:?}");
    assert_eq!(audit.strangers, 0, "{audit:?}");
}
