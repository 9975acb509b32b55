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

/// A synthetic course with one activity `activity_id` of `items` single-choice items.
fn synthetic_session(
    items: usize,
    learner_id: &str,
    activity_id: &str,
) -> Result<Session, JsValue> {
    let manifest = json!({
        "id": "https://pacer.example/courses/bench", "title": "Bench", "version": "1.0.0", "language": "en",
        "skills": [{ "id": "s", "title": "S" }],
        "activities": [{ "id": activity_id, "file": "a.json", "title": "A", "kind": "check", "skills": ["s"] }]
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
        &json!({ "id": activity_id, "items": items }).to_string(),
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

fn js_err(e: impl std::fmt::Display) -> JsValue {
    JsValue::from_str(&e.to_string())
}

/// The learner whose year of answers the resume and commit benchmarks use.
const BENCH_LEARNER: &str = "bench-resume";
/// The activity the resume benchmark opens.
const RESUMED: &str = "a";
/// How many answers one activity of the filled log holds: a 16-item check answered two and a half times
/// over. A year of answers is spread over many activities, each a bounded piece of it; so a bigger log
/// has more activities, not bigger ones.
const ACTIVITY_ATTEMPTS: usize = 40;
/// How many activities one course holds: a year of answers is spread over several courses (subjects)
/// taken side by side, each a bounded piece of it; a bigger log has more courses, not bigger ones.
const COURSE_ACTIVITIES: usize = 50;

/// Stores a year of `count` answers of the bench learner in a new database: activities of
/// [`ACTIVITY_ATTEMPTS`] answers each, in courses of [`COURSE_ACTIVITIES`] activities taken side by side
/// (activity `k` is in course `k` modulo the number of courses; the first activity of the first course,
/// the bench course, is the resumed one, left at its first item), a place in each, and what the player
/// keeps beside them at the end of a session (the bench course's snapshot). With `one_course`, every
/// activity is in the bench course (the commit benchmark's worst case: the course log the player keeps and
/// folds after each answer is the whole log). Returns the database name.
#[wasm_bindgen(js_name = benchFill)]
pub async fn bench_fill(count: usize, one_course: bool) -> Result<String, JsValue> {
    let name = format!("pacer-bench-{}", js_sys::Math::random());
    let store = IdbStore::open(&name).await.map_err(js_err)?;
    let session = synthetic_session(16, BENCH_LEARNER, RESUMED)?;
    let mut live = session.clone();
    let mut filled = Vec::with_capacity(count);
    let mut places = Vec::new();
    let start = now_ms() - i64::try_from(count).unwrap_or(0) * 1_000;
    let courses = match one_course {
        true => 1,
        false => count.div_ceil(ACTIVITY_ATTEMPTS * COURSE_ACTIVITIES).max(1),
    };
    for i in 0..count {
        let at = start + i64::try_from(i).unwrap_or(0) * 1_000;
        let ids = CaptureIds {
            attempt_id: format!("attempt-{i:08}"),
            statement_id: uuid::Uuid::new_v4().to_string(),
        };
        if live.current_item().is_none() || i % ACTIVITY_ATTEMPTS == 0 {
            live = session.clone();
        }
        let commit = live
            .answer(
                Response::Choice {
                    option: if i % 4 == 0 { "w" } else { "r" }.into(),
                },
                ids,
                at - 2_000,
                at,
            )
            .map_err(js_err)?;
        let mut attempt = commit.attempt.clone();
        live.apply(&commit);
        let next = live.next(at);
        live.set_progress(next);
        let activity = i / ACTIVITY_ATTEMPTS;
        if activity != 0 {
            attempt.activity_id = format!("other-{activity}");
        }
        let course = activity % courses;
        if course != 0 {
            attempt.package_id = format!("{}-{course}", attempt.package_id);
        }
        // Each activity's place as the learner left it: finished.
        if i % ACTIVITY_ATTEMPTS == ACTIVITY_ATTEMPTS - 1 && activity != 0 {
            places.push(crate::session::Progress {
                activity_id: attempt.activity_id.clone(),
                package_id: attempt.package_id.clone(),
                step: crate::session::Step::Finished,
                updated_at: at,
                ..session.progress().clone()
            });
        }
        filled.push(attempt);
    }
    for chunk in filled.chunks(5_000) {
        store.put_attempts(chunk).await.map_err(js_err)?;
    }
    let merge = crate::store::backpack::Merge {
        attempts: Vec::new(),
        progress: places,
        outbox: Vec::new(),
        journal: Vec::new(),
        skipped: 0,
    };
    store.import(&merge).await.map_err(js_err)?;
    // The learner left the resumed activity at its first item.
    let place = crate::session::Progress {
        updated_at: now_ms(),
        ..session.progress().clone()
    };
    store
        .commit_progress(session.progress(), &place, &[])
        .await
        .map_err(js_err)?;
    after_session(&store, &session).await?;
    Ok(name)
}

/// What a player leaves behind for the next start besides the log: the course snapshot.
async fn after_session(store: &IdbStore, session: &Session) -> Result<(), JsValue> {
    let learner = &session.learner().id;
    let log = store
        .package_log(learner, &session.manifest().id)
        .await
        .map_err(js_err)?;
    let snapshot = crate::store::snapshot::CourseSnapshot::build(session.manifest(), learner, &log);
    store.put_snapshot(&snapshot).await.map_err(js_err)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResumeFigures {
    resume_ms: f64,
    /// Opening the database; reading the learner's language choice and journal; the learner's places in
    /// the course, this activity's attempts and the course snapshot; resuming the session.
    parts_ms: [f64; 4],
    /// The learner's attempts in the course (the log the snapshot stands for).
    log_attempts: u32,
    /// The learner's places in the course (one per activity begun).
    places: usize,
    activity_attempts: usize,
    /// Whether the course fold had to be rebuilt from the log (the snapshot did not fit).
    rebuilt: bool,
}

/// Times what a start does with the database `name` (filled by [`bench_fill`]) before the first screen:
/// open it, read the learner's records as [`crate::store::boot`] does, resume the session. (`mount` still
/// reads every place of the learner, in every course, with `progress_of`, beside the language and journal;
/// it is to take the course's places from `read_course`.)
#[wasm_bindgen(js_name = benchResume)]
pub async fn bench_resume(name: String) -> Result<JsValue, JsValue> {
    let performance = web_sys::window()
        .and_then(|w| w.performance())
        .ok_or("no performance")?;
    let session = synthetic_session(16, BENCH_LEARNER, RESUMED)?;
    let learner = session.learner().id.clone();
    let t0 = performance.now();
    let store = IdbStore::open(&name).await.map_err(js_err)?;
    let t_open = performance.now();
    let (chosen, journal) = crate::store::boot::join(
        store.meta(&crate::config::language_key(&learner)),
        store.journal_of(&learner),
    )
    .await;
    let (_, _) = (chosen.map_err(js_err)?, journal.map_err(js_err)?);
    let t_records = performance.now();
    let course = crate::store::boot::read_course(
        &store,
        session.manifest(),
        &learner,
        &session.activity().id,
    )
    .await
    .map_err(js_err)?;
    let t_course = performance.now();
    let place_count = course.places.len();
    let stored = (course.places.iter())
        .find(|p| p.activity_id == session.activity().id)
        .cloned();
    let activity_attempts = course.attempts.len();
    let resumed = session.reloaded(stored, course.attempts);
    let t1 = performance.now();
    std::hint::black_box(resumed);
    to_js(&ResumeFigures {
        resume_ms: t1 - t0,
        parts_ms: [
            t_open - t0,
            t_records - t_open,
            t_course - t_records,
            t1 - t_course,
        ],
        log_attempts: course.snapshot.log.len,
        places: place_count,
        activity_attempts,
        rebuilt: course.rebuilt,
    })
}

/// Deletes the course snapshot of the database `name`: the next resume rebuilds it from the log.
#[wasm_bindgen(js_name = benchForget)]
pub async fn bench_forget(name: String) -> Result<(), JsValue> {
    let store = IdbStore::open(&name).await.map_err(js_err)?;
    let key = crate::store::snapshot::snapshot_key(
        BENCH_LEARNER,
        synthetic_session(1, BENCH_LEARNER, RESUMED)?
            .manifest()
            .id
            .as_str(),
    );
    store.delete_snapshot(&key).await.map_err(js_err)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CommitFigures {
    answers: usize,
    /// The learner's attempts in the course before the run.
    history: u32,
    median_ms: f64,
    p95_ms: f64,
    max_ms: f64,
    /// The same three of each part: scoring and building the records, the IndexedDB transaction, and
    /// what the player does once it is durable, before the feedback (the session, the course log).
    answer_ms: [f64; 3],
    transaction_ms: [f64; 3],
    after_ms: [f64; 3],
    /// Keeping the course snapshot: after the feedback, in a task of its own.
    snapshot_ms: [f64; 3],
    logical_bytes_per_answer: f64,
}

/// Median, p95 and max of `times`.
fn spread(mut times: Vec<f64>) -> [f64; 3] {
    times.sort_by(f64::total_cmp);
    [
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        times.last().copied().unwrap_or(0.0),
    ]
}

/// Times answer-to-committed over `count` answers of the bench learner, whose year of answers is in the
/// database `name` (filled by [`bench_fill`]), in a new activity of the course, moving on after each as a
/// learner does. Each answer does what the player's does before its feedback shows: score it and build its
/// records, commit them in one IndexedDB transaction, then update the session and the course log held in
/// memory; the course snapshot is kept after that, untimed (the player keeps it once the feedback is
/// drawn) but timed on its own. Before the first answer
/// the start's reads are done as the player does them, the whole course log included, so that the garbage
/// they leave is collected during the answers as it is in the player.
#[wasm_bindgen(js_name = benchCommit)]
pub async fn bench_commit(name: String, count: usize) -> Result<JsValue, JsValue> {
    let store = IdbStore::open(&name).await.map_err(js_err)?;
    let activity = format!("commit-{}", uuid::Uuid::new_v4());
    let mut session = synthetic_session(count, BENCH_LEARNER, &activity)?;
    let manifest = session.manifest().clone();
    let course = crate::store::boot::read_course(&store, &manifest, BENCH_LEARNER, &activity)
        .await
        .map_err(js_err)?;
    let history = course.snapshot.log.len;
    // The player's course state once its log has arrived after the first screen (`load_course`).
    let mut course_log = crate::course::CourseLog::new(
        None,
        course.snapshot,
        Default::default(),
        Default::default(),
        Vec::new(),
    );
    let log = store
        .package_log(BENCH_LEARNER, &manifest.id)
        .await
        .map_err(js_err)?;
    course_log.log_arrived(log);
    let _ = course_log.snapshot_to_keep(&manifest, BENCH_LEARNER);
    let performance = web_sys::window()
        .and_then(|w| w.performance())
        .ok_or("no performance")?;
    let (mut times, mut answer, mut transaction, mut after) = (vec![], vec![], vec![], vec![]);
    let mut snapshot_times = vec![];
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
            .map_err(js_err)?;
        let t1 = performance.now();
        store.commit_answer(&commit).await.map_err(js_err)?;
        let t2 = performance.now();
        session.apply(&commit);
        course_log.record(&commit.attempt);
        let t3 = performance.now();
        // The player's `keep_snapshot`, in a task of its own once the feedback is drawn.
        if let Some(snapshot) = course_log.snapshot_to_keep(&manifest, BENCH_LEARNER) {
            let keeper = store.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let _ = keeper.put_snapshot(&snapshot).await;
            });
        }
        snapshot_times.push(performance.now() - t3);
        times.push(t3 - t0);
        answer.push(t1 - t0);
        transaction.push(t2 - t1);
        after.push(t3 - t2);
        bytes += serde_json::to_string(&commit.attempt).map_or(0, |s| s.len())
            + serde_json::to_string(&commit.outbox).map_or(0, |s| s.len());
        let next = session.next(now_ms());
        store
            .commit_progress(session.progress(), &next, &[])
            .await
            .map_err(js_err)?;
        session.set_progress(next);
    }
    let [median_ms, p95_ms, max_ms] = spread(times);
    let figures = CommitFigures {
        answers: count,
        history,
        median_ms,
        p95_ms,
        max_ms,
        answer_ms: spread(answer),
        transaction_ms: spread(transaction),
        after_ms: spread(after),
        snapshot_ms: spread(snapshot_times),
        logical_bytes_per_answer: bytes as f64 / count.max(1) as f64,
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
    /// Under CPU throttling the renderer is paused in slices, and a decision that meets a pause is timed
    /// with it: the mean shows the cost spread over all decisions, the p95 those pauses.
    mean_ms: f64,
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
        mean_ms: times.iter().sum::<f64>() / times.len().max(1) as f64,
    };
    js_sys::JSON::parse(&serde_json::to_string(&figures).map_err(|e| e.to_string())?)
}
