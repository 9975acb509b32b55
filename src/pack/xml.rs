//! Escaping author text for the XML files of a pack (`imsmanifest.xml`, `cmi5.xml`). Titles and
//! descriptions are untrusted: every one goes through [`escape`] before it is written, in content and in
//! attribute values alike.

/// Escapes `s` for XML 1.0 content and (double- or single-quoted) attribute values. Characters XML 1.0
/// cannot carry at all, even escaped (C0 controls other than tab, newline and carriage return, and the
/// noncharacters U+FFFE and U+FFFF), are dropped, so the document stays well-formed whatever the author
/// wrote.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_quotes_and_controls() {
        assert_eq!(
            escape(r#"<b>Tom & "Jerry's"</b>"#),
            "&lt;b&gt;Tom &amp; &quot;Jerry&apos;s&quot;&lt;/b&gt;"
        );
        assert_eq!(escape("a\u{0}b\u{1b}c\td\ne\u{FFFF}"), "abc\td\ne");
        assert_eq!(escape("Fracciones, 4.º grado"), "Fracciones, 4.º grado");
    }
}
