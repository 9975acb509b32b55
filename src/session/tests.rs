use super::*;
use crate::package::{parse_activity, parse_manifest};

const MANIFEST: &str = r#"{
  "id": "https://example.org/courses/demo", "title": "Demo", "version": "1.0.0", "language": "en",
  "skills": [{"id": "halves", "title": "Halves"}],
  "activities": [{"id": "intro", "file": "content/intro.json", "title": "Intro", "kind": "practice",
                  "skills": ["halves"]}]
}"#;

const ACTIVITY: &str = r#"{
  "id": "intro",
  "items": [
    {"id": "q1", "skills": ["halves"], "stem": "Half of 4?", "hints": ["Split 4 into 2 equal groups.", "2 + 2 = 4"],
     "interaction": {"type": "singleChoice", "correct": "b",
                     "options": [{"id": "a", "text": "1"}, {"id": "b", "text": "2"}]}},
    {"id": "q2", "skills": ["halves"], "stem": "Half of 6?",
     "interaction": {"type": "singleChoice", "correct": "a",
                     "options": [{"id": "a", "text": "3"}, {"id": "b", "text": "2"}]}}
  ]
}"#;

fn learner(id: &str) -> Learner {
    Learner {
        id: id.into(),
        actor: Actor::account("https://school.example", id),
        language: "en".into(),
        launch: None,
    }
}

fn start(stored: Option<Progress>, attempts: Vec<Attempt>) -> Session {
    let manifest = parse_manifest("pkg.json", MANIFEST).unwrap();
    let entry = manifest.activities[0].clone();
    let activity = parse_activity("content/intro.json", ACTIVITY, &entry, &manifest).unwrap();
    Session::resume(manifest, activity, learner("l1"), stored, attempts)
}

fn ids(n: u32) -> CaptureIds {
    CaptureIds {
        attempt_id: format!("att-{n}"),
        statement_id: format!("00000000-0000-4000-8000-00000000000{n}"),
    }
}

fn choice(o: &str) -> Response {
    Response::Choice { option: o.into() }
}

#[test]
fn a_new_learner_starts_at_the_first_item() {
    let s = start(None, vec![]);
    assert_eq!(s.current_item().unwrap().id, "q1");
    assert_eq!(s.position(), (1, 2));
    assert_eq!(s.progress().learner_id, "l1");
}

#[test]
fn answering_does_not_change_the_session_until_applied() {
    let mut s = start(None, vec![]);
    let commit = s.answer(choice("b"), ids(1), 1_000, 4_000).unwrap();
    assert!(s.attempts().is_empty());
    assert!(matches!(s.progress().step, Step::Answering { .. }));
    assert!(commit.attempt.outcome.correct);
    assert_eq!(commit.outbox.len(), 1);
    let statement = commit.outbox[0].statement.value().unwrap();
    assert_eq!(statement["result"]["duration"], "PT3S");
    assert_eq!(statement["id"], "00000000-0000-4000-8000-000000000001");
    s.apply(&commit);
    assert_eq!(s.attempts().len(), 1);
    assert_eq!(s.shown_attempt().unwrap().id, "att-1");
}

#[test]
fn a_second_answer_to_the_same_item_is_refused() {
    let mut s = start(None, vec![]);
    let commit = s.answer(choice("a"), ids(1), 0, 10).unwrap();
    s.apply(&commit);
    assert_eq!(
        s.answer(choice("b"), ids(2), 0, 20).unwrap_err(),
        SessionError::AlreadyAnswered("q1".into())
    );
}

#[test]
fn next_walks_to_the_end() {
    let mut s = start(None, vec![]);
    for (n, o) in [(1, "b"), (2, "a")] {
        let c = s.answer(choice(o), ids(n), 0, 10).unwrap();
        s.apply(&c);
        let p = s.next(11);
        s.set_progress(p);
    }
    assert_eq!(s.progress().step, Step::Finished);
    assert!(s.current_item().is_none());
    assert_eq!(
        s.answer(choice("a"), ids(3), 0, 1).unwrap_err(),
        SessionError::Finished
    );
}

#[test]
fn resume_restores_the_stored_step_exactly() {
    let mut s = start(None, vec![]);
    let c = s.answer(choice("a"), ids(1), 0, 10).unwrap();
    s.apply(&c);
    let resumed = start(Some(s.progress().clone()), s.attempts().to_vec());
    assert_eq!(resumed.progress(), s.progress());
    assert!(!resumed.shown_attempt().unwrap().outcome.correct);
}

#[test]
fn resume_without_progress_derives_it_from_the_attempt_log() {
    let mut s = start(None, vec![]);
    let c = s.answer(choice("b"), ids(1), 0, 10).unwrap();
    s.apply(&c);
    let resumed = start(None, s.attempts().to_vec());
    assert_eq!(resumed.current_item().unwrap().id, "q2");
}

