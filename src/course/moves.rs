//! The learner's moves within an activity as the player stores them, decided before any store is
//! touched: a change of place within the item (a hint, the solution, another try: which progress it
//! stores, where focus goes after, whether the answer's clock restarts), the move past the item or
//! page ([`Next`]: the place and the completion statement stored together, and what follows once they
//! are kept), what follows a write of an answer or a move (kept, refused because another tab of the
//! learner's moved on first, or failed), and what the learner is told when it was refused.
//!
//! Not here: storing (the shell's, through the store's `commit_progress`, which refuses a stale place),
//! drawing, or which item or page comes next (`Session::next`).

use crate::session::{Progress, Session, Step};
use crate::store::StoreError;
use crate::time::EpochMs;
use crate::xapi::OutboxRow;

/// A change of place within the current item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// One more tiered hint.
    Hint,
    /// The worked solution.
    Solution,
    /// Another try after a wrong answer.
    Retry,
}

impl Place {
    /// The progress to store for this change, or None when it is not possible now (no hint left, no
    /// solution, no try left).
    pub fn next(self, session: &Session, now: EpochMs) -> Option<Progress> {
        match self {
            Place::Hint => session.show_hint(now),
            Place::Solution => session.show_solution(now),
            Place::Retry => session.retry(now),
        }
    }

    /// Where focus goes once the change is drawn (a CSS selector in the item's stage): the new hint, the
    /// solution's heading, or the first control for another try.
    pub fn focus(self) -> &'static str {
        match self {
            Place::Hint => ".hints li:last-child",
            Place::Solution => ".solution h3",
            Place::Retry => "fieldset input, fieldset select, fieldset button",
        }
    }

    /// Whether the element focused is text that must be made focusable first (not a control).
    pub fn focuses_text(self) -> bool {
        self != Place::Retry
    }

    /// Whether the answer's time restarts (another try is a new presentation of the item).
    pub fn restarts_clock(self) -> bool {
        self == Place::Retry
    }
}

/// The move past the current item or page: to the next item, the next page or the finished screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Next {
    /// The place to store.
    pub progress: Progress,
    /// The `completed` statement's outbox row, stored with the place in one transaction (see
    /// `Session::completion`: only when this move finishes the activity, and never under cmi5).
    pub completion: Option<OutboxRow>,
}

impl Next {
    /// The move past `session`'s current step at `now`; `statement_id` names its completion statement.
    pub fn of(session: &Session, statement_id: &str, now: EpochMs) -> Next {
        let progress = session.next(now);
        let completion = session.completion(&progress, statement_id, now);
        Next {
            progress,
            completion,
        }
    }

    /// The outbox rows stored with the place.
    pub fn rows(&self) -> &[OutboxRow] {
        self.completion.as_slice()
    }

    /// Whether it finishes the activity: the learner's whole course log is read before the finished
    /// screen is drawn (its plan and goals need every answer), and the course counts the activity
    /// finished.
    pub fn finishes(&self) -> bool {
        self.progress.step == Step::Finished
    }

    /// Whether the activity is completed with it for the host page and the LRS: the page hears
    /// `completed`, and the outbox is delivered at once.
    pub fn completes(&self) -> bool {
        self.completion.is_some()
    }
}

/// What of this tab's was refused because another tab of the same learner moved on first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// A move (a hint, a draft, the next item): nothing the learner would miss.
    Place,
    /// An answer to the item with this id: the learner must hear that it was not saved.
    Answer(String),
}

impl Refused {
    /// The catalog key of what the learner is told once `session` took up the stored place: a move
    /// made elsewhere; an answer not saved because the other tab answered this very item (the answer
    /// shown is the one kept) or moved elsewhere.
    pub fn message_key(&self, session: &Session) -> &'static str {
        match self {
            Refused::Place => "moved-elsewhere",
            Refused::Answer(item)
                if session.shown_attempt().is_some_and(|a| &a.item_id == item) =>
            {
                "answer-kept-elsewhere"
            }
            Refused::Answer(_) => "answer-moved-elsewhere",
        }
    }

    /// The item whose answer was refused, marked on the form for the host page and the tests.
    pub fn answer(&self) -> Option<&str> {
        match self {
            Refused::Place => None,
            Refused::Answer(item) => Some(item),
        }
    }
}

/// What follows the write of an answer or a move.
#[derive(Debug)]
pub enum Written {
    /// Stored: apply it and draw it.
    Kept,
    /// Another tab moved on first and nothing was written: take up the stored place and say so.
    Refused(Refused),
    /// Not stored for another reason: say so and keep the screen as it is.
    Failed(StoreError),
}

impl Written {
    /// After the commit of an answer to `item_id`.
    pub fn answer(result: Result<(), StoreError>, item_id: &str) -> Written {
        match result {
            Ok(()) => Written::Kept,
            Err(StoreError::Stale) => Written::Refused(Refused::Answer(item_id.to_owned())),
            Err(e) => Written::Failed(e),
        }
    }

    /// After the write of a move (a hint, a draft, the next item).
    pub fn place(result: Result<(), StoreError>) -> Written {
        match result {
            Ok(()) => Written::Kept,
            Err(StoreError::Stale) => Written::Refused(Refused::Place),
            Err(e) => Written::Failed(e),
        }
    }
}

#[cfg(test)]
mod tests;
