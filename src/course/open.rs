//! Opening a learner's course, as a sans-IO state machine (the outbox's style): [`Opening`] says what it
//! needs next ([`Need`]: open the store, start the cmi5 launch, read a `meta` key, the package, start
//! SCORM, read the course records, the whole log, ...) and takes the answers ([`Answer`]); at the end it
//! gives the [`Opened`] course the player starts from, or the [`Failure`] to show.
//!
//! Every decision of the opening is made here, in this order, and tested natively: which learner (the
//! config's actor, a cmi5 launch's, a SCORM launch's learner id, this device's profile), the language,
//! which LRS (cmi5's or the config's), the stored place and whether a SCORM LMS's suspend data restores
//! it, which overrides win, whether the whole log is read before the first screen, the finished set, the
//! `meta` keys that are the learner's, whether the learner is identified, and when the later part must be
//! awaited. Which error wins when several things fail is decided here too: the store's or the launch's
//! over the package's.
//!
//! Not here: performing any of it (the shell opens IndexedDB, fetches, talks to the LMS), drawing, or
//! wording the SCORM status line (the shell puts [`ScormStart`] into the catalog's words).

use super::{
    cmi5_learner, completed, configured_learner, is_local, local_learner, needs_whole_log,
    overrides, place, restore_from_lms, scorm_learner, snapshot_suffices, CourseLog,
};
use crate::config::{Config, Identity, LrsConfig, LOCAL_LEARNER_KEY};
use crate::journal::Entry;
use crate::package::{Activity, Manifest, PackageError};
use crate::scorm::{RestoreRefused, Restored, ResumeKey, Version};
use crate::session::{Attempt, Learner, Progress, Session};
use crate::store::boot::CourseRecords;
use crate::store::snapshot::CourseSnapshot;
use crate::store::StoreError;
use crate::time::EpochMs;
use crate::xapi::cmi5::{session_key, AuSession, Launch};

/// What the opening starts from: the config and what the shell knows of the page.
#[derive(Debug, Clone)]
pub struct Start {
    pub config: Config,
    /// The page's query string (`?endpoint=…&fetch=…` is a cmi5 launch).
    pub query: String,
    /// The player's origin: the learners' site when the config names no `homePage`.
    pub origin: String,
    /// The browser's languages, most preferred first.
    pub browser_languages: Vec<String>,
    /// The language of the page until the learner's is known (the config's, else the browser's).
    pub lang: String,
    /// A new id, kept as this device's learner only if it has none yet.
    pub fresh_id: String,
    pub now: EpochMs,
}

