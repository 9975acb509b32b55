//! KT-IDEM with per-item learning must agree with pyBKT 1.4.3 (`multigs` + `multilearn`, `Model.predict`
//! with fixed parameters, some with forgetting) to 1e-9: P(known) and P(correct) before every answer.
//! The oracle is read from `../shared/data/ktidem-oracle.json` when that file is there, else from the copy
//! in `tests/fixtures/`. The plain-BKT oracle is also replayed through the item-level path, every item
//! taking the skill's values, so plain BKT stays the special case it should be.
#![cfg(not(target_arch = "wasm32"))]

use pacer::engine::{
    AttemptEvidence, BktParams, ItemValues, LearnerModel, SkillParams, ValueSource,
};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

const TOLERANCE: f64 = 1e-9;

/// The shared oracle when present, else the copy under tests/fixtures.
fn read_oracle(name: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/data").join(name);
    let path = if shared.exists() {
        shared
    } else {
        root.join("tests/fixtures").join(name)
    };
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[derive(Deserialize)]
struct Oracle {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    params: CaseParams,
    answers: Vec<Answer>,
    p_known_before: Vec<f64>,
    p_correct_before: Vec<f64>,
}

#[derive(Deserialize)]
struct CaseParams {
    prior: f64,
    forget: f64,
    items: BTreeMap<String, ItemParams>,
}

#[derive(Deserialize)]
struct ItemParams {
    guess: f64,
    slip: f64,
    learn: f64,
}

#[derive(Deserialize)]
struct Answer {
    item: String,
    correct: u8,
}

fn evidence(item: &str, correct: bool) -> AttemptEvidence {
    AttemptEvidence {
        item_id: item.to_owned(),
        skill_ids: vec!["skill".to_owned()],
        correct,
        first_attempt: true,
        hints_used: 0,
        solution_viewed: false,
        gave_up: false,
        response_ms: 10_000,
    }
}

/// The learner model for one case: the skill's prior and forget, every item its own values. The skill's
/// guess, slip and learn are deliberately far from every item's, so a fallback would show.
fn model(case: &CaseParams) -> LearnerModel {
    let skill = BktParams::new(case.prior, 0.999, 0.499, 0.499, case.forget).expect("valid skill");
    let mut params = SkillParams::default();
    params.per_skill.insert("skill".into(), skill);
    let items = case.items.iter().map(|(id, p)| {
        let values = ItemValues {
            guess: Some(p.guess),
            slip: Some(p.slip),
            learn: Some(p.learn),
            difficulty: 0.0,
        };
        (id.clone(), values)
    });
    LearnerModel::new(params.with_items(items))
}

#[test]
fn ktidem_matches_pybkt_before_every_answer() {
    let oracle: Oracle =
        serde_json::from_str(&read_oracle("ktidem-oracle.json")).expect("the oracle parses");
    assert_eq!(oracle.cases.len(), 24);
    assert!(
        oracle.cases.iter().any(|c| c.params.forget > 0.0),
        "some cases forget"
    );
    let mut checked = 0;
    for (i, case) in oracle.cases.iter().enumerate() {
        let mut model = model(&case.params);
        assert_eq!(case.answers.len(), case.p_known_before.len(), "case {i}");
        assert_eq!(case.answers.len(), case.p_correct_before.len(), "case {i}");
        for (t, answer) in case.answers.iter().enumerate() {
            let (_, source) = model.params().for_item_with_source("skill", &answer.item);
            assert_eq!(source, ValueSource::Item, "case {i}: {}", answer.item);
            let known = model.p_known("skill");
            let correct = model.p_correct_item("skill", &answer.item);
            let updates =
                model.apply_attempt(&evidence(&answer.item, answer.correct == 1), t as i64);
            assert_eq!(updates[0].p_known_before, known);
            assert_eq!(updates[0].p_correct_before, correct);
            let dk = (known - case.p_known_before[t]).abs();
            let dc = (correct - case.p_correct_before[t]).abs();
            assert!(dk <= TOLERANCE, "case {i} answer {t}: P(known) off by {dk}");
            assert!(
                dc <= TOLERANCE,
                "case {i} answer {t}: P(correct) off by {dc}"
            );
            checked += 1;
        }
    }
    assert!(checked > 300, "only {checked} values checked");
}

#[derive(Deserialize)]
struct PlainOracle {
    cases: Vec<PlainCase>,
}

#[derive(Deserialize)]
struct PlainCase {
    params: BktParams,
    answers: Vec<u8>,
    p_known_before: Vec<f64>,
    p_correct_before: Vec<f64>,
}

#[test]
fn plain_bkt_is_the_case_of_items_without_their_own_values() {
    let oracle: PlainOracle =
        serde_json::from_str(&read_oracle("bkt-oracle.json")).expect("the oracle parses");
    for (i, case) in oracle.cases.iter().enumerate() {
        let mut params = SkillParams::default();
        params.per_skill.insert("skill".into(), case.params);
        // Items known to the package without values of their own, of typical difficulty.
        let items = (0..3).map(|k| {
            let values = ItemValues::default();
            (format!("item-{k}"), values)
        });
        let mut model = LearnerModel::new(params.with_items(items));
        for (t, &a) in case.answers.iter().enumerate() {
            let item = format!("item-{}", t % 4);
            let known = model.p_known("skill");
            let correct = model.p_correct_item("skill", &item);
            assert!(
                (known - case.p_known_before[t]).abs() <= TOLERANCE,
                "case {i} answer {t}"
            );
            assert!(
                (correct - case.p_correct_before[t]).abs() <= TOLERANCE,
                "case {i} answer {t}"
            );
            model.apply_attempt(&evidence(&item, a == 1), t as i64);
        }
    }
}
