//! `cmi5.xml`, the cmi5 course structure of a packed course (cmi5 sections 13 and 14): the course and
//! exactly one Assignable Unit, the player launching the activity it opens by default (the package's
//! first). Ids are IRIs (the package id for the course, the activity's xAPI id for the AU, so the AU's
//! `answered` statements name it as their parent); titles and descriptions carry a `langstring` for each
//! language of the package; `moveOn` and `masteryScore` come from the activity's mastery rule as the cmi5
//! runtime ([`crate::xapi::cmi5`]) judges an AU (see [`satisfaction`]).
//!
//! Pure: the CLI (`pacer pack --cmi5`) gathers the files and writes the zip. Every author string is
//! escaped with [`super::xml::escape`].

use super::xml::escape;
use crate::package::validate::is_iri;
use crate::package::MasteryRule;
use crate::package::{ActivityRef, Manifest, Text};
use crate::xapi::cmi5::MoveOn;
use crate::xapi::statement::activity_iri;
use thiserror::Error;

/// The course structure's file name, at the root of the zip (cmi5 14.1).
pub const FILE: &str = "cmi5.xml";
/// The namespace of the cmi5 course structure schema.
pub const NAMESPACE: &str = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd";

/// A course structure that cannot be written.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CourseStructureError {
    #[error("the package has no activity for the AU to launch")]
    NoActivity,
    #[error("`{0}` is not an absolute IRI, which cmi5 requires of course and AU ids")]
    NotAnIri(String),
    #[error("the launch file `{0}` is not among the files of the package")]
    NoLaunch(String),
}

/// How the LMS is to judge the AU: what satisfies it, and the mastery score the runtime compares the
/// share of items right at the first try with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Satisfaction {
    pub move_on: MoveOn,
    /// The mastery score in thousandths (cmi5 gives it three decimals), if the rule has one.
    pub mastery_thousandths: Option<u32>,
}

impl Satisfaction {
    /// The mastery score as a number in [0, 1].
    pub fn mastery_score(&self) -> Option<f64> {
        self.mastery_thousandths.map(|t| f64::from(t) / 1000.0)
    }
}

/// The cmi5 terms of a mastery rule. The runtime sends `completed` once every item is answered and then
/// `passed` when the share of items right at the first try reaches the mastery score (`passed` always
/// without one). So:
/// - `do_all` (every item right) is a mastery score of 1, and `m_of_n` one of m/n, rounded down to
///   thousandths so that exactly m/n still passes; both with `CompletedAndPassed`;
/// - `bkt` (a probability of knowing the skill) and `n_in_a_row` (a run) are not a share of items, so no
///   mastery score is claimed and the LMS counts completion (`Completed`); the per-skill mastery stays
///   in every `answered` statement.
pub fn satisfaction(rule: MasteryRule) -> Satisfaction {
    let share = match rule {
        MasteryRule::DoAll => Some(1000),
        MasteryRule::MOfN { m, n } if n > 0 => {
            Some(u32::try_from(u64::from(m.min(n)) * 1000 / u64::from(n)).unwrap_or(1000))
        }
        MasteryRule::MOfN { .. } | MasteryRule::Bkt { .. } | MasteryRule::NInARow { .. } => None,
    };
    Satisfaction {
        move_on: if share.is_some() {
            MoveOn::CompletedAndPassed
        } else {
            MoveOn::Completed
        },
        mastery_thousandths: share,
    }
}

/// The activity the AU launches: the one the player opens when its config names none.
pub fn launched_activity(manifest: &Manifest) -> Option<&ActivityRef> {
    manifest.activities.first()
}

/// The mastery rule of `entry`: its own, else BKT at the package's threshold.
fn mastery_rule(manifest: &Manifest, entry: &ActivityRef) -> MasteryRule {
    entry.mastery.unwrap_or(MasteryRule::Bkt {
        threshold: manifest.settings.mastery_threshold,
    })
}

