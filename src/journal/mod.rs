//! The learner's own records: the goals they set and the reflections they write after an activity.
//!
//! These are the learner's words, not evidence: they never change the learner model, and they are never
//! sent to the LRS (a reflection is free text by a child; the school gets it only if the learner hands over
//! their record). They live on the device in the `journal` store and travel in the data backpack.

pub mod goal;
pub mod reflection;

pub use goal::{Goal, GoalError, GoalProgress, GoalState, GoalTarget};
pub use reflection::{Prompt, Reflection, ReflectionError};

use crate::json::read::tag;
use crate::json::{FromJson, Json, Path, ReadError};
use serde::Serialize;

/// One record of the `journal` store. `id` and `learnerId` sit at the top level of the stored object
/// (the store's key path and index).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(serde::Deserialize))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Entry {
    Goal(Goal),
    Reflection(Reflection),
}

impl Entry {
    /// The record's key.
    pub fn id(&self) -> &str {
        match self {
            Entry::Goal(g) => &g.id,
            Entry::Reflection(r) => &r.id,
        }
    }

    /// The learner the record belongs to.
    pub fn learner_id(&self) -> &str {
        match self {
            Entry::Goal(g) => &g.learner_id,
            Entry::Reflection(r) => &r.learner_id,
        }
    }

    /// The same record, moved to `learner_id` (a backpack imported on another device).
    pub fn for_learner(&self, learner_id: &str) -> Entry {
        let mut entry = self.clone();
        match &mut entry {
            Entry::Goal(g) => g.learner_id = learner_id.to_owned(),
            Entry::Reflection(r) => r.learner_id = learner_id.to_owned(),
        }
        entry
    }
}

/// The learner's goals in `package_id`, oldest first, out of their journal.
pub fn goals<'a>(entries: &'a [Entry], package_id: &'a str) -> impl Iterator<Item = &'a Goal> {
    entries.iter().filter_map(move |e| match e {
        Entry::Goal(g) if g.package_id == package_id => Some(g),
        _ => None,
    })
}

/// The goal in force: the one set last (a new goal replaces the old, which stays in the record).
pub fn current_goal<'a>(entries: &'a [Entry], package_id: &'a str) -> Option<&'a Goal> {
    goals(entries, package_id).max_by(|a, b| a.set_at.cmp(&b.set_at).then(a.id.cmp(&b.id)))
}

/// The learner's reflections in `package_id`, newest first.
pub fn reflections<'a>(entries: &'a [Entry], package_id: &str) -> Vec<&'a Reflection> {
    let mut found: Vec<&Reflection> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Reflection(r) if r.package_id == package_id => Some(r),
            _ => None,
        })
        .collect();
    crate::collect::sort_by(&mut found, |a, b| b.at.cmp(&a.at).then(a.id.cmp(&b.id)));
    found
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

#[cfg(test)]
mod tests;
