//! What the player reads of a learner's course records to show its first screen, and no more: the
//! learner's places in this course (a key range), this activity's attempts (through an index), and the course-level fold as a [`CourseSnapshot`], checked
//! against where the log stands and rebuilt from the log only when it does not fit. Reads that do not
//! depend on each other are made together.
//!
//! It decides nothing about the learner; it is the read side of the storage contract, generic over
//! [`Store`] so that it runs natively against the memory store in tests.

use super::snapshot::{snapshot_key, CourseSnapshot};
use super::{Store, StoreError};
use crate::package::Manifest;
use crate::session::{Attempt, Progress};
use std::future::Future;
use std::task::Poll;

/// A learner's records in one activity of a course, as the first screen needs them.
#[derive(Debug, Clone, PartialEq)]
pub struct CourseRecords {
    /// The learner's places in this course (one per activity begun).
    pub places: Vec<Progress>,
    /// The learner's attempts in this activity.
    pub attempts: Vec<Attempt>,
    /// The fold of the learner's whole log in the package, fitting the log as it stands.
    pub snapshot: CourseSnapshot,
    /// Whether the stored snapshot did not fit (or was missing) and was rebuilt from the log.
    pub rebuilt: bool,
}

/// Reads `learner_id`'s attempts in `activity_id` and the course snapshot of `manifest`'s package; a
/// snapshot that is missing or does not fit the log is rebuilt from the log and stored again.
pub async fn read_course<S: Store>(
    store: &S,
    manifest: &Manifest,
    learner_id: &str,
    activity_id: &str,
) -> Result<CourseRecords, StoreError> {
    let key = snapshot_key(learner_id, &manifest.id);
    let ((places, attempts), (mark, stored)) = join(
        join(
            store.places_in(learner_id, &manifest.id),
            store.attempts_in(learner_id, &manifest.id, activity_id),
        ),
        join(
            store.log_mark(learner_id, &manifest.id),
            store.snapshot(&key),
        ),
    )
    .await;
    let places = places?;
    let attempts = attempts?;
    let mark = mark?;
    // A snapshot that cannot be read is a cache miss, not an error: the log has everything.
    if let Ok(Some(snapshot)) = stored {
        if snapshot.fits(manifest, &mark) {
            return Ok(CourseRecords {
                places,
                attempts,
                snapshot,
                rebuilt: false,
            });
        }
    }
    let log = store.package_log(learner_id, &manifest.id).await?;
    let snapshot = CourseSnapshot::build(manifest, learner_id, &log);
    // A cache: failing to keep it costs a rebuild next time, and nothing else.
    let _ = store.put_snapshot(&snapshot).await;
    Ok(CourseRecords {
        places,
        attempts,
        snapshot,
        rebuilt: true,
    })
}

/// Runs `a` and `b` together on this thread and returns both outputs once both are done. (The `futures`
/// crate's `join` would add a dependency to the wasm player for these twenty lines.)
pub async fn join<A: Future, B: Future>(a: A, b: B) -> (A::Output, B::Output) {
    let (mut a, mut b) = (std::pin::pin!(a), std::pin::pin!(b));
    let (mut out_a, mut out_b) = (None, None);
    std::future::poll_fn(move |cx| {
        if out_a.is_none() {
            if let Poll::Ready(v) = a.as_mut().poll(cx) {
                out_a = Some(v);
            }
        }
        if out_b.is_none() {
            if let Poll::Ready(v) = b.as_mut().poll(cx) {
                out_b = Some(v);
            }
        }
        match (out_a.take(), out_b.take()) {
            (Some(x), Some(y)) => Poll::Ready((x, y)),
            (x, y) => {
                out_a = x;
                out_b = y;
                Poll::Pending
            }
        }
    })
    .await
}
