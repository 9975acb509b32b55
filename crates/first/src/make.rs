//! Builds the binary form of a package's first item natively (what `pacer pack` would do): loads and
//! validates the package with the core, takes the first activity's first item and builds its screen with
//! the core's view builders (`view::controls`, `view::blocks`, `view::rich`).
//!
//! Simplifications of the probe, each a question for a real first module: the first item is the first
//! activity's first listed item (the engine picks it in the player); parameter values are empty and the
//! option order's seed is 0 (the player draws both per learner); the screen has the stem, its blocks, the
//! controls, the message line and Check (no counter, hints, Don't know or read aloud).

use crate::form::{First, Keyed, KeyedOutcome};
use pacer::check::numeric::decimal_mark_for;
use pacer::check::{score, Context, Response};
use pacer::i18n::t;
use pacer::package::params::{fill_display, Values};
use pacer::package::Interaction;
use pacer::package::{load, Files, Item};
use pacer::screen::blocks::{show, Words};
use pacer::view::controls::{build, button, ItemView};
use pacer::view::{blocks, rich, Element, Node};
use std::path::PathBuf;

/// A package folder on disk.
pub struct Folder(pub PathBuf);

impl Files for Folder {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        std::fs::read(self.0.join(path)).map_err(|e| format!("{path}: {e}"))
    }
    fn size(&self, path: &str) -> Option<u64> {
        std::fs::metadata(self.0.join(path)).ok().map(|m| m.len())
    }
}

/// The first item of the package in `files`, its authored JSON, and the package's language.
pub fn first_item(files: &dyn Files) -> Result<(Item, String, String), String> {
    let (package, report) = load(files);
    let package = package.ok_or_else(|| format!("the package does not load: {report:?}"))?;
    let entry = (package.manifest.activities.first()).ok_or("the package has no activity")?;
    let activity = package
        .activity(&entry.id)
        .ok_or("the first activity is missing")?;
    let item = activity
        .items
        .first()
        .ok_or("the first activity has no item")?;
    // The item as authored, from the activity file.
    let source = files.read(&entry.file)?;
    let json: serde_json::Value = serde_json::from_slice(&source).map_err(|e| e.to_string())?;
    let authored = (json["items"].as_array().into_iter().flatten())
        .find(|i| i["id"] == item.id.as_str())
        .ok_or("the first item is not in its file")?;
    Ok((
        item.clone(),
        authored.to_string(),
        package.manifest.language.clone(),
    ))
}

/// The screen of `item` in `lang`, as the core builds it.
pub fn screen(item: &Item, lang: &str, default: &str) -> Result<Node, String> {
    let values = Values::new();
    let mark = decimal_mark_for(lang);
    let asset_url = |src: &str| format!("course/{src}");
    let view = ItemView {
        item,
        lang,
        default,
        values: &values,
        mark,
        answered: None,
        parts: None,
        draft: None,
        seed: 0,
        max_options: None,
        asset_url: &asset_url,
    };
    let controls = build(&view).ok_or("the first item's type is drawn by the full player only")?;
    let stem = fill_display(item.stem.get(lang, default), &values, mark);
    let words = Words {
        lang,
        default,
        values: &values,
        mark,
    };
    let cx = blocks::Context {
        lang,
        default,
        asset_url: &asset_url,
    };
    let mut stem_blocks = Element::new("div", "stem-blocks");
    for b in item.blocks.iter().filter_map(|b| show(b, &words)) {
        stem_blocks = stem_blocks.children(blocks::render(&b, &cx));
    }
    let mut fieldset =
        Element::new("fieldset", "choices").child(rich::element("legend", "stem", &stem));
    if !stem_blocks.children.is_empty() {
        fieldset = fieldset.child(stem_blocks);
    }
    let form = Element::new("form", "item")
        .attr("data-item-id", item.id.clone())
        .attr("data-type", item.interaction.type_name())
        .attr("novalidate", "")
        .child(fieldset.children(controls))
        .child(Element::new("p", "message").attr("role", "alert"))
        .child(Element::new("div", "actions").child(button(
            t(lang, "check"),
            "submit",
            "primary check",
        )));
    Ok(form.into())
}

