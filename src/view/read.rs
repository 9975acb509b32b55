//! The answer a drawn item form holds, read back from what the shell lists in it: the inverse of
//! `controls`, `picture`, `passage` and `drop`, which name the fields read here. Which field means
//! what for each interaction type (the radio buttons of one choice, the boxes of several, a shade
//! model's parts out of all of them, a menu per blank, target or pair left unset) is decided here and
//! tested natively.
//!
//! Deliberately not here: the DOM (the shell lists a form's fields as a [`Form`] without knowing the
//! item), or scoring (`check`).

use crate::check::Response;
use crate::collect::CollectOrdered;
use crate::package::hottext::Selection;
use crate::package::{Interaction, Item};

#[cfg(test)]
mod tests;

/// One named field of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub value: String,
    /// Whether a box or a radio button is ticked; None for any other field.
    pub ticked: Option<bool>,
}

/// What a drawn item form holds, as the shell lists it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Form {
    /// Its named inputs and menus, in document order.
    pub fields: Vec<Field>,
    /// The ids of an ordering list's entries (`li[data-id]`), in the order shown.
    pub order: Vec<String>,
    /// The phrases of a passage pressed (`button[data-phrase]` with `aria-pressed=true`), in reading
    /// order.
    pub pressed: Vec<String>,
    /// The number line's point once placed (the slider `point`'s `data-value`).
    pub point: Option<String>,
}

impl Form {
    /// The values of the ticked fields named `name`, in document order.
    fn ticked(&self, name: &str) -> Vec<String> {
        (self.fields.iter())
            .filter(|f| f.name == name && f.ticked == Some(true))
            .map(|f| f.value.clone())
            .collect()
    }

    /// The value of the first field named `name`.
    fn value(&self, name: &str) -> Option<String> {
        (self.fields.iter())
            .find(|f| f.name == name)
            .map(|f| f.value.clone())
    }

    /// The value of the first field named `name`, unless it is empty (a menu left unset).
    fn chosen(&self, name: &str) -> Option<String> {
        self.value(name).filter(|v| !v.is_empty())
    }
}

/// The learner's answer to `item` as `form` holds it; None while nothing is given.
pub fn response(item: &Item, form: &Form) -> Option<Response> {
    let first = |name: &str| form.ticked(name).into_iter().next();
    let response = match &item.interaction {
        Interaction::SingleChoice { .. } => Response::Choice {
            option: first("choice")?,
        },
        Interaction::MultipleResponse { .. } => Response::Choices {
            options: form.ticked("choice"),
        },
        Interaction::TrueFalse { .. } => Response::Bool {
            value: first("choice")? == "true",
        },
        Interaction::Numeric { .. } => Response::Number {
            input: form.value("answer")?,
        },
        Interaction::ShortText { .. } => Response::Text {
            input: form.value("answer")?,
        },
        Interaction::Expression { .. } => Response::Expression {
            input: form.value("answer")?,
        },
        // The shaded parts, of all the model's parts.
        Interaction::Shade { .. } => Response::Shaded {
            parts: (form.ticked("shade").iter())
                .filter_map(|v| v.parse().ok())
                .collect(),
            of: (form.fields.iter().filter(|f| f.name == "shade").count())
                .try_into()
                .unwrap_or(u32::MAX),
        },
        // One region to pick is a radio group; several, checkboxes: both named `region`.
        Interaction::Hotspot { correct, .. } if correct.is_several() => Response::Choices {
            options: form.ticked("region"),
        },
        Interaction::Hotspot { .. } => Response::Choice {
            option: first("region")?,
        },
        Interaction::NumberLine { .. } => Response::Number {
            input: form.point.clone()?,
        },
        Interaction::Hottext { correct, .. } => match correct {
            Selection::One { .. } => Response::Choice {
                option: form.pressed.first()?.clone(),
            },
            // Unlike the boxes of several choices, a passage with nothing pressed holds no answer.
            Selection::Several { .. } if form.pressed.is_empty() => return None,
            Selection::Several { .. } => Response::Choices {
                options: form.pressed.clone(),
            },
        },
        Interaction::DragToImage { targets, .. } => Response::Pairs {
            pairs: (targets.iter())
                .filter_map(|t| Some((t.id.clone(), form.chosen(&format!("target-{}", t.id))?)))
                .collect_map(),
        },
        Interaction::Cloze { blanks, .. } => Response::Blanks {
            values: (blanks.iter())
                .filter_map(|b| {
                    let v = form.value(&format!("blank-{}", b.id()))?;
                    Some((b.id().to_owned(), v))
                })
                .collect_map(),
        },
        Interaction::Ordering { .. } => Response::Order {
            order: form.order.clone(),
        },
        Interaction::Matching { pairs, .. } => Response::Pairs {
            pairs: (pairs.iter())
                .filter_map(|p| Some((p.id.clone(), form.chosen(&format!("pair-{}", p.id))?)))
                .collect_map(),
        },
    };
    (!response.is_empty()).then_some(response)
}
