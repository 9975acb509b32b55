//! Making room for an answer when the device's storage is full: the answer is never dropped and no
//! attempt or undelivered statement is ever removed for it; only statements the LRS acknowledged longer
//! ago than the retention window may go, and the answer is committed once more only if some did.
//!
//! Not here: the writes (the shell's store, `commit_answer` and `prune_delivered`), or the retention
//! window (the config's).

use super::StoreError;
use crate::time::EpochMs;

/// What follows a commit of an answer.
#[derive(Debug)]
pub enum AfterCommit {
    /// The commit's result stands: stored, or refused for another reason than space.
    Done(Result<(), StoreError>),
    /// The storage is full: prune the statements delivered before `before`, then see [`after_prune`].
    Prune { before: EpochMs },
}

/// What follows the first commit's `result`, at `now` with a retention window of `retention_ms`.
pub fn after_commit(
    result: Result<(), StoreError>,
    now: EpochMs,
    retention_ms: i64,
) -> AfterCommit {
    match result {
        Err(StoreError::Full) => AfterCommit::Prune {
            before: now.saturating_sub(retention_ms),
        },
        other => AfterCommit::Done(other),
    }
}

/// Whether to commit the answer once more after pruning `pruned` rows: only when some went. Otherwise
/// the storage is still full ([`StoreError::Full`]), whatever the pruning itself said.
pub fn after_prune(pruned: Result<u32, StoreError>) -> Result<(), StoreError> {
    match pruned {
        Ok(n) if n > 0 => Ok(()),
        _ => Err(StoreError::Full),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_full_store_prunes_and_only_what_is_past_the_window() {
        assert!(matches!(
            after_commit(Ok(()), 1_000, 100),
            AfterCommit::Done(Ok(()))
        ));
        assert!(matches!(
            after_commit(Err(StoreError::Stale), 1_000, 100),
            AfterCommit::Done(Err(StoreError::Stale))
        ));
        assert!(matches!(
            after_commit(Err(StoreError::Aborted), 1_000, 100),
            AfterCommit::Done(Err(StoreError::Aborted))
        ));
        assert!(matches!(
            after_commit(Err(StoreError::Full), 10_000, 3_000),
            AfterCommit::Prune { before: 7_000 }
        ));
        assert!(matches!(
            after_commit(Err(StoreError::Full), i64::MIN + 5, 10),
            AfterCommit::Prune { before: i64::MIN }
        ));
    }

    #[test]
    fn the_answer_is_tried_again_only_when_room_was_made() {
        assert!(after_prune(Ok(3)).is_ok());
        assert!(matches!(after_prune(Ok(0)), Err(StoreError::Full)));
        assert!(matches!(
            after_prune(Err(StoreError::Backend("x".into()))),
            Err(StoreError::Full)
        ));
    }
}
