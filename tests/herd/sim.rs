//! The herd: N simulated devices, each holding a queue of statements, come online within the same second
//! and drain their queues into a real Ralph LRS behind a capacity-limited front. Each device runs the
//! player's own delivery rules ([`Delivery`], the sans-IO outbox) over real HTTP, or, for comparison, a
//! naive client that retries every second in step with the others and ignores `Retry-After`.
//!
//! Shared by the reduced herd in `make test` (`tests/herd.rs`) and the full one in `make bench`
//! (`bench/herd.rs`). It measures and audits; it asserts nothing itself. It is not a load generator for
//! other servers: the front and Ralph are started here, on loopback.

#![allow(dead_code)] // shared by the test and the bench, which use different parts

use pacer::rng::SeededRng;
use pacer::xapi::outbox::pending_in_order;
use pacer::xapi::statement::batch_json;
use pacer::xapi::{Delivery, Next, OutboxRow, PostResult, RowUpdate, Statement};
use serde_json::json;
use std::collections::{BinaryHeap, HashMap, HashSet, VecDeque};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

const USER: &str = "pacer";
const PASSWORD: &str = "pacer";
/// The request header that tells the front which simulated device is asking (for the per-device audit).
const DEVICE_HEADER: &str = "X-Herd-Device";
/// How long a statements POST may take before it counts as lost (the player's own limit).
const POST_TIMEOUT: Duration = Duration::from_secs(20);

fn basic_auth() -> String {
    // base64("pacer:pacer")
    "Basic cGFjZXI6cGFjZXI=".to_owned()
}

/// A Ralph LRS of our launcher (`lrs/pacer_lrs.py`), on a free loopback port, for this run only.
pub struct Ralph {
    child: Child,
    pub endpoint: String,
    dir: PathBuf,
}

impl Ralph {
    /// Starts Ralph from the repository's `.venv` (made by `make setup`) and waits until it answers.
    pub fn start(root: &Path) -> Result<Ralph, String> {
        let python = root.join(".venv/bin/python");
        if !python.exists() {
            return Err(format!(
                "{} is missing: run `make setup` (scripts/setup-lrs.sh) first",
                python.display()
            ));
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("no free port: {e}"))?
            .port();
        let dir = std::env::temp_dir().join(format!("pacer-herd-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let mut child = Command::new(python)
            .arg(root.join("lrs/pacer_lrs.py"))
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .arg("--data-dir")
            .arg(&dir)
            .args(["--user", &format!("{USER}:{PASSWORD}")])
            // The audit reads every statement back in one page: the fs backend reads its whole file for
            // every page, so pages of a few thousand would make the audit take longer than the herd.
            .env("RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT", "10000000")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("starting Ralph: {e}"))?;
        let stdout = child.stdout.take().ok_or("Ralph has no stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let endpoint = loop {
            match lines.next() {
                Some(Ok(line)) => {
                    if let Some(url) = line.strip_prefix("PACER_LRS_READY ") {
                        break url.trim().to_owned();
                    }
                }
                _ => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err("Ralph exited before it was ready".into());
                }
            }
        };
        Ok(Ralph {
            child,
            endpoint,
            dir,
        })
    }
}

impl Drop for Ralph {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// What the front lets through: at most `rate_per_s` requests in any second and `max_in_flight` at once
/// reach Ralph; the rest get 429 (over the rate) or 503 (too many at once) with `Retry-After`. A batch of
/// more than `max_batch` statements gets 413 (an LRS or proxy limit on the request size).
#[derive(Debug, Clone, Copy)]
pub struct Capacity {
    pub rate_per_s: usize,
    pub max_in_flight: usize,
    pub retry_after_s: u64,
    pub max_batch: Option<usize>,
}

/// What the front did with one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Admitted,
    /// 429 or 503, with this `Retry-After` in milliseconds.
    Busy(u64),
    /// 413.
    TooLarge,
}

/// One request as the front saw it.
#[derive(Debug, Clone, Copy)]
struct Seen {
    at_ms: u64,
    device: u32,
    verdict: Verdict,
}

