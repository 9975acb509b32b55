//! The goal and reflection sections of the finished screen as elements: where the learner stands on
//! their goal with its bar and skills, the form to set a new one (folded away while a goal runs), the
//! reflection prompt with its form, and what the learner wrote before.
//!
//! Deliberately not here: reading the forms, storing what they keep, focus or the saved note (the
//! shell's `player/journal.rs`), or deciding what shows (`screen::journal` did).

use super::Element;
use crate::i18n::t;
use crate::screen::act::{Act, Field};
use crate::screen::journal::{GoalForm, GoalSection, ReflectionSection};

#[cfg(test)]
mod tests;

/// The id of the goal section's heading (focus goes there once a goal is stored).
pub const GOAL_HEADING: &str = "goal-heading";
/// The id of the reflection section's heading.
pub const REFLECT_HEADING: &str = "reflect-heading";
/// The ids of the goal form's two menus: what to aim at, and for how long.
pub const GOAL_TARGET: &str = Field::GoalTarget.name();
pub const GOAL_DAYS: &str = Field::GoalDays.name();

/// A section's focusable heading.
fn heading(id: &str, text: &str) -> Element {
    Element::text("h3", "", text)
        .attr("id", id)
        .attr("tabindex", "-1")
}

/// The form's status line, where a refusal is said (announced politely).
fn form_status() -> Element {
    Element::new("p", "form-status").attr("role", "status")
}

/// The goal section: status, bar and skills when a goal is set, then the form to set a new one.
pub fn goal(section: &GoalSection, lang: &str) -> Element {
    let mut out = Element::new("section", "goal")
        .attr("aria-labelledby", GOAL_HEADING)
        .child(heading(GOAL_HEADING, t(lang, "goal-heading")));
    let mut status = Element::text("p", "goal-status", &section.status);
    match &section.standing {
        None => out = out.child(status),
        Some(standing) => {
            status.set("data-done", standing.done.to_string());
            status.set("data-target", standing.target.to_string());
            out = out.child(status).child(
                Element::new("progress", "goal-bar")
                    .attr("max", standing.target.to_string())
                    .attr("value", standing.done.to_string())
                    .attr("aria-labelledby", GOAL_HEADING),
            );
            if !standing.skills.is_empty() {
                let skills = standing.skills.iter().map(|(id, title)| {
                    Element::text("li", "", title).attr("data-skill", id).into()
                });
                out = out
                    .child(Element::text("p", "", t(lang, "goal-toward")))
                    .child(Element::new("ul", "goal-skills").children(skills));
            }
        }
    }
    if let Some(form) = &section.form {
        let built = goal_form(form, lang);
        out = if form.folded {
            out.child(
                Element::new("details", "goal-new")
                    .child(Element::text("summary", "", t(lang, "goal-new")))
                    .child(built),
            )
        } else {
            out.child(built)
        };
    }
    out
}

fn goal_form(form: &GoalForm, lang: &str) -> Element {
    Element::new("form", "goal-form")
        .act(Act::SetGoal)
        .child(menu(GOAL_TARGET, t(lang, "goal-what"), &form.targets))
        .child(menu(GOAL_DAYS, t(lang, "goal-when"), &form.spans))
        .child(Element::text("button", "set-goal", t(lang, "goal-set")).attr("type", "submit"))
        .child(form_status())
}

/// A labelled menu of (value, label) choices.
fn menu(id: &str, label: &str, choices: &[(String, String)]) -> Element {
    let options = choices.iter().map(|(value, label)| {
        Element::text("option", "", label)
            .attr("value", value)
            .into()
    });
    Element::new("p", "field")
        .child(Element::text("label", "", label).attr("for", id))
        .child(Element::new("select", "").attr("id", id).children(options))
}

/// The reflection section: the prompt whose turn it is with its form, then what was written before.
pub fn reflection(section: &ReflectionSection, lang: &str) -> Element {
    let form = Element::new("form", "reflection-form")
        .attr("data-prompt", section.prompt.key())
        .act(Act::Reflect)
        .child(Element::text("label", "", &section.question).attr("for", Field::Reflection.name()))
        .child(
            Element::text("p", "hint-text", t(lang, "reflect-optional"))
                .attr("id", "reflection-hint"),
        )
        .child(
            Element::new("textarea", "")
                .attr("id", Field::Reflection.name())
                .attr("rows", "3")
                .attr("maxlength", section.max_chars.to_string())
                .attr("aria-describedby", "reflection-hint"),
        )
        .child(
            Element::text("button", "save-reflection", t(lang, "reflect-save"))
                .attr("type", "submit"),
        )
        .child(form_status());
    let mut out = Element::new("section", "reflection")
        .attr("aria-labelledby", REFLECT_HEADING)
        .child(heading(REFLECT_HEADING, t(lang, "reflect-heading")))
        .child(form);
    if !section.written.is_empty() {
        let items = section.written.iter().map(|(prompt, question, text)| {
            Element::new("li", "")
                .attr("data-prompt", prompt.key())
                .child(Element::text("p", "reflection-prompt", question))
                .child(Element::text("p", "reflection-text", text))
                .into()
        });
        out = out.child(
            Element::new("details", "my-reflections")
                .child(Element::text("summary", "", t(lang, "reflect-mine")))
                .child(Element::new("ul", "").children(items)),
        );
    }
    out
}
