//! "My progress" as elements: the course's skills as a map (an SVG with prerequisite arrows, each skill
//! filled by how sure the engine is it is known, locked ones dashed, the recommended one marked) and the
//! same facts as a list for screen readers, as `screen::progress` placed them.
//!
//! Deliberately not here: where the skills go or what they say (`screen::progress` decided), or events.

use super::{Element, Node, Space};
use crate::screen::progress::{ProgressMap, FILL_H, LABEL_X, LABEL_Y, LINE_H, NODE_H, NODE_W};

fn svg(tag: &'static str, attrs: &[(&'static str, String)]) -> Element {
    let mut e = Element::in_space(Space::Svg, tag, "");
    for (k, v) in attrs {
        e = e.attr(k, v.clone());
    }
    e
}

/// The map and the list of `shown`.
pub fn map(shown: &ProgressMap) -> [Node; 2] {
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
    )
    .child(svg(
        "path",
        &[
            ("d", "M 0 0 L 10 5 L 0 10 z".into()),
            ("class", "arrow-head".into()),
        ],
    ));
    let mut map = svg(
        "svg",
        &[
            ("viewBox", format!("0 0 {} {}", shown.width, shown.height)),
            ("class", "progress-map".into()),
            // The list below says the same; the picture is for sighted learners.
            ("aria-hidden", "true".into()),
            ("focusable", "false".into()),
        ],
    )
    .child(svg("defs", &[]).child(marker));
    for (x1, y1, x2, y2) in &shown.arrows {
        map = map.child(svg(
            "line",
            &[
                ("x1", format!("{x1}")),
                ("y1", format!("{y1}")),
                ("x2", format!("{x2}")),
                ("y2", format!("{y2}")),
                ("class", "prereq".into()),
                ("marker-end", "url(#pacer-arrow)".into()),
            ],
        ));
    }
    let mut list = Element::new("ul", "progress-list");
    for skill in &shown.skills {
        let (x, y) = (skill.x, skill.y);
        let state = skill.state.class();
        let next = if skill.next { " next" } else { "" };
        let lines = skill.label.iter().enumerate().map(|(n, line)| {
            svg(
                "tspan",
                &[
                    ("x", format!("{}", x + LABEL_X)),
                    ("y", format!("{}", y + LABEL_Y + n as f64 * LINE_H)),
                ],
            )
            .with_text(line)
            .into()
        });
        let g = svg(
            "g",
            &[
                ("class", format!("skill {state}{next}")),
                ("data-skill", skill.skill_id.clone()),
            ],
        )
        .child(svg(
            "rect",
            &[
                ("x", format!("{x}")),
                ("y", format!("{y}")),
                ("width", format!("{NODE_W}")),
                ("height", format!("{NODE_H}")),
                ("rx", "8".into()),
                ("class", "frame".into()),
            ],
        ))
        // The fill grows with P(known): how sure the engine is the skill is known.
        .child(svg(
            "rect",
            &[
                ("x", format!("{x}")),
                ("y", format!("{}", y + NODE_H - FILL_H)),
                ("width", format!("{:.1}", skill.fill)),
                ("height", format!("{FILL_H}")),
                ("class", "fill".into()),
            ],
        ))
        .child(svg("text", &[("class", "label".into())]).children(lines));
        map = map.child(g);
        list = list.child(
            Element::text("li", state, &skill.words)
                .attr("data-skill", &skill.skill_id)
                .attr("data-p-known", format!("{}", skill.p_known)),
        );
    }
    [map.into(), list.into()]
}
