use super::*;
use crate::check::Response;
use crate::session::{CaptureIds, Learner, Session, Step};
use crate::xapi::Actor;

fn report() -> Report {
    Report {
        finished: false,
        passed: false,
        score: 0.5,
        session_ms: 1_000,
        location: "q2".into(),
        suspend: "{}".into(),
    }
}

fn session() -> Session {
    let (manifest, activity) = crate::package::sample::two_halves();
    let learner = Learner {
        id: "l1".into(),
        actor: Actor::account("https://school.example", "l1"),
        language: "en".into(),
        launch: None,
    };
    Session::resume(manifest, activity, learner, None, Vec::new())
}

fn answer(s: &mut Session, option: &str, n: u32) {
    let ids = CaptureIds {
        attempt_id: format!("a{n}"),
        statement_id: format!("00000000-0000-4000-8000-00000000000{n}"),
    };
    let response = Response::Choice {
        option: option.into(),
    };
    let commit = s.answer(response, ids, 0, 10).expect("answered");
    s.apply(&commit);
    let next = s.next(20);
    s.set_progress(next);
}

#[test]
fn a_report_sets_every_value_then_commits_in_the_editions_words() {
    let r = Runtime::new(Version::Scorm12, 0);
    let calls = r.report(&report());
    let sets: Vec<_> = values(Version::Scorm12, &report())
        .into_iter()
        .map(|(element, value)| Call::Set { element, value })
        .collect();
    assert_eq!(calls[..calls.len() - 1], sets[..]);
    assert_eq!(calls.last(), Some(&Call::Commit));
    let m = Version::Scorm12.methods();
    assert_eq!(calls[0].method(m), "LMSSetValue");
    assert_eq!(
        calls[0].args(),
        vec!["cmi.core.lesson_status", "incomplete"]
    );
    assert_eq!(calls[0].what(), "cmi.core.lesson_status");
    assert_eq!(Call::Commit.method(m), "LMSCommit");
    assert_eq!(
        Call::Terminate.method(Version::Scorm2004.methods()),
        "Terminate"
    );
    assert_eq!(Call::Terminate.args(), vec![""]);
}

#[test]
fn finishing_terminates_once_and_nothing_is_sent_after() {
    let mut r = Runtime::new(Version::Scorm2004, 0);
    let calls = r.finish(&report());
    assert_eq!(calls.last(), Some(&Call::Terminate));
    assert_eq!(calls[calls.len() - 2], Call::Commit);
    assert!(r.report(&report()).is_empty(), "no report after terminate");
    assert!(r.finish(&report()).is_empty(), "terminated once");
}

#[test]
fn lms_errors_are_kept_newest_last_and_shown() {
    let mut r = Runtime::new(Version::Scorm2004, 0);
    assert_eq!(r.status(), Status::Connected("SCORM 2004"));
    assert_eq!(
        Runtime::new(Version::Scorm12, 0).status(),
        Status::Connected("SCORM 1.2")
    );
    let mut asked = 0;
    assert_eq!(
        last_error("0", |_| {
            asked += 1;
            String::new()
        }),
        None
    );
    assert_eq!(
        last_error("", |_| {
            asked += 1;
            String::new()
        }),
        None
    );
    assert_eq!(asked, 0, "no words asked for when there is no error");
    let e = last_error("351", |code| format!("General failure {code}"));
    assert_eq!(e.as_deref(), Some("error 351: General failure 351"));
    assert!(!r.note("commit", None));
    assert!(r.note("cmi.location", e));
    assert!(r.note("commit", Some("error 391: x".into())));
    assert_eq!(
        r.errors(),
        [
            "cmi.location: error 351: General failure 351",
            "commit: error 391: x"
        ]
    );
    assert_eq!(r.status(), Status::Problem("commit: error 391: x"));
}

#[test]
fn the_status_line_says_the_edition_or_the_newest_error() {
    assert_eq!(
        Status::Problem("commit: error 391: x").message(),
        ("scorm-problem", ("error", "commit: error 391: x"))
    );
    assert_eq!(
        Status::Connected("SCORM 1.2").message(),
        ("scorm-connected", ("edition", "SCORM 1.2"))
    );
}

#[test]
fn a_refused_initialize_says_why_and_the_launch_reads_its_suspend_data() {
    assert_eq!(initialized("true", None), Ok(()));
    assert_eq!(
        initialized("false", Some("error 101: x".into())),
        Err("the LMS refused to start the session (error 101: x)".into())
    );
    assert_eq!(
        initialized("", None),
        Err("the LMS refused to start the session (no error code)".into())
    );
    let r = Runtime::new(Version::Scorm12, 0);
    assert_eq!(
        r.launch_elements(),
        ("cmi.core.student_id", "cmi.suspend_data")
    );
    assert_eq!(Launch::read("s1".into(), "").suspend, None);
    assert_eq!(
        Launch::read("s1".into(), "bookmark=3").suspend,
        None,
        "unreadable"
    );
    let key = ResumeKey {
        v: 1,
        a: "intro".into(),
        k: None,
        p: "q2".into(),
        r: vec![("q1".into(), 1)],
    };
    let text = key.encode(4_096).expect("fits");
    let launch = Launch::read("s1".into(), &text);
    assert_eq!(launch.learner_id, "s1");
    assert_eq!(launch.suspend, Some(key));
}

#[test]
fn the_session_time_counts_from_the_launch_and_never_goes_negative() {
    let r = Runtime::new(Version::Scorm12, 5_000);
    assert_eq!(r.session_ms(8_500), 3_500);
    assert_eq!(r.session_ms(1_000), 0, "a clock set back reports zero");
}

#[test]
fn the_report_of_a_session_says_its_place_score_and_whether_passed() {
    let mut s = session();
    let r = report_for(&s, Version::Scorm2004, 42);
    assert_eq!((r.finished, r.passed, r.session_ms), (false, false, 42));
    assert_eq!(r.location, "q1");
    assert_eq!(ResumeKey::decode(&r.suspend).expect("a resume key").p, "q1");
    answer(&mut s, "b", 1);
    answer(&mut s, "a", 2);
    assert_eq!(s.progress().step, Step::Finished);
    let r = report_for(&s, Version::Scorm12, 0);
    assert!(r.finished);
    assert_eq!(r.score, 1.0);
    assert_eq!(r.passed, s.mastery().mastered);
    let key = ResumeKey::decode(&r.suspend).expect("a resume key");
    assert_eq!(key.r, vec![("q1".to_owned(), 1), ("q2".to_owned(), 1)]);
}
