//! Item selection within a skill: which item to show next, and why.
//!
//! The rule (Pelánek's "target success rate" for adaptive practice): predict the learner's success on
//! every candidate item and pick the one nearest a target (default 0.75), skipping the last few items
//! seen. When every fixed item was seen recently and a parameterised item exists, a fresh variant of it is
//! generated (its seed is drawn from the learner's [`SeededRng`]); only when neither is possible is the
//! item seen longest ago repeated.
//!
//! **Predicted success** combines BKT with item difficulty through Pelánek's Elo-style logistic
//! `P = g + (1 - g) * sigmoid(skill - difficulty)`:
//! - `g` is the skill's BKT guess;
//! - `skill` is chosen so that an item of difficulty 0 gets exactly BKT's `P(correct)`:
//!   `skill = logit((P_bkt(correct) - g) / (1 - g))` (the share above guessing, clamped to
//!   `[1e-6, 1 - 1e-6]` so it stays finite);
//! - `difficulty` is on that logit scale: 0 is an item of typical difficulty for its skill, +1 divides the
//!   odds of a non-guessed success by e (about 2.7), -1 multiplies them by e. Authored values between -2
//!   and +2 cover "much easier" to "much harder".
//!
//! Only the practised skill's estimate is used, even for items tagged with several skills.
//!
//! Deterministic: candidates are taken in the order given, ties go to the earlier one, and the only
//! randomness is the variant seed from the caller's generator. Every [`Selection`] carries a [`Reason`]
//! with the numbers used and a sentence for teachers. This module does not choose the skill or the
//! activity, and does not build variants (it only seeds them).

use super::bkt::BktParams;
use super::learner::LearnerModel;
use crate::rng::SeededRng;
use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use crate::package::DEFAULT_TARGET_SUCCESS;

/// The default number of most recent items not to repeat.
pub const DEFAULT_AVOID_RECENT: usize = 3;

/// Keeps the skill logit finite when P(known) is exactly 0 or 1.
const SHARE_LIMIT: f64 = 1e-6;

/// An item that could be shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    pub item_id: String,
    pub skill_ids: Vec<String>,
    /// Difficulty on the logit scale described in the module docs; 0 is typical.
    #[serde(default)]
    pub difficulty: f64,
    /// The item generates variants from a seed (numbers, names...).
    #[serde(default)]
    pub parameterised: bool,
}

/// How to choose, configurable per activity: JSON `{"targetSuccess": 0.8, "avoidRecent": 3}`, both
/// optional.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawSelectionPolicy", rename_all = "camelCase")]
pub struct SelectionPolicy {
    target_success: f64,
    avoid_recent: usize,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RawSelectionPolicy {
    #[serde(default = "default_target")]
    target_success: f64,
    #[serde(default = "default_avoid_recent")]
    avoid_recent: usize,
}

fn default_target() -> f64 {
    DEFAULT_TARGET_SUCCESS
}

fn default_avoid_recent() -> usize {
    DEFAULT_AVOID_RECENT
}

impl TryFrom<RawSelectionPolicy> for SelectionPolicy {
    type Error = SelectionPolicyError;

    fn try_from(raw: RawSelectionPolicy) -> Result<Self, Self::Error> {
        SelectionPolicy::new(raw.target_success, raw.avoid_recent)
    }
}

/// Why a selection policy was refused.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum SelectionPolicyError {
    #[error("the target success must be strictly between 0 and 1 (0.75 is usual), got {0}")]
    Target(f64),
}

impl Default for SelectionPolicy {
    fn default() -> Self {
        SelectionPolicy {
            target_success: DEFAULT_TARGET_SUCCESS,
            avoid_recent: DEFAULT_AVOID_RECENT,
        }
    }
}

impl SelectionPolicy {
    /// A policy aiming at `target_success` and not repeating the last `avoid_recent` items.
    pub fn new(target_success: f64, avoid_recent: usize) -> Result<Self, SelectionPolicyError> {
        if !(target_success > 0.0 && target_success < 1.0) {
            return Err(SelectionPolicyError::Target(target_success));
        }
        Ok(SelectionPolicy {
            target_success,
            avoid_recent,
        })
    }

