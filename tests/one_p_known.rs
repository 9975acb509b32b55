//! A learner's P(known) is one number: the practice session, the course plan, the goals' mastery fold and
//! the fold the player keeps as the log grows read the same answers with the same item-level values and the
//! same first-try rule, so they agree to the last bit.
//!
//! The log is the demo course's number-line practice after a fit (every item with its own guess, slip and
//! learn rate), with what makes the readings differ when they are not the same: items of different
//! difficulty and values, a parameterised item answered at two sets of numbers (two opportunities) and again
//! at the same numbers (a second try, not evidence), a hint (counts as not known), "I don't know yet", and a
//! second skill practised in between.
#![cfg(not(target_arch = "wasm32"))]

use pacer::check::{Outcome, Response};
use pacer::cli::files::Dir;
use pacer::engine::fold::{course_model, mastery_times, MasteryFold};
use pacer::engine::plan::{plan, Overrides, PlanInput};
use pacer::package::{load, Activity, Package};
use pacer::rng::SeededRng;
use pacer::session::{draw_values, Attempt, Learner, Session};
use pacer::xapi::Actor;
use std::collections::BTreeSet;
use std::path::Path;

const PRACTICE: &str = "number-line-practice";
const SKILL: &str = "fractions-number-line";
const OTHER: &str = "unit-fractions-practice";
const LEARNER: &str = "learner-1";

/// The demo course with the practice's items fitted: each its own values, as `pacer fit` writes them.
fn fitted_course() -> Package {
    let (package, report) = load(&Dir(Path::new(env!("CARGO_MANIFEST_DIR")).to_owned()));
    let mut package =
        package.unwrap_or_else(|| panic!("the demo course loads: {:?}", report.errors));
    let mut rng = SeededRng::new(2_026);
    let practice = package
        .activities
        .iter_mut()
        .find(|a| a.id == PRACTICE)
        .expect("the number-line practice");
    for item in &mut practice.items {
        item.guess = Some(0.05 + 0.3 * rng.next_f64());
        item.slip = Some(0.05 + 0.2 * rng.next_f64());
        item.learn = Some(0.05 + 0.25 * rng.next_f64());
    }
    let items = practice.items.clone();
    package.manifest.add_items(&items);
    package
}

fn activity<'a>(package: &'a Package, id: &str) -> &'a Activity {
    package
        .activities
        .iter()
        .find(|a| a.id == id)
        .expect("a demo activity")
}

struct Log {
    attempts: Vec<Attempt>,
    at: i64,
}

impl Log {
    /// One answer to `item` of `activity` (at its `variant`-th set of numbers when parameterised).
    fn answer(&mut self, package: &Package, activity: &str, item: &str, answer: Answer) {
        let it = activity_item(package, activity, item);
        let (response, correct, hints) = match answer {
            Answer::Right => (
                Response::Text {
                    input: "right".into(),
                },
                true,
                0,
            ),
            Answer::Wrong => (
                Response::Text {
                    input: "wrong".into(),
                },
                false,
                0,
            ),
            Answer::AfterHint => (
                Response::Text {
                    input: "right".into(),
                },
                true,
                1,
            ),
            Answer::DontKnow => (Response::DontKnow, false, 0),
        };
        self.at += 30_000;
        let n = self.attempts.len();
        self.attempts.push(Attempt {
            id: format!("a{n:03}"),
            learner_id: LEARNER.into(),
            package_id: package.manifest.id.clone(),
            package_version: package.manifest.version.clone(),
            activity_id: activity.into(),
            item_id: item.into(),
            response,
            outcome: Outcome {
                correct,
                score: f64::from(u8::from(correct)),
                feedback: None,
                parts: Vec::new(),
            },
            presented_at: self.at - 20_000,
            answered_at: self.at,
            hints_used: hints,
            solution_viewed: false,
            values: Default::default(),
            skills: it.skills.clone(),
            reason: None,
            warnings: Vec::new(),
            statement_ids: Vec::new(),
        });
    }

    /// [`Log::answer`] to a parameterised item at its `variant`-th numbers.
    fn answer_variant(&mut self, package: &Package, item: &str, variant: usize, answer: Answer) {
        self.answer(package, PRACTICE, item, answer);
        let values = draw_values(activity_item(package, PRACTICE, item), LEARNER, variant);
        assert!(!values.is_empty(), "{item} is parameterised");
        self.attempts.last_mut().expect("just answered").values = values;
    }
}

fn activity_item<'a>(
    package: &'a Package,
    activity_id: &str,
    item: &str,
) -> &'a pacer::package::Item {
    activity(package, activity_id)
        .items
        .iter()
        .find(|i| i.id == item)
        .unwrap_or_else(|| panic!("{activity_id} has {item}"))
}

