//! The part of the player the first item does not need, and how the rest of the shell reaches it.
//!
//! A learner on a slow network waits for bytes before the first item (#19). So the player ships as two
//! WebAssembly modules cut from one build: the first (`pacer_bg.wasm`) holds what drawing the first item
//! needs, and `split_rest.wasm` holds the rest (what the entries of [`Rest`] reach and nothing before
//! the first item does). Both share one memory and one function table, so the core is
//! compiled once and never copied. `scripts/build.sh` cuts them with `wasm-split-cli`
//! (wasm_split_cli_support, the splitter Leptos and Yew use) from the call graph that the linker's
//! relocations give; the player asks for the rest right after the first item is shown ([`load`]), and
//! the service worker precaches it, so pressing Check or finishing never waits on the network online or
//! off.
//!
//! Without the `split` feature (tests, clippy, `cargo build` alone) the table is simply there, in one
//! module, so every test runs the same code the split build runs.
//!
//! Deliberately not here: which code goes where is not listed by hand beyond the entry points of
//! [`Rest`]; the splitter follows calls, so anything the first item also reaches stays in the first
//! module.

use super::cmi5::{self, Au};
use super::device::{Device, Owner};
use super::idb_store::IdbStore;
use super::interactions::{self, View};
use super::package_files;
use super::player::{self, Player, SharedPlayer};
use super::scorm::{self, ScormLink};
use super::sync::Sync;
use crate::check::Response;
use crate::course::moves::Refused;
use crate::package::{Activity, Manifest, PackageError};
use crate::scorm::Version as ScormVersion;
use crate::session::Session;
use crate::xapi::cmi5::AuSession;
use gloo::events::EventListener;
use std::cell::Cell;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::Element;

/// The rest of the player could not be fetched (offline before the service worker had it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unloaded;

impl std::fmt::Display for Unloaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the rest of the player could not be loaded")
    }
}

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for Unloaded {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        Unloaded
    }
}

