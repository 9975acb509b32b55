use super::*;

const REG: &str = "0b8a3c1e-7f2d-4c5b-9a6e-1d2c3b4a5f60";

fn query() -> String {
    format!(
        "?endpoint=http%3A%2F%2Flms.example%2Fxapi&fetch=http%3A%2F%2Flms.example%2Ffetch%2F42\
         &actor=%7B%22objectType%22%3A%22Agent%22%2C%22account%22%3A%7B%22homePage%22%3A%22http%3A%2F%2Flms.example%22%2C%22name%22%3A%22s-17%22%7D%7D\
         &registration={REG}&activityId=https%3A%2F%2Fpacer.example%2Fau%2Ffractions"
    )
}

fn launch_data(mode: &str, mastery: Option<f64>, move_on: &str) -> LaunchData {
    let mut v = json!({
        "contextTemplate": {
            "contextActivities": { "grouping": [{ "id": "https://lms.example/publisher/1" }] },
            "extensions": { EXT_SESSION_ID: "sess-1" }
        },
        "launchMode": mode,
        "moveOn": move_on,
        "returnURL": "https://lms.example/return"
    });
    if let Some(m) = mastery {
        v["masteryScore"] = json!(m);
    }
    LaunchData::parse(&v.to_string()).unwrap()
}

fn session(mode: &str, mastery: Option<f64>) -> AuSession {
    let launch = Launch::from_query(&query()).unwrap();
    AuSession::new(
        launch,
        launch_data(mode, mastery, "CompletedAndPassed"),
        "dG9rZW4=".into(),
        1_000,
    )
}

fn counter() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("00000000-0000-4000-8000-{n:012}")
    }
}

fn body(s: &Statement) -> Value {
    s.value().unwrap()
}

#[test]
fn launch_parameters_are_read_and_decoded() {
    let l = Launch::from_query(&query()).unwrap();
    assert_eq!(l.endpoint, "http://lms.example/xapi/");
    assert_eq!(l.fetch, "http://lms.example/fetch/42");
    assert_eq!(l.actor.account.name, "s-17");
    assert_eq!(l.registration, REG);
    assert_eq!(l.activity_id, "https://pacer.example/au/fractions");
    assert!(Launch::is_cmi5_query(&query()));
    assert!(!Launch::is_cmi5_query("?lang=es"));
}

#[test]
fn a_missing_or_bad_parameter_is_named() {
    let without_fetch = query().replace("&fetch=http%3A%2F%2Flms.example%2Ffetch%2F42", "");
    assert_eq!(
        Launch::from_query(&without_fetch),
        Err(Cmi5Error::MissingParameter("fetch"))
    );
    let bad_reg = query().replace(REG, "not-a-uuid");
    assert!(matches!(
        Launch::from_query(&bad_reg),
        Err(Cmi5Error::InvalidParameter {
            name: "registration",
            ..
        })
    ));
    let bad_actor = query().replace("%22Agent%22", "%22Agent");
    assert!(matches!(
        Launch::from_query(&bad_actor),
        Err(Cmi5Error::InvalidParameter { name: "actor", .. })
    ));
}

#[test]
fn launch_data_needs_a_session_id_and_a_sane_mastery_score() {
    let no_session = json!({"contextTemplate": {}, "launchMode": "Normal", "moveOn": "Passed"});
    assert!(matches!(
        LaunchData::parse(&no_session.to_string()),
        Err(Cmi5Error::InvalidLaunchData(_))
    ));
    let bad_mastery = json!({"contextTemplate": {"extensions": {EXT_SESSION_ID: "s"}}, "launchMode": "Normal",
        "moveOn": "Passed", "masteryScore": 1.5});
    assert!(matches!(
        LaunchData::parse(&bad_mastery.to_string()),
        Err(Cmi5Error::InvalidLaunchData(_))
    ));
    let d = launch_data("Review", Some(0.8), "Completed");
    assert_eq!(d.session_id(), Some("sess-1"));
    assert_eq!(d.return_url.as_deref(), Some("https://lms.example/return"));
}

#[test]
fn initialized_comes_once_with_the_template_registration_and_cmi5_category() {
    let mut s = session("Normal", Some(0.8));
    let st = s
        .initialized("00000000-0000-4000-8000-00000000000a", 5_000)
        .unwrap();
    let b = body(&st);
    assert_eq!(b["verb"]["id"], VERB_INITIALIZED);
    assert_eq!(b["object"]["id"], "https://pacer.example/au/fractions");
    assert_eq!(b["actor"]["account"]["name"], "s-17");
    assert_eq!(b["context"]["registration"], REG);
    assert_eq!(b["context"]["extensions"][EXT_SESSION_ID], "sess-1");
    assert_eq!(
        b["context"]["contextActivities"]["grouping"][0]["id"],
        "https://lms.example/publisher/1"
    );
    assert_eq!(
        b["context"]["contextActivities"]["category"][0]["id"],
        CATEGORY_CMI5
    );
    assert!(s.initialized("x", 6_000).is_none());
}

