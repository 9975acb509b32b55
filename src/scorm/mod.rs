//! SCORM, for the LMSs schools already have: the data model values the player reports (completion,
//! success, score, session time, location, suspend data) for SCORM 1.2 and 2004 4th edition, the compact
//! resume key kept in suspend data, and the `imsmanifest.xml` of a packed course.
//!
//! Pure: [`runtime`] keeps the launch's state and says which calls report progress; the web shell
//! (`web::scorm`) finds the LMS's API object and makes the calls; the CLI
//! (`pacer pack --scorm12|--scorm2004`) writes the zip.

mod manifest;
mod resume;
pub mod runtime;

pub use manifest::{identifier, imsmanifest, ManifestError};
pub use resume::{restore, resume_key, RestoreRefused, Restored};

use crate::json::read::array;
use crate::json::{FromJson, Json, Members, Path, ReadError};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The SCORM edition the LMS speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Version {
    /// SCORM 1.2: the `API` object, `LMSInitialize`, `cmi.core.*`.
    #[serde(rename = "1.2")]
    Scorm12,
    /// SCORM 2004 4th edition: the `API_1484_11` object, `Initialize`, `cmi.*`.
    #[serde(rename = "2004")]
    Scorm2004,
}

impl Version {
    /// The edition's name, as the status line says it.
    pub fn edition(self) -> &'static str {
        match self {
            Version::Scorm12 => "SCORM 1.2",
            Version::Scorm2004 => "SCORM 2004",
        }
    }

    /// The name of the API object the LMS puts on a window.
    pub fn api_name(self) -> &'static str {
        match self {
            Version::Scorm12 => "API",
            Version::Scorm2004 => "API_1484_11",
        }
    }

    /// The editions whose API object is looked for, in order: this one, then the other (an LMS may
    /// offer only the edition the package was not packed for).
    pub fn search_order(self) -> [Version; 2] {
        match self {
            Version::Scorm12 => [Version::Scorm12, Version::Scorm2004],
            Version::Scorm2004 => [Version::Scorm2004, Version::Scorm12],
        }
    }

    /// The most characters `cmi.suspend_data` may hold.
    pub fn suspend_limit(self) -> usize {
        match self {
            Version::Scorm12 => 4_096,
            Version::Scorm2004 => 64_000,
        }
    }

    /// The method names for initialize, terminate, get, set, commit, last error, error string.
    pub fn methods(self) -> Methods {
        match self {
            Version::Scorm12 => Methods {
                initialize: "LMSInitialize",
                terminate: "LMSFinish",
                get: "LMSGetValue",
                set: "LMSSetValue",
                commit: "LMSCommit",
                last_error: "LMSGetLastError",
                error_string: "LMSGetErrorString",
            },
            Version::Scorm2004 => Methods {
                initialize: "Initialize",
                terminate: "Terminate",
                get: "GetValue",
                set: "SetValue",
                commit: "Commit",
                last_error: "GetLastError",
                error_string: "GetErrorString",
            },
        }
    }

    /// The data model element holding `what`.
    pub fn element(self, what: Element) -> &'static str {
        use Element::*;
        match (self, what) {
            (Version::Scorm12, LearnerId) => "cmi.core.student_id",
            (Version::Scorm2004, LearnerId) => "cmi.learner_id",
            (Version::Scorm12, Location) => "cmi.core.lesson_location",
            (Version::Scorm2004, Location) => "cmi.location",
            (_, SuspendData) => "cmi.suspend_data",
            (Version::Scorm12, Entry) => "cmi.core.entry",
            (Version::Scorm2004, Entry) => "cmi.entry",
        }
    }
}

/// The API methods of one SCORM edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Methods {
    pub initialize: &'static str,
    pub terminate: &'static str,
    pub get: &'static str,
    pub set: &'static str,
    pub commit: &'static str,
    pub last_error: &'static str,
    pub error_string: &'static str,
}

/// Data model elements the player reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Element {
    LearnerId,
    Location,
    SuspendData,
    Entry,
}

/// What the player knows about the learner's progress, to report.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Every item of the activity was answered.
    pub finished: bool,
    /// The activity's mastery rule is met (only reported once finished).
    pub passed: bool,
    /// Share of items right at the first try, in [0, 1].
    pub score: f64,
    /// Time in this launch.
    pub session_ms: u64,
    /// The learner's place (the current item or page id).
    pub location: String,
    /// The resume key.
    pub suspend: String,
}

