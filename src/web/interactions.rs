//! One renderer per interaction type, and the reader that turns the form back into a [`Response`].
//! Every control is a native form control (radios, checkboxes, text inputs, selects, buttons), so each
//! works by keyboard alone and has an accessible name; ordering is done with Move up / Move down buttons,
//! never by dragging only.

use super::dom::{self, append, el, text};
use super::i18n::t;
use super::rich;
use crate::check::Response;
use crate::collect::CollectOrdered;
use crate::package::params::{fill_display as fill, Values};
use crate::package::DecimalMark;
use crate::package::{Blank, ChoiceOption, Interaction, Item, Pair, Text};
use crate::screen::options::{shuffled, visible};
use crate::web::dom::Build;
use gloo::events::EventListener;
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

/// What the renderer needs to know about the item's state.
pub struct View<'a> {
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
    /// Where screen-reader announcements go.
    pub announcer: &'a Element,
    /// The "fewer choices" accommodation: at most this many options in choice items.
    pub max_options: Option<u32>,
    /// The URL of a package file (an option's picture).
    pub asset_url: &'a dyn Fn(&str) -> String,
}

impl View<'_> {
    /// Author text in the learner's language with the item's numbers filled in.
    pub fn text(&self, t: &Text) -> String {
        fill(t.get(self.lang, self.default), self.values, self.mark)
    }

    pub(super) fn shown(&self) -> Option<&Response> {
        self.answered.or(self.draft)
    }

    /// Whether the answer was submitted: its controls show it and cannot change.
    pub(super) fn locked(&self) -> bool {
        self.answered.is_some()
    }

    /// The id of one of the item's controls.
    pub(super) fn control_id(&self, suffix: &str) -> String {
        format!("i-{}-{suffix}", self.item.id)
    }
}

/// Builds the controls of `view.item` into `fieldset` (whose legend is the stem). Returns the listeners
/// the controls need (kept alive by the caller).
pub fn build(fieldset: &Element, view: &View<'_>) -> Vec<EventListener> {
    let mut listeners = Vec::new();
    match &view.item.interaction {
        Interaction::SingleChoice { options, correct } => {
            single_choice(fieldset, view, options, correct)
        }
        Interaction::MultipleResponse {
            options, correct, ..
        } => multiple_response(fieldset, view, options, correct),
        Interaction::TrueFalse { .. } => true_false(fieldset, view),
        Interaction::Numeric { .. }
        | Interaction::ShortText { .. }
        | Interaction::Expression { .. } => answer_box(fieldset, view),
        Interaction::Cloze {
            text: cloze,
            blanks,
            ..
        } => cloze_text(fieldset, view, cloze, blanks),
        Interaction::Ordering { options } => listeners.extend(ordering(fieldset, view, options)),
        Interaction::Matching { pairs, .. } => matching(fieldset, view, pairs),
        Interaction::NumberLine { .. }
        | Interaction::Shade { .. }
        | Interaction::Hotspot { .. }
        | Interaction::Hottext { .. }
        | Interaction::DragToImage { .. } => match super::later::here() {
            // The controls answered on a line, a picture or a passage are in the later part: a first
            // item of one of these types waits for it (`mount`); it is there for any item after the first.
            Some(rest) => listeners.extend((rest.build_visual)(fieldset, view)),
            None => {
                let line =
                    super::dom::text("p", "message", super::i18n::t(view.lang, "later-unloaded"));
                line.set_attribute("role", "status").ok();
                fieldset.append_child(&line).ok();
            }
        },
    }
    listeners
}

