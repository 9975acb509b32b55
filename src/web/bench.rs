//! Browser benchmark entry points, compiled only with the `bench` feature (`make bench` builds a separate
//! player with them). They run the real code paths — IndexedDB, the outbox flusher, fetch — and return
//! figures; they assert nothing.

use super::dom;
use super::idb_store::IdbStore;
use super::net::LrsConfig;
use super::player::now_ms;
use super::sync::Sync;
use crate::check::Response;
use crate::package::{parse_activity, parse_manifest};
use crate::session::{CaptureIds, Learner, Session};
use crate::store::Store as _;
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
    let indicator = dom::el("p", "");
    let sync = Sync::new(store.clone(), Some(lrs), learner.clone(), indicator, "en");
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
    to_js(&figures)
}

/// A synthetic course with one activity of `items` single-choice items.
fn synthetic_session(items: usize, learner_id: &str) -> Result<Session, JsValue> {
    let manifest = json!({
        "id": "https://pacer.example/courses/bench", "title": "Bench", "version": "1.0.0", "language": "en",
        "skills": [{ "id": "s", "title": "S" }],
        "activities": [{ "id": "a", "file": "a.json", "title": "A", "kind": "check", "skills": ["s"] }]
    });
    let items: Vec<_> = (0..items)
        .map(|i| {
            json!({ "id": format!("q{i}"), "skills": ["s"], "stem": format!("{i} + 1 = ?"),
                "interaction": { "type": "singleChoice", "correct": "r",
                    "options": [{ "id": "r", "text": format!("{}", i + 1) }, { "id": "w", "text": format!("{}", i + 2) }] } })
        })
        .collect();
    let manifest = parse_manifest("pkg.json", &manifest.to_string())
        .map_err(|e| JsValue::from_str(&format!("{e:?}")))?;
    let entry = manifest.activities[0].clone();
    let activity = parse_activity(
        "a.json",
        &json!({ "id": "a", "items": items }).to_string(),
        &entry,
        &manifest,
    )
    .map_err(|e| JsValue::from_str(&format!("{e:?}")))?;
    let learner = Learner {
        id: learner_id.to_owned(),
        actor: Actor::account("http://127.0.0.1", learner_id),
        language: "en".into(),
        launch: None,
    };
    Ok(Session::resume(
        manifest,
        activity,
        learner,
        None,
        Vec::new(),
    ))
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CommitFigures {
    answers: usize,
    median_ms: f64,
    p95_ms: f64,
    max_ms: f64,
    logical_bytes_per_answer: f64,
}

/// Times answer-to-committed (scoring, building the statement, the IndexedDB transaction) over `count`
/// answers in a fresh database, moving on after each as a learner does.
#[wasm_bindgen(js_name = benchCommit)]
pub async fn bench_commit(count: usize) -> Result<JsValue, JsValue> {
    let store = IdbStore::open(&format!("pacer-bench-{}", js_sys::Math::random()))
        .await
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    let mut session = synthetic_session(count, "bench-commit")?;
    let performance = web_sys::window()
        .and_then(|w| w.performance())
        .ok_or("no performance")?;
    let mut times = Vec::with_capacity(count);
    let mut bytes = 0usize;
    for i in 0..count {
        let t0 = performance.now();
        let ids = CaptureIds {
            attempt_id: uuid::Uuid::new_v4().to_string(),
            statement_id: uuid::Uuid::new_v4().to_string(),
        };
        let option = if i % 4 == 0 { "w" } else { "r" };
        let now = now_ms();
        let commit = session
            .answer(
                Response::Choice {
                    option: option.into(),
                },
                ids,
                now - 3_000,
                now,
            )
            .map_err(|e| JsValue::from_str(&e.to_string()))?;
        store
            .commit_answer(&commit)
            .await
            .map_err(|e| JsValue::from_str(&e.to_string()))?;
        session.apply(&commit);
        times.push(performance.now() - t0);
        bytes += serde_json::to_string(&commit.attempt).map_or(0, |s| s.len())
            + serde_json::to_string(&commit.outbox).map_or(0, |s| s.len());
        let next = session.next(now_ms());
        store
            .commit_progress(session.progress(), &next, &[])
            .await
            .map_err(|e| JsValue::from_str(&e.to_string()))?;
        session.set_progress(next);
    }
    times.sort_by(f64::total_cmp);
    let figures = CommitFigures {
        answers: count,
        median_ms: percentile(&times, 0.5),
        p95_ms: percentile(&times, 0.95),
        max_ms: times.last().copied().unwrap_or(0.0),
        logical_bytes_per_answer: bytes as f64 / count.max(1) as f64,
    };
    to_js(&figures)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResumeFigures {
    attempts: usize,
    fill_ms: f64,
    resume_ms: f64,
}

/// Stores `count` attempts, then times what a reload does before the first render: open the database,
/// read the place and the attempt log, rebuild the session (and its learner model).
#[wasm_bindgen(js_name = benchResume)]
pub async fn bench_resume(count: usize) -> Result<JsValue, JsValue> {
    let name = format!("pacer-bench-{}", js_sys::Math::random());
    let store = IdbStore::open(&name)
        .await
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    let session = synthetic_session(count, "bench-resume")?;
    let performance = web_sys::window()
        .and_then(|w| w.performance())
        .ok_or("no performance")?;
    let t0 = performance.now();
    let mut last = None;
    let mut pending = Vec::new();
    let mut live = session.clone();
    for _ in 0..count {
        let now = now_ms();
        let ids = CaptureIds {
            attempt_id: uuid::Uuid::new_v4().to_string(),
            statement_id: uuid::Uuid::new_v4().to_string(),
        };
        let commit = live
            .answer(
                Response::Choice { option: "r".into() },
                ids,
                now - 2_000,
                now,
            )
            .map_err(|e| JsValue::from_str(&e.to_string()))?;
        live.apply(&commit);
        let next = live.next(now);
        live.set_progress(next.clone());
        pending.push(commit.attempt);
        last = Some(next);
    }
    store
        .put_attempts(&pending)
        .await
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    if let Some(p) = &last {
        store
            .commit_progress(session.progress(), p, &[])
            .await
            .map_err(|e| JsValue::from_str(&e.to_string()))?;
    }
    let filled = performance.now();
    drop(store);

    let t1 = performance.now();
    let store = IdbStore::open(&name)
        .await
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    let key = session.progress().key();
    let stored = store
        .progress(&key)
        .await
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    let attempts = store
        .attempts_of("bench-resume")
        .await
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    let resumed = session.reloaded(stored, attempts);
    let t2 = performance.now();
    if resumed.attempts().len() != count {
        return Err(JsValue::from_str("resume lost attempts"));
    }
    let figures = ResumeFigures {
        attempts: count,
        fill_ms: filled - t0,
        resume_ms: t2 - t1,
    };
    to_js(&figures)
}

fn to_js<T: Serialize>(figures: &T) -> Result<JsValue, JsValue> {
    let json = serde_json::to_string(figures).map_err(|e| JsValue::from_str(&e.to_string()))?;
    js_sys::JSON::parse(&json)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DecisionFigures {
    runs: usize,
    fold_ms: f64,
    median_ms: f64,
    p95_ms: f64,
}

/// One next-item decision with 100 skills, 5,000 items and a 20,000-attempt history (the same workload as
/// `cargo bench --bench engine`), timed with `performance.now()` over `runs` decisions.
#[wasm_bindgen(js_name = benchDecision)]
pub fn bench_decision(runs: usize) -> Result<JsValue, JsValue> {
    use crate::engine::workload::{decision_workload, Workload, HISTORY, SKILLS};
    use crate::engine::{select_item, LearnerModel, SelectionPolicy};
    let perf = web_sys::window()
        .and_then(|w| w.performance())
        .ok_or("no performance clock")?;
    let Workload {
        candidates,
        answers,
        mut rng,
        params,
    } = decision_workload();
    let fold_start = perf.now();
    let mut model = LearnerModel::new(params);
    let mut history = Vec::with_capacity(HISTORY);
    for (n, evidence) in answers.iter().enumerate() {
        model.apply_attempt(evidence, n as i64 * 1_000);
        history.push(evidence.item_id.clone());
    }
    let fold_ms = perf.now() - fold_start;
    let policy = SelectionPolicy::default();
    let mut times = Vec::with_capacity(runs);
    for run in 0..runs {
        let skill = format!("skill-{}", run % SKILLS);
        let t = perf.now();
        let _ = std::hint::black_box(select_item(
            &skill,
            &candidates,
            &model,
            &history,
            &policy,
            &mut rng,
        ));
        times.push(perf.now() - t);
    }
    times.sort_by(f64::total_cmp);
    let at = |p: f64| times[((times.len().max(1) - 1) as f64 * p).round() as usize];
    let figures = DecisionFigures {
        runs,
        fold_ms,
        median_ms: at(0.5),
        p95_ms: at(0.95),
    };
    js_sys::JSON::parse(&serde_json::to_string(&figures).map_err(|e| e.to_string())?)
}
