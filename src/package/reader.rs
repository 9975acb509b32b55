//! How each type of the content model is read from an author's JSON (see [`crate::json`] for why by
//! hand). One reader per type, in the order of `docs/package-format.md`: the manifest, activities and
//! their blocks, interactions, and the values they hold. Field names, defaults and the refusal of unknown
//! fields follow that document; a test reads every fixture of the format through them.

use super::drag_to_image::{DragLabel, DropTarget};
use super::figure::{LinePoint, ModelShape, TickLabels};
use super::hotspot::{Key as HotspotKey, Outline, Region};
use super::hottext::Selection;
use super::interaction::{
    Accepted, Blank, ChoiceOption, Interaction, MultipleScoring, NumberValue, NumericMisconception,
    Pair, TextMisconception, UnitRule,
};
use super::manifest::{
    ActivityKind, ActivityRef, FeedbackPolicy, Manifest, Settings, Skill, Unlock,
};
use super::params::ParamSpec;
use super::shade::{ShadeKey, ShadeModel};
use super::{Activity, Block, Feedback, Item, Page, Text};
use super::{BktParams, MasteryRule, DEFAULT_BKT_THRESHOLD};
use crate::json::read::{one_of, tag};
use crate::json::{FromJson, Json, Members, Path, ReadError, Value};
use crate::package::Normalisation;
use crate::package::Tolerance;

impl FromJson for Manifest {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::new(
            json,
            path,
            &[
                "$schema",
                "id",
                "title",
                "version",
                "language",
                "translations",
                "license",
                "authors",
                "skills",
                "activities",
                "settings",
                "sha256List",
            ],
        )?;
        Ok(Manifest {
            schema: m.opt("$schema")?,
            id: m.req("id")?,
            title: m.req("title")?,
            version: m.req("version")?,
            language: m.req("language")?,
            translations: m.or_default("translations")?,
            license: m.opt("license")?,
            authors: m.or_default("authors")?,
            skills: m.or_default("skills")?,
            activities: m.req("activities")?,
            settings: m.or_default("settings")?,
            sha256_list: m.or("sha256List", false)?,
            items: Default::default(),
        })
    }
}

impl FromJson for Skill {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::new(
            json,
            path,
            &[
                "id",
                "title",
                "description",
                "prerequisites",
                "bkt",
                "standards",
            ],
        )?;
        Ok(Skill {
            id: m.req("id")?,
            title: m.req("title")?,
            description: m.opt("description")?,
            prerequisites: m.or_default("prerequisites")?,
            bkt: m.opt("bkt")?,
            standards: m.or_default("standards")?,
        })
    }
}

impl FromJson for ActivityRef {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::new(
            json,
            path,
            &[
                "id", "file", "title", "kind", "skills", "mastery", "unlock", "feedback",
                "attempts",
            ],
        )?;
        Ok(ActivityRef {
            id: m.req("id")?,
            file: m.req("file")?,
            title: m.req("title")?,
            kind: m.req("kind")?,
            skills: m.or_default("skills")?,
            mastery: m.opt("mastery")?,
            unlock: m.opt("unlock")?,
            feedback: m.opt("feedback")?,
            attempts: m.opt("attempts")?,
        })
    }
}

impl FromJson for ActivityKind {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        const KINDS: [ActivityKind; 4] = [
            ActivityKind::Lesson,
            ActivityKind::Practice,
            ActivityKind::Check,
            ActivityKind::Review,
        ];
        let i = one_of(json, &path, &["lesson", "practice", "check", "review"])?;
        Ok(KINDS[i])
    }
}

impl FromJson for FeedbackPolicy {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        Ok(match one_of(json, &path, &["immediate", "afterSubmit"])? {
            0 => FeedbackPolicy::Immediate,
            _ => FeedbackPolicy::AfterSubmit,
        })
    }
}

impl FromJson for Unlock {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::new(json, path, &["skillsMastered", "activitiesCompleted"])?;
        Ok(Unlock {
            skills_mastered: m.or_default("skillsMastered")?,
            activities_completed: m.or_default("activitiesCompleted")?,
        })
    }
}

impl FromJson for Settings {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::new(
            json,
            path,
            &[
                "masteryThreshold",
                "feedback",
                "attemptsAllowed",
                "learnerChoice",
                "targetSuccess",
            ],
        )?;
        let d = Settings::default();
        Ok(Settings {
            mastery_threshold: m.or("masteryThreshold", d.mastery_threshold)?,
            feedback: m.or("feedback", d.feedback)?,
            attempts_allowed: m.or("attemptsAllowed", d.attempts_allowed)?,
            learner_choice: m.or("learnerChoice", d.learner_choice)?,
            target_success: m.or("targetSuccess", d.target_success)?,
        })
    }
}

