use super::*;
use crate::check::Response;
use crate::session::{CaptureIds, Step};
use crate::xapi::OutboxState;

fn package() -> (Manifest, Activity) {
    crate::package::sample::two_halves()
}

fn learner(id: &str) -> Learner {
    Learner {
        id: id.into(),
        actor: Actor::account("https://school.example", id),
        language: "en".into(),
        launch: None,
    }
}

/// The backpack of `who` after answering q1 wrong then q2 right, both statements delivered.
fn exported(who: &str) -> Backpack {
    let (manifest, activity) = package();
    let mut s = Session::resume(manifest, activity, learner(who), None, Vec::new());
    let mut outbox = Vec::new();
    for (n, option) in ["a", "a"].into_iter().enumerate() {
        let ids = CaptureIds {
            attempt_id: format!("{who}-att-{n}"),
            statement_id: format!("{who}-st-{n}"),
        };
        let at = 10_000 * (n as i64 + 1);
        let commit = s
            .answer(
                Response::Choice {
                    option: option.into(),
                },
                ids,
                at - 3_000,
                at,
            )
            .unwrap();
        s.apply(&commit);
        outbox.extend(commit.outbox.into_iter().map(|mut r| {
            r.state = OutboxState::Delivered { at };
            r
        }));
        let next = s.next(at + 1);
        s.set_progress(next);
    }
    Backpack::new(
        who,
        s.attempts().to_vec(),
        vec![s.progress().clone()],
        outbox,
        50_000,
    )
    .with_actor(learner(who).actor)
}

fn ids() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("new-{n}")
    }
}

fn import(
    file: &Backpack,
    me: &Learner,
    identified: bool,
    here: &Here,
) -> Result<Import, ImportError> {
    let (manifest, activity) = package();
    let scope = Scope {
        learner: me,
        identified,
        manifest: &manifest,
        activities: std::slice::from_ref(&activity),
        now: 60_000,
    };
    plan(file, &scope, here, &mut ids())
}

fn actors(rows: &[OutboxRow]) -> Vec<String> {
    rows.iter()
        .map(|r| r.statement.value().unwrap()["actor"]["account"]["name"].to_string())
        .collect()
}

#[test]
fn an_identified_learner_cannot_import_another_learners_record() {
    let file = exported("ana");
    let err = import(&file, &learner("ben"), true, &Here::default()).unwrap_err();
    assert!(matches!(err, ImportError::OtherLearner(ref who) if who.contains("ana")));
    // A file that names nobody (version 1) is not an identified learner's either.
    let mut v1 = exported("ben");
    v1.actor = None;
    assert!(import(&v1, &learner("ben"), true, &Here::default()).is_err());
}

#[test]
fn a_local_profile_takes_its_own_record_as_its_own_with_statements_built_again() {
    let file = exported("device-a");
    let me = learner("device-b");
    let plan = import(&file, &me, false, &Here::default()).unwrap();
    assert_eq!(plan.refused, Refused::default());
    assert_eq!(plan.merge.attempts.len(), 2);
    assert!(plan
        .merge
        .attempts
        .iter()
        .all(|a| a.learner_id == "device-b"));
    assert_eq!(actors(&plan.merge.outbox), ["\"device-b\"", "\"device-b\""]);
    let ids: Vec<&str> = plan.merge.outbox.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        ["new-1", "new-2"],
        "another actor's statement ids are never reused"
    );
    assert!(plan.merge.outbox.iter().all(|r| r.is_pending()));
    assert_eq!(plan.merge.attempts[0].statement_ids, ["new-1"]);
    assert_eq!(plan.merge.progress.len(), 1);
    assert_eq!(plan.merge.progress[0].learner_id, "device-b");
}

#[test]
fn the_files_statements_are_never_replayed_even_when_forged() {
    let mut file = exported("device-a");
    // The file's statement text is replaced with one in a teacher's name: it must not come through.
    for row in &mut file.outbox {
        row.statement.json = row.statement.json.replace("device-a", "teacher");
        row.state = OutboxState::Pending;
    }
    let plan = import(&file, &learner("device-b"), false, &Here::default()).unwrap();
    for row in &plan.merge.outbox {
        assert!(!row.statement.json.contains("teacher"));
        assert!(!row.statement.json.contains("device-a"));
    }
}

