//! Every operation of the storage contract ([`Store`]), written once over one transaction's requests
//! ([`Tx`]): which object stores each opens, which keys and key ranges it reads (a learner's places, a
//! package's log, the pending statements in delivery order), the order of its writes, and the rules that
//! refuse or skip one (places only move forward, a queued statement is never queued again, a row settles
//! once, an import keeps what is here). Any [`Backend`] is a [`Store`] through it: the memory one and
//! IndexedDB run the same logic.
//!
//! Not here: how a backend keeps records or carries a request out.

use super::backpack::Merge;
use super::schema::{ACTIVITY_INDEX, LEARNER_INDEX, LOG_INDEX, PENDING_ORDER_INDEX};
use super::snapshot::{CourseSnapshot, LogMark};
use super::tx::{Backend, Key, Meta, Range, Record, Tx};
use super::{place, stores, Store, StoreError};
use crate::journal::Entry;
use crate::session::{AnswerCommit, Attempt, Progress};
use crate::time::EpochMs;
use crate::xapi::{OutboxRow, OutboxState, RowUpdate};
use std::collections::BTreeMap;
use std::ops::Bound;

/// How many attempts [`Store::package_log`] reads in one transaction (about a megabyte of records).
const LOG_PAGE: u32 = 1_000;

/// The record of `R`'s store under `key`, in a transaction of its own.
async fn get<R: Record>(b: &impl Backend, key: &str) -> Result<Option<R>, StoreError> {
    b.begin(&[R::STORE], false)?.get(key).await
}

/// The records of `R`'s store in `range` of `index`, in a transaction of their own.
async fn all<R: Record>(
    b: &impl Backend,
    index: Option<&'static str>,
    range: &Range,
) -> Result<Vec<R>, StoreError> {
    b.begin(&[R::STORE], false)?
        .get_all(index, Some(range), None)
        .await
}

/// Every record of `learner_id` in `R`'s store, through its learner index.
async fn of_learner<R: Record>(b: &impl Backend, learner_id: &str) -> Result<Vec<R>, StoreError> {
    all(b, Some(LEARNER_INDEX), &Range::only(Key::str(learner_id))).await
}