struct FrontState {
    admitted: VecDeque<Instant>,
    log: Vec<Seen>,
}

/// The capacity-limited front before Ralph (a stand-in for a load balancer's rate limit or a busy LRS).
pub struct Front {
    pub url: String,
    server: Arc<tiny_http::Server>,
    state: Arc<Mutex<FrontState>>,
    stop: Arc<AtomicBool>,
    threads: Vec<std::thread::JoinHandle<()>>,
    epoch: Instant,
}

impl Front {
    pub fn start(
        ralph_endpoint: &str,
        capacity: Capacity,
        epoch: Instant,
    ) -> Result<Front, String> {
        let server =
            Arc::new(tiny_http::Server::http("127.0.0.1:0").map_err(|e| format!("front: {e}"))?);
        let port = server
            .server_addr()
            .to_ip()
            .map(|a| a.port())
            .ok_or("front: no port")?;
        let state = Arc::new(Mutex::new(FrontState {
            admitted: VecDeque::new(),
            log: Vec::new(),
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let in_flight = Arc::new(AtomicUsize::new(0));
        let upstream: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(120)))
            .max_idle_connections_per_host(capacity.max_in_flight * 2)
            .build()
            .into();
        let target = format!("{}statements", with_slash(ralph_endpoint));
        let threads = (0..capacity.max_in_flight + 8)
            .map(|_| {
                let (server, state, stop, in_flight, upstream, target) = (
                    server.clone(),
                    state.clone(),
                    stop.clone(),
                    in_flight.clone(),
                    upstream.clone(),
                    target.clone(),
                );
                std::thread::Builder::new()
                    .stack_size(256 * 1024)
                    .spawn(move || {
                        while !stop.load(Ordering::Relaxed) {
                            let Ok(Some(request)) = server.recv_timeout(Duration::from_millis(100))
                            else {
                                continue;
                            };
                            serve(
                                request, capacity, epoch, &state, &in_flight, &upstream, &target,
                            );
                        }
                    })
                    .expect("a front thread")
            })
            .collect();
        Ok(Front {
            url: format!("http://127.0.0.1:{port}/xAPI/"),
            server,
            state,
            stop,
            threads,
            epoch,
        })
    }

    fn stop(mut self) -> Vec<Seen> {
        self.stop.store(true, Ordering::Relaxed);
        self.server.unblock();
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
        let _ = self.epoch;
        std::mem::take(&mut self.state.lock().expect("front state").log)
    }
}

fn serve(
    mut request: tiny_http::Request,
    capacity: Capacity,
    epoch: Instant,
    state: &Mutex<FrontState>,
    in_flight: &AtomicUsize,
    upstream: &ureq::Agent,
    target: &str,
) {
    let device = request
        .headers()
        .iter()
        .find(|h| h.field.equiv(DEVICE_HEADER))
        .and_then(|h| h.value.as_str().parse::<u32>().ok())
        .unwrap_or(u32::MAX);
    let mut body = String::new();
    let _ = request.as_reader().read_to_string(&mut body);
    let now = Instant::now();
    let at_ms = now.duration_since(epoch).as_millis() as u64;
    let retry_after_ms = capacity.retry_after_s * 1000;
    if let Some(max) = capacity.max_batch {
        let count = serde_json::from_str::<Vec<serde_json::Value>>(&body).map_or(1, |v| v.len());
        if count > max {
            state.lock().expect("front state").log.push(Seen {
                at_ms,
                device,
                verdict: Verdict::TooLarge,
            });
            let _ = request.respond(
                tiny_http::Response::from_string("request entity too large").with_status_code(413),
            );
            return;
        }
    }
    // Admission: the rate over the last second, then the requests already at Ralph.
    let refusal = {
        let mut s = state.lock().expect("front state");
        while s
            .admitted
            .front()
            .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(1))
        {
            s.admitted.pop_front();
        }
        let refusal = if s.admitted.len() >= capacity.rate_per_s {
            Some(429)
        } else if in_flight.load(Ordering::SeqCst) >= capacity.max_in_flight {
            Some(503)
        } else {
            s.admitted.push_back(now);
            in_flight.fetch_add(1, Ordering::SeqCst);
            None
        };
        s.log.push(Seen {
            at_ms,
            device,
            verdict: refusal.map_or(Verdict::Admitted, |_| Verdict::Busy(retry_after_ms)),
        });
        refusal
    };
    if let Some(code) = refusal {
        let response = tiny_http::Response::from_string("busy")
            .with_status_code(code)
            .with_header(header("Retry-After", &capacity.retry_after_s.to_string()));
        let _ = request.respond(response);
        return;
    }
    let answer = upstream
        .post(target)
        .header("X-Experience-API-Version", "1.0.3")
        .header("Authorization", &basic_auth())
        .header("Content-Type", "application/json")
        .send(body.as_str());
    in_flight.fetch_sub(1, Ordering::SeqCst);
    let response = match answer {
        Ok(mut r) => {
            let code = r.status().as_u16();
            let text = r.body_mut().read_to_string().unwrap_or_default();
            tiny_http::Response::from_string(text).with_status_code(code)
        }
        Err(e) => tiny_http::Response::from_string(format!("upstream: {e}")).with_status_code(502),
    };
    let _ = request.respond(response);
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

fn with_slash(endpoint: &str) -> String {
    if endpoint.ends_with('/') {
        endpoint.to_owned()
    } else {
        format!("{endpoint}/")
    }
}

/// Which delivery logic the devices run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Client {
    /// The player's outbox ([`Delivery`]): backoff with jitter, `Retry-After`, bisection.
    Pacer,
    /// Batches of the same size, retried every second on any failure, in step, ignoring `Retry-After`.
    Naive,
}

