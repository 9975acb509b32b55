//! The learner model: what the engine believes about one learner, skill by skill, and the early-warning
//! signals it raises.
//!
//! [`LearnerModel`] is a fold over observations ([`LearnerModel::apply`]): the same log, in the same
//! order, always gives the same model, so it can be thrown away and rebuilt from the attempt log
//! ([`LearnerModel::replay`]). It is serde-serialisable to be stored with the learner, but the log stays
//! the source of truth. It does not decide what comes next (see [`super::select`]) nor judge mastery of an
//! activity (see [`super::mastery`]), and it never reads the clock: times are passed in.
//!
//! Early warnings ([`EarlyWarning`]) are for teachers, never shown to the learner as a judgement:
//! - **guessing**: an answer faster than the item can be read (Wise & Kong 2005, "rapid guessing":
//!   responses faster than the time needed to read the item are not effortful);
//! - **very long**: an answer slower than a limit (default [`DEFAULT_VERY_LONG_MS`]); accommodations such as
//!   extra time are the operator's setting and should raise it;
//! - **wheel-spinning**: [`WHEEL_SPIN_OPPORTUNITIES`] observations on a skill without reaching mastery
//!   (Beck & Gong 2013: not mastering a skill within 10 practice opportunities).

use super::bkt::SkillParams;
use super::evidence::{observations, AttemptEvidence, Observation};
use super::mastery::DEFAULT_BKT_THRESHOLD;
use crate::json::read::tag;
use crate::json::{FromJson, Json, Members, Path, ReadError};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, VecDeque};

/// How many recent outcomes each skill keeps: enough for Kolibri's longest run (10 in a row).
pub const RECENT_OUTCOMES_KEPT: usize = 10;

/// Observations without mastery after which a skill is flagged as wheel-spinning (Beck & Gong 2013).
pub const WHEEL_SPIN_OPPORTUNITIES: u32 = 10;

/// A run of correct answers that counts as mastery for the wheel-spinning signal; Beck & Gong (2013) used
/// ASSISTments' "three correct in a row". P(known) >= [`DEFAULT_BKT_THRESHOLD`] counts too, so the signal
/// only fires when neither view sees mastery.
pub const WHEEL_SPIN_MASTERY_RUN: usize = 3;

/// Default "very long" response time: 5 minutes on one item. A chosen default, not a research figure.
pub const DEFAULT_VERY_LONG_MS: u64 = 5 * 60 * 1000;

/// What the model holds for one skill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SkillState {
    /// P(known) before the next answer.
    pub p_known: f64,
    /// Observations folded in (first attempts on items tagged with this skill).
    pub attempts: u32,
    /// Of those, the ones that counted as correct.
    pub correct: u32,
    /// Time of the last observation, ms since the Unix epoch.
    pub last_seen_ms: i64,
    /// The last [`RECENT_OUTCOMES_KEPT`] outcomes, oldest first.
    pub recent: VecDeque<bool>,
    /// Observations since mastery was last reached (or since the first one).
    pub attempts_since_mastery: u32,
}

impl SkillState {
    fn new(prior: f64, now_ms: i64) -> Self {
        SkillState {
            p_known: prior,
            attempts: 0,
            correct: 0,
            last_seen_ms: now_ms,
            recent: VecDeque::with_capacity(RECENT_OUTCOMES_KEPT),
            attempts_since_mastery: 0,
        }
    }

    fn record(&mut self, correct: bool, p_known_after: f64, now_ms: i64) {
        self.p_known = p_known_after;
        self.attempts = self.attempts.saturating_add(1);
        self.correct = self.correct.saturating_add(u32::from(correct));
        self.last_seen_ms = now_ms;
        if self.recent.len() == RECENT_OUTCOMES_KEPT {
            self.recent.pop_front();
        }
        self.recent.push_back(correct);
        self.attempts_since_mastery = if self.shows_mastery() {
            0
        } else {
            self.attempts_since_mastery.saturating_add(1)
        };
    }

