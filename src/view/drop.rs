//! The `dragToImage` control as elements: the picture with a numbered marker at each target (showing
//! the label placed on it), the labels as chips a mouse, pen or finger may drag onto a marker, and a
//! native menu per target (the keyboard's and a single pointer's way: WCAG 2.5.7), which holds the
//! answer. Once feedback is shown the markers and menus are marked right or wrong and the chips go.
//!
//! Deliberately not here: dragging and keeping the markers in step with the menus (the shell's, on
//! `ul.drag-labels`, `select[data-target]` and `.drop-target[data-target]`), reading the answer back,
//! and scoring. Where a target is and which label belongs on it are the package's; author text goes in
//! as text, positions as numbers formatted here.

use super::controls::{mark_part, select, ItemView};
use super::{rich, Element, Node};
use crate::check::Response;
use crate::i18n::t;
use crate::package::drag_to_image::{DragLabel, DropTarget};
use crate::package::markup::plain_text;
use crate::package::Text;
use std::collections::BTreeMap;

/// What the picture of a drag-to-image item is: the file, its alt text and its size in its own pixels.
pub struct Picture<'a> {
    pub src: &'a str,
    pub alt: &'a Text,
    pub width: f64,
    pub height: f64,
}

/// A share of `whole` as a CSS percentage.
fn percent(part: f64, whole: f64) -> String {
    format!("{:.3}%", (part / whole * 100.0).clamp(0.0, 100.0))
}

/// The picture with its markers, the labels (while answering) and a menu per target.
pub fn drag_to_image(
    view: &ItemView<'_>,
    picture: &Picture<'_>,
    targets: &[DropTarget],
    labels: &[DragLabel],
) -> Vec<Node> {
    let locked = view.locked();
    let given = match view.shown() {
        Some(Response::Pairs { pairs }) => pairs.clone(),
        _ => BTreeMap::new(),
    };
    let choices: Vec<(String, String)> = (labels.iter())
        .map(|l| (l.id.clone(), view.text(&l.text)))
        .collect();
    let label_text = |id: &str| choices.iter().find(|(l, _)| l == id).map(|(_, s)| s);
    let img = Element::new("img", "")
        .attr("src", (view.asset_url)(picture.src))
        .attr("alt", plain_text(&view.text(picture.alt)))
        .attr("width", format!("{}", picture.width.round()))
        .attr("height", format!("{}", picture.height.round()))
        .attr("draggable", "false");
    let mut frame = Element::new("div", "drop-picture").child(img);
    // The markers repeat, on the picture, what the menus below say: hidden from screen readers.
    for (n, target) in targets.iter().enumerate() {
        let placed = given.get(&target.id).and_then(|l| label_text(l));
        let mut chip = Element::text(
            "span",
            "drop-placed",
            &placed.map_or(String::new(), |s| plain_text(s)),
        );
        if placed.is_none() {
            chip.set("hidden", "");
        }
        let class = match view.part_mark(n) {
            Some(mark) => format!("drop-target {}", mark.class),
            None => "drop-target".to_owned(),
        };
        let marker = Element::new("div", &class)
            .attr("data-target", &target.id)
            .attr("aria-hidden", "true")
            .style("left", percent(target.x, picture.width))
            .style("top", percent(target.y, picture.height))
            .child(Element::text("span", "drop-number", &(n + 1).to_string()))
            .child(chip);
        frame = frame.child(marker);
    }
    let mut wrap = Element::new("div", "drag-to-image").child(frame);
    if !locked {
        let chips = choices.iter().map(|(id, text)| {
            rich::element("li", "drag-label", text)
                .attr("data-label", id)
                .into()
        });
        let bank = Element::new("ul", "drag-labels")
            .attr("aria-label", t(view.lang, "drag-labels"))
            .children(chips);
        wrap = wrap
            .child(Element::text("p", "help", t(view.lang, "drag-help")))
            .child(bank);
    }
    let mut menus = Element::new("div", "drop-menus");
    for (n, target) in targets.iter().enumerate() {
        let control_id = view.control_id(&format!("target-{}", target.id));
        let label = Element::new("label", "drop-name")
            .attr("for", &control_id)
            .child(Element::text("span", "drop-number", &(n + 1).to_string()))
            .children(rich::inline(&format!(" {}", view.text(&target.text))));
        let chosen = given.get(&target.id).map(String::as_str);
        let mut control = select(&choices, chosen, locked, view.lang)
            .attr("id", control_id)
            .attr("name", format!("target-{}", target.id))
            .attr("data-target", &target.id);
        mark_part(&mut control, view, n);
        menus = menus.child(Element::new("div", "drop-row").child(label).child(control));
    }
    vec![wrap.child(menus).into()]
}

/// What read-aloud says of a dragToImage item's answer: the picture's alt text, the targets' names in
/// order, and the labels to place.
pub(crate) fn spoken(
    view: &ItemView<'_>,
    alt: &Text,
    targets: &[DropTarget],
    labels: &[DragLabel],
) -> Vec<String> {
    let mut out = vec![plain_text(&view.text(alt))];
    out.extend(targets.iter().map(|t| plain_text(&view.text(&t.text))));
    let names: Vec<String> = (labels.iter())
        .map(|l| plain_text(&view.text(&l.text)))
        .collect();
    out.push(format!(
        "{}: {}",
        t(view.lang, "drag-labels"),
        names.join(", ")
    ));
    out
}