/// What the later part offers the rest of the shell: its entry points, as plain function pointers.
///
/// One table behind one split point, so there is one load to wait for, and once it has happened every
/// entry can be called at once, also from code that cannot wait (drawing the screen).
pub struct Rest {
    /// Builds the "This device" panel into the footer.
    pub install_device: InstallDevice,
    /// Builds the controls of a `numberLine`, `shade`, `hotspot`, `hottext` or `dragToImage` item.
    pub build_visual: fn(&Element, &View<'_>) -> Vec<EventListener>,
    /// What read-aloud says of the answer of such an item (its picture, passage, labels).
    pub spoken_visual: fn(&View<'_>) -> Vec<String>,
    /// Draws the finished screen (score, progress map, plan, goals and reflections).
    pub finished_screen: fn(&SharedPlayer, &mut Player),
    /// Scores, commits, and only then shows feedback.
    pub check_answer: fn(SharedPlayer, Response) -> LocalBoxFuture,
    /// Stores the move to the next item, then shows it.
    pub go_next: fn(SharedPlayer) -> LocalBoxFuture,
    /// Fetches, inflates and checks every file of a zipped package (see [`package_files::open_zip`]).
    pub open_zip: OpenZip,
    /// Reads the learner's whole log in this package (once), for the plan and goals.
    pub load_course: fn(SharedPlayer) -> LocalBoxFuture,
    /// Reads the other activities' items (once), for the course's folds (see
    /// [`player::read_course_items`]).
    pub read_course_items: fn(&SharedPlayer),
    /// Takes up the stored place after another tab's write came first, and says so (see
    /// [`player::reload_after`]).
    pub reload_after: fn(SharedPlayer, Refused) -> LocalBoxFuture,
    /// Delivers the outbox to the LRS (see [`Sync::request`]).
    pub sync_request: fn(&Rc<Sync>),
    /// The learner's record, the data backpack, as JSON (see [`Device::record_json`]).
    pub record_json: fn(Rc<Device>) -> LocalBoxFuture<Result<String, String>>,
    /// Finds the LMS's SCORM API and starts its session; None when there is no API (see [`scorm::find`]).
    pub scorm_start: fn(ScormVersion, i64) -> Option<ScormStarted>,
    /// The place and answers of the LMS's suspend data (see [`crate::scorm::restore`]).
    pub scorm_restore: ScormRestore,
    /// Adds the SCORM status line to the footer (see [`ScormLink::install`]).
    pub scorm_install: fn(&ScormLink, &Element, &str),
    /// Speaks `lang` in the SCORM status line.
    pub scorm_set_language: fn(&ScormLink, &str),
    /// Reports the session's score and status to the LMS (`finish`: and ends the LMS session).
    pub scorm_report: fn(&ScormLink, &Session, i64, bool),
    /// Starts a cmi5 launch: the fetch URL's token, the LMS's launch data (see [`cmi5::start`]).
    pub cmi5_start: fn(IdbStore, String) -> LocalBoxFuture<Result<AuSession, String>>,
    /// Sends cmi5's `initialized` (see [`Au::initialize`]).
    pub cmi5_initialize: fn(Rc<Au>) -> LocalBoxFuture<Result<(), String>>,
    /// Adds the cmi5 exit button to the footer (see [`Au::install`]).
    pub cmi5_install: fn(&Rc<Au>, Rc<Sync>, &Element, &str),
    /// Tells the LMS the score and whether the activity is done (see [`Au::report`]).
    pub cmi5_report: fn(Rc<Au>, f64, bool) -> LocalBoxFuture,
}

/// [`Device::install`]: the footer, the language, the store, whose records, the learner's `meta` keys.
pub type InstallDevice =
    fn(&Element, &str, IdbStore, Owner, Vec<String>) -> Result<Rc<Device>, JsValue>;

/// [`package_files::open_zip`]: the zip's URL; its files, each checked, or why the package is refused.
pub type OpenZip =
    fn(String) -> LocalBoxFuture<Result<BTreeMap<String, Vec<u8>>, Vec<PackageError>>>;

/// The LMS's SCORM session and what it launched with, or why it would not start.
pub type ScormStarted = Result<(ScormLink, scorm::Launch), String>;

/// [`crate::scorm::restore`]: the suspend data's key, the package, the learner, now.
pub type ScormRestore = fn(
    &crate::scorm::ResumeKey,
    &Manifest,
    &Activity,
    &str,
    i64,
) -> Result<crate::scorm::Restored, crate::scorm::RestoreRefused>;

/// A future of the later part, run by the shell.
pub type LocalBoxFuture<T = ()> = Pin<Box<dyn Future<Output = T>>>;

static REST: Rest = Rest {
    install_device: Device::install,
    build_visual: interactions::build_visual,
    spoken_visual: interactions::spoken_visual,
    finished_screen: player::draw_finished,
    check_answer: |player, answer| Box::pin(player::check_answer_now(player, answer)),
    go_next: |player| Box::pin(player::go_next_now(player)),
    open_zip: |url| Box::pin(async move { package_files::open_zip(&url).await }),
    load_course: |player| Box::pin(player::load_course_now(player)),
    read_course_items: |player| player::read_course_items(player, &mut player.borrow_mut()),
    reload_after: |player, refused| {
        Box::pin(async move { player::reload_after(&player, refused).await })
    },
    sync_request: Sync::request_now,
    scorm_start: |version, now| {
        scorm::find(version).map(|(api, found)| ScormLink::start(api, found, now))
    },
    scorm_restore: crate::scorm::restore,
    scorm_install: ScormLink::install,
    scorm_set_language: ScormLink::set_language,
    scorm_report: |link, session, now, finish| {
        let report = scorm::report_for(session, link, now);
        if finish {
            link.finish(&report);
        } else {
            link.report(&report);
        }
    },
    record_json: |device| Box::pin(async move { device.record_json().await }),
    cmi5_start: |store, query| Box::pin(async move { cmi5::start(&store, &query).await }),
    cmi5_initialize: |au| Box::pin(async move { au.initialize().await }),
    cmi5_install: Au::install,
    cmi5_report: |au, score, all_done| Box::pin(async move { au.report(score, all_done).await }),
};

/// The one split point: the table of the later part.
#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(rest, fallible))]
fn table() -> Result<&'static Rest, Unloaded> {
    Ok(&REST)
}

thread_local! {
    /// The table once the later part has arrived.
    static ARRIVED: Cell<Option<&'static Rest>> = const { Cell::new(None) };
}

/// Loads the rest of the player if it is not here yet, and gives its table. A failure is not remembered:
/// the next call tries again (the service worker may have it by then).
pub async fn load() -> Result<&'static Rest, Unloaded> {
    if let Some(rest) = here() {
        return Ok(rest);
    }
    #[cfg(feature = "split")]
    let rest = table().await?;
    #[cfg(not(feature = "split"))]
    let rest = table()?;
    ARRIVED.with(|a| a.set(Some(rest)));
    Ok(rest)
}

/// The later part's table, when it is already here.
pub fn here() -> Option<&'static Rest> {
    ARRIVED.with(Cell::get)
}
