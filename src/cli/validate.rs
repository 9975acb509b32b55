//! `pacer validate DIR`: loads a package the way the player does and reports every fault found.

use crate::package::{parse_activity, parse_manifest, PackageError};
use std::fs;
use std::path::Path;

/// Validates the package whose manifest is `dir/pkg.json`; returns every error found.
pub fn validate_dir(dir: &Path) -> Vec<PackageError> {
    let manifest_path = dir.join("pkg.json");
    let source = match fs::read_to_string(&manifest_path) {
        Ok(s) => s,
        Err(e) => {
            return vec![PackageError::Missing {
                file: "pkg.json".into(),
                reason: e.to_string(),
            }]
        }
    };
    let manifest = match parse_manifest("pkg.json", &source) {
        Ok(m) => m,
        Err(e) => return vec![e],
    };
    let mut errors = Vec::new();
    for entry in &manifest.activities {
        match fs::read_to_string(dir.join(&entry.file)) {
            Ok(source) => {
                if let Err(e) = parse_activity(&entry.file, &source, entry) {
                    errors.push(e);
                }
            }
            Err(e) => errors.push(PackageError::Missing {
                file: entry.file.clone(),
                reason: e.to_string(),
            }),
        }
    }
    errors
}
