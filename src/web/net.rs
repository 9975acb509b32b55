//! HTTP for the player: fetching package files and POSTing statements to the LRS. Thin wrappers over
//! `fetch` that hide the `JsValue` plumbing.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, Request, RequestInit, Response};

/// Where the player sends statements.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LrsConfig {
    /// The xAPI base URL, ending in `/` (`http://127.0.0.1:8100/xAPI/`).
    pub endpoint: String,
    /// The full `Authorization` header value (`Basic ...`).
    pub auth: String,
}

/// GETs `url` as text. Errors describe the failure in words for the error panel.
pub async fn fetch_text(url: &str) -> Result<String, String> {
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
    let text = JsFuture::from(response.text().map_err(describe)?)
        .await
        .map_err(describe)?;
    text.as_string()
        .ok_or_else(|| format!("{url}: the body is not text"))
}

/// POSTs a JSON array of statements; returns the HTTP status, or `None` when no answer came back.
pub async fn post_statements(lrs: &LrsConfig, body: &str) -> Option<u16> {
    let headers = Headers::new().ok()?;
    headers.set("Content-Type", "application/json").ok()?;
    headers.set("X-Experience-API-Version", "1.0.3").ok()?;
    headers.set("Authorization", &lrs.auth).ok()?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(body));
    let url = format!("{}statements", with_slash(&lrs.endpoint));
    send(&url, &init).await.ok().map(|r| r.status())
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
