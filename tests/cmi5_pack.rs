//! `pacer pack --cmi5`: `cmi5.xml` follows the cmi5 course structure rules (sections 13 and 14: the
//! namespace, course then one AU in schema order, IRI ids, a langstring per language, a relative launch
//! URL that is in the zip, masteryScore in [0, 1], launchMethod), author text is escaped, the player's
//! config carries no LRS credentials, every file is accounted for, and packs are deterministic.
#![cfg(not(target_arch = "wasm32"))]

use pacer::cli::files::sha256_hex;
use roxmltree::{Document, Node};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const NAMESPACE: &str = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd";

mod lms_pack;

use lms_pack::files;

fn temp(name: &str) -> PathBuf {
    lms_pack::temp("cmi5", name)
}

/// The files of a stand-in for the built player (`dist/`); the last four must stay out of the pack.
const PLAYER: [(&str, &str); 9] = [
    ("index.html", "<!doctype html>"),
    ("app.js", "// app"),
    ("style.css", "body{}"),
    ("player/pacer.js", "// glue"),
    ("player/pacer_bg.wasm", "\0asm"),
    ("sw.js", "// worker: not for an LMS"),
    (
        "config.json",
        r#"{"lrs":{"endpoint":"http://dev/","auth":"Basic secret"}}"#,
    ),
    ("course/pkg.json", "{}"),
    ("examples/plain.html", "<!doctype html>"),
];

fn fake_player(name: &str) -> PathBuf {
    let dir = temp(name);
    lms_pack::write_player(&dir, &PLAYER);
    dir
}

/// Runs `pacer pack COURSE -o OUT --cmi5 --player PLAYER` and returns its standard output.
fn pack(course: &Path, player: &Path, out: &Path) -> String {
    lms_pack::pack(course, "--cmi5", player, out)
}

/// An absolute IRI: a scheme (RFC 3987: a letter, then letters, digits, `+`, `-`, `.`), a colon, more.
fn is_absolute_iri(s: &str) -> bool {
    s.split_once(':').is_some_and(|(scheme, rest)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            && !rest.is_empty()
            && !s.chars().any(char::is_whitespace)
    })
}

fn elements<'a>(node: Node<'a, 'a>) -> Vec<Node<'a, 'a>> {
    node.children().filter(Node::is_element).collect()
}

fn names(nodes: &[Node]) -> Vec<String> {
    nodes
        .iter()
        .map(|n| n.tag_name().name().to_owned())
        .collect()
}

