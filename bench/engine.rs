//! Engine benchmarks (`cargo bench --bench engine`, part of `make bench`): prints figures, asserts nothing.
//!
//! One next-item decision with 100 skills, 5,000 items and a 20,000-attempt history: the learner model is
//! folded from the history once (as a session does on resume), then `select_item` is timed.

use pacer::engine::{
    select_item, AttemptEvidence, Candidate, LearnerModel, SelectionPolicy, SkillParams,
};
use pacer::rng::SeededRng;
use std::time::Instant;

const SKILLS: usize = 100;
const ITEMS: usize = 5_000;
const HISTORY: usize = 20_000;
const RUNS: usize = 2_000;

fn main() {
    let mut rng = SeededRng::new(20_261_122);
    let candidates: Vec<Candidate> = (0..ITEMS)
        .map(|i| Candidate {
            item_id: format!("item-{i}"),
            skill_ids: vec![format!("skill-{}", i % SKILLS)],
            difficulty: rng.next_f64() * 4.0 - 2.0,
            parameterised: i % 10 == 0,
        })
        .collect();
    let mut history = Vec::with_capacity(HISTORY);
    let fold_start = Instant::now();
    let mut model = LearnerModel::new(SkillParams::default());
    for n in 0..HISTORY {
        let item = &candidates[rng.range_i64(0, ITEMS as i64 - 1) as usize];
        let evidence = AttemptEvidence {
            item_id: item.item_id.clone(),
            skill_ids: item.skill_ids.clone(),
            correct: rng.next_f64() < 0.7,
            first_attempt: true,
            hints_used: 0,
            solution_viewed: false,
            gave_up: false,
            response_ms: 8_000,
        };
        model.apply_attempt(&evidence, n as i64 * 1_000);
        history.push(item.item_id.clone());
    }
    let fold = fold_start.elapsed();
    let policy = SelectionPolicy::default();
    let mut times = Vec::with_capacity(RUNS);
    let mut picked = 0usize;
    for run in 0..RUNS {
        let skill = format!("skill-{}", run % SKILLS);
        let t = Instant::now();
        if let Ok(selection) = select_item(&skill, &candidates, &model, &history, &policy, &mut rng)
        {
            picked += selection.item_id.len();
        }
        times.push(t.elapsed().as_secs_f64() * 1_000.0);
    }
    times.sort_by(f64::total_cmp);
    let at = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    println!(
        "fold of a {HISTORY}-attempt history into the learner model: {:.1} ms",
        fold.as_secs_f64() * 1e3
    );
    println!(
        "next-item decision ({SKILLS} skills, {ITEMS} items, {HISTORY}-attempt history), {RUNS} runs: \
         median {:.3} ms, p95 {:.3} ms (checksum {picked})",
        at(0.5),
        at(0.95)
    );
}