impl FromJson for Activity {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::new(json, path, &["$schema", "id", "items", "pages"])?;
        Ok(Activity {
            schema: m.opt("$schema")?,
            id: m.req("id")?,
            items: m.or_default("items")?,
            pages: m.or_default("pages")?,
        })
    }
}

impl FromJson for Item {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::new(
            json,
            path,
            &[
                "id",
                "skills",
                "stem",
                "blocks",
                "interaction",
                "feedback",
                "hints",
                "solution",
                "difficulty",
                "params",
                "guess",
                "slip",
                "learn",
            ],
        )?;
        Ok(Item {
            id: m.req("id")?,
            skills: m.or_default("skills")?,
            stem: m.req("stem")?,
            blocks: m.or_default("blocks")?,
            interaction: m.req("interaction")?,
            feedback: m.or_default("feedback")?,
            hints: m.or_default("hints")?,
            solution: m.or_default("solution")?,
            difficulty: m.or("difficulty", 0.0)?,
            params: m.or_default("params")?,
            guess: m.opt("guess")?,
            slip: m.opt("slip")?,
            learn: m.opt("learn")?,
        })
    }
}

impl FromJson for Feedback {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::new(json, path, &["correct", "incorrect"])?;
        Ok(Feedback {
            correct: m.opt("correct")?,
            incorrect: m.opt("incorrect")?,
        })
    }
}

impl FromJson for Page {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::new(json, path, &["id", "title", "blocks"])?;
        Ok(Page {
            id: m.req("id")?,
            title: m.opt("title")?,
            blocks: m.req("blocks")?,
        })
    }
}

impl FromJson for Block {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let kind = tag(
            json,
            &path,
            "type",
            &[
                "text",
                "image",
                "audio",
                "math",
                "check",
                "fractionModel",
                "numberLine",
            ],
        )?;
        let fields: &[&str] = match kind {
            0 => &["text"],
            1 => &["src", "alt", "decorative", "caption"],
            2 => &["src", "transcript"],
            3 => &["tex"],
            4 => &["item"],
            5 => &["shape", "parts", "shaded"],
            _ => &["from", "to", "denominator", "labels", "points"],
        };
        let m = Members::tagged(json, path, Some("type"), fields)?;
        Ok(match kind {
            0 => Block::Text {
                text: m.req("text")?,
            },
            1 => Block::Image {
                src: m.req("src")?,
                alt: m.req("alt")?,
                decorative: m.or("decorative", false)?,
                caption: m.opt("caption")?,
            },
            2 => Block::Audio {
                src: m.req("src")?,
                transcript: m.req("transcript")?,
            },
            3 => Block::Math { tex: m.req("tex")? },
            4 => Block::Check {
                item: m.req("item")?,
            },
            5 => Block::FractionModel {
                shape: m.req("shape")?,
                parts: m.req("parts")?,
                shaded: m.req("shaded")?,
            },
            _ => Block::NumberLine {
                from: m.req("from")?,
                to: m.req("to")?,
                denominator: m.req("denominator")?,
                labels: m.or_default("labels")?,
                points: m.or_default("points")?,
            },
        })
    }
}

