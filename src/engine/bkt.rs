//! Bayesian Knowledge Tracing (BKT) for one skill: the parameters and the one-answer update.
//!
//! This is the arithmetic only. It does not know which answers count as evidence (see
//! [`super::evidence`]), keeps no per-learner state (see [`super::learner`]) and fits no parameters:
//! parameters come from the package (fitted offline, e.g. with pyBKT) or from [`BktParams::default`].
//!
//! The update is exactly pyBKT's forward pass (`pyBKT.fit.predict_onestep`, version 1.4.3), checked to
//! 1e-9 against pyBKT output in `tests/bkt_oracle.rs`:
//! - before an answer, `P(correct) = L(1-S) + (1-L)G`;
//! - after it, the filtered posterior `L' = L(1-S) / (L(1-S) + (1-L)G)` (correct) or
//!   `L' = LS / (LS + (1-L)(1-G))` (wrong);
//! - then the transition `L_next = L'(1-F) + (1-L')T`. pyBKT builds the transition matrix
//!   `[[1-T, F], [T, 1-F]]` over (unknown, known) and applies it to the posterior after *every* answer,
//!   the first included, and never before the first: the first answer is predicted from the prior itself.
//!   So forgetting is a per-opportunity chance, not a function of elapsed time. pyBKT only fits `F` when
//!   the model is built with `forgets=True`; otherwise `F = 0`, which is our default too.

use super::ktidem::{ItemStep, ItemValues, ValueSource};
pub use crate::package::{BktParam, BktParams, BktParamsError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

impl BktParams {
    /// P(correct) on the next answer when P(known) is `p_known`.
    pub fn p_correct(&self, p_known: f64) -> f64 {
        p_known * (1.0 - self.slip()) + (1.0 - p_known) * self.guess()
    }

    /// P(known) given the answer just observed (before the learning step).
    ///
    /// An answer the model says is impossible (probability 0) carries no information, so P(known) is
    /// returned unchanged rather than 0/0.
    pub fn posterior(&self, p_known: f64, correct: bool) -> f64 {
        let (if_known, if_unknown) = if correct {
            (
                p_known * (1.0 - self.slip()),
                (1.0 - p_known) * self.guess(),
            )
        } else {
            (
                p_known * self.slip(),
                (1.0 - p_known) * (1.0 - self.guess()),
            )
        };
        let total = if_known + if_unknown;
        if total <= 0.0 {
            return p_known;
        }
        let posterior = clamp_probability(if_known / total);
        // With guess + slip < 1 these bounds hold exactly; rounding near guess + slip = 1 can miss them
        // by one ulp, so enforce them (a difference of ~1e-16, far inside pyBKT agreement).
        if correct {
            posterior.max(p_known)
        } else {
            posterior.min(p_known)
        }
    }

    /// The learning (and forgetting) step applied after an answer, from the posterior.
    pub fn transition(&self, posterior: f64) -> f64 {
        clamp_probability(posterior * (1.0 - self.forget()) + (1.0 - posterior) * self.learn())
    }

    /// P(known) before the next answer, given P(known) before this one and whether it was correct.
    pub fn update(&self, p_known: f64, correct: bool) -> f64 {
        self.transition(self.posterior(p_known, correct))
    }

    /// The predictions before each answer of a sequence, starting from the prior (pyBKT's `predict`).
    pub fn trace(&self, answers: &[bool]) -> Vec<BktStep> {
        let mut p_known = self.prior();
        answers
            .iter()
            .map(|&correct| {
                let step = BktStep {
                    p_known_before: p_known,
                    p_correct_before: self.p_correct(p_known),
                };
                p_known = self.update(p_known, correct);
                step
            })
            .collect()
    }
}

/// What the model predicted just before one answer.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BktStep {
    pub p_known_before: f64,
    pub p_correct_before: f64,
}

/// BKT parameters for every skill of a course: the package's per-skill values, and a fallback.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SkillParams {
    /// Used for every skill not listed in `per_skill`.
    #[serde(default)]
    pub fallback: BktParams,
    /// Per skill id, usually fitted offline.
    #[serde(default)]
    pub per_skill: BTreeMap<String, BktParams>,
    /// Per item id: its own guess, slip and learn rate, where it has them, and its difficulty.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub per_item: BTreeMap<String, ItemValues>,
}

impl SkillParams {
    /// The parameters of `skill_id`.
    pub fn for_skill(&self, skill_id: &str) -> &BktParams {
        self.per_skill.get(skill_id).unwrap_or(&self.fallback)
    }

    /// The values an answer to `item_id` is read with for `skill_id` (see [`super::ktidem`]).
    pub fn for_item(&self, skill_id: &str, item_id: &str) -> ItemStep {
        self.for_item_with_source(skill_id, item_id).0
    }

    /// [`SkillParams::for_item`], and where the values came from.
    pub fn for_item_with_source(&self, skill_id: &str, item_id: &str) -> (ItemStep, ValueSource) {
        let skill = self.for_skill(skill_id);
        match self.per_item.get(item_id) {
            Some(item) => ItemStep::resolve(skill, item),
            None => (ItemStep::of_skill(skill), ValueSource::Skill),
        }
    }

    /// These parameters with the items' own values and difficulties added.
    pub fn with_items(mut self, items: impl IntoIterator<Item = (String, ItemValues)>) -> Self {
        self.per_item.extend(items);
        self
    }
}

