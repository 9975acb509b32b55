//! The learner's goal and reflections on the page: the header's goal line, and at the end of an activity
//! the reflection and goal sections (`view::journal`, from what `screen::journal` decided), and what
//! their forms keep (`course::press` read them). Each entry is stored in IndexedDB before it is shown as saved; nothing here is sent to
//! the LRS.

use super::{now_ms, render, Player, SharedPlayer};
use crate::course::press::{self, Kept};
use crate::journal::{Entry, Goal, GoalProgress, GoalTarget, Reflection};
use crate::screen::act::Act;
use crate::screen::journal::{self as shown, GoalSection, ReflectionSection};
use crate::store::Store as _;
use crate::web::dom::{self, focus, text, Build};
use wasm_bindgen_futures::spawn_local;
use web_sys::Element;

/// The learner's progress now toward their current goal in this course (none without a goal). Worked
/// out once per render, for the header line and the finished screen alike, folding only the answers
/// given since the last render.
pub(super) fn progress_now(p: &mut Player) -> Option<GoalProgress> {
    p.course.goal_progress(p.session.manifest(), now_ms())
}

/// The header's one line on the goal (see [`shown::goal_line`]).
pub(super) fn goal_line(p: &Player) -> String {
    shown::goal_line(p.goal.as_ref(), &p.session.learner().language, now_ms())
}

/// The goal section of the finished screen.
pub(super) fn render_goal(p: &mut Player, parent: &Element) {
    let lang = p.session.learner().language.clone();
    let manifest = p.session.manifest();
    let mastered_now = p.course.mastered_now(manifest);
    let section = GoalSection::of(p.goal.as_ref(), manifest, &mastered_now, &lang);
    parent.add(&dom::draw_el(&crate::view::journal::goal(&section, &lang)));
}

/// Keeps what the goal or the reflection form (`form`, submitted for `act`) holds (see
/// [`press::kept`]); the later part's (see `Player::finished_acts`).
pub(super) fn perform(player: &SharedPlayer, form: &Element, act: Act) {
    match press::kept(act, &dom::fields(form)) {
        Some(Kept::Goal(chosen)) => set_goal(player, form, chosen),
        Some(Kept::Reflection(written)) => save_reflection(player, form, &written),
        None => {}
    }
}

/// Makes the goal the learner chose in `form` (None: not one it offers), stores it, and only then
/// shows it.
fn set_goal(player: &SharedPlayer, form: &Element, chosen: Option<(GoalTarget, u32)>) {
    let p = player.borrow();
    let (manifest, lang) = (p.session.manifest(), &p.session.learner().language);
    let Some((target, days)) = chosen else {
        return say(form, &shown::goal_refused(None, manifest, lang));
    };
    let ids = (
        uuid::Uuid::new_v4().to_string(),
        p.session.learner().id.clone(),
    );
    let made = Goal::set(ids, manifest, p.course.attempts(), target, days, now_ms());
    let said = match made {
        Ok(goal) => Ok(Entry::Goal(goal)),
        Err(e) => Err(shown::goal_refused(Some(&e), manifest, lang)),
    };
    drop(p);
    match said {
        Ok(entry) => keep(player, form, entry),
        Err(refused) => say(form, &refused),
    }
}

/// Stores `entry`, and only once it is durable adds it to the page and says so; a failed write leaves
/// the form as it was, with the reason.
fn keep(player: &SharedPlayer, form: &Element, entry: Entry) {
    let player = player.clone();
    let form = form.clone();
    let (lang, store) = {
        let p = player.borrow();
        (p.session.learner().language.clone(), p.store.clone())
    };
    let (heading, message) = shown::kept(matches!(entry, Entry::Goal(_)), &lang);
    spawn_local(async move {
        if let Err(e) = store.put_entry(&entry).await {
            let error = e.to_string();
            return say(
                &form,
                &crate::i18n::tf(&lang, "not-saved", &[("error", &error)]),
            );
        }
        player.borrow_mut().course.add_entry(entry);
        render(&player);
        announce_at(&player, heading, message);
    });
}

/// The reflection section of the finished screen.
pub(super) fn render_reflection(p: &Player, parent: &Element) {
    let lang = &p.session.learner().language;
    let section = ReflectionSection::of(&p.course.reflections(p.session.manifest()), lang);
    parent.add(&dom::draw_el(&crate::view::journal::reflection(
        &section, lang,
    )));
}

/// Keeps the learner's reflection on the prompt whose turn it is (the one drawn), stored before it is
/// shown as saved.
fn save_reflection(player: &SharedPlayer, form: &Element, written: &str) {
    let (lang, made) = {
        let p = player.borrow();
        let lang = &p.session.learner().language;
        let prompt =
            ReflectionSection::of(&p.course.reflections(p.session.manifest()), lang).prompt;
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
        (p.session.learner().language.clone(), made)
    };
    match made {
        Ok(reflection) => keep(player, form, Entry::Reflection(reflection)),
        Err(e) => say(form, &shown::reflection_refused(&e, &lang)),
    }
}

/// Shows `message` in the form's status line (announced politely).
fn say(form: &Element, message: &str) {
    if let Ok(Some(status)) = form.query_selector(".form-status") {
        status.set_text_content(Some(message));
    }
}

/// After a re-render: focus the element `id` and announce `message`, also written under it so it stays
/// seen.
fn announce_at(player: &SharedPlayer, id: &str, message: &str) {
    let p = player.borrow();
    if let Ok(Some(target)) = p.stage.query_selector(&format!("#{id}")) {
        focus(&target);
        let note = text("p", "saved-note", message);
        let _ = target.after_with_node_1(&note);
    }
    p.announcer.set_text_content(Some(message));
}
