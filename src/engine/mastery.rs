//! Mastery rules an author picks per activity, and their evaluation.
//!
//! Four rules, for parity with Kolibri's exercise mastery models plus BKT:
//! - `{"rule": "bkt", "threshold": 0.95}`: P(known) at or above the threshold (0.95 is the usual one,
//!   Corbett & Anderson 1995; it is the default);
//! - `{"rule": "do_all"}`: every item of the activity answered correctly (Kolibri's `do_all`: the last
//!   `item_count` first attempts all correct);
//! - `{"rule": "n_in_a_row", "n": 3}`: the last `n` first attempts correct (Kolibri offers 2, 3, 5, 10;
//!   any `n >= 1` is accepted);
//! - `{"rule": "m_of_n", "m": 3, "n": 5}`: at least `m` correct among the last `n` first attempts.
//!
//! **Mastery is never final.** A rule is a pure function of the current evidence: a skill mastered
//! yesterday is not mastered today if the recent answers say otherwise. Nothing here latches. Which
//! outcomes to pass (the activity's first attempts, as [`super::evidence`] defines them) and which
//! P(known) (the lowest over the activity's skills) is the caller's choice.

pub use crate::package::{MasteryRule, MasteryRuleError, DEFAULT_BKT_THRESHOLD};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The evidence a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MasteryEvidence<'a> {
    /// First-attempt outcomes in the activity, oldest first.
    pub outcomes: &'a [bool],
    /// Current P(known) (for `bkt`; the lowest over the activity's skills).
    pub p_known: f64,
    /// Number of items in the activity (for `do_all`).
    pub item_count: usize,
}

/// Whether the rule is met now, and how far along the learner is.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MasteryStatus {
    pub mastered: bool,
    pub progress: Progress,
}

/// How far along a rule the learner is, in the rule's own terms.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum Progress {
    /// `bkt`: current P(known) against the threshold.
    PKnown { p_known: f64, threshold: f64 },
    /// `do_all`: correct answers among the last `items`.
    AllItems { correct: u32, items: u32 },
    /// `n_in_a_row`: the current run of correct answers (capped at `n`).
    InARow { streak: u32, n: u32 },
    /// `m_of_n`: correct answers among the last `n`, `m` needed.
    OfLast { correct: u32, m: u32, n: u32 },
}

impl MasteryRule {
    /// Mastered or not on the current evidence, with progress.
    pub fn evaluate(&self, evidence: &MasteryEvidence<'_>) -> MasteryStatus {
        let progress = match *self {
            MasteryRule::Bkt { threshold } => Progress::PKnown {
                p_known: evidence.p_known,
                threshold,
            },
            MasteryRule::DoAll => {
                let items = saturating_u32(evidence.item_count);
                Progress::AllItems {
                    correct: correct_in_last(evidence.outcomes, items),
                    items,
                }
            }
            MasteryRule::NInARow { n } => Progress::InARow {
                streak: current_streak(evidence.outcomes).min(n),
                n,
            },
            MasteryRule::MOfN { m, n } => Progress::OfLast {
                correct: correct_in_last(evidence.outcomes, n),
                m,
                n,
            },
        };
        MasteryStatus {
            mastered: progress.is_met(),
            progress,
        }
    }
}

impl Progress {
    /// Whether the rule is met.
    pub fn is_met(&self) -> bool {
        match *self {
            Progress::PKnown { p_known, threshold } => p_known >= threshold,
            Progress::AllItems { correct, items } => items > 0 && correct >= items,
            Progress::InARow { streak, n } => n > 0 && streak >= n,
            Progress::OfLast { correct, m, n } => m > 0 && m <= n && correct >= m,
        }
    }