/// What read-aloud says of the answer of a type answered on a picture or a passage, after the stem and
/// the figures: a shade item's model as a figure's alternative says it (with the parts shaded so far), a
/// picture's alt text with its regions or places, a hotspot's "pick one", a hottext's instruction and
/// passage, and the labels a dragToImage item places. The later part's (see [`super::later::Rest`]).
pub(super) fn spoken_visual(view: &View<'_>) -> Vec<String> {
    use crate::package::markup::plain_text;
    let mut out = Vec::new();
    match &view.item.interaction {
        Interaction::Shade { model, .. } => {
            if let Ok(model) = model.resolve(view.values) {
                let shaded = match view.shown() {
                    Some(Response::Shaded { parts, of }) if *of == model.count() => parts.len(),
                    _ => 0,
                };
                let alt = crate::present::shade_alt(view.lang, &model, shaded as u32);
                out.push(alt.trim_end_matches('.').to_owned());
            }
        }
        Interaction::Hotspot {
            alt,
            regions,
            correct,
            ..
        } => {
            out.push(plain_text(&view.text(alt)));
            if !correct.is_several() {
                out.push(t(view.lang, "hotspot-one").to_owned());
            }
            out.extend(regions.iter().map(|r| plain_text(&view.text(&r.label))));
        }
        Interaction::Hottext {
            text,
            options,
            correct,
        } => {
            let help = if correct.is_several() {
                "hottext-several"
            } else {
                "hottext-one"
            };
            out.push(t(view.lang, help).trim_end_matches('.').to_owned());
            out.push(super::hottext::spoken(view, text, options))
        }
        Interaction::DragToImage {
            alt,
            targets,
            labels,
            ..
        } => {
            out.push(plain_text(&view.text(alt)));
            out.extend(super::drag::spoken_targets(view, targets));
            let names: Vec<String> = (labels.iter())
                .map(|l| plain_text(&view.text(&l.text)))
                .collect();
            out.push(format!(
                "{}: {}",
                t(view.lang, "drag-labels"),
                names.join(", ")
            ));
        }
        _ => {}
    }
    out
}

/// The controls of the types answered on a line, a picture or a passage (`numberLine`, `shade`,
/// `hotspot`, `hottext`, `dragToImage`): the later part's (see [`super::later::Rest`]).
pub(super) fn build_visual(fieldset: &Element, view: &View<'_>) -> Vec<EventListener> {
    match &view.item.interaction {
        Interaction::NumberLine { .. } => super::visual::number_line_answer(fieldset, view),
        Interaction::Shade { .. } => super::visual::shade_answer(fieldset, view),
        Interaction::Hotspot { .. } => super::visual::hotspot_answer(fieldset, view),
        Interaction::Hottext {
            text: passage,
            options,
            correct,
        } => super::hottext::build(fieldset, view, passage, options, correct)
            .into_iter()
            .collect(),
        Interaction::DragToImage {
            image,
            alt,
            width,
            height,
            targets,
            labels,
            ..
        } => {
            let picture = super::drag::Picture {
                src: image,
                alt,
                width: *width,
                height: *height,
            };
            super::drag::build(fieldset, view, &picture, targets, labels)
        }
        _ => Vec::new(),
    }
}

/// Single choice: a radio button per visible option.
fn single_choice(fieldset: &Element, view: &View<'_>, options: &[ChoiceOption], correct: &str) {
    let locked = view.locked();
    let id = |suffix: &str| view.control_id(suffix);
    for (n, o) in visible(options, &[correct], view.max_options) {
        let checked = matches!(view.shown(), Some(Response::Choice { option }) if option == &o.id);
        option_row(
            fieldset,
            view,
            "radio",
            &o.id,
            Label::of(view, o),
            &id(&o.id),
            checked,
            locked,
            part(view, None, n),
        );
    }
}

/// Multiple response: a checkbox per visible option.
fn multiple_response(
    fieldset: &Element,
    view: &View<'_>,
    options: &[ChoiceOption],
    correct: &[String],
) {
    let locked = view.locked();
    let id = |suffix: &str| view.control_id(suffix);
    let right: Vec<&str> = correct.iter().map(String::as_str).collect();
    for (n, o) in visible(options, &right, view.max_options) {
        let checked =
            matches!(view.shown(), Some(Response::Choices { options }) if options.contains(&o.id));
        option_row(
            fieldset,
            view,
            "checkbox",
            &o.id,
            Label::of(view, o),
            &id(&o.id),
            checked,
            locked,
            part(view, Some(n), n),
        );
    }
}

