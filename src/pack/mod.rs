//! Packing a course into one file an operator can host: a deterministic zip (same input, byte-identical
//! output) carrying a SHA-256 list of its files that the player checks on load.
//!
//! Pure: [`zip`] writes and reads the container (compression is passed in, so the core needs no
//! compression library), [`hashes`] writes, parses and checks the list, [`cmi5`] writes the course
//! structure of a cmi5 pack (`cmi5.xml`), [`xml`] escapes author text for it and for SCORM's
//! `imsmanifest.xml`, [`unpack`] decides what opening a package in the player checks. The CLI and the
//! shell do the file IO.

pub mod cmi5;
pub mod hashes;
pub mod unpack;
pub mod xml;
pub mod zip;
