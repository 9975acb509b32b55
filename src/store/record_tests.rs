//! Every stored record's reader (each beside its type: `session::attempt`, `xapi::outbox`, `journal`,
//! ... with [`crate::json`]'s parser, in place of serde's `Deserialize`) against its writer (serde's
//! `Serialize`) and serde's derived `Deserialize`, kept in the tests only, as the oracle: on the records
//! the player really writes (a run through the whole demo course), on the older and looser shapes the
//! derives accepted, on broken records (both refuse; ours names the path), and on generated records of
//! every kind (every field round-trips).
//!
//! The records were written by this player, possibly by an older version of it, so every reader is
//! lenient: unknown fields are ignored, a field added later may be absent (it reads as its default), and
//! an optional field may be absent or `null`. That is exactly what serde's derives accepted; what they
//! refused is refused too, with the JSON path of the value at fault.

use crate::check::{Outcome, Response};
use crate::engine::{Choice, EarlyWarning, ItemPrediction, Reason};
use crate::journal::GoalTarget;
use crate::journal::{Entry, Goal, Prompt, Reflection};
use crate::json::{self, FromJson, ReadError};
use crate::package::{parse_activity, parse_manifest, Blank, Interaction};
use crate::session::{Attempt, Progress, Step};
use crate::session::{CaptureIds, Learner, Session};
use crate::store::backpack::{Backpack, BackpackError};
use crate::xapi::{Actor, RowUpdate};
use crate::xapi::{OutboxRow, OutboxState, Statement};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt::Debug;
use std::path::Path as FsPath;

/// Reads `text` with the reader and with serde: both read the same value, or both refuse.
fn agree<T>(text: &str) -> Result<T, ReadError>
where
    T: FromJson + DeserializeOwned + PartialEq + Debug,
{
    let ours = json::from_str::<T>(text);
    let theirs = serde_json::from_str::<T>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{text}"),
        (Err(_), Err(_)) => {}
        _ => panic!("they disagree on {text}\n  reader: {ours:?}\n  serde:  {theirs:?}"),
    }
    ours
}

/// The text IndexedDB gives back for a record: `JSON.stringify(JSON.parse(text))`, where a float that
/// is a whole number (`1.0`, `-0.0`) comes back without its fraction.
fn as_javascript_writes(text: &str) -> String {
    fn js(v: serde_json::Value) -> serde_json::Value {
        use serde_json::Value as V;
        match v {
            V::Number(n) => match n.as_f64() {
                Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 9e15 => V::from(f as i64),
                _ => V::Number(n),
            },
            V::Array(items) => V::Array(items.into_iter().map(js).collect()),
            V::Object(members) => V::Object(members.into_iter().map(|(k, v)| (k, js(v))).collect()),
            other => other,
        }
    }
    js(serde_json::from_str(text).unwrap()).to_string()
}

