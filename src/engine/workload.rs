//! The synthetic workload of the next-item decision benchmarks (`cargo bench --bench engine` natively and
//! `benchDecision` in the browser), defined once so both measure the same thing: 100 skills, 5,000 items
//! (one in ten parameterised, each with its own guess, slip and learn rate, as after `pacer fit`) and a
//! 20,000-answer history, all drawn from a fixed seed.

use super::{AttemptEvidence, Candidate, ItemValues, SkillParams};
use crate::rng::SeededRng;

pub const SKILLS: usize = 100;
pub const ITEMS: usize = 5_000;
pub const HISTORY: usize = 20_000;

/// The items to choose among, the answers to fold into the model first (in order, one a second), and the
/// generator to keep drawing from.
pub struct Workload {
    pub candidates: Vec<Candidate>,
    pub answers: Vec<AttemptEvidence>,
    pub rng: SeededRng,
    /// The default skill values with every item's own guess, slip and learn rate.
    pub params: SkillParams,
}

/// Builds the workload (deterministic).
pub fn decision_workload() -> Workload {
    let mut rng = SeededRng::new(20_261_122);
    let candidates: Vec<Candidate> = (0..ITEMS)
        .map(|i| Candidate {
            item_id: format!("item-{i}"),
            skill_ids: vec![format!("skill-{}", i % SKILLS)],
            difficulty: rng.next_f64() * 4.0 - 2.0,
            parameterised: i % 10 == 0,
        })
        .collect();
    let answers = (0..HISTORY)
        .map(|_| {
            let pick = usize::try_from(rng.range_i64(0, ITEMS as i64 - 1)).unwrap_or(0);
            let item = &candidates[pick];
            AttemptEvidence {
                item_id: item.item_id.clone(),
                skill_ids: item.skill_ids.clone(),
                correct: rng.next_f64() < 0.7,
                first_attempt: true,
                hints_used: 0,
                solution_viewed: false,
                gave_up: false,
                response_ms: 8_000,
            }
        })
        .collect();
    // Drawn apart, so the items and the history are the same as before item-level values.
    let mut values = SeededRng::new(20_261_203);
    let params = SkillParams::default().with_items(candidates.iter().map(|c| {
        let v = ItemValues {
            guess: Some(0.05 + 0.3 * values.next_f64()),
            slip: Some(0.05 + 0.2 * values.next_f64()),
            learn: Some(0.025 + 0.15 * values.next_f64()),
            difficulty: c.difficulty,
        };
        (c.item_id.clone(), v)
    }));
    Workload {
        candidates,
        answers,
        rng,
        params,
    }
}
