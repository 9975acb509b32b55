//! Opening a package in the player, the decisions without the fetching: which activity file is read,
//! what a folder's SHA-256 list must cover, the checks of a packed zip (CRC-32, the list present, no file
//! added after packing), the text of one of its files, the media type a browser needs to draw it, and
//! how often a GET of a package file that got no answer is tried and what each try came to ([`Tries`],
//! [`Got`]: the host page's prefetch counts as the first).
//!
//! Not here: fetching, inflating or hashing (the shell does them with `fetch`, `DecompressionStream` and
//! `crypto.subtle`, then hands the bytes and hex digests in); parsing the manifest or an activity
//! (`package`).

use super::hashes::{self, HASH_FILE};
use crate::package::{ActivityRef, Manifest, PackageError};
use std::collections::BTreeMap;

/// A file that could not be read, naming it.
pub fn missing(file: &str, reason: impl Into<String>) -> PackageError {
    PackageError::Missing {
        file: file.to_owned(),
        reason: reason.into(),
    }
}

/// The activity to open: `wanted`, or the first of the manifest when None.
pub fn choose_activity(
    manifest: &Manifest,
    wanted: Option<&str>,
) -> Result<ActivityRef, PackageError> {
    match wanted {
        Some(id) => manifest
            .activity(id)
            .cloned()
            .ok_or_else(|| missing("pkg.json", format!("the package has no activity `{id}`"))),
        None => manifest
            .activities
            .first()
            .cloned()
            .ok_or_else(|| missing("pkg.json", "the package has no activity")),
    }
}

/// The refusal of a package whose manifest says it carries a SHA-256 list that could not be read: such a
/// list is refused, never skipped.
pub fn list_unreadable(error: PackageError) -> PackageError {
    let why = match error {
        PackageError::Missing { reason, .. } => format!("it cannot be loaded: {reason}"),
        other => other.to_string(),
    };
    PackageError::Integrity {
        file: HASH_FILE.to_owned(),
        reason: format!("pkg.json says the package carries it, but {why}"),
    }
}

/// The hashes the files just read from a folder must have, from the folder's SHA-256 list `list`: each
/// of `paths` must be listed.
pub fn listed_for(list: &str, paths: &[&str]) -> Result<BTreeMap<String, String>, PackageError> {
    let expected = hashes::parse(list)?;
    let mut wanted = BTreeMap::new();
    for path in paths {
        let hex = expected.get(*path).ok_or_else(|| PackageError::Integrity {
            file: (*path).to_owned(),
            reason: "is not in the package's SHA-256 list".to_owned(),
        })?;
        wanted.insert((*path).to_owned(), hex.clone());
    }
    Ok(wanted)
}

/// The refusal of a zip entry whose inflated bytes do not match their CRC-32, if they do not.
pub fn check_crc(name: &str, data: &[u8], crc32: u32) -> Result<(), PackageError> {
    if super::zip::crc32(data) == crc32 {
        return Ok(());
    }
    Err(PackageError::Integrity {
        file: name.to_owned(),
        reason: "does not match its CRC-32: the zip is damaged".to_owned(),
    })
}

/// The SHA-256 list of a packed course's `files`, once it is checked that the list is there and names
/// every other file (a file added after packing is refused). The shell then hashes the files and checks
/// them with [`hashes::verify`].
pub fn zip_list(
    files: &BTreeMap<String, Vec<u8>>,
) -> Result<BTreeMap<String, String>, PackageError> {
    let list = files
        .get(HASH_FILE)
        .ok_or_else(|| PackageError::Integrity {
            file: HASH_FILE.to_owned(),
            reason: "is missing: a packed course carries the SHA-256 of every file".to_owned(),
        })?;
    let expected = hashes::parse(&String::from_utf8_lossy(list))?;
    if let Some(added) = files
        .keys()
        .find(|path| *path != HASH_FILE && !expected.contains_key(*path))
    {
        return Err(PackageError::Integrity {
            file: added.clone(),
            reason: "is not in the package's SHA-256 list: it was added after packing".to_owned(),
        });
    }
    Ok(expected)
}

