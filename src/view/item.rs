//! The item screen as elements: the form with its counter, the engine's reason, the stem and its blocks,
//! the controls, the open hints and solution, and either the answering buttons or the feedback (verdict,
//! the author's detail, tries left, the stuck offer, Try again and Next). Built from what
//! `screen::ItemScreen` decided, so what a learner sees on an item is checked by native tests.
//!
//! Each control carries its act (`screen::act`), which the shell reads back from an event.
//!
//! Deliberately not here: events, focus and the announcer (the shell's), the controls answered on a line, a picture or a passage (the later part
//! draws them into the form's fieldset), and deciding anything: `screen` did.

use super::blocks::{self, Context};
use super::controls::{self, button, ItemView};
use super::{rich, Element, Node};
use crate::i18n::t;
use crate::screen::act::Act;
use crate::screen::{Counter, Feedback, ItemScreen, Stage};

#[cfg(test)]
mod tests;

/// What the item screen needs beyond the screen's decisions.
pub struct Extras<'a> {
    /// Whether the browser can read aloud (the Read aloud button is offered).
    pub read_aloud: bool,
    /// The title of the practised skill in the learner's language, for the stuck offer.
    pub skill_title: &'a str,
}

/// The item screen: the form, and the resting note a break from the stuck offer shows in its place.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemForm {
    pub form: Element,
    /// Hidden until the learner takes a break from a practice they are stuck on.
    pub resting: Option<Element>,
    /// Whether the controls are in the form; when not, they are the later part's to draw into the
    /// form's `fieldset.choices`.
    pub controls_drawn: bool,
}

/// The item screen of `screen`, its controls built from `view`.
pub fn form(screen: &ItemScreen, view: &ItemView<'_>, extras: &Extras<'_>) -> ItemForm {
    let lang = screen.lang.as_str();
    let mut form = Element::new("form", "item")
        .attr("data-item-id", &screen.item.id)
        .attr("data-type", screen.item.interaction.type_name())
        .attr("data-step", screen.step_name())
        .attr("novalidate", "");
    match &screen.counter {
        Counter::Practice { text, answers } => {
            form = form.child(
                Element::text("p", "counter practice", text)
                    .attr("data-answers", answers.to_string()),
            )
        }
        Counter::Position(line) => form = form.child(Element::text("p", "counter", line)),
        Counter::None => {}
    }
    if let Some(reason) = &screen.reason {
        // The engine's choice, explained on request (a native disclosure).
        form = form.child(
            Element::new("details", "why")
                .child(Element::text("summary", "", t(lang, "why")))
                .child(Element::text("p", "reason", reason)),
        );
    }
    let mut fieldset =
        Element::new("fieldset", "choices").child(rich::element("legend", "stem", &screen.stem));
    if !screen.stem_blocks.is_empty() {
        let cx = Context {
            lang,
            default: &screen.default,
            asset_url: view.asset_url,
        };
        let drawn = (screen.stem_blocks.iter()).flat_map(|b| blocks::render(b, &cx));
        fieldset = fieldset.child(Element::new("div", "stem-blocks").children(drawn));
    }
    let controls = controls::build(view);
    let controls_drawn = controls.is_some();
    fieldset = fieldset.children(controls.unwrap_or_default());
    form = form
        .child(fieldset)
        .child(Element::new("p", "message").attr("role", "alert"));
    let hints = (screen.hints.iter()).map(|(label, hint)| {
        let mut li = Element::new("li", "hint").children(rich::inline(label));
        li = li.children(rich::inline(hint));
        li.into()
    });
    form = form.child(
        Element::new("ol", "hints")
            .attr("aria-label", t(lang, "hints"))
            .children(hints),
    );
    if let Some(steps) = &screen.solution {
        let steps = steps.iter().map(|s| rich::element("li", "", s).into());
        form = form.child(
            Element::new("section", "solution")
                .attr("aria-label", t(lang, "solution-title"))
                .child(Element::text("h3", "", t(lang, "solution-title")))
                .child(Element::new("ol", "solution-steps").children(steps)),
        );
    }
    let mut resting = None;
    match &screen.stage {
        Stage::Feedback(f) => {
            form = form.act(Act::Next).child(feedback_box(lang, f));
            if let Some((offer, rest)) = stuck_offer(screen, f, extras.skill_title) {
                form = form.child(offer);
                resting = Some(rest);
            }
            // Next first: it is the form's submit button and what Enter presses.
            let next = if f.last { "finish" } else { "next" };
            form = form.child(button(t(lang, next), "submit", "primary next"));
            if f.retry() {
                let retry = button(t(lang, "try-again"), "button", "secondary retry");
                form = form.child(retry.act(Act::Retry));
            }
        }
        Stage::Answering {
            next_hint,
            solution_button,
        } => {
            form = form.act(Act::Answer);
            let mut actions = Element::new("div", "actions").child(button(
                t(lang, "check"),
                "submit",
                "primary check",
            ));
            if let Some(label) = next_hint {
                let hint = button(label, "button", "secondary hint-button");
                actions = actions.child(hint.act(Act::Hint));
            }
            if *solution_button {
                let solution = button(t(lang, "solution"), "button", "secondary solution-button");
                actions = actions.child(solution.act(Act::Solution));
            }
            if extras.read_aloud {
                let read = button(t(lang, "read-aloud"), "button", "secondary read-aloud");
                actions = actions.child(read.act(Act::ReadAloud));
            }
            let dont_know = button(t(lang, "dont-know"), "button", "secondary dont-know");
            actions = actions.child(dont_know.act(Act::DontKnow));
            form = form.child(actions);
        }
    }
    ItemForm {
        form,
        resting,
        controls_drawn,
    }
}

