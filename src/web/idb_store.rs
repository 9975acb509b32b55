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

use super::schema;
use crate::json::FromJson;
use crate::store::tx::{Backend, Key, Range, Record, Tx};
use crate::store::DB_VERSION;
use idb::request::{GetAllStoreRequest, GetStoreRequest};
use idb::{
    CursorDirection, Database, Factory, Index, KeyRange, ObjectStore, Query, Transaction,
    TransactionMode, TransactionResult,
};
use serde::Serialize;
use std::future::Future;
use std::ops::Bound;
use std::rc::Rc;
use wasm_bindgen::JsValue;

pub use crate::store::StoreError;

/// IndexedDB's errors, as the contract's: a write refused for want of space is [`StoreError::Full`].
impl From<idb::Error> for StoreError {
    fn from(e: idb::Error) -> Self {
        // idb wraps the DOMException in many variants; its name is in the debug text of each.
        if format!("{e:?}").contains("QuotaExceededError") {
            StoreError::Full
        } else {
            StoreError::Backend(e.to_string())
        }
    }
}

/// A handle on the open database; cheap to clone.
#[derive(Clone)]
pub struct IdbStore {
    db: Rc<Database>,
}

impl IdbStore {
    /// The database's name.
    pub(crate) fn name(&self) -> String {
        self.db.name()
    }

    /// Opens (creating or upgrading) the database `name`.
    pub async fn open(name: &str) -> Result<Self, StoreError> {
        let factory = Factory::new().map_err(|e| StoreError::Unavailable(e.to_string()))?;
        let mut request = factory.open(name, Some(DB_VERSION))?;
        request.on_upgrade_needed(|event| schema::upgrade(&event));
        let db = request.await?;
        Ok(IdbStore { db: Rc::new(db) })
    }
}

impl Backend for IdbStore {
    type Tx = IdbTx;

    fn begin(&self, stores: &[&'static str], write: bool) -> Result<IdbTx, StoreError> {
        let mode = match write {
            true => TransactionMode::ReadWrite,
            false => TransactionMode::ReadOnly,
        };
        Ok(IdbTx(self.db.transaction(stores, mode)?))
    }

    async fn commit(&self, tx: IdbTx) -> Result<(), StoreError> {
        let tx = tx.0;
        // A second handle on the same transaction, to read why it failed after `commit` consumed the first.
        let watcher = tx
            .store_names()
            .first()
            .and_then(|name| tx.object_store(name).ok())
            .map(|store| store.transaction());
        match tx.commit()?.await {
            Ok(TransactionResult::Committed) => Ok(()),
            Ok(TransactionResult::Aborted) => Err(failure(watcher, StoreError::Aborted)),
            Err(e) => Err(failure(watcher, e.into())),
        }
    }

    /// Aborts `tx`: a transaction left alone would auto-commit the writes made before a failure.
    fn abort(&self, tx: IdbTx) {
        let _ = tx.0.abort();
    }
}

/// `Full` when the browser refused the write for want of space, `otherwise` for anything else.
fn failure(watcher: Option<Transaction>, otherwise: StoreError) -> StoreError {
    let quota = watcher
        .and_then(|t| t.error())
        .is_some_and(|e| e.name() == "QuotaExceededError");
    if quota {
        StoreError::Full
    } else {
        otherwise
    }
}

/// One IndexedDB transaction. Each request is made when it is called; a write's is not awaited (one that
/// fails aborts the transaction, and its commit says so), a read's when its future is.
pub struct IdbTx(Transaction);

/// An object store or one of its indexes: what a read goes through.
enum Source {
    Store(ObjectStore),
    Index(Index),
}

impl IdbTx {
    fn source(&self, store: &str, index: Option<&str>) -> Result<Source, idb::Error> {
        let store = self.0.object_store(store)?;
        Ok(match index {
            None => Source::Store(store),
            Some(name) => Source::Index(store.index(name)?),
        })
    }

    /// The read of one record, made now. (This and the two below are the record type's untyped part,
    /// compiled once rather than once per type.)
    fn read_one(&self, store: &str, key: &str) -> Result<GetStoreRequest, idb::Error> {
        self.0.object_store(store)?.get(JsValue::from_str(key))
    }

    /// The read of the records of `store` in `range` of `index`, made now.
    fn read_all(
        &self,
        store: &str,
        index: Option<&str>,
        range: Option<&Range>,
        limit: Option<u32>,
    ) -> Result<GetAllStoreRequest, idb::Error> {
        let q = range.map(query).transpose()?;
        match self.source(store, index)? {
            Source::Store(s) => s.get_all(q, limit),
            Source::Index(i) => i.get_all(q, limit),
        }
    }

