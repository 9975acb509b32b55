//! Errors in a package, each naming where it is so an author (or the player's error panel) can fix it.

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
    #[error("{file}: {path}: {message}")]
    Invalid {
        file: String,
        path: String,
        message: String,
    },
    /// A file the package refers to could not be read.
    #[error("{file}: cannot be loaded: {reason}")]
    Missing { file: String, reason: String },
}

impl PackageError {
    pub(crate) fn invalid(file: &str, path: impl Into<String>, message: impl Into<String>) -> Self {
        PackageError::Invalid {
            file: file.to_owned(),
            path: path.into(),
            message: message.into(),
        }
    }
}
