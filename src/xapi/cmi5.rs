//! cmi5: Pacer as an Assignable Unit (AU). The launch parameters, the LMS's launch data, and the session
//! rules — `initialized` first, `terminated` last, `completed`/`passed`/`failed` at most once per session
//! and only in Normal mode, never `failed` after `passed` in a registration, the context template (with
//! the session id) under every statement.
//!
//! Pure: the shell fetches the token and the `LMS.LaunchData` document, stores [`AuSession`] durably (so
//! a reload keeps the session) and queues the statements this module builds.

use super::statement::{Actor, Statement};
use crate::json::read::one_of;
use crate::json::{self, FromJson, Json, Members, Path, ReadError};
use crate::time::{iso8601_duration, iso8601_utc, EpochMs};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use thiserror::Error;

/// How long Exit gives delivery before going back to the LMS: the pending count is read up to
/// [`EXIT_POLLS`] times, [`EXIT_POLL_MS`] apart, and Exit goes once it is zero (or cannot be read);
/// anything left stays queued on the device for the next launch.
pub const EXIT_POLLS: u32 = 25;
/// See [`EXIT_POLLS`].
pub const EXIT_POLL_MS: u32 = 200;

pub const EXT_SESSION_ID: &str = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
pub const EXT_MASTERY_SCORE: &str = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";
pub const CATEGORY_CMI5: &str = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
pub const CATEGORY_MOVE_ON: &str = "https://w3id.org/xapi/cmi5/context/categories/moveon";
pub const VERB_INITIALIZED: &str = "http://adlnet.gov/expapi/verbs/initialized";
pub const VERB_COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
pub const VERB_PASSED: &str = "http://adlnet.gov/expapi/verbs/passed";
pub const VERB_FAILED: &str = "http://adlnet.gov/expapi/verbs/failed";
pub const VERB_TERMINATED: &str = "http://adlnet.gov/expapi/verbs/terminated";
/// The State API document the LMS writes before launch.
pub const LAUNCH_DATA_STATE_ID: &str = "LMS.LaunchData";

/// A launch the AU cannot work with.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Cmi5Error {
    #[error("the cmi5 launch URL lacks the `{0}` parameter")]
    MissingParameter(&'static str),
    #[error("the cmi5 launch parameter `{name}` is invalid: {reason}")]
    InvalidParameter { name: &'static str, reason: String },
    #[error("LMS.LaunchData is invalid: {0}")]
    InvalidLaunchData(String),
    #[error("the LMS refused the token request: {0}")]
    Fetch(String),
}

/// The five launch parameters of a web cmi5 launch (cmi5 8.1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Launch {
    pub endpoint: String,
    pub fetch: String,
    pub actor: Actor,
    pub registration: String,
    pub activity_id: String,
}

/// The `meta` key under which the session of one registration and AU is kept on the device (one of
/// the keys that are the learner's own, removed with their records).
pub fn session_key(launch: &Launch) -> String {
    format!("cmi5:{}:{}", launch.registration, launch.activity_id)
}

impl Launch {
    /// True when a query string looks like a cmi5 launch (it has `endpoint` and `fetch`).
    pub fn is_cmi5_query(query: &str) -> bool {
        let pairs = query_pairs(query);
        pairs.iter().any(|(k, _)| k == "endpoint") && pairs.iter().any(|(k, _)| k == "fetch")
    }

    /// Reads the launch parameters from a URL query string (with or without the leading `?`).
    pub fn from_query(query: &str) -> Result<Self, Cmi5Error> {
        let pairs = query_pairs(query);
        let get = |name: &'static str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .filter(|v| !v.is_empty())
                .ok_or(Cmi5Error::MissingParameter(name))
        };
        let actor_json = get("actor")?;
        let actor: Actor =
            json::from_str(&actor_json).map_err(|e| Cmi5Error::InvalidParameter {
                name: "actor",
                reason: format!("{e} (an Agent with an account is required)"),
            })?;
        let registration = get("registration")?;
        if !is_uuid(&registration) {
            return Err(Cmi5Error::InvalidParameter {
                name: "registration",
                reason: format!("`{registration}` is not a UUID"),
            });
        }
        let endpoint = get("endpoint")?;
        Ok(Launch {
            endpoint: if endpoint.ends_with('/') {
                endpoint
            } else {
                format!("{endpoint}/")
            },
            fetch: get("fetch")?,
            actor,
            registration,
            activity_id: get("activityId")?,
        })
    }
}

/// How the LMS launched the AU.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LaunchMode {
    Normal,
    Browse,
    Review,
}

