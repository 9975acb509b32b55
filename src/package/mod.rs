//! The content model: a course package's manifest (`pkg.json`), its skills and activities, and the items
//! inside activities; parsing with errors that name the file, the JSON path and the line.
//!
//! This module only describes and parses content. It does not fetch files (the web shell and the CLI do),
//! score answers ([`crate::check`]) or decide what comes next ([`crate::engine`]).
//! Start at [`Manifest`] and [`Activity`].

mod activity;
mod error;
mod manifest;
mod text;

pub use activity::{Activity, ChoiceOption, Feedback, Interaction, Item};
pub use error::PackageError;
pub use manifest::{ActivityKind, ActivityRef, Manifest, Skill};
pub use text::Text;

use serde::de::DeserializeOwned;

/// Parses one JSON file of a package into `T`, naming `file`, the JSON path and the line on failure.
pub fn parse_json<T: DeserializeOwned>(file: &str, source: &str) -> Result<T, PackageError> {
    let de = &mut serde_json::Deserializer::from_str(source);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        PackageError::Json {
            file: file.to_owned(),
            line: inner.line(),
            column: inner.column(),
            path: if path == "." { String::new() } else { path },
            message: strip_position(&inner.to_string()),
        }
    })
}

/// serde_json appends " at line L column C" to its messages; we report the position separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// Parses a manifest and checks what can be checked without the activity files.
pub fn parse_manifest(file: &str, source: &str) -> Result<Manifest, PackageError> {
    let manifest: Manifest = parse_json(file, source)?;
    manifest.check(file)?;
    Ok(manifest)
}

/// Parses an activity file and checks it against the manifest entry that names it.
pub fn parse_activity(
    file: &str,
    source: &str,
    entry: &ActivityRef,
) -> Result<Activity, PackageError> {
    let activity: Activity = parse_json(file, source)?;
    activity.check(file, entry)?;
    Ok(activity)
}
