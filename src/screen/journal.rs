//! The learner's goal and reflections as they show, decided before they are drawn: the header's goal
//! line, the goal section of the finished screen (where the learner stands, the skills that count, and
//! the choices of a new goal, folded away while one runs), what the learner chose read back into a goal,
//! the reflection prompt whose turn it is with what was written before, and every refusal in words.
//!
//! Not here: the DOM or the forms' events (`view::journal` builds the elements, the shell's
//! `player/journal.rs` wires them and stores what the learner keeps), the folds themselves
//! (`journal`, folded by `course::CourseLog`), ids or the clock (passed in).

use crate::i18n::{t, tf, tn};
use crate::journal::goal::MAX_DAYS;
use crate::journal::{
    reflection, GoalError, GoalProgress, GoalState, GoalTarget, Prompt, Reflection, ReflectionError,
};
use crate::package::Manifest;
use crate::time::EpochMs;
use std::collections::BTreeSet;

#[cfg(test)]
mod tests;

/// Goal lengths the learner can pick, in days, with the message key of each.
const SPANS: [(u32, &str); 2] = [(7, "goal-week"), (14, "goal-two-weeks")];
/// The largest "master N skills" goal offered: a few at a time keeps a goal within reach.
const MAX_COUNT: usize = 3;
/// How long "My goal: reached!" stays in the header after the goal is reached.
const REACHED_SHOWN_MS: EpochMs = 86_400_000;

/// The header's one line on the goal ("My goal: 1 of 2 skills. 3 days to go."): empty without a goal,
/// once its time is up, or a day after it was reached.
pub fn goal_line(goal: Option<&GoalProgress>, lang: &str, now: EpochMs) -> String {
    let Some(progress) = goal else {
        return String::new();
    };
    match progress.state {
        GoalState::Working { days_left } => tf(
            lang,
            "goal-line",
            &[
                ("done", &progress.done().to_string()),
                ("target", &tn(lang, "skills", progress.target)),
                ("days", &tn(lang, "days-left", days_left)),
            ],
        ),
        GoalState::Reached { at } if now - at < REACHED_SHOWN_MS => {
            t(lang, "goal-line-reached").to_owned()
        }
        _ => String::new(),
    }
}

/// The goal section of the finished screen.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalSection {
    /// Where the learner stands, in words ("No goal yet" without one).
    pub status: String,
    /// The goal's numbers and the skills that count toward it (none without a goal).
    pub standing: Option<Standing>,
    /// The choices of a new goal; None when every skill is mastered (nothing left to aim at).
    pub form: Option<GoalForm>,
}

/// How far a goal is.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    pub done: u32,
    pub target: u32,
    /// The skills mastered toward it, in the order they were mastered: (id, title).
    pub skills: Vec<(String, String)>,
}

/// The form to set a new goal.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalForm {
    /// Folded away behind "Set a new goal" while a goal runs.
    pub folded: bool,
    /// What to aim at: (value, label), "master N skills" first, then each skill not mastered yet.
    pub targets: Vec<(String, String)>,
    /// For how long: (value in days, label).
    pub spans: Vec<(String, String)>,
}

impl GoalSection {
    /// The section for `goal` (as folded now) in `manifest`, given the skills mastered now.
    pub fn of(
        goal: Option<&GoalProgress>,
        manifest: &Manifest,
        mastered_now: &BTreeSet<String>,
        lang: &str,
    ) -> GoalSection {
        let (status, standing) = match goal {
            None => (t(lang, "goal-none").to_owned(), None),
            Some(progress) => (
                status(progress, lang),
                Some(Standing {
                    done: progress.done(),
                    target: progress.target,
                    skills: (progress.mastered.iter())
                        .map(|s| (s.clone(), manifest.skill_title(s, lang)))
                        .collect(),
                }),
            ),
        };
        let open: Vec<(String, String)> = (manifest.skills.iter())
            .filter(|s| !mastered_now.contains(&s.id))
            .map(|s| {
                (
                    s.id.clone(),
                    s.title.get(lang, &manifest.language).to_owned(),
                )
            })
            .collect();
        let form = (!open.is_empty()).then(|| {
            let counts = (1..=open.len().min(MAX_COUNT)).map(|n| {
                let n = u32::try_from(n).unwrap_or(1);
                (format!("count:{n}"), tn(lang, "skills", n))
            });
            let skills = (open.iter()).map(|(id, title)| (format!("skill:{id}"), title.clone()));
            GoalForm {
                folded: matches!(
                    goal,
                    Some(GoalProgress {
                        state: GoalState::Working { .. },
                        ..
                    })
                ),
                targets: counts.chain(skills).collect(),
                spans: (SPANS.iter())
                    .map(|(days, key)| (days.to_string(), t(lang, key).to_owned()))
                    .collect(),
            }
        });
        GoalSection {
            status,
            standing,
            form,
        }
    }
}

