//! Typed readers over a parsed [`Json`] tree: the [`FromJson`] trait, [`Members`] for objects with
//! known fields, and [`tag`] and [`one_of`] for the enums the package format names by a string.
//!
//! Every error carries the JSON path of the value at fault and the offset where it is: the key of an
//! object member, the start of an array element. That is the place `package::locate` gives a path, so
//! shape errors and rule errors about the same value point at the same column.
//!
//! A read normally stops at the first error (the player needs the value or nothing). A read started with
//! [`Path::recovering`] sets errors aside and goes on where the value allows it, so an author sees all of
//! a file's errors at once: an unknown or repeated key is passed over, an optional member that is wrong
//! is taken as absent, and a list element or map entry that is wrong is left out (which makes the value
//! incomplete: [`Recovery::complete`]). A required member that is wrong still fails its object.

use super::{Json, Member, Value};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

/// The errors a recovering read set aside, and whether it left anything out to go on.
#[derive(Debug, Default)]
pub struct Recovery {
    errors: RefCell<Vec<ReadError>>,
    left_out: Cell<bool>,
}

impl Recovery {
    /// The errors set aside, in the order met.
    pub fn into_errors(self) -> Vec<ReadError> {
        self.errors.into_inner()
    }

    /// True unless a list element or map entry was left out: the value then lacks something the file
    /// holds, and checks that look across the value (references to what was left out) would mislead.
    pub fn complete(&self) -> bool {
        !self.left_out.get()
    }
}

/// Where a value is: the JSON path to it (a chain of steps on the stack) and its offset in the source.
#[derive(Debug, Clone, Copy)]
pub struct Path<'p> {
    parent: Option<&'p Path<'p>>,
    step: Step<'p>,
    /// The offset errors about this value point at.
    pub at: usize,
    /// Where errors are set aside, in a recovering read.
    recovery: Option<&'p Recovery>,
}

/// One step of a [`Path`], also how [`super::SyntaxError`] renders its own steps.
#[derive(Debug, Clone, Copy)]
pub(super) enum Step<'p> {
    Root,
    Key(&'p str),
    Index(usize),
}

impl<'p> Path<'p> {
    /// The top of a file, whose value starts at `at`.
    pub fn root(at: usize) -> Path<'static> {
        Path {
            parent: None,
            step: Step::Root,
            at,
            recovery: None,
        }
    }

    /// The top of a file read in recovering mode: errors that leave a usable value are set aside in
    /// `recovery` and the read goes on.
    pub fn recovering(at: usize, recovery: &'p Recovery) -> Path<'p> {
        Path {
            parent: None,
            step: Step::Root,
            at,
            recovery: Some(recovery),
        }
    }

    /// Sets `error` aside when reading in recovering mode (`left_out`: the value will lack the part it is
    /// about); gives it back otherwise.
    fn set_aside(&self, error: ReadError, left_out: bool) -> Result<(), ReadError> {
        match self.recovery {
            Some(r) => {
                r.errors.borrow_mut().push(error);
                if left_out {
                    r.left_out.set(true);
                }
                Ok(())
            }
            None => Err(error),
        }
    }

    /// The member `key` of this object, whose key starts at `at`.
    pub fn key<'q>(&'q self, key: &'q str, at: usize) -> Path<'q> {
        Path {
            parent: Some(self),
            step: Step::Key(key),
            at,
            recovery: self.recovery,
        }
    }

    /// Element `index` of this array, which starts at `at`.
    pub fn index<'q>(&'q self, index: usize, at: usize) -> Path<'q> {
        Path {
            parent: Some(self),
            step: Step::Index(index),
            at,
            recovery: self.recovery,
        }
    }

    /// The path as authors read it: `items[2].interaction.options[0].text` (empty at the top).
    pub fn render(&self) -> String {
        let mut steps = Vec::new();
        let mut here = Some(self);
        while let Some(p) = here {
            steps.push(p.step);
            here = p.parent;
        }
        render(steps.into_iter().rev())
    }
}

