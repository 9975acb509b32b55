use super::*;
use crate::pack::hashes::{mark_manifest, write};

/// A stand-in for SHA-256: the machines only compare digests with the list's.
fn digest(text: &str) -> String {
    format!(
        "{:064x}",
        text.len() * 7 + text.bytes().map(usize::from).sum::<usize>()
    )
}

fn demo(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).expect(path)
}

const PRACTICE: &str = "content/unit-fractions-practice.json";
const LESSON: &str = "content/unit-fractions-lesson.json";

/// The demo's manifest cut to two activities, marked as carrying a list when `listed`, and its files.
fn files(listed: bool) -> BTreeMap<String, String> {
    let pkg = demo("pkg.json");
    let mut manifest: serde_json::Value = serde_json::from_str(&pkg).expect("json");
    let activities = manifest["activities"].as_array_mut().expect("activities");
    activities.truncate(2);
    let mut pkg = serde_json::to_string_pretty(&manifest).expect("json");
    if listed {
        pkg = mark_manifest(&pkg);
    }
    let mut files = BTreeMap::from([
        ("pkg.json".to_owned(), pkg),
        (PRACTICE.to_owned(), demo(PRACTICE)),
        (LESSON.to_owned(), demo(LESSON)),
    ]);
    if listed {
        let hashes = files.iter().map(|(p, t)| (p.clone(), digest(t))).collect();
        files.insert(HASH_FILE.to_owned(), write(&hashes));
    }
    files
}

/// Runs `reading` against `files`, returning its output and every need it made.
fn run<R: Reading>(mut reading: R, files: &BTreeMap<String, String>) -> (R::Output, Vec<Need>) {
    let mut needs = Vec::new();
    while let Some(need) = reading.need() {
        assert!(needs.len() < 8, "the reading ends: {needs:?}");
        needs.push(need.clone());
        reading.answer(match need {
            Need::Texts(paths) => Answer::Texts(
                (paths.iter())
                    .map(|p| files.get(p).cloned().ok_or_else(|| missing(p, "HTTP 404")))
                    .collect(),
            ),
            Need::Digests(texts) => Answer::Digests(texts.iter().map(|t| Ok(digest(t))).collect()),
        });
    }
    (reading.finish(), needs)
}

fn texts(paths: &[&str]) -> Need {
    Need::Texts(paths.iter().map(|p| (*p).to_owned()).collect())
}

#[test]
fn an_authors_folder_is_read_in_two_steps_and_never_asked_for_a_list() {
    let files = files(false);
    let (opened, needs) = run(Opening::new(Some("unit-fractions-lesson"), true), &files);
    let (manifest, activity) = opened.expect("opens");
    assert_eq!(
        (manifest.activities.len(), activity.id.as_str()),
        (2, "unit-fractions-lesson")
    );
    assert_eq!(needs, [texts(&["pkg.json"]), texts(&[LESSON])]);
    // An activity the package does not have is named, and nothing more is fetched.
    let (opened, needs) = run(Opening::new(Some("nope"), true), &files);
    let e = opened.expect_err("no such activity");
    assert!(e[0].to_string().contains("no activity `nope`"), "{e:?}");
    assert_eq!(needs.len(), 1);
}

#[test]
fn an_unzipped_pack_fetches_its_list_with_the_activity_and_checks_both_texts() {
    let mut files = files(true);
    let (opened, needs) = run(Opening::new(None, true), &files);
    assert_eq!(opened.expect("opens").1.id, "unit-fractions-practice");
    let read = [files["pkg.json"].clone(), files[PRACTICE].clone()];
    assert_eq!(
        needs,
        [
            texts(&["pkg.json"]),
            texts(&[PRACTICE, HASH_FILE]),
            Need::Digests(read.to_vec())
        ]
    );
    // A zip's files were checked as it opened: its list is not asked for again.
    let (opened, needs) = run(Opening::new(None, false), &files);
    assert!(opened.is_ok());
    assert_eq!(needs.len(), 2);
    // A file changed after packing is refused, naming it.
    let changed = files[PRACTICE].replacen("1/2", "1/3", 1);
    files.insert(PRACTICE.to_owned(), changed);
    let e = run(Opening::new(None, true), &files)
        .0
        .expect_err("changed");
    assert!(
        matches!(&e[0], PackageError::Integrity { file, .. } if file == PRACTICE),
        "{e:?}"
    );
    // The manifest says there is a list: one that cannot be loaded is refused, never skipped.
    files.remove(HASH_FILE);
    let e = run(Opening::new(None, true), &files)
        .0
        .expect_err("no list");
    assert!(
        e[0].to_string()
            .contains("pkg.json says the package carries it"),
        "{e:?}"
    );
}

#[test]
fn the_other_activities_are_read_at_once_and_a_bad_one_is_skipped_and_said() {
    let mut files = files(false);
    let manifest = parse_manifest("pkg.json", &files["pkg.json"]).expect("manifest");
    let ((items, warnings), needs) = run(
        Others::new(&manifest, "unit-fractions-practice", true),
        &files,
    );
    assert_eq!(needs, [texts(&[LESSON])]);
    assert!(!items.is_empty() && warnings.is_empty(), "{warnings:?}");
    files.insert(LESSON.to_owned(), "{".to_owned());
    let ((items, warnings), _) = run(
        Others::new(&manifest, "unit-fractions-practice", true),
        &files,
    );
    assert!(items.is_empty());
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].starts_with(&format!("the items of {LESSON} were not read")),
        "{warnings:?}"
    );
}

#[test]
fn with_a_list_the_other_activities_wait_for_it_and_each_is_checked() {
    let mut files = files(true);
    let manifest = parse_manifest("pkg.json", &files["pkg.json"]).expect("manifest");
    let others = |files: &BTreeMap<String, String>| {
        run(
            Others::new(&manifest, "unit-fractions-practice", true),
            files,
        )
    };
    let ((items, warnings), needs) = others(&files);
    assert_eq!(
        needs,
        [
            texts(&[HASH_FILE]),
            texts(&[LESSON]),
            Need::Digests(vec![files[LESSON].clone()])
        ]
    );
    assert!(!items.is_empty() && warnings.is_empty(), "{warnings:?}");
    // From a zip (checked as it opened) nothing is hashed again.
    let (_, needs) = run(
        Others::new(&manifest, "unit-fractions-practice", false),
        &files,
    );
    assert_eq!(needs, [texts(&[LESSON])]);
    let changed = files[LESSON].replacen("1/2", "1/3", 1);
    files.insert(LESSON.to_owned(), changed);
    let ((items, warnings), _) = others(&files);
    assert!(items.is_empty());
    assert!(
        warnings[0].contains("does not match the package's list"),
        "{warnings:?}"
    );
    files.remove(HASH_FILE);
    let ((items, warnings), needs) = others(&files);
    assert_eq!(
        (items.len(), needs.len()),
        (0, 1),
        "no file is read without the list"
    );
    assert!(
        warnings[0].starts_with("the other activities' items were not read"),
        "{warnings:?}"
    );
}
