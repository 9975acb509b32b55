//! Author text that may carry translations: either a plain string in the package's default language, or
//! a map from BCP 47 language tags to strings. Always rendered as text, never as HTML.

use serde::Serialize;
use std::collections::BTreeMap;

/// A piece of author text, possibly translated. Read by `package::reader`; serde's `Deserialize` is
/// only the tests' oracle for the stored records that hold text (an attempt's feedback).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(serde::Deserialize))]
#[serde(untagged)]
pub enum Text {
    /// Text in the package's default language only.
    Plain(String),
    /// Text per language tag (`{"en": "Half", "es": "Medio"}`).
    Translated(BTreeMap<String, String>),
}

impl Text {
    /// The text for `lang`: that exact tag, else the same language in another region or script (`es-MX`
    /// finds `es`, `es` finds `es-419`), else `default_lang`, else any translation present.
    pub fn get<'a>(&'a self, lang: &str, default_lang: &str) -> &'a str {
        match self {
            Text::Plain(s) => s,
            Text::Translated(map) => map
                .get(lang)
                .or_else(|| {
                    let wanted = primary_subtag(lang);
                    map.iter()
                        .find(|(tag, _)| primary_subtag(tag) == wanted)
                        .map(|(_, text)| text)
                })
                .or_else(|| map.get(default_lang))
                .or_else(|| map.values().next())
                .map(String::as_str)
                .unwrap_or(""),
        }
    }

    /// True when there is no text in any language.
    pub fn is_blank(&self) -> bool {
        match self {
            Text::Plain(s) => s.trim().is_empty(),
            Text::Translated(map) => map.values().all(|s| s.trim().is_empty()),
        }
    }
}

/// The language of a tag without its region or script, lower case: `es` for `es-MX`, `ES_es` or `es-419`.
pub fn primary_subtag(tag: &str) -> String {
    tag.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translated_text_falls_back_to_default_then_any() {
        let t: Text = serde_json::from_str(r#"{"en":"Half","es":"Medio"}"#).unwrap();
        assert_eq!(t.get("es", "en"), "Medio");
        assert_eq!(t.get("fr", "en"), "Half");
        let only_es: Text = serde_json::from_str(r#"{"es":"Medio"}"#).unwrap();
        assert_eq!(only_es.get("fr", "en"), "Medio");
        assert_eq!(Text::Plain("x".into()).get("es", "en"), "x");
    }

    #[test]
    fn a_regional_tag_finds_its_language_and_the_exact_tag_wins() {
        let t: Text =
            serde_json::from_str(r#"{"en":"Half","es":"Medio","pt-BR":"Metade"}"#).unwrap();
        assert_eq!(t.get("es-MX", "en"), "Medio");
        assert_eq!(t.get("ES_es", "en"), "Medio");
        assert_eq!(t.get("pt", "en"), "Metade");
        assert_eq!(t.get("en-US", "es"), "Half");
        let both: Text = serde_json::from_str(r#"{"es":"Medio","es-419":"Mitad"}"#).unwrap();
        assert_eq!(both.get("es-419", "en"), "Mitad");
        assert_eq!(both.get("es", "en"), "Medio");
    }

    #[test]
    fn blank_text_is_detected() {
        assert!(Text::Plain("  ".into()).is_blank());
        assert!(!Text::Plain("a".into()).is_blank());
    }
}
