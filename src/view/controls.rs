//! The controls of an item, one builder per interaction type, as elements: every control is a native
//! form control (radios, checkboxes, text inputs, selects, buttons), so each works by keyboard alone and
//! has an accessible name; ordering is done with Move up / Move down buttons, never by dragging only.
//!
//! Deliberately not here: the types answered on a drawn line, a picture or a passage (`numberLine`,
//! `shade`, `hotspot`, `hottext`, `dragToImage`), built by `view::visual` for the shell's later part
//! ([`ItemView::controls`] gives either); reading the answer back from the page, and events.

use super::{rich, Element, Node};
use crate::check::Response;
use crate::i18n::t;
use crate::package::markup::plain_text;
use crate::package::params::{fill_display, Values};
use crate::package::{Blank, ChoiceOption, DecimalMark, Interaction, Item, Pair, Text};
use crate::screen::options::{shuffled, visible};
use crate::screen::{ItemScreen, Stage};
use std::collections::BTreeMap;

/// What the controls show of an item's state.
pub struct ItemView<'a> {
    pub item: &'a Item,
    pub lang: &'a str,
    pub default: &'a str,
    pub values: &'a Values,
    pub mark: DecimalMark,
    /// The answer to show, locked, after it was submitted.
    pub answered: Option<&'a Response>,
    /// Whether each part was right (shown with the answer when feedback is shown).
    pub parts: Option<&'a [bool]>,
    /// The learner's unsubmitted answer, restored.
    pub draft: Option<&'a Response>,
    /// Seeds the order options are shown in (ordering and matching), so it is stable across renders.
    pub seed: u64,
    /// The "fewer choices" accommodation: at most this many options in choice items.
    pub max_options: Option<u32>,
    /// The URL of a package file (an option's picture).
    pub asset_url: &'a dyn Fn(&str) -> String,
}

impl<'a> ItemView<'a> {
    /// The controls' view of `screen`: at feedback its answer, locked, with each part marked; while
    /// answering its draft.
    pub fn of(screen: &'a ItemScreen, asset_url: &'a dyn Fn(&str) -> String) -> Self {
        let feedback = match &screen.stage {
            Stage::Feedback(f) => Some(f),
            Stage::Answering { .. } => None,
        };
        ItemView {
            item: &screen.item,
            lang: &screen.lang,
            default: &screen.default,
            values: &screen.values,
            mark: screen.mark,
            answered: feedback.map(|f| &f.answered),
            parts: feedback.and_then(|f| f.parts.as_deref()),
            draft: screen.draft.as_ref(),
            seed: screen.seed,
            max_options: screen.max_options,
            asset_url,
        }
    }

    /// Author text in the learner's language with the item's numbers filled in.
    pub fn text(&self, t: &Text) -> String {
        fill_display(t.get(self.lang, self.default), self.values, self.mark)
    }

    /// The answer the controls hold: the submitted one, else the draft.
    pub fn shown(&self) -> Option<&Response> {
        self.answered.or(self.draft)
    }

    /// Whether the answer was submitted: its controls show it and cannot change.
    pub fn locked(&self) -> bool {
        self.answered.is_some()
    }

    /// The id of one of the item's controls.
    pub fn control_id(&self, suffix: &str) -> String {
        format!("i-{}-{suffix}", self.item.id)
    }

    /// The controls of the item, whatever its type: the ones drawn with the item form ([`build`]) or
    /// the ones the later part draws into it (`view::visual::build`).
    pub fn controls(&self) -> Vec<Node> {
        build(self)
            .or_else(|| super::visual::build(self))
            .unwrap_or_default()
    }

    /// How part `n` is marked once feedback is shown (None before, or for a part not scored).
    pub fn part_mark(&self, n: usize) -> Option<PartMark> {
        self.parts
            .and_then(|p| p.get(n).copied())
            .map(|right| PartMark {
                class: if right { "part-right" } else { "part-wrong" },
                words: t(self.lang, if right { "part-right" } else { "part-wrong" }),
            })
    }
}

/// A part marked right or wrong: a class, and words for screen readers.
pub struct PartMark {
    pub class: &'static str,
    pub words: &'static str,
}

impl PartMark {
    /// The accessible name or description a control marked so gets: its name with the words appended,
    /// or (unnamed) the words as its description. Returns the attribute and its value.
    pub fn label(&self, existing_label: Option<&str>) -> (&'static str, String) {
        match existing_label.filter(|l| !l.is_empty()) {
            Some(label) => ("aria-label", format!("{label} ({})", self.words)),
            None => ("aria-description", self.words.to_owned()),
        }
    }
}

