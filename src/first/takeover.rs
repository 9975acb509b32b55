//! Taking the page over from the first-item module (`crates/first`): the page's attributes and the
//! database both sides use (one definition for the two modules), the answers it stored as rows,
//! which of them the player records as its attempt ([`taking`]), when the rows are read again, what of
//! the learner's doing on the module's page the player carries on ([`Left`]), what recording the answer
//! leaves for the player ([`recorded`], [`Taken`]) and when the module's database may go. Decided here
//! and tested natively.
//!
//! Not here: reading the rows from IndexedDB or the attributes from the page, storing the attempt
//! (`web::first` and `web::mount` do).

use super::{adopted, Given};
use crate::check::Response;
use crate::course::moves::Refused;
use crate::course::CourseLog;
use crate::json::{self, FromJson, Json, Members, Path, ReadError};
use crate::session::{AnswerCommit, CaptureIds, Session};
use crate::store::StoreError;

/// The attribute of the player's root that says where the module stands ([`DRAWN`], [`STORING`],
/// [`ANSWERED`]).
pub const STATE: &str = "data-first";
/// [`STATE`] while the module's page takes answers.
pub const DRAWN: &str = "drawn";
/// [`STATE`] from a Check on the module's page until its answer is stored.
pub const STORING: &str = "storing";
/// [`STATE`] once the module stored an answer and showed its feedback.
pub const ANSWERED: &str = "answered";
/// [`STATE`] once the player holds the page: the module takes no answer after it.
pub const TAKEN: &str = "taken";
/// The root's attributes the module leaves for the player: Next pressed, a language picked, the item
/// button pressed.
pub const NEXT: &str = "data-first-next";
pub const LANGUAGE: &str = "data-first-language";
pub const PRESS: &str = "data-first-press";
/// The module's database is the player's name for its own with this suffix.
pub const DB_SUFFIX: &str = "-first";
/// The module's object store of answers (version 1 of its database), keyed by the item's id in `item`.
pub const STORE: &str = "pending";
/// See [`STORE`].
pub const STORE_KEY: &str = "item";

/// One stored row, as `crates/first` writes it (its `response` is the response's JSON as text).
impl FromJson for Given {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        let response: String = m.req("response")?;
        let response = json::from_str::<Response>(&response)
            .map_err(|e| ReadError::new(m.path(), format!("its response: {e}")))?;
        // Times are the page's clock (`Date.now()`), whole milliseconds read as numbers.
        let time = |key: &str| m.req::<f64>(key).map(|ms| ms as i64);
        Ok(Given {
            item_id: m.req("item")?,
            activity_id: m.req("activity")?,
            package_id: m.req("package")?,
            response,
            presented_at: time("presentedAt")?,
            answered_at: time("answeredAt")?,
        })
    }
}

/// What the learner was doing on the module's page as the player took it over, read from the root's
/// attributes (the module sets them) and the focused control.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Left {
    /// The module stored an answer and showed its feedback.
    pub answered: bool,
    /// Next was pressed on that feedback: the player goes on once it has recorded the answer.
    pub next: bool,
    /// A language picked from the module's menu, for the player to switch to.
    pub language: Option<String>,
    /// The last class of an item button only the player handles (a hint, the solution, read aloud),
    /// pressed on the module's page: the player presses it.
    pub press: Option<String>,
    /// The id of the control in the page that had the focus: the player gives it back.
    pub focused: Option<String>,
}

