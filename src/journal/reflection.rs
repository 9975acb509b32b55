//! A reflection the learner writes at a natural pause (the end of an activity), in answer to a short prompt.

use crate::json::read::one_of;
use crate::json::{FromJson, Json, Members, Path, ReadError};
use crate::time::EpochMs;
#[cfg(test)]
use serde::Deserialize;
use serde::Serialize;
use thiserror::Error;

/// The longest reflection kept, in characters (a few sentences; this is not an essay box).
pub const MAX_CHARS: usize = 1000;

/// The prompts, asked in turn. Each looks at what went well or what comes next, never at failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(rename_all = "camelCase")]
pub enum Prompt {
    /// "What helped you most in this activity?"
    WhatHelped,
    /// "What do you understand now that you did not before?"
    WhatLearned,
    /// "What would you like to practise next, and why?"
    WhatNext,
}

impl Prompt {
    pub const ALL: [Prompt; 3] = [Prompt::WhatHelped, Prompt::WhatLearned, Prompt::WhatNext];

    /// The prompt to ask after `written` reflections: they take turns, so the learner is not asked the
    /// same question every time.
    pub fn after(written: usize) -> Prompt {
        Prompt::ALL[written % Prompt::ALL.len()]
    }

    /// The message key of the prompt's text.
    pub fn key(self) -> &'static str {
        match self {
            Prompt::WhatHelped => "reflect-helped",
            Prompt::WhatLearned => "reflect-learned",
            Prompt::WhatNext => "reflect-next",
        }
    }
}

/// A reflection the learner wrote.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(rename_all = "camelCase")]
pub struct Reflection {
    pub id: String,
    pub learner_id: String,
    pub package_id: String,
    /// The activity just finished.
    pub activity_id: String,
    pub prompt: Prompt,
    pub text: String,
    pub at: EpochMs,
}

/// A reflection that cannot be kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReflectionError {
    #[error("the reflection is empty")]
    Empty,
    #[error("the reflection is {0} characters long; at most {MAX_CHARS} are kept")]
    TooLong(usize),
}

impl Reflection {
    /// A reflection of `text` (trimmed), refusing an empty or overlong one rather than cutting it.
    pub fn write(
        ids: (String, String),
        place: (&str, &str),
        prompt: Prompt,
        text: &str,
        at: EpochMs,
    ) -> Result<Reflection, ReflectionError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(ReflectionError::Empty);
        }
        let chars = text.chars().count();
        if chars > MAX_CHARS {
            return Err(ReflectionError::TooLong(chars));
        }
        let (id, learner_id) = ids;
        let (package_id, activity_id) = place;
        Ok(Reflection {
            id,
            learner_id,
            package_id: package_id.to_owned(),
            activity_id: activity_id.to_owned(),
            prompt,
            text: text.to_owned(),
            at,
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