/// Marks `control` as right or wrong once feedback is shown.
pub fn mark_part(control: &mut Element, view: &ItemView<'_>, n: usize) {
    if let Some(mark) = view.part_mark(n) {
        let class = match control.get("class") {
            Some(c) if !c.is_empty() => format!("{c} {}", mark.class),
            _ => mark.class.to_owned(),
        };
        control.set("class", class);
        let (name, value) = mark.label(control.get("aria-label"));
        control.set(name, value);
    }
}

/// The controls of `view.item`, or None for a type answered on a line, a picture or a passage (whose
/// controls are the later part's: `view::visual::build`).
pub fn build(view: &ItemView<'_>) -> Option<Vec<Node>> {
    Some(match &view.item.interaction {
        Interaction::SingleChoice { options, correct } => single_choice(view, options, correct),
        Interaction::MultipleResponse {
            options, correct, ..
        } => multiple_response(view, options, correct),
        Interaction::TrueFalse { .. } => true_false(view),
        Interaction::Numeric { .. }
        | Interaction::ShortText { .. }
        | Interaction::Expression { .. } => vec![answer_box(view).into()],
        Interaction::Cloze {
            text: cloze,
            blanks,
            ..
        } => vec![cloze_text(view, cloze, blanks).into()],
        Interaction::Ordering { options } => vec![ordering(view, options).into()],
        Interaction::Matching { pairs, .. } => vec![matching(view, pairs).into()],
        Interaction::NumberLine { .. }
        | Interaction::Shade { .. }
        | Interaction::Hotspot { .. }
        | Interaction::Hottext { .. }
        | Interaction::DragToImage { .. } => return None,
    })
}

/// What read-aloud says of the item: the stem, the text alternatives of the figures it draws, then what
/// else a sighted learner sees of the answer: the options (choice and ordering items; a picture option
/// by its alt text), the matching prompts, the cloze text. The types answered on a line, a picture or a
/// passage add what `view::visual::spoken` says (the later part's).
pub fn spoken(view: &ItemView<'_>) -> Vec<String> {
    let mut parts = vec![plain_text(&view.text(&view.item.stem))];
    let figures = (view.item.blocks.iter())
        .filter_map(|b| b.figure()?.resolve(view.values).ok())
        .map(|f| crate::present::figure_alt(view.lang, view.default, &f));
    parts.extend(figures.map(|alt| alt.trim_end_matches('.').to_owned()));
    match &view.item.interaction {
        Interaction::SingleChoice { options, .. }
        | Interaction::MultipleResponse { options, .. }
        | Interaction::Ordering { options } => {
            parts.extend(options.iter().map(|o| plain_text(&view.text(&o.text))));
        }
        Interaction::Matching { pairs, .. } => {
            parts.extend(pairs.iter().map(|p| plain_text(&view.text(&p.prompt))));
        }
        Interaction::Cloze { text, .. } => parts.push(plain_text(&view.text(text))),
        _ => {}
    }
    parts
}

/// Single choice: a radio button per visible option.
fn single_choice(view: &ItemView<'_>, options: &[ChoiceOption], correct: &str) -> Vec<Node> {
    visible(options, &[correct], view.max_options)
        .into_iter()
        .map(|(n, o)| {
            let checked =
                matches!(view.shown(), Some(Response::Choice { option }) if option == &o.id);
            option_row(
                view,
                "radio",
                &o.id,
                Label::of(view, o),
                checked,
                part(view, None, n),
            )
        })
        .collect()
}

/// Multiple response: a checkbox per visible option.
fn multiple_response(
    view: &ItemView<'_>,
    options: &[ChoiceOption],
    correct: &[String],
) -> Vec<Node> {
    let right: Vec<&str> = correct.iter().map(String::as_str).collect();
    visible(options, &right, view.max_options)
        .into_iter()
        .map(|(n, o)| {
            let checked = matches!(view.shown(), Some(Response::Choices { options }) if options.contains(&o.id));
            option_row(
                view,
                "checkbox",
                &o.id,
                Label::of(view, o),
                checked,
                part(view, Some(n), n),
            )
        })
        .collect()
}

/// True or false: two radio buttons.
fn true_false(view: &ItemView<'_>) -> Vec<Node> {
    ["true", "false"]
        .into_iter()
        .map(|value| {
            let checked =
                matches!(view.shown(), Some(Response::Bool { value: v }) if v.to_string() == value);
            option_row(
                view,
                "radio",
                value,
                Label::Text(t(view.lang, value).to_owned()),
                checked,
                None,
            )
        })
        .collect()
}

