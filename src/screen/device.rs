//! "This device" as it shows, decided before it is drawn: the storage line (used, quota, whether the
//! browser will keep it), the local learners listed (who is learning now, the others to continue as),
//! whether "sign out and remove my data" goes ahead or asks first, and every message the panel says,
//! typed ([`Said`]) and put into the learner's language here, with what it tells a host reading the
//! panel (`data-refused`) and whether the page reloads after it.
//!
//! Not here: IndexedDB, files, downloads, signatures or reloading (the shell's `web::device`), checking
//! an import (`store::import`), keeping the list of learners (`course::profiles`), or the elements
//! (`view::device`).

use crate::i18n::{t, tf};
use crate::store::import::{Import, Refused};

#[cfg(test)]
mod tests;

/// What the browser says of this origin's storage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Storage {
    /// Bytes used, when the browser says.
    pub used: Option<f64>,
    /// Bytes this origin may use, when the browser says.
    pub quota: Option<f64>,
    /// Whether the browser promised not to evict it.
    pub persisted: bool,
}

impl Storage {
    /// "Storage: 1.2 MB used of 300.0 MB; the browser will keep it."
    pub fn line(&self, lang: &str) -> String {
        let mb = |bytes: Option<f64>| {
            bytes.map_or("?".to_owned(), |b| format!("{:.1} MB", b / 1_048_576.0))
        };
        let kept = t(
            lang,
            if self.persisted {
                "storage-kept"
            } else {
                "storage-may-clear"
            },
        );
        tf(
            lang,
            "storage",
            &[
                ("used", &mb(self.used)),
                ("quota", &mb(self.quota)),
                ("kept", kept),
            ],
        )
    }
}

/// The local learners of a shared device as listed: who is learning now, and the others to continue as.
#[derive(Debug, Clone, PartialEq)]
pub struct Learners {
    /// "Learning now: Ana".
    pub now: String,
    /// The others in the list's order: (id, "Continue as Ben").
    pub others: Vec<(String, String)>,
}

impl Learners {
    /// The list `profiles` ((id, name) in their stored order) seen by the learner `current`.
    pub fn of<'p>(
        profiles: impl IntoIterator<Item = (&'p str, &'p str)>,
        current: &str,
        lang: &str,
    ) -> Learners {
        let mut name = "";
        let mut others = Vec::new();
        for (id, nickname) in profiles {
            if id == current {
                name = nickname;
            } else {
                others.push((
                    id.to_owned(),
                    tf(lang, "continue-as", &[("name", nickname)]),
                ));
            }
        }
        Learners {
            now: tf(lang, "learning-now", &[("name", name)]),
            others,
        }
    }
}

/// What "remove my data" does when pressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removal {
    /// Remove: everything is synced, or the learner downloaded their record, or insists.
    Go,
    /// Ask first, saying why (the box "remove anyway" shows).
    Ask(Said),
}

/// Whether removing goes ahead with `pending` answers not synced yet, after the learner `exported` their
/// record (this visit) or ticked "remove anyway" (`insist`). Unsynced work is never dropped unasked.
pub fn removal(pending: u32, exported: bool, insist: bool) -> Removal {
    if pending > 0 && !exported && !insist {
        Removal::Ask(Said::Unsynced(pending))
    } else {
        Removal::Go
    }
}

/// What an import added, for its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Added {
    pub answers: usize,
    /// Statements and journal entries.
    pub records: usize,
    /// Already on this device.
    pub skipped: usize,
    pub refused: Refused,
    /// Whether the learner's course changed (answers, places or journal entries added): the page reloads.
    pub changed: bool,
}

impl Added {
    /// What `import` adds once stored.
    pub fn of(import: &Import) -> Added {
        let m = &import.merge;
        Added {
            answers: m.attempts.len(),
            records: m.outbox.len() + m.journal.len(),
            skipped: m.skipped,
            refused: import.refused,
            changed: !(m.attempts.is_empty() && m.progress.is_empty() && m.journal.is_empty()),
        }
    }
}

/// A message of the panel (its status line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    /// The list of learners could not be read.
    ProfilesFailed(String),
    /// The device's learner could not be changed.
    SwitchFailed(String),
    /// The record was offered as a download.
    Downloaded,
    DownloadFailed(String),
    /// The chosen file could not be read.
    FileUnreadable(String),
    /// The file's signature is not the operator's key's: refused whole.
    SignatureBad,
    /// The file's signature could not be checked.
    SignatureUnchecked(String),
    /// The file or this device's records could not be read; the reason is given as it is.
    Unusable(String),
    /// The file is another learner's (named): refused whole.
    NotYours(String),
    /// The import was stored.
    Added(Added),
    /// The import could not be stored: nothing was added.
    AddFailed(String),
    /// Removing waits: this many answers are not synced.
    Unsynced(u32),
    NothingRemoved(String),
    Removed,
}

impl Said {
    /// The message in `lang`.
    pub fn text(&self, lang: &str) -> String {
        let error = |key: &str, e: &str| tf(lang, key, &[("error", e)]);
        match self {
            Said::ProfilesFailed(e) => error("device-profiles-failed", e),
            Said::SwitchFailed(e) => error("switch-failed", e),
            Said::Downloaded => t(lang, "record-downloaded").to_owned(),
            Said::DownloadFailed(e) => error("record-download-failed", e),
            Said::FileUnreadable(e) => error("file-unreadable", e),
            Said::SignatureBad => t(lang, "record-signature-bad").to_owned(),
            Said::SignatureUnchecked(e) | Said::AddFailed(e) => error("record-add-failed", e),
            Said::Unusable(e) => e.clone(),
            Said::NotYours(who) => tf(lang, "record-not-yours", &[("who", who)]),
            Said::Added(added) => {
                let counts = tf(
                    lang,
                    "record-added",
                    &[
                        ("answers", &added.answers.to_string()),
                        ("records", &added.records.to_string()),
                        ("skipped", &added.skipped.to_string()),
                    ],
                );
                let refused = refused_text(&added.refused, lang);
                let reloading = if added.changed {
                    t(lang, "reloading")
                } else {
                    ""
                };
                [counts.as_str(), refused.as_str(), reloading].join(" ")
            }
            Said::Unsynced(n) => tf(lang, "remove-unsynced", &[("n", &n.to_string())]),
            Said::NothingRemoved(e) => error("nothing-removed", e),
            Said::Removed => t(lang, "data-removed").to_owned(),
        }
    }

    /// What the panel's `data-refused` says after this message: an import is over and refused this much
    /// (`all`, or a count), set with the final message so a host reading it reads that message. None
    /// leaves it as it was.
    pub fn refused(&self) -> Option<String> {
        match self {
            Said::SignatureBad | Said::NotYours(_) | Said::AddFailed(_) => Some("all".to_owned()),
            Said::Added(added) => Some(added.refused.total().to_string()),
            _ => None,
        }
    }

    /// Whether the page reloads after this message (the learner's records changed under it).
    pub fn reloads(&self) -> bool {
        match self {
            Said::Added(added) => added.changed,
            Said::Removed => true,
            _ => false,
        }
    }
}

/// What an import refused, in words (empty when nothing was).
fn refused_text(refused: &Refused, lang: &str) -> String {
    if refused.total() == 0 {
        return String::new();
    }
    tf(
        lang,
        "record-refused",
        &[
            ("n", &refused.total().to_string()),
            ("learner", &refused.other_learner.to_string()),
            ("package", &refused.other_package.to_string()),
            ("unknown", &refused.not_in_package.to_string()),
            ("altered", &refused.altered.to_string()),
        ],
    )
}
