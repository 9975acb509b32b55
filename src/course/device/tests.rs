use super::*;
use crate::screen::fixture::session;
use crate::session::Attempt;

const NOW: EpochMs = 50_000;

fn holder(signs: bool) -> Holder {
    let s = session("practice", "", "en");
    Holder {
        learner: s.learner().clone(),
        identified: true,
        manifest: s.manifest().clone(),
        activity: s.activity().clone(),
        signs,
    }
}

/// Whether the shell answers `effect` with something other than [`Outcome::Done`].
fn waits(effect: &Effect) -> bool {
    matches!(
        effect,
        Effect::CountUnsynced
            | Effect::RemoveLearner
            | Effect::ReadProfiles
            | Effect::ChooseLearner(_)
            | Effect::ReadRecord
            | Effect::Mac(_)
            | Effect::Download(_)
            | Effect::FetchActivities(_)
            | Effect::Import(_)
    )
}

/// The effects from `outcome` on, each answered by `Done`, up to the next one that waits for an outcome
/// or the flow's end (both included).
fn effects(flow: &mut Flow, holder: &Holder, outcome: Outcome) -> Vec<Effect> {
    let mut n = 0;
    let mut new_id = || {
        n += 1;
        format!("00000000-0000-4000-8000-{n:012}")
    };
    let mut out = vec![flow.step(holder, outcome, "en", &mut new_id, NOW)];
    while !matches!(out.last(), Some(e) if waits(e) || *e == Effect::Done) {
        out.push(flow.step(holder, Outcome::Done, "en", &mut new_id, NOW));
    }
    out
}

fn profile(id: &str, name: &str) -> LocalProfile {
    LocalProfile {
        id: id.into(),
        name: name.into(),
    }
}

#[test]
fn unsynced_answers_are_not_removed_unasked() {
    let h = holder(false);
    let mut flow = Flow::remove(false, false);
    assert_eq!(
        effects(&mut flow, &h, Outcome::Done),
        vec![Effect::CountUnsynced]
    );
    assert_eq!(
        effects(&mut flow, &h, Outcome::Count(Ok(3))),
        vec![
            Effect::AskToInsist,
            Effect::Say(Said::Unsynced(3)),
            Effect::Done
        ]
    );
    for (insist, exported) in [(true, false), (false, true)] {
        let mut flow = Flow::remove(insist, exported);
        effects(&mut flow, &h, Outcome::Done);
        assert_eq!(
            effects(&mut flow, &h, Outcome::Count(Ok(3))),
            vec![Effect::RemoveLearner],
            "insisted or downloaded first"
        );
    }
}

#[test]
fn removing_takes_the_resume_form_and_the_learners_entry_then_reloads() {
    let h = holder(false);
    let mut flow = Flow::remove(false, false);
    effects(&mut flow, &h, Outcome::Done);
    let removing = effects(&mut flow, &h, Outcome::Count(Ok(0)));
    assert_eq!(removing, vec![Effect::RemoveLearner]);
    assert_eq!(
        effects(&mut flow, &h, Outcome::Written(Ok(()))),
        vec![Effect::ForgetResume, Effect::ReadProfiles]
    );
    let listed = vec![profile("l1", "Ana"), profile("l2", "Ben")];
    assert_eq!(
        effects(&mut flow, &h, Outcome::Profiles(listed)),
        vec![
            Effect::SaveProfiles(vec![profile("l2", "Ben")]),
            Effect::Say(Said::Removed),
            Effect::Reload,
            Effect::Done
        ]
    );
}

#[test]
fn nothing_is_removed_when_the_count_or_the_removal_fails() {
    let h = holder(false);
    let mut counted = Flow::remove(true, false);
    effects(&mut counted, &h, Outcome::Done);
    assert_eq!(
        effects(&mut counted, &h, Outcome::Count(Err("closed".into()))),
        vec![
            Effect::Say(Said::NothingRemoved("closed".into())),
            Effect::Done
        ]
    );
    let mut removed = Flow::remove(true, false);
    effects(&mut removed, &h, Outcome::Done);
    effects(&mut removed, &h, Outcome::Count(Ok(1)));
    assert_eq!(
        effects(&mut removed, &h, Outcome::Written(Err("aborted".into()))),
        vec![
            Effect::Say(Said::NothingRemoved("aborted".into())),
            Effect::Done
        ]
    );
}

