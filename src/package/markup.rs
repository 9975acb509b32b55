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

/// The characters a backslash makes literal outside math: `\$`, `\*`, `\_`, `\{`, `\}` and `\\`.
pub const ESCAPABLE: [char; 6] = ['$', '*', '_', '{', '}', '\\'];

/// Where `marker` next occurs in `s` not escaped by a backslash (outside math a `\$` or `\*` is literal).
fn find_unescaped(s: &str, marker: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find(marker) {
        let at = from + i;
        let backslashes = s[..at].chars().rev().take_while(|c| *c == '\\').count();
        if backslashes % 2 == 0 {
            return Some(at);
        }
        from = at + marker.len();
    }
    None
}

/// Splits `text` into inline runs. Unclosed markers are literal text; a backslash before one of
/// [`ESCAPABLE`] makes it literal.
pub fn parse_inline(text: &str) -> Result<Vec<Inline>, MathError> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\\' {
            if let Some(next) = rest[1..].chars().next().filter(|n| ESCAPABLE.contains(n)) {
                plain.push(next);
                rest = &rest[1 + next.len_utf8()..];
                continue;
            }
        }
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
        match find_unescaped(body_start, marker) {
            Some(end) if end > 0 => {
                if !plain.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut plain)));
                }
                let body = &body_start[..end];
                out.push(match marker {
                    "**" => Inline::Strong(unescape(body)),
                    "*" => Inline::Emphasis(unescape(body)),
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

/// `s` with the backslash escapes of [`ESCAPABLE`] resolved.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(n)) if ESCAPABLE.contains(n) => {
                out.push(*n);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// Things that typeset differently from what the author most likely meant, each as a warning message:
/// a `$` before a digit that opens math (a price: "costs $5 and $6" sets "5 and " as math), a `$` or
/// `**` left unpaired (shown raw), and `*` between numbers (read as emphasis, not multiplication).
pub fn traps(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    // Escaped markers are what the author meant: leave them out of the search.
    let cleaned = text
        .replace("\\\\", "")
        .replace("\\$", "")
        .replace("\\*", "");
    let Ok(runs) = parse_inline(&cleaned) else {
        return found;
    };
    for run in &runs {
        match run {
            Inline::Math(_, src) => {
                let starts_with_digit = src.chars().next().is_some_and(|c| c.is_ascii_digit());
                let has_words = src
                    .split(|c: char| !c.is_alphabetic())
                    .any(|w| w.chars().count() >= 3 && !src.contains(&format!("\\{w}")));
                if starts_with_digit && !src.contains("\\text") && (has_words || src.ends_with(' '))
                {
                    found.push(format!(
                        "`${src}$` is typeset as math; for a dollar sign write `\\$` (e.g. `\\$5`)"
                    ));
                }
            }
            Inline::Emphasis(body) => {
                let before_digit = body
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit());
                let after_digit = body
                    .trim_end()
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_ascii_digit());
                if before_digit || after_digit || body.starts_with(' ') {
                    found.push(format!(
                        "`*{body}*` is shown as emphasis; for multiplication write `×`, `$\\times$` or `\\*`"
                    ));
                }
            }
            Inline::Text(s) => {
                if s.contains('$') {
                    found.push(
                        "an unpaired `$` is shown as it is; close the math with another `$`, or write `\\$` for a dollar sign"
                            .to_owned(),
                    );
                }
                if s.contains("**") {
                    found.push(
                        "an unpaired `**` is shown as it is; close it, or write `\\*\\*`"
                            .to_owned(),
                    );
                } else if s.contains('*') {
                    found.push(
                        "an unpaired `*` is shown as it is; close it, or write `\\*`".to_owned(),
                    );
                }
            }
            Inline::Strong(_) => {}
        }
    }
    found
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
    fn a_backslash_makes_markers_literal() {
        let runs = parse_inline("It costs \\$5 and \\$6; 2 \\* 3 \\* 4, a\\_b, \\{x\\}").unwrap();
        assert_eq!(
            runs,
            vec![Inline::Text(
                "It costs $5 and $6; 2 * 3 * 4, a_b, {x}".into()
            )]
        );
        let runs = parse_inline("*a \\* b* then $\\{1\\}$").unwrap();
        assert_eq!(runs[0], Inline::Emphasis("a * b".into()));
        assert!(matches!(runs[2], Inline::Math(_, ref src) if src == "\\{1\\}"));
        assert_eq!(plain_text("\\$5"), "$5");
    }

    #[test]
    fn prices_unpaired_markers_and_stars_between_numbers_are_traps() {
        let price = traps("It costs $5 and she pays $6");
        assert_eq!(price.len(), 1, "{price:?}");
        assert!(
            price[0].contains("for a dollar sign write `\\$`"),
            "{price:?}"
        );
        assert!(traps("It costs \\$5 and she pays \\$6").is_empty());
        assert!(traps("costs $5")[0].contains("unpaired `$`"));
        assert!(traps("2 * 3 * 4")[0].contains("`* 3 *` is shown as emphasis"));
        assert!(traps("2 * 3")[0].contains("unpaired `*`"));
        assert!(traps("a **bold** and *soft* word, $3x + 2$ and $\\frac{1}{2}$").is_empty());
        assert!(traps("$5 \\text{ and } 6$").is_empty());
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
