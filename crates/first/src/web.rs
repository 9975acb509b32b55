//! The module's entry points in the page: `draw` (both variants) and, with the `answer` feature, `check`.
//!
//! The DOM calls are the shell's (`web::dom::draw`: `createElement(NS)`, `setAttribute`, text nodes,
//! never markup), bound without `catch` as the shell binds them: every tag and attribute name is a
//! constant of the player's builders, and author text only goes into attribute values and text nodes.

use pacer::view::{Element as VElement, Node as VNode};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = Node)]
    type Raw;
    #[wasm_bindgen(thread_local_v2, js_name = document)]
    static DOCUMENT: Raw;
    #[wasm_bindgen(method, js_name = createElement)]
    fn create(this: &Raw, tag: &str) -> Raw;
    #[wasm_bindgen(method, js_name = createElementNS)]
    fn create_ns(this: &Raw, namespace: &str, tag: &str) -> Raw;
    #[wasm_bindgen(method, js_name = createTextNode)]
    fn create_text(this: &Raw, text: &str) -> Raw;
    #[wasm_bindgen(method, js_name = setAttribute)]
    fn set_attr(this: &Raw, name: &str, value: &str);
    #[wasm_bindgen(method, js_name = appendChild)]
    fn append(this: &Raw, child: &Raw);
}

fn draw_node(node: &VNode) -> Raw {
    match node {
        VNode::Text(t) => DOCUMENT.with(|d| d.create_text(t)),
        VNode::Element(e) => draw_el(e),
    }
}

fn draw_el(e: &VElement) -> Raw {
    let made = DOCUMENT.with(|d| match e.space.uri() {
        None => d.create(e.tag),
        Some(uri) => d.create_ns(uri, e.tag),
    });
    for (name, value) in &e.attrs {
        made.set_attr(name, value);
    }
    for n in &e.children {
        if matches!(n, VNode::Text(t) if t.is_empty()) {
            continue;
        }
        made.append(&draw_node(n));
    }
    made
}

/// Keeps the form's bytes for the page's life: the decoded tree's strings borrow from them.
fn keep(bytes: Vec<u8>) -> &'static [u8] {
    Box::leak(bytes.into_boxed_slice())
}

/// Variant A: draws the screen in `bytes` (a postcard `view::Node`) into `parent`. False when the bytes
/// are not a screen.
#[cfg(not(any(feature = "answer", feature = "key")))]
#[wasm_bindgen]
pub fn draw(bytes: Vec<u8>, parent: &JsValue) -> bool {
    match crate::form::decode::<VNode>(keep(bytes)) {
        Ok(screen) => {
            parent.unchecked_ref::<Raw>().append(&draw_node(&screen));
            true
        }
        Err(_) => false,
    }
}

#[cfg(feature = "answer")]
mod answer {
    //! Variant B: the first item answered in this module, its attempt stored before its feedback shows.

    use super::{draw_node, keep, Raw};
    use crate::form::First;
    use pacer::check::numeric::decimal_mark_for;
    use pacer::check::{score, Context, Response};
    use pacer::json::{parse, FromJson, Path};
    use pacer::package::{Interaction, Item};
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;
    use web_sys::{Element, HtmlInputElement};

    struct State {
        first: First,
        item: Item,
    }

    thread_local! {
        static STATE: RefCell<Option<State>> = const { RefCell::new(None) };
    }

    /// Draws the first item in `bytes` (a postcard [`First`]) into `parent` and keeps the item for
    /// [`check`]. False when the bytes are not a first item.
    #[wasm_bindgen]
    pub fn draw(bytes: Vec<u8>, parent: &JsValue) -> bool {
        let Ok(first) = crate::form::decode::<First>(keep(bytes)) else {
            return false;
        };
        let Ok(json) = parse(&first.item) else {
            return false;
        };
        let Ok(item) = Item::from_json(&json, Path::root(0)) else {
            return false;
        };
        parent
            .unchecked_ref::<Raw>()
            .append(&draw_node(&first.screen));
        STATE.with(|s| *s.borrow_mut() = Some(State { first, item }));
        true
    }