    pub fn target_success(&self) -> f64 {
        self.target_success
    }

    pub fn avoid_recent(&self) -> usize {
        self.avoid_recent
    }
}

/// Why selection could not choose.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SelectError {
    #[error(
        "no candidate item practises skill `{skill_id}`: tag items with it or check the skill id"
    )]
    NoItems { skill_id: String },
}

/// Which branch of the rule made the choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    /// Nearest the target among items not seen recently.
    NearestTarget,
    /// Every item was seen recently: a new variant of a parameterised item.
    FreshVariant,
    /// Every item was seen recently and none is parameterised: the one seen longest ago.
    RepeatOldest,
}

/// One candidate's predicted success, as considered.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(rename_all = "camelCase")]
pub struct ItemPrediction {
    pub item_id: String,
    pub predicted_success: f64,
}

/// Why an item was chosen: the numbers used, and a sentence a teacher can read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(rename_all = "camelCase")]
pub struct Reason {
    pub choice: Choice,
    pub skill_id: String,
    pub item_id: String,
    /// BKT P(known) of the skill.
    pub p_known: f64,
    /// BKT P(correct) of the skill, before item difficulty.
    pub p_correct_skill: f64,
    pub difficulty: f64,
    pub predicted_success: f64,
    pub target_success: f64,
    /// Items left out because they were seen recently, most recent first.
    pub excluded_recent: Vec<String>,
    /// The items the choice was made among, in candidate order.
    pub considered: Vec<ItemPrediction>,
    /// The decision in one or two English sentences.
    pub text: String,
}

/// The chosen item.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(rename_all = "camelCase")]
pub struct Selection {
    pub item_id: String,
    /// For a parameterised item: the seed of the variant to build.
    pub variant_seed: Option<u64>,
    pub reason: Reason,
}

/// Predicted success on an item of `difficulty` for a skill with `params` at P(known) `p_known`.
pub fn predicted_success(params: &BktParams, p_known: f64, difficulty: f64) -> f64 {
    let guess = params.guess();
    let share = (params.p_correct(p_known) - guess) / (1.0 - guess);
    let skill = logit(share.clamp(SHARE_LIMIT, 1.0 - SHARE_LIMIT));
    guess + (1.0 - guess) * sigmoid(skill - difficulty)
}

/// Chooses the next item for `skill_id` among `candidates`, given the items seen so far (`history`,
/// oldest first). Draws from `rng` only when the chosen item is parameterised.
pub fn select_item(
    skill_id: &str,
    candidates: &[Candidate],
    model: &LearnerModel,
    history: &[String],
    policy: &SelectionPolicy,
    rng: &mut SeededRng,
) -> Result<Selection, SelectError> {
    let eligible: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| c.skill_ids.iter().any(|s| s == skill_id))
        .collect();
    let excluded = recent_items(history, policy.avoid_recent);
    let (choice, pool) = choose_pool(&eligible, &excluded, history);
    let params = model.params().for_skill(skill_id);
    let p_known = model.p_known(skill_id);
    let considered = predictions(&pool, params, p_known);
    let best = nearest(&considered, policy.target_success).ok_or_else(|| SelectError::NoItems {
        skill_id: skill_id.to_string(),
    })?;
    let chosen = pool[best];
    let variant_seed = chosen.parameterised.then(|| rng.next_u64());
    let mut reason = Reason {
        choice,
        skill_id: skill_id.to_string(),
        item_id: chosen.item_id.clone(),
        p_known,
        p_correct_skill: params.p_correct(p_known),
        difficulty: chosen.difficulty,
        predicted_success: considered[best].predicted_success,
        target_success: policy.target_success,
        excluded_recent: excluded,
        considered,
        text: String::new(),
    };
    reason.text = reason_text(&reason, variant_seed.is_some());
    Ok(Selection {
        item_id: chosen.item_id.clone(),
        variant_seed,
        reason,
    })
}

