//! Statement delivery in the page: performs what [`Flusher`] asks (reads of the outbox, POSTs, GETs of
//! conflicting statements, row writes, waits), one tab at a time (Web Locks), on every trigger that
//! matters to a Chromebook on flaky Wi-Fi: after each answer, when the network comes back, when a backoff
//! ends, and with a keepalive POST when the page is hidden or closed. It never polls while there is
//! nothing to send.

use super::events;
use super::idb_store::IdbStore;
use super::locks::run_exclusive;
use super::net::{get_statement, post_statements, post_statements_keepalive, LrsConfig};
use super::player::now_ms;
use crate::store::Store as _;
pub use crate::sync_line::SyncStatus;
use crate::xapi::flush::{self, LOCKED_RETRY_MS, READ_AHEAD};
use crate::xapi::round::{Event, Flusher, Need};
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use serde_json::json;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use web_sys::Element;

/// The outbox flusher of one learner in this tab.
pub struct Sync {
    store: IdbStore,
    lrs: Option<LrsConfig>,
    learner_id: String,
    /// The delivery's decisions, and the statements last read for the keepalive POST on `pagehide`
    /// (which cannot wait for IndexedDB).
    flusher: RefCell<Flusher>,
    rounds: RefCell<flush::Rounds>,
    timer: RefCell<Option<Timeout>>,
    indicator: Element,
    /// The language of the status line.
    lang: RefCell<String>,
    /// The status as last shown, to show again in another language.
    shown: RefCell<Option<SyncStatus>>,
    listeners: RefCell<Vec<EventListener>>,
}

impl Sync {
    /// A flusher writing its status into `indicator`; call [`Sync::install`] to hook it to the page.
    pub fn new(
        store: IdbStore,
        lrs: Option<LrsConfig>,
        learner_id: String,
        indicator: Element,
        lang: &str,
    ) -> Rc<Self> {
        let seed = (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64;
        Rc::new(Sync {
            store,
            lrs,
            flusher: RefCell::new(Flusher::new(&learner_id, seed)),
            learner_id,
            rounds: RefCell::default(),
            timer: RefCell::new(None),
            indicator,
            lang: RefCell::new(lang.to_owned()),
            shown: RefCell::new(None),
            listeners: RefCell::new(Vec::new()),
        })
    }

    /// Flushes now and whenever the network returns or the page is being left.
    pub fn install(self: &Rc<Self>) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let mut listeners = self.listeners.borrow_mut();
        let me = self.clone();
        listeners.push(EventListener::new(&window, "online", move |_| {
            me.flusher.borrow_mut().resume_backoff();
            me.request();
        }));
        let me = self.clone();
        listeners.push(EventListener::new(&window, "pagehide", move |_| {
            me.send_keepalive()
        }));
        if let Some(document) = window.document() {
            let me = self.clone();
            let doc = document.clone();
            listeners.push(EventListener::new(
                &document,
                "visibilitychange",
                move |_| {
                    if doc.visibility_state() == web_sys::VisibilityState::Hidden {
                        me.send_keepalive();
                    }
                },
            ));
        }
        drop(listeners);
        self.request();
    }

    /// Asks for a flush (after an answer was committed, say) and shows the new count at once: the
    /// indicator never lags behind what is stored. A flush already running goes round once more instead.
    pub fn request(self: &Rc<Self>) {
        match super::later::here() {
            Some(rest) => (rest.sync_request)(self),
            None => {
                // Delivery is in the later part: it starts once that has arrived (the count shows now).
                let me = self.clone();
                spawn_local(async move {
                    me.show_status().await;
                    if let Ok(rest) = super::later::load().await {
                        (rest.sync_request)(&me);
                    }
                });
            }
        }
    }