impl Left {
    /// Reads the page through `attribute` (the root's attribute of that name) with `focused` the id of
    /// the focused element inside the root. A language that is not a tag, or a button name that is not
    /// a class name, is dropped: the page's text is the learner's browser's, not trusted as a selector.
    pub fn read(attribute: impl Fn(&str) -> Option<String>, focused: Option<String>) -> Left {
        let language = attribute(LANGUAGE).filter(|tag| {
            !tag.is_empty() && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
        let press = attribute(PRESS)
            .filter(|name| name.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
        Left {
            // Storing counts as answered: the rows are read again, after the module's write.
            answered: matches!(attribute(STATE).as_deref(), Some(ANSWERED | STORING)),
            next: attribute(NEXT).is_some(),
            language,
            press,
            focused: focused.filter(|id| !id.is_empty()),
        }
    }

    /// The selector of the button to press for the learner, if one was pressed on the module's page.
    pub fn pressed_selector(&self) -> Option<String> {
        (self.press.as_ref()).map(|name| format!("form.item button.{name}"))
    }
}

/// Whether the rows are read once more after the module was stopped: it says it stored an answer,
/// yet none the session takes was read (it was stored while the rows were read; the module shows
/// feedback only once stored).
pub fn read_again(left: &Left, session: &Session, given: &[Given]) -> bool {
    left.answered && adopted(session, given).is_none()
}

/// What the player does with the rows it read.
#[derive(Debug, Clone, PartialEq)]
pub enum Taking<'g> {
    /// Records this one as the session's attempt, with its stored times. If that fails, its response
    /// is kept as the answer in progress and the row stays for the next visit.
    Record(&'g Given),
    /// Nothing to record: the answer the page shows is kept as the one in progress. `forget`: every
    /// row is the player's already, so the module's database may go; otherwise a row for another item
    /// (a form older than the package) stays, and is said, never dropped unseen.
    Nothing { forget: bool },
}

/// What to do with `given`, the rows read, for `session` as it opened.
pub fn taking<'g>(session: &Session, given: &'g [Given]) -> Taking<'g> {
    if let Some(g) = adopted(session, given) {
        return Taking::Record(g);
    }
    let recorded = |g: &Given| (session.attempts().iter()).any(|a| a.item_id == g.item_id);
    Taking::Nothing {
        forget: given.iter().all(recorded),
    }
}

/// What taking the page over leaves for the player.
#[derive(Debug, Default, PartialEq)]
pub struct Taken {
    /// The module's stored answer, recorded as the session's attempt (already applied).
    pub commit: Option<AnswerCommit>,
    /// The answer the learner was giving, not yet recorded: the player draws it.
    pub keep: Option<Response>,
    /// Nothing of the module's database is left to take: it may be deleted.
    pub forget: bool,
    /// Another tab recorded the module's answer first: the player takes up the stored place (that
    /// answer's feedback) as soon as it has drawn, and says why, as after a Check another tab beat.
    pub elsewhere: Option<Refused>,
}

/// Why the module's answer was not recorded (see [`recorded`]).
#[derive(Debug)]
pub enum NotRecorded {
    /// The store refused the write because another tab changed the place first: two tabs took the
    /// same row over, and the other one's write came first.
    Stale,
    /// It could not be made or stored, for this reason.
    Failed(String),
}

impl From<StoreError> for NotRecorded {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Stale => NotRecorded::Stale,
            e => NotRecorded::Failed(e.to_string()),
        }
    }
}

/// The commit that records `g` ([`Taking::Record`]) as `session`'s attempt with its stored times; the
/// shell stores it and hands the outcome to [`recorded`].
pub fn commit(session: &Session, g: &Given, ids: CaptureIds) -> Result<AnswerCommit, NotRecorded> {
    (session.answer(g.response.clone(), ids, g.presented_at, g.answered_at))
        .map_err(|e| NotRecorded::Failed(e.to_string()))
}

/// After the store's write of [`commit`]'s commit (`committed`, or why it could not be made or
/// stored): applied to `session` and `course`, and the module's database may go. Refused as stale,
/// the other tab that took the same row over has recorded it: nothing is kept in progress, the
/// database may go, and the player takes up the stored place ([`Taken::elsewhere`]). Otherwise `g`'s
/// response is kept as the answer in progress, its row stays for the next visit, and the warning
/// says why.
pub fn recorded(
    session: &mut Session,
    course: &mut CourseLog,
    g: &Given,
    committed: Result<AnswerCommit, NotRecorded>,
) -> (Taken, Option<String>) {
    match committed {
        Ok(commit) => {
            session.apply(&commit);
            course.record(&commit.attempt);
            let taken = Taken {
                commit: Some(commit),
                forget: true,
                ..Taken::default()
            };
            (taken, None)
        }
        Err(NotRecorded::Stale) => {
            let taken = Taken {
                forget: true,
                elsewhere: Some(Refused::Answer(g.item_id.clone())),
                ..Taken::default()
            };
            (taken, None)
        }
        Err(NotRecorded::Failed(e)) => {
            let taken = Taken {
                keep: Some(g.response.clone()),
                ..Taken::default()
            };
            (
                taken,
                Some(format!("the first answer is kept for later: {e}")),
            )
        }
    }
}
