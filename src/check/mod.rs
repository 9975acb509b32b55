//! Response processing: one pure scorer per interaction type, plus feedback selection.
//!
//! Nothing here knows about the DOM or storage: [`score`] takes an item (its answer key), the learner's
//! [`Response`] and the item's parameter values, and returns an [`Outcome`]. The web shell renders it; the
//! session records it. A response that cannot be read (`3//4` for a number, `2(x+` for an expression) is
//! a [`ScoreError`], not a wrong answer: the learner is told and tries again, nothing is recorded.

pub mod numeric;

use numeric::NumberError;

use crate::expr::{self, ExprError};
use crate::json::read::tag;
use crate::json::{FromJson, Json, Members, Path, ReadError};
use crate::package::drag_to_image::{DragLabel, DropTarget};
use crate::package::hotspot::{Key as HotspotKey, Region};
use crate::package::hottext::Selection;
use crate::package::normalisation as text;
use crate::package::params::{fill, Values};
use crate::package::shade::{ShadeKey, ShadeModel};
use crate::package::Accepted;
use crate::package::DecimalMark;
use crate::package::{
    Blank, ChoiceOption, Interaction, Item, MultipleScoring, Normalisation, NumberValue,
    NumericMisconception, Pair, Text, TextMisconception, Tolerance, UnitRule,
};
#[cfg(test)]
use serde::Deserialize;
use serde::Serialize;
use std::collections::BTreeMap;
use thiserror::Error;

/// What the learner answered, by interaction type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Response {
    /// Single choice (and a hottext of one phrase, a hotspot of one region): the id of the chosen option.
    Choice { option: String },
    /// Multiple response (and a hottext of several phrases, a hotspot of several regions): the ids of the
    /// chosen options.
    Choices { options: Vec<String> },
    /// True or false.
    Bool { value: bool },
    /// Numeric: what the learner typed.
    Number { input: String },
    /// Short text: what the learner typed.
    Text { input: String },
    /// Cloze: blank id -> what was typed or the chosen option id.
    Blanks { values: BTreeMap<String, String> },
    /// Ordering: option ids in the learner's order.
    Order { order: Vec<String> },
    /// Matching: prompt pair id -> the pair id whose answer was picked for it. Drag to image: target id
    /// -> the id of the label placed on it.
    Pairs { pairs: BTreeMap<String, String> },
    /// Math expression: what the learner typed.
    Expression { input: String },
    /// Shade: the parts shaded (numbered from 1), of a model of `of` parts.
    Shaded { parts: Vec<u32>, of: u32 },
    /// "I don't know yet": counts as a wrong answer, without guessing.
    DontKnow,
}

impl Response {
    /// The response in xAPI's `result.response` format for the interaction type (`[,]` between list
    /// entries, `[.]` inside a matching pair).
    pub fn to_xapi(&self, item: &Item) -> String {
        match self {
            Response::Choice { option } => option.clone(),
            Response::Choices { options } => options.join("[,]"),
            Response::Bool { value } => value.to_string(),
            Response::Number { input }
            | Response::Text { input }
            | Response::Expression { input } => input.trim().to_owned(),
            Response::Blanks { values } => match &item.interaction {
                Interaction::Cloze { blanks, .. } => blanks
                    .iter()
                    .map(|b| values.get(b.id()).map_or("", String::as_str).trim())
                    .collect::<Vec<_>>()
                    .join("[,]"),
                _ => String::new(),
            },
            Response::Order { order } => order.join("[,]"),
            Response::Pairs { pairs } => pairs
                .iter()
                .map(|(k, v)| format!("{k}[.]{v}"))
                .collect::<Vec<_>>()
                .join("[,]"),
            Response::Shaded { parts, of } => format!("{}/{of}", parts.len()),
            Response::DontKnow => String::new(),
        }
    }