    /// [`Sync::request`], in the later part.
    pub(super) fn request_now(self: &Rc<Self>) {
        let me = self.clone();
        spawn_local(async move { me.show_status().await });
        if !self.rounds.borrow_mut().request() {
            return;
        }
        let me = self.clone();
        spawn_local(async move {
            loop {
                let worker = me.clone();
                let lock = flush::lock_name(&me.learner_id);
                let ran = run_exclusive(&lock, async move { worker.drain().await }).await;
                if !ran {
                    me.schedule(LOCKED_RETRY_MS);
                }
                if !me.rounds.borrow_mut().ended() {
                    break;
                }
            }
            me.show_status().await;
        });
    }

    /// Lifts a halt (after the operator fixed the configuration) and flushes.
    pub fn retry(self: &Rc<Self>) {
        self.flusher.borrow_mut().resume();
        self.request();
    }

    /// Sends until nothing is left to send now (a benchmark calls it directly; pages use [`Sync::request`]).
    pub async fn drain(self: Rc<Self>) {
        let Some(lrs) = self.lrs.clone() else { return };
        let mut event = Event::Start;
        loop {
            let need = self.flusher.borrow_mut().step(event, now_ms());
            event = match need {
                // Only the head of the queue: reading the whole outbox per batch made a long queue quadratic.
                Need::Read => match self.store.pending_of(&self.learner_id, READ_AHEAD).await {
                    Ok(rows) => Event::Read(rows),
                    Err(_) => return,
                },
                Need::Post(body) => Event::Posted(post_statements(&lrs, &body).await),
                Need::Stored(id) => Event::Stored(get_statement(&lrs, &id).await),
                Need::Settle {
                    updates,
                    stored,
                    at,
                } => {
                    if self.store.settle_rows(&updates, &stored, at).await.is_err() {
                        return;
                    }
                    for update in &updates {
                        // Bubbles from the sync line to the player's element and the host page.
                        events::emit(
                            &self.indicator,
                            "statement",
                            &json!({ "id": update.id(), "state": flush::state_name(update) }),
                        );
                    }
                    Event::Settled
                }
                Need::Wait(ms) => {
                    self.schedule(ms);
                    return;
                }
                Need::Done => return,
            };
        }
    }

    fn schedule(self: &Rc<Self>, after_ms: u32) {
        let me = self.clone();
        *self.timer.borrow_mut() = Some(Timeout::new(after_ms, move || me.request()));
    }

    fn send_keepalive(&self) {
        let Some(lrs) = &self.lrs else { return };
        if let Some(body) = self.flusher.borrow().keepalive() {
            post_statements_keepalive(lrs, &body);
        }
    }

    async fn show_status(&self) {
        let Ok((pending, set_aside)) = self.store.outbox_counts(&self.learner_id).await else {
            return;
        };
        if let Ok(rows) = self.store.pending_of(&self.learner_id, READ_AHEAD).await {
            self.flusher.borrow_mut().saw(rows);
        }
        let flusher = self.flusher.borrow();
        let status = SyncStatus {
            pending: pending as usize,
            set_aside: set_aside as usize,
            last_sync: flusher.last_sync(),
            halted: flusher.halt().cloned(),
            has_lrs: self.lrs.is_some(),
        };
        drop(flusher);
        render_status(&self.indicator, &status, &self.lang.borrow());
        *self.shown.borrow_mut() = Some(status);
    }

    /// Shows the status line in `lang` from now on.
    pub fn set_language(&self, lang: &str) {
        *self.lang.borrow_mut() = lang.to_owned();
        if let Some(status) = &*self.shown.borrow() {
            render_status(&self.indicator, status, lang);
        }
    }
}

fn render_status(indicator: &Element, s: &SyncStatus, lang: &str) {
    let time = s.last_sync.map(|at| {
        let locale = crate::sync_line::intl_locale(lang);
        String::from(js_sys::Date::new(&(at as f64).into()).to_locale_time_string(locale))
    });
    let text = s.line(lang, time.as_deref());
    indicator.set_text_content(Some(&text));
    let _ = indicator.set_attribute("data-pending", &s.pending.to_string());
    let _ = indicator.set_attribute("data-set-aside", &s.set_aside.to_string());
}
