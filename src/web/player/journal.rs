//! The learner's goal and reflections on the page: the goal line in the header (where they stand, on every
//! screen), and at the end of an activity a short reflection prompt and the goal with a form to set a new
//! one. Each is stored in IndexedDB before it is shown as saved; nothing here is sent to the LRS.

use super::{now_ms, on_submit, render, Player, SharedPlayer};
use crate::journal::{
    reflection, Entry, Goal, GoalError, GoalProgress, GoalState, GoalTarget, Prompt, Reflection,
    ReflectionError,
};
use crate::store::Store as _;
use crate::web::dom::Build;
use crate::web::dom::{self, append, button, el, focus, text};
use crate::web::i18n::{t, tf, tn};
use std::collections::BTreeSet;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{Element, HtmlSelectElement, HtmlTextAreaElement};

/// Goal lengths the learner can pick, in days.
const SPANS: [(u32, &str); 2] = [(7, "goal-week"), (14, "goal-two-weeks")];
/// The largest "master N skills" goal offered: a few at a time keeps a goal within reach.
const MAX_COUNT: usize = 3;

/// The learner's progress now toward their current goal in this course (none without a goal). Worked
/// out once per render, for the header line and the finished screen alike, folding only the answers
/// given since the last render.
pub(super) fn progress_now(p: &mut Player) -> Option<GoalProgress> {
    p.course.goal_progress(p.session.manifest(), now_ms())
}

/// The header's one line on the goal ("My goal: 1 of 2 skills. 3 days to go."), empty without a goal or
/// once its time is up.
pub(super) fn goal_line(p: &Player) -> String {
    let lang = &p.session.learner().language;
    match &p.goal {
        Some(progress) => match progress.state {
            GoalState::Working { days_left } => tf(
                lang,
                "goal-line",
                &[
                    ("done", &progress.done().to_string()),
                    ("target", &tn(lang, "skills", progress.target)),
                    ("days", &tn(lang, "days-left", days_left)),
                ],
            ),
            GoalState::Reached { at } if now_ms() - at < 86_400_000 => {
                t(lang, "goal-line-reached").to_owned()
            }
            _ => String::new(),
        },
        None => String::new(),
    }
}

/// The goal section of the finished screen: where the learner stands, and the form to set a new goal.
pub(super) fn render_goal(player: &SharedPlayer, p: &mut Player, parent: &Element) {
    let lang = p.session.learner().language.clone();
    let default = p.session.manifest().language.clone();
    let section = el("section", "goal");
    section.attr("aria-labelledby", "goal-heading");
    let heading = text("h3", "", t(&lang, "goal-heading"));
    heading.set_id("goal-heading");
    heading.attr("tabindex", "-1");
    section.add(&heading);
    let manifest = p.session.manifest();
    match &p.goal {
        None => {
            dom::add_text(&section, "p", "goal-status", t(&lang, "goal-none"));
        }
        Some(progress) => {
            let done = progress.done();
            let target = tn(&lang, "skills", progress.target);
            let status = match progress.state {
                GoalState::Working { days_left } => tf(
                    &lang,
                    "goal-working",
                    &[
                        ("done", &done.to_string()),
                        ("target", &target),
                        ("days", &tn(&lang, "days-left", days_left)),
                    ],
                ),
                GoalState::Reached { .. } => tf(
                    &lang,
                    "goal-reached",
                    &[("done", &done.to_string()), ("target", &target)],
                ),
                GoalState::Closed => tf(
                    &lang,
                    "goal-closed",
                    &[("done", &tn(&lang, "skills", done))],
                ),
            };
            let p_status = dom::add_text(&section, "p", "goal-status", &status);
            p_status.attr("data-done", &done.to_string());
            p_status.attr("data-target", &progress.target.to_string());
            let bar = el("progress", "goal-bar");
            bar.attr("max", &progress.target.to_string());
            bar.attr("value", &done.to_string());
            bar.attr("aria-labelledby", "goal-heading");
            section.add(&bar);
            if !progress.mastered.is_empty() {
                dom::add_text(&section, "p", "", t(&lang, "goal-toward"));
                let list = el("ul", "goal-skills");
                for skill in &progress.mastered {
                    let li = dom::add_text(&list, "li", "", &manifest.skill_title(skill, &lang));
                    li.attr("data-skill", skill);
                }
                section.add(&list);
            }
        }
    }
    // A new goal can be set at any time; the form is folded away while one runs.
    let running = matches!(
        &p.goal,
        Some(GoalProgress {
            state: GoalState::Working { .. },
            ..
        })
    );
    let mastered_now: BTreeSet<String> = p.course.mastered_now(manifest);
    let open: Vec<(String, String)> = manifest
        .skills
        .iter()
        .filter(|s| !mastered_now.contains(&s.id))
        .map(|s| (s.id.clone(), s.title.get(&lang, &default).to_owned()))
        .collect();
    if !open.is_empty() {
        let holder = if running {
            let details = el("details", "goal-new");
            dom::add_text(&details, "summary", "", t(&lang, "goal-new"));
            section.add(&details);
            details
        } else {
            section.clone()
        };
        let form = goal_form(player, p, &lang, &open);
        holder.add(&form);
    }
    parent.add(&section);
}

