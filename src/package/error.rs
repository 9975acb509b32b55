//! Errors in a package, each naming where it is (file, line, column and JSON path) so an author, or the
//! player's error panel, can go straight to it.

use serde::Serialize;
use thiserror::Error;

/// A fault in a package file.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PackageError {
    /// The file is not valid JSON or does not have the expected shape.
    #[error("{file}:{line}:{column}: {path}{sep}{message}", sep = if path.is_empty() { "" } else { ": " })]
    Json {
        file: String,
        line: usize,
        column: usize,
        path: String,
        message: String,
    },
    /// The JSON is well formed but breaks a rule of the format.
    #[error("{file}:{line}:{column}: {path}: {message}")]
    Invalid {
        file: String,
        line: usize,
        column: usize,
        path: String,
        message: String,
    },
    /// A file the package refers to could not be read.
    #[error("{file}: cannot be loaded: {reason}")]
    Missing { file: String, reason: String },
    /// A packed course's file does not match its SHA-256 list (damaged or tampered with).
    #[error("{file}: {reason}")]
    Integrity { file: String, reason: String },
}

/// An error as one flat record, for `pacer validate --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Located<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub path: &'a str,
    pub message: &'a str,
}

impl PackageError {
    /// An `Invalid` error at `path` of `file` whose text is `source` (the line is looked up).
    pub(crate) fn at(
        file: &str,
        source: &str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        let path = path.into();
        let (line, column) = super::locate::locate(source, &path);
        PackageError::Invalid {
            file: file.to_owned(),
            line,
            column,
            path,
            message: message.into(),
        }
    }

    /// The error as a flat record.
    pub fn located(&self) -> Located<'_> {
        match self {
            PackageError::Json {
                file,
                line,
                column,
                path,
                message,
            }
            | PackageError::Invalid {
                file,
                line,
                column,
                path,
                message,
            } => Located {
                file,
                line: *line,
                column: *column,
                path,
                message,
            },
            PackageError::Missing { file, reason } | PackageError::Integrity { file, reason } => {
                Located {
                    file,
                    line: 0,
                    column: 0,
                    path: "",
                    message: reason,
                }
            }
        }
    }
}
