//! `pacer validate DIR|ZIP`: loads a package the way the player does and reports every error and warning
//! found, as `file:line:col: json.path: message` lines or as JSON for pipelines.

use super::files::open;
use crate::package::{load, Located, Package, PackageError, Report};
use serde::Serialize;
use std::path::Path;

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

/// Validates the package at `path` (a folder holding `pkg.json`, or a zip made by `pacer pack`).
/// An unreadable path is an error of its own (`Err`), not a finding.
pub fn validate_path(path: &Path) -> Result<(Option<Package>, Report), String> {
    let files = open(path)?;
    let (package, mut report) = load(files.as_ref());
    if let Err(e) = files.verify() {
        report.errors.push(e);
    }
    Ok((package, report))
}

#[derive(Serialize)]
struct JsonReport<'a> {
    valid: bool,
    errors: Vec<Located<'a>>,
    warnings: Vec<Located<'a>>,
    /// Per language: `{"translated": 212, "texts": 240}`.
    coverage: &'a std::collections::BTreeMap<String, crate::package::validate::Coverage>,
}

/// Per-language coverage in words, `en: 240 of 240 texts, es: 212 of 240 texts`; empty for a package in
/// one language.
pub fn coverage_line(report: &Report) -> String {
    if report.coverage.len() < 2 {
        return String::new();
    }
    report
        .coverage
        .iter()
        .map(|(lang, c)| format!("{lang}: {} of {} texts", c.translated, c.texts))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The report as text lines (errors first, then warnings marked as such) or as one JSON document.
pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Json => {
            let doc = JsonReport {
                valid: report.is_valid(),
                errors: report.errors.iter().map(PackageError::located).collect(),
                warnings: report.warnings.iter().map(PackageError::located).collect(),
                coverage: &report.coverage,
            };
            serde_json::to_string_pretty(&doc).unwrap_or_default()
        }
        Format::Text => {
            let mut out = String::new();
            for e in &report.errors {
                out.push_str(&format!("{e}\n"));
            }
            for w in &report.warnings {
                out.push_str(&format!("warning: {w}\n"));
            }
            out
        }
    }
}
