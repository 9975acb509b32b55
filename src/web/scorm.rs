//! The SCORM runtime adapter: finds the LMS's API object the standard way (up the parent frames, then the
//! opener's), initializes, restores the learner's place from suspend data when this device has no record
//! of it, reports completion, success, score, session time and location after each answer and on
//! `pagehide`, and terminates on `pagehide`. An LMS error never stops the player: the work stays in
//! IndexedDB (and goes to the LRS when one is configured) and the footer says what happened.

use super::dom;
use crate::i18n::tf;
use crate::scorm::{values, Element as Cmi, Report, ResumeKey, Version};
use crate::session::Session;
use crate::web::dom::Build;
use js_sys::{Array, Function, Object, Reflect};
use std::cell::{Cell, RefCell};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Window};

/// How many frames up the search goes (the ADL algorithm uses 7; some LMSs nest deeper).
const MAX_DEPTH: usize = 10;

/// A live connection to the LMS.
pub struct ScormLink {
    api: Object,
    version: Version,
    started_ms: i64,
    terminated: Cell<bool>,
    status: RefCell<Option<Element>>,
    /// The language of the status line.
    lang: RefCell<String>,
    /// LMS errors seen, newest last (shown in the footer).
    errors: RefCell<Vec<String>>,
}

/// What the LMS said at launch.
pub struct Launch {
    pub learner_id: String,
    pub suspend: Option<ResumeKey>,
}

/// Looks for the API of `wanted` (then of the other edition) in the parent frames, then the opener's.
pub fn find(wanted: Version) -> Option<(Object, Version)> {
    let window = web_sys::window()?;
    let mut candidates: Vec<Window> = Vec::new();
    collect_parents(&window, &mut candidates);
    if let Ok(opener) = window.opener() {
        // Another window's realm: check the type, not the class.
        if opener.is_object() {
            let opener: Window = opener.unchecked_into();
            candidates.push(opener.clone());
            collect_parents(&opener, &mut candidates);
        }
    }
    let other = match wanted {
        Version::Scorm12 => Version::Scorm2004,
        Version::Scorm2004 => Version::Scorm12,
    };
    for version in [wanted, other] {
        for w in &candidates {
            // A cross-origin frame throws on access: skip it.
            if let Ok(api) = Reflect::get(w, &JsValue::from_str(version.api_name())) {
                // The API lives in another window's realm, where `instanceof Object` is false: check the
                // type, not the class.
                if api.is_object() {
                    return Some((api.unchecked_into::<Object>(), version));
                }
            }
        }
    }
    None
}

fn collect_parents(start: &Window, out: &mut Vec<Window>) {
    let mut w = start.clone();
    for _ in 0..MAX_DEPTH {
        let Ok(Some(parent)) = w.parent() else { return };
        if parent == w {
            return;
        }
        out.push(parent.clone());
        w = parent;
    }
}

impl ScormLink {
    /// Initializes the session with the LMS and reads who the learner is and where they were.
    pub fn start(
        api: Object,
        version: Version,
        now_ms: i64,
    ) -> Result<(ScormLink, Launch), String> {
        let link = ScormLink {
            api,
            version,
            started_ms: now_ms,
            terminated: Cell::new(false),
            status: RefCell::new(None),
            lang: RefCell::new(String::new()),
            errors: RefCell::new(Vec::new()),
        };
        let m = version.methods();
        if link.call(m.initialize, &[""]) != "true" {
            return Err(format!(
                "the LMS refused to start the session ({})",
                link.last_error().unwrap_or_else(|| "no error code".into())
            ));
        }
        let learner_id = link.get(version.element(Cmi::LearnerId));
        let suspend = Some(link.get(version.element(Cmi::SuspendData)))
            .filter(|s| !s.is_empty())
            .and_then(|s| ResumeKey::decode(&s).ok());
        Ok((
            link,
            Launch {
                learner_id,
                suspend,
            },
        ))
    }

    pub fn version(&self) -> Version {
        self.version
    }

