//! The web shell (wasm32 only): loads the package, opens IndexedDB, renders the player and delivers
//! statements. Everything that decides lives in the pure core; this module only does DOM, storage and HTTP.
//!
//! Entry point: [`mount`], called by `www/app.js` (and later by the `<pacer-player>` element).

#[cfg(feature = "bench")]
pub mod bench;
pub mod blocks;
pub mod cmi5;
pub mod device;
pub mod dom;
pub mod drag;
pub mod events;
pub mod hottext;
pub mod i18n;
pub mod idb_store;
pub mod interactions;
pub mod later;
pub mod locks;
pub mod net;
pub mod package_files;
pub mod player;
pub mod progress;
pub mod rich;
pub mod schema;
pub mod scorm;
pub mod speech;
pub mod sync;
pub mod theme;
pub mod visual;

use crate::config::{Config, Identity, LOCAL_LEARNER_KEY};
use crate::course;
use crate::package::{Activity, Manifest, PackageError};
use crate::session::{Learner, Session};
/// Runs two futures together on the page's one thread (shared with the core's boot read).
pub(crate) use crate::store::boot::join;
use crate::store::Store as _;
use crate::web::dom::Build;
use crate::xapi::cmi5::Launch;
use idb_store::{IdbStore, StoreError};
use wasm_bindgen::prelude::*;
use web_sys::Element;

