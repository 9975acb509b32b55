//! The player state machine for one learner in one activity: present an item, take an answer, show
//! feedback, move on, finish; resume exactly where the learner was.
//!
//! It is event-sourced and IO-free. [`Session::answer`] does not change the session: it returns an
//! [`AnswerCommit`] (the attempt, the new progress and the statements to queue) that the shell must store
//! in one transaction; only then does it call [`Session::apply`] and show the feedback. So nothing is shown
//! as saved before it is.

mod attempt;
pub mod events;

#[cfg(test)]
pub(crate) use attempt::sample_attempt;
pub use attempt::{draw_values, progress_key, Attempt, Progress, Step};

use crate::check::numeric::decimal_mark_for;
use crate::check::{self, Context, Outcome, Response, ScoreError};
use crate::collect::CollectOrdered;
use crate::engine::{
    select_item, AttemptEvidence, Candidate, ItemTiming, LearnerModel, SelectionPolicy,
};
use crate::package::ActivityKind;
use crate::package::{Activity, Item, Manifest};
use crate::rng::SeededRng;
use crate::time::EpochMs;
use crate::xapi::cmi5::LaunchContext;
use crate::xapi::statement::{answered, completed, AnswerFacts, CompletionFacts};
use crate::xapi::{Actor, OutboxRow};
use std::collections::{BTreeMap, HashMap};
use thiserror::Error;

/// Who is learning, and how the LRS knows them.
#[derive(Debug, Clone, PartialEq)]
pub struct Learner {
    pub id: String,
    pub actor: Actor,
    pub language: String,
    /// Set when an LMS launched the player with cmi5: every statement carries its context.
    pub launch: Option<LaunchContext>,
}

/// Ids made by the shell at capture (UUIDs), so the core stays deterministic.
#[derive(Debug, Clone)]
pub struct CaptureIds {
    pub attempt_id: String,
    pub statement_id: String,
}

/// Everything one answer changes, to be committed together before feedback is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerCommit {
    pub attempt: Attempt,
    pub progress: Progress,
    pub outbox: Vec<OutboxRow>,
    /// The progress this answer was given from. The store refuses the commit if what it holds differs
    /// (another tab moved on first), so two tabs never record two answers to one item.
    pub expected: Progress,
}

/// An action the session cannot take in its current step.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum SessionError {
    #[error("there is no item to answer: the activity is finished")]
    Finished,
    #[error("item `{0}` was already answered; move to the next item first")]
    AlreadyAnswered(String),
    #[error("item `{0}` is not in this activity")]
    UnknownItem(String),
    #[error(transparent)]
    Score(#[from] ScoreError),
    /// An imported answer whose recorded result is not what the package gives its response, or whose times
    /// cannot be (answered before shown, or after now).
    #[error("the answer to `{0}` does not match what it records (changed since it was made)")]
    Altered(String),
}

/// One learner working through one activity.
#[derive(Debug, Clone)]
pub struct Session {
    manifest: Manifest,
    activity: Activity,
    learner: Learner,
    progress: Progress,
    attempts: Vec<Attempt>,
    model: LearnerModel,
    /// Item id -> position in the activity, so lookups stay O(1) for long activities and logs.
    item_index: HashMap<String, usize>,
    /// Item id -> whether its first attempt was right; an item is here once it has an attempt.
    first_outcomes: HashMap<String, bool>,
    /// The learner's accommodations (from the teacher's overrides).
    accommodations: crate::engine::Accommodations,
    /// The opportunities of every attempt so far ([`crate::engine::opportunity`]): a fresh variant of a
    /// parameterised item is a new one (a first attempt); another try at the same numbers is not.
    variants_seen: std::collections::HashSet<String>,
}

/// How many answers a practice may take, in multiples of its items, once only fresh variants are left.
const VARIANT_ROUNDS: usize = 3;

