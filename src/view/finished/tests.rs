use super::{head, plan};
use crate::i18n::t;
use crate::screen::finished::{
    ActivityRow, FinishedScreen, ItemResult, OfferView, PlanView, RowState,
};
use crate::screen::progress::{ProgressMap, SkillNode, SkillState};
use crate::view::probe::{by_tag as find, element, kids};
use crate::view::Space;

#[test]
fn a_checks_results_show_item_by_item_with_the_verdict_in_the_learners_language() {
    let screen = FinishedScreen {
        summary: "1 of 2 right".into(),
        results: Some(vec![
            ItemResult {
                stem: "Half of *4*?".into(),
                correct: false,
                detail: Some("That is a quarter.".into()),
            },
            ItemResult {
                stem: "Half of 6?".into(),
                correct: true,
                detail: None,
            },
        ]),
        plan: false,
    };
    let nodes = head(&screen, "es");
    let tags: Vec<&str> = nodes.iter().map(|n| element(n).tag).collect();
    assert_eq!(tags, ["h2", "p", "h3", "ol"]);
    assert_eq!(element(&nodes[0]).text_content(), t("es", "complete"));
    assert_eq!(element(&nodes[1]).text_content(), "1 of 2 right");
    let rows = kids(element(&nodes[3]));
    assert_eq!(rows[0].get("class"), Some("result incorrect"));
    assert_eq!(rows[1].get("class"), Some("result correct"));
    // The stem's markup is an element, never parsed HTML.
    assert_eq!(find(rows[0], "em").len(), 1);
    let first: Vec<String> = kids(rows[0]).iter().map(|p| p.text_content()).collect();
    assert_eq!(
        first,
        ["Half of 4?", t("es", "incorrect"), "That is a quarter."]
    );
    assert_eq!(kids(rows[1]).len(), 2, "no detail line without feedback");
    // Immediate feedback: no results list.
    let seen = FinishedScreen {
        results: None,
        ..screen
    };
    assert_eq!(head(&seen, "en").len(), 2);
}

fn progress() -> ProgressMap {
    let node = |id: &str, state, next, p_known: f64, x| SkillNode {
        skill_id: id.into(),
        state,
        next,
        p_known,
        x,
        y: 10.0,
        fill: 140.0 * p_known,
        label: vec![id.into(), "(2)".into()],
        words: format!("{id}: words"),
    };
    ProgressMap {
        width: 400.0,
        height: 80.0,
        arrows: vec![(150.0, 35.0, 200.0, 35.0)],
        skills: vec![
            node("halves", SkillState::Mastered, false, 0.97, 10.0),
            node("thirds", SkillState::Open, true, 0.25, 200.0),
        ],
    }
}

fn plan_view() -> PlanView {
    PlanView {
        offers: vec![
            OfferView {
                activity_id: "thirds-practice".into(),
                title: "Thirds".into(),
                why: "next-skill",
                reason: "You are ready for it.".into(),
                numbers: Some("P(known) 0.25".into()),
            },
            OfferView {
                activity_id: "review".into(),
                title: "Review".into(),
                why: "review",
                reason: "Due today.".into(),
                numbers: None,
            },
        ],
        activities: vec![
            ActivityRow {
                activity_id: "halves-practice".into(),
                name: "Halves".into(),
                state: RowState::Current,
            },
            ActivityRow {
                activity_id: "thirds-practice".into(),
                name: "Thirds".into(),
                state: RowState::Open,
            },
            ActivityRow {
                activity_id: "review".into(),
                name: "Review".into(),
                state: RowState::Done,
            },
            ActivityRow {
                activity_id: "test".into(),
                name: "Test".into(),
                state: RowState::Locked("master thirds first".into()),
            },
        ],
    }
}

#[test]
fn the_plan_links_each_offer_with_its_reason_and_numbers_only_where_it_has_them() {
    let nodes = plan(&progress(), &plan_view(), "en");
    let tags: Vec<&str> = nodes.iter().map(|n| element(n).tag).collect();
    assert_eq!(tags, ["section", "section", "h3", "ul"]);
    let next = element(&nodes[1]);
    assert_eq!(next.get("aria-labelledby"), Some("next-heading"));
    assert_eq!(kids(next)[0].get("id"), Some("next-heading"));
    let offers = kids(kids(next)[1]);
    assert_eq!(offers.len(), 2);
    assert_eq!(offers[0].get("data-why"), Some("next-skill"));
    assert_eq!(
        find(offers[0], "a")[0].get("href"),
        Some("?activity=thirds-practice")
    );
    assert_eq!(find(offers[0], "details").len(), 1);
    assert_eq!(
        find(offers[0], "details")[0].text_content(),
        format!("{}P(known) 0.25", t("en", "why-this"))
    );
    assert!(
        find(offers[1], "details").is_empty(),
        "no Why? without numbers"
    );
}

#[test]
fn every_activity_shows_its_status_the_current_one_unlinked_a_locked_one_with_why() {
    let nodes = plan(&progress(), &plan_view(), "en");
    let rows = kids(element(&nodes[3]));
    let status: Vec<Option<&str>> = rows.iter().map(|r| r.get("data-status")).collect();
    assert_eq!(status, [None, Some("open"), Some("done"), Some("locked")]);
    assert!(find(rows[0], "a").is_empty() && rows[0].text_content() == "Halves");
    assert_eq!(
        find(rows[1], "a")[0].get("href"),
        Some("?activity=thirds-practice")
    );
    assert!(
        find(rows[3], "a").is_empty(),
        "a locked activity is no link"
    );
    assert_eq!(rows[3].text_content(), "Test — master thirds first");
}

#[test]
fn my_progress_draws_a_box_per_skill_and_says_the_same_in_a_list() {
    let nodes = plan(&progress(), &plan_view(), "en");
    let section = element(&nodes[0]);
    let parts = kids(section);
    assert_eq!(parts[0].get("id"), Some("progress-heading"));
    let (svg, list) = (parts[1], parts[2]);
    assert_eq!((svg.tag, svg.space), ("svg", Space::Svg));
    assert_eq!(
        svg.get("aria-hidden"),
        Some("true"),
        "the list says the same"
    );
    assert_eq!(svg.get("viewBox"), Some("0 0 400 80"));
    assert_eq!(find(svg, "line").len(), 1);
    let boxes: Vec<&str> = find(svg, "g")
        .iter()
        .filter_map(|g| g.get("class"))
        .collect();
    assert_eq!(boxes, ["skill mastered", "skill open next"]);
    let fills: Vec<&str> = (find(svg, "rect").iter())
        .filter(|r| r.get("class") == Some("fill"))
        .filter_map(|r| r.get("width"))
        .collect();
    assert_eq!(fills, ["135.8", "35.0"]);
    assert_eq!(find(svg, "tspan").len(), 4, "two label lines a skill");
    let items = kids(list);
    assert_eq!(items[1].get("data-p-known"), Some("0.25"));
    assert_eq!(items[1].get("class"), Some("open"));
    assert_eq!(items[1].text_content(), "thirds: words");
}
