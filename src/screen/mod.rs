//! What the item screen shows, decided from the session before anything is drawn: the counter line, the
//! engine's reason, the stem with the item's values filled in and its blocks as they show (`blocks.rs`), the answer to restore or show, the open
//! hints and solution, which buttons are offered, and the feedback with tries left, try again, and
//! whether Next finishes the activity.
//!
//! The shell draws an [`ItemScreen`] as it is and wires its buttons; every decision about what appears is
//! here, tested natively. Not here: DOM, the interaction controls' markup (`web::interactions` draws them
//! from the fields this view gives), browser abilities such as speech, or any effect.

pub mod act;
pub mod blocks;
pub mod device;
pub mod finished;
pub mod journal;
pub mod options;
pub mod progress;

use crate::check::numeric::decimal_mark_for;
use crate::check::Response;
use crate::engine::practice::PracticeStatus;
use crate::i18n::t;
use crate::package::params::{fill_display as fill, Values};
use crate::package::{DecimalMark, FeedbackPolicy, Item};
use crate::present;
use crate::rng::SeededRng;
use crate::session::{Session, Step};

/// The item screen; see the module doc.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemScreen {
    pub item: Item,
    pub lang: String,
    /// The package's own language (the fallback of every text).
    pub default: String,
    pub values: Values,
    pub mark: DecimalMark,
    pub counter: Counter,
    /// Why the engine chose this item, in words (adaptive activities).
    pub reason: Option<String>,
    /// The stem, values filled in (inline markup allowed).
    pub stem: String,
    /// The stem's blocks (a picture, a figure, a formula, ...) as they show, after the stem.
    pub stem_blocks: Vec<blocks::Shown>,
    /// The learner's unsubmitted answer, to restore.
    pub draft: Option<Response>,
    /// Seeds the order options are shown in, stable across renders of one try.
    pub seed: u64,
    /// The "fewer choices" accommodation: at most this many options in choice items.
    pub max_options: Option<u32>,
    /// Open hints: each label ("Hint 1:") and text.
    pub hints: Vec<(String, String)>,
    /// The worked solution's steps, when open.
    pub solution: Option<Vec<String>>,
    pub stage: Stage,
}

/// The line above the stem.
#[derive(Debug, Clone, PartialEq)]
pub enum Counter {
    /// Adaptive practice: answers so far and how near mastery.
    Practice { text: String, answers: usize },
    /// "Question 2 of 5".
    Position(String),
    /// An activity with lesson pages shows no count.
    None,
}

/// Answering, or looking at the feedback.
#[derive(Debug, Clone, PartialEq)]
pub enum Stage {
    Answering {
        /// The label of the next hint's button ("Hint (2 of 3)"), while one is left.
        next_hint: Option<String>,
        /// Whether the Solution button is offered.
        solution_button: bool,
    },
    Feedback(Feedback),
}

/// The feedback on the answer just committed.
#[derive(Debug, Clone, PartialEq)]
pub struct Feedback {
    /// The answer as given, shown locked.
    pub answered: Response,
    /// Whether each part was right, when the verdict is shown.
    pub parts: Option<Vec<bool>>,
    pub verdict: Verdict,
    /// The author's feedback on this answer, values filled in (shown with the verdict only).
    pub detail: Option<String>,
    /// Tries left on this item when another is allowed and the verdict is shown.
    pub tries_left: Option<u32>,
    /// Whether Next ends the activity (the last question of a quiz without pages).
    pub last: bool,
    /// Practice status, when the stuck offer may show (no retry pending).
    pub practice: Option<PracticeStatus>,
}

/// What the feedback says of the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Correct,
    Incorrect,
    /// Feedback is deferred (a test): the answer is only said to be saved.
    Saved,
}

impl Verdict {
    /// The feedback box's classes.
    pub fn class(self) -> &'static str {
        match self {
            Verdict::Correct => "feedback correct",
            Verdict::Incorrect => "feedback incorrect",
            Verdict::Saved => "feedback saved",
        }
    }

    /// The catalog key of its words.
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Correct => "correct",
            Verdict::Incorrect => "incorrect",
            Verdict::Saved => "saved",
        }
    }
}

impl Feedback {
    /// Whether Try again is offered.
    pub fn retry(&self) -> bool {
        self.tries_left.is_some()
    }
}

impl ItemScreen {
    /// What the page's announcer says once the feedback shows: the verdict, then the author's feedback
    /// as plain text. Empty while the item is being answered.
    pub fn announced(&self) -> String {
        match &self.stage {
            Stage::Feedback(f) => format!(
                "{} {}",
                t(&self.lang, f.verdict.key()),
                (f.detail.as_deref())
                    .map(crate::package::markup::plain_text)
                    .unwrap_or_default()
            ),
            Stage::Answering { .. } => String::new(),
        }
    }

