//! The package format is written down twice: as the readers of `src/package/reader.rs` (what `pacer
//! validate` and the player accept) and as `schema/*.json` (what an author's editor completes and checks).
//! This test holds them to one another: for every object the readers read, the keys they accept are the
//! properties the schema gives that object, and every object with properties in the schema has a reader.
//! So an author's editor and the validator never disagree on what a key is.
//!
//! Readers are found in the source text: `Members::new(json, path, &[keys])` for plain objects, and
//! `tag(json, &path, "key", &[names])` with one `&[fields]` arm per name for tagged ones, which are paired
//! with the schema's `oneOf` branch whose tag property has that `const`.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::PathBuf;

/// Which schema object each plain (untagged) reader reads: the schema file and one or more JSON pointers
/// (several when the schema writes the object as a `oneOf` of one-key alternatives).
const PLAIN: &[(&str, &str, &[&str])] = &[
    ("Manifest", "pkg", &[""]),
    ("Settings", "pkg", &["/properties/settings"]),
    ("Skill", "pkg", &["/$defs/skill"]),
    ("BktParams", "pkg", &["/$defs/skill/properties/bkt"]),
    ("ActivityRef", "pkg", &["/$defs/activity"]),
    ("Unlock", "pkg", &["/$defs/activity/properties/unlock"]),
    ("Activity", "activity", &[""]),
    ("Item", "activity", &["/$defs/item"]),
    ("Feedback", "activity", &["/$defs/item/properties/feedback"]),
    ("Page", "activity", &["/$defs/page"]),
    ("ChoiceOption", "activity", &["/$defs/option"]),
    ("Normalisation", "activity", &["/$defs/normalisation"]),
    (
        "UnitRule",
        "activity",
        &["/$defs/interaction/oneOf/3/properties/unit"],
    ),
    (
        "NumericMisconception",
        "activity",
        &["/$defs/interaction/oneOf/3/properties/misconceptions/items"],
    ),
    (
        "TextMisconception",
        "activity",
        &["/$defs/interaction/oneOf/4/properties/misconceptions/items"],
    ),
    (
        "Pair",
        "activity",
        &["/$defs/interaction/oneOf/7/properties/pairs/items"],
    ),
    (
        "Tolerance",
        "activity",
        &["/$defs/tolerance/oneOf/0", "/$defs/tolerance/oneOf/1"],
    ),
    (
        "ParamSpec",
        "activity",
        &[
            "/$defs/param/oneOf/0",
            "/$defs/param/oneOf/1",
            "/$defs/param/oneOf/2",
        ],
    ),
    (
        "Region",
        "activity",
        &["/$defs/interaction/oneOf/11/properties/regions/items"],
    ),
    (
        "LinePoint",
        "activity",
        &["/$defs/block/oneOf/6/properties/points/items"],
    ),
    ("DropTarget", "activity", &["/$defs/dropTarget"]),
    ("DragLabel", "activity", &["/$defs/dragLabel"]),
    (
        "RangeSpec",
        "activity",
        &["/$defs/param/oneOf/0/properties/range"],
    ),
];