/// What the LMS counts as satisfying the AU.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MoveOn {
    Passed,
    Completed,
    CompletedAndPassed,
    CompletedOrPassed,
    NotApplicable,
}

/// The `LMS.LaunchData` State document (cmi5 10.0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LaunchData {
    pub context_template: Value,
    pub launch_mode: LaunchMode,
    #[serde(default)]
    pub launch_parameters: Option<String>,
    #[serde(default)]
    pub mastery_score: Option<f64>,
    pub move_on: MoveOn,
    #[serde(default, rename = "returnURL")]
    pub return_url: Option<String>,
    #[serde(default)]
    pub entitlement_key: Option<Value>,
}

impl LaunchData {
    /// Parses and checks the document: a context template object with the session id, a mastery score in [0, 1].
    pub fn parse(text: &str) -> Result<Self, Cmi5Error> {
        let data: LaunchData =
            json::from_str(text).map_err(|e| Cmi5Error::InvalidLaunchData(e.to_string()))?;
        if data.session_id().is_none() {
            return Err(Cmi5Error::InvalidLaunchData(format!(
                "contextTemplate.extensions lacks `{EXT_SESSION_ID}`"
            )));
        }
        if let Some(m) = data.mastery_score {
            if !(0.0..=1.0).contains(&m) {
                return Err(Cmi5Error::InvalidLaunchData(format!(
                    "masteryScore {m} is not in [0, 1]"
                )));
            }
        }
        Ok(data)
    }

    /// The session id the LMS put in the context template.
    pub fn session_id(&self) -> Option<&str> {
        self.context_template
            .get("extensions")?
            .get(EXT_SESSION_ID)?
            .as_str()
    }
}

/// What a cmi5 launch puts under every statement the AU sends: the registration and the LMS's context
/// template (which holds the session id).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LaunchContext {
    pub registration: String,
    pub template: Value,
}

impl LaunchContext {
    /// Merges the template into the statement's context (the template's values win, lists are joined)
    /// and sets the registration.
    pub fn apply(&self, statement: &mut Value) {
        let Some(object) = statement.as_object_mut() else {
            return;
        };
        let context = object.entry("context").or_insert_with(|| json!({}));
        merge_template(context, &self.template);
        if let Some(c) = context.as_object_mut() {
            c.insert("registration".into(), json!(self.registration));
        }
    }
}

/// How the learner did in this session, judged against the mastery score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Judgement {
    Passed,
    Failed,
}

/// One AU session, stored durably (IndexedDB) with its token so a reload continues the same session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuSession {
    pub launch: Launch,
    pub data: LaunchData,
    /// The one-time token from the fetch URL, sent as `Authorization: Basic <token>`.
    pub auth_token: String,
    pub started_at: EpochMs,
    pub initialized: bool,
    pub completed: bool,
    pub judged: Option<Judgement>,
    pub terminated: bool,
    /// A `passed` was recorded in this registration (by this or an earlier session): never `failed` after it.
    pub passed_in_registration: bool,
    /// The learner's `languagePreference` from the LMS's `cmi5LearnerPreferences` agent profile (a
    /// comma-separated list of language tags), when the LMS has one.
    #[serde(default)]
    pub language_preference: Option<String>,
}

/// The agent profile in which a cmi5 LMS keeps the learner's preferences.
pub const LEARNER_PREFERENCES_PROFILE_ID: &str = "cmi5LearnerPreferences";

/// The `languagePreference` of a `cmi5LearnerPreferences` document, if it has one.
pub fn language_preference(document: &str) -> Option<String> {
    let value: Value = json::from_str(document).ok()?;
    let list = value.get("languagePreference")?.as_str()?.trim();
    (!list.is_empty()).then(|| list.to_owned())
}

impl FromJson for Launch {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(Launch {
            endpoint: m.req("endpoint")?,
            fetch: m.req("fetch")?,
            actor: m.req("actor")?,
            registration: m.req("registration")?,
            activity_id: m.req("activityId")?,
        })
    }
}

impl FromJson for LaunchMode {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        const MODES: [LaunchMode; 3] = [LaunchMode::Normal, LaunchMode::Browse, LaunchMode::Review];
        Ok(MODES[one_of(json, &path, &["Normal", "Browse", "Review"])?])
    }
}

impl FromJson for MoveOn {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        const NAMES: [&str; 5] = [
            "Passed",
            "Completed",
            "CompletedAndPassed",
            "CompletedOrPassed",
            "NotApplicable",
        ];
        const RULES: [MoveOn; 5] = [
            MoveOn::Passed,
            MoveOn::Completed,
            MoveOn::CompletedAndPassed,
            MoveOn::CompletedOrPassed,
            MoveOn::NotApplicable,
        ];
        Ok(RULES[one_of(json, &path, &NAMES)?])
    }
}

