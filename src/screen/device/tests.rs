use super::*;
use crate::store::backpack::Merge;

#[test]
fn the_storage_line_gives_megabytes_and_whether_the_browser_keeps_them() {
    let kept = Storage {
        used: Some(1_572_864.0),
        quota: Some(314_572_800.0),
        persisted: true,
    };
    assert_eq!(
        kept.line("en"),
        "Storage: 1.5 MB used of 300.0 MB; the browser will keep it."
    );
    let unknown = Storage {
        used: None,
        quota: None,
        persisted: false,
    };
    assert_eq!(
        unknown.line("es"),
        tf(
            "es",
            "storage",
            &[
                ("used", "?"),
                ("quota", "?"),
                ("kept", t("es", "storage-may-clear"))
            ]
        )
    );
}

#[test]
fn the_learners_list_names_who_is_learning_and_offers_the_others_in_order() {
    let profiles = [("b", "Ben"), ("a", "Ana"), ("c", "Chloé")];
    let listed = Learners::of(profiles, "a", "en");
    assert_eq!(listed.now, "Learning now: Ana");
    assert_eq!(
        listed.others,
        [
            ("b".to_owned(), "Continue as Ben".to_owned()),
            ("c".to_owned(), "Continue as Chloé".to_owned())
        ]
    );
    let alone = Learners::of([("a", "Ana")], "a", "es");
    assert_eq!(alone.now, tf("es", "learning-now", &[("name", "Ana")]));
    assert!(alone.others.is_empty());
}

#[test]
fn removing_asks_first_while_work_is_unsynced_and_not_downloaded() {
    assert_eq!(removal(0, false, false), Removal::Go, "all synced");
    assert_eq!(removal(3, false, false), Removal::Ask(Said::Unsynced(3)));
    assert_eq!(removal(3, true, false), Removal::Go, "downloaded first");
    assert_eq!(removal(3, false, true), Removal::Go, "the learner insists");
    assert_eq!(
        Said::Unsynced(3).text("en"),
        "Nothing was removed: 3 records of your work are not synced yet. Download your record first, or tick the box below and press the button again."
    );
    assert!(Said::Removed.reloads());
    assert_eq!(Said::Unsynced(3).refused(), None);
}

fn added(refused: Refused, changed: bool) -> Said {
    Said::Added(Added {
        answers: 4,
        records: 6,
        skipped: 1,
        refused,
        changed,
    })
}

#[test]
fn an_import_says_what_it_added_and_refused_and_reloads_only_when_the_course_changed() {
    let said = added(Refused::default(), true);
    assert_eq!(
        said.text("en"),
        "Added 4 answers and 6 records; 1 were already on this device.  Reloading…"
    );
    assert_eq!(said.refused().as_deref(), Some("0"));
    assert!(said.reloads());
    let refused = Refused {
        other_learner: 1,
        other_package: 0,
        not_in_package: 2,
        altered: 1,
    };
    let said = added(refused, false);
    let text = said.text("es");
    assert!(text.starts_with(&tf(
        "es",
        "record-added",
        &[("answers", "4"), ("records", "6"), ("skipped", "1")]
    )));
    assert!(text.contains(&tf(
        "es",
        "record-refused",
        &[
            ("n", "4"),
            ("learner", "1"),
            ("package", "0"),
            ("unknown", "2"),
            ("altered", "1")
        ]
    )));
    assert!(!text.contains(t("es", "reloading")));
    assert_eq!(said.refused().as_deref(), Some("4"));
    assert!(!said.reloads(), "nothing new: no reload");
}

#[test]
fn what_an_import_adds_is_counted_from_its_merge() {
    let nothing = Import::default();
    let a = Added::of(&nothing);
    assert_eq!(
        (a.answers, a.records, a.skipped, a.changed),
        (0, 0, 0, false)
    );
    let skipped = Import {
        merge: Merge {
            skipped: 5,
            ..Merge::default()
        },
        refused: Refused {
            altered: 2,
            ..Refused::default()
        },
    };
    let a = Added::of(&skipped);
    assert_eq!((a.skipped, a.refused.total(), a.changed), (5, 2, false));
}

#[test]
fn a_refusal_of_the_whole_file_says_so_and_marks_it_all() {
    for said in [
        Said::SignatureBad,
        Said::NotYours("ana on https://lms".into()),
        Said::AddFailed("quota".into()),
    ] {
        assert_eq!(said.refused().as_deref(), Some("all"), "{said:?}");
        assert!(!said.reloads());
    }
    assert_eq!(
        Said::NotYours("ana on https://lms".into()).text("en"),
        "This record belongs to another learner (ana on https://lms); nothing was added."
    );
    // A signature that could not be checked, or a file that cannot be read, leaves the verdict unset.
    assert_eq!(Said::SignatureUnchecked("no crypto".into()).refused(), None);
    assert_eq!(
        Said::SignatureUnchecked("no crypto".into()).text("en"),
        "The record could not be added: no crypto"
    );
    assert_eq!(
        Said::Unusable("line 1: not JSON".into()).text("es"),
        "line 1: not JSON"
    );
    assert_eq!(Said::FileUnreadable("gone".into()).refused(), None);
}

#[test]
fn every_message_has_words_in_english_and_spanish() {
    let all = [
        Said::ProfilesFailed("e".into()),
        Said::SwitchFailed("e".into()),
        Said::Downloaded,
        Said::DownloadFailed("e".into()),
        Said::FileUnreadable("e".into()),
        Said::SignatureBad,
        Said::SignatureUnchecked("e".into()),
        Said::NotYours("e".into()),
        added(Refused::default(), false),
        Said::AddFailed("e".into()),
        Said::Unsynced(2),
        Said::NothingRemoved("e".into()),
        Said::Removed,
    ];
    for said in all {
        let (en, es) = (said.text("en"), said.text("es"));
        assert!(!en.is_empty() && !en.contains('{'), "{said:?}: {en}");
        assert!(!es.contains('{'), "{said:?}: {es}");
        assert_ne!(en, es, "{said:?} is said in Spanish too");
    }
}
