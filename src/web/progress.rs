//! "My progress" drawn: the course's skills as a map (SVG built with DOM calls, prerequisite arrows, each
//! skill filled by how sure the engine is it is known, locked ones dashed, the recommended one marked) and
//! the same facts as a list for screen readers, as `screen::progress` says they show. It works offline:
//! everything comes from the stored log.

use super::dom::{self, el, text};
use crate::engine::plan::Plan;
use crate::package::Manifest;
use crate::screen::progress::{progress_map, FILL_H, LABEL_X, LABEL_Y, LINE_H, NODE_H, NODE_W};
use crate::web::dom::Build;
use web_sys::Element;

const SVG: &str = "http://www.w3.org/2000/svg";

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

/// Builds the map and the list into `parent`, as [`progress_map`] says they show.
pub fn render(parent: &Element, m: &Manifest, plan: &Plan, lang: &str) {
    let shown = progress_map(m, plan, lang);
    let map = svg(
        "svg",
        &[
            ("viewBox", format!("0 0 {} {}", shown.width, shown.height)),
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
    for (x1, y1, x2, y2) in &shown.arrows {
        add(
            &map,
            svg(
                "line",
                &[
                    ("x1", format!("{x1}")),
                    ("y1", format!("{y1}")),
                    ("x2", format!("{x2}")),
                    ("y2", format!("{y2}")),
                    ("class", "prereq".into()),
                    ("marker-end", "url(#pacer-arrow)".into()),
                ],
            ),
        );
    }
    let list = el("ul", "progress-list");
    for skill in &shown.skills {
        let (x, y) = (skill.x, skill.y);
        let state = skill.state.class();
        let g = svg(
            "g",
            &[
                (
                    "class",
                    format!("skill {state}{}", if skill.next { " next" } else { "" }),
                ),
                ("data-skill", skill.skill_id.clone()),
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
                    ("y", format!("{}", y + NODE_H - FILL_H)),
                    ("width", format!("{:.1}", skill.fill)),
                    ("height", format!("{FILL_H}")),
                    ("class", "fill".into()),
                ],
            ),
        );
        let label = svg("text", &[("class", "label".into())]);
        for (n, line) in skill.label.iter().enumerate() {
            let tspan = svg(
                "tspan",
                &[
                    ("x", format!("{}", x + LABEL_X)),
                    ("y", format!("{}", y + LABEL_Y + n as f64 * LINE_H)),
                ],
            );
            tspan.set_text_content(Some(line));
            label.add(&tspan);
        }
        g.add(&label);
        map.add(&g);
        let li = text("li", state, &skill.words);
        li.attr("data-skill", &skill.skill_id);
        li.attr("data-p-known", &format!("{}", skill.p_known));
        list.add(&li);
    }
    parent.add(&map);
    parent.add(&list);
}
