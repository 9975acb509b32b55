//! The one place where the core's typed decisions and errors become words for the learner: why an activity
//! is offered and the numbers behind it, why one is locked, why this question, and why an answer could
//! not be read. Every sentence comes from the message catalogs (`i18n`) in the learner's language; skill
//! and activity titles from the package, in that language where it has them.
//!
//! It decides nothing: the engine, the scorers and the session decide, and hand over data. Nor does it
//! touch the DOM: the web shell draws the strings it returns.

use crate::check::numeric::NumberError;
use crate::check::ScoreError;
use crate::engine::practice::PracticeStatus;
use crate::engine::{Choice, Lock, Numbers, Reason, Recommendation, Why};
use crate::expr::ExprError;
use crate::i18n::{t, tf, tn};
use crate::package::{DecimalMark, Manifest};
use crate::session::SessionError;

mod figure;
pub use figure::{figure_alt, shade_alt};

/// A probability as a whole percentage, for sentences.
fn percent(p: f64) -> String {
    format!("{:.0}", (p * 100.0).clamp(0.0, 100.0))
}

fn whole(v: f64) -> String {
    format!("{:.0}", v.floor().max(0.0))
}

/// Why `offer` is offered, in one or two sentences.
pub fn offer(m: &Manifest, lang: &str, offer: &Recommendation) -> String {
    let title = |skill: &str| m.skill_title(skill, lang);
    let since = offer
        .numbers
        .attempts_since_mastery
        .unwrap_or(0)
        .to_string();
    match &offer.why {
        Why::Assigned => t(lang, "why-assigned").to_owned(),
        Why::Remediation {
            skill,
            prereq: Some(prereq),
        } => tf(
            lang,
            "why-remediation-prereq",
            &[
                ("n", &since),
                ("skill", &title(skill)),
                ("prereq", &title(prereq)),
            ],
        ),
        Why::Remediation {
            skill,
            prereq: None,
        } => tf(
            lang,
            "why-remediation-lesson",
            &[("n", &since), ("skill", &title(skill))],
        ),
        Why::Review { skill } => {
            let days = whole(offer.numbers.days_since_mastery.unwrap_or(0.0));
            tf(
                lang,
                "why-review",
                &[("skill", &title(skill)), ("days", &days)],
            )
        }
        Why::Continue => t(lang, "why-continue").to_owned(),
        Why::Next {
            skill,
            prereqs,
            practice,
        } => {
            let mut text = if prereqs.is_empty() {
                tf(lang, "why-start", &[("skill", &title(skill))])
            } else {
                let built_on: Vec<String> = prereqs.iter().map(|p| title(p)).collect();
                tf(
                    lang,
                    "why-next",
                    &[("skill", &title(skill)), ("prereqs", &built_on.join(", "))],
                )
            };
            if *practice {
                text.push_str(t(lang, "why-or-practice"));
            }
            text
        }
        Why::PreCheck => t(lang, "why-precheck").to_owned(),
    }
}

/// The numbers behind a decision, one phrase each: answers since mastery, days since mastery, then
/// P(known) per skill (by skill id).
pub fn numbers(m: &Manifest, lang: &str, numbers: &Numbers) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(n) = numbers.attempts_since_mastery {
        out.push(tf(lang, "why-attempts", &[("n", &n.to_string())]));
    }
    if let Some(days) = numbers.days_since_mastery {
        out.push(tf(lang, "why-days", &[("n", &whole(days))]));
    }
    for (skill, p) in &numbers.p_known {
        let title = m.skill_title(skill, lang);
        out.push(tf(
            lang,
            "why-known",
            &[("skill", &title), ("known", &percent(*p))],
        ));
    }
    out
}

