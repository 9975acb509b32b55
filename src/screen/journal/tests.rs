use super::*;
use crate::package::parse_manifest;

fn demo() -> Manifest {
    parse_manifest("pkg.json", include_str!("../../../pkg.json")).expect("the demo")
}

fn working(mastered: &[&str], target: u32, days_left: u32) -> GoalProgress {
    GoalProgress {
        mastered: mastered.iter().map(|s| (*s).to_owned()).collect(),
        target,
        state: GoalState::Working { days_left },
    }
}

const DAY: EpochMs = 86_400_000;

#[test]
fn the_goal_line_says_where_a_running_goal_stands_in_the_learners_language() {
    let goal = working(&["unit-fractions"], 2, 3);
    assert_eq!(
        goal_line(Some(&goal), "en", 0),
        "My goal: 1 of 2 skills. 3 days to go."
    );
    assert_eq!(
        goal_line(Some(&goal), "es", 0),
        "Mi meta: 1 de 2 habilidades. Quedan 3 días."
    );
    assert_eq!(goal_line(None, "en", 0), "", "no goal, no line");
}

#[test]
fn a_reached_goal_shows_for_a_day_and_a_closed_one_not_at_all() {
    let reached = GoalProgress {
        state: GoalState::Reached { at: 10 * DAY },
        ..working(&["a", "b"], 2, 0)
    };
    assert_eq!(
        goal_line(Some(&reached), "en", 10 * DAY + DAY - 1),
        t("en", "goal-line-reached")
    );
    assert_eq!(goal_line(Some(&reached), "en", 11 * DAY), "");
    let closed = GoalProgress {
        state: GoalState::Closed,
        ..working(&["a"], 2, 0)
    };
    assert_eq!(goal_line(Some(&closed), "en", 0), "");
}

#[test]
fn without_a_goal_the_section_invites_one_and_offers_every_open_skill() {
    let m = demo();
    let section = GoalSection::of(None, &m, &BTreeSet::new(), "en");
    assert_eq!(section.status, t("en", "goal-none"));
    assert_eq!(section.standing, None);
    let form = section.form.expect("skills are left to master");
    assert!(!form.folded, "no goal runs: the form is open");
    let values: Vec<&str> = form.targets.iter().map(|(v, _)| v.as_str()).collect();
    // A few skills at a time (at most three), then each skill by name.
    assert_eq!(
        &values[..4],
        ["count:1", "count:2", "count:3", "skill:unit-fractions"]
    );
    assert_eq!(values.len(), 3 + m.skills.len());
    assert_eq!(form.targets[1].1, "2 skills");
    assert_eq!(
        form.spans,
        [
            ("7".to_owned(), t("en", "goal-week").to_owned()),
            ("14".to_owned(), t("en", "goal-two-weeks").to_owned())
        ]
    );
}

#[test]
fn a_running_goal_shows_its_numbers_and_skills_and_folds_the_form_away() {
    let m = demo();
    let goal = working(&["unit-fractions"], 2, 5);
    let mastered: BTreeSet<String> = ["unit-fractions".to_owned()].into();
    let section = GoalSection::of(Some(&goal), &m, &mastered, "es");
    assert_eq!(
        section.status,
        "Has dominado 1 de 2 habilidades de tu meta. Quedan 5 días."
    );
    let standing = section.standing.expect("a goal");
    assert_eq!((standing.done, standing.target), (1, 2));
    assert_eq!(
        standing.skills,
        [(
            "unit-fractions".to_owned(),
            m.skill_title("unit-fractions", "es")
        )]
    );
    let form = section.form.expect("skills are left");
    assert!(form.folded);
    assert!(
        !form
            .targets
            .iter()
            .any(|(v, _)| v == "skill:unit-fractions"),
        "a mastered skill is not offered"
    );
    assert_eq!(form.spans[0].1, "En una semana");
}

#[test]
fn a_reached_or_closed_goal_is_worded_and_leaves_the_form_open() {
    let m = demo();
    let reached = GoalProgress {
        state: GoalState::Reached { at: 0 },
        ..working(&["unit-fractions", "mixed-numbers"], 2, 0)
    };
    let section = GoalSection::of(Some(&reached), &m, &BTreeSet::new(), "en");
    assert_eq!(section.status, "Goal reached! You mastered 2 of 2 skills.");
    assert!(!section.form.expect("open skills").folded);
    let closed = GoalProgress {
        state: GoalState::Closed,
        ..working(&["unit-fractions"], 3, 0)
    };
    let section = GoalSection::of(Some(&closed), &m, &BTreeSet::new(), "en");
    assert!(section
        .status
        .starts_with("Your goal's time is up, and you mastered 1 skill "));
}