impl Session {
    /// Starts, or resumes from what the store holds. A stored position whose item no longer exists (the
    /// package was updated) falls back to the first item not yet answered; nothing stored is dropped.
    pub fn resume(
        mut manifest: Manifest,
        activity: Activity,
        learner: Learner,
        stored: Option<Progress>,
        mut attempts: Vec<Attempt>,
    ) -> Self {
        attempts.retain(|a| a.learner_id == learner.id && a.activity_id == activity.id);
        crate::collect::sort_by(&mut attempts, |a, b| {
            (a.answered_at, &a.id).cmp(&(b.answered_at, &b.id))
        });
        // A stored place that names another learner or an item the package no longer has is not trusted:
        // the place is derived from the log instead, dated as the stored one so it supersedes it.
        let stored_at = stored.as_ref().map_or(0, |p| p.updated_at);
        let stored = stored.filter(|p| p.learner_id == learner.id && p.is_valid_for(&activity));
        let trusted = stored.is_some();
        let progress = stored.unwrap_or_else(|| Progress {
            updated_at: stored_at,
            ..Progress::first_unanswered(&manifest, &activity, &learner.id, &attempts)
        });
        // The activity's items join what the manifest knows, so every fold made with this session's
        // manifest (the course plan, goals, the course snapshot) reads its answers as the session does.
        manifest.add_items(&activity.items);
        let params = crate::engine::plan::skill_params(&manifest);
        let mut session = Session {
            manifest,
            activity,
            learner,
            progress,
            attempts: Vec::with_capacity(attempts.len()),
            model: LearnerModel::new(params),
            item_index: HashMap::new(),
            first_outcomes: HashMap::new(),
            accommodations: Default::default(),
            variants_seen: Default::default(),
        };
        session.item_index = (session.activity.items.iter().enumerate())
            .map(|(i, item)| (item.id.clone(), i))
            .collect();
        // The model is a fold over the log, rebuilt on every resume: it is never stored on its own.
        for attempt in attempts {
            session.take_in(attempt);
        }
        if !trusted && session.is_adaptive() && session.progress.step != Step::Finished {
            session.progress.step = session.adaptive_step();
        }
        session
    }

    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    pub fn attempts(&self) -> &[Attempt] {
        &self.attempts
    }

    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Takes in what the items of the package's other activities say to the engine (the player reads
    /// their files after the first screen), so that every course fold made with this session's manifest
    /// (the plan, the goals, the kept snapshot) reads each answer with its own item's values, as a fold
    /// over the whole package does. The open activity's items keep the values read with it.
    pub fn add_course_items(&mut self, items: &[Item]) {
        let others = items
            .iter()
            .filter(|i| !self.item_index.contains_key(&i.id));
        self.manifest.add_items(others);
    }

    pub fn activity(&self) -> &Activity {
        &self.activity
    }

    pub fn learner(&self) -> &Learner {
        &self.learner
    }

    /// Applies the learner's accommodations from now on (extra tries, the first hint open from the start;
    /// fewer choices and read-aloud are the renderer's). The item on screen gets its open hint too.
    pub fn set_accommodations(&mut self, accommodations: crate::engine::Accommodations) {
        self.accommodations = accommodations;
        let step = self.accommodate(self.progress.step.clone());
        self.progress.step = step;
    }

    pub fn accommodations(&self) -> &crate::engine::Accommodations {
        &self.accommodations
    }

    /// A fresh answering step for `item`, with the accommodations applied.
    fn fresh(&self, item: &Item, reason: Option<crate::engine::Reason>) -> Step {
        self.accommodate(Step::answering(
            item,
            &self.learner.id,
            self.tries(&item.id),
            reason,
        ))
    }

    fn accommodate(&self, mut step: Step) -> Step {
        if let Step::Answering {
            item_id,
            hints_shown,
            ..
        } = &mut step
        {
            let has_hints = self.item(item_id).is_some_and(|i| !i.hints.is_empty());
            if self.accommodations.hints_always_on && has_hints && *hints_shown == 0 {
                *hints_shown = 1;
            }
        }
        step
    }

    /// Shows content in `language` from now on (statements made later carry it too).
    pub fn set_language(&mut self, language: &str) {
        self.learner.language = language.to_owned();
    }

