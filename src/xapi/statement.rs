//! Typed xAPI statements and the builders for the ones the player emits.

use super::cmi5::LaunchContext;
use crate::check::{Outcome, Response};
use crate::engine::Reason;
use crate::json::{FromJson, Json, Members, Path, ReadError};
use crate::package::markup::plain_text;
use crate::package::params::{fill, Values};
use crate::package::shade::{parts_for_share, ShadeKey};
use crate::package::DecimalMark;
use crate::package::{Blank, ChoiceOption, Interaction, Item, Manifest, NumberValue, Text};
use crate::time::{iso8601_duration, iso8601_utc, EpochMs};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The ADL `completed` verb.
pub const VERB_COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
/// The ADL `answered` verb.
pub const VERB_ANSWERED: &str = "http://adlnet.gov/expapi/verbs/answered";
/// The activity type of an interaction (a formative check item).
pub const TYPE_INTERACTION: &str = "http://adlnet.gov/expapi/activities/cmi.interaction";
/// Result extension: how many tiered hints the learner opened before answering (an integer).
pub const EXT_HINTS_USED: &str = "https://w3id.org/pacer/xapi/extensions/hints-used";
/// Result extension: P(known) of each skill of the item after the answer (an object, skill id -> [0, 1]).
pub const EXT_SKILL_MASTERY: &str = "https://w3id.org/pacer/xapi/extensions/skill-mastery";
/// Context extension: why the engine put this item in front of the learner (adaptive activities): the
/// decision in words and the numbers it used.
pub const EXT_REASON: &str = "https://w3id.org/pacer/xapi/extensions/reason";
/// Result extension: the learner opened the worked solution before answering (a boolean).
pub const EXT_SOLUTION_VIEWED: &str = "https://w3id.org/pacer/xapi/extensions/solution-viewed";
/// Result extension: the parameter values the item was shown with (an object, name -> number).
pub const EXT_PARAMETERS: &str = "https://w3id.org/pacer/xapi/extensions/parameters";
/// Result extension: early-warning signals the answer raised (an array of `{"signal": "guessing" |
/// "very_long" | "wheel_spinning", ...}` objects with the numbers behind each).
pub const EXT_WARNINGS: &str = "https://w3id.org/pacer/xapi/extensions/warnings";
/// Definition extension: the figures the item's stem drew from numbers, as shown (an array of
/// `{"type": "fractionModel", "shape", "parts", "shaded"}` and `{"type": "numberLine", "from", "to",
/// "denominator", "labels", "marks": [{"step", "label"?}]}` objects, parameters filled in).
pub const EXT_FIGURES: &str = "https://w3id.org/pacer/xapi/extensions/figures";
/// The `platform` recorded in every statement's context.
pub const PLATFORM: &str = "Pacer";

/// The learner as the LRS knows them: an account, never an e-mail the operator did not give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Actor {
    pub object_type: AgentType,
    pub account: Account,
}

/// Always `Agent` for a learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AgentType {
    Agent,
}

/// An account on a system (the LMS, or this device's local profile).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    pub home_page: String,
    pub name: String,
}

/// Read from an operator's config or a cmi5 launch: `objectType` must be `Agent`, with an `account`; other
/// members (a `name`) are ignored, as serde did.
impl FromJson for Actor {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        let kind: String = m.req("objectType")?;
        if kind != "Agent" {
            return Err(ReadError::new(
                m.path(),
                format!("unknown objectType `{kind}`, expected `Agent`"),
            ));
        }
        Ok(Actor {
            object_type: AgentType::Agent,
            account: m.req("account")?,
        })
    }
}

impl FromJson for Account {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(Account {
            home_page: m.req("homePage")?,
            name: m.req("name")?,
        })
    }
}

impl Actor {
    /// An agent identified by `name` on `home_page`.
    pub fn account(home_page: impl Into<String>, name: impl Into<String>) -> Self {
        Actor {
            object_type: AgentType::Agent,
            account: Account {
                home_page: home_page.into(),
                name: name.into(),
            },
        }
    }
}

/// A statement ready to queue: its id and its JSON text.
///
/// The text is fixed at capture and stored as is, so every resend is byte-identical (an LRS answers an
/// identical resend with 204; a re-serialised one could differ, e.g. `1` vs `1.0`, and get a 409).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
pub struct Statement {
    pub id: String,
    pub json: String,
}

