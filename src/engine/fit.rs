//! Fitting KT-IDEM with per-item learning (one skill's prior, and each item's guess, slip and learn rate)
//! to a class's answers by expectation-maximisation (Baum-Welch), as pyBKT's `fit` with `multigs` and
//! `multilearn` does, from several seeded starts.
//!
//! Items are grouped: each group shares one guess, slip and learn rate (an item with enough answers is a
//! group of its own; the caller may pool the rest, or fit plain BKT by putting every item in one group).
//! Forgetting is not fitted (pyBKT's default, `forgets=False`). Guess and slip are kept inside (0, 0.5)
//! and learn inside (0, 1), the ranges a package accepts, so every fit can be written back.
//!
//! Pure arithmetic: no IO, no clock; the seeded starts come from [`SeededRng`]. Reading statements and
//! writing packages is `pacer fit`'s (`src/cli/fit.rs`). Checked against pyBKT's fit on three synthetic
//! classes in `tests/ktidem_fit_oracle.rs`.

use super::ktidem::ItemStep;
use crate::rng::SeededRng;

/// Bounds kept on fitted values.
const MIN_P: f64 = 1e-4;
const MAX_GUESS_SLIP: f64 = 0.5 - 1e-4;
const MAX_LEARN: f64 = 1.0 - 1e-4;

/// Every learner's answers to one skill, each learner's in order: `(group, correct)` with the group index
/// of the answered item.
#[derive(Debug, Clone, Default)]
pub struct Sequences {
    answers: Vec<(u32, bool)>,
    /// Where each learner's answers start in `answers`; one more entry marks the end.
    starts: Vec<usize>,
    groups: usize,
}

impl Sequences {
    pub fn new() -> Self {
        Sequences {
            answers: Vec::new(),
            starts: vec![0],
            groups: 0,
        }
    }

    /// Adds one learner's answers, in order.
    pub fn push(&mut self, answers: impl IntoIterator<Item = (u32, bool)>) {
        for (group, correct) in answers {
            self.groups = self.groups.max(group as usize + 1);
            self.answers.push((group, correct));
        }
        if self.answers.len() > *self.starts.last().unwrap_or(&0) {
            self.starts.push(self.answers.len());
        }
    }

    /// Number of learners with at least one answer.
    pub fn learners(&self) -> usize {
        self.starts.len() - 1
    }

    /// Number of answers.
    pub fn len(&self) -> usize {
        self.answers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.answers.is_empty()
    }

    /// Number of item groups named.
    pub fn groups(&self) -> usize {
        self.groups
    }

    fn sequence(&self, k: usize) -> &[(u32, bool)] {
        &self.answers[self.starts[k]..self.starts[k + 1]]
    }

    /// The sequences of the learners `keep` says yes to.
    pub fn filter(&self, mut keep: impl FnMut(usize) -> bool) -> Sequences {
        let mut out = Sequences::new();
        for k in 0..self.learners() {
            if keep(k) {
                out.push(self.sequence(k).iter().copied());
            }
        }
        out.groups = self.groups;
        out
    }
}

/// A skill's fitted values: the prior, the forget rate (held, not fitted) and each group's values.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    pub prior: f64,
    pub forget: f64,
    pub groups: Vec<GroupValues>,
    /// Sum of log P(each answer | the learner's earlier answers).
    pub log_likelihood: f64,
    /// EM iterations run on the start that won.
    pub iterations: usize,
}

/// One item group's values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroupValues {
    pub guess: f64,
    pub slip: f64,
    pub learn: f64,
}

impl Fitted {
    fn step(&self, group: u32) -> ItemStep {
        let g = self.groups[group as usize];
        ItemStep {
            guess: g.guess,
            slip: g.slip,
            learn: g.learn,
            forget: self.forget,
        }
    }

    /// P(correct) before each answer of each learner, with the answer: for held-out scoring.
    pub fn predictions(&self, data: &Sequences) -> Vec<(f64, bool)> {
        let mut out = Vec::with_capacity(data.len());
        for k in 0..data.learners() {
            let mut known = self.prior;
            for &(group, correct) in data.sequence(k) {
                let step = self.step(group);
                out.push((step.p_correct(known), correct));
                known = step.update(known, correct);
            }
        }
        out
    }
}

