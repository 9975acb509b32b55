//! Importing a data backpack as evidence of the current learner only.
//!
//! A backpack is a file the learner carries and can edit, so it is untrusted input (see
//! `docs/backpack.md`). What it may add here is decided record by record:
//!
//! - the file as a whole must be this learner's when the learner is identified by an LMS or the operator
//!   (its `actor` must be theirs); for a local profile of this device its records are re-attributed to
//!   the current profile (moving one's own work between devices);
//! - an attempt, place or journal entry naming a learner other than the file's, or a package other than
//!   the one open, is refused and counted; so is an attempt of an item the package does not have, or whose
//!   recorded result is not what the package gives its response ([`Session::replay`]);
//! - the file's statements (`outbox`, `statements`) are never replayed: each accepted attempt's
//!   `answered` statement is built again by the player's own builder, for the current actor.
//!
//! It is pure: the shell reads the records this device holds, loads the activities, makes the ids, and
//! stores the [`Import`] in one transaction. It deliberately does not check a signature (the shell does,
//! with the operator's key, before parsing).

use super::backpack::{Backpack, Merge};
use crate::collect::CollectOrdered;
use crate::package::{Activity, Manifest};
use crate::session::{Attempt, Learner, Progress, Session, SessionError};
use crate::time::EpochMs;
use crate::xapi::{Actor, OutboxRow, OutboxState};
use std::collections::{BTreeMap, BTreeSet};
use thiserror::Error;

/// Who is importing, into what.
pub struct Scope<'a> {
    pub learner: &'a Learner,
    /// True when an LMS or the operator names the learner (cmi5, SCORM, a configured actor): the file must
    /// be theirs. False for a local profile of this device, whose imports are re-attributed to it.
    pub identified: bool,
    pub manifest: &'a Manifest,
    /// The package's activities the shell could load (attempts of any other activity are refused).
    pub activities: &'a [Activity],
    pub now: EpochMs,
}

/// What this device already holds for the learner.
#[derive(Debug, Clone, Default)]
pub struct Here {
    /// The learner's attempts (the learner model of each activity is folded over them first).
    pub attempts: Vec<Attempt>,
    pub statement_ids: BTreeSet<String>,
    pub places: BTreeMap<String, Progress>,
    pub entry_ids: BTreeSet<String>,
}

impl Here {
    /// What a device holds, from its own records of the learner as a backpack.
    pub fn of(held: Backpack) -> Here {
        Here {
            statement_ids: held.outbox.into_iter().map(|r| r.id).collect_set(),
            places: held
                .progress
                .into_iter()
                .map(|p| (p.key(), p))
                .collect_map(),
            entry_ids: held.journal.iter().map(|e| e.id().to_owned()).collect_set(),
            attempts: held.attempts,
        }
    }
}

/// Records of the file refused, by reason.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Refused {
    /// Naming a learner other than the file's own.
    pub other_learner: usize,
    /// Of a package other than the one open.
    pub other_package: usize,
    /// Of an activity or item this package does not have.
    pub not_in_package: usize,
    /// Whose recorded result or times are not what the package gives (edited).
    pub altered: usize,
}

impl Refused {
    pub fn total(&self) -> usize {
        self.other_learner + self.other_package + self.not_in_package + self.altered
    }
}

/// A plan to store, and what was refused.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Import {
    pub merge: Merge,
    pub refused: Refused,
}

/// A file that cannot be imported at all.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    /// The learner is identified and the file is someone else's (or names nobody).
    #[error("this record belongs to another learner ({0}); nothing was added")]
    OtherLearner(String),
}

fn describe(actor: Option<&Actor>) -> String {
    actor.map_or_else(
        || "no learner named".to_owned(),
        |a| format!("{} on {}", a.account.name, a.account.home_page),
    )
}

/// The activities of `manifest`'s package, other than the one `open`, that `file` has answers or places
/// of: the shell loads them before [`plan`], so their records can be checked (one it cannot load leaves
/// its records refused as not in the package). An activity the package does not have is never asked for.
pub fn activities_to_load<'f>(
    file: &'f Backpack,
    manifest: &Manifest,
    open: &str,
) -> BTreeSet<&'f str> {
    (file.attempts.iter())
        .map(|a| (a.package_id.as_str(), a.activity_id.as_str()))
        .chain((file.progress.iter()).map(|p| (p.package_id.as_str(), p.activity_id.as_str())))
        .filter(|(package, activity)| {
            *package == manifest.id && *activity != open && manifest.activity(activity).is_some()
        })
        .map(|(_, activity)| activity)
        .collect_set()
}