/// What the opening needs the shell to do next. Each is answered by its [`Answer`] through [`Opening::answer`], except
/// [`Need::Fail`] and [`Need::Done`], which end it.
#[derive(Debug)]
pub enum Need<'a> {
    /// Open the device's store: [`Answer::StoreOpened`].
    OpenStore,
    /// Start (or resume) the cmi5 launch of this query: [`Answer::Cmi5Started`].
    StartCmi5 { query: &'a str },
    /// Read a `meta` value, storing `value` first when there is none, in one transaction (two tabs
    /// opening a new device at once become one learner): [`Answer::MetaClaimed`].
    ClaimMeta { key: &'a str, value: &'a str },
    /// Read the learner's language choice and journal: [`Answer::Learner`].
    ReadLearner { learner_id: &'a str },
    /// The package, whose fetch started with the store's opening: [`Answer::Package`]. Asked once
    /// everything that does not need it is done (or has failed).
    Package,
    /// Find the LMS's SCORM API and start its session: [`Answer::Scorm`].
    StartScorm(Version),
    /// Read the learner's records in this course ([`crate::store::boot::read_course`]):
    /// [`Answer::Course`].
    ReadCourse {
        manifest: &'a Manifest,
        learner_id: &'a str,
        activity_id: &'a str,
    },
    /// Send cmi5's `initialized` for this session: [`Answer::Cmi5Initialized`].
    InitializeCmi5 {
        session: &'a AuSession,
        learner_id: &'a str,
    },
    /// Turn the LMS's suspend data into a place and answers ([`crate::scorm::restore`], in the later
    /// part): [`Answer::ScormRestored`].
    RestoreScorm {
        key: &'a ResumeKey,
        manifest: &'a Manifest,
        activity: &'a Activity,
        learner_id: &'a str,
        now: EpochMs,
    },
    /// Keep the restored answers, then the place, on the device (a failure costs nothing but a warning:
    /// they are used all the same): [`Answer::RestoredStored`].
    StoreRestored {
        attempts: &'a [Attempt],
        progress: &'a Progress,
    },
    /// Read the learner's whole log in the package: [`Answer::WholeLog`].
    ReadWholeLog {
        learner_id: &'a str,
        package_id: &'a str,
    },
    /// Load the later part of the player (the first item's controls are there): [`Answer::LaterLoaded`].
    LoadLater,
    /// Stop and show this error; stored progress is not touched.
    Fail(Failure),
    /// The course is open.
    Done(Box<Opened>),
}

/// The shell's answer to a [`Need`].
#[derive(Debug)]
pub enum Answer {
    StoreOpened(Result<(), String>),
    Cmi5Started(Result<AuSession, String>),
    /// The value stored (another tab's, if it claimed the key first).
    MetaClaimed(Result<String, String>),
    Learner {
        /// The language the learner picked in the player, if any (a failed read counts as none).
        chosen: Result<Option<String>, StoreError>,
        journal: Result<Vec<Entry>, StoreError>,
    },
    Package(Result<(Manifest, Activity), Vec<PackageError>>),
    Scorm(ScormStart),
    Course(Result<CourseRecords, StoreError>),
    Cmi5Initialized(Result<(), String>),
    /// None when the restore could not be run (the later part is not here).
    ScormRestored(Option<Result<Restored, RestoreRefused>>),
    RestoredStored,
    WholeLog(Result<Vec<Attempt>, StoreError>),
    LaterLoaded,
}

impl Answer {
    /// What the console says of this answer, if anything: a SCORM restore that refused entries of the
    /// LMS's resume data, or all of it (another activity's or package's); it is used all the same.
    pub fn warning(&self) -> Option<String> {
        match self {
            Answer::ScormRestored(Some(Ok(r))) if r.refused > 0 => Some(format!(
                "{} entries of the LMS's resume data were refused: not answers of this activity",
                r.refused
            )),
            Answer::ScormRestored(Some(Err(refused))) => Some(refused.to_string()),
            _ => None,
        }
    }
}

/// How the SCORM session started.
#[derive(Debug, Clone, PartialEq)]
pub enum ScormStart {
    /// The LMS started it and said who the learner is and where they were.
    Started {
        learner_id: String,
        suspend: Option<ResumeKey>,
    },
    /// No LMS API was found: the player keeps everything on the device.
    NoApi,
    /// The LMS (or the later part) refused: why.
    Refused(String),
}

impl ScormStart {
    /// What the footer says of a launch the LMS did not start, in `lang` (the page's as the LMS was
    /// asked: the learner's is not known then).
    pub fn note(&self, lang: &str) -> Option<String> {
        match self {
            ScormStart::Started { .. } => None,
            ScormStart::NoApi => Some(crate::i18n::t(lang, "scorm-none").to_owned()),
            ScormStart::Refused(e) => {
                Some(crate::i18n::tf(lang, "scorm-unreachable", &[("error", e)]))
            }
        }
    }
}

/// The headline of an error panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Headline {
    /// The store could not be opened or written.
    CannotSave,
    /// The cmi5 launch failed.
    Launch,
    /// The package could not be loaded or is invalid.
    Course,
    /// Stored records could not be read.
    Read,
}

impl Headline {
    /// The catalog key of the headline.
    pub fn key(self) -> &'static str {
        match self {
            Headline::CannotSave => "error-cannot-save",
            Headline::Launch => "error-launch",
            Headline::Course => "error-course",
            Headline::Read => "error-read",
        }
    }
}