/// The LMS's document: fields cmi5 adds later, or an LMS's own, are ignored.
impl FromJson for LaunchData {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(LaunchData {
            context_template: m.req("contextTemplate")?,
            launch_mode: m.req("launchMode")?,
            launch_parameters: m.opt("launchParameters")?,
            mastery_score: m.opt("masteryScore")?,
            move_on: m.req("moveOn")?,
            return_url: m.opt("returnURL")?,
            entitlement_key: m.opt("entitlementKey")?,
        })
    }
}

impl FromJson for Judgement {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        Ok(match one_of(json, &path, &["passed", "failed"])? {
            0 => Judgement::Passed,
            _ => Judgement::Failed,
        })
    }
}

/// As stored in IndexedDB by this player (see the round-trip test).
impl FromJson for AuSession {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(AuSession {
            launch: m.req("launch")?,
            data: m.req("data")?,
            auth_token: m.req("authToken")?,
            started_at: m.req("startedAt")?,
            initialized: m.req("initialized")?,
            completed: m.req("completed")?,
            judged: m.opt("judged")?,
            terminated: m.req("terminated")?,
            passed_in_registration: m.req("passedInRegistration")?,
            language_preference: m.opt("languagePreference")?,
        })
    }
}

/// Where the learner is when the AU decides what to report.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AuProgress {
    /// Every item of the AU was answered.
    pub all_done: bool,
    /// Share of items answered correctly, in [0, 1].
    pub score: f64,
}

/// What a launch does with the session this device stored under the same registration and AU.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relaunch {
    /// The same launch, not over, for the same learner: a reload; keep the stored session and its token.
    Reload,
    /// A new session; `passed_in_registration` carries over from the stored one only when it was the
    /// same learner's.
    Fresh { passed_in_registration: bool },
    /// The stored session was another learner's (a launch URL naming someone else under this
    /// registration): nothing of it is used, and the shell says so.
    OtherLearner,
}

/// Decides what `launch` takes from `stored`. A stored session is evidence of its own actor only.
pub fn relaunch(stored: Option<&AuSession>, launch: &Launch) -> Relaunch {
    match stored {
        None => Relaunch::Fresh {
            passed_in_registration: false,
        },
        Some(s) if s.launch.actor != launch.actor => Relaunch::OtherLearner,
        Some(s) if s.launch.fetch == launch.fetch && !s.terminated => Relaunch::Reload,
        Some(s) => Relaunch::Fresh {
            passed_in_registration: s.passed_in_registration,
        },
    }
}

impl AuSession {
    /// A new session from a launch, its launch data and the fetched token.
    pub fn new(launch: Launch, data: LaunchData, auth_token: String, now: EpochMs) -> Self {
        AuSession {
            launch,
            data,
            auth_token,
            started_at: now,
            initialized: false,
            completed: false,
            judged: None,
            terminated: false,
            passed_in_registration: false,
            language_preference: None,
        }
    }

    /// The `Authorization` header value for the LMS's LRS.
    pub fn authorization(&self) -> String {
        format!("Basic {}", self.auth_token)
    }

    /// The registration and context template every statement of this session carries.
    pub fn launch_context(&self) -> LaunchContext {
        LaunchContext {
            registration: self.launch.registration.clone(),
            template: self.data.context_template.clone(),
        }
    }

    /// Puts the launch's actor, registration and context template on `statement`.
    pub fn apply_context(&self, statement: &mut Value) {
        self.launch_context().apply(statement);
        if let Some(object) = statement.as_object_mut() {
            object.insert("actor".into(), json!(self.launch.actor));
        }
    }

    /// The `initialized` statement, once per session.
    pub fn initialized(&mut self, id: &str, now: EpochMs) -> Option<Statement> {
        if self.initialized || self.terminated {
            return None;
        }
        self.initialized = true;
        Some(self.defined(id, VERB_INITIALIZED, "initialized", None, false, now))
    }

