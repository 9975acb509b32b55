//! The storage contract: which records exist, how they are keyed, and what must commit together.
//!
//! [`Store`] is the contract. Its operations are written once (`ops`) over one transaction's requests
//! ([`tx`]); a backend only carries those out: the browser's is IndexedDB (`web::idb_store`, wasm only),
//! and [`MemoryStore`] keeps the records in memory for native tests of the core. So both commit an answer
//! as one unit ([`crate::session::AnswerCommit`]): the attempt, the learner's progress and the queued
//! statements; both keep places moving forward with [`place`].

pub mod backpack;
pub mod boot;
mod contract;
pub mod import;
mod memory;
mod ops;
pub mod place;
#[cfg(test)]
mod record_tests;
pub mod room;
pub mod schema;
pub mod snapshot;
pub mod tx;

pub use contract::{Store, StoreError};
pub use memory::MemoryStore;

/// IndexedDB database name; one database per origin holds every learner's records.
pub const DB_NAME: &str = "pacer";
/// The schema version; raise it with a migration, never by dropping data.
pub const DB_VERSION: u32 = 4;

/// Object store names and their keys.
pub mod stores {
    /// Append-only attempt log, keyed by attempt id (`id`).
    pub const ATTEMPTS: &str = "attempts";
    /// One progress record per learner, package and activity, keyed by `key`.
    pub const PROGRESS: &str = "progress";
    /// Queued statements, keyed by statement id (`id`).
    pub const OUTBOX: &str = "outbox";
    /// The learner's goals and reflections ([`crate::journal::Entry`]), keyed by `id`, index `learnerId`.
    pub const JOURNAL: &str = "journal";
    /// Small facts about this device: the local learner profile, the schema version.
    pub const META: &str = "meta";
    /// Course snapshots ([`super::snapshot::CourseSnapshot`]), keyed by `key`: a cache, never exported.
    pub const SNAPSHOTS: &str = "snapshots";
}