/// The `(element, value)` pairs that report `r`, in the order to set them.
pub fn values(version: Version, r: &Report) -> Vec<(&'static str, String)> {
    let raw = format!("{}", (r.score * 100.0).round());
    match version {
        Version::Scorm12 => {
            let status = match (r.finished, r.passed) {
                (false, _) => "incomplete",
                (true, true) => "passed",
                (true, false) => "failed",
            };
            vec![
                ("cmi.core.lesson_status", status.to_owned()),
                ("cmi.core.score.min", "0".to_owned()),
                ("cmi.core.score.max", "100".to_owned()),
                ("cmi.core.score.raw", raw),
                ("cmi.core.session_time", scorm12_time(r.session_ms)),
                ("cmi.core.lesson_location", truncate(&r.location, 255)),
                ("cmi.suspend_data", r.suspend.clone()),
                ("cmi.core.exit", "suspend".to_owned()),
            ]
        }
        Version::Scorm2004 => {
            let completion = if r.finished {
                "completed"
            } else {
                "incomplete"
            };
            let success = match (r.finished, r.passed) {
                (false, _) => "unknown",
                (true, true) => "passed",
                (true, false) => "failed",
            };
            vec![
                ("cmi.completion_status", completion.to_owned()),
                ("cmi.success_status", success.to_owned()),
                ("cmi.score.min", "0".to_owned()),
                ("cmi.score.max", "100".to_owned()),
                ("cmi.score.raw", raw),
                (
                    "cmi.score.scaled",
                    format!("{:.4}", r.score.clamp(0.0, 1.0)),
                ),
                ("cmi.session_time", iso_duration(r.session_ms)),
                ("cmi.location", truncate(&r.location, 1000)),
                ("cmi.suspend_data", r.suspend.clone()),
                ("cmi.exit", "suspend".to_owned()),
            ]
        }
    }
}

fn truncate(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

/// SCORM 1.2 `CMITimespan`: `HHHH:MM:SS.SS`.
pub fn scorm12_time(ms: u64) -> String {
    let cs = ms / 10;
    let (h, rest) = (cs / 360_000, cs % 360_000);
    let (m, rest) = (rest / 6_000, rest % 6_000);
    format!(
        "{:04}:{:02}:{:02}.{:02}",
        h.min(9999),
        m,
        rest / 100,
        rest % 100
    )
}

/// SCORM 2004 `timeinterval`: an ISO 8601 duration such as `PT1H2M3.45S`.
pub fn iso_duration(ms: u64) -> String {
    let cs = ms / 10;
    let (h, rest) = (cs / 360_000, cs % 360_000);
    let (m, rest) = (rest / 6_000, rest % 6_000);
    format!("PT{h}H{m}M{}.{:02}S", rest / 100, rest % 100)
}

/// The resume key kept in suspend data: the activity, the place, and the first-try outcome of each item
/// answered, so a launch on another device (where IndexedDB is empty) resumes at the same item with the
/// same score. The full record stays in IndexedDB and the LRS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResumeKey {
    /// Format version.
    pub v: u8,
    /// Activity id.
    pub a: String,
    /// The package id (absent in keys written before it was added): a key of another package sharing an
    /// activity id is not this learner's place here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub k: Option<String>,
    /// The current item or page id (empty when finished).
    pub p: String,
    /// Answered item ids with their first-try outcome (`1` right, `0` wrong), in answer order.
    pub r: Vec<(String, u8)>,
}

/// Suspend data that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SuspendError {
    #[error("the resume key does not fit in {limit} characters even without its history")]
    TooLong { limit: usize },
    #[error("the LMS's suspend data is not a Pacer resume key: {0}")]
    Unreadable(String),
}

impl ResumeKey {
    /// Encodes the key within `limit` characters, dropping the oldest history first if it must (the place
    /// is always kept).
    pub fn encode(&self, limit: usize) -> Result<String, SuspendError> {
        let mut key = self.clone();
        loop {
            let text =
                serde_json::to_string(&key).map_err(|e| SuspendError::Unreadable(e.to_string()))?;
            if text.chars().count() <= limit {
                return Ok(text);
            }
            if key.r.is_empty() {
                return Err(SuspendError::TooLong { limit });
            }
            let drop = key.r.len().div_ceil(8);
            key.r.drain(..drop);
        }
    }

