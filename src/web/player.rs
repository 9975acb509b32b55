//! The player on the page: renders the session's current step, turns DOM events into session calls, and
//! keeps the rule that feedback appears only after the answer is committed to IndexedDB.

use super::cmi5::Au;
use super::device::Device;
use super::dom::{self, append, button, el, focus, text};
use super::events;
use super::idb_store::{IdbStore, StoreError};
use super::net::LrsConfig;
use super::sync::Sync;
use crate::check::Response;
use crate::package::Interaction;
use crate::session::{AnswerCommit, CaptureIds, Session, Step};
use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use serde_json::json;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::spawn_local;
use web_sys::{Element, HtmlInputElement};

/// The player's state, shared by its event handlers.
pub struct Player {
    session: Session,
    store: IdbStore,
    sync: Rc<Sync>,
    /// The element the player was mounted in; events are dispatched on it.
    root: Element,
    /// The cmi5 session, when an LMS launched the player.
    au: Option<Rc<Au>>,
    title: Element,
    subtitle: Element,
    stage: Element,
    announcer: Element,
    presented_at: i64,
    busy: bool,
    retention_ms: i64,
    /// Handlers of the current stage; replaced on every render (dropping one removes it).
    listeners: Vec<EventListener>,
    /// The pending draft save; replacing it cancels the previous one (the debounce).
    draft_timer: Option<Timeout>,
}

/// A handle the event handlers share.
pub type SharedPlayer = Rc<RefCell<Player>>;

/// The current time, from the browser clock (the only place the player reads it).
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// Everything the player is started with.
pub struct Setup {
    pub session: Session,
    pub store: IdbStore,
    pub lrs: Option<LrsConfig>,
    /// The cmi5 session, when an LMS launched the player.
    pub au: Option<Rc<Au>>,
    /// `meta` keys that belong to this learner (removed with their data).
    pub meta_keys: Vec<String>,
    /// How long delivered statements are kept before they may be pruned to free space.
    pub retention_ms: i64,
}

/// Builds the page skeleton inside `root` and shows the learner's current step.
pub fn start(root: &Element, setup: Setup) -> Result<SharedPlayer, JsValue> {
    let Setup {
        session,
        store,
        lrs,
        au,
        meta_keys,
        retention_ms,
    } = setup;
    root.set_text_content(None);
    let shell = el("main", "pacer")?;
    let header = el("header", "pacer-header")?;
    let title = el("h1", "course-title")?;
    let subtitle = el("p", "activity-title")?;
    append(&header, &[&title, &subtitle])?;
    let stage = el("section", "stage")?;
    stage.set_attribute("aria-label", "Activity")?;
    let announcer = el("div", "announcer visually-hidden")?;
    announcer.set_attribute("aria-live", "polite")?;
    let footer = el("footer", "pacer-footer")?;
    let sync = el("p", "sync")?;
    sync.set_attribute("role", "status")?;
    footer.append_child(&sync)?;
    append(&shell, &[&header, &stage, &announcer, &footer])?;
    root.append_child(&shell)?;
    let sync = Sync::new(store.clone(), lrs, session.learner().id.clone(), sync);
    if let Some(au) = &au {
        au.install(sync.clone(), &footer)?;
    }
    let device = Device::install(
        &footer,
        store.clone(),
        session.learner().id.clone(),
        meta_keys,
    )?;
    let player = Rc::new(RefCell::new(Player {
        session,
        store,
        sync: sync.clone(),
        root: root.clone(),
        au,
        title,
        subtitle,
        stage,
        announcer,
        presented_at: now_ms(),
        busy: false,
        retention_ms,
        listeners: Vec::new(),
        draft_timer: None,
    }));
    render(&player)?;
    MOUNTED.with(|m| m.borrow_mut().push((root.clone(), player.clone(), device)));
    sync.install();
    report_progress(&player);
    {
        let p = player.borrow();
        let (score, all_done) = p.session.score();
        events::emit(
            root,
            "ready",
            &json!({
                "learner": p.session.learner().actor,
                "activity": p.session.activity().id,
                "score": score,
                "finished": all_done,
            }),
        );
    }
    Ok(player)
}

thread_local! {
    /// The players of this page, by the element they were mounted in (for the JS API).
    static MOUNTED: RefCell<Vec<(Element, SharedPlayer, Rc<Device>)>> = const { RefCell::new(Vec::new()) };
}

