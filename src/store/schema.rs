//! The IndexedDB schema as data, and its migrations. Each version adds to the one before; nothing is
//! ever dropped.
//!
//! - v1: `attempts` (key `id`, index `learnerId`), `outbox` (key `id`, index `learnerId`), `progress`
//!   (key `key`), `meta` (key `key`).
//! - v2: `outbox` index `pendingOrder` on `[learnerId, state, queuedAt, order]`, so the flusher reads the
//!   next batch of one learner's pending statements without reading the whole outbox.
//! - v3: `journal` (key `id`, index `learnerId`): the learner's goals and reflections.
//! - v4: `attempts` indexes `activityLog` on `[learnerId, packageId, activityId]` (one activity's attempts
//!   without the rest of the log) and `packageLog` on `[learnerId, packageId, answeredAt, id]` (the log of
//!   one package in order: its length and last attempt without reading it); `snapshots` (key `key`): the
//!   course-level fold kept as a cache ([`super::snapshot`]).
//!
//! Not here: applying a change (`web::schema` does, inside IndexedDB's upgrade transaction).

use super::stores::{ATTEMPTS, JOURNAL, META, OUTBOX, PROGRESS, SNAPSHOTS};

/// The index every per-learner store has.
pub const LEARNER_INDEX: &str = "learnerId";
/// The outbox's delivery-order index (v2).
pub const PENDING_ORDER_INDEX: &str = "pendingOrder";
/// The attempts of one learner in one activity of one package (v4).
pub const ACTIVITY_INDEX: &str = "activityLog";
/// The attempts of one learner in one package, in log order (v4).
pub const LOG_INDEX: &str = "packageLog";

/// One change of the schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// A new object store, its records keyed by the field `key`.
    Store {
        name: &'static str,
        key: &'static str,
    },
    /// A new index of `store` on one field, or on an array of fields when there are several.
    Index {
        store: &'static str,
        name: &'static str,
        fields: &'static [&'static str],
    },
}

const fn store(name: &'static str, key: &'static str) -> Change {
    Change::Store { name, key }
}

const fn learner_index(store: &'static str) -> Change {
    Change::Index {
        store,
        name: LEARNER_INDEX,
        fields: &[LEARNER_INDEX],
    }
}

/// The changes of each version, in order: version `n`'s are `VERSIONS[n - 1]`.
const VERSIONS: [&[Change]; super::DB_VERSION as usize] = [
    &[
        store(ATTEMPTS, "id"),
        learner_index(ATTEMPTS),
        store(OUTBOX, "id"),
        learner_index(OUTBOX),
        store(PROGRESS, "key"),
        store(META, "key"),
    ],
    &[Change::Index {
        store: OUTBOX,
        name: PENDING_ORDER_INDEX,
        fields: &[LEARNER_INDEX, "state", "queuedAt", "order"],
    }],
    &[store(JOURNAL, "id"), learner_index(JOURNAL)],
    // IndexedDB fills the new indexes from the attempts already stored, inside the upgrade.
    &[
        Change::Index {
            store: ATTEMPTS,
            name: ACTIVITY_INDEX,
            fields: &[LEARNER_INDEX, "packageId", "activityId"],
        },
        Change::Index {
            store: ATTEMPTS,
            name: LOG_INDEX,
            fields: &[LEARNER_INDEX, "packageId", "answeredAt", "id"],
        },
        store(SNAPSHOTS, "key"),
    ],
];

/// The changes that bring a database at version `from` (0: none yet) to [`super::DB_VERSION`], in order.
pub fn migration(from: u32) -> impl Iterator<Item = &'static Change> {
    let done = usize::try_from(from).unwrap_or(usize::MAX);
    VERSIONS
        .iter()
        .skip(done)
        .flat_map(|changes| changes.iter())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_version_only_adds_and_a_new_database_gets_every_store_and_index() {
        let all = applied_on(&BTreeSet::new(), migration(0));
        let stores = [ATTEMPTS, OUTBOX, PROGRESS, META, JOURNAL, SNAPSHOTS];
        for s in stores {
            assert!(all.contains(s), "{s}");
        }
        for index in [
            "attempts.learnerId",
            "outbox.learnerId",
            "outbox.pendingOrder",
            "journal.learnerId",
            "attempts.activityLog",
            "attempts.packageLog",
        ] {
            assert!(all.contains(index), "{index}");
        }
        assert_eq!(all.len(), stores.len() + 6);
        // From each version, the changes are exactly what the later versions add: a database
        // upgraded step by step ends with what a new one has.
        for from in 0..=crate::store::DB_VERSION {
            let before = applied_on(
                &BTreeSet::new(),
                VERSIONS[..from as usize].iter().flat_map(|c| c.iter()),
            );
            let after: BTreeSet<String> = before
                .iter()
                .cloned()
                .chain(applied_on(&before, migration(from)))
                .collect();
            assert_eq!(after, all, "from v{from}");
        }
        assert_eq!(migration(crate::store::DB_VERSION).count(), 0);
        assert_eq!(migration(u32::MAX).count(), 0);
    }

    /// What `changes` add to a database that has `before`, each checked to be new and each index to
    /// be on a store already there.
    fn applied_on<'c>(
        before: &BTreeSet<String>,
        changes: impl Iterator<Item = &'c Change>,
    ) -> BTreeSet<String> {
        let mut made = before.clone();
        for change in changes {
            let new = match change {
                Change::Store { name, .. } => name.to_string(),
                Change::Index { store, name, .. } => {
                    assert!(
                        made.contains(*store),
                        "{name} on {store}, which is not there"
                    );
                    format!("{store}.{name}")
                }
            };
            assert!(made.insert(new.clone()), "{new} is there already");
        }
        &made - before
    }

    #[test]
    fn the_outbox_is_read_in_delivery_order_and_the_log_by_activity_and_in_order() {
        let fields = |wanted: &str| {
            migration(0).find_map(|c| match c {
                Change::Index { name, fields, .. } if *name == wanted => Some(*fields),
                _ => None,
            })
        };
        assert_eq!(
            fields(PENDING_ORDER_INDEX),
            Some(&["learnerId", "state", "queuedAt", "order"][..])
        );
        assert_eq!(
            fields(ACTIVITY_INDEX),
            Some(&["learnerId", "packageId", "activityId"][..])
        );
        assert_eq!(
            fields(LOG_INDEX),
            Some(&["learnerId", "packageId", "answeredAt", "id"][..])
        );
        assert_eq!(fields(LEARNER_INDEX), Some(&["learnerId"][..]));
    }
}
