//! Reading a package's activities in the player, as sans-IO machines ([`Reading`]): which files are
//! asked for and which of them together, which texts are hashed and checked against which list, and
//! what a failure costs. [`Opening`]: the manifest and the activity to play, where any failure
//! refuses the package. [`Others`]: the other activities' items, read after the first screen for the
//! course folds, where a file that cannot be read, fails the list or does not parse is skipped and
//! said.
//!
//! Not here: fetching, reading a zip's file, hashing (the shell performs each [`Need`], for a folder or
//! a zip alike, and hands the results in), or the checks of a zip itself ([`super::unpack`]).

use super::hashes::{verify, HASH_FILE};
use super::unpack::{choose_activity, list_unreadable, listed_for, missing};
use crate::package::{
    parse_activity, parse_manifest, Activity, ActivityRef, Item, Manifest, PackageError,
};
use std::collections::BTreeMap;

/// What a reading needs next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Need {
    /// The texts of these package files, fetched together: [`Answer::Texts`], one per path, in order.
    Texts(Vec<String>),
    /// The SHA-256 of each of these texts, as hex: [`Answer::Digests`], one per text, in order.
    Digests(Vec<String>),
}

/// The answer to a [`Need`].
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Texts(Vec<Result<String, PackageError>>),
    Digests(Vec<Result<String, PackageError>>),
}

/// A reading of package files: asks for what it needs until it has its output.
pub trait Reading {
    type Output;
    /// What it needs next; None once it is done.
    fn need(&self) -> Option<Need>;
    /// Takes the answer to the last [`Reading::need`].
    fn answer(&mut self, answer: Answer);
    /// What it read (call once [`Reading::need`] is None).
    fn finish(self) -> Self::Output;
}

/// The refusal of an answer that is not to the need (a shell's mistake; never from the network).
fn unexpected() -> PackageError {
    missing("pkg.json", "the package's files were not read in order")
}

/// Opening the package: the manifest, then the activity `wanted` (the first when None) and, for a
/// folder whose manifest says it carries a SHA-256 list (an unzipped pack), the list, fetched with the
/// activity; then both texts checked against it. An author's folder has no list and is not asked for
/// one (the 404 would show in the console on every start); a zip's files were checked as it opened.
pub struct Opening {
    wanted: Option<String>,
    folder: bool,
    at: At,
}

enum At {
    Manifest,
    Activity {
        manifest: Manifest,
        manifest_source: String,
        entry: ActivityRef,
    },
    Hashes {
        manifest: Manifest,
        activity: Activity,
        wanted: BTreeMap<String, String>,
        read: [(String, String); 2],
    },
    Done(Result<(Manifest, Activity), Vec<PackageError>>),
}

impl Opening {
    /// `folder`: the package is a folder (a zip's files are checked when it opens).
    pub fn new(wanted: Option<&str>, folder: bool) -> Opening {
        Opening {
            wanted: wanted.map(str::to_owned),
            folder,
            at: At::Manifest,
        }
    }

    fn next(&mut self, answer: Answer) -> Result<At, Vec<PackageError>> {
        let at = std::mem::replace(&mut self.at, At::Done(Err(Vec::new())));
        match (at, answer) {
            (At::Manifest, Answer::Texts(texts)) => {
                let source = texts
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| Err(unexpected()));
                let manifest_source = source.map_err(|e| vec![e])?;
                let manifest = parse_manifest("pkg.json", &manifest_source)?;
                let entry =
                    choose_activity(&manifest, self.wanted.as_deref()).map_err(|e| vec![e])?;
                Ok(At::Activity {
                    manifest,
                    manifest_source,
                    entry,
                })
            }
            (
                At::Activity {
                    manifest,
                    manifest_source,
                    entry,
                },
                Answer::Texts(texts),
            ) => {
                let mut texts = texts.into_iter();
                let source = texts.next().unwrap_or_else(|| Err(unexpected()));
                let source = source.map_err(|e| vec![e])?;
                // The manifest says the list is there: one that cannot be loaded is refused, not skipped.
                let list = match texts.next() {
                    Some(list) => Some(list.map_err(|e| vec![list_unreadable(e)])?),
                    None => None,
                };
                let activity = parse_activity(&entry.file, &source, &entry, &manifest)?;
                let Some(list) = list else {
                    return Ok(At::Done(Ok((manifest, activity))));
                };
                let wanted = listed_for(&list, &["pkg.json", &entry.file]).map_err(|e| vec![e])?;
                Ok(At::Hashes {
                    manifest,
                    activity,
                    wanted,
                    read: [("pkg.json".into(), manifest_source), (entry.file, source)],
                })
            }
            (
                At::Hashes {
                    manifest,
                    activity,
                    wanted,
                    read,
                },
                Answer::Digests(digests),
            ) => {
                let mut actual = BTreeMap::new();
                for ((path, _), digest) in read.into_iter().zip(digests) {
                    actual.insert(path, digest.map_err(|e| vec![e])?);
                }
                verify(&wanted, &actual).map_err(|e| vec![e])?;
                Ok(At::Done(Ok((manifest, activity))))
            }
            _ => Err(vec![unexpected()]),
        }
    }
}

