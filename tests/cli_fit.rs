//! `pacer fit` on the statements of a simulated class of the demo course: learners follow KT-IDEM with
//! known item values and answer every item of three practice activities in a random order (some with a
//! hint first, some twice); the statements carry the package's own vocabulary, plus bad ones. The fitted
//! copy must validate as a new version, the bad statements be counted and skipped, the items' fitted values
//! be near the generating ones, and the held-out AUC of the fitted values beat the current ones.
#![cfg(not(target_arch = "wasm32"))]

use pacer::cli::files::Dir;
use pacer::package::load;
use pacer::rng::SeededRng;
use pacer::time::iso8601_utc;
use pacer::xapi::statement::{item_iri, EXT_HINTS_USED, VERB_ANSWERED};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const LEARNERS: usize = 500;
const ACTIVITIES: [&str; 3] = [
    "number-line-practice",
    "equivalent-practice",
    "add-subtract-practice",
];

fn temp_dir(label: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pacer-fit-{label}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

struct Truth {
    guess: f64,
    slip: f64,
    learn: f64,
}

#[test]
fn fit_writes_a_valid_new_version_with_values_near_the_truth() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (package, _) = load(&Dir(root.to_owned()));
    let package = package.expect("the demo course loads");
    let m = &package.manifest;
    let mut rng = SeededRng::new(42);
    let mut truth: BTreeMap<String, Truth> = BTreeMap::new();
    let mut statements: Vec<Value> = Vec::new();
    let mut n = 0u64;
    let mut statement = |learner: usize,
                         activity: &str,
                         item: &str,
                         correct: bool,
                         hints: u32,
                         at: i64| {
        n += 1;
        json!({
            "id": format!("00000000-0000-4000-8000-{n:012}"),
            "actor": { "account": { "homePage": "https://school.example", "name": format!("learner-{learner}") } },
            "verb": { "id": VERB_ANSWERED },
            "object": { "id": item_iri(m, activity, item) },
            "result": { "success": correct, "extensions": { EXT_HINTS_USED: hints } },
            "timestamp": iso8601_utc(at),
        })
    };
    for activity_id in ACTIVITIES {
        let activity = package.activity(activity_id).expect("a demo activity");
        let skill = &activity.items[0].skills[0];
        let prior = m
            .skills
            .iter()
            .find(|s| &s.id == skill)
            .and_then(|s| s.bkt)
            .map_or(0.1, |b| b.prior());
        for item in &activity.items {
            truth.insert(
                item.id.clone(),
                Truth {
                    guess: 0.05 + 0.3 * rng.next_f64(),
                    slip: 0.05 + 0.2 * rng.next_f64(),
                    learn: 0.05 + 0.25 * rng.next_f64(),
                },
            );
        }
        for learner in 0..LEARNERS {
            let mut known = rng.next_f64() < prior.max(0.2);
            let mut order: Vec<&str> = activity.items.iter().map(|i| i.id.as_str()).collect();
            for k in (1..order.len()).rev() {
                order.swap(k, (rng.next_u64() % (k as u64 + 1)) as usize);
            }
            let mut at = 1_800_000_000_000 + learner as i64 * 3_600_000;
            for item in order {
                let t = &truth[item];
                let correct = rng.next_f64() < if known { 1.0 - t.slip } else { t.guess };
                at += 60_000;
                statements.push(statement(learner, activity_id, item, correct, 0, at));
                if learner % 10 == 0 {
                    // A second try at the same item: not evidence.
                    statements.push(statement(learner, activity_id, item, true, 0, at + 1_000));
                }
                if !known && rng.next_f64() < t.learn {
                    known = true;
                }
            }
        }
    }
    // Bad statements: counted and skipped.
    statements.push(json!({ "id": "bad-1", "verb": { "id": VERB_ANSWERED }, "object": { "id": item_iri(m, "number-line-practice", "nl-ticks-param") } }));
    statements.push(json!({ "verb": { "id": VERB_ANSWERED }, "object": { "id": "https://other.example/items/x" }, "actor": {}, "result": {"success": true}, "timestamp": "2026-01-01T00:00:00Z" }));
    statements.push(json!({ "verb": { "id": "http://adlnet.gov/expapi/verbs/completed" }, "object": { "id": "x" } }));
    statements.push(json!("not a statement"));
    let dir = temp_dir("class");
    let file = dir.join("statements.json");
    std::fs::write(&file, serde_json::to_string(&statements).unwrap()).unwrap();
    let out = dir.join("fitted");
    let report = dir.join("report.json");
    let run = Command::new(env!("CARGO_BIN_EXE_pacer"))
        .args([
            "fit",
            root.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--statements",
        ])
        .arg(&file)
        .arg("--report")
        .arg(&report)
        .output()
        .expect("pacer runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    println!("{stdout}{}", String::from_utf8_lossy(&run.stderr));
    assert!(run.status.success(), "pacer fit failed");
    assert!(stdout.contains(": valid"), "the copy validates");
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let skipped = &report["skipped"];
    let items: usize = (package.activities.iter())
        .filter(|a| ACTIVITIES.contains(&a.id.as_str()))
        .map(|a| a.items.len())
        .sum();
    assert_eq!(skipped["laterAttempt"], json!(LEARNERS / 10 * items));
    assert_eq!(skipped["notThisPackage"], json!(1));
    assert_eq!(skipped["notAnswered"], json!(1));
    assert_eq!(skipped["malformed"], json!(2));
    let (fitted, _) = load(&Dir(out.clone()));
    let fitted = fitted.expect("the fitted copy loads");
    assert_ne!(fitted.manifest.version, m.version);
    // The package's files only, media included: the demo course sits at the root of this repository, and
    // a copy of the folder would copy `target/` too.
    assert!(!out.join("Cargo.toml").exists() && !out.join("target").exists());
    assert_eq!(
        pacer::cli::pack::used_files(&fitted),
        pacer::cli::pack::used_files(&package)
    );
    for path in pacer::cli::pack::used_files(&package) {
        assert!(out.join(&path).is_file(), "{path} is in the fitted copy");
    }
    let mut errors = Vec::new();
    for activity_id in ACTIVITIES {
        for item in &fitted.activity(activity_id).unwrap().items {
            let t = &truth[&item.id];
            let (g, s, l) = (
                item.guess.expect("fitted guess"),
                item.slip.expect("fitted slip"),
                item.learn.expect("fitted learn"),
            );
            errors.extend([(g - t.guess).abs(), (s - t.slip).abs(), (l - t.learn).abs()]);
        }
    }
    let mae = errors.iter().sum::<f64>() / errors.len() as f64;
    println!("mean absolute error of the items' fitted values: {mae:.3}");
    assert!(mae < 0.06, "MAE {mae}");
    for skill in report["skills"].as_array().unwrap() {
        let fitted_auc = skill["heldOutAucFitted"].as_f64().unwrap();
        let current_auc = skill["heldOutAucCurrent"].as_f64().unwrap();
        assert!(fitted_auc > current_auc, "{skill}");
        assert!(skill["logLikelihood"].as_f64() > skill["logLikelihoodCurrent"].as_f64());
    }
    // The source package is untouched.
    assert!(package
        .activity("number-line-practice")
        .unwrap()
        .items
        .iter()
        .all(|i| i.guess.is_none()));
    let _ = std::fs::remove_dir_all(&dir);
}
