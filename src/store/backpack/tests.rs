use super::*;
use crate::check::{Outcome, Response};
use crate::journal::{Entry, Prompt, Reflection};
use crate::session::Step;
use crate::xapi::Statement;
use serde_json::json;

fn attempt(id: &str, learner: &str) -> Attempt {
    Attempt {
        id: id.into(),
        learner_id: learner.into(),
        package_id: "https://example.org/c".into(),
        package_version: "1.0.0".into(),
        activity_id: "a".into(),
        item_id: format!("item-{id}"),
        response: Response::Choice { option: "b".into() },
        outcome: Outcome {
            parts: Vec::new(),
            correct: true,
            score: 1.0,
            feedback: None,
        },
        presented_at: 1,
        answered_at: 2,
        hints_used: 0,
        solution_viewed: false,
        values: Default::default(),
        skills: Vec::new(),
        reason: None,
        warnings: Vec::new(),
        statement_ids: vec![format!("s-{id}")],
    }
}

fn row(id: &str, learner: &str, state: OutboxState) -> OutboxRow {
    OutboxRow {
        id: id.into(),
        learner_id: learner.into(),
        queued_at: 2,
        order: 0,
        statement: Statement::new(
            id,
            &json!({ "id": id, "actor": { "account": { "name": "x" } } }),
        ),
        state,
    }
}

fn place(learner: &str, at: EpochMs, item: &str) -> Progress {
    Progress {
        learner_id: learner.into(),
        package_id: "https://example.org/c".into(),
        activity_id: "a".into(),
        step: Step::Answering {
            solution_shown: false,
            values: Default::default(),
            item_id: item.into(),
            hints_shown: 0,
            draft: None,
            reason: None,
        },
        updated_at: at,
    }
}

fn backpack() -> Backpack {
    Backpack::new(
        "old-device-learner",
        vec![
            attempt("a1", "old-device-learner"),
            attempt("a2", "old-device-learner"),
        ],
        vec![place("old-device-learner", 50, "q3")],
        vec![
            row(
                "s-a1",
                "old-device-learner",
                OutboxState::Delivered { at: 3 },
            ),
            row("s-a2", "old-device-learner", OutboxState::Pending),
            row(
                "s-x",
                "old-device-learner",
                OutboxState::Rejected {
                    at: 4,
                    status: 400,
                    reason: "r".into(),
                },
            ),
        ],
        99,
    )
}

#[test]
fn a_backpack_round_trips_and_carries_a_statement_array() {
    let b = backpack();
    let text = serde_json::to_string(&b).unwrap();
    let back = Backpack::parse(&text).unwrap();
    assert_eq!(back, b);
    assert_eq!(back.statements.len(), 3);
    assert_eq!(
        back.statements[0].get("id").and_then(Owned::as_str),
        Some("s-a1")
    );
}

#[test]
fn other_files_and_newer_versions_are_refused_with_a_reason() {
    assert!(matches!(
        Backpack::parse("not json"),
        Err(BackpackError::NotABackpack(_))
    ));
    assert!(matches!(
        Backpack::parse(r#"{"format":"zip"}"#),
        Err(BackpackError::NotABackpack(_))
    ));
    let mut v = serde_json::to_value(backpack()).unwrap();
    v["version"] = json!(7);
    assert_eq!(
        Backpack::parse(&v.to_string()),
        Err(BackpackError::TooNew(7))
    );
    // A backpack of this version whose records have the wrong shape is refused, not half read.
    let mut v = serde_json::to_value(backpack()).unwrap();
    v["attempts"][0]["answeredAt"] = json!("yes");
    assert!(matches!(
        Backpack::parse(&v.to_string()),
        Err(BackpackError::NotABackpack(_))
    ));
}

#[test]
fn merging_adds_only_what_is_new_and_moves_it_to_this_learner() {
    let b = backpack();
    let attempts: BTreeSet<String> = ["a1".to_owned()].into();
    let statements: BTreeSet<String> = ["s-a1".to_owned()].into();
    let plan = merge(&b, "here", &attempts, &statements, &BTreeMap::new());
    assert_eq!(plan.attempts.len(), 1);
    assert_eq!(plan.attempts[0].id, "a2");
    assert_eq!(plan.attempts[0].learner_id, "here");
    let ids: Vec<&str> = plan.outbox.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["s-a2", "s-x"]);
    assert!(plan
        .outbox
        .iter()
        .all(|r| r.learner_id == "here" && r.is_pending()));
    assert_eq!(
        plan.outbox[0].statement, b.outbox[1].statement,
        "statements are never rewritten"
    );
    assert_eq!(plan.skipped, 2);
}