    /// Mastery as the wheel-spinning signal sees it: P(known) at threshold, or a run of correct answers.
    fn shows_mastery(&self) -> bool {
        let run = self.recent.iter().rev().take_while(|&&c| c).count();
        self.p_known >= DEFAULT_BKT_THRESHOLD || run >= WHEEL_SPIN_MASTERY_RUN
    }

    /// Whether this skill is wheel-spinning now.
    pub fn is_wheel_spinning(&self) -> bool {
        self.attempts_since_mastery >= WHEEL_SPIN_OPPORTUNITIES
    }
}

/// How one observation moved one skill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SkillUpdate {
    pub skill_id: String,
    pub correct: bool,
    pub p_known_before: f64,
    pub p_correct_before: f64,
    pub p_known_after: f64,
}

/// Per-skill beliefs about one learner: a fold over observations.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct LearnerModel {
    params: SkillParams,
    skills: BTreeMap<String, SkillState>,
}

impl LearnerModel {
    /// An empty model: every skill at its prior.
    pub fn new(params: SkillParams) -> Self {
        LearnerModel {
            params,
            skills: BTreeMap::new(),
        }
    }

    /// Rebuilds a model from an attempt log of `(attempt, time in ms)`, in order.
    pub fn replay<'a, I>(params: SkillParams, log: I) -> Self
    where
        I: IntoIterator<Item = (&'a AttemptEvidence, i64)>,
    {
        let mut model = LearnerModel::new(params);
        for (attempt, now_ms) in log {
            model.apply_attempt(attempt, now_ms);
        }
        model
    }

    /// The BKT parameters in use.
    pub fn params(&self) -> &SkillParams {
        &self.params
    }

    /// The state of a skill that has been observed at least once.
    pub fn skill(&self, skill_id: &str) -> Option<&SkillState> {
        self.skills.get(skill_id)
    }

    /// Every observed skill, in id order.
    pub fn skills(&self) -> impl Iterator<Item = (&str, &SkillState)> {
        self.skills.iter().map(|(id, state)| (id.as_str(), state))
    }

    /// P(known) for a skill now: its prior if never observed.
    pub fn p_known(&self, skill_id: &str) -> f64 {
        self.skills
            .get(skill_id)
            .map_or_else(|| self.params.for_skill(skill_id).prior(), |s| s.p_known)
    }

    /// BKT P(correct) on the next item of a skill.
    pub fn p_correct(&self, skill_id: &str) -> f64 {
        self.params
            .for_skill(skill_id)
            .p_correct(self.p_known(skill_id))
    }

    /// BKT P(correct) on `item_id` for a skill, with the item's own guess and slip.
    pub fn p_correct_item(&self, skill_id: &str, item_id: &str) -> f64 {
        self.params
            .for_item(skill_id, item_id)
            .p_correct(self.p_known(skill_id))
    }

    /// Folds one observation in, read with the answered item's guess, slip and learn rate.
    pub fn apply(&mut self, obs: &Observation, now_ms: i64) -> SkillUpdate {
        let prior = self.params.for_skill(&obs.skill_id).prior();
        let params = self.params.for_item(&obs.skill_id, &obs.item_id);
        let state = self
            .skills
            .entry(obs.skill_id.clone())
            .or_insert_with(|| SkillState::new(prior, now_ms));
        let before = state.p_known;
        let after = params.update(before, obs.correct);
        state.record(obs.correct, after, now_ms);
        SkillUpdate {
            skill_id: obs.skill_id.clone(),
            correct: obs.correct,
            p_known_before: before,
            p_correct_before: params.p_correct(before),
            p_known_after: after,
        }
    }

    /// Applies the evidence rules to an attempt, then folds in each resulting observation.
    pub fn apply_attempt(&mut self, attempt: &AttemptEvidence, now_ms: i64) -> Vec<SkillUpdate> {
        observations(attempt)
            .iter()
            .map(|obs| self.apply(obs, now_ms))
            .collect()
    }

    /// The early warnings an attempt raises; call it after applying the attempt.
    pub fn warnings(&self, attempt: &AttemptEvidence, timing: &ItemTiming) -> Vec<EarlyWarning> {
        let mut warnings = timing_warnings(attempt, timing);
        let spinning = observations(attempt).into_iter().filter_map(|obs| {
            let state = self.skills.get(&obs.skill_id)?;
            state
                .is_wheel_spinning()
                .then_some(EarlyWarning::WheelSpinning {
                    skill_id: obs.skill_id,
                    attempts_since_mastery: state.attempts_since_mastery,
                })
        });
        warnings.extend(spinning);
        warnings
    }
}

/// Time norms for one item, supplied by the caller (e.g. from the item's word count and the learner's
/// accommodations).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemTiming {
    /// Time needed just to read the item; answers faster than this look like guesses. 0 disables.
    pub reading_ms: u64,
    /// Answers slower than this are flagged as very long.
    pub very_long_ms: u64,
}

