//! Each kind of launch opened end to end: the needs in the order the shell meets them, answered by a
//! memory store (the storage contract's twin of IndexedDB) and a scripted page, LMS and package.

use super::*;
use crate::store::{MemoryStore, Store as _};
use crate::xapi::cmi5::LaunchData;
use pollster::block_on;

const REG: &str = "0b8a3c1e-7f2d-4c5b-9a6e-1d2c3b4a5f60";
const ORIGIN: &str = "https://player.example";
const FRESH: &str = "5f0c7a2e-0000-4000-8000-000000000001";

fn cmi5_query() -> String {
    format!(
        "?endpoint=http%3A%2F%2Flms.example%2Fxapi&fetch=http%3A%2F%2Flms.example%2Ffetch%2F42\
         &actor=%7B%22objectType%22%3A%22Agent%22%2C%22account%22%3A%7B%22homePage%22%3A%22http%3A%2F%2Flms.example%22%2C%22name%22%3A%22s-17%22%7D%7D\
         &registration={REG}&activityId=https%3A%2F%2Fpacer.example%2Fau%2Ffractions"
    )
}

/// A cmi5 session; `parameters` are the LMS's `launchParameters`, `preference` the learner's languages.
fn au(parameters: Option<&str>, preference: Option<&str>) -> AuSession {
    let launch = Launch::from_query(&cmi5_query()).expect("a cmi5 query");
    let mut data = serde_json::json!({
        "contextTemplate": {"extensions": {"https://w3id.org/xapi/cmi5/context/extensions/sessionid": "s1"}},
        "launchMode": "Normal",
        "moveOn": "Completed",
    });
    if let Some(p) = parameters {
        data["launchParameters"] = p.into();
    }
    let data = LaunchData::parse(&data.to_string()).expect("launch data");
    let mut session = AuSession::new(launch, data, "dG9rZW4=".into(), 1_000);
    session.language_preference = preference.map(str::to_owned);
    session
}

fn config(json: &str) -> Config {
    crate::json::from_str(json).expect("a config")
}

fn start(config: Config) -> Start {
    Start {
        config,
        query: String::new(),
        origin: ORIGIN.into(),
        browser_languages: vec!["fr-FR".into(), "es-MX".into()],
        lang: "en".into(),
        fresh_id: FRESH.into(),
        now: 10_000,
    }
}

/// What the page, the LMS and the network answer; the store is a [`MemoryStore`].
struct World {
    store: MemoryStore,
    store_fails: bool,
    cmi5: Option<Result<AuSession, String>>,
    package: Result<(Manifest, Activity), Vec<PackageError>>,
    scorm: ScormStart,
    course_fails: bool,
    init: Result<(), String>,
    /// Whether the later part is here to run a SCORM restore.
    restore_runs: bool,
}

impl World {
    fn new() -> Self {
        World {
            store: MemoryStore::new(),
            store_fails: false,
            cmi5: None,
            package: Ok(crate::package::sample::two_halves()),
            scorm: ScormStart::NoApi,
            course_fails: false,
            init: Ok(()),
            restore_runs: true,
        }
    }
}

/// Opens the course against `world`; the needs met, by name, and how it ended.
fn open(start: Start, world: &World) -> (Vec<&'static str>, Result<Box<Opened>, Failure>) {
    let mut opening = Opening::new(start);
    let mut seen = Vec::new();
    for _ in 0..40 {
        let need = opening.need();
        let answer = match need {
            Need::Done(opened) => return (seen, Ok(opened)),
            Need::Fail(failure) => {
                seen.push("fail");
                return (seen, Err(failure));
            }
            need => perform(world, &mut seen, need),
        };
        opening.answer(answer);
    }
    panic!("the opening did not end: {seen:?}");
}

