//! An in-memory store with the same contract as the IndexedDB one ([`super::Store`]), for native tests
//! and simulations: a [`Backend`] that keeps each object store as IndexedDB does, every record under its
//! key and in each index of the schema ([`super::schema`]) under the key IndexedDB would take from the
//! record as stored (its JSON), so the operations of [`super::ops`] run on it unchanged and reads come
//! back in the same order. It is not durable and not shared between threads (like the page's store, it
//! lives on one thread); a clone is a copy of the records, not a second handle on them.

use super::schema::{migration, Change};
use super::tx::{Backend, Key, Range, Record, Tx};
use super::StoreError;
use std::any::Any;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::future::{ready, Future};
use std::rc::Rc;

/// Every record in memory, keyed as in IndexedDB.
#[derive(Debug)]
pub struct MemoryStore {
    tables: Rc<RefCell<Tables>>,
}

/// Records read: each key and its record, in the order read.
type Found = Vec<(String, Rc<dyn Any>)>;

/// The object stores by name, each its records by key.
type Tables = BTreeMap<&'static str, BTreeMap<String, Row>>;

/// A stored record and its keys in the indexes of its store.
#[derive(Clone)]
struct Row {
    record: Rc<dyn Any>,
    indexed: Vec<(&'static str, Key)>,
}

impl fmt::Debug for Row {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.indexed.iter().cloned()).finish()
    }
}

impl Default for MemoryStore {
    /// Every object store of the schema, empty.
    fn default() -> Self {
        let tables = (migration(0))
            .filter_map(|change| match change {
                Change::Store { name, .. } => Some((*name, BTreeMap::new())),
                Change::Index { .. } => None,
            })
            .collect();
        MemoryStore {
            tables: Rc::new(RefCell::new(tables)),
        }
    }
}

impl Clone for MemoryStore {
    fn clone(&self) -> Self {
        MemoryStore {
            tables: Rc::new(RefCell::new(self.tables.borrow().clone())),
        }
    }
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }
}

/// One transaction: the writes apply at once, and what each replaced is kept until the end, so an abort
/// puts it back. (Every read is answered when it is issued: nothing else runs between the requests of a
/// transaction, as nothing else can in IndexedDB.)
pub struct MemoryTx {
    tables: Rc<RefCell<Tables>>,
    undo: RefCell<Vec<(&'static str, String, Option<Row>)>>,
}

impl Backend for MemoryStore {
    type Tx = MemoryTx;

    fn begin(&self, _stores: &[&'static str], _write: bool) -> Result<MemoryTx, StoreError> {
        Ok(MemoryTx {
            tables: Rc::clone(&self.tables),
            undo: RefCell::new(Vec::new()),
        })
    }

    async fn commit(&self, _tx: MemoryTx) -> Result<(), StoreError> {
        Ok(())
    }

    fn abort(&self, tx: MemoryTx) {
        let mut tables = self.tables.borrow_mut();
        for (store, key, before) in tx.undo.into_inner().into_iter().rev() {
            let Some(table) = tables.get_mut(store) else {
                continue;
            };
            match before {
                Some(row) => table.insert(key, row),
                None => table.remove(&key),
            };
        }
    }
}

impl MemoryTx {
    /// The records of `store` in `range` of `index` (of the keys when `None`), in that order, then by key.
    fn select(
        &self,
        store: &'static str,
        index: Option<&'static str>,
        range: Option<&Range>,
    ) -> Result<Found, StoreError> {
        let tables = self.tables.borrow();
        let mut found: Vec<(Key, Key, &String, &Row)> = Vec::new();
        for (key, row) in table(&tables, store)? {
            let primary = Key::str(key);
            let at = match index {
                None => primary.clone(),
                Some(name) => match row.indexed.iter().find(|(n, _)| *n == name) {
                    Some((_, at)) => at.clone(),
                    None => continue,
                },
            };
            if range.is_none_or(|r| r.contains(&at)) {
                found.push((at, primary, key, row));
            }
        }
        found.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        Ok(found
            .into_iter()
            .map(|(_, _, key, row)| (key.clone(), Rc::clone(&row.record)))
            .collect())
    }
}

fn table<'t>(tables: &'t Tables, store: &str) -> Result<&'t BTreeMap<String, Row>, StoreError> {
    (tables.get(store)).ok_or_else(|| StoreError::Backend(format!("no object store {store}")))
}

fn record<R: Record>(record: &Rc<dyn Any>) -> Result<R, StoreError> {
    (record.downcast_ref::<R>().cloned())
        .ok_or_else(|| StoreError::Record(format!("a record of {} of another type", R::STORE)))
}