/// Guards against rounding pushing a probability a hair outside `[0, 1]`; exact inputs are untouched.
fn clamp_probability(p: f64) -> f64 {
    p.clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn params(prior: f64, learn: f64, guess: f64, slip: f64, forget: f64) -> BktParams {
        BktParams::new(prior, learn, guess, slip, forget).unwrap()
    }

    #[test]
    fn rejects_out_of_range_and_names_the_field() {
        let err = BktParams::new(0.1, 1.2, 0.2, 0.1, 0.0).unwrap_err();
        assert_eq!(
            err,
            BktParamsError::OutOfRange {
                param: BktParam::Learn,
                value: 1.2
            }
        );
        assert!(err.to_string().contains("`learn`"));
        let nan = BktParams::new(0.1, 0.1, 0.2, 0.1, f64::NAN).unwrap_err();
        assert!(matches!(
            nan,
            BktParamsError::OutOfRange {
                param: BktParam::Forget,
                ..
            }
        ));
    }

    #[test]
    fn rejects_guess_plus_slip_of_one_or_more() {
        let err = BktParams::new(0.1, 0.1, 0.6, 0.4, 0.0).unwrap_err();
        assert!(matches!(err, BktParamsError::Degenerate { .. }));
        assert!(BktParams::new(0.1, 0.1, 0.6, 0.3, 0.0).is_ok());
    }

    #[test]
    fn deserialises_with_validation_and_optional_forget() {
        let p: BktParams =
            serde_json::from_str(r#"{"prior":0.3,"learn":0.2,"guess":0.1,"slip":0.05}"#).unwrap();
        assert_eq!(p.forget(), 0.0);
        let bad = serde_json::from_str::<BktParams>(
            r#"{"prior":0.3,"learn":0.2,"guess":0.1,"slip":-0.05}"#,
        );
        assert!(bad.unwrap_err().to_string().contains("`slip`"));
    }

    #[test]
    fn default_reaches_mastery_after_four_correct_in_a_row() {
        let p = BktParams::default();
        let mut known = p.prior();
        let mut steps = 0;
        while known < 0.95 {
            known = p.update(known, true);
            steps += 1;
        }
        assert_eq!(steps, 4);
    }

    #[test]
    fn textbook_step() {
        // L=0.5, S=0.1, G=0.2, T=0.1: posterior after correct 0.45/0.55, then + (1-L')T.
        let p = params(0.5, 0.1, 0.2, 0.1, 0.0);
        assert!((p.p_correct(0.5) - 0.55).abs() < 1e-15);
        let post = 0.45 / 0.55;
        assert!((p.update(0.5, true) - (post + (1.0 - post) * 0.1)).abs() < 1e-15);
    }

    #[test]
    fn impossible_answer_leaves_p_known_unchanged() {
        let p = params(0.0, 0.0, 0.0, 0.0, 0.0);
        assert_eq!(p.posterior(0.0, true), 0.0);
        assert_eq!(p.posterior(1.0, false), 1.0);
    }

    #[test]
    fn rounding_never_reverses_the_direction_of_evidence() {
        // Found by brute force: guess + slip a hair below 1, where the plain division loses one ulp.
        let p = params(
            0.5,
            0.1,
            0.787_905_822_805_643_4,
            0.212_094_177_194_356_53,
            0.0,
        );
        let known = 0.800_218_581_801_481_2;
        assert!(p.posterior(known, true) >= known);
        assert!(p.posterior(known, false) <= known);
    }

    #[test]
    fn per_skill_params_fall_back_to_the_default() {
        let mut sp = SkillParams::default();
        sp.per_skill
            .insert("halves".into(), params(0.5, 0.2, 0.1, 0.1, 0.0));
        assert_eq!(sp.for_skill("halves").prior(), 0.5);
        assert_eq!(sp.for_skill("thirds"), &BktParams::default());
    }

    fn any_params() -> impl Strategy<Value = BktParams> {
        // Slip as a share of what guess leaves, often a hair below guess + slip = 1 where rounding bites.
        let margin = prop_oneof![0.0..=1.0f64, (6.0..16.0f64).prop_map(|e| 10f64.powf(-e))];
        (
            0.0..=1.0f64,
            0.0..=1.0f64,
            0.0..1.0f64,
            margin,
            0.0..=1.0f64,
        )
            .prop_filter_map(
                "guess + slip must stay below 1",
                |(prior, learn, guess, margin, forget)| {
                    let slip = (1.0 - guess) * (1.0 - margin);
                    BktParams::new(prior, learn, guess, slip, forget).ok()
                },
            )
    }

    proptest! {
        #[test]
        fn p_known_stays_a_probability(p in any_params(), answers in prop::collection::vec(any::<bool>(), 0..60)) {
            for step in p.trace(&answers) {
                prop_assert!((0.0..=1.0).contains(&step.p_known_before));
                prop_assert!((0.0..=1.0).contains(&step.p_correct_before));
            }
        }

        #[test]
        fn correct_never_lowers_and_wrong_never_raises(p in any_params(), known in 0.0..=1.0f64) {
            prop_assert!(p.posterior(known, true) >= known);
            prop_assert!(p.posterior(known, false) <= known);
        }
    }
}