impl ItemTiming {
    /// A reading-time estimate with the default very-long limit.
    pub fn new(reading_ms: u64) -> Self {
        ItemTiming {
            reading_ms,
            very_long_ms: DEFAULT_VERY_LONG_MS,
        }
    }
}

/// A signal for the teacher's early-warning view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(
    tag = "signal",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum EarlyWarning {
    /// Answered faster than the item can be read.
    Guessing {
        item_id: String,
        response_ms: u64,
        reading_ms: u64,
    },
    /// Took longer than the very-long limit.
    VeryLong {
        item_id: String,
        response_ms: u64,
        very_long_ms: u64,
    },
    /// Many observations on a skill without reaching mastery.
    WheelSpinning {
        skill_id: String,
        attempts_since_mastery: u32,
    },
}

impl EarlyWarning {
    /// One English sentence for a teacher.
    pub fn text(&self) -> String {
        match self {
            EarlyWarning::Guessing { item_id, response_ms, reading_ms } => format!(
                "Answered item {item_id} in {:.1} s, faster than the {:.1} s needed to read it: possibly guessing.",
                seconds(*response_ms),
                seconds(*reading_ms)
            ),
            EarlyWarning::VeryLong { item_id, response_ms, very_long_ms } => format!(
                "Spent {:.0} s on item {item_id}, more than {:.0} s: possibly stuck or away.",
                seconds(*response_ms),
                seconds(*very_long_ms)
            ),
            EarlyWarning::WheelSpinning { skill_id, attempts_since_mastery } => format!(
                "{attempts_since_mastery} answers on skill {skill_id} without reaching mastery \
                 (wheel-spinning): more practice of the same kind is unlikely to help; consider \
                 reteaching or a prerequisite."
            ),
        }
    }
}

/// The timing signals of one attempt, independent of the model.
pub fn timing_warnings(attempt: &AttemptEvidence, timing: &ItemTiming) -> Vec<EarlyWarning> {
    let mut warnings = Vec::new();
    if attempt.response_ms < timing.reading_ms {
        warnings.push(EarlyWarning::Guessing {
            item_id: attempt.item_id.clone(),
            response_ms: attempt.response_ms,
            reading_ms: timing.reading_ms,
        });
    }
    if attempt.response_ms > timing.very_long_ms {
        warnings.push(EarlyWarning::VeryLong {
            item_id: attempt.item_id.clone(),
            response_ms: attempt.response_ms,
            very_long_ms: timing.very_long_ms,
        });
    }
    warnings
}

fn seconds(ms: u64) -> f64 {
    ms as f64 / 1000.0
}

