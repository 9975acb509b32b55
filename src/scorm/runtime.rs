//! The SCORM runtime of one launch as a sans-IO state: what the LMS said at launch (who the learner is,
//! the suspend data), the calls that report the learner's progress (every value, then a commit; and on
//! leaving, a terminate), nothing after a terminate, and the LMS errors seen, newest last, for the
//! footer's status line.
//!
//! Not here: finding the API object in the frames or calling it (`web::scorm` does, call by call, and
//! hands the LMS's answers back), or the status line's words (the shell words [`Status`]).

use super::{values, Element, Methods, Report, ResumeKey, Version};
use crate::session::Session;

/// What the LMS said at launch.
#[derive(Debug, Clone, PartialEq)]
pub struct Launch {
    pub learner_id: String,
    /// The resume key kept in suspend data, when there is a readable one.
    pub suspend: Option<ResumeKey>,
}

impl Launch {
    /// The launch from the values the LMS holds for the learner's id and the suspend data (empty or
    /// unreadable suspend data restores nothing).
    pub fn read(learner_id: String, suspend_data: &str) -> Launch {
        let suspend = Some(suspend_data)
            .filter(|s| !s.is_empty())
            .and_then(|s| ResumeKey::decode(s).ok());
        Launch {
            learner_id,
            suspend,
        }
    }
}

/// One call of the LMS's API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Call {
    /// Sets a data model element.
    Set {
        element: &'static str,
        value: String,
    },
    /// Commits what was set.
    Commit,
    /// Ends the LMS session.
    Terminate,
}

impl Call {
    /// The API method that makes this call.
    pub fn method(&self, m: Methods) -> &'static str {
        match self {
            Call::Set { .. } => m.set,
            Call::Commit => m.commit,
            Call::Terminate => m.terminate,
        }
    }

    /// The call's arguments.
    pub fn args(&self) -> Vec<&str> {
        match self {
            Call::Set { element, value } => vec![element, value],
            Call::Commit | Call::Terminate => vec![""],
        }
    }

    /// What an error after this call is about (the element, or the call's name).
    pub fn what(&self) -> &'static str {
        match self {
            Call::Set { element, .. } => element,
            Call::Commit => "commit",
            Call::Terminate => "terminate",
        }
    }
}

/// The LMS's last error as "error code: text", or None for no error (`""` or `"0"`); `text` asks the LMS
/// for the code's words, only when there is an error.
pub fn last_error(code: &str, text: impl FnOnce(&str) -> String) -> Option<String> {
    if code.is_empty() || code == "0" {
        return None;
    }
    Some(format!("error {code}: {}", text(code)))
}

/// The refusal of a session the LMS would not initialize (`answer` is what `Initialize` returned).
pub fn initialized(answer: &str, error: Option<String>) -> Result<(), String> {
    if answer == "true" {
        return Ok(());
    }
    Err(format!(
        "the LMS refused to start the session ({})",
        error.unwrap_or_else(|| "no error code".into())
    ))
}

/// What the status line says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status<'a> {
    /// Connected, and no error so far: the edition's name.
    Connected(&'static str),
    /// The newest LMS error.
    Problem(&'a str),
}

impl Status<'_> {
    /// The catalog message that says it, and its one argument (name and value).
    pub fn message(&self) -> (&'static str, (&'static str, &str)) {
        match *self {
            Status::Connected(edition) => ("scorm-connected", ("edition", edition)),
            Status::Problem(error) => ("scorm-problem", ("error", error)),
        }
    }
}

/// The runtime of one launch.
#[derive(Debug, Clone, PartialEq)]
pub struct Runtime {
    version: Version,
    started_ms: i64,
    terminated: bool,
    errors: Vec<String>,
}

impl Runtime {
    /// A session of `version` launched at `started_ms`.
    pub fn new(version: Version, started_ms: i64) -> Runtime {
        Runtime {
            version,
            started_ms,
            terminated: false,
            errors: Vec::new(),
        }
    }

    pub fn version(&self) -> Version {
        self.version
    }

    /// The elements read at launch: the learner's id and the suspend data.
    pub fn launch_elements(&self) -> (&'static str, &'static str) {
        (
            self.version.element(Element::LearnerId),
            self.version.element(Element::SuspendData),
        )
    }

    /// Milliseconds since the launch.
    pub fn session_ms(&self, now_ms: i64) -> u64 {
        u64::try_from(now_ms - self.started_ms).unwrap_or(0)
    }

    /// The calls that report `report`: every value, then a commit; none once the session was ended.
    pub fn report(&self, report: &Report) -> Vec<Call> {
        if self.terminated {
            return Vec::new();
        }
        let mut calls: Vec<Call> = values(self.version, report)
            .into_iter()
            .map(|(element, value)| Call::Set { element, value })
            .collect();
        calls.push(Call::Commit);
        calls
    }

    /// The calls that report `report` and end the session (on leaving the page); the session counts as
    /// ended from now on. None a second time.
    pub fn finish(&mut self, report: &Report) -> Vec<Call> {
        let mut calls = self.report(report);
        if !self.terminated {
            calls.push(Call::Terminate);
            self.terminated = true;
        }
        calls
    }

    /// Notes the LMS's error after a call about `what`; whether there was one (the status line changes).
    pub fn note(&mut self, what: &str, error: Option<String>) -> bool {
        match error {
            Some(e) => {
                self.errors.push(format!("{what}: {e}"));
                true
            }
            None => false,
        }
    }

    /// The LMS errors seen so far, oldest first.
    pub fn errors(&self) -> &[String] {
        &self.errors
    }

    /// What the status line says now.
    pub fn status(&self) -> Status<'_> {
        match self.errors.last() {
            None => Status::Connected(self.version.edition()),
            Some(e) => Status::Problem(e),
        }
    }
}

/// What to tell the LMS about `session` now, `session_ms` into the launch, in `version`.
pub fn report_for(session: &Session, version: Version, session_ms: u64) -> Report {
    let (score, finished) = session.score();
    let key = super::resume_key(session);
    let suspend = key.encode(version.suspend_limit()).unwrap_or_default();
    Report {
        finished,
        passed: finished && session.mastery().mastered,
        score,
        session_ms,
        location: key.p,
        suspend,
    }
}

#[cfg(test)]
mod tests;