fn perform(world: &World, seen: &mut Vec<&'static str>, need: Need<'_>) -> Answer {
    let store = &world.store;
    let failed = || StoreError::Backend("the disk is gone".into());
    match need {
        Need::OpenStore => {
            seen.push("open store");
            Answer::StoreOpened(if world.store_fails {
                Err("IndexedDB is not available".into())
            } else {
                Ok(())
            })
        }
        Need::StartCmi5 { query } => {
            seen.push("start cmi5");
            assert_eq!(query, cmi5_query());
            Answer::Cmi5Started(world.cmi5.clone().expect("a cmi5 launch"))
        }
        Need::ClaimMeta { key, value } => {
            seen.push("claim meta");
            Answer::MetaClaimed(block_on(store.claim_meta(key, value)).map_err(|e| e.to_string()))
        }
        Need::ReadLearner { learner_id } => {
            seen.push("read learner");
            Answer::Learner {
                chosen: block_on(store.meta(&crate::config::language_key(learner_id))),
                journal: block_on(store.journal_of(learner_id)),
            }
        }
        Need::Package => {
            seen.push("package");
            Answer::Package(world.package.clone())
        }
        Need::StartScorm(_) => {
            seen.push("start scorm");
            Answer::Scorm(world.scorm.clone())
        }
        Need::ReadCourse {
            manifest,
            learner_id,
            activity_id,
        } => {
            seen.push("read course");
            Answer::Course(if world.course_fails {
                Err(failed())
            } else {
                block_on(crate::store::boot::read_course(
                    store,
                    manifest,
                    learner_id,
                    activity_id,
                ))
            })
        }
        Need::InitializeCmi5 { session, .. } => {
            seen.push("initialize cmi5");
            assert_eq!(session.launch.registration, REG);
            Answer::Cmi5Initialized(world.init.clone())
        }
        Need::RestoreScorm {
            key,
            manifest,
            activity,
            learner_id,
            now,
        } => {
            seen.push("restore scorm");
            Answer::ScormRestored(
                world
                    .restore_runs
                    .then(|| crate::scorm::restore(key, manifest, activity, learner_id, now)),
            )
        }
        Need::StoreRestored { attempts, progress } => {
            seen.push("store restored");
            block_on(store.put_attempts(attempts)).expect("attempts kept");
            block_on(store.commit_progress(progress, progress, &[])).expect("place kept");
            Answer::RestoredStored
        }
        Need::ReadWholeLog {
            learner_id,
            package_id,
        } => {
            seen.push("read whole log");
            Answer::WholeLog(block_on(store.package_log(learner_id, package_id)))
        }
        Need::LoadLater => {
            seen.push("load later");
            Answer::LaterLoaded
        }
        Need::Fail(_) | Need::Done(_) => unreachable!("ended by the caller"),
    }
}

fn opened(start: Start, world: &World) -> (Vec<&'static str>, Box<Opened>) {
    let (seen, end) = open(start, world);
    match end {
        Ok(opened) => (seen, opened),
        Err(failure) => panic!("failed after {seen:?}: {failure:?}"),
    }
}

fn failed(start: Start, world: &World) -> (Vec<&'static str>, Failure) {
    let (seen, end) = open(start, world);
    match end {
        Ok(_) => panic!("opened after {seen:?}"),
        Err(failure) => (seen, failure),
    }
}

fn learner_id(opened: &Opened) -> &str {
    &opened.session.learner().id
}