#[test]
fn a_new_learner_is_listed_then_chosen_and_the_player_started_again() {
    let h = holder(false);
    let mut flow = Flow::new_learner("l9".into(), "Zoe".into());
    assert_eq!(
        effects(&mut flow, &h, Outcome::Done),
        vec![Effect::ReadProfiles]
    );
    let listed = effects(&mut flow, &h, Outcome::Profiles(vec![profile("l1", "Ana")]));
    assert_eq!(
        listed,
        vec![
            Effect::SaveProfiles(profiles::add(vec![profile("l1", "Ana")], "l9", "Zoe", "en")),
            Effect::ChooseLearner("l9".into())
        ]
    );
    assert_eq!(
        effects(&mut flow, &h, Outcome::Written(Ok(()))),
        vec![Effect::Reload, Effect::Done]
    );
    let mut refused = Flow::switch_to("l1".into());
    effects(&mut refused, &h, Outcome::Done);
    assert_eq!(
        effects(&mut refused, &h, Outcome::Written(Err("x".into()))),
        vec![Effect::Say(Said::SwitchFailed("x".into())), Effect::Done],
        "no reload: the learner stays"
    );
}

fn record(attempts: Vec<Attempt>) -> Backpack {
    let h = holder(false);
    Backpack::new(&h.learner.id, attempts, Vec::new(), Vec::new(), NOW)
        .with_actor(h.learner.actor.clone())
}

#[test]
fn an_export_is_offered_as_read_or_signed_with_the_operators_key() {
    let text = serde_json::to_string_pretty(&record(Vec::new())).expect("json");
    let plain = holder(false);
    let mut flow = Flow::export();
    assert_eq!(
        effects(&mut flow, &plain, Outcome::Done),
        vec![Effect::ReadRecord]
    );
    let offered = effects(&mut flow, &plain, Outcome::Record(Ok(record(Vec::new()))));
    assert_eq!(offered, vec![Effect::Download(text.clone())]);
    assert!(!flow.exported(), "not before it is offered");
    assert_eq!(
        effects(&mut flow, &plain, Outcome::Written(Ok(()))),
        vec![Effect::Say(Said::Downloaded), Effect::Done]
    );
    assert!(flow.exported());

    let signing = holder(true);
    let mut signed = Flow::export();
    effects(&mut signed, &signing, Outcome::Done);
    let asked = effects(
        &mut signed,
        &signing,
        Outcome::Record(Ok(record(Vec::new()))),
    );
    assert_eq!(asked, vec![Effect::Mac(text.clone())]);
    let mac = "ab".repeat(32);
    let offered = effects(&mut signed, &signing, Outcome::Mac(Ok(mac.clone())));
    let expected = sign(&text, &mac).expect("signable");
    assert_eq!(offered, vec![Effect::Download(expected)]);
}

#[test]
fn an_export_that_cannot_be_read_signed_or_offered_says_why() {
    let plain = holder(false);
    let mut unread = Flow::export();
    effects(&mut unread, &plain, Outcome::Done);
    assert_eq!(
        effects(&mut unread, &plain, Outcome::Record(Err("gone".into()))),
        vec![
            Effect::Say(Said::DownloadFailed("gone".into())),
            Effect::Done
        ]
    );
    let signing = holder(true);
    let mut unsigned = Flow::export();
    effects(&mut unsigned, &signing, Outcome::Done);
    effects(
        &mut unsigned,
        &signing,
        Outcome::Record(Ok(record(Vec::new()))),
    );
    assert_eq!(
        effects(
            &mut unsigned,
            &signing,
            Outcome::Mac(Err("no crypto".into()))
        ),
        vec![
            Effect::Say(Said::DownloadFailed("no crypto".into())),
            Effect::Done
        ]
    );
    let mut blocked = Flow::export();
    effects(&mut blocked, &plain, Outcome::Done);
    effects(
        &mut blocked,
        &plain,
        Outcome::Record(Ok(record(Vec::new()))),
    );
    assert_eq!(
        effects(&mut blocked, &plain, Outcome::Written(Err("popup".into()))),
        vec![
            Effect::Say(Said::DownloadFailed("popup".into())),
            Effect::Done
        ]
    );
    assert!(!blocked.exported());
}

