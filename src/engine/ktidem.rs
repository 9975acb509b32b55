//! Item-level evidence and learning: BKT with a guess, a slip and a learn rate per item (KT-IDEM, Pardos &
//! Heffernan 2011, with per-item learning: pyBKT's `multigs` + `multilearn`).
//!
//! A skill keeps one P(known), one prior and one forget rate; each answered item brings its own guess and
//! slip (what its answer says about the known state) and its own learn rate (how much answering it, with its
//! feedback, teaches). The answer's arithmetic is plain BKT's with the item's values in place of the
//! skill's, checked against pyBKT 1.4.3 to 1e-9 in `tests/ktidem_oracle.rs`:
//! - before the answer, `P(correct) = L(1 - s_i) + (1 - L)g_i`;
//! - after it, the posterior with `g_i`, `s_i`; then `L_next = L'(1 - F) + (1 - L')T_i`, with the
//!   answered item's learn rate `T_i`.
//!
//! Where an item's values come from ([`SkillParams::for_item`](super::SkillParams::for_item)), value by
//! value: the item's own (fitted, written by `pacer fit`); else the skill's (the package's fitted `bkt`, or
//! the engine's defaults), with guess and slip moved by the author's `difficulty` on the logit scale
//! (`g_i = σ(logit g − d)`, `s_i = σ(logit s + d)`: a harder item is less guessable and more often slipped;
//! at `d = 0` they are the skill's values). The shift keeps `g_i + s_i < 1` whenever `g + s < 1`, since
//! `logit g + logit s < 0` is the same condition.
//!
//! This module is arithmetic and lookup only: which answers count is [`super::evidence`], the per-learner
//! state is [`super::learner`], choosing items is [`super::select`].

use super::bkt::BktParams;
use crate::json::read::one_of;
use crate::json::{FromJson, Json, Path, ReadError};
use serde::{Deserialize, Serialize};

pub use crate::package::ItemValues;

/// The values one answer to one item of one skill is read with.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemStep {
    /// P(correct | not known).
    pub guess: f64,
    /// P(wrong | known).
    pub slip: f64,
    /// P(not known -> known) after this answer.
    pub learn: f64,
    /// P(known -> not known) after this answer (the skill's).
    pub forget: f64,
}

/// Where an item's values came from, value by value (for the "Why this question?" numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueSource {
    /// The item's own (fitted) value.
    Item,
    /// The skill's values (the item is of typical difficulty).
    Skill,
    /// The skill's guess and slip moved by the item's difficulty.
    Difficulty,
}

impl ItemStep {
    /// The item's values: its own where it has them, else the skill's with guess and slip moved by the
    /// item's difficulty.
    pub fn resolve(skill: &BktParams, item: &ItemValues) -> (ItemStep, ValueSource) {
        let d = item.difficulty;
        let from_skill = |own: Option<f64>, value: f64, shift: f64| {
            own.unwrap_or_else(|| {
                if shift == 0.0 || value <= 0.0 || value >= 1.0 {
                    value
                } else {
                    sigmoid(logit(value) + shift)
                }
            })
        };
        let step = ItemStep {
            guess: from_skill(item.guess, skill.guess(), -d),
            slip: from_skill(item.slip, skill.slip(), d),
            learn: item.learn.unwrap_or(skill.learn()),
            forget: skill.forget(),
        };
        let source = if item.guess.is_some() || item.slip.is_some() || item.learn.is_some() {
            ValueSource::Item
        } else if d == 0.0 {
            ValueSource::Skill
        } else {
            ValueSource::Difficulty
        };
        (step, source)
    }

    /// The skill's own values, as plain BKT reads every answer.
    pub fn of_skill(skill: &BktParams) -> ItemStep {
        ItemStep {
            guess: skill.guess(),
            slip: skill.slip(),
            learn: skill.learn(),
            forget: skill.forget(),
        }
    }

    /// P(correct) on this item when P(known) is `p_known`.
    pub fn p_correct(&self, p_known: f64) -> f64 {
        p_known * (1.0 - self.slip) + (1.0 - p_known) * self.guess
    }

