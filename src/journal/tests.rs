use super::*;
use crate::package::Manifest;
use crate::session::Attempt;
use crate::time::EpochMs;

const HOUR: EpochMs = 3_600_000;
const DAY: EpochMs = 24 * HOUR;

fn demo() -> Manifest {
    crate::package::parse_manifest("pkg.json", include_str!("../../pkg.json"))
        .expect("demo manifest")
}

/// `n` first tries on `skill`, one an hour from `from` (ms).
fn run(n: usize, skill: &str, right: bool, from: EpochMs) -> Vec<Attempt> {
    (0..n)
        .map(|i| {
            let t = from + i as EpochMs * HOUR;
            let id = format!("{skill}-{t}");
            let (activity, item) = (format!("{skill}-practice"), id.clone());
            crate::session::sample_attempt(&demo().id, id, &activity, &item, skill, right, t)
        })
        .collect()
}

fn ids(id: &str) -> (String, String) {
    (id.into(), "l".into())
}

fn two_skills_this_week(m: &Manifest, log: &[Attempt], now: EpochMs) -> Goal {
    Goal::set(
        ids("g1"),
        m,
        log,
        GoalTarget::MasterSkills { count: 2 },
        7,
        now,
    )
    .expect("a reachable goal")
}

#[test]
fn a_goal_counts_the_skills_mastered_after_it_was_set() {
    let m = demo();
    // Unit fractions mastered before the goal: it does not count.
    let mut log = run(6, "unit-fractions", true, HOUR);
    let goal = two_skills_this_week(&m, &log, DAY);
    let p = goal.progress(&m, &log, DAY + HOUR);
    assert_eq!(p.done(), 0);
    assert_eq!(p.state, GoalState::Working { days_left: 7 });

    log.extend(run(6, "fractions-number-line", true, 2 * DAY));
    let p = goal.progress(&m, &log, 3 * DAY);
    assert_eq!(p.mastered, vec!["fractions-number-line".to_owned()]);
    assert_eq!(p.done(), 1);
    assert_eq!(p.state, GoalState::Working { days_left: 5 });

    log.extend(run(6, "equivalent-fractions", true, 4 * DAY));
    let p = goal.progress(&m, &log, 5 * DAY);
    assert_eq!(p.done(), 2);
    let at = match p.state {
        GoalState::Reached { at } => at,
        other => panic!("{other:?}"),
    };
    assert!(at > 4 * DAY && at < 5 * DAY, "{at}");
}

#[test]
fn mastery_after_the_window_does_not_reach_the_goal_but_earlier_progress_stays() {
    let m = demo();
    let mut log = run(6, "unit-fractions", true, DAY);
    let goal = two_skills_this_week(&m, &[], 0);
    log.extend(run(6, "equivalent-fractions", true, 9 * DAY));
    let p = goal.progress(&m, &log, 10 * DAY);
    assert_eq!(p.state, GoalState::Closed);
    assert_eq!(p.mastered, vec!["unit-fractions".to_owned()]);
    assert_eq!(p.done(), 1);
}

#[test]
fn a_one_skill_goal_waits_for_that_skill_only() {
    let m = demo();
    let goal = Goal::set(
        ids("g"),
        &m,
        &[],
        GoalTarget::MasterSkill {
            skill: "mixed-numbers".into(),
        },
        14,
        0,
    )
    .unwrap();
    let mut log = run(6, "unit-fractions", true, HOUR);
    assert_eq!(goal.progress(&m, &log, DAY).done(), 0);
    log.extend(run(6, "mixed-numbers", true, 2 * DAY));
    let p = goal.progress(&m, &log, 3 * DAY);
    assert_eq!(p.mastered, vec!["mixed-numbers".to_owned()]);
    assert!(matches!(p.state, GoalState::Reached { .. }));
}