/// The verdict, the author's detail and the tries left.
fn feedback_box(lang: &str, f: &Feedback) -> Element {
    let mut feedback = Element::new("div", f.verdict.class()).child(Element::text(
        "p",
        "verdict",
        t(lang, f.verdict.key()),
    ));
    if let Some(d) = &f.detail {
        feedback = feedback.child(rich::element("p", "detail", d));
    }
    if let Some(left) = f.tries_left {
        let line = format!("{} {left}", t(lang, "tries-left"));
        feedback = feedback.child(Element::text("p", "tries-left", &line));
    }
    feedback
}

/// After many answers without mastery (when the teacher's wheel-spinning warning fires), the way out
/// offered: the lesson on the skill, a worked example (this item's solution), or a break, with the resting
/// note the break shows. Going on practising stays the form's own Next button.
fn stuck_offer(screen: &ItemScreen, f: &Feedback, skill: &str) -> Option<(Element, Element)> {
    let lang = screen.lang.as_str();
    let status = f.practice.as_ref()?;
    let stuck = status.stuck.as_ref()?;
    let (heading, [lesson_text, example_text, break_text, keep_text]) =
        crate::present::stuck_offer(lang, status, skill)?;
    let mut choices: Vec<Node> = Vec::new();
    if let Some(lesson) = &stuck.lesson {
        let link = Element::text("a", "stuck-lesson", lesson_text)
            .attr("href", format!("?activity={lesson}"));
        choices.push(Element::new("li", "").child(link).into());
    }
    if !screen.item.solution.is_empty() {
        let steps =
            (screen.item.solution.iter()).map(|s| rich::element("li", "", &screen.text(s)).into());
        let example = Element::new("details", "stuck-example")
            .child(Element::text("summary", "", example_text))
            .child(Element::new("ol", "solution-steps").children(steps));
        choices.push(Element::new("li", "").child(example).into());
    }
    let rest = button(break_text, "button", "secondary stuck-break").act(Act::Rest);
    choices.push(Element::new("li", "").child(rest).into());
    let offer = Element::new("section", "stuck-offer")
        .attr("role", "group")
        .attr("aria-label", &heading)
        .attr("data-skill", &status.skill_id)
        .child(Element::text("p", "stuck-heading", &heading))
        .child(Element::new("ul", "stuck-choices").children(choices));
    // A break hides the practice behind this note until the learner comes back (nothing is stored:
    // the place is already kept).
    let resting = Element::new("div", "stuck-resting")
        .attr("hidden", "")
        .attr("role", "status")
        .child(Element::text("p", "", t(lang, "stuck-resting")))
        .child(button(keep_text, "button", "primary stuck-back").act(Act::Back));
    Some((offer, resting))
}
