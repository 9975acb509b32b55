//! `pkg.json`, the package manifest: identity, languages, skills (a prerequisite graph), the list of
//! activities and the package-wide settings. The rules the JSON shape cannot express are checked in
//! [`super::validate`].

use super::Text;
use super::{BktParams, Item, ItemValues, MasteryRule};
use serde::Serialize;
use std::collections::BTreeMap;

/// The manifest of a course package.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    /// The editor's schema hint; ignored by the player.
    #[serde(rename = "$schema", skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The package id, an IRI; it is the root of every xAPI activity id the package produces.
    pub id: String,
    pub title: Text,
    /// Semantic version of the package content.
    pub version: String,
    /// Default language (BCP 47); every text has it.
    pub language: String,
    /// Other languages the package is translated into (BCP 47).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub translations: Vec<String>,
    /// An SPDX license expression (e.g. `CC-BY-4.0`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    pub skills: Vec<Skill>,
    pub activities: Vec<ActivityRef>,
    pub settings: Settings,
    /// Set by `pacer pack`: the package carries `pacer-sha256.txt` beside this file, and a player opening
    /// it from a folder checks the files against it. Without it the list is not asked for (an author's
    /// folder has none, and asking would put a 404 in the operator's console on every start).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub sha256_list: bool,
    /// What the items of the activities read with this manifest say to the engine (their own guess, slip
    /// and learn, their difficulty), by item id (unique in a package). Not written in `pkg.json`: it is
    /// gathered from the activity files, every one of them by [`load`](super::load), the open one by the
    /// player's session. Every fold of the learner's log reads answers with these values, so the course's
    /// P(known) is the practice's ([`Manifest::add_items`]).
    #[serde(skip)]
    pub items: BTreeMap<String, ItemValues>,
}

/// A skill the package teaches and tracks mastery of.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Skill {
    pub id: String,
    pub title: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Skills to master before this one unlocks.
    pub prerequisites: Vec<String>,
    /// Fitted BKT parameters; the engine's defaults when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bkt: Option<BktParams>,
    /// Curriculum standard codes (e.g. `CCSS.MATH.CONTENT.4.NF.A.1`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub standards: Vec<String>,
}

/// What an activity is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ActivityKind {
    /// Pages of explanation with embedded checks, in the author's order.
    Lesson,
    /// Adaptive practice: the engine picks each item.
    Practice,
    /// A short check, in the author's order.
    Check,
    /// Spaced review of mastered skills.
    Review,
}

/// When feedback is shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum FeedbackPolicy {
    /// After each answer (formative).
    #[default]
    Immediate,
    /// Only when the activity is finished (a check).
    AfterSubmit,
}

/// The manifest's entry for one activity; the activity itself is in `file`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivityRef {
    pub id: String,
    /// Path of the activity file, relative to the manifest.
    pub file: String,
    pub title: Text,
    pub kind: ActivityKind,
    pub skills: Vec<String>,
    /// How the activity decides mastery; the package's BKT threshold when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mastery: Option<MasteryRule>,
    /// What must be done before the activity opens; open from the start when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unlock: Option<Unlock>,
    /// Overrides the package's feedback policy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feedback: Option<FeedbackPolicy>,
    /// Overrides the package's attempts per item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attempts: Option<u32>,
}

/// Conditions that open an activity (all must hold).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Unlock {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skills_mastered: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub activities_completed: Vec<String>,
}

/// Package-wide settings.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// P(known) at which a skill counts as mastered.
    pub mastery_threshold: f64,
    pub feedback: FeedbackPolicy,
    /// Tries per item before the answer is shown (the first try is the one the model learns from).
    pub attempts_allowed: u32,
    /// Whether the learner chooses among the engine's top offers (voice and choice); when false, only the
    /// top offer is shown.
    pub learner_choice: bool,
    /// The predicted success rate practice items are chosen nearest to (between 0 and 1, default 0.75).
    pub target_success: f64,
}

fn default_target() -> f64 {
    super::DEFAULT_TARGET_SUCCESS
}

fn default_threshold() -> f64 {
    super::DEFAULT_BKT_THRESHOLD
}

fn default_attempts() -> u32 {
    1
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            mastery_threshold: default_threshold(),
            feedback: FeedbackPolicy::default(),
            attempts_allowed: default_attempts(),
            learner_choice: true,
            target_success: default_target(),
        }
    }
}

impl Manifest {
    /// Takes in what `items` (an activity's) say to the engine; an item read before is replaced.
    pub fn add_items<'a>(&mut self, items: impl IntoIterator<Item = &'a Item>) {
        for item in items {
            let values = ItemValues {
                guess: item.guess,
                slip: item.slip,
                learn: item.learn,
                difficulty: item.difficulty,
            };
            self.items.insert(item.id.clone(), values);
        }
    }

    /// The manifest entry for `activity_id`.
    pub fn activity(&self, activity_id: &str) -> Option<&ActivityRef> {
        self.activities.iter().find(|a| a.id == activity_id)
    }

    /// The skill with `skill_id`.
    pub fn skill(&self, skill_id: &str) -> Option<&Skill> {
        self.skills.iter().find(|s| s.id == skill_id)
    }

    /// The title of skill `skill_id` in `lang` (the package's language when it has none in `lang`); the id
    /// itself for a skill the package does not have.
    pub fn skill_title(&self, skill_id: &str, lang: &str) -> String {
        self.skill(skill_id).map_or_else(
            || skill_id.to_owned(),
            |s| s.title.get(lang, &self.language).to_owned(),
        )
    }

    /// The title of activity `activity_id` in `lang`, like [`Manifest::skill_title`].
    pub fn activity_title(&self, activity_id: &str, lang: &str) -> String {
        self.activity(activity_id).map_or_else(
            || activity_id.to_owned(),
            |a| a.title.get(lang, &self.language).to_owned(),
        )
    }

    /// Every language the package has text in, the default first.
    pub fn languages(&self) -> Vec<&str> {
        std::iter::once(self.language.as_str())
            .chain(self.translations.iter().map(String::as_str))
            .collect()
    }

    /// The feedback policy of `entry`.
    pub fn feedback_policy(&self, entry: &ActivityRef) -> FeedbackPolicy {
        entry.feedback.unwrap_or(self.settings.feedback)
    }

    /// The tries per item of `entry`.
    pub fn attempts_allowed(&self, entry: &ActivityRef) -> u32 {
        entry
            .attempts
            .unwrap_or(self.settings.attempts_allowed)
            .max(1)
    }
}
