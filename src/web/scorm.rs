//! The SCORM runtime adapter: finds the LMS's API object the standard way (up the parent frames, then the
//! opener's) and makes the calls [`crate::scorm::runtime`] decides: initialize and read the learner and
//! the suspend data at launch, report after each answer and on `pagehide`, terminate on `pagehide`. An
//! LMS error never stops the player: the work stays in IndexedDB (and goes to the LRS when one is
//! configured) and the footer says what happened.

use super::dom;
use crate::i18n::tf;
pub use crate::scorm::runtime::Launch;
use crate::scorm::runtime::{self, Call, Runtime};
use crate::scorm::{Report, Version};
use crate::session::Session;
use crate::web::dom::Build;
use js_sys::{Array, Function, Object, Reflect};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Window};

/// How many frames up the search goes (the ADL algorithm uses 7; some LMSs nest deeper).
const MAX_DEPTH: usize = 10;

/// A live connection to the LMS.
pub struct ScormLink {
    api: Object,
    runtime: RefCell<Runtime>,
    status: RefCell<Option<Element>>,
    /// The language of the status line.
    lang: RefCell<String>,
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
    for version in wanted.search_order() {
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
            runtime: RefCell::new(Runtime::new(version, now_ms)),
            status: RefCell::new(None),
            lang: RefCell::new(String::new()),
        };
        let answer = link.call(version.methods().initialize, &[""]);
        runtime::initialized(&answer, link.last_error())?;
        let (learner_id, suspend) = link.runtime.borrow().launch_elements();
        let launch = Launch::read(link.get(learner_id), &link.get(suspend));
        Ok((link, launch))
    }

    pub fn version(&self) -> Version {
        self.runtime.borrow().version()
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
        let lang = self.lang.borrow();
        let runtime = self.runtime.borrow();
        let status = runtime.status();
        let (key, argument) = status.message();
        let text = tf(&lang, key, &[argument]);
        if let Some(s) = self.status.borrow().as_ref() {
            s.set_text_content(Some(&text));
            let _ = s.set_attribute("data-errors", &runtime.errors().len().to_string());
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

    /// The last error, as "error code: text", if there is one.
    fn last_error(&self) -> Option<String> {
        let m = self.version().methods();
        let code = self.call(m.last_error, &[]);
        runtime::last_error(&code, |code| self.call(m.error_string, &[code]))
    }

    fn get(&self, element: &str) -> String {
        let value = self.call(self.version().methods().get, &[element]);
        // Reading an element the LMS has no value for yet is not a failure worth showing.
        let _ = self.last_error();
        value
    }

    /// Makes `calls`, noting the LMS's error after each.
    fn perform(&self, calls: Vec<Call>) {
        let m = self.version().methods();
        for call in calls {
            self.call(call.method(m), &call.args());
            let error = self.last_error();
            if self.runtime.borrow_mut().note(call.what(), error) {
                self.show();
            }
        }
    }

    /// Sets every value of `report` and commits.
    pub fn report(&self, report: &Report) {
        let calls = self.runtime.borrow().report(report);
        self.perform(calls);
    }

    /// Reports, commits and ends the session (on `pagehide`).
    pub fn finish(&self, report: &Report) {
        let calls = self.runtime.borrow_mut().finish(report);
        self.perform(calls);
    }

    /// The LMS errors seen so far.
    pub fn errors(&self) -> Vec<String> {
        self.runtime.borrow().errors().to_vec()
    }
}

/// What to tell the LMS about `session` now (see [`runtime::report_for`]).
pub fn report_for(session: &Session, link: &ScormLink, now_ms: i64) -> Report {
    let runtime = link.runtime.borrow();
    runtime::report_for(session, runtime.version(), runtime.session_ms(now_ms))
}
