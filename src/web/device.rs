//! "This device": what the player keeps here and the learner's say over it — storage used and whether the
//! browser will keep it, the data backpack (download, add from another device), and "sign out and remove
//! my data", which refuses to drop unsynced answers unless the learner saved them first or insists.
//!
//! What the panel shows and says is decided in the core (`screen::device`) and built there
//! (`view::device`), and what a press on it leads to too (`course::press::device`, from the act each
//! control carries); this module draws it, listens on it once per event type, and does the effects:
//! IndexedDB, measuring storage, reading and offering files, signing, reloading.

use super::dom;
use super::idb_store::IdbStore;
use super::net::describe;
use super::player::now_ms;
use crate::course::device::{Effect, Flow, Holder, Outcome};
use crate::course::press::{self, DeviceMove, On, Pressed};
use crate::course::profiles::{self, LocalProfile, PROFILES_KEY};
use crate::package::Activity;
use crate::screen::device::{Learners, Said, Storage};
use crate::store::backpack::{self, file_name, Backpack};
use crate::store::{Store as _, StoreError};
use crate::view::device as view;
use crate::web::dom::Build;
use gloo::events::EventListener;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{
    Blob, BlobPropertyBag, Element, HtmlAnchorElement, HtmlInputElement, StorageEstimate, Url,
};

pub use crate::config::LOCAL_LEARNER_KEY;
/// Whose records the panel exports and imports, and what an import is checked against.
#[derive(Clone)]
pub struct Owner {
    pub holder: Holder,
    /// The package's URL as the config gives it, to fetch other activities from.
    pub package_url: String,
    /// The operator's key for signing exported records (HMAC-SHA256), from the config's `recordKey`.
    pub record_key: Option<String>,
}

/// The panel and what it needs.
pub struct Device {
    /// The language the panel speaks.
    lang: RefCell<String>,
    store: IdbStore,
    learner_id: String,
    owner: Owner,
    /// `meta` keys that belong to this learner (the local profile id, a cmi5 session).
    meta_keys: Vec<String>,
    /// The panel's element (its fields are read when a control is pressed).
    panel: Element,
    storage: Element,
    message: Element,
    confirm: Element,
    exported: Cell<bool>,
    listeners: RefCell<Vec<EventListener>>,
}

/// The element of class `class` under `root` (drawn from `view::device`, so there is one).
fn part(root: &Element, selector: &str) -> Result<Element, JsValue> {
    root.query_selector(selector)?
        .ok_or_else(|| JsValue::from_str(&format!("the device panel has no {selector}")))
}

impl Device {
    /// Builds the panel into `parent` and asks the browser to keep this origin's storage.
    pub fn install(
        parent: &Element,
        lang: &str,
        store: IdbStore,
        owner: Owner,
        meta_keys: Vec<String>,
    ) -> Result<Rc<Self>, JsValue> {
        let learner_id = owner.holder.learner.id.clone();
        let details = dom::draw_el(&view::panel(lang));
        let profiles = part(&details, ".profiles")?;
        let device = Rc::new(Device {
            lang: RefCell::new(lang.to_owned()),
            store,
            learner_id,
            owner,
            meta_keys,
            panel: details.clone(),
            storage: part(&details, ".storage")?,
            message: part(&details, ".device-message")?,
            confirm: part(&details, ".confirm")?,
            exported: Cell::new(false),
            listeners: RefCell::new(Vec::new()),
        });
        parent.add(&details);
        *device.listeners.borrow_mut() = ["click", "change"]
            .map(|kind| {
                let me = device.clone();
                EventListener::new(&details, kind, move |event| me.pressed(event))
            })
            .into();
        let me = device.clone();
        spawn_local(async move { me.show_storage().await });
        if device.meta_keys.iter().any(|k| k == LOCAL_LEARNER_KEY) {
            let me = device.clone();
            spawn_local(async move { me.show_profiles(&profiles).await });
        }
        Ok(device)
    }