/// Variant B's form of the first item of the package in `files`, in `lang` (the package's when None).
pub fn first(files: &dyn Files, lang: Option<&str>) -> Result<First, String> {
    let (item, authored, default) = first_item(files)?;
    let lang = lang.unwrap_or(&default).to_owned();
    Ok(First {
        screen: screen(&item, &lang, &default)?,
        item: authored,
        correct: t(&lang, "correct").to_owned(),
        incorrect: t(&lang, "incorrect").to_owned(),
        lang,
        default,
    })
}

/// The most options of a multiple-response item whose every subset is worked out (2^8 answers).
const MOST_KEYED_OPTIONS: usize = 8;

/// Every answer `item`'s controls can give, scored by the core, for the choice types; None for the
/// others (typed answers, orderings, matchings, clozes), which need the scorer in the module.
pub fn outcomes(item: &Item, lang: &str, default: &str) -> Option<Vec<KeyedOutcome>> {
    let answers: Vec<(String, Response)> = match &item.interaction {
        Interaction::SingleChoice { options, .. } => (options.iter())
            .map(|o| {
                (
                    o.id.clone(),
                    Response::Choice {
                        option: o.id.clone(),
                    },
                )
            })
            .collect(),
        Interaction::TrueFalse { .. } => [true, false]
            .into_iter()
            .map(|value| (value.to_string(), Response::Bool { value }))
            .collect(),
        Interaction::MultipleResponse { options, .. } if options.len() <= MOST_KEYED_OPTIONS => {
            (0u32..1 << options.len())
                .map(|mask| {
                    let mut ids: Vec<String> = (options.iter().enumerate())
                        .filter(|(i, _)| mask & (1 << i) != 0)
                        .map(|(_, o)| o.id.clone())
                        .collect();
                    let response = Response::Choices {
                        options: ids.clone(),
                    };
                    ids.sort();
                    (ids.join(","), response)
                })
                .collect()
        }
        _ => return None,
    };
    let values = Values::new();
    let cx = Context {
        values: &values,
        mark: decimal_mark_for(lang),
        language: lang,
        default_language: default,
    };
    answers
        .into_iter()
        .map(|(answer, response)| {
            let o = score(item, &response, &cx).ok()?;
            Some(KeyedOutcome {
                answer,
                correct: o.correct,
                score: o.score,
                feedback: o
                    .feedback
                    .map(|t| fill_display(t.get(lang, default), &values, cx.mark)),
            })
        })
        .collect()
}

/// Variant B-key's form of the first item of the package in `files`; an error for a first item whose
/// answers cannot all be worked out beforehand.
pub fn keyed(files: &dyn Files, lang: Option<&str>) -> Result<Keyed, String> {
    let (item, _, default) = first_item(files)?;
    let lang = lang.unwrap_or(&default).to_owned();
    Ok(Keyed {
        screen: screen(&item, &lang, &default)?,
        outcomes: outcomes(&item, &lang, &default)
            .ok_or("the first item's answers are not a short list")?,
        item_id: item.id,
        correct: t(&lang, "correct").to_owned(),
        incorrect: t(&lang, "incorrect").to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use pacer::json::{parse, FromJson, Path};

    fn demo() -> Folder {
        Folder(PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")))
    }

    #[test]
    fn the_demo_first_item_round_trips_through_the_binary_form() {
        let first = first(&demo(), None).unwrap();
        let bytes = crate::form::encode(&first).unwrap();
        let leaked: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        let back: First = crate::form::decode(leaked).unwrap();
        assert_eq!(back.screen, first.screen);
        // The authored JSON reads back to the item the package loaded.
        let (item, _, _) = first_item(&demo()).unwrap();
        let json = parse(&back.item).unwrap();
        assert_eq!(Item::from_json(&json, Path::root(0)).unwrap(), item);
    }

    #[test]
    fn the_demo_first_item_is_keyed_by_option_with_the_core_scorer() {
        let keyed = keyed(&demo(), None).unwrap();
        let right: Vec<&str> = (keyed.outcomes.iter())
            .filter(|o| o.correct)
            .map(|o| o.answer.as_str())
            .collect();
        assert_eq!(right, ["b"]);
        let a = keyed.outcomes.iter().find(|o| o.answer == "a").unwrap();
        assert_eq!(
            a.feedback.as_deref(),
            Some("Count the slices: there are 4, not 3.")
        );
    }
}
