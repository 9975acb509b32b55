//! The first-item form (#19): what a new learner's first visit shows before the player is here, worked
//! out natively (by `pacer first`, at build or deploy time) with the player's own code, for a small
//! separate module (`crates/first`) to draw while the full player loads.
//!
//! A [`Form`] holds, per package language, the whole page the player draws for a new learner on this
//! device (the frame and the first item's screen) and, for every answer the item's controls can give,
//! the response to record and the screen of its feedback. It is built by opening the course as the
//! player does ([`crate::course::Opening`], answered by an empty memory store: a device that never ran
//! the player), so the first item, its counter, reason and controls are the ones the player would pick
//! and draw. The module records the answer in IndexedDB before it shows the feedback; the full player
//! then records it as its own attempt (statements and all) and takes the page over.
//!
//! Only a first item answered by picking is worked out: a single choice or a true-or-false item, with
//! no parameters (its numbers are the learner's draw) and controls the first part of the player draws
//! ([`Unfit`] says why another is not). Anything else, and any page that is not a new learner's plain
//! first visit, is left to the full player (it loads as it did without a form).
//!
//! Not here: drawing, storing or reading the answer back from the page (the module does), deciding
//! when a visit is a new learner's plain first one (`www/app.js` does, from the config and the
//! browser's databases), the binary encoding (postcard, in the CLI and the module).

use crate::check::Response;
use crate::config::Config;
use crate::course::{from_store, Answer as Told, Need, Opened, Opening, Start};
use crate::package::{Activity, Interaction, Item, Manifest};
use crate::screen::ItemScreen;
use crate::session::{CaptureIds, Session, Step};
use crate::store::MemoryStore;
use crate::time::EpochMs;
use crate::view::controls::ItemView;
use crate::view::frame::{frame, Frame};
use crate::view::item::{form, Extras};
use crate::view::Element;
use serde::{Deserialize, Serialize};
use std::future::Future;
use thiserror::Error;

pub mod takeover;
#[cfg(test)]
mod tests;

/// A package's first-item form: the first screen of its first activity in each of its languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Form {
    pub package_id: String,
    pub package_version: String,
    pub activity_id: String,
    pub item_id: String,
    /// One per language of the package, the package's own first.
    pub screens: Vec<Screen>,
}

/// The first screen in one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Screen {
    /// The learner's language the screen is in, as the player names it (`lang` of the player's root).
    pub lang: String,
    /// `ltr` or `rtl`.
    pub dir: String,
    /// The page: the player's frame with the item's form in its stage.
    pub page: Element,
    /// What the message line says when Check is pressed with nothing picked.
    pub choose_first: String,
    /// What it says when another tab stored an answer to this item first (this one is not stored).
    pub answered_elsewhere: String,
    /// Every answer the controls can give (and Don't know, when offered).
    pub answers: Vec<Answer>,
}

/// One answer the first item's controls can give.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Answer {
    /// What the controls read: the checked inputs' values in the page's order, each followed by a
    /// newline; [`DONT_KNOW`] for the Don't know button.
    pub key: String,
    /// The response the player records, as stored (JSON).
    pub response: String,
    /// The item's form once this answer is checked, drawn in place of the answering form.
    pub feedback: Element,
    /// What the player's announcer says then.
    pub said: String,
}

/// The key of the Don't know button's answer (no control value is empty).
pub const DONT_KNOW: &str = "";

/// Why a package has no first-item form. Not an error of the package: the full player shows it.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum Unfit {
    #[error("the config's `{0}` shapes the first screen: the full player draws it")]
    Config(&'static str),
    #[error("the course does not open for a new learner: {0}")]
    DoesNotOpen(String),
    #[error("a new learner starts on a lesson page or the finished screen, not an item")]
    NotAnItem,
    #[error("the first item `{0}` is not a single choice or a true-or-false item")]
    NotPicked(String),
    #[error("the first item `{0}` has parameters (drawn per learner)")]
    Parameterised(String),
    #[error("the item `{0}` was tried before: the player records another try itself")]
    Tried(String),
    #[error("the first item `{0}` cannot be answered: {1}")]
    Unanswerable(String, String),
}

/// The first-item form of `manifest`'s first activity (`activity`) for a new learner of a site embedding
/// the player with `config`, one screen per package language. (The screens draw media from beside the
/// config's `packageUrl`, as the player does.)
pub fn build(config: &Config, manifest: &Manifest, activity: &Activity) -> Result<Form, Unfit> {
    if let Some(key) = shaping_key(config) {
        return Err(Unfit::Config(key));
    }
    let mut screens = Vec::new();
    let mut item_id = None;
    for lang in manifest.languages() {
        let session = open(config, manifest, activity, lang, SOMEONE)?;
        let screen = screen_of(&session, &config.package_url)?;
        match &item_id {
            None => item_id = Some(screen.1),
            // The pick does not depend on the language; a package where it did would be refused here.
            Some(first) if *first != screen.1 => {
                return Err(Unfit::DoesNotOpen(format!(
                    "the first item differs by language ({first}, {})",
                    screen.1
                )))
            }
            Some(_) => {}
        }
        screens.push(screen.0);
    }
    Ok(Form {
        package_id: manifest.id.clone(),
        package_version: manifest.version.clone(),
        activity_id: activity.id.clone(),
        item_id: item_id.ok_or(Unfit::NotAnItem)?,
        screens,
    })
}

