//! What a press on the "This device" panel leads to, in which order, as a sans-IO machine (the style of
//! [`super::Opening`]): a [`Flow`] (remove the learner's data, download their record, add a record file,
//! continue as another learner of this device, or a new one) says the next [`Effect`] (count what is not
//! synced, remove, read or write the list of learners, read the record, sign, offer a download, fetch
//! activities, store an import, say this) and takes its [`Outcome`].
//!
//! Decided here and tested natively: that unsynced answers are never removed unasked (unless the record
//! was downloaded this visit, or the learner insists); what else goes with the learner (the resume form,
//! their entry in the list of learners); that a signed record file must carry the operator's key's
//! signature; that an import is checked against what the device holds and the activities it has records
//! of; and what the panel says after each.
//!
//! Not here: performing any of it (IndexedDB, `crypto.subtle`, the download, fetching activities,
//! reloading the page: the shell's, `web::device`), or the wording (`screen::device::Said`).

use super::profiles::{self, LocalProfile};
use crate::package::{Activity, Manifest};
use crate::screen::device::{removal, Added, Removal, Said};
use crate::session::Learner;
use crate::store::backpack::{same_digest, sign, signed_parts, Backpack, Merge};
use crate::store::import::{activities_to_load, plan, Here, ImportError, Scope};
use crate::time::EpochMs;

/// Whose records the panel holds, and what an import is checked against.
#[derive(Debug, Clone)]
pub struct Holder {
    pub learner: Learner,
    /// Named by an LMS or the operator (an import must be theirs), not a local profile of this device.
    pub identified: bool,
    pub manifest: Manifest,
    /// The activity open (others of the package are fetched when an import has records of them).
    pub activity: Activity,
    /// Whether the operator gave a key to sign exported records with (and check imported ones).
    pub signs: bool,
}

/// What the shell does next for a [`Flow`]; answered by the [`Outcome`] it names, or by
/// [`Outcome::Done`] once performed.
#[derive(Debug, PartialEq)]
pub enum Effect {
    /// Count the learner's statements not delivered yet: [`Outcome::Count`].
    CountUnsynced,
    /// Show the "remove anyway" box.
    AskToInsist,
    /// Remove the learner's records and their `meta` keys: [`Outcome::Written`].
    RemoveLearner,
    /// Forget the resume form kept on this device, and wait for it.
    ForgetResume,
    /// Read the list of this device's learners: [`Outcome::Profiles`].
    ReadProfiles,
    /// Store the list of this device's learners (a failure costs nothing but the list).
    SaveProfiles(Vec<LocalProfile>),
    /// Make the learner with this id this device's: [`Outcome::Written`].
    ChooseLearner(String),
    /// Start the player again (after the learner's records changed or another learner was chosen).
    Reload,
    /// Read the learner's record: [`Outcome::Record`].
    ReadRecord,
    /// Sign this text with the operator's key (HMAC-SHA256, lowercase hex): [`Outcome::Mac`].
    Mac(String),
    /// Offer this text as the record file: [`Outcome::Written`].
    Download(String),
    /// Fetch these activities of the package: [`Outcome::Activities`].
    FetchActivities(Vec<String>),
    /// Store the import: [`Outcome::Written`].
    Import(Box<Merge>),
    /// Say this in the panel's status line.
    Say(Said),
    /// The flow is over.
    Done,
}

/// The shell's answer to an [`Effect`].
#[derive(Debug)]
pub enum Outcome {
    Done,
    Count(Result<u32, String>),
    Written(Result<(), String>),
    Profiles(Vec<LocalProfile>),
    Record(Result<Backpack, String>),
    Mac(Result<String, String>),
    /// The activities fetched, each with the id of the package it was found in.
    Activities(Vec<(String, Activity)>),
}

/// One of the panel's flows under way; see the module doc.
#[derive(Debug)]
pub struct Flow {
    state: State,
    due: Vec<Effect>,
    /// The record was offered as a download (removing need not ask then).
    exported: bool,
}

#[derive(Debug)]
enum State {
    Remove {
        insist: bool,
        exported: bool,
    },
    /// The unsynced statements are being counted.
    Counted {
        insist: bool,
        exported: bool,
    },
    Removed,
    /// The learner's data is removed: their entry in the list of learners goes too.
    ProfilesRemoved,
    Choose(String),
    Chosen,
    NewLearner {
        id: String,
        name: String,
    },
    /// The list of learners is read, to add this one to.
    Added {
        id: String,
        name: String,
    },
    Export,
    /// The record is being read.
    Exporting,
    /// The record file's text is being signed.
    Signing(String),
    Downloaded,
    /// An import of this file's text.
    Import(String),
    /// Its signature is being checked.
    Verifying(String),
    /// The file's records; what the device holds is being read.
    Held(Box<Backpack>),
    /// The activities it has records of are being fetched.
    Fetched(Box<Backpack>, Here),
    /// The import is being stored.
    Stored(Added),
    Over,
}