#[test]
fn with_every_skill_mastered_no_goal_can_be_set() {
    let m = demo();
    let all: BTreeSet<String> = m.skills.iter().map(|s| s.id.clone()).collect();
    assert_eq!(GoalSection::of(None, &m, &all, "en").form, None);
    // One skill left: "master 1 skill" and that skill, nothing more.
    let mut but_one = all.clone();
    but_one.remove("mixed-numbers");
    let form = GoalSection::of(None, &m, &but_one, "en")
        .form
        .expect("one left");
    let values: Vec<&str> = form.targets.iter().map(|(v, _)| v.as_str()).collect();
    assert_eq!(values, ["count:1", "skill:mixed-numbers"]);
}

#[test]
fn the_learners_choice_is_read_back_into_a_goal_or_refused() {
    assert_eq!(
        chosen_goal(Some("count:2"), Some("7")),
        Some((GoalTarget::MasterSkills { count: 2 }, 7))
    );
    assert_eq!(
        chosen_goal(Some("skill:mixed-numbers"), Some("14")),
        Some((
            GoalTarget::MasterSkill {
                skill: "mixed-numbers".into()
            },
            14
        ))
    );
    for (target, days) in [
        (None, Some("7")),
        (Some("count:2"), None),
        (Some("count:two"), Some("7")),
        (Some("count:2"), Some("a week")),
        (Some("skill:"), Some("7")),
        (Some("someday"), Some("7")),
        (Some("level:3"), Some("7")),
    ] {
        assert_eq!(chosen_goal(target, days), None, "{target:?} {days:?}");
    }
}

#[test]
fn a_refused_goal_or_reflection_is_said_in_the_learners_language() {
    let m = demo();
    assert_eq!(
        goal_refused(None, &m, "es"),
        "Primero elige una meta y un plazo."
    );
    assert_eq!(
        goal_refused(Some(&GoalError::TooMany { asked: 3, left: 2 }), &m, "en"),
        "Only 2 skills are left to master in this course."
    );
    // Every refusal reaches a Spanish learner in Spanish, a skill by its title.
    let title = m.skill_title("mixed-numbers", "es");
    assert_eq!(
        goal_refused(
            Some(&GoalError::AlreadyMastered("mixed-numbers".into())),
            &m,
            "es"
        ),
        format!("Ya dominas {title}: elige otra meta.")
    );
    assert_eq!(
        goal_refused(Some(&GoalError::Span(40)), &m, "es"),
        format!("Una meta dura de 1 a {MAX_DAYS} días.")
    );
    for e in [
        GoalError::NoSkills,
        GoalError::UnknownSkill("x".into()),
        GoalError::AlreadyMastered("mixed-numbers".into()),
        GoalError::Span(0),
        GoalError::TooMany { asked: 2, left: 1 },
    ] {
        let (en, es) = (
            goal_refused(Some(&e), &m, "en"),
            goal_refused(Some(&e), &m, "es"),
        );
        assert!(!en.contains('{') && !es.contains('{'), "{e:?}");
        assert_ne!(en, es, "{e:?} is worded in Spanish");
        assert_ne!(en, e.to_string(), "{e:?} is worded from the catalog");
    }
    assert_eq!(
        reflection_refused(&ReflectionError::Empty, "es"),
        "Escribe unas palabras primero."
    );
    assert_eq!(
        reflection_refused(&ReflectionError::TooLong(5000), "en"),
        format!("Please keep it under {} characters.", reflection::MAX_CHARS)
    );
    assert_eq!(kept(true, "en"), ("goal-heading", t("en", "goal-saved")));
    assert_eq!(kept(false, "es").0, "reflect-heading");
}

fn written(n: usize) -> Vec<Reflection> {
    (0..n)
        .map(|i| {
            Reflection::write(
                (format!("r{i}"), "learner".into()),
                ("pkg", "quiz"),
                Prompt::after(i),
                &format!("  thought {i} "),
                0,
            )
            .expect("a reflection")
        })
        .collect()
}

#[test]
fn the_prompts_take_turns_and_what_was_written_is_listed_oldest_first() {
    let none = ReflectionSection::of(&[], "en");
    assert_eq!(none.prompt, Prompt::WhatHelped);
    assert_eq!(none.question, t("en", "reflect-helped"));
    assert!(none.written.is_empty());
    assert_eq!(none.max_chars, reflection::MAX_CHARS);
    let two = written(2);
    let refs: Vec<&Reflection> = two.iter().collect();
    let section = ReflectionSection::of(&refs, "es");
    assert_eq!(section.prompt, Prompt::WhatNext);
    assert_eq!(section.question, t("es", "reflect-next"));
    assert_eq!(
        section.written,
        [
            (
                Prompt::WhatHelped,
                t("es", "reflect-helped").to_owned(),
                "thought 0".to_owned()
            ),
            (
                Prompt::WhatLearned,
                t("es", "reflect-learned").to_owned(),
                "thought 1".to_owned()
            ),
        ]
    );
    let three = written(3);
    let refs: Vec<&Reflection> = three.iter().collect();
    assert_eq!(
        ReflectionSection::of(&refs, "en").prompt,
        Prompt::WhatHelped
    );
}