/// The resume form: the screen `session` asks now, for the same module to draw on this device's next
/// visit while the player loads (`web::resume` keeps it; `www/app.js` hands it over). One screen, in the
/// learner's language; only a form the player would adopt the answer of ([`adopted`]): an item of the
/// activity itself (not the check of a lesson page), being answered, never tried before in this
/// session, answered by picking.
pub fn resume(session: &Session, package_url: &str) -> Result<Form, Unfit> {
    let Step::Answering { item_id, .. } = &session.progress().step else {
        return Err(Unfit::NotAnItem);
    };
    if session.page().is_some() {
        return Err(Unfit::NotAnItem);
    }
    if session.attempts().iter().any(|a| &a.item_id == item_id) {
        return Err(Unfit::Tried(item_id.clone()));
    }
    let (screen, item_id) = screen_of(session, package_url)?;
    Ok(Form {
        package_id: session.manifest().id.clone(),
        package_version: session.manifest().version.clone(),
        activity_id: session.activity().id.clone(),
        item_id,
        screens: vec![screen],
    })
}

/// The first config key (in `www/app.js`'s list, which must say the same) that makes the first screen
/// depend on the site: a form is only made, and only drawn, for a config without them.
pub fn shaping_key(config: &Config) -> Option<&'static str> {
    [
        ("language", config.language.is_some()),
        ("activity", config.activity.is_some()),
        ("overrides", config.overrides != Default::default()),
        ("theme", config.theme.is_some()),
        ("scorm", config.scorm.is_some()),
    ]
    .into_iter()
    .find_map(|(key, set)| set.then_some(key))
}

/// An answer the first-item module stored, as the shell read it back.
#[derive(Debug, Clone, PartialEq)]
pub struct Given {
    pub item_id: String,
    pub activity_id: String,
    pub package_id: String,
    pub response: Response,
    pub presented_at: EpochMs,
    pub answered_at: EpochMs,
}

/// Which of the answers the first-item module stored `session` takes as its next attempt: the one to
/// the item it is asking, in its package and activity. None when the session is not asking for one of
/// them (it was answered already, or the form was older than the package).
pub fn adopted<'g>(session: &Session, given: &'g [Given]) -> Option<&'g Given> {
    let Step::Answering { item_id, .. } = &session.progress().step else {
        return None;
    };
    given.iter().find(|g| {
        &g.item_id == item_id
            && g.activity_id == session.activity().id
            && g.package_id == session.manifest().id
            && !session.attempts().iter().any(|a| &a.item_id == item_id)
    })
}

/// The id of the learner the form is worked out for: any id gives the same first screen (a test
/// checks it), since a new learner's first pick and its first try draw nothing of theirs.
const SOMEONE: &str = "00000000-0000-4000-8000-000000000000";

/// The session a new learner (made `learner_id`) on a device that never ran the player opens, with
/// `lang` the browser's.
fn open(
    config: &Config,
    manifest: &Manifest,
    activity: &Activity,
    lang: &str,
    learner_id: &str,
) -> Result<Session, Unfit> {
    let store = MemoryStore::default();
    let mut opening = Opening::new(Start {
        config: config.clone(),
        query: String::new(),
        // The learners' site: it names the learner to the LRS and shows nowhere on the screen.
        origin: "https://first-item.invalid".to_owned(),
        browser_languages: vec![lang.to_owned()],
        lang: lang.to_owned(),
        fresh_id: learner_id.to_owned(),
        now: 0,
    });
    // Bounded: every opening ends in a few steps (its tests count them).
    for _ in 0..64 {
        let need = opening.need();
        let given = match need {
            Need::Done(opened) => {
                let Opened { session, .. } = *opened;
                return Ok(session);
            }
            Need::Fail(failure) => return Err(Unfit::DoesNotOpen(failure.details.join("; "))),
            Need::OpenStore => Told::StoreOpened(Ok(())),
            Need::Package => Told::Package(Ok((manifest.clone(), activity.clone()))),
            Need::LoadLater => Told::LaterLoaded,
            need => match ready(from_store(&store, &need, |_| {})) {
                Some(Some(told)) => told,
                Some(None) => {
                    // A plain first visit: no cmi5 launch (no query) and no SCORM (the config names none).
                    return Err(Unfit::DoesNotOpen(format!(
                        "a launch the form does not cover: {need:?}"
                    )));
                }
                None => return Err(Unfit::DoesNotOpen("a memory store read waited".to_owned())),
            },
        };
        opening.answer(given);
    }
    Err(Unfit::DoesNotOpen("the opening did not end".to_owned()))
}