impl FromJson for Interaction {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let kind = tag(
            json,
            &path,
            "type",
            &[
                "singleChoice",
                "multipleResponse",
                "trueFalse",
                "numeric",
                "shortText",
                "cloze",
                "ordering",
                "matching",
                "expression",
                "numberLine",
                "shade",
                "hotspot",
                "hottext",
                "dragToImage",
            ],
        )?;
        let fields: &[&str] = match kind {
            0 => &["options", "correct"],
            1 => &["options", "correct", "scoring"],
            2 => &["correct", "trueFeedback", "falseFeedback"],
            3 => &["answer", "tolerance", "unit", "misconceptions"],
            4 => &["accepted", "misconceptions", "normalisation"],
            5 => &["text", "blanks", "scoring"],
            6 => &["options"],
            7 => &["pairs", "scoring"],
            8 => &["answer", "variables"],
            9 => &["from", "to", "denominator", "labels", "answer", "tolerance"],
            10 => &["shape", "parts", "rows", "columns", "answer", "shadedParts"],
            11 => &["image", "alt", "width", "height", "regions", "correct"],
            12 => &["text", "options", "correct", "scoring"],
            _ => &[
                "image", "alt", "width", "height", "targets", "labels", "scoring",
            ],
        };
        let m = Members::tagged(json, path, Some("type"), fields)?;
        Ok(match kind {
            0 => Interaction::SingleChoice {
                options: m.req("options")?,
                correct: m.req("correct")?,
            },
            1 => Interaction::MultipleResponse {
                options: m.req("options")?,
                correct: m.req("correct")?,
                scoring: m.or_default("scoring")?,
            },
            2 => Interaction::TrueFalse {
                correct: m.req("correct")?,
                true_feedback: m.opt("trueFeedback")?,
                false_feedback: m.opt("falseFeedback")?,
            },
            3 => Interaction::Numeric {
                answer: m.req("answer")?,
                tolerance: m.opt("tolerance")?,
                unit: m.opt("unit")?,
                misconceptions: m.or_default("misconceptions")?,
            },
            4 => Interaction::ShortText {
                accepted: m.req("accepted")?,
                misconceptions: m.or_default("misconceptions")?,
                normalisation: m.or_default("normalisation")?,
            },
            5 => Interaction::Cloze {
                text: m.req("text")?,
                blanks: m.req("blanks")?,
                scoring: m.or_default("scoring")?,
            },
            6 => Interaction::Ordering {
                options: m.req("options")?,
            },
            7 => Interaction::Matching {
                pairs: m.req("pairs")?,
                scoring: m.or_default("scoring")?,
            },
            8 => Interaction::Expression {
                answer: m.req("answer")?,
                variables: m.or_default("variables")?,
            },
            9 => Interaction::NumberLine {
                from: m.req("from")?,
                to: m.req("to")?,
                denominator: m.req("denominator")?,
                labels: m.or_default("labels")?,
                answer: m.req("answer")?,
                tolerance: m.opt("tolerance")?,
            },
            10 => shade(&m)?,
            11 => Interaction::Hotspot {
                image: m.req("image")?,
                alt: m.req("alt")?,
                width: m.req("width")?,
                height: m.req("height")?,
                regions: m.req("regions")?,
                correct: m.req("correct")?,
            },
            12 => Interaction::Hottext {
                text: m.req("text")?,
                options: m.req("options")?,
                correct: hottext_selection(&m)?,
            },
            _ => Interaction::DragToImage {
                image: m.req("image")?,
                alt: m.req("alt")?,
                width: m.req("width")?,
                height: m.req("height")?,
                targets: m.req("targets")?,
                labels: m.req("labels")?,
                scoring: m.or_default("scoring")?,
            },
        })
    }
}

/// A `shade` interaction: a bar or a circle takes `parts`, a grid `rows` and `columns`; the key is
/// either `answer` (a share) or `shadedParts`, never both.
fn shade(m: &Members<'_, '_, '_>) -> Result<Interaction, ReadError> {
    let ShapeName(shape) = m.req::<ShapeName<0>>("shape")?;
    let refuse = |key: &str, why: &str| {
        if m.has(key) {
            Err(ReadError::new(m.path(), format!("`{key}`: {why}")))
        } else {
            Ok(())
        }
    };
    let model = if shape == 2 {
        refuse("parts", "a grid has `rows` and `columns`, not `parts`")?;
        ShadeModel::Grid {
            rows: m.req("rows")?,
            columns: m.req("columns")?,
        }
    } else {
        for key in ["rows", "columns"] {
            refuse(
                key,
                "only a grid has rows and columns; a bar or a circle has `parts`",
            )?;
        }
        let parts = m.req("parts")?;
        if shape == 0 {
            ShadeModel::Bar { parts }
        } else {
            ShadeModel::Circle { parts }
        }
    };
    let key = match (m.opt::<NumberValue>("answer")?, m.has("shadedParts")) {
        (Some(answer), false) => ShadeKey::Share { answer },
        (None, true) => ShadeKey::Parts {
            shaded_parts: (m.req::<Vec<i64>>("shadedParts")?.into_iter())
                .map(|p| u32::try_from(p.max(0)).unwrap_or(u32::MAX))
                .collect(),
        },
        _ => {
            return Err(ReadError::new(
                m.path(),
                "write either `answer` (the share to shade, like \"3/8\") or `shadedParts` (exactly which parts, from 1): one of the two",
            ))
        }
    };
    Ok(Interaction::Shade { model, key })
}

/// The name of one of a few shapes (`shape` of a shade model or of a hotspot region), as its index in
/// the list the reader gives.
struct ShapeName<const N: usize>(usize);

const SHADE_SHAPES: [&str; 3] = ["bar", "circle", "grid"];
const REGION_SHAPES: [&str; 3] = ["circle", "rect", "polygon"];

impl FromJson for ShapeName<0> {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        one_of(json, &path, &SHADE_SHAPES).map(ShapeName)
    }
}

impl FromJson for ShapeName<1> {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        one_of(json, &path, &REGION_SHAPES).map(ShapeName)
    }
}