    /// Decodes suspend data written by [`ResumeKey::encode`].
    pub fn decode(text: &str) -> Result<ResumeKey, SuspendError> {
        crate::json::from_str(text).map_err(|e| SuspendError::Unreadable(e.to_string()))
    }
}

impl FromJson for Version {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        Ok(
            match crate::json::read::one_of(json, &path, &["1.2", "2004"])? {
                0 => Version::Scorm12,
                _ => Version::Scorm2004,
            },
        )
    }
}

impl FromJson for ResumeKey {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(ResumeKey {
            v: m.req("v")?,
            a: m.req("a")?,
            k: m.opt("k")?,
            p: m.req("p")?,
            r: m.req::<Vec<Answered>>("r")?
                .into_iter()
                .map(|a| a.0)
                .collect(),
        })
    }
}

/// One `[item id, outcome]` of a resume key's history.
struct Answered((String, u8));

impl FromJson for Answered {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        match array(json, &path)? {
            [id, outcome] => Ok(Answered((
                String::from_json(id, path.index(0, id.at))?,
                u8::from_json(outcome, path.index(1, outcome.at))?,
            ))),
            _ => Err(ReadError::new(&path, "expected [item id, outcome]")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wanted_editions_api_is_looked_for_first_then_the_others() {
        use Version::{Scorm12, Scorm2004};
        assert_eq!(Scorm12.search_order(), [Scorm12, Scorm2004]);
        assert_eq!(Scorm2004.search_order(), [Scorm2004, Scorm12]);
    }

    fn report(finished: bool, passed: bool) -> Report {
        Report {
            finished,
            passed,
            score: 0.8,
            session_ms: 3_723_450,
            location: "item-3".into(),
            suspend: "{}".into(),
        }
    }

    #[test]
    fn scorm12_values() {
        let v = values(Version::Scorm12, &report(true, false));
        let get = |k: &str| v.iter().find(|(e, _)| *e == k).map(|(_, v)| v.clone());
        assert_eq!(get("cmi.core.lesson_status").as_deref(), Some("failed"));
        assert_eq!(get("cmi.core.score.raw").as_deref(), Some("80"));
        assert_eq!(
            get("cmi.core.session_time").as_deref(),
            Some("0001:02:03.45")
        );
        assert_eq!(get("cmi.core.exit").as_deref(), Some("suspend"));
        let v = values(Version::Scorm12, &report(false, true));
        assert_eq!(v[0].1, "incomplete", "never passed before it is finished");
    }

    #[test]
    fn scorm2004_values() {
        let v = values(Version::Scorm2004, &report(true, true));
        let get = |k: &str| v.iter().find(|(e, _)| *e == k).map(|(_, v)| v.clone());
        assert_eq!(get("cmi.completion_status").as_deref(), Some("completed"));
        assert_eq!(get("cmi.success_status").as_deref(), Some("passed"));
        assert_eq!(get("cmi.score.scaled").as_deref(), Some("0.8000"));
        assert_eq!(get("cmi.session_time").as_deref(), Some("PT1H2M3.45S"));
        let v = values(Version::Scorm2004, &report(false, false));
        assert_eq!(v[1].1, "unknown");
    }

    #[test]
    fn resume_keys_fit_the_limit_keeping_the_place() {
        let key = ResumeKey {
            v: 1,
            a: "practice".into(),
            k: Some("https://example.org/c".into()),
            p: "item-900".into(),
            r: (0..900)
                .map(|i| (format!("item-{i}"), (i % 2) as u8))
                .collect(),
        };
        let long = key.encode(64_000).expect("fits");
        assert_eq!(ResumeKey::decode(&long).expect("decodes"), key);
        let short = key.encode(4_096).expect("fits after dropping history");
        assert!(short.chars().count() <= 4_096);
        let back = ResumeKey::decode(&short).expect("decodes");
        assert_eq!(back.p, "item-900");
        assert_eq!(back.r.last(), key.r.last(), "the newest history is kept");
        assert!(matches!(
            ResumeKey {
                r: vec![],
                p: "x".repeat(5_000),
                ..key.clone()
            }
            .encode(4_096),
            Err(SuspendError::TooLong { .. })
        ));
        assert!(ResumeKey::decode("bookmark=3").is_err());
    }
}