fn goal_form(
    player: &SharedPlayer,
    p: &mut Player,
    lang: &str,
    open: &[(String, String)],
) -> Element {
    let form = el("form", "goal-form");
    let what = labelled_select(&form, "goal-target", t(lang, "goal-what"));
    for n in 1..=open.len().min(MAX_COUNT) {
        let n = u32::try_from(n).unwrap_or(1);
        add_option(&what, &format!("count:{n}"), &tn(lang, "skills", n));
    }
    for (id, title) in open {
        add_option(&what, &format!("skill:{id}"), title);
    }
    let when = labelled_select(&form, "goal-days", t(lang, "goal-when"));
    for (days, key) in SPANS {
        add_option(&when, &days.to_string(), t(lang, key));
    }
    let submit = button(t(lang, "goal-set"), "submit", "set-goal");
    let status = el("p", "form-status");
    status.attr("role", "status");
    append(&form, &[&submit, &status]);
    let handle = player.clone();
    let form_el = form.clone();
    p.listeners.push(on_submit(&form, move || {
        let chosen = (
            select_value(&form_el, "#goal-target"),
            select_value(&form_el, "#goal-days"),
        );
        set_goal(&handle, &form_el, chosen);
    }));
    form
}

/// Makes the goal the learner chose, stores it, and only then shows it.
fn set_goal(player: &SharedPlayer, form: &Element, chosen: (Option<String>, Option<String>)) {
    let lang = player.borrow().session.learner().language.clone();
    let target = match chosen.0.as_deref().and_then(|v| v.split_once(':')) {
        Some(("count", n)) => n
            .parse()
            .ok()
            .map(|count| GoalTarget::MasterSkills { count }),
        Some(("skill", id)) => Some(GoalTarget::MasterSkill {
            skill: id.to_owned(),
        }),
        _ => None,
    };
    let days = chosen.1.and_then(|d| d.parse::<u32>().ok());
    let (Some(target), Some(days)) = (target, days) else {
        return say(form, t(&lang, "goal-invalid"));
    };
    let made = {
        let p = player.borrow();
        Goal::set(
            (
                uuid::Uuid::new_v4().to_string(),
                p.session.learner().id.clone(),
            ),
            p.session.manifest(),
            p.course.attempts(),
            target,
            days,
            now_ms(),
        )
        .map(|goal| (goal, p.store.clone()))
    };
    let (goal, store) = match made {
        Ok(made) => made,
        Err(GoalError::TooMany { left, .. }) => {
            return say(
                form,
                &tf(&lang, "goal-too-many", &[("n", &left.to_string())]),
            )
        }
        Err(e) => return say(form, &tf(&lang, "not-saved", &[("error", &e.to_string())])),
    };
    keep(
        player,
        form,
        store,
        Entry::Goal(goal),
        ("#goal-heading", "goal-saved"),
    );
}

/// Stores `entry`, and only once it is durable adds it to the page and says so (`said`: where to put focus
/// and the message key); a failed write leaves the form as it was, with the reason.
fn keep(
    player: &SharedPlayer,
    form: &Element,
    store: crate::web::idb_store::IdbStore,
    entry: Entry,
    said: (&'static str, &'static str),
) {
    let player = player.clone();
    let form = form.clone();
    let lang = player.borrow().session.learner().language.clone();
    spawn_local(async move {
        if let Err(e) = store.put_entry(&entry).await {
            return say(&form, &tf(&lang, "not-saved", &[("error", &e.to_string())]));
        }
        player.borrow_mut().course.add_entry(entry);
        render(&player);
        announce_at(&player, said.0, t(&lang, said.1));
    });
}

