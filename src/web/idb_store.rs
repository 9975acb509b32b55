//! The IndexedDB store: the storage contract ([`crate::store::Store`]) made durable, the same as
//! [`crate::store::MemoryStore`] keeps in memory. It is a backend ([`Backend`]) of the contract's
//! operations, which the core writes once ([`crate::store::tx`]): it opens the database, begins, commits
//! and aborts transactions, and carries out each request on IndexedDB, keys and key ranges made
//! JavaScript values and records stored as their JSON. What any operation reads or writes, and in which
//! order, is not decided here.
//!
//! Schema (version [`DB_VERSION`]): [`crate::store::schema`], applied by `web::schema`. An answer commits
//! in ONE read-write transaction over `attempts`, `progress` and `outbox`; the caller shows feedback only
//! after it resolves.

use super::{idb, schema};
use crate::json::FromJson;
use crate::store::tx::{Backend, Key, Range, Record, Tx};
use crate::store::DB_VERSION;
use serde::Serialize;
use std::future::Future;
use std::ops::Bound;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbCursorDirection, IdbDatabase, IdbIndex, IdbObjectStore, IdbRequest};
use web_sys::{IdbKeyRange, IdbTransaction, IdbTransactionMode};

pub use crate::store::StoreError;

/// An IndexedDB error (a `DOMException`, thrown or a request's) as the contract's: a write refused for
/// want of space is [`StoreError::Full`].
fn failed(e: JsValue) -> StoreError {
    match e.dyn_ref::<web_sys::DomException>() {
        Some(d) if d.name() == "QuotaExceededError" => StoreError::Full,
        Some(d) => StoreError::Backend(format!("{}: {}", d.name(), d.message())),
        None => StoreError::Backend(super::net::describe(e)),
    }
}

/// A handle on the open database; cheap to clone.
#[derive(Clone)]
pub struct IdbStore {
    db: Rc<IdbDatabase>,
}

impl IdbStore {
    /// The database's name.
    pub(crate) fn name(&self) -> String {
        self.db.name()
    }

    /// Opens (creating or upgrading) the database `name`.
    pub async fn open(name: &str) -> Result<Self, StoreError> {
        let factory =
            idb::factory().map_err(|e| StoreError::Unavailable(super::net::describe(e)))?;
        let db = idb::open(&factory, name, DB_VERSION, schema::upgrade).await;
        Ok(IdbStore {
            db: Rc::new(db.map_err(failed)?),
        })
    }
}

impl Backend for IdbStore {
    type Tx = IdbTx;

    fn begin(&self, stores: &[&'static str], write: bool) -> Result<IdbTx, StoreError> {
        let mode = match write {
            true => IdbTransactionMode::Readwrite,
            false => IdbTransactionMode::Readonly,
        };
        let tx = self
            .db
            .transaction_with_str_sequence_and_mode(&idb::names(stores), mode);
        Ok(IdbTx(tx.map_err(failed)?))
    }

    async fn commit(&self, tx: IdbTx) -> Result<(), StoreError> {
        let tx = tx.0;
        #[allow(deprecated)] // `commit` is back in IndexedDB 3.0; web-sys marks it deprecated.
        if let Err(e) = tx.commit() {
            return Err(failure(&tx, failed(e)));
        }
        match idb::finished(&tx).await {
            Ok(()) => Ok(()),
            Err(e) if e.is_null() => Err(StoreError::Aborted),
            Err(e) => Err(failure(&tx, failed(e))),
        }
    }

    /// Aborts `tx`: a transaction left alone would auto-commit the writes made before a failure.
    fn abort(&self, tx: IdbTx) {
        let _ = tx.0.abort();
    }
}

/// `Full` when the browser refused `tx`'s writes for want of space, `otherwise` for anything else.
fn failure(tx: &IdbTransaction, otherwise: StoreError) -> StoreError {
    let quota = tx.error().is_some_and(|e| e.name() == "QuotaExceededError");
    if quota {
        StoreError::Full
    } else {
        otherwise
    }
}

/// One IndexedDB transaction. Each request is made when it is called; a write's is not awaited (one that
/// fails aborts the transaction, and its commit says so), a read's when its future is.
pub struct IdbTx(IdbTransaction);

/// An object store or one of its indexes: what a read goes through.
enum Source {
    Store(IdbObjectStore),
    Index(IdbIndex),
}

impl IdbTx {
    fn store(&self, store: &str) -> Result<IdbObjectStore, StoreError> {
        self.0.object_store(store).map_err(failed)
    }

