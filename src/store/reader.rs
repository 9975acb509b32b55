//! How each stored record is read back: from IndexedDB (through `JSON.stringify`) and from a data
//! backpack file. One reader per type, with [`crate::json`]'s parser, in place of serde's `Deserialize`
//! (which stays only as the tests' oracle, `src/store/reader/tests.rs`).
//!
//! These records were written by this player, possibly by an older version of it, so every reader is
//! lenient: unknown fields are ignored, a field added later may be absent (it reads as its default), and
//! an optional field may be absent or `null`. That is exactly what serde's derives accepted; what they
//! refused is refused here too, with the JSON path of the value at fault.

use super::backpack::{Backpack, BackpackError, FORMAT, VERSION};
use crate::check::{Outcome, Response};
use crate::engine::select::{Choice, ItemNumbers, ItemPrediction};
use crate::engine::ValueSource;
use crate::engine::{EarlyWarning, Reason};
use crate::journal::{Entry, Goal, GoalTarget, Prompt, Reflection};
use crate::json::read::{one_of, tag};
use crate::json::{self, FromJson, Json, Members, Path, ReadError, Value};
use crate::session::{Attempt, Progress, Step};
use crate::xapi::{OutboxRow, OutboxState, Statement};

impl FromJson for Statement {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(Statement {
            id: m.req("id")?,
            json: m.req("json")?,
        })
    }
}

/// An outbox row: the state's tag (`state`) and its fields beside the row's own.
impl FromJson for OutboxRow {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let kind = tag(
            json,
            &path,
            "state",
            &["pending", "delivered", "rejected", "conflict"],
        )?;
        let m = Members::lenient(json, path)?;
        let state = match kind {
            0 => OutboxState::Pending,
            1 => OutboxState::Delivered { at: m.req("at")? },
            2 => OutboxState::Rejected {
                at: m.req("at")?,
                status: m.req("status")?,
                reason: m.req("reason")?,
            },
            _ => OutboxState::Conflict {
                at: m.req("at")?,
                stored: m.opt("stored")?,
            },
        };
        Ok(OutboxRow {
            id: m.req("id")?,
            learner_id: m.req("learnerId")?,
            queued_at: m.req("queuedAt")?,
            order: m.req("order")?,
            statement: m.req("statement")?,
            state,
        })
    }
}

impl FromJson for Attempt {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(Attempt {
            id: m.req("id")?,
            learner_id: m.req("learnerId")?,
            package_id: m.req("packageId")?,
            package_version: m.req("packageVersion")?,
            activity_id: m.req("activityId")?,
            item_id: m.req("itemId")?,
            response: m.req("response")?,
            outcome: m.req("outcome")?,
            presented_at: m.req("presentedAt")?,
            answered_at: m.req("answeredAt")?,
            hints_used: m.or_default("hintsUsed")?,
            solution_viewed: m.or_default("solutionViewed")?,
            values: m.or_default("values")?,
            skills: m.or_default("skills")?,
            reason: m.opt::<Reason>("reason")?.map(Box::new),
            warnings: m.or_default("warnings")?,
            statement_ids: m.req("statementIds")?,
        })
    }
}

impl FromJson for Response {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let kind = tag(
            json,
            &path,
            "type",
            &[
                "choice",
                "choices",
                "bool",
                "number",
                "text",
                "blanks",
                "order",
                "pairs",
                "expression",
                "dontKnow",
            ],
        )?;
        let m = Members::lenient(json, path)?;
        Ok(match kind {
            0 => Response::Choice {
                option: m.req("option")?,
            },
            1 => Response::Choices {
                options: m.req("options")?,
            },
            2 => Response::Bool {
                value: m.req("value")?,
            },
            3 => Response::Number {
                input: m.req("input")?,
            },
            4 => Response::Text {
                input: m.req("input")?,
            },
            5 => Response::Blanks {
                values: m.req("values")?,
            },
            6 => Response::Order {
                order: m.req("order")?,
            },
            7 => Response::Pairs {
                pairs: m.req("pairs")?,
            },
            8 => Response::Expression {
                input: m.req("input")?,
            },
            _ => Response::DontKnow,
        })
    }
}