    /// The items whose first attempt was correct, and the items the score is over: every item of a lesson,
    /// check or review (each plays once); the items answered in an adaptive practice, which ends at
    /// mastery, so the ones it never needed to offer do not count against the learner.
    pub fn first_tries(&self) -> (usize, usize) {
        // Only items the activity still has count (an update may have removed some).
        let known = self
            .first_outcomes
            .iter()
            .filter(|(id, _)| self.item_index.contains_key(*id));
        let (answered, correct) = known.fold((0, 0), |(n, c), (_, &right)| {
            (n + 1, c + usize::from(right))
        });
        if self.is_adaptive() {
            (correct, answered)
        } else {
            (correct, self.activity.items.len())
        }
    }

    /// The share of first attempts that were correct (over [`Session::first_tries`]' items), and whether
    /// the activity is done: every item answered, or, in adaptive practice, the practice finished.
    pub fn score(&self) -> (f64, bool) {
        let (correct, over) = self.first_tries();
        let score = if over == 0 {
            0.0
        } else {
            correct as f64 / over as f64
        };
        let done = if self.is_adaptive() {
            self.progress.step == Step::Finished
        } else {
            self.first_outcomes
                .keys()
                .filter(|id| self.item_index.contains_key(*id))
                .count()
                == over
        };
        (score, done)
    }

    /// The item in front of the learner, if any.
    pub fn current_item(&self) -> Option<&Item> {
        self.progress.step.item_id().and_then(|id| self.item(id))
    }

    /// 1-based position of the current item and the number of items (in the order the learner meets
    /// them; for adaptive practice, the number answered so far plus one).
    pub fn position(&self) -> (usize, usize) {
        let total = self.activity.items.len();
        let Some(current) = self.progress.step.item_id() else {
            return (total, total);
        };
        if self.is_adaptive() {
            let done = self.first_outcomes.len();
            let answered_now = usize::from(self.first_outcomes.contains_key(current));
            return ((done + 1 - answered_now).min(total), total);
        }
        let index = self
            .activity
            .item_order()
            .iter()
            .position(|id| *id == current)
            .map_or(total, |i| i + 1);
        (index, total)
    }

    /// The lesson page in front of the learner: its index and the number of pages.
    pub fn page(&self) -> Option<(usize, usize)> {
        let total = self.activity.pages.len();
        let index = match &self.progress.step {
            Step::Reading { page_id } => self.activity.pages.iter().position(|p| &p.id == page_id),
            step => step.item_id().and_then(|id| self.activity.page_of(id)),
        }?;
        Some((index, total))
    }

    /// How many times the learner has answered `item_id`.
    pub fn tries(&self, item_id: &str) -> usize {
        self.attempts
            .iter()
            .filter(|a| a.item_id == item_id)
            .count()
    }

    /// The tries left on the item whose feedback is showing, when the learner may try it again: its
    /// answer was wrong and it has tries left (`None` when it was right, used its tries, or no feedback
    /// is showing).
    pub fn tries_left(&self) -> Option<u32> {
        let attempt = self.shown_attempt()?;
        let used = u32::try_from(self.tries(&attempt.item_id)).unwrap_or(u32::MAX);
        let left = self.attempts_allowed().saturating_sub(used);
        (!attempt.outcome.correct && left > 0).then_some(left)
    }

    /// Tries per item in this activity (with the learner's extra tries).
    pub fn attempts_allowed(&self) -> u32 {
        self.manifest
            .activity(&self.activity.id)
            .map_or(1, |e| self.manifest.attempts_allowed(e))
            .saturating_add(self.accommodations.extra_attempts)
    }

    /// When feedback is shown in this activity.
    pub fn feedback_policy(&self) -> crate::package::FeedbackPolicy {
        self.manifest
            .activity(&self.activity.id)
            .map(|e| self.manifest.feedback_policy(e))
            .unwrap_or_default()
    }

    /// The parameter values of the current item (as shown, or as answered).
    pub fn values(&self) -> crate::package::params::Values {
        match &self.progress.step {
            Step::Answering { values, .. } => values.clone(),
            Step::Feedback { .. } => self
                .shown_attempt()
                .map(|a| a.values.clone())
                .unwrap_or_default(),
            _ => Default::default(),
        }
    }

    /// The attempt whose feedback is showing, if the learner is looking at feedback.
    pub fn shown_attempt(&self) -> Option<&Attempt> {
        match &self.progress.step {
            Step::Feedback { attempt_id, .. } => {
                self.attempts.iter().rev().find(|a| &a.id == attempt_id)
            }
            _ => None,
        }
    }

