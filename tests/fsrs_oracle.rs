//! FSRS-6 must agree with py-fsrs 6.3.2 to 1e-5: stability, difficulty and retrievability before each
//! review, and the interval, on the sequences of `tests/fixtures/fsrs-oracle.json` (made by
//! `scripts/fsrs-fixture.py`: no learning steps, no fuzzing, ratings Again and Good only).
#![cfg(not(target_arch = "wasm32"))]

use pacer::engine::fsrs::{MemoryState, Rating, DEFAULT_PARAMETERS};
use serde::Deserialize;

const TOLERANCE: f64 = 1e-5;

#[derive(Deserialize)]
struct Oracle {
    parameters: Vec<f64>,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    reviews: Vec<Review>,
}

#[derive(Deserialize)]
struct Review {
    days: u32,
    rating: String,
    retrievability_before: Option<f64>,
    stability: f64,
    difficulty: f64,
    interval_days: u32,
}

#[test]
fn fsrs_matches_py_fsrs() {
    let oracle: Oracle = serde_json::from_str(include_str!("fixtures/fsrs-oracle.json"))
        .expect("the fixture parses");
    assert_eq!(oracle.parameters, DEFAULT_PARAMETERS);
    let mut checked = 0;
    for (i, case) in oracle.cases.iter().enumerate() {
        let mut state: Option<MemoryState> = None;
        for (k, r) in case.reviews.iter().enumerate() {
            let rating = match r.rating.as_str() {
                "good" => Rating::Good,
                _ => Rating::Again,
            };
            let next = match state {
                None => MemoryState::first(rating),
                Some(s) => {
                    let before = s.retrievability(r.days);
                    let expected = r.retrievability_before.expect("a retrievability");
                    assert!(
                        (before - expected).abs() <= TOLERANCE,
                        "case {i} review {k}: R {before} against {expected}"
                    );
                    s.next(r.days, rating)
                }
            };
            assert!(
                (next.stability - r.stability).abs() <= TOLERANCE,
                "case {i} review {k}: S {} against {}",
                next.stability,
                r.stability
            );
            assert!(
                (next.difficulty - r.difficulty).abs() <= TOLERANCE,
                "case {i} review {k}: D {} against {}",
                next.difficulty,
                r.difficulty
            );
            assert_eq!(next.interval_days(), r.interval_days, "case {i} review {k}");
            state = Some(next);
            checked += 1;
        }
    }
    assert!(checked > 200, "{checked} reviews checked");
}
