//! The controls of the interactions answered on a drawn line or a picture (`numberLine`, `shade`,
//! `hotspot`), as elements: the SVG from `draw`'s shapes or the author's image, and the native form
//! controls laid on it (a slider along a number line; a checkbox per part or region, or a radio button
//! per region when one is picked), with their names in the learner's language, their places on the
//! picture, and the parts marked once feedback is shown. Also what the shell shows while the learner
//! moves them: the point placed on a tick ([`LineAnswer::placed`]) and the count of shaded parts
//! ([`shade_count`]).
//!
//! Deliberately not here: events (the shell finds the controls by class, `input.line-slider` and
//! `input.shape-toggle`, and the shapes by `data-toggle`), reading the answer back from the form, and
//! scoring.

use super::figure::{self, set, svg};
use super::{Element, Node};
use crate::check::numeric::parse_number;
use crate::check::Response;
use crate::draw::{self, Drawing, Shape};
use crate::i18n::{direction, t, tf, tn};
use crate::package::figure::{Figure, NumberLine};
use crate::package::hotspot::{Outline, Region};
use crate::package::markup::plain_text;
use crate::package::shade::{Parts, ShadeModel};
use crate::package::{DecimalMark, Interaction, Text};

use super::controls::ItemView;

/// The words said when a figure cannot be drawn (its values fail it, in a package `pacer validate`
/// refused).
fn unavailable(lang: &str) -> Node {
    Element::text("p", "message", t(lang, "figure-unavailable")).into()
}

/// A `numberLine` answer: its resolved line, in the learner's language and writing direction.
#[derive(Debug, Clone)]
pub struct LineAnswer {
    pub line: NumberLine,
    lang: String,
    /// On a right-to-left page the native slider runs from the right; the drawn line always runs from
    /// the left (as number lines do), so the slider's values are counted from its other end there.
    rtl: bool,
}

/// The point of a number line as shown: the slider's value and spoken value, the value recorded as
/// the answer, where the point is drawn, and the line read out under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// The slider's value (counted from its right end on a right-to-left page); None when not placed.
    pub slider: Option<u32>,
    /// What a screen reader says of the slider (`3/4`, or "not placed").
    pub spoken: String,
    /// The value the answer records (an ASCII minus); None while not placed.
    pub recorded: Option<String>,
    /// The point's x in the drawing's units; None while not placed (it is hidden).
    pub x: Option<f64>,
    /// The line read out under the drawing.
    pub readout: String,
}

impl LineAnswer {
    /// The line of `view`'s `numberLine` item, or None (another type, or values that fail it).
    pub fn of(view: &ItemView<'_>) -> Option<Self> {
        let spec = view.item.interaction.number_line(&[])?;
        let Ok(Figure::NumberLine(line)) = spec.resolve(view.values) else {
            return None;
        };
        Some(LineAnswer {
            line,
            lang: view.lang.to_owned(),
            rtl: direction(view.lang) == "rtl",
        })
    }

    /// The number of steps between the ends (the slider's maximum).
    pub fn steps(&self) -> u32 {
        self.line.steps()
    }

    /// The tick step a slider value stands for (the slider counts from the other end right to left).
    pub fn step_of_slider(&self, value: u32) -> u32 {
        let steps = self.steps();
        draw::slider_value(value.min(steps), steps, self.rtl)
    }

    /// The tick nearest to `x`, a share of the drawing's width from its left edge.
    pub fn step_at(&self, x: f64) -> u32 {
        draw::line_step_at(x, self.steps())
    }

    /// The value of tick `step` as the learner reads it (`3/4`, `1`, `−1/4`) and as the response
    /// records it (an ASCII minus, which the number parser reads).
    pub fn tick_value(&self, step: u32) -> (String, String) {
        let d = i64::from(self.line.denominator());
        let n = self.line.numerator(step);
        let plain = match self.line.whole_at(step) {
            Some(w) => w.to_string(),
            None => format!("{n}/{d}"),
        };
        (plain.replace('-', "\u{2212}"), plain)
    }

    /// The point as shown on tick `step`, or not placed (None).
    pub fn placed(&self, step: Option<u32>) -> Placed {
        let Some(step) = step else {
            let none = t(&self.lang, "line-not-placed");
            return Placed {
                slider: None,
                spoken: none.to_owned(),
                recorded: None,
                x: None,
                readout: tf(&self.lang, "line-value", &[("value", none)]),
            };
        };
        let (read, recorded) = self.tick_value(step);
        Placed {
            slider: Some(draw::slider_value(step, self.steps(), self.rtl)),
            readout: tf(&self.lang, "line-value", &[("value", &read)]),
            spoken: read,
            recorded: Some(recorded),
            x: Some(draw::line_tick_x(step, self.steps())),
        }
    }