impl Reading for Opening {
    type Output = Result<(Manifest, Activity), Vec<PackageError>>;

    fn need(&self) -> Option<Need> {
        match &self.at {
            At::Manifest => Some(Need::Texts(vec!["pkg.json".to_owned()])),
            At::Activity {
                manifest, entry, ..
            } => {
                let list = (self.folder && manifest.sha256_list).then(|| HASH_FILE.to_owned());
                Some(Need::Texts(
                    [entry.file.clone()].into_iter().chain(list).collect(),
                ))
            }
            At::Hashes { read, .. } => Some(Need::Digests(
                read.iter().map(|(_, text)| text.clone()).collect(),
            )),
            At::Done(_) => None,
        }
    }

    fn answer(&mut self, answer: Answer) {
        self.at = self.next(answer).unwrap_or_else(|e| At::Done(Err(e)));
    }

    fn finish(self) -> Self::Output {
        match self.at {
            At::Done(done) => done,
            _ => Err(vec![unexpected()]),
        }
    }
}

/// The items of the package's activities other than the one open, for the course folds: from a folder
/// with a SHA-256 list, the list first (none read without it), then every other activity's file at
/// once (fetched one by one, they kept the service worker busy for seconds), each checked against the
/// list. What is skipped is said in [`Others::finish`]'s warnings: answers to its items are then read
/// with their skill's values, as before any was read.
pub struct Others<'m> {
    manifest: &'m Manifest,
    others: Vec<&'m ActivityRef>,
    list: Option<String>,
    /// Read files waiting for their digest: the activity and its text.
    hashing: Vec<(&'m ActivityRef, String)>,
    step: OthersStep,
    items: Vec<Item>,
    warnings: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum OthersStep {
    List,
    Files,
    Hashes,
    Done,
}

impl<'m> Others<'m> {
    /// The activities of `manifest` but `open`, from a folder (`folder`) or a zip.
    pub fn new(manifest: &'m Manifest, open: &str, folder: bool) -> Others<'m> {
        let listed = folder && manifest.sha256_list;
        Others {
            manifest,
            others: (manifest.activities.iter())
                .filter(|a| a.id != open)
                .collect(),
            list: None,
            hashing: Vec::new(),
            step: if listed {
                OthersStep::List
            } else {
                OthersStep::Files
            },
            items: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Parses `text` of `entry` into the items, or says why it is skipped.
    fn take(&mut self, entry: &ActivityRef, text: Result<String, PackageError>) {
        let parsed = (text.map_err(|e| vec![e]))
            .and_then(|text| parse_activity(&entry.file, &text, entry, self.manifest));
        match parsed {
            Ok(activity) => self.items.extend(activity.items),
            Err(errors) => self.warnings.push(format!(
                "the items of {} were not read: {}",
                entry.file,
                errors.first().map(|e| e.to_string()).unwrap_or_default()
            )),
        }
    }
}

impl Reading for Others<'_> {
    type Output = (Vec<Item>, Vec<String>);

    fn need(&self) -> Option<Need> {
        match self.step {
            OthersStep::List => Some(Need::Texts(vec![HASH_FILE.to_owned()])),
            OthersStep::Files => Some(Need::Texts(
                self.others.iter().map(|a| a.file.clone()).collect(),
            )),
            OthersStep::Hashes => Some(Need::Digests(
                self.hashing.iter().map(|(_, text)| text.clone()).collect(),
            )),
            OthersStep::Done => None,
        }
    }

    fn answer(&mut self, answer: Answer) {
        let (step, answer) = (self.step, answer);
        self.step = OthersStep::Done;
        match (step, answer) {
            (OthersStep::List, Answer::Texts(texts)) => {
                match texts
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| Err(unexpected()))
                {
                    Ok(list) => {
                        self.list = Some(list);
                        self.step = OthersStep::Files;
                    }
                    Err(e) => (self.warnings)
                        .push(format!("the other activities' items were not read: {e}")),
                }
            }
            (OthersStep::Files, Answer::Texts(texts)) => {
                let others = self.others.clone();
                for (entry, text) in others.into_iter().zip(texts) {
                    match (text, self.list.is_some()) {
                        (Ok(text), true) => self.hashing.push((entry, text)),
                        (text, _) => self.take(entry, text),
                    }
                }
                if !self.hashing.is_empty() {
                    self.step = OthersStep::Hashes;
                }
            }
            (OthersStep::Hashes, Answer::Digests(digests)) => {
                let list = self.list.take().unwrap_or_default();
                for ((entry, text), digest) in
                    std::mem::take(&mut self.hashing).into_iter().zip(digests)
                {
                    let checked = listed_for(&list, &[&entry.file]).and_then(|wanted| {
                        let actual = BTreeMap::from([(entry.file.clone(), digest?)]);
                        verify(&wanted, &actual)
                    });
                    self.take(entry, checked.map(|()| text));
                }
            }
            _ => self.warnings.push(unexpected().to_string()),
        }
    }

    fn finish(self) -> Self::Output {
        (self.items, self.warnings)
    }
}

#[cfg(test)]
mod tests;