    /// Progress in `[0, 1]`, for a bar.
    pub fn fraction(&self) -> f64 {
        let (have, need) = match *self {
            Progress::PKnown { p_known, threshold } => (p_known, threshold),
            Progress::AllItems { correct, items } => (f64::from(correct), f64::from(items)),
            Progress::InARow { streak, n } => (f64::from(streak), f64::from(n)),
            Progress::OfLast { correct, m, .. } => (f64::from(correct), f64::from(m)),
        };
        if need > 0.0 {
            (have / need).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }
}

impl fmt::Display for Progress {
    /// A short phrase for learners and teachers, e.g. "2 of 3 in a row".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Progress::PKnown { p_known, threshold } => {
                write!(f, "estimated {p_known:.2} known, {threshold:.2} needed")
            }
            Progress::AllItems { correct, items } => {
                write!(f, "{correct} of {items} items correct")
            }
            Progress::InARow { streak, n } => write!(f, "{streak} of {n} in a row"),
            Progress::OfLast { correct, m, n } => {
                write!(f, "{correct} correct of the last {n}, {m} needed")
            }
        }
    }
}

/// Correct answers at the end of `outcomes`, stopping at the first wrong one.
fn current_streak(outcomes: &[bool]) -> u32 {
    saturating_u32(outcomes.iter().rev().take_while(|&&c| c).count())
}

/// Correct answers among the last `n` of `outcomes` (all of them when there are fewer).
fn correct_in_last(outcomes: &[bool], n: u32) -> u32 {
    let window = usize::try_from(n).unwrap_or(usize::MAX);
    saturating_u32(outcomes.iter().rev().take(window).filter(|&&c| c).count())
}

