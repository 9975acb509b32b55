//! A small JSON reader for untrusted author files: a parser that keeps where every value is, and
//! [`read`], the typed readers the content model is built with.
//!
//! Why not serde here: the package model has tagged and untagged enums, and serde reads those by
//! buffering every object, then again with `serde_path_to_error` to name the JSON path. In the player
//! that machinery was over a fifth of the wasm, and its positions inside a tagged enum pointed at the end
//! of the enclosing object. Reading a parsed tree by hand is smaller, gives the exact place of every fault,
//! and is shared by the browser and `pacer validate`, so both report the same error.
//!
//! The parser follows RFC 8259 strictly (no comments, no trailing commas) with two allowances: a leading
//! byte-order mark is skipped, and nesting deeper than [`MAX_DEPTH`] is refused rather than overflowing
//! the stack.

pub mod owned;
pub mod read;

use std::borrow::Cow;
use std::fmt;

pub use read::{FromJson, Members, Path, ReadError, Recovery};

/// How deep arrays and objects may nest (serde_json's limit too).
pub const MAX_DEPTH: usize = 128;

/// A parsed JSON value and the byte offset where it starts in the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Json<'a> {
    pub at: usize,
    pub value: Value<'a>,
}

/// The kinds of JSON value. Strings borrow from the source unless they hold escapes.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    /// Members in the order written; duplicates are kept (the readers refuse them).
    Object(Vec<Member<'a>>),
}

/// One `"key": value` of an object; `at` is where the key starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Member<'a> {
    pub key: Cow<'a, str>,
    pub at: usize,
    pub value: Json<'a>,
}

/// A number as written: its value, and the integer it is when written without a fraction or exponent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub value: f64,
    pub integer: Option<i64>,
}

/// One step of a JSON path, as [`SyntaxError`] collects them while unwinding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// Text that is not JSON: what is wrong, where (byte offset) and inside which value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub at: usize,
    pub message: &'static str,
    /// The path to the value being read, innermost step first.
    steps: Vec<Step>,
}

impl SyntaxError {
    /// The JSON path of the value the fault is in (`items[2].stem`; empty at the top).
    pub fn path(&self) -> String {
        read::render(self.steps.iter().rev().map(|step| match step {
            Step::Key(k) => read::Step::Key(k),
            Step::Index(i) => read::Step::Index(*i),
        }))
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message)
    }
}

/// Parses `source` as one JSON value.
pub fn parse(source: &str) -> Result<Json<'_>, SyntaxError> {
    let start = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let mut p = Parser {
        src: source,
        bytes: source.as_bytes(),
        pos: start,
        depth: 0,
    };
    let value = p.value()?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(p.fail("trailing characters"));
    }
    Ok(value)
}

/// Parses `source` and reads it as a `T`. A syntax error comes back as a [`ReadError`] too.
pub fn from_str<T: FromJson>(source: &str) -> Result<T, ReadError> {
    let tree = parse(source).map_err(|e| ReadError {
        at: e.at,
        path: e.path(),
        message: e.message.to_owned(),
    })?;
    T::from_json(&tree, Path::root(tree.at))
}