/// The langstrings of a title or description, by language; each must be in the schema's namespace.
fn langstrings(node: Node) -> BTreeMap<String, String> {
    elements(node)
        .into_iter()
        .map(|l| {
            assert_eq!(l.tag_name().name(), "langstring");
            assert_eq!(l.tag_name().namespace(), Some(NAMESPACE));
            (
                l.attribute("lang").expect("a lang").to_owned(),
                l.text().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

/// What a course structure says, once its shape has been checked against the schema's rules.
struct Structure {
    course_id: String,
    course_title: BTreeMap<String, String>,
    au_id: String,
    au_title: BTreeMap<String, String>,
    move_on: String,
    mastery_score: Option<String>,
    url: String,
}

fn check_structure(xml: &str) -> Structure {
    let doc = Document::parse(xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "courseStructure");
    assert_eq!(root.tag_name().namespace(), Some(NAMESPACE));
    // The course first, then exactly one AU (no blocks, no objectives).
    let top = elements(root);
    assert_eq!(names(&top), ["course", "au"]);
    let (course, au) = (top[0], top[1]);
    let course_parts = elements(course);
    assert_eq!(names(&course_parts), ["title", "description"]);
    let au_parts = elements(au);
    assert_eq!(names(&au_parts), ["title", "description", "url"]);
    for part in course_parts.iter().chain(&au_parts[..2]) {
        let texts = langstrings(*part);
        for lang in ["en", "es"] {
            assert!(
                texts.get(lang).is_some_and(|t| !t.trim().is_empty()),
                "{} has an {lang} langstring: {texts:?}",
                part.tag_name().name()
            );
        }
    }
    let course_id = course.attribute("id").expect("course id").to_owned();
    let au_id = au.attribute("id").expect("au id").to_owned();
    assert!(is_absolute_iri(&course_id), "{course_id}");
    assert!(is_absolute_iri(&au_id), "{au_id}");
    assert_ne!(course_id, au_id, "ids are unique in the course structure");
    assert_eq!(au.attribute("launchMethod"), Some("AnyWindow"));
    let move_on = au.attribute("moveOn").expect("moveOn").to_owned();
    assert!(
        [
            "Passed",
            "Completed",
            "CompletedAndPassed",
            "CompletedOrPassed",
            "NotApplicable"
        ]
        .contains(&move_on.as_str()),
        "{move_on}"
    );
    let mastery_score = au.attribute("masteryScore").map(str::to_owned);
    if let Some(m) = &mastery_score {
        let value: f64 = m.parse().expect("masteryScore is a decimal");
        assert!((0.0..=1.0).contains(&value), "{m}");
        assert!(
            m.split_once('.').is_none_or(|(_, d)| d.len() <= 3),
            "three decimals at most: {m}"
        );
    }
    let url = au_parts[2].text().expect("url").trim().to_owned();
    Structure {
        course_title: langstrings(course_parts[0]),
        au_title: langstrings(au_parts[0]),
        course_id,
        au_id,
        move_on,
        mastery_score,
        url,
    }
}

fn demo_manifest() -> serde_json::Value {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("pkg.json"))
        .expect("pkg.json");
    serde_json::from_str(&text).expect("pkg.json is JSON")
}

#[test]
fn the_demo_course_packs_as_a_cmi5_course_structure() {
    let dir = temp("demo");
    let player = fake_player("demo-player");
    let out = dir.join("course.zip");
    let stdout = pack(Path::new(env!("CARGO_MANIFEST_DIR")), &player, &out);
    let zipped = files(&out);
    let xml = String::from_utf8(zipped["cmi5.xml"].clone()).expect("utf-8");
    let s = check_structure(&xml);

    let manifest = demo_manifest();
    assert_eq!(s.course_id, manifest["id"].as_str().expect("id"));
    assert_eq!(s.course_title["es"], "Fracciones, 4.º grado");
    // The AU is the activity the player opens (the first), named by its xAPI activity id.
    let first = &manifest["activities"][0];
    assert_eq!(
        s.au_id,
        format!(
            "{}/activities/{}",
            s.course_id,
            first["id"].as_str().expect("activity id")
        )
    );
    assert_eq!(
        s.au_title["en"],
        first["title"]["en"].as_str().expect("title")
    );
    // Its mastery rule is BKT, which is not a share of items: no mastery score, completion counts.
    assert_eq!(first["mastery"]["rule"], "bkt");
    assert_eq!((s.move_on.as_str(), s.mastery_score), ("Completed", None));

    // The launch URL is relative (the media is in the zip, cmi5 14.1) and names a file of the zip.
    assert!(!s.url.contains(':') && !s.url.starts_with('/'), "{}", s.url);
    assert!(zipped.contains_key(&s.url), "{} is in the zip", s.url);

    // Under cmi5 the LMS gives the endpoint and a token at launch: the config has no LRS.
    let config: serde_json::Value =
        serde_json::from_slice(&zipped["config.json"]).expect("config.json is JSON");
    assert_eq!(
        config,
        serde_json::json!({ "packageUrl": "course/pkg.json" })
    );

    // Every entry is accounted for: the player's files (without the development config, the demo
    // course, the service worker and the examples), the course with its SHA-256 list, the config and
    // cmi5.xml; every course file is in the list with its hash; the size report names every entry.
    let hashes = pacer::pack::hashes::parse(
        std::str::from_utf8(&zipped["course/pacer-sha256.txt"]).expect("utf-8"),
    )
    .expect("a SHA-256 list");
    let mut expected: BTreeSet<String> = PLAYER[..5].iter().map(|(p, _)| p.to_string()).collect();
    expected.extend(hashes.keys().map(|p| format!("course/{p}")));
    expected.extend(["course/pacer-sha256.txt", "config.json", "cmi5.xml"].map(str::to_owned));
    assert_eq!(zipped.keys().cloned().collect::<BTreeSet<_>>(), expected);
    assert!(hashes.contains_key("pkg.json") && hashes.len() > 10);
    for (path, hex) in &hashes {
        assert_eq!(
            &sha256_hex(&zipped[&format!("course/{path}")]),
            hex,
            "{path}"
        );
    }
    for name in zipped.keys() {
        assert!(
            stdout.lines().any(|l| l.ends_with(&format!("  {name}"))),
            "{name} is in the size report"
        );
    }

    // Deterministic.
    let again = dir.join("again.zip");
    pack(Path::new(env!("CARGO_MANIFEST_DIR")), &player, &again);
    assert_eq!(
        std::fs::read(&out).expect("zip"),
        std::fs::read(&again).expect("zip")
    );
}

/// Copies the demo course (pkg.json and content/) to `to`.
fn copy_demo(to: &Path) {
    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).expect("dir");
        for e in std::fs::read_dir(from).expect("read dir") {
            let e = e.expect("entry");
            let target = to.join(e.file_name());
            if e.path().is_dir() {
                copy_dir(&e.path(), &target);
            } else {
                std::fs::copy(e.path(), target).expect("copy");
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&root.join("content"), &to.join("content"));
    std::fs::copy(root.join("pkg.json"), to.join("pkg.json")).expect("copy");
}

#[test]
fn untrusted_titles_are_escaped_and_a_share_rule_becomes_a_mastery_score() {
    let dir = temp("escape");
    let course = dir.join("course");
    copy_demo(&course);
    let mut manifest = demo_manifest();
    // Markup-like text that is not a tag (the validator refuses tags), and text that is already escaped.
    let hostile = r#"Tom <&"> Jerry's &amp; ]]> &lt;"#;
    manifest["title"]["en"] = serde_json::json!(hostile);
    manifest["activities"][0]["title"]["es"] = serde_json::json!(format!("{hostile} (es)"));
    manifest["activities"][0]["mastery"] = serde_json::json!({ "rule": "m_of_n", "m": 4, "n": 5 });
    std::fs::write(
        course.join("pkg.json"),
        serde_json::to_string_pretty(&manifest).expect("json"),
    )
    .expect("write");
    let player = fake_player("escape-player");
    let out = dir.join("course.zip");
    pack(&course, &player, &out);
    let xml = String::from_utf8(files(&out)["cmi5.xml"].clone()).expect("utf-8");
    assert!(
        xml.contains("Tom &lt;&amp;&quot;&gt; Jerry&apos;s"),
        "{xml}"
    );
    let s = check_structure(&xml);
    assert_eq!(
        s.course_title["en"], hostile,
        "the title reads back unchanged"
    );
    assert_eq!(s.au_title["es"], format!("{hostile} (es)"));
    // 4 of 5: the runtime passes a share of 0.8 of the items right at the first try.
    assert_eq!(s.move_on, "CompletedAndPassed");
    assert_eq!(s.mastery_score.as_deref(), Some("0.8"));
}