/// How the fit runs.
#[derive(Debug, Clone, Copy)]
pub struct FitOptions {
    /// Random starts, besides the one from `start` when given.
    pub starts: usize,
    pub max_iterations: usize,
    /// Stop when the log-likelihood improves by less than this.
    pub tolerance: f64,
    pub seed: u64,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions {
            starts: 5,
            max_iterations: 200,
            tolerance: 1e-6,
            seed: 20,
        }
    }
}

/// Fits the prior and each group's guess, slip and learn rate; the best of the starts by log-likelihood.
/// `start`: the current values, tried first when given. `None` when there are no answers.
pub fn fit(data: &Sequences, start: Option<&Fitted>, options: &FitOptions) -> Option<Fitted> {
    if data.is_empty() {
        return None;
    }
    let mut rng = SeededRng::new(options.seed);
    let mut best: Option<Fitted> = None;
    let mut inits: Vec<Fitted> = start.cloned().into_iter().collect();
    for _ in 0..options.starts {
        let mut draw = |lo: f64, hi: f64| lo + (hi - lo) * rng.next_f64();
        let groups = (0..data.groups())
            .map(|_| GroupValues {
                guess: draw(0.05, 0.35),
                slip: draw(0.05, 0.25),
                learn: draw(0.02, 0.4),
            })
            .collect();
        inits.push(Fitted {
            prior: draw(0.05, 0.6),
            forget: 0.0,
            groups,
            log_likelihood: f64::NEG_INFINITY,
            iterations: 0,
        });
    }
    for mut current in inits {
        current.groups.resize(
            data.groups(),
            GroupValues {
                guess: 0.2,
                slip: 0.1,
                learn: 0.1,
            },
        );
        let mut last = f64::NEG_INFINITY;
        for iteration in 0..options.max_iterations {
            let (next, ll) = em_step(data, &current);
            current.log_likelihood = ll;
            current.iterations = iteration + 1;
            let done = ll - last < options.tolerance;
            last = ll;
            if done {
                break;
            }
            current = Fitted {
                log_likelihood: ll,
                iterations: iteration + 1,
                ..next
            };
        }
        current.log_likelihood = log_likelihood(data, &current);
        if best
            .as_ref()
            .is_none_or(|b| current.log_likelihood > b.log_likelihood)
        {
            best = Some(current);
        }
    }
    best
}

/// The log-likelihood of the answers under `values` (each answer predicted from the earlier ones).
pub fn log_likelihood(data: &Sequences, values: &Fitted) -> f64 {
    values
        .predictions(data)
        .iter()
        .map(|&(p, correct)| {
            let p = if correct { p } else { 1.0 - p };
            p.max(f64::MIN_POSITIVE).ln()
        })
        .sum()
}

/// Sums the E-step collects, per group.
#[derive(Clone, Copy, Default)]
struct Counts {
    /// Expected answers while unknown, and the right ones among them.
    unknown: f64,
    unknown_right: f64,
    /// Expected answers while known, and the wrong ones among them.
    known: f64,
    known_wrong: f64,
    /// Expected transitions out of unknown after this group's answer, and to known.
    from_unknown: f64,
    learned: f64,
}