/// Where a goal stands, in words.
fn status(progress: &GoalProgress, lang: &str) -> String {
    let done = progress.done();
    let target = tn(lang, "skills", progress.target);
    match progress.state {
        GoalState::Working { days_left } => tf(
            lang,
            "goal-working",
            &[
                ("done", &done.to_string()),
                ("target", &target),
                ("days", &tn(lang, "days-left", days_left)),
            ],
        ),
        GoalState::Reached { .. } => tf(
            lang,
            "goal-reached",
            &[("done", &done.to_string()), ("target", &target)],
        ),
        GoalState::Closed => tf(lang, "goal-closed", &[("done", &tn(lang, "skills", done))]),
    }
}

/// The goal the learner chose in the form: the values of its two menus (`count:N` or `skill:ID`, and a
/// number of days). None when either is missing or not one the form offers the shape of.
pub fn chosen_goal(target: Option<&str>, days: Option<&str>) -> Option<(GoalTarget, u32)> {
    let target = match target?.split_once(':')? {
        ("count", n) => GoalTarget::MasterSkills {
            count: n.parse().ok()?,
        },
        ("skill", id) if !id.is_empty() => GoalTarget::MasterSkill {
            skill: id.to_owned(),
        },
        _ => return None,
    };
    Some((target, days?.parse().ok()?))
}

/// What the form says when a goal cannot be set: a choice that is not one the form offers (None), or
/// a goal the course refuses, in the learner's language with the skill by its title.
pub fn goal_refused(error: Option<&GoalError>, manifest: &Manifest, lang: &str) -> String {
    let skill = |id: &str| manifest.skill_title(id, lang);
    match error {
        None => t(lang, "goal-invalid").to_owned(),
        Some(GoalError::TooMany { left, .. }) => {
            tf(lang, "goal-too-many", &[("n", &left.to_string())])
        }
        Some(GoalError::NoSkills) => t(lang, "goal-no-skills").to_owned(),
        Some(GoalError::UnknownSkill(id)) => {
            tf(lang, "goal-unknown-skill", &[("skill", &skill(id))])
        }
        Some(GoalError::AlreadyMastered(id)) => {
            tf(lang, "goal-already-mastered", &[("skill", &skill(id))])
        }
        Some(GoalError::Span(_)) => tf(lang, "goal-span", &[("max", &MAX_DAYS.to_string())]),
    }
}

/// The reflection section of the finished screen.
#[derive(Debug, Clone, PartialEq)]
pub struct ReflectionSection {
    /// The prompt whose turn it is (they take turns, one per reflection written).
    pub prompt: Prompt,
    /// Its question in words.
    pub question: String,
    /// What the learner wrote before in this course, oldest first: (prompt, its question, the text).
    pub written: Vec<(Prompt, String, String)>,
    /// The longest reflection kept, in characters (the text box stops there).
    pub max_chars: usize,
}

impl ReflectionSection {
    /// The section after `written`, the course's reflections so far.
    pub fn of(written: &[&Reflection], lang: &str) -> ReflectionSection {
        let prompt = Prompt::after(written.len());
        ReflectionSection {
            prompt,
            question: t(lang, prompt.key()).to_owned(),
            written: (written.iter())
                .map(|r| (r.prompt, t(lang, r.prompt.key()).to_owned(), r.text.clone()))
                .collect(),
            max_chars: reflection::MAX_CHARS,
        }
    }
}

/// What the form says when a reflection is not kept.
pub fn reflection_refused(error: &ReflectionError, lang: &str) -> String {
    match error {
        ReflectionError::Empty => t(lang, "reflect-empty").to_owned(),
        ReflectionError::TooLong(_) => tf(
            lang,
            "reflect-too-long",
            &[("n", &reflection::MAX_CHARS.to_string())],
        ),
    }
}

/// What the page says once an entry is stored: where focus goes (the section's heading id) and the
/// message.
pub fn kept(goal: bool, lang: &str) -> (&'static str, &'static str) {
    if goal {
        ("goal-heading", t(lang, "goal-saved"))
    } else {
        ("reflect-heading", t(lang, "reflect-saved"))
    }
}