    /// Shows the connection's state in `footer`, in `lang`.
    pub fn install(&self, footer: &Element, lang: &str) {
        *self.lang.borrow_mut() = lang.to_owned();
        let status = dom::el("p", "scorm-status");
        status.attr("role", "status");
        footer.add(&status);
        *self.status.borrow_mut() = Some(status);
        self.show();
    }

    /// Shows the status line in `lang` from now on.
    pub fn set_language(&self, lang: &str) {
        *self.lang.borrow_mut() = lang.to_owned();
        self.show();
    }

    fn show(&self) {
        let edition = match self.version {
            Version::Scorm12 => "SCORM 1.2",
            Version::Scorm2004 => "SCORM 2004",
        };
        let lang = self.lang.borrow();
        let text = match self.errors.borrow().last() {
            None => tf(&lang, "scorm-connected", &[("edition", edition)]),
            Some(e) => tf(&lang, "scorm-problem", &[("error", e)]),
        };
        if let Some(s) = self.status.borrow().as_ref() {
            s.set_text_content(Some(&text));
            let _ = s.set_attribute("data-errors", &self.errors.borrow().len().to_string());
        }
    }

    /// Calls `method` with `args`; the LMS's answer as a string ("" when it has none or throws).
    fn call(&self, method: &str, args: &[&str]) -> String {
        let Ok(f) = Reflect::get(&self.api, &JsValue::from_str(method)) else {
            return String::new();
        };
        if !f.is_function() {
            return String::new();
        }
        let f: Function = f.unchecked_into();
        let args: Array = args.iter().map(|a| JsValue::from_str(a)).collect();
        match f.apply(&self.api, &args) {
            Ok(v) => v
                .as_string()
                .or_else(|| v.as_bool().map(|b| b.to_string()))
                .unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// The last error, as "code: text", if there is one.
    fn last_error(&self) -> Option<String> {
        let m = self.version.methods();
        let code = self.call(m.last_error, &[]);
        if code.is_empty() || code == "0" {
            return None;
        }
        let text = self.call(m.error_string, &[&code]);
        Some(format!("error {code}: {text}"))
    }

    fn note_error(&self, what: &str) {
        if let Some(e) = self.last_error() {
            self.errors.borrow_mut().push(format!("{what}: {e}"));
            self.show();
        }
    }

    fn get(&self, element: &str) -> String {
        let value = self.call(self.version.methods().get, &[element]);
        // Reading an element the LMS has no value for yet is not a failure worth showing.
        let _ = self.last_error();
        value
    }

    /// Sets every value of `report` and commits.
    pub fn report(&self, report: &Report) {
        if self.terminated.get() {
            return;
        }
        let m = self.version.methods();
        for (element, value) in values(self.version, report) {
            self.call(m.set, &[element, &value]);
            self.note_error(element);
        }
        self.call(m.commit, &[""]);
        self.note_error("commit");
    }

    /// Reports, commits and ends the session (on `pagehide`).
    pub fn finish(&self, report: &Report) {
        if self.terminated.get() {
            return;
        }
        self.report(report);
        self.call(self.version.methods().terminate, &[""]);
        self.note_error("terminate");
        self.terminated.set(true);
    }

    /// Milliseconds since the launch.
    pub fn session_ms(&self, now_ms: i64) -> u64 {
        u64::try_from(now_ms - self.started_ms).unwrap_or(0)
    }

    /// The LMS errors seen so far.
    pub fn errors(&self) -> Vec<String> {
        self.errors.borrow().clone()
    }
}

/// What to tell the LMS about `session` now.
pub fn report_for(session: &Session, link: &ScormLink, now_ms: i64) -> Report {
    let (score, finished) = session.score();
    let key = crate::scorm::resume_key(session);
    let suspend = key
        .encode(link.version().suspend_limit())
        .unwrap_or_default();
    Report {
        finished,
        passed: finished && session.mastery().mastered,
        score,
        session_ms: link.session_ms(now_ms),
        location: key.p,
        suspend,
    }
}