impl FromJson for Region {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::new(json, path, &["id", "label", "shape", "coords"])?;
        let ShapeName(shape) = m.req::<ShapeName<1>>("shape")?;
        let coords: Vec<f64> = m.req("coords")?;
        let wrong = |what: &str| {
            ReadError::new(
                m.path(),
                format!("`coords` of a {what}, got {} numbers", coords.len()),
            )
        };
        let outline = match shape {
            0 => Outline::Circle(
                <[f64; 3]>::try_from(coords.as_slice())
                    .map_err(|_| wrong("circle are its centre and radius: cx, cy, r"))?,
            ),
            1 => Outline::Rect(
                <[f64; 4]>::try_from(coords.as_slice())
                    .map_err(|_| wrong("rect are its left, top, right and bottom"))?,
            ),
            _ => Outline::Polygon(coords),
        };
        Ok(Region {
            id: m.req("id")?,
            label: m.req("label")?,
            outline,
        })
    }
}

/// A hottext's key: `correct` as one id (one selection) or a list of ids (several, with an optional
/// `scoring`); a `scoring` beside a single id is refused, since one selection is simply right or wrong.
fn hottext_selection(m: &Members<'_, '_, '_>) -> Result<Selection, ReadError> {
    enum Key {
        One(String),
        Several(Vec<String>),
    }
    impl FromJson for Key {
        fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
            match &json.value {
                Value::String(_) => Ok(Key::One(FromJson::from_json(json, path)?)),
                Value::Array(_) => Ok(Key::Several(FromJson::from_json(json, path)?)),
                _ => Err(ReadError::invalid_type(
                    json,
                    &path,
                    "a phrase id (one selection) or a list of ids (several)",
                )),
            }
        }
    }
    let scoring: Option<MultipleScoring> = m.opt("scoring")?;
    Ok(match m.req::<Key>("correct")? {
        Key::Several(correct) => Selection::Several {
            correct,
            scoring: scoring.unwrap_or_default(),
        },
        Key::One(_) if scoring.is_some() => {
            return Err(ReadError::new(
                m.path(),
                "`scoring` is for several selections: with one right phrase (`correct` a single id) the answer is right or wrong",
            ))
        }
        Key::One(correct) => Selection::One { correct },
    })
}

/// A hotspot's key: one region id (one pick) or a list of ids (several picks).
impl FromJson for HotspotKey {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        match &json.value {
            Value::String(_) => Ok(HotspotKey::One(FromJson::from_json(json, path)?)),
            Value::Array(_) => Ok(HotspotKey::Several(FromJson::from_json(json, path)?)),
            _ => Err(ReadError::invalid_type(
                json,
                &path,
                "a region id (one pick) or a list of ids (several)",
            )),
        }
    }
}

impl FromJson for DropTarget {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::new(json, path, &["id", "text", "x", "y", "answer"])?;
        Ok(DropTarget {
            id: m.req("id")?,
            text: m.req("text")?,
            x: m.req("x")?,
            y: m.req("y")?,
            answer: m.req("answer")?,
        })
    }
}

impl FromJson for DragLabel {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::new(json, path, &["id", "text"])?;
        Ok(DragLabel {
            id: m.req("id")?,
            text: m.req("text")?,
        })
    }
}

impl FromJson for ModelShape {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        Ok(match one_of(json, &path, &["bar", "circle"])? {
            0 => ModelShape::Bar,
            _ => ModelShape::Circle,
        })
    }
}

impl FromJson for TickLabels {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        Ok(
            match one_of(json, &path, &["wholes", "fractions", "none"])? {
                0 => TickLabels::Wholes,
                1 => TickLabels::Fractions,
                _ => TickLabels::None,
            },
        )
    }
}

impl FromJson for LinePoint {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::new(json, path, &["at", "label"])?;
        Ok(LinePoint {
            at: m.req("at")?,
            label: m.opt("label")?,
        })
    }
}

impl FromJson for MultipleScoring {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        Ok(match one_of(json, &path, &["allOrNothing", "partial"])? {
            0 => MultipleScoring::AllOrNothing,
            _ => MultipleScoring::Partial,
        })
    }
}

impl FromJson for ChoiceOption {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::new(json, path, &["id", "text", "image", "feedback"])?;
        Ok(ChoiceOption {
            id: m.req("id")?,
            text: m.req("text")?,
            image: m.opt("image")?,
            feedback: m.opt("feedback")?,
        })
    }
}

impl FromJson for NumberValue {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        match &json.value {
            Value::Number(n) => Ok(NumberValue::Literal(n.value)),
            Value::String(s) => Ok(NumberValue::Formula(s.to_string())),
            _ => Err(ReadError::invalid_type(
                json,
                &path,
                "a number, or a formula as a string",
            )),
        }
    }
}

impl FromJson for UnitRule {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::new(json, path, &["accepted", "required"])?;
        Ok(UnitRule {
            accepted: m.req("accepted")?,
            required: m.or("required", false)?,
        })
    }
}