impl FromJson for EarlyWarning {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let kind = tag(
            json,
            &path,
            "signal",
            &["guessing", "very_long", "wheel_spinning"],
        )?;
        let m = Members::lenient(json, path)?;
        Ok(match kind {
            0 => EarlyWarning::Guessing {
                item_id: m.req("itemId")?,
                response_ms: m.req("responseMs")?,
                reading_ms: m.req("readingMs")?,
            },
            1 => EarlyWarning::VeryLong {
                item_id: m.req("itemId")?,
                response_ms: m.req("responseMs")?,
                very_long_ms: m.req("veryLongMs")?,
            },
            _ => EarlyWarning::WheelSpinning {
                skill_id: m.req("skillId")?,
                attempts_since_mastery: m.req("attemptsSinceMastery")?,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::bkt::BktParams;
    use proptest::prelude::*;

    fn attempt(item: &str, skills: &[&str], correct: bool) -> AttemptEvidence {
        AttemptEvidence {
            item_id: item.into(),
            skill_ids: skills.iter().map(|s| s.to_string()).collect(),
            correct,
            first_attempt: true,
            hints_used: 0,
            solution_viewed: false,
            gave_up: false,
            response_ms: 8_000,
        }
    }

    fn sample_log() -> Vec<(AttemptEvidence, i64)> {
        let mut log = Vec::new();
        for i in 0..25 {
            let mut a = attempt(&format!("q{}", i % 7), &["halves", "thirds"], i % 3 != 0);
            a.hints_used = u32::from(i % 5 == 0);
            a.first_attempt = i % 11 != 4;
            log.push((a, 1_700_000_000_000 + i64::from(i) * 30_000));
        }
        log
    }

    fn replay(log: &[(AttemptEvidence, i64)]) -> LearnerModel {
        LearnerModel::replay(SkillParams::default(), log.iter().map(|(a, t)| (a, *t)))
    }

    #[test]
    fn unseen_skill_is_at_its_prior() {
        let model = LearnerModel::default();
        assert_eq!(model.p_known("halves"), BktParams::default().prior());
        assert!(model.skill("halves").is_none());
    }

    #[test]
    fn apply_updates_counts_time_and_p_known() {
        let mut model = LearnerModel::default();
        let updates = model.apply_attempt(&attempt("q1", &["halves"], true), 1_000);
        let prior = BktParams::default().prior();
        assert_eq!(updates.len(), 1);
        assert_eq!(updates[0].p_known_before, prior);
        assert_eq!(
            updates[0].p_known_after,
            BktParams::default().update(prior, true)
        );
        let state = model.skill("halves").unwrap();
        assert_eq!(
            (state.attempts, state.correct, state.last_seen_ms),
            (1, 1, 1_000)
        );
        assert_eq!(state.recent, [true]);
        assert_eq!(model.p_known("halves"), updates[0].p_known_after);
    }

    #[test]
    fn later_attempts_and_help_follow_the_evidence_rules() {
        let mut model = LearnerModel::default();
        let mut retry = attempt("q1", &["halves"], true);
        retry.first_attempt = false;
        assert!(model.apply_attempt(&retry, 0).is_empty());
        let mut hinted = attempt("q1", &["halves"], true);
        hinted.hints_used = 2;
        model.apply_attempt(&hinted, 0);
        assert_eq!(model.skill("halves").unwrap().correct, 0);
    }

    #[test]
    fn per_skill_params_are_used() {
        let mut params = SkillParams::default();
        let halves = BktParams::new(0.6, 0.3, 0.1, 0.05, 0.0).unwrap();
        params.per_skill.insert("halves".into(), halves);
        let mut model = LearnerModel::new(params);
        assert_eq!(model.p_known("halves"), 0.6);
        model.apply_attempt(&attempt("q1", &["halves"], false), 0);
        assert_eq!(model.p_known("halves"), halves.update(0.6, false));
    }

    #[test]
    fn recent_outcomes_are_capped() {
        let mut model = LearnerModel::default();
        for i in 0..15 {
            model.apply_attempt(&attempt("q", &["halves"], i < 5), i);
        }
        let state = model.skill("halves").unwrap();
        assert_eq!(state.recent.len(), RECENT_OUTCOMES_KEPT);
        assert!(state.recent.iter().all(|&c| !c));
        assert_eq!((state.attempts, state.correct), (15, 5));
    }

    #[test]
    fn replaying_the_same_log_twice_gives_identical_models() {
        let log = sample_log();
        let a = replay(&log);
        let b = replay(&log);
        assert_eq!(a, b);
        assert!(a.skill("halves").is_some() && a.skill("thirds").is_some());
    }

    #[test]
    fn serialization_round_trips() {
        let model = replay(&sample_log());
        let json = serde_json::to_string(&model).unwrap();
        let back: LearnerModel = serde_json::from_str(&json).unwrap();
        assert_eq!(back.params(), model.params());
        for ((id_a, a), (id_b, b)) in model.skills().zip(back.skills()) {
            assert_eq!(id_a, id_b);
            // serde_json parses floats to within one ulp unless its `float_roundtrip` feature is on.
            assert!((a.p_known - b.p_known).abs() <= f64::EPSILON);
            let strip = |s: &SkillState| SkillState {
                p_known: 0.0,
                ..s.clone()
            };
            assert_eq!(strip(a), strip(b));
        }
        assert_eq!(model.skills().count(), back.skills().count());
    }

    #[test]
    fn wheel_spinning_after_ten_answers_without_mastery() {
        let mut model = LearnerModel::default();
        let timing = ItemTiming::new(0);
        for i in 0..WHEEL_SPIN_OPPORTUNITIES {
            let a = attempt("q", &["halves"], i % 2 == 0);
            model.apply_attempt(&a, i64::from(i));
            let spinning = model
                .warnings(&a, &timing)
                .iter()
                .any(|w| matches!(w, EarlyWarning::WheelSpinning { .. }));
            assert_eq!(
                spinning,
                i + 1 == WHEEL_SPIN_OPPORTUNITIES,
                "after {}",
                i + 1
            );
        }
        // Three in a row is mastery for this signal: the count starts over.
        for i in 0..3 {
            model.apply_attempt(&attempt("q", &["halves"], true), 100 + i);
        }
        let state = model.skill("halves").unwrap();
        assert_eq!(state.attempts_since_mastery, 0);
        assert!(!state.is_wheel_spinning());
    }

    #[test]
    fn timing_warnings_flag_fast_and_very_long_answers() {
        let timing = ItemTiming {
            reading_ms: 3_000,
            very_long_ms: 60_000,
        };
        let mut a = attempt("q1", &["halves"], true);
        a.response_ms = 1_200;
        let fast = timing_warnings(&a, &timing);
        assert_eq!(
            fast,
            [EarlyWarning::Guessing {
                item_id: "q1".into(),
                response_ms: 1_200,
                reading_ms: 3_000
            }]
        );
        assert!(fast[0].text().contains("1.2 s"));
        a.response_ms = 90_000;
        let slow = timing_warnings(&a, &timing);
        assert!(matches!(slow[..], [EarlyWarning::VeryLong { .. }]));
        assert!(slow[0].text().contains("90 s"));
        a.response_ms = 10_000;
        assert!(timing_warnings(&a, &timing).is_empty());
        assert!(timing_warnings(&a, &ItemTiming::new(0)).is_empty());
    }

    #[test]
    fn warnings_serialise_with_a_signal_tag() {
        let w = EarlyWarning::WheelSpinning {
            skill_id: "halves".into(),
            attempts_since_mastery: 10,
        };
        let json = serde_json::to_string(&w).unwrap();
        assert_eq!(
            json,
            r#"{"signal":"wheel_spinning","skillId":"halves","attemptsSinceMastery":10}"#
        );
        assert!(w.text().starts_with("10 answers on skill halves"));
    }

    fn any_attempt() -> impl Strategy<Value = (AttemptEvidence, i64)> {
        let skills = prop::sample::subsequence(vec!["a", "b", "c"], 1..=3);
        (
            skills,
            any::<bool>(),
            any::<bool>(),
            0u32..3,
            0i64..1_000_000,
        )
            .prop_map(|(skills, correct, first, hints, t)| {
                let mut a = attempt("q", &skills, correct);
                a.first_attempt = first;
                a.hints_used = hints;
                (a, t)
            })
    }

    proptest! {
        #[test]
        fn p_known_stays_a_probability_over_any_log(log in prop::collection::vec(any_attempt(), 0..80)) {
            let model = replay(&log);
            for (_, state) in model.skills() {
                prop_assert!((0.0..=1.0).contains(&state.p_known));
                prop_assert!(state.correct <= state.attempts);
            }
            prop_assert_eq!(replay(&log), model);
        }
    }
}