/// Steps, outermost first, as a JSON path: `items[2].stem`.
pub(super) fn render<'s>(steps: impl Iterator<Item = Step<'s>>) -> String {
    let mut out = String::new();
    for step in steps {
        match step {
            Step::Root => {}
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    out
}

/// A value of the wrong shape: where (offset and JSON path) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub at: usize,
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl ReadError {
    /// An error about the value at `path`.
    pub fn new(path: &Path<'_>, message: impl Into<String>) -> ReadError {
        ReadError {
            at: path.at,
            path: path.render(),
            message: message.into(),
        }
    }

    /// "invalid type: string "hard", expected a number".
    pub fn invalid_type(json: &Json<'_>, path: &Path<'_>, expected: &str) -> ReadError {
        ReadError::new(
            path,
            format!(
                "invalid type: {}, expected {expected}",
                describe(&json.value)
            ),
        )
    }
}

/// How an error names a value it did not expect.
fn describe(value: &Value<'_>) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) => format!("number `{}`", n.value),
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// A type read from JSON by hand.
pub trait FromJson: Sized {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError>;
}

/// The string `json` is.
pub fn string<'j>(json: &'j Json<'_>, path: &Path<'_>) -> Result<&'j str, ReadError> {
    match &json.value {
        Value::String(s) => Ok(s),
        _ => Err(ReadError::invalid_type(json, path, "a string")),
    }
}

/// The elements of the list `json` is.
pub fn array<'j, 'a>(json: &'j Json<'a>, path: &Path<'_>) -> Result<&'j [Json<'a>], ReadError> {
    match &json.value {
        Value::Array(items) => Ok(items),
        _ => Err(ReadError::invalid_type(json, path, "a list")),
    }
}

/// The members of the object `json` is, refusing a key written twice.
pub fn object<'j, 'a>(json: &'j Json<'a>, path: &Path<'_>) -> Result<&'j [Member<'a>], ReadError> {
    let Value::Object(members) = &json.value else {
        return Err(ReadError::invalid_type(json, path, "an object"));
    };
    for (i, m) in members.iter().enumerate() {
        if members[..i].iter().any(|earlier| earlier.key == m.key) {
            // Recovering: the first one is read.
            path.set_aside(
                ReadError::new(
                    &path.key(&m.key, m.at),
                    format!("duplicate field `{}`", m.key),
                ),
                false,
            )?;
        }
    }
    Ok(members)
}

/// "`a`, `b`, `c`", for messages listing what is allowed.
fn listed(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    quoted.join(", ")
}

/// Which of `names` the string `json` is (the enums written as one word: `"kind": "lesson"`).
pub fn one_of(json: &Json<'_>, path: &Path<'_>, names: &[&str]) -> Result<usize, ReadError> {
    let found = string(json, path)?;
    names.iter().position(|n| *n == found).ok_or_else(|| {
        ReadError::new(
            path,
            format!("unknown value `{found}`, expected one of {}", listed(names)),
        )
    })
}

/// Which of `names` the member `key` of the object `json` says it is (internally tagged enums:
/// `{"type": "singleChoice", ...}`); its other members are then read with [`Members::tagged`].
pub fn tag(
    json: &Json<'_>,
    path: &Path<'_>,
    key: &str,
    names: &[&str],
) -> Result<usize, ReadError> {
    let members = object(json, path)?;
    let Some(m) = members.iter().find(|m| m.key == key) else {
        return Err(ReadError::new(path, format!("missing field `{key}`")));
    };
    let here = path.key(&m.key, m.at);
    let found = string(&m.value, &here)?;
    names.iter().position(|n| *n == found).ok_or_else(|| {
        ReadError::new(
            &here,
            format!("unknown {key} `{found}`, expected one of {}", listed(names)),
        )
    })
}

/// The members of an object with a fixed set of fields, read one by one.
pub struct Members<'j, 'a, 'p> {
    members: &'j [Member<'a>],
    path: Path<'p>,
}

impl<'j, 'a, 'p> Members<'j, 'a, 'p> {
    /// `json` as an object whose keys are all in `known`, none of them twice.
    pub fn new(json: &'j Json<'a>, path: Path<'p>, known: &[&str]) -> Result<Self, ReadError> {
        Self::tagged(json, path, None, known)
    }

    /// `json` as an object whose unknown keys are ignored (stored records and documents from other
    /// systems, which may carry fields a newer or older version wrote); a key twice is still refused.
    pub fn lenient(json: &'j Json<'a>, path: Path<'p>) -> Result<Self, ReadError> {
        Ok(Members {
            members: object(json, &path)?,
            path,
        })
    }

    /// Like [`Members::new`], allowing also the tag member `tag` (read by [`tag`]).
    pub fn tagged(
        json: &'j Json<'a>,
        path: Path<'p>,
        tag: Option<&str>,
        known: &[&str],
    ) -> Result<Self, ReadError> {
        let members = object(json, &path)?;
        for m in members
            .iter()
            .filter(|m| Some(&*m.key) != tag && !known.contains(&&*m.key))
        {
            let message = if known.is_empty() {
                format!("unknown field `{}`, there are no fields", m.key)
            } else {
                format!(
                    "unknown field `{}`, expected one of {}",
                    m.key,
                    listed(known)
                )
            };
            // Recovering: every unknown key is named, and passed over.
            path.set_aside(ReadError::new(&path.key(&m.key, m.at), message), false)?;
        }
        Ok(Members { members, path })
    }

    /// Where this object is.
    pub fn path(&self) -> &Path<'p> {
        &self.path
    }

    /// True when the member `key` is written (even as `null`).
    pub fn has(&self, key: &str) -> bool {
        self.find(key).is_some()
    }

    fn find(&self, key: &str) -> Option<&'j Member<'a>> {
        self.members.iter().find(|m| m.key == key)
    }

    /// The required member `key`.
    pub fn req<T: FromJson>(&self, key: &str) -> Result<T, ReadError> {
        match self.find(key) {
            Some(m) => T::from_json(&m.value, self.path.key(&m.key, m.at)),
            None => Err(ReadError::new(&self.path, format!("missing field `{key}`"))),
        }
    }

    /// The member `key`, or `None` when it is absent or `null`.
    pub fn opt<T: FromJson>(&self, key: &str) -> Result<Option<T>, ReadError> {
        match self.find(key) {
            Some(Member {
                value: Json {
                    value: Value::Null, ..
                },
                ..
            })
            | None => Ok(None),
            Some(m) => match T::from_json(&m.value, self.path.key(&m.key, m.at)) {
                Ok(value) => Ok(Some(value)),
                // Recovering: a wrong optional member is taken as absent.
                Err(e) => self.path.set_aside(e, false).map(|()| None),
            },
        }
    }

    /// The member `key`, or `default` when it is absent.
    pub fn or<T: FromJson>(&self, key: &str, default: T) -> Result<T, ReadError> {
        match self.find(key) {
            Some(m) => match T::from_json(&m.value, self.path.key(&m.key, m.at)) {
                Ok(value) => Ok(value),
                // Recovering: a wrong member that has a default is taken as absent.
                Err(e) => self.path.set_aside(e, false).map(|()| default),
            },
            None => Ok(default),
        }
    }

    /// The member `key`, or `T::default()` when it is absent.
    pub fn or_default<T: FromJson + Default>(&self, key: &str) -> Result<T, ReadError> {
        self.or(key, T::default())
    }
}

