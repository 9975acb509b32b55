//! The web shell (wasm32 only): loads the package, opens IndexedDB, renders the player and delivers
//! statements. Everything that decides lives in the pure core; this module only does DOM, storage and HTTP.
//!
//! Entry point: [`mount`], called by `www/app.js` (and later by the `<pacer-player>` element).

#[cfg(feature = "bench")]
pub mod bench;
pub mod cmi5;
pub mod device;
pub mod dom;
pub mod drag;
pub mod events;
pub mod first;
pub mod hottext;
pub mod i18n;
mod idb;
pub mod idb_store;
pub mod interactions;
pub mod later;
pub mod locks;
pub mod net;
pub mod package_files;
pub mod player;
mod resume;
pub mod schema;
pub mod scorm;
pub mod speech;
pub mod sync;
pub mod theme;
pub mod visual;

use crate::course;
use crate::first::takeover;
use crate::package::{Activity, Manifest, PackageError};
/// Runs two futures together on the page's one thread (shared with the core's boot read).
pub(crate) use crate::store::boot::join;
use crate::store::Store as _;
use crate::web::dom::Build;
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
/// started while the player loaded (see `www/app.js`). `first` (optional) names the database of the
/// first-item module (`crates/first`) when it drew the page or stored an answer on an earlier visit:
/// the player records that answer as its own attempt and takes the page over.
#[wasm_bindgen]
pub async fn mount(
    root: Element,
    config: JsValue,
    prefetched: JsValue,
    first: Option<String>,
) -> Result<(), JsValue> {
    mark("pacer:mount");
    net::use_prefetched(&prefetched);
    // Until the config and the package say otherwise, the page speaks the browser's language.
    let mut lang = i18n::choose_language(None, None, &browser_languages(), &[]);
    // The first-item module's page stays until the player's own replaces it.
    if !root.has_attribute("data-first") {
        root.set_text_content(Some(i18n::t(&lang, "loading")));
    }
    let configured = js_sys::JSON::stringify(&config)
        .map_err(|e| course::configured::unreadable(net::describe(e)))
        .and_then(|json| course::configured(&String::from(json)));
    let (config, refused) = match configured {
        Ok(c) => (c.config, c.refused),
        Err(r) => return show_error(&root, &lang, r.headline, &r.details, r.entry),
    };
    if let Some(configured) = &config.language {
        lang = configured.clone();
    }
    // Before anything else shows, so the loading line and an error panel wear the theme too.
    theme::install(&root, config.theme.as_ref(), &lang);
    for r in &refused {
        if r.stops {
            return show_error(&root, &lang, r.headline, &r.details, r.entry);
        }
        web_sys::console::warn_1(&r.warning().into());
        events::error(&root, i18n::t(&lang, r.headline), &r.details, r.entry);
    }
    if let Some(ms) = config.fetch_timeout_ms {
        net::set_get_timeout(ms);
    }
    let query = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let wanted = course::wanted_activity(config.activity.as_deref(), &query);
    let mut opening = course::Opening::new(course::Start {
        config: config.clone(),
        query,
        origin: origin(),
        browser_languages: browser_languages(),
        lang: lang.clone(),
        fresh_id: uuid::Uuid::new_v4().to_string(),
        now: player::now_ms(),
    });
    let mut io = Io {
        db_name: config.db_name.as_deref().unwrap_or(crate::store::DB_NAME),
        store: None,
        au: None,
        scorm: None,
    };
    // The store opens, a cmi5 launch starts and the learner's records are read while the package is
    // fetched: none of them needs it (the opening asks for the package once they are done).
    let early = async {
        loop {
            let need = opening.need();
            if matches!(need, course::Need::Package) {
                break;
            }
            let answer = io.perform(need).await;
            opening.answer(answer);
        }
    };
    let mut assets = None;
    let package = async {
        load_package(&config.package_url, wanted.as_deref())
            .await
            .map(|(manifest, activity, files)| {
                assets = Some(files);
                (manifest, activity)
            })
    };
    let ((), loaded) = join(early, package).await;
    mark("pacer:loaded");
    opening.answer(course::Answer::Package(loaded));
    let opened = loop {
        let answer = match opening.need() {
            course::Need::Done(opened) => break opened,
            course::Need::Fail(f) => {
                return show_error(&root, &f.lang, f.headline.key(), &f.details, None);
            }
            need => io.perform(need).await,
        };
        opening.answer(answer);
    };
    // Not reached: the opening is done only once the store is open and the package loaded.
    let (Some(store), Some(assets)) = (io.store, assets) else {
        return show_error(&root, &lang, "error-cannot-save", &[], None);
    };
    let course::Opened {
        mut session,
        mut course,
        lrs,
        meta_keys,
        identified,
        scorm,
    } = *opened;
    let taken = match &first {
        Some(db) => take_over(&root, db, &store, &mut session, &mut course).await,
        None => takeover::Taken::default(),
    };
    let scorm_note = scorm.and_then(|s| s.note(&lang));
    let setup = player::Setup {
        session,
        store,
        lrs,
        au: io.au,
        meta_keys,
        retention_ms: config.retention_ms(),
        assets,
        scorm: io.scorm.map(std::rc::Rc::new),
        scorm_note,
        course,
        identified,
        package_url: config.package_url.clone(),
        record_key: config.record_key.clone(),
        keep: taken.keep,
    };
    // What the learner did on the module's page, read after the last wait (the takeover's commit) and
    // right before the player draws over it: a Next pressed while the answer was being recorded counts.
    let left = match &first {
        Some(_) => {
            let focused = (dom::page().active_element())
                .filter(|e| root.contains(Some(e)))
                .map(|e| e.id());
            takeover::Left::read(|name| root.get_attribute(name), focused)
        }
        None => takeover::Left::default(),
    };
    let player = player::start(&root, setup)?;
    mark("pacer:shown");
    if let Some(e) = (left.focused.as_ref()).and_then(|id| dom::page().get_element_by_id(id)) {
        dom::focus(&e);
    }
    if let Some(language) = &left.language {
        player::switch_language(&root, language)?;
    }
    let pressed = (left.pressed_selector()).and_then(|s| root.query_selector(&s).ok().flatten());
    if let Some(button) = pressed.and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok()) {
        button.click();
    }
    if let Some(commit) = &taken.commit {
        player::recorded(&player, commit);
        if left.next {
            wasm_bindgen_futures::spawn_local(player::go_next(player.clone()));
        }
    }
    if let Some(refused) = taken.elsewhere {
        let player = player.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Ok(rest) = later::load().await {
                (rest.reload_after)(player, refused).await;
            }
        });
    }
    if let (Some(db), true) = (first, taken.forget) {
        // Not awaited: a deletion another connection holds up must not hold up the page's boot.
        wasm_bindgen_futures::spawn_local(async move { first::forget(&db).await });
    }
    Ok(())
}