    /// Whether the learner has given nothing yet (nothing chosen or typed).
    pub fn is_empty(&self) -> bool {
        match self {
            Response::Choice { option } => option.is_empty(),
            Response::Choices { .. } | Response::Bool { .. } | Response::DontKnow => false,
            Response::Number { input }
            | Response::Text { input }
            | Response::Expression { input } => input.trim().is_empty(),
            Response::Blanks { values } => values.values().all(|v| v.trim().is_empty()),
            Response::Order { order } => order.is_empty(),
            Response::Pairs { pairs } => pairs.is_empty(),
            Response::Shaded { parts, .. } => parts.is_empty(),
        }
    }
}

/// The result of scoring one response.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    pub correct: bool,
    /// Score in `[0, 1]`.
    pub score: f64,
    /// The feedback to show, most specific first (option or misconception feedback, else item feedback).
    pub feedback: Option<Text>,
    /// For interactions with parts (blanks, pairs, positions, options): whether each part is right, in
    /// the order the item lists them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<bool>,
}

/// A response that cannot be scored; the learner is told why (in their language, by `present`) and
/// answers again. The `Display` texts are English, for logs and tests.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ScoreError {
    #[error("`{0}` is not an option of this item")]
    UnknownOption(String),
    #[error("this answer does not fit a {expected} question")]
    WrongShape { expected: &'static str },
    /// What the learner typed is not a number.
    #[error(transparent)]
    Number(#[from] NumberError),
    /// A unit was typed where the item takes a bare number.
    #[error("type just the number, without `{unit}`")]
    UnitNotExpected { unit: String },
    /// A unit this item does not accept.
    #[error("`{unit}` is not a unit this question accepts ({})", .accepted.join(", "))]
    UnknownUnit { unit: String, accepted: Vec<String> },
    /// The learner's expression cannot be read.
    #[error("that expression cannot be read: {0}")]
    Expression(ExprError),
    #[error("fill in every part before checking")]
    Incomplete,
    #[error("the answer key cannot be computed: {0}")]
    Key(String),
}

/// What scoring needs besides the item and the response.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The item's drawn parameter values (empty for a fixed item).
    pub values: &'a Values,
    /// How the learner writes decimals (from the interface language).
    pub mark: DecimalMark,
    /// The learner's language, which picks per-language accepted answers.
    pub language: &'a str,
    /// The package's default language, whose answers serve a language that has none.
    pub default_language: &'a str,
}

