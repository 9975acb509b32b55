//! The learner's course while one of its activities is open: every answer in the package, the activities
//! finished, the overrides in force, the goals and reflections, and the folds over them that the header's
//! goal line, the plan and the finished screen read.
//!
//! At the start only the answers of the open activity are read (through an index), and the stored course
//! snapshot stands in for the rest of the log; the whole log arrives after the first screen. Until then
//! the answers given are held here so that none is lost when the log arrives, and each committed answer
//! is counted once, however often the shell reports it.
//!
//! Not here: the open activity's own state machine (`session` keeps its attempts and decides the next
//! item), reading or writing the store (the shell does, and hands the results in), or words.

use crate::engine::fold::MasteryFold;
use crate::engine::plan::{plan_folded, Plan, PlanInput};
use crate::engine::Overrides;
use crate::journal::{self, Entry, GoalProgress, Reflection};
use crate::package::Manifest;
use crate::session::Attempt;
use crate::store::snapshot::CourseSnapshot;
use crate::time::EpochMs;
use std::collections::BTreeSet;

/// How many of the latest answers a reported commit is compared with (see [`CourseLog::record`]).
const REPEAT_WINDOW: usize = 16;

/// The course as the player holds it; see the module doc.
#[derive(Debug, Clone)]
pub struct CourseLog {
    /// Every answer in the package once `loaded`; before, only those given since the start.
    attempts: Vec<Attempt>,
    loaded: bool,
    /// The stored fold, which tells the goal line what the unread log would until it is read.
    snapshot: CourseSnapshot,
    completed: BTreeSet<String>,
    overrides: Overrides,
    journal: Vec<Entry>,
    /// Mastery times up to the current goal's end, kept as the log grows.
    goal_fold: MasteryFold,
    /// The course model and mastery times over the whole log, kept likewise.
    course_fold: MasteryFold,
}

impl CourseLog {
    /// The course at the start: `log` is the whole log when the first screen needed it (then it counts
    /// as read), else none.
    pub fn new(
        log: Option<Vec<Attempt>>,
        snapshot: CourseSnapshot,
        completed: BTreeSet<String>,
        overrides: Overrides,
        journal: Vec<Entry>,
    ) -> Self {
        CourseLog {
            loaded: log.is_some(),
            attempts: log.unwrap_or_default(),
            snapshot,
            completed,
            overrides,
            journal,
            goal_fold: MasteryFold::default(),
            course_fold: MasteryFold::default(),
        }
    }

    /// Whether the whole stored log has been read.
    pub fn is_loaded(&self) -> bool {
        self.loaded
    }

    /// The answers held: the whole log once read.
    pub fn attempts(&self) -> &[Attempt] {
        &self.attempts
    }

    /// An answer that was just committed. Counted once: the same attempt reported again (the shell
    /// reports a commit right after storing it, so a repeat is among the last few) is ignored.
    pub fn record(&mut self, attempt: &Attempt) {
        // Looking further back would make every answer cost the whole log.
        let repeated = (self.attempts.iter().rev().take(REPEAT_WINDOW)).any(|a| a.id == attempt.id);
        if !repeated {
            self.attempts.push(attempt.clone());
        }
    }

    /// The stored log, read after the first screen. It becomes the course's answers, followed by any
    /// answer given meanwhile that it does not hold yet. A second arrival changes nothing.
    pub fn log_arrived(&mut self, log: Vec<Attempt>) {
        if self.loaded {
            return;
        }
        let read: BTreeSet<&str> = log.iter().map(|a| a.id.as_str()).collect();
        let since: Vec<Attempt> = (self.attempts.iter())
            .filter(|a| !read.contains(a.id.as_str()))
            .cloned()
            .collect();
        let mut all = log;
        all.extend(since);
        self.attempts = all;
        self.loaded = true;
    }

    /// The activities finished.
    pub fn completed(&self) -> &BTreeSet<String> {
        &self.completed
    }

    /// `activity_id` was finished (its place is stored as such).
    pub fn complete(&mut self, activity_id: &str) {
        self.completed.insert(activity_id.to_owned());
    }

    /// The teacher's or operator's overrides in force.
    pub fn overrides(&self) -> &Overrides {
        &self.overrides
    }

    /// The learner's goals and reflections, in all packages.
    pub fn journal(&self) -> &[Entry] {
        &self.journal
    }

    /// A goal or reflection that was just stored.
    pub fn add_entry(&mut self, entry: Entry) {
        self.journal.push(entry);
    }

    /// The learner's reflections in `manifest`'s course, oldest first.
    pub fn reflections(&self, manifest: &Manifest) -> Vec<&Reflection> {
        journal::reflections(&self.journal, &manifest.id)
    }

    /// Progress at `now` toward the learner's current goal in `manifest`'s course; none without a goal,
    /// or while the log is unread and the snapshot cannot tell (the start reads the log first in that
    /// case: see [`snapshot_suffices`]).
    pub fn goal_progress(&mut self, manifest: &Manifest, now: EpochMs) -> Option<GoalProgress> {
        let goal = journal::current_goal(&self.journal, &manifest.id)?;
        let until = goal.counted_until(now);
        let mastered_at = if self.loaded {
            self.goal_fold.until(manifest, &self.attempts, until)
        } else {
            self.snapshot.mastered_until(until)?
        };
        Some(goal.progress_from(mastered_at, now))
    }

    /// The skills at the threshold now, over the whole log held.
    pub fn mastered_now(&mut self, manifest: &Manifest) -> BTreeSet<String> {
        let (_, mastered_at) = self.course_fold.whole(manifest, &self.attempts);
        mastered_at.keys().cloned().collect()
    }

    /// The course plan at `now`: where the learner stands in each activity and what to do next.
    pub fn plan(&mut self, manifest: &Manifest, now: EpochMs) -> Plan {
        let input = PlanInput {
            manifest,
            attempts: &self.attempts,
            completed: &self.completed,
            overrides: &self.overrides,
            now,
        };
        let (model, mastered_at) = self.course_fold.whole(manifest, &self.attempts);
        plan_folded(&input, model, mastered_at)
    }

    /// The snapshot to store for the next start, of the log as held now; none until the log is read
    /// (a snapshot of part of it would be wrong).
    pub fn snapshot_to_keep(
        &mut self,
        manifest: &Manifest,
        learner_id: &str,
    ) -> Option<CourseSnapshot> {
        if !self.loaded {
            return None;
        }
        let (_, mastered_at) = self.course_fold.whole(manifest, &self.attempts);
        Some(CourseSnapshot::of_fold(
            manifest,
            learner_id,
            &self.attempts,
            mastered_at,
        ))
    }

    /// How often the folds went back to the log's start (for tests: new answers must not need it).
    #[cfg(test)]
    fn replays(&self) -> u32 {
        self.goal_fold.replays() + self.course_fold.replays()
    }
}

/// Whether the stored course fold is enough for the goal line before the log is read: no goal in the
/// package, or one whose counted time covers every answer the fold holds.
pub fn snapshot_suffices(
    snapshot: &CourseSnapshot,
    journal: &[Entry],
    package_id: &str,
    now: EpochMs,
) -> bool {
    journal::current_goal(journal, package_id)
        .is_none_or(|goal| snapshot.mastered_until(goal.counted_until(now)).is_some())
}

#[cfg(test)]
mod tests;
