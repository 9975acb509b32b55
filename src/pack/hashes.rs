//! The SHA-256 list of a packed course, `pacer-sha256.txt`, in the format `sha256sum` writes (so
//! `sha256sum -c pacer-sha256.txt` checks an unzipped course too): one `HEX  path` line per file.

use crate::package::PackageError;
use std::collections::BTreeMap;

/// The list's file name, at the root of the package.
pub const HASH_FILE: &str = "pacer-sha256.txt";

/// The list text for `hashes` (path -> lowercase hex), sorted by path.
pub fn write(hashes: &BTreeMap<String, String>) -> String {
    hashes
        .iter()
        .map(|(path, hex)| format!("{hex}  {path}\n"))
        .collect()
}

/// Parses a list; a malformed line is an error naming its line.
pub fn parse(text: &str) -> Result<BTreeMap<String, String>, PackageError> {
    let mut out = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = || PackageError::Integrity {
            file: HASH_FILE.to_owned(),
            reason: format!("line {}: expected `<64 hex digits>  <path>`", n + 1),
        };
        let (hex, path) = line.split_once("  ").ok_or_else(bad)?;
        if hex.len() != 64 || !hex.chars().all(|c| c.is_ascii_hexdigit()) || path.is_empty() {
            return Err(bad());
        }
        out.insert(path.to_owned(), hex.to_ascii_lowercase());
    }
    Ok(out)
}

/// Checks the hashes computed from the files (`actual`, path -> hex; a listed file that could not be
/// read is absent) against the list.
pub fn verify(
    expected: &BTreeMap<String, String>,
    actual: &BTreeMap<String, String>,
) -> Result<(), PackageError> {
    for (path, hex) in expected {
        match actual.get(path) {
            None => {
                return Err(PackageError::Integrity {
                    file: path.clone(),
                    reason: "listed in the SHA-256 list but missing from the package".to_owned(),
                })
            }
            Some(got) if !got.eq_ignore_ascii_case(hex) => {
                return Err(PackageError::Integrity {
                    file: path.clone(),
                    reason: "its SHA-256 does not match the package's list: the file was changed after packing"
                        .to_owned(),
                })
            }
            Some(_) => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_detects_changes() {
        let list: BTreeMap<String, String> = [
            ("pkg.json".to_owned(), "a".repeat(64)),
            ("content/x.json".to_owned(), "b".repeat(64)),
        ]
        .into();
        let text = write(&list);
        assert!(text.starts_with(&format!("{}  content/x.json\n", "b".repeat(64))));
        assert_eq!(parse(&text).expect("parses"), list);
        assert!(verify(&list, &list).is_ok());
        let mut changed = list.clone();
        changed.insert("pkg.json".into(), "c".repeat(64));
        let err = verify(&list, &changed).expect_err("tampered");
        assert!(err.to_string().starts_with("pkg.json:"), "{err}");
        let mut missing = list.clone();
        missing.remove("content/x.json");
        assert!(verify(&list, &missing).is_err());
        assert!(parse("xyz  pkg.json").is_err());
    }
}