impl Flow {
    fn of(state: State) -> Flow {
        Flow {
            state,
            due: Vec::new(),
            exported: false,
        }
    }

    /// Whether the flow offered the learner's record as a download.
    pub fn exported(&self) -> bool {
        self.exported
    }

    /// Removes the learner's data from this device: `insist`, even what is not synced; `exported`, the
    /// record was downloaded this visit.
    pub fn remove(insist: bool, exported: bool) -> Flow {
        Flow::of(State::Remove { insist, exported })
    }

    /// Continues as this device's learner with `id`.
    pub fn switch_to(id: String) -> Flow {
        Flow::of(State::Choose(id))
    }

    /// Adds a learner named `name` (their id `id`, made by the shell) to this device and continues as them.
    pub fn new_learner(id: String, name: String) -> Flow {
        Flow::of(State::NewLearner { id, name })
    }

    /// Offers the learner's record as a file, signed when the operator gave a key.
    pub fn export() -> Flow {
        Flow::of(State::Export)
    }

    /// Checks and stores the record file `text`.
    pub fn import(text: String) -> Flow {
        Flow::of(State::Import(text))
    }

    /// The next effect, given the outcome of the last ([`Outcome::Done`] to start). `lang` is the
    /// panel's; `new_id` makes a statement id; `now` is the clock's.
    pub fn step(
        &mut self,
        holder: &Holder,
        outcome: Outcome,
        lang: &str,
        new_id: &mut dyn FnMut() -> String,
        now: EpochMs,
    ) -> Effect {
        if self.due.is_empty() {
            let state = std::mem::replace(&mut self.state, State::Over);
            self.decide(state, holder, outcome, lang, new_id, now);
        }
        if self.due.is_empty() {
            Effect::Done
        } else {
            self.due.remove(0)
        }
    }

    fn then(&mut self, effect: Effect) {
        self.due.push(effect);
    }

    fn wait(&mut self, effect: Effect, state: State) {
        self.then(effect);
        self.state = state;
    }

    /// Says `said`, and starts the player again after it when the learner's records changed.
    fn say(&mut self, said: Said) {
        let reloads = said.reloads();
        self.then(Effect::Say(said));
        if reloads {
            self.then(Effect::Reload);
        }
    }

