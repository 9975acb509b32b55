//! "My progress" as it shows, decided before it is drawn: each skill of the course at its place on the
//! map (columns by prerequisite depth), its state (mastered, open, locked), how full its bar is (how
//! sure the engine is it is known), the recommended one, its label cut to the box, the prerequisite
//! arrows, and the same facts in words for the list screen readers read.
//!
//! Not here: SVG or DOM (`view::progress` makes one element per thing this says), the plan itself
//! (`engine::plan`), or colours (the stylesheet colours each state).

use crate::engine::plan::{map_layout, Plan, Why};
use crate::i18n::t;
use crate::package::Manifest;

/// The width of one column of the map, in the map's units.
pub const COL_W: f64 = 190.0;
/// The height of one row.
pub const ROW_H: f64 = 80.0;
/// A skill's box.
pub const NODE_W: f64 = 160.0;
pub const NODE_H: f64 = 62.0;
/// The height of the bar at the foot of a skill's box that fills with P(known).
pub const FILL_H: f64 = 6.0;
/// A label line: at most this many characters (13 px text in a 160 px box), at most `LABEL_LINES` lines.
const LABEL_CHARS: usize = 19;
const LABEL_LINES: usize = 3;
/// The distance between the label's lines, and from the box's corner to the first line's baseline.
pub const LINE_H: f64 = 15.0;
pub const LABEL_X: f64 = 8.0;
pub const LABEL_Y: f64 = 18.0;

/// The progress map of a course.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressMap {
    /// The picture's size, in its own units.
    pub width: f64,
    pub height: f64,
    /// Prerequisite arrows, from the right edge of the prerequisite's box to the left edge of the
    /// skill's: `(x1, y1, x2, y2)`.
    pub arrows: Vec<(f64, f64, f64, f64)>,
    /// The skills, in the layout's order (the list's order too).
    pub skills: Vec<SkillNode>,
}

/// One skill on the map and in the list.
#[derive(Debug, Clone, PartialEq)]
pub struct SkillNode {
    pub skill_id: String,
    pub state: SkillState,
    /// The skill of the first offer not assigned by a teacher, while it is not mastered.
    pub next: bool,
    /// P(known), as the plan has it.
    pub p_known: f64,
    /// The box's top-left corner.
    pub x: f64,
    pub y: f64,
    /// The width of the filled bar: the box's width times P(known), clamped to the box.
    pub fill: f64,
    /// The label's lines (a tick before a mastered skill's title), cut to the box.
    pub label: Vec<String>,
    /// The list's line: the whole title, its state in words, and whether it is recommended.
    pub words: String,
}

/// Where a skill stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkillState {
    Mastered,
    /// Its prerequisites are mastered.
    Open,
    Locked,
}

impl SkillState {
    /// The class the stylesheet colours it by.
    pub fn class(self) -> &'static str {
        match self {
            SkillState::Mastered => "mastered",
            SkillState::Open => "open",
            SkillState::Locked => "locked",
        }
    }
}

/// Whether a skill is open to work on: its prerequisites are mastered.
fn unlocked(m: &Manifest, plan: &Plan, skill: &str) -> bool {
    m.skill(skill).is_none_or(|s| {
        s.prerequisites
            .iter()
            .all(|p| plan.skills.get(p).is_some_and(|(_, mastered)| *mastered))
    })
}

/// The map of `m`'s skills as `plan` has them, in `lang`.
pub fn progress_map(m: &Manifest, plan: &Plan, lang: &str) -> ProgressMap {
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
    let pos = |id: &str| {
        layout.iter().find(|n| n.skill_id == id).map(|n| {
            (
                n.column as f64 * COL_W + 10.0,
                n.row as f64 * ROW_H + (ROW_H - NODE_H) / 2.0,
            )
        })
    };
    let mut arrows = Vec::new();
    for s in &m.skills {
        let Some((x2, y2)) = pos(&s.id) else { continue };
        for p in &s.prerequisites {
            let Some((x1, y1)) = pos(p) else { continue };
            arrows.push((x1 + NODE_W, y1 + NODE_H / 2.0, x2, y2 + NODE_H / 2.0));
        }
    }
    let mut skills = Vec::new();
    for node in &layout {
        let Some(skill) = m.skill(&node.skill_id) else {
            continue;
        };
        let (p, mastered) = plan.skills.get(&skill.id).copied().unwrap_or((0.0, false));
        let state = if mastered {
            SkillState::Mastered
        } else if unlocked(m, plan, &skill.id) {
            SkillState::Open
        } else {
            SkillState::Locked
        };
        let next = recommended == Some(skill.id.as_str()) && !mastered;
        let (x, y) = pos(&skill.id).unwrap_or((0.0, 0.0));
        let title = skill.title.get(lang, default);
        let shown = if mastered {
            format!("✓ {title}")
        } else {
            title.to_owned()
        };
        let words = match state {
            SkillState::Mastered => t(lang, "map-mastered").to_owned(),
            SkillState::Open => format!("{} ({:.0}%)", t(lang, "map-open"), p * 100.0),
            SkillState::Locked => {
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
        skills.push(SkillNode {
            skill_id: skill.id.clone(),
            state,
            next,
            p_known: p,
            x,
            y,
            fill: NODE_W * p.clamp(0.0, 1.0),
            // Bounded whatever the title's length: an unbroken 16,000-character word once made one SVG
            // text line that took the browser seconds to lay out (the list has every title in full).
            label: crate::wrap::wrap(shown.chars(), LABEL_CHARS, LABEL_LINES),
            words: format!(
                "{title} — {words}{}",
                if next { t(lang, "map-next") } else { "" }
            ),
        });
    }
    ProgressMap {
        width: columns as f64 * COL_W,
        height: rows as f64 * ROW_H,
        arrows,
        skills,
    }
}

#[cfg(test)]
mod tests;