/// The course structure of `manifest`, its AU launching `launch` (a path relative to the zip's root,
/// which must be among `files`).
pub fn course_structure(
    manifest: &Manifest,
    files: &[String],
    launch: &str,
) -> Result<String, CourseStructureError> {
    if !files.iter().any(|f| f == launch) {
        return Err(CourseStructureError::NoLaunch(launch.to_owned()));
    }
    let entry = launched_activity(manifest).ok_or(CourseStructureError::NoActivity)?;
    let course_id = manifest.id.clone();
    let au_id = activity_iri(manifest, &entry.id);
    for id in [&course_id, &au_id] {
        if !is_iri(id) {
            return Err(CourseStructureError::NotAnIri(id.clone()));
        }
    }
    let skills: Vec<_> = (entry.skills.iter())
        .filter_map(|id| manifest.skill(id))
        .collect();
    let course_description: Vec<&Text> = match manifest.skills.as_slice() {
        [] => vec![&manifest.title],
        all => all.iter().map(|s| &s.title).collect(),
    };
    let au_description: Vec<&Text> = match skills.as_slice() {
        [] => vec![&entry.title],
        some => (some.iter())
            .map(|s| s.description.as_ref().unwrap_or(&s.title))
            .collect(),
    };
    let terms = satisfaction(mastery_rule(manifest, entry));
    let move_on = match terms.move_on {
        MoveOn::Passed => "Passed",
        MoveOn::Completed => "Completed",
        MoveOn::CompletedAndPassed => "CompletedAndPassed",
        MoveOn::CompletedOrPassed => "CompletedOrPassed",
        MoveOn::NotApplicable => "NotApplicable",
    };
    let mastery = terms
        .mastery_thousandths
        .map(|t| format!(" masteryScore=\"{}\"", decimal(t)))
        .unwrap_or_default();
    // Element order as the schema's sequences require: course (title, description), then the au
    // (title, description, url).
    Ok(format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<courseStructure xmlns="{NAMESPACE}">
  <course id="{course_id}">
    <title>
{course_title}    </title>
    <description>
{course_description}    </description>
  </course>
  <au id="{au_id}" moveOn="{move_on}"{mastery} launchMethod="AnyWindow">
    <title>
{au_title}    </title>
    <description>
{au_description}    </description>
    <url>{url}</url>
  </au>
</courseStructure>
"#,
        course_id = escape(&course_id),
        au_id = escape(&au_id),
        course_title = langstrings(manifest, &[&manifest.title], ""),
        course_description = langstrings(manifest, &course_description, ", "),
        au_title = langstrings(manifest, &[&entry.title], ""),
        au_description = langstrings(manifest, &au_description, " "),
        url = escape(launch),
    ))
}

/// Thousandths as an `xs:decimal`: `1`, `0.8`, `0.666`.
fn decimal(thousandths: u32) -> String {
    match thousandths {
        0 => "0".to_owned(),
        t if t >= 1000 => "1".to_owned(),
        t => format!("0.{}", format!("{t:03}").trim_end_matches('0')),
    }
}

/// One `<langstring>` line per language of the package that every part has (the default language
/// always), the parts joined with `separator`.
fn langstrings(manifest: &Manifest, parts: &[&Text], separator: &str) -> String {
    let default = manifest.language.as_str();
    let mut out = String::new();
    for lang in manifest.languages() {
        if lang != default && !parts.iter().all(|t| translated(t, lang)) {
            continue;
        }
        let text: Vec<&str> = (parts.iter())
            .map(|t| t.get(lang, default).trim())
            .filter(|s| !s.is_empty())
            .collect();
        out.push_str(&format!(
            "      <langstring lang=\"{}\">{}</langstring>\n",
            escape(lang),
            escape(&text.join(separator))
        ));
    }
    out
}

/// True when `text` has its own wording in `lang` (plain text is in the default language only).
fn translated(text: &Text, lang: &str) -> bool {
    match text {
        Text::Plain(_) => false,
        Text::Translated(map) => map.get(lang).is_some_and(|s| !s.trim().is_empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mastery_rules_as_cmi5_terms() {
        let t = |rule| {
            let s = satisfaction(rule);
            (s.move_on, s.mastery_score())
        };
        assert_eq!(
            t(MasteryRule::DoAll),
            (MoveOn::CompletedAndPassed, Some(1.0))
        );
        assert_eq!(
            t(MasteryRule::MOfN { m: 4, n: 5 }),
            (MoveOn::CompletedAndPassed, Some(0.8))
        );
        // Rounded down: a learner with exactly 2 of 3 right still passes.
        let two_thirds = satisfaction(MasteryRule::MOfN { m: 2, n: 3 });
        assert_eq!(two_thirds.mastery_thousandths, Some(666));
        assert!(2.0 / 3.0 >= two_thirds.mastery_score().unwrap_or(1.0));
        assert_eq!(
            t(MasteryRule::Bkt { threshold: 0.95 }),
            (MoveOn::Completed, None)
        );
        assert_eq!(t(MasteryRule::NInARow { n: 3 }), (MoveOn::Completed, None));
    }

    #[test]
    fn decimals() {
        assert_eq!(decimal(1000), "1");
        assert_eq!(decimal(800), "0.8");
        assert_eq!(decimal(666), "0.666");
        assert_eq!(decimal(50), "0.05");
        assert_eq!(decimal(0), "0");
    }
}
