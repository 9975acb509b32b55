use super::{goal, reflection, GOAL_DAYS, GOAL_HEADING, GOAL_TARGET, REFLECT_HEADING};
use crate::i18n::t;
use crate::journal::Prompt;
use crate::screen::journal::{GoalForm, GoalSection, ReflectionSection, Standing};
use crate::view::probe::{by_class, by_tag, kids};

fn form(folded: bool) -> GoalForm {
    GoalForm {
        folded,
        targets: vec![
            ("count:1".into(), "1 skill".into()),
            ("skill:halves".into(), "Halves".into()),
        ],
        spans: vec![("7".into(), "In one week".into())],
    }
}

#[test]
fn without_a_goal_the_section_says_so_and_the_form_is_open() {
    let section = GoalSection {
        status: "No goal yet".into(),
        standing: None,
        form: Some(form(false)),
    };
    let s = goal(&section, "en");
    assert_eq!((s.tag, s.get("class")), ("section", Some("goal")));
    assert_eq!(s.get("aria-labelledby"), Some(GOAL_HEADING));
    let parts = kids(&s);
    assert_eq!(parts[0].tag, "h3");
    assert_eq!(parts[0].get("id"), Some(GOAL_HEADING));
    assert_eq!(
        parts[0].get("tabindex"),
        Some("-1"),
        "focus goes there once saved"
    );
    assert_eq!(parts[0].text_content(), t("en", "goal-heading"));
    assert_eq!(parts[1].text_content(), "No goal yet");
    assert_eq!(parts[1].get("data-done"), None);
    assert!(by_tag(&s, "progress").is_empty());
    assert!(by_tag(&s, "details").is_empty(), "not folded");
    assert_eq!(parts[2].get("class"), Some("goal-form"));
    let selects = by_tag(&s, "select");
    let ids: Vec<_> = selects.iter().map(|x| x.get("id")).collect();
    assert_eq!(ids, [Some(GOAL_TARGET), Some(GOAL_DAYS)]);
    let values: Vec<_> = by_tag(selects[0], "option")
        .iter()
        .map(|o| (o.get("value").unwrap_or(""), o.text_content()))
        .collect();
    assert_eq!(
        values,
        [
            ("count:1", "1 skill".to_owned()),
            ("skill:halves", "Halves".to_owned())
        ]
    );
    let labels: Vec<_> = by_tag(&s, "label").iter().map(|l| l.get("for")).collect();
    assert_eq!(labels, [Some(GOAL_TARGET), Some(GOAL_DAYS)]);
    let submit = by_class(&s, "set-goal")[0];
    assert_eq!(submit.get("type"), Some("submit"));
    assert_eq!(by_class(&s, "form-status")[0].get("role"), Some("status"));
}

#[test]
fn a_running_goal_shows_its_bar_and_skills_and_folds_the_form() {
    let section = GoalSection {
        status: "1 of 2".into(),
        standing: Some(Standing {
            done: 1,
            target: 2,
            skills: vec![("halves".into(), "Halves".into())],
        }),
        form: Some(form(true)),
    };
    let s = goal(&section, "es");
    let status = by_class(&s, "goal-status")[0];
    assert_eq!(status.get("data-done"), Some("1"));
    assert_eq!(status.get("data-target"), Some("2"));
    let bar = by_class(&s, "goal-bar")[0];
    assert_eq!(bar.tag, "progress");
    assert_eq!((bar.get("max"), bar.get("value")), (Some("2"), Some("1")));
    assert_eq!(bar.get("aria-labelledby"), Some(GOAL_HEADING));
    let skill = by_tag(by_class(&s, "goal-skills")[0], "li")[0];
    assert_eq!(skill.get("data-skill"), Some("halves"));
    assert_eq!(skill.text_content(), "Halves");
    let folded = by_class(&s, "goal-new")[0];
    assert_eq!(folded.tag, "details");
    assert_eq!(kids(folded)[0].text_content(), t("es", "goal-new"));
    assert_eq!(by_class(folded, "goal-form").len(), 1, "the form is inside");
    // A goal with nothing mastered yet lists no skills; with every skill mastered, no form.
    let bare = GoalSection {
        standing: Some(Standing {
            done: 0,
            target: 2,
            skills: Vec::new(),
        }),
        form: None,
        ..section
    };
    let s = goal(&bare, "en");
    assert!(by_class(&s, "goal-skills").is_empty());
    assert!(by_tag(&s, "form").is_empty());
}

#[test]
fn the_reflection_section_asks_its_prompt_and_folds_what_was_written() {
    let section = ReflectionSection {
        prompt: Prompt::WhatLearned,
        question: "What do you understand now?".into(),
        written: vec![(
            Prompt::WhatHelped,
            "What helped?".into(),
            "The <b>hints</b>".into(),
        )],
        max_chars: 1000,
    };
    let s = reflection(&section, "en");
    assert_eq!((s.tag, s.get("class")), ("section", Some("reflection")));
    assert_eq!(s.get("aria-labelledby"), Some(REFLECT_HEADING));
    assert_eq!(kids(&s)[0].get("id"), Some(REFLECT_HEADING));
    let form = by_class(&s, "reflection-form")[0];
    assert_eq!(form.get("data-prompt"), Some("reflect-learned"));
    let label = by_tag(form, "label")[0];
    assert_eq!(label.text_content(), "What do you understand now?");
    assert_eq!(label.get("for"), Some("reflection-text"));
    let area = by_tag(form, "textarea")[0];
    assert_eq!(area.get("id"), Some("reflection-text"));
    assert_eq!(area.get("maxlength"), Some("1000"));
    assert_eq!(area.get("aria-describedby"), Some("reflection-hint"));
    assert_eq!(
        by_class(form, "hint-text")[0].get("id"),
        Some("reflection-hint")
    );
    assert_eq!(
        by_class(form, "save-reflection")[0].get("type"),
        Some("submit")
    );
    let mine = by_class(&s, "my-reflections")[0];
    assert_eq!(mine.tag, "details");
    let item = by_tag(mine, "li")[0];
    assert_eq!(item.get("data-prompt"), Some("reflect-helped"));
    // What the learner wrote is text, never markup.
    assert_eq!(
        by_class(item, "reflection-text")[0].text_content(),
        "The <b>hints</b>"
    );
    assert!(by_tag(item, "b").is_empty());
    let first = ReflectionSection {
        written: Vec::new(),
        ..section
    };
    assert!(by_class(&reflection(&first, "en"), "my-reflections").is_empty());
}