#[test]
fn stored_progress_of_a_removed_item_or_another_learner_is_not_trusted() {
    let mut stale = start(None, vec![]).progress().clone();
    stale.step = Step::Answering {
        solution_shown: false,
        values: Default::default(),
        item_id: "gone".into(),
        hints_shown: 0,
        draft: None,
        reason: None,
    };
    assert_eq!(
        start(Some(stale.clone()), vec![])
            .current_item()
            .unwrap()
            .id,
        "q1"
    );
    stale.step = Step::Answering {
        solution_shown: false,
        values: Default::default(),
        item_id: "q2".into(),
        hints_shown: 0,
        draft: None,
        reason: None,
    };
    stale.learner_id = "someone-else".into();
    assert_eq!(start(Some(stale), vec![]).current_item().unwrap().id, "q1");
}

#[test]
fn attempts_of_other_learners_are_ignored_on_resume() {
    let mut other = start(None, vec![]);
    let c = other.answer(choice("b"), ids(1), 0, 10).unwrap();
    other.apply(&c);
    let mut foreign = other.attempts().to_vec();
    foreign[0].learner_id = "l2".into();
    let s = start(None, foreign);
    assert!(s.attempts().is_empty());
    assert_eq!(s.current_item().unwrap().id, "q1");
}

#[test]
fn the_score_counts_first_attempts_over_all_items() {
    // A check plays every item once: its score is over all of them. (A practice's is over the items
    // answered, since it ends at mastery.)
    let mut practice = start(None, vec![]);
    let c = practice.answer(choice("b"), ids(1), 0, 10).unwrap();
    practice.apply(&c);
    assert_eq!(practice.score(), (1.0, false));
    let mut s = start_with("check", (0.0, 0.0), None, vec![]);
    assert_eq!(s.score(), (0.0, false));
    let c = s.answer(choice("b"), ids(1), 0, 10).unwrap();
    s.apply(&c);
    assert_eq!(s.score(), (0.5, false));
    let p = s.next(11);
    s.set_progress(p);
    let c = s.answer(choice("b"), ids(2), 0, 20).unwrap();
    s.apply(&c);
    assert_eq!(s.score(), (0.5, true));
}

#[test]
fn hints_open_one_tier_at_a_time_and_are_recorded_with_the_attempt() {
    let mut s = start(None, vec![]);
    for expected in 1..=2 {
        let p = s.show_hint(5).expect("a hint is left");
        assert!(
            matches!(&p.step, Step::Answering { item_id, hints_shown, .. } if item_id == "q1" && *hints_shown == expected)
        );
        s.set_progress(p);
    }
    assert!(s.show_hint(6).is_none(), "only two tiers");
    let c = s.answer(choice("b"), ids(1), 0, 10).unwrap();
    assert_eq!(c.attempt.hints_used, 2);
    let st = c.outbox[0].statement.value().unwrap();
    assert_eq!(
        st["result"]["extensions"][crate::xapi::statement::EXT_HINTS_USED],
        2
    );
}

#[test]
fn the_statement_reports_mastery_after_the_answer_and_help_counts_as_not_known() {
    let s = start(None, vec![]);
    let prior = s.model().p_known("halves");
    let unaided = s.answer(choice("b"), ids(1), 0, 10).unwrap();
    let after = unaided.outbox[0].statement.value().unwrap()["result"]["extensions"]
        [crate::xapi::statement::EXT_SKILL_MASTERY]["halves"]
        .as_f64()
        .unwrap();
    assert!(
        after > prior,
        "a correct unaided answer raises P(known): {prior} -> {after}"
    );

    let mut hinted = start(None, vec![]);
    let p = hinted.show_hint(1).unwrap();
    hinted.set_progress(p);
    let c = hinted.answer(choice("b"), ids(2), 0, 10).unwrap();
    let with_help = c.outbox[0].statement.value().unwrap()["result"]["extensions"]
        [crate::xapi::statement::EXT_SKILL_MASTERY]["halves"]
        .as_f64()
        .unwrap();
    assert!(
        with_help < after,
        "a right answer after a hint counts as not known"
    );
}