    /// Scores `response` to the current item and returns what must be committed. The session is unchanged.
    pub fn answer(
        &self,
        response: Response,
        ids: CaptureIds,
        presented_at: EpochMs,
        now: EpochMs,
    ) -> Result<AnswerCommit, SessionError> {
        let (item_id, hints_used, reason, solution_viewed, values) = match &self.progress.step {
            Step::Answering {
                item_id,
                hints_shown,
                reason,
                solution_shown,
                values,
                ..
            } => (
                item_id.clone(),
                *hints_shown,
                reason.clone(),
                *solution_shown,
                values.clone(),
            ),
            Step::Feedback { item_id, .. } => {
                return Err(SessionError::AlreadyAnswered(item_id.clone()))
            }
            Step::Reading { .. } | Step::Finished => return Err(SessionError::Finished),
        };
        let item = self
            .item(&item_id)
            .ok_or_else(|| SessionError::UnknownItem(item_id.clone()))?;
        let ctx = Context {
            values: &values,
            mark: decimal_mark_for(&self.learner.language),
            language: &self.learner.language,
            default_language: &self.manifest.language,
        };
        let outcome: Outcome = check::score(item, &response, &ctx)?;
        let mut attempt = Attempt {
            id: ids.attempt_id.clone(),
            learner_id: self.learner.id.clone(),
            package_id: self.manifest.id.clone(),
            package_version: self.manifest.version.clone(),
            activity_id: self.activity.id.clone(),
            item_id: item_id.clone(),
            response,
            outcome,
            presented_at,
            answered_at: now,
            hints_used,
            solution_viewed,
            values,
            skills: item.skills.clone(),
            reason: reason.clone(),
            warnings: Vec::new(),
            statement_ids: vec![ids.statement_id.clone()],
        };
        // What the model will say after this answer: the statement reports it.
        let mut model = self.model.clone();
        let evidence = self.evidence(&attempt);
        let updates = model.apply_attempt(&evidence, now);
        attempt.warnings = model.warnings(&evidence, &ItemTiming::new(reading_ms(item)));
        let mastery: BTreeMap<String, f64> = updates
            .iter()
            .map(|u| (u.skill_id.clone(), u.p_known_after))
            .collect_map();
        let statement = answered(&AnswerFacts {
            statement_id: &ids.statement_id,
            actor: &self.learner.actor,
            manifest: &self.manifest,
            activity_id: &self.activity.id,
            item,
            response: &attempt.response,
            values: &attempt.values,
            solution_viewed: attempt.solution_viewed,
            outcome: &attempt.outcome,
            answered_at: now,
            duration_ms: attempt.response_ms(),
            language: &self.learner.language,
            launch: self.learner.launch.as_ref(),
            hints_used,
            mastery: &mastery,
            reason: reason.as_deref(),
            warnings: &attempt.warnings,
        });
        attempt.statement_ids = vec![statement.id.clone()];
        let progress = self.progress.with_step(
            Step::Feedback {
                item_id,
                attempt_id: ids.attempt_id,
            },
            now,
        );
        let outbox = vec![OutboxRow::pending(statement, &self.learner.id, now, 0)];
        Ok(AnswerCommit {
            attempt,
            progress,
            outbox,
            expected: self.progress.clone(),
        })
    }

    /// The progress after the learner leaves the feedback (or a lesson page) for the next item, page or
    /// the end. Unchanged session; store the result, then [`Session::set_progress`].
    pub fn next(&self, now: EpochMs) -> Progress {
        let step = match &self.progress.step {
            Step::Feedback { .. } | Step::Reading { .. } if !self.activity.pages.is_empty() => {
                self.lesson_step()
            }
            Step::Feedback { .. } if self.is_adaptive() => self.adaptive_step(),
            Step::Feedback { item_id, .. } => {
                let order = self.activity.item_order();
                let after = order.iter().position(|i| i == item_id).map_or(0, |i| i + 1);
                match order.get(after).and_then(|id| self.item(id)) {
                    Some(item) => self.fresh(item, None),
                    None => Step::Finished,
                }
            }
            other => other.clone(),
        };
        self.progress.with_step(step, now)
    }