fn saturating_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcomes(s: &str) -> Vec<bool> {
        s.chars().map(|c| c == '1').collect()
    }

    fn check(rule: MasteryRule, answers: &str, p_known: f64, items: usize) -> MasteryStatus {
        let outcomes = outcomes(answers);
        rule.evaluate(&MasteryEvidence {
            outcomes: &outcomes,
            p_known,
            item_count: items,
        })
    }

    #[test]
    fn bkt_rule_table() {
        let rule = MasteryRule::default();
        let table = [(0.5, false), (0.949_999, false), (0.95, true), (0.99, true)];
        for (p_known, mastered) in table {
            let status = check(rule, "", p_known, 0);
            assert_eq!(status.mastered, mastered, "p_known {p_known}");
        }
        let s = check(MasteryRule::Bkt { threshold: 0.8 }, "", 0.4, 0);
        assert_eq!(s.progress.fraction(), 0.5);
        assert_eq!(s.progress.to_string(), "estimated 0.40 known, 0.80 needed");
    }

    #[test]
    fn do_all_table() {
        let table = [
            ("", 3, false, "0 of 3 items correct"),
            ("11", 3, false, "2 of 3 items correct"),
            ("111", 3, true, "3 of 3 items correct"),
            ("1101", 3, false, "2 of 3 items correct"),
            ("0111", 3, true, "3 of 3 items correct"),
            ("1110", 3, false, "2 of 3 items correct"),
            ("111", 0, false, "0 of 0 items correct"),
        ];
        for (answers, items, mastered, text) in table {
            let s = check(MasteryRule::DoAll, answers, 0.0, items);
            assert_eq!(s.mastered, mastered, "{answers} of {items}");
            assert_eq!(s.progress.to_string(), text);
        }
    }

    #[test]
    fn n_in_a_row_table() {
        let table = [
            (2, "", false, 0),
            (2, "11", true, 2),
            (2, "0111", true, 2),
            (3, "1101", false, 1),
            (3, "11011", false, 2),
            (3, "110111", true, 3),
            (5, "11111", true, 5),
            (5, "1111", false, 4),
            (10, "1111111111", true, 10),
            (10, "01111111110", false, 0),
            (1, "0", false, 0),
            (1, "01", true, 1),
        ];
        for (n, answers, mastered, streak) in table {
            let s = check(MasteryRule::NInARow { n }, answers, 0.0, 0);
            assert_eq!(s.mastered, mastered, "{n} in a row on {answers}");
            assert_eq!(s.progress, Progress::InARow { streak, n });
        }
        let s = check(MasteryRule::NInARow { n: 3 }, "011", 0.0, 0);
        assert_eq!(s.progress.to_string(), "2 of 3 in a row");
    }

    #[test]
    fn m_of_n_table() {
        let table = [
            (3, 5, "", false, 0),
            (3, 5, "111", true, 3),
            (3, 5, "1010", false, 2),
            (3, 5, "10101", true, 3),
            (3, 5, "1110000", false, 1),
            (3, 5, "0000111", true, 3),
            (3, 5, "11100", true, 3),
            (3, 5, "111000", false, 2),
            (1, 1, "1", true, 1),
            (5, 5, "11110", false, 4),
        ];
        for (m, n, answers, mastered, correct) in table {
            let s = check(MasteryRule::MOfN { m, n }, answers, 0.0, 0);
            assert_eq!(s.mastered, mastered, "{m} of {n} on {answers}");
            assert_eq!(s.progress, Progress::OfLast { correct, m, n });
        }
        let s = check(MasteryRule::MOfN { m: 3, n: 5 }, "01001", 0.0, 0);
        assert_eq!(s.progress.to_string(), "2 correct of the last 5, 3 needed");
    }

    #[test]
    fn mastery_is_never_final() {
        let rule = MasteryRule::NInARow { n: 3 };
        assert!(check(rule, "111", 0.0, 0).mastered);
        assert!(!check(rule, "1110", 0.0, 0).mastered);
        assert!(check(MasteryRule::default(), "", 0.96, 0).mastered);
        assert!(!check(MasteryRule::default(), "", 0.90, 0).mastered);
    }

    #[test]
    fn status_serialises_with_a_kind_tag() {
        let s = check(MasteryRule::NInARow { n: 3 }, "011", 0.0, 0);
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(
            json,
            r#"{"mastered":false,"progress":{"kind":"in_a_row","streak":2,"n":3}}"#
        );
        let p = check(MasteryRule::default(), "", 0.5, 0).progress;
        assert_eq!(serde_json::to_value(p).unwrap()["pKnown"], 0.5);
    }

    #[test]
    fn parses_the_tagged_json() {
        let table = [
            (r#"{"rule":"bkt"}"#, MasteryRule::default()),
            (
                r#"{"rule":"bkt","threshold":0.9}"#,
                MasteryRule::Bkt { threshold: 0.9 },
            ),
            (r#"{"rule":"do_all"}"#, MasteryRule::DoAll),
            (
                r#"{"rule":"n_in_a_row","n":5}"#,
                MasteryRule::NInARow { n: 5 },
            ),
            (
                r#"{"rule":"m_of_n","m":3,"n":5}"#,
                MasteryRule::MOfN { m: 3, n: 5 },
            ),
        ];
        for (json, rule) in table {
            let parsed: MasteryRule = serde_json::from_str(json).unwrap();
            assert_eq!(parsed, rule, "{json}");
            let back: MasteryRule =
                serde_json::from_str(&serde_json::to_string(&parsed).unwrap()).unwrap();
            assert_eq!(back, rule);
        }
    }

    #[test]
    fn refuses_invalid_rules_with_a_reason() {
        let table = [
            (r#"{"rule":"m_of_n","m":6,"n":5}"#, "1 <= m <= n"),
            (r#"{"rule":"m_of_n","m":0,"n":5}"#, "1 <= m <= n"),
            (r#"{"rule":"n_in_a_row","n":0}"#, "at least 1"),
            (r#"{"rule":"bkt","threshold":1.5}"#, "threshold"),
            (r#"{"rule":"bkt","threshold":0}"#, "threshold"),
            (r#"{"rule":"n_in_a_row","n":3,"m":1}"#, "unknown field"),
            (r#"{"rule":"three_in_a_row"}"#, "unknown variant"),
        ];
        for (json, message) in table {
            let err = serde_json::from_str::<MasteryRule>(json).unwrap_err();
            assert!(err.to_string().contains(message), "{json}: {err}");
        }
    }
}