#[test]
fn the_statement_carries_the_figures_the_stem_drew_with_the_drawn_values() {
    let activity = r#"{"id": "intro", "items": [
      {"id": "q1", "skills": ["halves"], "stem": "What fraction is shaded?",
       "params": {"n": {"oneOf": [4]}, "k": {"range": {"min": 1, "max": 1}}},
       "blocks": [{"type": "fractionModel", "shape": "bar", "parts": "n", "shaded": "k"},
                  {"type": "numberLine", "from": 0, "to": 1, "denominator": "n",
                   "points": [{"at": "k / n", "label": "A"}]}],
       "interaction": {"type": "numeric", "answer": "k / n"}}]}"#;
    let manifest = parse_manifest("pkg.json", MANIFEST).unwrap();
    let entry = manifest.activities[0].clone();
    let activity = parse_activity("content/intro.json", activity, &entry, &manifest).unwrap();
    let s = Session::resume(manifest, activity, learner("l1"), None, vec![]);
    let commit = s
        .answer(
            Response::Number {
                input: "1/4".into(),
            },
            ids(1),
            0,
            10,
        )
        .unwrap();
    let statement = commit.outbox[0].statement.value().unwrap();
    let figures =
        &statement["object"]["definition"]["extensions"][crate::xapi::statement::EXT_FIGURES];
    assert_eq!(
        figures,
        &serde_json::json!([
            {"type": "fractionModel", "shape": "bar", "parts": 4, "shaded": 1},
            {"type": "numberLine", "from": 0, "to": 1, "denominator": 4, "labels": "wholes",
             "marks": [{"step": 1, "label": "A"}]}
        ])
    );
}

#[test]
fn the_model_rebuilt_on_resume_equals_the_live_one() {
    let mut s = start(None, vec![]);
    for (n, o) in [(1, "b"), (2, "b")] {
        let c = s.answer(choice(o), ids(n), 0, 10 * i64::from(n)).unwrap();
        s.apply(&c);
        let p = s.next(11 * i64::from(n));
        s.set_progress(p);
    }
    let resumed = start(Some(s.progress().clone()), s.attempts().to_vec());
    assert_eq!(resumed.model(), s.model());
}

#[test]
fn finishing_the_activity_queues_one_completed_statement() {
    let mut s = start(None, vec![]);
    let c = s.answer(choice("b"), ids(1), 100, 200).unwrap();
    s.apply(&c);
    let p = s.next(300);
    assert!(s.completion(&p, "c-1", 300).is_none(), "not finished yet");
    s.set_progress(p);
    let c = s.answer(choice("b"), ids(2), 400, 500).unwrap();
    s.apply(&c);
    let p = s.next(2_100);
    let row = s
        .completion(&p, "c-2", 2_100)
        .expect("the last Next finishes the activity");
    let st = row.statement.value().unwrap();
    assert_eq!(st["verb"]["id"], crate::xapi::statement::VERB_COMPLETED);
    assert_eq!(
        st["object"]["id"],
        "https://example.org/courses/demo/activities/intro"
    );
    assert_eq!(st["result"]["score"]["scaled"], 0.5);
    assert_eq!(st["result"]["duration"], "PT2S");
    s.set_progress(p.clone());
    assert!(s.completion(&p, "c-3", 2_200).is_none(), "once");
}

#[test]
fn a_draft_answer_is_kept_with_the_place_and_survives_resume_and_hints() {
    let mut s = start(None, vec![]);
    let p = s.save_draft(Some(choice("a")), 5).expect("a new draft");
    s.set_progress(p);
    assert!(
        s.save_draft(Some(choice("a")), 6).is_none(),
        "the same draft changes nothing"
    );
    let p = s.show_hint(7).unwrap();
    s.set_progress(p);
    let resumed = start(Some(s.progress().clone()), vec![]);
    assert!(matches!(
        &resumed.progress().step,
        Step::Answering { draft: Some(d), hints_shown: 1, .. } if d == &choice("a")
    ));
    let c = s.answer(choice("b"), ids(1), 0, 10).unwrap();
    assert!(
        matches!(c.progress.step, Step::Feedback { .. }),
        "submitting replaces the draft"
    );
}

fn start_with(
    kind: &str,
    difficulties: (f64, f64),
    stored: Option<Progress>,
    attempts: Vec<Attempt>,
) -> Session {
    let manifest = parse_manifest(
        "pkg.json",
        &MANIFEST.replace("\"practice\"", &format!("\"{kind}\"")),
    )
    .unwrap();
    let entry = manifest.activities[0].clone();
    let mut activity = parse_activity("content/intro.json", ACTIVITY, &entry, &manifest).unwrap();
    activity.items[0].difficulty = difficulties.0;
    activity.items[1].difficulty = difficulties.1;
    Session::resume(manifest, activity, learner("l1"), stored, attempts)
}

#[test]
fn a_practice_activity_starts_with_the_item_nearest_the_target_and_says_why() {
    // q1 is hard, q2 easy: for a learner who probably does not know the skill yet, q2 is nearer 75%.
    let s = start_with("practice", (2.0, -2.0), None, vec![]);
    let Step::Answering {
        item_id,
        reason: Some(reason),
        ..
    } = &s.progress().step
    else {
        panic!("an adaptive step with a reason: {:?}", s.progress().step);
    };
    assert_eq!(item_id, "q2");
    assert_eq!(reason.item_id, "q2");
    assert!(reason.predicted_success > 0.27, "{reason:?}");
    assert!(reason.text.contains("target"), "{}", reason.text);
    let c = s.answer(choice("a"), ids(1), 0, 10).unwrap();
    let st = c.outbox[0].statement.value().unwrap();
    let sent = &st["context"]["extensions"][crate::xapi::statement::EXT_REASON];
    assert_eq!(sent["itemId"], "q2");
    assert_eq!(sent["text"], reason.text.as_str());
}