/// Takes the page over from the first-item module: stops it taking answers, records the answer it
/// stored as `session`'s attempt, and keeps the answer being picked (what to record, read again and
/// keep is [`takeover`]'s). An answer that cannot be recorded now stays stored. The rest of what the
/// learner did on the module's page (Next, a language, a hint) is read by `mount` after this returns:
/// the commit here waits, and the module's page still takes those presses meanwhile.
async fn take_over(
    root: &Element,
    db: &str,
    store: &IdbStore,
    session: &mut crate::session::Session,
    course: &mut course::CourseLog,
) -> takeover::Taken {
    let attribute = |name: &str| root.get_attribute(name);
    // Read while the module still takes answers (a click meanwhile is not lost), then stop it: from
    // here on it takes none, and an answer it was storing is read again.
    let mut given = first::stored(db).await;
    let before = takeover::Left::read(attribute, None);
    let _ = root.set_attribute(takeover::STATE, takeover::TAKEN);
    if takeover::read_again(&before, session, &given) {
        given = first::stored(db).await;
    }
    let mut taken = takeover::Taken::default();
    let g = match takeover::taking(session, &given) {
        takeover::Taking::Record(g) => g.clone(),
        takeover::Taking::Nothing { forget } => {
            if let (Some(item), Ok(Some(form))) =
                (session.current_item(), root.query_selector("form.item"))
            {
                taken.keep = interactions::read(&form, item);
            }
            if !forget {
                web_sys::console::warn_1(
                    &format!("{db}: an answer from the first-item module is for an item this course does not ask now; it is kept").into(),
                );
            }
            taken.forget = forget;
            return taken;
        }
    };
    let ids = crate::session::CaptureIds {
        attempt_id: uuid::Uuid::new_v4().to_string(),
        statement_id: uuid::Uuid::new_v4().to_string(),
    };
    let committed = match takeover::commit(session, &g, ids) {
        Ok(commit) => (store.commit_answer(&commit).await)
            .map(|()| commit)
            .map_err(takeover::NotRecorded::from),
        Err(e) => Err(e),
    };
    let (taken, warning) = takeover::recorded(session, course, &g, committed);
    if let Some(warning) = warning {
        web_sys::console::warn_1(&format!("{db}: {warning}").into());
    }
    taken
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
    let base = document_base().map_err(|e| vec![crate::pack::unpack::missing(package_url, e)])?;
    let opened = package_files::open(package_url, &base, wanted).await?;
    Ok((opened.manifest, opened.activity, opened.assets))
}