/// Why the course cannot open, in the language of the page at that point.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub headline: Headline,
    pub details: Vec<String>,
    pub lang: String,
}

/// The course as opened: what the player starts from.
#[derive(Debug)]
pub struct Opened {
    pub session: Session,
    pub course: CourseLog,
    /// Where statements go: the cmi5 launch's LRS, else the config's.
    pub lrs: Option<LrsConfig>,
    /// `meta` keys that belong to this learner (removed with their data).
    pub meta_keys: Vec<String>,
    /// Named by an LMS or the operator, not this device's own profile.
    pub identified: bool,
    /// How the SCORM session started, when the player was packed for SCORM.
    pub scorm: Option<ScormStart>,
}

/// The learner's journal as read.
type Journal = Result<Vec<Entry>, StoreError>;

/// The records read once the package is known, with the SCORM restore applied.
#[derive(Debug)]
struct Course {
    places: Vec<Progress>,
    stored: Option<Progress>,
    attempts: Vec<Attempt>,
    snapshot: CourseSnapshot,
    restore: Restore,
    log_changed: bool,
}

/// The SCORM restore of this activity's place.
#[derive(Debug)]
enum Restore {
    /// Not decided, or due and not answered yet.
    NotAsked,
    /// Restored: to be kept on the device.
    ToStore(Box<Restored>),
    /// Nothing (more) to restore.
    Done,
}

/// The opening of one learner's course (see the module's doc).
#[derive(Debug)]
pub struct Opening {
    start: Start,
    failure: Option<Failure>,
    store_open: bool,
    cmi5: Option<AuSession>,
    cmi5_asked: bool,
    local: Option<String>,
    learner: Option<Learner>,
    /// The learner's language choice (a failed read counts as none) and journal.
    records: Option<(Option<String>, Journal)>,
    package: Option<Result<(Manifest, Activity), Vec<PackageError>>>,
    scorm: Option<ScormStart>,
    course: Option<Result<Course, StoreError>>,
    lrs: Option<LrsConfig>,
    initialized: bool,
    /// Whether the whole log is read before the first screen, once that can be told.
    whole_log_needed: Option<bool>,
    whole_log: Option<Vec<Attempt>>,
    opened: Option<Opened>,
    later_loaded: bool,
    done: bool,
}

impl Opening {
    pub fn new(start: Start) -> Self {
        Opening {
            start,
            failure: None,
            store_open: false,
            cmi5: None,
            cmi5_asked: false,
            local: None,
            learner: None,
            records: None,
            package: None,
            scorm: None,
            course: None,
            lrs: None,
            initialized: false,
            whole_log_needed: None,
            whole_log: None,
            opened: None,
            later_loaded: false,
            done: false,
        }
    }

    /// The language of the page now: the learner's once it is chosen.
    pub fn lang(&self) -> &str {
        match &self.learner {
            Some(l) if !l.language.is_empty() => &l.language,
            _ => &self.start.lang,
        }
    }

    fn fail(&mut self, headline: Headline, details: Vec<String>) {
        if self.failure.is_none() {
            let lang = self.lang().to_owned();
            self.failure = Some(Failure {
                headline,
                details,
                lang,
            });
        }
    }