#[test]
fn a_check_activity_keeps_the_authors_order() {
    let s = start_with("check", (2.0, -2.0), None, vec![]);
    assert!(
        matches!(&s.progress().step, Step::Answering { item_id, reason: None, .. } if item_id == "q1")
    );
}

#[test]
fn adaptive_choices_replay_identically_from_the_log() {
    let mut s = start_with("practice", (0.5, -0.5), None, vec![]);
    let c = s.answer(choice("a"), ids(1), 0, 10).unwrap();
    s.apply(&c);
    let p = s.next(20);
    s.set_progress(p.clone());
    // Without the stored place, the same log leads to the same choice and the same reason.
    let replayed = start_with("practice", (0.5, -0.5), None, s.attempts().to_vec());
    assert_eq!(replayed.progress().step, p.step);
}

/// A practice activity of `n` single-choice items on two skills, with spread difficulties.
fn long_practice(n: usize) -> (Manifest, Activity) {
    let manifest = parse_manifest(
        "pkg.json",
        r#"{"id": "https://example.org/courses/demo", "title": "Demo", "version": "1.0.0", "language": "en",
        "skills": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}],
        "activities": [{"id": "p", "file": "p.json", "title": "P", "kind": "practice", "skills": ["a", "b"]}]}"#,
    )
    .unwrap();
    let items: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"id": "i{i}", "skills": ["{}"], "difficulty": {}, "stem": "Q{i}", "hints": ["h"],
                "interaction": {{"type": "singleChoice", "correct": "r",
                "options": [{{"id": "r", "text": "right"}}, {{"id": "w", "text": "wrong"}}]}}}}"#,
                if i % 3 == 0 { "b" } else { "a" },
                (i as f64 * 0.7).sin() * 2.0
            )
        })
        .collect();
    let activity = parse_activity(
        "p.json",
        &format!(r#"{{"id": "p", "items": [{}]}}"#, items.join(",")),
        &manifest.activities[0],
        &manifest,
    )
    .unwrap();
    (manifest, activity)
}

#[test]
fn a_practice_ends_when_its_skills_are_mastered_with_items_left() {
    // A faster way to mastery is a shorter practice only if the practice stops there.
    let (manifest, activity) = long_practice(12);
    let mut s = Session::resume(manifest, activity, learner("l1"), None, vec![]);
    let mut n: usize = 0;
    while let Step::Answering { .. } = s.progress().step {
        assert!(
            !s.mastery().mastered,
            "an item is offered only before mastery"
        );
        n += 1;
        let c = s
            .answer(
                choice("r"),
                ids(n as u32),
                n as i64 * 1_000,
                n as i64 * 1_000 + 5_000,
            )
            .unwrap();
        s.apply(&c);
        let p = s.next(n as i64 * 1_000 + 6_000);
        s.set_progress(p);
    }
    assert_eq!(s.progress().step, Step::Finished);
    assert!(s.mastery().mastered);
    assert!(n < 12, "it ended after {n} of 12 items, at mastery");
    // The score is over the items answered: the ones never needed do not count as missed.
    assert_eq!(s.first_tries(), (n, n));
    assert_eq!(s.score(), (1.0, true));
}

#[test]
fn every_decision_of_a_whole_session_replays_from_the_stored_log() {
    let (manifest, activity) = long_practice(12);
    let mut s = Session::resume(
        manifest.clone(),
        activity.clone(),
        learner("l1"),
        None,
        vec![],
    );
    let mut decisions = Vec::new();
    let mut rng = crate::rng::SeededRng::new(7);
    let mut n = 0;
    while let Step::Answering {
        item_id, reason, ..
    } = s.progress().step.clone()
    {
        n += 1;
        decisions.push((item_id.clone(), reason.clone()));
        let option = if rng.next_f64() < 0.6 { "r" } else { "w" };
        let c = s
            .answer(
                choice(option),
                ids(n),
                n as i64 * 1_000,
                n as i64 * 1_000 + 5_000,
            )
            .unwrap();
        assert_eq!(
            c.attempt.reason, reason,
            "the decision is stored with the attempt"
        );
        assert_eq!(c.attempt.skills, s.current_item().unwrap().skills);
        s.apply(&c);
        let p = s.next(n as i64 * 1_000 + 6_000);
        s.set_progress(p);
    }
    // The practice ends at mastery, or when its 12 items are used up before it.
    assert!(decisions.len() >= 4, "{} decisions", decisions.len());
    assert!(
        s.mastery().mastered || decisions.len() == 12,
        "ended at mastery or with the items: {} decisions",
        decisions.len()
    );
    assert!(
        decisions.iter().all(|(_, r)| r.is_some()),
        "every adaptive choice has a reason"
    );
    // Replaying each prefix of the stored log (no stored place) reproduces the decision that followed it.
    let log = s.attempts().to_vec();
    for k in 0..log.len() {
        let replay = Session::resume(
            manifest.clone(),
            activity.clone(),
            learner("l1"),
            None,
            log[..k].to_vec(),
        );
        let Step::Answering {
            item_id, reason, ..
        } = &replay.progress().step
        else {
            panic!("step {k}: {:?}", replay.progress().step);
        };
        assert_eq!(
            (item_id, reason),
            (&decisions[k].0, &decisions[k].1),
            "decision {k}"
        );
    }
}

