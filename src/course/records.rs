//! The opening's reads and writes of the learner's records ([`Need`]s a [`Store`] answers), performed
//! one way for every store: the player's IndexedDB and the memory store `pacer first` opens a new
//! learner's course with. What to read, in which order, and what a failure costs is the opening's.
//!
//! Not here: opening the store, the launches (cmi5, SCORM), the package or the later part: the needs
//! that are not the store's are left to the caller.

use super::{Answer, Need};
use crate::store::boot::{join, read_course};
use crate::store::Store;

/// Performs `need` against `store` when it is a read or a write of the learner's records; None for
/// any other need. A restored place that cannot be kept is said through `warn` and used all the same.
pub async fn from_store<S: Store>(
    store: &S,
    need: &Need<'_>,
    warn: impl Fn(&str),
) -> Option<Answer> {
    let say = |e: crate::store::StoreError| e.to_string();
    Some(match *need {
        Need::ClaimMeta { key, value } => {
            Answer::MetaClaimed(store.claim_meta(key, value).await.map_err(say))
        }
        // Small transactions that would otherwise each wait for the one before.
        Need::ReadLearner { learner_id } => {
            let language = crate::config::language_key(learner_id);
            let (chosen, journal) = join(store.meta(&language), store.journal_of(learner_id)).await;
            Answer::Learner { chosen, journal }
        }
        // This course's places, this activity's attempts and the course snapshot: through indexes,
        // not the whole log or every place of the learner.
        Need::ReadCourse {
            manifest,
            learner_id,
            activity_id,
        } => Answer::Course(read_course(store, manifest, learner_id, activity_id).await),
        Need::StoreRestored { attempts, progress } => {
            let saved = match store.put_attempts(attempts).await {
                Ok(()) => store.commit_progress(progress, progress, &[]).await,
                Err(e) => Err(e),
            };
            if let Err(e) = saved {
                warn(&format!("the LMS's place could not be stored: {e}"));
            }
            Answer::RestoredStored
        }
        Need::ReadWholeLog {
            learner_id,
            package_id,
        } => Answer::WholeLog(store.package_log(learner_id, package_id).await),
        _ => return None,
    })
}