    fn source(&self, store: &str, index: Option<&str>) -> Result<Source, StoreError> {
        let store = self.store(store)?;
        Ok(match index {
            None => Source::Store(store),
            Some(name) => Source::Index(store.index(name).map_err(failed)?),
        })
    }

    /// The read of one record, made now. (This and the two below are the record type's untyped part,
    /// compiled once rather than once per type.)
    fn read_one(&self, store: &str, key: &str) -> Result<IdbRequest, StoreError> {
        (self.store(store)?.get(&JsValue::from_str(key))).map_err(failed)
    }

    /// The read of the records of `store` in `range` of `index`, made now.
    fn read_all(
        &self,
        store: &str,
        index: Option<&str>,
        range: Option<&Range>,
        limit: Option<u32>,
    ) -> Result<IdbRequest, StoreError> {
        let q = match range {
            Some(range) => query(range)?,
            None => JsValue::UNDEFINED,
        };
        let read = match (self.source(store, index)?, limit) {
            (Source::Store(s), Some(n)) => s.get_all_with_key_and_limit(&q, n),
            (Source::Store(s), None) => s.get_all_with_key(&q),
            (Source::Index(i), Some(n)) => i.get_all_with_key_and_limit(&q, n),
            (Source::Index(i), None) => i.get_all_with_key(&q),
        };
        read.map_err(failed)
    }

    /// The write of `row`, with its `key` beside its fields when given, made now.
    fn write(&self, store: &str, row: JsValue, key: Option<String>) -> Result<(), StoreError> {
        if let Some(key) = key {
            // `row` is a plain object made by `to_js`, so setting a property cannot fail.
            let _ = js_sys::Reflect::set(&row, &JsValue::from_str("key"), &JsValue::from_str(&key));
        }
        self.store(store)?.put(&row).map_err(failed)?;
        Ok(())
    }

    /// A read over `range` of `store` or its `index`, made now by `ask`.
    fn read_range(
        &self,
        store: &str,
        index: Option<&str>,
        range: &Range,
        ask: fn(&Source, &JsValue) -> Result<IdbRequest, JsValue>,
    ) -> Result<IdbRequest, StoreError> {
        let q = query(range)?;
        ask(&self.source(store, index)?, &q).map_err(failed)
    }
}

/// The result of a read made by [`IdbTx`], heard from now on (not from the future's first poll).
fn answer(
    read: Result<IdbRequest, StoreError>,
) -> impl Future<Output = Result<JsValue, StoreError>> {
    let read = read.map(idb::result);
    async move { read?.await.map_err(failed) }
}

impl Tx for IdbTx {
    fn get<R: Record>(
        &self,
        key: &str,
    ) -> impl Future<Output = Result<Option<R>, StoreError>> + use<R> {
        let read = answer(self.read_one(R::STORE, key));
        async move {
            let row = read.await?;
            (!row.is_undefined()).then(|| from_js(row)).transpose()
        }
    }

    fn put<R: Record>(&self, record: &R) -> Result<(), StoreError> {
        self.write(R::STORE, to_js(record)?, R::KEY_ADDED.then(|| record.key()))
    }

    fn delete(&self, store: &'static str, range: &Range) -> Result<(), StoreError> {
        self.store(store)?.delete(&query(range)?).map_err(failed)?;
        Ok(())
    }

    fn get_all<R: Record>(
        &self,
        index: Option<&'static str>,
        range: Option<&Range>,
        limit: Option<u32>,
    ) -> impl Future<Output = Result<Vec<R>, StoreError>> + use<R> {
        let read = answer(self.read_all(R::STORE, index, range, limit));
        async move { from_js_all(read.await?) }
    }

    fn keys(
        &self,
        store: &'static str,
        index: Option<&'static str>,
        range: &Range,
    ) -> impl Future<Output = Result<Vec<String>, StoreError>> + use<> {
        let read = answer(
            self.read_range(store, index, range, |source, q| match source {
                Source::Store(s) => s.get_all_keys_with_key(q),
                Source::Index(i) => i.get_all_keys_with_key(q),
            }),
        );
        async move {
            let keys = read.await?.dyn_into::<js_sys::Array>();
            let keys = keys.map_err(|_| StoreError::Backend("keys that are not a list".into()))?;
            Ok(keys.iter().filter_map(|k| k.as_string()).collect())
        }
    }

