//! What a store backend offers one transaction: IndexedDB's primitive requests (read one record, write
//! one, delete a key range, read all in a range of the store or of one of its indexes, count, the last
//! key), with keys and key ranges as core values. Every operation of the storage contract is written
//! once over these requests ([`super::ops`]); a backend ([`super::MemoryStore`], the IndexedDB of
//! `web::idb_store`) only carries them out.
//!
//! Not here: what any operation reads or writes (that is `ops`), nor how a backend keeps its records.

use super::snapshot::CourseSnapshot;
use super::{stores, StoreError};
use crate::journal::Entry;
use crate::json::{FromJson, Json, Members, Path, ReadError};
use crate::session::{Attempt, Progress};
use crate::xapi::OutboxRow;
use serde::Serialize;
use std::cmp::Ordering;
use std::future::Future;
use std::ops::Bound;

/// A key as IndexedDB orders them: every number before every string, every string before every array;
/// strings by UTF-16 code unit, arrays element by element, an array before every longer one it begins.
#[derive(Debug, Clone)]
pub enum Key {
    Num(f64),
    Str(String),
    Arr(Vec<Key>),
}

impl Key {
    /// A string key.
    pub fn str(s: &str) -> Key {
        Key::Str(s.to_owned())
    }

    /// An array key of strings.
    pub fn strs(parts: &[&str]) -> Key {
        Key::Arr(parts.iter().map(|s| Key::str(s)).collect())
    }

    fn rank(&self) -> u8 {
        match self {
            Key::Num(_) => 0,
            Key::Str(_) => 1,
            Key::Arr(_) => 2,
        }
    }
}

impl Ord for Key {
    fn cmp(&self, other: &Key) -> Ordering {
        match (self, other) {
            (Key::Num(a), Key::Num(b)) => a.total_cmp(b),
            (Key::Str(a), Key::Str(b)) => a.encode_utf16().cmp(b.encode_utf16()),
            (Key::Arr(a), Key::Arr(b)) => a.cmp(b),
            _ => self.rank().cmp(&other.rank()),
        }
    }
}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Key) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Key {}

/// A key range: the keys between two bounds, either of which may be open or absent.
#[derive(Debug, Clone)]
pub struct Range {
    pub low: Bound<Key>,
    pub high: Bound<Key>,
}

impl Range {
    /// The one key `key`.
    pub fn only(key: Key) -> Range {
        Range {
            low: Bound::Included(key.clone()),
            high: Bound::Included(key),
        }
    }

    /// The keys from `low` to `high`, both included.
    pub fn between(low: Key, high: Key) -> Range {
        Range {
            low: Bound::Included(low),
            high: Bound::Included(high),
        }
    }

    /// Every string key `prefix \u{1f} *` (place and snapshot keys join their parts with U+001F, which no
    /// id holds).
    pub fn prefix(prefix: &str) -> Range {
        Range::between(
            Key::Str(format!("{prefix}\u{1f}")),
            Key::Str(format!("{prefix}\u{1f}\u{10ffff}")),
        )
    }

    /// Whether `key` is in the range.
    pub fn contains(&self, key: &Key) -> bool {
        let above = match &self.low {
            Bound::Included(low) => key >= low,
            Bound::Excluded(low) => key > low,
            Bound::Unbounded => true,
        };
        let below = match &self.high {
            Bound::Included(high) => key <= high,
            Bound::Excluded(high) => key < high,
            Bound::Unbounded => true,
        };
        above && below
    }
}

/// A record of one object store: what it is stored as (JSON, through serde) and read back with
/// ([`FromJson`]), and its primary key.
pub trait Record: Serialize + FromJson + Clone + 'static {
    /// Its object store.
    const STORE: &'static str;
    /// Whether the key is stored beside the record's own fields, under `key` (a place's), rather than
    /// being one of them.
    const KEY_ADDED: bool = false;
    /// Its primary key.
    fn key(&self) -> String;
}

impl Record for Attempt {
    const STORE: &'static str = stores::ATTEMPTS;
    fn key(&self) -> String {
        self.id.clone()
    }
}

impl Record for Progress {
    const STORE: &'static str = stores::PROGRESS;
    const KEY_ADDED: bool = true;
    fn key(&self) -> String {
        Progress::key(self)
    }
}

impl Record for OutboxRow {
    const STORE: &'static str = stores::OUTBOX;
    fn key(&self) -> String {
        self.id.clone()
    }
}

impl Record for Entry {
    const STORE: &'static str = stores::JOURNAL;
    fn key(&self) -> String {
        self.id().to_owned()
    }
}

impl Record for CourseSnapshot {
    const STORE: &'static str = stores::SNAPSHOTS;
    fn key(&self) -> String {
        self.key.clone()
    }
}

/// A row of the `meta` store: one small fact about this device.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    pub key: String,
    pub value: String,
}

impl FromJson for Meta {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(Meta {
            key: m.req("key")?,
            value: m.req("value")?,
        })
    }
}