/// Reads `tree` as a `T` in recovering mode (see [`read`]): the value when its top could be read, and
/// every error found in the order of the source, and whether the value holds all the source does.
pub fn read_recovering<T: FromJson>(tree: &Json<'_>) -> (Option<T>, Vec<ReadError>, bool) {
    let recovery = Recovery::default();
    let result = T::from_json(tree, Path::recovering(tree.at, &recovery));
    let complete = recovery.complete();
    let mut errors = recovery.into_errors();
    let value = match result {
        Ok(value) => Some(value),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    crate::collect::sort_by(&mut errors, |a, b| a.at.cmp(&b.at));
    (value, errors, complete)
}

/// The 1-based line and column (in characters) of byte `offset` of `source`.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(source.len());
    while !source.is_char_boundary(end) {
        end -= 1;
    }
    let before = &source[..end];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn fail(&self, message: &'static str) -> SyntaxError {
        SyntaxError {
            at: self.pos,
            message,
            steps: Vec::new(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Result<Json<'a>, SyntaxError> {
        self.skip_ws();
        let at = self.pos;
        let value = match self.peek() {
            None => return Err(self.fail("EOF while parsing a value")),
            Some(b'{') => self.nested(Self::object)?,
            Some(b'[') => self.nested(Self::array)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.word("true", Value::Bool(true))?,
            Some(b'f') => self.word("false", Value::Bool(false))?,
            Some(b'n') => self.word("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
            Some(_) => return Err(self.fail("expected value")),
        };
        Ok(Json { at, value })
    }

    fn nested(
        &mut self,
        read: fn(&mut Self) -> Result<Value<'a>, SyntaxError>,
    ) -> Result<Value<'a>, SyntaxError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.fail("recursion limit exceeded"));
        }
        self.depth += 1;
        let value = read(self);
        self.depth -= 1;
        value
    }

    fn word(&mut self, word: &'static str, value: Value<'a>) -> Result<Value<'a>, SyntaxError> {
        for &expected in word.as_bytes() {
            match self.peek() {
                Some(b) if b == expected => self.pos += 1,
                None => return Err(self.fail("EOF while parsing a value")),
                Some(_) => return Err(self.fail("expected value")),
            }
        }
        Ok(value)
    }

    fn object(&mut self) -> Result<Value<'a>, SyntaxError> {
        self.pos += 1;
        let mut members = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_ws();
            let at = self.pos;
            let key = match self.peek() {
                Some(b'"') => self.string()?,
                None => return Err(self.fail("EOF while parsing an object")),
                Some(_) => return Err(self.fail("key must be a string")),
            };
            self.skip_ws();
            match self.peek() {
                Some(b':') => self.pos += 1,
                None => return Err(self.fail("EOF while parsing an object")),
                Some(_) => return Err(self.fail("expected `:`")),
            }
            let value = self.value().map_err(|mut e| {
                e.steps.push(Step::Key(key.to_string()));
                e
            })?;
            members.push(Member { key, at, value });
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(members));
                }
                None => return Err(self.fail("EOF while parsing an object")),
                Some(_) => return Err(self.fail("expected `,` or `}`")),
            }
            self.skip_ws();
            if self.peek() == Some(b'}') {
                return Err(self.fail("trailing comma"));
            }
        }
    }

    fn array(&mut self) -> Result<Value<'a>, SyntaxError> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            let index = items.len();
            let item = self.value().map_err(|mut e| {
                e.steps.push(Step::Index(index));
                e
            })?;
            items.push(item);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                None => return Err(self.fail("EOF while parsing a list")),
                Some(_) => return Err(self.fail("expected `,` or `]`")),
            }
            self.skip_ws();
            if self.peek() == Some(b']') {
                return Err(self.fail("trailing comma"));
            }
        }
    }

    /// Reads a string at `pos` (on its opening quote).
    fn string(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        self.pos += 1;
        let start = self.pos;
        // The plain run borrows from the source; the first escape switches to an owned copy.
        let mut owned: Option<String> = None;
        loop {
            let Some(b) = self.peek() else {
                return Err(self.fail("EOF while parsing a string"));
            };
            match b {
                b'"' => {
                    let out = match owned {
                        Some(s) => Cow::Owned(s),
                        None => Cow::Borrowed(&self.src[start..self.pos]),
                    };
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' => {
                    let s = owned.get_or_insert_with(|| self.src[start..self.pos].to_owned());
                    self.pos += 1;
                    let escaped = match self.bytes.get(self.pos).copied() {
                        None => return Err(self.fail("EOF while parsing a string")),
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            let c = self.unicode_escape()?;
                            s.push(c);
                            continue;
                        }
                        Some(_) => return Err(self.fail("invalid escape")),
                    };
                    s.push(escaped);
                    self.pos += 1;
                }
                0..=0x1f => {
                    return Err(self
                        .fail("control character (\\u0000-\\u001F) found while parsing a string"))
                }
                _ => {
                    // Copy the whole character (the source is valid UTF-8).
                    let len = utf8_len(b);
                    if let Some(s) = owned.as_mut() {
                        s.push_str(&self.src[self.pos..self.pos + len]);
                    }
                    self.pos += len;
                }
            }
        }
    }

    /// With `pos` on the `u` of `\uXXXX`: the character, joining a surrogate pair.
    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        self.pos += 1;
        let high = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&high) {
            if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                return Err(self.fail("lone leading surrogate in hex escape"));
            }
            self.pos += 2;
            let low = self.hex4()?;
            if !(0xDC00..0xE000).contains(&low) {
                return Err(self.fail("lone leading surrogate in hex escape"));
            }
            0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        } else {
            high
        };
        char::from_u32(code).ok_or_else(|| self.fail("invalid unicode code point"))
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut n = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                None => return Err(self.fail("EOF while parsing a string")),
                Some(b) => (b as char)
                    .to_digit(16)
                    .ok_or_else(|| self.fail("invalid escape"))?,
            };
            n = n * 16 + digit;
            self.pos += 1;
        }
        Ok(n)
    }

    fn number(&mut self) -> Result<Number, SyntaxError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.fail("invalid number")),
        }
        let mut integral = true;
        if self.peek() == Some(b'.') {
            integral = false;
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.fail("invalid number"));
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            integral = false;
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.fail("invalid number"));
            }
            self.digits();
        }
        let text = &self.src[start..self.pos];
        let value: f64 = text.parse().map_err(|_| self.fail("invalid number"))?;
        if !value.is_finite() {
            return Err(SyntaxError {
                at: start,
                message: "number out of range",
                steps: Vec::new(),
            });
        }
        // `-0` is the float it means, as serde_json reads it too.
        let integer = if integral && !(value == 0.0 && value.is_sign_negative()) {
            text.parse().ok()
        } else {
            None
        };
        Ok(Number { value, integer })
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests;