/// The player and device panel mounted in `root`, if any.
pub fn mounted(root: &Element) -> Option<(SharedPlayer, Rc<Device>)> {
    MOUNTED.with(|m| {
        m.borrow()
            .iter()
            .find(|(el, _, _)| el == root)
            .map(|(_, p, d)| (p.clone(), d.clone()))
    })
}

/// Switches the content language at once, keeping the learner's current choice.
pub fn set_language(player: &SharedPlayer, language: &str) -> Result<(), JsValue> {
    let (stage, keep) = {
        let mut p = player.borrow_mut();
        p.session.set_language(language);
        let keep = p
            .stage
            .query_selector("form.item")
            .ok()
            .flatten()
            .and_then(|f| chosen_option(&f));
        (p.stage.clone(), keep)
    };
    render(player)?;
    if let Some(option) = keep {
        check_option(&stage, &option);
    }
    Ok(())
}

/// Re-renders the header and the stage for the session's current step.
fn render(player: &SharedPlayer) -> Result<(), JsValue> {
    let mut p = player.borrow_mut();
    let lang = p.session.learner().language.clone();
    let default = p.session.manifest().language.clone();
    let _ = p.root.set_attribute("lang", &lang);
    p.title
        .set_text_content(Some(p.session.manifest().title.get(&lang, &default)));
    let activity_title = p
        .session
        .manifest()
        .activity(&p.session.activity().id)
        .map(|a| a.title.get(&lang, &default).to_owned())
        .unwrap_or_default();
    p.subtitle.set_text_content(Some(&activity_title));
    p.listeners.clear();
    p.stage.set_text_content(None);
    let step = p.session.progress().step.clone();
    match step {
        Step::Answering { .. } | Step::Feedback { .. } => render_item(player, &mut p)?,
        Step::Finished => render_finished(&p)?,
    }
    Ok(())
}