/// A User Timing mark (`performance.mark`), so an operator or `bench/boot-profile.mjs` can see where a
/// slow start spends its time: `pacer:mount`, `pacer:loaded` (store open and package parsed and checked),
/// `pacer:records` (the learner's records read) and `pacer:shown` (the first screen is in the page).
fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Mounts the player in `root` with `config`. Load failures are shown in the page, never left blank.
/// `prefetched` (optional) is a `Map` of package file URLs to promises of their text that the host page
/// started while the player loaded (see `www/app.js`).
#[wasm_bindgen]
pub async fn mount(root: Element, config: JsValue, prefetched: JsValue) -> Result<(), JsValue> {
    mark("pacer:mount");
    net::use_prefetched(&prefetched);
    // Until the config and the package say otherwise, the page speaks the browser's language.
    let mut lang = i18n::choose_language(None, None, &browser_languages(), &[]);
    root.set_text_content(Some(i18n::t(&lang, "loading")));
    let mut config: Config = match js_sys::JSON::stringify(&config)
        .map_err(net::describe)
        .and_then(|json| crate::json::from_str(&String::from(json)).map_err(|e| e.to_string()))
    {
        Ok(c) => c,
        Err(e) => {
            return show_error(&root, &lang, "error-config", &[e.to_string()]);
        }
    };
    if let Some(configured) = &config.language {
        lang = configured.clone();
    }
    // Before anything else shows, so the loading line and an error panel wear the theme too.
    theme::install(&root, config.theme.as_ref(), &lang);
    if let Err(e) = crate::config_url::check_package_url(&config.package_url) {
        return show_error_of(
            &root,
            &lang,
            "error-config",
            &[e.to_string()],
            Some("packageUrl"),
        );
    }
    // An LRS endpoint that cannot be one is refused like a bad theme: reported, and the player works on
    // this device alone (its sync line then promises no sync).
    if let Some(Err(e)) =
        (config.lrs.as_ref()).map(|l| crate::config_url::check_endpoint(&l.endpoint))
    {
        web_sys::console::warn_1(&format!("Pacer: the LRS was not used: {e}").into());
        events::error(
            &root,
            i18n::t(&lang, "error-lrs"),
            &[e.to_string()],
            Some("lrs"),
        );
        config.lrs = None;
    }
    if let Some(ms) = config.fetch_timeout_ms {
        net::set_get_timeout(ms);
    }
    let query = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let wanted = config.activity.clone().or_else(|| {
        web_sys::UrlSearchParams::new_with_str(&query)
            .ok()
            .and_then(|q| q.get("activity"))
    });
    // The store opens, a cmi5 launch starts and the learner's records are read while the package is
    // fetched: none of them needs it. A failure of the store or the launch is still the one shown when
    // both fail. (A SCORM launch names its learner only once the LMS session starts, after the package.)
    let open_store = async {
        let db_name = config.db_name.as_deref().unwrap_or(crate::store::DB_NAME);
        let store = IdbStore::open(db_name)
            .await
            .map_err(|e| ("error-cannot-save", e.to_string()))?;
        let au_session = if Launch::is_cmi5_query(&query) {
            let started = match later::load().await {
                Ok(rest) => (rest.cmi5_start)(store.clone(), query.clone()).await,
                Err(e) => Err(e.to_string()),
            };
            Some(started.map_err(|e| ("error-launch", e))?)
        } else {
            None
        };
        let early = match (&au_session, config.scorm) {
            (_, Some(_)) => None,
            (Some(au), None) => Some(course::cmi5_learner(au)),
            (None, None) => Some(
                learner(&config, &store)
                    .await
                    .map_err(|e| ("error-cannot-save", e))?,
            ),
        };
        let early = match early {
            Some(learner) => {
                let records = LearnerRecords::read(&store, &learner.id).await;
                Some((learner, records))
            }
            None => None,
        };
        Ok::<_, (&str, String)>((store, au_session, early))
    };
    let (opened, loaded) = join(
        open_store,
        load_package(&config.package_url, wanted.as_deref()),
    )
    .await;
    mark("pacer:loaded");
    let (store, au_session, early) = match opened {
        Ok(opened) => opened,
        Err((headline, detail)) => return show_error(&root, &lang, headline, &[detail]),
    };
    let (manifest, activity, assets) = match loaded {
        Ok(loaded) => loaded,
        Err(errors) => {
            let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
            return show_error(&root, &lang, "error-course", &lines);
        }
    };
    // SCORM: find the LMS's API and start its session. Without one (or if it refuses), the player still
    // works, keeping everything on the device, and says so.
    let mut scorm_note = None;
    let scorm_link = match config.scorm {
        // The SCORM runtime is in the later part: a SCORM launch waits for it before the first item.
        Some(version) => match later::load()
            .await
            .map(|rest| (rest.scorm_start)(version, player::now_ms()))
        {
            Ok(Some(Ok(started))) => Some(started),
            Ok(Some(Err(e))) => {
                scorm_note = Some(i18n::tf(&lang, "scorm-unreachable", &[("error", &e)]));
                None
            }
            Ok(None) => {
                scorm_note = Some(i18n::t(&lang, "scorm-none").to_owned());
                None
            }
            Err(e) => {
                scorm_note = Some(i18n::tf(
                    &lang,
                    "scorm-unreachable",
                    &[("error", &e.to_string())],
                ));
                None
            }
        },
        None => None,
    };
    let (mut learner, records) = match early {
        Some(early) => early,
        None => {
            let learner = match &scorm_link {
                Some((_, launch)) if !launch.learner_id.is_empty() => {
                    course::scorm_learner(&home_page(&config), &launch.learner_id)
                }
                _ => match learner(&config, &store).await {
                    Ok(l) => l,
                    Err(e) => return show_error(&root, &lang, "error-cannot-save", &[e]),
                },
            };
            let records = LearnerRecords::read(&store, &learner.id).await;
            (learner, records)
        }
    };
    let LearnerRecords { chosen, journal } = records;
    // This course's places, this activity's attempts and the course snapshot: through indexes, not the
    // whole log or every place of the learner.
    let course_records =
        crate::store::boot::read_course(&store, &manifest, &learner.id, &activity.id).await;
    mark("pacer:records");
    let chosen = chosen.ok().flatten();
    learner.language = i18n::choose_language(
        config.language.as_deref().or(chosen.as_deref()),
        au_session
            .as_ref()
            .and_then(|a| a.language_preference.as_deref()),
        &browser_languages(),
        &manifest.languages(),
    );
    lang = learner.language.clone();
    let timeout_ms = config.lrs.as_ref().and_then(|l| l.timeout_ms);
    let lrs = match &au_session {
        Some(au) => Some(cmi5::lrs_config(au, timeout_ms)),
        None => config.lrs.clone(),
    };
    let au = au_session.map(|s| cmi5::Au::new(s, store.clone(), learner.id.clone()));
    if let Some(au) = &au {
        let initialized = match later::load().await {
            Ok(rest) => (rest.cmi5_initialize)(au.clone()).await,
            Err(e) => Err(e.to_string()),
        };
        if let Err(e) = initialized {
            return show_error(&root, &lang, "error-cannot-save", &[e]);
        }
    }
    let crate::store::boot::CourseRecords {
        places,
        attempts,
        snapshot,
        ..
    } = match course_records {
        Ok(c) => c,
        Err(e) => return show_error(&root, &lang, "error-read", &[e.to_string()]),
    };
    let stored = course::place(&places, &manifest.id, &activity.id).cloned();
    // A SCORM launch on a device that has no record of this learner here: take the place from the LMS's
    // suspend data, and keep it on the device from now on.
    let mut log_changed = false;
    let (stored, attempts) = match &scorm_link {
        Some((
            _,
            scorm::Launch {
                suspend: Some(key), ..
            },
        )) if course::restore_from_lms(stored.as_ref(), &attempts, &activity.id) => {
            let restore = later::here().map(|rest| rest.scorm_restore);
            match restore
                .map(|restore| restore(key, &manifest, &activity, &learner.id, player::now_ms()))
            {
                None => (stored, attempts),
                Some(restored) => match restored {
                    Ok(crate::scorm::Restored {
                        progress,
                        attempts: restored,
                        refused,
                    }) => {
                        if refused > 0 {
                            web_sys::console::warn_1(
                            &format!("{refused} entries of the LMS's resume data were refused: not answers of this activity").into(),
                        );
                        }
                        let saved = match store.put_attempts(&restored).await {
                            Ok(()) => store.commit_progress(&progress, &progress, &[]).await,
                            Err(e) => Err(e),
                        };
                        if let Err(e) = saved {
                            web_sys::console::warn_1(
                                &format!("the LMS's place could not be stored: {e}").into(),
                            );
                        }
                        log_changed = true;
                        let mut all = attempts;
                        all.extend(restored);
                        (Some(progress), all)
                    }
                    Err(refused) => {
                        web_sys::console::warn_1(&refused.to_string().into());
                        (stored, attempts)
                    }
                },
            }
        }
        _ => (stored, attempts),
    };
    let launch_parameters = au.as_ref().and_then(|a| a.launch_parameters());
    let overrides = course::overrides(&config.overrides, launch_parameters.as_deref());
    let journal = match journal {
        Ok(entries) => entries,
        Err(e) => return show_error(&root, &lang, "error-read", &[e.to_string()]),
    };
    // The whole log is read before the first screen only when that screen needs more than the snapshot
    // tells (the finished screen's plan, a goal that ended before the last answer); otherwise the player
    // reads it once the screen is shown.
    let course_log = if course::needs_whole_log(
        stored.as_ref(),
        log_changed,
        course::snapshot_suffices(&snapshot, &journal, &manifest.id, player::now_ms()),
    ) {
        match store.package_log(&learner.id, &manifest.id).await {
            Ok(log) => Some(log),
            Err(e) => return show_error(&root, &lang, "error-read", &[e.to_string()]),
        }
    } else {
        None
    };
    // The places were read before a SCORM resume could store this activity's: count that one too.
    let completed = course::completed(places.iter().chain(stored.as_ref()), &manifest.id);
    let identified = !course::is_local(&learner);
    let mut session = Session::resume(manifest, activity, learner, stored, attempts);
    // A first item answered on a picture or a passage needs the later part's controls.
    if session
        .current_item()
        .is_some_and(|item| item.interaction.answered_later())
    {
        let _ = later::load().await;
    }
    session.set_accommodations(overrides.accommodations.clone());
    let meta_keys = match (config.identity(au.is_some()), &au) {
        (Identity::Cmi5, Some(au)) => vec![cmi5::session_key(&au.launch())],
        (Identity::Local, _) => vec![LOCAL_LEARNER_KEY.to_owned()],
        _ => Vec::new(),
    };
    let setup = player::Setup {
        session,
        store,
        lrs,
        au,
        meta_keys,
        retention_ms: config.retention_ms(),
        assets,
        scorm: scorm_link.map(|(link, _)| std::rc::Rc::new(link)),
        scorm_note,
        course: course::CourseLog::new(course_log, snapshot, completed, overrides, journal),
        identified,
        package_url: config.package_url.clone(),
        record_key: config.record_key.clone(),
    };
    player::start(&root, setup)?;
    mark("pacer:shown");
    Ok(())
}

