//! The module in the page: draws the form's screen, takes the learner's answer, stores it, then shows
//! its feedback. The root element's `data-first` says where it stands (`drawn`, `storing`, `answered`),
//! for the full player and the tests.

// The page's attributes and the database the player reads when it takes the page over.
use pacer::first::takeover as player;
use pacer::first::{Answer, Screen, DONT_KNOW};
use pacer::view::{Element as VElement, Node as VNode};
use std::cell::Cell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement, HtmlInputElement};

thread_local! {
    /// Set once an answer is being stored: the form takes one.
    static ANSWERED: Cell<bool> = const { Cell::new(false) };
    /// The root whose state says [`player::STORING`] while an answer is being stored.
    static STORING: std::cell::RefCell<Option<Element>> = const { std::cell::RefCell::new(None) };
}

/// An answer could not be stored: the form takes another, unless the player took the page over.
fn failed() {
    ANSWERED.with(|a| a.set(false));
    if let Some(root) = STORING.with(|r| r.borrow_mut().take()) {
        if root.get_attribute(player::STATE).as_deref() == Some(player::STORING) {
            let _ = root.set_attribute(player::STATE, player::DRAWN);
        }
    }
}

/// Draws the first item of the form in `bytes` into `root` for a browser asking for `browser`
/// languages, and takes its answer into the database `{db}-first`. False (and nothing drawn) when the
/// bytes are not a form or the form has no screen in the learner's language.
#[wasm_bindgen]
pub fn first(root: Element, bytes: Vec<u8>, browser: Vec<String>, db: String) -> bool {
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    let Ok(form) = crate::decode(bytes) else {
        return false;
    };
    let form: &'static pacer::first::Form = Box::leak(Box::new(form));
    let Some((screen, lang)) = crate::screen_for(form, &browser) else {
        return false;
    };
    root.set_text_content(None);
    let _ = root.set_attribute("lang", &lang);
    let _ = root.set_attribute("dir", &screen.dir);
    let _ = root.append_child(&draw_el(&screen.page));
    let _ = root.set_attribute(player::STATE, player::DRAWN);
    let presented_at = js_sys::Date::now();
    let Ok(Some(item_form)) = root.query_selector("form.item") else {
        return true;
    };
    let pending = Pending {
        root: root.clone(),
        form,
        screen,
        db: format!("{db}{}", player::DB_SUFFIX),
        presented_at,
    };
    let pending: &'static Pending = Box::leak(Box::new(pending));
    let target = item_form.clone();
    listen(&target, "submit", move |event| {
        event.prevent_default();
        let key = read(&item_form);
        if key.is_empty() {
            if let Ok(Some(message)) = item_form.query_selector("p.message") {
                message.set_text_content(Some(&pending.screen.choose_first));
            }
        } else {
            pending.answer(&item_form, &key);
        }
    });
    // Any other button of the item (a hint, the solution, read aloud) is the player's: pressed now, it
    // is remembered, and the player presses it once it is here.
    let pressed = root.clone();
    listen(&root, "click", move |event| {
        let button = (event.target())
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.closest("form.item button").ok().flatten());
        if let Some(button) = button {
            let class = button.get_attribute("class").unwrap_or_default();
            // The player's buttons are named by their last class (`secondary hint-button`).
            let name = class.split(' ').next_back().unwrap_or_default();
            let answers = ["check", "dont-know", "next"];
            if !name.is_empty() && !answers.contains(&name) {
                let _ = pressed.set_attribute(player::PRESS, name);
            }
        }
    });
    // A language picked from the menu is the player's to switch to, once it is here.
    let picked = root.clone();
    listen(&root, "change", move |event| {
        let menu = (event.target()).and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok());
        if let Some(menu) = menu.filter(|m| m.id() == "pacer-language") {
            let _ = picked.set_attribute(player::LANGUAGE, &menu.value());
        }
    });
    if let Ok(Some(button)) = root.query_selector("form.item button.dont-know") {
        let form = root.query_selector("form.item").ok().flatten();
        listen(&button, "click", move |_| {
            if let Some(form) = &form {
                pending.answer(form, DONT_KNOW);
            }
        });
    }
    true
}

/// What answering needs.
struct Pending {
    root: Element,
    form: &'static pacer::first::Form,
    screen: &'static Screen,
    db: String,
    presented_at: f64,
}

