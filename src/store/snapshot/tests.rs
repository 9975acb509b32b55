use super::*;
use crate::session::sample_attempt;

fn demo() -> Manifest {
    crate::package::parse_manifest("pkg.json", include_str!("../../../pkg.json")).expect("demo")
}

/// `n` answers an hour apart, mostly right, across the demo's three skills.
fn log(m: &Manifest, n: usize) -> Vec<Attempt> {
    let skills = [
        "unit-fractions",
        "fractions-number-line",
        "equivalent-fractions",
    ];
    (0..n)
        .map(|i| {
            sample_attempt(
                &m.id,
                format!("a{i:04}"),
                "unit-fractions-practice",
                &format!("i{}", i % 40),
                skills[i % 3],
                i % 5 != 0,
                (1 + i as i64) * 3_600_000,
            )
        })
        .collect()
}

#[test]
fn a_snapshot_holds_the_folds_mastery_times_and_fits_its_log() {
    let m = demo();
    let attempts = log(&m, 60);
    let s = CourseSnapshot::build(&m, "l", &attempts);
    assert_eq!(
        s.mastered_at,
        crate::engine::fold::mastery_times(&m, &attempts)
    );
    assert!(!s.mastered_at.is_empty(), "the log masters something");
    assert_eq!(s.log.len, 60);
    assert_eq!(s.log.last.as_deref(), Some("a0059"));
    assert!(s.fits(&m, &LogMark::of(&attempts, &m.id)));
    assert_eq!(s.mastered_until(s.last_answered_at), Some(&s.mastered_at));
    assert_eq!(s.mastered_until(s.last_answered_at - 1), None);
}

#[test]
fn a_snapshot_does_not_fit_a_log_that_changed_or_another_package_version() {
    let m = demo();
    let mut attempts = log(&m, 30);
    let s = CourseSnapshot::build(&m, "l", &attempts);
    // Another tab answered after the last folded attempt.
    let mut later = attempts.clone();
    later.push(sample_attempt(
        &m.id,
        "z".into(),
        "x",
        "i1",
        "unit-fractions",
        true,
        1 << 40,
    ));
    assert!(!s.fits(&m, &LogMark::of(&later, &m.id)));
    // An imported backpack brought an older attempt: the last one is the same, the count is not.
    attempts.push(sample_attempt(
        &m.id,
        "old".into(),
        "x",
        "i1",
        "unit-fractions",
        true,
        1,
    ));
    assert!(!s.fits(&m, &LogMark::of(&attempts, &m.id)));
    // An attempt of another package does not change this package's log.
    let mut other = log(&m, 30);
    other.push(sample_attempt(
        "elsewhere",
        "e".into(),
        "x",
        "i1",
        "s",
        true,
        1 << 41,
    ));
    assert!(s.fits(&m, &LogMark::of(&other, &m.id)));
    // A new package version may fold differently (its threshold, its BKT parameters).
    let mut updated = m.clone();
    updated.version = "9.9.9".into();
    assert!(!s.fits(&updated, &LogMark::of(&other, &m.id)));
    // A snapshot of another format (a migration changed what it holds) never fits.
    let older_format = CourseSnapshot {
        format: SNAPSHOT_FORMAT + 1,
        ..s.clone()
    };
    assert!(!older_format.fits(&m, &LogMark::of(&other, &m.id)));
}

#[test]
fn a_snapshot_reads_back_as_it_was_stored() {
    let m = demo();
    let s = CourseSnapshot::build(&m, "l", &log(&m, 45));
    let json = serde_json::to_string(&s).unwrap();
    let back: CourseSnapshot = crate::json::from_str(&json).unwrap();
    assert_eq!(back, s);
    let empty = CourseSnapshot::build(&m, "l", &[]);
    let back: CourseSnapshot =
        crate::json::from_str(&serde_json::to_string(&empty).unwrap()).unwrap();
    assert_eq!(back, empty);
    assert_eq!(empty.log, LogMark { len: 0, last: None });
}

#[test]
fn a_log_mark_is_the_last_attempt_in_log_order_whatever_the_order_given() {
    let m = demo();
    let mut attempts = log(&m, 12);
    // Two answers at the same time as the last one: the greater id is last in log order.
    let at = attempts[11].answered_at;
    for id in ["a9999", "a0000x"] {
        attempts.push(sample_attempt(
            &m.id,
            id.into(),
            "x",
            "i1",
            "unit-fractions",
            true,
            at,
        ));
    }
    // And one in another package, later than all: not part of this log.
    attempts.push(sample_attempt(
        "other",
        "zz".into(),
        "x",
        "i1",
        "unit-fractions",
        true,
        at + 1,
    ));
    attempts.reverse();
    let mark = LogMark::of(&attempts, &m.id);
    assert_eq!(mark.len, 14);
    assert_eq!(mark.last.as_deref(), Some("a9999"));
    let s = CourseSnapshot::build(&m, "l", &attempts);
    assert_eq!(s.log, mark);
    assert_eq!(s.last_answered_at, at);
    assert_eq!(LogMark::of(&[], &m.id), LogMark { len: 0, last: None });
}