impl FromJson for NumericMisconception {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::new(json, path, &["answer", "feedback"])?;
        Ok(NumericMisconception {
            answer: m.req("answer")?,
            feedback: m.req("feedback")?,
        })
    }
}

impl FromJson for TextMisconception {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::new(json, path, &["answer", "feedback"])?;
        Ok(TextMisconception {
            answer: m.req("answer")?,
            feedback: m.req("feedback")?,
        })
    }
}

impl FromJson for Blank {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let kind = tag(json, &path, "kind", &["entry", "choice"])?;
        let fields: &[&str] = match kind {
            0 => &["id", "accepted", "normalisation"],
            _ => &["id", "options", "correct"],
        };
        let m = Members::tagged(json, path, Some("kind"), fields)?;
        Ok(match kind {
            0 => Blank::Entry {
                id: m.req("id")?,
                accepted: m.req("accepted")?,
                normalisation: m.or_default("normalisation")?,
            },
            _ => Blank::Choice {
                id: m.req("id")?,
                options: m.req("options")?,
                correct: m.req("correct")?,
            },
        })
    }
}

impl FromJson for Pair {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::new(json, path, &["id", "prompt", "answer"])?;
        Ok(Pair {
            id: m.req("id")?,
            prompt: m.req("prompt")?,
            answer: m.req("answer")?,
        })
    }
}

impl FromJson for Accepted {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        match &json.value {
            Value::Array(_) => FromJson::from_json(json, path).map(Accepted::All),
            Value::Object(_) => FromJson::from_json(json, path).map(Accepted::PerLanguage),
            _ => Err(ReadError::invalid_type(
                json,
                &path,
                "accepted answers: a list of strings, or an object from language tags to lists",
            )),
        }
    }
}

impl FromJson for Text {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        match &json.value {
            Value::String(s) => Ok(Text::Plain(s.to_string())),
            Value::Object(_) => FromJson::from_json(json, path).map(Text::Translated),
            _ => Err(ReadError::invalid_type(
                json,
                &path,
                "text: a string, or an object from language tags to strings",
            )),
        }
    }
}

/// `{"range": {...}}`, `{"oneOf": [...]}` or `{"formula": "..."}`: exactly one of them.
impl FromJson for ParamSpec {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::new(json, path, &["range", "oneOf", "formula"])?;
        match (m.has("range"), m.has("oneOf"), m.has("formula")) {
            (true, false, false) => m.req::<RangeSpec>("range").map(|r| r.0),
            (false, true, false) => m.req("oneOf").map(ParamSpec::OneOf),
            (false, false, true) => m.req("formula").map(ParamSpec::Formula),
            _ => Err(ReadError::new(
                m.path(),
                "a parameter has exactly one of `range`, `oneOf` or `formula`",
            )),
        }
    }
}

/// The `range` of a parameter.
struct RangeSpec(ParamSpec);

impl FromJson for RangeSpec {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::new(json, path, &["min", "max", "step"])?;
        Ok(RangeSpec(ParamSpec::Range {
            min: m.req("min")?,
            max: m.req("max")?,
            step: m.or("step", 1)?,
        }))
    }
}

/// `{"absolute": 0.01}` or `{"relative": 0.05}`: exactly one of them.
impl FromJson for Tolerance {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::new(json, path, &["absolute", "relative"])?;
        match (m.has("absolute"), m.has("relative")) {
            (true, false) => m.req("absolute").map(Tolerance::Absolute),
            (false, true) => m.req("relative").map(Tolerance::Relative),
            _ => Err(ReadError::new(
                m.path(),
                "a tolerance has exactly one of `absolute` or `relative`",
            )),
        }
    }
}

impl FromJson for Normalisation {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::new(
            json,
            path,
            &["caseSensitive", "ignoreDiacritics", "ignoreWhitespace"],
        )?;
        Ok(Normalisation {
            case_sensitive: m.or("caseSensitive", false)?,
            ignore_diacritics: m.or("ignoreDiacritics", false)?,
            ignore_whitespace: m.or("ignoreWhitespace", false)?,
        })
    }
}

/// Read, then checked by [`BktParams::new`]; a refusal is reported at the `bkt` object.
impl FromJson for BktParams {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::new(json, path, &["prior", "learn", "guess", "slip", "forget"])?;
        BktParams::new(
            m.req("prior")?,
            m.req("learn")?,
            m.req("guess")?,
            m.req("slip")?,
            m.or("forget", 0.0)?,
        )
        .map_err(|e| ReadError::new(m.path(), e.to_string()))
    }
}

