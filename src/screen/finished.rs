//! The finished screen as it shows, decided before it is drawn: the first-try summary; after a check
//! (feedback after submit), each item as first answered with its verdict and the author's feedback; and
//! the course plan in words: the offers with their reasons and numbers, and every activity with its
//! status (this one, locked and why, open, done).
//!
//! Not here: the DOM, the reflection and goal forms (`web::player::journal`), the progress map
//! (`progress.rs`), or the plan itself (`engine::plan`, folded by `course::CourseLog`).

use crate::check::numeric::decimal_mark_for;
use crate::engine::plan::{Plan, Status};
use crate::i18n::tf;
use crate::package::params::fill_display as fill;
use crate::package::{FeedbackPolicy, Manifest};
use crate::present;
use crate::session::Session;

/// The top of the finished screen; see the module doc.
#[derive(Debug, Clone, PartialEq)]
pub struct FinishedScreen {
    /// How many items were right on the first try, in words.
    pub summary: String,
    /// After a check: each item as first answered, in the activity's order; None when feedback was
    /// immediate (the learner saw it item by item).
    pub results: Option<Vec<ItemResult>>,
    /// Whether the course plan is shown: only when the package has more than this activity.
    pub plan: bool,
}

/// One item of a check, as first answered.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemResult {
    /// The stem with the values the learner saw.
    pub stem: String,
    pub correct: bool,
    /// The author's feedback on that answer.
    pub detail: Option<String>,
}

/// The course plan in words.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanView {
    pub offers: Vec<OfferView>,
    /// Every activity of the package, in its order.
    pub activities: Vec<ActivityRow>,
}

/// One offer of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct OfferView {
    pub activity_id: String,
    pub title: String,
    /// The kind of reason (`data-why`).
    pub why: &'static str,
    pub reason: String,
    /// The numbers behind it ("Why?"), joined; None when it has none.
    pub numbers: Option<String>,
}

/// One activity of the package.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityRow {
    pub activity_id: String,
    pub name: String,
    pub state: RowState,
}

/// Where an activity stands, as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum RowState {
    /// The activity just finished: its name alone, no link.
    Current,
    /// Closed, and why in words.
    Locked(String),
    Open,
    Done,
}

impl FinishedScreen {
    /// The finished screen of `session`'s activity.
    pub fn of(session: &Session) -> FinishedScreen {
        let lang = session.learner().language.as_str();
        let default = session.manifest().language.as_str();
        let (correct, items) = session.first_tries();
        let summary = tf(
            lang,
            "first-try-summary",
            &[
                ("correct", &correct.to_string()),
                ("items", &items.to_string()),
            ],
        );
        let results = (session.feedback_policy() == FeedbackPolicy::AfterSubmit).then(|| {
            let mark = decimal_mark_for(lang);
            let activity = session.activity();
            (activity.item_order().into_iter())
                .filter_map(|item_id| {
                    let item = activity.item(item_id)?;
                    let a = session.attempts().iter().find(|a| a.item_id == item_id)?;
                    Some(ItemResult {
                        stem: fill(item.stem.get(lang, default), &a.values, mark),
                        correct: a.outcome.correct,
                        detail: (a.outcome.feedback.as_ref())
                            .map(|f| fill(f.get(lang, default), &a.values, mark)),
                    })
                })
                .collect()
        });
        FinishedScreen {
            summary,
            results,
            plan: session.manifest().activities.len() > 1,
        }
    }
}

/// `plan` in words in `lang`; `current` is the activity just finished.
pub fn plan_view(manifest: &Manifest, current: &str, plan: &Plan, lang: &str) -> PlanView {
    let offers = (plan.offers.iter())
        .map(|offer| {
            let numbers = present::numbers(manifest, lang, &offer.numbers);
            OfferView {
                activity_id: offer.activity_id.clone(),
                title: manifest.activity_title(&offer.activity_id, lang),
                why: offer.why.kind(),
                reason: present::offer(manifest, lang, offer),
                numbers: (!offer.numbers.is_empty()).then(|| numbers.join("; ")),
            }
        })
        .collect();
    let activities = (manifest.activities.iter())
        .map(|a| ActivityRow {
            activity_id: a.id.clone(),
            name: a.title.get(lang, &manifest.language).to_owned(),
            state: match plan.status.get(&a.id).cloned().unwrap_or(Status::Open) {
                _ if a.id == current => RowState::Current,
                Status::Locked(lock) => RowState::Locked(present::lock(manifest, lang, &lock)),
                Status::Open => RowState::Open,
                Status::Done => RowState::Done,
            },
        })
        .collect();
    PlanView { offers, activities }
}

#[cfg(test)]
mod tests;