/// One herd run's shape.
#[derive(Debug, Clone, Copy)]
pub struct Herd {
    pub devices: usize,
    pub statements_per_device: usize,
    /// Devices come online at uniformly spread moments within this many milliseconds.
    pub arrival_ms: u64,
    /// Client threads making the HTTP requests (the devices are far more; each request blocks one).
    pub workers: usize,
    pub client: Client,
    /// A run label used in statement ids' namespace, so two runs against one Ralph never collide.
    pub run: u32,
    /// Give up after this long (the naive client may never finish against a small LRS).
    pub give_up_after: Duration,
}

/// What one device did.
#[derive(Debug, Clone, Default)]
struct DeviceResult {
    requests: u64,
    /// 413 answers this device received.
    too_large: u64,
    /// Requests whose answer never came (a timeout or a broken connection): the front may have seen
    /// them, the device cannot know what it said.
    lost: u64,
    done_at_ms: Option<u64>,
    halted: Option<String>,
}

enum DeviceLogic {
    Pacer { delivery: Delivery, rng: SeededRng },
    Naive { next: usize, not_before: u64 },
}

struct Device {
    rows: Vec<OutboxRow>,
    logic: DeviceLogic,
    result: DeviceResult,
}

/// The figures of one run.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub client: Client,
    pub devices: usize,
    pub statements: usize,
    /// From the first device coming online until the last queue is empty (or the run gave up).
    pub drain_ms: u64,
    pub finished_devices: usize,
    pub delivered_statements: usize,
    pub requests: u64,
    pub refused: u64,
    /// Requests refused with 413 (a batch larger than the front takes), as the front logged them.
    pub too_large: u64,
    /// 413 answers the devices received (fewer than the front's count when an answer was lost).
    pub too_large_seen: u64,
    /// Requests whose answer the device never got (timeouts, broken connections): sent again.
    pub lost_answers: u64,
    /// Requests per second arriving at the front: peak and 95th percentile over the run's seconds.
    pub peak_rps: u64,
    pub p95_rps: u64,
    /// Requests per second let through to Ralph: peak.
    pub peak_admitted_rps: u64,
    /// Requests arriving at the front in each second of the run.
    pub arrivals_per_s: Vec<u64>,
    /// Requests a device sent before the `Retry-After` it was last given had passed.
    pub early_retries: u64,
    pub halted: Vec<String>,
    /// The statement ids of this run, to audit against the LRS.
    pub ids: Vec<String>,
}

