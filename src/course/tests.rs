use super::*;
use crate::session::sample_attempt;

const PKG: &str = "https://example.org/p";

fn place_at(activity: &str, step: Step) -> Progress {
    Progress {
        learner_id: "l".into(),
        package_id: PKG.into(),
        activity_id: activity.into(),
        step,
        updated_at: 1,
    }
}

fn answering(item: &str) -> Step {
    Step::Answering {
        item_id: item.into(),
        hints_shown: 0,
        draft: None,
        reason: None,
        solution_shown: false,
        values: Default::default(),
    }
}

#[test]
fn each_launch_keys_the_learners_records_apart() {
    let actor = Actor::account("https://school.example", "ana");
    let ids = [
        configured_learner(&actor).id,
        local_learner("https://school.example", "ana").id,
        scorm_learner("https://school.example", "ana").id,
    ];
    assert_eq!(ids[0], "https://school.example|ana");
    assert_eq!(ids[1], "ana");
    assert_eq!(ids[2], "scorm|https://school.example|ana");
    assert!(is_local(&local_learner(
        "https://school.example",
        "5f0c7a2e-uuid"
    )));
    assert!(!is_local(&configured_learner(&actor)));
    assert!(!is_local(&scorm_learner("https://school.example", "ana")));
    let distinct: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(
        distinct.len(),
        3,
        "one person launched three ways keeps three records"
    );
    for learner in [
        configured_learner(&actor),
        scorm_learner("https://school.example", "ana"),
    ] {
        assert_eq!(learner.actor.account.name, "ana");
        assert!(
            learner.language.is_empty(),
            "the language is chosen once the package is known"
        );
    }
}

#[test]
fn the_launchs_overrides_win_over_the_configs() {
    let config = crate::json::from_str::<Overrides>(r#"{"lock": ["a"]}"#).expect("overrides");
    assert_eq!(overrides(&config, None), config);
    let launched = overrides(
        &config,
        Some(r#"{"overrides": {"assign": ["b"]}, "other": 1}"#),
    );
    assert_eq!(launched.assign, vec!["b".to_owned()]);
    assert!(launched.lock.is_empty(), "replaced, not merged");
    for unreadable in [
        "not json",
        r#"{"other": 1}"#,
        r#"{"overrides": {"lokc": []}}"#,
    ] {
        assert_eq!(overrides(&config, Some(unreadable)), config, "{unreadable}");
    }
}

#[test]
fn this_activitys_place_and_what_is_finished() {
    let mut other_package = place_at("a", Step::Finished);
    other_package.package_id = "https://example.org/other".into();
    let places = vec![
        place_at("a", Step::Finished),
        place_at("b", answering("q1")),
        other_package,
        place_at("c", Step::Finished),
    ];
    assert_eq!(
        place(&places, PKG, "b").map(|p| &p.step),
        Some(&answering("q1"))
    );
    assert_eq!(place(&places, PKG, "z"), None);
    let done = completed(&places, PKG);
    assert_eq!(done, ["a".to_owned(), "c".to_owned()].into_iter().collect());
}

#[test]
fn the_lms_restores_a_place_only_on_a_device_that_has_none() {
    let log = vec![sample_attempt(PKG, "x".into(), "a", "q1", "s", true, 5)];
    assert!(restore_from_lms(None, &[], "a"));
    assert!(
        restore_from_lms(None, &log, "b"),
        "answers elsewhere do not count"
    );
    assert!(
        !restore_from_lms(None, &log, "a"),
        "an answer here is newer than the LMS's"
    );
    assert!(!restore_from_lms(
        Some(&place_at("a", answering("q1"))),
        &[],
        "a"
    ));
    assert_eq!(activity_attempts(&log, "a").len(), 1);
    assert!(activity_attempts(&log, "b").is_empty());
}

#[test]
fn the_whole_log_is_read_first_only_when_the_first_screen_needs_it() {
    let working = place_at("a", answering("q1"));
    let finished = place_at("a", Step::Finished);
    // An item screen with a snapshot that tells the goal line: the log waits.
    assert!(!needs_whole_log(Some(&working), false, true));
    assert!(!needs_whole_log(None, false, true));
    // The finished screen's plan, a restored log, a goal the snapshot cannot tell: read it first.
    assert!(needs_whole_log(Some(&finished), false, true));
    assert!(needs_whole_log(Some(&working), true, true));
    assert!(needs_whole_log(Some(&working), false, false));
}

#[test]
fn the_activity_opened_is_the_configs_else_the_pages() {
    assert_eq!(
        wanted_activity(Some("b"), "?activity=c").as_deref(),
        Some("b")
    );
    assert_eq!(
        wanted_activity(None, "?x=1&activity=c%20d&activity=e").as_deref(),
        Some("c d")
    );
    assert_eq!(
        wanted_activity(None, "activity=a+b").as_deref(),
        Some("a b")
    );
    assert_eq!(wanted_activity(None, "?activity").as_deref(), Some(""));
    assert_eq!(wanted_activity(None, ""), None);
    assert_eq!(wanted_activity(None, "?activities=x"), None);
}

#[test]
fn a_scorm_launch_the_lms_did_not_start_is_said_in_the_footer() {
    let started = ScormStart::Started {
        learner_id: "s1".into(),
        suspend: None,
    };
    assert_eq!(started.note("en"), None);
    assert_eq!(
        ScormStart::NoApi.note("en").as_deref(),
        Some("No LMS connection was found; your work is kept on this device.")
    );
    let refused = ScormStart::Refused("101: General exception".into()).note("en");
    assert_eq!(
        refused.as_deref(),
        Some("Your LMS could not be reached (101: General exception); your work is kept on this device.")
    );
    assert_ne!(ScormStart::NoApi.note("es"), ScormStart::NoApi.note("en"));
}

#[test]
fn a_scorm_restore_that_refused_entries_or_the_whole_key_is_said() {
    let restored = |refused| crate::scorm::Restored {
        progress: place_at("a", answering("q1")),
        attempts: Vec::new(),
        refused,
    };
    assert_eq!(Answer::ScormRestored(Some(Ok(restored(0)))).warning(), None);
    assert_eq!(
        Answer::ScormRestored(Some(Ok(restored(2))))
            .warning()
            .as_deref(),
        Some("2 entries of the LMS's resume data were refused: not answers of this activity")
    );
    let other = crate::scorm::RestoreRefused::OtherActivity("b".into());
    assert_eq!(
        Answer::ScormRestored(Some(Err(other))).warning().as_deref(),
        Some("the LMS's resume data is for activity `b`, not this one")
    );
    assert_eq!(Answer::ScormRestored(None).warning(), None);
    assert_eq!(Answer::LaterLoaded.warning(), None);
}