/// True or false: two radio buttons.
fn true_false(fieldset: &Element, view: &View<'_>) {
    let locked = view.locked();
    let id = |suffix: &str| view.control_id(suffix);
    for value in ["true", "false"] {
        let checked =
            matches!(view.shown(), Some(Response::Bool { value: v }) if v.to_string() == value);
        option_row(
            fieldset,
            view,
            "radio",
            value,
            Label::Text(t(view.lang, value).to_owned()),
            &id(value),
            checked,
            locked,
            None,
        );
    }
}

/// Numeric, short text and expression answers: one labelled text box, with help for numbers and expressions.
fn answer_box(fieldset: &Element, view: &View<'_>) {
    let item = view.item;
    let locked = view.locked();
    let id = |suffix: &str| view.control_id(suffix);
    let input_id = id("answer");
    let label = text("label", "answer-label", t(view.lang, "your-answer"));
    label.attr("for", &input_id);
    let input: HtmlInputElement = dom::el("input", "").unchecked_into();
    input.set_type("text");
    input.set_name("answer");
    input.set_id(&input_id);
    input.set_class_name("answer");
    input.attr("autocomplete", "off");
    input.attr("spellcheck", "false");
    let help_key = match &item.interaction {
        Interaction::Numeric { answer, .. } => {
            input.attr("inputmode", "decimal");
            Some(crate::check::number_help_key(answer, view.values))
        }
        Interaction::Expression { .. } => {
            input.attr("autocapitalize", "off");
            Some("expression-help")
        }
        _ => None,
    };
    let row = el("div", "answer-row");
    append(&row, &[&label, &input]);
    if let Some(key) = help_key {
        let help_id = id("help");
        let help = text("p", "help", t(view.lang, key));
        help.set_id(&help_id);
        input.attr("aria-describedby", &help_id);
        row.add(&help);
    }
    if let Some(
        Response::Number { input: s }
        | Response::Text { input: s }
        | Response::Expression { input: s },
    ) = view.shown()
    {
        input.set_value(s);
    }
    input.set_disabled(locked);
    fieldset.add(&row);
}

/// Cloze: the text with a box or a menu per blank.
fn cloze_text(fieldset: &Element, view: &View<'_>, cloze: &Text, blanks: &[Blank]) {
    let locked = view.locked();
    let para = el("p", "cloze");
    let source = view.text(cloze);
    let given = match view.shown() {
        Some(Response::Blanks { values }) => values.clone(),
        _ => BTreeMap::new(),
    };
    let mut rest = source.as_str();
    while let Some(open) = rest.find("[[") {
        rich::inline(&para, &rest[..open]);
        let after = &rest[open + 2..];
        let Some(close) = after.find("]]") else { break };
        let blank_id = after[..close].trim();
        rest = &after[close + 2..];
        let Some((n, blank)) = blanks.iter().enumerate().find(|(_, b)| b.id() == blank_id) else {
            continue;
        };
        let label = format!("{} {}", t(view.lang, "blank"), n + 1);
        let control: Element = match blank {
            Blank::Entry { .. } => {
                let input: HtmlInputElement = dom::el("input", "").unchecked_into();
                input.set_type("text");
                input.set_size(6);
                input.set_value(given.get(blank_id).map_or("", String::as_str));
                input.set_disabled(locked);
                input.attr("autocomplete", "off");
                input.into()
            }
            Blank::Choice { options, .. } => {
                let choices: Vec<(String, String)> = options
                    .iter()
                    .map(|o| (o.id.clone(), view.text(&o.text)))
                    .collect();
                select(
                    &choices,
                    given.get(blank_id).map(String::as_str),
                    locked,
                    view.lang,
                )
            }
        };
        control.attr("name", &format!("blank-{blank_id}"));
        control.attr("aria-label", &label);
        control.set_class_name("blank");
        mark_part(&control, view, n);
        para.add(&control);
    }
    rich::inline(&para, rest);
    fieldset.add(&para);
}