    /// Takes the shell's answer to the last [`Need`].
    pub fn answer(&mut self, answer: Answer) {
        match answer {
            Answer::StoreOpened(r) => match r {
                Ok(()) => self.store_open = true,
                Err(e) => self.fail(Headline::CannotSave, vec![e]),
            },
            Answer::Cmi5Started(r) => {
                self.cmi5_asked = true;
                match r {
                    Ok(au) => self.cmi5 = Some(au),
                    Err(e) => self.fail(Headline::Launch, vec![e]),
                }
            }
            Answer::MetaClaimed(r) => match r {
                Ok(id) => self.local = Some(id),
                Err(e) => self.fail(Headline::CannotSave, vec![e]),
            },
            Answer::Learner { chosen, journal } => {
                self.records = Some((chosen.ok().flatten(), journal));
            }
            Answer::Package(r) => self.package = Some(r),
            Answer::Scorm(s) => self.scorm = Some(s),
            Answer::Course(r) => self.course_read(r),
            Answer::Cmi5Initialized(r) => {
                self.initialized = true;
                if let Err(e) = r {
                    self.fail(Headline::CannotSave, vec![e]);
                }
            }
            Answer::ScormRestored(r) => {
                if let Some(Ok(course)) = &mut self.course {
                    course.restore = match r {
                        Some(Ok(restored)) => Restore::ToStore(Box::new(restored)),
                        // Refused (another package's key) or not run: the device's place stands.
                        _ => Restore::Done,
                    };
                }
            }
            Answer::RestoredStored => {
                if let Some(Ok(course)) = &mut self.course {
                    if let Restore::ToStore(restored) =
                        std::mem::replace(&mut course.restore, Restore::Done)
                    {
                        course.stored = Some(restored.progress);
                        course.attempts.extend(restored.attempts);
                        course.log_changed = true;
                    }
                }
            }
            Answer::WholeLog(r) => match r {
                Ok(log) => self.whole_log = Some(log),
                Err(e) => self.fail(Headline::Read, vec![e.to_string()]),
            },
            Answer::LaterLoaded => self.later_loaded = true,
        }
    }

    /// The course's records are here: the learner's language and the LRS follow.
    fn course_read(&mut self, read: Result<CourseRecords, StoreError>) {
        self.course = Some(read.map(|c| {
            let stored = self
                .package
                .as_ref()
                .and_then(|p| p.as_ref().ok())
                .and_then(|(manifest, activity)| {
                    place(&c.places, &manifest.id, &activity.id).cloned()
                });
            Course {
                places: c.places,
                stored,
                attempts: c.attempts,
                snapshot: c.snapshot,
                restore: Restore::NotAsked,
                log_changed: false,
            }
        }));
        let languages: Vec<&str> = match &self.package {
            Some(Ok((manifest, _))) => manifest.languages(),
            _ => Vec::new(),
        };
        let chosen = self.records.as_ref().and_then(|(c, _)| c.as_deref());
        let language = crate::i18n::choose_language(
            self.start.config.language.as_deref().or(chosen),
            self.cmi5
                .as_ref()
                .and_then(|a| a.language_preference.as_deref()),
            &self.start.browser_languages,
            &languages,
        );
        if let Some(learner) = &mut self.learner {
            learner.language = language;
        }
        let timeout_ms = self.start.config.lrs.as_ref().and_then(|l| l.timeout_ms);
        self.lrs = match &self.cmi5 {
            Some(au) => Some(cmi5_lrs(au, timeout_ms)),
            None => self.start.config.lrs.clone(),
        };
    }

    /// The site learners' accounts belong to: the config's `homePage`, else the player's origin.
    fn home_page(&self) -> &str {
        self.start
            .config
            .home_page
            .as_deref()
            .unwrap_or(&self.start.origin)
    }

    /// Whether the learner is to be found now: before the package unless SCORM will name them, after it
    /// once the SCORM session has started (or was not asked for).
    fn learner_due(&self) -> bool {
        if self.learner.is_some() || self.failure.is_some() || !self.store_open {
            return false;
        }
        if self.cmi5_pending() {
            return false;
        }
        match (&self.package, self.start.config.scorm) {
            (None, scorm) => scorm.is_none(),
            (Some(Ok(_)), None) => true,
            (Some(Ok(_)), Some(_)) => self.scorm.is_some(),
            (Some(Err(_)), _) => false,
        }
    }

    fn cmi5_pending(&self) -> bool {
        !self.cmi5_asked && Launch::is_cmi5_query(&self.start.query)
    }

