//! The one rule every store keeps about places: they only move forward in time. A write made from a place
//! that is no longer the stored one (another tab, another device's import, a replayed commit) is refused,
//! and an imported place replaces the stored one only when it is newer.
//!
//! Pure: it compares records the store has read; it does not read or write anything itself.

use super::StoreError;
use crate::session::Progress;

/// Whether a write made from the place `expected` may replace `stored`, what the store holds under the same
/// key: refused with [`StoreError::Stale`] when the stored place is newer than the one the write started
/// from (another tab moved on first, or the same commit is being made twice).
pub fn check_written_from(
    stored: Option<&Progress>,
    expected: &Progress,
) -> Result<(), StoreError> {
    match stored {
        Some(stored) if stored.updated_at > expected.updated_at => Err(StoreError::Stale),
        _ => Ok(()),
    }
}

/// Whether `incoming` (an imported place) should replace `stored`: only a newer place does.
pub fn replaces(stored: Option<&Progress>, incoming: &Progress) -> bool {
    stored.is_none_or(|stored| stored.updated_at < incoming.updated_at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Step;

    fn place(at: i64) -> Progress {
        Progress {
            learner_id: "l".into(),
            package_id: "p".into(),
            activity_id: "a".into(),
            step: Step::Finished,
            updated_at: at,
        }
    }

    #[test]
    fn a_write_from_the_stored_place_or_a_newer_one_goes_through() {
        assert!(check_written_from(None, &place(5)).is_ok());
        assert!(check_written_from(Some(&place(5)), &place(5)).is_ok());
        assert!(check_written_from(Some(&place(5)), &place(6)).is_ok());
    }

    #[test]
    fn a_write_from_an_older_place_is_stale() {
        assert!(matches!(
            check_written_from(Some(&place(6)), &place(5)),
            Err(StoreError::Stale)
        ));
    }

    #[test]
    fn only_a_newer_import_replaces_a_place() {
        assert!(replaces(None, &place(1)));
        assert!(replaces(Some(&place(1)), &place(2)));
        assert!(!replaces(Some(&place(2)), &place(2)));
        assert!(!replaces(Some(&place(3)), &place(2)));
    }
}