/// The files of a checked zip that are hashed against its list (all but the list itself).
pub fn hashed(files: &BTreeMap<String, Vec<u8>>) -> impl Iterator<Item = (&String, &Vec<u8>)> {
    files.iter().filter(|(path, _)| *path != HASH_FILE)
}

/// The text of the file `path` of an opened zip.
pub fn zip_text(files: &BTreeMap<String, Vec<u8>>, path: &str) -> Result<String, PackageError> {
    let bytes = files
        .get(path)
        .ok_or_else(|| missing(path, "not in the zip"))?;
    String::from_utf8(bytes.clone()).map_err(|e| missing(path, format!("not UTF-8 text ({e})")))
}

/// The file name a zip at `url` is named by in errors (its last path segment).
pub fn zip_name(url: &str) -> &str {
    url.rsplit('/').next().unwrap_or(url)
}

/// Whether the package at `pathname` (a URL's path) is a packed zip rather than a folder's `pkg.json`.
pub fn is_zip(pathname: &str) -> bool {
    pathname.to_ascii_lowercase().ends_with(".zip")
}

/// The media type a browser needs to draw or play a file of a zip, by its extension (the validator checks
/// which media a package may carry).
pub fn media_type(path: &str) -> &'static str {
    let ext = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "mp3" => "audio/mpeg",
        "ogg" | "oga" | "opus" => "audio/ogg",
        "wav" => "audio/wav",
        "m4a" => "audio/mp4",
        "webm" => "audio/webm",
        _ => "application/octet-stream",
    }
}

/// How long a GET of a package file may go without finishing (headers and body) before it is given up
/// and tried again; a server or network that never answers must not leave the learner on "Loading…".
pub const GET_TIMEOUT_MS: u32 = 15_000;
/// Tries of a GET that got no answer (an HTTP error status is an answer and is not retried).
pub const GET_TRIES: u32 = 3;

/// The tries of one GET: another while some are left after a try that got no answer; an answer, even
/// an HTTP error, ends them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tries {
    made: u32,
    lost: String,
}

impl Tries {
    /// `made` tries were made already (the host page's prefetch), the last lost as `lost`.
    pub fn after(made: u32, lost: String) -> Tries {
        Tries { made, lost }
    }

    /// Whether to try (again).
    pub fn again(&self) -> bool {
        self.made < GET_TRIES
    }

    /// A try that got no answer, for `why`.
    pub fn lost(&mut self, why: String) {
        self.made += 1;
        self.lost = why;
    }

    /// Why the GET of `url` failed once no try is left.
    pub fn gave_up(&self, url: &str) -> String {
        format!(
            "could not fetch {url} (tried {GET_TRIES} times): {}",
            self.lost
        )
    }
}

/// What one try of a GET came to, as the shell saw it (the host page's prefetch or a fetch).
#[derive(Debug, Clone, PartialEq)]
pub enum Got<B> {
    /// The body.
    Body(B),
    /// An HTTP error answer: the GET ends, it is not tried again.
    Status { status: f64, text: String },
    /// An answer whose body cannot be read at all: the GET ends with this.
    Unreadable(String),
    /// No answer (`timed_out`: the time limit fired; else the connection failed with `error`).
    Lost { timed_out: bool, error: String },
}

impl Tries {
    /// Takes in what a try of `url` under the time limit `limit_ms` came to: the body, or the error
    /// that ends the GET, in words for the error panel; None when it is to be tried again.
    pub fn got<B>(&mut self, url: &str, limit_ms: u32, got: Got<B>) -> Option<Result<B, String>> {
        match got {
            Got::Body(body) => Some(Ok(body)),
            Got::Status { status, text } => Some(Err(http_error(url, status, &text))),
            Got::Unreadable(error) => Some(Err(error)),
            Got::Lost { timed_out, error } => {
                self.lost(if timed_out {
                    no_answer(limit_ms)
                } else {
                    error
                });
                (!self.again()).then(|| Err(self.gave_up(url)))
            }
        }
    }
}

