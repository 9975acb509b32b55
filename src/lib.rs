//! Pacer: an offline-first adaptive learning player, compiled to WebAssembly, and its author CLI.
//!
//! The crate is split in two on purpose (see `ARCHITECTURE.md`):
//! - a **pure core** that never touches the DOM, IndexedDB, the network or the clock: [`package`] (the
//!   content model), [`check`] (scoring), [`engine`] (the learner model), [`session`] (the player state
//!   machine), [`xapi`] (statements and the outbox), [`store`] (the storage contract) and [`theme`] (the
//!   embedding config's colours, checked for syntax and contrast). It takes events and
//!   the current time as arguments and returns decisions and effects, so it is tested natively with
//!   `cargo test` in milliseconds;
//! - a **thin web shell**, [`web`] (wasm32 only, the `shell` feature), that renders, persists to
//!   IndexedDB and talks to the LRS.
//!
//! Start reading at [`session::Session`]: it is the path of one answer.

pub mod check;
pub mod collect;
pub mod config;
pub mod config_url;
pub mod course;
pub mod draw;
pub mod engine;
pub mod expr;
pub mod first;
pub mod i18n;
pub mod journal;
pub mod json;
pub mod pack;
pub mod package;
pub mod present;
pub mod rng;
pub mod scorm;
pub mod screen;
pub mod session;
pub mod store;
pub mod sync_line;
pub mod theme;
pub mod time;
pub mod unicode;
pub mod view;
pub mod wrap;
pub mod xapi;

#[cfg(all(feature = "cli", not(target_arch = "wasm32")))]
pub mod cli;

#[cfg(all(feature = "cli", not(target_arch = "wasm32")))]
#[doc(hidden)]
pub mod fuzzing;

#[cfg(all(target_arch = "wasm32", feature = "shell"))]
pub mod web;