impl FromJson for Outcome {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(Outcome {
            correct: m.req("correct")?,
            score: m.req("score")?,
            feedback: m.opt("feedback")?,
            parts: m.or_default("parts")?,
        })
    }
}

impl FromJson for Reason {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(Reason {
            choice: m.req("choice")?,
            skill_id: m.req("skillId")?,
            item_id: m.req("itemId")?,
            p_known: m.req("pKnown")?,
            p_correct_skill: m.req("pCorrectSkill")?,
            difficulty: m.req("difficulty")?,
            predicted_success: m.req("predictedSuccess")?,
            target_success: m.req("targetSuccess")?,
            excluded_recent: m.req("excludedRecent")?,
            considered: m.req("considered")?,
            numbers: m.opt("numbers")?,
            text: m.req("text")?,
        })
    }
}

impl FromJson for Choice {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        const CHOICES: [Choice; 4] = [
            Choice::NearestTarget,
            Choice::SoonestMastery,
            Choice::FreshVariant,
            Choice::RepeatOldest,
        ];
        let i = one_of(
            json,
            &path,
            &[
                "nearest_target",
                "soonest_mastery",
                "fresh_variant",
                "repeat_oldest",
            ],
        )?;
        Ok(CHOICES[i])
    }
}

impl FromJson for ValueSource {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        const SOURCES: [ValueSource; 3] = [
            ValueSource::Item,
            ValueSource::Skill,
            ValueSource::Difficulty,
        ];
        let i = one_of(json, &path, &["item", "skill", "difficulty"])?;
        Ok(SOURCES[i])
    }
}

impl FromJson for ItemNumbers {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(ItemNumbers {
            guess: m.req("guess")?,
            slip: m.req("slip")?,
            learn: m.req("learn")?,
            source: m.req("source")?,
            score: m.req("score")?,
            p_known_if_right: m.req("pKnownIfRight")?,
            p_known_if_wrong: m.req("pKnownIfWrong")?,
            band_floor: m.req("bandFloor")?,
            mastery_threshold: m.req("masteryThreshold")?,
        })
    }
}

impl FromJson for ItemPrediction {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(ItemPrediction {
            item_id: m.req("itemId")?,
            predicted_success: m.req("predictedSuccess")?,
            score: m.opt("score")?,
            in_band: m.opt("inBand")?,
        })
    }
}

impl FromJson for EarlyWarning {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let kind = tag(
            json,
            &path,
            "signal",
            &["guessing", "very_long", "wheel_spinning"],
        )?;
        let m = Members::lenient(json, path)?;
        Ok(match kind {
            0 => EarlyWarning::Guessing {
                item_id: m.req("itemId")?,
                response_ms: m.req("responseMs")?,
                reading_ms: m.req("readingMs")?,
            },
            1 => EarlyWarning::VeryLong {
                item_id: m.req("itemId")?,
                response_ms: m.req("responseMs")?,
                very_long_ms: m.req("veryLongMs")?,
            },
            _ => EarlyWarning::WheelSpinning {
                skill_id: m.req("skillId")?,
                attempts_since_mastery: m.req("attemptsSinceMastery")?,
            },
        })
    }
}

/// A learner's place: the step's tag (`step`) and its fields beside the record's own (and the store's
/// `key`, which is ignored).
impl FromJson for Progress {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let kind = tag(
            json,
            &path,
            "step",
            &["answering", "reading", "feedback", "finished"],
        )?;
        let m = Members::lenient(json, path)?;
        let step = match kind {
            0 => Step::Answering {
                item_id: m.req("itemId")?,
                hints_shown: m.or_default("hintsShown")?,
                draft: m.opt("draft")?,
                reason: m.opt::<Reason>("reason")?.map(Box::new),
                solution_shown: m.or_default("solutionShown")?,
                values: m.or_default("values")?,
            },
            1 => Step::Reading {
                page_id: m.req("pageId")?,
            },
            2 => Step::Feedback {
                item_id: m.req("itemId")?,
                attempt_id: m.req("attemptId")?,
            },
            _ => Step::Finished,
        };
        Ok(Progress {
            learner_id: m.req("learnerId")?,
            package_id: m.req("packageId")?,
            activity_id: m.req("activityId")?,
            step,
            updated_at: m.req("updatedAt")?,
        })
    }
}

