//! Short-text answers: the normalisation applied to both the learner's answer and each accepted answer
//! before comparing them (Unicode NFC, whitespace, case and, optionally, diacritics).

use crate::unicode::{nfc, strip_marks};
use serde::{Deserialize, Serialize};

/// What differences between two short answers do not matter.
///
/// The default: case does not matter, diacritics do (`tercío` is not `tercio`), and runs of whitespace
/// count as one space (leading and trailing whitespace never matters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Normalisation {
    /// `Ñandú` and `ñandú` differ.
    #[serde(default)]
    pub case_sensitive: bool,
    /// `tercío` and `tercio` are the same (every combining mark is dropped after canonical decomposition).
    #[serde(default)]
    pub ignore_diacritics: bool,
    /// `un tercio` and `untercio` are the same (all whitespace is removed, not just collapsed).
    #[serde(default)]
    pub ignore_whitespace: bool,
}

/// The canonical form of `input` under `n`:
/// - always: Unicode NFC, trimmed, every run of whitespace collapsed to one space;
/// - `ignore_whitespace`: all whitespace removed instead;
/// - not `case_sensitive`: full Unicode lowercase ([`str::to_lowercase`]);
/// - `ignore_diacritics`: NFD, combining marks dropped, NFC again.
///
/// The steps run in an order that makes the result a fixed point (`normalise(normalise(s)) ==
/// normalise(s)`): whitespace before lowercasing (so Greek final sigma sees the final word boundaries),
/// NFC again after lowercasing, and whitespace once more after dropping marks (a mark between two
/// spaces would otherwise leave them doubled).
pub fn normalise(input: &str, n: &Normalisation) -> String {
    let composed = nfc(input);
    let mut s = whitespace(&composed, n.ignore_whitespace);
    if !n.case_sensitive {
        s = s.to_lowercase();
    }
    if n.ignore_diacritics {
        let stripped = strip_marks(&s);
        whitespace(&stripped, n.ignore_whitespace)
    } else {
        // Lowercasing, or removing the whitespace between a letter and a stray mark, can leave the text
        // outside NFC.
        nfc(&s)
    }
}

/// Whether `given` and `accepted` are the same answer under `n` (symmetric).
pub fn matches(given: &str, accepted: &str, n: &Normalisation) -> bool {
    normalise(given, n) == normalise(accepted, n)
}

