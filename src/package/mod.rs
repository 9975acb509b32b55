//! The content model: a course package's manifest (`pkg.json`), its skills and activities, the items and
//! lesson pages inside activities, item parameters, the safe text markup and math; parsing and validation
//! with errors that name the file, the line, the column and the JSON path.
//!
//! This module only describes, parses and checks content. It does not fetch files (the web shell and the
//! CLI do), score answers (`check`) or decide what comes next (`engine`): those modules build on this one,
//! never the other way round.
//! Start at [`Manifest`] and [`Activity`]; the format is documented in `docs/package-format.md`.

mod activity;
pub mod drag_to_image;
mod error;
pub mod figure;
pub mod hotspot;
pub mod hottext;
mod interaction;
pub mod limits;
mod load;
mod locate;
mod manifest;
pub mod markup;
pub mod math;
/// Native only: the player never reads media bytes (the browser shows them in `<img>`/`<audio>`).
#[cfg(not(target_arch = "wasm32"))]
pub mod media;
mod model;
pub mod normalisation;
mod number;
pub mod params;
mod reader;
#[cfg(test)]
pub(crate) mod sample;
pub mod shade;
mod text;
pub mod validate;

pub use activity::{Activity, Block, Feedback, Item, Page};
pub use error::{Located, PackageError};
pub use interaction::{
    Accepted, Blank, ChoiceOption, Interaction, MultipleScoring, NumberValue, NumericMisconception,
    Pair, TextMisconception, UnitRule,
};
pub use load::{load, Files, Package, MANIFEST_FILE};
pub use manifest::{ActivityKind, ActivityRef, FeedbackPolicy, Manifest, Settings, Skill, Unlock};
pub use model::{
    BktParam, BktParams, BktParamsError, ItemValues, MasteryRule, MasteryRuleError,
    DEFAULT_BKT_THRESHOLD, DEFAULT_TARGET_SUCCESS,
};
pub use normalisation::Normalisation;
pub use number::{decimal_mark_for, DecimalMark, Tolerance};
pub use text::{primary_subtag, Text};
pub use validate::Report;

use crate::json::{self, FromJson};

/// The error for `file` at byte `at` of its `source`, with its line and column.
fn json_error(file: &str, source: &str, at: usize, path: String, message: String) -> PackageError {
    let (line, column) = json::line_col(source, at);
    PackageError::Json {
        file: file.to_owned(),
        line,
        column,
        path,
        message,
    }
}

/// Parses one JSON file of a package into `T`, naming `file`, the JSON path and the line on failure.
pub fn parse_json<T: FromJson>(file: &str, source: &str) -> Result<T, PackageError> {
    let fail =
        |at: usize, path: String, message: String| json_error(file, source, at, path, message);
    let tree = json::parse(source).map_err(|e| fail(e.at, e.path(), e.message.to_owned()))?;
    T::from_json(&tree, json::Path::root(tree.at)).map_err(|e| fail(e.at, e.path, e.message))
}

/// A package file read in recovering mode: the value (None when even its top could not be read), every
/// error of the file, and whether the value holds all the file does (see [`json::read`]).
#[derive(Debug)]
pub(crate) struct Parsed<T> {
    pub value: Option<T>,
    pub errors: Vec<PackageError>,
    /// False when a wrong list element or map entry was left out to go on.
    pub complete: bool,
}

/// Parses one JSON file of a package into `T`, going on after a wrong value so that all of the file's
/// errors come out together (`pacer validate`). A JSON syntax error still ends the read.
pub(crate) fn parse_json_all<T: FromJson>(file: &str, source: &str) -> Parsed<T> {
    let fail =
        |at: usize, path: String, message: String| json_error(file, source, at, path, message);
    let tree = match json::parse(source) {
        Ok(tree) => tree,
        Err(e) => {
            return Parsed {
                value: None,
                errors: vec![fail(e.at, e.path(), e.message.to_owned())],
                complete: false,
            }
        }
    };
    let (value, errors, complete) = json::read_recovering(&tree);
    Parsed {
        value,
        errors: (errors.into_iter())
            .map(|e| fail(e.at, e.path, e.message))
            .collect(),
        complete,
    }
}

/// Parses and checks a manifest; on failure, every error found.
pub fn parse_manifest(file: &str, source: &str) -> Result<Manifest, Vec<PackageError>> {
    let manifest: Manifest = parse_json(file, source).map_err(|e| vec![e])?;
    let report = validate::check_manifest(file, source, &manifest);
    if report.is_valid() {
        Ok(manifest)
    } else {
        Err(report.errors)
    }
}

/// Parses an activity file and checks it against the manifest (media are not looked up: the player
/// fetches them when shown); on failure, every error found.
pub fn parse_activity(
    file: &str,
    source: &str,
    entry: &ActivityRef,
    manifest: &Manifest,
) -> Result<Activity, Vec<PackageError>> {
    let activity: Activity = parse_json(file, source).map_err(|e| vec![e])?;
    let report = validate::check_activity(file, source, &activity, entry, manifest, &|_: &str| {
        Some(validate::MediaFile::unread(0))
    });
    if report.is_valid() {
        Ok(activity)
    } else {
        Err(report.errors)
    }
}
