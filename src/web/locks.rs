//! The Web Locks API (`navigator.locks`), bound by hand because web-sys only has it behind unstable cfgs.
//! Used so that one tab per origin and learner flushes the outbox at a time.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

#[wasm_bindgen]
extern "C" {
    type LockManager;
    #[wasm_bindgen(method)]
    fn request(
        this: &LockManager,
        name: &str,
        options: &JsValue,
        callback: &js_sys::Function,
    ) -> js_sys::Promise;
}

/// Runs `work` while holding the lock `name`, if no other tab holds it. Returns whether it ran.
/// Where the API is missing, `work` runs unguarded: statement ids make a double send harmless.
pub async fn run_exclusive<F>(name: &str, work: F) -> bool
where
    F: Future<Output = ()> + 'static,
{
    let locks = web_sys::window()
        .map(|w| w.navigator())
        .and_then(|n| js_sys::Reflect::get(&n, &JsValue::from_str("locks")).ok())
        .filter(|l| !l.is_undefined() && !l.is_null());
    let Some(locks) = locks else {
        work.await;
        return true;
    };
    let ran = Rc::new(Cell::new(false));
    let ran_inside = ran.clone();
    let callback = Closure::once(move |lock: JsValue| -> js_sys::Promise {
        if lock.is_null() {
            return js_sys::Promise::resolve(&JsValue::UNDEFINED);
        }
        ran_inside.set(true);
        future_to_promise(async move {
            work.await;
            Ok(JsValue::UNDEFINED)
        })
    });
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &JsValue::from_str("ifAvailable"), &JsValue::TRUE);
    let manager: LockManager = locks.unchecked_into();
    let _ =
        JsFuture::from(manager.request(name, &options, callback.as_ref().unchecked_ref())).await;
    ran.get()
}