impl Record for Meta {
    const STORE: &'static str = stores::META;
    fn key(&self) -> String {
        self.key.clone()
    }
}

/// One transaction's requests. They run in the order they are issued, as IndexedDB runs them: a read
/// sees every write issued before it, whenever it is awaited. A read is issued when it is called and
/// answered when its future is awaited, so several can be in flight at once; a write or delete is only
/// issued (one that fails fails the transaction, which [`Backend::finish`] reports).
pub trait Tx {
    /// The record of `R`'s store under `key`.
    fn get<R: Record>(
        &self,
        key: &str,
    ) -> impl Future<Output = Result<Option<R>, StoreError>> + use<Self, R>;
    /// Writes `record` under its key, replacing what is there.
    fn put<R: Record>(&self, record: &R) -> Result<(), StoreError>;
    /// Deletes the records of `store` whose keys are in `range`.
    fn delete(&self, store: &'static str, range: &Range) -> Result<(), StoreError>;
    /// The records of `R`'s store in `range` (all when `None`) of its `index` (of its keys when `None`),
    /// in that order (then by key), at most `limit` of them.
    fn get_all<R: Record>(
        &self,
        index: Option<&'static str>,
        range: Option<&Range>,
        limit: Option<u32>,
    ) -> impl Future<Output = Result<Vec<R>, StoreError>> + use<Self, R>;
    /// The keys of the records [`Tx::get_all`] would read (no record is read).
    fn keys(
        &self,
        store: &'static str,
        index: Option<&'static str>,
        range: &Range,
    ) -> impl Future<Output = Result<Vec<String>, StoreError>> + use<Self>;
    /// How many records [`Tx::get_all`] would read.
    fn count(
        &self,
        store: &'static str,
        index: Option<&'static str>,
        range: &Range,
    ) -> impl Future<Output = Result<u32, StoreError>> + use<Self>;
    /// The key of the last record [`Tx::get_all`] would read.
    fn last_key(
        &self,
        store: &'static str,
        index: Option<&'static str>,
        range: &Range,
    ) -> impl Future<Output = Result<Option<String>, StoreError>> + use<Self>;
}

/// Where records are kept: it begins transactions and ends the ones that write. Every backend is a
/// [`super::Store`] through [`super::ops`].
#[allow(async_fn_in_trait)]
pub trait Backend {
    type Tx: Tx;
    /// Begins one transaction over `stores`, one that may write when `write`.
    fn begin(&self, stores: &[&'static str], write: bool) -> Result<Self::Tx, StoreError>;
    /// Commits a transaction that writes; an error when it could not (nothing of it is written).
    async fn commit(&self, tx: Self::Tx) -> Result<(), StoreError>;
    /// Aborts a transaction that writes: nothing it wrote survives.
    fn abort(&self, tx: Self::Tx);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_sort_as_indexeddb_sorts_them() {
        let sorted = [
            Key::Num(f64::NEG_INFINITY),
            Key::Num(-1.0),
            Key::Num(3.0),
            Key::Num(f64::INFINITY),
            Key::str(""),
            Key::str("a"),
            Key::str("a\u{1f}"),
            // U+10000 is a surrogate pair in UTF-16: it sorts before U+FFFF there.
            Key::str("\u{10000}"),
            Key::str("\u{ffff}"),
            Key::Arr(vec![]),
            Key::strs(&["a"]),
            Key::Arr(vec![Key::str("a"), Key::Num(1.0)]),
            Key::Arr(vec![Key::str("a"), Key::Num(1.0), Key::Arr(vec![])]),
            Key::Arr(vec![Key::str("a"), Key::str("")]),
            Key::Arr(vec![Key::str("a"), Key::Arr(vec![])]),
            Key::strs(&["b"]),
        ];
        for pair in sorted.windows(2) {
            assert!(pair[0] <= pair[1], "{:?} <= {:?}", pair[0], pair[1]);
        }
        assert!(Key::Arr(vec![]) > Key::str("\u{10ffff}"));
        assert!(Key::Num(1.0) == Key::Num(1.0) && Key::str("1") != Key::Num(1.0));
    }

    #[test]
    fn a_prefix_range_holds_the_keys_that_begin_with_the_prefix_and_its_separator() {
        let range = Range::prefix("l");
        assert!(range.contains(&Key::str("l\u{1f}p\u{1f}a")));
        assert!(range.contains(&Key::str("l\u{1f}")));
        assert!(!range.contains(&Key::str("l")));
        assert!(!range.contains(&Key::str("l2\u{1f}p")));
        assert!(!range.contains(&Key::str("m\u{1f}")));
        let after = Range {
            low: Bound::Excluded(Key::str("b")),
            high: Bound::Unbounded,
        };
        assert!(!after.contains(&Key::str("b")) && after.contains(&Key::str("c")));
        assert!(after.contains(&Key::Arr(vec![])));
        assert!(Range::only(Key::Num(2.0)).contains(&Key::Num(2.0)));
        assert!(!Range::only(Key::Num(2.0)).contains(&Key::Num(2.5)));
    }
}