/// `record` written as the player writes it, then read back by both, as written and as IndexedDB
/// gives it back: always the record itself.
fn reads_back<T>(record: &T)
where
    T: FromJson + DeserializeOwned + Serialize + PartialEq + Debug,
{
    let text = serde_json::to_string(record).unwrap();
    for text in [text.clone(), as_javascript_writes(&text)] {
        let read = agree::<T>(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(&read, record, "{text}");
    }
}

/// A response of the item's own type (not always a right one), or "I don't know yet" every fifth time.
fn response_for(interaction: &Interaction, n: usize) -> Response {
    if n % 5 == 4 {
        return Response::DontKnow;
    }
    match interaction {
        Interaction::SingleChoice { options, .. } => Response::Choice {
            option: options[n % options.len()].id.clone(),
        },
        Interaction::MultipleResponse { options, .. } => Response::Choices {
            options: options.iter().take(2).map(|o| o.id.clone()).collect(),
        },
        Interaction::TrueFalse { .. } => Response::Bool { value: n % 2 == 0 },
        Interaction::Numeric { .. } => Response::Number {
            input: ["1/2", "0.5", "3"][n % 3].into(),
        },
        Interaction::ShortText { .. } => Response::Text {
            input: "caf\u{e9} \"quoted\"".into(),
        },
        Interaction::Cloze { blanks, .. } => Response::Blanks {
            values: blanks
                .iter()
                .map(|b| match b {
                    Blank::Choice { id, options, .. } => (id.clone(), options[0].id.clone()),
                    Blank::Entry { id, .. } => (id.clone(), "2".to_owned()),
                })
                .collect(),
        },
        Interaction::Ordering { options } => Response::Order {
            order: options.iter().rev().map(|o| o.id.clone()).collect(),
        },
        Interaction::Matching { pairs, .. } => Response::Pairs {
            pairs: pairs
                .iter()
                .map(|p| (p.id.clone(), pairs[0].id.clone()))
                .collect(),
        },
        Interaction::NumberLine { .. } => Response::Number {
            input: "3/4".into(),
        },
        // The demo's shade models have literal sizes.
        Interaction::Shade { model, .. } => {
            let of = (model.resolve(&Default::default()).map(|m| m.count())).unwrap_or(1);
            Response::Shaded {
                parts: (1..=of).filter(|p| (p + n as u32) % 2 == 0).collect(),
                of,
            }
        }
        Interaction::Hotspot {
            regions, correct, ..
        } if correct.is_several() => Response::Choices {
            options: regions.iter().take(n % 3).map(|r| r.id.clone()).collect(),
        },
        Interaction::Hotspot { regions, .. } => Response::Choice {
            option: regions[n % regions.len()].id.clone(),
        },
        Interaction::Hottext {
            options, correct, ..
        } if correct.is_several() => Response::Choices {
            options: options.iter().take(2).map(|o| o.id.clone()).collect(),
        },
        Interaction::Hottext { options, .. } => Response::Choice {
            option: options[n % options.len()].id.clone(),
        },
        Interaction::DragToImage {
            targets, labels, ..
        } => Response::Pairs {
            pairs: targets
                .iter()
                .map(|t| (t.id.clone(), labels[n % labels.len()].id.clone()))
                .collect(),
        },
        Interaction::Expression { variables, .. } => Response::Expression {
            input: match variables.first() {
                Some(v) => format!("2{v} + 1"),
                None => "2 + 1".into(),
            },
        },
    }
}

/// Everything a learner leaves on a device after going through the whole demo course: every place,
/// attempt and statement (settled every way), goals and reflections, and the backpack of it all.
struct Records {
    attempts: Vec<Attempt>,
    places: Vec<Progress>,
    rows: Vec<OutboxRow>,
    journal: Vec<Entry>,
}

fn demo_course_records() -> Records {
    let root = FsPath::new(env!("CARGO_MANIFEST_DIR"));
    let pkg = std::fs::read_to_string(root.join("pkg.json")).unwrap();
    let manifest = parse_manifest("pkg.json", &pkg).unwrap();
    let learner = Learner {
        id: "learner-1".into(),
        actor: Actor::account("https://lms.example", "s-1"),
        language: "en".into(),
        launch: None,
    };
    let mut out = Records {
        attempts: Vec::new(),
        places: Vec::new(),
        rows: Vec::new(),
        journal: Vec::new(),
    };
    let mut n = 0usize;
    let mut now = 1_700_000_000_000;
    for entry in &manifest.activities {
        let source = std::fs::read_to_string(root.join(&entry.file)).unwrap();
        let activity = parse_activity(&entry.file, &source, entry, &manifest).unwrap();
        let mut s = Session::resume(
            manifest.clone(),
            activity,
            learner.clone(),
            None,
            out.attempts.clone(),
        );
        for _ in 0..200 {
            now += 1_000;
            out.places.push(s.progress().clone());
            match &s.progress().step {
                Step::Finished => break,
                Step::Answering { .. } => {
                    n += 1;
                    let Some(item) = s.current_item().cloned() else {
                        break;
                    };
                    if n % 3 == 0 {
                        if let Some(p) = s.show_hint(now) {
                            s.set_progress(p);
                        }
                    }
                    if n % 7 == 0 {
                        if let Some(p) = s.show_solution(now) {
                            s.set_progress(p);
                        }
                    }
                    let response = response_for(&item.interaction, n);
                    if let Some(p) = s.save_draft(Some(response.clone()), now) {
                        out.places.push(p.clone());
                        s.set_progress(p);
                    }
                    let ids = CaptureIds {
                        attempt_id: format!("attempt-{n}"),
                        statement_id: format!("6f1c2a3b-0000-4000-8000-{n:012}"),
                    };
                    // Every other answer comes too fast to have been read: an early warning.
                    let presented = if n % 2 == 0 { now - 200 } else { now - 20_000 };
                    let commit = s
                        .answer(response, ids.clone(), presented, now)
                        .or_else(|_| s.answer(Response::DontKnow, ids, presented, now))
                        .unwrap();
                    out.attempts.push(commit.attempt.clone());
                    out.rows.extend(commit.outbox.iter().cloned());
                    s.apply(&commit);
                }
                Step::Reading { .. } | Step::Feedback { .. } => {
                    let next = s.next(now);
                    let statement_id = format!("6f1c2a3b-1111-4000-8000-{n:012}");
                    out.rows.extend(s.completion(&next, &statement_id, now));
                    s.set_progress(next);
                }
            }
        }
    }
    // Settle the rows every way a delivery can.
    for (i, row) in out.rows.iter_mut().enumerate() {
        let update = match i % 5 {
            0 => continue,
            1 | 2 => RowUpdate::Delivered { id: row.id.clone() },
            3 => RowUpdate::Rejected {
                id: row.id.clone(),
                status: 400,
                reason: "HTTP 400: bad \"result\"".into(),
            },
            _ => RowUpdate::Conflict { id: row.id.clone() },
        };
        let stored = (i % 10 == 4).then(|| row.statement.json.clone());
        row.state = update.settled_state(now + i as crate::time::EpochMs, stored);
    }
    let ids = |id: &str| (id.to_owned(), learner.id.clone());
    let first_skill = manifest.skills[0].id.clone();
    for (id, target) in [
        ("g1", GoalTarget::MasterSkills { count: 2 }),
        ("g2", GoalTarget::MasterSkill { skill: first_skill }),
    ] {
        let goal = Goal::set(ids(id), &manifest, &[], target, 7, now).unwrap();
        out.journal.push(Entry::Goal(goal));
    }
    for (i, prompt) in Prompt::ALL.into_iter().enumerate() {
        let text = format!("reflection {i}: the number line \u{1f600}\n\"really\"");
        let place = (manifest.id.as_str(), manifest.activities[0].id.as_str());
        let r = Reflection::write(ids(&format!("r{i}")), place, prompt, &text, now).unwrap();
        out.journal.push(Entry::Reflection(r));
    }
    out
}

#[test]
fn every_record_of_a_run_through_the_demo_course_reads_back_as_serde_read_it() {
    let records = demo_course_records();
    let attempts = &records.attempts;
    assert!(attempts.len() > 30, "{} attempts", attempts.len());
    // The run wrote every optional part of an attempt, so every reader of one was used.
    assert!(attempts.iter().any(|a| a.reason.is_some()));
    assert!(attempts.iter().any(|a| !a.values.is_empty()));
    assert!(attempts.iter().any(|a| !a.warnings.is_empty()));
    assert!(attempts
        .iter()
        .any(|a| a.hints_used > 0 && a.solution_viewed));
    assert!(attempts.iter().any(|a| !a.outcome.parts.is_empty()));
    assert!(attempts.iter().any(|a| a.outcome.feedback.is_some()));
    let kinds: std::collections::BTreeSet<String> = attempts
        .iter()
        .map(|a| serde_json::to_value(&a.response).unwrap()["type"].to_string())
        .collect();
    assert_eq!(kinds.len(), 11, "every response type: {kinds:?}");
    for a in attempts {
        reads_back(a);
    }
    let steps: std::collections::BTreeSet<&str> = records
        .places
        .iter()
        .map(|p| match &p.step {
            Step::Answering { draft: Some(_), .. } => "draft",
            Step::Answering { .. } => "answering",
            Step::Reading { .. } => "reading",
            Step::Feedback { .. } => "feedback",
            Step::Finished => "finished",
        })
        .collect();
    assert_eq!(steps.len(), 5, "{steps:?}");
    for p in &records.places {
        reads_back(p);
    }
    let states: std::collections::BTreeSet<String> = records
        .rows
        .iter()
        .map(|r| {
            format!("{:?}", r.state)
                .split([' ', '{'])
                .next()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(states.len(), 4, "{states:?}");
    for r in &records.rows {
        reads_back(r);
    }
    for e in &records.journal {
        reads_back(e);
    }
}

#[test]
fn a_backpack_of_the_run_reads_back_and_writes_the_same_bytes_as_before() {
    let records = demo_course_records();
    let backpack = Backpack::new(
        "learner-1",
        records.attempts,
        records.places,
        records.rows,
        1_800_000_000_000,
    )
    .with_journal(records.journal);
    let text = serde_json::to_string(&backpack).unwrap();
    let read = Backpack::parse(&text).unwrap();
    assert_eq!(read, backpack);
    assert_eq!(agree::<Backpack>(&text).unwrap(), backpack);
    assert_eq!(serde_json::to_string(&read).unwrap(), text);
    // The statement array as serde_json::Value wrote it (what the export was before).
    let before: Vec<serde_json::Value> = backpack
        .outbox
        .iter()
        .filter_map(|r| serde_json::from_str(&r.statement.json).ok())
        .collect();
    assert_eq!(
        serde_json::to_string(&backpack.statements).unwrap(),
        serde_json::to_string(&before).unwrap()
    );
}

#[test]
fn records_in_older_and_looser_shapes_read_as_serde_read_them() {
    let outcome = r#"{"correct":false,"score":0}"#;
    let attempt = |extra: &str| {
        format!(
            r#"{{"id":"a1","learnerId":"l","packageId":"p","packageVersion":"1.0.0","activityId":"x",
            "itemId":"q1","response":{{"type":"choice","option":"b"}},"outcome":{outcome},
            "presentedAt":1,"answeredAt":2,"statementIds":["s1"]{extra}}}"#
        )
    };
    let accepted = [
        // Before hints, solutions, parameters, skills, reasons and warnings were recorded.
        attempt(""),
        attempt(r#","hintsUsed":2,"unknownLater":{"x":[1,null]}"#),
        attempt(r#","reason":null,"values":{"a":2},"skills":[]"#),
        attempt(r#","response":{"type":"dontKnow","extra":1}"#).replacen(
            r#""response":{"type":"choice","option":"b"},"#,
            "",
            1,
        ),
        attempt(
            r#","warnings":[{"signal":"guessing","itemId":"q1","responseMs":10,"readingMs":900,"more":true}]"#,
        ),
    ];
    for text in &accepted {
        agree::<Attempt>(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    }
    for text in [
        r#"{"correct":true,"score":1,"feedback":null}"#,
        r#"{"correct":true,"score":1,"feedback":{"en":"Yes","es":"Sí"},"parts":[true]}"#,
    ] {
        agree::<Outcome>(text).unwrap();
    }
    // A place as the store keeps it, with its key.
    let place = r#"{"key":"l\u001fp\u001fx","learnerId":"l","packageId":"p","activityId":"x","updatedAt":3,"step":"finished"}"#;
    agree::<Progress>(place).unwrap();
    let statement = r#"{"id":"s","json":"{}","sentBy":"v0"}"#;
    agree::<Statement>(statement).unwrap();
    let goal = r#"{"kind":"goal","id":"g","learnerId":"l","packageId":"p","target":{"type":"masterSkills","count":2,"x":0},"setAt":1,"dueAt":2,"note":"?"}"#;
    agree::<Entry>(goal).unwrap();
}

#[test]
fn broken_records_are_refused_by_both_and_the_reader_names_the_path() {
    let attempt = |response: &str, outcome: &str| {
        format!(
            r#"{{"id":"a1","learnerId":"l","packageId":"p","packageVersion":"1","activityId":"x",
            "itemId":"q1","response":{response},"outcome":{outcome},
            "presentedAt":1,"answeredAt":2,"statementIds":["s1"]}}"#
        )
    };
    let good = r#"{"correct":true,"score":1}"#;
    let cases = [
        (attempt(r#"{"type":"choice"}"#, good), "response: missing field `option`"),
        (
            attempt(r#"{"type":"essay","input":"x"}"#, good),
            "response.type: unknown type `essay`",
        ),
        (
            attempt(r#"{"type":"choice","option":"a"}"#, r#"{"correct":true,"score":"1"}"#),
            "outcome.score: invalid type: string \"1\", expected a number",
        ),
        (
            attempt(r#"{"type":"choices","options":["a",2]}"#, good),
            "response.options[1]: invalid type: number `2`",
        ),
        (
            attempt(r#"{"type":"choice","option":"a"}"#, good).replace(r#""presentedAt":1"#, r#""presentedAt":1.5"#),
            "presentedAt: invalid value: number `1.5`",
        ),
        (
            attempt(r#"{"type":"choice","option":"a"}"#, good).replace(r#""statementIds":["s1"]"#, r#""statementIds":null"#),
            "statementIds: invalid type: null, expected a list",
        ),
        (
            attempt(r#"{"type":"choice","option":"a"}"#, good).replace(r#""itemId":"q1","#, ""),
            "missing field `itemId`",
        ),
        (
            attempt(r#"{"type":"choice","option":"a"}"#, good).replace(r#""statementIds":["s1"]"#, r#""statementIds":[],"hintsUsed":-1"#),
            "hintsUsed: invalid value: number `-1`",
        ),
        (
            attempt(r#"{"type":"choice","option":"a"}"#, good).replace(r#""statementIds":["s1"]"#,
                r#""statementIds":[],"warnings":[{"signal":"very_long","itemId":"q","responseMs":1}]"#),
            "warnings[0]: missing field `veryLongMs`",
        ),
        (
            attempt(r#"{"type":"choice","option":"a"}"#, good).replace(r#""statementIds":["s1"]"#,
                r#""statementIds":[],"reason":{"choice":"best"}"#),
            "reason.choice: unknown value `best`",
        ),
    ];
    for (text, expected) in &cases {
        let e = agree::<Attempt>(text).expect_err(text);
        assert!(
            e.to_string().starts_with(expected),
            "{e}\n  wanted {expected}\n  in {text}"
        );
    }
    for (text, expected) in [
        (r#"{"kind":"note","id":"n"}"#, "kind: unknown kind `note`"),
        (r#"{"id":"n"}"#, "missing field `kind`"),
        (
            r#"{"kind":"reflection","id":"r","learnerId":"l","packageId":"p","activityId":"a","prompt":"whatElse","text":"t","at":1}"#,
            "prompt: unknown value `whatElse`",
        ),
        (
            r#"{"kind":"goal","id":"g","learnerId":"l","packageId":"p","target":{"type":"masterSkills"},"setAt":1,"dueAt":2}"#,
            "target: missing field `count`",
        ),
    ] {
        let e = agree::<Entry>(text).expect_err(text);
        assert!(
            e.to_string().starts_with(expected),
            "{e}\n  wanted {expected}"
        );
    }
    let e = agree::<OutboxRow>(r#"{"id":"s","learnerId":"l","queuedAt":1,"order":0,"state":"pending","statement":{"id":"s"}}"#)
        .unwrap_err();
    assert_eq!(e.to_string(), "statement: missing field `json`");
    for text in [
        "[]",
        "null",
        "\"x\"",
        "{",
        r#"{"kind":"goal","kind":"goal"}"#,
    ] {
        agree::<Entry>(text).unwrap_err();
    }
}

#[test]
fn a_broken_backpack_names_the_record_at_fault() {
    let records = demo_course_records();
    let backpack = Backpack::new("l", records.attempts, vec![], vec![], 1);
    let mut value = serde_json::to_value(&backpack).unwrap();
    value["attempts"][3]["outcome"]["correct"] = serde_json::json!("yes");
    let e = Backpack::parse(&value.to_string()).unwrap_err();
    assert_eq!(
        e,
        BackpackError::NotABackpack(
            "attempts[3].outcome.correct: invalid type: string \"yes\", expected true or false"
                .into()
        )
    );
    assert!(serde_json::from_str::<Backpack>(&value.to_string()).is_err());
    // A version that is not a whole number is not a newer one; the record is then refused as unreadable.
    value["attempts"][3]["outcome"]["correct"] = serde_json::json!(true);
    value["version"] = serde_json::json!(2.5);
    assert!(matches!(
        Backpack::parse(&value.to_string()),
        Err(BackpackError::NotABackpack(_))
    ));
    let e = Backpack::parse("{\"format\": \"pacer-backpack\", \"version\": 1, ]").unwrap_err();
    assert_eq!(
        e,
        BackpackError::NotABackpack("key must be a string".into())
    );
}

mod generated {
    use super::*;
    use proptest::collection::{btree_map, vec};
    use proptest::prelude::*;
    use proptest::strategy::Union;

    fn text() -> impl Strategy<Value = String> {
        "[a-z\u{e9}\u{1f600}\"\\\\ \n\t\u{1}/]{0,6}"
    }

    fn number() -> impl Strategy<Value = f64> {
        prop_oneof![
            any::<f64>().prop_filter("finite", |f| f.is_finite()),
            (-1000i32..1000).prop_map(f64::from),
            Just(-0.0),
        ]
    }

    fn response() -> impl Strategy<Value = Response> {
        Union::new([
            text()
                .prop_map(|option| Response::Choice { option })
                .boxed(),
            vec(text(), 0..3)
                .prop_map(|options| Response::Choices { options })
                .boxed(),
            any::<bool>()
                .prop_map(|value| Response::Bool { value })
                .boxed(),
            text().prop_map(|input| Response::Number { input }).boxed(),
            text().prop_map(|input| Response::Text { input }).boxed(),
            btree_map(text(), text(), 0..3)
                .prop_map(|values| Response::Blanks { values })
                .boxed(),
            vec(text(), 0..3)
                .prop_map(|order| Response::Order { order })
                .boxed(),
            btree_map(text(), text(), 0..3)
                .prop_map(|pairs| Response::Pairs { pairs })
                .boxed(),
            text()
                .prop_map(|input| Response::Expression { input })
                .boxed(),
            Just(Response::DontKnow).boxed(),
            (vec(0u32..200, 0..4), any::<u32>())
                .prop_map(|(parts, of)| Response::Shaded { parts, of })
                .boxed(),
        ])
    }

    fn feedback() -> impl Strategy<Value = Option<crate::package::Text>> {
        use crate::package::Text;
        prop_oneof![
            Just(None),
            text().prop_map(|t| Some(Text::Plain(t))),
            btree_map(text(), text(), 0..3).prop_map(|m| Some(Text::Translated(m))),
        ]
    }

    /// Whole milliseconds as serde reads them (u64 only up to i64::MAX; see the module docs).
    fn ms() -> impl Strategy<Value = u64> {
        0..=i64::MAX as u64
    }

    fn warning() -> impl Strategy<Value = EarlyWarning> {
        prop_oneof![
            (text(), ms(), ms()).prop_map(|(item_id, response_ms, reading_ms)| {
                EarlyWarning::Guessing {
                    item_id,
                    response_ms,
                    reading_ms,
                }
            }),
            (text(), ms(), ms()).prop_map(|(item_id, response_ms, very_long_ms)| {
                EarlyWarning::VeryLong {
                    item_id,
                    response_ms,
                    very_long_ms,
                }
            }),
            (text(), any::<u32>()).prop_map(|(skill_id, attempts_since_mastery)| {
                EarlyWarning::WheelSpinning {
                    skill_id,
                    attempts_since_mastery,
                }
            }),
        ]
    }

    fn reason() -> impl Strategy<Value = Reason> {
        (
            0..4usize,
            (text(), text(), text()),
            (number(), number(), number(), number(), number()),
            vec(text(), 0..3),
            vec((text(), number()), 0..3),
        )
            .prop_map(
                |(c, (skill_id, item_id, text), nums, excluded_recent, considered)| Reason {
                    choice: [
                        Choice::NearestTarget,
                        Choice::SoonestMastery,
                        Choice::FreshVariant,
                        Choice::RepeatOldest,
                    ][c],
                    skill_id,
                    item_id,
                    p_known: nums.0,
                    p_correct_skill: nums.1,
                    difficulty: nums.2,
                    predicted_success: nums.3,
                    target_success: nums.4,
                    excluded_recent,
                    considered: considered
                        .into_iter()
                        .map(|(item_id, predicted_success)| ItemPrediction {
                            item_id,
                            predicted_success,
                            score: Some(predicted_success),
                            in_band: Some(true),
                        })
                        .collect(),
                    numbers: None,
                    text,
                },
            )
    }

    fn attempt() -> impl Strategy<Value = Attempt> {
        (
            (text(), text(), text(), text()),
            (
                response(),
                any::<bool>(),
                number(),
                feedback(),
                vec(any::<bool>(), 0..3),
            ),
            (any::<i64>(), any::<i64>(), any::<u32>(), any::<bool>()),
            btree_map(text(), number(), 0..3),
            vec(text(), 0..3),
            proptest::option::of(reason()),
            vec(warning(), 0..3),
        )
            .prop_map(
                |(ids, scored, times, values, skills, reason, warnings)| Attempt {
                    id: ids.0.clone(),
                    learner_id: ids.1,
                    package_id: ids.2,
                    package_version: "1.0.0".into(),
                    activity_id: ids.3,
                    item_id: ids.0,
                    response: scored.0,
                    outcome: Outcome {
                        correct: scored.1,
                        score: scored.2,
                        feedback: scored.3,
                        parts: scored.4,
                    },
                    presented_at: times.0,
                    answered_at: times.1,
                    hints_used: times.2,
                    solution_viewed: times.3,
                    values,
                    skills: skills.clone(),
                    reason: reason.map(Box::new),
                    warnings,
                    statement_ids: skills,
                },
            )
    }

    fn state() -> impl Strategy<Value = OutboxState> {
        prop_oneof![
            Just(OutboxState::Pending),
            any::<i64>().prop_map(|at| OutboxState::Delivered { at }),
            (any::<i64>(), any::<u16>(), text())
                .prop_map(|(at, status, reason)| OutboxState::Rejected { at, status, reason }),
            (any::<i64>(), proptest::option::of(text()))
                .prop_map(|(at, stored)| OutboxState::Conflict { at, stored }),
        ]
    }

    fn row() -> impl Strategy<Value = OutboxRow> {
        (text(), text(), any::<i64>(), any::<u32>(), text(), state()).prop_map(
            |(id, learner_id, queued_at, order, json, state)| OutboxRow {
                statement: Statement {
                    id: id.clone(),
                    json,
                },
                id,
                learner_id,
                queued_at,
                order,
                state,
            },
        )
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            (
                text(),
                any::<u32>(),
                proptest::option::of(response()),
                proptest::option::of(reason()),
                any::<bool>(),
                btree_map(text(), number(), 0..3)
            )
                .prop_map(
                    |(item_id, hints_shown, draft, reason, solution_shown, values)| {
                        Step::Answering {
                            item_id,
                            hints_shown,
                            draft,
                            reason: reason.map(Box::new),
                            solution_shown,
                            values,
                        }
                    }
                ),
            text().prop_map(|page_id| Step::Reading { page_id }),
            (text(), text()).prop_map(|(item_id, attempt_id)| Step::Feedback {
                item_id,
                attempt_id
            }),
            Just(Step::Finished),
        ]
    }

    fn entry() -> impl Strategy<Value = Entry> {
        let target = prop_oneof![
            any::<u32>().prop_map(|count| GoalTarget::MasterSkills { count }),
            text().prop_map(|skill| GoalTarget::MasterSkill { skill }),
        ];
        let goal = (text(), text(), text(), target, any::<i64>(), any::<i64>()).prop_map(
            |(id, learner_id, package_id, target, set_at, due_at)| {
                Entry::Goal(Goal {
                    id,
                    learner_id,
                    package_id,
                    target,
                    set_at,
                    due_at,
                })
            },
        );
        let reflection = (
            (text(), text(), text(), text()),
            0..Prompt::ALL.len(),
            text(),
            any::<i64>(),
        )
            .prop_map(
                |((id, learner_id, package_id, activity_id), prompt, text, at)| {
                    Entry::Reflection(Reflection {
                        id,
                        learner_id,
                        package_id,
                        activity_id,
                        prompt: Prompt::ALL[prompt],
                        text,
                        at,
                    })
                },
            );
        prop_oneof![goal, reflection]
    }

    proptest! {
        #[test]
        fn generated_journal_entries_read_back(e in entry()) {
            reads_back(&e);
        }

        #[test]
        fn generated_attempts_read_back(a in attempt()) {
            reads_back(&a);
        }

        #[test]
        fn generated_outbox_rows_read_back(r in row()) {
            reads_back(&r);
        }

        #[test]
        fn generated_places_read_back(step in step(), updated_at in any::<i64>()) {
            reads_back(&Progress {
                learner_id: "l".into(),
                package_id: "p".into(),
                activity_id: "a".into(),
                step,
                updated_at,
            });
        }
    }
}