    /// The statements `progress` calls for now: `completed` when every item is done, then `passed` or
    /// `failed` against the mastery score. Normal mode only; each at most once per session.
    pub fn on_progress(
        &mut self,
        progress: AuProgress,
        ids: &mut dyn FnMut() -> String,
        now: EpochMs,
    ) -> Vec<Statement> {
        let mut out = Vec::new();
        if self.data.launch_mode != LaunchMode::Normal
            || !self.initialized
            || self.terminated
            || !progress.all_done
        {
            return out;
        }
        let duration = self.duration_ms(now);
        if !self.completed {
            self.completed = true;
            let result = json!({ "completion": true, "duration": iso8601_duration(duration) });
            let move_on = matches!(
                self.data.move_on,
                MoveOn::Completed | MoveOn::CompletedAndPassed | MoveOn::CompletedOrPassed
            );
            out.push(self.defined(
                &ids(),
                VERB_COMPLETED,
                "completed",
                Some(result),
                move_on,
                now,
            ));
        }
        if self.judged.is_none() {
            let passed = self.data.mastery_score.is_none_or(|m| progress.score >= m);
            if passed || !self.passed_in_registration {
                let (verb, name, judgement) = if passed {
                    (VERB_PASSED, "passed", Judgement::Passed)
                } else {
                    (VERB_FAILED, "failed", Judgement::Failed)
                };
                self.judged = Some(judgement);
                self.passed_in_registration |= passed;
                let scaled = (progress.score.clamp(0.0, 1.0) * 10_000.0).round() / 10_000.0;
                let result = json!({
                    "success": passed,
                    "score": { "scaled": scaled },
                    "duration": iso8601_duration(duration),
                });
                let move_on = passed
                    && !matches!(self.data.move_on, MoveOn::Completed | MoveOn::NotApplicable);
                let id = ids();
                let mut body = self.defined_body(&id, verb, name, Some(result), move_on, now);
                if let Some(m) = self.data.mastery_score {
                    body["context"]["extensions"][EXT_MASTERY_SCORE] = json!(m);
                }
                out.push(Statement::new(&id, &body));
            }
        }
        out
    }

    /// The `terminated` statement, last of the session.
    pub fn terminated(&mut self, id: &str, now: EpochMs) -> Option<Statement> {
        if !self.initialized || self.terminated {
            return None;
        }
        self.terminated = true;
        let result = json!({ "duration": iso8601_duration(self.duration_ms(now)) });
        Some(self.defined(id, VERB_TERMINATED, "terminated", Some(result), false, now))
    }

    fn duration_ms(&self, now: EpochMs) -> u64 {
        u64::try_from(now.saturating_sub(self.started_at)).unwrap_or(0)
    }

    /// A cmi5 defined statement about the AU itself.
    fn defined(
        &self,
        id: &str,
        verb: &str,
        display: &str,
        result: Option<Value>,
        move_on: bool,
        now: EpochMs,
    ) -> Statement {
        Statement::new(
            id,
            &self.defined_body(id, verb, display, result, move_on, now),
        )
    }

    fn defined_body(
        &self,
        id: &str,
        verb: &str,
        display: &str,
        result: Option<Value>,
        move_on: bool,
        now: EpochMs,
    ) -> Value {
        let mut categories = vec![json!({ "objectType": "Activity", "id": CATEGORY_CMI5 })];
        if move_on {
            categories.push(json!({ "objectType": "Activity", "id": CATEGORY_MOVE_ON }));
        }
        let mut body = json!({
            "id": id,
            "verb": { "id": verb, "display": { "en-US": display } },
            "object": { "objectType": "Activity", "id": self.launch.activity_id },
            "context": { "contextActivities": { "category": categories } },
            "timestamp": iso8601_utc(now),
        });
        if let (Some(result), Some(o)) = (result, body.as_object_mut()) {
            o.insert("result".into(), result);
        }
        self.apply_context(&mut body);
        body
    }
}

/// Merges the template into `context`: template values win; arrays (contextActivities lists) are joined,
/// template entries first, without duplicates.
fn merge_template(context: &mut Value, template: &Value) {
    match (context, template) {
        (Value::Object(ours), Value::Object(theirs)) => {
            for (key, value) in theirs {
                match ours.get_mut(key) {
                    Some(existing) => merge_template(existing, value),
                    None => {
                        ours.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (Value::Array(ours), Value::Array(theirs)) => {
            let mut joined: Vec<Value> = theirs.clone();
            for v in ours.drain(..) {
                if !joined.contains(&v) {
                    joined.push(v);
                }
            }
            *ours = joined;
        }
        (ours, theirs) => *ours = theirs.clone(),
    }
}

pub(crate) fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (form_decode(k), form_decode(v))
        })
        .collect()
}

/// `application/x-www-form-urlencoded` decoding (`+` is a space); bad escapes are kept as written.
fn form_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

pub mod requests;
pub mod start;

#[cfg(test)]
mod tests;