    /// An event on a control of the panel: what `course::press` says it leads to, performed.
    fn pressed(self: &Rc<Self>, event: &web_sys::Event) {
        let Some(on) = On::of(&event.type_()) else {
            return;
        };
        let Some((control, act)) = dom::acting(event, on == On::Click) else {
            return;
        };
        let (value, fields) = (dom::value(&control), dom::fields(&self.panel));
        let pressed = Pressed {
            act,
            on,
            answer: None,
            value: &value,
            fields: &fields,
        };
        let Some(step) = press::device(pressed) else {
            return;
        };
        let me = self.clone();
        spawn_local(async move {
            let flow = match step {
                DeviceMove::Export => Flow::export(),
                DeviceMove::Import => {
                    let Some(input) = control.dyn_ref::<HtmlInputElement>() else {
                        return;
                    };
                    let Some(file) = input.files().and_then(|f| f.get(0)) else {
                        return;
                    };
                    match JsFuture::from(file.text()).await {
                        Ok(t) => Flow::import(t.as_string().unwrap_or_default()),
                        Err(e) => return me.say(&Said::FileUnreadable(describe(e))),
                    }
                }
                DeviceMove::Remove { insist } => Flow::remove(insist, me.exported.get()),
                DeviceMove::SwitchTo(id) => Flow::switch_to(id),
                DeviceMove::NewLearner(name) => {
                    Flow::new_learner(uuid::Uuid::new_v4().to_string(), name)
                }
            };
            me.run(flow).await;
        });
    }

    /// Performs `flow` (see [`crate::course::device`]) until it is over.
    async fn run(&self, mut flow: Flow) {
        let mut outcome = Outcome::Done;
        let mut new_id = || uuid::Uuid::new_v4().to_string();
        let failed = |e: StoreError| e.to_string();
        loop {
            let lang = self.lang();
            let effect = flow.step(&self.owner.holder, outcome, &lang, &mut new_id, now_ms());
            outcome = match effect {
                Effect::Done => break,
                Effect::CountUnsynced => Outcome::Count(
                    (self.store.outbox_counts(&self.learner_id).await)
                        .map(|(pending, _)| pending)
                        .map_err(failed),
                ),
                Effect::AskToInsist => {
                    let _ = self.confirm.remove_attribute("hidden");
                    Outcome::Done
                }
                Effect::RemoveLearner => {
                    let keys: Vec<&str> = self.meta_keys.iter().map(String::as_str).collect();
                    let removed = self.store.remove_learner(&self.learner_id, &keys).await;
                    Outcome::Written(removed.map_err(failed))
                }
                Effect::ForgetResume => {
                    super::resume::forget(&self.store.name()).await;
                    Outcome::Done
                }
                Effect::ReadProfiles => Outcome::Profiles(self.profiles().await),
                Effect::SaveProfiles(profiles) => {
                    self.save_profiles(&profiles).await;
                    Outcome::Done
                }
                Effect::ChooseLearner(id) => {
                    let chosen = self.store.set_meta(LOCAL_LEARNER_KEY, &id).await;
                    Outcome::Written(chosen.map_err(failed))
                }
                Effect::Reload => {
                    reload_soon();
                    Outcome::Done
                }
                Effect::ReadRecord => Outcome::Record(self.backpack().await),
                Effect::Mac(text) => Outcome::Mac(match &self.owner.record_key {
                    Some(key) => hmac_sha256_hex(key, text.as_bytes()).await,
                    None => Err("no key to sign with".to_owned()),
                }),
                Effect::Download(text) => Outcome::Written(download(&text)),
                Effect::FetchActivities(ids) => Outcome::Activities(self.activities(ids).await),
                Effect::Import(merge) => {
                    Outcome::Written(self.store.import(&merge).await.map_err(failed))
                }
                Effect::Say(said) => {
                    self.say(&said);
                    Outcome::Done
                }
            };
        }
        if flow.exported() {
            self.exported.set(true);
        }
    }

    /// Says `said` in the status line, with what it tells a host (`data-refused`).
    fn say(&self, said: &Said) {
        self.message
            .set_text_content(Some(&said.text(&self.lang.borrow())));
        if let Some(refused) = said.refused() {
            self.message.attr("data-refused", &refused);
        }
    }

    fn lang(&self) -> String {
        self.lang.borrow().clone()
    }

    /// Speaks `lang` from now on: the labels at once, the storage line when it is measured again.
    pub fn set_language(self: &Rc<Self>, lang: &str) {
        *self.lang.borrow_mut() = lang.to_owned();
        let me = self.clone();
        spawn_local(async move { me.show_storage().await });
    }

