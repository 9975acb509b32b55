//! The data backpack: one learner's record as one JSON file that follows the student — attempts, places,
//! queued and delivered statements, the statements as a valid xAPI statement array, and the learner's
//! journal (goals and reflections) — and its optional signature (an HMAC the shell computes with the
//! operator's key). The format is documented in `docs/backpack.md`; a file is untrusted input, and
//! importing one is [`super::import`]'s business, not this module's.

use crate::journal::Entry;
use crate::json::owned::Owned;
use crate::json::{self, FromJson, Json, Members, Path, ReadError, Value};
use crate::session::{Attempt, Progress};
use crate::time::EpochMs;
use crate::xapi::{Actor, OutboxRow};
use serde::Serialize;
use thiserror::Error;

/// The `format` field of every backpack file.
pub const FORMAT: &str = "pacer-backpack";
/// The version this build writes; it reads this one and every earlier one. Version 2 added `actor` and
/// the signature.
pub const VERSION: u32 = 2;

/// A signed file starts with these bytes, then the signature's 64 lowercase hex digits, then
/// [`SIGNATURE_END`]; the signature is the HMAC-SHA256 of the unsigned file: `{` followed by everything
/// after [`SIGNATURE_END`]. A fixed prefix makes the check a few lines in any language.
pub const SIGNATURE_START: &str = r#"{"signature":{"alg":"HMAC-SHA256","value":""#;
/// What follows the signature's hex digits in a signed file.
pub const SIGNATURE_END: &str = r#""},"#;

/// A learner's exported record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(serde::Deserialize))]
#[serde(rename_all = "camelCase")]
pub struct Backpack {
    pub format: String,
    pub version: u32,
    pub exported_at: EpochMs,
    pub learner_id: String,
    /// The learner as the LRS knew them on the exporting device (absent before version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<Actor>,
    pub attempts: Vec<Attempt>,
    pub progress: Vec<Progress>,
    /// Every statement with its delivery state on the exporting device.
    pub outbox: Vec<OutboxRow>,
    /// The same statements as an xAPI statement array, for any LRS or tool that reads xAPI.
    pub statements: Vec<Owned>,
    /// The learner's goals and reflections (absent from records made before they existed).
    #[serde(default)]
    pub journal: Vec<Entry>,
}

/// A file that is not a backpack this build can read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BackpackError {
    #[error("this file is not a Pacer record: {0}")]
    NotABackpack(String),
    #[error("this record was written by a newer Pacer (version {0}); update the player first")]
    TooNew(u32),
}

impl Backpack {
    /// Packs one learner's records.
    pub fn new(
        learner_id: &str,
        attempts: Vec<Attempt>,
        progress: Vec<Progress>,
        outbox: Vec<OutboxRow>,
        now: EpochMs,
    ) -> Self {
        let statements = outbox
            .iter()
            .filter_map(|r| crate::json::from_str(&r.statement.json).ok())
            .collect();
        Backpack {
            format: FORMAT.into(),
            version: VERSION,
            exported_at: now,
            learner_id: learner_id.to_owned(),
            actor: None,
            attempts,
            progress,
            outbox,
            statements,
            journal: Vec::new(),
        }
    }

    /// The same backpack, carrying the learner's journal too.
    pub fn with_journal(mut self, journal: Vec<Entry>) -> Self {
        self.journal = journal;
        self
    }

    /// The same backpack, naming the learner's actor.
    pub fn with_actor(mut self, actor: Actor) -> Self {
        self.actor = Some(actor);
        self
    }

    /// Reads a backpack file (each record by its type's reader, which names the JSON path of a broken
    /// record). A signed file reads as an unsigned one: the signature is the shell's to check.
    pub fn parse(text: &str) -> Result<Self, BackpackError> {
        read_backpack(text)
    }
}

/// `unsigned` (a JSON object's text) with `mac_hex` (the HMAC-SHA256 of `unsigned`, 64 hex digits) put in
/// front as its `signature` member. None if `unsigned` is not a non-empty object's text.
pub fn sign(unsigned: &str, mac_hex: &str) -> Option<String> {
    let rest = unsigned.strip_prefix('{')?;
    if rest.trim_start().starts_with('}') || mac_hex.len() != 64 {
        return None;
    }
    Some(format!("{SIGNATURE_START}{mac_hex}{SIGNATURE_END}{rest}"))
}

