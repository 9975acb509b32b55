//! The learner-model settings an author writes: BKT parameters per skill (`"bkt"` in `pkg.json`), the
//! mastery rule per activity (`"mastery"`), the target success rate of practice, and what an item says to
//! the engine ([`ItemValues`]: its own fitted values and its difficulty). Validated here,
//! because a package with a degenerate parameter must be refused when it is read.
//!
//! Only the settings: the arithmetic of BKT, evaluating a rule and choosing items are the engine's work
//! (`engine::bkt`, `engine::mastery`, `engine::select`), which adds its methods to these types.

use serde::{Deserialize, Serialize};
use std::fmt;
use thiserror::Error;

/// The success rate practice aims for when it picks the next item (see `engine::select`).
pub const DEFAULT_TARGET_SUCCESS: f64 = 0.75;

/// One of the five BKT parameters, to name it in errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BktParam {
    Prior,
    Learn,
    Guess,
    Slip,
    Forget,
}

impl fmt::Display for BktParam {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            BktParam::Prior => "prior",
            BktParam::Learn => "learn",
            BktParam::Guess => "guess",
            BktParam::Slip => "slip",
            BktParam::Forget => "forget",
        };
        f.write_str(name)
    }
}

/// Why a set of BKT parameters was refused.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum BktParamsError {
    /// A parameter is not a probability.
    #[error("BKT parameter `{param}` must be a probability between 0 and 1, got {value}")]
    OutOfRange { param: BktParam, value: f64 },
    /// `guess + slip >= 1`: a correct answer would then be evidence *against* knowing the skill.
    #[error(
        "BKT parameters `guess` ({guess}) + `slip` ({slip}) must be below 1, or a correct answer \
         would lower P(known); refit the skill or keep guess and slip below 0.5"
    )]
    Degenerate { guess: f64, slip: f64 },
}

/// The parameters of one skill, validated: each is in `[0, 1]` and `guess + slip < 1`.
///
/// `guess + slip < 1` is exactly the condition under which a correct answer never lowers P(known) and a
/// wrong one never raises it (a property test pins this). Fitted values far from it are still suspect:
/// Corbett & Anderson (1995) bounded guess at 0.3 and slip at 0.1 when fitting.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawBktParams")]
pub struct BktParams {
    prior: f64,
    learn: f64,
    guess: f64,
    slip: f64,
    forget: f64,
}

/// The unvalidated JSON shape; `forget` may be left out (standard BKT has none).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBktParams {
    prior: f64,
    learn: f64,
    guess: f64,
    slip: f64,
    #[serde(default)]
    forget: f64,
}

impl TryFrom<RawBktParams> for BktParams {
    type Error = BktParamsError;

    fn try_from(raw: RawBktParams) -> Result<Self, Self::Error> {
        BktParams::new(raw.prior, raw.learn, raw.guess, raw.slip, raw.forget)
    }
}

impl Default for BktParams {
    /// Chosen, not fitted, for skills a package gives no parameters for:
    /// - `guess` 0.2 and `slip` 0.1 sit inside the conventional bounds (0.3 and 0.1) of Corbett & Anderson
    ///   (1995), so answers are informative and the model cannot degenerate;
    /// - `prior` 0.1: a new skill is assumed not yet known; a pre-check is how a learner shows otherwise;
    /// - `learn` 0.1: with the above, four correct first attempts in a row take a new skill past the usual
    ///   0.95 mastery threshold, close to Kolibri's common "3 or 5 in a row";
    /// - `forget` 0: standard BKT, and pyBKT's default (`forgets=False`).
    fn default() -> Self {
        BktParams {
            prior: 0.1,
            learn: 0.1,
            guess: 0.2,
            slip: 0.1,
            forget: 0.0,
        }
    }
}

impl BktParams {
    /// Validated parameters: each a probability in `[0, 1]`, and `guess + slip < 1`.
    pub fn new(
        prior: f64,
        learn: f64,
        guess: f64,
        slip: f64,
        forget: f64,
    ) -> Result<Self, BktParamsError> {
        let named = [
            (BktParam::Prior, prior),
            (BktParam::Learn, learn),
            (BktParam::Guess, guess),
            (BktParam::Slip, slip),
            (BktParam::Forget, forget),
        ];
        for (param, value) in named {
            if !(0.0..=1.0).contains(&value) {
                return Err(BktParamsError::OutOfRange { param, value });
            }
        }
        if guess + slip >= 1.0 {
            return Err(BktParamsError::Degenerate { guess, slip });
        }
        Ok(BktParams {
            prior,
            learn,
            guess,
            slip,
            forget,
        })
    }

