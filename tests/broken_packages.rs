//! The bad-input corpus of `pacer validate`: every folder under `tests/fixtures/broken/` is a small package
//! that is valid but for one fault, with `expected.txt` holding the exact error line `pacer validate`
//! prints for it. Also: the JSON report, an unreadable path, a tampered packed course and packing twice.
//!
//! A fixture with a `grow.txt` (`PATH BYTES` lines; `#` starts a comment) is validated in a temp copy in
//! which each named file is padded to that size first, so the repository carries no large file.
#![cfg(not(target_arch = "wasm32"))]

use pacer::cli::files::{deflate, inflate};
use pacer::pack::zip::{self, ZipEntry};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken")
}

/// Every fixture folder, in the order of its number (`100-…` after `99-…`), then its name.
fn fixtures() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(corpus())
        .expect("tests/fixtures/broken is readable")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_dir())
        .collect();
    let number = |p: &PathBuf| -> u32 {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        name.split('-')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(u32::MAX)
    };
    dirs.sort_by(|a, b| number(a).cmp(&number(b)).then_with(|| a.cmp(b)));
    dirs
}

fn pacer(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pacer"));
    for a in args {
        cmd.arg(a);
    }
    cmd.output().expect("the pacer binary runs")
}

/// A fresh, empty temp folder for this test process.
fn temp_dir(label: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("pacer-broken-{label}-{}-{n}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create dir");
    for entry in fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("directory entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// The folder to validate for `fixture`: itself, or a temp copy with the files `grow.txt` names padded.
fn prepared(fixture: &Path) -> PathBuf {
    let Ok(grow) = fs::read_to_string(fixture.join("grow.txt")) else {
        return fixture.to_owned();
    };
    let name = fixture.file_name().and_then(|n| n.to_str()).unwrap_or("x");
    let copy = temp_dir(name);
    copy_dir(fixture, &copy);
    for line in grow.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (path, size) = line.split_once(' ').expect("grow.txt: `PATH BYTES`");
        let size: usize = size.trim().parse().expect("grow.txt: a byte count");
        let file = copy.join(path);
        let mut data = fs::read(&file).expect("the file grow.txt names");
        // An XML comment after the root element keeps an SVG well formed.
        let (open, close) = (b"<!--".as_slice(), b"-->\n".as_slice());
        let pad = size
            .checked_sub(data.len() + open.len() + close.len())
            .expect("grow.txt asks for a size larger than the file");
        data.extend(open);
        data.extend(std::iter::repeat_n(b' ', pad));
        data.extend(close);
        assert_eq!(data.len(), size);
        fs::write(&file, data).expect("write padded file");
    }
    copy
}

fn stdout_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn every_broken_package_is_refused_with_its_one_expected_error() {
    let mut failures = Vec::new();
    for fixture in fixtures() {
        let name = fixture.file_name().unwrap().to_string_lossy().into_owned();
        let expected = match fs::read_to_string(fixture.join("expected.txt")) {
            Ok(e) => e.trim().to_owned(),
            Err(e) => {
                failures.push(format!("{name}: no expected.txt ({e})"));
                continue;
            }
        };
        let dir = prepared(&fixture);
        let out = pacer(&[&"validate", &dir]);
        let stdout = stdout_of(&out);
        let stderr = stderr_of(&out);
        let report = format!("--- stdout:\n{stdout}--- stderr:\n{stderr}");
        if out.status.code() != Some(1) {
            failures.push(format!(
                "{name}: exit code {:?}, expected 1\n{report}",
                out.status.code()
            ));
            continue;
        }
        let first = stdout.lines().next().unwrap_or("").trim();
        if first != expected {
            failures.push(format!(
                "{name}: first line\n  got:      {first}\n  expected: {expected}\n{report}"
            ));
            continue;
        }
        // One fault, one error: every other line of stdout is a warning, and the count on stderr agrees.
        let errors: Vec<&str> = stdout
            .lines()
            .filter(|l| !l.starts_with("warning:"))
            .collect();
        if errors.len() != 1 || !stderr.lines().any(|l| l.trim() == "1 error(s)") {
            failures.push(format!("{name}: expected exactly one error line\n{report}"));
            continue;
        }
        // The JSON report says the same.
        let json = pacer(&[&"validate", &"--format", &"json", &dir]);
        let doc: serde_json::Value = match serde_json::from_slice(&json.stdout) {
            Ok(d) => d,
            Err(e) => {
                failures.push(format!("{name}: --format json is not JSON ({e})"));
                continue;
            }
        };
        let count = doc["errors"].as_array().map_or(0, Vec::len);
        if json.status.code() != Some(1) || doc["valid"] != false || count != 1 {
            failures.push(format!(
                "{name}: --format json: exit {:?}, valid {}, {count} error(s)",
                json.status.code(),
                doc["valid"]
            ));
        }
        if dir != fixture {
            let _ = fs::remove_dir_all(&dir);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures failed:\n\n{}",
        failures.len(),
        fixtures().len(),
        failures.join("\n\n")
    );
}

#[test]
fn the_corpus_has_at_least_thirty_fixtures_each_with_an_expected_line() {
    let all = fixtures();
    assert!(
        all.len() >= 30,
        "only {} fixtures in tests/fixtures/broken",
        all.len()
    );
    for (i, fixture) in all.iter().enumerate() {
        let name = fixture.file_name().unwrap().to_string_lossy();
        assert!(
            name.starts_with(&format!("{:02}-", i + 1)),
            "fixtures are numbered 01, 02, … in order; `{name}` is at position {}",
            i + 1
        );
        assert!(fixture.join("pkg.json").is_file(), "{name}: no pkg.json");
        let expected = fs::read_to_string(fixture.join("expected.txt")).unwrap_or_default();
        assert_eq!(
            expected.trim().lines().count(),
            1,
            "{name}: expected.txt holds one line"
        );
    }
}

#[test]
fn the_json_report_locates_the_error() {
    let fixture = corpus().join("20-single-choice-correct-not-an-option");
    let out = pacer(&[&"validate", &"--format", &"json", &fixture]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", stdout_of(&out)));
    assert_eq!(doc["valid"], false);
    assert!(doc["warnings"].is_array(), "{doc}");
    let errors = doc["errors"].as_array().expect("an errors array");
    assert_eq!(errors.len(), 1, "{doc}");
    let e = &errors[0];
    assert_eq!(e["file"], "content/quiz.json", "{doc}");
    assert_eq!(e["line"], 10, "{doc}");
    assert_eq!(e["column"], 9, "{doc}");
    assert_eq!(e["path"], "items[0].interaction.correct", "{doc}");
    assert_eq!(
        e["message"], "the answer `c` is not one of the options (a, b)",
        "{doc}"
    );
    let text = fs::read_to_string(fixture.join("expected.txt")).unwrap();
    let line = format!(
        "{}:{}:{}: {}: {}",
        e["file"].as_str().unwrap(),
        e["line"],
        e["column"],
        e["path"].as_str().unwrap(),
        e["message"].as_str().unwrap()
    );
    assert_eq!(line, text.trim(), "the JSON and text reports agree");
}

#[test]
fn a_folder_that_does_not_exist_is_a_usage_error() {
    let missing = std::env::temp_dir().join(format!(
        "pacer-broken-no-such-package-{}",
        std::process::id()
    ));
    let out = pacer(&[&"validate", &missing]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(stdout_of(&out).is_empty(), "{}", stdout_of(&out));
    assert!(
        stderr_of(&out).contains("no-such-package"),
        "{}",
        stderr_of(&out)
    );
}

/// A valid package scaffolded by `pacer new` into a fresh temp folder.
fn scaffold(label: &str) -> PathBuf {
    let dir = temp_dir(label).join("course");
    let out = pacer(&[&"new", &dir]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    dir
}

fn pack(dir: &Path, zip: &Path) {
    let out = pacer(&[&"pack", &dir, &"-o", &zip]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout_of(&out),
        stderr_of(&out)
    );
}

#[test]
fn a_tampered_packed_course_is_refused() {
    let dir = scaffold("tamper");
    let packed = dir.with_file_name("course.zip");
    pack(&dir, &packed);
    let out = pacer(&[&"validate", &packed]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "the packed course is valid: {}{}",
        stdout_of(&out),
        stderr_of(&out)
    );

    // Same entries, same SHA-256 list, but a pkg.json that is still valid JSON and a valid manifest.
    let bytes = fs::read(&packed).unwrap();
    let mut entries: Vec<ZipEntry> = zip::read(&bytes, &inflate).expect("our own zip reads back");
    let manifest = entries
        .iter_mut()
        .find(|e| e.name == "pkg.json")
        .expect("the zip holds pkg.json");
    let text = String::from_utf8(manifest.data.clone()).unwrap();
    assert!(text.contains("My course"), "{text}");
    manifest.data = text.replace("My course", "My c0urse").into_bytes();
    let tampered = dir.with_file_name("tampered.zip");
    fs::write(&tampered, zip::write(&entries, &deflate)).unwrap();

    let out = pacer(&[&"validate", &tampered]);
    let stdout = stdout_of(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}{}", stderr_of(&out));
    let first = stdout.lines().next().unwrap_or("");
    assert!(
        first.starts_with("pkg.json") && first.contains("SHA-256"),
        "{stdout}"
    );
    assert_eq!(
        stdout
            .lines()
            .filter(|l| !l.starts_with("warning:"))
            .count(),
        1,
        "only the integrity error: {stdout}"
    );
    let _ = fs::remove_dir_all(dir.parent().unwrap());
}

#[test]
fn packing_twice_gives_byte_identical_zips() {
    let dir = scaffold("twice");
    let (a, b) = (dir.with_file_name("a.zip"), dir.with_file_name("b.zip"));
    pack(&dir, &a);
    pack(&dir, &b);
    let (a, b) = (fs::read(a).unwrap(), fs::read(b).unwrap());
    assert!(!a.is_empty());
    assert!(a == b, "two packs of the same folder differ");
    let _ = fs::remove_dir_all(dir.parent().unwrap());
}

/// `tests/fixtures/many-errors/`: wrong values in the manifest (an optional member, an unknown key) and
/// in two activity files do not hide one another. Each file is read on past a wrong value, so every error
/// of every file comes out in one run, as `expected.txt` lists them (warnings included), and the JSON
/// report counts the same. An item whose required member is wrong is left out of its file, so that file's
/// cross-checks are not run (they would name what was left out); its other errors still come out.
#[test]
fn validate_reports_every_file_error_at_once_after_a_structural_error() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/many-errors");
    let expected = fs::read_to_string(fixture.join("expected.txt")).expect("expected.txt");
    let out = pacer(&[&"validate", &fixture]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert_eq!(stdout_of(&out), expected);
    let errors = expected
        .lines()
        .filter(|l| !l.starts_with("warning:"))
        .count();
    assert!(errors >= 8, "the fixture holds at least eight errors");
    for file in ["pkg.json", "content/quiz.json", "content/drill.json"] {
        assert!(
            expected.lines().any(|l| l.starts_with(file)),
            "an error of {file} is reported"
        );
    }
    assert!(
        stderr_of(&out)
            .lines()
            .any(|l| l.trim() == format!("{errors} error(s)")),
        "{}",
        stderr_of(&out)
    );
    let json = pacer(&[&"validate", &"--format", &"json", &fixture]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON report");
    assert_eq!(doc["errors"].as_array().map_or(0, Vec::len), errors);
}
