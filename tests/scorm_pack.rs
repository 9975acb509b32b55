//! `pacer pack --scorm12|--scorm2004`: the manifests follow the SCORM content packaging rules
//! (identifiers, organizations, one SCO resource, every file listed, schema version) and packs are
//! deterministic.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

mod lms_pack;

use lms_pack::files;

fn temp(name: &str) -> PathBuf {
    lms_pack::temp("scorm", name)
}

/// A stand-in for the built player (`dist/`), with what the packer must leave out, in a folder of its
/// own per test (`name`): the tests run in parallel, and a shared folder was emptied under the other.
fn fake_player(name: &str) -> PathBuf {
    let dir = temp(&format!("{name}-player"));
    lms_pack::write_player(
        &dir,
        &[
            ("index.html", "<!doctype html>"),
            ("app.js", "// app"),
            ("style.css", "body{}"),
            ("player/pacer.js", "// glue"),
            ("player/pacer_bg.wasm", "\0asm"),
            ("sw.js", "// worker: not for an LMS"),
            ("config.json", "{}"),
            ("course/pkg.json", "{}"),
        ],
    );
    dir
}

fn pack(flag: &str, player: &Path, out: &Path) {
    lms_pack::pack(Path::new(env!("CARGO_MANIFEST_DIR")), flag, player, out);
}

fn is_ncname(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn check_manifest(flag: &str, namespace: &str, schema_version: &str, scorm_type: &str) {
    let dir = temp(flag.trim_start_matches('-'));
    let player = fake_player(flag.trim_start_matches('-'));
    let out = dir.join("course.zip");
    pack(flag, &player, &out);
    let zipped = files(&out);
    assert!(!zipped.contains_key("sw.js") && !zipped.contains_key("course/sw.js"));
    assert_eq!(
        String::from_utf8_lossy(&zipped["config.json"]),
        format!(
            "{{\"packageUrl\":\"course/pkg.json\",\"scorm\":\"{}\"}}\n",
            if flag == "--scorm12" { "1.2" } else { "2004" }
        )
    );
    let xml = String::from_utf8(zipped["imsmanifest.xml"].clone()).expect("utf-8");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "manifest");
    assert_eq!(root.tag_name().namespace(), Some(namespace));
    let named = |name: &'static str| {
        root.descendants()
            .filter(move |n| n.tag_name().name() == name)
    };
    assert_eq!(
        named("schema").next().and_then(|n| n.text()),
        Some("ADL SCORM")
    );
    assert_eq!(
        named("schemaversion").next().and_then(|n| n.text()),
        Some(schema_version)
    );
    // Identifiers: XML IDs, unique.
    let ids: Vec<&str> = root
        .descendants()
        .filter_map(|n| n.attribute("identifier"))
        .collect();
    assert!(ids.iter().all(|i| is_ncname(i)), "{ids:?}");
    assert_eq!(
        ids.len(),
        ids.iter().collect::<BTreeSet<_>>().len(),
        "unique"
    );
    let orgs = named("organizations").next().expect("organizations");
    let default = orgs.attribute("default").expect("a default organization");
    assert!(named("organization").any(|o| o.attribute("identifier") == Some(default)));
    let resources: BTreeMap<&str, roxmltree::Node> = named("resource")
        .map(|r| (r.attribute("identifier").expect("resource id"), r))
        .collect();
    let items: Vec<_> = named("item").collect();
    assert_eq!(items.len(), 1, "one item");
    let sco = resources[items[0].attribute("identifierref").expect("identifierref")];
    assert_eq!(sco.attribute("type"), Some("webcontent"));
    let adlcp = sco
        .attributes()
        .find(|a| a.name() == scorm_type)
        .expect("the SCO's adlcp scorm type");
    assert_eq!(adlcp.value(), "sco");
    let href = sco.attribute("href").expect("launch");
    assert!(
        zipped.contains_key(href),
        "the launch file {href} is in the zip"
    );
    // Every file of the zip is listed, and every listed file is in the zip.
    let listed: BTreeSet<&str> = sco
        .children()
        .filter(|n| n.tag_name().name() == "file")
        .filter_map(|n| n.attribute("href"))
        .collect();
    let present: BTreeSet<&str> = zipped
        .keys()
        .map(String::as_str)
        .filter(|n| *n != "imsmanifest.xml")
        .collect();
    assert_eq!(listed, present);
    assert!(present.contains("course/pkg.json") && present.contains("course/pacer-sha256.txt"));
    // Deterministic.
    let again = dir.join("again.zip");
    pack(flag, &player, &again);
    assert_eq!(
        std::fs::read(&out).expect("zip"),
        std::fs::read(&again).expect("zip")
    );
}

#[test]
fn scorm12_manifest_follows_the_packaging_rules() {
    check_manifest(
        "--scorm12",
        "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
        "1.2",
        "scormtype",
    );
}

#[test]
fn scorm2004_manifest_follows_the_packaging_rules() {
    check_manifest(
        "--scorm2004",
        "http://www.imsglobal.org/xsd/imscp_v1p1",
        "2004 4th Edition",
        "scormType",
    );
}

#[test]
fn a_missing_player_is_a_clear_error() {
    let dir = temp("noplayer");
    let out = Command::new(env!("CARGO_BIN_EXE_pacer"))
        .args(["pack", env!("CARGO_MANIFEST_DIR"), "-o"])
        .arg(dir.join("x.zip"))
        .args(["--scorm12", "--player"])
        .arg(dir.join("nowhere"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no built player here"));
}
