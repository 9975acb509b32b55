//! What a press on a control leads to, decided from the control's act, the event it heard and what
//! the page held then (the answer in the item form, the control's value, the fields of its form or
//! panel): check the answer or say to choose first, a hint or the solution keeping the answer in
//! progress, another try, the next item, a draft kept, the resting note, the language; what the
//! finished screen's goal and reflection forms keep ([`Kept`]); and the device panel's moves
//! ([`DeviceMove`]). The shell listens once per event type, reads these from the page, and performs
//! what it gets. Each screen's presses have a function of their own, so the split player keeps each
//! with the part that draws its screen (the item screen's in the first module).
//!
//! Not here: reading the page or performing anything (the shell's), what each effect then decides
//! ([`Place`], `Session::answer`, `Session::next`, the journal's and the device panel's own rules), or
//! which act a control carries (`view`, from [`Act`]).

use super::moves::Place;
use crate::check::Response;
use crate::journal::GoalTarget;
use crate::screen::act::{Act, Field, TICKED};
use crate::screen::journal::chosen_goal;

#[cfg(test)]
mod tests;

/// The event a control heard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum On {
    /// A button pressed (by a click, a tap or a key).
    Click,
    /// A form submitted (its submit button, or Enter in a field).
    Submit,
    /// A menu, a box or a field changed.
    Change,
    /// A field typed in, or a slider moved.
    Input,
}

impl On {
    /// The event named `kind` (a DOM event's `type`), if it is one a control acts on.
    pub fn of(kind: &str) -> Option<On> {
        match kind {
            "click" => Some(On::Click),
            "submit" => Some(On::Submit),
            "change" => Some(On::Change),
            "input" => Some(On::Input),
            _ => None,
        }
    }
}

/// What the page held when a control with `act` heard `on`.
#[derive(Debug, Clone, PartialEq)]
pub struct Pressed<'a> {
    pub act: Act,
    pub on: On,
    /// The answer the item form holds (None outside it, or while nothing is given).
    pub answer: Option<Response>,
    /// The control's own value (a menu's choice, a button's `value`).
    pub value: &'a str,
    /// The named fields of the control's form or panel, by [`Field::name`].
    pub fields: &'a [(String, String)],
}

impl Pressed<'_> {
    /// What the field `field` holds (None when the form has none).
    fn field(&self, field: Field) -> Option<&str> {
        (self.fields.iter())
            .find(|(name, _)| name == field.name())
            .map(|(_, value)| value.as_str())
    }
}

/// What the player does after a press.
#[derive(Debug, Clone, PartialEq)]
pub enum Follow {
    /// Nothing (an event this control does not act on, or one the device panel performs).
    Nothing,
    /// Score and commit this answer, then show its feedback (the form's message line cleared).
    Check(Response),
    /// Say in the form's message line that an answer is needed first; nothing is checked.
    ChooseFirst,
    /// Store the move to the next item (or page), then show it.
    Next,
    /// Store this change of place, then show it with this answer still in progress.
    Move(Place, Option<Response>),
    /// Read the item aloud, with the answer as it stands.
    ReadAloud(Option<Response>),
    /// Keep this answer in progress as a draft, once the learner rests.
    Draft(Option<Response>),
    /// Hide the practice behind the resting note.
    Rest,
    /// Show the practice again, leaving the resting note.
    Back,
    /// Switch to this language.
    Language(String),
    /// The finished screen's goal or reflection form was submitted: the part that drew it reads what
    /// it keeps ([`kept`]).
    Journal(Act),
}

/// What the player does after `pressed` (see [`Follow`]).
pub fn follow(pressed: Pressed<'_>) -> Follow {
    use {Act as A, On as O};
    match (pressed.act, pressed.on) {
        (A::Answer, O::Submit) => match pressed.answer {
            Some(answer) => Follow::Check(answer),
            None => Follow::ChooseFirst,
        },
        (A::Answer, O::Change | O::Input) => Follow::Draft(pressed.answer),
        (A::Next, O::Submit) => Follow::Next,
        (A::Hint, O::Click) => Follow::Move(Place::Hint, pressed.answer),
        (A::Solution, O::Click) => Follow::Move(Place::Solution, pressed.answer),
        // Another try starts from an empty form: the wrong answer is not carried over.
        (A::Retry, O::Click) => Follow::Move(Place::Retry, None),
        (A::DontKnow, O::Click) => Follow::Check(Response::DontKnow),
        (A::ReadAloud, O::Click) => Follow::ReadAloud(pressed.answer),
        (A::Rest, O::Click) => Follow::Rest,
        (A::Back, O::Click) => Follow::Back,
        (A::Language, O::Change) if !pressed.value.is_empty() => {
            Follow::Language(pressed.value.to_owned())
        }
        (A::SetGoal | A::Reflect, O::Submit) => Follow::Journal(pressed.act),
        _ => Follow::Nothing,
    }
}

/// What the finished screen's goal or reflection form keeps.
#[derive(Debug, Clone, PartialEq)]
pub enum Kept {
    /// This goal (what to reach, in how many days); None when the form's choice is not one it offers
    /// the shape of, which the form then says.
    Goal(Option<(GoalTarget, u32)>),
    /// This reflection, as written.
    Reflection(String),
}

/// What the form of `act` keeps, from its named `fields`; None for a form that keeps nothing.
pub fn kept(act: Act, fields: &[(String, String)]) -> Option<Kept> {
    let pressed = Pressed {
        act,
        on: On::Submit,
        answer: None,
        value: "",
        fields,
    };
    match act {
        Act::SetGoal => Some(Kept::Goal(chosen_goal(
            pressed.field(Field::GoalTarget),
            pressed.field(Field::GoalDays),
        ))),
        Act::Reflect => Some(Kept::Reflection(
            (pressed.field(Field::Reflection).unwrap_or_default()).to_owned(),
        )),
        _ => None,
    }
}

/// What the device panel does after a press.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeviceMove {
    /// Offer the learner's records as a file.
    Export,
    /// Add the records of the file chosen.
    Import,
    /// Sign out and remove the learner's data; `insist`: even what is not yet synced or saved.
    Remove { insist: bool },
    /// Continue as the local learner with this id.
    SwitchTo(String),
    /// Start a new local learner with this nickname (trimmed; empty for a learner who gives none).
    NewLearner(String),
}

/// What the device panel does after `pressed`; None for a press it does not act on.
pub fn device(pressed: Pressed<'_>) -> Option<DeviceMove> {
    use {Act as A, On as O};
    Some(match (pressed.act, pressed.on) {
        (A::Export, O::Click) => DeviceMove::Export,
        (A::Import, O::Change) => DeviceMove::Import,
        (A::Remove, O::Click) => DeviceMove::Remove {
            insist: pressed.field(Field::Insist) == Some(TICKED),
        },
        (A::SwitchLearner, O::Click) if !pressed.value.is_empty() => {
            DeviceMove::SwitchTo(pressed.value.to_owned())
        }
        (A::NewLearner, O::Click) => DeviceMove::NewLearner(
            (pressed.field(Field::LearnerName).unwrap_or_default())
                .trim()
                .to_owned(),
        ),
        _ => return None,
    })
}