impl Outcome {
    pub fn refused_share(&self) -> f64 {
        if self.requests == 0 {
            0.0
        } else {
            self.refused as f64 / self.requests as f64
        }
    }
}

/// A statement like the player's `answered` (about the same size), for device `d`'s `i`th answer.
fn statement(run: u32, d: usize, i: usize) -> Statement {
    let id = format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        run,
        d & 0xffff,
        (d >> 16) & 0xfff,
        i & 0xfff,
        (d as u64) << 16 | i as u64
    );
    let course = "https://pacer.example/courses/fractions-grade-4";
    let body = json!({
        "id": id,
        "actor": { "objectType": "Agent",
                   "account": { "homePage": "https://school.example", "name": format!("device-{d}") } },
        "verb": { "id": "http://adlnet.gov/expapi/verbs/answered", "display": { "en": "answered" } },
        "object": { "objectType": "Activity",
                    "id": format!("{course}/activities/unit-fractions/items/item-{}", i % 40),
                    "definition": { "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                                    "name": { "en": "What fraction of the pizza is left?" },
                                    "interactionType": "fill-in",
                                    "correctResponsesPattern": ["1/4"] } },
        "result": { "success": i % 3 != 0, "response": "1/4", "duration": "PT12.4S",
                    "extensions": { "https://w3id.org/pacer/xapi/extensions/skill-mastery":
                                    { "unit-fractions": 0.5 + (i % 50) as f64 / 100.0 } } },
        "context": { "registration": format!("{:08x}-0000-4000-8000-{:012x}", run, d),
                     "language": "en",
                     "contextActivities": { "parent": [{ "objectType": "Activity",
                                                         "id": format!("{course}/activities/unit-fractions") }],
                                            "grouping": [{ "objectType": "Activity", "id": course }] } },
        "timestamp": "2026-09-01T09:00:00.000Z"
    });
    Statement::new(&id, &body)
}

