//! "My progress": the course's skills as a map (SVG built with DOM calls, prerequisite arrows, each skill
//! filled by how sure the engine is it is known, locked ones dashed, the recommended one marked) and the
//! same facts as a list for screen readers. It works offline: everything comes from the stored log.

use super::dom::{self, el, text};
use super::i18n::t;
use crate::engine::plan::{map_layout, Plan, Why};
use crate::package::Manifest;
use crate::web::dom::Build;
use web_sys::Element;

const SVG: &str = "http://www.w3.org/2000/svg";
const COL_W: f64 = 190.0;
const ROW_H: f64 = 80.0;
const NODE_W: f64 = 160.0;
const NODE_H: f64 = 62.0;
/// A label line: at most this many characters (13 px text in a 160 px box), at most `LABEL_LINES` lines.
const LABEL_CHARS: usize = 19;
const LABEL_LINES: usize = 3;
const LINE_H: f64 = 15.0;

/// `title` in at most `LABEL_LINES` lines of `LABEL_CHARS` (the list below the map has every title in
/// full). Bounded whatever the title's length: an unbroken 16,000-character word once made one SVG text
/// line that took the browser seconds to lay out.
fn label_lines(title: &str) -> Vec<String> {
    crate::wrap::wrap(title.chars(), LABEL_CHARS, LABEL_LINES)
}

fn svg(tag: &str, attrs: &[(&str, String)]) -> Element {
    let e = dom::el_ns(SVG, tag);
    for (k, v) in attrs {
        e.attr(k, v);
    }
    e
}

fn add(parent: &Element, child: Element) {
    parent.add(&child);
}

/// Whether a skill is open to work on: its prerequisites are mastered.
fn unlocked(m: &Manifest, plan: &Plan, skill: &str) -> bool {
    m.skill(skill).is_none_or(|s| {
        s.prerequisites
            .iter()
            .all(|p| plan.skills.get(p).is_some_and(|(_, mastered)| *mastered))
    })
}

/// Builds the map and the list into `parent`.
pub fn render(parent: &Element, m: &Manifest, plan: &Plan, lang: &str) {
    let default = m.language.as_str();
    let layout = map_layout(m);
    let recommended: Option<&str> = plan
        .offers
        .iter()
        .find(|o| o.why != Why::Assigned)
        .and_then(|o| m.activity(&o.activity_id))
        .and_then(|a| a.skills.first())
        .map(String::as_str);
    let columns = layout.iter().map(|n| n.column).max().unwrap_or(0) + 1;
    let rows = layout.iter().map(|n| n.row).max().unwrap_or(0) + 1;
    let width = columns as f64 * COL_W;
    let height = rows as f64 * ROW_H;
    let map = svg(
        "svg",
        &[
            ("viewBox", format!("0 0 {width} {height}")),
            ("class", "progress-map".into()),
            // The list below says the same; the picture is for sighted learners.
            ("aria-hidden", "true".into()),
            ("focusable", "false".into()),
        ],
    );
    let defs = svg("defs", &[]);
    let marker = svg(
        "marker",
        &[
            ("id", "pacer-arrow".into()),
            ("viewBox", "0 0 10 10".into()),
            ("refX", "10".into()),
            ("refY", "5".into()),
            ("markerWidth", "8".into()),
            ("markerHeight", "8".into()),
            ("orient", "auto-start-reverse".into()),
        ],
    );
    add(
        &marker,
        svg(
            "path",
            &[
                ("d", "M 0 0 L 10 5 L 0 10 z".into()),
                ("class", "arrow-head".into()),
            ],
        ),
    );
    defs.add(&marker);
    map.add(&defs);
    let pos = |id: &str| {
        layout.iter().find(|n| n.skill_id == id).map(|n| {
            (
                n.column as f64 * COL_W + 10.0,
                n.row as f64 * ROW_H + (ROW_H - NODE_H) / 2.0,
            )
        })
    };
    for s in &m.skills {
        let Some((x2, y2)) = pos(&s.id) else { continue };
        for p in &s.prerequisites {
            let Some((x1, y1)) = pos(p) else { continue };
            add(
                &map,
                svg(
                    "line",
                    &[
                        ("x1", format!("{}", x1 + NODE_W)),
                        ("y1", format!("{}", y1 + NODE_H / 2.0)),
                        ("x2", format!("{x2}")),
                        ("y2", format!("{}", y2 + NODE_H / 2.0)),
                        ("class", "prereq".into()),
                        ("marker-end", "url(#pacer-arrow)".into()),
                    ],
                ),
            );
        }
    }
    let list = el("ul", "progress-list");
    for node in &layout {
        let Some(skill) = m.skill(&node.skill_id) else {
            continue;
        };
        let (p, mastered) = plan.skills.get(&skill.id).copied().unwrap_or((0.0, false));
        let open = unlocked(m, plan, &skill.id);
        let is_next = recommended == Some(skill.id.as_str()) && !mastered;
        let state = if mastered {
            "mastered"
        } else if open {
            "open"
        } else {
            "locked"
        };
        let (x, y) = pos(&skill.id).unwrap_or((0.0, 0.0));
        let g = svg(
            "g",
            &[
                (
                    "class",
                    format!("skill {state}{}", if is_next { " next" } else { "" }),
                ),
                ("data-skill", skill.id.clone()),
            ],
        );
        add(
            &g,
            svg(
                "rect",
                &[
                    ("x", format!("{x}")),
                    ("y", format!("{y}")),
                    ("width", format!("{NODE_W}")),
                    ("height", format!("{NODE_H}")),
                    ("rx", "8".into()),
                    ("class", "frame".into()),
                ],
            ),
        );
        // The fill grows with P(known): how sure the engine is the skill is known.
        add(
            &g,
            svg(
                "rect",
                &[
                    ("x", format!("{x}")),
                    ("y", format!("{}", y + NODE_H - 6.0)),
                    ("width", format!("{:.1}", NODE_W * p.clamp(0.0, 1.0))),
                    ("height", "6".into()),
                    ("class", "fill".into()),
                ],
            ),
        );
        let label = svg("text", &[("class", "label".into())]);
        let title = skill.title.get(lang, default);
        let shown = if mastered {
            format!("✓ {title}")
        } else {
            title.to_owned()
        };
        for (n, line) in label_lines(&shown).iter().enumerate() {
            let tspan = svg(
                "tspan",
                &[
                    ("x", format!("{}", x + 8.0)),
                    ("y", format!("{}", y + 18.0 + n as f64 * LINE_H)),
                ],
            );
            tspan.set_text_content(Some(line));
            label.add(&tspan);
        }
        g.add(&label);
        map.add(&g);

        let words = match state {
            "mastered" => t(lang, "map-mastered").to_owned(),
            "open" => format!("{} ({:.0}%)", t(lang, "map-open"), p * 100.0),
            _ => {
                let needs: Vec<&str> = skill
                    .prerequisites
                    .iter()
                    .filter(|q| !plan.skills.get(*q).is_some_and(|(_, done)| *done))
                    .filter_map(|q| m.skill(q))
                    .map(|q| q.title.get(lang, default))
                    .collect();
                format!("{}: {}", t(lang, "map-locked"), needs.join(", "))
            }
        };
        let li = text(
            "li",
            state,
            &format!(
                "{title} — {words}{}",
                if is_next { t(lang, "map-next") } else { "" }
            ),
        );
        li.attr("data-skill", &skill.id);
        li.attr("data-p-known", &format!("{p}"));
        list.add(&li);
    }
    parent.add(&map);
    parent.add(&list);
}