/// The key IndexedDB takes from the stored record `json` for an index on `fields` (an array key when
/// there are several); none when a field is missing or not a key (such a record is not in the index).
fn index_key(json: &serde_json::Value, fields: &[&str]) -> Option<Key> {
    fn key(value: &serde_json::Value) -> Option<Key> {
        match value {
            serde_json::Value::Number(n) => n.as_f64().map(Key::Num),
            serde_json::Value::String(s) => Some(Key::str(s)),
            serde_json::Value::Array(items) => {
                items.iter().map(key).collect::<Option<_>>().map(Key::Arr)
            }
            _ => None,
        }
    }
    match fields {
        [one] => key(json.get(one)?),
        many => many
            .iter()
            .map(|f| key(json.get(f)?))
            .collect::<Option<_>>()
            .map(Key::Arr),
    }
}

impl Tx for MemoryTx {
    fn get<R: Record>(
        &self,
        key: &str,
    ) -> impl Future<Output = Result<Option<R>, StoreError>> + use<R> {
        let tables = self.tables.borrow();
        ready(
            table(&tables, R::STORE)
                .and_then(|t| t.get(key).map(|row| record(&row.record)).transpose()),
        )
    }

    fn put<R: Record>(&self, value: &R) -> Result<(), StoreError> {
        let json = serde_json::to_value(value).map_err(|e| StoreError::Record(e.to_string()))?;
        let indexed = (migration(0))
            .filter_map(|change| match change {
                Change::Index {
                    store,
                    name,
                    fields,
                } if *store == R::STORE => index_key(&json, fields).map(|key| (*name, key)),
                _ => None,
            })
            .collect();
        let row = Row {
            record: Rc::new(value.clone()),
            indexed,
        };
        let mut tables = self.tables.borrow_mut();
        let table = (tables.get_mut(R::STORE))
            .ok_or_else(|| StoreError::Backend(format!("no object store {}", R::STORE)))?;
        let before = table.insert(value.key(), row);
        self.undo.borrow_mut().push((R::STORE, value.key(), before));
        Ok(())
    }

    fn delete(&self, store: &'static str, range: &Range) -> Result<(), StoreError> {
        let keys: Vec<String> = self
            .select(store, None, Some(range))?
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        let mut tables = self.tables.borrow_mut();
        if let Some(table) = tables.get_mut(store) {
            for key in keys {
                let before = table.remove(&key);
                self.undo.borrow_mut().push((store, key, before));
            }
        }
        Ok(())
    }

    fn get_all<R: Record>(
        &self,
        index: Option<&'static str>,
        range: Option<&Range>,
        limit: Option<u32>,
    ) -> impl Future<Output = Result<Vec<R>, StoreError>> + use<R> {
        let limit = limit.map_or(usize::MAX, |n| usize::try_from(n).unwrap_or(usize::MAX));
        ready(
            self.select(R::STORE, index, range)
                .and_then(|rows| rows.iter().take(limit).map(|(_, r)| record(r)).collect()),
        )
    }

    fn keys(
        &self,
        store: &'static str,
        index: Option<&'static str>,
        range: &Range,
    ) -> impl Future<Output = Result<Vec<String>, StoreError>> + use<> {
        ready(
            self.select(store, index, Some(range))
                .map(|rows| rows.into_iter().map(|(k, _)| k).collect()),
        )
    }

    fn count(
        &self,
        store: &'static str,
        index: Option<&'static str>,
        range: &Range,
    ) -> impl Future<Output = Result<u32, StoreError>> + use<> {
        ready(
            self.select(store, index, Some(range))
                .map(|rows| u32::try_from(rows.len()).unwrap_or(u32::MAX)),
        )
    }