/// Drives a herd through `front_url` until every queue is empty (or `give_up_after` passes).
pub fn run(herd: Herd, front_url: &str, epoch: Instant) -> Outcome {
    let start_ms = epoch.elapsed().as_millis() as u64;
    let mut arrival = SeededRng::new(u64::from(herd.run) * 7919 + 1);
    let devices: Vec<Mutex<Device>> = (0..herd.devices)
        .map(|d| {
            let rows = (0..herd.statements_per_device)
                .map(|i| {
                    OutboxRow::pending(
                        statement(herd.run, d, i),
                        &format!("device-{d}"),
                        0,
                        i as u32,
                    )
                })
                .collect();
            let logic = match herd.client {
                Client::Pacer => DeviceLogic::Pacer {
                    delivery: Delivery::new(),
                    rng: SeededRng::new(SeededRng::seed_from(&[
                        &herd.run.to_string(),
                        &d.to_string(),
                    ])),
                },
                Client::Naive => DeviceLogic::Naive {
                    next: 0,
                    not_before: 0,
                },
            };
            Mutex::new(Device {
                rows,
                logic,
                result: DeviceResult::default(),
            })
        })
        .collect();
    let ids: Vec<String> = devices
        .iter()
        .flat_map(|d| {
            d.lock()
                .expect("device")
                .rows
                .iter()
                .map(|r| r.id.clone())
                .collect::<Vec<_>>()
        })
        .collect();
    // The schedule: (wake time, device), earliest first.
    let queue: Mutex<BinaryHeap<std::cmp::Reverse<(u64, usize)>>> = Mutex::new(
        (0..herd.devices)
            .map(|d| {
                std::cmp::Reverse((
                    start_ms + (arrival.next_f64() * herd.arrival_ms as f64) as u64,
                    d,
                ))
            })
            .collect(),
    );
    let wake = Condvar::new();
    let busy = AtomicUsize::new(0);
    let requests = AtomicU64::new(0);
    let deadline = start_ms + herd.give_up_after.as_millis() as u64;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(POST_TIMEOUT))
        .max_idle_connections_per_host(herd.workers)
        .build()
        .into();
    let url = format!("{}statements", with_slash(front_url));
    std::thread::scope(|scope| {
        for _ in 0..herd.workers {
            scope.spawn(|| loop {
                let device = {
                    let mut q = queue.lock().expect("queue");
                    loop {
                        let now = epoch.elapsed().as_millis() as u64;
                        match q.peek() {
                            None if busy.load(Ordering::SeqCst) == 0 => {
                                wake.notify_all();
                                return;
                            }
                            None => {
                                q = wake.wait(q).expect("queue");
                            }
                            Some(_) if now >= deadline => {
                                q.clear();
                                wake.notify_all();
                                if busy.load(Ordering::SeqCst) == 0 {
                                    return;
                                }
                            }
                            Some(std::cmp::Reverse((at, d))) if *at <= now => {
                                let d = *d;
                                q.pop();
                                busy.fetch_add(1, Ordering::SeqCst);
                                break d;
                            }
                            Some(std::cmp::Reverse((at, _))) => {
                                let wait = Duration::from_millis(at - now);
                                q = wake.wait_timeout(q, wait).expect("queue").0;
                            }
                        }
                    }
                };
                let again = step(
                    &mut devices[device].lock().expect("device"),
                    device,
                    &agent,
                    &url,
                    epoch,
                    &requests,
                );
                let mut q = queue.lock().expect("queue");
                if let Some(at) = again {
                    q.push(std::cmp::Reverse((at, device)));
                }
                busy.fetch_sub(1, Ordering::SeqCst);
                wake.notify_all();
            });
        }
    });
    let results: Vec<(DeviceResult, usize)> = devices
        .into_iter()
        .map(|d| {
            let d = d.into_inner().expect("device");
            let delivered = d.rows.iter().filter(|r| !r.is_pending()).count();
            (d.result, delivered)
        })
        .collect();
    let end_ms = results
        .iter()
        .filter_map(|(r, _)| r.done_at_ms)
        .max()
        .unwrap_or(start_ms)
        .max(start_ms);
    Outcome {
        client: herd.client,
        devices: herd.devices,
        statements: herd.devices * herd.statements_per_device,
        drain_ms: if results.iter().all(|(r, _)| r.done_at_ms.is_some()) {
            end_ms - start_ms
        } else {
            herd.give_up_after.as_millis() as u64
        },
        finished_devices: results
            .iter()
            .filter(|(r, _)| r.done_at_ms.is_some())
            .count(),
        delivered_statements: results.iter().map(|(_, n)| n).sum(),
        requests: requests.load(Ordering::SeqCst),
        refused: 0,
        too_large: 0,
        too_large_seen: results.iter().map(|(r, _)| r.too_large).sum(),
        lost_answers: results.iter().map(|(r, _)| r.lost).sum(),
        peak_rps: 0,
        p95_rps: 0,
        peak_admitted_rps: 0,
        arrivals_per_s: Vec::new(),
        early_retries: 0,
        halted: results
            .iter()
            .filter_map(|(r, _)| r.halted.clone())
            .collect(),
        ids,
    }
}