    /// The answer the form holds, for the types this module draws (`view::controls::build`'s).
    #[cfg_attr(feature = "read-only", allow(dead_code))]
    fn read(form: &Element, item: &Item) -> Option<Response> {
        let checked = || -> Vec<String> {
            let Ok(list) = form.query_selector_all("input[name=choice]:checked") else {
                return Vec::new();
            };
            (0..list.length())
                .filter_map(|i| list.item(i))
                .filter_map(|n| n.dyn_into::<HtmlInputElement>().ok())
                .map(|i| i.value())
                .collect()
        };
        let value_of = |selector: &str| -> Option<String> {
            let e = form.query_selector(selector).ok()??;
            if let Some(i) = e.dyn_ref::<HtmlInputElement>() {
                return Some(i.value());
            }
            e.dyn_ref::<web_sys::HtmlSelectElement>().map(|s| s.value())
        };
        let response = match &item.interaction {
            Interaction::SingleChoice { .. } => Response::Choice {
                option: checked().into_iter().next()?,
            },
            Interaction::MultipleResponse { .. } => Response::Choices { options: checked() },
            Interaction::TrueFalse { .. } => Response::Bool {
                value: checked().into_iter().next()? == "true",
            },
            Interaction::Numeric { .. } => Response::Number {
                input: value_of("input[name=answer]")?,
            },
            Interaction::ShortText { .. } => Response::Text {
                input: value_of("input[name=answer]")?,
            },
            Interaction::Expression { .. } => Response::Expression {
                input: value_of("input[name=answer]")?,
            },
            Interaction::Cloze { blanks, .. } => Response::Blanks {
                values: blanks
                    .iter()
                    .filter_map(|b| {
                        let v = value_of(&format!("[name=\"blank-{}\"]", b.id()))?;
                        Some((b.id().to_owned(), v))
                    })
                    .collect(),
            },
            Interaction::Ordering { .. } => {
                let list = form.query_selector_all("li[data-id]").ok()?;
                Response::Order {
                    order: (0..list.length())
                        .filter_map(|i| list.item(i))
                        .filter_map(|n| n.dyn_into::<Element>().ok())
                        .filter_map(|e| e.get_attribute("data-id"))
                        .collect(),
                }
            }
            Interaction::Matching { pairs, .. } => Response::Pairs {
                pairs: pairs
                    .iter()
                    .filter_map(|p| {
                        let v = value_of(&format!("[name=\"pair-{}\"]", p.id))?;
                        (!v.is_empty()).then(|| (p.id.clone(), v))
                    })
                    .collect(),
            },
            // Drawn by the full player only: this module never shows them.
            _ => return None,
        };
        (!response.is_empty()).then_some(response)
    }

    /// Reads the answer in `form`, scores it, stores the attempt in IndexedDB and only then shows the
    /// verdict and feedback in the form's message line and calls `done(correct)`. False (nothing stored)
    /// when there is no answer to check yet or it cannot be scored. (Not exported with `read-only`, which
    /// measures drawing and reading the item without the scorer.)
    #[cfg_attr(not(feature = "read-only"), wasm_bindgen)]
    #[cfg_attr(feature = "read-only", allow(dead_code))]
    pub fn check(form: &web_sys::Element, done: js_sys::Function) -> bool {
        STATE.with(|s| {
            let state = s.borrow();
            let Some(State { first, item }) = state.as_ref() else {
                return false;
            };
            let Some(response) = read(form, item) else {
                return false;
            };
            let cx = Context {
                values: &Default::default(),
                mark: decimal_mark_for(&first.lang),
                language: &first.lang,
                default_language: &first.default,
            };
            let Ok(outcome) = score(item, &response, &cx) else {
                return false;
            };
            let verdict = if outcome.correct {
                &first.correct
            } else {
                &first.incorrect
            };
            let detail = outcome
                .feedback
                .as_ref()
                .map(|t| t.get(&first.lang, &first.default).to_owned());
            let message = form.query_selector(".message").ok().flatten();
            let correct = outcome.correct;
            let verdict = verdict.clone();
            let show = move || {
                if let Some(m) = &message {
                    let text = match &detail {
                        Some(d) => format!("{verdict} {d}"),
                        None => verdict,
                    };
                    m.set_text_content(Some(&text));
                }
                let _ = done.call1(&JsValue::NULL, &JsValue::from_bool(correct));
            };
            let row = super::store::record(&item.id, &response, outcome.correct, outcome.score);
            super::store::put(row, show);
            true
        })
    }
}

