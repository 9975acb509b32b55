//! Item selection within a skill: which item to show next, and why.
//!
//! **The rule: the item expected to bring the learner to a sure mastery decision soonest**, within a
//! success band. For each candidate the engine takes the item's own guess, slip and learn rate (see
//! [`super::ktidem`]) and looks one answer ahead: after a right answer, and after a wrong one, where would
//! P(known) be once the item's learning step is applied? The score is the expected log-odds of P(known)
//! after the answer, capped at the mastery threshold:
//! `score = P(c)·u(L'_right) + (1 − P(c))·u(L'_wrong)`, `u(x) = logit(min(x, threshold))`.
//! It rewards both things that shorten the way: items that teach more (a higher learn rate lifts both
//! branches) and items whose answer says more about the known state (a low guess makes a right answer
//! count; a low slip makes a wrong one count). The cap makes overshooting the threshold worth nothing, so
//! near mastery the item most likely to confirm it wins; log-odds make evidence add up as it does in
//! BKT.
//!
//! **The success band** keeps practice from becoming a wall of failures: only items whose predicted
//! success is at least [`SUCCESS_FLOOR`] (0.5), or within [`SUCCESS_BAND`] (0.2) of the likeliest
//! candidate when none reaches it, are considered. The old 0.75 target (the package's `targetSuccess`)
//! is now the tie-break among equal scores: aiming at it picks easy items, which are the guessable,
//! least informative ones, and that is why adaptive practice used to be no faster than the fixed order
//! (docs/engine.md).
//!
//! Recent items are skipped (the last three); when every fixed item was seen recently and a parameterised
//! item exists, a fresh variant of it is generated (its seed is drawn from the learner's [`SeededRng`]);
//! only when neither is possible is the item seen longest ago repeated.
//!
//! Deterministic: candidates are taken in the order given, ties go to the earlier one, and the only
//! randomness is the variant seed from the caller's generator. Every [`Selection`] carries a [`Reason`]
//! with the numbers used. This module does not choose the skill or the activity, and does not build
//! variants (it only seeds them).

use super::ktidem::{logit, ItemStep, ItemValues, ValueSource};
use super::learner::LearnerModel;
use super::mastery::DEFAULT_BKT_THRESHOLD;
use crate::json::read::one_of;
use crate::json::{FromJson, Json, Members, Path, ReadError};
use crate::rng::SeededRng;
use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use crate::package::DEFAULT_TARGET_SUCCESS;

/// The default number of most recent items not to repeat.
pub const DEFAULT_AVOID_RECENT: usize = 3;

/// Items predicted at least this likely to be answered right are always in the success band.
pub const SUCCESS_FLOOR: f64 = 0.5;

/// When no item reaches [`SUCCESS_FLOOR`], items within this much of the likeliest one are in the band.
pub const SUCCESS_BAND: f64 = 0.2;

/// Keeps log-odds finite when P(known) is exactly 0.
const P_LIMIT: f64 = 1e-9;

/// Scores closer than this are equal (the tie-break decides).
const SCORE_TIE: f64 = 1e-12;

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
    /// Not read from JSON: the activity's mastery rule sets it.
    #[serde(skip_serializing)]
    mastery_threshold: f64,
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
            mastery_threshold: DEFAULT_BKT_THRESHOLD,
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
            mastery_threshold: DEFAULT_BKT_THRESHOLD,
        })
    }

    /// This policy aiming at P(known) `threshold` (the activity's mastery threshold); a threshold outside
    /// (0, 1] keeps the default.
    pub fn with_mastery_threshold(mut self, threshold: f64) -> Self {
        if threshold > 0.0 && threshold <= 1.0 {
            self.mastery_threshold = threshold;
        }
        self
    }

    pub fn mastery_threshold(&self) -> f64 {
        self.mastery_threshold
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
    /// Nearest the target among items not seen recently (the rule before item-level values; kept to read
    /// older logs).
    NearestTarget,
    /// The best score in the success band among items not seen recently.
    SoonestMastery,
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
    /// The expected capped log-odds of P(known) after answering it (absent in older logs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// Inside the success band (absent in older logs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_band: Option<bool>,
}