#[test]
fn accommodations_give_extra_tries_and_an_open_first_hint() {
    let (manifest, activity) = long_practice(3);
    let mut s = Session::resume(manifest, activity, learner("l1"), None, vec![]);
    s.set_accommodations(crate::engine::Accommodations {
        extra_attempts: 1,
        hints_always_on: true,
        ..Default::default()
    });
    assert!(matches!(
        s.progress().step,
        Step::Answering { hints_shown: 1, .. }
    ));
    assert_eq!(s.attempts_allowed(), 2);
    let c = s.answer(choice("w"), ids(1), 0, 5_000).unwrap();
    assert_eq!(c.attempt.hints_used, 1, "the open hint is recorded");
    s.apply(&c);
    assert!(
        s.retry(6_000).is_some(),
        "a second try with the extra attempt"
    );
    assert_eq!(s.tries_left(), Some(1));
    let retried = s.retry(6_000).unwrap();
    s.set_progress(retried);
    assert_eq!(s.tries_left(), None, "no feedback showing");
    let c = s.answer(choice("w"), ids(2), 6_000, 8_000).unwrap();
    s.apply(&c);
    assert_eq!(s.tries_left(), None, "both tries used");
    assert!(s.retry(9_000).is_none());
    let p = s.next(7_000);
    s.set_progress(p);
    assert!(matches!(
        s.progress().step,
        Step::Answering { hints_shown: 1, .. }
    ));
}

#[test]
fn an_answer_faster_than_reading_is_flagged_and_sent() {
    let (manifest, activity) = long_practice(3);
    let s = Session::resume(manifest, activity, learner("l1"), None, vec![]);
    let c = s.answer(choice("r"), ids(1), 0, 100).unwrap();
    assert!(
        matches!(
            c.attempt.warnings.first(),
            Some(crate::engine::EarlyWarning::Guessing { .. })
        ),
        "{:?}",
        c.attempt.warnings
    );
    let st = c.outbox[0].statement.value().unwrap();
    assert_eq!(
        st["result"]["extensions"][crate::xapi::statement::EXT_WARNINGS][0]["signal"],
        "guessing"
    );
}

#[test]
fn when_the_pool_runs_dry_before_mastery_fresh_variants_follow_then_it_ends() {
    let manifest = parse_manifest(
        "pkg.json",
        r#"{"id": "https://example.org/courses/demo", "title": "Demo", "version": "1.0.0", "language": "en",
        "skills": [{"id": "a", "title": "A"}],
        "activities": [{"id": "p", "file": "p.json", "title": "P", "kind": "practice", "skills": ["a"]}]}"#,
    )
    .unwrap();
    let activity = parse_activity(
        "p.json",
        r#"{"id": "p", "items": [
          {"id": "fixed", "skills": ["a"], "stem": "2 + 2?", "interaction": {"type": "numeric", "answer": 4}},
          {"id": "param", "skills": ["a"], "stem": "{x} + 1?", "params": {"x": {"range": {"min": 1, "max": 50}}},
           "interaction": {"type": "numeric", "answer": "x + 1"}}]}"#,
        &manifest.activities[0],
        &manifest,
    )
    .unwrap();
    let mut s = Session::resume(manifest, activity, learner("l1"), None, vec![]);
    let mut shown = Vec::new();
    let mut n = 0;
    while let Step::Answering {
        item_id, values, ..
    } = s.progress().step.clone()
    {
        n += 1;
        shown.push((item_id, values));
        let c = s
            .answer(
                Response::Number { input: "0".into() },
                ids(n),
                0,
                n as i64 * 10_000,
            )
            .unwrap();
        s.apply(&c);
        let p = s.next(n as i64 * 10_000 + 1);
        s.set_progress(p);
        assert!(n <= 6, "bounded: {shown:?}");
    }
    assert_eq!(
        n, 6,
        "three answers per item in all, then it ends unmastered"
    );
    let variants: Vec<_> = shown.iter().filter(|(id, _)| id == "param").collect();
    assert!(variants.len() >= 4);
    let distinct: std::collections::BTreeSet<String> =
        variants.iter().map(|(_, v)| format!("{v:?}")).collect();
    assert!(distinct.len() >= 3, "fresh numbers each time: {distinct:?}");
    // Each fresh variant was evidence: the model saw more than the two first tries.
    assert!(s.model().skill("a").unwrap().attempts >= 5);
}