    /// The screen of the session's current item; none when its step is not an item. `keep` is an
    /// answer in progress the shell holds across a re-render (a hint opened, a language switch), which
    /// wins over the stored draft.
    pub fn of(session: &Session, keep: Option<&Response>) -> Option<ItemScreen> {
        let item = session.current_item()?.clone();
        let lang = session.learner().language.clone();
        let default = session.manifest().language.clone();
        let mark = decimal_mark_for(&lang);
        let values = session.values();
        let text = |t: &crate::package::Text| fill(t.get(&lang, &default), &values, mark);
        let step = &session.progress().step;
        let shown = session.shown_attempt();
        let practice = session.practice_status();
        let (index, total) = session.position();
        let counter = match &practice {
            Some(status) => {
                let skill = session.manifest().skill_title(&status.skill_id, &lang);
                Counter::Practice {
                    text: present::practice_line(&lang, status, &skill),
                    answers: status.answers,
                }
            }
            None if session.activity().pages.is_empty() => Counter::Position(format!(
                "{} {index} {} {total}",
                t(&lang, "question"),
                t(&lang, "of")
            )),
            None => Counter::None,
        };
        let reason = match step {
            Step::Answering {
                reason: Some(reason),
                ..
            } => {
                let skill = session.manifest().skill_title(&reason.skill_id, &lang);
                Some(present::item_reason(&lang, reason, &skill))
            }
            _ => None,
        };
        let draft = match (keep, step) {
            (Some(k), _) => Some(k.clone()),
            (None, Step::Answering { draft, .. }) => draft.clone(),
            _ => None,
        };
        let (opened, solution_open) = match (step, shown) {
            (
                Step::Answering {
                    hints_shown,
                    solution_shown,
                    ..
                },
                _,
            ) => (*hints_shown, *solution_shown),
            (_, Some(a)) => (a.hints_used, a.solution_viewed),
            _ => (0, false),
        };
        let hints = (item.hints.iter().take(opened as usize).enumerate())
            .map(|(n, hint)| (format!("{} {}: ", t(&lang, "hint"), n + 1), text(hint)))
            .collect();
        let solution = (solution_open && !item.solution.is_empty())
            .then(|| item.solution.iter().map(&text).collect());
        let tries = session.tries(&item.id);
        let seed = SeededRng::seed_from(&[&session.learner().id, &item.id, &tries.to_string()]);
        let show_verdict = session.feedback_policy() == FeedbackPolicy::Immediate;
        let stage = match shown {
            Some(attempt) => {
                let tries_left = session.tries_left().filter(|_| show_verdict);
                Stage::Feedback(Feedback {
                    answered: attempt.response.clone(),
                    parts: show_verdict.then(|| attempt.outcome.parts.clone()),
                    verdict: match (show_verdict, attempt.outcome.correct) {
                        (false, _) => Verdict::Saved,
                        (true, true) => Verdict::Correct,
                        (true, false) => Verdict::Incorrect,
                    },
                    detail: (attempt.outcome.feedback.as_ref())
                        .filter(|_| show_verdict)
                        .map(&text),
                    tries_left,
                    last: session.activity().pages.is_empty() && index >= total,
                    practice: practice.filter(|_| tries_left.is_none()),
                })
            }
            None => Stage::Answering {
                next_hint: ((opened as usize) < item.hints.len()).then(|| {
                    format!(
                        "{} ({} {} {})",
                        t(&lang, "hint"),
                        opened + 1,
                        t(&lang, "of"),
                        item.hints.len()
                    )
                }),
                solution_button: !solution_open && !item.solution.is_empty(),
            },
        };
        let stem = text(&item.stem);
        let words = blocks::Words {
            lang: &lang,
            default: &default,
            values: &values,
            mark,
        };
        let stem_blocks = (item.blocks.iter())
            .filter_map(|b| blocks::show(b, &words))
            .collect();
        Some(ItemScreen {
            counter,
            reason,
            stem,
            stem_blocks,
            draft,
            seed,
            max_options: session.accommodations().fewer_choices,
            hints,
            solution,
            stage,
            item,
            lang,
            default,
            values,
            mark,
        })
    }

    /// `"answering"` or `"feedback"`, the form's `data-step`.
    pub fn step_name(&self) -> &'static str {
        match self.stage {
            Stage::Answering { .. } => "answering",
            Stage::Feedback(_) => "feedback",
        }
    }

    /// A text of the item in the learner's language, values filled in.
    pub fn text(&self, t: &crate::package::Text) -> String {
        fill(t.get(&self.lang, &self.default), &self.values, self.mark)
    }
}

pub(crate) mod fixture;
#[cfg(test)]
mod tests;
