use super::*;
use crate::check::{score, Context};
use crate::package::{load, parse_activity, parse_manifest, Files};
use crate::screen::fixture::{ACTIVITY, MANIFEST};
use crate::view::{Node, Space};

/// The repository's demo course, read from disk.
struct Demo;

impl Files for Demo {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        std::fs::read(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).map_err(|e| e.to_string())
    }
    fn size(&self, path: &str) -> Option<u64> {
        std::fs::metadata(format!("{}/{path}", env!("CARGO_MANIFEST_DIR")))
            .ok()
            .map(|m| m.len())
    }
}

fn config() -> Config {
    crate::json::from_str(r#"{"packageUrl": "course/pkg.json"}"#).expect("a config")
}

fn demo() -> (Manifest, Activity) {
    let (package, report) = load(&Demo);
    let package = package.unwrap_or_else(|| panic!("the demo loads: {report:?}"));
    let first = package.manifest.activities[0].id.clone();
    let activity = package
        .activity(&first)
        .expect("its first activity")
        .clone();
    (package.manifest, activity)
}

fn demo_form() -> Form {
    let (manifest, activity) = demo();
    build(&config(), &manifest, &activity).expect("the demo's first item has a form")
}

/// The elements under `node` (itself included) whose tag is `tag`, in document order.
fn all<'e>(e: &'e Element, tag: &str, out: &mut Vec<&'e Element>) {
    if e.tag == tag && e.space == Space::Html {
        out.push(e);
    }
    for c in &e.children {
        if let Node::Element(c) = c {
            all(c, tag, out);
        }
    }
}

fn tagged<'e>(e: &'e Element, tag: &str) -> Vec<&'e Element> {
    let mut out = Vec::new();
    all(e, tag, &mut out);
    out
}

/// The item form in a screen's page.
fn item_form(page: &Element) -> &Element {
    tagged(page, "form")
        .into_iter()
        .find(|f| f.get("class") == Some("item"))
        .expect("the page holds the item's form")
}

/// What the module reads from a form: the checked choice inputs' values, each with a newline.
fn read(form: &Element) -> String {
    tagged(form, "input")
        .into_iter()
        .filter(|i| i.get("name") == Some("choice") && i.get("checked").is_some())
        .map(|i| format!("{}\n", i.get("value").unwrap_or_default()))
        .collect()
}

/// The session a new learner with `id` opens, as the player opens it.
fn opened_as(id: &str, lang: &str) -> Session {
    let (manifest, activity) = demo();
    open(&config(), &manifest, &activity, lang, id).expect("the demo opens")
}

#[test]
fn any_new_learner_is_shown_the_forms_first_screen() {
    let form = demo_form();
    assert_eq!(form.screens.len(), 2, "English and Spanish");
    for n in 0..12 {
        let id = format!("5f0c7a2e-{n:04}-4000-8000-{:012}", n * 7919);
        for screen in &form.screens {
            let session = opened_as(&id, &screen.lang);
            let shown = ItemScreen::of(&session, None).expect("an item");
            assert_eq!(shown.item.id, form.item_id, "learner {id}");
            let url = asset_url("course/pkg.json");
            let drawn = drawn(&shown, &url).expect("drawn");
            assert_eq!(
                &drawn,
                item_form(&screen.page),
                "learner {id} in {}: the player draws what the form holds",
                screen.lang
            );
        }
    }
}