impl Statement {
    /// Fixes `body` as the statement `id`.
    pub fn new(id: &str, body: &Value) -> Self {
        Statement {
            id: id.to_owned(),
            json: body.to_string(),
        }
    }

    /// The statement as a JSON value.
    pub fn value(&self) -> Result<Value, crate::json::ReadError> {
        crate::json::from_str(&self.json)
    }
}

/// The JSON array of `statements`, for one POST.
pub fn batch_json<'a>(statements: impl IntoIterator<Item = &'a Statement>) -> String {
    let parts: Vec<&str> = statements.into_iter().map(|s| s.json.as_str()).collect();
    format!("[{}]", parts.join(","))
}

/// Everything about one answer that goes into its `answered` statement.
#[derive(Debug, Clone)]
pub struct AnswerFacts<'a> {
    pub statement_id: &'a str,
    pub actor: &'a Actor,
    pub manifest: &'a Manifest,
    pub activity_id: &'a str,
    pub item: &'a Item,
    pub response: &'a Response,
    /// The item's parameter values (empty for a fixed item).
    pub values: &'a Values,
    /// Whether the worked solution was open when the learner answered.
    pub solution_viewed: bool,
    /// Early-warning signals the answer raised.
    pub warnings: &'a [crate::engine::EarlyWarning],
    pub outcome: &'a Outcome,
    pub answered_at: EpochMs,
    pub duration_ms: u64,
    pub language: &'a str,
    /// The cmi5 launch's registration and context template, when launched by an LMS.
    pub launch: Option<&'a LaunchContext>,
    /// Tiered hints opened before answering.
    pub hints_used: u32,
    /// P(known) of each skill of the item after this answer.
    pub mastery: &'a BTreeMap<String, f64>,
    /// Why the engine chose the item, when it did.
    pub reason: Option<&'a Reason>,
}

/// The xAPI activity id of an activity of the package.
pub fn activity_iri(manifest: &Manifest, activity_id: &str) -> String {
    format!(
        "{}/activities/{}",
        manifest.id.trim_end_matches('/'),
        activity_id
    )
}

/// The xAPI activity id of an item of an activity.
pub fn item_iri(manifest: &Manifest, activity_id: &str, item_id: &str) -> String {
    format!("{}/items/{}", activity_iri(manifest, activity_id), item_id)
}