/// One EM iteration: the new values, and the log-likelihood of the old ones.
fn em_step(data: &Sequences, values: &Fitted) -> (Fitted, f64) {
    let mut counts = vec![Counts::default(); data.groups()];
    let mut prior_sum = 0.0;
    let mut ll = 0.0;
    // Scaled forward-backward per learner, reusing buffers.
    let mut alpha: Vec<[f64; 2]> = Vec::new();
    let mut scale: Vec<f64> = Vec::new();
    for k in 0..data.learners() {
        let seq = data.sequence(k);
        alpha.clear();
        scale.clear();
        let emit = |group: u32, correct: bool| -> [f64; 2] {
            let g = values.groups[group as usize];
            if correct {
                [g.guess, 1.0 - g.slip]
            } else {
                [1.0 - g.guess, g.slip]
            }
        };
        let mut a = [1.0 - values.prior, values.prior];
        for (t, &(group, correct)) in seq.iter().enumerate() {
            if t > 0 {
                let learn = values.groups[seq[t - 1].0 as usize].learn;
                let f = values.forget;
                a = [
                    a[0] * (1.0 - learn) + a[1] * f,
                    a[0] * learn + a[1] * (1.0 - f),
                ];
            }
            let e = emit(group, correct);
            a = [a[0] * e[0], a[1] * e[1]];
            let c = (a[0] + a[1]).max(f64::MIN_POSITIVE);
            a = [a[0] / c, a[1] / c];
            ll += c.ln();
            alpha.push(a);
            scale.push(c);
        }
        let mut beta = [1.0, 1.0];
        // β_{t+1} while step t is read.
        let mut beta_next = [1.0, 1.0];
        for t in (0..seq.len()).rev() {
            let (group, correct) = seq[t];
            let gamma = [alpha[t][0] * beta[0], alpha[t][1] * beta[1]];
            let norm = (gamma[0] + gamma[1]).max(f64::MIN_POSITIVE);
            let gamma = [gamma[0] / norm, gamma[1] / norm];
            let c = &mut counts[group as usize];
            c.unknown += gamma[0];
            c.known += gamma[1];
            if correct {
                c.unknown_right += gamma[0];
            } else {
                c.known_wrong += gamma[1];
            }
            if t + 1 < seq.len() {
                // ξ_t(unknown -> known), with the transition of this answer's group.
                let (next_group, next_correct) = seq[t + 1];
                let e = emit(next_group, next_correct);
                let learn = values.groups[group as usize].learn;
                let f = values.forget;
                let to = [
                    alpha[t][0] * (1.0 - learn) * e[0] * beta_next[0],
                    alpha[t][0] * learn * e[1] * beta_next[1],
                ];
                let stay = [
                    alpha[t][1] * f * e[0] * beta_next[0],
                    alpha[t][1] * (1.0 - f) * e[1] * beta_next[1],
                ];
                let total = (to[0] + to[1] + stay[0] + stay[1]).max(f64::MIN_POSITIVE);
                c.from_unknown += (to[0] + to[1]) / total;
                c.learned += to[1] / total;
            }
            if t == 0 {
                prior_sum += gamma[1];
            }
            // β_{t-1}(k) = Σ_k' A_{t-1}(k, k') e_t(k') β_t(k') / c_t.
            if t > 0 {
                let e = emit(group, correct);
                let learn = values.groups[seq[t - 1].0 as usize].learn;
                let f = values.forget;
                let c_t = scale[t];
                beta_next = beta;
                beta = [
                    ((1.0 - learn) * e[0] * beta[0] + learn * e[1] * beta[1]) / c_t,
                    (f * e[0] * beta[0] + (1.0 - f) * e[1] * beta[1]) / c_t,
                ];
            }
        }
    }
    let ratio = |num: f64, den: f64, old: f64| if den > 1e-12 { num / den } else { old };
    let groups = values
        .groups
        .iter()
        .zip(&counts)
        .map(|(old, c)| GroupValues {
            guess: ratio(c.unknown_right, c.unknown, old.guess).clamp(MIN_P, MAX_GUESS_SLIP),
            slip: ratio(c.known_wrong, c.known, old.slip).clamp(MIN_P, MAX_GUESS_SLIP),
            learn: ratio(c.learned, c.from_unknown, old.learn).clamp(MIN_P, MAX_LEARN),
        })
        .collect();
    let prior = (prior_sum / data.learners().max(1) as f64).clamp(MIN_P, 1.0 - MIN_P);
    (
        Fitted {
            prior,
            forget: values.forget,
            groups,
            log_likelihood: ll,
            iterations: values.iterations,
        },
        ll,
    )
}

