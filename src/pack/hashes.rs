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

/// The manifest text `pkg_json` saying that the package carries the list (`"sha256List": true` as its
/// first member), so a player reading the package from a folder asks for the list only then. The rest of
/// the text is kept as the author wrote it. A text that says so already, or has no object, is unchanged.
pub fn mark_manifest(pkg_json: &str) -> String {
    let marked =
        crate::json::from_str::<crate::package::Manifest>(pkg_json).is_ok_and(|m| m.sha256_list);
    let Some(open) = pkg_json.find('{').filter(|_| !marked) else {
        return pkg_json.to_owned();
    };
    let (head, rest) = pkg_json.split_at(open + 1);
    let empty = rest.trim_start().starts_with('}');
    let comma = if empty { "" } else { "," };
    format!("{head}\"sha256List\": true{comma}{rest}")
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
    fn a_marked_manifest_says_it_carries_the_list_and_reads_as_before() {
        let pkg =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/pkg.json")).unwrap();
        let before: crate::package::Manifest = crate::json::from_str(&pkg).unwrap();
        assert!(!before.sha256_list, "an author's manifest does not say it");
        let marked = mark_manifest(&pkg);
        let after: crate::package::Manifest = crate::json::from_str(&marked).unwrap();
        assert!(after.sha256_list);
        assert_eq!(
            crate::package::Manifest {
                sha256_list: false,
                ..after
            },
            before
        );
        assert_eq!(mark_manifest(&marked), marked, "marked once");
        assert_eq!(mark_manifest("{ }"), "{\"sha256List\": true }");
    }

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