/// Why an activity is closed.
pub fn lock(m: &Manifest, lang: &str, lock: &Lock) -> String {
    let (skills, activities) = match lock {
        Lock::Teacher => return t(lang, "locked-teacher").to_owned(),
        Lock::Until { skills, activities } => (skills, activities),
    };
    let and = t(lang, "and");
    let mut parts = Vec::new();
    if !skills.is_empty() {
        let titles: Vec<String> = skills.iter().map(|s| m.skill_title(s, lang)).collect();
        parts.push(tf(lang, "opens-master", &[("skills", &titles.join(and))]));
    }
    if !activities.is_empty() {
        let titles: Vec<String> = activities
            .iter()
            .map(|a| m.activity_title(a, lang))
            .collect();
        parts.push(tf(
            lang,
            "opens-finish",
            &[("activities", &titles.join(and))],
        ));
    }
    tf(lang, "opens-when", &[("what", &parts.join(and))])
}

/// Why this question, for the learner: which skill (`skill` is its title), how likely they are to get it
/// right, and why that makes it a good next question. The teacher's version, with item ids, is
/// [`Reason::text`], which travels in the statements.
pub fn item_reason(lang: &str, reason: &Reason, skill: &str) -> String {
    let args = [
        ("skill", skill.to_owned()),
        ("n", reason.considered.len().to_string()),
        ("predicted", percent(reason.predicted_success)),
        ("target", percent(reason.target_success)),
        ("known", percent(reason.p_known)),
    ];
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    // A choice among one question is not "of 1 questions", whatever the rule.
    let single = reason.considered.len() == 1;
    match reason.choice {
        Choice::SoonestMastery | Choice::NearestTarget => {
            let key = match (single, reason.choice) {
                (true, _) => "why-item-single",
                (false, Choice::SoonestMastery) => "why-item-soonest",
                (false, _) => "why-item",
            };
            let mut text = tf(lang, key, &args);
            if !reason.excluded_recent.is_empty() {
                text.push_str(t(lang, "why-item-recent"));
            }
            text
        }
        Choice::FreshVariant => tf(lang, "why-item-fresh", &args),
        Choice::RepeatOldest => tf(lang, "why-item-repeat", &args),
    }
}

/// An adaptive practice's progress line (`skill` is the title of the skill it works on): answers so far,
/// how well the skill is known, and, when it is near, how many more right answers would do it. Never
/// "question 7 of 7": a practice has no fixed length.
pub fn practice_line(lang: &str, status: &PracticeStatus, skill: &str) -> String {
    let answers = u32::try_from(status.answers).unwrap_or(u32::MAX);
    let mut line = tn(lang, "practice-answers", answers);
    line.push_str(&tf(
        lang,
        "practice-known",
        &[("skill", skill), ("known", &percent(status.p_known))],
    ));
    if let Some(n) = status.few_more.filter(|n| *n > 0) {
        line.push_str(&tn(lang, "practice-few-more", n));
    }
    line
}

