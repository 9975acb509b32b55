//! The `pacer` author CLI (native only): `validate`, `pack`, `new`, `preview` (the author's package in
//! the player, reloading on save), and `serve` (the static server behind `make run` and the end-to-end
//! tests).

pub mod files;
pub mod new;
pub mod pack;
pub mod player_files;
pub mod preview;
pub mod serve;
pub mod validate;