/// Plans the import of `file` for `scope.learner`. `new_id` makes a statement id (a UUID in the shell).
pub fn plan(
    file: &Backpack,
    scope: &Scope<'_>,
    here: &Here,
    new_id: &mut dyn FnMut() -> String,
) -> Result<Import, ImportError> {
    let same_actor = file.actor.as_ref() == Some(&scope.learner.actor);
    if scope.identified && !same_actor {
        return Err(ImportError::OtherLearner(describe(file.actor.as_ref())));
    }
    let mut refused = Refused::default();
    let mut merge = Merge::default();
    let known: BTreeSet<&str> = here.attempts.iter().map(|a| a.id.as_str()).collect_set();
    // Statements the file says were delivered, by id: kept delivered only for the same actor (the LRS
    // already holds them under this learner's name; sending them again would count the answer twice).
    let delivered: BTreeSet<&str> = if same_actor {
        file.outbox
            .iter()
            .filter(|r| matches!(r.state, OutboxState::Delivered { .. }))
            .map(|r| r.id.as_str())
            .collect_set()
    } else {
        BTreeSet::new()
    };

    let mut by_activity: BTreeMap<&str, Vec<&Attempt>> = BTreeMap::new();
    for a in &file.attempts {
        if a.learner_id != file.learner_id {
            refused.other_learner += 1;
        } else if a.package_id != scope.manifest.id {
            refused.other_package += 1;
        } else if known.contains(a.id.as_str()) {
            merge.skipped += 1;
        } else {
            by_activity
                .entry(a.activity_id.as_str())
                .or_default()
                .push(a);
        }
    }
    for (activity_id, mut imported) in by_activity {
        let Some(activity) = scope.activities.iter().find(|x| x.id == activity_id) else {
            refused.not_in_package += imported.len();
            continue;
        };
        let mut session = Session::resume(
            scope.manifest.clone(),
            activity.clone(),
            scope.learner.clone(),
            None,
            here.attempts
                .iter()
                .filter(|a| a.activity_id == activity_id)
                .cloned()
                .collect(),
        );
        crate::collect::sort_by(&mut imported, |a, b| {
            (a.answered_at, &a.id).cmp(&(b.answered_at, &b.id))
        });
        for a in imported {
            let kept = a
                .statement_ids
                .first()
                .filter(|id| delivered.contains(id.as_str()))
                .filter(|id| !here.statement_ids.contains(id.as_str()))
                .cloned();
            let id = kept.clone().unwrap_or_else(&mut *new_id);
            match session.replay(a, &id, scope.now) {
                Ok((attempt, statement)) => {
                    let mut row = OutboxRow::pending(statement, &scope.learner.id, scope.now, 0);
                    if kept.is_some() {
                        row.state = OutboxState::Delivered { at: scope.now };
                    }
                    merge.attempts.push(attempt);
                    merge.outbox.push(row);
                }
                Err(SessionError::UnknownItem(_)) => refused.not_in_package += 1,
                Err(_) => refused.altered += 1,
            }
        }
    }
    for p in &file.progress {
        if p.learner_id != file.learner_id {
            refused.other_learner += 1;
            continue;
        }
        if p.package_id != scope.manifest.id {
            refused.other_package += 1;
            continue;
        }
        let Some(activity) = scope.activities.iter().find(|x| x.id == p.activity_id) else {
            refused.not_in_package += 1;
            continue;
        };
        if !p.is_valid_for(activity) || p.updated_at > scope.now {
            refused.altered += 1;
            continue;
        }
        let mine = Progress {
            learner_id: scope.learner.id.clone(),
            ..p.clone()
        };
        let newer = here
            .places
            .get(&mine.key())
            .is_none_or(|h| h.updated_at < mine.updated_at);
        if newer {
            merge.progress.push(mine);
        }
    }
    for entry in &file.journal {
        if entry.learner_id() != file.learner_id {
            refused.other_learner += 1;
        } else if here.entry_ids.contains(entry.id()) {
            merge.skipped += 1;
        } else {
            merge.journal.push(entry.for_learner(&scope.learner.id));
        }
    }
    Ok(Import { merge, refused })
}

#[cfg(test)]
mod tests;