#[test]
fn each_answer_is_keyed_by_what_its_checked_controls_read_and_scored_by_the_core() {
    let form = demo_form();
    let (manifest, activity) = demo();
    let item = activity.item(&form.item_id).expect("the form's item");
    for screen in &form.screens {
        let keyed: Vec<&str> = screen.answers.iter().map(|a| a.key.as_str()).collect();
        assert!(keyed.contains(&DONT_KNOW), "the demo offers Don't know");
        assert_eq!(
            read(item_form(&screen.page)),
            "",
            "nothing is picked at first"
        );
        let correct = crate::i18n::t(&screen.lang, "correct");
        let mut right = 0;
        for answer in &screen.answers {
            if answer.key == DONT_KNOW {
                assert!(answer.response.contains("dontKnow"), "{}", answer.response);
                continue;
            }
            // The feedback form shows the answer picked, as the module's page then reads.
            assert_eq!(read(&answer.feedback), answer.key, "{}", screen.lang);
            assert_eq!(answer.feedback.get("data-step"), Some("feedback"));
            let response: Response = serde_json::from_str(&answer.response).expect("stored JSON");
            let values = crate::package::params::Values::new();
            let cx = Context {
                values: &values,
                mark: crate::check::numeric::decimal_mark_for(&screen.lang),
                language: &screen.lang,
                default_language: &manifest.language,
            };
            let outcome = score(item, &response, &cx).expect("scored");
            assert_eq!(
                answer.said.starts_with(correct),
                outcome.correct,
                "{} said {:?}",
                answer.key,
                answer.said
            );
            right += usize::from(outcome.correct);
        }
        assert_eq!(right, 1, "one option of a single choice is right");
    }
    assert_eq!(form.package_id, manifest.id);
}

#[test]
fn the_page_is_the_players_frame_in_the_learners_language() {
    let form = demo_form();
    let es = form
        .screens
        .iter()
        .find(|s| s.lang == "es")
        .expect("Spanish");
    assert_eq!(es.page.tag, "main");
    let h1 = tagged(&es.page, "h1");
    assert_eq!(h1[0].text_content(), "Fracciones, 4.º grado");
    let select = tagged(&es.page, "select");
    let selected: Vec<&str> = tagged(select[0], "option")
        .into_iter()
        .filter(|o| o.get("selected").is_some())
        .filter_map(|o| o.get("value"))
        .collect();
    assert_eq!(selected, ["es"]);
    assert_eq!(es.choose_first, crate::i18n::t("es", "choose-first"));
    assert_eq!(
        es.answered_elsewhere,
        crate::i18n::t("es", "answer-not-saved-elsewhere")
    );
}

/// The fixture course as a practice, its first item edited by `edit`.
fn fixture(edit: impl Fn(&str) -> String) -> (Manifest, Activity) {
    let manifest = MANIFEST.replace("KIND", "practice").replace("FEEDBACK", "");
    let manifest = parse_manifest("pkg.json", &manifest).expect("manifest");
    let entry = manifest.activities[0].clone();
    let activity =
        parse_activity("content/quiz.json", &edit(ACTIVITY), &entry, &manifest).expect("activity");
    (manifest, activity)
}

fn built(course: (Manifest, Activity)) -> Result<Form, Unfit> {
    build(&config(), &course.0, &course.1)
}

#[test]
fn a_first_item_drawn_per_learner_or_not_picked_gets_no_form() {
    // q1 has parameters: its numbers are each learner's draw.
    assert_eq!(
        built(fixture(str::to_owned)),
        Err(Unfit::Parameterised("q1".into()))
    );
    let plain = |a: &str| {
        a.replace(r#""params": {"n": {"oneOf": [4]}},"#, "")
            .replace("{n}", "4")
    };
    let form = built(fixture(plain)).expect("without parameters it has one");
    assert_eq!(form.item_id, "q1");
    assert_eq!(form.screens.len(), 2);
    let typed = |a: &str| {
        plain(a).replacen(
            r#""interaction": {"type": "singleChoice", "correct": "b",
                     "options": [{"id": "a", "text": "1", "feedback": "That is a quarter of 4."},
                                 {"id": "b", "text": "2"}]}"#,
            r#""interaction": {"type": "numeric", "answer": 2}"#,
            1,
        )
    };
    assert_eq!(built(fixture(typed)), Err(Unfit::NotPicked("q1".into())));
}

