//! [`Owned`]: a JSON value that outlives its source text, for documents the player only carries and
//! writes back (the xAPI statements of a data backpack).
//!
//! It reads and writes exactly as `serde_json::Value` does without `preserve_order`, which it replaces in
//! the player: object keys in sorted order, a key written twice keeps its last value, integers stay
//! integers (`1` is written `1`, `1.0` is written `1.0`) and `-0` is the float it means. So a backpack
//! written today is byte for byte the one written before, without serde_json's deserializer in the wasm.
//!
//! One difference: an integer above `i64::MAX` (and up to `u64::MAX`) is kept as the nearest float,
//! where serde_json kept it exact. The player never writes one.

use super::{FromJson, Json, Path, ReadError, Value};
use crate::collect::CollectOrdered;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use std::collections::BTreeMap;

/// An owned JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Owned {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Owned>),
    Object(BTreeMap<String, Owned>),
}

/// A number as serde_json keeps one: a whole number without fraction or exponent, else a float.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    Integer(i64),
    Float(f64),
}

impl Owned {
    /// The member `key` of an object (`None` for a missing key or a value that is not an object).
    pub fn get(&self, key: &str) -> Option<&Owned> {
        match self {
            Owned::Object(members) => members.get(key),
            _ => None,
        }
    }

    /// The string this value is, if it is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Owned::String(s) => Some(s),
            _ => None,
        }
    }
}

/// Any JSON value is an [`Owned`]; this reader never fails.
impl FromJson for Owned {
    fn from_json(json: &Json<'_>, _path: Path<'_>) -> Result<Self, ReadError> {
        Ok(own(json))
    }
}

fn own(json: &Json<'_>) -> Owned {
    match &json.value {
        Value::Null => Owned::Null,
        Value::Bool(b) => Owned::Bool(*b),
        Value::Number(n) => Owned::Number(match n.integer {
            Some(i) => Number::Integer(i),
            None => Number::Float(n.value),
        }),
        Value::String(s) => Owned::String(s.to_string()),
        Value::Array(items) => Owned::Array(items.iter().map(own).collect()),
        // Later members replace earlier ones, as serde_json's map does.
        Value::Object(members) => Owned::Object(
            members
                .iter()
                .map(|m| (m.key.to_string(), own(&m.value)))
                .collect_map(),
        ),
    }
}

impl Serialize for Owned {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Owned::Null => serializer.serialize_unit(),
            Owned::Bool(b) => serializer.serialize_bool(*b),
            Owned::Number(Number::Integer(i)) => serializer.serialize_i64(*i),
            Owned::Number(Number::Float(f)) => serializer.serialize_f64(*f),
            Owned::String(s) => serializer.serialize_str(s),
            Owned::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Owned::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (k, v) in members {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

/// Tests read records with serde as an oracle; this lets a type holding an [`Owned`] derive it.
#[cfg(test)]
impl<'de> serde::Deserialize<'de> for Owned {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        crate::json::from_str(&value.to_string()).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `source` through serde_json::Value and through [`Owned`]: the same text out.
    fn same_as_serde(source: &str) {
        let theirs: serde_json::Value = serde_json::from_str(source).unwrap();
        let ours: Owned = crate::json::from_str(source).unwrap();
        assert_eq!(
            serde_json::to_string(&ours).unwrap(),
            theirs.to_string(),
            "{source}"
        );
    }

    #[test]
    fn writes_what_serde_json_value_writes() {
        for source in [
            "null",
            "true",
            r#""caf\u00e9 \"q\" \ud83d\ude00 \n""#,
            "0",
            "-0",
            "-0.0",
            "1.0",
            "1e2",
            "-12",
            "0.1",
            "2.5e-8",
            "9223372036854775807",
            "-9223372036854775808",
            "1.7976931348623157e308",
            "123456789012345678901234567890",
            "[]",
            "{}",
            r#"{"b": 1, "a": [1, 2.0, {"z": null, "y": false}], "c": {"x": "s"}}"#,
            r#"{"k": 1, "k": 2}"#,
        ] {
            same_as_serde(source);
        }
    }

    #[test]
    fn a_real_statement_reads_back_byte_for_byte() {
        let statement = serde_json::json!({
            "id": "6f1c2a3b-0000-4000-8000-000000000001",
            "actor": {"objectType": "Agent", "account": {"homePage": "https://lms", "name": "s-1"}},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}},
            "result": {"score": {"scaled": 1.0, "raw": 1, "min": 0, "max": 1}, "success": true,
                "duration": "PT1.5S", "extensions": {"https://w3id.org/pacer/xapi/extensions/skill-mastery": {"a": 0.8125}}},
            "timestamp": "2024-01-01T00:00:00.000Z"
        });
        same_as_serde(&statement.to_string());
    }

    #[test]
    fn get_finds_members_of_objects_only() {
        let v: Owned = crate::json::from_str(r#"{"id": "s", "n": [1]}"#).unwrap();
        assert_eq!(v.get("id").and_then(Owned::as_str), Some("s"));
        assert_eq!(v.get("missing"), None);
        assert_eq!(v.get("n").and_then(|n| n.get("id")), None);
    }
}
