//! The act each control of a screen carries: what pressing a button, submitting a form or changing a
//! menu or a field is for (check the answer, a hint, the next item, a goal, the device panel's
//! download...). The view writes it on the control as its `data-act` attribute ([`ATTR`]) and the
//! shell reads it back from the event, so one listener per event type serves every control.
//!
//! Deliberately not here: what an act leads to (`course::press` decides that from the act, the event
//! and what the form holds), or the elements (`view`).

#[cfg(test)]
mod tests;

/// The attribute a control's act is written in.
pub const ATTR: &str = "data-act";

/// What a control is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// The item form while answering: submitted, its answer is checked; changed, kept as a draft.
    Answer,
    /// The item form after feedback, or a lesson page's form: submitted, moves on.
    Next,
    /// One more hint.
    Hint,
    /// The worked solution.
    Solution,
    /// Another try after a wrong answer.
    Retry,
    /// "I don't know": an answer of its own.
    DontKnow,
    /// Reads the item aloud.
    ReadAloud,
    /// A break from a practice the learner is stuck on.
    Rest,
    /// Back from the break to the practice.
    Back,
    /// The header's language menu.
    Language,
    /// The goal form of the finished screen.
    SetGoal,
    /// The reflection form of the finished screen.
    Reflect,
    /// The device panel's download of the learner's records.
    Export,
    /// The device panel's file of records to add.
    Import,
    /// The device panel's "sign out and remove my data".
    Remove,
    /// The device panel's "continue as" another local learner (the button's value is their id).
    SwitchLearner,
    /// The device panel's "start a new learner".
    NewLearner,
}

/// Every act.
pub const ALL: [Act; 17] = [
    Act::Answer,
    Act::Next,
    Act::Hint,
    Act::Solution,
    Act::Retry,
    Act::DontKnow,
    Act::ReadAloud,
    Act::Rest,
    Act::Back,
    Act::Language,
    Act::SetGoal,
    Act::Reflect,
    Act::Export,
    Act::Import,
    Act::Remove,
    Act::SwitchLearner,
    Act::NewLearner,
];

impl Act {
    /// The act's name in the attribute.
    pub fn name(self) -> &'static str {
        match self {
            Act::Answer => "answer",
            Act::Next => "next",
            Act::Hint => "hint",
            Act::Solution => "solution",
            Act::Retry => "retry",
            Act::DontKnow => "dont-know",
            Act::ReadAloud => "read-aloud",
            Act::Rest => "rest",
            Act::Back => "back",
            Act::Language => "language",
            Act::SetGoal => "set-goal",
            Act::Reflect => "reflect",
            Act::Export => "export",
            Act::Import => "import",
            Act::Remove => "remove",
            Act::SwitchLearner => "switch-learner",
            Act::NewLearner => "new-learner",
        }
    }

    /// The act named `name` (as [`Act::name`] writes it); None for any other text.
    pub fn parse(name: &str) -> Option<Act> {
        ALL.into_iter().find(|act| act.name() == name)
    }

    /// Whether the act is the device panel's (which performs it itself), not the player's.
    pub fn is_device(self) -> bool {
        matches!(
            self,
            Act::Export | Act::Import | Act::Remove | Act::SwitchLearner | Act::NewLearner
        )
    }
}

/// A field a press reads besides the control itself, named by its `name` attribute (else its `id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The goal form's menu of what to reach.
    GoalTarget,
    /// The goal form's menu of how many days.
    GoalDays,
    /// The reflection form's text.
    Reflection,
    /// The device panel's "remove anyway" box (`on` when ticked).
    Insist,
    /// The device panel's nickname of a new learner.
    LearnerName,
}

impl Field {
    /// The field's `name` attribute.
    pub const fn name(self) -> &'static str {
        match self {
            Field::GoalTarget => "goal-target",
            Field::GoalDays => "goal-days",
            Field::Reflection => "reflection-text",
            Field::Insist => "remove-anyway",
            Field::LearnerName => "learner-name",
        }
    }
}

/// What a box's field holds when it is ticked (an unticked box holds nothing).
pub const TICKED: &str = "on";