/// One turn of one device; returns when it wants its next turn (`None`: its queue is empty or halted).
fn step(
    dev: &mut Device,
    index: usize,
    agent: &ureq::Agent,
    url: &str,
    epoch: Instant,
    requests: &AtomicU64,
) -> Option<u64> {
    let now = epoch.elapsed().as_millis() as u64;
    let learner = format!("device-{index}");
    let Device {
        rows,
        logic,
        result,
    } = dev;
    match logic {
        DeviceLogic::Pacer { delivery, rng } => {
            let pending = pending_in_order(rows, &learner);
            match delivery.next(&pending, now as i64) {
                Next::Send(ids) => {
                    let batch: Vec<&Statement> = ids
                        .iter()
                        .filter_map(|id| pending.iter().find(|r| &r.id == id).map(|r| &r.statement))
                        .collect();
                    let body = batch_json(batch);
                    result.requests += 1;
                    requests.fetch_add(1, Ordering::SeqCst);
                    let answer = post(agent, url, index, &body);
                    let after = epoch.elapsed().as_millis() as u64;
                    match &answer {
                        PostResult::Status { code: 413, .. } => result.too_large += 1,
                        PostResult::Timeout | PostResult::NetworkError(_) => result.lost += 1,
                        _ => {}
                    }
                    let updates = delivery.record(&ids, &answer, after as i64, rng);
                    for u in updates {
                        if let Some(row) = rows.iter_mut().find(|r| r.id == u.id()) {
                            let stored = match &u {
                                RowUpdate::Conflict { .. } => None,
                                _ => None,
                            };
                            row.state = u.settled_state(after as i64, stored);
                        }
                    }
                    Some(after)
                }
                Next::WaitUntil(at) => Some(at.max(0) as u64),
                Next::Idle => {
                    result.done_at_ms = Some(now);
                    None
                }
                Next::Halted(h) => {
                    result.halted = Some(format!("device {index}: {} {}", h.status, h.message));
                    None
                }
            }
        }
        DeviceLogic::Naive { next, not_before } => {
            if *next >= rows.len() {
                result.done_at_ms = Some(now);
                return None;
            }
            if now < *not_before {
                return Some(*not_before);
            }
            let end = (*next + pacer::xapi::outbox::MAX_BATCH).min(rows.len());
            let body = batch_json(rows[*next..end].iter().map(|r| &r.statement));
            result.requests += 1;
            requests.fetch_add(1, Ordering::SeqCst);
            let answer = post(agent, url, index, &body);
            let after = epoch.elapsed().as_millis() as u64;
            match answer {
                PostResult::Status {
                    code: 200 | 204, ..
                } => {
                    for row in &mut rows[*next..end] {
                        row.state = pacer::xapi::OutboxState::Delivered { at: after as i64 };
                    }
                    *next = end;
                    Some(after)
                }
                // Any failure: try again in a second, like its neighbours, whatever the server said.
                _ => {
                    *not_before = after + 1000;
                    Some(*not_before)
                }
            }
        }
    }
}

fn post(agent: &ureq::Agent, url: &str, device: usize, body: &str) -> PostResult {
    let answer = agent
        .post(url)
        .header("X-Experience-API-Version", "1.0.3")
        .header("Authorization", &basic_auth())
        .header("Content-Type", "application/json")
        .header(DEVICE_HEADER, &device.to_string())
        .send(body);
    match answer {
        Ok(mut r) => {
            let code = r.status().as_u16();
            let retry_after_ms = r
                .headers()
                .get("Retry-After")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(|s| s * 1000);
            let body = r.body_mut().read_to_string().unwrap_or_default();
            PostResult::Status {
                code,
                retry_after_ms,
                body,
            }
        }
        Err(ureq::Error::Timeout(_)) => PostResult::Timeout,
        Err(e) => PostResult::NetworkError(e.to_string()),
    }
}