    fn decide(
        &mut self,
        state: State,
        holder: &Holder,
        outcome: Outcome,
        lang: &str,
        new_id: &mut dyn FnMut() -> String,
        now: EpochMs,
    ) {
        let me = holder.learner.id.as_str();
        match (state, outcome) {
            (State::Remove { insist, exported }, _) => {
                self.wait(Effect::CountUnsynced, State::Counted { insist, exported })
            }
            (State::Counted { .. }, Outcome::Count(Err(e))) => self.say(Said::NothingRemoved(e)),
            (State::Counted { insist, exported }, Outcome::Count(Ok(pending))) => {
                match removal(pending, exported, insist) {
                    Removal::Ask(said) => {
                        self.then(Effect::AskToInsist);
                        self.say(said);
                    }
                    Removal::Go => self.wait(Effect::RemoveLearner, State::Removed),
                }
            }
            (State::Removed, Outcome::Written(Err(e))) => self.say(Said::NothingRemoved(e)),
            (State::Removed, Outcome::Written(Ok(()))) => {
                self.then(Effect::ForgetResume);
                self.wait(Effect::ReadProfiles, State::ProfilesRemoved);
            }
            (State::ProfilesRemoved, Outcome::Profiles(profiles)) => {
                self.then(Effect::SaveProfiles(profiles::without(profiles, me)));
                self.say(Said::Removed);
            }
            (State::Choose(id), _) => self.wait(Effect::ChooseLearner(id), State::Chosen),
            (State::Chosen, Outcome::Written(Ok(()))) => self.then(Effect::Reload),
            (State::Chosen, Outcome::Written(Err(e))) => self.say(Said::SwitchFailed(e)),
            (State::NewLearner { id, name }, _) => {
                self.wait(Effect::ReadProfiles, State::Added { id, name })
            }
            (State::Added { id, name }, Outcome::Profiles(profiles)) => {
                self.then(Effect::SaveProfiles(profiles::add(
                    profiles, &id, &name, lang,
                )));
                self.wait(Effect::ChooseLearner(id), State::Chosen);
            }
            (State::Export, _) => self.wait(Effect::ReadRecord, State::Exporting),
            (State::Exporting, Outcome::Record(Ok(backpack))) => {
                let text = serde_json::to_string_pretty(&backpack).map_err(|e| e.to_string());
                match text {
                    Ok(text) if holder.signs => {
                        self.wait(Effect::Mac(text.clone()), State::Signing(text))
                    }
                    Ok(text) => self.wait(Effect::Download(text), State::Downloaded),
                    Err(e) => self.say(Said::DownloadFailed(e)),
                }
            }
            (State::Exporting, Outcome::Record(Err(e))) => self.say(Said::DownloadFailed(e)),
            (State::Signing(text), Outcome::Mac(mac)) => {
                match mac.and_then(|mac| {
                    sign(&text, &mac).ok_or_else(|| "the record could not be signed".to_owned())
                }) {
                    Ok(signed) => self.wait(Effect::Download(signed), State::Downloaded),
                    Err(e) => self.say(Said::DownloadFailed(e)),
                }
            }
            (State::Downloaded, Outcome::Written(Ok(()))) => {
                self.exported = true;
                self.say(Said::Downloaded);
            }
            (State::Downloaded, Outcome::Written(Err(e))) => self.say(Said::DownloadFailed(e)),
            (State::Import(text), _) => match signed_parts(&text) {
                // With the operator's key, a signed file must carry a signature made with it: an edit
                // after the export is refused whole. (An unsigned file is still checked record by
                // record.)
                Some((_, signed)) if holder.signs => {
                    let effect = Effect::Mac(signed.to_owned());
                    self.wait(effect, State::Verifying(text))
                }
                _ => self.parse(&text),
            },
            (State::Verifying(text), Outcome::Mac(mac)) => match (mac, signed_parts(&text)) {
                (Ok(mac), Some((hex, _))) if same_digest(&mac, hex) => self.parse(&text),
                (Ok(_), _) => self.say(Said::SignatureBad),
                (Err(e), _) => self.say(Said::SignatureUnchecked(e)),
            },
            (State::Held(_), Outcome::Record(Err(e))) => self.say(Said::Unusable(e)),
            (State::Held(file), Outcome::Record(Ok(held))) => {
                let wanted = activities_to_load(&file, &holder.manifest, &holder.activity.id);
                let wanted = wanted.into_iter().map(str::to_owned).collect();
                let here = Here::of(held);
                self.wait(Effect::FetchActivities(wanted), State::Fetched(file, here));
            }
            (State::Fetched(file, here), Outcome::Activities(fetched)) => {
                let mut activities = vec![holder.activity.clone()];
                activities.extend(
                    (fetched.into_iter())
                        .filter(|(package, _)| *package == holder.manifest.id)
                        .map(|(_, activity)| activity),
                );
                let mut learner = holder.learner.clone();
                learner.language = lang.to_owned();
                let scope = Scope {
                    learner: &learner,
                    identified: holder.identified,
                    manifest: &holder.manifest,
                    activities: &activities,
                    now,
                };
                match plan(&file, &scope, &here, new_id) {
                    Ok(import) => {
                        let added = Added::of(&import);
                        let effect = Effect::Import(Box::new(import.merge));
                        self.wait(effect, State::Stored(added));
                    }
                    Err(ImportError::OtherLearner(who)) => self.say(Said::NotYours(who)),
                }
            }
            // Said once the records are stored (never before), so a host reading `data-refused`
            // reads the final message.
            (State::Stored(added), Outcome::Written(Ok(()))) => {
                self.say(Said::Added(added));
            }
            (State::Stored(_), Outcome::Written(Err(e))) => self.say(Said::AddFailed(e)),
            // The flow is over, or the shell answered an effect with another's outcome.
            _ => {}
        }
    }

    /// The file's records, once its signature (if any is asked for) is the operator's.
    fn parse(&mut self, text: &str) {
        match Backpack::parse(text) {
            Ok(file) => self.wait(Effect::ReadRecord, State::Held(Box::new(file))),
            Err(e) => self.say(Said::Unusable(e.to_string())),
        }
    }
}

#[cfg(test)]
mod tests;
