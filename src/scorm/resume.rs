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
        p,
        r,
    }
}

/// The attempts and place a resume key stands for, for a device that has no record of them. Each
/// restored attempt carries only what the key holds (the item and whether its first try was right); its
/// id starts with `restored:` and it queues no statement (the original went to the LRS from the other
/// device). None when the key is for another activity.
pub fn restore(
    key: &ResumeKey,
    manifest: &Manifest,
    activity: &Activity,
    learner_id: &str,
    now: EpochMs,
) -> Option<(Progress, Vec<Attempt>)> {
    if key.a != activity.id {
        return None;
    }
    let attempts: Vec<Attempt> = key
        .r
        .iter()
        .filter(|(item, _)| activity.item(item).is_some())
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
    Some((
        Progress {
            learner_id: learner_id.to_owned(),
            package_id: manifest.id.clone(),
            activity_id: activity.id.clone(),
            step,
            updated_at: now,
        },
        attempts,
    ))
}