/// Sets the boolean attribute `name` when `on`.
fn flag(e: Element, name: &'static str, on: bool) -> Element {
    if on {
        e.attr(name, "")
    } else {
        e
    }
}

/// Numeric, short text and expression answers: one labelled text box, with help for numbers and
/// expressions.
fn answer_box(view: &ItemView<'_>) -> Element {
    let input_id = view.control_id("answer");
    let label =
        Element::text("label", "answer-label", t(view.lang, "your-answer")).attr("for", &input_id);
    let mut input = Element::new("input", "answer")
        .attr("type", "text")
        .attr("name", "answer")
        .attr("id", &input_id)
        .attr("autocomplete", "off")
        .attr("spellcheck", "false");
    let help_key = match &view.item.interaction {
        Interaction::Numeric { answer, .. } => {
            input.set("inputmode", "decimal");
            Some(crate::check::number_help_key(answer, view.values))
        }
        Interaction::Expression { .. } => {
            input.set("autocapitalize", "off");
            Some("expression-help")
        }
        _ => None,
    };
    let mut help = None;
    if let Some(key) = help_key {
        let help_id = view.control_id("help");
        input.set("aria-describedby", &help_id);
        help = Some(Element::text("p", "help", t(view.lang, key)).attr("id", help_id));
    }
    if let Some(
        Response::Number { input: s }
        | Response::Text { input: s }
        | Response::Expression { input: s },
    ) = view.shown()
    {
        input.set("value", s);
    }
    let input = flag(input, "disabled", view.locked());
    let row = Element::new("div", "answer-row").child(label).child(input);
    match help {
        Some(help) => row.child(help),
        None => row,
    }
}

/// Cloze: the text with a box or a menu per blank.
fn cloze_text(view: &ItemView<'_>, cloze: &Text, blanks: &[Blank]) -> Element {
    let locked = view.locked();
    let mut para = Element::new("p", "cloze");
    let source = view.text(cloze);
    let given = match view.shown() {
        Some(Response::Blanks { values }) => values.clone(),
        _ => BTreeMap::new(),
    };
    let mut rest = source.as_str();
    while let Some(open) = rest.find("[[") {
        para.children.extend(rich::inline(&rest[..open]));
        let after = &rest[open + 2..];
        let Some(close) = after.find("]]") else { break };
        let blank_id = after[..close].trim();
        rest = &after[close + 2..];
        let Some((n, blank)) = blanks.iter().enumerate().find(|(_, b)| b.id() == blank_id) else {
            continue;
        };
        let label = format!("{} {}", t(view.lang, "blank"), n + 1);
        let given = given.get(blank_id).map(String::as_str);
        let control = match blank {
            Blank::Entry { .. } => {
                let input = Element::new("input", "")
                    .attr("type", "text")
                    .attr("size", "6");
                let input = match given.filter(|g| !g.is_empty()) {
                    Some(g) => input.attr("value", g),
                    None => input,
                };
                flag(input, "disabled", locked).attr("autocomplete", "off")
            }
            Blank::Choice { options, .. } => {
                let choices: Vec<(String, String)> = options
                    .iter()
                    .map(|o| (o.id.clone(), view.text(&o.text)))
                    .collect();
                select(&choices, given, locked, view.lang)
            }
        };
        let mut control = control
            .attr("name", format!("blank-{blank_id}"))
            .attr("aria-label", label)
            .attr("class", "blank");
        mark_part(&mut control, view, n);
        para.children.push(control.into());
    }
    para.children.extend(rich::inline(rest));
    para
}

/// Ordering: a list with move-up and move-down buttons (no dragging needed); the shell moves the
/// entries when a button with `data-move` is pressed.
fn ordering(view: &ItemView<'_>, options: &[ChoiceOption]) -> Element {
    let locked = view.locked();
    let order: Vec<&ChoiceOption> = match view.shown() {
        Some(Response::Order { order }) => order
            .iter()
            .filter_map(|id| options.iter().find(|o| &o.id == id))
            .collect(),
        _ => shuffled(options, view.seed),
    };
    let mut list = Element::new("ol", "ordering");
    for (n, o) in order.iter().enumerate() {
        let label = view.text(&o.text);
        let mut li = Element::new("li", "order-item")
            .attr("data-id", &o.id)
            .child(rich::element("span", "order-text", &label));
        if !locked {
            for (dir, key) in [(-1i32, "move-up"), (1, "move-down")] {
                let b = button(if dir < 0 { "↑" } else { "↓" }, "button", "move")
                    .attr(
                        "aria-label",
                        format!("{}: {}", t(view.lang, key), plain_text(&label)),
                    )
                    .attr("data-move", dir.to_string());
                li = li.child(b);
            }
        }
        mark_part(&mut li, view, n);
        list = list.child(li);
    }
    list
}