#[test]
fn a_lesson_starts_at_its_first_page_even_without_a_check_there() {
    let manifest = parse_manifest(
        "pkg.json",
        r#"{"id": "https://example.org/courses/demo", "title": "Demo", "version": "1.0.0", "language": "en",
        "skills": [{"id": "a", "title": "A"}],
        "activities": [{"id": "l", "file": "l.json", "title": "L", "kind": "lesson", "skills": ["a"]}]}"#,
    )
    .unwrap();
    let activity = parse_activity(
        "l.json",
        r#"{"id": "l", "pages": [
            {"id": "intro", "blocks": [{"type": "text", "text": "Read me first."}]},
            {"id": "try", "blocks": [{"type": "check", "item": "c1"}]}],
          "items": [{"id": "c1", "skills": ["a"], "stem": "True?", "interaction": {"type": "trueFalse", "correct": true}}]}"#,
        &manifest.activities[0],
        &manifest,
    )
    .unwrap();
    let mut s = Session::resume(manifest, activity, learner("l1"), None, vec![]);
    assert_eq!(
        s.progress().step,
        Step::Reading {
            page_id: "intro".into()
        }
    );
    assert_eq!(s.page(), Some((0, 2)));
    let p = s.next(10);
    s.set_progress(p);
    assert!(matches!(&s.progress().step, Step::Answering { item_id, .. } if item_id == "c1"));
    let c = s
        .answer(Response::Bool { value: true }, ids(1), 10, 5_000)
        .unwrap();
    s.apply(&c);
    let p = s.next(6_000);
    assert_eq!(p.step, Step::Finished);
}

/// `Progress` as serde's `#[serde(flatten)]` reads it: the reader that `Progress` replaced.
#[derive(Debug, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct FlattenedProgress {
    learner_id: String,
    package_id: String,
    activity_id: String,
    #[serde(flatten)]
    step: Step,
    updated_at: crate::time::EpochMs,
}

#[test]
fn stored_progress_reads_as_the_flattened_record_did() {
    let head = r#""learnerId":"l","packageId":"p","activityId":"a","updatedAt":7"#;
    let cases = [
        r#""step":"answering","itemId":"q1""#,
        r#""step":"answering","itemId":"q1","hintsShown":2,"solutionShown":true,"values":{"a":1.5},"draft":{"type":"choice","option":"b"}"#,
        r#""itemId":"q1","step":"answering","hintsShown":1"#,
        r#""step":"reading","pageId":"p1""#,
        r#""step":"feedback","itemId":"q1","attemptId":"t1""#,
        r#""step":"finished""#,
        r#""step":"finished","extra":[1,{"x":null}]"#,
        r#""step":"answering""#,
        r#""step":"feedback","itemId":"q1""#,
        r#""step":"reading""#,
        r#""step":"lost""#,
        r#""itemId":"q1""#,
        r#""step":"answering","itemId":"q1","hintsShown":"two""#,
        r#""step":"answering","itemId":7"#,
    ];
    let mut ok = 0;
    for case in cases {
        let json = format!("{{{head},{case}}}");
        let ours = serde_json::from_str::<Progress>(&json);
        // The player's reader (beside Progress) reads exactly what serde's reads.
        let read = crate::json::from_str::<Progress>(&json);
        assert_eq!(
            read.as_ref().ok(),
            ours.as_ref().ok(),
            "{json}: reader {read:?}"
        );
        let flat = serde_json::from_str::<FlattenedProgress>(&json);
        match (&ours, &flat) {
            (Ok(p), Ok(f)) => {
                ok += 1;
                assert_eq!(
                    (
                        &p.learner_id,
                        &p.package_id,
                        &p.activity_id,
                        &p.step,
                        p.updated_at
                    ),
                    (
                        &f.learner_id,
                        &f.package_id,
                        &f.activity_id,
                        &f.step,
                        f.updated_at
                    ),
                    "{json}"
                );
                let again: Progress =
                    serde_json::from_str(&serde_json::to_string(p).unwrap()).unwrap();
                assert_eq!(&again, p, "{json}");
            }
            (Err(_), Err(_)) => {}
            _ => panic!("{json}: ours {ours:?}, flattened {flat:?}"),
        }
    }
    assert_eq!(ok, 7, "the valid cases all read");
}

