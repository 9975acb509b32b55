//! The herd benchmark (`cargo bench --bench herd`, part of `make bench`): prints figures, asserts nothing.
//!
//! 2,000 devices with 100 statements each come online within one second and drain their outboxes into a
//! real Ralph (our launcher, fs backend) behind a front that lets at most 25 requests a second and 4 at
//! once through, and answers the rest `429`/`503` with `Retry-After: 1`. The LRS side is scaled down to
//! what Ralph's file backend does on this machine; the devices are not. The player's delivery rules
//! (`Delivery`) and a naive client (retry every second, in step, ignoring `Retry-After`) run in the same
//! process, alternating, each against a fresh Ralph, and every run is audited against its Ralph: each
//! statement stored exactly once, none lost.
//!
//! `HERD_DEVICES`, `HERD_STATEMENTS`, `HERD_RATE` and `HERD_ROUNDS` change the shape (for a quick look);
//! the two clients take turns first, round by round (`HERD_NAIVE_FIRST=1` starts with the naive one).
//! At full size it takes a while: about 4 and 7 minutes for the two runs on the shared 2-core machine.

#[path = "../tests/herd/sim.rs"]
mod sim;

use sim::{audit, repo_root, run_through_front, Capacity, Client, Herd, Outcome, Ralph};
use std::time::Duration;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let devices = env("HERD_DEVICES", 2_000);
    let per_device = env("HERD_STATEMENTS", 100);
    let rounds = env("HERD_ROUNDS", 1);
    let capacity = Capacity {
        rate_per_s: env("HERD_RATE", 25),
        max_in_flight: 4,
        retry_after_s: 1,
        max_batch: None,
    };
    println!(
        "== the herd: {devices} devices x {per_device} statements online within 1 s; front: {} req/s, {} at once, Retry-After {} s",
        capacity.rate_per_s, capacity.max_in_flight, capacity.retry_after_s
    );
    println!(
        "{:<7} {:>9} {:>9} {:>9} {:>8} {:>8} {:>8} {:>9} {:>7}  audit",
        "client", "drain s", "requests", "refused", "peak/s", "p95/s", "to LRS/s", "early", "done"
    );
    let mut run = 100;
    let mut outcomes: Vec<Outcome> = Vec::new();
    for round in 0..rounds {
        // The order alternates round by round (HERD_NAIVE_FIRST=1 starts with the naive client).
        let order = if (round + env("HERD_NAIVE_FIRST", 0)) % 2 == 0 {
            [Client::Pacer, Client::Naive]
        } else {
            [Client::Naive, Client::Pacer]
        };
        for client in order {
            run += 1;
            let herd = Herd {
                devices,
                statements_per_device: per_device,
                arrival_ms: 1_000,
                workers: 128,
                client,
                run,
                give_up_after: Duration::from_secs(1_800),
            };
            // A fresh Ralph for each run: the same empty LRS for both clients, and an audit of one run.
            let ralph = match Ralph::start(&repo_root()) {
                Ok(r) => r,
                Err(e) => {
                    println!("herd: skipped ({e})");
                    return;
                }
            };
            let outcome = match run_through_front(herd, &ralph, capacity) {
                Ok(o) => o,
                Err(e) => {
                    println!("herd: {client:?} failed: {e}");
                    return;
                }
            };
            let audit = match audit(&ralph, &outcome.ids) {
                Ok(a) => format!(
                    "{} of {} stored once, {} duplicated, {} missing",
                    a.stored_once, a.expected, a.duplicated, a.missing
                ),
                Err(e) => format!("failed: {e}"),
            };
            println!(
                "{:<7} {:>9.1} {:>9} {:>8.1}% {:>8} {:>8} {:>8} {:>9} {:>7}  {audit}",
                format!("{client:?}").to_lowercase(),
                outcome.drain_ms as f64 / 1000.0,
                outcome.requests,
                100.0 * outcome.refused_share(),
                outcome.peak_rps,
                outcome.p95_rps,
                outcome.peak_admitted_rps,
                outcome.early_retries,
                format!("{}/{}", outcome.finished_devices, outcome.devices),
            );
            // Requests a second at the front over the run, as means over tenths of it.
            let tenth = outcome.arrivals_per_s.len().div_ceil(10).max(1);
            let series: Vec<String> = outcome
                .arrivals_per_s
                .chunks(tenth)
                .map(|c| format!("{:.0}", c.iter().sum::<u64>() as f64 / c.len() as f64))
                .collect();
            println!(
                "    req/s at the front, each tenth of the run ({tenth} s): {}",
                series.join(" ")
            );
            for h in outcome.halted.iter().take(3) {
                println!("    halted: {h}");
            }
            outcomes.push(outcome);
        }
    }
    let mean = |client: Client, f: &dyn Fn(&Outcome) -> f64| {
        let xs: Vec<f64> = outcomes
            .iter()
            .filter(|o| o.client == client)
            .map(f)
            .collect();
        xs.iter().sum::<f64>() / xs.len().max(1) as f64
    };
    let ratio =
        |f: &dyn Fn(&Outcome) -> f64| mean(Client::Naive, f) / mean(Client::Pacer, f).max(1e-9);
    println!(
        "naive / pacer: drain time x{:.2}, requests x{:.1}, refused share x{:.1}, p95 req/s at the front x{:.1}",
        ratio(&|o| o.drain_ms as f64),
        ratio(&|o| o.requests as f64),
        ratio(&|o| o.refused_share()),
        ratio(&|o| o.p95_rps as f64),
    );
}