    fn count(
        &self,
        store: &'static str,
        index: Option<&'static str>,
        range: &Range,
    ) -> impl Future<Output = Result<u32, StoreError>> + use<> {
        let read = answer(
            self.read_range(store, index, range, |source, q| match source {
                Source::Store(s) => s.count_with_key(q),
                Source::Index(i) => i.count_with_key(q),
            }),
        );
        async move {
            let n = read.await?.as_f64();
            n.map(|n| n as u32)
                .ok_or_else(|| StoreError::Backend("a count that is not a number".into()))
        }
    }

    /// A key cursor opened from the end reads one key, no record.
    fn last_key(
        &self,
        store: &'static str,
        index: Option<&'static str>,
        range: &Range,
    ) -> impl Future<Output = Result<Option<String>, StoreError>> + use<> {
        let read = answer(self.read_range(store, index, range, |source, q| {
            let back = IdbCursorDirection::Prev;
            match source {
                Source::Store(s) => s.open_key_cursor_with_range_and_direction(q, back),
                Source::Index(i) => i.open_key_cursor_with_range_and_direction(q, back),
            }
        }));
        async move {
            match read.await?.dyn_into::<web_sys::IdbCursor>() {
                Ok(cursor) => Ok(cursor.primary_key().map_err(failed)?.as_string()),
                Err(_) => Ok(None),
            }
        }
    }
}

/// A key as a JavaScript value: a number, a string or an array.
fn js_key(key: &Key) -> JsValue {
    match key {
        Key::Num(n) => JsValue::from_f64(*n),
        Key::Str(s) => JsValue::from_str(s),
        Key::Arr(items) => items.iter().map(js_key).collect::<js_sys::Array>().into(),
    }
}

/// A key range as IndexedDB's.
fn query(range: &Range) -> Result<JsValue, StoreError> {
    let edge = |bound: &Bound<Key>| match bound {
        Bound::Included(k) => Some((js_key(k), false)),
        Bound::Excluded(k) => Some((js_key(k), true)),
        Bound::Unbounded => None,
    };
    let range = match (edge(&range.low), edge(&range.high)) {
        (Some((low, lo)), Some((high, ho))) => {
            IdbKeyRange::bound_with_lower_open_and_upper_open(&low, &high, lo, ho)
        }
        (Some((low, open)), None) => IdbKeyRange::lower_bound_with_open(&low, open),
        (None, Some((high, open))) => IdbKeyRange::upper_bound_with_open(&high, open),
        (None, None) => IdbKeyRange::lower_bound(&JsValue::from_f64(f64::NEG_INFINITY)),
    };
    Ok(range.map_err(failed)?.into())
}

/// A record as a plain JS object, through JSON: one serde backend (serde_json) for the whole player keeps
/// the wasm small, and what is stored is exactly what an export or devtools shows.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, StoreError> {
    let json = serde_json::to_string(value).map_err(|e| StoreError::Record(e.to_string()))?;
    js_sys::JSON::parse(&json).map_err(|e| StoreError::Record(super::net::describe(e)))
}

/// A stored record back into its Rust type, read from its JSON text by the record's reader
/// (each beside its type, checked in `store/record_tests.rs`); a record that cannot be read names the JSON path at fault.
fn from_js<T: FromJson>(value: JsValue) -> Result<T, StoreError> {
    let json =
        js_sys::JSON::stringify(&value).map_err(|e| StoreError::Record(super::net::describe(e)))?;
    crate::json::from_str(&String::from(json)).map_err(|e| StoreError::Record(e.to_string()))
}

/// Stored records (a JavaScript array) back into their Rust type, all through one `JSON.stringify` of
/// the list: one crossing between JavaScript and the wasm for the lot, not one per record. A record that
/// cannot be read names its place in the list and the JSON path at fault.
fn from_js_all<T: FromJson>(values: JsValue) -> Result<Vec<T>, StoreError> {
    if values
        .dyn_ref::<js_sys::Array>()
        .is_some_and(|a| a.length() == 0)
    {
        return Ok(Vec::new());
    }
    from_js(values)
}