/// The value of a future that is ready when first polled, as the memory store's are (it does no IO);
/// None for a future that is not, rather than spinning.
fn ready<T>(future: impl Future<Output = T>) -> Option<T> {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(value) => Some(value),
        std::task::Poll::Pending => None,
    }
}

/// Where the media of the form's screens are: as the player resolves them against the package's URL.
fn asset_url(package_url: &str) -> impl Fn(&str) -> String + '_ {
    move |src: &str| match package_url.rfind('/') {
        Some(end) => format!("{}{src}", &package_url[..=end]),
        None => src.to_owned(),
    }
}

/// The screen of `session`'s current item, with its answers; and the item's id.
fn screen_of(session: &Session, package_url: &str) -> Result<(Screen, String), Unfit> {
    let answering = ItemScreen::of(session, None).ok_or(Unfit::NotAnItem)?;
    let item = &answering.item;
    if !item.params.is_empty() {
        return Err(Unfit::Parameterised(item.id.clone()));
    }
    let responses = responses(item).ok_or_else(|| Unfit::NotPicked(item.id.clone()))?;
    let lang = answering.lang.clone();
    let default = session.manifest().language.clone();
    let url = asset_url(package_url);
    let item_form = drawn(&answering, &url)?;
    let dont_know = item_form
        .holds_class("dont-know")
        .then_some((DONT_KNOW.to_owned(), Response::DontKnow));
    let mut answers = Vec::new();
    for (key, response) in responses.into_iter().chain(dont_know) {
        answers.push(answer(session, key, response, &url)?);
    }
    let title = session.manifest().title.get(&lang, &default).to_owned();
    let subtitle = (session.manifest().activity(&session.activity().id))
        .map(|a| a.title.get(&lang, &default).to_owned())
        .unwrap_or_default();
    let languages: Vec<String> = (session.manifest().languages().into_iter())
        .map(str::to_owned)
        .collect();
    let page = frame(
        &Frame {
            lang: &lang,
            title: &title,
            subtitle: &subtitle,
            languages: &languages,
        },
        vec![item_form.into()],
    );
    let screen = Screen {
        dir: crate::i18n::direction(&lang).to_owned(),
        choose_first: crate::i18n::t(&lang, "choose-first").to_owned(),
        answered_elsewhere: crate::i18n::t(&lang, "answer-not-saved-elsewhere").to_owned(),
        lang,
        page,
        answers,
    };
    Ok((screen, item.id.clone()))
}

/// The item form the player draws for `screen`.
fn drawn(screen: &ItemScreen, url: &dyn Fn(&str) -> String) -> Result<Element, Unfit> {
    let view = ItemView::of(screen, url);
    let drawn = form(
        screen,
        &view,
        &Extras {
            read_aloud: true,
            skill_title: "",
        },
    );
    if !drawn.controls_drawn {
        return Err(Unfit::NotPicked(screen.item.id.clone()));
    }
    Ok(drawn.form)
}

/// Every answer `item`'s controls can give, keyed as the module reads the page: None for an item not
/// answered by picking one option.
fn responses(item: &Item) -> Option<Vec<(String, Response)>> {
    let keyed = |value: &str| format!("{value}\n");
    match &item.interaction {
        Interaction::SingleChoice { options, .. } => Some(
            (options.iter())
                .map(|o| {
                    let option = o.id.clone();
                    (keyed(&option), Response::Choice { option })
                })
                .collect(),
        ),
        Interaction::TrueFalse { .. } => Some(
            [true, false]
                .into_iter()
                .map(|value| (keyed(&value.to_string()), Response::Bool { value }))
                .collect(),
        ),
        _ => None,
    }
}

/// `response` recorded in `session`, and the feedback screen the player then shows.
fn answer(
    session: &Session,
    key: String,
    response: Response,
    url: &dyn Fn(&str) -> String,
) -> Result<Answer, Unfit> {
    let item_id = session
        .current_item()
        .map(|i| i.id.clone())
        .unwrap_or_default();
    let unanswerable = |why: String| Unfit::Unanswerable(item_id.clone(), why);
    let stored = serde_json::to_string(&response).map_err(|e| unanswerable(e.to_string()))?;
    let ids = CaptureIds {
        attempt_id: "first-form".to_owned(),
        statement_id: "first-form".to_owned(),
    };
    let commit = session
        .answer(response, ids, 0, 0)
        .map_err(|e| unanswerable(e.to_string()))?;
    let mut after = session.clone();
    after.apply(&commit);
    let screen = ItemScreen::of(&after, None).ok_or_else(|| unanswerable("no feedback".into()))?;
    let said = screen.announced();
    Ok(Answer {
        key,
        response: stored,
        feedback: drawn(&screen, url)?,
        said,
    })
}
