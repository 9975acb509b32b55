//! Loading a whole package from a set of files (a folder, a zip, or files already fetched), with every
//! error and warning of every file.

use super::validate::{check_activity, check_manifest, MediaFile, Report, MEDIA_LIMIT_BYTES};
use super::{parse_json_all, Activity, Manifest, PackageError, Parsed};

/// The manifest's file name, at the root of a package.
pub const MANIFEST_FILE: &str = "pkg.json";

/// The files of a package, by their path inside it (`/`-separated).
pub trait Files {
    /// The file's bytes, or why it cannot be read.
    fn read(&self, path: &str) -> Result<Vec<u8>, String>;
    /// The file's size, or None when there is no such file.
    fn size(&self, path: &str) -> Option<u64>;
    /// Every file's path, for a "did you mean" when one is missing (none when the source cannot list).
    fn names(&self) -> Vec<String> {
        Vec::new()
    }
}

/// A missing activity file, reported where `pkg.json` names it, with the package's nearest file name.
fn missing_activity(
    files: &dyn Files,
    manifest_source: &str,
    index: usize,
    file: &str,
    reason: &str,
) -> PackageError {
    let names = files.names();
    let same_but_case = names.iter().find(|n| n.eq_ignore_ascii_case(file));
    let hint = match same_but_case {
        Some(n) => {
            format!("; did you mean `{n}`? (file names are case-sensitive on servers and in zips)")
        }
        None => match super::validate::nearest(file, names.iter().map(String::as_str)) {
            Some(n) => format!("; did you mean `{n}`?"),
            None => String::new(),
        },
    };
    PackageError::at(
        MANIFEST_FILE,
        manifest_source,
        format!("activities[{index}].file"),
        format!("`{file}` cannot be loaded ({reason}){hint}"),
    )
}

/// A parsed and checked package.
#[derive(Debug, Clone, PartialEq)]
pub struct Package {
    pub manifest: Manifest,
    /// In the manifest's order.
    pub activities: Vec<Activity>,
}

impl Package {
    /// The activity with `id`.
    pub fn activity(&self, id: &str) -> Option<&Activity> {
        self.activities.iter().find(|a| a.id == id)
    }

    /// Number of items over all activities.
    pub fn item_count(&self) -> usize {
        self.activities.iter().map(|a| a.items.len()).sum()
    }
}

fn read_text(files: &dyn Files, path: &str) -> Result<String, PackageError> {
    let bytes = files.read(path).map_err(|reason| PackageError::Missing {
        file: path.to_owned(),
        reason,
    })?;
    String::from_utf8(bytes).map_err(|e| PackageError::Missing {
        file: path.to_owned(),
        reason: format!("not UTF-8 text ({e})"),
    })
}

/// Why the media file at `path` is not what its name says or not inert, and an image's size in its own
/// pixels, read from its bytes (native only: the player does not read media files to open a package).
#[cfg(not(target_arch = "wasm32"))]
fn media_facts(files: &dyn Files, path: &str) -> (Option<String>, Option<(f64, f64)>) {
    match files.read(path) {
        Ok(bytes) => match super::media::identify(path, &bytes) {
            Ok(kind) => (None, super::media::pixel_size(kind, &bytes)),
            Err(e) => (Some(e.to_string()), None),
        },
        Err(e) => (Some(format!("cannot be read: {e}")), None),
    }
}

#[cfg(target_arch = "wasm32")]
fn media_facts(_: &dyn Files, _: &str) -> (Option<String>, Option<(f64, f64)>) {
    (None, None)
}

/// Loads and checks every file of the package. The package is returned only when there is no error.
///
/// A file with a wrong value is read on past it ([`parse_json_all`]), so every file's errors come out
/// together. Rules are checked on a file that was read whole, or with only defaultable values set aside;
/// a file that had a wrong list element left out is not, as its references to what was left out would
/// be reported as errors they are not. The activity files are read, and checked against the manifest,
/// in the same way.
pub fn load(files: &dyn Files) -> (Option<Package>, Report) {
    let mut report = Report::default();
    let source = match read_text(files, MANIFEST_FILE) {
        Ok(s) => s,
        Err(e) => {
            report.errors.push(e);
            return (None, report);
        }
    };
    let Parsed {
        value: manifest,
        errors,
        complete: manifest_complete,
    } = parse_json_all::<Manifest>(MANIFEST_FILE, &source);
    report.errors.extend(errors);
    let Some(manifest) = manifest else {
        return (None, report);
    };
    if manifest_complete {
        report.extend(check_manifest(MANIFEST_FILE, &source, &manifest));
    }
    let media = |path: &str| {
        let size = files.size(path)?;
        let (problem, pixels) = if size <= MEDIA_LIMIT_BYTES {
            media_facts(files, path)
        } else {
            (None, None)
        };
        Some(MediaFile {
            size,
            problem,
            pixels,
        })
    };
    let mut activities = Vec::new();
    let mut sources = Vec::new();
    for (index, entry) in manifest.activities.iter().enumerate() {
        if !super::validate::is_package_path(&entry.file) {
            continue;
        }
        let source = match read_text(files, &entry.file) {
            Ok(s) => s,
            Err(e) => {
                let e = match (&e, files.size(&entry.file)) {
                    (PackageError::Missing { reason, .. }, None) => {
                        missing_activity(files, &source, index, &entry.file, reason)
                    }
                    _ => e,
                };
                report.errors.push(e);
                continue;
            }
        };
        let parsed = parse_json_all::<Activity>(&entry.file, &source);
        report.errors.extend(parsed.errors);
        if let Some(activity) = parsed.value {
            if parsed.complete && manifest_complete {
                report.extend(check_activity(
                    &entry.file,
                    &source,
                    &activity,
                    entry,
                    &manifest,
                    &media,
                ));
            }
            activities.push(activity);
            sources.push(source);
        }
    }
    let read: Vec<(&Activity, &str)> = activities
        .iter()
        .zip(&sources)
        .map(|(a, s)| (a, s.as_str()))
        .collect();
    if manifest_complete {
        report.extend(super::validate::check_across(&source, &manifest, &read));
    }
    if report.is_valid() {
        let mut manifest = manifest;
        for activity in &activities {
            manifest.add_items(&activity.items);
        }
        (
            Some(Package {
                manifest,
                activities,
            }),
            report,
        )
    } else {
        (None, report)
    }
}
