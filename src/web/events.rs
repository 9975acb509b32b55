//! DOM events the player dispatches on its element, for host pages and LMS operators: `pacer:ready`,
//! `pacer:attempt`, `pacer:mastery`, `pacer:completed`, `pacer:statement`, `pacer:error`. Each bubbles and carries a JSON `detail`; none carries
//! author content as HTML or anything the operator did not configure.

use serde_json::Value;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, Element};

/// Dispatches `pacer:{name}` on `target` with `detail`.
pub fn emit(target: &Element, name: &str, detail: &Value) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    let detail = js_sys::JSON::parse(&detail.to_string()).unwrap_or(JsValue::NULL);
    init.set_detail(&detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(&format!("pacer:{name}"), &init) {
        let _ = target.dispatch_event(&event);
    }
}
