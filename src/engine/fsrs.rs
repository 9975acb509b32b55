//! FSRS-6 memory states for spaced review: how stable a mastered skill is in memory, how hard it is for
//! this learner, and when it should be reviewed, from right-or-wrong review answers.
//!
//! The formulas are FSRS-6's with its default parameters (py-fsrs 6.3.2's `DEFAULT_PARAMETERS`), as py-fsrs
//! computes them with no learning or relearning steps and no fuzzing: a first try right is "Good", a first
//! try wrong is "Again" (the two ratings a formative check can give). Reviews a day or more apart use the
//! long-term formulas with the retrievability at the review; same-day ones the short-term formula.
//! `tests/fsrs_oracle.rs` matches py-fsrs's stability, difficulty, retrievability and intervals to 1e-5 on
//! the cases in `tests/fixtures/fsrs-oracle.json` (made by `scripts/fsrs-fixture.py`).
//!
//! Written out rather than taken from the `fsrs` crate: the crate's scheduler is built on `burn` (its
//! optimiser), and only the ~40 lines of `next_states` arithmetic are needed here; the wasm size of the
//! crate was not measured in this change. No clock: elapsed days come in as numbers. It does not decide
//! which skill to review (that is [`super::plan`]).

/// FSRS-6's default parameters `w0..w20` (py-fsrs 6.3.2).
pub const DEFAULT_PARAMETERS: [f64; 21] = [
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835,
    0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
];

/// The retention the intervals aim at: recall 9 times in 10 on the due day.
pub const DESIRED_RETENTION: f64 = 0.9;

/// Intervals never exceed 100 years (py-fsrs's `maximum_interval`).
pub const MAXIMUM_INTERVAL_DAYS: u32 = 36_500;

const STABILITY_MIN: f64 = 0.001;
const DIFFICULTY_MIN: f64 = 1.0;
const DIFFICULTY_MAX: f64 = 10.0;

/// A review's outcome, as FSRS rates it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rating {
    /// Wrong at the first try.
    Again,
    /// Right at the first try.
    Good,
}

impl Rating {
    fn grade(self) -> f64 {
        match self {
            Rating::Again => 1.0,
            Rating::Good => 3.0,
        }
    }

    /// The rating of a first try.
    pub fn of(correct: bool) -> Self {
        if correct {
            Rating::Good
        } else {
            Rating::Again
        }
    }
}

/// How well a skill is held in memory.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MemoryState {
    /// Days until retrievability falls to 90 %.
    pub stability: f64,
    /// 1 (easy) to 10 (hard) for this learner.
    pub difficulty: f64,
}

fn w(i: usize) -> f64 {
    DEFAULT_PARAMETERS[i]
}

fn decay() -> f64 {
    -w(20)
}

fn factor() -> f64 {
    0.9f64.powf(1.0 / decay()) - 1.0
}

fn initial_difficulty(grade: f64) -> f64 {
    w(4) - (w(5) * (grade - 1.0)).exp() + 1.0
}

impl MemoryState {
    /// After the first rated answer (mastery counts as the first "Good").
    pub fn first(rating: Rating) -> Self {
        let grade = rating.grade();
        MemoryState {
            stability: w(rating.grade() as usize - 1).max(STABILITY_MIN),
            difficulty: initial_difficulty(grade).clamp(DIFFICULTY_MIN, DIFFICULTY_MAX),
        }
    }

    /// The probability of recall `elapsed_days` whole days after the last review.
    pub fn retrievability(&self, elapsed_days: u32) -> f64 {
        (1.0 + factor() * f64::from(elapsed_days) / self.stability).powf(decay())
    }

    /// After a review `elapsed_days` whole days after the last one.
    pub fn next(&self, elapsed_days: u32, rating: Rating) -> Self {
        let grade = rating.grade();
        let (s, d) = (self.stability, self.difficulty);
        let stability = if elapsed_days < 1 {
            let mut increase = (w(17) * (grade - 3.0 + w(18))).exp() * s.powf(-w(19));
            if rating != Rating::Again {
                increase = increase.max(1.0);
            }
            s * increase
        } else {
            let r = self.retrievability(elapsed_days);
            match rating {
                Rating::Again => {
                    let long = w(11)
                        * d.powf(-w(12))
                        * ((s + 1.0).powf(w(13)) - 1.0)
                        * ((1.0 - r) * w(14)).exp();
                    let short = s / (w(17) * w(18)).exp();
                    long.min(short)
                }
                Rating::Good => {
                    s * (1.0
                        + w(8).exp()
                            * (11.0 - d)
                            * s.powf(-w(9))
                            * (((1.0 - r) * w(10)).exp() - 1.0))
                }
            }
        }
        .max(STABILITY_MIN);
        let delta = -(w(6) * (grade - 3.0));
        let damped = d + (10.0 - d) * delta / 9.0;
        let difficulty = (w(7) * initial_difficulty(4.0) + (1.0 - w(7)) * damped)
            .clamp(DIFFICULTY_MIN, DIFFICULTY_MAX);
        MemoryState {
            stability,
            difficulty,
        }
    }

    /// Whole days until recall falls to [`DESIRED_RETENTION`], at least 1.
    pub fn interval_days(&self) -> u32 {
        let days = (self.stability / factor()) * (DESIRED_RETENTION.powf(1.0 / decay()) - 1.0);
        let days = round_half_even(days).clamp(1.0, f64::from(MAXIMUM_INTERVAL_DAYS));
        days as u32
    }
}

/// Python's `round`: halves go to the even neighbour.
fn round_half_even(x: f64) -> f64 {
    let r = x.round();
    if (x - x.trunc()).abs() == 0.5 && r % 2.0 != 0.0 {
        r - x.signum()
    } else {
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_review_on_time_lengthens_the_interval_and_again_shortens_it() {
        let s = MemoryState::first(Rating::Good);
        let due = s.interval_days();
        let good = s.next(due, Rating::Good);
        let again = s.next(due, Rating::Again);
        assert!(good.interval_days() > due);
        assert!(again.interval_days() <= due);
        assert!(again.difficulty > good.difficulty);
        assert!((s.retrievability(0) - 1.0).abs() < 1e-15);
    }

    #[test]
    fn python_rounding() {
        assert_eq!(round_half_even(2.5), 2.0);
        assert_eq!(round_half_even(3.5), 4.0);
        assert_eq!(round_half_even(2.4), 2.0);
    }
}
