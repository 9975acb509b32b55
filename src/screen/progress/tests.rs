use super::*;
use crate::engine::plan::{Numbers, Recommendation};
use std::collections::BTreeMap;

fn demo() -> Manifest {
    crate::package::parse_manifest("pkg.json", include_str!("../../../pkg.json")).expect("the demo")
}

/// The first activity of the demo whose first skill is `skill`.
fn activity_of(m: &Manifest, skill: &str) -> String {
    (m.activities.iter())
        .find(|a| a.skills.first().map(String::as_str) == Some(skill))
        .map(|a| a.id.clone())
        .expect("an activity of the skill")
}

fn offer(activity_id: String, why: Why) -> Recommendation {
    Recommendation {
        activity_id,
        why,
        numbers: Numbers::default(),
    }
}

fn plan(m: &Manifest) -> Plan {
    let skills: BTreeMap<String, (f64, bool)> = [
        ("unit-fractions".to_owned(), (0.96, true)),
        ("equivalent-fractions".to_owned(), (0.5, false)),
    ]
    .into_iter()
    .collect();
    Plan {
        status: BTreeMap::new(),
        offers: vec![
            // A teacher's assignment is not the engine's recommendation.
            offer(activity_of(m, "fractions-number-line"), Why::Assigned),
            offer(
                activity_of(m, "equivalent-fractions"),
                Why::Next {
                    skill: "equivalent-fractions".into(),
                    prereqs: vec!["unit-fractions".into()],
                    practice: false,
                },
            ),
        ],
        skills,
    }
}

fn node<'a>(map: &'a ProgressMap, id: &str) -> &'a SkillNode {
    (map.skills.iter())
        .find(|s| s.skill_id == id)
        .expect("the skill is on the map")
}

#[test]
fn each_skill_shows_its_state_its_bar_and_whether_it_is_recommended() {
    let m = demo();
    let map = progress_map(&m, &plan(&m), "en");
    assert_eq!(map.skills.len(), m.skills.len());
    let unit = node(&map, "unit-fractions");
    assert_eq!(unit.state, SkillState::Mastered);
    assert_eq!(unit.label[0], "✓ Unit fractions");
    assert_eq!(unit.words, "Unit fractions — mastered");
    assert!(!unit.next, "mastered: never recommended");
    let equivalent = node(&map, "equivalent-fractions");
    assert_eq!(equivalent.state, SkillState::Open);
    assert!(equivalent.next, "the first offer not assigned");
    assert_eq!(equivalent.fill, NODE_W * 0.5);
    assert_eq!(
        equivalent.words,
        "Equivalent fractions — in progress (50%) — recommended next"
    );
    let line = node(&map, "fractions-number-line");
    assert_eq!(line.state, SkillState::Open, "its prerequisite is mastered");
    assert!(!line.next, "assigned, not recommended");
    assert_eq!(line.fill, 0.0);
    let comparing = node(&map, "comparing-fractions");
    assert_eq!(comparing.state, SkillState::Locked);
    assert_eq!(
        comparing.words,
        "Comparing fractions — opens after: Equivalent fractions"
    );
    assert_eq!(comparing.state.class(), "locked");
}

#[test]
fn the_map_is_laid_out_by_prerequisite_depth_with_one_arrow_per_prerequisite() {
    let m = demo();
    let map = progress_map(&m, &plan(&m), "en");
    let pairs: usize = m.skills.iter().map(|s| s.prerequisites.len()).sum();
    assert_eq!(map.arrows.len(), pairs);
    let unit = node(&map, "unit-fractions");
    let equivalent = node(&map, "equivalent-fractions");
    assert!(
        equivalent.x > unit.x,
        "a skill sits right of its prerequisite"
    );
    assert!(map.arrows.contains(&(
        unit.x + NODE_W,
        unit.y + NODE_H / 2.0,
        equivalent.x,
        equivalent.y + NODE_H / 2.0
    )));
    for s in &map.skills {
        assert!(
            s.x + NODE_W <= map.width && s.y + NODE_H <= map.height,
            "{}",
            s.skill_id
        );
    }
}

#[test]
fn labels_are_cut_to_the_box_and_the_list_speaks_the_learners_language() {
    let mut m = demo();
    let long = "Fractions ".repeat(2_000);
    m.skills[0].title = crate::package::Text::Plain(long.clone());
    let map = progress_map(&m, &plan(&m), "es");
    let unit = node(&map, &m.skills[0].id);
    assert!(unit.label.len() <= 3);
    // 19 characters a line, and the last may end in "…".
    assert!(
        unit.label.iter().all(|l| l.chars().count() <= 20),
        "{:?}",
        unit.label
    );
    assert!(
        unit.words.starts_with(long.as_str()),
        "the list has the whole title"
    );
    let equivalent = node(&map, "equivalent-fractions");
    assert!(
        equivalent.words.starts_with("Fracciones equivalentes — "),
        "{}",
        equivalent.words
    );
    assert!(!equivalent.words.contains("in progress"));
}