#[derive(Clone, Copy)]
enum Answer {
    Right,
    Wrong,
    AfterHint,
    DontKnow,
}

fn learner() -> Learner {
    Learner {
        id: LEARNER.into(),
        actor: Actor::account("https://school.example", LEARNER),
        language: "en".into(),
        launch: None,
    }
}

fn the_log(package: &Package) -> Vec<Attempt> {
    use Answer::*;
    let mut log = Log {
        attempts: Vec::new(),
        at: 1_800_000_000_000,
    };
    log.answer(package, PRACTICE, "nl-halfway", Wrong);
    log.answer(package, PRACTICE, "nl-halfway", Right); // a second try: not evidence
    log.answer(package, OTHER, "uf-pizza-quarters", Right); // another skill, in between
    log.answer_variant(package, "nl-ticks-param", 0, Right);
    log.answer_variant(package, "nl-ticks-param", 0, Wrong); // the same numbers again: not evidence
    log.answer_variant(package, "nl-ticks-param", 1, Right); // fresh numbers: a new opportunity
    log.answer(package, PRACTICE, "nl-three-thirds-tf", AfterHint); // right after a hint: not known
    log.answer(package, OTHER, "uf-name-one-third", Wrong);
    log.answer(package, PRACTICE, "nl-order-eighths", DontKnow);
    log.answer_variant(package, "nl-frog-jumps-param", 0, Right);
    log.answer(package, PRACTICE, "nl-fifths-cloze", Right);
    log.answer(package, PRACTICE, "nl-names-for-one", Wrong);
    log.answer_variant(package, "nl-frog-jumps-param", 1, Wrong);
    log.answer_variant(package, "nl-ticks-param", 3, Right);
    log.attempts
}

#[test]
fn the_practice_the_plan_and_the_goals_hold_one_p_known() {
    let package = fitted_course();
    let log = the_log(&package);
    let practice_log: Vec<Attempt> = log
        .iter()
        .filter(|a| a.activity_id == PRACTICE)
        .cloned()
        .collect();

    // The practice, as the player resumes it: the package's manifest and this activity only (the player
    // reads no other activity file for it).
    let mut manifest = package.manifest.clone();
    manifest.items.clear();
    let session = Session::resume(
        manifest,
        activity(&package, PRACTICE).clone(),
        learner(),
        None,
        log.clone(),
    );
    let practice = session.model().p_known(SKILL);
    let observed = session.model().skill(SKILL).expect("observed").attempts;
    assert_eq!(
        observed, 10,
        "first tries at each opportunity, the other skill's answers left out"
    );

    // The course fold with every activity's items (the CLI, a preview, a report).
    let course = course_model(&package.manifest, &log);
    assert_eq!(course.p_known(SKILL), practice, "the course model");
    assert_eq!(course.skill(SKILL).map(|s| s.attempts), Some(observed));
    let planned = plan(&PlanInput {
        manifest: &package.manifest,
        attempts: &log,
        completed: &BTreeSet::new(),
        overrides: &Overrides::default(),
        now: 1_900_000_000_000,
    });
    assert_eq!(planned.skills[SKILL].0, practice, "the course plan");

    // The player's course fold, made with the session's manifest (what it has read: this activity).
    let mut kept = MasteryFold::default();
    let (model, _) = kept.whole(session.manifest(), &log);
    assert_eq!(model.p_known(SKILL), practice, "the fold the player keeps");
    assert_eq!(
        course_model(session.manifest(), &practice_log).p_known(SKILL),
        practice
    );

    // The goals' mastery times: the skill is mastered in the course exactly when the practice says so.
    let threshold = package.manifest.settings.mastery_threshold;
    assert_eq!(
        mastery_times(&package.manifest, &log).contains_key(SKILL),
        practice >= threshold
    );

    // Not agreement by accident: read with the skill's values alone (the manifest without its items), the
    // same log gives another number.
    let mut skill_only = package.manifest.clone();
    skill_only.items.clear();
    let plain = course_model(&skill_only, &log).p_known(SKILL);
    assert!(
        (plain - practice).abs() > 0.01,
        "item-level values matter in this log: {plain} against {practice}"
    );
    assert!(
        (0.05..0.95).contains(&practice),
        "a P(known) the values still move: {practice}"
    );
}

#[test]
fn the_kept_fold_folds_again_when_the_values_change() {
    let package = fitted_course();
    let log = the_log(&package);
    let mut kept = MasteryFold::default();
    let mut skill_only = package.manifest.clone();
    skill_only.items.clear();
    let before = kept.whole(&skill_only, &log).0.p_known(SKILL);
    let after = kept.whole(&package.manifest, &log).0.p_known(SKILL);
    assert_eq!(after, course_model(&package.manifest, &log).p_known(SKILL));
    assert_ne!(before, after);
    assert_eq!(kept.replays(), 2, "new values fold the log again");
}