fn render_item(player: &SharedPlayer, p: &mut Player) -> Result<(), JsValue> {
    let Some(item) = p.session.current_item().cloned() else {
        return render_finished(p);
    };
    let lang = p.session.learner().language.clone();
    let default = p.session.manifest().language.clone();
    let shown = p.session.shown_attempt().cloned();
    let (index, total) = p.session.position();

    let form = el("form", "item")?;
    form.set_attribute("data-item-id", &item.id)?;
    form.set_attribute(
        "data-step",
        if shown.is_some() {
            "feedback"
        } else {
            "answering"
        },
    )?;
    form.set_attribute("novalidate", "")?;
    let counter = text("p", "counter", &format!("Question {index} of {total}"))?;
    let why = match &p.session.progress().step {
        Step::Answering {
            reason: Some(reason),
            ..
        } => {
            // The engine's choice, explained on request (a native disclosure, keyboard and screen reader ready).
            let why = el("details", "why")?;
            dom::add_text(&why, "summary", "", "Why this question?")?;
            dom::add_text(&why, "p", "reason", &reason.text)?;
            Some(why)
        }
        _ => None,
    };
    let fieldset = el("fieldset", "choices")?;
    let legend = text("legend", "stem", item.stem.get(&lang, &default))?;
    fieldset.append_child(&legend)?;
    match &item.interaction {
        Interaction::SingleChoice { options, .. } => {
            for option in options {
                let row = el("div", "option")?;
                let input_id = format!("opt-{}-{}", item.id, option.id);
                let input = dom::radio("choice", &option.id, &input_id)?;
                let this = Response::Choice {
                    option: option.id.clone(),
                };
                if let Some(a) = &shown {
                    input.set_disabled(true);
                    input.set_checked(a.response == this);
                } else if let Step::Answering { draft: Some(d), .. } = &p.session.progress().step {
                    input.set_checked(d == &this);
                }
                let label = text("label", "", option.text.get(&lang, &default))?;
                label.set_attribute("for", &input_id)?;
                append(&row, &[&input, &label])?;
                fieldset.append_child(&row)?;
            }
        }
    }
    let message = el("p", "message")?;
    message.set_attribute("role", "alert")?;
    append(&form, &[&counter])?;
    if let Some(why) = &why {
        form.append_child(why)?;
    }
    append(&form, &[&fieldset, &message])?;
    let opened = match (&p.session.progress().step, &shown) {
        (Step::Answering { hints_shown, .. }, _) => *hints_shown,
        (_, Some(a)) => a.hints_used,
        _ => 0,
    };
    let hints = el("ol", "hints")?;
    hints.set_attribute("aria-label", "Hints")?;
    for (n, hint) in item.hints.iter().take(opened as usize).enumerate() {
        dom::add_text(
            &hints,
            "li",
            "hint",
            &format!("Hint {}: {}", n + 1, hint.get(&lang, &default)),
        )?;
    }
    form.append_child(&hints)?;

    if let Some(attempt) = shown {
        let verdict_text = if attempt.outcome.correct {
            "Correct!"
        } else {
            "Not quite."
        };
        let feedback = el(
            "div",
            if attempt.outcome.correct {
                "feedback correct"
            } else {
                "feedback incorrect"
            },
        )?;
        dom::add_text(&feedback, "p", "verdict", verdict_text)?;
        let detail = attempt
            .outcome
            .feedback
            .as_ref()
            .map(|t| t.get(&lang, &default).to_owned());
        if let Some(d) = &detail {
            dom::add_text(&feedback, "p", "detail", d)?;
        }
        let last = index >= total;
        let next = button(
            if last { "Finish" } else { "Next" },
            "submit",
            "primary next",
        )?;
        append(&form, &[&feedback, &next])?;
        p.announcer.set_text_content(Some(&format!(
            "{verdict_text} {}",
            detail.unwrap_or_default()
        )));
        p.stage.append_child(&form)?;
        focus(&next);
        let handle = player.clone();
        p.listeners.push(on_submit(&form, move || {
            spawn_local(go_next(handle.clone()))
        }));
    } else {
        // Keep the learner's choice as a draft (debounced), so a reload or a crash shows it again.
        let handle = player.clone();
        let form_for_read = form.clone();
        p.listeners
            .push(EventListener::new(&form, "change", move |_| {
                let handle_later = handle.clone();
                let chosen = chosen_option(&form_for_read);
                let timer = Timeout::new(DRAFT_DEBOUNCE_MS, move || {
                    spawn_local(save_draft(
                        handle_later,
                        chosen.map(|option| Response::Choice { option }),
                    ));
                });
                if let Ok(mut p) = handle.try_borrow_mut() {
                    p.draft_timer = Some(timer);
                }
            }));
        let check = button("Check", "submit", "primary check")?;
        form.append_child(&check)?;
        if (opened as usize) < item.hints.len() {
            let label = format!("Hint ({} of {})", opened + 1, item.hints.len());
            let hint = button(&label, "button", "secondary hint-button")?;
            form.append_child(&hint)?;
            let handle = player.clone();
            let form_for_read = form.clone();
            p.listeners
                .push(EventListener::new(&hint, "click", move |_| {
                    let keep = chosen_option(&form_for_read);
                    spawn_local(open_hint(handle.clone(), keep));
                }));
        }
        p.stage.append_child(&form)?;
        let handle = player.clone();
        let form_for_read = form.clone();
        p.listeners.push(on_submit(&form, move || {
            message.set_text_content(None);
            match chosen_option(&form_for_read) {
                Some(option) => spawn_local(check_answer(handle.clone(), option)),
                None => message.set_text_content(Some("Choose an answer first.")),
            }
        }));
    }
    Ok(())
}

fn render_finished(p: &Player) -> Result<(), JsValue> {
    let attempts = p.session.attempts();
    let correct = attempts.iter().filter(|a| a.outcome.correct).count();
    let done = el("div", "finished")?;
    done.set_attribute("data-step", "finished")?;
    let heading = text("h2", "", "Activity complete")?;
    let summary = text(
        "p",
        "summary",
        &format!(
            "You answered {correct} of {} questions correctly.",
            p.session.activity().items.len()
        ),
    )?;
    append(&done, &[&heading, &summary])?;
    p.stage.append_child(&done)?;
    heading.set_attribute("tabindex", "-1")?;
    focus(&heading);
    Ok(())
}

fn on_submit(form: &Element, mut action: impl FnMut() + 'static) -> EventListener {
    EventListener::new_with_options(
        form,
        "submit",
        EventListenerOptions::enable_prevent_default(),
        move |event| {
            event.prevent_default();
            action();
        },
    )
}