/// Runs one herd against a fresh front before `ralph`, and fills in what the front saw.
pub fn run_through_front(herd: Herd, ralph: &Ralph, capacity: Capacity) -> Result<Outcome, String> {
    let epoch = Instant::now();
    let front = Front::start(&ralph.endpoint, capacity, epoch)?;
    let mut outcome = run(herd, &front.url, epoch);
    let log = front.stop();
    let seconds = log.iter().map(|s| s.at_ms / 1000).max().unwrap_or(0) as usize + 1;
    let mut arrivals = vec![0u64; seconds];
    let mut admitted = vec![0u64; seconds];
    let mut told: HashMap<u32, (u64, u64)> = HashMap::new();
    for s in &log {
        let sec = (s.at_ms / 1000) as usize;
        arrivals[sec] += 1;
        if let Some((refused_at, wait)) = told.get(&s.device) {
            if s.at_ms < refused_at + wait {
                outcome.early_retries += 1;
            }
        }
        match s.verdict {
            Verdict::Busy(wait) => {
                outcome.refused += 1;
                told.insert(s.device, (s.at_ms, wait));
            }
            Verdict::TooLarge => {
                outcome.refused += 1;
                outcome.too_large += 1;
            }
            Verdict::Admitted => {
                admitted[sec] += 1;
                told.remove(&s.device);
            }
        }
    }
    outcome.peak_rps = arrivals.iter().copied().max().unwrap_or(0);
    outcome.peak_admitted_rps = admitted.iter().copied().max().unwrap_or(0);
    let mut sorted = arrivals.clone();
    sorted.sort_unstable();
    outcome.arrivals_per_s = arrivals.clone();
    outcome.p95_rps =
        sorted[((sorted.len() as f64 * 0.95).ceil() as usize).clamp(1, sorted.len()) - 1];
    Ok(outcome)
}

/// The audit: how many times Ralph holds each of `ids` (read back through its statements API).
#[derive(Debug, Clone, Default)]
pub struct Audit {
    pub expected: usize,
    pub stored_once: usize,
    pub duplicated: usize,
    pub missing: usize,
    /// Statements Ralph holds that no device of these runs sent.
    pub strangers: usize,
}

impl Audit {
    pub fn clean(&self) -> bool {
        self.stored_once == self.expected && self.duplicated == 0 && self.missing == 0
    }
}

/// Reads every statement Ralph holds and counts each expected id.
pub fn audit(ralph: &Ralph, expected: &[String]) -> Result<Audit, String> {
    #[derive(serde::Deserialize)]
    struct Page {
        statements: Vec<IdOnly>,
        #[serde(default)]
        more: Option<String>,
    }
    #[derive(serde::Deserialize)]
    struct IdOnly {
        id: String,
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(600)))
        .build()
        .into();
    let base = with_slash(&ralph.endpoint);
    let origin = base
        .find("/xAPI/")
        .map(|i| base[..i].to_owned())
        .unwrap_or_else(|| base.clone());
    let mut counts: HashMap<String, u32> = HashMap::new();
    let mut next = Some(format!("{base}statements?limit={}", expected.len() + 1000));
    while let Some(url) = next.take() {
        let mut r = agent
            .get(&url)
            .header("X-Experience-API-Version", "1.0.3")
            .header("Authorization", &basic_auth())
            .call()
            .map_err(|e| format!("audit GET: {e}"))?;
        if r.status().as_u16() != 200 {
            return Err(format!("audit GET {url}: HTTP {}", r.status()));
        }
        let text = r
            .body_mut()
            .with_config()
            .limit(1 << 31)
            .read_to_string()
            .map_err(|e| format!("audit body: {e}"))?;
        let page: Page = serde_json::from_str(&text).map_err(|e| format!("audit JSON: {e}"))?;
        let got = page.statements.len();
        for s in page.statements {
            *counts.entry(s.id).or_default() += 1;
        }
        next = page.more.filter(|m| !m.is_empty() && got > 0).map(|m| {
            if m.starts_with('/') {
                format!("{origin}{m}")
            } else {
                m
            }
        });
    }
    let wanted: HashSet<&str> = expected.iter().map(String::as_str).collect();
    let mut audit = Audit {
        expected: expected.len(),
        ..Audit::default()
    };
    for id in expected {
        match counts.get(id) {
            None => audit.missing += 1,
            Some(1) => audit.stored_once += 1,
            Some(_) => audit.duplicated += 1,
        }
    }
    audit.strangers = counts
        .keys()
        .filter(|k| !wanted.contains(k.as_str()))
        .count();
    Ok(audit)
}

/// The repository root (this file is `tests/herd/sim.rs`).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