#[test]
fn merging_twice_adds_nothing_the_second_time() {
    let b = backpack();
    let first = merge(
        &b,
        "here",
        &BTreeSet::new(),
        &BTreeSet::new(),
        &BTreeMap::new(),
    );
    let attempts: BTreeSet<String> = first.attempts.iter().map(|a| a.id.clone()).collect();
    let statements: BTreeSet<String> = first.outbox.iter().map(|r| r.id.clone()).collect();
    let places: BTreeMap<String, Progress> = first
        .progress
        .iter()
        .map(|p| (p.key(), p.clone()))
        .collect();
    let second = merge(&b, "here", &attempts, &statements, &places);
    assert!(second.attempts.is_empty() && second.outbox.is_empty() && second.progress.is_empty());
}

#[test]
fn a_place_is_taken_only_when_newer() {
    let b = backpack();
    let newer_here = place("here", 80, "q9");
    let places: BTreeMap<String, Progress> = [(newer_here.key(), newer_here)].into();
    assert!(
        merge(&b, "here", &BTreeSet::new(), &BTreeSet::new(), &places)
            .progress
            .is_empty()
    );
    let older_here = place("here", 10, "q1");
    let places: BTreeMap<String, Progress> = [(older_here.key(), older_here)].into();
    let plan = merge(&b, "here", &BTreeSet::new(), &BTreeSet::new(), &places);
    assert_eq!(plan.progress[0].updated_at, 50);
}

fn journal() -> Vec<Entry> {
    let reflection = |id: &str, text: &str| {
        Entry::Reflection(
            Reflection::write(
                (id.into(), "old-device-learner".into()),
                ("course", "lesson"),
                Prompt::WhatHelped,
                text,
                7,
            )
            .expect("a reflection"),
        )
    };
    vec![
        reflection("r1", "the number line"),
        reflection("r2", "drawing it"),
    ]
}

#[test]
fn the_journal_travels_in_the_backpack_and_merges_once() {
    let b = backpack().with_journal(journal());
    let text = serde_json::to_string(&b).unwrap();
    let back = Backpack::parse(&text).unwrap();
    assert_eq!(back.journal, journal());

    let known: BTreeSet<String> = ["r1".to_owned()].into();
    let plan = merge(
        &back,
        "here",
        &BTreeSet::new(),
        &BTreeSet::new(),
        &BTreeMap::new(),
    )
    .take_journal(&back, "here", &known);
    assert_eq!(plan.journal.len(), 1);
    assert_eq!(plan.journal[0].id(), "r2");
    assert_eq!(plan.journal[0].learner_id(), "here");
    let again: BTreeSet<String> = ["r1".to_owned(), "r2".to_owned()].into();
    let second = Merge::default().take_journal(&back, "here", &again);
    assert!(second.journal.is_empty());
    assert_eq!(second.skipped, 2);
}

#[test]
fn a_record_written_before_journals_existed_still_reads() {
    let mut value = serde_json::to_value(backpack()).unwrap();
    value.as_object_mut().unwrap().remove("journal");
    let back = Backpack::parse(&value.to_string()).unwrap();
    assert!(back.journal.is_empty());
}