    /// The progress for another try at the current item, when the last answer was wrong and the
    /// activity allows more tries. Hints stay open; the numbers stay the same.
    pub fn retry(&self, now: EpochMs) -> Option<Progress> {
        self.tries_left()?;
        let attempt = self.shown_attempt()?;
        let step = Step::Answering {
            item_id: attempt.item_id.clone(),
            hints_shown: attempt.hints_used,
            draft: None,
            reason: None,
            solution_shown: attempt.solution_viewed,
            values: attempt.values.clone(),
        };
        Some(self.progress.with_step(step, now))
    }

    /// The progress with the worked solution of the current item open (recorded: an answer given after
    /// it counts as not known). None when there is no solution or it is already open.
    pub fn show_solution(&self, now: EpochMs) -> Option<Progress> {
        let mut step = self.progress.step.clone();
        let Step::Answering {
            item_id,
            solution_shown,
            ..
        } = &mut step
        else {
            return None;
        };
        if *solution_shown || self.item(item_id).is_none_or(|i| i.solution.is_empty()) {
            return None;
        }
        *solution_shown = true;
        Some(self.progress.with_step(step, now))
    }

    /// The next stop of a lesson after the current page: the next page's check if it is not answered
    /// yet, else that page to read; the end after the last page.
    fn lesson_step(&self) -> Step {
        let current = self.page().map_or(0, |(i, _)| i + 1);
        let Some(page) = self.activity.pages.get(current) else {
            return Step::Finished;
        };
        match page.check().and_then(|id| self.item(id)) {
            Some(item) if !self.first_outcomes.contains_key(&item.id) => self.fresh(item, None),
            _ => Step::Reading {
                page_id: page.id.clone(),
            },
        }
    }

    /// The `completed` statement to queue with `progress` when it finishes the activity. None before the
    /// end, and under cmi5, where the AU's own completed/passed/failed report the activity instead.
    pub fn completion(
        &self,
        progress: &Progress,
        statement_id: &str,
        now: EpochMs,
    ) -> Option<OutboxRow> {
        if progress.step != Step::Finished
            || self.progress.step == Step::Finished
            || self.learner.launch.is_some()
        {
            return None;
        }
        let started = self
            .attempts
            .iter()
            .map(|a| a.presented_at)
            .min()
            .unwrap_or(now);
        let statement = completed(&CompletionFacts {
            statement_id,
            actor: &self.learner.actor,
            manifest: &self.manifest,
            activity_id: &self.activity.id,
            score: self.score().0,
            completed_at: now,
            duration_ms: u64::try_from(now.saturating_sub(started)).unwrap_or(0),
            language: &self.learner.language,
        });
        Some(OutboxRow::pending(statement, &self.learner.id, now, 0))
    }

    /// Takes in a commit the store has made durable.
    pub fn apply(&mut self, commit: &AnswerCommit) {
        if !self
            .attempts
            .iter()
            .rev()
            .any(|a| a.id == commit.attempt.id)
        {
            self.take_in(commit.attempt.clone());
        }
        self.progress = commit.progress.clone();
    }

