//! The course-level fold of a learner's log, kept in the store as a cache so that opening the player does
//! not read and fold a year of answers before the first screen.
//!
//! The model stays a fold over the log: a snapshot is only ever a copy of [`fold`](CourseSnapshot::build)'s
//! result, stamped with where the log stood ([`LogMark`]: how many of the learner's attempts in the
//! package, and the last one). When the log no longer matches the stamp (an attempt from another tab, an
//! imported backpack, a package update, a new snapshot format) it is rebuilt from the log; deleting it only
//! costs a rebuild. It is never exported, merged or sent anywhere.

use crate::json::{FromJson, Json, Members, Path, ReadError};
use crate::package::Manifest;
use crate::session::Attempt;
use crate::time::EpochMs;
use serde::Serialize;
use std::collections::BTreeMap;

/// Raised whenever what a snapshot holds, or how it is folded, changes: older snapshots then never fit.
/// 2: answers read with the items' own values and difficulties, first tries per variant (#20).
pub const SNAPSHOT_FORMAT: u32 = 2;

/// Where a learner's attempt log in one package stands: how many attempts it holds, and its last one in log
/// order (answer time, then id). The log only grows, so two equal marks mean the same log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LogMark {
    pub len: u32,
    pub last: Option<String>,
}

impl LogMark {
    /// The mark of `attempts`' entries in `package_id` (what a store computes through its index).
    pub fn of(attempts: &[Attempt], package_id: &str) -> LogMark {
        LogEnd::of(attempts, package_id).mark()
    }
}

/// Where a log ends: its length, and its last attempt in log order with that attempt's answer time. Found
/// in one pass that compares ids only between attempts answered at the same time (the player folds a
/// snapshot after answers, over a log of any length).
struct LogEnd<'a> {
    len: usize,
    last: Option<(EpochMs, &'a str)>,
}

impl<'a> LogEnd<'a> {
    fn of(attempts: &'a [Attempt], package_id: &str) -> LogEnd<'a> {
        let mut end = LogEnd { len: 0, last: None };
        for a in attempts.iter().filter(|a| a.package_id == package_id) {
            end.len += 1;
            let later = match end.last {
                None => true,
                Some((at, id)) => a.answered_at > at || (a.answered_at == at && a.id.as_str() > id),
            };
            if later {
                end.last = Some((a.answered_at, &a.id));
            }
        }
        end
    }

    fn mark(&self) -> LogMark {
        LogMark {
            len: u32::try_from(self.len).unwrap_or(u32::MAX),
            last: self.last.map(|(_, id)| id.to_owned()),
        }
    }
}

/// The store key of a learner's snapshot in a package.
pub fn snapshot_key(learner_id: &str, package_id: &str) -> String {
    format!("{learner_id}\u{1f}{package_id}")
}

/// The course model's outcome over a learner's whole log in one package, as of [`CourseSnapshot::log`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CourseSnapshot {
    /// [`snapshot_key`] of the learner and the package (the store's key).
    pub key: String,
    pub format: u32,
    /// The package version whose settings (threshold, BKT parameters) the fold used.
    pub package_version: String,
    pub log: LogMark,
    /// The answer time of the log's last attempt (0 for an empty log).
    pub last_answered_at: EpochMs,
    /// For each skill at the mastery threshold, when it last crossed it upwards.
    pub mastered_at: BTreeMap<String, EpochMs>,
}

impl CourseSnapshot {
    /// Folds the package's part of `attempts` (one learner's log, any order) into a snapshot.
    pub fn build(manifest: &Manifest, learner_id: &str, attempts: &[Attempt]) -> CourseSnapshot {
        let mut fold = crate::engine::fold::MasteryFold::default();
        let (_, mastered_at) = fold.whole(manifest, attempts);
        CourseSnapshot::of_fold(manifest, learner_id, attempts, mastered_at)
    }

    /// The snapshot of `attempts`, given their mastery times already folded (by a caller that keeps the
    /// fold as the log grows, [`MasteryFold::whole`](crate::engine::fold::MasteryFold::whole)).
    pub fn of_fold(
        manifest: &Manifest,
        learner_id: &str,
        attempts: &[Attempt],
        mastered_at: &BTreeMap<String, EpochMs>,
    ) -> CourseSnapshot {
        let end = LogEnd::of(attempts, &manifest.id);
        CourseSnapshot {
            key: snapshot_key(learner_id, &manifest.id),
            format: SNAPSHOT_FORMAT,
            package_version: manifest.version.clone(),
            log: end.mark(),
            last_answered_at: end.last.map_or(0, |(at, _)| at),
            mastered_at: mastered_at.clone(),
        }
    }

    /// Whether this snapshot is the fold of the log that stands at `mark`, with `manifest`'s settings.
    pub fn fits(&self, manifest: &Manifest, mark: &LogMark) -> bool {
        self.format == SNAPSHOT_FORMAT
            && self.package_version == manifest.version
            && self.log == *mark
    }

    /// The mastery times as they stood at `until`, when the snapshot can tell (every attempt it folded was
    /// answered by then, so they are its times); None when only the log can.
    pub fn mastered_until(&self, until: EpochMs) -> Option<&BTreeMap<String, EpochMs>> {
        (self.last_answered_at <= until).then_some(&self.mastered_at)
    }
}

impl FromJson for LogMark {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(LogMark {
            len: m.req("len")?,
            last: m.opt("last")?,
        })
    }
}

impl FromJson for CourseSnapshot {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(CourseSnapshot {
            key: m.req("key")?,
            format: m.req("format")?,
            package_version: m.req("packageVersion")?,
            log: m.req("log")?,
            last_answered_at: m.req("lastAnsweredAt")?,
            mastered_at: m.or_default("masteredAt")?,
        })
    }
}

#[cfg(test)]
mod tests;