/// Builds the `answered` statement for one scored attempt.
pub fn answered(f: &AnswerFacts<'_>) -> Statement {
    let lang = f.language;
    let default = &f.manifest.language;
    let show = |t: &Text| plain_text(&fill(t.get(lang, default), f.values, DecimalMark::Point));
    let mut definition = Map::new();
    definition.insert("type".into(), json!(TYPE_INTERACTION));
    definition.insert("name".into(), json!({ lang: show(&f.item.stem) }));
    let components = |options: &[ChoiceOption]| -> Value {
        options
            .iter()
            .map(|o| json!({ "id": o.id, "description": { lang: show(&o.text) } }))
            .collect()
    };
    let (kind, pattern): (&str, Vec<String>) = match &f.item.interaction {
        Interaction::SingleChoice { options, correct } => {
            definition.insert("choices".into(), components(options));
            ("choice", vec![correct.clone()])
        }
        Interaction::MultipleResponse {
            options, correct, ..
        } => {
            definition.insert("choices".into(), components(options));
            ("choice", vec![correct.join("[,]")])
        }
        Interaction::TrueFalse { correct, .. } => ("true-false", vec![correct.to_string()]),
        Interaction::Numeric {
            answer, tolerance, ..
        }
        | Interaction::NumberLine {
            answer, tolerance, ..
        } => {
            let value = match answer {
                NumberValue::Literal(v) => Some(*v),
                NumberValue::Formula(src) => {
                    let names: Vec<&str> = f.values.keys().map(String::as_str).collect();
                    crate::expr::parse(src, &names)
                        .ok()
                        .and_then(|e| e.eval(&|v: &str| f.values.get(v).copied()).ok())
                }
            };
            let pattern = match (value, tolerance) {
                (None, _) => Vec::new(),
                (Some(v), None) => vec![v.to_string()],
                (Some(v), Some(t)) => {
                    let d = match t {
                        crate::package::Tolerance::Absolute(d) => *d,
                        crate::package::Tolerance::Relative(r) => r * v.abs(),
                    };
                    vec![format!("{}[:]{}", v - d, v + d)]
                }
            };
            ("numeric", pattern)
        }
        Interaction::ShortText { accepted, .. } => (
            "fill-in",
            accepted
                .for_language(f.language, &f.manifest.language)
                .iter()
                .map(|a| fill(a, f.values, DecimalMark::Point))
                .collect(),
        ),
        Interaction::Cloze { blanks, .. } => {
            let parts: Vec<String> = blanks
                .iter()
                .map(|b| match b {
                    Blank::Entry { accepted, .. } => accepted
                        .first(f.language)
                        .map(|a| fill(a, f.values, DecimalMark::Point))
                        .unwrap_or_default(),
                    Blank::Choice { correct, .. } => correct.clone(),
                })
                .collect();
            ("fill-in", vec![parts.join("[,]")])
        }
        Interaction::Ordering { options } => {
            definition.insert("choices".into(), components(options));
            let ids: Vec<&str> = options.iter().map(|o| o.id.as_str()).collect();
            ("sequencing", vec![ids.join("[,]")])
        }
        Interaction::Matching { pairs, .. } => {
            let side = |answer: bool| -> Value {
                pairs
                    .iter()
                    .map(|p| {
                        let t = if answer { &p.answer } else { &p.prompt };
                        json!({ "id": p.id, "description": { lang: show(t) } })
                    })
                    .collect()
            };
            definition.insert("source".into(), side(false));
            definition.insert("target".into(), side(true));
            let pattern: Vec<String> = pairs.iter().map(|p| format!("{0}[.]{0}", p.id)).collect();
            ("matching", vec![pattern.join("[,]")])
        }
        Interaction::Expression { answer, .. } => {
            ("other", vec![fill(answer, f.values, DecimalMark::Point)])
        }
        // The share shaded, as the response records it: `3/8`.
        Interaction::Shade { model, key } => {
            let pattern = model.resolve(f.values).ok().and_then(|m| {
                let parts = m.count();
                let k = match key {
                    ShadeKey::Share { answer } => {
                        let share = match answer {
                            NumberValue::Literal(v) => Some(*v),
                            NumberValue::Formula(src) => {
                                let names: Vec<&str> =
                                    f.values.keys().map(String::as_str).collect();
                                crate::expr::parse(src, &names)
                                    .ok()
                                    .and_then(|e| e.eval(&|v: &str| f.values.get(v).copied()).ok())
                            }
                        }?;
                        parts_for_share(share, parts).ok()?
                    }
                    ShadeKey::Parts { shaded_parts } => u32::try_from(shaded_parts.len()).ok()?,
                };
                Some(format!("{k}/{parts}"))
            });
            ("other", pattern.into_iter().collect())
        }
        Interaction::Hotspot {
            regions, correct, ..
        } => {
            let choices: Vec<Value> = (regions.iter())
                .map(|r| json!({ "id": r.id, "description": { lang: show(&r.label) } }))
                .collect();
            definition.insert("choices".into(), Value::Array(choices));
            ("choice", vec![correct.correct().join("[,]")])
        }
        // The passage's phrases are the choices; the right one, or the right ones together.
        Interaction::Hottext {
            options, correct, ..
        } => {
            definition.insert("choices".into(), components(options));
            ("choice", vec![correct.correct().join("[,]")])
        }
        // Targets are the sources and labels the targets of xAPI's matching, as a matching item's
        // prompts and answers are: the response pairs `target[.]label`.
        Interaction::DragToImage {
            targets, labels, ..
        } => {
            let sources: Vec<Value> = (targets.iter())
                .map(|t| json!({ "id": t.id, "description": { lang: show(&t.text) } }))
                .collect();
            let placed: Vec<Value> = (labels.iter())
                .map(|l| json!({ "id": l.id, "description": { lang: show(&l.text) } }))
                .collect();
            definition.insert("source".into(), Value::Array(sources));
            definition.insert("target".into(), Value::Array(placed));
            let pattern: Vec<String> = (targets.iter())
                .map(|t| format!("{}[.]{}", t.id, t.answer))
                .collect();
            ("matching", vec![pattern.join("[,]")])
        }
    };
    let figures: Vec<Value> = (f.item.blocks.iter())
        .filter_map(|b| b.figure()?.resolve(f.values).ok())
        .filter_map(|figure| serde_json::to_value(figure).ok())
        .collect();
    if !figures.is_empty() {
        definition.insert("extensions".into(), json!({ EXT_FIGURES: figures }));
    }
    definition.insert("interactionType".into(), json!(kind));
    if !pattern.is_empty() {
        definition.insert("correctResponsesPattern".into(), json!(pattern));
    }
    let mut body = json!({
        "id": f.statement_id,
        "actor": f.actor,
        "verb": { "id": VERB_ANSWERED, "display": { "en-US": "answered" } },
        "object": {
            "objectType": "Activity",
            "id": item_iri(f.manifest, f.activity_id, &f.item.id),
            "definition": Value::Object(definition),
        },
        "result": {
            "success": f.outcome.correct,
            "score": { "scaled": f.outcome.score, "raw": f.outcome.score, "min": 0, "max": 1 },
            "response": f.response.to_xapi(f.item),
            "duration": iso8601_duration(f.duration_ms),
            "extensions": {
                EXT_HINTS_USED: f.hints_used,
                EXT_SKILL_MASTERY: f.mastery,
            },
        },
        "context": {
            "contextActivities": {
                "parent": [{ "objectType": "Activity", "id": activity_iri(f.manifest, f.activity_id) }],
                "grouping": [{ "objectType": "Activity", "id": f.manifest.id }],
            },
            "language": lang,
            "platform": PLATFORM,
        },
        "timestamp": iso8601_utc(f.answered_at),
    });
    if f.solution_viewed {
        body["result"]["extensions"][EXT_SOLUTION_VIEWED] = json!(true);
    }
    if !f.values.is_empty() {
        body["result"]["extensions"][EXT_PARAMETERS] = json!(f.values);
    }
    if !f.warnings.is_empty() {
        body["result"]["extensions"][EXT_WARNINGS] = json!(f.warnings);
    }
    if let Some(reason) = f.reason {
        body["context"]["extensions"] = json!({ EXT_REASON: {
            "text": reason.text,
            "choice": reason.choice,
            "skillId": reason.skill_id,
            "itemId": reason.item_id,
            "pKnown": reason.p_known,
            "predictedSuccess": reason.predicted_success,
            "targetSuccess": reason.target_success,
        } });
    }
    if let Some(launch) = f.launch {
        launch.apply(&mut body);
    }
    Statement::new(f.statement_id, &body)
}