#[cfg(feature = "key")]
mod keyed {
    //! Variant B-key: the first item answered with the outcomes `pacer pack` worked out, its attempt
    //! stored before its feedback shows. No scorer, no item reader.

    use super::{draw_node, keep, Raw};
    use crate::form::Keyed;
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;
    use web_sys::HtmlInputElement;

    thread_local! {
        static STATE: RefCell<Option<Keyed>> = const { RefCell::new(None) };
    }

    /// Draws the first item in `bytes` (a postcard [`Keyed`]) into `parent` and keeps its outcomes for
    /// [`check`]. False when the bytes are not a keyed first item.
    #[wasm_bindgen]
    pub fn draw(bytes: Vec<u8>, parent: &JsValue) -> bool {
        let Ok(keyed) = crate::form::decode::<Keyed>(keep(bytes)) else {
            return false;
        };
        parent
            .unchecked_ref::<Raw>()
            .append(&draw_node(&keyed.screen));
        STATE.with(|s| *s.borrow_mut() = Some(keyed));
        true
    }

    /// Reads the checked options in `form`, finds their outcome, stores the attempt in IndexedDB and
    /// only then shows the verdict and feedback and calls `done(correct)`. False (nothing stored) when
    /// nothing is checked.
    #[wasm_bindgen]
    pub fn check(form: &web_sys::Element, done: js_sys::Function) -> bool {
        let Ok(list) = form.query_selector_all("input[name=choice]:checked") else {
            return false;
        };
        let mut checked: Vec<String> = (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<HtmlInputElement>().ok())
            .map(|i| i.value())
            .collect();
        if checked.is_empty() {
            return false;
        }
        checked.sort_unstable();
        let answer = checked.join(",");
        STATE.with(|s| {
            let state = s.borrow();
            let Some(keyed) = state.as_ref() else {
                return false;
            };
            let Some(o) = keyed.outcomes.iter().find(|o| o.answer == answer) else {
                return false;
            };
            let verdict = if o.correct {
                &keyed.correct
            } else {
                &keyed.incorrect
            };
            let text = match &o.feedback {
                Some(d) => format!("{verdict} {d}"),
                None => verdict.clone(),
            };
            let message = form.query_selector(".message").ok().flatten();
            let correct = o.correct;
            let row = super::store::record_answer(&keyed.item_id, &answer, o.correct, o.score);
            super::store::put(row, move || {
                if let Some(m) = &message {
                    m.set_text_content(Some(&text));
                }
                let _ = done.call1(&JsValue::NULL, &JsValue::from_bool(correct));
            });
            true
        })
    }
}

#[cfg(any(feature = "answer", feature = "key"))]
#[cfg_attr(feature = "read-only", allow(dead_code))]
mod store {
    //! The attempt, stored in its own small database (`pacer-first`, store `pending`) that the full
    //! player would take over: creating the player's whole schema here would cost the module its size.

    #[cfg(feature = "answer")]
    use pacer::check::Response;
    use wasm_bindgen::prelude::*;

    const DB: &str = "pacer-first";
    const STORE: &str = "pending";

