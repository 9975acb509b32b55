//! `pacer fit` at scale (`cargo bench --bench fit`, part of `make bench`): prints figures, asserts nothing.
//!
//! 1,000,000 answers of a simulated class (20 skills, 200 items, 5,000 learners per skill answering 10
//! items each), fitted as `pacer fit` fits them (plain BKT and KT-IDEM per skill, each from seeded starts,
//! and again on four learners in five for the held-out AUC). Answers are built in memory: reading them from
//! xAPI JSON is not in this figure. Peak memory is the process's high-water mark (`VmHWM`); the CPU seconds
//! of the fit are printed beside its wall-clock seconds.

use pacer::cli::files::Dir;
use pacer::cli::fit::{fit_answers, Answer, FitSettings};
use pacer::rng::SeededRng;
use std::time::Instant;

const SKILLS: usize = 20;
const ITEMS_PER_SKILL: usize = 10;
const LEARNERS: usize = 5_000;

/// CPU seconds this process has used, user and system, all threads (`/proc/self/stat`'s utime and stime, in
/// clock ticks of 1/100 s, Linux's `USER_HZ`): on a shared machine, wall-clock time says more about the
/// other jobs than about the fit.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name is in parentheses and may hold spaces: count fields after its closing one.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<u64>().ok();
    Some((ticks(11)? + ticks(12)?) as f64 / 100.0)
}

fn peak_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let dir = std::env::temp_dir().join(format!("pacer-bench-fit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("content")).expect("temp dir");
    let skills: Vec<String> = (0..SKILLS)
        .map(|s| format!(r#"{{ "id": "s{s}", "title": {{ "en": "Skill {s}" }} }}"#))
        .collect();
    let activities: Vec<String> = (0..SKILLS)
        .map(|s| {
            format!(
                r#"{{ "id": "a{s}", "file": "content/a{s}.json", "title": {{ "en": "Practice {s}" }}, "kind": "practice", "skills": ["s{s}"] }}"#
            )
        })
        .collect();
    let manifest = format!(
        r#"{{ "id": "https://example.org/courses/bench", "title": {{ "en": "Bench" }}, "version": "1.0.0", "language": "en",
  "skills": [{}], "activities": [{}] }}"#,
        skills.join(","),
        activities.join(",")
    );
    std::fs::write(dir.join("pkg.json"), manifest).expect("write pkg.json");
    for s in 0..SKILLS {
        let items: Vec<String> = (0..ITEMS_PER_SKILL)
            .map(|i| {
                format!(
                    r#"{{ "id": "s{s}-i{i}", "skills": ["s{s}"], "stem": {{ "en": "Is {i} even?" }}, "interaction": {{ "type": "trueFalse", "correct": true }}, "hints": [{{ "en": "Halve it." }}] }}"#
                )
            })
            .collect();
        let activity = format!(r#"{{ "id": "a{s}", "items": [{}] }}"#, items.join(","));
        std::fs::write(dir.join(format!("content/a{s}.json")), activity).expect("write activity");
    }
    let (package, report) = pacer::package::load(&Dir(dir.clone()));
    let package = package.unwrap_or_else(|| panic!("the bench package loads: {:?}", report.errors));
    let mut rng = SeededRng::new(1_000_000);
    let mut answers = Vec::with_capacity(SKILLS * LEARNERS * ITEMS_PER_SKILL);
    for s in 0..SKILLS {
        let values: Vec<(f64, f64, f64)> = (0..ITEMS_PER_SKILL)
            .map(|_| {
                (
                    0.05 + 0.3 * rng.next_f64(),
                    0.05 + 0.2 * rng.next_f64(),
                    0.05 + 0.2 * rng.next_f64(),
                )
            })
            .collect();
        for l in 0..LEARNERS {
            let mut known = rng.next_f64() < 0.2;
            for (i, &(g, sl, t)) in values.iter().enumerate() {
                let correct = rng.next_f64() < if known { 1.0 - sl } else { g };
                answers.push(Answer {
                    learner: format!("learner-{l}"),
                    activity: format!("a{s}"),
                    item: format!("s{s}-i{i}"),
                    variant: String::new(),
                    at_ms: (l * 100 + i) as i64 * 60_000,
                    statement_id: String::new(),
                    correct,
                });
                if !known && rng.next_f64() < t {
                    known = true;
                }
            }
        }
    }
    let before = peak_kb();
    let cpu_before = cpu_seconds();
    let start = Instant::now();
    let fits = fit_answers(&package, &answers, &FitSettings::default());
    let seconds = start.elapsed().as_secs_f64();
    let cpu = cpu_before
        .zip(cpu_seconds())
        .map_or("n/a".into(), |(a, b)| format!("{:.1}", b - a));
    let items: usize = fits.iter().map(|f| f.items.len()).sum();
    println!(
        "pacer fit on {} answers ({SKILLS} skills, {} items, {} learners a skill): {seconds:.1} s ({cpu} s of CPU), peak memory {} MB (answers built: {} MB); {items} items fitted",
        answers.len(),
        SKILLS * ITEMS_PER_SKILL,
        LEARNERS,
        peak_kb().map_or("n/a".into(), |k| format!("{:.0}", k as f64 / 1024.0)),
        before.map_or("n/a".into(), |k| format!("{:.0}", k as f64 / 1024.0)),
    );
    let _ = std::fs::remove_dir_all(&dir);
}