/// Scores `response` against `item`'s answer key.
pub fn score(item: &Item, response: &Response, ctx: &Context<'_>) -> Result<Outcome, ScoreError> {
    if *response == Response::DontKnow {
        return Ok(verdict(item, false, 0.0, None, Vec::new()));
    }
    match (&item.interaction, response) {
        (Interaction::SingleChoice { options, correct }, Response::Choice { option }) => {
            single_choice(item, options, correct, option)
        }
        (
            Interaction::MultipleResponse {
                options,
                correct,
                scoring,
            },
            Response::Choices { options: chosen },
        ) => multiple_response(item, options, correct, scoring, chosen),
        (
            Interaction::TrueFalse {
                correct,
                true_feedback,
                false_feedback,
            },
            Response::Bool { value },
        ) => true_false(item, correct, true_feedback, false_feedback, value),
        (
            Interaction::Numeric {
                answer,
                tolerance,
                unit,
                misconceptions,
            },
            Response::Number { input },
        ) => numeric(item, answer, tolerance, unit, misconceptions, input, ctx),
        (
            Interaction::ShortText {
                accepted,
                misconceptions,
                normalisation,
            },
            Response::Text { input },
        ) => short_text(item, accepted, misconceptions, normalisation, input, ctx),
        (
            Interaction::Cloze {
                blanks, scoring, ..
            },
            Response::Blanks { values },
        ) => cloze(item, blanks, scoring, values, ctx),
        (Interaction::Ordering { options }, Response::Order { order }) => {
            ordering(item, options, order)
        }
        (Interaction::Matching { pairs, scoring }, Response::Pairs { pairs: given }) => {
            matching(item, pairs, scoring, given)
        }
        (Interaction::Expression { answer, variables }, Response::Expression { input }) => {
            expression(item, answer, variables, input, ctx)
        }
        // The point's value, written by the player as a fraction over the line's denominator.
        (
            Interaction::NumberLine {
                answer, tolerance, ..
            },
            Response::Number { input },
        ) => numeric(item, answer, tolerance, &None, &[], input, ctx),
        (Interaction::Shade { model, key }, Response::Shaded { parts, of }) => {
            shade(item, model, key, parts, *of, ctx)
        }
        // One region to pick is a single choice among the regions; several, each region a part.
        (
            Interaction::Hotspot {
                regions,
                correct: HotspotKey::One(correct),
                ..
            },
            Response::Choice { option },
        ) => hotspot_one(item, regions, correct, option),
        (
            Interaction::Hotspot {
                regions,
                correct: HotspotKey::Several(correct),
                ..
            },
            Response::Choices { options },
        ) => hotspot(item, regions, correct, options),
        // One phrase to select is a single choice among the passage's phrases; several, a multiple response.
        (
            Interaction::Hottext {
                options,
                correct: Selection::One { correct },
                ..
            },
            Response::Choice { option },
        ) => single_choice(item, options, correct, option),
        (
            Interaction::Hottext {
                options,
                correct: Selection::Several { correct, scoring },
                ..
            },
            Response::Choices { options: chosen },
        ) => multiple_response(item, options, correct, scoring, chosen),
        (
            Interaction::DragToImage {
                targets,
                labels,
                scoring,
                ..
            },
            Response::Pairs { pairs: placed },
        ) => drag_to_image(item, targets, labels, scoring, placed),
        (interaction, _) => Err(ScoreError::WrongShape {
            expected: interaction.type_name(),
        }),
    }
}

/// Single choice: right when the chosen option is the key.
fn single_choice(
    item: &Item,
    options: &[ChoiceOption],
    correct: &str,
    option: &str,
) -> Result<Outcome, ScoreError> {
    let chosen = find_option(options, option)?;
    let right = chosen.id == correct;
    Ok(right_or_wrong(item, right, chosen.feedback.clone()))
}

/// Multiple response: each option a part (chosen as the key says); all or nothing, or partial credit.
fn multiple_response(
    item: &Item,
    options: &[ChoiceOption],
    correct: &[String],
    scoring: &MultipleScoring,
    chosen: &[String],
) -> Result<Outcome, ScoreError> {
    for id in chosen {
        find_option(options, id)?;
    }
    let parts: Vec<bool> = options
        .iter()
        .map(|o| chosen.contains(&o.id) == correct.contains(&o.id))
        .collect();
    let all = parts.iter().all(|p| *p);
    let score = match scoring {
        MultipleScoring::AllOrNothing => f64::from(u8::from(all)),
        MultipleScoring::Partial if correct.is_empty() => f64::from(u8::from(all)),
        MultipleScoring::Partial => {
            let hits = chosen.iter().filter(|c| correct.contains(c)).count() as f64;
            let misses = chosen.iter().filter(|c| !correct.contains(c)).count() as f64;
            ((hits - misses) / correct.len() as f64).clamp(0.0, 1.0)
        }
    };
    let specific = options
        .iter()
        .filter(|o| chosen.contains(&o.id) && !correct.contains(&o.id))
        .find_map(|o| o.feedback.clone());
    Ok(verdict(item, all, score, specific, parts))
}

/// True or false, with feedback per value.
fn true_false(
    item: &Item,
    correct: &bool,
    true_feedback: &Option<Text>,
    false_feedback: &Option<Text>,
    value: &bool,
) -> Result<Outcome, ScoreError> {
    let right = value == correct;
    let specific = if *value {
        true_feedback
    } else {
        false_feedback
    };
    Ok(right_or_wrong(item, right, specific.clone()))
}