/// Why a try got no answer when its time limit of `limit_ms` fired.
pub fn no_answer(limit_ms: u32) -> String {
    format!("no answer within {} s", f64::from(limit_ms) / 1000.0)
}

/// An HTTP error answer to the GET of `url` (not tried again).
pub fn http_error(url: &str, status: f64, status_text: &str) -> String {
    format!("{url}: HTTP {status} {status_text}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest() -> Manifest {
        let pkg = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/pkg.json"))
            .expect("demo");
        crate::package::parse_manifest("pkg.json", &pkg).expect("the demo manifest parses")
    }

    fn list(files: &[(&str, &str)]) -> String {
        let hashes: BTreeMap<String, String> = files
            .iter()
            .map(|(p, h)| ((*p).to_owned(), h.repeat(64)))
            .collect();
        hashes::write(&hashes)
    }

    #[test]
    fn the_activity_is_the_wanted_one_or_the_first_and_an_unknown_one_is_named() {
        let m = manifest();
        let second = m.activities[1].id.clone();
        assert_eq!(
            choose_activity(&m, None).expect("first").id,
            m.activities[0].id
        );
        assert_eq!(
            choose_activity(&m, Some(&second)).expect("wanted").id,
            second
        );
        let err = choose_activity(&m, Some("nope")).expect_err("unknown");
        assert_eq!(
            err.to_string(),
            "pkg.json: cannot be loaded: the package has no activity `nope`"
        );
        let empty = Manifest {
            activities: Vec::new(),
            ..m
        };
        let err = choose_activity(&empty, None).expect_err("none");
        assert_eq!(
            err.to_string(),
            "pkg.json: cannot be loaded: the package has no activity"
        );
    }

    #[test]
    fn an_unreadable_list_is_refused_with_the_reason() {
        let err = list_unreadable(missing(HASH_FILE, "HTTP 404"));
        assert!(matches!(err, PackageError::Integrity { .. }), "{err:?}");
        assert_eq!(
            err.to_string(),
            "pacer-sha256.txt: pkg.json says the package carries it, but it cannot be loaded: HTTP 404"
        );
    }

    #[test]
    fn a_folder_list_must_name_every_file_read() {
        let text = list(&[("pkg.json", "a"), ("content/x.json", "b")]);
        let wanted = listed_for(&text, &["pkg.json"]).expect("listed");
        assert_eq!(wanted.len(), 1);
        assert_eq!(wanted["pkg.json"], "a".repeat(64));
        let err = listed_for(&text, &["pkg.json", "content/y.json"]).expect_err("unlisted");
        assert_eq!(
            err.to_string(),
            "content/y.json: is not in the package's SHA-256 list"
        );
        assert!(listed_for("not a list", &["pkg.json"]).is_err());
    }

    #[test]
    fn a_zip_needs_its_list_and_nothing_added_after_packing() {
        let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        files.insert("pkg.json".into(), b"{}".to_vec());
        let err = zip_list(&files).expect_err("no list");
        assert!(
            err.to_string().starts_with("pacer-sha256.txt: is missing"),
            "{err}"
        );
        files.insert(HASH_FILE.into(), list(&[("pkg.json", "a")]).into_bytes());
        let expected = zip_list(&files).expect("listed");
        assert_eq!(expected.keys().collect::<Vec<_>>(), ["pkg.json"]);
        assert_eq!(
            hashed(&files).map(|(p, _)| p.as_str()).collect::<Vec<_>>(),
            ["pkg.json"],
            "the list is not hashed against itself"
        );
        files.insert("extra.js".into(), b"alert(1)".to_vec());
        let err = zip_list(&files).expect_err("added");
        assert_eq!(
            err.to_string(),
            "extra.js: is not in the package's SHA-256 list: it was added after packing"
        );
    }

    #[test]
    fn a_damaged_entry_fails_its_crc() {
        let data = b"hello";
        assert!(check_crc("a.txt", data, super::super::zip::crc32(data)).is_ok());
        let err = check_crc("a.txt", data, 0).expect_err("damaged");
        assert_eq!(
            err.to_string(),
            "a.txt: does not match its CRC-32: the zip is damaged"
        );
    }

    #[test]
    fn a_get_is_tried_three_times_when_no_answer_comes() {
        let mut tries = Tries::after(0, String::new());
        let mut made = 0;
        while tries.again() {
            made += 1;
            tries.lost(format!("reset {made}"));
        }
        assert_eq!(made, GET_TRIES);
        assert_eq!(
            tries.gave_up("https://x.org/pkg.json"),
            "could not fetch https://x.org/pkg.json (tried 3 times): reset 3"
        );
        // The page's prefetch was the first try.
        let mut after_prefetch = Tries::after(1, no_answer(15_000));
        assert_eq!(
            after_prefetch.gave_up("u"),
            "could not fetch u (tried 3 times): no answer within 15 s"
        );
        after_prefetch.lost("x".into());
        assert!(after_prefetch.again());
        after_prefetch.lost("y".into());
        assert!(!after_prefetch.again(), "two more after the prefetch");
        assert_eq!(no_answer(2_500), "no answer within 2.5 s");
        assert_eq!(http_error("u", 404.0, "Not Found"), "u: HTTP 404 Not Found");
    }

    #[test]
    fn a_get_ends_at_a_body_or_an_answer_and_tries_a_lost_one_again_three_times_in_all() {
        let lost = |timed_out| Got::<&str>::Lost {
            timed_out,
            error: "connection reset".into(),
        };
        let mut tries = Tries::after(0, String::new());
        assert_eq!(tries.got("u", 15_000, Got::Body("text")), Some(Ok("text")));
        // The prefetch timed out, then a connection failed, then the body came.
        assert_eq!(tries.got("u", 15_000, lost(true)), None);
        assert_eq!(tries.got("u", 15_000, lost(false)), None);
        assert_eq!(tries.got("u", 15_000, Got::Body("text")), Some(Ok("text")));
        // Three lost: the GET is given up with the last reason.
        let mut tries = Tries::after(0, String::new());
        assert_eq!(tries.got("u", 2_500, lost(false)), None);
        assert_eq!(tries.got("u", 2_500, lost(false)), None);
        assert_eq!(
            tries.got("u", 2_500, lost(true)),
            Some(Err(
                "could not fetch u (tried 3 times): no answer within 2.5 s".into()
            ))
        );
        // An HTTP error, even after a lost try, is an answer: no further try.
        let mut tries = Tries::after(0, String::new());
        assert_eq!(tries.got("u", 15_000, lost(true)), None);
        let status = Got::<&str>::Status {
            status: 404.0,
            text: "Not Found".into(),
        };
        assert_eq!(
            tries.got("u", 15_000, status),
            Some(Err("u: HTTP 404 Not Found".into()))
        );
        let unreadable = Got::<&str>::Unreadable("the body cannot be read".into());
        assert_eq!(
            Tries::after(0, String::new()).got("u", 15_000, unreadable),
            Some(Err("the body cannot be read".into()))
        );
    }

    #[test]
    fn zip_texts_names_and_media_types() {
        let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        files.insert("a.json".into(), b"{}".to_vec());
        files.insert("b.bin".into(), vec![0xff, 0xfe]);
        assert_eq!(zip_text(&files, "a.json").expect("text"), "{}");
        assert_eq!(
            zip_text(&files, "c.json").expect_err("absent").to_string(),
            "c.json: cannot be loaded: not in the zip"
        );
        assert!(zip_text(&files, "b.bin")
            .expect_err("binary")
            .to_string()
            .starts_with("b.bin: cannot be loaded: not UTF-8 text"));
        assert_eq!(zip_name("https://x.org/c/course.zip"), "course.zip");
        assert_eq!(zip_name("course.zip"), "course.zip");
        assert!(is_zip("/c/Course.ZIP"));
        assert!(!is_zip("/c/pkg.json"));
        assert_eq!(media_type("img/a.SVG"), "image/svg+xml");
        assert_eq!(media_type("a.jpeg"), "image/jpeg");
        assert_eq!(media_type("a.opus"), "audio/ogg");
        assert_eq!(media_type("README"), "application/octet-stream");
    }
}