#[test]
fn a_config_that_shapes_the_first_screen_gets_no_form() {
    let (manifest, activity) = demo();
    for (json, key) in [
        (
            r#"{"packageUrl": "p/pkg.json", "language": "es"}"#,
            "language",
        ),
        (
            r#"{"packageUrl": "p/pkg.json", "activity": "x"}"#,
            "activity",
        ),
        (
            r#"{"packageUrl": "p/pkg.json", "overrides": {"lock": ["x"]}}"#,
            "overrides",
        ),
        (r#"{"packageUrl": "p/pkg.json", "scorm": "1.2"}"#, "scorm"),
    ] {
        let config: Config = crate::json::from_str(json).expect(json);
        assert_eq!(
            build(&config, &manifest, &activity),
            Err(Unfit::Config(key))
        );
    }
    // An LRS, a learner named by the operator or a database name do not change what is shown.
    let config: Config = crate::json::from_str(
        r#"{"packageUrl": "course/pkg.json", "dbName": "other",
            "lrs": {"endpoint": "https://lrs.example/xapi/", "auth": "Basic eDp5"}}"#,
    )
    .expect("config");
    assert_eq!(build(&config, &manifest, &activity), Ok(demo_form()));
}

fn given(session: &Session, item_id: &str) -> Given {
    Given {
        item_id: item_id.to_owned(),
        activity_id: session.activity().id.clone(),
        package_id: session.manifest().id.clone(),
        response: Response::DontKnow,
        presented_at: 1,
        answered_at: 2,
    }
}

#[test]
fn the_player_adopts_only_the_answer_to_the_item_it_is_asking() {
    let form = demo_form();
    let mut session = opened_as("5f0c7a2e-0000-4000-8000-000000000001", "en");
    let right = given(&session, &form.item_id);
    let other = given(&session, "another-item");
    let mut elsewhere = given(&session, &form.item_id);
    elsewhere.package_id = "https://other.example/pkg".into();
    assert_eq!(
        adopted(&session, &[other.clone(), elsewhere.clone(), right.clone()]),
        Some(&right)
    );
    assert_eq!(adopted(&session, &[other, elsewhere]), None);
    // Once answered (the module's answer already recorded), it is not taken twice.
    let commit = session
        .answer(Response::DontKnow, crate::screen::fixture::ids(1), 1, 2)
        .expect("answered");
    session.apply(&commit);
    assert_eq!(adopted(&session, &[right]), None);
}

/// A session moved on from its first item, answered with `response`.
fn moved_on(response: Response) -> Session {
    let mut session = opened_as("5f0c7a2e-0000-4000-8000-000000000002", "es");
    let commit = session
        .answer(response, crate::screen::fixture::ids(1), 1, 2)
        .expect("answered");
    session.apply(&commit);
    let next = session.next(3);
    session.set_progress(next);
    session
}

#[test]
fn a_returning_learners_item_has_a_resume_form_whose_answer_the_player_adopts() {
    let session = moved_on(Response::DontKnow);
    let Step::Answering { item_id, .. } = session.progress().step.clone() else {
        panic!("the demo asks a second item");
    };
    let form = resume(&session, "course/pkg.json").expect("the demo's second item is picked");
    assert_eq!(form.item_id, item_id);
    assert_eq!(form.screens.len(), 1, "the learner's language only");
    assert_eq!(form.screens[0].lang, "es");
    // The page is the player's for this session (its counter and reason, not a new learner's).
    let shown = ItemScreen::of(&session, None).expect("an item");
    let url = asset_url("course/pkg.json");
    assert_eq!(
        &drawn(&shown, &url).expect("drawn"),
        item_form(&form.screens[0].page)
    );
    // An answer the module stores for it is the one the player then takes.
    let mut stored = given(&session, &form.item_id);
    stored.response = serde_json::from_str(&form.screens[0].answers[0].response).expect("JSON");
    assert_eq!(
        adopted(&session, std::slice::from_ref(&stored)),
        Some(&stored)
    );
}

#[test]
fn no_resume_form_for_feedback_or_an_item_tried_before() {
    let mut session = opened_as("5f0c7a2e-0000-4000-8000-000000000003", "en");
    assert!(
        resume(&session, "course/pkg.json").is_ok(),
        "the first item is fit"
    );
    let asking = session.progress().clone();
    let commit = session
        .answer(Response::DontKnow, crate::screen::fixture::ids(1), 1, 2)
        .expect("answered");
    session.apply(&commit);
    assert_eq!(
        resume(&session, "course/pkg.json"),
        Err(Unfit::NotAnItem),
        "feedback shows"
    );
    // The same item asked again (another try, or a practice coming back to it): the player records
    // that try itself (it would not adopt the module's).
    session.set_progress(asking);
    let item_id = session.current_item().expect("an item").id.clone();
    assert_eq!(
        resume(&session, "course/pkg.json"),
        Err(Unfit::Tried(item_id))
    );
}

