//! Unicode normalisation from the platform. Natively it is the `unicode-normalization` crate; in the
//! browser it is the engine's own `String.prototype.normalize` and `\p{M}` regular expressions, whose
//! tables every browser already has, so the player does not download its own copy (about 100 KB of wasm).
//! Both follow the same Unicode rules; a browser test checks they agree on the cases the scorers rely on.

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;

    pub fn nfc(s: &str) -> String {
        s.nfc().collect()
    }

    pub fn strip_marks(s: &str) -> String {
        s.nfd().filter(|c| !is_combining_mark(*c)).nfc().collect()
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use js_sys::{JsString, RegExp};

    pub fn nfc(s: &str) -> String {
        JsString::from(s).normalize("NFC").into()
    }

    pub fn strip_marks(s: &str) -> String {
        let decomposed = JsString::from(s).normalize("NFD");
        let marks = RegExp::new("\\p{M}", "gu");
        decomposed
            .replace_by_pattern(&marks, "")
            .normalize("NFC")
            .into()
    }
}

/// `s` in Unicode Normalization Form C.
pub fn nfc(s: &str) -> String {
    imp::nfc(s)
}

/// `s` without combining marks (accents, diacritics), in NFC.
pub fn strip_marks(s: &str) -> String {
    imp::strip_marks(s)
}