/// Ordering: a list with move-up and move-down buttons (no dragging needed); returns the list's click handler.
fn ordering(
    fieldset: &Element,
    view: &View<'_>,
    options: &[ChoiceOption],
) -> Option<EventListener> {
    let locked = view.locked();
    let order: Vec<&ChoiceOption> = match view.shown() {
        Some(Response::Order { order }) => order
            .iter()
            .filter_map(|id| options.iter().find(|o| &o.id == id))
            .collect(),
        _ => shuffled(options, view.seed),
    };
    let list = el("ol", "ordering");
    for (n, o) in order.iter().enumerate() {
        let li = el("li", "order-item");
        li.attr("data-id", &o.id);
        let label = view.text(&o.text);
        let span = rich::element("span", "order-text", &label);
        li.add(&span);
        if !locked {
            for (dir, key) in [(-1i32, "move-up"), (1, "move-down")] {
                let b = dom::button(if dir < 0 { "↑" } else { "↓" }, "button", "move");
                b.attr(
                    "aria-label",
                    &format!(
                        "{}: {}",
                        t(view.lang, key),
                        crate::package::markup::plain_text(&label)
                    ),
                );
                b.attr("data-move", &dir.to_string());
                li.add(&b);
            }
        }
        mark_part(&li, view, n);
        list.add(&li);
    }
    fieldset.add(&list);
    if !locked {
        let announcer = view.announcer.clone();
        let lang = view.lang.to_owned();
        let list_for_click = list.clone();
        return Some(EventListener::new(&list, "click", move |event| {
            let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
                return;
            };
            let Ok(Some(button)) = target.closest("button[data-move]") else {
                return;
            };
            move_item(&list_for_click, &button, &announcer, &lang);
        }));
    }
    None
}

/// Matching: a labelled menu of answers per prompt.
fn matching(fieldset: &Element, view: &View<'_>, pairs: &[Pair]) {
    let locked = view.locked();
    let id = |suffix: &str| view.control_id(suffix);
    let answers: Vec<(String, String)> = shuffled(pairs, view.seed)
        .into_iter()
        .map(|p| (p.id.clone(), view.text(&p.answer)))
        .collect();
    let given = match view.shown() {
        Some(Response::Pairs { pairs }) => pairs.clone(),
        _ => BTreeMap::new(),
    };
    let table = el("div", "matching");
    for (n, pair) in pairs.iter().enumerate() {
        let row = el("div", "match-row");
        let control_id = id(&format!("pair-{}", pair.id));
        let label = rich::element("label", "match-prompt", &view.text(&pair.prompt));
        label.attr("for", &control_id);
        let control = select(
            &answers,
            given.get(&pair.id).map(String::as_str),
            locked,
            view.lang,
        );
        control.set_id(&control_id);
        control.attr("name", &format!("pair-{}", pair.id));
        mark_part(&control, view, n);
        append(&row, &[&label, &control]);
        table.add(&row);
    }
    fieldset.add(&table);
}

fn part(view: &View<'_>, index: Option<usize>, _n: usize) -> Option<bool> {
    index.and_then(|i| view.parts.and_then(|p| p.get(i).copied()))
}

/// Marks a control as right or wrong (a class, and words for screen readers) once feedback is shown.
pub(super) fn mark_part(control: &Element, view: &View<'_>, n: usize) {
    if let Some(right) = view.parts.and_then(|p| p.get(n).copied()) {
        control.add_class(if right { "part-right" } else { "part-wrong" });
        let words = t(view.lang, if right { "part-right" } else { "part-wrong" });
        let existing = control.get_attribute("aria-label").unwrap_or_default();
        if !existing.is_empty() {
            control.attr("aria-label", &format!("{existing} ({words})"));
        } else {
            control.attr("aria-description", words);
        }
    }
}

/// What labels an option: its text, or a picture with its alt text.
enum Label<'a> {
    Text(String),
    Picture { src: &'a str, alt: String },
}

