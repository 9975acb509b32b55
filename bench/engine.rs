//! Engine benchmarks (`cargo bench --bench engine`, part of `make bench`): prints figures, asserts nothing.
//!
//! One next-item decision with 100 skills, 5,000 items (each with its own guess, slip and learn rate) and
//! a 20,000-attempt history: the learner model is
//! folded from the history once (as a session does on resume), then `select_item` is timed.
//!
//! The course's mastery times from a 10,000-answer log, as a render needs them while a goal is set:
//! folded from the start, and with the kept fold after one more answer.

use pacer::check::{Outcome, Response};
use pacer::engine::fold::{mastery_times_until, MasteryFold};
use pacer::engine::workload::{decision_workload, HISTORY, ITEMS, SKILLS};
use pacer::engine::{select_item, LearnerModel, SelectionPolicy};
use pacer::session::Attempt;
use std::time::Instant;

const RUNS: usize = 2_000;

fn main() {
    let pacer::engine::workload::Workload {
        candidates,
        answers,
        mut rng,
        params,
    } = decision_workload();
    let mut history = Vec::with_capacity(HISTORY);
    let fold_start = Instant::now();
    let mut model = LearnerModel::new(params);
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
    goal_fold();
}

const GOAL_LOG: usize = 10_000;
const GOAL_RUNS: usize = 50;

/// The mastery times a goal needs at each render, from a 10,000-answer log of the demo course.
fn goal_fold() {
    let manifest = pacer::package::parse_manifest("pkg.json", include_str!("../pkg.json"))
        .expect("the demo manifest");
    let skills: Vec<&str> = manifest.skills.iter().map(|s| s.id.as_str()).collect();
    let answer = |n: usize| Attempt {
        id: format!("a{n:06}"),
        learner_id: "bench".into(),
        package_id: manifest.id.clone(),
        package_version: manifest.version.clone(),
        activity_id: format!("activity-{}", n % 7),
        item_id: format!("item-{}", n % 300),
        response: Response::Choice { option: "a".into() },
        outcome: Outcome {
            correct: n % 4 != 0,
            score: if n % 4 != 0 { 1.0 } else { 0.0 },
            feedback: None,
            parts: Vec::new(),
        },
        presented_at: n as i64 * 60_000 - 20_000,
        answered_at: n as i64 * 60_000,
        hints_used: 0,
        solution_viewed: false,
        values: Default::default(),
        skills: vec![skills[n % skills.len()].to_owned()],
        reason: None,
        warnings: Vec::new(),
        statement_ids: Vec::new(),
    };
    let mut log: Vec<Attempt> = (0..GOAL_LOG).map(answer).collect();
    let until = i64::MAX - 1;
    let mut full = Vec::with_capacity(GOAL_RUNS);
    let mut kept = Vec::with_capacity(GOAL_RUNS);
    let mut fold = MasteryFold::default();
    fold.until(&manifest, &log, until);
    let mut checksum = 0usize;
    for run in 0..GOAL_RUNS {
        log.push(answer(GOAL_LOG + run));
        let t = Instant::now();
        checksum += mastery_times_until(&manifest, &log, until).len();
        full.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        checksum += fold.until(&manifest, &log, until).len();
        kept.push(t.elapsed().as_secs_f64() * 1e3);
    }
    full.sort_by(f64::total_cmp);
    kept.sort_by(f64::total_cmp);
    println!(
        "goal progress with a {GOAL_LOG}-answer log, median of {GOAL_RUNS} renders: folded from the \
         start {:.2} ms, kept fold after one more answer {:.3} ms (checksum {checksum})",
        full[GOAL_RUNS / 2],
        kept[GOAL_RUNS / 2]
    );
}
