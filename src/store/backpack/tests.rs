use super::*;
use crate::check::{Outcome, Response};
use crate::journal::{Entry, Prompt, Reflection};
use crate::session::Step;
use crate::xapi::{OutboxState, Statement};
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
fn the_journal_travels_in_the_backpack() {
    let b = backpack().with_journal(journal());
    let text = serde_json::to_string(&b).unwrap();
    let back = Backpack::parse(&text).unwrap();
    assert_eq!(back.journal, journal());
}

#[test]
fn a_record_written_before_journals_existed_still_reads() {
    let mut value = serde_json::to_value(backpack()).unwrap();
    value.as_object_mut().unwrap().remove("journal");
    let back = Backpack::parse(&value.to_string()).unwrap();
    assert!(back.journal.is_empty());
}

#[test]
fn the_actor_travels_and_a_version_1_file_without_it_still_reads() {
    let actor = crate::xapi::Actor::account("https://school.example", "ana");
    let b = backpack().with_actor(actor.clone());
    let back = Backpack::parse(&serde_json::to_string(&b).unwrap()).unwrap();
    assert_eq!(back.actor, Some(actor));
    let mut v1 = serde_json::to_value(backpack()).unwrap();
    v1["version"] = json!(1);
    assert_eq!(Backpack::parse(&v1.to_string()).unwrap().actor, None);
}

#[test]
fn a_signature_goes_in_front_and_comes_apart_exactly() {
    let unsigned = serde_json::to_string_pretty(&backpack()).unwrap();
    let mac = "0123456789abcdef".repeat(4);
    let signed = sign(&unsigned, &mac).expect("signs an object");
    assert!(signed.starts_with(SIGNATURE_START));
    let (hex, bytes) = signed_parts(&signed).expect("a signed file");
    assert_eq!(hex, mac);
    assert_eq!(
        bytes, unsigned,
        "the signed bytes are the unsigned file, byte for byte"
    );
    // A signed file is still a backpack, read as the unsigned one.
    assert_eq!(Backpack::parse(&signed).unwrap(), backpack());
    assert_eq!(signed_parts(&unsigned), None);
    assert_eq!(sign("{}", &mac), None);
    assert_eq!(sign(&unsigned, "abc"), None);
    let bad = signed.replacen(&mac, &"z".repeat(64), 1);
    assert_eq!(signed_parts(&bad), None);
}

#[test]
fn digests_match_whatever_their_case_and_differ_on_any_byte_or_length() {
    let mac = "0a".repeat(32);
    assert!(same_digest(&mac, &mac.to_ascii_uppercase()));
    let mut near = mac.clone();
    near.replace_range(63.., "b");
    assert!(!same_digest(&mac, &near), "the last digit differs");
    assert!(!same_digest(&mac, &mac[..62]), "shorter");
    assert!(!same_digest(&mac, ""));
    assert!(same_digest("", ""));
}

#[test]
fn a_downloaded_record_is_named_by_its_time_without_colons() {
    let name = file_name(0);
    assert_eq!(
        name,
        format!(
            "pacer-record-{}.json",
            crate::time::iso8601_utc(0).replace(':', "-")
        )
    );
    assert!(name.starts_with("pacer-record-1970-01-01T00-00-00"));
    assert!(!name.contains(':'));
}

#[test]
fn a_learners_record_is_read_whole_from_a_store_and_no_one_elses() {
    let store = crate::store::MemoryStore::new();
    let mine = backpack();
    let theirs = attempt("b1", "someone-else");
    let merge = Merge {
        attempts: mine.attempts.iter().cloned().chain([theirs]).collect(),
        progress: mine.progress.clone(),
        outbox: mine.outbox.clone(),
        journal: Vec::new(),
        skipped: 0,
    };
    pollster::block_on(crate::store::Store::import(&store, &merge)).expect("stored");
    let actor = crate::xapi::Actor::account("https://school.example", "ana");
    let read =
        pollster::block_on(read(&store, "old-device-learner", actor.clone(), 99)).expect("read");
    assert_eq!(read, mine.with_actor(actor));
}
