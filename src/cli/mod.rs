//! The `pacer` author CLI (native only): `validate`, `pack`, `new`, and `serve` (the static server behind
//! `make run` and the end-to-end tests).

pub mod files;
pub mod new;
pub mod pack;
pub mod serve;
pub mod validate;