    /// The attempt as a JS object.
    #[cfg(all(feature = "answer", not(feature = "js-record")))]
    pub fn record(item: &str, response: &Response, correct: bool, score: f64) -> JsValue {
        #[derive(serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Attempt<'a> {
            id: String,
            item_id: &'a str,
            response: &'a Response,
            correct: bool,
            score: f64,
            at: f64,
        }
        let at = js_sys::Date::now();
        let a = Attempt {
            id: format!("{item}@{}", at as u64),
            item_id: item,
            response,
            correct,
            score,
            at,
        };
        let text = serde_json::to_string(&a).unwrap_or_default();
        js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL)
    }

    /// The attempt as a JS object, built field by field (the response as its xAPI-like text).
    #[cfg(feature = "js-record")]
    pub fn record(item: &str, response: &Response, correct: bool, score: f64) -> JsValue {
        let text = match response {
            Response::Choice { option } => option.clone(),
            Response::Choices { options } => options.join(","),
            Response::Bool { value } => value.to_string(),
            _ => String::new(),
        };
        record_answer(item, &text, correct, score)
    }

    /// The attempt as a JS object built field by field, its answer as text.
    #[cfg(any(feature = "js-record", feature = "key"))]
    pub fn record_answer(item: &str, answer: &str, correct: bool, score: f64) -> JsValue {
        let o = js_sys::Object::new();
        let at = js_sys::Date::now();
        let set = |k: &str, v: JsValue| {
            let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), &v);
        };
        set("id", JsValue::from_str(&format!("{item}@{}", at as u64)));
        set("itemId", JsValue::from_str(item));
        set("answer", JsValue::from_str(answer));
        set("correct", JsValue::from_bool(correct));
        set("score", JsValue::from_f64(score));
        set("at", JsValue::from_f64(at));
        o.into()
    }

    /// Puts the attempt, then calls `then` once the transaction is complete (not before: the learner
    /// sees feedback only for an answer that is stored). If IndexedDB is unavailable, `then` is not called.
    #[cfg(not(feature = "idb-crate"))]
    pub fn put(row: JsValue, then: impl FnOnce() + 'static) {
        use web_sys::{
            IdbDatabase, IdbObjectStoreParameters, IdbOpenDbRequest, IdbTransactionMode,
        };
        let Some(factory) = web_sys::window().and_then(|w| w.indexed_db().ok().flatten()) else {
            return;
        };
        let Ok(request) = factory.open_with_u32(DB, 1) else {
            return;
        };
        let upgrade = Closure::once_into_js({
            let request = request.clone();
            move || {
                if let Some(db) = request
                    .result()
                    .ok()
                    .and_then(|r| r.dyn_into::<IdbDatabase>().ok())
                {
                    let params = IdbObjectStoreParameters::new();
                    params.set_key_path(&JsValue::from_str("id"));
                    let _ = db.create_object_store_with_optional_parameters(STORE, &params);
                }
            }
        });
        request.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
        let opened = Closure::once_into_js({
            let request: IdbOpenDbRequest = request.clone();
            move || {
                let Some(db) = request
                    .result()
                    .ok()
                    .and_then(|r| r.dyn_into::<IdbDatabase>().ok())
                else {
                    return;
                };
                let Ok(tx) = db.transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)
                else {
                    return;
                };
                let Ok(store) = tx.object_store(STORE) else {
                    return;
                };
                if store.put(&row).is_ok() {
                    let complete = Closure::once_into_js(then);
                    tx.set_oncomplete(Some(complete.unchecked_ref()));
                }
            }
        });
        request.set_onsuccess(Some(opened.unchecked_ref()));
    }

    /// As above, with the `idb` crate.
    #[cfg(feature = "idb-crate")]
    pub fn put(row: JsValue, then: impl FnOnce() + 'static) {
        use idb::{DatabaseEvent, Factory, KeyPath, ObjectStoreParams, TransactionMode};
        wasm_bindgen_futures::spawn_local(async move {
            let Ok(factory) = Factory::new() else { return };
            let Ok(mut request) = factory.open(DB, Some(1)) else {
                return;
            };
            request.on_upgrade_needed(|event| {
                if let Ok(db) = event.database() {
                    let mut params = ObjectStoreParams::new();
                    params.key_path(Some(KeyPath::new_single("id")));
                    let _ = db.create_object_store(STORE, params);
                }
            });
            let Ok(db) = request.await else { return };
            let Ok(tx) = db.transaction(&[STORE], TransactionMode::ReadWrite) else {
                return;
            };
            let Ok(store) = tx.object_store(STORE) else {
                return;
            };
            let Ok(put) = store.put(&row, None) else {
                return;
            };
            if put.await.is_err() {
                return;
            }
            if let Ok(commit) = tx.commit() {
                if commit.await.is_ok() {
                    then();
                }
            }
        });
    }
}
