//! The `pacer` author CLI (native only): `validate`, `pack`, `new`, `preview` (the author's package in
//! the player, reloading on save), `fit` (parameters fitted from a class's statements), and `serve` (the
//! static server behind `make run` and the end-to-end tests).

mod encoding;
pub mod files;
pub mod first;
pub mod fit;
pub mod new;
pub mod pack;
pub mod player_files;
pub mod preview;
pub mod serve;
pub mod validate;
