use super::{learners, panel, MAX_NAME};
use crate::i18n::t;
use crate::screen::device::Learners;
use crate::view::probe::{by_class, by_tag, element, kids};

#[test]
fn the_panel_holds_every_control_the_shell_wires_by_class_labelled_in_the_learners_language() {
    let p = panel("es");
    assert_eq!((p.tag, p.get("class")), ("details", Some("device")));
    let classes: Vec<Option<&str>> = kids(&p).iter().map(|k| k.get("class")).collect();
    assert_eq!(
        classes,
        [
            None,
            Some("storage"),
            Some("profiles"),
            Some("secondary export"),
            Some("import"),
            Some("secondary remove"),
            Some("confirm"),
            Some("device-message"),
        ]
    );
    let summary = kids(&p)[0];
    assert_eq!(summary.tag, "summary");
    assert_eq!(summary.text_content(), t("es", "device"));
    // Labels are marked so a language switch relabels them in place.
    for key in [
        "device",
        "device-export",
        "device-import",
        "device-remove",
        "device-remove-anyway",
    ] {
        assert!(
            all(&p)
                .iter()
                .any(|e| e.get("data-i18n") == Some(key) && e.text_content() == t("es", key)),
            "{key} is labelled and marked"
        );
    }
    for button in [&by_class(&p, "export")[0], &by_class(&p, "remove")[0]] {
        assert_eq!((button.tag, button.get("type")), ("button", Some("button")));
    }
    let file = by_tag(by_class(&p, "import")[0], "input")[0];
    assert_eq!(file.get("type"), Some("file"));
    assert_eq!(file.get("accept"), Some("application/json,.json"));
    // "Remove anyway" waits, hidden, until removing asks first.
    let confirm = by_class(&p, "confirm")[0];
    assert_eq!(confirm.get("hidden"), Some(""));
    let anyway = by_class(confirm, "remove-anyway")[0];
    assert_eq!(
        (anyway.tag, anyway.get("type")),
        ("input", Some("checkbox"))
    );
    // The status line is announced politely, and empty until something is said.
    let status = by_class(&p, "device-message")[0];
    assert_eq!(status.get("role"), Some("status"));
    assert_eq!(status.text_content(), "");
    assert_eq!(by_class(&p, "storage")[0].text_content(), "");
}

/// Every element of `e`, itself included.
fn all(e: &crate::view::Element) -> Vec<&crate::view::Element> {
    let mut out = vec![e];
    for n in &e.children {
        if let crate::view::Node::Element(k) = n {
            out.extend(all(k));
        }
    }
    out
}

#[test]
fn the_learners_part_names_who_learns_then_a_button_per_other_then_a_new_learner() {
    let listed = Learners {
        now: "Learning now: Ana".into(),
        others: vec![
            ("b".into(), "Continue as Ben".into()),
            ("c".into(), "Continue as Chloé".into()),
        ],
    };
    let nodes = learners(&listed, "en");
    let parts: Vec<_> = nodes.iter().map(element).collect();
    assert_eq!(parts.len(), 5);
    assert_eq!((parts[0].tag, parts[0].get("class")), ("p", Some("who")));
    assert_eq!(parts[0].text_content(), "Learning now: Ana");
    let switches: Vec<String> = parts[1..3]
        .iter()
        .map(|b| {
            assert_eq!(b.get("class"), Some("secondary switch"));
            assert_eq!(b.get("type"), Some("button"));
            b.text_content()
        })
        .collect();
    assert_eq!(switches, ["Continue as Ben", "Continue as Chloé"]);
    assert!(
        parts.iter().all(|p| p.get("data-learner").is_none()),
        "ids stay in the shell, not in the page"
    );
    let name = by_tag(parts[3], "input")[0];
    assert_eq!(parts[3].get("class"), Some("new-name"));
    assert_eq!(name.get("type"), Some("text"));
    assert_eq!(name.get("maxlength"), Some(MAX_NAME.to_string().as_str()));
    assert_eq!(parts[3].text_content(), t("en", "new-learner-name"));
    assert_eq!(parts[4].get("class"), Some("secondary new-learner"));
    assert_eq!(parts[4].text_content(), t("en", "new-learner"));
    let alone = Learners {
        now: "Learning now: Ana".into(),
        others: Vec::new(),
    };
    assert_eq!(learners(&alone, "en").len(), 3, "no one to continue as");
}
