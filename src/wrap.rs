//! Breaking a text into a few short lines for a fixed box (the progress map's skill labels): words are
//! kept whole where they fit, a word longer than a line is cut, and text past the last line ends in "…".
//!
//! It reads the text as a stream and stops as soon as the box is full, so its work is bounded by the
//! box, not the text (a 50,000-character title costs what a 60-character one does), and what it returns
//! is at most `max_lines` lines of at most `width` characters plus the ellipsis. It does not measure
//! glyphs: a line is a count of characters, which suits the map's fixed-size font.

/// `text` in at most `max_lines` lines of at most `width` characters each (the last one may end in "…"
/// when the text goes on). Whitespace runs collapse to one space.
pub fn wrap(text: impl IntoIterator<Item = char>, width: usize, max_lines: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<(String, usize)> = Vec::new();
    let mut word = String::new();
    let mut word_len = 0;
    let mut chars = text.into_iter().peekable();
    loop {
        let next = chars.next();
        let ends_word = match next {
            Some(c) if !c.is_whitespace() => {
                word.push(c);
                word_len += 1;
                // A word as long as a line that goes on is cut here.
                word_len == width && chars.peek().is_some_and(|c| !c.is_whitespace())
            }
            _ => true,
        };
        if ends_word && word_len > 0 {
            match lines.last_mut() {
                Some((line, len)) if *len + 1 + word_len <= width => {
                    line.push(' ');
                    line.push_str(&word);
                    *len += 1 + word_len;
                }
                _ => lines.push((std::mem::take(&mut word), word_len)),
            }
            word.clear();
            word_len = 0;
            if lines.len() > max_lines {
                lines.truncate(max_lines);
                if let Some((last, _)) = lines.last_mut() {
                    last.push('…');
                }
                break;
            }
        }
        if next.is_none() {
            break;
        }
    }
    lines.into_iter().map(|(line, _)| line).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// `text`'s characters, counting how many were read.
    fn counted<'a>(text: &'a str, reads: &'a Cell<usize>) -> impl Iterator<Item = char> + 'a {
        text.chars().inspect(move |_| reads.set(reads.get() + 1))
    }

    #[test]
    fn words_fill_lines_and_the_rest_ends_in_an_ellipsis() {
        assert_eq!(wrap("Unit fractions".chars(), 19, 3), ["Unit fractions"]);
        assert_eq!(
            wrap("Adding and subtracting like fractions".chars(), 19, 3),
            ["Adding and", "subtracting like", "fractions"]
        );
        assert_eq!(
            wrap(
                "one two three four five six seven eight nine ten eleven twelve".chars(),
                9,
                3
            ),
            ["one two", "three", "four five…"]
        );
        assert_eq!(wrap("  ".chars(), 5, 3), Vec::<String>::new());
        assert_eq!(wrap("abcdefghij".chars(), 4, 3), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("abcd".chars(), 4, 1), ["abcd"]);
        assert_eq!(wrap("abcde".chars(), 4, 1), ["abcd…"]);
    }

    #[test]
    fn the_work_is_bounded_by_the_box_not_the_text() {
        for text in [
            "W".repeat(1_000_000),
            "ab ".repeat(300_000),
            "x".repeat(19).repeat(50_000),
            format!("{}{}", "Ω".repeat(500_000), " tail"),
        ] {
            let reads = Cell::new(0);
            let lines = wrap(counted(&text, &reads), 19, 3);
            assert!(lines.len() <= 3);
            assert!(lines.iter().all(|l| l.chars().count() <= 20), "{lines:?}");
            // Three full lines, the start of a fourth, one character of look-ahead: never the text.
            assert!(
                reads.get() <= 4 * (19 + 1) + 1,
                "read {} characters",
                reads.get()
            );
        }
    }
}
