//! Finds where a JSON path (`items[3].interaction.correct`) is in a file's text, as a 1-based line and
//! column, so a rule broken after parsing is still reported at its place in the author's file.
//!
//! The scanner reads only as much JSON as it needs and never fails: on text it cannot follow it returns the
//! deepest place it reached.

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Key(String),
    Index(usize),
}

fn segments(path: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            out.push(Segment::Key(key.to_owned()));
        }
        while let Some(close) = rest.find(']') {
            if let Ok(n) = rest[1..close].parse() {
                out.push(Segment::Index(n));
            }
            rest = &rest[close + 1..];
        }
    }
    out
}

/// The 1-based line and column of the value at `path` in `source` (of its key, for object members),
/// or of the nearest enclosing value found.
pub fn locate(source: &str, path: &str) -> (usize, usize) {
    let bytes = source.as_bytes();
    let mut s = Scanner { bytes, pos: 0 };
    s.skip_ws();
    let mut best = s.pos;
    for seg in segments(path) {
        s.skip_ws();
        let found = match seg {
            Segment::Key(key) => s.find_key(&key),
            Segment::Index(n) => s.find_index(n),
        };
        match found {
            Some(at) => best = at,
            None => break,
        }
    }
    line_col(source, best)
}

fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset.min(source.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn skip_ws(&mut self) {
        while self
            .bytes
            .get(self.pos)
            .is_some_and(u8::is_ascii_whitespace)
        {
            self.pos += 1;
        }
    }

    /// With `pos` at an object, moves to the value of `key`; returns where the key starts.
    fn find_key(&mut self, key: &str) -> Option<usize> {
        if self.bytes.get(self.pos) != Some(&b'{') {
            return None;
        }
        self.pos += 1;
        loop {
            self.skip_ws();
            match self.bytes.get(self.pos)? {
                b'}' => return None,
                b',' => {
                    self.pos += 1;
                    continue;
                }
                b'"' => {}
                _ => return None,
            }
            let key_at = self.pos;
            let name = self.string()?;
            self.skip_ws();
            if self.bytes.get(self.pos) != Some(&b':') {
                return None;
            }
            self.pos += 1;
            self.skip_ws();
            if name == key {
                return Some(key_at);
            }
            self.skip_value()?;
        }
    }

    /// With `pos` at an array, moves to element `n`; returns where it starts.
    fn find_index(&mut self, n: usize) -> Option<usize> {
        if self.bytes.get(self.pos) != Some(&b'[') {
            return None;
        }
        self.pos += 1;
        let mut i = 0;
        loop {
            self.skip_ws();
            match self.bytes.get(self.pos)? {
                b']' => return None,
                b',' => {
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            if i == n {
                return Some(self.pos);
            }
            self.skip_value()?;
            i += 1;
        }
    }

    /// Reads a string at `pos` (decoding only the escapes a key needs).
    fn string(&mut self) -> Option<String> {
        self.pos += 1;
        let mut out = Vec::new();
        loop {
            let b = *self.bytes.get(self.pos)?;
            self.pos += 1;
            match b {
                b'"' => return String::from_utf8(out).ok(),
                b'\\' => {
                    let e = *self.bytes.get(self.pos)?;
                    self.pos += 1;
                    out.push(e);
                }
                _ => out.push(b),
            }
        }
    }

    fn skip_value(&mut self) -> Option<()> {
        self.skip_ws();
        match *self.bytes.get(self.pos)? {
            b'"' => {
                self.string()?;
            }
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match *self.bytes.get(self.pos)? {
                        b'"' => {
                            self.string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.pos += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    self.pos += 1;
                }
            }
            _ => {
                while self
                    .bytes
                    .get(self.pos)
                    .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
                {
                    self.pos += 1;
                }
            }
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = r#"{
  "id": "a",
  "items": [
    { "id": "x", "note": "a \"quoted\" [tricky] {value}" },
    {
      "id": "y",
      "interaction": { "type": "singleChoice", "correct": "z" }
    }
  ]
}"#;

    #[test]
    fn finds_nested_keys_and_indices() {
        assert_eq!(locate(SOURCE, "id"), (2, 3));
        assert_eq!(locate(SOURCE, "items[0]"), (4, 5));
        assert_eq!(locate(SOURCE, "items[1].id"), (6, 7));
        assert_eq!(locate(SOURCE, "items[1].interaction.correct"), (7, 48));
    }

    #[test]
    fn falls_back_to_the_deepest_place_found() {
        assert_eq!(locate(SOURCE, "items[1].interaction.options"), (7, 7));
        assert_eq!(locate(SOURCE, "items[9]"), (3, 3));
        assert_eq!(locate("not json", "a.b"), (1, 1));
        assert_eq!(locate("", ""), (1, 1));
    }
}