    /// Every step that needs no IO: the learner when the launch or the config names them, the SCORM
    /// restore when there is nothing to restore, the whole-log decision, the session once everything is
    /// here.
    fn settle(&mut self) {
        if self.learner_due() {
            let scorm_id = match &self.scorm {
                Some(ScormStart::Started { learner_id, .. }) if !learner_id.is_empty() => {
                    Some(learner_id.clone())
                }
                _ => None,
            };
            // SCORM's learner once its session is up; else cmi5's (before the package only: with a
            // SCORM package the device's or the config's learner stands in); else the config's, or
            // this device's once its id is read or kept.
            self.learner = match (&scorm_id, &self.cmi5, &self.package) {
                (Some(id), _, _) => Some(scorm_learner(self.home_page(), id)),
                (None, Some(au), None) => Some(cmi5_learner(au)),
                _ => match (&self.start.config.actor, &self.local) {
                    (Some(actor), _) => Some(configured_learner(actor)),
                    (None, Some(id)) => Some(local_learner(self.home_page(), id)),
                    (None, _) => None,
                },
            };
        }
        let Some(Ok(course)) = &mut self.course else {
            return;
        };
        let Some(Ok((manifest, activity))) = &self.package else {
            return;
        };
        if let Restore::NotAsked = course.restore {
            let suspend = matches!(
                &self.scorm,
                Some(ScormStart::Started {
                    suspend: Some(_),
                    ..
                })
            );
            if !(suspend
                && restore_from_lms(course.stored.as_ref(), &course.attempts, &activity.id))
            {
                course.restore = Restore::Done;
            }
        }
        if !matches!(course.restore, Restore::Done) || !self.initialized && self.cmi5.is_some() {
            return;
        }
        let Some((_, Ok(journal))) = &self.records else {
            return;
        };
        if self.whole_log_needed.is_none() {
            // The whole log is read before the first screen only when that screen needs more than the
            // snapshot tells (the finished screen's plan, a goal that ended before the last answer).
            self.whole_log_needed = Some(needs_whole_log(
                course.stored.as_ref(),
                course.log_changed,
                snapshot_suffices(&course.snapshot, journal, &manifest.id, self.start.now),
            ));
        }
        if self.whole_log_needed == Some(true) && self.whole_log.is_none() {
            return;
        }
        if self.opened.is_none() && self.failure.is_none() {
            self.opened = self.open();
        }
    }

