//! Browser benchmark entry points, compiled only with the `bench` feature (`make bench` builds a separate
//! player with them). They run the real code paths — IndexedDB, the outbox flusher, fetch — and return
//! figures; they assert nothing.

use super::dom;
use super::idb_store::IdbStore;
use super::net::LrsConfig;
use super::player::now_ms;
use super::sync::Sync;
use crate::xapi::{Actor, OutboxRow, Statement};
use serde::Serialize;
use serde_json::json;
use wasm_bindgen::prelude::*;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FlushFigures {
    statements: usize,
    queue_ms: f64,
    flush_ms: f64,
    statements_per_second: f64,
    mean_statement_bytes: f64,
    delivered: usize,
}

/// Queues `count` answered-like statements in a fresh database, then times one full drain into the LRS.
#[wasm_bindgen(js_name = benchFlush)]
pub async fn bench_flush(endpoint: String, auth: String, count: usize) -> Result<JsValue, JsValue> {
    let db = format!("pacer-bench-{}", js_sys::Math::random());
    let store = IdbStore::open(&db)
        .await
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    let learner = format!("bench-{}", uuid::Uuid::new_v4());
    let actor = Actor::account("http://127.0.0.1", learner.clone());
    let start = now_ms();
    let mut bytes = 0usize;
    let rows: Vec<OutboxRow> = (0..count)
        .map(|i| {
            let id = uuid::Uuid::new_v4().to_string();
            let body = json!({
                "id": id, "actor": actor,
                "verb": { "id": "http://adlnet.gov/expapi/verbs/answered", "display": { "en-US": "answered" } },
                "object": { "objectType": "Activity", "id": format!("https://pacer.example/courses/bench/items/q{i}"),
                    "definition": { "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                        "interactionType": "choice", "correctResponsesPattern": ["b"],
                        "choices": [{ "id": "a", "description": { "en": "1/3" } }, { "id": "b", "description": { "en": "1/4" } }] } },
                "result": { "success": i % 3 != 0, "score": { "scaled": 1.0 }, "response": "b", "duration": "PT4.20S" },
                "context": { "language": "en", "platform": "Pacer" },
                "timestamp": crate::time::iso8601_utc(now_ms()),
            });
            let statement = Statement::new(&id, &body);
            bytes += statement.json.len();
            OutboxRow::pending(statement, &learner, now_ms(), u32::try_from(i).unwrap_or(u32::MAX))
        })
        .collect();
    for chunk in rows.chunks(500) {
        store
            .queue(chunk, &[])
            .await
            .map_err(|e| JsValue::from_str(&e.to_string()))?;
    }
    let queued = now_ms();
    let lrs = LrsConfig {
        endpoint,
        auth,
        timeout_ms: Some(60_000),
    };
    let indicator = dom::el("p", "")?;
    let sync = Sync::new(store.clone(), Some(lrs), learner.clone(), indicator);
    sync.clone().drain().await;
    let done = now_ms();
    let delivered = store
        .outbox_of(&learner)
        .await
        .map_err(|e| JsValue::from_str(&e.to_string()))?
        .iter()
        .filter(|r| !r.is_pending())
        .count();
    let flush_ms = (done - queued) as f64;
    let figures = FlushFigures {
        statements: count,
        queue_ms: (queued - start) as f64,
        flush_ms,
        statements_per_second: count as f64 / (flush_ms / 1000.0).max(1e-9),
        mean_statement_bytes: bytes as f64 / count.max(1) as f64,
        delivered,
    };
    Ok(serde_wasm_bindgen::to_value(&figures)?)
}
