//! The start of a cmi5 launch as a sans-IO machine: the launch URL read, the session this device kept
//! for the registration looked up (a reload continues it and its token; another learner's is never
//! used, and said so), else the one-time token fetched, the `LMS.LaunchData` read, the learner's
//! language preference asked (none when the LMS keeps none or cannot say), and the new session stored
//! before it is used. [`Starting::need`] says which request or write comes next; the shell performs it
//! and hands the result to [`Starting::answer`].
//!
//! Not here: the requests or the store (`web::cmi5`), or what the session then sends ([`AuSession`]).

use super::requests::{authorization, launch_data_url, preferences_url, token_of};
use super::{language_preference, relaunch, session_key, AuSession, Launch, LaunchData, Relaunch};
use crate::time::EpochMs;

/// What the start needs next.
#[derive(Debug, PartialEq)]
pub enum Need<'a> {
    /// The stored session under this `meta` key, as JSON, if any.
    ReadStored { key: &'a str },
    /// A warning for the console (answered by [`Answer::Warned`]).
    Warn(&'static str),
    /// POST to the fetch URL; its answer's text.
    FetchToken { url: &'a str },
    /// GET the launch data document with this `Authorization`; its text.
    LaunchData { url: &'a str, authorization: String },
    /// GET the learner's preferences with this `Authorization`; its text (an error is no preference:
    /// the launch goes on in the configured or the browser's language).
    Preferences { url: &'a str, authorization: String },
    /// Store the new session under its key (one transaction).
    Save { session: &'a AuSession },
    /// The session is ready: [`Starting::finish`].
    Done,
    /// The launch cannot start: [`Starting::finish`] says why.
    Fail,
}

/// The result of what was needed.
#[derive(Debug)]
pub enum Answer {
    Stored(Result<Option<String>, String>),
    Warned,
    Token(Result<String, String>),
    LaunchData(Result<String, String>),
    /// The preferences' text and the time the session starts.
    Preferences {
        text: Result<String, String>,
        now: EpochMs,
    },
    Saved(Result<(), String>),
}

impl Answer {
    /// Which answer this is (never its content: a token is a secret).
    fn name(&self) -> &'static str {
        match self {
            Answer::Stored(_) => "the stored session",
            Answer::Warned => "a warning shown",
            Answer::Token(_) => "the token",
            Answer::LaunchData(_) => "the launch data",
            Answer::Preferences { .. } => "the preferences",
            Answer::Saved(_) => "the session saved",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    ReadStored,
    Warn,
    FetchToken,
    LaunchData,
    Preferences,
    Save,
    Over,
}

/// A cmi5 launch starting.
#[derive(Debug)]
pub struct Starting {
    launch: Launch,
    key: String,
    data_url: String,
    preferences_url: String,
    stage: Stage,
    passed_in_registration: bool,
    token: String,
    data: Option<LaunchData>,
    outcome: Option<Result<AuSession, String>>,
}

impl Starting {
    /// The start of the launch in the page's `query`; a query that is no cmi5 launch is refused.
    pub fn new(query: &str) -> Result<Starting, String> {
        let launch = Launch::from_query(query).map_err(|e| e.to_string())?;
        Ok(Starting {
            key: session_key(&launch),
            data_url: launch_data_url(&launch).map_err(|e| e.to_string())?,
            preferences_url: preferences_url(&launch).map_err(|e| e.to_string())?,
            launch,
            stage: Stage::ReadStored,
            passed_in_registration: false,
            token: String::new(),
            data: None,
            outcome: None,
        })
    }

    /// What comes next.
    pub fn need(&self) -> Need<'_> {
        let auth = || authorization(&self.token);
        match self.stage {
            Stage::ReadStored => Need::ReadStored { key: &self.key },
            Stage::Warn => Need::Warn(
                "the stored cmi5 session of this registration is another learner's: it is not used",
            ),
            Stage::FetchToken => Need::FetchToken {
                url: &self.launch.fetch,
            },
            Stage::LaunchData => Need::LaunchData {
                url: &self.data_url,
                authorization: auth(),
            },
            Stage::Preferences => Need::Preferences {
                url: &self.preferences_url,
                authorization: auth(),
            },
            Stage::Save => match &self.outcome {
                Some(Ok(session)) => Need::Save { session },
                _ => Need::Fail,
            },
            Stage::Over => match &self.outcome {
                Some(Ok(_)) => Need::Done,
                _ => Need::Fail,
            },
        }
    }

    /// Takes the result of what [`Starting::need`] asked for.
    pub fn answer(&mut self, answer: Answer) {
        match (self.stage, answer) {
            (Stage::ReadStored, Answer::Stored(read)) => match read {
                Err(e) => self.fail(e),
                Ok(json) => {
                    let stored: Option<AuSession> =
                        json.and_then(|json| crate::json::from_str(&json).ok());
                    match relaunch(stored.as_ref(), &self.launch) {
                        // The same launch, not over, for the same learner: a reload, keeping the
                        // session and its token.
                        Relaunch::Reload => match stored {
                            Some(session) => self.done(session),
                            None => self.stage = Stage::FetchToken,
                        },
                        Relaunch::Fresh {
                            passed_in_registration,
                        } => {
                            self.passed_in_registration = passed_in_registration;
                            self.stage = Stage::FetchToken;
                        }
                        Relaunch::OtherLearner => self.stage = Stage::Warn,
                    }
                }
            },
            (Stage::Warn, Answer::Warned) => self.stage = Stage::FetchToken,
            (Stage::FetchToken, Answer::Token(text)) => {
                match text.and_then(|text| token_of(&text).map_err(|e| e.to_string())) {
                    Ok(token) => {
                        self.token = token;
                        self.stage = Stage::LaunchData;
                    }
                    Err(e) => self.fail(e),
                }
            }
            (Stage::LaunchData, Answer::LaunchData(text)) => {
                match text.and_then(|text| LaunchData::parse(&text).map_err(|e| e.to_string())) {
                    Ok(data) => {
                        self.data = Some(data);
                        self.stage = Stage::Preferences;
                    }
                    Err(e) => self.fail(e),
                }
            }
            (Stage::Preferences, Answer::Preferences { text, now }) => {
                let Some(data) = self.data.take() else {
                    return self.fail("the launch data was not read".into());
                };
                let token = std::mem::take(&mut self.token);
                let mut session = AuSession::new(self.launch.clone(), data, token, now);
                session.passed_in_registration = self.passed_in_registration;
                session.language_preference = text.ok().and_then(|t| language_preference(&t));
                self.outcome = Some(Ok(session));
                self.stage = Stage::Save;
            }
            (Stage::Save, Answer::Saved(saved)) => match saved {
                Ok(()) => self.stage = Stage::Over,
                Err(e) => self.fail(e),
            },
            // An answer to something not asked: the shell's mistake, refused rather than guessed at.
            (stage, answer) => self.fail(format!(
                "the cmi5 start got {} while it needed {stage:?}",
                answer.name()
            )),
        }
    }

    /// The session once [`Need::Done`], or why the launch cannot start.
    pub fn finish(self) -> Result<AuSession, String> {
        self.outcome
            .unwrap_or_else(|| Err("the cmi5 launch has not started yet".into()))
    }

    fn done(&mut self, session: AuSession) {
        self.outcome = Some(Ok(session));
        self.stage = Stage::Over;
    }

    fn fail(&mut self, why: String) {
        self.outcome = Some(Err(why));
        self.stage = Stage::Over;
    }
}

#[cfg(test)]
mod tests;