#[test]
fn the_mastery_threshold_is_the_activitys_then_the_packages() {
    assert_eq!(start(None, vec![]).mastery_threshold(), 0.95, "the default");
    let own = |manifest: &str| {
        let manifest = parse_manifest("pkg.json", manifest).unwrap();
        let entry = manifest.activities[0].clone();
        let activity = parse_activity("content/intro.json", ACTIVITY, &entry, &manifest).unwrap();
        Session::resume(manifest, activity, learner("l1"), None, vec![]).mastery_threshold()
    };
    let package = MANIFEST.replace(
        r#""language": "en","#,
        r#""language": "en", "settings": {"masteryThreshold": 0.8},"#,
    );
    assert_eq!(own(&package), 0.8, "the package's own threshold");
    let activity = package.replace(
        r#""skills": ["halves"]}]"#,
        r#""skills": ["halves"], "mastery": {"rule": "bkt", "threshold": 0.9}}]"#,
    );
    assert_eq!(own(&activity), 0.9, "the activity's rule comes first");
}

#[test]
fn a_right_answer_leaves_no_try_to_offer() {
    let mut s = start(None, vec![]);
    let c = s.answer(choice("b"), ids(1), 0, 10).unwrap();
    s.apply(&c);
    assert!(c.attempt.outcome.correct);
    assert_eq!(s.tries_left(), None);
    assert!(s.retry(20).is_none());
}

#[test]
fn a_fitted_new_version_keeps_the_stored_answers_and_reads_them_with_the_items_values() {
    let mut s = start_with("practice", (0.0, 0.0), None, vec![]);
    let Step::Answering { item_id, .. } = s.progress().step.clone() else {
        panic!("an item to answer");
    };
    let right = if item_id == "q1" { "b" } else { "a" };
    let c = s.answer(choice(right), ids(1), 0, 10_000).unwrap();
    s.apply(&c);
    let stored = s.attempts().to_vec();
    // What `pacer fit` writes: a new version, the items' own values.
    let manifest = parse_manifest("pkg.json", &MANIFEST.replace("\"1.0.0\"", "\"1.0.1\"")).unwrap();
    let entry = manifest.activities[0].clone();
    let mut activity = parse_activity("content/intro.json", ACTIVITY, &entry, &manifest).unwrap();
    for (item, (g, sl, t)) in activity
        .items
        .iter_mut()
        .zip([(0.05, 0.1, 0.3), (0.3, 0.2, 0.05)])
    {
        (item.guess, item.slip, item.learn) = (Some(g), Some(sl), Some(t));
    }
    let fitted = Session::resume(manifest, activity, learner("l1"), None, stored.clone());
    assert_eq!(
        fitted.attempts(),
        &stored[..],
        "stored answers survive the version change"
    );
    let step = fitted.model().params().for_item("halves", &item_id);
    let expected = step.update(0.1, true);
    assert!((fitted.model().p_known("halves") - expected).abs() < 1e-15);
    assert_ne!(
        fitted.model().p_known("halves"),
        s.model().p_known("halves")
    );
    let Step::Answering {
        reason: Some(reason),
        ..
    } = &fitted.progress().step
    else {
        panic!("an adaptive step with a reason");
    };
    let numbers = reason.numbers.expect("the numbers of the choice");
    assert_eq!(numbers.source, crate::engine::ValueSource::Item);
}

/// Answers the one item of `interaction` with `response` and returns the queued answered statement.
fn answered_statement(interaction: &str, response: Response) -> serde_json::Value {
    let activity = format!(
        r#"{{"id": "intro", "items": [
      {{"id": "q1", "skills": ["halves"], "stem": "Answer", "interaction": {interaction}}}]}}"#
    );
    let manifest = parse_manifest("pkg.json", MANIFEST).unwrap();
    let entry = manifest.activities[0].clone();
    let activity = parse_activity("content/intro.json", &activity, &entry, &manifest).unwrap();
    let s = Session::resume(manifest, activity, learner("l1"), None, vec![]);
    let commit = s.answer(response, ids(1), 0, 10).unwrap();
    commit.outbox[0].statement.value().unwrap()
}