fn document_base() -> Result<String, String> {
    dom::page()
        .base_uri()
        .map_err(net::describe)?
        .ok_or_else(|| "the page has no base URL".to_owned())
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

/// The player's origin: the site learners' accounts belong to when the config names no `homePage`.
fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_else(|| "http://localhost".to_owned())
}

/// The effects of opening a course ([`course::Opening`] decides them), and what they leave for the
/// player: the store, the cmi5 session and the SCORM link.
struct Io<'c> {
    db_name: &'c str,
    store: Option<IdbStore>,
    au: Option<std::rc::Rc<cmi5::Au>>,
    scorm: Option<scorm::ScormLink>,
}

impl Io<'_> {
    /// Performs `need` (neither [`course::Need::Fail`] nor [`course::Need::Done`]).
    async fn perform(&mut self, need: course::Need<'_>) -> course::Answer {
        use course::{Answer, Need};
        let unopened = || StoreError::Unavailable("the store is not open".to_owned());
        let Some(store) = self.store.clone() else {
            return match need {
                Need::OpenStore => match IdbStore::open(self.db_name).await {
                    Ok(store) => {
                        self.store = Some(store);
                        Answer::StoreOpened(Ok(()))
                    }
                    Err(e) => Answer::StoreOpened(Err(e.to_string())),
                },
                _ => Answer::StoreOpened(Err(unopened().to_string())),
            };
        };
        let warn = |message: &str| web_sys::console::warn_1(&message.into());
        if let Some(answer) = course::from_store(&store, &need, warn).await {
            if matches!(answer, Answer::Course(_)) {
                mark("pacer:records");
            }
            return answer;
        }
        match need {
            Need::OpenStore => Answer::StoreOpened(Ok(())),
            Need::StartCmi5 { query } => Answer::Cmi5Started(match later::load().await {
                Ok(rest) => (rest.cmi5_start)(store, query.to_owned()).await,
                Err(e) => Err(e.to_string()),
            }),
            // The SCORM runtime is in the later part: a SCORM launch waits for it before the first item.
            Need::StartScorm(version) => Answer::Scorm(
                match later::load()
                    .await
                    .map(|rest| (rest.scorm_start)(version, player::now_ms()))
                {
                    Ok(Some(Ok((link, launch)))) => {
                        self.scorm = Some(link);
                        course::ScormStart::Started {
                            learner_id: launch.learner_id,
                            suspend: launch.suspend,
                        }
                    }
                    Ok(Some(Err(e))) => course::ScormStart::Refused(e),
                    Ok(None) => course::ScormStart::NoApi,
                    Err(e) => course::ScormStart::Refused(e.to_string()),
                },
            ),
            Need::InitializeCmi5 {
                session,
                learner_id,
            } => {
                let au = cmi5::Au::new(session.clone(), store, learner_id.to_owned());
                self.au = Some(au.clone());
                Answer::Cmi5Initialized(match later::load().await {
                    Ok(rest) => (rest.cmi5_initialize)(au).await,
                    Err(e) => Err(e.to_string()),
                })
            }
            Need::RestoreScorm {
                key,
                manifest,
                activity,
                learner_id,
                now,
            } => {
                let restored = later::here()
                    .map(|rest| (rest.scorm_restore)(key, manifest, activity, learner_id, now));
                let answer = Answer::ScormRestored(restored);
                if let Some(warning) = answer.warning() {
                    warn(&warning);
                }
                answer
            }
            Need::LoadLater => {
                let _ = later::load().await;
                Answer::LaterLoaded
            }
            // Not reached: `mount` ends on these, awaits the package beside the store, and the
            // store's own needs were answered above.
            _ => Answer::Package(Err(Vec::new())),
        }
    }
}

/// Replaces `root`'s content with an error panel headed by the message `headline_key` in `lang`, and
/// says it in `pacer:error` (with the entry of the config at fault, if one is). Stored progress is not
/// touched.
fn show_error(
    root: &Element,
    lang: &str,
    headline_key: &str,
    details: &[String],
    config: Option<&str>,
) -> Result<(), JsValue> {
    let headline = i18n::t(lang, headline_key);
    events::error(root, headline, details, config);
    root.set_text_content(None);
    root.add(&dom::draw_el(&crate::view::error::panel(
        lang,
        headline_key,
        details,
    )));
    Ok(())
}
