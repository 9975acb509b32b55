//! The `pacer` author CLI (native only): `validate`, `pack`, `new`, `fit`, and `serve` (the static server behind
//! `make run` and the end-to-end tests).

pub mod files;
pub mod fit;
pub mod new;
pub mod pack;
pub mod serve;
pub mod validate;