/// Runs `write` in one transaction over `names`, committed only if every step of it succeeded (else
/// aborted: nothing it wrote survives).
async fn write<B: Backend, T>(
    b: &B,
    names: &[&'static str],
    write: impl AsyncFnOnce(&B::Tx) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    let tx = b.begin(names, true)?;
    match write(&tx).await {
        Ok(value) => b.commit(tx).await.map(|()| value),
        Err(e) => {
            b.abort(tx);
            Err(e)
        }
    }
}

/// All keys `[learner_id, package_id, *, *]` of the `packageLog` index: an array sorts after any number,
/// and a shorter array before every longer one it begins.
fn package_range(learner_id: &str, package_id: &str) -> Range {
    Range::between(
        Key::strs(&[learner_id, package_id]),
        log_end(learner_id, package_id),
    )
}

fn log_end(learner_id: &str, package_id: &str) -> Key {
    Key::Arr(vec![
        Key::str(learner_id),
        Key::str(package_id),
        Key::Arr(vec![]),
    ])
}

/// The keys of the `packageLog` index after the attempt `id` answered at `at`, in its package.
fn log_after(learner_id: &str, package_id: &str, (at, id): (EpochMs, &str)) -> Range {
    let at = Key::Arr(vec![
        Key::str(learner_id),
        Key::str(package_id),
        // Answer times are whole milliseconds since 1970: exact as a JavaScript number.
        Key::Num(at as f64),
        Key::str(id),
    ]);
    Range {
        low: Bound::Excluded(at),
        high: Bound::Included(log_end(learner_id, package_id)),
    }
}

/// All keys `[learner_id, state, *, *]` of the `pendingOrder` index.
fn state_range(learner_id: &str, state: &str) -> Range {
    let edge = |n: f64| {
        Key::Arr(vec![
            Key::str(learner_id),
            Key::str(state),
            Key::Num(n),
            Key::Num(n),
        ])
    };
    Range::between(edge(f64::NEG_INFINITY), edge(f64::INFINITY))
}

/// A write of a new place (with an answer's attempt, if any) and the statements it queues, shaped for one
/// round trip to the database before the commit: the reads (the stored place, whether each statement is
/// queued already) and the attempt's and place's writes are issued at once; requests run in order, so the
/// reads see the records as they were. Only the statements wait for their reads. A write made from a place
/// that is no longer the stored one (another tab moved on first, by [`place::check_written_from`]) is
/// [`StoreError::Stale`], and the transaction is aborted, writes and all. (Awaiting each request in turn
/// cost IndexedDB an event-loop hop apiece: at 4x CPU a third of an answer's commit.)
async fn write_place(
    tx: &impl Tx,
    expected: &Progress,
    attempt: Option<&Attempt>,
    progress: &Progress,
    rows: &[OutboxRow],
) -> Result<(), StoreError> {
    let place = tx.get::<Progress>(&expected.key());
    let queued: Vec<_> = rows
        .iter()
        .map(|row| tx.get::<OutboxRow>(&row.id))
        .collect();
    if let Some(attempt) = attempt {
        tx.put(attempt)?;
    }
    tx.put(progress)?;
    place::check_written_from(place.await?.as_ref(), expected)?;
    for (row, queued) in rows.iter().zip(queued) {
        if queued.await?.is_none() {
            tx.put(row)?;
        }
    }
    Ok(())
}

/// Writes each record whose key is not in its store yet (the same id is the same record: a statement
/// may be delivered, an attempt never changes).
async fn put_new<R: Record>(tx: &impl Tx, records: &[R]) -> Result<(), StoreError> {
    for record in records {
        if tx.get::<R>(&record.key()).await?.is_none() {
            tx.put(record)?;
        }
    }
    Ok(())
}

fn meta_row(key: &str, value: &str) -> Meta {
    Meta {
        key: key.to_owned(),
        value: value.to_owned(),
    }
}

impl<B: Backend> Store for B {
    async fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(get::<Meta>(self, key).await?.map(|m| m.value))
    }

    async fn claim_meta(&self, key: &str, value: &str) -> Result<String, StoreError> {
        let mut kept = value.to_owned();
        write(self, &[stores::META], async |tx| {
            match tx.get::<Meta>(key).await? {
                Some(stored) => kept = stored.value,
                None => tx.put(&meta_row(key, value))?,
            }
            Ok(())
        })
        .await?;
        Ok(kept)
    }

    async fn set_meta(&self, key: &str, value: &str) -> Result<(), StoreError> {
        write(self, &[stores::META], async |tx| {
            tx.put(&meta_row(key, value))
        })
        .await
    }

    async fn progress(&self, key: &str) -> Result<Option<Progress>, StoreError> {
        get(self, key).await
    }

    async fn progress_of(&self, learner_id: &str) -> Result<Vec<Progress>, StoreError> {
        all(self, None, &Range::prefix(learner_id)).await
    }

    /// The keys `learner \u{1f} package \u{1f} *`.
    async fn places_in(
        &self,
        learner_id: &str,
        package_id: &str,
    ) -> Result<Vec<Progress>, StoreError> {
        let prefix = format!("{learner_id}\u{1f}{package_id}");
        all(self, None, &Range::prefix(&prefix)).await
    }

    async fn attempts_of(&self, learner_id: &str) -> Result<Vec<Attempt>, StoreError> {
        of_learner(self, learner_id).await
    }

    async fn attempts_in(
        &self,
        learner_id: &str,
        package_id: &str,
        activity_id: &str,
    ) -> Result<Vec<Attempt>, StoreError> {
        let key = Key::strs(&[learner_id, package_id, activity_id]);
        let mut attempts: Vec<Attempt> = all(self, Some(ACTIVITY_INDEX), &Range::only(key)).await?;
        // The index orders equal keys by attempt id already; this keeps the contract's order explicit.
        crate::collect::sort_by(&mut attempts, |a, b| a.id.cmp(&b.id));
        Ok(attempts)
    }

    /// Read in pages of [`LOG_PAGE`], each its own transaction: an answer committed meanwhile waits for one
    /// page, not for the whole log, and no single task turns a year of records into Rust values. The log
    /// only grows at its end, so the pages join up; an attempt added meanwhile may or may not be in it.
    async fn package_log(
        &self,
        learner_id: &str,
        package_id: &str,
    ) -> Result<Vec<Attempt>, StoreError> {
        let mut log: Vec<Attempt> = Vec::new();
        loop {
            let range = match log.last() {
                None => package_range(learner_id, package_id),
                Some(last) => log_after(learner_id, package_id, (last.answered_at, &last.id)),
            };
            let tx = self.begin(&[stores::ATTEMPTS], false)?;
            let page: Vec<Attempt> = tx
                .get_all(Some(LOG_INDEX), Some(&range), Some(LOG_PAGE))
                .await?;
            let full = page.len() >= LOG_PAGE as usize;
            log.extend(page);
            if !full {
                return Ok(log);
            }
        }
    }

    /// The length and the last key of the package's range of the log index: no attempt is read.
    async fn log_mark(&self, learner_id: &str, package_id: &str) -> Result<LogMark, StoreError> {
        let tx = self.begin(&[stores::ATTEMPTS], false)?;
        let range = package_range(learner_id, package_id);
        let len = tx.count(stores::ATTEMPTS, Some(LOG_INDEX), &range);
        let last = tx.last_key(stores::ATTEMPTS, Some(LOG_INDEX), &range);
        Ok(LogMark {
            len: len.await?,
            last: last.await?,
        })
    }

    async fn put_attempts(&self, attempts: &[Attempt]) -> Result<(), StoreError> {
        write(self, &[stores::ATTEMPTS], async |tx| {
            attempts.iter().try_for_each(|a| tx.put(a))
        })
        .await
    }

    async fn commit_answer(&self, commit: &AnswerCommit) -> Result<(), StoreError> {
        let names = [stores::ATTEMPTS, stores::PROGRESS, stores::OUTBOX];
        write(self, &names, async |tx| {
            let (expected, attempt) = (&commit.expected, Some(&commit.attempt));
            write_place(tx, expected, attempt, &commit.progress, &commit.outbox).await
        })
        .await
    }

    async fn commit_progress(
        &self,
        expected: &Progress,
        progress: &Progress,
        rows: &[OutboxRow],
    ) -> Result<(), StoreError> {
        write(self, &[stores::PROGRESS, stores::OUTBOX], async |tx| {
            write_place(tx, expected, None, progress, rows).await
        })
        .await
    }

    async fn queue(&self, rows: &[OutboxRow], meta: &[(&str, &str)]) -> Result<(), StoreError> {
        write(self, &[stores::OUTBOX, stores::META], async |tx| {
            put_new(tx, rows).await?;
            (meta.iter()).try_for_each(|(key, value)| tx.put(&meta_row(key, value)))
        })
        .await
    }

    async fn pending_of(&self, learner_id: &str, limit: u32) -> Result<Vec<OutboxRow>, StoreError> {
        let range = state_range(learner_id, "pending");
        (self.begin(&[stores::OUTBOX], false)?)
            .get_all(Some(PENDING_ORDER_INDEX), Some(&range), Some(limit))
            .await
    }

    async fn outbox_counts(&self, learner_id: &str) -> Result<(u32, u32), StoreError> {
        let tx = self.begin(&[stores::OUTBOX], false)?;
        let count = |state| {
            tx.count(
                stores::OUTBOX,
                Some(PENDING_ORDER_INDEX),
                &state_range(learner_id, state),
            )
        };
        let [pending, rejected, conflict] = ["pending", "rejected", "conflict"].map(count);
        Ok((pending.await?, rejected.await? + conflict.await?))
    }

    async fn outbox_of(&self, learner_id: &str) -> Result<Vec<OutboxRow>, StoreError> {
        of_learner(self, learner_id).await
    }

    async fn settle_rows(
        &self,
        updates: &[RowUpdate],
        stored: &BTreeMap<String, String>,
        now: EpochMs,
    ) -> Result<(), StoreError> {
        write(self, &[stores::OUTBOX], async |tx| {
            for update in updates {
                if let Some(mut row) = tx.get::<OutboxRow>(update.id()).await? {
                    // A row settles once: a late answer for a statement another tab settled changes nothing.
                    if row.is_pending() {
                        row.state = update.settled_state(now, stored.get(update.id()).cloned());
                        tx.put(&row)?;
                    }
                }
            }
            Ok(())
        })
        .await
    }

    async fn prune_delivered(&self, before: EpochMs) -> Result<u32, StoreError> {
        write(self, &[stores::OUTBOX], async |tx| {
            let mut pruned = 0;
            for row in tx.get_all::<OutboxRow>(None, None, None).await? {
                if matches!(row.state, OutboxState::Delivered { at } if at < before) {
                    tx.delete(stores::OUTBOX, &Range::only(Key::Str(row.id)))?;
                    pruned += 1;
                }
            }
            Ok(pruned)
        })
        .await
    }

    async fn journal_of(&self, learner_id: &str) -> Result<Vec<Entry>, StoreError> {
        of_learner(self, learner_id).await
    }

    async fn put_entry(&self, entry: &Entry) -> Result<(), StoreError> {
        write(self, &[stores::JOURNAL], async |tx| tx.put(entry)).await
    }

    async fn snapshot(&self, key: &str) -> Result<Option<CourseSnapshot>, StoreError> {
        get(self, key).await
    }

    async fn put_snapshot(&self, snapshot: &CourseSnapshot) -> Result<(), StoreError> {
        write(self, &[stores::SNAPSHOTS], async |tx| tx.put(snapshot)).await
    }

    async fn delete_snapshot(&self, key: &str) -> Result<(), StoreError> {
        write(self, &[stores::SNAPSHOTS], async |tx| {
            tx.delete(stores::SNAPSHOTS, &Range::only(Key::str(key)))
        })
        .await
    }

    async fn import(&self, plan: &Merge) -> Result<(), StoreError> {
        let names = [
            stores::ATTEMPTS,
            stores::PROGRESS,
            stores::OUTBOX,
            stores::JOURNAL,
        ];
        write(self, &names, async |tx| {
            put_new(tx, &plan.attempts).await?;
            for p in &plan.progress {
                if place::replaces(tx.get::<Progress>(&p.key()).await?.as_ref(), p) {
                    tx.put(p)?;
                }
            }
            put_new(tx, &plan.outbox).await?;
            put_new(tx, &plan.journal).await
        })
        .await
    }

    async fn remove_learner(&self, learner_id: &str, meta_keys: &[&str]) -> Result<(), StoreError> {
        let names = [
            stores::ATTEMPTS,
            stores::PROGRESS,
            stores::OUTBOX,
            stores::JOURNAL,
            stores::META,
            stores::SNAPSHOTS,
        ];
        write(self, &names, async |tx| {
            let learner = Range::only(Key::str(learner_id));
            for name in [stores::ATTEMPTS, stores::OUTBOX, stores::JOURNAL] {
                for key in tx.keys(name, Some(LEARNER_INDEX), &learner).await? {
                    tx.delete(name, &Range::only(Key::Str(key)))?;
                }
            }
            for name in [stores::PROGRESS, stores::SNAPSHOTS] {
                tx.delete(name, &Range::prefix(learner_id))?;
            }
            (meta_keys.iter())
                .try_for_each(|key| tx.delete(stores::META, &Range::only(Key::str(key))))
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log_key(package: &str, at: f64, id: &str) -> Key {
        let parts = vec![Key::str("l"), Key::str(package), Key::Num(at), Key::str(id)];
        Key::Arr(parts)
    }

    #[test]
    fn a_packages_log_range_holds_its_attempts_at_any_time_and_no_other_packages() {
        let range = package_range("l", "p");
        assert!(range.contains(&log_key("p", -8.64e15, "")));
        assert!(range.contains(&log_key("p", 8.64e15, "\u{10ffff}")));
        assert!(!range.contains(&log_key("p2", 0.0, "a")));
        assert!(!range.contains(&log_key("o", 0.0, "a")));
        let other_learner = Key::Arr(vec![
            Key::str("l2"),
            Key::str("p"),
            Key::Num(0.0),
            Key::str("a"),
        ]);
        assert!(!range.contains(&other_learner));
    }

    #[test]
    fn the_next_page_of_the_log_starts_just_past_the_last_attempt_read() {
        let after = log_after("l", "p", (5, "b"));
        // Not the last attempt again, nor one before it in log order (answer time, then id).
        for read in [
            log_key("p", 5.0, "b"),
            log_key("p", 5.0, "a"),
            log_key("p", 4.0, "z"),
        ] {
            assert!(!after.contains(&read), "{read:?}");
        }
        // Every later one, at the same time with a greater id too, and none of another package.
        for later in [
            log_key("p", 5.0, "c"),
            log_key("p", 6.0, "a"),
            log_key("p", 8.64e15, "a"),
        ] {
            assert!(after.contains(&later), "{later:?}");
        }
        assert!(!after.contains(&log_key("q", 6.0, "a")));
    }

    #[test]
    fn a_states_range_holds_that_learners_rows_in_that_state_only() {
        let key = |learner: &str, state: &str, at: f64, order: f64| {
            let parts = vec![
                Key::str(learner),
                Key::str(state),
                Key::Num(at),
                Key::Num(order),
            ];
            Key::Arr(parts)
        };
        let pending = state_range("l", "pending");
        assert!(pending.contains(&key("l", "pending", -5.0, 0.0)));
        assert!(pending.contains(&key("l", "pending", 8.64e15, 4e9)));
        assert!(!pending.contains(&key("l", "delivered", 1.0, 0.0)));
        assert!(!pending.contains(&key("l", "pendingx", 1.0, 0.0)));
        assert!(!pending.contains(&key("l2", "pending", 1.0, 0.0)));
    }
}
