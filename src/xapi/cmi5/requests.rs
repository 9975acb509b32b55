//! What a cmi5 launch asks of the LMS, without asking it: the token request's answer read into the
//! token or a refusal, the URLs of the `LMS.LaunchData` state and the learner's preferences profile
//! (query values encoded as `encodeURIComponent` does), the `Authorization` of the session's requests,
//! and the outbox rows of the session's statements.
//!
//! Not here: the requests themselves (the shell's `fetch`), or the session rules ([`super::AuSession`]).

use super::{Cmi5Error, Launch, LAUNCH_DATA_STATE_ID, LEARNER_PREFERENCES_PROFILE_ID};
use crate::json::{FromJson, Json, Members, Path, ReadError};
use crate::time::EpochMs;
use crate::xapi::{OutboxRow, Statement};

/// The xAPI version every request to the LMS's LRS names.
pub const XAPI_VERSION: &str = "1.0.3";

/// The fetch URL's answer (cmi5 8.2.3): a token, or an error code and text.
struct TokenAnswer {
    auth_token: Option<String>,
    error_code: Option<String>,
    error_text: Option<String>,
}

impl FromJson for TokenAnswer {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(TokenAnswer {
            auth_token: m.opt("auth-token")?,
            error_code: m.opt("error-code")?,
            error_text: m.opt("error-text")?,
        })
    }
}

/// The token in the fetch URL's answer `text`, or why the LMS gave none.
pub fn token_of(text: &str) -> Result<String, Cmi5Error> {
    let answer: TokenAnswer = crate::json::from_str(text)
        .map_err(|e| Cmi5Error::Fetch(format!("unexpected answer: {e}")))?;
    match answer.auth_token {
        Some(token) if !token.is_empty() => Ok(token),
        _ => Err(Cmi5Error::Fetch(format!(
            "error {}: {}",
            answer.error_code.unwrap_or_default(),
            answer.error_text.unwrap_or_default()
        ))),
    }
}

/// The `Authorization` header of the session's requests to the LMS's LRS.
pub fn authorization(token: &str) -> String {
    format!("Basic {token}")
}

/// The URL of the AU's `LMS.LaunchData` state document for this launch.
pub fn launch_data_url(launch: &Launch) -> Result<String, Cmi5Error> {
    Ok(format!(
        "{}activities/state?stateId={}&activityId={}&agent={}&registration={}",
        launch.endpoint,
        encode_component(LAUNCH_DATA_STATE_ID),
        encode_component(&launch.activity_id),
        encode_component(&agent(launch)?),
        encode_component(&launch.registration)
    ))
}

/// The URL of the learner's `cmi5LearnerPreferences` agent profile.
pub fn preferences_url(launch: &Launch) -> Result<String, Cmi5Error> {
    Ok(format!(
        "{}agents/profile?profileId={}&agent={}",
        launch.endpoint,
        encode_component(LEARNER_PREFERENCES_PROFILE_ID),
        encode_component(&agent(launch)?)
    ))
}

fn agent(launch: &Launch) -> Result<String, Cmi5Error> {
    serde_json::to_string(&launch.actor).map_err(|e| Cmi5Error::InvalidParameter {
        name: "actor",
        reason: e.to_string(),
    })
}

/// `text` encoded as a URL query value, as JavaScript's `encodeURIComponent` does: every byte of its
/// UTF-8 but letters, digits and `-_.!~*'()` as `%XX`.
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b & 0xf)]));
        }
    }
    out
}

/// The outbox rows of `statements`, queued at `now` for `learner_id` in the order given.
pub fn rows(statements: Vec<Statement>, learner_id: &str, now: EpochMs) -> Vec<OutboxRow> {
    statements
        .into_iter()
        .enumerate()
        .map(|(i, s)| OutboxRow::pending(s, learner_id, now, u32::try_from(i).unwrap_or(u32::MAX)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn launch() -> Launch {
        let query = "endpoint=https%3A%2F%2Flms.example%2Fxapi%2F&fetch=https%3A%2F%2Flms.example%2Ftoken%3Fk%3D1&actor=%7B%22objectType%22%3A%22Agent%22%2C%22account%22%3A%7B%22homePage%22%3A%22https%3A%2F%2Flms.example%22%2C%22name%22%3A%22ana%22%7D%7D&registration=760e3480-ba55-4991-94b0-01820dbd23a2&activityId=https%3A%2F%2Fexample.org%2Fau%2Fone";
        Launch::from_query(query).expect("a launch")
    }

    #[test]
    fn the_token_is_taken_or_the_lms_refusal_named() {
        assert_eq!(token_of(r#"{"auth-token": "dG9r"}"#), Ok("dG9r".into()));
        let refused = token_of(r#"{"error-code": "2", "error-text": "already used"}"#);
        assert_eq!(
            refused.expect_err("refused").to_string(),
            "the LMS refused the token request: error 2: already used"
        );
        assert!(
            token_of(r#"{"auth-token": ""}"#).is_err(),
            "an empty token is none"
        );
        let junk = token_of("<html>").expect_err("not JSON");
        assert!(
            junk.to_string()
                .starts_with("the LMS refused the token request: unexpected answer:"),
            "{junk}"
        );
        assert_eq!(authorization("dG9r"), "Basic dG9r");
    }

    #[test]
    fn values_are_encoded_as_encode_uri_component_does() {
        assert_eq!(encode_component("aZ09-_.!~*'()"), "aZ09-_.!~*'()");
        assert_eq!(
            encode_component("https://x.org/a b?c=d&e#f"),
            "https%3A%2F%2Fx.org%2Fa%20b%3Fc%3Dd%26e%23f"
        );
        assert_eq!(encode_component("{\"é\":1}"), "%7B%22%C3%A9%22%3A1%7D");
        assert_eq!(encode_component("a+b/c"), "a%2Bb%2Fc");
    }

    #[test]
    fn the_launch_data_and_preferences_urls_name_this_launch() {
        let l = launch();
        let agent = encode_component(&serde_json::to_string(&l.actor).expect("json"));
        assert_eq!(
            launch_data_url(&l).expect("url"),
            format!(
                "https://lms.example/xapi/activities/state?stateId=LMS.LaunchData\
                 &activityId=https%3A%2F%2Fexample.org%2Fau%2Fone&agent={agent}\
                 &registration=760e3480-ba55-4991-94b0-01820dbd23a2"
            )
        );
        assert_eq!(
            preferences_url(&l).expect("url"),
            format!(
                "https://lms.example/xapi/agents/profile?profileId=cmi5LearnerPreferences&agent={agent}"
            )
        );
        assert!(agent.contains("%22name%22%3A%22ana%22"), "{agent}");
    }

    #[test]
    fn rows_keep_the_statements_order_for_the_learner() {
        let s = |id: &str| Statement {
            id: id.into(),
            json: format!("{{\"id\":\"{id}\"}}"),
        };
        let rows = rows(vec![s("b"), s("a")], "l1", 77);
        let seen: Vec<_> = rows
            .iter()
            .map(|r| {
                (
                    r.id.as_str(),
                    r.order,
                    r.queued_at,
                    r.learner_id.as_str(),
                    r.is_pending(),
                )
            })
            .collect();
        assert_eq!(seen, [("b", 0, 77, "l1", true), ("a", 1, 77, "l1", true)]);
    }
}
