//! The adaptive engine's pure core: what the learner knows, skill by skill, and which item comes next,
//! with a reason for every decision.
//!
//! It is a deterministic fold: the [`LearnerModel`] is built by applying observations from the attempt log
//! in order, times are passed in as milliseconds since the Unix epoch, and the only randomness comes from
//! the learner's [`SeededRng`](crate::rng::SeededRng). Replaying a stored log reproduces every number and
//! every decision. It is not the player: it never touches the DOM, storage, the network or the clock, does
//! not score answers (that is `check`) and does not sequence a session (that is `session`, which
//! hands the engine its log through [`LoggedAnswer`]).
//!
//! Where to start reading:
//! - [`evidence`]: which attempts count, and as what (first attempts only; help counts as incorrect);
//! - [`bkt`]: Bayesian Knowledge Tracing, matching pyBKT to 1e-9;
//! - [`ktidem`]: guess, slip and learn rate per item (pyBKT's `multigs` + `multilearn`), with fallbacks;
//! - [`learner`]: the per-skill [`LearnerModel`] and the early-warning signals;
//! - [`mastery`]: the per-activity mastery rules (`bkt`, `do_all`, `n_in_a_row`, `m_of_n`);
//! - [`select`]: the next item within a skill, nearest a target success rate, with a [`Reason`];
//! - [`fit`]: KT-IDEM fitted to a class's answers by EM (what `pacer fit` runs);
//! - [`fsrs`]: FSRS-6 memory states for spaced review of mastered skills;
//! - [`fold`]: the attempt log folded into the course model and mastery times, at once or as it grows;
//! - [`plan`]: across the course: what is open, and a ranked short list of what to do next and why
//!   (assigned, remediation, spaced review, continue, next skill, pre-check), with teacher overrides.

pub mod bkt;
pub mod evidence;
pub mod fit;
pub mod fold;
pub mod fsrs;
pub mod ktidem;
pub mod learner;
pub mod mastery;
pub mod plan;
pub mod practice;
pub mod select;
pub mod workload;

pub use bkt::{BktParam, BktParams, BktParamsError, BktStep, SkillParams};
pub use evidence::{observations, opportunity, AttemptEvidence, LoggedAnswer, Observation};
pub use ktidem::{ItemStep, ItemValues, ValueSource};
pub use learner::{
    timing_warnings, EarlyWarning, ItemTiming, LearnerModel, SkillState, SkillUpdate,
};
pub use mastery::{
    MasteryEvidence, MasteryRule, MasteryRuleError, MasteryStatus, Progress, DEFAULT_BKT_THRESHOLD,
};
pub use plan::{
    plan, Accommodations, Lock, Numbers, Overrides, Plan, PlanInput, Recommendation, Status, Why,
};
pub use select::{
    predicted_success, select_item, Candidate, Choice, ItemPrediction, Reason, SelectError,
    Selection, SelectionPolicy, SelectionPolicyError,
};
