//! Read-aloud: speaks an item's stem and options with the browser's own `speechSynthesis` (local voices,
//! so it works offline), in the learner's language. The button is not shown where the API is missing; the
//! `readAloud` accommodation reads each new item without being asked.

use wasm_bindgen::JsValue;

/// Whether this browser can speak.
pub fn available() -> bool {
    web_sys::window()
        .map(|w| js_sys::Reflect::has(&w, &JsValue::from_str("speechSynthesis")).unwrap_or(false))
        .unwrap_or(false)
}

/// Speaks `text` in `lang`, replacing whatever is being read.
pub fn speak(text: &str, lang: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(synth) = window.speech_synthesis() else {
        return;
    };
    synth.cancel();
    if let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(text) {
        utterance.set_lang(lang);
        synth.speak(&utterance);
    }
}
