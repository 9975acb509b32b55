//! DOM events the player dispatches on its element, for host pages and LMS operators: `pacer:ready`,
//! `pacer:attempt`, `pacer:mastery`, `pacer:completed`, `pacer:statement`, `pacer:error`. Each bubbles and carries a JSON `detail`; none carries
//! author content as HTML or anything the operator did not configure.

use serde_json::Value;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, Element};

/// Dispatches `pacer:error` on `target`: `message`, a line per problem in `details`, and, for a problem
/// of one entry of the config that did not stop the player (the theme), that entry as `config`.
pub fn error(target: &Element, message: &str, details: &[String], config: Option<&str>) {
    let mut detail = serde_json::json!({ "message": message, "details": details });
    if let (Some(config), Some(fields)) = (config, detail.as_object_mut()) {
        fields.insert("config".to_owned(), config.into());
    }
    emit(target, "error", &detail);
}

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