/// Numeric: the learner's number (and unit) within the tolerance; a misconception's value names it.
fn numeric(
    item: &Item,
    answer: &NumberValue,
    tolerance: &Option<Tolerance>,
    unit: &Option<UnitRule>,
    misconceptions: &[NumericMisconception],
    input: &str,
    ctx: &Context<'_>,
) -> Result<Outcome, ScoreError> {
    let (number, given_unit) = numeric::split_unit(input.trim());
    let given = numeric::parse_number(number, ctx.mark)?;
    let expected = number_value(answer, ctx.values)?;
    let tol = tolerance.unwrap_or(numeric::Tolerance::Absolute(0.0));
    let unit_ok = match (unit, given_unit) {
        (None, None) => true,
        (None, Some(u)) => return Err(ScoreError::UnitNotExpected { unit: u.to_owned() }),
        (Some(rule), None) => !rule.required,
        (Some(rule), Some(u)) => {
            let known = rule
                .accepted
                .iter()
                .any(|a| a.trim().eq_ignore_ascii_case(u.trim()));
            if !known {
                return Err(ScoreError::UnknownUnit {
                    unit: u.to_owned(),
                    accepted: rule.accepted.clone(),
                });
            }
            true
        }
    };
    let right = tol.accepts(expected, given) && unit_ok;
    let mut specific = None;
    if !right {
        for m in misconceptions {
            let v = number_value(&m.answer, ctx.values)?;
            if tol.accepts(v, given) {
                specific = Some(m.feedback.clone());
                break;
            }
        }
    }
    Ok(right_or_wrong(item, right, specific))
}

/// Short text: equal to an accepted answer after normalisation.
fn short_text(
    item: &Item,
    accepted: &Accepted,
    misconceptions: &[TextMisconception],
    normalisation: &Normalisation,
    input: &str,
    ctx: &Context<'_>,
) -> Result<Outcome, ScoreError> {
    let right = accepted
        .for_language(ctx.language, ctx.default_language)
        .iter()
        .any(|a| text::matches(input, &fill(a, ctx.values, ctx.mark), normalisation));
    let specific = if right {
        None
    } else {
        misconceptions
            .iter()
            .find(|m| text::matches(input, &fill(&m.answer, ctx.values, ctx.mark), normalisation))
            .map(|m| m.feedback.clone())
    };
    Ok(right_or_wrong(item, right, specific))
}

/// Cloze: each blank a part; every blank must be filled.
fn cloze(
    item: &Item,
    blanks: &[Blank],
    scoring: &MultipleScoring,
    values: &BTreeMap<String, String>,
    ctx: &Context<'_>,
) -> Result<Outcome, ScoreError> {
    let mut parts = Vec::with_capacity(blanks.len());
    for blank in blanks {
        let given = values.get(blank.id()).map_or("", |s| s.trim());
        if given.is_empty() {
            return Err(ScoreError::Incomplete);
        }
        parts.push(match blank {
            Blank::Entry {
                accepted,
                normalisation,
                ..
            } => accepted
                .for_language(ctx.language, ctx.default_language)
                .iter()
                .any(|a| text::matches(given, &fill(a, ctx.values, ctx.mark), normalisation)),
            Blank::Choice {
                options, correct, ..
            } => find_option(options, given)?.id == *correct,
        });
    }
    Ok(parts_verdict(item, *scoring, parts))
}

/// Ordering: each position a part; the answer must be a permutation of the options.
fn ordering(
    item: &Item,
    options: &[ChoiceOption],
    order: &[String],
) -> Result<Outcome, ScoreError> {
    let mut sorted = order.to_vec();
    crate::collect::sort(&mut sorted);
    let mut ids: Vec<String> = options.iter().map(|o| o.id.clone()).collect();
    crate::collect::sort(&mut ids);
    if sorted != ids {
        return Err(ScoreError::WrongShape {
            expected: "ordering",
        });
    }
    let parts: Vec<bool> = options
        .iter()
        .zip(order)
        .map(|(o, given)| &o.id == given)
        .collect();
    Ok(parts_verdict(item, MultipleScoring::AllOrNothing, parts))
}

