//! `pkg.json`, the package manifest: identity, skills and the list of activities.

use super::{PackageError, Text};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The manifest of a course package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Manifest {
    /// The editor's schema hint; ignored by the player.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The package id, an IRI; it is the root of every xAPI activity id the package produces.
    pub id: String,
    pub title: Text,
    /// Semantic version of the package content.
    pub version: String,
    /// Default language (BCP 47).
    pub language: String,
    #[serde(default)]
    pub skills: Vec<Skill>,
    pub activities: Vec<ActivityRef>,
}

/// A skill the package teaches and tracks mastery of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Skill {
    pub id: String,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    #[serde(default)]
    pub prerequisites: Vec<String>,
}

/// What an activity is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ActivityKind {
    Lesson,
    Practice,
    Check,
    Review,
}

/// The manifest's entry for one activity; the activity itself is in `file`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ActivityRef {
    pub id: String,
    /// Path of the activity file, relative to the manifest.
    pub file: String,
    pub title: Text,
    pub kind: ActivityKind,
    #[serde(default)]
    pub skills: Vec<String>,
}

impl Manifest {
    /// Checks the rules the JSON shape cannot express: ids present and unique, references resolvable.
    pub fn check(&self, file: &str) -> Result<(), PackageError> {
        if !is_iri(&self.id) {
            return Err(PackageError::invalid(
                file,
                "id",
                format!("`{}` is not an IRI; use an absolute URL such as https://example.org/courses/fractions", self.id),
            ));
        }
        if self.activities.is_empty() {
            return Err(PackageError::invalid(
                file,
                "activities",
                "a package needs at least one activity",
            ));
        }
        let skill_ids = unique_ids(file, "skills", self.skills.iter().map(|s| s.id.as_str()))?;
        for (i, skill) in self.skills.iter().enumerate() {
            for (j, pre) in skill.prerequisites.iter().enumerate() {
                if !skill_ids.contains(pre.as_str()) {
                    return Err(PackageError::invalid(
                        file,
                        format!("skills[{i}].prerequisites[{j}]"),
                        format!("unknown skill `{pre}`"),
                    ));
                }
            }
        }
        unique_ids(
            file,
            "activities",
            self.activities.iter().map(|a| a.id.as_str()),
        )?;
        for (i, activity) in self.activities.iter().enumerate() {
            if activity.file.trim().is_empty() || activity.file.contains("..") {
                return Err(PackageError::invalid(
                    file,
                    format!("activities[{i}].file"),
                    "must be a relative path inside the package",
                ));
            }
            for (j, skill) in activity.skills.iter().enumerate() {
                if !skill_ids.contains(skill.as_str()) {
                    return Err(PackageError::invalid(
                        file,
                        format!("activities[{i}].skills[{j}]"),
                        format!("unknown skill `{skill}`"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The manifest entry for `activity_id`.
    pub fn activity(&self, activity_id: &str) -> Option<&ActivityRef> {
        self.activities.iter().find(|a| a.id == activity_id)
    }
}

/// An id must be a non-empty token of letters, digits, `-`, `_` or `.`, unique within its list.
pub(crate) fn unique_ids<'a>(
    file: &str,
    list: &str,
    ids: impl Iterator<Item = &'a str>,
) -> Result<BTreeSet<&'a str>, PackageError> {
    let mut seen = BTreeSet::new();
    for (i, id) in ids.enumerate() {
        let valid = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if !valid {
            return Err(PackageError::invalid(
                file,
                format!("{list}[{i}].id"),
                format!("`{id}` is not a valid id (letters, digits, `-`, `_`, `.`)"),
            ));
        }
        if !seen.insert(id) {
            return Err(PackageError::invalid(
                file,
                format!("{list}[{i}].id"),
                format!("duplicate id `{id}`"),
            ));
        }
    }
    Ok(seen)
}

fn is_iri(s: &str) -> bool {
    match s.split_once("://") {
        Some((scheme, rest)) => {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !rest.is_empty()
                && !s.chars().any(char::is_whitespace)
        }
        None => false,
    }
}
