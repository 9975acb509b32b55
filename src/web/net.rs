//! HTTP for the player: fetching package files and POSTing statements to the LRS. Thin wrappers over
//! `fetch` that hide the `JsValue` plumbing.

pub use crate::config::LrsConfig;
use crate::xapi::cmi5::requests::XAPI_VERSION;
use crate::xapi::{flush, PostResult};
use gloo::timers::callback::Timeout;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, Request, RequestInit, Response};

pub use crate::pack::unpack::GET_TIMEOUT_MS;
use crate::pack::unpack::{Got, Tries};

thread_local! {
    static GET_TIMEOUT: Cell<u32> = const { Cell::new(GET_TIMEOUT_MS) };
    /// Package files the host page started fetching before the player was compiled (`www/app.js`):
    /// absolute URL -> a promise of `{text}` or, for an HTTP error, `{status, statusText}`; it rejects
    /// when no answer came in time. Each is used once, as the first of the player's tries.
    static PREFETCHED: RefCell<Option<js_sys::Map>> = const { RefCell::new(None) };
}

/// Takes the host page's prefetched files (a `Map` of URL to a promise, see `PREFETCHED`; anything else
/// is ignored): on a slow network each file started while the wasm downloads saves a round trip after it.
pub fn use_prefetched(files: &JsValue) {
    let map = files.dyn_ref::<js_sys::Map>().cloned();
    PREFETCHED.with(|p| *p.borrow_mut() = map);
}

/// The page's prefetch of `url`, if it started one (each is used once).
fn prefetched(url: &str) -> Option<js_sys::Promise> {
    let key = JsValue::from_str(url);
    PREFETCHED.with(|p| {
        let map = p.borrow();
        let map = map.as_ref()?;
        let found = map.get(&key);
        map.delete(&key);
        found.dyn_into::<js_sys::Promise>().ok()
    })
}

/// What the page's prefetch came to: `{text}`, `{status, statusText}`, or a rejection (a
/// `TimeoutError` when no answer came in time).
async fn from_prefetch(promise: js_sys::Promise) -> Got<JsValue> {
    let answer = match JsFuture::from(promise).await {
        Ok(answer) => answer,
        Err(e) => {
            let timed_out =
                (e.dyn_ref::<js_sys::Error>()).is_some_and(|e| e.name() == "TimeoutError");
            let error = describe(e);
            return Got::Lost { timed_out, error };
        }
    };
    let field = |name: &str| js_sys::Reflect::get(&answer, &JsValue::from_str(name)).ok();
    match field("text").filter(JsValue::is_string) {
        Some(text) => Got::Body(text),
        None => Got::Status {
            status: field("status").and_then(|s| s.as_f64()).unwrap_or(0.0),
            text: (field("statusText").and_then(|s| s.as_string())).unwrap_or_default(),
        },
    }
}

/// Sets the GET time limit for this page (the config's `fetchTimeoutMs`).
pub fn set_get_timeout(ms: u32) {
    GET_TIMEOUT.with(|t| t.set(ms.max(1)));
}

/// GETs `url` as text. Errors describe the failure in words for the error panel.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    get(url, false)
        .await?
        .as_string()
        .ok_or_else(|| format!("{url}: the body is not text"))
}

/// GETs `url` as bytes.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    Ok(js_sys::Uint8Array::new(&get(url, true).await?).to_vec())
}

/// GETs `url` and reads its body (text, or an ArrayBuffer when `bytes`): the page's prefetch of a text
/// first when it started one, then fetches, for as long as [`Tries`] says.
async fn get(url: &str, bytes: bool) -> Result<JsValue, String> {
    let limit = GET_TIMEOUT.with(Cell::get);
    let mut tries = Tries::after(0, String::new());
    let mut prefetch = if bytes { None } else { prefetched(url) };
    loop {
        let got = match prefetch.take() {
            Some(promise) => from_prefetch(promise).await,
            None => get_once(url, bytes, limit).await,
        };
        if let Some(done) = tries.got(url, limit, got) {
            return done;
        }
    }
}

async fn get_once(url: &str, bytes: bool, limit: u32) -> Got<JsValue> {
    let init = RequestInit::new();
    init.set_method("GET");
    // Kept until the body is read: a body that stops arriving is aborted too.
    let (_abort, fired) = deadline(&init, limit);
    let lost = |e: JsValue| Got::Lost {
        timed_out: fired.get(),
        error: describe(e),
    };
    let response = match send(url, &init).await {
        Ok(response) => response,
        Err(error) => {
            return Got::Lost {
                timed_out: fired.get(),
                error,
            }
        }
    };
    if !response.ok() {
        return Got::Status {
            status: f64::from(response.status()),
            text: response.status_text(),
        };
    }
    let body = match if bytes {
        response.array_buffer()
    } else {
        response.text()
    } {
        Ok(body) => body,
        Err(e) => return Got::Unreadable(describe(e)),
    };
    JsFuture::from(body).await.map_or_else(lost, Got::Body)
}

