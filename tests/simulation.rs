//! Simulated learners play the demo course's practice activities, to measure the engine: how many items a
//! learner needs before the engine declares mastery, adaptive selection against the author's fixed order
//! over the same items, and how often mastery is declared for a skill the learner does not know.
//!
//! The simulated learner follows the BKT generative model of the skill (the package's parameters, or the
//! defaults) with item difficulty acting on slip and guess: `slip_i = σ(logit(slip) + d)`,
//! `guess_i = σ(logit(guess) − d)`. The engine sees only right or wrong. Figures are printed (run with
//! `--nocapture`) and recorded in docs/engine.md; the assertions are loose sanity bounds.
#![cfg(not(target_arch = "wasm32"))]

use pacer::cli::files::Dir;
use pacer::engine::plan::skill_params;
use pacer::engine::{select_item, AttemptEvidence, Candidate, LearnerModel, SelectionPolicy};
use pacer::package::{load, ActivityKind, Item};
use pacer::rng::SeededRng;
use std::path::Path;

const LEARNERS: usize = 400;

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

fn logit(p: f64) -> f64 {
    (p / (1.0 - p)).ln()
}

#[derive(Default, Debug)]
struct Tally {
    /// Items answered before mastery was declared, for learners who got there.
    to_mastery: Vec<usize>,
    /// Learners for whom mastery was declared.
    declared: usize,
    /// ... while the learner did not know the skill.
    false_mastery: usize,
    learners: usize,
}

/// One learner through one practice pool; `adaptive` picks with the engine, else author order.
fn play(
    items: &[&Item],
    skill: &str,
    adaptive: bool,
    seed: u64,
    threshold: f64,
    manifest: &pacer::package::Manifest,
    tally: &mut Tally,
) {
    let params = skill_params(manifest);
    let p = *params.for_skill(skill);
    let mut rng = SeededRng::new(seed);
    let mut known = rng.next_f64() < p.prior();
    let mut model = LearnerModel::new(params.clone());
    let candidates: Vec<Candidate> = items
        .iter()
        .map(|i| Candidate {
            item_id: i.id.clone(),
            skill_ids: vec![skill.to_owned()],
            difficulty: i.difficulty,
            parameterised: !i.params.is_empty(),
        })
        .collect();
    let variants: Vec<Candidate> = candidates
        .iter()
        .filter(|c| c.parameterised)
        .cloned()
        .collect();
    // As the player does: the fixed pool first; when it runs dry before mastery, fresh variants of the
    // parameterised items, up to three answers per item in all.
    let budget = 3 * items.len();
    let mut history: Vec<String> = Vec::new();
    let mut pick_rng = SeededRng::new(seed ^ 0xabcdef);
    tally.learners += 1;
    for n in 0..budget {
        let mut open: Vec<Candidate> = candidates
            .iter()
            .filter(|c| !history.contains(&c.item_id))
            .cloned()
            .collect();
        if open.is_empty() {
            open = variants.clone();
        }
        if open.is_empty() {
            break;
        }
        let item_id = if adaptive {
            match select_item(
                skill,
                &open,
                &model,
                &history,
                &SelectionPolicy::default(),
                &mut pick_rng,
            ) {
                Ok(s) => s.item_id,
                Err(_) => break,
            }
        } else if open.len() == variants.len() && n >= items.len() {
            open[(n - items.len()) % open.len()].item_id.clone()
        } else {
            open[0].item_id.clone()
        };
        let d = candidates
            .iter()
            .find(|c| c.item_id == item_id)
            .map_or(0.0, |c| c.difficulty);
        let p_right = if known {
            1.0 - sigmoid(logit(p.slip().max(1e-3)) + d)
        } else {
            sigmoid(logit(p.guess().max(1e-3)) - d)
        };
        let correct = rng.next_f64() < p_right;
        model.apply_attempt(
            &AttemptEvidence {
                item_id: item_id.clone(),
                skill_ids: vec![skill.to_owned()],
                correct,
                first_attempt: true,
                hints_used: 0,
                solution_viewed: false,
                gave_up: false,
                response_ms: 20_000,
            },
            n as i64 * 60_000,
        );
        history.push(item_id);
        if !known && rng.next_f64() < p.learn() {
            known = true;
        }
        if model.p_known(skill) >= threshold {
            tally.declared += 1;
            tally.to_mastery.push(n + 1);
            if !known {
                tally.false_mastery += 1;
            }
            return;
        }
    }
}

fn median(v: &mut [usize]) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_unstable();
    v[v.len() / 2] as f64
}

#[test]
fn simulated_learners_of_the_demo_course_adaptive_against_fixed_order() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (package, report) = load(&Dir(root.to_owned()));
    let package = package.unwrap_or_else(|| panic!("the demo course loads: {:?}", report.errors));
    let m = &package.manifest;
    let threshold = m.settings.mastery_threshold;
    let (mut adaptive, mut fixed) = (Tally::default(), Tally::default());
    println!("skill                    items | adaptive: mastered  median items  false | fixed: mastered  median items  false");
    for entry in m
        .activities
        .iter()
        .filter(|a| a.kind == ActivityKind::Practice)
    {
        let Some(activity) = package.activity(&entry.id) else {
            continue;
        };
        let Some(skill) = entry.skills.first() else {
            continue;
        };
        let items: Vec<&Item> = activity
            .items
            .iter()
            .filter(|i| i.skills.contains(skill))
            .collect();
        let (mut a, mut f) = (Tally::default(), Tally::default());
        for k in 0..LEARNERS {
            let seed = SeededRng::seed_from(&[skill, &k.to_string()]);
            play(&items, skill, true, seed, threshold, m, &mut a);
            play(&items, skill, false, seed, threshold, m, &mut f);
        }
        println!(
            "{skill:<24} {:>5} | {:>17.0}% {:>13} {:>5.1}% | {:>14.0}% {:>13} {:>5.1}%",
            items.len(),
            100.0 * a.declared as f64 / a.learners as f64,
            median(&mut a.to_mastery.clone()),
            100.0 * a.false_mastery as f64 / a.declared.max(1) as f64,
            100.0 * f.declared as f64 / f.learners as f64,
            median(&mut f.to_mastery.clone()),
            100.0 * f.false_mastery as f64 / f.declared.max(1) as f64,
        );
        for (total, part) in [(&mut adaptive, a), (&mut fixed, f)] {
            total.to_mastery.extend(part.to_mastery);
            total.declared += part.declared;
            total.false_mastery += part.false_mastery;
            total.learners += part.learners;
        }
    }
    let rate = |t: &Tally| t.false_mastery as f64 / t.declared.max(1) as f64;
    let mean =
        |t: &Tally| t.to_mastery.iter().sum::<usize>() as f64 / t.to_mastery.len().max(1) as f64;
    println!(
        "all practice: adaptive {} of {} learners mastered, mean {:.2} items, false mastery {:.1}%; \
         fixed order {} of {}, mean {:.2} items, false mastery {:.1}%",
        adaptive.declared,
        adaptive.learners,
        mean(&adaptive),
        100.0 * rate(&adaptive),
        fixed.declared,
        fixed.learners,
        mean(&fixed),
        100.0 * rate(&fixed)
    );
    assert!(
        adaptive.learners >= LEARNERS * 8,
        "every practice activity was played"
    );
    assert!(
        adaptive.declared > adaptive.learners / 4,
        "the engine declares mastery for many learners"
    );
    assert!(
        rate(&adaptive) < 0.10,
        "false mastery {:.3}",
        rate(&adaptive)
    );
    assert!(rate(&fixed) < 0.10, "false mastery {:.3}", rate(&fixed));
}