/// The words of the way out offered when a practice is wheel-spinning: the heading, then the choices
/// (read the lesson, see a worked example, take a break, and keep practising from the break); None when
/// the learner is not stuck.
pub fn stuck_offer(
    lang: &str,
    status: &PracticeStatus,
    skill: &str,
) -> Option<(String, [&'static str; 4])> {
    let stuck = status.stuck.as_ref()?;
    let heading = tf(
        lang,
        "stuck-offer",
        &[
            ("n", &stuck.answers_without_mastery.to_string()),
            ("skill", skill),
        ],
    );
    let choices = [
        t(lang, "stuck-lesson"),
        t(lang, "stuck-example"),
        t(lang, "stuck-break"),
        t(lang, "stuck-keep-going"),
    ];
    Some((heading, choices))
}

/// Why an answer was not taken: it could not be read, or the session could not take one now.
pub fn session_error(lang: &str, error: &SessionError) -> String {
    match error {
        SessionError::Score(e) => score_error(lang, e),
        SessionError::Finished => t(lang, "err-finished").to_owned(),
        SessionError::AlreadyAnswered(_) => t(lang, "err-already-answered").to_owned(),
        SessionError::UnknownItem(_) => t(lang, "err-unknown-item").to_owned(),
        SessionError::Altered(_) => t(lang, "err-altered").to_owned(),
    }
}

/// Why a response could not be scored.
pub fn score_error(lang: &str, error: &ScoreError) -> String {
    match error {
        ScoreError::UnknownOption(option) => tf(lang, "err-unknown-option", &[("option", option)]),
        ScoreError::WrongShape { .. } => t(lang, "err-wrong-shape").to_owned(),
        ScoreError::Number(e) => number_error(lang, e),
        ScoreError::UnitNotExpected { unit } => {
            tf(lang, "err-unit-not-expected", &[("unit", unit)])
        }
        ScoreError::UnknownUnit { unit, accepted } => tf(
            lang,
            "err-unknown-unit",
            &[("unit", unit), ("accepted", &accepted.join(", "))],
        ),
        ScoreError::Expression(e) => tf(
            lang,
            "err-expression",
            &[("problem", &expression_error(lang, e))],
        ),
        ScoreError::Incomplete => t(lang, "err-incomplete").to_owned(),
        ScoreError::Key(_) => t(lang, "err-key").to_owned(),
    }
}

/// Why what the learner typed is not a number.
pub fn number_error(lang: &str, error: &NumberError) -> String {
    let example = |mark: DecimalMark| match mark {
        DecimalMark::Point => "0.75",
        DecimalMark::Comma => "0,75",
    };
    match error {
        NumberError::Empty { .. } => t(lang, "err-number-empty").to_owned(),
        NumberError::WrongDecimalMark { input } => tf(lang, "err-number-mark", &[("input", input)]),
        NumberError::ThousandsSeparator { input, mark } => tf(
            lang,
            "err-number-thousands",
            &[
                ("input", input),
                ("example", &format!("1000{}5", mark.as_char())),
            ],
        ),
        NumberError::DivisionByZero { input } => tf(lang, "err-number-zero", &[("input", input)]),
        NumberError::TooLarge { input } => tf(lang, "err-number-large", &[("input", input)]),
        NumberError::Invalid { input, mark } => tf(
            lang,
            "err-number-invalid",
            &[("input", input), ("example", example(*mark))],
        ),
    }
}

/// Where and why an expression cannot be read.
fn expression_error(lang: &str, error: &ExprError) -> String {
    let col = |c: &usize| c.to_string();
    match error {
        ExprError::Empty => t(lang, "err-expr-empty").to_owned(),
        ExprError::Unexpected { text, column, .. } => tf(
            lang,
            "err-expr-unexpected",
            &[("text", text), ("column", &col(column))],
        ),
        ExprError::InvalidNumber { text, column, .. } => tf(
            lang,
            "err-expr-number",
            &[("text", text), ("column", &col(column))],
        ),
        ExprError::MissingOperand { after, column, .. } => tf(
            lang,
            "err-expr-missing",
            &[("after", after), ("column", &col(column))],
        ),
        ExprError::UnclosedParen { column, .. } => {
            tf(lang, "err-expr-unclosed", &[("column", &col(column))])
        }
        ExprError::UnmatchedParen { column, .. } => {
            tf(lang, "err-expr-unmatched", &[("column", &col(column))])
        }
        ExprError::UnknownVariable { name, known, .. } => tf(
            lang,
            "err-expr-variable",
            &[("name", name), ("known", &known.join(", "))],
        ),
        ExprError::MissingCallParen { name, column, .. } => tf(
            lang,
            "err-expr-call",
            &[("name", name), ("column", &col(column))],
        ),
        ExprError::WrongArity {
            name,
            expected,
            found,
            column,
            ..
        } => tf(
            lang,
            if *expected == 1 {
                "err-expr-arity-one"
            } else {
                "err-expr-arity-other"
            },
            &[
                ("name", name),
                ("column", &col(column)),
                ("expected", &expected.to_string()),
                ("found", &found.to_string()),
            ],
        ),
        ExprError::TooComplex { column, .. } => {
            tf(lang, "err-expr-complex", &[("column", &col(column))])
        }
    }
}

#[cfg(test)]
mod tests;