/// The distinct items among the last `k` of `history`, most recent first.
fn recent_items(history: &[String], k: usize) -> Vec<String> {
    let mut recent: Vec<String> = Vec::new();
    for item in history.iter().rev().take(k) {
        if !recent.contains(item) {
            recent.push(item.clone());
        }
    }
    recent
}

/// Which branch applies, and the items it chooses among (never empty when `eligible` is not).
fn choose_pool<'a>(
    eligible: &[&'a Candidate],
    excluded: &[String],
    history: &[String],
) -> (Choice, Vec<&'a Candidate>) {
    let fresh: Vec<&Candidate> = eligible
        .iter()
        .copied()
        .filter(|c| !excluded.contains(&c.item_id))
        .collect();
    if !fresh.is_empty() {
        return (Choice::NearestTarget, fresh);
    }
    let variants: Vec<&Candidate> = eligible
        .iter()
        .copied()
        .filter(|c| c.parameterised)
        .collect();
    if !variants.is_empty() {
        return (Choice::FreshVariant, variants);
    }
    let oldest = eligible
        .iter()
        .copied()
        .min_by_key(|c| history.iter().rposition(|seen| *seen == c.item_id));
    (Choice::RepeatOldest, oldest.into_iter().collect())
}

fn predictions(pool: &[&Candidate], params: &BktParams, p_known: f64) -> Vec<ItemPrediction> {
    pool.iter()
        .map(|c| ItemPrediction {
            item_id: c.item_id.clone(),
            predicted_success: predicted_success(params, p_known, c.difficulty),
        })
        .collect()
}

/// Index of the prediction nearest `target` (the first one on a tie); `None` when there is none.
fn nearest(predictions: &[ItemPrediction], target: f64) -> Option<usize> {
    let distance = |i: usize| (predictions[i].predicted_success - target).abs();
    (0..predictions.len()).reduce(|best, i| {
        if distance(i) < distance(best) {
            i
        } else {
            best
        }
    })
}

