//! A probe of a separate first-item module for the Pacer player (#19): what drawing, and answering, the
//! first item weighs when nothing else of the player comes along.
//!
//! - [`form`]: the compact binary form of the first item that `pacer pack` would write (natively, where
//!   the package is validated): the screen as the core's `view::Node` tree, and for answering, the item.
//! - `make` (native only): builds that form from a package folder, with the core's own builders.
//! - `web` (wasm32 only): draws the form with the same DOM calls as the shell's `web::dom::draw`, and with
//!   the `answer` feature reads the answer back, scores it with `check::score` and stores the attempt in
//!   IndexedDB before it shows the feedback.
//!
//! Not here: anything after the first answer (the full player takes over), hints, drafts, statements.
//! A measurement, not a feature: see `README.md` beside this crate for the figures.

pub mod form;
#[cfg(not(target_arch = "wasm32"))]
pub mod make;
#[cfg(target_arch = "wasm32")]
mod web;
