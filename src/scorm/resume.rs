//! Between the session and the resume key kept in SCORM suspend data.

use super::ResumeKey;
use crate::check::{Outcome, Response};
use crate::package::{Activity, Manifest};
use crate::session::{Attempt, Progress, Session, Step};
use crate::time::EpochMs;

/// The resume key of `session` now.
pub fn resume_key(session: &Session) -> ResumeKey {
    let mut seen = std::collections::HashSet::new();
    let r = session
        .attempts()
        .iter()
        .filter(|a| seen.insert(a.item_id.clone()))
        .map(|a| (a.item_id.clone(), u8::from(a.outcome.correct)))
        .collect();
    let p = match &session.progress().step {
        Step::Answering { item_id, .. } | Step::Feedback { item_id, .. } => item_id.clone(),
        Step::Reading { page_id } => page_id.clone(),
        Step::Finished => String::new(),
    };
    ResumeKey {
        v: 1,
        a: session.activity().id.clone(),
        k: Some(session.manifest().id.clone()),
        p,
        r,
    }
}

/// What a resume key restores.
#[derive(Debug, Clone, PartialEq)]
pub struct Restored {
    pub progress: Progress,
    pub attempts: Vec<Attempt>,
    /// Entries of the key's history refused: items this activity does not have, outcomes other than
    /// `0`/`1`, or an item listed twice.
    pub refused: usize,
}

/// A resume key that is not this learner's place in this activity.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RestoreRefused {
    #[error("the LMS's resume data is for activity `{0}`, not this one")]
    OtherActivity(String),
    #[error("the LMS's resume data is for package `{0}`, not this one")]
    OtherPackage(String),
}

/// The attempts and place a resume key stands for, for a device that has no record of them. Each
/// restored attempt carries only what the key holds (the item and whether its first try was right); its
/// id starts with `restored:` and it queues no statement (the original went to the LRS from the other
/// device). A key of another activity or package is refused; history entries that cannot be this
/// activity's are dropped and counted.
pub fn restore(
    key: &ResumeKey,
    manifest: &Manifest,
    activity: &Activity,
    learner_id: &str,
    now: EpochMs,
) -> Result<Restored, RestoreRefused> {
    if key.a != activity.id {
        return Err(RestoreRefused::OtherActivity(key.a.clone()));
    }
    if let Some(k) = key.k.as_ref().filter(|k| **k != manifest.id) {
        return Err(RestoreRefused::OtherPackage(k.clone()));
    }
    let mut seen = std::collections::HashSet::new();
    let usable: Vec<&(String, u8)> = key
        .r
        .iter()
        .filter(|(item, right)| {
            activity.item(item).is_some() && *right <= 1 && seen.insert(item.as_str())
        })
        .collect();
    let refused = key.r.len() - usable.len();
    let attempts: Vec<Attempt> = usable
        .into_iter()
        .enumerate()
        .map(|(n, (item, right))| Attempt {
            id: format!("restored:{learner_id}:{item}"),
            learner_id: learner_id.to_owned(),
            package_id: manifest.id.clone(),
            package_version: manifest.version.clone(),
            activity_id: activity.id.clone(),
            item_id: item.clone(),
            response: Response::DontKnow,
            outcome: Outcome {
                correct: *right == 1,
                score: f64::from(*right),
                feedback: None,
                parts: Vec::new(),
            },
            presented_at: now,
            answered_at: now + i64::try_from(n).unwrap_or(0),
            hints_used: 0,
            solution_viewed: false,
            values: Default::default(),
            skills: Vec::new(),
            reason: None,
            warnings: Vec::new(),
            statement_ids: Vec::new(),
        })
        .collect();
    let step = if key.p.is_empty() {
        Step::Finished
    } else if let Some(a) = attempts.iter().find(|a| a.item_id == key.p) {
        Step::Feedback {
            item_id: key.p.clone(),
            attempt_id: a.id.clone(),
        }
    } else if let Some(item) = activity.item(&key.p) {
        Step::answering(item, learner_id, 0, None)
    } else if activity.pages.iter().any(|p| p.id == key.p) {
        Step::Reading {
            page_id: key.p.clone(),
        }
    } else {
        // The place is gone from this version of the package: the first item not yet answered.
        Progress::first_unanswered(manifest, activity, learner_id, &attempts).step
    };
    Ok(Restored {
        progress: Progress {
            learner_id: learner_id.to_owned(),
            package_id: manifest.id.clone(),
            activity_id: activity.id.clone(),
            step,
            updated_at: now,
        },
        attempts,
        refused,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn package() -> (Manifest, Activity) {
        crate::package::sample::two_halves()
    }

    fn key(k: Option<&str>, r: &[(&str, u8)]) -> ResumeKey {
        ResumeKey {
            v: 1,
            a: "intro".into(),
            k: k.map(str::to_owned),
            p: "q2".into(),
            r: r.iter().map(|(i, o)| ((*i).to_owned(), *o)).collect(),
        }
    }

    #[test]
    fn a_key_of_another_package_or_activity_is_refused() {
        let (m, a) = package();
        let other = key(Some("https://example.org/other"), &[("q1", 1)]);
        assert_eq!(
            restore(&other, &m, &a, "l", 5),
            Err(RestoreRefused::OtherPackage(
                "https://example.org/other".into()
            ))
        );
        let elsewhere = ResumeKey {
            a: "outro".into(),
            ..key(None, &[])
        };
        assert!(matches!(
            restore(&elsewhere, &m, &a, "l", 5),
            Err(RestoreRefused::OtherActivity(_))
        ));
        // A key written before it named its package is still taken.
        assert!(restore(&key(None, &[("q1", 1)]), &m, &a, "l", 5).is_ok());
    }

    #[test]
    fn history_that_cannot_be_this_activitys_is_dropped_and_counted() {
        let (m, a) = package();
        let k = key(
            Some("https://example.org/courses/demo"),
            &[("q1", 0), ("q9", 1), ("q1", 1), ("q2", 7)],
        );
        let r = restore(&k, &m, &a, "l", 5).unwrap();
        assert_eq!(r.refused, 3);
        assert_eq!(r.attempts.len(), 1);
        assert!(!r.attempts[0].outcome.correct);
        assert!(r.attempts.iter().all(|x| x.learner_id == "l"));
    }
}
