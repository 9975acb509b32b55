use super::read::{self, Members};
use super::*;

fn err(source: &str) -> (usize, &'static str, String) {
    let e = parse(source).expect_err(source);
    (e.at, e.message, e.path())
}

/// The tree as a serde_json value, to compare the two parsers.
fn to_serde(json: &Json<'_>) -> serde_json::Value {
    serde_json::Value::from_json(json, Path::root(json.at)).unwrap()
}

#[test]
fn parses_every_kind_of_value_with_its_offset() {
    let json = parse(r#" {"a": [1, -2.5e1, true, null], "b": "x\"\u00e9\ud83d\ude00"} "#).unwrap();
    assert_eq!(json.at, 1);
    let Value::Object(members) = &json.value else {
        panic!("object")
    };
    assert_eq!(members[0].key, "a");
    assert_eq!(members[0].at, 2);
    let Value::Array(items) = &members[0].value.value else {
        panic!("array")
    };
    assert_eq!(items[1].at, 11);
    assert_eq!(
        items[1].value,
        Value::Number(Number {
            value: -25.0,
            integer: None
        })
    );
    assert_eq!(
        items[0].value,
        Value::Number(Number {
            value: 1.0,
            integer: Some(1)
        })
    );
    assert_eq!(members[1].value.value, Value::String("x\"é😀".into()));
}

#[test]
fn strings_without_escapes_borrow_from_the_source() {
    let json = parse(r#"["plain ünïcode", "esc\n"]"#).unwrap();
    let Value::Array(items) = json.value else {
        panic!("array")
    };
    assert!(matches!(
        &items[0].value,
        Value::String(Cow::Borrowed("plain ünïcode"))
    ));
    assert!(matches!(&items[1].value, Value::String(Cow::Owned(s)) if s == "esc\n"));
}

#[test]
fn syntax_errors_say_what_where_and_in_which_value() {
    assert_eq!(
        err(r#"{"a": 1 "b": 2}"#),
        (8, "expected `,` or `}`", String::new())
    );
    assert_eq!(err(r#"{"a": [1, 2,]}"#), (12, "trailing comma", "a".into()));
    assert_eq!(
        err(r#"{"a": {"b": }}"#),
        (12, "expected value", "a.b".into())
    );
    assert_eq!(
        err(r#"[{"x": 1}, {"y": tru}]"#),
        (20, "expected value", "[1].y".into())
    );
    assert_eq!(err(r#"{"a" 1}"#), (5, "expected `:`", String::new()));
    assert_eq!(err(r#"{a: 1}"#), (1, "key must be a string", String::new()));
    assert_eq!(
        err(r#"{"a": "x"#),
        (8, "EOF while parsing a string", "a".into())
    );
    assert_eq!(
        err(r#"{"a": 1"#),
        (7, "EOF while parsing an object", String::new())
    );
    assert_eq!(err("[1 2]"), (3, "expected `,` or `]`", String::new()));
    assert_eq!(err("1 2"), (2, "trailing characters", String::new()));
    assert_eq!(err(""), (0, "EOF while parsing a value", String::new()));
    assert_eq!(
        err("\"a\tb\""),
        (
            2,
            "control character (\\u0000-\\u001F) found while parsing a string",
            String::new()
        )
    );
    assert_eq!(err(r#""\x""#), (2, "invalid escape", String::new()));
    assert_eq!(
        err(r#""\ud800""#),
        (7, "lone leading surrogate in hex escape", String::new())
    );
    assert_eq!(err("[01]"), (2, "expected `,` or `]`", String::new()));
    assert_eq!(err("[1.]"), (3, "invalid number", "[0]".into()));
    assert_eq!(err("[-]"), (2, "invalid number", "[0]".into()));
    assert_eq!(err("[1e999]"), (1, "number out of range", "[0]".into()));
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let deep = "[".repeat(100_000);
    assert_eq!(err(&deep).1, "recursion limit exceeded");
    let fine = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(parse(&fine).is_ok());
}

#[test]
fn a_leading_byte_order_mark_is_skipped() {
    assert_eq!(parse("\u{feff}[1]").unwrap().at, 3);
}

#[test]
fn line_and_column_count_characters() {
    let src = "{\n  \"é\": x}";
    let e = parse(src).unwrap_err();
    assert_eq!(line_col(src, e.at), (2, 8));
    assert_eq!(line_col(src, 0), (1, 1));
    assert_eq!(line_col(src, 999), (2, 10));
}

/// Every file of the demo course, and thousands of one-byte corruptions of one, are read the same by
/// this parser and by serde_json: both accept or both refuse, and accepted values are equal.
#[test]
fn agrees_with_serde_json_on_the_course_and_its_corruptions() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = vec![std::fs::read_to_string(root.join("pkg.json")).unwrap()];
    for entry in std::fs::read_dir(root.join("content")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            sources.push(std::fs::read_to_string(path).unwrap());
        }
    }
    let check = |src: &str| {
        let ours = parse(src);
        let theirs: Result<serde_json::Value, _> = serde_json::from_str(src);
        match (&ours, &theirs) {
            (Ok(a), Ok(b)) => assert!(&to_serde(a) == b, "{}\n---\n{}", to_serde(a), b),
            (Err(_), Err(_)) => {}
            _ => panic!(
                "disagree on {src:?}: ours {:?}, serde {:?}",
                ours.err(),
                theirs.err()
            ),
        }
    };
    for src in &sources {
        check(src);
    }
    // The shortest file, cut and corrupted at 400 places spread over it.
    let sample = sources.iter().min_by_key(|s| s.len()).unwrap();
    let step = (sample.len() / 400).max(1);
    let replacements = [b'"', b',', b'}', b']', b'\\', b'0', b' ', b'e', b'-'];
    let mut tried = 0;
    for i in (0..sample.len()).step_by(step) {
        if !sample.is_char_boundary(i) || !sample.is_char_boundary(i + 1) {
            continue;
        }
        let mut cut = sample.clone();
        cut.remove(i);
        check(&cut);
        for r in replacements {
            let mut bytes = sample.clone().into_bytes();
            bytes[i] = r;
            if let Ok(s) = String::from_utf8(bytes) {
                check(&s);
                tried += 1;
            }
        }
    }
    assert!(tried > 1000, "{tried} corruptions tried");
}

#[derive(Debug, PartialEq)]
struct Thing {
    id: String,
    count: u32,
    tags: Vec<String>,
    note: Option<String>,
}

impl FromJson for Thing {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::new(json, path, &["id", "count", "tags", "note"])?;
        Ok(Thing {
            id: m.req("id")?,
            count: m.or("count", 1)?,
            tags: m.or_default("tags")?,
            note: m.opt("note")?,
        })
    }
}

fn read_things(src: &str) -> Result<Vec<Thing>, ReadError> {
    let json = parse(src).unwrap();
    Vec::<Thing>::from_json(&json, Path::root(json.at))
}

#[test]
fn members_read_required_defaulted_and_optional_fields() {
    let things =
        read_things(r#"[{"id": "a"}, {"id": "b", "count": 3, "tags": ["x"], "note": null}]"#);
    assert_eq!(
        things.unwrap(),
        vec![
            Thing {
                id: "a".into(),
                count: 1,
                tags: vec![],
                note: None
            },
            Thing {
                id: "b".into(),
                count: 3,
                tags: vec!["x".into()],
                note: None
            },
        ]
    );
}

#[test]
fn shape_errors_name_the_path_and_point_at_the_key_or_element() {
    let e = |src: &str| {
        let e = read_things(src).unwrap_err();
        (e.at, e.path, e.message)
    };
    assert_eq!(
        e(r#"[{"id": "a"}, {"id": "b", "cuont": 2}]"#),
        (
            26,
            "[1].cuont".into(),
            "unknown field `cuont`, expected one of `id`, `count`, `tags`, `note`".into()
        )
    );
    assert_eq!(
        e(r#"[{"id": "a"}, {}]"#),
        (14, "[1]".into(), "missing field `id`".into())
    );
    assert_eq!(
        e(r#"[{"id": 7}]"#),
        (
            2,
            "[0].id".into(),
            "invalid type: number `7`, expected a string".into()
        )
    );
    assert_eq!(
        e(r#"[{"id": "a", "count": -1}]"#),
        (
            13,
            "[0].count".into(),
            "invalid value: number `-1`, expected a whole number from 0 to 4294967295".into()
        )
    );
    assert_eq!(
        e(r#"[{"id": "a", "count": 1.5}]"#).2,
        "invalid value: number `1.5`, expected a whole number from 0 to 4294967295"
    );
    assert_eq!(
        e(r#"[{"id": "a", "id": "b"}]"#),
        (13, "[0].id".into(), "duplicate field `id`".into())
    );
    assert_eq!(
        e(r#"[{"id": "a", "tags": ["x", false]}]"#),
        (
            27,
            "[0].tags[1]".into(),
            "invalid type: boolean `false`, expected a string".into()
        )
    );
    assert_eq!(
        e(r#"{"id": "a"}"#),
        (
            0,
            String::new(),
            "invalid type: an object, expected a list".into()
        )
    );
}

#[test]
fn tags_and_words_name_what_is_allowed() {
    let json = parse(r#"{"type": "multiple", "n": 1}"#).unwrap();
    let root = Path::root(0);
    let e = read::tag(&json, &root, "type", &["single", "many"]).unwrap_err();
    assert_eq!((e.at, e.path.as_str()), (1, "type"));
    assert_eq!(
        e.message,
        "unknown type `multiple`, expected one of `single`, `many`"
    );
    let e = read::tag(&json, &root, "kind", &["a"]).unwrap_err();
    assert_eq!(e.message, "missing field `kind`");
    let ok = parse(r#"{"type": "many", "n": 1}"#).unwrap();
    assert_eq!(read::tag(&ok, &root, "type", &["single", "many"]), Ok(1));
    assert!(Members::tagged(&ok, root, Some("type"), &["n"]).is_ok());
    assert!(
        Members::new(&ok, root, &["n"]).is_err(),
        "the tag is only allowed when named"
    );
    let word = parse(r#""later""#).unwrap();
    assert_eq!(
        read::one_of(&word, &root, &["now", "soon"])
            .unwrap_err()
            .message,
        "unknown value `later`, expected one of `now`, `soon`"
    );
}

#[test]
fn lenient_members_ignore_unknown_keys_and_numbers_keep_their_range() {
    let json = parse(r#"{"a": 1, "later": {"x": [1]}, "b": null}"#).unwrap();
    let m = Members::lenient(&json, Path::root(0)).unwrap();
    assert_eq!(m.req::<u8>("a"), Ok(1));
    assert_eq!(m.opt::<u8>("b"), Ok(None));
    assert_eq!(m.req::<Option<u8>>("b"), Ok(None));
    assert!(Members::new(&json, Path::root(0), &["a", "b"]).is_err());
    let big = parse("[256, -1, 9007199254740993, 3000000000]").unwrap();
    let Value::Array(n) = &big.value else {
        panic!("array")
    };
    let root = Path::root(0);
    assert!(u8::from_json(&n[0], root).is_err());
    assert!(u64::from_json(&n[1], root).is_err());
    assert_eq!(u64::from_json(&n[2], root), Ok(9_007_199_254_740_993));
    assert!(i32::from_json(&n[3], root).is_err());
    assert_eq!(i64::from_json(&n[3], root), Ok(3_000_000_000));
}

#[test]
fn a_recovering_read_sets_errors_aside_and_goes_on() {
    let src = r#"[{"id": "a", "count": "x", "colour": 1, "shade": 2},
                  {"count": 2},
                  {"id": "c", "note": 5, "tags": ["t", 7]},
                  {"id": "d", "id": "e"}]"#;
    let tree = parse(src).unwrap();
    let (things, errors, complete) = super::read_recovering::<Vec<Thing>>(&tree);
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "[0].count",
            "[0].colour",
            "[0].shade",
            "[1]",
            "[2].note",
            "[2].tags[1]",
            "[3].id"
        ],
        "in the order of the source: {errors:?}"
    );
    assert!(!complete, "element [1] and a tag were left out");
    let things = things.expect("the list itself is read");
    let ids: Vec<&str> = things.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        ["a", "c", "d"],
        "a wrong required member leaves its element out"
    );
    assert_eq!(
        things[0].count, 1,
        "a wrong defaulted member takes its default"
    );
    assert_eq!(things[1].note, None, "a wrong optional member is absent");
    assert_eq!(things[1].tags, ["t"]);

    // Defaultable faults alone leave the value whole; a plain read still stops at the first error.
    let tree = parse(r#"{"id": "a", "note": 1, "x": 0}"#).unwrap();
    let (thing, errors, complete) = super::read_recovering::<Thing>(&tree);
    assert!(complete && thing.is_some() && errors.len() == 2);
    assert_eq!(read_things(src).unwrap_err().path, "[0].colour");
}