/// Matching: each prompt a part; every prompt must be matched.
fn matching(
    item: &Item,
    pairs: &[Pair],
    scoring: &MultipleScoring,
    given: &BTreeMap<String, String>,
) -> Result<Outcome, ScoreError> {
    let mut parts = Vec::with_capacity(pairs.len());
    for pair in pairs {
        let Some(answer) = given.get(&pair.id) else {
            return Err(ScoreError::Incomplete);
        };
        if !pairs.iter().any(|p| &p.id == answer) {
            return Err(ScoreError::UnknownOption(answer.clone()));
        }
        parts.push(*answer == pair.id);
    }
    Ok(parts_verdict(item, *scoring, parts))
}

/// Drag to image: each target a part, right when it holds its own label; every target must hold one.
fn drag_to_image(
    item: &Item,
    targets: &[DropTarget],
    labels: &[DragLabel],
    scoring: &MultipleScoring,
    placed: &BTreeMap<String, String>,
) -> Result<Outcome, ScoreError> {
    if let Some(unknown) = placed.keys().find(|t| !targets.iter().any(|x| &x.id == *t)) {
        return Err(ScoreError::UnknownOption(unknown.clone()));
    }
    let mut parts = Vec::with_capacity(targets.len());
    for target in targets {
        let Some(label) = placed.get(&target.id) else {
            return Err(ScoreError::Incomplete);
        };
        if !labels.iter().any(|l| &l.id == label) {
            return Err(ScoreError::UnknownOption(label.clone()));
        }
        parts.push(*label == target.answer);
    }
    Ok(parts_verdict(item, *scoring, parts))
}

/// Math expression: equivalent to the key over the item's variables.
fn expression(
    item: &Item,
    answer: &str,
    variables: &[String],
    input: &str,
    ctx: &Context<'_>,
) -> Result<Outcome, ScoreError> {
    let vars: Vec<&str> = variables.iter().map(String::as_str).collect();
    let key = expr::parse(&fill(answer, ctx.values, DecimalMark::Point), &vars)
        .map_err(|e| ScoreError::Key(e.to_string()))?;
    let given = expr::parse(input, &vars).map_err(ScoreError::Expression)?;
    let right = expr::equivalent(&key, &given, &vars, 0x9e37_79b9);
    Ok(right_or_wrong(item, right, None))
}

/// Shade: right when the shaded parts make the key's share of the model, or are exactly its parts.
fn shade(
    item: &Item,
    model: &ShadeModel,
    key: &ShadeKey,
    shaded: &[u32],
    of: u32,
    ctx: &Context<'_>,
) -> Result<Outcome, ScoreError> {
    let count = model
        .resolve(ctx.values)
        .map_err(|e| ScoreError::Key(e.to_string()))?
        .count();
    let wrong_shape = || ScoreError::WrongShape {
        expected: item.interaction.type_name(),
    };
    if of != count {
        return Err(wrong_shape());
    }
    let mut set = std::collections::BTreeSet::new();
    for &p in shaded {
        if p == 0 || p > count || !set.insert(p) {
            return Err(wrong_shape());
        }
    }
    let right = match key {
        ShadeKey::Share { answer } => {
            let share = number_value(answer, ctx.values)?;
            (set.len() as f64 / f64::from(count) - share).abs() < 1e-9
        }
        ShadeKey::Parts { shaded_parts } => {
            set.len() == shaded_parts.len() && shaded_parts.iter().all(|p| set.contains(p))
        }
    };
    Ok(right_or_wrong(item, right, None))
}