/// Re-checks `option` after a re-render.
fn check_option(stage: &Element, option: &str) {
    let selector = format!("input[name=choice][value=\"{}\"]", option.replace('"', ""));
    if let Ok(Some(input)) = stage.query_selector(&selector) {
        if let Ok(input) = input.dyn_into::<HtmlInputElement>() {
            input.set_checked(true);
        }
    }
}

fn chosen_option(form: &Element) -> Option<String> {
    let checked = form.query_selector("input[name=choice]:checked").ok()??;
    checked
        .dyn_into::<HtmlInputElement>()
        .ok()
        .map(|i| i.value())
}

/// Scores, commits, and only then shows feedback.
async fn check_answer(player: SharedPlayer, option: String) {
    let prepared = {
        let mut p = player.borrow_mut();
        if p.busy {
            return;
        }
        p.busy = true;
        let ids = CaptureIds {
            attempt_id: uuid::Uuid::new_v4().to_string(),
            statement_id: uuid::Uuid::new_v4().to_string(),
        };
        p.session
            .answer(Response::Choice { option }, ids, p.presented_at, now_ms())
            .map(|commit| (commit, p.store.clone()))
    };
    let retention_ms = player.borrow().retention_ms;
    let result = match prepared {
        Ok((commit, store)) => match commit_making_room(&store, &commit, retention_ms).await {
            Ok(()) => Ok(commit),
            Err(StoreError::Stale) => {
                player.borrow_mut().busy = false;
                return reload_from_store(&player).await;
            }
            Err(StoreError::Full) => Err(FULL_MESSAGE.to_owned()),
            Err(e) => Err(e.to_string()),
        },
        Err(e) => Err(e.to_string()),
    };
    match result {
        Ok(commit) => {
            let sync = {
                let mut p = player.borrow_mut();
                p.session.apply(&commit);
                p.busy = false;
                let detail = json!({
                    "itemId": commit.attempt.item_id,
                    "correct": commit.attempt.outcome.correct,
                    "score": commit.attempt.outcome.score,
                    "hintsUsed": commit.attempt.hints_used,
                    "mastery": p.session.model().skills().map(|(id, s)| (id.to_owned(), s.p_known)).collect::<std::collections::BTreeMap<_, _>>(),
                });
                events::emit(&p.root, "attempt", &detail);
                let skills = p
                    .session
                    .activity()
                    .items
                    .iter()
                    .find(|i| i.id == commit.attempt.item_id)
                    .map(|i| i.skills.clone())
                    .unwrap_or_default();
                let mastery: std::collections::BTreeMap<String, f64> = skills
                    .iter()
                    .map(|s| (s.clone(), p.session.model().p_known(s)))
                    .collect();
                events::emit(
                    &p.root,
                    "mastery",
                    &json!({ "skills": mastery, "threshold": crate::engine::DEFAULT_BKT_THRESHOLD }),
                );
                p.sync.clone()
            };
            report(render(&player));
            sync.request();
        }
        Err(message) => {
            let p = &mut *player.borrow_mut();
            p.busy = false;
            show_message(
                p,
                &format!("Your answer could not be saved, so it was not checked: {message}. Please try again."),
            );
        }
    }
}

const FULL_MESSAGE: &str = "this device has no storage space left. Nothing you answered before is lost. \
     Connect to the internet so your answers can sync, or ask your teacher to free space on this device";

/// Commits an answer; if storage is full, prunes statements delivered longer ago than the retention window
/// (never attempts or unsynced statements) and tries once more.
async fn commit_making_room(
    store: &IdbStore,
    commit: &AnswerCommit,
    retention_ms: i64,
) -> Result<(), StoreError> {
    match store.commit_answer(commit).await {
        Err(StoreError::Full) => {
            let pruned = store
                .prune_delivered(now_ms() - retention_ms)
                .await
                .unwrap_or(0);
            if pruned == 0 {
                return Err(StoreError::Full);
            }
            store.commit_answer(commit).await
        }
        other => other,
    }
}

/// How long the learner's choice must rest before it is saved as a draft.
const DRAFT_DEBOUNCE_MS: u32 = 300;

