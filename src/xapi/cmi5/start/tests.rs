use super::*;
use serde_json::json;

const REG: &str = "0b8a3c1e-7f2d-4c5b-9a6e-1d2c3b4a5f60";

fn query(name: &str, fetch: &str) -> String {
    format!(
        "?endpoint=http%3A%2F%2Flms.example%2Fxapi&fetch=http%3A%2F%2Flms.example%2Ffetch%2F{fetch}\
         &actor=%7B%22objectType%22%3A%22Agent%22%2C%22account%22%3A%7B%22homePage%22%3A%22http%3A%2F%2Flms.example%22%2C%22name%22%3A%22{name}%22%7D%7D\
         &registration={REG}&activityId=https%3A%2F%2Fpacer.example%2Fau%2Ffractions"
    )
}

fn launch_data() -> String {
    json!({
        "contextTemplate": { "extensions": { super::super::EXT_SESSION_ID: "sess-1" } },
        "launchMode": "Normal",
        "moveOn": "Completed",
        "returnURL": "https://lms.example/return"
    })
    .to_string()
}

/// Plays a start to its end, answering each need from `answers` in turn; returns the needs seen (by
/// kind) and the outcome.
fn play(
    query: &str,
    mut answer: impl FnMut(&Need<'_>) -> Answer,
) -> (Vec<String>, Result<AuSession, String>) {
    let mut s = Starting::new(query).expect("a cmi5 launch");
    let mut seen = Vec::new();
    loop {
        let need = s.need();
        let kind = match &need {
            Need::ReadStored { .. } => "read",
            Need::Warn(_) => "warn",
            Need::FetchToken { .. } => "token",
            Need::LaunchData { .. } => "data",
            Need::Preferences { .. } => "prefs",
            Need::Save { .. } => "save",
            Need::Done | Need::Fail => break,
        };
        seen.push(kind.to_owned());
        let a = answer(&need);
        s.answer(a);
    }
    (seen, s.finish())
}

fn lms(stored: Option<String>) -> impl FnMut(&Need<'_>) -> Answer {
    move |need| match need {
        Need::ReadStored { key } => {
            assert_eq!(
                *key,
                format!("cmi5:{REG}:https://pacer.example/au/fractions")
            );
            Answer::Stored(Ok(stored.clone()))
        }
        Need::Warn(_) => Answer::Warned,
        Need::FetchToken { url } => {
            assert_eq!(*url, "http://lms.example/fetch/42");
            Answer::Token(Ok(r#"{"auth-token": "dG9r"}"#.into()))
        }
        Need::LaunchData { url, authorization } => {
            assert!(
                url.starts_with("http://lms.example/xapi/activities/state?stateId=LMS.LaunchData")
            );
            assert_eq!(authorization, "Basic dG9r", "the token just fetched");
            Answer::LaunchData(Ok(launch_data()))
        }
        Need::Preferences { url, authorization } => {
            assert!(url.contains("profileId=cmi5LearnerPreferences"));
            assert_eq!(authorization, "Basic dG9r");
            Answer::Preferences {
                text: Ok(r#"{"languagePreference": "es-MX,en"}"#.into()),
                now: 7_000,
            }
        }
        Need::Save { session } => {
            assert_eq!(session.auth_token, "dG9r", "stored before it is used");
            Answer::Saved(Ok(()))
        }
        Need::Done | Need::Fail => unreachable!(),
    }
}

#[test]
fn a_first_launch_fetches_the_token_reads_the_launch_and_stores_the_session() {
    let (seen, outcome) = play(&query("s-17", "42"), lms(None));
    assert_eq!(seen, ["read", "token", "data", "prefs", "save"]);
    let session = outcome.expect("started");
    assert_eq!(session.auth_token, "dG9r");
    assert_eq!(session.started_at, 7_000);
    assert_eq!(session.language_preference.as_deref(), Some("es-MX,en"));
    assert_eq!(
        session.data.return_url.as_deref(),
        Some("https://lms.example/return")
    );
    assert!(!session.passed_in_registration);
}

#[test]
fn a_reload_continues_the_stored_session_and_fetches_nothing() {
    let (_, first) = play(&query("s-17", "42"), lms(None));
    let stored = serde_json::to_string(&first.expect("started")).expect("json");
    let (seen, again) = play(&query("s-17", "42"), lms(Some(stored)));
    assert_eq!(seen, ["read"], "the one-time token is not fetched twice");
    assert_eq!(again.expect("continued").started_at, 7_000);
}

#[test]
fn a_new_launch_keeps_a_pass_of_the_same_learner_and_never_another_learners_session() {
    let (_, first) = play(&query("s-17", "42"), lms(None));
    let mut passed = first.expect("started");
    passed.passed_in_registration = true;
    let stored = serde_json::to_string(&passed).expect("json");
    // A new launch (another fetch URL) of the same learner: a fresh session that remembers the pass.
    let (seen, fresh) = play(&query("s-17", "43"), |need| match need {
        Need::FetchToken { .. } => Answer::Token(Ok(r#"{"auth-token": "dG9r"}"#.into())),
        other => lms(Some(stored.clone()))(other),
    });
    assert_eq!(seen, ["read", "token", "data", "prefs", "save"]);
    assert!(fresh.expect("started").passed_in_registration);
    // Another learner under the same registration: warned, and nothing of it used.
    let mut other = passed.clone();
    other.launch.actor.account.name = "s-99".into();
    let stored = serde_json::to_string(&other).expect("json");
    let (seen, theirs) = play(&query("s-17", "42"), lms(Some(stored)));
    assert_eq!(seen, ["read", "warn", "token", "data", "prefs", "save"]);
    let mine = theirs.expect("started");
    assert!(!mine.passed_in_registration);
    assert_eq!(mine.launch.actor.account.name, "s-17");
}

#[test]
fn a_refused_token_bad_launch_data_or_failed_save_stops_the_launch() {
    let (seen, refused) = play(&query("s-17", "42"), |need| match need {
        Need::FetchToken { .. } => {
            Answer::Token(Ok(r#"{"error-code": "1", "error-text": "used"}"#.into()))
        }
        other => lms(None)(other),
    });
    assert_eq!(seen, ["read", "token"]);
    assert_eq!(
        refused.expect_err("refused"),
        "the LMS refused the token request: error 1: used"
    );
    let (_, unreachable) = play(&query("s-17", "42"), |need| match need {
        Need::FetchToken { .. } => Answer::Token(Err("offline".into())),
        other => lms(None)(other),
    });
    assert_eq!(unreachable.expect_err("no token"), "offline");
    let (seen, bad) = play(&query("s-17", "42"), |need| match need {
        Need::LaunchData { .. } => Answer::LaunchData(Ok("{}".into())),
        other => lms(None)(other),
    });
    assert_eq!(seen, ["read", "token", "data"]);
    assert!(bad
        .expect_err("bad data")
        .starts_with("LMS.LaunchData is invalid"));
    let (_, unsaved) = play(&query("s-17", "42"), |need| match need {
        Need::Save { .. } => Answer::Saved(Err("quota".into())),
        other => lms(None)(other),
    });
    assert_eq!(unsaved.expect_err("not saved"), "quota");
    let (_, unread) = play(&query("s-17", "42"), |need| match need {
        Need::ReadStored { .. } => Answer::Stored(Err("blocked".into())),
        other => lms(None)(other),
    });
    assert_eq!(unread.expect_err("store"), "blocked");
}

#[test]
fn no_preference_is_no_obstacle_and_a_stray_answer_is_refused() {
    let (_, started) = play(&query("s-17", "42"), |need| match need {
        Need::Preferences { .. } => Answer::Preferences {
            text: Err("HTTP 404".into()),
            now: 1,
        },
        other => lms(None)(other),
    });
    assert_eq!(started.expect("started").language_preference, None);
    assert!(Starting::new("?lang=es").is_err(), "not a cmi5 launch");
    let mut s = Starting::new(&query("s-17", "42")).expect("a launch");
    s.answer(Answer::Token(Ok(r#"{"auth-token": "dG9r"}"#.into())));
    assert_eq!(s.need(), Need::Fail);
    let why = s.finish().expect_err("out of order");
    assert!(
        why.contains("got the token while it needed ReadStored"),
        "{why}"
    );
    assert!(!why.contains("dG9r"), "a token never shows in an error");
}