#[test]
fn goals_that_cannot_be_reached_are_refused_with_the_reason() {
    let m = demo();
    let mastered = run(6, "unit-fractions", true, HOUR);
    let set = |target, days, log: &[Attempt]| Goal::set(ids("g"), &m, log, target, days, DAY);
    assert_eq!(
        set(GoalTarget::MasterSkills { count: 0 }, 7, &[]),
        Err(GoalError::NoSkills)
    );
    assert_eq!(
        set(GoalTarget::MasterSkills { count: 8 }, 7, &mastered),
        Err(GoalError::TooMany { asked: 8, left: 7 })
    );
    assert_eq!(
        set(
            GoalTarget::MasterSkill {
                skill: "unit-fractions".into()
            },
            7,
            &mastered
        ),
        Err(GoalError::AlreadyMastered("unit-fractions".into()))
    );
    assert_eq!(
        set(GoalTarget::MasterSkill { skill: "x".into() }, 7, &[]),
        Err(GoalError::UnknownSkill("x".into()))
    );
    assert_eq!(
        set(GoalTarget::MasterSkills { count: 1 }, 0, &[]),
        Err(GoalError::Span(0))
    );
    assert_eq!(
        set(GoalTarget::MasterSkills { count: 1 }, 29, &[]),
        Err(GoalError::Span(29))
    );
}

#[test]
fn the_goal_set_last_is_the_one_in_force_and_older_ones_stay_in_the_record() {
    let m = demo();
    let first = two_skills_this_week(&m, &[], 0);
    let mut second = two_skills_this_week(&m, &[], DAY);
    second.id = "g2".into();
    let entries = vec![Entry::Goal(second.clone()), Entry::Goal(first.clone())];
    assert_eq!(current_goal(&entries, &m.id), Some(&second));
    assert_eq!(goals(&entries, &m.id).count(), 2);
    assert_eq!(current_goal(&entries, "another-course"), None);
}

#[test]
fn reflections_are_trimmed_and_empty_or_overlong_ones_are_refused() {
    let place = ("course", "unit-fractions-practice");
    let r = Reflection::write(ids("r"), place, Prompt::WhatHelped, "  the pictures  ", 5).unwrap();
    assert_eq!(r.text, "the pictures");
    assert_eq!(
        Reflection::write(ids("r"), place, Prompt::WhatHelped, " \n ", 5),
        Err(ReflectionError::Empty)
    );
    let long = "á".repeat(reflection::MAX_CHARS + 1);
    assert_eq!(
        Reflection::write(ids("r"), place, Prompt::WhatHelped, &long, 5),
        Err(ReflectionError::TooLong(reflection::MAX_CHARS + 1))
    );
    let just = "á".repeat(reflection::MAX_CHARS);
    assert!(Reflection::write(ids("r"), place, Prompt::WhatHelped, &just, 5).is_ok());
}

#[test]
fn prompts_take_turns_and_reflections_list_newest_first() {
    assert_eq!(Prompt::after(0), Prompt::WhatHelped);
    assert_eq!(Prompt::after(1), Prompt::WhatLearned);
    assert_eq!(Prompt::after(2), Prompt::WhatNext);
    assert_eq!(Prompt::after(3), Prompt::WhatHelped);
    let place = ("course", "a");
    let old = Reflection::write(ids("r1"), place, Prompt::WhatHelped, "one", 1).unwrap();
    let new = Reflection::write(ids("r2"), place, Prompt::WhatNext, "two", 2).unwrap();
    let entries = vec![Entry::Reflection(old), Entry::Reflection(new)];
    let texts: Vec<&str> = reflections(&entries, "course")
        .iter()
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(texts, ["two", "one"]);
}

#[test]
fn entries_are_stored_with_their_key_and_learner_at_the_top_level() {
    let r = Reflection::write(ids("r1"), ("c", "a"), Prompt::WhatNext, "more", 1).unwrap();
    let json = serde_json::to_value(Entry::Reflection(r.clone())).unwrap();
    assert_eq!(json["kind"], "reflection");
    assert_eq!(json["id"], "r1");
    assert_eq!(json["learnerId"], "l");
    assert_eq!(json["prompt"], "whatNext");
    let back: Entry = serde_json::from_value(json).unwrap();
    assert_eq!(back, Entry::Reflection(r));
    let g = two_skills_this_week(&demo(), &[], 0);
    let json = serde_json::to_value(Entry::Goal(g)).unwrap();
    assert_eq!(json["kind"], "goal");
    assert_eq!(json["target"]["type"], "masterSkills");
    assert_eq!(json["target"]["count"], 2);
    let moved = Entry::Goal(two_skills_this_week(&demo(), &[], 0)).for_learner("m");
    assert_eq!(moved.learner_id(), "m");
}