#[test]
fn a_stored_row_is_read_as_the_module_writes_it() {
    let row = r#"{"item": "q1", "activity": "a1", "package": "p", "version": "1.0.0",
        "response": "{\"type\":\"dontKnow\"}", "presentedAt": 1700000000123, "answeredAt": 1700000004567}"#;
    let given: Given = crate::json::from_str(row).expect("a row");
    assert_eq!(
        given,
        Given {
            item_id: "q1".into(),
            activity_id: "a1".into(),
            package_id: "p".into(),
            response: Response::DontKnow,
            presented_at: 1_700_000_000_123,
            answered_at: 1_700_000_004_567,
        }
    );
    // A row without its times, or with a response that is not one, is not taken.
    let untimed = r#"{"item": "q1", "activity": "a1", "package": "p", "response": "{\"type\":\"dontKnow\"}"}"#;
    let e = crate::json::from_str::<Given>(untimed).expect_err("no times");
    assert!(e.to_string().contains("presentedAt"), "{e}");
    let garbled = r#"{"item": "q1", "activity": "a1", "package": "p", "response": "{",
        "presentedAt": 1, "answeredAt": 2}"#;
    let e = crate::json::from_str::<Given>(garbled).expect_err("no response");
    assert!(e.to_string().contains("its response"), "{e}");
}

#[test]
fn what_the_learner_left_on_the_modules_page_is_read_and_checked() {
    use takeover::Left;
    let page = |attributes: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            (attributes.iter())
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        }
    };
    let left = Left::read(
        page(&[
            ("data-first", "answered"),
            ("data-first-next", ""),
            ("data-first-language", "es-MX"),
            ("data-first-press", "hint-button"),
        ]),
        Some("pacer-choice-2".into()),
    );
    assert_eq!(
        left,
        Left {
            answered: true,
            next: true,
            language: Some("es-MX".into()),
            press: Some("hint-button".into()),
            focused: Some("pacer-choice-2".into()),
        }
    );
    assert_eq!(
        left.pressed_selector().as_deref(),
        Some("form.item button.hint-button")
    );
    // A Check whose answer is still being stored counts as answered: the player reads the rows again.
    assert!(Left::read(page(&[("data-first", "storing")]), None).answered);
    // Only drawn, nothing pressed; a focused element without an id gives nothing back.
    let left = Left::read(page(&[("data-first", "drawn")]), Some(String::new()));
    assert_eq!(left, Left::default());
    assert_eq!(left.pressed_selector(), None);
    // What is not a language tag or a class name never reaches a selector or the language switch.
    let left = Left::read(
        page(&[
            ("data-first-language", ""),
            ("data-first-press", "x], form button.check"),
        ]),
        None,
    );
    assert_eq!((left.language, left.press), (None, None));
    let left = Left::read(page(&[("data-first-language", "en\"]")]), None);
    assert_eq!(left.language, None);
}

#[test]
fn the_player_records_the_modules_answer_once_and_forgets_only_what_it_holds() {
    use takeover::{read_again, taking, Left, Taking};
    let form = demo_form();
    let mut session = opened_as("5f0c7a2e-0000-4000-8000-000000000002", "en");
    let right = given(&session, &form.item_id);
    let other = given(&session, "another-item");
    // Nothing stored: nothing to record, nothing left to forget.
    assert_eq!(taking(&session, &[]), Taking::Nothing { forget: true });
    let answered = Left {
        answered: true,
        ..Left::default()
    };
    // The module said it stored an answer the rows read did not hold: they are read again, once the
    // module is stopped; not when the answer was read, or when none was stored.
    assert!(read_again(&answered, &session, &[]));
    assert!(read_again(
        &answered,
        &session,
        std::slice::from_ref(&other)
    ));
    assert!(!read_again(
        &answered,
        &session,
        std::slice::from_ref(&right)
    ));
    assert!(!read_again(&Left::default(), &session, &[]));
    assert_eq!(
        taking(&session, &[other.clone(), right.clone()]),
        Taking::Record(&right)
    );
    // A row for an item this course does not ask now is kept (the database stays).
    assert_eq!(
        taking(&session, std::slice::from_ref(&other)),
        Taking::Nothing { forget: false }
    );
    // Once the answer is the player's, the row is not recorded twice and the database may go.
    let commit = session
        .answer(
            right.response.clone(),
            crate::screen::fixture::ids(1),
            right.presented_at,
            right.answered_at,
        )
        .expect("answered");
    session.apply(&commit);
    assert_eq!(
        taking(&session, std::slice::from_ref(&right)),
        Taking::Nothing { forget: true }
    );
}