impl FromJson for String {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        string(json, &path).map(str::to_owned)
    }
}

impl FromJson for bool {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        match json.value {
            Value::Bool(b) => Ok(b),
            _ => Err(ReadError::invalid_type(json, &path, "true or false")),
        }
    }
}

impl FromJson for f64 {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        match json.value {
            Value::Number(n) => Ok(n.value),
            _ => Err(ReadError::invalid_type(json, &path, "a number")),
        }
    }
}

/// A whole number within `min..=max`.
fn integer(json: &Json<'_>, path: &Path<'_>, min: i64, max: i64) -> Result<i64, ReadError> {
    let expected = || format!("a whole number from {min} to {max}");
    match json.value {
        Value::Number(n) => match n.integer {
            Some(i) if (min..=max).contains(&i) => Ok(i),
            _ => Err(ReadError::new(
                path,
                format!(
                    "invalid value: {}, expected {}",
                    describe(&json.value),
                    expected()
                ),
            )),
        },
        _ => Err(ReadError::invalid_type(json, path, &expected())),
    }
}

/// Unsigned whole numbers; the range check makes each conversion exact.
macro_rules! unsigned {
    ($($t:ty),*) => {$(
        impl FromJson for $t {
            fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
                let max = i64::try_from(<$t>::MAX).unwrap_or(i64::MAX);
                integer(json, &path, 0, max).map(|i| i as $t)
            }
        }
    )*};
}