    /// Asks the browser not to evict this origin's data, then shows usage and quota.
    async fn show_storage(&self) {
        let Some(manager) = web_sys::window().map(|w| w.navigator().storage()) else {
            return;
        };
        let persisted = match manager.persist() {
            Ok(p) => JsFuture::from(p)
                .await
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false),
            Err(_) => false,
        };
        let estimate: Option<StorageEstimate> = match manager.estimate() {
            Ok(p) => JsFuture::from(p).await.ok().map(JsCast::unchecked_into),
            Err(_) => None,
        };
        let (used, quota) = estimate.map_or((None, None), |e| (e.get_usage(), e.get_quota()));
        let storage = Storage {
            used,
            quota,
            persisted,
        };
        self.storage
            .set_text_content(Some(&storage.line(&self.lang.borrow())));
        let _ = self
            .storage
            .set_attribute("data-persisted", if persisted { "true" } else { "false" });
    }

    /// The local learners of this shared device: continue as one of them, or start a new one. Names are
    /// nicknames kept on this device only; statements identify learners by their random id.
    async fn show_profiles(&self, parent: &Element) {
        let (profiles, changed) =
            profiles::with_current(self.profiles().await, &self.learner_id, &self.lang());
        if changed {
            self.save_profiles(&profiles).await;
        }
        let listed = Learners::of(
            profiles.iter().map(|p| (p.id.as_str(), p.name.as_str())),
            &self.learner_id,
            &self.lang(),
        );
        dom::draw_into(parent, &view::learners(&listed, &self.lang()));
    }

    async fn profiles(&self) -> Vec<LocalProfile> {
        let stored = self.store.meta(PROFILES_KEY).await.ok().flatten();
        profiles::read(stored.as_deref())
    }

    async fn save_profiles(&self, profiles: &[LocalProfile]) {
        if let Ok(json) = serde_json::to_string(profiles) {
            let _ = self.store.set_meta(PROFILES_KEY, &json).await;
        }
    }

    /// The learner's record as backpack JSON (the JS API's `exportRecord`).
    pub async fn record_json(&self) -> Result<String, String> {
        let backpack = self.backpack().await?;
        serde_json::to_string(&backpack).map_err(|e| e.to_string())
    }

    async fn backpack(&self) -> Result<Backpack, String> {
        let actor = self.owner.holder.learner.actor.clone();
        (backpack::read(&self.store, &self.learner_id, actor, now_ms()).await)
            .map_err(|e| e.to_string())
    }

    /// The activities `ids` of this package, fetched, each with its package's id (one that cannot be
    /// fetched is left out).
    async fn activities(&self, ids: Vec<String>) -> Vec<(String, Activity)> {
        let mut out = Vec::new();
        let Ok(base) = super::document_base() else {
            return out;
        };
        for id in ids {
            let url = &self.owner.package_url;
            if let Ok(opened) = super::package_files::open(url, &base, Some(&id)).await {
                out.push((opened.manifest.id, opened.activity));
            }
        }
        out
    }
}

/// HMAC-SHA256 of `data` with `key` (its UTF-8 bytes), by the browser's `crypto.subtle`, as lowercase hex.
async fn hmac_sha256_hex(key: &str, data: &[u8]) -> Result<String, String> {
    let subtle = web_sys::window()
        .ok_or("no window")?
        .crypto()
        .map_err(describe)?
        .subtle();
    let algorithm = js_sys::Object::new();
    js_sys::Reflect::set(&algorithm, &"name".into(), &"HMAC".into()).map_err(describe)?;
    js_sys::Reflect::set(&algorithm, &"hash".into(), &"SHA-256".into()).map_err(describe)?;
    let usages = js_sys::Array::of1(&"sign".into());
    let key_bytes = js_sys::Uint8Array::from(key.as_bytes());
    let imported = subtle
        .import_key_with_object("raw", &key_bytes, &algorithm, false, &usages)
        .map_err(describe)?;
    let key: web_sys::CryptoKey = JsFuture::from(imported)
        .await
        .map_err(describe)?
        .unchecked_into();
    let signed = subtle
        .sign_with_str_and_u8_array("HMAC", &key, data)
        .map_err(describe)?;
    let mac = JsFuture::from(signed).await.map_err(describe)?;
    let bytes = js_sys::Uint8Array::new(&mac).to_vec();
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Offers `json` (a backpack file) as a download.
fn download(json: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(json));
    let options = BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).map_err(describe)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(describe)?;
    let anchor: HtmlAnchorElement = dom::el("a", "").unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(&file_name(now_ms()));
    anchor.click();
    let _ = Url::revoke_object_url(&url);
    Ok(())
}

fn reload_soon() {
    gloo::timers::callback::Timeout::new(800, || {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    })
    .forget();
}