/// Stores the learner's unsubmitted choice with their place. The session takes the draft at once, so an
/// answer given while the write is under way is made from the place that includes it (IndexedDB commits
/// the two transactions in the order they were made).
async fn save_draft(player: SharedPlayer, draft: Option<Response>) {
    let (expected, progress, store) = {
        let mut p = player.borrow_mut();
        if p.busy {
            return;
        }
        let Some(progress) = p.session.save_draft(draft, now_ms()) else {
            return;
        };
        let expected = p.session.progress().clone();
        p.session.set_progress(progress.clone());
        (expected, progress, p.store.clone())
    };
    if let Err(StoreError::Stale) = store.commit_progress(&expected, &progress, &[]).await {
        reload_from_store(&player).await;
    }
}

/// Another tab of this learner moved on first: take up the stored place and say so.
async fn reload_from_store(player: &SharedPlayer) {
    let (store, key, learner_id) = {
        let p = player.borrow();
        let progress = p.session.progress();
        (p.store.clone(), progress.key(), progress.learner_id.clone())
    };
    let (Ok(stored), Ok(attempts)) = (
        store.progress(&key).await,
        store.attempts_of(&learner_id).await,
    ) else {
        return;
    };
    {
        let mut p = player.borrow_mut();
        p.session = p.session.reloaded(stored, attempts);
        p.presented_at = now_ms();
    }
    report(render(player));
    let p = player.borrow();
    show_message(
        &p,
        "This activity moved on in another tab or window; this is where you are now.",
    );
}

/// Stores one more open hint (so a reload shows it too), then shows it; keeps the learner's choice.
async fn open_hint(player: SharedPlayer, keep: Option<String>) {
    let (expected, progress, store) = {
        let p = player.borrow();
        match p.session.show_hint(now_ms()) {
            Some(progress) => (p.session.progress().clone(), progress, p.store.clone()),
            None => return,
        }
    };
    match store.commit_progress(&expected, &progress, &[]).await {
        Ok(()) => {}
        Err(StoreError::Stale) => return reload_from_store(&player).await,
        Err(_) => return,
    }
    let stage = {
        let mut p = player.borrow_mut();
        p.session.set_progress(progress);
        p.stage.clone()
    };
    report(render(&player));
    if let Some(option) = keep {
        check_option(&stage, &option);
    }
    if let Ok(Some(last)) = stage.query_selector(".hints li:last-child") {
        let _ = last.set_attribute("tabindex", "-1");
        focus(&last);
    }
}

/// Stores the move to the next item, then shows it.
async fn go_next(player: SharedPlayer) {
    let (expected, progress, completion, store) = {
        let mut p = player.borrow_mut();
        if p.busy {
            return;
        }
        p.busy = true;
        let now = now_ms();
        let expected = p.session.progress().clone();
        let progress = p.session.next(now);
        let completion = p
            .session
            .completion(&progress, &uuid::Uuid::new_v4().to_string(), now);
        (expected, progress, completion, p.store.clone())
    };
    let rows: Vec<_> = completion.into_iter().collect();
    let saved = store.commit_progress(&expected, &progress, &rows).await;
    if matches!(saved, Err(StoreError::Stale)) {
        player.borrow_mut().busy = false;
        return reload_from_store(&player).await;
    }
    let mut p = player.borrow_mut();
    p.busy = false;
    match saved {
        Ok(()) => {
            p.session.set_progress(progress);
            p.presented_at = now_ms();
            let sync = p.sync.clone();
            if !rows.is_empty() {
                let (score, _) = p.session.score();
                events::emit(
                    &p.root,
                    "completed",
                    &json!({ "activity": p.session.activity().id, "score": score }),
                );
            }
            drop(p);
            report(render(&player));
            report_progress(&player);
            if !rows.is_empty() {
                sync.request();
            }
        }
        Err(e) => show_message(
            &p,
            &format!("Could not save your place: {e}. Please try again."),
        ),
    }
}

/// Tells the LMS (cmi5) what the learner's progress calls for, once the activity is finished.
fn report_progress(player: &SharedPlayer) {
    let p = player.borrow();
    let Some(au) = p.au.clone() else { return };
    if p.session.progress().step != Step::Finished {
        return;
    }
    let (score, all_done) = p.session.score();
    spawn_local(async move { au.report(score, all_done).await });
}

fn show_message(p: &Player, message: &str) {
    if let Ok(Some(m)) = p.stage.query_selector(".message") {
        m.set_text_content(Some(message));
    }
}

fn report(result: Result<(), JsValue>) {
    if let Err(e) = result {
        web_sys::console::error_1(&e);
    }
}
