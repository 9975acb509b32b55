//! BKT must agree with pyBKT 1.4.3 to 1e-9: `../shared/data/bkt-oracle.json` (or its copy in
//! `tests/fixtures/`) holds P(known) and
//! P(correct) before every answer of random sequences, computed by pyBKT's `Model.predict` with fixed
//! parameters (some with forgetting).

use pacer::engine::BktParams;
use serde::Deserialize;

const TOLERANCE: f64 = 1e-9;

#[derive(Deserialize)]
struct Oracle {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    params: BktParams,
    answers: Vec<u8>,
    p_known_before: Vec<f64>,
    p_correct_before: Vec<f64>,
}

/// `../shared/data/bkt-oracle.json` when present, else the copy under tests/fixtures.
fn oracle() -> Oracle {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/data/bkt-oracle.json");
    let path = if shared.exists() {
        shared
    } else {
        root.join("tests/fixtures/bkt-oracle.json")
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("oracle fixture parses")
}

#[test]
fn matches_pybkt_on_every_answer() {
    let oracle = oracle();
    assert!(!oracle.cases.is_empty());
    let mut checked = 0;
    for (i, case) in oracle.cases.iter().enumerate() {
        let answers: Vec<bool> = case.answers.iter().map(|&a| a == 1).collect();
        let trace = case.params.trace(&answers);
        assert_eq!(trace.len(), case.p_known_before.len(), "case {i}");
        assert_eq!(trace.len(), case.p_correct_before.len(), "case {i}");
        for (t, step) in trace.iter().enumerate() {
            let known = (step.p_known_before - case.p_known_before[t]).abs();
            let correct = (step.p_correct_before - case.p_correct_before[t]).abs();
            assert!(
                known <= TOLERANCE,
                "case {i} answer {t}: P(known) off by {known}"
            );
            assert!(
                correct <= TOLERANCE,
                "case {i} answer {t}: P(correct) off by {correct}"
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} values checked");
}

#[test]
fn oracle_exercises_forgetting() {
    let with_forget = oracle()
        .cases
        .iter()
        .filter(|c| c.params.forget() > 0.0)
        .count();
    assert!(
        with_forget > 0,
        "the oracle should include cases with forget > 0"
    );
}

#[test]
fn answers_are_binary() {
    for case in oracle().cases {
        assert!(case.answers.iter().all(|&a| a <= 1));
    }
}