/// The learner's record (the data backpack) of the player mounted in `root`, as an object.
#[wasm_bindgen(js_name = exportRecord)]
pub async fn export_record(root: Element) -> Result<JsValue, JsValue> {
    let (player, panel) = player::mounted(&root).ok_or("no player is mounted in this element")?;
    let rest = later::load()
        .await
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    let device = player::build_panel(&player, &panel, rest)?;
    let json = (rest.record_json)(device)
        .await
        .map_err(|e| JsValue::from_str(&e))?;
    js_sys::JSON::parse(&json)
}

/// The player's interface text `key` in `lang`, for the host page's own few words (`www/app.js`).
#[wasm_bindgen]
pub fn message(lang: &str, key: &str) -> String {
    i18n::t(lang, key).to_owned()
}

/// Switches the content language of the player mounted in `root` (the learner's choice is kept).
#[wasm_bindgen(js_name = setLanguage)]
pub fn set_language(root: Element, language: String) -> Result<(), JsValue> {
    player::switch_language(&root, &language)
}

/// Fetches and checks the manifest and the activity `wanted` (the first when None), from a folder or a
/// packed `.zip`; returns them with where the package's media are.
async fn load_package(
    package_url: &str,
    wanted: Option<&str>,
) -> Result<(Manifest, Activity, package_files::Assets), Vec<PackageError>> {
    let base = document_base().map_err(|e| vec![missing(package_url, e)])?;
    let opened = package_files::open(package_url, &base, wanted).await?;
    Ok((opened.manifest, opened.activity, opened.assets))
}

