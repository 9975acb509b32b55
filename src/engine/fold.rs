//! The package's attempt log folded into the course's learner model and the times skills were mastered:
//! in one pass ([`course_model`], [`mastery_times`], [`mastery_times_until`]), or kept up to date as the
//! log grows ([`MasteryFold`]), so that a screen shown again after one more answer folds that answer
//! alone instead of the learner's whole history.
//!
//! The log is the package's attempts in time order (ties broken by id); an attempt counts as a first try
//! when it is the first at its opportunity ([`opportunity`]: its item in its activity, and for a
//! parameterised item the numbers shown), and is read with the answered item's values from
//! [`skill_params`] (the skill's, and what the manifest has read of the item: [`Manifest::items`]), as the
//! practice session reads it. So a learner's P(known) is one number in the practice, the course plan and
//! the goals (`tests/one_p_known.rs`). Skills are independent in BKT, so tracking every skill in the one
//! model gives the same mastery times as replaying each skill alone.

use super::evidence::opportunity;
use super::plan::skill_params;
use super::{LearnerModel, LoggedAnswer, SkillParams};
use crate::package::Manifest;
use crate::time::EpochMs;
use std::collections::{BTreeMap, BTreeSet};

/// Where an attempt stands in the log: by time, ties broken by id.
fn log_key<A: LoggedAnswer>(a: &A) -> (EpochMs, &str) {
    (a.answered_at(), a.id())
}

/// The package's attempts after `after` in the log (all when None) and answered at `until` or before, in
/// log order.
fn log_between<'a, A: LoggedAnswer>(
    manifest: &Manifest,
    attempts: &'a [A],
    after: Option<(EpochMs, &str)>,
    until: EpochMs,
) -> Vec<&'a A> {
    let mut sorted: Vec<&A> = attempts
        .iter()
        .filter(|a| {
            a.package_id() == manifest.id
                && a.answered_at() <= until
                && after.is_none_or(|after| log_key(*a) > after)
        })
        .collect();
    crate::collect::sort_by(&mut sorted, |a, b| log_key(*a).cmp(&log_key(*b)));
    sorted
}

/// A fold of the log in progress.
#[derive(Debug, Clone)]
struct Folding {
    threshold: f64,
    model: LearnerModel,
    /// For each skill at the threshold now, when its P(known) last crossed it upwards.
    mastered_at: BTreeMap<String, EpochMs>,
    /// The opportunities answered so far ([`opportunity`]): the next answer at one is not a first try. One
    /// string rather than a tuple: the wasm has `BTreeSet<String>` code already, and each new key type adds
    /// a few KB of it.
    seen: BTreeSet<String>,
}

impl Folding {
    fn new(manifest: &Manifest) -> Self {
        Folding {
            threshold: manifest.settings.mastery_threshold,
            model: LearnerModel::new(skill_params(manifest)),
            mastered_at: BTreeMap::new(),
            seen: BTreeSet::new(),
        }
    }

    /// Whether this fold reads answers with the values `manifest` gives now (another version, or more of
    /// its items read, folds again).
    fn reads_as(&self, manifest: &Manifest) -> bool {
        let params: &SkillParams = self.model.params();
        self.threshold == manifest.settings.mastery_threshold
            && params.per_item == manifest.items
            && manifest
                .skills
                .iter()
                .all(|s| s.bkt.as_ref().unwrap_or(&params.fallback) == params.for_skill(&s.id))
    }

    /// Folds in `a`, the log's next attempt.
    fn apply<A: LoggedAnswer>(&mut self, a: &A) {
        let first = self.seen.insert(opportunity(a));
        self.model
            .apply_attempt(&a.evidence(first), a.answered_at());
        for skill in a.skills() {
            if self.model.p_known(skill) >= self.threshold {
                self.mastered_at
                    .entry(skill.clone())
                    .or_insert(a.answered_at());
            } else {
                self.mastered_at.remove(skill);
            }
        }
    }
}

/// The learner model over the whole package, folded from `attempts` in time order (first tries only).
pub fn course_model<A: LoggedAnswer>(manifest: &Manifest, attempts: &[A]) -> LearnerModel {
    fold(manifest, attempts).0
}

/// For each skill mastered now, when its P(known) last crossed the package's mastery threshold upwards.
pub fn mastery_times<A: LoggedAnswer>(
    manifest: &Manifest,
    attempts: &[A],
) -> BTreeMap<String, EpochMs> {
    fold(manifest, attempts).1
}

/// [`mastery_times`] as they stood at `until`: only the attempts answered then or before count.
pub fn mastery_times_until<A: LoggedAnswer>(
    manifest: &Manifest,
    attempts: &[A],
    until: EpochMs,
) -> BTreeMap<String, EpochMs> {
    fold_until(manifest, attempts, until).1
}