#[test]
fn nothing_is_judged_before_initialized_or_before_all_items_are_done() {
    let mut s = session("Normal", Some(0.8));
    let mut ids = counter();
    let done = AuProgress {
        all_done: true,
        score: 1.0,
    };
    assert!(s.on_progress(done, &mut ids, 2_000).is_empty());
    s.initialized("i", 2_000);
    assert!(s
        .on_progress(
            AuProgress {
                all_done: false,
                score: 1.0
            },
            &mut ids,
            3_000
        )
        .is_empty());
}

#[test]
fn passing_sends_completed_then_passed_once_with_durations_and_mastery_score() {
    let mut s = session("Normal", Some(0.8));
    let mut ids = counter();
    s.initialized("i", 1_000);
    let out = s.on_progress(
        AuProgress {
            all_done: true,
            score: 0.8,
        },
        &mut ids,
        61_000,
    );
    let verbs: Vec<Value> = out
        .iter()
        .map(|st| body(st)["verb"]["id"].clone())
        .collect();
    assert_eq!(verbs, [json!(VERB_COMPLETED), json!(VERB_PASSED)]);
    let completed = body(&out[0]);
    assert_eq!(completed["result"]["completion"], true);
    assert_eq!(completed["result"]["duration"], "PT1M");
    let passed = body(&out[1]);
    assert_eq!(passed["result"]["success"], true);
    assert_eq!(passed["result"]["score"]["scaled"], 0.8);
    assert_eq!(passed["context"]["extensions"][EXT_MASTERY_SCORE], 0.8);
    assert_eq!(passed["context"]["extensions"][EXT_SESSION_ID], "sess-1");
    let categories = &passed["context"]["contextActivities"]["category"];
    assert!(categories
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == CATEGORY_MOVE_ON));
    assert!(s
        .on_progress(
            AuProgress {
                all_done: true,
                score: 0.9
            },
            &mut ids,
            70_000
        )
        .is_empty());
}

#[test]
fn failing_below_the_mastery_score_sends_failed_but_never_after_a_pass_in_the_registration() {
    let mut s = session("Normal", Some(0.8));
    let mut ids = counter();
    s.initialized("i", 1_000);
    let out = s.on_progress(
        AuProgress {
            all_done: true,
            score: 0.5,
        },
        &mut ids,
        2_000,
    );
    assert_eq!(body(&out[1])["verb"]["id"], VERB_FAILED);
    assert_eq!(body(&out[1])["result"]["success"], false);

    let mut next_session = session("Normal", Some(0.8));
    next_session.passed_in_registration = true;
    next_session.initialized("i2", 1_000);
    let out = next_session.on_progress(
        AuProgress {
            all_done: true,
            score: 0.1,
        },
        &mut ids,
        2_000,
    );
    let verbs: Vec<Value> = out
        .iter()
        .map(|st| body(st)["verb"]["id"].clone())
        .collect();
    assert_eq!(
        verbs,
        [json!(VERB_COMPLETED)],
        "no failed after a pass in the registration"
    );
}

#[test]
fn browse_and_review_send_only_initialized_and_terminated() {
    for mode in ["Browse", "Review"] {
        let mut s = session(mode, Some(0.5));
        let mut ids = counter();
        assert!(s.initialized("i", 1_000).is_some());
        assert!(s
            .on_progress(
                AuProgress {
                    all_done: true,
                    score: 1.0
                },
                &mut ids,
                2_000
            )
            .is_empty());
        assert!(s.terminated("t", 3_000).is_some());
    }
}

#[test]
fn terminated_is_last_and_once() {
    let mut s = session("Normal", None);
    let mut ids = counter();
    assert!(
        s.terminated("t0", 1_500).is_none(),
        "not before initialized"
    );
    s.initialized("i", 1_000);
    let t = s.terminated("t", 4_500).unwrap();
    assert_eq!(body(&t)["result"]["duration"], "PT3.50S");
    assert!(s.terminated("t2", 5_000).is_none());
    assert!(s.initialized("i2", 5_000).is_none());
    assert!(s
        .on_progress(
            AuProgress {
                all_done: true,
                score: 1.0
            },
            &mut ids,
            6_000
        )
        .is_empty());
}