/// Aborts the request `init` makes after `ms`; the flag says whether it did. The timer is cancelled
/// when dropped: keep it until the answer is read.
fn deadline(init: &RequestInit, ms: u32) -> (Option<Timeout>, Rc<Cell<bool>>) {
    let fired = Rc::new(Cell::new(false));
    let timer = AbortController::new().ok().map(|c| {
        init.set_signal(Some(&c.signal()));
        let fired = fired.clone();
        Timeout::new(ms, move || {
            fired.set(true);
            c.abort();
        })
    });
    (timer, fired)
}

/// How long a statements POST may take before it counts as lost.
pub const POST_TIMEOUT_MS: u32 = 20_000;

/// POSTs a JSON array of statements and says what came back.
pub async fn post_statements(lrs: &LrsConfig, body: &str) -> PostResult {
    let Ok(init) = statements_request(lrs, body) else {
        return PostResult::NetworkError("the request could not be built".into());
    };
    let (abort, fired) = deadline(&init, lrs.timeout_ms.unwrap_or(POST_TIMEOUT_MS));
    let url = flush::statements_url(&lrs.endpoint);
    let result = send(&url, &init).await;
    drop(abort); // cancels the timer if it has not fired
    let timed_out = fired.get();
    match result {
        Ok(response) => {
            let code = response.status();
            let retry_after_ms = response
                .headers()
                .get("Retry-After")
                .ok()
                .flatten()
                .and_then(|v| {
                    flush::retry_after_ms(&v, js_sys::Date::now(), |date| {
                        Some(js_sys::Date::parse(date))
                    })
                });
            let body = match response.text() {
                Ok(p) => JsFuture::from(p)
                    .await
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default(),
                Err(_) => String::new(),
            };
            PostResult::Status {
                code,
                retry_after_ms,
                body,
            }
        }
        Err(_) if timed_out => PostResult::Timeout,
        Err(e) => PostResult::NetworkError(e),
    }
}

/// Fires a POST that may outlive the page (`keepalive`), for `pagehide`. Its answer is never read: what
/// it delivered is resent on the next flush and the LRS answers 204 to the identical statements.
pub fn post_statements_keepalive(lrs: &LrsConfig, body: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(init) = statements_request(lrs, body) else {
        return;
    };
    let _ = js_sys::Reflect::set(&init, &JsValue::from_str("keepalive"), &JsValue::TRUE);
    let url = flush::statements_url(&lrs.endpoint);
    if let Ok(request) = Request::new_with_str_and_init(&url, &init) {
        let _ = window.fetch_with_request(&request);
    }
}

/// The statement the LRS holds under `id`, as JSON text (for recording a 409 conflict).
pub async fn get_statement(lrs: &LrsConfig, id: &str) -> Option<String> {
    let url = flush::statement_url(&lrs.endpoint, id);
    request_text(&url, "GET", Some(&lrs.auth)).await.ok()
}

/// `method` on `url`, with the xAPI headers and `authorization` when given (an LRS's, the LMS's), and
/// the body of a 2xx answer as text. Errors name the URL.
pub async fn request_text(
    url: &str,
    method: &str,
    authorization: Option<&str>,
) -> Result<String, String> {
    let init = RequestInit::new();
    init.set_method(method);
    if let Some(authorization) = authorization {
        let headers = xapi_headers(authorization).map_err(describe)?;
        init.set_headers(&headers);
    }
    let response = send(url, &init).await.map_err(|e| format!("{url}: {e}"))?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(describe)?)
        .await
        .map_err(describe)?;
    text.as_string()
        .ok_or_else(|| format!("{url}: the body is not text"))
}

fn xapi_headers(authorization: &str) -> Result<Headers, JsValue> {
    let headers = Headers::new()?;
    headers.set("X-Experience-API-Version", XAPI_VERSION)?;
    headers.set("Authorization", authorization)?;
    Ok(headers)
}

fn statements_request(lrs: &LrsConfig, body: &str) -> Result<RequestInit, JsValue> {
    let headers = xapi_headers(&lrs.auth)?;
    headers.set("Content-Type", "application/json")?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(body));
    Ok(init)
}

async fn send(url: &str, init: &RequestInit) -> Result<Response, String> {
    let window = web_sys::window().ok_or("no window")?;
    let request = Request::new_with_str_and_init(url, init).map_err(describe)?;
    let value = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(describe)?;
    value.dyn_into::<Response>().map_err(describe)
}

/// A readable message from a JS error value.
pub fn describe(value: JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}