/// `{"rule": "bkt" | "do_all" | "n_in_a_row" | "m_of_n", ...}`, then checked by
/// [`MasteryRule::validate`]; a refusal is reported at the rule's object.
impl FromJson for MasteryRule {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let kind = tag(
            json,
            &path,
            "rule",
            &["bkt", "do_all", "n_in_a_row", "m_of_n"],
        )?;
        let fields: &[&str] = match kind {
            0 => &["threshold"],
            1 => &[],
            2 => &["n"],
            _ => &["m", "n"],
        };
        let m = Members::tagged(json, path, Some("rule"), fields)?;
        let rule = match kind {
            0 => MasteryRule::Bkt {
                threshold: m.or("threshold", DEFAULT_BKT_THRESHOLD)?,
            },
            1 => MasteryRule::DoAll,
            2 => MasteryRule::NInARow { n: m.req("n")? },
            _ => MasteryRule::MOfN {
                m: m.req("m")?,
                n: m.req("n")?,
            },
        };
        rule.validate()
            .map_err(|e| ReadError::new(m.path(), e.to_string()))?;
        Ok(rule)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;
    use std::path::Path as FsPath;

    /// Reads `source`, writes the value back with its serde `Serialize`, and reads that again: the same
    /// value, so every field name a reader looks for is the one the model writes.
    fn round_trip<T: FromJson + serde::Serialize + PartialEq + std::fmt::Debug>(
        name: &str,
        source: &str,
    ) -> serde_json::Value {
        let first: T = json::from_str(source).unwrap_or_else(|e| panic!("{name}: {e}"));
        let written = serde_json::to_string(&first).unwrap();
        let again: T = json::from_str(&written).unwrap_or_else(|e| panic!("{name} rewritten: {e}"));
        assert_eq!(first, again, "{name}");
        serde_json::from_str(&written).unwrap()
    }

    /// `source`, which sets every field to something other than its default, is written back as it was:
    /// no field was dropped or read under another name.
    fn exact<T: FromJson + serde::Serialize + PartialEq + std::fmt::Debug>(
        name: &str,
        source: &str,
    ) {
        let written = round_trip::<T>(name, source);
        let given: serde_json::Value = serde_json::from_str(source).unwrap();
        assert_eq!(written, given, "{name}");
    }

    #[test]
    fn the_demo_course_reads_back_what_it_writes() {
        let root = FsPath::new(env!("CARGO_MANIFEST_DIR"));
        let pkg = std::fs::read_to_string(root.join("pkg.json")).unwrap();
        round_trip::<Manifest>("pkg.json", &pkg);
        let manifest: Manifest = json::from_str(&pkg).unwrap();
        let mut kinds = std::collections::BTreeSet::new();
        for entry in &manifest.activities {
            let source = std::fs::read_to_string(root.join(&entry.file)).unwrap();
            round_trip::<Activity>(&entry.file, &source);
            let activity: Activity = json::from_str(&source).unwrap();
            kinds.extend(activity.items.iter().map(|i| i.interaction.type_name()));
        }
        assert_eq!(
            kinds.len(),
            14,
            "the course has every interaction type: {kinds:?}"
        );
    }

