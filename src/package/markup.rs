//! The safe markup subset author text may use, and the check that keeps markup out of it.
//!
//! Author text is shown as text, always. Inside it, three things have meaning: `**strong**`, `*emphasis*`
//! and `$math$` (the TeX subset of [`super::math`]); a blank line separates paragraphs in lesson text.
//! Everything else is literal, so `<b>` is shown as the four characters it is. `pacer validate` also
//! rejects text that looks like HTML, a `javascript:` URL or an event attribute: it would be harmless
//! (shown as text), but it is a sign of pasted markup the author should fix.

use super::math::{parse_tex, MathError, MathNode};

/// A run of inline text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Strong(String),
    Emphasis(String),
    /// Math, with its TeX source (for the plain-text reading).
    Math(MathNode, String),
}

/// Splits `text` into inline runs. Unclosed markers are literal text.
pub fn parse_inline(text: &str) -> Result<Vec<Inline>, MathError> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let (marker, len) = if rest.starts_with("**") {
            ("**", 2)
        } else if c == '*' {
            ("*", 1)
        } else if c == '$' {
            ("$", 1)
        } else {
            plain.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        };
        let body_start = &rest[len..];
        match body_start.find(marker) {
            Some(end) if end > 0 => {
                if !plain.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut plain)));
                }
                let body = &body_start[..end];
                out.push(match marker {
                    "**" => Inline::Strong(body.to_owned()),
                    "*" => Inline::Emphasis(body.to_owned()),
                    _ => Inline::Math(parse_tex(body)?, body.to_owned()),
                });
                rest = &body_start[end + len..];
            }
            _ => {
                plain.push_str(marker);
                rest = body_start;
            }
        }
    }
    if !plain.is_empty() {
        out.push(Inline::Text(plain));
    }
    Ok(out)
}

/// The text with markers removed and math read as plain text (for xAPI names and aria labels).
pub fn plain_text(text: &str) -> String {
    match parse_inline(text) {
        Ok(runs) => runs
            .iter()
            .map(|r| match r {
                Inline::Text(s) | Inline::Strong(s) | Inline::Emphasis(s) => s.clone(),
                Inline::Math(node, _) => super::math::to_plain(node).trim().to_owned(),
            })
            .collect(),
        Err(_) => text.to_owned(),
    }
}

/// DOM event names (after `on`) that mark pasted event-handler attributes.
const EVENTS: [&str; 40] = [
    "abort",
    "afterprint",
    "animationend",
    "animationstart",
    "beforeprint",
    "beforeunload",
    "blur",
    "canplay",
    "change",
    "click",
    "contextmenu",
    "copy",
    "cut",
    "dblclick",
    "drag",
    "drop",
    "error",
    "focus",
    "focusin",
    "hashchange",
    "input",
    "invalid",
    "keydown",
    "keypress",
    "keyup",
    "load",
    "message",
    "mousedown",
    "mouseenter",
    "mouseover",
    "mouseup",
    "paste",
    "pointerdown",
    "reset",
    "resize",
    "scroll",
    "select",
    "submit",
    "toggle",
    "wheel",
];

/// What in `text` looks like markup or script, if anything.
pub fn unsafe_content(text: &str) -> Option<String> {
    // Math is TeX, where `<` is an operator: look only at the text outside `$...$`. (The count of `$` is
    // taken once: counted per piece, text of many `$` took time quadratic in its length.)
    let odd = text.matches('$').count() % 2 == 1;
    let outside: String = text
        .split('$')
        .enumerate()
        .filter(|(i, _)| i % 2 == 0 || odd)
        .map(|(_, s)| s)
        .collect::<Vec<_>>()
        .join(" ");
    let lower = outside.to_ascii_lowercase();
    if lower.contains("javascript:") || lower.contains("vbscript:") {
        return Some("a `javascript:` URL".to_owned());
    }
    let bytes = lower.as_bytes();
    for (i, _) in lower.match_indices('<') {
        let next = bytes.get(i + 1).copied().unwrap_or(b' ');
        let after = bytes.get(i + 2).copied().unwrap_or(b' ');
        if next.is_ascii_alphabetic()
            || (next == b'/' && after.is_ascii_alphabetic())
            || next == b'!'
        {
            let tag: String = lower[i..]
                .chars()
                .take_while(|c| *c != '>' && !c.is_whitespace())
                .take(20)
                .collect();
            return Some(format!("an HTML tag `{tag}`"));
        }
    }
    for (i, _) in lower.match_indices("on") {
        if i > 0 && bytes[i - 1].is_ascii_alphanumeric() {
            continue;
        }
        let name: String = lower[i + 2..]
            .chars()
            .take_while(char::is_ascii_lowercase)
            .collect();
        let after = lower[i + 2 + name.len()..].trim_start();
        if EVENTS.contains(&name.as_str()) && after.starts_with('=') {
            return Some(format!("an event attribute `on{name}=`"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strong_emphasis_and_math_runs() {
        let runs = parse_inline("A **whole** is *all* of $\\frac{4}{4}$, 2 * 3 $").expect("parses");
        assert_eq!(runs[0], Inline::Text("A ".into()));
        assert_eq!(runs[1], Inline::Strong("whole".into()));
        assert_eq!(runs[3], Inline::Emphasis("all".into()));
        assert!(matches!(runs[5], Inline::Math(_, ref src) if src == "\\frac{4}{4}"));
        assert_eq!(runs[6], Inline::Text(", 2 * 3 $".into()));
        assert_eq!(plain_text("half is $\\frac{1}{2}$"), "half is 1/2");
    }

    #[test]
    fn markup_and_script_are_detected() {
        assert!(unsafe_content("<script>alert(1)</script>").is_some());
        assert!(unsafe_content("click <a href=x>here</a>").is_some());
        assert!(unsafe_content("go to JavaScript:alert(1)").is_some());
        assert!(unsafe_content("img onerror = steal()").is_some());
        assert_eq!(unsafe_content("3 < 4 and 5 > 2; x<5"), None);
        assert_eq!(unsafe_content("one = 1, only one=1, online"), None);
        assert_eq!(unsafe_content("The onset = 3 s, and $a<b$"), None);
        assert!(unsafe_content("$x$ <b>bold</b>").is_some());
    }
}