    /// The write of `row`, with its `key` beside its fields when given, made now.
    fn write(&self, store: &str, row: JsValue, key: Option<String>) -> Result<(), StoreError> {
        if let Some(key) = key {
            // `row` is a plain object made by `to_js`, so setting a property cannot fail.
            let _ = js_sys::Reflect::set(&row, &JsValue::from_str("key"), &JsValue::from_str(&key));
        }
        drop(self.0.object_store(store)?.put(&row, None)?);
        Ok(())
    }
}

impl Tx for IdbTx {
    fn get<R: Record>(
        &self,
        key: &str,
    ) -> impl Future<Output = Result<Option<R>, StoreError>> + use<R> {
        let read = self.read_one(R::STORE, key);
        async move { read?.await?.map(from_js).transpose() }
    }

    fn put<R: Record>(&self, record: &R) -> Result<(), StoreError> {
        self.write(R::STORE, to_js(record)?, R::KEY_ADDED.then(|| record.key()))
    }

    fn delete(&self, store: &'static str, range: &Range) -> Result<(), StoreError> {
        drop(self.0.object_store(store)?.delete(query(range)?)?);
        Ok(())
    }

    fn get_all<R: Record>(
        &self,
        index: Option<&'static str>,
        range: Option<&Range>,
        limit: Option<u32>,
    ) -> impl Future<Output = Result<Vec<R>, StoreError>> + use<R> {
        let read = self.read_all(R::STORE, index, range, limit);
        async move { from_js_all(read?.await?) }
    }

    fn keys(
        &self,
        store: &'static str,
        index: Option<&'static str>,
        range: &Range,
    ) -> impl Future<Output = Result<Vec<String>, StoreError>> + use<> {
        let read = query(range).and_then(|q| match self.source(store, index)? {
            Source::Store(s) => s.get_all_keys(Some(q), None),
            Source::Index(i) => i.get_all_keys(Some(q), None),
        });
        async move { Ok(read?.await?.iter().filter_map(JsValue::as_string).collect()) }
    }

    fn count(
        &self,
        store: &'static str,
        index: Option<&'static str>,
        range: &Range,
    ) -> impl Future<Output = Result<u32, StoreError>> + use<> {
        let read = query(range).and_then(|q| match self.source(store, index)? {
            Source::Store(s) => s.count(Some(q)),
            Source::Index(i) => i.count(Some(q)),
        });
        async move { Ok(read?.await?) }
    }

    /// A key cursor opened from the end reads one key, no record.
    fn last_key(
        &self,
        store: &'static str,
        index: Option<&'static str>,
        range: &Range,
    ) -> impl Future<Output = Result<Option<String>, StoreError>> + use<> {
        let back = Some(CursorDirection::Prev);
        let read = query(range).and_then(|q| match self.source(store, index)? {
            Source::Store(s) => s.open_key_cursor(Some(q), back),
            Source::Index(i) => i.open_key_cursor(Some(q), back),
        });
        async move {
            match read?.await? {
                Some(cursor) => Ok(cursor.primary_key()?.as_string()),
                None => Ok(None),
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
fn query(range: &Range) -> Result<Query, idb::Error> {
    let edge = |bound: &Bound<Key>| match bound {
        Bound::Included(k) => Some((js_key(k), false)),
        Bound::Excluded(k) => Some((js_key(k), true)),
        Bound::Unbounded => None,
    };
    let range = match (edge(&range.low), edge(&range.high)) {
        (Some((low, lo)), Some((high, ho))) => KeyRange::bound(&low, &high, Some(lo), Some(ho)),
        (Some((low, open)), None) => KeyRange::lower_bound(&low, Some(open)),
        (None, Some((high, open))) => KeyRange::upper_bound(&high, Some(open)),
        (None, None) => KeyRange::lower_bound(&JsValue::from_f64(f64::NEG_INFINITY), None),
    }?;
    Ok(Query::KeyRange(range))
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

/// Stored records back into their Rust type, all through one `JSON.stringify` of the list: one crossing
/// between JavaScript and the wasm for the lot, not one per record. A record that cannot be read names its
/// place in the list and the JSON path at fault.
fn from_js_all<T: FromJson>(values: Vec<JsValue>) -> Result<Vec<T>, StoreError> {
    if values.is_empty() {
        return Ok(Vec::new());
    }
    let list: js_sys::Array = values.into_iter().collect();
    from_js(list.into())
}
