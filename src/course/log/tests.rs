use super::*;
use crate::journal::{Goal, GoalTarget};
use crate::session::sample_attempt;

fn demo() -> Manifest {
    crate::package::parse_manifest("pkg.json", include_str!("../../../pkg.json")).expect("demo")
}

const HOUR: EpochMs = 3_600_000;

/// `n` answers an hour apart from `first`, mostly right, over two skills of the demo.
fn answers(m: &Manifest, first: usize, n: usize) -> Vec<Attempt> {
    let skills = ["unit-fractions", "fractions-number-line"];
    (first..first + n)
        .map(|i| {
            sample_attempt(
                &m.id,
                format!("a{i:04}"),
                "unit-fractions-practice",
                &format!("i{}", i % 9),
                skills[i % 2],
                i % 6 != 0,
                (1 + i as i64) * HOUR,
            )
        })
        .collect()
}

fn course(m: &Manifest, log: Option<Vec<Attempt>>, stored: &[Attempt]) -> CourseLog {
    CourseLog::new(
        log,
        CourseSnapshot::build(m, "l", stored),
        BTreeSet::new(),
        Overrides::default(),
        Vec::new(),
    )
}

#[test]
fn answers_given_before_the_log_arrives_are_kept_once() {
    let m = demo();
    let stored = answers(&m, 0, 20);
    let mut c = course(&m, None, &stored);
    assert!(!c.is_loaded());
    let new = answers(&m, 20, 3);
    for a in &new {
        c.record(a);
    }
    // The shell reports the same commit again (a retried write): still one.
    c.record(&new[2]);
    assert_eq!(c.attempts().len(), 3);
    // Another tab's write made the log hold one of the new answers already.
    let mut log = stored.clone();
    log.push(new[0].clone());
    c.log_arrived(log);
    assert!(c.is_loaded());
    let ids: Vec<&str> = c.attempts().iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), 23);
    assert_eq!(&ids[19..], ["a0019", "a0020", "a0021", "a0022"]);
    // A second arrival (a slow read finishing late) changes nothing.
    c.log_arrived(stored);
    assert_eq!(c.attempts().len(), 23);
}

#[test]
fn the_plan_and_mastery_fold_the_whole_log_without_replaying_it_per_answer() {
    let m = demo();
    let stored = answers(&m, 0, 30);
    let mut c = course(&m, Some(stored.clone()), &stored);
    let plan = c.plan(&m, 31 * HOUR);
    let all: Vec<Attempt> = stored.clone();
    let expected = crate::engine::plan::plan(&PlanInput {
        manifest: &m,
        attempts: &all,
        completed: &BTreeSet::new(),
        overrides: &Overrides::default(),
        now: 31 * HOUR,
    });
    assert_eq!(plan, expected, "the folded plan is the plan of the log");
    let before = c.replays();
    for a in answers(&m, 30, 5) {
        c.record(&a);
        c.plan(&m, a.answered_at + 1);
        c.mastered_now(&m);
    }
    assert_eq!(c.replays(), before, "new answers continue the fold");
    assert_eq!(
        c.mastered_now(&m),
        crate::engine::fold::mastery_times(&m, c.attempts())
            .into_keys()
            .collect::<BTreeSet<_>>()
    );
}

#[test]
fn before_the_log_is_read_the_goal_comes_from_the_snapshot_and_after_from_the_log() {
    let m = demo();
    let stored = answers(&m, 0, 24);
    let goal = Goal::set(
        ("g".into(), "l".into()),
        &m,
        &stored[..2],
        GoalTarget::MasterSkills { count: 2 },
        7,
        3 * HOUR,
    )
    .expect("a goal");
    let journal = vec![Entry::Goal(goal)];
    let snapshot = CourseSnapshot::build(&m, "l", &stored);
    let now = 30 * HOUR;
    assert!(snapshot_suffices(&snapshot, &journal, &m.id, now));
    let mut unread = CourseLog::new(
        None,
        snapshot.clone(),
        BTreeSet::new(),
        Overrides::default(),
        journal.clone(),
    );
    let mut read = CourseLog::new(
        Some(stored.clone()),
        snapshot,
        BTreeSet::new(),
        Overrides::default(),
        journal,
    );
    let from_snapshot = unread.goal_progress(&m, now).expect("progress");
    assert_eq!(Some(from_snapshot), read.goal_progress(&m, now));
    // A goal counted only up to before the snapshot's last answer cannot be told by it.
    let early = Goal::set(
        ("g2".into(), "l".into()),
        &m,
        &[],
        GoalTarget::MasterSkills { count: 1 },
        1,
        0,
    )
    .expect("a goal");
    let journal = vec![Entry::Goal(early)];
    let snapshot = CourseSnapshot::build(&m, "l", &stored);
    assert!(!snapshot_suffices(&snapshot, &journal, &m.id, now));
    let mut c = CourseLog::new(
        None,
        snapshot,
        BTreeSet::new(),
        Overrides::default(),
        journal,
    );
    assert_eq!(c.goal_progress(&m, now), None);
}

#[test]
fn no_snapshot_is_kept_of_a_log_not_yet_read() {
    let m = demo();
    let stored = answers(&m, 0, 10);
    let mut c = course(&m, None, &stored);
    c.record(&answers(&m, 10, 1)[0]);
    assert_eq!(c.snapshot_to_keep(&m, "l"), None);
    c.log_arrived(stored);
    let kept = c.snapshot_to_keep(&m, "l").expect("a snapshot");
    assert_eq!(kept, CourseSnapshot::build(&m, "l", c.attempts()));
}

#[test]
fn finished_activities_and_entries_are_added() {
    let m = demo();
    let mut c = course(&m, Some(Vec::new()), &[]);
    c.complete("unit-fractions-practice");
    c.complete("unit-fractions-practice");
    assert_eq!(c.completed().len(), 1);
    assert!(c.reflections(&m).is_empty());
}