#[test]
fn a_local_learner_is_made_once_and_found_again() {
    let world = World::new();
    let (seen, first) = opened(start(config(r#"{"packageUrl": "p"}"#)), &world);
    assert_eq!(
        seen,
        [
            "open store",
            "claim meta",
            "read learner",
            "package",
            "read course"
        ]
    );
    assert_eq!(learner_id(&first), FRESH);
    assert_eq!(
        first.session.learner().actor.account.home_page,
        ORIGIN,
        "the player's origin without a homePage"
    );
    assert!(!first.identified);
    assert_eq!(first.meta_keys, [LOCAL_LEARNER_KEY]);
    assert_eq!(first.scorm, None);
    // The next visit finds the id kept, and keeps its own fresh one unused.
    let mut again = start(config(r#"{"packageUrl": "p"}"#));
    again.fresh_id = "another".into();
    let (_, second) = opened(again, &world);
    assert_eq!(learner_id(&second), FRESH);
}

#[test]
fn two_tabs_opening_a_new_device_at_once_become_one_learner() {
    let world = World::new();
    // Both get as far as keeping a device id before either does.
    let until_claim = |fresh: &str| {
        let mut s = start(config(r#"{"packageUrl": "p"}"#));
        s.fresh_id = fresh.into();
        let mut opening = Opening::new(s);
        let mut seen = Vec::new();
        while !matches!(opening.need(), Need::ClaimMeta { .. }) {
            let answer = perform(&world, &mut seen, opening.need());
            opening.answer(answer);
        }
        opening
    };
    let (mut a, mut b) = (until_claim("tab-a"), until_claim("tab-b"));
    let mut ids = Vec::new();
    for opening in [&mut a, &mut b] {
        let mut seen = Vec::new();
        loop {
            let answer = match opening.need() {
                Need::Done(opened) => {
                    ids.push(learner_id(&opened).to_owned());
                    break;
                }
                Need::Fail(f) => panic!("{f:?}"),
                need => perform(&world, &mut seen, need),
            };
            opening.answer(answer);
        }
    }
    assert_eq!(
        ids,
        ["tab-a", "tab-a"],
        "the second tab takes the id the first kept"
    );
}

#[test]
fn a_configured_learner_needs_no_device_id_and_uses_the_configs_lrs() {
    let world = World::new();
    let (seen, opened) = opened(
        start(config(
            r#"{"packageUrl": "p", "homePage": "https://sis.example",
                "lrs": {"endpoint": "https://lrs.example/xapi/", "auth": "Basic eDp5"},
                "actor": {"objectType": "Agent", "account": {"homePage": "https://sis.example", "name": "s-9"}}}"#,
        )),
        &world,
    );
    assert_eq!(
        seen,
        ["open store", "read learner", "package", "read course"]
    );
    assert_eq!(learner_id(&opened), "https://sis.example|s-9");
    assert!(opened.identified);
    assert!(
        opened.meta_keys.is_empty(),
        "nothing of the device is theirs"
    );
    assert_eq!(
        opened.lrs.as_ref().map(|l| l.endpoint.as_str()),
        Some("https://lrs.example/xapi/")
    );
}

#[test]
fn a_cmi5_launch_names_the_learner_the_lrs_and_the_overrides() {
    let mut world = World::new();
    world.cmi5 = Some(Ok(au(
        Some(r#"{"overrides": {"assign": ["intro"]}}"#),
        None,
    )));
    let mut s = start(config(
        r#"{"packageUrl": "p", "overrides": {"lock": ["intro"]},
            "lrs": {"endpoint": "https://lrs.example/xapi/", "auth": "Basic eDp5", "timeoutMs": 3000}}"#,
    ));
    s.query = cmi5_query();
    let (seen, opened) = opened(s, &world);
    assert_eq!(
        seen,
        [
            "open store",
            "start cmi5",
            "read learner",
            "package",
            "read course",
            "initialize cmi5"
        ]
    );
    assert_eq!(learner_id(&opened), "cmi5|http://lms.example|s-17");
    assert!(opened.session.learner().launch.is_some());
    assert!(opened.identified);
    let lrs = opened.lrs.as_ref().expect("the launch's LRS");
    assert_eq!(lrs.endpoint, "http://lms.example/xapi/");
    assert_eq!(lrs.auth, "Basic dG9rZW4=");
    assert_eq!(
        lrs.timeout_ms,
        Some(3000),
        "the config's timeout still holds"
    );
    assert_eq!(
        opened.meta_keys,
        [format!("cmi5:{REG}:https://pacer.example/au/fractions")]
    );
    let overrides = opened.course.overrides();
    assert_eq!(overrides.assign, ["intro"], "the launch's overrides win");
    assert!(overrides.lock.is_empty(), "replaced, not merged");
}

#[test]
fn unreadable_launch_parameters_leave_the_configs_overrides() {
    let mut world = World::new();
    world.cmi5 = Some(Ok(au(Some("not json"), None)));
    let mut s = start(config(
        r#"{"packageUrl": "p", "overrides": {"lock": ["intro"]}}"#,
    ));
    s.query = cmi5_query();
    let (_, opened) = opened(s, &world);
    assert_eq!(opened.course.overrides().lock, ["intro"]);
}

#[test]
fn a_failed_cmi5_launch_or_initialize_is_shown() {
    let mut world = World::new();
    world.cmi5 = Some(Err("the fetch URL was already used".into()));
    let mut s = start(config(r#"{"packageUrl": "p"}"#));
    s.query = cmi5_query();
    let (seen, failure) = failed(s.clone(), &world);
    assert_eq!(seen, ["open store", "start cmi5", "package", "fail"]);
    assert_eq!(failure.headline, Headline::Launch);
    assert_eq!(failure.details, ["the fetch URL was already used"]);

    // `initialized` refused wins over a course that cannot be read (it is asked first).
    world.cmi5 = Some(Ok(au(None, Some("es"))));
    world.init = Err("the LRS refused initialized".into());
    world.course_fails = true;
    let (seen, failure) = failed(s, &world);
    assert_eq!(seen.last(), Some(&"fail"));
    assert_eq!(failure.headline, Headline::CannotSave);
    assert_eq!(failure.details, ["the LRS refused initialized"]);
    assert_eq!(
        failure.lang, "es",
        "in the learner's language, chosen by then"
    );
}

fn scorm_start(suspend: Option<crate::scorm::ResumeKey>) -> ScormStart {
    ScormStart::Started {
        learner_id: "lms-42".into(),
        suspend,
    }
}

fn resume_key() -> crate::scorm::ResumeKey {
    crate::scorm::ResumeKey {
        v: 1,
        a: "intro".into(),
        k: Some("https://example.org/courses/demo".into()),
        p: "q2".into(),
        r: vec![("q1".into(), 1)],
    }
}

fn scorm_config() -> Start {
    start(config(
        r#"{"packageUrl": "p", "scorm": "1.2", "homePage": "https://lms.example"}"#,
    ))
}

#[test]
fn a_scorm_launch_names_its_learner_after_the_package_and_restores_the_lms_place() {
    let mut world = World::new();
    world.scorm = scorm_start(Some(resume_key()));
    let (seen, opened) = opened(scorm_config(), &world);
    assert_eq!(
        seen,
        [
            "open store",
            "package",
            "start scorm",
            "read learner",
            "read course",
            "restore scorm",
            "store restored",
            "read whole log"
        ],
        "the log changed: the snapshot no longer tells it"
    );
    assert_eq!(learner_id(&opened), "scorm|https://lms.example|lms-42");
    assert!(opened.identified);
    assert_eq!(opened.scorm, Some(scorm_start(Some(resume_key()))));
    assert_eq!(
        opened.session.current_item().map(|i| i.id.as_str()),
        Some("q2"),
        "the LMS's place"
    );
    assert!(opened.course.is_loaded());
    assert_eq!(
        opened.course.attempts().len(),
        1,
        "the LMS's answer is in the log"
    );
    // Kept on the device: the next launch finds the place here and does not ask the LMS again.
    let (seen, again) = self::opened(scorm_config(), &world);
    assert!(!seen.contains(&"restore scorm"), "{seen:?}");
    assert_eq!(
        again.session.current_item().map(|i| i.id.as_str()),
        Some("q2")
    );
}

#[test]
fn a_scorm_launch_without_resume_data_or_with_another_packages_starts_afresh() {
    let mut world = World::new();
    world.scorm = scorm_start(None);
    let (seen, opened) = opened(scorm_config(), &world);
    assert!(!seen.contains(&"restore scorm"), "{seen:?}");
    assert_eq!(
        opened.session.current_item().map(|i| i.id.as_str()),
        Some("q1")
    );

    let mut world = World::new();
    let other = crate::scorm::ResumeKey {
        k: Some("https://example.org/other".into()),
        ..resume_key()
    };
    world.scorm = scorm_start(Some(other));
    let (seen, opened) = self::opened(scorm_config(), &world);
    assert!(seen.contains(&"restore scorm"));
    assert!(!seen.contains(&"store restored"), "refused: {seen:?}");
    assert_eq!(
        opened.session.current_item().map(|i| i.id.as_str()),
        Some("q1")
    );

    // The later part could not run it: the device's place stands.
    let mut world = World::new();
    world.scorm = scorm_start(Some(resume_key()));
    world.restore_runs = false;
    let (_, opened) = self::opened(scorm_config(), &world);
    assert_eq!(
        opened.session.current_item().map(|i| i.id.as_str()),
        Some("q1")
    );
}

#[test]
fn a_device_that_has_answered_here_keeps_its_place_over_the_lms() {
    let mut world = World::new();
    let id = "scorm|https://lms.example|lms-42";
    let answer = crate::session::sample_attempt(
        "https://example.org/courses/demo",
        "a1".into(),
        "intro",
        "q1",
        "halves",
        false,
        5,
    );
    let answer = Attempt {
        learner_id: id.into(),
        ..answer
    };
    block_on(world.store.put_attempts(&[answer])).expect("kept");
    world.scorm = scorm_start(Some(resume_key()));
    let (seen, _) = opened(scorm_config(), &world);
    assert!(!seen.contains(&"restore scorm"), "{seen:?}");
}

#[test]
fn an_lms_that_refuses_or_is_missing_leaves_the_devices_learner() {
    for scorm in [ScormStart::Refused("101".into()), ScormStart::NoApi] {
        let mut world = World::new();
        world.scorm = scorm.clone();
        let (seen, opened) = opened(scorm_config(), &world);
        assert_eq!(
            seen,
            [
                "open store",
                "package",
                "start scorm",
                "claim meta",
                "read learner",
                "read course"
            ]
        );
        assert_eq!(learner_id(&opened), FRESH);
        assert_eq!(
            opened.session.learner().actor.account.home_page,
            "https://lms.example"
        );
        assert_eq!(opened.scorm, Some(scorm), "the shell says why");
    }
}

#[test]
fn the_stores_failure_wins_over_the_packages() {
    let mut world = World::new();
    world.store_fails = true;
    world.package = Err(vec![PackageError::Missing {
        file: "pkg.json".into(),
        reason: "404".into(),
    }]);
    let (seen, failure) = failed(start(config(r#"{"packageUrl": "p"}"#)), &world);
    assert_eq!(
        seen,
        ["open store", "package", "fail"],
        "the package is awaited"
    );
    assert_eq!(failure.headline, Headline::CannotSave);
    assert_eq!(failure.headline.key(), "error-cannot-save");
    assert_eq!(failure.details, ["IndexedDB is not available"]);
}

#[test]
fn a_package_that_fails_is_shown_with_its_own_errors() {
    let mut world = World::new();
    let errors = vec![
        PackageError::Missing {
            file: "content/intro.json".into(),
            reason: "HTTP 404".into(),
        },
        PackageError::Missing {
            file: "pkg.json".into(),
            reason: "HTTP 500".into(),
        },
    ];
    world.package = Err(errors.clone());
    let mut s = start(config(r#"{"packageUrl": "p", "language": "es"}"#));
    s.lang = "es".into();
    let (seen, failure) = failed(s, &world);
    assert_eq!(
        seen,
        [
            "open store",
            "claim meta",
            "read learner",
            "package",
            "fail"
        ]
    );
    assert_eq!(failure.headline.key(), "error-course");
    let expected: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(failure.details, expected);
    assert!(failure.details[0].contains("content/intro.json"));
    assert_eq!(failure.lang, "es");
}

#[test]
fn records_that_cannot_be_read_are_shown_in_the_learners_language() {
    let mut world = World::new();
    world.course_fails = true;
    let (seen, failure) = failed(start(config(r#"{"packageUrl": "p"}"#)), &world);
    assert_eq!(seen.last(), Some(&"fail"));
    assert_eq!(failure.headline, Headline::Read);
    assert_eq!(failure.details, ["IndexedDB error: the disk is gone"]);
    assert_eq!(
        failure.lang, "es-MX",
        "the browser's first language the player speaks"
    );
}

#[test]
fn the_language_comes_from_the_config_then_the_learners_choice_then_cmi5_then_the_browser() {
    let languages = |config_json: &str, chosen: Option<&str>, preference: Option<&str>| {
        let mut world = World::new();
        world.cmi5 = Some(Ok(au(None, preference)));
        if let Some(chosen) = chosen {
            let key = crate::config::language_key("cmi5|http://lms.example|s-17");
            block_on(world.store.set_meta(&key, chosen)).expect("kept");
        }
        let mut s = start(config(config_json));
        s.query = cmi5_query();
        let (_, opened) = opened(s, &world);
        opened.session.learner().language.clone()
    };
    let plain = r#"{"packageUrl": "p"}"#;
    let configured = r#"{"packageUrl": "p", "language": "de"}"#;
    assert_eq!(languages(configured, Some("fr"), Some("es")), "de");
    assert_eq!(languages(plain, Some("fr"), Some("es")), "fr");
    assert_eq!(languages(plain, None, Some("xx,es")), "es");
    assert_eq!(languages(plain, None, None), "es-MX", "fr is not spoken");
}

#[test]
fn a_finished_activity_reads_the_whole_log_before_its_screen() {
    let world = World::new();
    let s = start(config(r#"{"packageUrl": "p"}"#));
    let (seen, _) = opened(s.clone(), &world);
    assert!(!seen.contains(&"read whole log"), "{seen:?}");
    let finished = Progress {
        learner_id: FRESH.into(),
        package_id: "https://example.org/courses/demo".into(),
        activity_id: "intro".into(),
        step: crate::session::Step::Finished,
        updated_at: 5,
    };
    block_on(world.store.commit_progress(&finished, &finished, &[])).expect("kept");
    let (seen, opened) = opened(s, &world);
    assert_eq!(seen.last(), Some(&"read whole log"));
    assert!(opened.course.is_loaded());
    assert!(opened.course.completed().contains("intro"));
}

#[test]
fn after_done_the_opening_asks_for_nothing() {
    let world = World::new();
    let mut opening = Opening::new(start(config(
        r#"{"packageUrl": "p", "actor": {"objectType": "Agent", "account": {"homePage": "h", "name": "n"}}}"#,
    )));
    loop {
        match opening.need() {
            Need::Done(_) => break,
            Need::Fail(f) => panic!("{f:?}"),
            need => {
                let mut seen = Vec::new();
                let answer = perform(&world, &mut seen, need);
                opening.answer(answer);
            }
        }
    }
    assert!(matches!(opening.need(), Need::Fail(_)));
}

#[test]
fn a_first_item_answered_in_a_passage_waits_for_the_later_part() {
    let (manifest, _) = crate::package::sample::two_halves();
    let text = r#"{"id": "intro", "items": [
        {"id": "h1", "skills": ["halves"], "stem": "Pick the half.",
         "interaction": {"type": "hottext", "text": "[[a]] or [[b]]",
                         "options": [{"id": "a", "text": "one half"}, {"id": "b", "text": "a third"}],
                         "correct": "a"}}]}"#;
    let entry = manifest.activities[0].clone();
    let activity = crate::package::parse_activity("content/intro.json", text, &entry, &manifest)
        .expect("a hottext activity");
    let mut world = World::new();
    world.package = Ok((manifest, activity));
    let (seen, opened) = opened(start(config(r#"{"packageUrl": "p"}"#)), &world);
    assert_eq!(seen.last(), Some(&"load later"));
    assert_eq!(
        opened.session.current_item().map(|i| i.id.as_str()),
        Some("h1")
    );
    let (seen, _) = self::opened(start(config(r#"{"packageUrl": "p"}"#)), &World::new());
    assert!(
        !seen.contains(&"load later"),
        "a choice item is drawn at once"
    );
}