    /// The tick a shown answer is on, when it is one of the line's.
    fn step_of(&self, answer: Option<&Response>) -> Option<u32> {
        let Some(Response::Number { input }) = answer else {
            return None;
        };
        let v = parse_number(input, DecimalMark::Point).ok()?;
        let s = ((v - self.line.from() as f64) * f64::from(self.line.denominator())).round();
        (s >= 0.0 && s <= f64::from(self.steps())).then_some(s as u32)
    }
}

/// The controls of a `numberLine` interaction: the drawn line with its point, a native slider along it
/// (arrow keys step by the tick, Home and End go to the ends, the value is read out) and the read-out
/// line under it. The point counts as placed once the learner has moved it, so an untouched slider is
/// no answer (it has no `data-value`).
pub fn number_line(view: &ItemView<'_>) -> Vec<Node> {
    let Some(answer) = LineAnswer::of(view) else {
        return vec![unavailable(view.lang)];
    };
    let steps = answer.steps();
    let shown = answer.placed(answer.step_of(view.shown()));
    let point = set(
        svg("circle", "point placed"),
        &[
            ("cy", draw::LINE_AXIS),
            ("r", draw::POINT_RADIUS + 2.0),
            ("cx", shown.x.unwrap_or(draw::line_tick_x(0, steps))),
        ],
    )
    .attr(
        "visibility",
        if shown.x.is_some() {
            "visible"
        } else {
            "hidden"
        },
    );
    let drawing = figure::picture(
        &Figure::NumberLine(answer.line.clone()),
        view.lang,
        view.default,
    )
    .child(point);
    let slider = (shown.slider).unwrap_or_else(|| draw::slider_value(0, steps, answer.rtl));
    let mut input = Element::new("input", "line-slider")
        .attr("type", "range")
        .attr("name", "point")
        .attr("id", view.control_id("point"))
        .attr("min", "0")
        .attr("max", steps.to_string())
        .attr("step", "1")
        .attr("aria-label", t(view.lang, "line-point"))
        .attr("value", slider.to_string())
        .attr("aria-valuetext", &shown.spoken);
    if let Some(recorded) = &shown.recorded {
        input.set("data-value", recorded);
    }
    if view.locked() {
        input.set("disabled", "");
    }
    let readout = Element::text("p", "line-value", &shown.readout).attr("aria-hidden", "true");
    vec![Element::new("div", "number-line-answer")
        .child(drawing)
        .child(input)
        .child(readout)
        .into()]
}

/// One native checkbox (or radio button) laid over a shape of a drawing: the shape is what a pointer
/// or a finger hits, the control what the keyboard and assistive technology use.
struct Toggle {
    /// The shape's element, classed as it is before it is picked.
    shape: Element,
    /// Its value in the form (a part's number, a region's id).
    value: String,
    /// Its name, said by a screen reader ("Part 3 of 8").
    label: String,
    /// A point inside its shape, in the drawing's units: where the control sits (and its focus ring).
    anchor: (f64, f64),
    checked: bool,
}

/// Whether the learner picks any number of a drawing's shapes (checkboxes) or exactly one (a native
/// radio group: arrow keys move the pick, as in any radio group).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Picks {
    Several,
    One,
}

/// Lays `toggles` over `root` (a drawing `width` by `height`) in `layer`: each shape numbered by
/// `data-toggle` (from 1) and classed `on_class` when picked, each control a native checkbox (or radio
/// button, for one pick) named `name`, placed on its shape as a share of the drawing; disabled once the
/// answer is locked. The layer says which class a picked shape takes (`data-on`), for the shell.
fn toggles(
    view: &ItemView<'_>,
    (mut layer, mut root): (Element, Element),
    (width, height): (f64, f64),
    toggles: Vec<Toggle>,
    (name, picks): (&str, Picks),
    on_class: &'static str,
) -> Element {
    let mut inputs = Vec::new();
    for (i, toggle) in toggles.into_iter().enumerate() {
        let mut shape = toggle.shape.attr("data-toggle", (i + 1).to_string());
        if toggle.checked {
            let class = format!("{} {on_class}", shape.get("class").unwrap_or(""));
            shape.set("class", class.trim_start());
        }
        root.children.push(shape.into());
        let mut input = Element::new("input", "shape-toggle")
            .attr(
                "type",
                match picks {
                    Picks::Several => "checkbox",
                    Picks::One => "radio",
                },
            )
            .attr("name", name)
            .attr("value", toggle.value)
            .attr("id", view.control_id(&format!("{name}-{}", i + 1)))
            .attr("aria-label", toggle.label)
            .style(
                "left",
                format!("{}%", draw::n(toggle.anchor.0 / width * 100.0)),
            )
            .style(
                "top",
                format!("{}%", draw::n(toggle.anchor.1 / height * 100.0)),
            );
        if toggle.checked {
            input.set("checked", "");
        }
        if view.locked() {
            input.set("disabled", "");
        }
        inputs.push(input.into());
    }
    layer.set("data-on", on_class);
    layer.child(root).children(inputs)
}