    /// P(known) given this item's answer, before learning. An answer the model calls impossible carries no
    /// information; with `guess + slip < 1` a right answer never lowers P(known) and a wrong one never
    /// raises it (enforced against rounding, as [`BktParams::posterior`] does).
    pub fn posterior(&self, p_known: f64, correct: bool) -> f64 {
        let (if_known, if_unknown) = if correct {
            (p_known * (1.0 - self.slip), (1.0 - p_known) * self.guess)
        } else {
            (p_known * self.slip, (1.0 - p_known) * (1.0 - self.guess))
        };
        let total = if_known + if_unknown;
        if total <= 0.0 {
            return p_known;
        }
        let posterior = (if_known / total).clamp(0.0, 1.0);
        if correct {
            posterior.max(p_known)
        } else {
            posterior.min(p_known)
        }
    }

    /// The learning and forgetting step after this answer.
    pub fn transition(&self, posterior: f64) -> f64 {
        (posterior * (1.0 - self.forget) + (1.0 - posterior) * self.learn).clamp(0.0, 1.0)
    }

    /// P(known) before the next answer.
    pub fn update(&self, p_known: f64, correct: bool) -> f64 {
        self.transition(self.posterior(p_known, correct))
    }
}

pub(crate) fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

pub(crate) fn logit(p: f64) -> f64 {
    (p / (1.0 - p)).ln()
}

impl FromJson for ValueSource {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        const SOURCES: [ValueSource; 3] = [
            ValueSource::Item,
            ValueSource::Skill,
            ValueSource::Difficulty,
        ];
        let i = one_of(json, &path, &["item", "skill", "difficulty"])?;
        Ok(SOURCES[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn skill() -> BktParams {
        BktParams::new(0.1, 0.1, 0.2, 0.1, 0.0).unwrap()
    }

    #[test]
    fn own_values_win_then_the_skill_moved_by_difficulty() {
        let own = ItemValues {
            guess: Some(0.05),
            slip: None,
            learn: Some(0.3),
            difficulty: 0.0,
        };
        let (step, source) = ItemStep::resolve(&skill(), &own);
        assert_eq!((step.guess, step.slip, step.learn), (0.05, 0.1, 0.3));
        assert_eq!(source, ValueSource::Item);
        let typical = ItemStep::resolve(&skill(), &ItemValues::default());
        assert_eq!(typical, (ItemStep::of_skill(&skill()), ValueSource::Skill));
        let hard = ItemValues {
            difficulty: 2.0,
            ..Default::default()
        };
        let (derived, source) = ItemStep::resolve(&skill(), &hard);
        assert_eq!(source, ValueSource::Difficulty);
        assert!(derived.guess < 0.2 && derived.slip > 0.1, "{derived:?}");
        assert!((derived.guess - sigmoid(logit(0.2) - 2.0)).abs() < 1e-15);
        assert!((derived.slip - sigmoid(logit(0.1) + 2.0)).abs() < 1e-15);
        assert_eq!(derived.learn, 0.1);
    }

    #[test]
    fn a_low_guess_item_moves_p_known_more_than_an_easy_one() {
        let informative = ItemStep {
            guess: 0.05,
            slip: 0.1,
            learn: 0.0,
            forget: 0.0,
        };
        let easy = ItemStep {
            guess: 0.35,
            ..informative
        };
        assert!(informative.update(0.3, true) > easy.update(0.3, true));
    }

    proptest! {
        #[test]
        fn difficulty_keeps_guess_plus_slip_below_one(g in 0.001..0.999f64, frac in 0.0..0.999f64, d in -6.0..6.0f64) {
            let s = (1.0 - g) * frac;
            let skill = BktParams::new(0.1, 0.1, g, s, 0.0).unwrap();
            let item = ItemValues { difficulty: d, ..Default::default() };
            let step = ItemStep::resolve(&skill, &item).0;
            prop_assert!(step.guess + step.slip < 1.0 + 1e-12);
        }
    }
}