#[test]
fn records_of_another_learner_or_package_and_edited_answers_are_refused_and_counted() {
    let mut file = exported("device-a");
    let good = file.attempts[0].clone();
    // Another learner's attempt slipped into the file.
    file.attempts.push(Attempt {
        id: "x1".into(),
        learner_id: "someone-else".into(),
        ..good.clone()
    });
    // Another package's.
    file.attempts.push(Attempt {
        id: "x2".into(),
        package_id: "https://example.org/other".into(),
        ..good.clone()
    });
    // An item this package does not have.
    file.attempts.push(Attempt {
        id: "x3".into(),
        item_id: "q99".into(),
        ..good.clone()
    });
    // A wrong answer edited to read right.
    let mut edited = good.clone();
    edited.id = "x4".into();
    edited.outcome.correct = true;
    edited.outcome.score = 1.0;
    file.attempts.push(edited);
    // Answered in the future.
    file.attempts.push(Attempt {
        id: "x5".into(),
        answered_at: 1_000_000,
        ..good.clone()
    });
    file.progress.push(Progress {
        learner_id: "someone-else".into(),
        ..file.progress[0].clone()
    });
    let plan = import(&file, &learner("device-b"), false, &Here::default()).unwrap();
    assert_eq!(
        plan.refused,
        Refused {
            other_learner: 2,
            other_package: 1,
            not_in_package: 1,
            altered: 2,
        }
    );
    assert_eq!(plan.refused.total(), 6);
    assert_eq!(plan.merge.attempts.len(), 2);
    assert!(
        !plan.merge.attempts[0].outcome.correct,
        "the recorded result is the package's"
    );
}

#[test]
fn the_same_identified_learner_keeps_delivered_statements_delivered_and_adds_nothing_twice() {
    let file = exported("ana");
    let me = learner("ana");
    let plan = import(&file, &me, true, &Here::default()).unwrap();
    assert_eq!(plan.refused, Refused::default());
    let ids: Vec<&str> = plan.merge.outbox.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        ["ana-st-0", "ana-st-1"],
        "already in the LRS under this name"
    );
    assert!(plan
        .merge
        .outbox
        .iter()
        .all(|r| matches!(r.state, OutboxState::Delivered { .. })));
    let here = Here {
        attempts: plan.merge.attempts.clone(),
        statement_ids: ids.iter().map(|s| s.to_string()).collect(),
        places: plan
            .merge
            .progress
            .iter()
            .map(|p| (p.key(), p.clone()))
            .collect(),
        entry_ids: BTreeSet::new(),
    };
    let again = import(&file, &me, true, &here).unwrap();
    assert!(again.merge.attempts.is_empty() && again.merge.outbox.is_empty());
    assert!(again.merge.progress.is_empty());
    assert_eq!(again.merge.skipped, 2);
}

#[test]
fn a_place_is_taken_only_when_newer_and_valid() {
    let file = exported("device-a");
    let me = learner("device-b");
    let mut newer_here = file.progress[0].clone();
    newer_here.learner_id = "device-b".into();
    newer_here.updated_at = 59_000;
    let here = Here {
        places: [(newer_here.key(), newer_here)].into(),
        ..Here::default()
    };
    assert!(import(&file, &me, false, &here)
        .unwrap()
        .merge
        .progress
        .is_empty());
    let mut bad = file.clone();
    bad.progress[0].step = Step::Answering {
        item_id: "q99".into(),
        hints_shown: 0,
        solution_shown: false,
        values: Default::default(),
        draft: None,
        reason: None,
    };
    let plan = import(&bad, &me, false, &Here::default()).unwrap();
    assert!(plan.merge.progress.is_empty());
    assert_eq!(plan.refused.altered, 1);
}

#[test]
fn only_the_packages_other_activities_the_file_names_are_loaded() {
    let manifest =
        crate::package::parse_manifest("pkg.json", include_str!("../../../pkg.json")).unwrap();
    let ids: Vec<&str> = manifest.activities.iter().map(|a| a.id.as_str()).collect();
    let answer = |package: &str, activity: &str| {
        crate::session::sample_attempt(
            package,
            format!("{activity}-a"),
            activity,
            "q1",
            "s",
            true,
            5,
        )
    };
    let place = |activity: &str| Progress {
        learner_id: "l".into(),
        package_id: manifest.id.clone(),
        activity_id: activity.into(),
        step: Step::Finished,
        updated_at: 5,
    };
    let file = Backpack::new(
        "l",
        vec![
            answer(&manifest.id, ids[0]),
            answer(&manifest.id, ids[1]),
            answer(&manifest.id, ids[1]),
            answer(&manifest.id, "not-in-the-package"),
            answer("https://example.org/other", ids[2]),
        ],
        vec![place(ids[3])],
        Vec::new(),
        50_000,
    );
    let wanted = activities_to_load(&file, &manifest, ids[0]);
    assert_eq!(wanted, [ids[1], ids[3]].into_iter().collect());
}

#[test]
fn what_a_device_holds_is_read_from_its_own_backpack() {
    let held = exported("ana");
    let here = Here::of(held.clone());
    assert_eq!(here.attempts, held.attempts);
    assert_eq!(
        here.statement_ids,
        held.outbox.iter().map(|r| r.id.clone()).collect()
    );
    assert_eq!(
        here.places.keys().cloned().collect::<Vec<_>>(),
        held.progress.iter().map(|p| p.key()).collect::<Vec<_>>()
    );
    assert_eq!(
        here.entry_ids,
        held.journal.iter().map(|e| e.id().to_owned()).collect()
    );
    assert!(!here.statement_ids.is_empty() && !here.attempts.is_empty());
}