/// Everything about a finished activity that goes into its `completed` statement.
#[derive(Debug, Clone)]
pub struct CompletionFacts<'a> {
    pub statement_id: &'a str,
    pub actor: &'a Actor,
    pub manifest: &'a Manifest,
    pub activity_id: &'a str,
    /// Share of items whose first answer was right, in [0, 1].
    pub score: f64,
    pub completed_at: EpochMs,
    pub duration_ms: u64,
    pub language: &'a str,
}

/// Builds the `completed` statement of an activity the learner worked through to the end.
pub fn completed(f: &CompletionFacts<'_>) -> Statement {
    let title = f
        .manifest
        .activity(f.activity_id)
        .map(|a| a.title.get(f.language, &f.manifest.language).to_owned())
        .unwrap_or_else(|| f.activity_id.to_owned());
    let scaled = (f.score.clamp(0.0, 1.0) * 10_000.0).round() / 10_000.0;
    let body = json!({
        "id": f.statement_id,
        "actor": f.actor,
        "verb": { "id": VERB_COMPLETED, "display": { "en-US": "completed" } },
        "object": {
            "objectType": "Activity",
            "id": activity_iri(f.manifest, f.activity_id),
            "definition": {
                "type": "http://adlnet.gov/expapi/activities/lesson",
                "name": { f.language: title },
            },
        },
        "result": {
            "completion": true,
            "score": { "scaled": scaled },
            "duration": iso8601_duration(f.duration_ms),
        },
        "context": {
            "contextActivities": { "grouping": [{ "objectType": "Activity", "id": f.manifest.id }] },
            "language": f.language,
            "platform": PLATFORM,
        },
        "timestamp": iso8601_utc(f.completed_at),
    });
    Statement::new(f.statement_id, &body)
}

impl FromJson for Statement {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(Statement {
            id: m.req("id")?,
            json: m.req("json")?,
        })
    }
}