    /// Takes in an answer from outside this device (a data backpack) as evidence of this session's learner:
    /// the response is scored again by the package (both decimal marks are tried, since the learner may
    /// have answered in another language), and refused when the recorded result differs; the stored
    /// attempt is rebuilt from the response, the times and the help used (moved to this learner, with the
    /// item's skills now, no engine reason and this model's warnings), and its `answered` statement is
    /// built by the same builder as a live answer's, for this learner's actor, as `statement_id`. Nothing
    /// of the imported statement text is used.
    pub fn replay(
        &mut self,
        imported: &Attempt,
        statement_id: &str,
        now: EpochMs,
    ) -> Result<(Attempt, crate::xapi::Statement), SessionError> {
        let item = self
            .item(&imported.item_id)
            .ok_or_else(|| SessionError::UnknownItem(imported.item_id.clone()))?
            .clone();
        let altered = || SessionError::Altered(imported.item_id.clone());
        if imported.answered_at < imported.presented_at || imported.answered_at > now {
            return Err(altered());
        }
        let same = |o: &Outcome| {
            o.correct == imported.outcome.correct && (o.score - imported.outcome.score).abs() < 1e-9
        };
        let outcome = [
            crate::check::numeric::DecimalMark::Point,
            crate::check::numeric::DecimalMark::Comma,
        ]
        .into_iter()
        .filter_map(|mark| {
            let ctx = Context {
                values: &imported.values,
                mark,
                language: &self.learner.language,
                default_language: &self.manifest.language,
            };
            check::score(&item, &imported.response, &ctx).ok()
        })
        .find(same)
        .ok_or_else(altered)?;
        let mut attempt = Attempt {
            id: imported.id.clone(),
            learner_id: self.learner.id.clone(),
            package_id: self.manifest.id.clone(),
            package_version: imported.package_version.clone(),
            activity_id: self.activity.id.clone(),
            item_id: item.id.clone(),
            response: imported.response.clone(),
            outcome,
            presented_at: imported.presented_at,
            answered_at: imported.answered_at,
            hints_used: imported
                .hints_used
                .min(u32::try_from(item.hints.len()).unwrap_or(u32::MAX)),
            solution_viewed: imported.solution_viewed,
            values: imported.values.clone(),
            skills: item.skills.clone(),
            reason: None,
            warnings: Vec::new(),
            statement_ids: vec![statement_id.to_owned()],
        };
        let evidence = self.evidence(&attempt);
        let mut model = self.model.clone();
        let updates = model.apply_attempt(&evidence, attempt.answered_at);
        attempt.warnings = model.warnings(&evidence, &ItemTiming::new(reading_ms(&item)));
        let mastery: BTreeMap<String, f64> = updates
            .iter()
            .map(|u| (u.skill_id.clone(), u.p_known_after))
            .collect_map();
        let statement = answered(&AnswerFacts {
            statement_id,
            actor: &self.learner.actor,
            manifest: &self.manifest,
            activity_id: &self.activity.id,
            item: &item,
            response: &attempt.response,
            values: &attempt.values,
            solution_viewed: attempt.solution_viewed,
            outcome: &attempt.outcome,
            answered_at: attempt.answered_at,
            duration_ms: attempt.response_ms(),
            language: &self.learner.language,
            launch: self.learner.launch.as_ref(),
            hints_used: attempt.hints_used,
            mastery: &mastery,
            reason: None,
            warnings: &attempt.warnings,
        });
        self.take_in(attempt.clone());
        Ok((attempt, statement))
    }

    /// Folds one attempt of the log into the session: the learner model, and the per-item facts.
    fn take_in(&mut self, attempt: Attempt) {
        let evidence = self.evidence(&attempt);
        self.model.apply_attempt(&evidence, attempt.answered_at);
        self.first_outcomes
            .entry(attempt.item_id.clone())
            .or_insert(attempt.outcome.correct);
        self.variants_seen
            .insert(crate::engine::opportunity(&attempt));
        self.attempts.push(attempt);
    }

    fn item(&self, item_id: &str) -> Option<&Item> {
        self.item_index
            .get(item_id)
            .and_then(|&i| self.activity.items.get(i))
    }

    /// The progress with one more tiered hint open on the current item, if it has one left. Unchanged
    /// session; store the result, then [`Session::set_progress`].
    pub fn show_hint(&self, now: EpochMs) -> Option<Progress> {
        let mut step = self.progress.step.clone();
        let Step::Answering {
            item_id,
            hints_shown,
            ..
        } = &mut step
        else {
            return None;
        };
        let available = self.item(item_id).map_or(0, |i| i.hints.len());
        if usize::try_from(*hints_shown).unwrap_or(usize::MAX) >= available {
            return None;
        }
        *hints_shown += 1;
        Some(self.progress.with_step(step, now))
    }

    /// The progress with `draft` kept as the learner's unsubmitted answer to the current item (so a reload
    /// or a crash shows it again). None when nothing changes. Store the result, then
    /// [`Session::set_progress`].
    pub fn save_draft(&self, draft: Option<Response>, now: EpochMs) -> Option<Progress> {
        let mut step = self.progress.step.clone();
        let Step::Answering { draft: current, .. } = &mut step else {
            return None;
        };
        if *current == draft {
            return None;
        }
        *current = draft;
        Some(self.progress.with_step(step, now))
    }