/// A point inside a part of a shade model, where its checkbox sits: a rectangle's centre, a sector's
/// middle at 60% of its radius.
fn part_anchor(shape: &Shape) -> (f64, f64) {
    match shape {
        Shape::Rect {
            x,
            y,
            width,
            height,
            ..
        } => (x + width / 2.0, y + height / 2.0),
        Shape::Wedge {
            cx,
            cy,
            r,
            start,
            end,
            ..
        } => {
            let a = (start + end) / 2.0 * std::f64::consts::TAU;
            (cx + 0.6 * r * a.sin(), cy - 0.6 * r * a.cos())
        }
        Shape::Disc { cx, cy, .. } => (*cx, *cy),
        Shape::Line { x1, y1, .. } => (*x1, *y1),
        Shape::Text { x, y, .. } => (*x, *y),
    }
}

/// What a shade model is, for its class, and the group's name ("A bar cut into 8 equal parts: choose
/// the parts to shade").
fn shade_group(lang: &str, parts: &Parts) -> (&'static str, String) {
    let total = parts.count();
    match *parts {
        Parts::Bar { .. } => (
            "bar",
            tf(
                lang,
                "shade-bar",
                &[("parts", &tn(lang, "figure-parts", total))],
            ),
        ),
        Parts::Circle { .. } => (
            "circle",
            tf(
                lang,
                "shade-circle",
                &[("parts", &tn(lang, "figure-parts", total))],
            ),
        ),
        Parts::Grid { rows, columns } => (
            "grid",
            tf(
                lang,
                "shade-grid",
                &[
                    ("rows", &tn(lang, "shade-rows", rows)),
                    ("columns", &tn(lang, "shade-columns", columns)),
                ],
            ),
        ),
    }
}

/// The line under a shade model: how many of its parts are shaded.
pub fn shade_count(lang: &str, shaded: usize, total: u32) -> String {
    tf(
        lang,
        "shade-count",
        &[("n", &shaded.to_string()), ("total", &total.to_string())],
    )
}

/// The controls of a `shade` interaction: the model drawn from its numbers, each part a native
/// checkbox ("Part 3 of 8", "Row 2, column 3") laid on the part, so Tab and Space shade by keyboard and
/// a click or a tap on a part shades it; a line under it counts the shaded parts.
pub fn shade(view: &ItemView<'_>, model: &ShadeModel) -> Vec<Node> {
    let lang = view.lang;
    let Ok(parts) = model.resolve(view.values) else {
        return vec![unavailable(lang)];
    };
    let total = parts.count();
    let shown: Vec<u32> = match view.shown() {
        Some(Response::Shaded { parts: p, of }) if *of == total => p.clone(),
        _ => Vec::new(),
    };
    let Drawing {
        width,
        height,
        shapes,
    } = draw::shade_model(&parts, &|_| false, direction(lang) == "rtl");
    let (kind, group) = shade_group(lang, &parts);
    let mut layer = Element::new("div", "shape-layer");
    if let Parts::Grid { columns, .. } = parts {
        // A grid is as wide as its columns need (each square 3.5rem at most), never wider than the page.
        layer = layer.style(
            "inline-size",
            format!("min(100%, {}rem)", 3.5 * f64::from(columns)),
        );
    }
    let root = svg("svg", &format!("figure-drawing shade-model {kind}"))
        .attr(
            "viewBox",
            format!("0 0 {} {}", draw::n(width), draw::n(height)),
        )
        .attr("aria-hidden", "true");
    let list = (shapes.iter().enumerate()).map(|(i, s)| {
        let p = i as u32 + 1;
        let label = match parts.cell(p) {
            Some((row, column)) => tf(
                lang,
                "shade-cell",
                &[("row", &row.to_string()), ("column", &column.to_string())],
            ),
            None => tf(
                lang,
                "shade-part",
                &[("n", &p.to_string()), ("total", &total.to_string())],
            ),
        };
        Toggle {
            shape: figure::shape(s).attr("class", "part"),
            value: p.to_string(),
            label,
            anchor: part_anchor(s),
            checked: shown.contains(&p),
        }
    });
    let layer = toggles(
        view,
        (layer, root),
        (width, height),
        list.collect(),
        ("shade", Picks::Several),
        "shaded",
    );
    let count = Element::text("p", "shade-count", &shade_count(lang, shown.len(), total));
    vec![Element::new("div", &format!("shade-answer {kind}"))
        .attr("role", "group")
        .attr("aria-label", group)
        .child(layer)
        .child(count)
        .into()]
}