/// What the announcer says when an ordering entry named `name` moved to `position` of `total`.
pub fn moved(lang: &str, name: &str, position: u32, total: u32) -> String {
    format!(
        "{name}: {} {position} {} {total}",
        t(lang, "moved"),
        t(lang, "of")
    )
}

/// A `<button type class>` labelled `label`.
pub fn button(label: &str, kind: &str, class: &str) -> Element {
    Element::text("button", class, label).attr("type", kind)
}

/// Matching: a labelled menu of answers per prompt.
fn matching(view: &ItemView<'_>, pairs: &[Pair]) -> Element {
    let answers: Vec<(String, String)> = shuffled(pairs, view.seed)
        .into_iter()
        .map(|p| (p.id.clone(), view.text(&p.answer)))
        .collect();
    let given = match view.shown() {
        Some(Response::Pairs { pairs }) => pairs.clone(),
        _ => BTreeMap::new(),
    };
    let mut table = Element::new("div", "matching");
    for (n, pair) in pairs.iter().enumerate() {
        let control_id = view.control_id(&format!("pair-{}", pair.id));
        let label = rich::element("label", "match-prompt", &view.text(&pair.prompt))
            .attr("for", &control_id);
        let mut control = select(
            &answers,
            given.get(&pair.id).map(String::as_str),
            view.locked(),
            view.lang,
        )
        .attr("id", control_id)
        .attr("name", format!("pair-{}", pair.id));
        mark_part(&mut control, view, n);
        table = table.child(Element::new("div", "match-row").child(label).child(control));
    }
    table
}

fn part(view: &ItemView<'_>, index: Option<usize>, _n: usize) -> Option<bool> {
    index.and_then(|i| view.parts.and_then(|p| p.get(i).copied()))
}

/// What labels an option: its text, or a picture with its alt text.
enum Label<'a> {
    Text(String),
    Picture { src: &'a str, alt: String },
}

impl<'a> Label<'a> {
    fn of(view: &ItemView<'_>, option: &'a ChoiceOption) -> Self {
        match &option.image {
            Some(src) => Label::Picture {
                src,
                alt: view.text(&option.text),
            },
            None => Label::Text(view.text(&option.text)),
        }
    }
}

/// One option of a choice: its input and its label, marked once feedback is shown.
fn option_row(
    view: &ItemView<'_>,
    kind: &str,
    value: &str,
    label: Label<'_>,
    checked: bool,
    right: Option<bool>,
) -> Node {
    let input_id = view.control_id(value);
    let input = Element::new("input", "")
        .attr("type", kind)
        .attr("name", "choice")
        .attr("value", value)
        .attr("id", &input_id);
    let input = flag(flag(input, "checked", checked), "disabled", view.locked());
    let label = match label {
        // A picture option: the image is the label, its alt text the option's text (its name).
        Label::Picture { src, alt } => Element::new("label", "picture-option").child(
            Element::new("img", "")
                .attr("src", (view.asset_url)(src))
                .attr("alt", plain_text(&alt)),
        ),
        Label::Text(text) => rich::element("label", "", &text),
    };
    let mut label = label.attr("for", input_id);
    let mut row = Element::new("div", "option");
    if let Some(right) = right {
        row.set(
            "class",
            if right {
                "option part-right"
            } else {
                "option part-wrong"
            },
        );
        let words = t(view.lang, if right { "part-right" } else { "part-wrong" });
        label = label.child(Element::text(
            "span",
            "visually-hidden",
            &format!(" ({words})"),
        ));
    }
    row.child(input).child(label).into()
}

/// A menu of `choices` (id and label) after an empty "Choose" entry, with `chosen` selected.
pub fn select(
    choices: &[(String, String)],
    chosen: Option<&str>,
    locked: bool,
    lang: &str,
) -> Element {
    let chosen = chosen.unwrap_or("");
    let empty = Element::text("option", "", t(lang, "choose")).attr("value", "");
    let options = choices.iter().map(|(id, label)| {
        let o = Element::text("option", "", &plain_text(label)).attr("value", id);
        flag(o, "selected", id == chosen).into()
    });
    flag(
        Element::new("select", "").child(empty).children(options),
        "disabled",
        locked,
    )
}
