//! xAPI 1.0.3: the statements Pacer emits and the outbox that delivers them.
//!
//! [`statement`] builds statements from what happened (pure data in, JSON out); [`outbox`] holds the
//! delivery rules (what to send next, what an LRS answer means). Neither does IO: the web shell POSTs and
//! stores. Statement ids are UUIDs made at capture, so a resend after a lost answer is harmless.

pub mod cmi5;
pub mod flush;
pub mod outbox;
pub mod round;
pub mod statement;

pub use outbox::{Delivery, Next, OutboxRow, OutboxState, PostResult, RowUpdate};
pub use statement::{Account, Actor, Statement};
