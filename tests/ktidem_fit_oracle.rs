//! The EM fit behind `pacer fit` against pyBKT 1.4.3's fit (`multigs` + `multilearn`, 5 random starts) on
//! three synthetic classes: it must reach at least pyBKT's log-likelihood minus 0.1 % of its magnitude,
//! and its mean absolute error against the values that generated the class must be no worse than pyBKT's
//! plus 0.02. Read from `../shared/data/ktidem-fit-oracle.json` when present, else the copy in
//! `tests/fixtures/`.
#![cfg(not(target_arch = "wasm32"))]

use pacer::engine::fit::{fit, FitOptions, Sequences};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Deserialize)]
struct Oracle {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    generating: Values,
    fitted_by_pybkt: Values,
    pybkt_log_likelihood: f64,
    answers: Vec<Answer>,
}

#[derive(Deserialize)]
struct Values {
    prior: f64,
    items: BTreeMap<String, Item>,
}

#[derive(Deserialize)]
struct Item {
    guess: f64,
    slip: f64,
    learn: f64,
}

#[derive(Deserialize)]
struct Answer {
    learner: String,
    item: String,
    correct: u8,
}

fn oracle() -> Oracle {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/data/ktidem-fit-oracle.json");
    let path = if shared.exists() {
        shared
    } else {
        root.join("tests/fixtures/ktidem-fit-oracle.json")
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("the fit oracle parses")
}

/// Mean absolute error over the prior and every item's guess, slip and learn.
fn mae(fitted: &[f64], truth: &[f64]) -> f64 {
    fitted
        .iter()
        .zip(truth)
        .map(|(a, b)| (a - b).abs())
        .sum::<f64>()
        / truth.len() as f64
}

fn flat(v: &Values) -> Vec<f64> {
    let mut out = vec![v.prior];
    for item in v.items.values() {
        out.extend([item.guess, item.slip, item.learn]);
    }
    out
}

#[test]
fn em_fit_reaches_pybkts_likelihood_and_accuracy() {
    let oracle = oracle();
    assert_eq!(oracle.cases.len(), 3);
    for (n, case) in oracle.cases.iter().enumerate() {
        let items: Vec<&String> = case.generating.items.keys().collect();
        // Each learner's answers in file order (the oracle lists them in time order).
        let mut per_learner: BTreeMap<&str, Vec<(u32, bool)>> = BTreeMap::new();
        let mut order: Vec<&str> = Vec::new();
        for a in &case.answers {
            let group = items
                .iter()
                .position(|i| **i == a.item)
                .expect("a known item") as u32;
            let seq = per_learner.entry(&a.learner).or_insert_with(|| {
                order.push(&a.learner);
                Vec::new()
            });
            seq.push((group, a.correct == 1));
        }
        let mut data = Sequences::new();
        for learner in &order {
            data.push(per_learner[learner].iter().copied());
        }
        let fitted = fit(&data, None, &FitOptions::default()).expect("a fit");
        let bound = case.pybkt_log_likelihood - 0.001 * case.pybkt_log_likelihood.abs();
        let mut ours = vec![fitted.prior];
        for g in &fitted.groups {
            ours.extend([g.guess, g.slip, g.learn]);
        }
        let truth = flat(&case.generating);
        let (our_mae, pybkt_mae) = (
            mae(&ours, &truth),
            mae(&flat(&case.fitted_by_pybkt), &truth),
        );
        println!(
            "class {n}: {} learners, {} answers; log-likelihood ours {:.3}, pyBKT {:.3}; MAE ours {:.4}, pyBKT {:.4}",
            data.learners(),
            data.len(),
            fitted.log_likelihood,
            case.pybkt_log_likelihood,
            our_mae,
            pybkt_mae
        );
        assert!(
            fitted.log_likelihood >= bound,
            "class {n}: log-likelihood {} below {bound}",
            fitted.log_likelihood
        );
        assert!(
            our_mae <= pybkt_mae + 0.02,
            "class {n}: MAE {our_mae} against pyBKT's {pybkt_mae}"
        );
    }
}
