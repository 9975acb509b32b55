//! cmi5 in the page: turns a launch URL into a durable [`AuSession`] (token fetched once and kept in
//! IndexedDB, so a reload continues the same session), and queues the session's statements.

use super::dom;
use super::idb_store::IdbStore;
use super::net::request_text;
use super::player::now_ms;
use super::sync::Sync;
use crate::store::Store as _;
use crate::time::EpochMs;
use crate::web::dom::Build;
use crate::xapi::cmi5::requests;
use crate::xapi::cmi5::start::{Answer, Need, Starting};
use crate::xapi::cmi5::{session_key, AuProgress, AuSession, Launch, EXIT_POLLS, EXIT_POLL_MS};
use crate::xapi::{OutboxRow, Statement};
use gloo::events::EventListener;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use web_sys::Element;

/// Starts or resumes the AU session for the launch in `query`, performing what [`Starting`] needs.
pub async fn start(store: &IdbStore, query: &str) -> Result<AuSession, String> {
    let mut starting = Starting::new(query)?;
    loop {
        let answer = match starting.need() {
            Need::ReadStored { key } => {
                Answer::Stored(store.meta(key).await.map_err(|e| e.to_string()))
            }
            Need::Warn(warning) => {
                web_sys::console::warn_1(&warning.into());
                Answer::Warned
            }
            Need::FetchToken { url } => Answer::Token(request_text(url, "POST", None).await),
            Need::LaunchData { url, authorization } => {
                Answer::LaunchData(request_text(url, "GET", Some(&authorization)).await)
            }
            Need::Preferences { url, authorization } => Answer::Preferences {
                text: request_text(url, "GET", Some(&authorization)).await,
                now: now_ms(),
            },
            Need::Save { session } => Answer::Saved(save(store, session, &[]).await),
            Need::Done | Need::Fail => return starting.finish(),
        };
        starting.answer(answer);
    }
}

async fn save(store: &IdbStore, session: &AuSession, rows: &[OutboxRow]) -> Result<(), String> {
    let json = serde_json::to_string(session).map_err(|e| e.to_string())?;
    let key = session_key(&session.launch);
    store
        .queue(rows, &[(&key, &json)])
        .await
        .map_err(|e| e.to_string())
}

/// A running AU session in the page: reports progress and ends the session on Exit.
pub struct Au {
    session: RefCell<AuSession>,
    store: IdbStore,
    learner_id: String,
    sync: RefCell<Option<Rc<Sync>>>,
    exit_listener: RefCell<Option<EventListener>>,
}

impl Au {
    pub fn new(session: AuSession, store: IdbStore, learner_id: String) -> Rc<Self> {
        Rc::new(Au {
            session: RefCell::new(session),
            store,
            learner_id,
            sync: RefCell::new(None),
            exit_listener: RefCell::new(None),
        })
    }

    /// The LMS's launch parameters for this AU, if it gave any.
    pub fn launch_parameters(&self) -> Option<String> {
        self.session.borrow().data.launch_parameters.clone()
    }

    /// The launch this session came from.
    pub fn launch(&self) -> Launch {
        self.session.borrow().launch.clone()
    }

    /// Queues `initialized` if this session has not sent it yet.
    pub async fn initialize(&self) -> Result<(), String> {
        let now = now_ms();
        let statement = self.session.borrow_mut().initialized(&new_id(), now);
        self.persist(statement.into_iter().collect(), now).await
    }

    /// Hooks the flusher and adds the Exit button to `footer`.
    pub fn install(self: &Rc<Self>, sync: Rc<Sync>, footer: &Element, lang: &str) {
        *self.sync.borrow_mut() = Some(sync);
        let exit = dom::message("button", "exit", lang, "exit");
        exit.attr("type", "button");
        footer.add(&exit);
        let me = self.clone();
        let listener = EventListener::new(&exit, "click", move |_| {
            let me = me.clone();
            spawn_local(async move { me.exit().await });
        });
        *self.exit_listener.borrow_mut() = Some(listener);
    }

    /// Sends what the learner's progress calls for (completed, passed or failed), once each.
    pub async fn report(&self, score: f64, all_done: bool) {
        let now = now_ms();
        let statements =
            self.session
                .borrow_mut()
                .on_progress(AuProgress { all_done, score }, &mut new_id, now);
        if !statements.is_empty() && self.persist(statements, now).await.is_ok() {
            self.flush();
        }
    }

    /// Ends the session: `terminated`, a last flush, then back to the LMS.
    async fn exit(&self) {
        let now = now_ms();
        let statement = self.session.borrow_mut().terminated(&new_id(), now);
        if self
            .persist(statement.into_iter().collect(), now)
            .await
            .is_err()
        {
            return;
        }
        self.flush();
        // Give delivery a few seconds; anything left stays queued on the device for the next launch.
        for _ in 0..EXIT_POLLS {
            let pending = match self.store.outbox_counts(&self.learner_id).await {
                Ok((pending, _)) => pending,
                Err(_) => 0,
            };
            if pending == 0 {
                break;
            }
            gloo::timers::future::TimeoutFuture::new(EXIT_POLL_MS).await;
        }
        let return_url = self.session.borrow().data.return_url.clone();
        if let (Some(url), Some(window)) = (return_url, web_sys::window()) {
            let _ = window.location().assign(&url);
        }
    }

    fn flush(&self) {
        if let Some(sync) = self.sync.borrow().as_ref() {
            sync.request();
        }
    }

    /// Stores the session and queues `statements`, in one transaction.
    async fn persist(&self, statements: Vec<Statement>, now: EpochMs) -> Result<(), String> {
        let session = self.session.borrow().clone();
        let rows = requests::rows(statements, &self.learner_id, now);
        save(&self.store, &session, &rows).await
    }
}

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}