    /// P(known) before any evidence.
    pub fn prior(&self) -> f64 {
        self.prior
    }
    /// P(unknown -> known) at each opportunity.
    pub fn learn(&self) -> f64 {
        self.learn
    }
    /// P(correct | unknown).
    pub fn guess(&self) -> f64 {
        self.guess
    }
    /// P(wrong | known).
    pub fn slip(&self) -> f64 {
        self.slip
    }
    /// P(known -> unknown) at each opportunity.
    pub fn forget(&self) -> f64 {
        self.forget
    }
}

/// The usual BKT mastery threshold (Corbett & Anderson 1995).
pub const DEFAULT_BKT_THRESHOLD: f64 = 0.95;

/// How an activity decides mastery. Deserialised (and validated) from the tagged JSON shown above.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawMasteryRule", into = "RawMasteryRule")]
pub enum MasteryRule {
    /// P(known) >= threshold.
    Bkt { threshold: f64 },
    /// Every item of the activity correct.
    DoAll,
    /// The last `n` answers correct.
    NInARow { n: u32 },
    /// At least `m` of the last `n` answers correct.
    MOfN { m: u32, n: u32 },
}

/// The JSON shape, before validation.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case", deny_unknown_fields)]
enum RawMasteryRule {
    Bkt {
        #[serde(default = "default_threshold")]
        threshold: f64,
    },
    DoAll,
    NInARow {
        n: u32,
    },
    MOfN {
        m: u32,
        n: u32,
    },
}

fn default_threshold() -> f64 {
    DEFAULT_BKT_THRESHOLD
}

/// Why a mastery rule was refused.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum MasteryRuleError {
    #[error("the `bkt` mastery threshold must be above 0 and at most 1, got {0}")]
    Threshold(f64),
    #[error("`n_in_a_row` needs `n` of at least 1, got 0")]
    EmptyRun,
    #[error("`m_of_n` needs 1 <= m <= n, got m = {m}, n = {n}")]
    MOfN { m: u32, n: u32 },
}

impl TryFrom<RawMasteryRule> for MasteryRule {
    type Error = MasteryRuleError;

    fn try_from(raw: RawMasteryRule) -> Result<Self, Self::Error> {
        let rule = match raw {
            RawMasteryRule::Bkt { threshold } => MasteryRule::Bkt { threshold },
            RawMasteryRule::DoAll => MasteryRule::DoAll,
            RawMasteryRule::NInARow { n } => MasteryRule::NInARow { n },
            RawMasteryRule::MOfN { m, n } => MasteryRule::MOfN { m, n },
        };
        rule.validate()?;
        Ok(rule)
    }
}

impl From<MasteryRule> for RawMasteryRule {
    fn from(rule: MasteryRule) -> Self {
        match rule {
            MasteryRule::Bkt { threshold } => RawMasteryRule::Bkt { threshold },
            MasteryRule::DoAll => RawMasteryRule::DoAll,
            MasteryRule::NInARow { n } => RawMasteryRule::NInARow { n },
            MasteryRule::MOfN { m, n } => RawMasteryRule::MOfN { m, n },
        }
    }
}

impl Default for MasteryRule {
    /// BKT at the usual threshold.
    fn default() -> Self {
        MasteryRule::Bkt {
            threshold: DEFAULT_BKT_THRESHOLD,
        }
    }
}

impl MasteryRule {
    /// Checks a rule built in code (JSON is checked when deserialised).
    pub fn validate(&self) -> Result<(), MasteryRuleError> {
        match *self {
            MasteryRule::Bkt { threshold } if !(threshold > 0.0 && threshold <= 1.0) => {
                Err(MasteryRuleError::Threshold(threshold))
            }
            MasteryRule::NInARow { n: 0 } => Err(MasteryRuleError::EmptyRun),
            MasteryRule::MOfN { m, n } if m == 0 || m > n => Err(MasteryRuleError::MOfN { m, n }),
            _ => Ok(()),
        }
    }
}

/// What the package says about one item, for the engine: its own values (each optional) and its
/// difficulty. Values are range-checked when the package is validated.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemValues {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guess: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slip: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learn: Option<f64>,
    /// The author's difficulty on the logit scale (0 typical).
    #[serde(default)]
    pub difficulty: f64,
}