    #[test]
    fn every_optional_field_reads_back() {
        let item = r#"{"id": "q", "skills": ["s"], "stem": {"en": "Q", "es": "P"},
            "blocks": [{"type": "fractionModel", "shape": "circle", "parts": "2 * a", "shaded": 1.0},
                {"type": "image", "src": "a.png", "alt": "A", "decorative": false}],
            "interaction": {"type": "numeric", "answer": "a / b", "tolerance": {"relative": 0.1},
                "unit": {"accepted": ["cm"], "required": true},
                "misconceptions": [{"answer": 2.5, "feedback": "No"}]},
            "feedback": {"correct": "Yes", "incorrect": "No"}, "hints": ["h"], "solution": ["s"],
            "difficulty": 1.5,
            "params": {"a": {"range": {"min": 1, "max": 9, "step": 2}}, "b": {"oneOf": [1.5, 2.5]},
                "c": {"formula": "a * b"}}}"#;
        exact::<Item>("item", item);
        let others = [
            r#"{"type": "trueFalse", "correct": true, "trueFeedback": "t", "falseFeedback": "f"}"#,
            r#"{"type": "multipleResponse", "options": [{"id": "a", "text": "A", "image": "a.png", "feedback": "fa"}], "correct": [], "scoring": "partial"}"#,
            r#"{"type": "shortText", "accepted": ["x"], "misconceptions": [{"answer": "y", "feedback": "n"}], "normalisation": {"caseSensitive": true, "ignoreDiacritics": true, "ignoreWhitespace": true}}"#,
            r#"{"type": "cloze", "text": "[[a]] [[b]]", "blanks": [{"kind": "entry", "id": "a", "accepted": ["1"], "normalisation": {"caseSensitive": true, "ignoreDiacritics": true, "ignoreWhitespace": false}}, {"kind": "choice", "id": "b", "options": [{"id": "x", "text": "X"}], "correct": "x"}], "scoring": "partial"}"#,
            r#"{"type": "matching", "pairs": [{"id": "p", "prompt": "P", "answer": "A"}], "scoring": "partial"}"#,
            r#"{"type": "expression", "answer": "2x", "variables": ["x"]}"#,
            r#"{"type": "numberLine", "from": -1.0, "to": "w", "denominator": 4.0, "labels": "none", "answer": "3/4", "tolerance": {"absolute": 0.25}}"#,
            r#"{"type": "ordering", "options": [{"id": "a", "text": "A"}]}"#,
            r#"{"type": "shade", "shape": "bar", "parts": 8.0, "answer": "3/8"}"#,
            r#"{"type": "shade", "shape": "grid", "rows": 2.0, "columns": "n", "shadedParts": [1, 3]}"#,
            r#"{"type": "hotspot", "image": "m.png", "alt": "A", "width": 200.0, "height": 100.0, "regions": [{"id": "a", "label": "L", "shape": "polygon", "coords": [1.0, 2.0, 3.0, 4.0, 5.0, 1.0]}, {"id": "b", "label": "M", "shape": "circle", "coords": [5.0, 5.0, 2.0]}, {"id": "c", "label": "N", "shape": "rect", "coords": [0.0, 0.0, 5.0, 5.0]}], "correct": ["a"]}"#,
            r#"{"type": "hotspot", "image": "m.png", "alt": "A", "width": 20.0, "height": 10.0, "regions": [{"id": "a", "label": "L", "shape": "circle", "coords": [5.0, 5.0, 2.0]}], "correct": "a"}"#,
            r#"{"type": "hottext", "text": "[[a]] and [[b]]", "options": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}], "correct": ["a"], "scoring": "partial"}"#,
            r#"{"type": "hottext", "text": "[[a]]", "options": [{"id": "a", "text": "A"}], "correct": "a"}"#,
            r#"{"type": "dragToImage", "image": "m/p.svg", "alt": "P", "width": 10.0, "height": 5.0, "targets": [{"id": "t", "text": "T", "x": 1.0, "y": 2.0, "answer": "l"}], "labels": [{"id": "l", "text": "L"}], "scoring": "partial"}"#,
        ];
        for (i, interaction) in others.iter().enumerate() {
            exact::<Interaction>(&format!("interaction {i}"), interaction);
        }
        let page = r#"{"id": "p", "title": "T", "blocks": [{"type": "text", "text": "x"},
            {"type": "image", "src": "a.png", "alt": "", "decorative": true, "caption": "c"},
            {"type": "audio", "src": "a.mp3", "transcript": "t"}, {"type": "math", "tex": "x"},
            {"type": "check", "item": "q"},
            {"type": "fractionModel", "shape": "bar", "parts": 8.0, "shaded": "3"},
            {"type": "numberLine", "from": -1.0, "to": 2.0, "denominator": "4", "labels": "fractions",
                "points": [{"at": "3/4", "label": "A"}, {"at": 2.0}]}]}"#;
        exact::<Page>("page", page);
        let manifest = r#"{"$schema": "s", "id": "https://e.org/c", "title": "C", "version": "1.0.0",
            "language": "en", "translations": ["es"], "license": "MIT", "authors": ["A"],
            "skills": [{"id": "s", "title": "S", "description": "D", "prerequisites": ["t"],
                "bkt": {"prior": 0.2, "learn": 0.3, "guess": 0.1, "slip": 0.1, "forget": 0.05},
                "standards": ["x"]}],
            "activities": [{"id": "a", "file": "a.json", "title": "A", "kind": "review",
                "skills": ["s"], "mastery": {"rule": "m_of_n", "m": 2, "n": 3},
                "unlock": {"skillsMastered": ["s"], "activitiesCompleted": ["b"]},
                "feedback": "afterSubmit", "attempts": 2}],
            "settings": {"masteryThreshold": 0.9, "feedback": "afterSubmit", "attemptsAllowed": 3,
                "learnerChoice": false, "targetSuccess": 0.6}, "sha256List": true}"#;
        exact::<Manifest>("manifest", manifest);
        for rule in [
            r#"{"rule": "bkt", "threshold": 0.8}"#,
            r#"{"rule": "do_all"}"#,
            r#"{"rule": "n_in_a_row", "n": 3}"#,
        ] {
            exact::<MasteryRule>(rule, rule);
        }
    }

    #[test]
    fn enum_readers_refuse_what_is_not_one_of_them() {
        let e = |src: &str| json::from_str::<Item>(src).unwrap_err().to_string();
        let base = |interaction: &str| {
            format!(r#"{{"id": "q", "stem": "Q", "interaction": {interaction}}}"#)
        };
        assert_eq!(
            e(&base(r#"{"type": "essay"}"#)),
            "interaction.type: unknown type `essay`, expected one of `singleChoice`, `multipleResponse`, `trueFalse`, `numeric`, `shortText`, `cloze`, `ordering`, `matching`, `expression`, `numberLine`, `shade`, `hotspot`, `hottext`, `dragToImage`"
        );
        assert_eq!(
            e(&base(
                r#"{"type": "ordering", "options": [], "correct": "a"}"#
            )),
            "interaction.correct: unknown field `correct`, expected one of `options`"
        );
        assert_eq!(
            e(&base(
                r#"{"type": "hottext", "text": "[[a]]", "options": [], "correct": 3}"#
            )),
            "interaction.correct: invalid type: number `3`, expected a phrase id (one selection) or a list of ids (several)"
        );
        assert_eq!(
            e(&base(
                r#"{"type": "hotspot", "image": "m.png", "alt": "A", "width": 9, "height": 9, "regions": [], "correct": {"a": 1}}"#
            )),
            "interaction.correct: invalid type: an object, expected a region id (one pick) or a list of ids (several)"
        );
        assert_eq!(
            e(&base(r#"{"type": "numeric", "answer": true}"#)),
            "interaction.answer: invalid type: boolean `true`, expected a number, or a formula as a string"
        );
        assert_eq!(
            e(&base(
                r#"{"type": "numeric", "answer": 1, "tolerance": {"absolute": 1, "relative": 1}}"#
            )),
            "interaction.tolerance: a tolerance has exactly one of `absolute` or `relative`"
        );
        assert_eq!(
            e(&base(
                r#"{"type": "multipleResponse", "options": [], "correct": [], "scoring": "most"}"#
            )),
            "interaction.scoring: unknown value `most`, expected one of `allOrNothing`, `partial`"
        );
        assert_eq!(
            e(&base(
                r#"{"type": "shade", "shape": "star", "parts": 4, "answer": 0.5}"#
            )),
            "interaction.shape: unknown value `star`, expected one of `bar`, `circle`, `grid`"
        );
        assert_eq!(
            e(&base(
                r#"{"type": "shade", "shape": "grid", "parts": 4, "answer": 0.5}"#
            )),
            "interaction: `parts`: a grid has `rows` and `columns`, not `parts`"
        );
        assert_eq!(
            e(&base(r#"{"type": "shade", "shape": "bar", "parts": 4, "answer": 0.5, "shadedParts": [1]}"#)),
            "interaction: write either `answer` (the share to shade, like \"3/8\") or `shadedParts` (exactly which parts, from 1): one of the two"
        );
        assert_eq!(
            e(&base(r#"{"type": "shade", "shape": "bar", "parts": 4}"#)),
            "interaction: write either `answer` (the share to shade, like \"3/8\") or `shadedParts` (exactly which parts, from 1): one of the two"
        );
        assert_eq!(
            e(&base(r#"{"type": "hotspot", "image": "m.png", "alt": "A", "width": 9, "height": 9, "correct": ["a"], "regions": [{"id": "a", "label": "L", "shape": "circle", "coords": [1, 2]}]}"#)),
            "interaction.regions[0]: `coords` of a circle are its centre and radius: cx, cy, r, got 2 numbers"
        );
        assert_eq!(
            e(
                r#"{"id": "q", "stem": {"en": 1}, "interaction": {"type": "ordering", "options": []}}"#
            ),
            "stem.en: invalid type: number `1`, expected a string"
        );
        assert_eq!(
            e(r#"{"id": "q", "stem": ["Q"], "interaction": {"type": "ordering", "options": []}}"#),
            "stem: invalid type: a list, expected text: a string, or an object from language tags to strings"
        );
        assert_eq!(
            e(
                r#"{"id": "q", "stem": "Q", "params": {"a": {}}, "interaction": {"type": "ordering", "options": []}}"#
            ),
            "params.a: a parameter has exactly one of `range`, `oneOf` or `formula`"
        );
        let rule = json::from_str::<MasteryRule>(r#"{"rule": "n_in_a_row", "n": 0}"#).unwrap_err();
        assert_eq!(
            rule.to_string(),
            "`n_in_a_row` needs `n` of at least 1, got 0"
        );
        let bkt = json::from_str::<BktParams>(
            r#"{"prior": 0.5, "learn": 0.5, "guess": 0.6, "slip": 0.5}"#,
        );
        assert!(bkt.is_err(), "guess + slip must stay below 1");
    }
}