/// The SVG element of a region's outline, in the image's own coordinates.
fn outline(o: &Outline) -> Element {
    match o {
        Outline::Circle([cx, cy, radius]) => set(
            svg("circle", ""),
            &[("cx", *cx), ("cy", *cy), ("r", *radius)],
        ),
        Outline::Rect([l, t, right, b]) => set(
            svg("rect", ""),
            &[
                ("x", *l),
                ("y", *t),
                ("width", right - l),
                ("height", b - t),
            ],
        ),
        Outline::Polygon(coords) => {
            let points: Vec<String> = coords.iter().map(|v| draw::n(*v)).collect();
            svg("polygon", "").attr("points", points.join(" "))
        }
    }
}

/// The picture of a `hotspot` item.
pub struct Picture<'a> {
    pub image: &'a str,
    pub alt: &'a Text,
    pub width: f64,
    pub height: f64,
}

/// The controls of a `hotspot` interaction: the author's image with its regions drawn over it in the
/// image's own coordinates, each region a native checkbox named by its label and laid on the region, so
/// Tab and Space pick by keyboard and a click or a tap on a region picks it. With one region to pick
/// they are a native radio group instead: Tab into it, arrow keys move the pick. Once feedback is
/// shown each region is marked right or wrong, in its class and its name.
pub fn hotspot(
    view: &ItemView<'_>,
    picture: &Picture<'_>,
    regions: &[Region],
    several: bool,
) -> Vec<Node> {
    let picks = if several { Picks::Several } else { Picks::One };
    let chosen: Vec<&str> = match view.shown() {
        Some(Response::Choices { options }) => options.iter().map(String::as_str).collect(),
        Some(Response::Choice { option }) => vec![option.as_str()],
        _ => Vec::new(),
    };
    let mut layer = Element::new("div", "shape-layer");
    if picks == Picks::One {
        layer = layer
            .attr("role", "radiogroup")
            .attr("aria-label", t(view.lang, "hotspot-one"));
    }
    let image = set(
        svg("image", ""),
        &[("width", picture.width), ("height", picture.height)],
    )
    .attr("href", (view.asset_url)(picture.image))
    .attr("preserveAspectRatio", "none");
    let root = svg("svg", "hotspot-image")
        .attr(
            "viewBox",
            format!("0 0 {} {}", draw::n(picture.width), draw::n(picture.height)),
        )
        .attr("role", "img")
        .attr("aria-label", plain_text(&view.text(picture.alt)))
        .child(image);
    let list = (regions.iter().enumerate()).map(|(n, r)| {
        let mut class = "region".to_owned();
        let mut label = plain_text(&view.text(&r.label));
        if let Some(mark) = view.part_mark(n) {
            class = format!("region {}", mark.class);
            label = format!("{label} ({})", mark.words);
        }
        Toggle {
            shape: outline(&r.outline).attr("class", class),
            value: r.id.clone(),
            label,
            anchor: r.outline.anchor(),
            checked: chosen.contains(&r.id.as_str()),
        }
    });
    let layer = toggles(
        view,
        (layer, root),
        (picture.width, picture.height),
        list.collect(),
        ("region", picks),
        "chosen",
    );
    // Shown at the image's own size at most.
    vec![Element::new("div", "hotspot-answer")
        .style(
            "inline-size",
            format!("min(100%, {}px)", draw::n(picture.width)),
        )
        .child(layer)
        .into()]
}

/// What read-aloud says of a shade item's answer: its model as a figure's alternative says it, with
/// the parts shaded so far.
pub(crate) fn spoken_shade(view: &ItemView<'_>, model: &ShadeModel) -> Option<String> {
    let model = model.resolve(view.values).ok()?;
    let shaded = match view.shown() {
        Some(Response::Shaded { parts, of }) if *of == model.count() => parts.len(),
        _ => 0,
    };
    let alt = crate::present::shade_alt(view.lang, &model, shaded as u32);
    Some(alt.trim_end_matches('.').to_owned())
}

/// The controls of `view.item` when it is answered on a line or a picture.
pub(crate) fn build(view: &ItemView<'_>) -> Option<Vec<Node>> {
    Some(match &view.item.interaction {
        Interaction::NumberLine { .. } => number_line(view),
        Interaction::Shade { model, .. } => shade(view, model),
        Interaction::Hotspot {
            image,
            alt,
            width,
            height,
            regions,
            correct,
        } => {
            let picture = Picture {
                image,
                alt,
                width: *width,
                height: *height,
            };
            hotspot(view, &picture, regions, correct.is_several())
        }
        _ => return None,
    })
}