unsigned!(u8, u16, u32, u64, usize);

impl FromJson for i32 {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        integer(json, &path, i64::from(i32::MIN), i64::from(i32::MAX)).map(|i| i as i32)
    }
}

impl FromJson for i64 {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        integer(json, &path, i64::MIN, i64::MAX)
    }
}

/// `null` is `None` (as a member, prefer [`Members::opt`], which also takes an absent key as `None`).
impl<T: FromJson> FromJson for Option<T> {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        match json.value {
            Value::Null => Ok(None),
            _ => T::from_json(json, path).map(Some),
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let items = array(json, &path)?;
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            match T::from_json(item, path.index(i, item.at)) {
                Ok(value) => out.push(value),
                // Recovering: the element is left out, and the next one read.
                Err(e) => path.set_aside(e, true)?,
            }
        }
        Ok(out)
    }
}

impl<T: FromJson> FromJson for BTreeMap<String, T> {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        // One insert at a time, not `collect` (see `crate::collect`).
        let mut map = BTreeMap::new();
        for m in object(json, &path)? {
            match T::from_json(&m.value, path.key(&m.key, m.at)) {
                Ok(value) => {
                    map.insert(m.key.to_string(), value);
                }
                // Recovering: the entry is left out, and the next one read.
                Err(e) => path.set_aside(e, true)?,
            }
        }
        Ok(map)
    }
}

/// Any JSON, as a `serde_json::Value`: for documents the player passes on or picks a few fields from
/// (an LMS's context template, a statement). Integers stay integers; other numbers are the `f64` they
/// mean, which is what serde_json reads them as too.
impl FromJson for serde_json::Value {
    fn from_json(json: &Json<'_>, _path: Path<'_>) -> Result<Self, ReadError> {
        Ok(to_value(json))
    }
}

fn to_value(json: &Json<'_>) -> serde_json::Value {
    use serde_json::Value as V;
    match &json.value {
        Value::Null => V::Null,
        Value::Bool(b) => V::Bool(*b),
        Value::Number(n) => match n.integer {
            Some(i) => V::from(i),
            // The parser refuses numbers that are not finite, so this is never null.
            None => serde_json::Number::from_f64(n.value).map_or(V::Null, V::Number),
        },
        Value::String(s) => V::String(s.to_string()),
        Value::Array(items) => V::Array(items.iter().map(to_value).collect()),
        Value::Object(members) => {
            let mut map = serde_json::Map::new();
            for m in members {
                map.insert(m.key.to_string(), to_value(&m.value));
            }
            V::Object(map)
        }
    }
}

/// A field a stored record must have (records are read through plain structs of optional fields, then
/// checked): the value, or the error serde would give for it. The tests' serde oracles use it.
#[cfg(test)]
pub fn required<T>(field: Option<T>, name: &str) -> Result<T, String> {
    field.ok_or_else(|| format!("missing field `{name}`"))
}