fn missing(file: &str, reason: String) -> PackageError {
    PackageError::Missing {
        file: file.to_owned(),
        reason,
    }
}

fn document_base() -> Result<String, String> {
    dom::page()
        .base_uri()
        .map_err(net::describe)?
        .ok_or_else(|| "the page has no base URL".to_owned())
}

/// The `meta` key of the language a learner picked in the player.
pub fn language_key(learner_id: &str) -> String {
    format!("language:{learner_id}")
}

/// The browser's languages, most preferred first.
fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| {
            w.navigator()
                .languages()
                .iter()
                .filter_map(|l| l.as_string())
                .collect()
        })
        .unwrap_or_default()
}

/// What the player reads of a learner before the package is known: their language choice and journal,
/// read at once (small IndexedDB transactions that would otherwise each wait for the one before). Their
/// places and attempts in the course are read once the package is known, through indexes
/// ([`crate::store::boot`]).
struct LearnerRecords {
    chosen: Result<Option<String>, StoreError>,
    journal: Result<Vec<crate::journal::Entry>, StoreError>,
}

impl LearnerRecords {
    async fn read(store: &IdbStore, learner_id: &str) -> Self {
        let (chosen, journal) = join(
            store.meta(&language_key(learner_id)),
            store.journal_of(learner_id),
        )
        .await;
        LearnerRecords { chosen, journal }
    }
}

/// The learner: from the config, or this device's local profile (made once, kept in IndexedDB). Their
/// language is chosen once the package is known.
async fn learner(config: &Config, store: &IdbStore) -> Result<Learner, String> {
    if let Some(actor) = &config.actor {
        return Ok(course::configured_learner(actor));
    }
    let id = match store
        .meta(LOCAL_LEARNER_KEY)
        .await
        .map_err(|e| e.to_string())?
    {
        Some(id) => id,
        None => {
            let id = uuid::Uuid::new_v4().to_string();
            store
                .set_meta(LOCAL_LEARNER_KEY, &id)
                .await
                .map_err(|e| e.to_string())?;
            id
        }
    };
    Ok(course::local_learner(&home_page(config), &id))
}

/// The site learners' accounts belong to: the config's `homePage`, else the player's origin.
fn home_page(config: &Config) -> String {
    config.home_page.clone().unwrap_or_else(|| {
        web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_else(|| "http://localhost".to_owned())
    })
}

/// Replaces `root`'s content with an error panel headed by the message `headline_key` in `lang`. Stored
/// progress is not touched.
fn show_error(
    root: &Element,
    lang: &str,
    headline_key: &str,
    details: &[String],
) -> Result<(), JsValue> {
    show_error_of(root, lang, headline_key, details, None)
}

/// [`show_error`] for a fault of one entry of the config, named as the `pacer:error` event's `config`.
fn show_error_of(
    root: &Element,
    lang: &str,
    headline_key: &str,
    details: &[String],
    config: Option<&str>,
) -> Result<(), JsValue> {
    let headline = i18n::t(lang, headline_key);
    events::error(root, headline, details, config);
    root.set_text_content(None);
    let panel = dom::el("div", "error-panel");
    panel.attr("role", "alert");
    dom::add_text(&panel, "h2", "", headline);
    let list = dom::el("ul", "error-details");
    for d in details {
        dom::add_text(&list, "li", "", d);
    }
    panel.add(&list);
    dom::add_text(&panel, "p", "", i18n::t(lang, "error-untouched"));
    root.add(&panel);
    Ok(())
}
