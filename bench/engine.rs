//! Engine benchmarks (`cargo bench --bench engine`, part of `make bench`): prints figures, asserts nothing.
//!
//! One next-item decision with 100 skills, 5,000 items and a 20,000-attempt history: the learner model is
//! folded from the history once (as a session does on resume), then `select_item` is timed.

use pacer::engine::workload::{decision_workload, HISTORY, ITEMS, SKILLS};
use pacer::engine::{select_item, LearnerModel, SelectionPolicy, SkillParams};
use std::time::Instant;

const RUNS: usize = 2_000;

fn main() {
    let pacer::engine::workload::Workload {
        candidates,
        answers,
        mut rng,
    } = decision_workload();
    let mut history = Vec::with_capacity(HISTORY);
    let fold_start = Instant::now();
    let mut model = LearnerModel::new(SkillParams::default());
    for (n, evidence) in answers.iter().enumerate() {
        model.apply_attempt(evidence, n as i64 * 1_000);
        history.push(evidence.item_id.clone());
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