#[test]
fn an_import_is_checked_against_what_the_device_holds_and_said_once_stored() {
    let h = holder(false);
    let text = serde_json::to_string(&record(Vec::new())).expect("json");
    let mut flow = Flow::import(text);
    assert_eq!(
        effects(&mut flow, &h, Outcome::Done),
        vec![Effect::ReadRecord]
    );
    assert_eq!(
        effects(&mut flow, &h, Outcome::Record(Ok(record(Vec::new())))),
        vec![Effect::FetchActivities(Vec::new())],
        "a file without records of other activities fetches none"
    );
    let stored = effects(&mut flow, &h, Outcome::Activities(Vec::new()));
    assert!(matches!(stored[..], [Effect::Import(_)]), "{stored:?}");
    let said = effects(&mut flow, &h, Outcome::Written(Ok(())));
    assert!(
        matches!(&said[0], Effect::Say(Said::Added(added)) if added.answers == 0),
        "{said:?}"
    );
    assert_eq!(said.last(), Some(&Effect::Done));
}

#[test]
fn an_import_refused_whole_stores_nothing() {
    let h = holder(false);
    let mut unparsable = Flow::import("not json".into());
    let said = effects(&mut unparsable, &h, Outcome::Done);
    assert!(matches!(
        said[..],
        [Effect::Say(Said::Unusable(_)), Effect::Done]
    ));

    let mut other = record(Vec::new());
    other.actor = Some(crate::xapi::Actor::account("https://school.example", "l2"));
    let mut theirs = Flow::import(serde_json::to_string(&other).expect("json"));
    effects(&mut theirs, &h, Outcome::Done);
    effects(&mut theirs, &h, Outcome::Record(Ok(record(Vec::new()))));
    let said = effects(&mut theirs, &h, Outcome::Activities(Vec::new()));
    assert!(
        matches!(said[..], [Effect::Say(Said::NotYours(_)), Effect::Done]),
        "{said:?}"
    );

    let mut unheld = Flow::import(serde_json::to_string(&record(Vec::new())).expect("json"));
    effects(&mut unheld, &h, Outcome::Done);
    assert_eq!(
        effects(&mut unheld, &h, Outcome::Record(Err("closed".into()))),
        vec![Effect::Say(Said::Unusable("closed".into())), Effect::Done]
    );

    let mut unstored = Flow::import(serde_json::to_string(&record(Vec::new())).expect("json"));
    effects(&mut unstored, &h, Outcome::Done);
    effects(&mut unstored, &h, Outcome::Record(Ok(record(Vec::new()))));
    effects(&mut unstored, &h, Outcome::Activities(Vec::new()));
    assert_eq!(
        effects(&mut unstored, &h, Outcome::Written(Err("full".into()))),
        vec![Effect::Say(Said::AddFailed("full".into())), Effect::Done]
    );
}

#[test]
fn a_signed_file_must_carry_the_operators_signature_when_there_is_a_key() {
    let text = serde_json::to_string_pretty(&record(Vec::new())).expect("json");
    let mac = "cd".repeat(32);
    let file = sign(&text, &mac).expect("signable");
    let (_, signed) = signed_parts(&file).expect("signed");
    let signing = holder(true);
    let mut good = Flow::import(file.clone());
    assert_eq!(
        effects(&mut good, &signing, Outcome::Done),
        vec![Effect::Mac(signed.clone())]
    );
    assert_eq!(
        effects(&mut good, &signing, Outcome::Mac(Ok(mac.clone()))),
        vec![Effect::ReadRecord]
    );
    let mut bad = Flow::import(file.clone());
    effects(&mut bad, &signing, Outcome::Done);
    assert_eq!(
        effects(&mut bad, &signing, Outcome::Mac(Ok("ef".repeat(32)))),
        vec![Effect::Say(Said::SignatureBad), Effect::Done]
    );
    let mut unchecked = Flow::import(file.clone());
    effects(&mut unchecked, &signing, Outcome::Done);
    assert_eq!(
        effects(
            &mut unchecked,
            &signing,
            Outcome::Mac(Err("no crypto".into()))
        ),
        vec![
            Effect::Say(Said::SignatureUnchecked("no crypto".into())),
            Effect::Done
        ]
    );
    let mut keyless = Flow::import(file);
    assert_eq!(
        effects(&mut keyless, &holder(false), Outcome::Done),
        vec![Effect::ReadRecord],
        "without a key the records are checked one by one"
    );
}