/// The course model, and for each skill when its P(known) last crossed the package's mastery threshold
/// upwards (absent while it is below), in one pass over the log.
pub(super) fn fold<A: LoggedAnswer>(
    manifest: &Manifest,
    attempts: &[A],
) -> (LearnerModel, BTreeMap<String, EpochMs>) {
    fold_until(manifest, attempts, EpochMs::MAX)
}

/// [`fold`] over the attempts answered at `until` or before. The log is in time order, so this is its
/// prefix, and each first-try flag depends only on what came before it.
fn fold_until<A: LoggedAnswer>(
    manifest: &Manifest,
    attempts: &[A],
    until: EpochMs,
) -> (LearnerModel, BTreeMap<String, EpochMs>) {
    let mut folding = Folding::new(manifest);
    for a in log_between(manifest, attempts, None, until) {
        folding.apply(a);
    }
    (folding.model, folding.mastered_at)
}

/// [`mastery_times_until`], kept from one call to the next: when the log only grew by answers that come
/// after the ones already folded (the learner answered again), only those are folded. Anything else (a
/// new package, an `until` before an answer already folded, an older answer arriving from another tab or
/// a merged record) folds the log again from the start. Either way the times are exactly those of
/// [`mastery_times_until`].
#[derive(Debug, Clone, Default)]
pub struct MasteryFold {
    state: Option<Folded>,
    replays: u32,
}

#[derive(Debug, Clone)]
struct Folded {
    package_id: String,
    /// The fold holds this many of the package's attempts: every one up to this place in the log.
    count: usize,
    last: Option<(EpochMs, String)>,
    folding: Folding,
}

impl MasteryFold {
    /// For each skill at the threshold at `until`, when it last crossed it upwards (see
    /// [`mastery_times_until`]).
    pub fn until<A: LoggedAnswer>(
        &mut self,
        manifest: &Manifest,
        attempts: &[A],
        until: EpochMs,
    ) -> &BTreeMap<String, EpochMs> {
        &self.advance(manifest, attempts, until).mastered_at
    }

    /// The course model and the mastery times over the whole log (see [`course_model`] and
    /// [`mastery_times`]).
    pub fn whole<A: LoggedAnswer>(
        &mut self,
        manifest: &Manifest,
        attempts: &[A],
    ) -> (&LearnerModel, &BTreeMap<String, EpochMs>) {
        let folding = self.advance(manifest, attempts, EpochMs::MAX);
        (&folding.model, &folding.mastered_at)
    }

    /// The fold of `attempts` up to `until`, continued from the kept one when it can be.
    fn advance<A: LoggedAnswer>(
        &mut self,
        manifest: &Manifest,
        attempts: &[A],
        until: EpochMs,
    ) -> &Folding {
        let state = match self.state.take() {
            Some(s) if s.continues_in(manifest, attempts, until) => s,
            _ => {
                self.replays += 1;
                Folded {
                    package_id: manifest.id.clone(),
                    count: 0,
                    last: None,
                    folding: Folding::new(manifest),
                }
            }
        };
        let state = self.state.insert(state);
        let after = state.last.as_ref().map(|(at, id)| (*at, id.as_str()));
        let new = log_between(manifest, attempts, after, until);
        for a in &new {
            state.folding.apply(*a);
        }
        state.count += new.len();
        if let Some(last) = new.last() {
            state.last = Some((last.answered_at(), last.id().to_owned()));
        }
        &state.folding
    }

    /// How many times the log was folded from its start (for tests: new answers must not need it).
    pub fn replays(&self) -> u32 {
        self.replays
    }
}

impl Folded {
    /// Whether folding `attempts`' answers after this fold's last one continues it: the same package,
    /// `until` not before an answer already folded, and the log up to that answer still exactly the
    /// answers folded (as many, the last one among them). The log only ever grows, so that is enough.
    fn continues_in<A: LoggedAnswer>(
        &self,
        manifest: &Manifest,
        attempts: &[A],
        until: EpochMs,
    ) -> bool {
        if self.package_id != manifest.id || !self.folding.reads_as(manifest) {
            return false;
        }
        let Some((last_at, last_id)) = &self.last else {
            return true;
        };
        if until < *last_at {
            return false;
        }
        let last = (*last_at, last_id.as_str());
        let mut count = 0;
        let mut last_found = false;
        for a in attempts {
            if a.package_id() == manifest.id && log_key(a) <= last {
                count += 1;
                last_found = last_found || a.id() == last_id;
            }
        }
        count == self.count && last_found
    }
}

#[cfg(test)]
mod tests;