    /// The same learner and activity, resumed from what the store holds now (after another tab moved on).
    pub fn reloaded(&self, stored: Option<Progress>, attempts: Vec<Attempt>) -> Session {
        let mut session = Session::resume(
            self.manifest.clone(),
            self.activity.clone(),
            self.learner.clone(),
            stored,
            attempts,
        );
        session.set_accommodations(self.accommodations.clone());
        session
    }

    /// Practice activities are adaptive: the engine picks each next item (and says why); lessons, checks
    /// and reviews keep the author's order.
    fn is_adaptive(&self) -> bool {
        self.manifest
            .activity(&self.activity.id)
            .is_some_and(|a| a.kind == ActivityKind::Practice)
    }

    /// The next step of an adaptive activity: the end once its mastery rule is met (a practice is over when
    /// the skill is mastered, so a faster way to mastery is a shorter practice); else, among the items not
    /// yet answered, for the skill with the lowest P(known), the engine's pick, with its reason.
    /// Deterministic: the same log gives the same choice.
    fn adaptive_step(&self) -> Step {
        if self.mastery().mastered {
            return Step::Finished;
        }
        let mut open: Vec<&Item> = (self.activity.items.iter())
            .filter(|i| !self.first_outcomes.contains_key(&i.id))
            .collect();
        if open.is_empty() {
            // The pool ran dry before mastery: fresh variants of the parameterised items, for a while.
            let budget = VARIANT_ROUNDS * self.activity.items.len();
            if self.attempts.len() >= budget {
                return Step::Finished;
            }
            open = (self.activity.items.iter())
                .filter(|i| !i.params.is_empty())
                .collect();
        }
        let Some(first) = open.first() else {
            return Step::Finished;
        };
        let weakest = open
            .iter()
            .flat_map(|i| i.skills.iter())
            .fold(None::<&String>, |best, s| match best {
                Some(b) if self.model.p_known(b) <= self.model.p_known(s) => Some(b),
                _ => Some(s),
            });
        let fallback = self.fresh(first, None);
        let Some(skill) = weakest else {
            return fallback;
        };
        let candidates: Vec<Candidate> = open
            .iter()
            .map(|i| Candidate {
                item_id: i.id.clone(),
                skill_ids: i.skills.clone(),
                difficulty: i.difficulty,
                parameterised: !i.params.is_empty(),
            })
            .collect();
        let history: Vec<String> = self.attempts.iter().map(|a| a.item_id.clone()).collect();
        let count = self.attempts.len().to_string();
        let mut rng = SeededRng::new(SeededRng::seed_from(&[
            &self.learner.id,
            &self.activity.id,
            &count,
        ]));
        match select_item(
            skill,
            &candidates,
            &self.model,
            &history,
            &SelectionPolicy::new(
                self.manifest.settings.target_success,
                crate::engine::select::DEFAULT_AVOID_RECENT,
            )
            .unwrap_or_default()
            .with_mastery_threshold(self.mastery_threshold()),
            &mut rng,
        ) {
            Ok(selection) => match self.item(&selection.item_id) {
                Some(item) => self.fresh(item, Some(selection.reason)),
                None => fallback,
            },
            Err(_) => fallback,
        }
    }

    /// The P(known) at which this activity counts a skill as mastered: its `bkt` rule's threshold when it
    /// has one, else the package's.
    pub fn mastery_threshold(&self) -> f64 {
        match self
            .manifest
            .activity(&self.activity.id)
            .and_then(|e| e.mastery)
        {
            Some(crate::engine::MasteryRule::Bkt { threshold }) => threshold,
            _ => self.manifest.settings.mastery_threshold,
        }
    }

    /// The activity's mastery rule: its own, else the package's BKT threshold.
    fn mastery_rule(&self) -> crate::engine::MasteryRule {
        self.manifest
            .activity(&self.activity.id)
            .and_then(|e| e.mastery)
            .unwrap_or(crate::engine::MasteryRule::Bkt {
                threshold: self.manifest.settings.mastery_threshold,
            })
    }

