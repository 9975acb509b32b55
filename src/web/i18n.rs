//! The player's interface text: the catalogs and lookups of [`crate::i18n`], for the web shell.

pub use crate::i18n::*;