/// The area under the ROC curve of predictions against outcomes (ties count half); `None` when every
/// outcome is the same.
pub fn auc(predictions: &[(f64, bool)]) -> Option<f64> {
    let mut sorted: Vec<(f64, bool)> = predictions.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let positives = sorted.iter().filter(|p| p.1).count() as f64;
    let negatives = sorted.len() as f64 - positives;
    if positives == 0.0 || negatives == 0.0 {
        return None;
    }
    // Mann-Whitney: the rank sum of the positives, ties given their mean rank.
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j < sorted.len() && sorted[j].0 == sorted[i].0 {
            j += 1;
        }
        let mean_rank = (i + 1 + j) as f64 / 2.0;
        rank_sum += mean_rank * sorted[i..j].iter().filter(|p| p.1).count() as f64;
        i = j;
    }
    Some((rank_sum - positives * (positives + 1.0) / 2.0) / (positives * negatives))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Learners drawn from known values, to fit back.
    fn simulate(values: &Fitted, learners: usize, length: usize, seed: u64) -> Sequences {
        let mut rng = SeededRng::new(seed);
        let mut data = Sequences::new();
        let groups = values.groups.len() as u32;
        for _ in 0..learners {
            let mut known = rng.next_f64() < values.prior;
            let mut seq = Vec::new();
            for _ in 0..length {
                let group = (rng.next_u64() % u64::from(groups)) as u32;
                let g = values.groups[group as usize];
                let correct = rng.next_f64() < if known { 1.0 - g.slip } else { g.guess };
                seq.push((group, correct));
                if !known && rng.next_f64() < g.learn {
                    known = true;
                }
            }
            data.push(seq);
        }
        data
    }

    fn truth() -> Fitted {
        Fitted {
            prior: 0.3,
            forget: 0.0,
            groups: vec![
                GroupValues {
                    guess: 0.1,
                    slip: 0.1,
                    learn: 0.2,
                },
                GroupValues {
                    guess: 0.3,
                    slip: 0.05,
                    learn: 0.05,
                },
            ],
            log_likelihood: 0.0,
            iterations: 0,
        }
    }

    #[test]
    fn em_recovers_generating_values_and_never_lowers_the_likelihood() {
        let data = simulate(&truth(), 800, 12, 7);
        let mut values = truth();
        values.groups[0].guess = 0.3;
        values.prior = 0.5;
        let mut last = f64::NEG_INFINITY;
        for _ in 0..30 {
            let (next, ll) = em_step(&data, &values);
            assert!(ll >= last - 1e-7, "{ll} after {last}");
            last = ll;
            values = next;
        }
        let fitted = fit(&data, None, &FitOptions::default()).unwrap();
        assert!((fitted.prior - 0.3).abs() < 0.06, "{fitted:?}");
        for (f, t) in fitted.groups.iter().zip(&truth().groups) {
            assert!((f.guess - t.guess).abs() < 0.05, "{fitted:?}");
            assert!((f.slip - t.slip).abs() < 0.05, "{fitted:?}");
            assert!((f.learn - t.learn).abs() < 0.06, "{fitted:?}");
        }
        assert!(fitted.log_likelihood >= log_likelihood(&data, &truth()) - 1e-6);
    }

    #[test]
    fn the_forward_likelihood_is_the_sum_of_predicted_logs() {
        let data = simulate(&truth(), 50, 8, 3);
        let (_, ll) = em_step(&data, &truth());
        assert!((ll - log_likelihood(&data, &truth())).abs() < 1e-9);
    }

    #[test]
    fn auc_of_perfect_random_and_reversed() {
        let perfect = [(0.9, true), (0.8, true), (0.2, false), (0.1, false)];
        assert_eq!(auc(&perfect), Some(1.0));
        let tied = [(0.5, true), (0.5, false)];
        assert_eq!(auc(&tied), Some(0.5));
        let reversed = [(0.1, true), (0.9, false)];
        assert_eq!(auc(&reversed), Some(0.0));
        assert_eq!(auc(&[(0.3, true)]), None);
    }

    #[test]
    fn no_answers_no_fit() {
        assert!(fit(&Sequences::new(), None, &FitOptions::default()).is_none());
    }
}