    /// The skills the activity practises: its entry's, else its items'.
    fn practised_skills(&self) -> Vec<&String> {
        match self.manifest.activity(&self.activity.id) {
            Some(e) if !e.skills.is_empty() => e.skills.iter().collect(),
            _ => self
                .activity
                .items
                .iter()
                .flat_map(|i| i.skills.iter())
                .collect(),
        }
    }

    /// Where the learner stands in an adaptive practice (answers so far, how well its weakest skill is
    /// known, and the offer of a way out once it is wheel-spinning); None outside adaptive practice.
    pub fn practice_status(&self) -> Option<crate::engine::practice::PracticeStatus> {
        if !self.is_adaptive() {
            return None;
        }
        let skills: Vec<&str> = self
            .practised_skills()
            .into_iter()
            .map(String::as_str)
            .collect();
        crate::engine::practice::status(&crate::engine::practice::PracticeInput {
            manifest: &self.manifest,
            activity_id: &self.activity.id,
            skills: &skills,
            rule: self.mastery_rule(),
            mastered: self.mastery().mastered,
            model: &self.model,
            answers: self.attempts.len(),
        })
    }

    /// Whether the activity's mastery rule is met now (the package's BKT threshold when the activity names
    /// no rule), on first-try outcomes in answer order and the lowest P(known) of its skills.
    pub fn mastery(&self) -> crate::engine::MasteryStatus {
        let rule = self.mastery_rule();
        let mut seen = std::collections::HashSet::new();
        let outcomes: Vec<bool> = self
            .attempts
            .iter()
            .filter(|a| seen.insert(a.item_id.as_str()))
            .map(|a| a.outcome.correct)
            .collect();
        let skills = self.practised_skills();
        let p_known = skills
            .iter()
            .map(|s| self.model.p_known(s))
            .fold(None, |m: Option<f64>, p| Some(m.map_or(p, |m| m.min(p))))
            .unwrap_or(0.0);
        rule.evaluate(&crate::engine::MasteryEvidence {
            outcomes: &outcomes,
            p_known,
            item_count: self.activity.items.len(),
        })
    }

    /// The learner model: P(known) per skill, folded from this session's attempts.
    pub fn model(&self) -> &LearnerModel {
        &self.model
    }

    /// What an attempt tells the learner model (first attempts only; help counts as not known).
    fn evidence(&self, attempt: &Attempt) -> AttemptEvidence {
        // The item's skills now; an attempt from before its skills were recorded, or of an item the
        // package no longer has, uses what it recorded.
        let skill_ids = self
            .item(&attempt.item_id)
            .map(|i| i.skills.clone())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| attempt.skills.clone());
        AttemptEvidence {
            item_id: attempt.item_id.clone(),
            skill_ids,
            correct: attempt.outcome.correct,
            // Evidence is taken before the attempt joins the log, so any entry is an earlier attempt.
            first_attempt: !self
                .variants_seen
                .contains(&crate::engine::opportunity(attempt)),
            hints_used: attempt.hints_used,
            solution_viewed: attempt.solution_viewed,
            gave_up: attempt.response == Response::DontKnow,
            response_ms: attempt.response_ms(),
        }
    }

    /// Takes in progress the store has made durable.
    pub fn set_progress(&mut self, progress: Progress) {
        self.progress = progress;
    }
}

/// A rough time to read an item (stem and options) at a brisk 400 words a minute: an answer faster than
/// this is flagged as a possible guess. Deliberately low, so the flag means "too fast to have read it".
pub fn reading_ms(item: &Item) -> u64 {
    let mut words = word_count(&item.stem);
    if let crate::package::Interaction::SingleChoice { options, .. }
    | crate::package::Interaction::MultipleResponse { options, .. }
    | crate::package::Interaction::Ordering { options } = &item.interaction
    {
        words += options.iter().map(|o| word_count(&o.text)).sum::<usize>();
    }
    u64::try_from(words).unwrap_or(u64::MAX).saturating_mul(150)
}

fn word_count(text: &crate::package::Text) -> usize {
    let default = match text {
        crate::package::Text::Plain(s) => s.as_str(),
        crate::package::Text::Translated(map) => map.values().next().map_or("", String::as_str),
    };
    default.split_whitespace().count()
}

#[cfg(test)]
mod tests;