/// Hotspot of one pick: right when the picked region is the key's (a single choice among the regions).
fn hotspot_one(
    item: &Item,
    regions: &[Region],
    correct: &str,
    chosen: &str,
) -> Result<Outcome, ScoreError> {
    if !regions.iter().any(|r| r.id == chosen) {
        return Err(ScoreError::UnknownOption(chosen.to_owned()));
    }
    Ok(right_or_wrong(item, chosen == correct, None))
}

/// Hotspot of several picks: each region a part (picked as the key says); right when exactly the key's
/// regions are.
fn hotspot(
    item: &Item,
    regions: &[Region],
    correct: &[String],
    chosen: &[String],
) -> Result<Outcome, ScoreError> {
    if let Some(unknown) = chosen.iter().find(|c| !regions.iter().any(|r| &r.id == *c)) {
        return Err(ScoreError::UnknownOption(unknown.clone()));
    }
    let parts: Vec<bool> = regions
        .iter()
        .map(|r| chosen.contains(&r.id) == correct.contains(&r.id))
        .collect();
    Ok(parts_verdict(item, MultipleScoring::AllOrNothing, parts))
}

fn find_option<'a>(options: &'a [ChoiceOption], id: &str) -> Result<&'a ChoiceOption, ScoreError> {
    options
        .iter()
        .find(|o| o.id == id)
        .ok_or_else(|| ScoreError::UnknownOption(id.to_owned()))
}

/// The catalog key of the line under a numeric answer box, from the item's own answer: a whole-number
/// answer gets whole-number examples, a negative one among them whatever the sign of this answer (an
/// integers course is not told "such as 3/4 or 0.75"); any other the general one, whose examples the
/// catalog writes with its language's decimal mark.
pub fn number_help_key(answer: &NumberValue, values: &Values) -> &'static str {
    match number_value(answer, values) {
        Ok(v) if v.fract() == 0.0 => "number-help-whole",
        _ => "number-help",
    }
}

fn number_value(value: &NumberValue, values: &Values) -> Result<f64, ScoreError> {
    match value {
        NumberValue::Literal(v) => Ok(*v),
        NumberValue::Formula(src) => {
            let names: Vec<&str> = values.keys().map(String::as_str).collect();
            let e = expr::parse(src, &names).map_err(|e| ScoreError::Key(e.to_string()))?;
            e.eval(&|v: &str| values.get(v).copied())
                .map_err(|e| ScoreError::Key(e.to_string()))
        }
    }
}

/// The outcome of a response that is simply right (score 1) or wrong (score 0).
fn right_or_wrong(item: &Item, right: bool, specific: Option<Text>) -> Outcome {
    verdict(
        item,
        right,
        f64::from(u8::from(right)),
        specific,
        Vec::new(),
    )
}

fn parts_verdict(item: &Item, scoring: MultipleScoring, parts: Vec<bool>) -> Outcome {
    let right = parts.iter().filter(|p| **p).count();
    let all = right == parts.len();
    let score = match scoring {
        MultipleScoring::AllOrNothing => f64::from(u8::from(all)),
        MultipleScoring::Partial => right as f64 / parts.len().max(1) as f64,
    };
    verdict(item, all, score, None, parts)
}

fn verdict(
    item: &Item,
    correct: bool,
    score: f64,
    specific: Option<Text>,
    parts: Vec<bool>,
) -> Outcome {
    let general = if correct {
        &item.feedback.correct
    } else {
        &item.feedback.incorrect
    };
    Outcome {
        correct,
        score,
        feedback: specific.or_else(|| general.clone()),
        parts,
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
                "shaded",
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
            9 => Response::DontKnow,
            _ => Response::Shaded {
                parts: (m.req::<Vec<i64>>("parts")?.into_iter())
                    .map(|p| u32::try_from(p).unwrap_or(0))
                    .collect(),
                of: u32::try_from(m.req::<i64>("of")?).unwrap_or(0),
            },
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

#[cfg(test)]
mod tests;
