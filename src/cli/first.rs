//! `pacer first`: writes a site's first-item form (`crate::first`), the file the player's small first
//! module draws a new learner's first item from while the full player loads (#19). Run at build or
//! deploy time, beside the package; rerun whenever the package or the config changes.
//!
//! Not here: working the form out (`crate::first`), drawing it (`crates/first`).

use super::files::Dir;
use crate::config::Config;
use crate::first::{build, Form, Unfit};
use std::path::Path;
use thiserror::Error;

/// Why no form was written.
#[derive(Debug, Error)]
pub enum FirstError {
    #[error("{path}: {reason}")]
    Read { path: String, reason: String },
    #[error("{path}: the package does not load ({count} errors; run `pacer validate`)")]
    Invalid { path: String, count: usize },
    #[error("{path}: {reason}")]
    Write { path: String, reason: String },
}

/// What `pacer first` did: the form written (its byte count), or why the package has none (any older
/// form at `out` is then removed, so a page never draws a stale one).
pub enum Written {
    Form { bytes: usize, screens: usize },
    Unfit(Unfit),
}

/// Writes the first-item form of the package in `dir` for a site whose config is `config_path`.
pub fn write(dir: &Path, config_path: &Path, out: &Path) -> Result<Written, FirstError> {
    let shown = |p: &Path| p.display().to_string();
    let config_text = std::fs::read_to_string(config_path).map_err(|e| FirstError::Read {
        path: shown(config_path),
        reason: e.to_string(),
    })?;
    let config: Config = crate::json::from_str(&config_text).map_err(|e| FirstError::Read {
        path: shown(config_path),
        reason: e.to_string(),
    })?;
    let (package, report) = crate::package::load(&Dir(dir.to_path_buf()));
    let package = package.ok_or_else(|| FirstError::Invalid {
        path: shown(dir),
        count: report.errors.len(),
    })?;
    let first = package.manifest.activities.first();
    let activity = first.and_then(|a| package.activity(&a.id));
    let form = match activity {
        Some(activity) => build(&config, &package.manifest, activity),
        None => Err(Unfit::NotAnItem),
    };
    let written = match form {
        Ok(form) => {
            let bytes = encode(&form).map_err(|reason| FirstError::Write {
                path: shown(out),
                reason,
            })?;
            std::fs::write(out, &bytes).map_err(|e| FirstError::Write {
                path: shown(out),
                reason: e.to_string(),
            })?;
            Written::Form {
                bytes: bytes.len(),
                screens: form.screens.len(),
            }
        }
        Err(unfit) => {
            match std::fs::remove_file(out) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(FirstError::Write {
                        path: shown(out),
                        reason: e.to_string(),
                    })
                }
                _ => {}
            }
            Written::Unfit(unfit)
        }
    };
    Ok(written)
}

/// The form's bytes, as `crates/first` decodes them.
pub fn encode(form: &Form) -> Result<Vec<u8>, String> {
    postcard::to_allocvec(form).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demos_form_is_written_and_reads_back_whole() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let tmp = std::env::temp_dir().join(format!("pacer-first-{}", std::process::id()));
        std::fs::create_dir_all(&tmp).expect("a temp dir");
        let config = tmp.join("config.json");
        std::fs::write(&config, r#"{"packageUrl": "course/pkg.json"}"#).expect("written");
        let out = tmp.join("first.bin");
        let written = write(root, &config, &out).expect("written");
        assert!(matches!(written, Written::Form { screens: 2, .. }));
        let bytes: &'static [u8] = Box::leak(std::fs::read(&out).expect("read").into_boxed_slice());
        let back: Form = postcard::from_bytes(bytes).expect("decodes");
        let (package, _) = crate::package::load(&Dir(root.to_path_buf()));
        let package = package.expect("the demo");
        let again = build(
            &crate::json::from_str(r#"{"packageUrl": "course/pkg.json"}"#).expect("config"),
            &package.manifest,
            &package.activities[0],
        )
        .expect("a form");
        assert_eq!(back, again);
        // A config the form cannot cover (a SCORM launch) leaves no form behind.
        std::fs::write(
            &config,
            r#"{"packageUrl": "course/pkg.json", "scorm": "1.2"}"#,
        )
        .expect("written");
        assert!(matches!(
            write(root, &config, &out),
            Ok(Written::Unfit(Unfit::Config("scorm")))
        ));
        assert!(!out.exists(), "the old form is removed");
        let _ = std::fs::remove_dir_all(&tmp);
    }
}