impl Pending {
    /// Stores the answer read as `key`, then shows its feedback in place of `item_form`.
    fn answer(&'static self, item_form: &Element, key: &str) {
        let Some(answer) = self.screen.answers.iter().find(|a| a.key == key) else {
            return;
        };
        // Once the full player is taking the page over (it sets `data-first`), answers are its own.
        let drawn = self.root.get_attribute(player::STATE).as_deref() == Some(player::DRAWN);
        if !drawn || ANSWERED.with(|a| a.replace(true)) {
            return;
        }
        let row = self.row(answer);
        let item_form = item_form.clone();
        // Said before the write is asked for: a player reading the rows meanwhile reads them again
        // after it (its read is queued behind this one) rather than miss the answer.
        let _ = self.root.set_attribute(player::STATE, player::STORING);
        STORING.with(|r| *r.borrow_mut() = Some(self.root.clone()));
        add(
            &self.db,
            &row,
            move || self.show(&item_form, answer),
            move || self.elsewhere(),
        );
    }

    /// The stored row: what the full player needs to record the answer as its attempt.
    fn row(&self, answer: &Answer) -> JsValue {
        let row = js_sys::Object::new();
        let set = |k: &str, v: JsValue| {
            let _ = js_sys::Reflect::set(&row, &JsValue::from_str(k), &v);
        };
        set(player::STORE_KEY, self.form.item_id.as_str().into());
        set("activity", self.form.activity_id.as_str().into());
        set("package", self.form.package_id.as_str().into());
        set("version", self.form.package_version.as_str().into());
        set("response", answer.response.as_str().into());
        set("presentedAt", self.presented_at.into());
        set("answeredAt", js_sys::Date::now().into());
        row.into()
    }

    /// Another tab stored an answer to this item first: this one is not stored, the form takes no
    /// other (the player, once here, shows the one stored) and the message line says so.
    fn elsewhere(&self) {
        STORING.with(|r| r.borrow_mut().take());
        if self.root.get_attribute(player::STATE).as_deref() != Some(player::STORING) {
            return;
        }
        let _ = self.root.set_attribute(player::STATE, player::DRAWN);
        if let Ok(Some(message)) = self.root.query_selector("form.item p.message") {
            message.set_text_content(Some(&self.screen.answered_elsewhere));
        }
    }

    /// The feedback of `answer` in place of the answering form, said and focused as the player does.
    fn show(&self, item_form: &Element, answer: &Answer) {
        STORING.with(|r| r.borrow_mut().take());
        // The player took the page over while the answer was being stored: the page is its own.
        if self.root.get_attribute(player::STATE).as_deref() != Some(player::STORING) {
            return;
        }
        let feedback = draw_el(&answer.feedback);
        let _ = item_form.replace_with_with_node_1(&feedback);
        if let Ok(Some(announcer)) = self.root.query_selector("div.announcer") {
            announcer.set_text_content(Some(&answer.said));
        }
        // Next waits for the full player; pressed before, it is remembered for it.
        let root = self.root.clone();
        listen(&feedback, "submit", move |event| {
            event.prevent_default();
            let _ = root.set_attribute(player::NEXT, "");
        });
        if let Ok(Some(next)) = feedback.query_selector("button.next") {
            if let Ok(next) = next.dyn_into::<HtmlElement>() {
                let _ = next.focus();
            }
        }
        let _ = self.root.set_attribute(player::STATE, player::ANSWERED);
    }
}

/// The checked choice inputs' values in the page's order, each followed by a newline (the form's keys).
fn read(form: &Element) -> String {
    let mut key = String::new();
    let Ok(inputs) = form.query_selector_all("input[name=choice]:checked") else {
        return key;
    };
    for n in 0..inputs.length() {
        if let Some(input) = inputs
            .get(n)
            .and_then(|i| i.dyn_into::<HtmlInputElement>().ok())
        {
            key.push_str(&input.value());
            key.push('\n');
        }
    }
    key
}

/// Listens for `kind` on `target` for the page's life.
fn listen(target: &Element, kind: &str, f: impl FnMut(Event) + 'static) {
    let closure = Closure::<dyn FnMut(Event)>::new(f);
    let _ = target.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
    closure.forget();
}

fn draw_node(node: &VNode) -> Option<web_sys::Node> {
    let document = web_sys::window()?.document()?;
    match node {
        VNode::Text(t) if t.is_empty() => None,
        VNode::Text(t) => Some(document.create_text_node(t).into()),
        VNode::Element(e) => Some(draw_el(e).into()),
    }
}