/// The reflection section of the finished screen: the prompt whose turn it is, and what the learner
/// wrote before in this course.
pub(super) fn render_reflection(player: &SharedPlayer, p: &mut Player, parent: &Element) {
    let lang = p.session.learner().language.clone();
    let written = p.course.reflections(p.session.manifest());
    let prompt = Prompt::after(written.len());
    let section = el("section", "reflection");
    section.attr("aria-labelledby", "reflect-heading");
    let heading = text("h3", "", t(&lang, "reflect-heading"));
    heading.set_id("reflect-heading");
    heading.attr("tabindex", "-1");
    section.add(&heading);
    let form = el("form", "reflection-form");
    form.attr("data-prompt", prompt.key());
    let label = text("label", "", t(&lang, prompt.key()));
    label.attr("for", "reflection-text");
    let hint = text("p", "hint-text", t(&lang, "reflect-optional"));
    hint.set_id("reflection-hint");
    let area = el("textarea", "");
    area.set_id("reflection-text");
    area.attr("rows", "3");
    area.attr("maxlength", &reflection::MAX_CHARS.to_string());
    area.attr("aria-describedby", "reflection-hint");
    let submit = button(t(&lang, "reflect-save"), "submit", "save-reflection");
    let status = el("p", "form-status");
    status.attr("role", "status");
    append(&form, &[&label, &hint, &area, &submit, &status]);
    section.add(&form);
    if !written.is_empty() {
        let details = el("details", "my-reflections");
        dom::add_text(&details, "summary", "", t(&lang, "reflect-mine"));
        let list = el("ul", "");
        for r in written {
            let li = el("li", "");
            li.attr("data-prompt", r.prompt.key());
            dom::add_text(&li, "p", "reflection-prompt", t(&lang, r.prompt.key()));
            dom::add_text(&li, "p", "reflection-text", &r.text);
            list.add(&li);
        }
        details.add(&list);
        section.add(&details);
    }
    let handle = player.clone();
    let form_el = form.clone();
    p.listeners.push(on_submit(&form, move || {
        let written = form_el
            .query_selector("textarea")
            .ok()
            .flatten()
            .and_then(|a| a.dyn_into::<HtmlTextAreaElement>().ok())
            .map(|a| a.value())
            .unwrap_or_default();
        save_reflection(&handle, &form_el, prompt, &written);
    }));
    parent.add(&section);
}

/// Keeps the learner's reflection, stored before it is shown as saved.
fn save_reflection(player: &SharedPlayer, form: &Element, prompt: Prompt, written: &str) {
    let (lang, made, store) = {
        let p = player.borrow();
        let made = Reflection::write(
            (
                uuid::Uuid::new_v4().to_string(),
                p.session.learner().id.clone(),
            ),
            (&p.session.manifest().id, &p.session.activity().id),
            prompt,
            written,
            now_ms(),
        );
        (p.session.learner().language.clone(), made, p.store.clone())
    };
    let reflection = match made {
        Ok(r) => r,
        Err(ReflectionError::Empty) => return say(form, t(&lang, "reflect-empty")),
        Err(ReflectionError::TooLong(_)) => {
            return say(
                form,
                &tf(
                    &lang,
                    "reflect-too-long",
                    &[("n", &reflection::MAX_CHARS.to_string())],
                ),
            )
        }
    };
    let entry = Entry::Reflection(reflection);
    keep(
        player,
        form,
        store,
        entry,
        ("#reflect-heading", "reflect-saved"),
    );
}

/// Shows `message` in the form's status line (announced politely).
fn say(form: &Element, message: &str) {
    if let Ok(Some(status)) = form.query_selector(".form-status") {
        status.set_text_content(Some(message));
    }
}

/// After a re-render: focus `selector` and announce `message`, also written under it so it stays seen.
fn announce_at(player: &SharedPlayer, selector: &str, message: &str) {
    let p = player.borrow();
    if let Ok(Some(target)) = p.stage.query_selector(selector) {
        focus(&target);
        let note = text("p", "saved-note", message);
        let _ = target.after_with_node_1(&note);
    }
    p.announcer.set_text_content(Some(message));
}

fn labelled_select(form: &Element, id: &str, label: &str) -> Element {
    let wrap = el("p", "field");
    let l = text("label", "", label);
    l.attr("for", id);
    let select = el("select", "");
    select.set_id(id);
    append(&wrap, &[&l, &select]);
    form.add(&wrap);
    select
}

fn add_option(select: &Element, value: &str, label: &str) {
    let option = text("option", "", label);
    option.attr("value", value);
    select.add(&option);
}

fn select_value(form: &Element, selector: &str) -> Option<String> {
    form.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|s| s.dyn_into::<HtmlSelectElement>().ok())
        .map(|s| s.value())
}