/// A signed file's signature (its hex digits) and the bytes it signs (the unsigned file); None for a file
/// that does not start with a signature.
pub fn signed_parts(text: &str) -> Option<(&str, String)> {
    let after = text.strip_prefix(SIGNATURE_START)?;
    let hex = after.get(..64)?;
    let rest = after.get(64..)?.strip_prefix(SIGNATURE_END)?;
    hex.bytes()
        .all(|b| b.is_ascii_hexdigit())
        .then(|| (hex, format!("{{{rest}")))
}

/// `learner_id`'s whole record in `store` as a backpack made at `now`, naming `actor`: what a download
/// holds, and what an import is checked against.
pub async fn read(
    store: &impl super::Store,
    learner_id: &str,
    actor: Actor,
    now: EpochMs,
) -> Result<Backpack, super::StoreError> {
    let attempts = store.attempts_of(learner_id).await?;
    let progress = store.progress_of(learner_id).await?;
    let outbox = store.outbox_of(learner_id).await?;
    let journal = store.journal_of(learner_id).await?;
    Ok(Backpack::new(learner_id, attempts, progress, outbox, now)
        .with_journal(journal)
        .with_actor(actor))
}

/// Whether two hex digests are equal (case aside), looking at every byte whatever the first difference,
/// so checking a signature takes as long for a near miss as for a wild guess.
pub fn same_digest(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len()
        && a.iter().zip(b).fold(0u8, |acc, (x, y)| {
            acc | (x.to_ascii_lowercase() ^ y.to_ascii_lowercase())
        }) == 0
}

/// The name a record downloaded at `now` is offered under: `pacer-record-` and the UTC time, its colons
/// made dashes (file systems that refuse `:` keep the name whole).
pub fn file_name(now: EpochMs) -> String {
    format!(
        "pacer-record-{}.json",
        crate::time::iso8601_utc(now).replace(':', "-")
    )
}

/// What importing a backpack adds to this device's records for the current learner.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Merge {
    pub attempts: Vec<Attempt>,
    pub progress: Vec<Progress>,
    /// The `answered` statements rebuilt for the imported attempts.
    pub outbox: Vec<OutboxRow>,
    /// Goals and reflections new to this device.
    pub journal: Vec<Entry>,
    /// Records already here (same attempt or journal entry id), skipped.
    pub skipped: usize,
}

impl FromJson for Backpack {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(Backpack {
            format: m.req("format")?,
            version: m.req("version")?,
            exported_at: m.req("exportedAt")?,
            learner_id: m.req("learnerId")?,
            actor: m.opt("actor")?,
            attempts: m.req("attempts")?,
            progress: m.req("progress")?,
            outbox: m.req("outbox")?,
            statements: m.req("statements")?,
            journal: m.or_default("journal")?,
        })
    }
}

/// Reads a backpack file: first that it is one, and not from a newer version, then every record.
fn read_backpack(text: &str) -> Result<Backpack, BackpackError> {
    let not_one = |e: ReadError| BackpackError::NotABackpack(e.to_string());
    let tree = json::parse(text).map_err(|e| {
        not_one(ReadError {
            at: e.at,
            path: e.path(),
            message: e.message.to_owned(),
        })
    })?;
    if string_member(&tree, "format") != Some(FORMAT) {
        return Err(BackpackError::NotABackpack(
            "it has no `\"format\": \"pacer-backpack\"`".into(),
        ));
    }
    // A version that is not a whole number reads as 0 here (and is refused below), as before.
    let version = match member(&tree, "version").map(|v| &v.value) {
        Some(Value::Number(n)) => n.integer.and_then(|i| u64::try_from(i).ok()),
        _ => None,
    };
    if let Some(v) = version.filter(|v| *v > u64::from(VERSION)) {
        return Err(BackpackError::TooNew(u32::try_from(v).unwrap_or(u32::MAX)));
    }
    Backpack::from_json(&tree, Path::root(tree.at)).map_err(not_one)
}

/// The member `key` of the object `json` is (the last one, if written twice), if any.
fn member<'j, 'a>(json: &'j Json<'a>, key: &str) -> Option<&'j Json<'a>> {
    match &json.value {
        Value::Object(members) => members
            .iter()
            .rev()
            .find(|m| m.key == key)
            .map(|m| &m.value),
        _ => None,
    }
}

fn string_member<'j>(json: &'j Json<'_>, key: &str) -> Option<&'j str> {
    match member(json, key).map(|v| &v.value) {
        Some(Value::String(s)) => Some(s),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
