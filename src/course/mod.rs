//! A learner's whole course, opened from what is stored and how the player was launched: who the learner
//! is (the identity that keys every stored record), which place to resume in this activity, when a SCORM
//! LMS's suspend data should restore it, which overrides win, and what is already finished.
//!
//! The shell reads the records, starts the launches and performs the effects; every decision about them is
//! made here and tested natively. Not here: one activity's state machine (`session`), the learner model and
//! the plan (`engine`), or any IO.

pub mod configured;
pub mod device;
mod log;
pub mod moves;
mod open;
pub mod press;
pub mod profiles;
mod records;

pub use configured::{configured, Configured, Refusal};
pub use log::{snapshot_suffices, CourseLog};
pub use open::{cmi5_lrs, Answer, Failure, Headline, Need, Opened, Opening, ScormStart, Start};
pub use records::from_store;

use crate::engine::Overrides;
use crate::json::{FromJson, Json, Members, Path, ReadError};
use crate::session::{Attempt, Learner, Progress, Step};
use crate::xapi::cmi5::AuSession;
use crate::xapi::Actor;
use std::collections::BTreeSet;

/// The activity to open: the config's `activity`, else the page's `?activity=` (its first, as
/// `URLSearchParams.get` reads it); None opens the package's first.
pub fn wanted_activity(configured: Option<&str>, query: &str) -> Option<String> {
    configured.map(str::to_owned).or_else(|| {
        crate::xapi::cmi5::query_pairs(query)
            .into_iter()
            .find(|(k, _)| k == "activity")
            .map(|(_, v)| v)
    })
}

/// The learner an operator's config names (`"actor"`): their account on the operator's site.
pub fn configured_learner(actor: &Actor) -> Learner {
    Learner {
        id: format!("{}|{}", actor.account.home_page, actor.account.name),
        actor: actor.clone(),
        language: String::new(),
        launch: None,
    }
}

/// This device's own learner profile: `device_id` is made once and kept on the device; `home_page` is the
/// config's, else the player's origin.
pub fn local_learner(home_page: &str, device_id: &str) -> Learner {
    Learner {
        id: device_id.to_owned(),
        actor: Actor::account(home_page, device_id),
        language: String::new(),
        launch: None,
    }
}

/// Whether `learner` is this device's own profile (its id is the bare device id), not one an LMS or the
/// operator names (`home page|name`, `scorm|…`, `cmi5|…`): an imported record is re-attributed to the
/// former, and must be the latter's own.
pub fn is_local(learner: &Learner) -> bool {
    !learner.id.contains('|')
}

/// The learner of a SCORM launch: the LMS's learner id on the LMS's site.
pub fn scorm_learner(home_page: &str, learner_id: &str) -> Learner {
    Learner {
        id: format!("scorm|{home_page}|{learner_id}"),
        actor: Actor::account(home_page, learner_id),
        language: String::new(),
        launch: None,
    }
}

/// The learner of a cmi5 launch: the LMS's actor, and the launch's context on every statement.
pub fn cmi5_learner(au: &AuSession) -> Learner {
    let account = &au.launch.actor.account;
    Learner {
        id: format!("cmi5|{}|{}", account.home_page, account.name),
        actor: au.launch.actor.clone(),
        language: String::new(),
        launch: Some(au.launch_context()),
    }
}

/// What a cmi5 LMS may pass in its launch parameters: the teacher's overrides.
struct LaunchParameters {
    overrides: Option<Overrides>,
}

impl FromJson for LaunchParameters {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(LaunchParameters {
            overrides: m.opt("overrides")?,
        })
    }
}

/// The overrides in force: a cmi5 launch's `launchParameters` (the LMS's, for this registration) over the
/// embedding config's. Launch parameters that cannot be read, or name no overrides, leave the config's.
pub fn overrides(config: &Overrides, launch_parameters: Option<&str>) -> Overrides {
    launch_parameters
        .and_then(|p| crate::json::from_str::<LaunchParameters>(p).ok())
        .and_then(|p| p.overrides)
        .unwrap_or_else(|| config.clone())
}

/// The stored place of this activity, among the learner's places.
pub fn place<'p>(
    places: &'p [Progress],
    package_id: &str,
    activity_id: &str,
) -> Option<&'p Progress> {
    places
        .iter()
        .find(|p| p.package_id == package_id && p.activity_id == activity_id)
}

/// Whether a SCORM LMS's suspend data should set this activity's place: only when this device has no
/// record of it, neither a place nor an answer (what the device has is newer than what the LMS kept).
pub fn restore_from_lms(
    stored: Option<&Progress>,
    attempts: &[Attempt],
    activity_id: &str,
) -> bool {
    stored.is_none() && !attempts.iter().any(|a| a.activity_id == activity_id)
}

/// The package's activities the learner has finished: those whose place is at the end.
pub fn completed<'p>(
    places: impl IntoIterator<Item = &'p Progress>,
    package_id: &str,
) -> BTreeSet<String> {
    places
        .into_iter()
        .filter(|p| p.package_id == package_id && p.step == Step::Finished)
        .map(|p| p.activity_id.clone())
        .collect()
}

/// This activity's attempts, for its session (the player keeps the whole log for the plan and goals).
pub fn activity_attempts(attempts: &[Attempt], activity_id: &str) -> Vec<Attempt> {
    attempts
        .iter()
        .filter(|a| a.activity_id == activity_id)
        .cloned()
        .collect()
}

/// Whether the first screen needs the package's whole attempt log read before it shows: the finished
/// screen (its plan folds the course), a log just changed by a SCORM restore (the snapshot no longer fits
/// it), or a goal the stored snapshot cannot tell. Otherwise the log is read after the first screen.
pub fn needs_whole_log(
    stored: Option<&Progress>,
    log_changed: bool,
    snapshot_suffices: bool,
) -> bool {
    let finished = stored.is_some_and(|p| p.step == Step::Finished);
    finished || log_changed || !snapshot_suffices
}

#[cfg(test)]
mod tests;
