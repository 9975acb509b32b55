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
use crate::course::press::{self, DeviceMove, On, Pressed};
use crate::course::profiles::{self, LocalProfile, PROFILES_KEY};
use crate::package::{Activity, Manifest};
use crate::screen::device::{removal, Added, Learners, Removal, Said, Storage};
use crate::session::Learner;
use crate::store::backpack::{self, file_name, same_digest, sign, signed_parts, Backpack};
use crate::store::import::{activities_to_load, plan, Here, ImportError, Scope};
use crate::store::Store as _;
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
    pub learner: Learner,
    /// Named by an LMS or the operator (an import must be theirs), not a local profile of this device.
    pub identified: bool,
    pub manifest: Manifest,
    /// The activity open (others of the package are fetched when an import has attempts of them).
    pub activity: Activity,
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
        let learner_id = owner.learner.id.clone();
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
            match step {
                DeviceMove::Export => me.export().await,
                DeviceMove::Import => {
                    if let Some(input) = control.dyn_ref::<HtmlInputElement>() {
                        me.import(input).await;
                    }
                }
                DeviceMove::Remove { insist } => me.remove(insist).await,
                DeviceMove::SwitchTo(id) => me.switch_to(&id).await,
                DeviceMove::NewLearner(name) => me.new_learner(name).await,
            }
        });
    }

    /// Says `said` in the status line, with what it tells a host (`data-refused`), and reloads after it
    /// when the learner's records changed.
    fn say(&self, said: &Said) {
        self.message
            .set_text_content(Some(&said.text(&self.lang.borrow())));
        if let Some(refused) = said.refused() {
            self.message.attr("data-refused", &refused);
        }
        if said.reloads() {
            reload_soon();
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

    async fn switch_to(&self, id: &str) {
        match self.store.set_meta(LOCAL_LEARNER_KEY, id).await {
            Ok(()) => reload_soon(),
            Err(e) => self.say(&Said::SwitchFailed(e.to_string())),
        }
    }

    async fn new_learner(&self, name: String) {
        let id = uuid::Uuid::new_v4().to_string();
        let profiles = profiles::add(self.profiles().await, &id, &name, &self.lang());
        self.save_profiles(&profiles).await;
        self.switch_to(&id).await;
    }

    /// The learner's record as backpack JSON (the JS API's `exportRecord`).
    pub async fn record_json(&self) -> Result<String, String> {
        let backpack = self.backpack().await?;
        serde_json::to_string(&backpack).map_err(|e| e.to_string())
    }

    async fn backpack(&self) -> Result<Backpack, String> {
        let actor = self.owner.learner.actor.clone();
        (backpack::read(&self.store, &self.learner_id, actor, now_ms()).await)
            .map_err(|e| e.to_string())
    }

    /// The file to download: the backpack, signed when the operator gave a key.
    async fn export_text(&self) -> Result<String, String> {
        let backpack = self.backpack().await?;
        let text = serde_json::to_string_pretty(&backpack).map_err(|e| e.to_string())?;
        match &self.owner.record_key {
            Some(key) => {
                let mac = hmac_sha256_hex(key, text.as_bytes()).await?;
                sign(&text, &mac).ok_or_else(|| "the record could not be signed".to_owned())
            }
            None => Ok(text),
        }
    }

    async fn export(&self) {
        let text = self.export_text().await;
        match text.and_then(|t| download(&t)) {
            Ok(()) => {
                self.exported.set(true);
                self.say(&Said::Downloaded);
            }
            Err(e) => self.say(&Said::DownloadFailed(e)),
        }
    }

    async fn import(&self, input: &HtmlInputElement) {
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        let said = match JsFuture::from(file.text()).await {
            Ok(t) => self.import_text(&t.as_string().unwrap_or_default()).await,
            Err(e) => Said::FileUnreadable(describe(e)),
        };
        self.say(&said);
    }

    /// Checks and stores the backpack `text`, and what the panel says of it.
    async fn import_text(&self, text: &str) -> Said {
        // With the operator's key, a signed file must carry a signature made with it: an edit after the
        // export is refused whole. (An unsigned file is still checked record by record below.)
        if let (Some(key), Some((hex, signed))) = (&self.owner.record_key, signed_parts(text)) {
            match hmac_sha256_hex(key, signed.as_bytes()).await {
                Ok(mac) if same_digest(&mac, hex) => {}
                Ok(_) => return Said::SignatureBad,
                Err(e) => return Said::SignatureUnchecked(e),
            }
        }
        let backpack = match Backpack::parse(text) {
            Ok(b) => b,
            Err(e) => return Said::Unusable(e.to_string()),
        };
        let here = match self.here().await {
            Ok(h) => h,
            Err(e) => return Said::Unusable(e),
        };
        let activities = self.activities(&backpack).await;
        let mut learner = self.owner.learner.clone();
        learner.language = self.lang();
        let scope = Scope {
            learner: &learner,
            identified: self.owner.identified,
            manifest: &self.owner.manifest,
            activities: &activities,
            now: now_ms(),
        };
        let mut new_id = || uuid::Uuid::new_v4().to_string();
        let import = match plan(&backpack, &scope, &here, &mut new_id) {
            Ok(i) => i,
            Err(ImportError::OtherLearner(who)) => return Said::NotYours(who),
        };
        // Said once the records are stored (never before), so a host reading `data-refused` reads
        // the final message.
        match self.store.import(&import.merge).await {
            Ok(()) => Said::Added(Added::of(&import)),
            Err(e) => Said::AddFailed(e.to_string()),
        }
    }

    /// The activity open and every other activity of this package the file has records of (fetched; one
    /// that cannot be fetched is left out, and its records are refused as not in the package).
    async fn activities(&self, file: &Backpack) -> Vec<Activity> {
        let manifest = &self.owner.manifest;
        let mut out = vec![self.owner.activity.clone()];
        let wanted = activities_to_load(file, manifest, &self.owner.activity.id);
        let Ok(base) = super::document_base() else {
            return out;
        };
        for id in wanted {
            if let Ok(opened) =
                super::package_files::open(&self.owner.package_url, &base, Some(id)).await
            {
                if opened.manifest.id == manifest.id {
                    out.push(opened.activity);
                }
            }
        }
        out
    }

    /// What this device already holds for the learner, to check an import against.
    async fn here(&self) -> Result<Here, String> {
        Ok(Here::of(self.backpack().await?))
    }

    async fn remove(&self, insist: bool) {
        let pending = match self.store.outbox_counts(&self.learner_id).await {
            Ok((pending, _)) => pending,
            Err(e) => return self.say(&Said::NothingRemoved(e.to_string())),
        };
        if let Removal::Ask(said) = removal(pending, self.exported.get(), insist) {
            let _ = self.confirm.remove_attribute("hidden");
            return self.say(&said);
        }
        let keys: Vec<&str> = self.meta_keys.iter().map(String::as_str).collect();
        match self.store.remove_learner(&self.learner_id, &keys).await {
            Ok(()) => {
                super::resume::forget(&self.store.name()).await;
                let profiles = profiles::without(self.profiles().await, &self.learner_id);
                self.save_profiles(&profiles).await;
                self.say(&Said::Removed);
            }
            Err(e) => self.say(&Said::NothingRemoved(e.to_string())),
        }
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