/// A journal record: `kind` beside the goal's or the reflection's fields.
impl FromJson for Entry {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        Ok(match tag(json, &path, "kind", &["goal", "reflection"])? {
            0 => Entry::Goal(Goal::from_json(json, path)?),
            _ => Entry::Reflection(Reflection::from_json(json, path)?),
        })
    }
}

impl FromJson for Goal {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(Goal {
            id: m.req("id")?,
            learner_id: m.req("learnerId")?,
            package_id: m.req("packageId")?,
            target: m.req("target")?,
            set_at: m.req("setAt")?,
            due_at: m.req("dueAt")?,
        })
    }
}

impl FromJson for GoalTarget {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let kind = tag(json, &path, "type", &["masterSkills", "masterSkill"])?;
        let m = Members::lenient(json, path)?;
        Ok(match kind {
            0 => GoalTarget::MasterSkills {
                count: m.req("count")?,
            },
            _ => GoalTarget::MasterSkill {
                skill: m.req("skill")?,
            },
        })
    }
}

impl FromJson for Reflection {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(Reflection {
            id: m.req("id")?,
            learner_id: m.req("learnerId")?,
            package_id: m.req("packageId")?,
            activity_id: m.req("activityId")?,
            prompt: m.req("prompt")?,
            text: m.req("text")?,
            at: m.req("at")?,
        })
    }
}

impl FromJson for Prompt {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let i = one_of(json, &path, &["whatHelped", "whatLearned", "whatNext"])?;
        Ok(Prompt::ALL[i])
    }
}

impl FromJson for Backpack {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(Backpack {
            format: m.req("format")?,
            version: m.req("version")?,
            exported_at: m.req("exportedAt")?,
            learner_id: m.req("learnerId")?,
            actor: m.opt("actor")?,
            attempts: m.req("attempts")?,
            progress: m.req("progress")?,
            outbox: m.req("outbox")?,
            statements: m.req("statements")?,
            journal: m.or_default("journal")?,
        })
    }
}

/// Reads a backpack file: first that it is one, and not from a newer version, then every record.
pub(super) fn backpack(text: &str) -> Result<Backpack, BackpackError> {
    let not_one = |e: ReadError| BackpackError::NotABackpack(e.to_string());
    let tree = json::parse(text).map_err(|e| {
        not_one(ReadError {
            at: e.at,
            path: e.path(),
            message: e.message.to_owned(),
        })
    })?;
    if string_member(&tree, "format") != Some(FORMAT) {
        return Err(BackpackError::NotABackpack(
            "it has no `\"format\": \"pacer-backpack\"`".into(),
        ));
    }
    // A version that is not a whole number reads as 0 here (and is refused below), as before.
    let version = match member(&tree, "version").map(|v| &v.value) {
        Some(Value::Number(n)) => n.integer.and_then(|i| u64::try_from(i).ok()),
        _ => None,
    };
    if let Some(v) = version.filter(|v| *v > u64::from(VERSION)) {
        return Err(BackpackError::TooNew(u32::try_from(v).unwrap_or(u32::MAX)));
    }
    Backpack::from_json(&tree, Path::root(tree.at)).map_err(not_one)
}

/// The member `key` of the object `json` is (the last one, if written twice), if any.
fn member<'j, 'a>(json: &'j Json<'a>, key: &str) -> Option<&'j Json<'a>> {
    match &json.value {
        Value::Object(members) => members
            .iter()
            .rev()
            .find(|m| m.key == key)
            .map(|m| &m.value),
        _ => None,
    }
}

fn string_member<'j>(json: &'j Json<'_>, key: &str) -> Option<&'j str> {
    match member(json, key).map(|v| &v.value) {
        Some(Value::String(s)) => Some(s),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