#[test]
fn without_a_mastery_score_completion_passes() {
    let mut s = session("Normal", None);
    let mut ids = counter();
    s.initialized("i", 0);
    let out = s.on_progress(
        AuProgress {
            all_done: true,
            score: 0.2,
        },
        &mut ids,
        1,
    );
    assert_eq!(body(&out[1])["verb"]["id"], VERB_PASSED);
    assert!(body(&out[1])["context"]["extensions"]
        .get(EXT_MASTERY_SCORE)
        .is_none());
}

#[test]
fn the_template_wins_over_our_context_and_lists_are_joined() {
    let s = session("Normal", None);
    let mut st = json!({
        "context": {
            "registration": "11111111-1111-4111-8111-111111111111",
            "contextActivities": { "grouping": [{ "id": "https://pacer.example/course" }] },
            "extensions": { EXT_SESSION_ID: "ours" },
            "language": "es"
        }
    });
    s.apply_context(&mut st);
    assert_eq!(st["context"]["registration"], REG);
    assert_eq!(st["context"]["extensions"][EXT_SESSION_ID], "sess-1");
    assert_eq!(st["context"]["language"], "es");
    let grouping = st["context"]["contextActivities"]["grouping"]
        .as_array()
        .unwrap();
    assert_eq!(grouping.len(), 2);
    assert_eq!(grouping[0]["id"], "https://lms.example/publisher/1");
}

#[test]
fn sessions_round_trip_through_json() {
    let mut s = session("Normal", Some(0.75));
    s.initialized("i", 1);
    let back: AuSession = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
    assert_eq!(back, s);
}

/// A stored session reads back as it was written, in every state it goes through, and as serde read it.
#[test]
fn a_stored_session_reads_back_in_every_state() {
    let mut s = session("Normal", Some(0.8));
    let mut states = vec![s.clone()];
    s.initialized = true;
    s.language_preference = Some("es-MX, en".into());
    states.push(s.clone());
    s.completed = true;
    s.judged = Some(Judgement::Failed);
    states.push(s.clone());
    s.judged = Some(Judgement::Passed);
    s.passed_in_registration = true;
    s.terminated = true;
    s.data.entitlement_key = Some(json!({"courseStructure": "x"}));
    states.push(s);
    for state in states {
        let stored = serde_json::to_string(&state).unwrap();
        let ours: AuSession = json::from_str(&stored).unwrap();
        let serde: AuSession = serde_json::from_str(&stored).unwrap();
        assert_eq!(ours, state);
        assert_eq!(serde, state);
    }
    // Written before the language preference existed: still read.
    let mut old: Value = serde_json::to_value(session("Browse", None)).unwrap();
    old.as_object_mut().unwrap().remove("languagePreference");
    let read: AuSession = json::from_str(&old.to_string()).unwrap();
    assert_eq!(read.language_preference, None);
    assert_eq!(read.data.launch_mode, LaunchMode::Browse);
}

#[test]
fn launch_data_of_the_wrong_shape_names_the_field() {
    let bad = json!({"contextTemplate": {}, "launchMode": "Sleep", "moveOn": "Passed"}).to_string();
    let e = LaunchData::parse(&bad).unwrap_err().to_string();
    assert!(
        e.contains(
            "launchMode: unknown value `Sleep`, expected one of `Normal`, `Browse`, `Review`"
        ),
        "{e}"
    );
    let actor = "?endpoint=e&fetch=f&actor=%7B%22objectType%22%3A%22Group%22%7D&registration=r&activityId=a";
    let e = Launch::from_query(actor).unwrap_err().to_string();
    assert!(e.contains("unknown objectType `Group`"), "{e}");
}

#[test]
fn a_relaunch_takes_only_the_same_learners_stored_session() {
    let mut stored = session("Normal", Some(0.5));
    stored.passed_in_registration = true;
    let same = Launch::from_query(&query()).unwrap();
    assert_eq!(
        relaunch(None, &same),
        Relaunch::Fresh {
            passed_in_registration: false
        }
    );
    assert_eq!(relaunch(Some(&stored), &same), Relaunch::Reload);
    let mut next = same.clone();
    next.fetch = "http://lms.example/fetch/43".into();
    assert_eq!(
        relaunch(Some(&stored), &next),
        Relaunch::Fresh {
            passed_in_registration: true
        }
    );
    // The same registration and AU, another actor: neither the token nor the pass carries over.
    let mut other = same.clone();
    other.actor = Actor::account("http://lms.example", "s-18");
    assert_eq!(relaunch(Some(&stored), &other), Relaunch::OtherLearner);
    other.fetch = next.fetch.clone();
    assert_eq!(relaunch(Some(&stored), &other), Relaunch::OtherLearner);
}