/// The chosen item's values and what they promise, for "Why this question?".
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(rename_all = "camelCase")]
pub struct ItemNumbers {
    pub guess: f64,
    pub slip: f64,
    pub learn: f64,
    /// Where the values came from: the item's own, the skill's, or the skill's moved by difficulty.
    pub source: ValueSource,
    /// Expected capped log-odds of P(known) after answering it.
    pub score: f64,
    /// P(known) after a right answer, and after a wrong one (learning step included).
    pub p_known_if_right: f64,
    pub p_known_if_wrong: f64,
    /// The lowest predicted success of the success band this time.
    pub band_floor: f64,
    pub mastery_threshold: f64,
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
    /// The chosen item's values and score (absent in older logs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numbers: Option<ItemNumbers>,
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

/// The values `candidate` is read with for `skill_id`: the model's record of the item when it has one,
/// else the candidate's own difficulty on the skill's values.
pub fn candidate_step(
    model: &LearnerModel,
    skill_id: &str,
    candidate: &Candidate,
) -> (ItemStep, ValueSource) {
    let params = model.params();
    match params.per_item.get(&candidate.item_id) {
        Some(_) => params.for_item_with_source(skill_id, &candidate.item_id),
        None => {
            let values = ItemValues {
                difficulty: candidate.difficulty,
                ..Default::default()
            };
            ItemStep::resolve(params.for_skill(skill_id), &values)
        }
    }
}

/// Predicted success on an item read with `step` when P(known) is `p_known`.
pub fn predicted_success(step: &ItemStep, p_known: f64) -> f64 {
    step.p_correct(p_known)
}

/// The expected log-odds of P(known) after answering an item read with `step`, each branch capped at
/// `threshold` (see the module docs); with P(known) after a right and after a wrong answer.
pub fn mastery_score(step: &ItemStep, p_known: f64, threshold: f64) -> (f64, f64, f64) {
    let right = step.update(p_known, true);
    let wrong = step.update(p_known, false);
    let cap = threshold.min(1.0 - P_LIMIT);
    let u = |x: f64| logit(x.clamp(P_LIMIT, cap));
    let p = step.p_correct(p_known);
    (p * u(right) + (1.0 - p) * u(wrong), right, wrong)
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
    let p_known = model.p_known(skill_id);
    let threshold = policy.mastery_threshold;
    let scored: Vec<Scored> = pool
        .iter()
        .map(|c| {
            let (step, source) = candidate_step(model, skill_id, c);
            let (score, right, wrong) = mastery_score(&step, p_known, threshold);
            Scored {
                step,
                source,
                predicted: step.p_correct(p_known),
                score,
                right,
                wrong,
            }
        })
        .collect();
    let likeliest = scored.iter().map(|s| s.predicted).fold(0.0, f64::max);
    let band_floor = SUCCESS_FLOOR.min(likeliest - SUCCESS_BAND);
    let best = best_in_band(&scored, band_floor, policy.target_success).ok_or_else(|| {
        SelectError::NoItems {
            skill_id: skill_id.to_string(),
        }
    })?;
    let chosen = pool[best];
    let s = &scored[best];
    let variant_seed = chosen.parameterised.then(|| rng.next_u64());
    let considered = pool
        .iter()
        .zip(&scored)
        .map(|(c, s)| ItemPrediction {
            item_id: c.item_id.clone(),
            predicted_success: s.predicted,
            score: Some(s.score),
            in_band: Some(s.predicted >= band_floor),
        })
        .collect();
    let skill = model.params().for_skill(skill_id);
    let mut reason = Reason {
        choice: match choice {
            Choice::NearestTarget => Choice::SoonestMastery,
            other => other,
        },
        skill_id: skill_id.to_string(),
        item_id: chosen.item_id.clone(),
        p_known,
        p_correct_skill: skill.p_correct(p_known),
        difficulty: chosen.difficulty,
        predicted_success: s.predicted,
        target_success: policy.target_success,
        excluded_recent: excluded,
        considered,
        numbers: Some(ItemNumbers {
            guess: s.step.guess,
            slip: s.step.slip,
            learn: s.step.learn,
            source: s.source,
            score: s.score,
            p_known_if_right: s.right,
            p_known_if_wrong: s.wrong,
            band_floor,
            mastery_threshold: threshold,
        }),
        text: String::new(),
    };
    reason.text = reason_text(&reason, variant_seed.is_some());
    Ok(Selection {
        item_id: chosen.item_id.clone(),
        variant_seed,
        reason,
    })
}

/// One candidate as weighed.
struct Scored {
    step: ItemStep,
    source: ValueSource,
    predicted: f64,
    score: f64,
    right: f64,
    wrong: f64,
}

/// The best score among the candidates in the band (all of them if none is, which cannot happen while
/// the likeliest is in it); equal scores go to the predicted success nearest `target`, then the earlier.
fn best_in_band(scored: &[Scored], floor: f64, target: f64) -> Option<usize> {
    let in_band: Vec<usize> = (0..scored.len())
        .filter(|&i| scored[i].predicted >= floor)
        .collect();
    let pool = if in_band.is_empty() {
        (0..scored.len()).collect()
    } else {
        in_band
    };
    pool.into_iter().reduce(|best, i| {
        let (a, b) = (&scored[i], &scored[best]);
        if a.score > b.score + SCORE_TIE
            || ((a.score - b.score).abs() <= SCORE_TIE
                && (a.predicted - target).abs() < (b.predicted - target).abs())
        {
            i
        } else {
            best
        }
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

fn reason_text(r: &Reason, variant: bool) -> String {
    let numbers = format!(
        "predicted success {:.2}, target {:.2}, estimated P(known) {:.2}",
        r.predicted_success, r.target_success, r.p_known
    );
    let (item, skill) = (&r.item_id, &r.skill_id);
    match r.choice {
        Choice::SoonestMastery => {
            let mut text = format!(
                "Chose item {item} to practise skill {skill}: of {} items, it is expected to bring \
                 P(known) nearest the mastery threshold after one answer ({numbers}",
                r.considered.len()
            );
            if let Some(n) = &r.numbers {
                text.push_str(&format!(
                    "; its guess {:.2}, slip {:.2}, learn {:.2}; P(known) after a right answer {:.2}, \
                     after a wrong one {:.2}",
                    n.guess, n.slip, n.learn, n.p_known_if_right, n.p_known_if_wrong
                ));
            }
            text.push_str(").");
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

impl FromJson for Reason {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(Reason {
            choice: m.req("choice")?,
            skill_id: m.req("skillId")?,
            item_id: m.req("itemId")?,
            p_known: m.req("pKnown")?,
            p_correct_skill: m.req("pCorrectSkill")?,
            difficulty: m.req("difficulty")?,
            predicted_success: m.req("predictedSuccess")?,
            target_success: m.req("targetSuccess")?,
            excluded_recent: m.req("excludedRecent")?,
            considered: m.req("considered")?,
            numbers: m.opt("numbers")?,
            text: m.req("text")?,
        })
    }
}

impl FromJson for Choice {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        const CHOICES: [Choice; 4] = [
            Choice::NearestTarget,
            Choice::SoonestMastery,
            Choice::FreshVariant,
            Choice::RepeatOldest,
        ];
        let i = one_of(
            json,
            &path,
            &[
                "nearest_target",
                "soonest_mastery",
                "fresh_variant",
                "repeat_oldest",
            ],
        )?;
        Ok(CHOICES[i])
    }
}

impl FromJson for ItemNumbers {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(ItemNumbers {
            guess: m.req("guess")?,
            slip: m.req("slip")?,
            learn: m.req("learn")?,
            source: m.req("source")?,
            score: m.req("score")?,
            p_known_if_right: m.req("pKnownIfRight")?,
            p_known_if_wrong: m.req("pKnownIfWrong")?,
            band_floor: m.req("bandFloor")?,
            mastery_threshold: m.req("masteryThreshold")?,
        })
    }
}

impl FromJson for ItemPrediction {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(ItemPrediction {
            item_id: m.req("itemId")?,
            predicted_success: m.req("predictedSuccess")?,
            score: m.opt("score")?,
            in_band: m.opt("inBand")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::bkt::{BktParams, SkillParams};
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

    /// Candidates with their own guess, slip and learn rate, registered with the model.
    fn model_with_items(p_known: f64, items: &[(&str, f64, f64, f64)]) -> LearnerModel {
        let mut params = SkillParams::default();
        let halves = BktParams::new(p_known, 0.1, 0.2, 0.1, 0.0).unwrap();
        params.per_skill.insert("halves".into(), halves);
        let values = items.iter().map(|&(id, guess, slip, learn)| {
            let v = ItemValues {
                guess: Some(guess),
                slip: Some(slip),
                learn: Some(learn),
                difficulty: 0.0,
            };
            (id.to_owned(), v)
        });
        LearnerModel::new(params.with_items(values))
    }

    #[test]
    fn difficulty_moves_predicted_success_around_the_skills() {
        let model = model_at(0.5);
        let p = model.params().for_skill("halves").p_correct(0.5);
        let predict = |d: f64| {
            predicted_success(
                &candidate_step(&model, "halves", &item("x", d, false)).0,
                0.5,
            )
        };
        assert!((predict(0.0) - p).abs() < 1e-15);
        assert!(predict(-1.0) > p && predict(1.0) < p);
        for (k, d) in [(0.0, 0.0), (1.0, 0.0), (0.0, -5.0), (1.0, 5.0)] {
            let step = candidate_step(&model, "halves", &item("x", d, false)).0;
            let s = predicted_success(&step, k);
            assert!(s.is_finite() && (0.0..=1.0).contains(&s), "{k} {d} {s}");
        }
    }

    #[test]
    fn prefers_the_item_that_teaches_more() {
        let model = model_with_items(0.3, &[("slow", 0.2, 0.1, 0.05), ("fast", 0.2, 0.1, 0.3)]);
        let items = [item("slow", 0.0, false), item("fast", 0.0, false)];
        let s = select(&items, &model, &[], &mut SeededRng::new(1));
        assert_eq!(s.item_id, "fast");
        let n = s.reason.numbers.unwrap();
        assert_eq!((n.learn, n.source), (0.3, ValueSource::Item));
        assert_eq!(s.reason.choice, Choice::SoonestMastery);
        assert!(s.reason.text.contains("learn 0.30"), "{}", s.reason.text);
    }

    #[test]
    fn prefers_the_item_whose_answer_says_more() {
        // Same learn rate; a learner likely to know it: a right answer to the hard-to-guess item confirms
        // it more.
        let model = model_with_items(
            0.8,
            &[("guessable", 0.35, 0.1, 0.1), ("telling", 0.05, 0.1, 0.1)],
        );
        let items = [item("guessable", 0.0, false), item("telling", 0.0, false)];
        let s = select(&items, &model, &[], &mut SeededRng::new(1));
        assert_eq!(s.item_id, "telling");
        let [a, b] = [&s.reason.considered[0], &s.reason.considered[1]];
        assert!(b.score.unwrap() > a.score.unwrap());
        let n = s.reason.numbers.unwrap();
        assert!(
            n.p_known_if_right > 0.8 && n.p_known_if_wrong < 0.8,
            "{n:?}"
        );
    }

    #[test]
    fn items_outside_the_success_band_are_not_chosen() {
        // The slip-prone item would teach the most, but a learner likely to know the skill would fail it
        // far more often than the others: it is out of the band.
        let model = model_with_items(0.9, &[("wall", 0.05, 0.49, 0.9), ("fair", 0.2, 0.1, 0.1)]);
        let items = [item("wall", 0.0, false), item("fair", 0.0, false)];
        let s = select(&items, &model, &[], &mut SeededRng::new(1));
        assert_eq!(s.item_id, "fair");
        let wall = &s.reason.considered[0];
        assert_eq!(wall.in_band, Some(false));
        assert!(
            wall.score > s.reason.considered[1].score,
            "it would win outside the band"
        );
        let n = s.reason.numbers.unwrap();
        for c in &s.reason.considered {
            assert_eq!(c.in_band, Some(c.predicted_success >= n.band_floor));
        }
        let chosen = s
            .reason
            .considered
            .iter()
            .find(|c| c.item_id == s.item_id)
            .unwrap();
        assert_eq!(chosen.in_band, Some(true));
    }

    #[test]
    fn near_mastery_the_item_likeliest_to_confirm_it_wins() {
        // Over the threshold after a right answer either way: the one more likely to be answered right.
        let model = model_with_items(
            0.94,
            &[("slippy", 0.1, 0.3, 0.1), ("steady", 0.1, 0.05, 0.1)],
        );
        let items = [item("slippy", 0.0, false), item("steady", 0.0, false)];
        let s = select(&items, &model, &[], &mut SeededRng::new(1));
        assert_eq!(s.item_id, "steady");
    }

    #[test]
    fn ties_go_to_the_earlier_candidate() {
        let items = [item("a", 0.5, false), item("b", 0.5, false)];
        let s = select(&items, &model_at(0.5), &[], &mut SeededRng::new(1));
        assert_eq!(s.item_id, "a");
    }

    #[test]
    fn the_target_breaks_ties_only() {
        let step = ItemStep {
            guess: 0.2,
            slip: 0.1,
            learn: 0.1,
            forget: 0.0,
        };
        let scored = |predicted: f64, score: f64| Scored {
            step,
            source: ValueSource::Skill,
            predicted,
            score,
            right: 0.0,
            wrong: 0.0,
        };
        let tied = [scored(0.6, 1.0), scored(0.8, 1.0)];
        assert_eq!(best_in_band(&tied, 0.5, 0.75), Some(1));
        assert_eq!(best_in_band(&tied, 0.5, 0.5), Some(0));
        let better = [scored(0.6, 1.1), scored(0.75, 1.0)];
        assert_eq!(best_in_band(&better, 0.5, 0.75), Some(0));
        let out_of_band = [scored(0.4, 2.0), scored(0.75, 1.0)];
        assert_eq!(best_in_band(&out_of_band, 0.5, 0.75), Some(1));
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
        assert!(s.reason.excluded_recent.iter().all(|i| i != "a"));
        assert_eq!(s.reason.considered.len(), 4);
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
            ("gen", Choice::SoonestMastery)
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
        assert_eq!(json["reason"]["choice"], "soonest_mastery");
        assert_eq!(json["reason"]["numbers"]["source"], "skill");
        assert_eq!(json["reason"]["targetSuccess"], 0.75);
        assert_eq!(json["reason"]["considered"][0]["itemId"], "a");
        assert_eq!(json["variantSeed"], serde_json::Value::Null);
        let back: Selection = serde_json::from_value(json).unwrap();
        assert_eq!(back.reason.text, s.reason.text);
    }
}
