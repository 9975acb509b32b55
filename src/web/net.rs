//! HTTP for the player: fetching package files and POSTing statements to the LRS. Thin wrappers over
//! `fetch` that hide the `JsValue` plumbing.

use crate::xapi::PostResult;
use gloo::timers::callback::Timeout;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, Request, RequestInit, Response};

/// Where the player sends statements.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LrsConfig {
    /// The xAPI base URL, ending in `/` (`http://127.0.0.1:8100/xAPI/`).
    pub endpoint: String,
    /// The full `Authorization` header value (`Basic ...`).
    pub auth: String,
    /// How long a POST may take before it counts as lost (default [`POST_TIMEOUT_MS`]).
    #[serde(default)]
    pub timeout_ms: Option<u32>,
}

/// GETs `url` as text. Errors describe the failure in words for the error panel.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let response = get_ok(url).await?;
    let text = JsFuture::from(response.text().map_err(describe)?)
        .await
        .map_err(describe)?;
    text.as_string()
        .ok_or_else(|| format!("{url}: the body is not text"))
}

/// GETs `url`; an HTTP error status is an error naming it.
async fn get_ok(url: &str) -> Result<web_sys::Response, String> {
    let init = RequestInit::new();
    init.set_method("GET");
    let response = send(url, &init)
        .await
        .map_err(|e| format!("could not fetch {url}: {e}"))?;
    if !response.ok() {
        return Err(format!(
            "{url}: HTTP {} {}",
            response.status(),
            response.status_text()
        ));
    }
    Ok(response)
}

/// GETs `url` as bytes.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let response = get_ok(url).await?;
    let buffer = JsFuture::from(response.array_buffer().map_err(describe)?)
        .await
        .map_err(describe)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// How long a statements POST may take before it counts as lost.
pub const POST_TIMEOUT_MS: u32 = 20_000;

/// POSTs a JSON array of statements and says what came back.
pub async fn post_statements(lrs: &LrsConfig, body: &str) -> PostResult {
    let Ok(init) = statements_request(lrs, body) else {
        return PostResult::NetworkError("the request could not be built".into());
    };
    let controller = AbortController::new().ok();
    if let Some(c) = &controller {
        init.set_signal(Some(&c.signal()));
    }
    let fired = Rc::new(Cell::new(false));
    let abort = controller.map(|c| {
        let fired = fired.clone();
        Timeout::new(lrs.timeout_ms.unwrap_or(POST_TIMEOUT_MS), move || {
            fired.set(true);
            c.abort();
        })
    });
    let url = format!("{}statements", with_slash(&lrs.endpoint));
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
                .and_then(|v| retry_after_ms(&v, js_sys::Date::now()));
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
    let url = format!("{}statements", with_slash(&lrs.endpoint));
    if let Ok(request) = Request::new_with_str_and_init(&url, &init) {
        let _ = window.fetch_with_request(&request);
    }
}

/// The statement the LRS holds under `id`, as JSON text (for recording a 409 conflict).
pub async fn get_statement(lrs: &LrsConfig, id: &str) -> Option<String> {
    let headers = xapi_headers(lrs).ok()?;
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_headers(&headers);
    let url = format!(
        "{}statements?statementId={}",
        with_slash(&lrs.endpoint),
        js_sys::encode_uri_component(id)
    );
    let response = send(&url, &init).await.ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}

fn xapi_headers(lrs: &LrsConfig) -> Result<Headers, JsValue> {
    let headers = Headers::new()?;
    headers.set("X-Experience-API-Version", "1.0.3")?;
    headers.set("Authorization", &lrs.auth)?;
    Ok(headers)
}

fn statements_request(lrs: &LrsConfig, body: &str) -> Result<RequestInit, JsValue> {
    let headers = xapi_headers(lrs)?;
    headers.set("Content-Type", "application/json")?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(body));
    Ok(init)
}

/// `Retry-After` as milliseconds from now: either delay-seconds or an HTTP date.
fn retry_after_ms(value: &str, now_ms: f64) -> Option<u64> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(seconds.saturating_mul(1000));
    }
    let at = js_sys::Date::parse(value);
    (!at.is_nan()).then(|| (at - now_ms).max(0.0) as u64)
}

fn with_slash(endpoint: &str) -> String {
    if endpoint.ends_with('/') {
        endpoint.to_owned()
    } else {
        format!("{endpoint}/")
    }
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