/// Draws `e` as `web::dom::draw` does.
fn draw_el(e: &VElement) -> Element {
    let document = web_sys::window().and_then(|w| w.document());
    let made = document.and_then(|d| match e.space.uri() {
        None => d.create_element(e.tag).ok(),
        Some(uri) => d.create_element_ns(Some(uri), e.tag).ok(),
    });
    let Some(made) = made else {
        // Only without a document, which a page always has.
        return js_sys::Object::new().unchecked_into();
    };
    for (name, value) in &e.attrs {
        let _ = made.set_attribute(name, value);
    }
    if !e.styles.is_empty() {
        // Through the CSSOM, as the shell does (a strict `style-src` blocks a `style` attribute).
        let style = js_sys::Reflect::get(&made, &JsValue::from_str("style"))
            .ok()
            .map(|s| s.unchecked_into::<web_sys::CssStyleDeclaration>());
        if let Some(style) = style {
            for (name, value) in &e.styles {
                let _ = style.set_property(name, value);
            }
        }
    }
    for n in &e.children {
        if let Some(child) = draw_node(n) {
            let _ = made.append_child(&child);
        }
    }
    made
}

/// Adds `row` to the pending store of `db`, then calls `then` once the transaction is complete (not
/// before: the learner sees feedback only for an answer that is stored). If a row for the item is there
/// already (another tab's), `elsewhere` is called instead. If IndexedDB fails, neither is called and the
/// form stays as it was, for the full player to take.
fn add(db: &str, row: &JsValue, then: impl FnOnce() + 'static, elsewhere: impl FnOnce() + 'static) {
    use web_sys::{IdbDatabase, IdbObjectStoreParameters, IdbOpenDbRequest, IdbTransactionMode};
    let Some(factory) = web_sys::window().and_then(|w| w.indexed_db().ok().flatten()) else {
        return failed();
    };
    let Ok(request) = factory.open_with_u32(db, 1) else {
        return failed();
    };
    let upgrade = Closure::once_into_js({
        let request = request.clone();
        move || {
            if let Some(db) = (request.result().ok()).and_then(|r| r.dyn_into::<IdbDatabase>().ok())
            {
                let params = IdbObjectStoreParameters::new();
                params.set_key_path(&JsValue::from_str(player::STORE_KEY));
                let _ = db.create_object_store_with_optional_parameters(player::STORE, &params);
            }
        }
    });
    request.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let row = row.clone();
    let opened = Closure::once_into_js({
        let request: IdbOpenDbRequest = request.clone();
        move || {
            let stored = (request.result().ok())
                .and_then(|r| r.dyn_into::<IdbDatabase>().ok())
                .and_then(|db| {
                    let tx = db
                        .transaction_with_str_and_mode(player::STORE, IdbTransactionMode::Readwrite)
                        .ok()?;
                    // Added, never put: a row already there is another tab's answer to this item,
                    // stored first and shown with its feedback; it is the one that stays.
                    tx.object_store(player::STORE).ok()?.add(&row).ok()?;
                    // Closed however the write ends: a connection left open holds up the player's
                    // deletion of this database in another tab, and every later open of it behind that.
                    let closing = db.clone();
                    let complete = Closure::once_into_js(move || {
                        then();
                        db.close();
                    });
                    tx.set_oncomplete(Some(complete.unchecked_ref()));
                    let aborted = Closure::once_into_js({
                        let tx = tx.clone();
                        move || {
                            closing.close();
                            // Read through Reflect: `DomException`'s bindings would weigh more.
                            let name = js_sys::Reflect::get(&tx, &JsValue::from_str("error"))
                                .and_then(|e| js_sys::Reflect::get(&e, &JsValue::from_str("name")));
                            if name.ok().and_then(|n| n.as_string()).as_deref()
                                == Some("ConstraintError")
                            {
                                elsewhere();
                            } else {
                                failed();
                            }
                        }
                    });
                    tx.set_onabort(Some(aborted.unchecked_ref()));
                    Some(())
                });
            if stored.is_none() {
                failed();
            }
        }
    });
    request.set_onsuccess(Some(opened.unchecked_ref()));
    let refused = Closure::once_into_js(failed);
    request.set_onerror(Some(refused.unchecked_ref()));
}
