use super::*;
use crate::session::Attempt;
use proptest::prelude::*;

const HOUR: i64 = 3_600_000;
const SKILLS: [&str; 3] = [
    "unit-fractions",
    "fractions-number-line",
    "equivalent-fractions",
];
const ACTIVITIES: [&str; 2] = ["unit-fractions-practice", "number-line-practice"];

fn demo() -> Manifest {
    crate::package::parse_manifest("pkg.json", include_str!("../../../pkg.json"))
        .expect("demo manifest")
}

/// An answer to item `item` (of activity `activity` % 2) on skill `skill` % 3 at hour `hour`.
fn attempt(n: usize, activity: usize, item: u8, skill: usize, right: bool, hour: i64) -> Attempt {
    let (activity, item, skill) = (
        ACTIVITIES[activity % 2],
        format!("i{item}"),
        SKILLS[skill % 3],
    );
    crate::session::sample_attempt(
        &demo().id,
        format!("a{n}"),
        activity,
        &item,
        skill,
        right,
        hour * HOUR,
    )
}

/// Mostly right first tries, an hour apart from hour 1, with a few answers to items seen before.
fn in_order(n: usize) -> Vec<Attempt> {
    (0..n)
        .map(|i| attempt(i, i % 2, (i % 30) as u8, i % 3, i % 5 != 0, 1 + i as i64))
        .collect()
}

#[test]
fn answers_in_time_order_are_folded_one_at_a_time() {
    let m = demo();
    let all = in_order(40);
    let mut fold = MasteryFold::default();
    let mut whole = MasteryFold::default();
    for n in 1..=all.len() {
        let log = &all[..n];
        let until = 1_000 * HOUR;
        assert_eq!(
            fold.until(&m, log, until),
            &mastery_times_until(&m, log, until),
            "after {n} answers"
        );
        assert_eq!(whole.whole(&m, log).0, &course_model(&m, log));
    }
    assert_eq!(whole.replays(), 1);
    assert!(
        !mastery_times(&m, &all).is_empty(),
        "the log masters something"
    );
    assert_eq!(
        fold.replays(),
        1,
        "only the first call folds from the start"
    );
    // The same log again (a render without a new answer) folds nothing.
    fold.until(&m, &all, 1_000 * HOUR);
    assert_eq!(fold.replays(), 1);
}

#[test]
fn an_older_answer_or_an_earlier_until_folds_again_from_the_start() {
    let m = demo();
    let mut log = in_order(20);
    let mut fold = MasteryFold::default();
    fold.until(&m, &log, 100 * HOUR);
    // Another tab's answer from before the last one folded.
    log.push(attempt(99, 0, 1, 0, false, 3));
    assert_eq!(
        fold.until(&m, &log, 100 * HOUR),
        &mastery_times_until(&m, &log, 100 * HOUR)
    );
    assert_eq!(fold.replays(), 2);
    // A goal's end before the answers folded.
    assert_eq!(
        fold.until(&m, &log, 10 * HOUR),
        &mastery_times_until(&m, &log, 10 * HOUR)
    );
    assert_eq!(fold.replays(), 3);
    // Time going on past answers not yet counted: they are folded in, no replay.
    assert_eq!(
        fold.until(&m, &log, 100 * HOUR),
        &mastery_times_until(&m, &log, 100 * HOUR)
    );
    assert_eq!(fold.replays(), 3);
    // The log replaced by another of the same length (its last folded answer gone).
    let other: Vec<Attempt> = in_order(21)
        .into_iter()
        .map(|mut a| {
            a.id = format!("b-{}", a.id);
            a
        })
        .collect();
    assert_eq!(
        fold.until(&m, &other, 100 * HOUR),
        &mastery_times_until(&m, &other, 100 * HOUR)
    );
    assert_eq!(fold.replays(), 4);
}

#[derive(Debug, Clone)]
enum Step {
    /// One more answer, `gap` hours after the newest (0: at the same time), or before it when `back`.
    Answer {
        activity: usize,
        item: u8,
        skill: usize,
        right: bool,
        gap: i64,
        back: bool,
    },
    /// Look at the times at `until` hours.
    Look { until: i64 },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..2usize, 0..5u8, 0..3usize, prop::bool::weighted(0.7), 0..3i64, prop::bool::weighted(0.1))
            .prop_map(|(activity, item, skill, right, gap, back)| Step::Answer {
                activity,
                item,
                skill,
                right,
                gap,
                back,
            }),
        1 => (0..200i64).prop_map(|until| Step::Look { until }),
    ]
}

proptest! {
    #[test]
    fn the_kept_fold_gives_what_a_fresh_fold_gives(steps in prop::collection::vec(step(), 1..60)) {
        let m = demo();
        let mut log: Vec<Attempt> = Vec::new();
        let mut fold = MasteryFold::default();
        let mut whole = MasteryFold::default();
        let mut newest = 1;
        let mut until = 0;
        for s in steps {
            match s {
                Step::Answer { activity, item, skill, right, gap, back } => {
                    let hour = if back { (newest - gap - 1).max(1) } else { newest + gap };
                    newest = newest.max(hour);
                    log.push(attempt(log.len(), activity, item, skill, right, hour));
                    until = until.max(newest);
                }
                Step::Look { until: u } => until = u,
            }
            prop_assert_eq!(
                fold.until(&m, &log, until * HOUR),
                &mastery_times_until(&m, &log, until * HOUR)
            );
            let (model, times) = whole.whole(&m, &log);
            prop_assert_eq!(model, &course_model(&m, &log));
            prop_assert_eq!(times, &mastery_times(&m, &log));
        }
    }
}
