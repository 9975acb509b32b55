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

/// Why the media file at `path` is not what its name says or not inert, read from its bytes (native only:
/// the player does not read media files to open a package).
#[cfg(not(target_arch = "wasm32"))]
fn media_problem(files: &dyn Files, path: &str) -> Option<String> {
    match files.read(path) {
        Ok(bytes) => super::media::identify(path, &bytes)
            .err()
            .map(|e| e.to_string()),
        Err(e) => Some(format!("cannot be read: {e}")),
    }
}

#[cfg(target_arch = "wasm32")]
fn media_problem(_: &dyn Files, _: &str) -> Option<String> {
    None
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
        Some(MediaFile {
            size,
            problem: (size <= MEDIA_LIMIT_BYTES)
                .then(|| media_problem(files, path))
                .flatten(),
        })
    };
    let mut activities = Vec::new();
    for entry in &manifest.activities {
        if !super::validate::is_package_path(&entry.file) {
            continue;
        }
        let source = match read_text(files, &entry.file) {
            Ok(s) => s,
            Err(e) => {
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
        }
    }
    if report.is_valid() {
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