fn reason_text(r: &Reason, variant: bool) -> String {
    let numbers = format!(
        "predicted success {:.2}, target {:.2}, estimated P(known) {:.2}",
        r.predicted_success, r.target_success, r.p_known
    );
    let (item, skill) = (&r.item_id, &r.skill_id);
    match r.choice {
        Choice::NearestTarget => {
            let mut text = format!(
                "Chose item {item} to practise skill {skill}: of {} items, its predicted success is the \
                 closest to the target ({numbers}).",
                r.considered.len()
            );
            if !r.excluded_recent.is_empty() {
                text.push_str(&format!(
                    " Skipped recently seen: {}.",
                    r.excluded_recent.join(", ")
                ));
            }
            if variant {
                text.push_str(" A new variant of it was generated.");
            }
            text
        }
        Choice::FreshVariant => format!(
            "Every item for skill {skill} was seen recently, so a new variant of the parameterised \
             item {item} was generated ({numbers})."
        ),
        Choice::RepeatOldest => format!(
            "Every item for skill {skill} was seen recently and none can make new variants, so item \
             {item}, seen longest ago, is repeated ({numbers})."
        ),
    }
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

fn logit(p: f64) -> f64 {
    (p / (1.0 - p)).ln()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::bkt::SkillParams;
    use crate::engine::evidence::Observation;

    fn item(id: &str, difficulty: f64, parameterised: bool) -> Candidate {
        Candidate {
            item_id: id.into(),
            skill_ids: vec!["halves".into()],
            difficulty,
            parameterised,
        }
    }

    fn history(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    /// A model with `halves` at P(known) `p_known` (guess 0.2, slip 0.1, no learning).
    fn model_at(p_known: f64) -> LearnerModel {
        let mut params = SkillParams::default();
        let halves = BktParams::new(p_known, 0.0, 0.2, 0.1, 0.0).unwrap();
        params.per_skill.insert("halves".into(), halves);
        LearnerModel::new(params)
    }

    fn select(
        candidates: &[Candidate],
        model: &LearnerModel,
        seen: &[&str],
        rng: &mut SeededRng,
    ) -> Selection {
        let policy = SelectionPolicy::default();
        select_item("halves", candidates, model, &history(seen), &policy, rng).unwrap()
    }

    #[test]
    fn difficulty_zero_predicts_bkt_p_correct_and_harder_is_lower() {
        let p = BktParams::new(0.5, 0.1, 0.2, 0.1, 0.0).unwrap();
        assert!((predicted_success(&p, 0.5, 0.0) - p.p_correct(0.5)).abs() < 1e-12);
        let easy = predicted_success(&p, 0.5, -1.0);
        let hard = predicted_success(&p, 0.5, 1.0);
        assert!(easy > p.p_correct(0.5) && hard < p.p_correct(0.5));
        for (k, d) in [(0.0, 0.0), (1.0, 0.0), (0.0, -5.0), (1.0, 5.0)] {
            let s = predicted_success(&p, k, d);
            assert!(s.is_finite() && (0.2..=1.0).contains(&s), "{k} {d} {s}");
        }
    }

    #[test]
    fn chooses_the_item_nearest_the_target() {
        // P(known) 0.5: BKT P(correct) 0.55, so a somewhat easier item gets nearer 0.75.
        let model = model_at(0.5);
        let items = [
            item("hard", 1.0, false),
            item("typical", 0.0, false),
            item("easier", -1.0, false),
            item("easiest", -3.0, false),
        ];
        let s = select(&items, &model, &[], &mut SeededRng::new(1));
        assert_eq!(s.item_id, "easier");
        assert_eq!(s.variant_seed, None);
        let r = &s.reason;
        assert_eq!(r.choice, Choice::NearestTarget);
        assert_eq!(
            (r.p_known, r.target_success, r.difficulty),
            (0.5, 0.75, -1.0)
        );
        assert_eq!(r.considered.len(), 4);
        let predicted = predicted_success(model.params().for_skill("halves"), 0.5, -1.0);
        assert_eq!(r.predicted_success, predicted);
        assert!(r.text.contains("Chose item easier"), "{}", r.text);
        assert!(r
            .text
            .contains(&format!("predicted success {predicted:.2}")));
        assert!(r.text.contains("target 0.75"));
    }

    #[test]
    fn ties_go_to_the_earlier_candidate() {
        let items = [item("a", 0.5, false), item("b", 0.5, false)];
        let s = select(&items, &model_at(0.5), &[], &mut SeededRng::new(1));
        assert_eq!(s.item_id, "a");
    }

    #[test]
    fn target_is_configurable() {
        let items = [item("easy", -2.0, false), item("hard", 2.0, false)];
        let policy = SelectionPolicy::new(0.3, 0).unwrap();
        let s = select_item(
            "halves",
            &items,
            &model_at(0.5),
            &[],
            &policy,
            &mut SeededRng::new(1),
        );
        assert_eq!(s.unwrap().item_id, "hard");
    }

    #[test]
    fn recent_items_are_avoided_and_listed() {
        let items = [
            item("a", -1.0, false),
            item("b", -1.0, false),
            item("c", 0.0, false),
            item("d", 3.0, false),
        ];
        let s = select(
            &items,
            &model_at(0.5),
            &["x", "a", "b", "a"],
            &mut SeededRng::new(1),
        );
        assert_eq!(s.item_id, "c");
        assert_eq!(s.reason.excluded_recent, ["a", "b"]);
        assert_eq!(s.reason.considered.len(), 2);
        assert!(
            s.reason.text.contains("Skipped recently seen: a, b."),
            "{}",
            s.reason.text
        );
        // Only the last three count as recent.
        let s = select(
            &items,
            &model_at(0.5),
            &["a", "x", "y", "z"],
            &mut SeededRng::new(1),
        );
        assert_eq!(s.item_id, "a");
    }

    #[test]
    fn variant_generated_when_the_pool_runs_dry() {
        let items = [
            item("a", -1.0, false),
            item("gen", 0.0, true),
            item("b", -1.0, false),
        ];
        let mut rng = SeededRng::new(9);
        let s = select(&items, &model_at(0.5), &["gen", "a", "b"], &mut rng);
        assert_eq!(s.item_id, "gen");
        assert_eq!(s.reason.choice, Choice::FreshVariant);
        assert_eq!(s.variant_seed, Some(SeededRng::new(9).next_u64()));
        assert!(s.reason.text.contains("new variant"), "{}", s.reason.text);
        // The next draw gives a different variant.
        let again = select(&items, &model_at(0.5), &["gen", "a", "b"], &mut rng);
        assert_ne!(again.variant_seed, s.variant_seed);
    }

    #[test]
    fn parameterised_item_not_seen_recently_also_gets_a_seed() {
        let items = [item("a", -1.0, false), item("gen", 3.0, true)];
        let s = select(&items, &model_at(0.5), &["a"], &mut SeededRng::new(3));
        assert_eq!(
            (s.item_id.as_str(), s.reason.choice),
            ("gen", Choice::NearestTarget)
        );
        assert!(s.variant_seed.is_some());
    }

    #[test]
    fn repeats_the_oldest_when_nothing_else_is_possible() {
        let items = [item("a", -1.0, false), item("b", -1.0, false)];
        let s = select(
            &items,
            &model_at(0.5),
            &["b", "a", "b"],
            &mut SeededRng::new(1),
        );
        assert_eq!(s.item_id, "a");
        assert_eq!(s.reason.choice, Choice::RepeatOldest);
        assert!(s.reason.text.contains("seen longest ago"));
    }

    #[test]
    fn items_of_other_skills_are_not_candidates() {
        let mut other = item("other", -1.0, false);
        other.skill_ids = vec!["thirds".into()];
        let err = select_item(
            "halves",
            &[other],
            &LearnerModel::default(),
            &[],
            &SelectionPolicy::default(),
            &mut SeededRng::new(1),
        )
        .unwrap_err();
        assert_eq!(
            err,
            SelectError::NoItems {
                skill_id: "halves".into()
            }
        );
    }

    #[test]
    fn follows_the_learner_model() {
        let items = [item("easy", -2.0, false), item("hard", 2.0, false)];
        let mut model = LearnerModel::default();
        let first = select(&items, &model, &[], &mut SeededRng::new(1));
        assert_eq!(first.item_id, "easy");
        for t in 0..6 {
            let obs = Observation {
                skill_id: "halves".into(),
                item_id: "x".into(),
                correct: true,
                assisted: false,
                response_ms: 5_000,
            };
            model.apply(&obs, t);
        }
        let later = select(&items, &model, &[], &mut SeededRng::new(1));
        assert_eq!(later.item_id, "hard");
        assert!(later.reason.p_known > first.reason.p_known);
    }

    #[test]
    fn same_inputs_same_selection() {
        let items = [item("a", 0.0, true), item("b", 0.0, true)];
        let run = || select(&items, &model_at(0.4), &["a", "b"], &mut SeededRng::new(5));
        assert_eq!(run(), run());
    }

    #[test]
    fn policy_validates_and_deserialises_with_defaults() {
        assert_eq!(
            SelectionPolicy::new(1.0, 3),
            Err(SelectionPolicyError::Target(1.0))
        );
        let p: SelectionPolicy = serde_json::from_str("{}").unwrap();
        assert_eq!(p, SelectionPolicy::default());
        let p: SelectionPolicy = serde_json::from_str(r#"{"targetSuccess":0.8}"#).unwrap();
        assert_eq!((p.target_success(), p.avoid_recent()), (0.8, 3));
        assert!(serde_json::from_str::<SelectionPolicy>(r#"{"targetSuccess":0}"#).is_err());
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(serde_json::from_str::<SelectionPolicy>(&json).unwrap(), p);
    }

    #[test]
    fn reason_serialises_for_the_web_side() {
        let items = [item("a", 0.0, false)];
        let s = select(&items, &model_at(0.5), &["b"], &mut SeededRng::new(1));
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["reason"]["choice"], "nearest_target");
        assert_eq!(json["reason"]["targetSuccess"], 0.75);
        assert_eq!(json["reason"]["considered"][0]["itemId"], "a");
        assert_eq!(json["variantSeed"], serde_json::Value::Null);
        let back: Selection = serde_json::from_value(json).unwrap();
        assert_eq!(back.reason.text, s.reason.text);
    }
}
