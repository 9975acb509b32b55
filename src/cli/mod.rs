//! The `pacer` author CLI (native only): commands for authors and for running the player locally.
//!
//! `serve` is the static server behind `make run` and the end-to-end tests.

pub mod serve;
pub mod validate;