impl<'a> Label<'a> {
    fn of(view: &View<'_>, option: &'a ChoiceOption) -> Self {
        match &option.image {
            Some(src) => Label::Picture {
                src,
                alt: view.text(&option.text),
            },
            None => Label::Text(view.text(&option.text)),
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn option_row(
    fieldset: &Element,
    view: &View<'_>,
    kind: &str,
    value: &str,
    label: Label<'_>,
    input_id: &str,
    checked: bool,
    locked: bool,
    right: Option<bool>,
) {
    let row = el("div", "option");
    let input: HtmlInputElement = dom::el("input", "").unchecked_into();
    input.set_type(kind);
    input.set_name("choice");
    input.set_value(value);
    input.set_id(input_id);
    input.set_checked(checked);
    input.set_disabled(locked);
    let label = match label {
        // A picture option: the image is the label, its alt text the option's text (its name).
        Label::Picture { src, alt } => {
            let label = el("label", "picture-option");
            let img = el("img", "");
            img.attr("src", &(view.asset_url)(src));
            img.attr("alt", &crate::package::markup::plain_text(&alt));
            label.add(&img);
            label
        }
        Label::Text(text) => rich::element("label", "", &text),
    };
    label.attr("for", input_id);
    if let Some(right) = right {
        row.add_class(if right { "part-right" } else { "part-wrong" });
        dom::add_text(
            &label,
            "span",
            "visually-hidden",
            &format!(
                " ({})",
                t(view.lang, if right { "part-right" } else { "part-wrong" })
            ),
        );
    }
    append(&row, &[&input, &label]);
    fieldset.add(&row);
}

pub(super) fn select(
    choices: &[(String, String)],
    chosen: Option<&str>,
    locked: bool,
    lang: &str,
) -> Element {
    let select: HtmlSelectElement = dom::el("select", "").unchecked_into();
    let empty = text("option", "", t(lang, "choose"));
    empty.attr("value", "");
    select.add(&empty);
    for (id, label) in choices {
        let o = text("option", "", &crate::package::markup::plain_text(label));
        o.attr("value", id);
        select.add(&o);
    }
    select.set_value(chosen.unwrap_or(""));
    select.set_disabled(locked);
    select.into()
}

/// Moves the ordering entry of `button` one place up or down, keeps focus on the button, and says where
/// it went.
fn move_item(list: &Element, button: &Element, announcer: &Element, lang: &str) {
    let Ok(Some(li)) = button.closest("li") else {
        return;
    };
    let up = button.get_attribute("data-move").as_deref() == Some("-1");
    let sibling = if up {
        li.previous_element_sibling()
    } else {
        li.next_element_sibling()
    };
    let Some(sibling) = sibling else { return };
    let moved = if up {
        list.insert_before(&li, Some(&sibling))
    } else {
        list.insert_before(&sibling, Some(&li))
    };
    if moved.is_err() {
        return;
    }
    dom::focus(button);
    let items = list.children();
    let position = (0..items.length())
        .find(|&i| items.item(i).as_ref() == Some(&li))
        .map_or(0, |i| i + 1);
    let name = li
        .query_selector(".order-text")
        .ok()
        .flatten()
        .and_then(|s| s.text_content())
        .unwrap_or_default();
    announcer.set_text_content(Some(&format!(
        "{name}: {} {position} {} {}",
        t(lang, "moved"),
        t(lang, "of"),
        items.length()
    )));
    // Tell the form its answer changed (the draft is saved on `change`).
    if let Ok(event) = web_sys::Event::new_with_event_init_dict("change", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    }) {
        let _ = list.dispatch_event(&event);
    }
}

fn value_of(form: &Element, selector: &str) -> Option<String> {
    let e = form.query_selector(selector).ok()??;
    if let Some(i) = e.dyn_ref::<HtmlInputElement>() {
        return Some(i.value());
    }
    e.dyn_ref::<HtmlSelectElement>()
        .map(HtmlSelectElement::value)
}

/// What read-aloud says for the item: the stem, the text alternatives of the figures it draws, then what
/// else a sighted learner sees of the answer: the options (choice and ordering items; a picture option
/// by its alt text), the matching prompts, the cloze text, or for the types answered on a picture or a
/// passage what the later part says of them ([`spoken_visual`]).
pub fn spoken(view: &View<'_>) -> String {
    use crate::package::markup::plain_text;
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
        // Said by the later part, which is here whenever an item of these types is on screen.
        interaction if interaction.answered_later() => {
            if let Some(rest) = super::later::here() {
                parts.extend((rest.spoken_visual)(view));
            }
        }
        _ => {}
    }
    parts.join(". ")
}

/// The learner's answer as the form holds it; None when nothing is given yet.
pub fn read(form: &Element, item: &Item) -> Option<Response> {
    let checked_named = |form: &Element, name: &str| -> Vec<String> {
        let Ok(list) = form.query_selector_all(&format!("input[name={name}]:checked")) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<HtmlInputElement>().ok())
            .map(|i| i.value())
            .collect()
    };
    let checked = |form: &Element| checked_named(form, "choice");
    let response = match &item.interaction {
        Interaction::SingleChoice { .. } => Response::Choice {
            option: checked(form).into_iter().next()?,
        },
        Interaction::MultipleResponse { .. } => Response::Choices {
            options: checked(form),
        },
        Interaction::TrueFalse { .. } => Response::Bool {
            value: checked(form).into_iter().next()? == "true",
        },
        Interaction::Numeric { .. } => Response::Number {
            input: value_of(form, "input[name=answer]")?,
        },
        Interaction::ShortText { .. } => Response::Text {
            input: value_of(form, "input[name=answer]")?,
        },
        Interaction::Expression { .. } => Response::Expression {
            input: value_of(form, "input[name=answer]")?,
        },
        // The shaded parts, of all the model's parts.
        Interaction::Shade { .. } => {
            let all = form.query_selector_all("input[name=shade]").ok()?;
            Response::Shaded {
                parts: checked_named(form, "shade")
                    .iter()
                    .filter_map(|v| v.parse().ok())
                    .collect(),
                of: all.length(),
            }
        }
        // One region to pick is a radio group; several, checkboxes: both named `region`.
        Interaction::Hotspot { correct, .. } if correct.is_several() => Response::Choices {
            options: checked_named(form, "region"),
        },
        Interaction::Hotspot { .. } => Response::Choice {
            option: checked_named(form, "region").into_iter().next()?,
        },
        // The point's value, kept on the slider once the learner has placed it.
        Interaction::NumberLine { .. } => Response::Number {
            input: form
                .query_selector("input[name=point][data-value]")
                .ok()??
                .get_attribute("data-value")?,
        },
        Interaction::Hottext { correct, .. } => super::hottext::read(form, correct)?,
        Interaction::DragToImage { targets, .. } => super::drag::read(form, targets)?,
        Interaction::Cloze { blanks, .. } => Response::Blanks {
            values: blanks
                .iter()
                .filter_map(|b| {
                    let v = value_of(form, &format!("[name=\"blank-{}\"]", b.id()))?;
                    Some((b.id().to_owned(), v))
                })
                .collect_map(),
        },
        Interaction::Ordering { .. } => {
            let list = form.query_selector_all("li[data-id]").ok()?;
            Response::Order {
                order: (0..list.length())
                    .filter_map(|i| list.item(i))
                    .filter_map(|n| n.dyn_into::<Element>().ok())
                    .filter_map(|e| e.get_attribute("data-id"))
                    .collect(),
            }
        }
        Interaction::Matching { pairs, .. } => Response::Pairs {
            pairs: pairs
                .iter()
                .filter_map(|p| {
                    let v = value_of(form, &format!("[name=\"pair-{}\"]", p.id))?;
                    (!v.is_empty()).then(|| (p.id.clone(), v))
                })
                .collect_map(),
        },
    };
    (!response.is_empty()).then_some(response)
}