    /// What the shell should do next.
    pub fn need(&mut self) -> Need<'_> {
        if self.done {
            return Need::Fail(Failure {
                headline: Headline::Read,
                details: vec!["the course was already opened".to_owned()],
                lang: self.lang().to_owned(),
            });
        }
        self.settle();
        if let Some(opened) = &self.opened {
            // A first item answered on a picture or a passage needs the later part's controls.
            let later = opened
                .session
                .current_item()
                .is_some_and(|item| item.interaction.answered_later());
            if !later || self.later_loaded {
                if let Some(opened) = self.opened.take() {
                    self.done = true;
                    return Need::Done(Box::new(opened));
                }
            }
        }
        self.ask()
    }

    /// The next effect, from what is known (after [`Opening::settle`]).
    fn ask(&self) -> Need<'_> {
        // Before the package: the store, the cmi5 launch and, unless SCORM will name the learner, the
        // learner and their records. A failure waits for the package, and wins over its errors.
        if self.package.is_none() && self.failure.is_some() {
            return Need::Package;
        }
        if let Some(failure) = &self.failure {
            return Need::Fail(failure.clone());
        }
        if self.opened.is_some() {
            return Need::LoadLater;
        }
        if !self.store_open {
            return Need::OpenStore;
        }
        if self.cmi5_pending() {
            return Need::StartCmi5 {
                query: &self.start.query,
            };
        }
        if self.learner_due() {
            return Need::ClaimMeta {
                key: LOCAL_LEARNER_KEY,
                value: &self.start.fresh_id,
            };
        }
        let manifest_activity = match &self.package {
            None => {
                return match (&self.learner, &self.records) {
                    (Some(learner), None) => Need::ReadLearner {
                        learner_id: &learner.id,
                    },
                    _ => Need::Package,
                }
            }
            Some(Err(errors)) => {
                return Need::Fail(Failure {
                    headline: Headline::Course,
                    details: errors.iter().map(ToString::to_string).collect(),
                    lang: self.lang().to_owned(),
                })
            }
            Some(Ok(package)) => package,
        };
        // SCORM names its learner once its session starts, after the package.
        if let (Some(version), None) = (self.start.config.scorm, &self.scorm) {
            return Need::StartScorm(version);
        }
        let (Some(learner), (manifest, activity)) = (&self.learner, manifest_activity) else {
            // Not reached: with the package here and nothing failed, the learner is known or due.
            return Need::Package;
        };
        if self.records.is_none() {
            return Need::ReadLearner {
                learner_id: &learner.id,
            };
        }
        let Some(course) = &self.course else {
            return Need::ReadCourse {
                manifest,
                learner_id: &learner.id,
                activity_id: &activity.id,
            };
        };
        if let (Some(au), false) = (&self.cmi5, self.initialized) {
            return Need::InitializeCmi5 {
                session: au,
                learner_id: &learner.id,
            };
        }
        let course = match course {
            Ok(course) => course,
            Err(e) => return self.read_failure(e),
        };
        match (&course.restore, &self.scorm) {
            // A SCORM launch on a device that has no record of this learner here: the place comes
            // from the LMS's suspend data, and is kept on the device from now on.
            (
                Restore::NotAsked,
                Some(ScormStart::Started {
                    suspend: Some(key), ..
                }),
            ) => {
                return Need::RestoreScorm {
                    key,
                    manifest,
                    activity,
                    learner_id: &learner.id,
                    now: self.start.now,
                }
            }
            (Restore::ToStore(restored), _) => {
                return Need::StoreRestored {
                    attempts: &restored.attempts,
                    progress: &restored.progress,
                }
            }
            _ => {}
        }
        if let Some((_, Err(e))) = &self.records {
            return self.read_failure(e);
        }
        if self.whole_log_needed == Some(true) && self.whole_log.is_none() {
            return Need::ReadWholeLog {
                learner_id: &learner.id,
                package_id: &manifest.id,
            };
        }
        Need::LoadLater
    }

    fn read_failure(&self, e: &StoreError) -> Need<'_> {
        Need::Fail(Failure {
            headline: Headline::Read,
            details: vec![e.to_string()],
            lang: self.lang().to_owned(),
        })
    }

    /// The session and course from everything gathered; None while something is missing.
    fn open(&mut self) -> Option<Opened> {
        let (manifest, activity) = self.package.take()?.ok()?;
        let learner = self.learner.take()?;
        let course = self.course.take()?.ok()?;
        let (_, journal) = self.records.take()?;
        let journal = journal.ok()?;
        let au = self.cmi5.as_ref();
        let launch_parameters = au.and_then(|a| a.data.launch_parameters.as_deref());
        let overrides = overrides(&self.start.config.overrides, launch_parameters);
        // The places were read before a SCORM resume could store this activity's: count that one too.
        let completed = completed(
            course.places.iter().chain(course.stored.as_ref()),
            &manifest.id,
        );
        let identified = !is_local(&learner);
        let meta_keys = match (self.start.config.identity(au.is_some()), au) {
            (Identity::Cmi5, Some(au)) => vec![session_key(&au.launch)],
            (Identity::Local, _) => vec![LOCAL_LEARNER_KEY.to_owned()],
            _ => Vec::new(),
        };
        let mut session =
            Session::resume(manifest, activity, learner, course.stored, course.attempts);
        session.set_accommodations(overrides.accommodations.clone());
        Some(Opened {
            session,
            course: CourseLog::new(
                self.whole_log.take(),
                course.snapshot,
                completed,
                overrides,
                journal,
            ),
            lrs: self.lrs.take(),
            meta_keys,
            identified,
            scorm: self.scorm.take(),
        })
    }
}

/// Where the statements of a cmi5 session go: the launch's endpoint, with the session's token.
pub fn cmi5_lrs(session: &AuSession, timeout_ms: Option<u32>) -> LrsConfig {
    LrsConfig {
        endpoint: session.launch.endpoint.clone(),
        auth: session.authorization(),
        timeout_ms,
    }
}

#[cfg(test)]
mod tests;