/// Trims and collapses whitespace runs to one space, or removes all whitespace.
fn whitespace(s: &str, remove: bool) -> String {
    if remove {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    } else {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const DEFAULT: Normalisation = Normalisation {
        case_sensitive: false,
        ignore_diacritics: false,
        ignore_whitespace: false,
    };
    const CASE: Normalisation = Normalisation {
        case_sensitive: true,
        ..DEFAULT
    };
    const DIACRITICS: Normalisation = Normalisation {
        ignore_diacritics: true,
        ..DEFAULT
    };
    const NO_SPACE: Normalisation = Normalisation {
        ignore_whitespace: true,
        ..DEFAULT
    };

    #[test]
    fn default_is_case_insensitive_keeps_diacritics_collapses_whitespace() {
        assert_eq!(Normalisation::default(), DEFAULT);
        assert_eq!(normalise("  Un   Tercio ", &DEFAULT), "un tercio");
    }

    #[test]
    fn table() {
        let table: &[(&str, &str, Normalisation, bool)] = &[
            ("  Un   Tercio ", "un tercio", DEFAULT, true),
            ("Un\t\ntercio", "un tercio", DEFAULT, true),
            ("Un\u{00A0}tercio", "un tercio", DEFAULT, true),
            ("untercio", "un tercio", DEFAULT, false),
            ("untercio", "un tercio", NO_SPACE, true),
            (" u n  t e r c i o ", "Un tercio", NO_SPACE, true),
            ("tercío", "tercio", DEFAULT, false),
            ("tercío", "tercio", DIACRITICS, true),
            ("TERCÍO", "tercio", DIACRITICS, true),
            ("Ñandú", "ñandú", DEFAULT, true),
            ("ÑANDÚ", "ñandú", DEFAULT, true),
            ("Ñandú", "ñandú", CASE, false),
            ("Ñandú", "Ñandú", CASE, true),
            ("Ñandú", "nandu", DEFAULT, false),
            ("Ñandú", "nandu", DIACRITICS, true),
            ("e\u{301}", "é", DEFAULT, true),
            ("e\u{301}", "é", CASE, true),
            ("E\u{301}", "é", DEFAULT, true),
            ("e\u{301}", "e", DIACRITICS, true),
            ("Straße", "STRASSE", DEFAULT, false),
            ("ΟΔΟΣ", "οδο\u{3c2}", DEFAULT, true),
            ("ΟΔΟΣ", "οδο\u{3c3}", DEFAULT, false),
            ("ΟΔΟΣ", "οδο\u{3c2}", CASE, false),
            ("Ὀδός", "οδο\u{3c2}", DIACRITICS, true),
            ("", "   ", DEFAULT, true),
            ("uno", "dos", DEFAULT, false),
        ];
        for &(given, accepted, n, expected) in table {
            assert_eq!(
                matches(given, accepted, &n),
                expected,
                "{given:?} vs {accepted:?} with {n:?}"
            );
            assert_eq!(
                matches(accepted, given, &n),
                expected,
                "{accepted:?} vs {given:?} with {n:?}"
            );
        }
    }

    #[test]
    fn greek_final_sigma_is_lowercased_in_context() {
        assert_eq!(normalise("ΟΔΟΣ", &DEFAULT), "οδο\u{3c2}");
        assert_eq!(normalise("ΟΔΟΣ ΟΔΟΣ", &DEFAULT), "οδο\u{3c2} οδο\u{3c2}");
        // Whitespace goes first, so the sigma in the middle of the joined word is not final.
        assert_eq!(normalise("ΟΔΟΣ ΟΔΟΣ", &NO_SPACE), "οδο\u{3c3}οδο\u{3c2}");
    }

    #[test]
    fn marks_between_spaces_do_not_leave_double_spaces() {
        assert_eq!(normalise("a \u{301} b", &DIACRITICS), "a b");
        assert_eq!(normalise("\u{301} a", &DIACRITICS), "a");
        assert_eq!(normalise("e \u{301}", &NO_SPACE), "é");
    }

    #[test]
    fn serde_shape() {
        let n: Normalisation = serde_json::from_str("{}").unwrap();
        assert_eq!(n, Normalisation::default());
        let n: Normalisation = serde_json::from_str(r#"{"ignoreDiacritics": true}"#).unwrap();
        assert_eq!(n, DIACRITICS);
        assert_eq!(
            serde_json::to_string(&CASE).unwrap(),
            r#"{"caseSensitive":true,"ignoreDiacritics":false,"ignoreWhitespace":false}"#
        );
    }

    fn flags() -> impl Strategy<Value = Normalisation> {
        (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(c, d, w)| Normalisation {
            case_sensitive: c,
            ignore_diacritics: d,
            ignore_whitespace: w,
        })
    }

    /// Arbitrary text, or text made of the characters that interact with normalisation: whitespace,
    /// combining marks, letters with case quirks (final sigma, dotted I, sharp s) and Hangul jamo.
    fn tricky_text() -> impl Strategy<Value = String> {
        prop_oneof![
            "\\PC{0,24}",
            "[ \t\n\u{00A0}\u{2000}\u{3000}aAeEiIoOnNsSΣσςİıßẞǅΩΌ\u{301}\u{308}\u{303}\u{327}\u{345}\u{0307}\u{093F}\u{0902}\u{1100}\u{1161}\u{11A8}가é]{0,16}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn normalise_is_idempotent(s in tricky_text(), n in flags()) {
            let once = normalise(&s, &n);
            prop_assert_eq!(normalise(&once, &n), once.clone(), "{:?} -> {:?}", s, once);
        }

        #[test]
        fn matches_is_symmetric(a in tricky_text(), b in tricky_text(), n in flags()) {
            prop_assert_eq!(matches(&a, &b, &n), matches(&b, &a, &n));
        }

        #[test]
        fn an_answer_matches_its_own_normal_form(s in tricky_text(), n in flags()) {
            prop_assert!(matches(&s, &normalise(&s, &n), &n));
        }
    }
}