    fn last_key(
        &self,
        store: &'static str,
        index: Option<&'static str>,
        range: &Range,
    ) -> impl Future<Output = Result<Option<String>, StoreError>> + use<> {
        ready(
            self.select(store, index, Some(range))
                .map(|rows| rows.into_iter().last().map(|(k, _)| k)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::schema::PENDING_ORDER_INDEX;
    use crate::store::tx::Meta;
    use crate::store::{stores, Store};
    use crate::xapi::outbox::pending_in_order;
    use crate::xapi::{OutboxRow, OutboxState, Statement};
    use pollster::block_on;
    use serde_json::json;

    fn row(id: &str, learner: &str, at: i64, order: u32, state: OutboxState) -> OutboxRow {
        OutboxRow {
            id: id.into(),
            learner_id: learner.into(),
            queued_at: at,
            order,
            statement: Statement {
                id: id.into(),
                json: format!("{{\"id\":\"{id}\"}}"),
            },
            state,
        }
    }

    fn meta(key: &str, value: &str) -> Meta {
        Meta {
            key: key.into(),
            value: value.into(),
        }
    }

    #[test]
    fn an_aborted_transaction_puts_back_what_it_replaced_and_drops_what_it_added() {
        let store = MemoryStore::new();
        block_on(store.set_meta("kept", "before")).unwrap();
        block_on(store.set_meta("gone", "before")).unwrap();
        let tx = store.begin(&[stores::META], true).unwrap();
        tx.put(&meta("kept", "after")).unwrap();
        tx.put(&meta("new", "after")).unwrap();
        tx.delete(stores::META, &Range::only(Key::str("gone")))
            .unwrap();
        // The transaction reads its own writes.
        assert_eq!(
            block_on(tx.get::<Meta>("kept")).unwrap().unwrap().value,
            "after"
        );
        assert!(block_on(tx.get::<Meta>("gone")).unwrap().is_none());
        store.abort(tx);
        assert_eq!(
            block_on(store.meta("kept")).unwrap().as_deref(),
            Some("before")
        );
        assert_eq!(
            block_on(store.meta("gone")).unwrap().as_deref(),
            Some("before")
        );
        assert_eq!(block_on(store.meta("new")).unwrap(), None);
        let tx = store.begin(&[stores::META], true).unwrap();
        tx.put(&meta("new", "after")).unwrap();
        block_on(store.commit(tx)).unwrap();
        assert_eq!(
            block_on(store.meta("new")).unwrap().as_deref(),
            Some("after")
        );
    }

    #[test]
    fn a_record_is_indexed_under_the_keys_of_its_stored_json() {
        let stored = json!({ "learnerId": "l", "state": "pending", "queuedAt": 5, "order": 2 });
        let fields = ["learnerId", "state", "queuedAt", "order"];
        let want = Key::Arr(vec![
            Key::str("l"),
            Key::str("pending"),
            Key::Num(5.0),
            Key::Num(2.0),
        ]);
        assert_eq!(index_key(&stored, &fields), Some(want));
        assert_eq!(index_key(&stored, &["learnerId"]), Some(Key::str("l")));
        // A record without one of the fields, or with one that is no key, is not in the index.
        assert_eq!(index_key(&stored, &["learnerId", "at"]), None);
        assert_eq!(
            index_key(&json!({ "learnerId": null }), &["learnerId"]),
            None
        );
        assert_eq!(
            index_key(&json!({ "learnerId": true }), &["learnerId"]),
            None
        );

        let store = MemoryStore::new();
        let rows = [
            row("p", "l", 5, 2, OutboxState::Pending),
            row("d", "l", 1, 0, OutboxState::Delivered { at: 3 }),
        ];
        block_on(store.queue(&rows, &[])).unwrap();
        let tx = store.begin(&[stores::OUTBOX], false).unwrap();
        let by_state = |state: &str| {
            let low = Key::Arr(vec![Key::str("l"), Key::str(state)]);
            let high = Key::Arr(vec![Key::str("l"), Key::str(state), Key::Arr(vec![])]);
            let range = Range::between(low, high);
            block_on(tx.keys(stores::OUTBOX, Some(PENDING_ORDER_INDEX), &range)).unwrap()
        };
        assert_eq!(by_state("pending"), ["p"]);
        assert_eq!(by_state("delivered"), ["d"]);
        assert!(by_state("rejected").is_empty());
    }

    #[test]
    fn pending_statements_come_through_the_index_in_the_delivery_rules_order() {
        let store = MemoryStore::new();
        let mut rows = Vec::new();
        for i in 0..40u32 {
            let state = match i % 5 {
                0 => OutboxState::Delivered { at: 9 },
                1 => OutboxState::Rejected {
                    at: 9,
                    status: 400,
                    reason: "no".into(),
                },
                _ => OutboxState::Pending,
            };
            let learner = if i % 7 == 0 { "m" } else { "l" };
            // Ties in time and in order, broken by id.
            let id = format!("s{:02}", (i * 17) % 40);
            rows.push(row(&id, learner, i64::from(i % 4), i % 3, state));
        }
        block_on(store.queue(&rows, &[])).unwrap();
        let rule: Vec<OutboxRow> = pending_in_order(&rows, "l").into_iter().cloned().collect();
        assert!(rule.len() > 10);
        assert_eq!(block_on(store.pending_of("l", 100)).unwrap(), rule);
        assert_eq!(block_on(store.pending_of("l", 4)).unwrap(), rule[..4]);
        let rejected = (rows.iter())
            .filter(|r| r.learner_id == "l" && matches!(r.state, OutboxState::Rejected { .. }));
        let counts = (rule.len() as u32, rejected.count() as u32);
        assert_eq!(block_on(store.outbox_counts("l")).unwrap(), counts);
    }

    #[test]
    fn a_clone_is_a_copy_of_the_records_not_a_second_handle() {
        let store = MemoryStore::new();
        block_on(store.set_meta("k", "one")).unwrap();
        let copy = store.clone();
        block_on(store.set_meta("k", "two")).unwrap();
        assert_eq!(block_on(copy.meta("k")).unwrap().as_deref(), Some("one"));
        assert_eq!(block_on(store.meta("k")).unwrap().as_deref(), Some("two"));
    }
}