/// What one reader accepts.
#[derive(Debug)]
enum Reader {
    /// An object with these keys.
    Plain(BTreeSet<String>),
    /// A tagged object: the tag key, and for each tag value the other keys.
    Tagged(String, Vec<(String, BTreeSet<String>)>),
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The string literals of `text`, in order.
fn literals(text: &str) -> Vec<String> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The text of the first `&[ ... ]` at or after `from`, and where it ends.
fn list_at(text: &str, from: usize) -> Option<(&str, usize)> {
    let start = from + text[from..].find("&[")?;
    let end = start + text[start..].find(']')?;
    Some((&text[start + 2..end], end + 1))
}

/// Every reader of `src/package/reader.rs`, by the type it reads.
fn readers(source: &str) -> BTreeMap<String, Reader> {
    let code = source
        .split("#[cfg(test)]\nmod tests")
        .next()
        .unwrap_or(source);
    let mut out = BTreeMap::new();
    for block in code.split("impl FromJson for ").skip(1) {
        let name: String = block
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if let Some(at) = block.find("Members::new(") {
            let (keys, _) = list_at(block, at).expect("Members::new with a key list");
            out.insert(name, Reader::Plain(literals(keys).into_iter().collect()));
        } else if let Some(at) = block.find("tag(") {
            let (names, after) = list_at(block, at).expect("tag with a list of names");
            let key = literals(&block[at..after])
                .into_iter()
                .next()
                .expect("the tag key");
            let names = literals(names);
            let arms = block[after..]
                .find("match kind {")
                .map(|m| after + m)
                .expect("a `match kind` of the fields");
            let mut from = arms;
            let mut variants = Vec::new();
            for name in names {
                let (fields, end) = list_at(block, from).expect("one field list per tag value");
                variants.push((name, literals(fields).into_iter().collect()));
                from = end;
            }
            out.insert(name, Reader::Tagged(key, variants));
        }
    }
    out
}

/// Every object of a schema that lists `properties`: its pointer, its keys, and its `const` properties.
fn objects(
    node: &Value,
    pointer: &str,
    out: &mut Vec<(String, BTreeSet<String>, BTreeMap<String, String>)>,
) {
    match node {
        Value::Object(map) => {
            // A `properties` of only `true` describes no record: it names the keys a `required` of an
            // alternative lists (JSON Schema's strict mode wants them named), as shade's `answer` or
            // `shadedParts` does.
            let shape = map.get("properties").and_then(Value::as_object);
            if let Some(props) = shape.filter(|p| p.values().any(|v| *v != Value::Bool(true))) {
                let consts = props
                    .iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.get("const")?.as_str()?.to_owned())))
                    .collect();
                out.push((pointer.to_owned(), props.keys().cloned().collect(), consts));
            }
            for (k, v) in map {
                objects(v, &format!("{pointer}/{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                objects(v, &format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn schema(name: &str) -> Value {
    let path = repo().join(format!("schema/{name}.schema.json"));
    serde_json::from_str(&fs::read_to_string(&path).expect("a schema")).expect("schema JSON")
}

#[test]
fn the_readers_and_the_schemas_accept_the_same_keys() {
    let source = fs::read_to_string(repo().join("src/package/reader.rs")).expect("reader.rs");
    let readers = readers(&source);
    assert!(readers.len() >= 20, "readers found: {:?}", readers.keys());
    let mut schema_objects = BTreeMap::new();
    for file in ["pkg", "activity"] {
        let mut found = Vec::new();
        objects(&schema(file), "", &mut found);
        schema_objects.insert(file, found);
    }
    let plain: BTreeMap<&str, (&str, &[&str])> =
        PLAIN.iter().map(|(n, f, p)| (*n, (*f, *p))).collect();
    let mut problems = Vec::new();
    let mut matched: BTreeSet<(String, String)> = BTreeSet::new();
    for (name, reader) in &readers {
        match reader {
            Reader::Plain(keys) => {
                let Some((file, pointers)) = plain.get(name.as_str()) else {
                    problems.push(format!(
                        "reader `{name}` reads an object this test does not pair with the schema: \
                         add it to PLAIN"
                    ));
                    continue;
                };
                let mut in_schema = BTreeSet::new();
                for pointer in *pointers {
                    match schema_objects[file].iter().find(|(p, _, _)| p == pointer) {
                        Some((_, props, _)) => in_schema.extend(props.iter().cloned()),
                        None => problems.push(format!(
                            "schema/{file}.schema.json has no object at #{pointer}"
                        )),
                    }
                    matched.insert((file.to_string(), pointer.to_string()));
                }
                compare(
                    &mut problems,
                    name,
                    file,
                    &pointers.join(" + "),
                    keys,
                    &in_schema,
                );
            }
            Reader::Tagged(key, variants) => {
                for (value, fields) in variants {
                    let mut keys = fields.clone();
                    keys.insert(key.clone());
                    // Two kinds of object may share a tag value (a `numberLine` block and a
                    // `numberLine` interaction): the branch with the reader's keys, else the first.
                    let tagged = |same: bool| {
                        schema_objects.iter().find_map(|(file, objs)| {
                            objs.iter()
                                .find(|(_, props, consts)| {
                                    consts.get(key) == Some(value) && (!same || *props == keys)
                                })
                                .map(|o| (*file, o))
                        })
                    };
                    let branch = tagged(true).or_else(|| tagged(false));
                    let Some((file, (pointer, props, _))) = branch else {
                        problems.push(format!(
                            "reader `{name}` reads `{key}: \"{value}\"`, which no schema branch has"
                        ));
                        continue;
                    };
                    compare(
                        &mut problems,
                        &format!("{name} ({key} {value})"),
                        file,
                        pointer,
                        &keys,
                        props,
                    );
                    matched.insert((file.to_string(), pointer.clone()));
                }
            }
        }
    }
    for (file, objs) in &schema_objects {
        for (pointer, _, _) in objs {
            if !matched.contains(&(file.to_string(), pointer.clone())) {
                problems.push(format!(
                    "schema/{file}.schema.json#{pointer} has properties that no reader reads"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

fn compare(
    problems: &mut Vec<String>,
    reader: &str,
    file: &str,
    pointer: &str,
    keys: &BTreeSet<String>,
    schema: &BTreeSet<String>,
) {
    let only_reader: Vec<&String> = keys.difference(schema).collect();
    let only_schema: Vec<&String> = schema.difference(keys).collect();
    if !only_reader.is_empty() || !only_schema.is_empty() {
        problems.push(format!(
            "reader `{reader}` and schema/{file}.schema.json#{pointer} disagree: only the reader \
             accepts {only_reader:?}; only the schema has {only_schema:?}"
        ));
    }
}

/// The test's own parsing, on a made-up reader: it must see a plain key list and a tagged one.
#[test]
fn the_reader_parsing_sees_plain_and_tagged_readers() {
    let source = r#"
impl FromJson for Thing {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::new(json, path, &["a", "b"])?;
    }
}
impl FromJson for Shape {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let kind = tag(json, &path, "kind", &["square", "circle"])?;
        let fields: &[&str] = match kind {
            0 => &["side"],
            _ => &[],
        };
    }
}
"#;
    let r = readers(source);
    assert!(matches!(&r["Thing"], Reader::Plain(k) if k.len() == 2 && k.contains("b")));
    match &r["Shape"] {
        Reader::Tagged(key, variants) => {
            assert_eq!(key, "kind");
            assert_eq!(variants[0].0, "square");
            assert!(variants[0].1.contains("side"));
            assert!(variants[1].1.is_empty());
        }
        other => panic!("{other:?}"),
    }
}
