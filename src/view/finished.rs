//! The finished screen as elements: the heading, the summary, a check's results item by item, and at a
//! natural pause the course plan (my progress, the engine's short list of what to do next with each
//! reason and its numbers on request, every activity with its status).
//!
//! Deliberately not here: the goal and reflection forms (they hold the learner's input and events; the
//! shell's `player/journal.rs`), focus, or deciding anything (`screen::finished` and
//! `screen::progress` did).

use super::{progress, rich, Element, Node};
use crate::i18n::t;
use crate::screen::finished::{FinishedScreen, PlanView, RowState};
use crate::screen::progress::ProgressMap;

#[cfg(test)]
mod tests;

/// The finished screen's heading, summary and results (its goal, reflection and plan come after).
pub fn head(screen: &FinishedScreen, lang: &str) -> Vec<Node> {
    let mut out: Vec<Node> = vec![
        Element::text("h2", "", t(lang, "complete")).into(),
        Element::text("p", "summary", &screen.summary).into(),
    ];
    if let Some(results) = &screen.results {
        // A check shows its feedback now, item by item, as first answered.
        out.push(Element::text("h3", "", t(lang, "your-results")).into());
        let rows = results.iter().map(|result| {
            let (class, verdict) = if result.correct {
                ("result correct", "correct")
            } else {
                ("result incorrect", "incorrect")
            };
            let mut li = Element::new("li", class)
                .child(rich::element("p", "", &result.stem))
                .child(Element::text("p", "verdict", t(lang, verdict)));
            if let Some(detail) = &result.detail {
                li = li.child(rich::element("p", "detail", detail));
            }
            li.into()
        });
        out.push(Element::new("ol", "results").children(rows).into());
    }
    out
}

/// The course plan at a natural pause: my progress, what to do next (the learner picks; "Why?" shows
/// the numbers), then every activity with its status.
pub fn plan(map: &ProgressMap, shown: &PlanView, lang: &str) -> Vec<Node> {
    let progress = Element::new("section", "my-progress")
        .attr("aria-labelledby", "progress-heading")
        .child(Element::text("h3", "", t(lang, "my-progress")).attr("id", "progress-heading"))
        .children(progress::map(map));
    let offers = shown.offers.iter().map(|offer| {
        let link = Element::text("a", "offer-link", &offer.title)
            .attr("href", format!("?activity={}", offer.activity_id));
        let mut li = Element::new("li", "offer")
            .attr("data-activity", &offer.activity_id)
            .attr("data-why", offer.why)
            .child(link)
            .child(Element::text("p", "offer-reason", &offer.reason));
        if let Some(numbers) = &offer.numbers {
            li = li.child(
                Element::new("details", "why")
                    .child(Element::text("summary", "", t(lang, "why-this")))
                    .child(Element::text("p", "reason", numbers)),
            );
        }
        li.into()
    });
    let next = Element::new("section", "next")
        .attr("aria-labelledby", "next-heading")
        .child(Element::text("h3", "", t(lang, "what-next")).attr("id", "next-heading"))
        .child(Element::new("ol", "offers").children(offers));
    let rows = shown.activities.iter().map(|a| {
        let li = Element::new("li", "").attr("data-activity", &a.activity_id);
        match &a.state {
            RowState::Current => li.with_text(&a.name),
            RowState::Locked(reason) => li
                .attr("data-status", "locked")
                .child(Element::text("span", "", &a.name))
                .child(Element::text(
                    "span",
                    "locked-reason",
                    &format!(" — {reason}"),
                )),
            RowState::Open | RowState::Done => {
                let done = a.state == RowState::Done;
                li.attr("data-status", if done { "done" } else { "open" })
                    .child(
                        Element::text("a", "", &a.name)
                            .attr("href", format!("?activity={}", a.activity_id)),
                    )
            }
        }
        .into()
    });
    vec![
        progress.into(),
        next.into(),
        Element::text("h3", "", t(lang, "other-activities")).into(),
        Element::new("ul", "activities").children(rows).into(),
    ]
}