#[test]
fn a_hottext_statement_names_its_phrases_as_choices() {
    let several = answered_statement(
        r#"{"type": "hottext", "text": "She [[sang]] and [[danced]] all [[night]].",
            "options": [{"id": "sang", "text": "sang"}, {"id": "danced", "text": "danced"},
                        {"id": "night", "text": "night"}],
            "correct": ["sang", "danced"]}"#,
        Response::Choices {
            options: vec!["sang".into(), "night".into()],
        },
    );
    let definition = &several["object"]["definition"];
    assert_eq!(definition["interactionType"], "choice");
    assert_eq!(
        definition["correctResponsesPattern"],
        serde_json::json!(["sang[,]danced"])
    );
    assert_eq!(definition["choices"][2]["id"], "night");
    assert_eq!(definition["choices"][2]["description"]["en"], "night");
    assert_eq!(several["result"]["response"], "sang[,]night");
    assert_eq!(several["result"]["success"], false);
    let one = answered_statement(
        r#"{"type": "hottext", "text": "The dog [[ran]] to the [[park]].",
            "options": [{"id": "ran", "text": "ran"}, {"id": "park", "text": "park"}],
            "correct": "ran"}"#,
        Response::Choice {
            option: "ran".into(),
        },
    );
    assert_eq!(
        one["object"]["definition"]["correctResponsesPattern"],
        serde_json::json!(["ran"])
    );
    assert_eq!(one["result"]["response"], "ran");
    assert_eq!(one["result"]["success"], true);
}

#[test]
fn a_drag_to_image_statement_matches_targets_to_labels() {
    let statement = answered_statement(
        r#"{"type": "dragToImage", "image": "media/plant.svg", "alt": "A plant", "width": 400,
            "height": 300,
            "targets": [{"id": "top", "text": "the top", "x": 200, "y": 20, "answer": "flower"},
                        {"id": "bottom", "text": "the bottom", "x": 200, "y": 280, "answer": "root"}],
            "labels": [{"id": "flower", "text": "flower"}, {"id": "root", "text": "root"},
                       {"id": "leaf", "text": "leaf"}]}"#,
        Response::Pairs {
            pairs: [("top", "flower"), ("bottom", "leaf")]
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        },
    );
    let definition = &statement["object"]["definition"];
    assert_eq!(definition["interactionType"], "matching");
    assert_eq!(
        definition["correctResponsesPattern"],
        serde_json::json!(["top[.]flower[,]bottom[.]root"])
    );
    assert_eq!(definition["source"][0]["id"], "top");
    assert_eq!(definition["source"][0]["description"]["en"], "the top");
    assert_eq!(definition["target"][2]["id"], "leaf");
    assert_eq!(
        statement["result"]["response"],
        "bottom[.]leaf[,]top[.]flower"
    );
    assert_eq!(statement["result"]["success"], false);
}

#[test]
fn the_host_pages_events_carry_the_answer_and_the_activitys_own_threshold() {
    let manifest = MANIFEST
        .replace(
            r#""language": "en","#,
            r#""language": "en", "settings": {"masteryThreshold": 0.8},"#,
        )
        .replace(
            r#""skills": ["halves"]}]"#,
            r#""skills": ["halves"], "mastery": {"rule": "bkt", "threshold": 0.9}}]"#,
        );
    let manifest = parse_manifest("pkg.json", &manifest).unwrap();
    let entry = manifest.activities[0].clone();
    let activity = parse_activity("content/intro.json", ACTIVITY, &entry, &manifest).unwrap();
    let mut s = Session::resume(manifest, activity, learner("l1"), None, vec![]);
    let item = s.current_item().unwrap().id.clone();
    let right = if item == "q1" { "b" } else { "a" };
    let c = s.answer(choice(right), ids(1), 0, 10).unwrap();
    s.apply(&c);
    let p_known = s.model().p_known("halves");
    let attempt = serde_json::to_value(s.attempt_event(&c.attempt)).unwrap();
    assert_eq!(
        attempt,
        serde_json::json!({"itemId": item, "correct": true, "score": 1.0, "hintsUsed": 0,
                           "mastery": {"halves": p_known}})
    );
    let mastery = serde_json::to_value(s.mastery_event(&c.attempt)).unwrap();
    assert_eq!(
        mastery,
        serde_json::json!({"skills": {"halves": p_known}, "threshold": 0.9}),
        "the activity's rule, not 0.95"
    );
}

#[test]
fn the_ready_and_completed_events_say_who_where_and_how_far() {
    let mut s = start(None, vec![]);
    let ready = serde_json::to_value(s.ready_event()).unwrap();
    assert_eq!(
        ready,
        serde_json::json!({
            "learner": serde_json::to_value(&s.learner().actor).unwrap(),
            "activity": "intro", "score": 0.0, "finished": false
        })
    );
    assert_eq!(ready["learner"]["account"]["name"], "l1");
    for n in [1, 2] {
        let item = s.current_item().unwrap().id.clone();
        let option = if item == "q1" { "b" } else { "a" };
        let c = s.answer(choice(option), ids(n), 0, 10).unwrap();
        s.apply(&c);
        let next = s.next(20);
        s.set_progress(next);
    }
    assert_eq!(s.progress().step, Step::Finished);
    assert_eq!(
        serde_json::to_value(s.completed_event()).unwrap(),
        serde_json::json!({"activity": "intro", "score": 1.0})
    );
    assert_eq!(
        serde_json::to_value(s.ready_event()).unwrap()["finished"],
        true
    );
}