/// The course log of a learner with no attempt yet in `session`'s package.
fn empty_course(session: &Session) -> crate::course::CourseLog {
    crate::course::CourseLog::new(
        Some(Vec::new()),
        crate::store::snapshot::CourseSnapshot::build(session.manifest(), "l", &[]),
        std::collections::BTreeSet::new(),
        Default::default(),
        Vec::new(),
    )
}

#[test]
fn a_recorded_answer_is_applied_once_and_one_that_could_not_be_stored_is_kept_in_progress() {
    use takeover::{commit, recorded, NotRecorded, Taken};
    let form = demo_form();
    let mut session = opened_as("5f0c7a2e-0000-4000-8000-000000000003", "en");
    let mut course = empty_course(&session);
    let right = given(&session, &form.item_id);
    // The store refused the write: nothing is applied, the answer is kept, the row stays.
    let made = commit(&session, &right, crate::screen::fixture::ids(1)).expect("a commit");
    let refused = Err(NotRecorded::from(crate::store::StoreError::Full));
    let (taken, warning) = recorded(&mut session, &mut course, &right, refused);
    assert_eq!(
        taken,
        Taken {
            commit: None,
            keep: Some(right.response.clone()),
            forget: false,
            elsewhere: None,
        }
    );
    assert_eq!(
        warning.as_deref(),
        Some("the first answer is kept for later: the storage of this device is full")
    );
    assert!(session.attempts().is_empty() && course.attempts().is_empty());
    // Stored: the session and the course hold the attempt, and the module's database may go.
    let (taken, warning) = recorded(&mut session, &mut course, &right, Ok(made.clone()));
    assert_eq!(warning, None);
    assert_eq!(taken.commit.as_ref(), Some(&made));
    assert!(taken.forget && taken.keep.is_none());
    assert_eq!(session.attempts().len(), 1);
    assert_eq!(course.attempts(), std::slice::from_ref(&made.attempt));
    assert_eq!(
        takeover::taking(&session, std::slice::from_ref(&right)),
        takeover::Taking::Nothing { forget: true },
        "not recorded twice"
    );
}

#[test]
fn an_answer_another_tab_recorded_first_is_taken_up_from_the_store_not_kept_in_progress() {
    use takeover::{commit, recorded, NotRecorded, Taken};
    let form = demo_form();
    let mut session = opened_as("5f0c7a2e-0000-4000-8000-000000000004", "en");
    let mut course = empty_course(&session);
    let right = given(&session, &form.item_id);
    commit(&session, &right, crate::screen::fixture::ids(1)).expect("a commit");
    // Two tabs took the same row over; the store refused this one's write as stale.
    let stale = Err(NotRecorded::from(crate::store::StoreError::Stale));
    let (taken, warning) = recorded(&mut session, &mut course, &right, stale);
    assert_eq!(
        taken,
        Taken {
            commit: None,
            keep: None,
            forget: true,
            elsewhere: Some(crate::course::moves::Refused::Answer(form.item_id.clone())),
        },
        "nothing kept in progress: the player takes up the stored place, with the other tab's answer"
    );
    assert_eq!(warning, None, "not a failure to report");
    assert!(
        session.attempts().is_empty() && course.attempts().is_empty(),
        "nothing applied here"
    );
}
