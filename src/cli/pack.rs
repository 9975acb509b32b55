//! `pacer pack DIR -o course.zip`: validates the package, then writes a deterministic zip of exactly the
//! files it uses (manifest, activity files, media) plus their SHA-256 list, and reports sizes. With
//! `--scorm12|--scorm2004|--cmi5`, the zip is an LMS package: the player, the course, and the LMS's
//! descriptor (`imsmanifest.xml` or `cmi5.xml`).

use super::files::{deflate, sha256_hex, Dir};
use crate::pack::cmi5;
use crate::pack::hashes::{self, HASH_FILE};
use crate::pack::zip::{self, ZipEntry};
use crate::package::{load, Block, Files, Manifest, Package, Report, MANIFEST_FILE};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// What was packed.
#[derive(Debug, Clone)]
pub struct Packed {
    /// Path, raw size, size in the zip.
    pub files: Vec<(String, usize, usize)>,
    pub zip_bytes: usize,
    pub report: Report,
}

/// Why nothing was written.
#[derive(Debug)]
pub enum PackError {
    /// The package has errors (listed in the report).
    Invalid(Report),
    Io(String),
}

/// The files a package uses, by path: the manifest, each activity file and each media file.
pub fn used_files(package: &Package) -> BTreeSet<String> {
    let mut files = BTreeSet::from([MANIFEST_FILE.to_owned()]);
    for entry in &package.manifest.activities {
        files.insert(entry.file.clone());
    }
    for activity in &package.activities {
        for src in activity.blocks().filter_map(Block::media) {
            files.insert(src.to_owned());
        }
        // Pictures as options, a hotspot's or a dragToImage item's image.
        for src in activity.items.iter().flat_map(|i| i.interaction.media()) {
            files.insert(src.to_owned());
        }
    }
    files
}

/// Validates `dir`'s package and returns its files as zip entries under `prefix`, with their SHA-256
/// list last, and the validation report.
fn course_entries(dir: &Path, prefix: &str) -> Result<(Package, Vec<ZipEntry>, Report), PackError> {
    let source = Dir(dir.to_owned());
    let (package, report) = load(&source);
    let Some(package) = package else {
        return Err(PackError::Invalid(report));
    };
    let mut entries = Vec::new();
    let mut sums = BTreeMap::new();
    for path in used_files(&package) {
        let mut data = source
            .read(&path)
            .map_err(|e| PackError::Io(format!("{path}: {e}")))?;
        if path == MANIFEST_FILE {
            // The packed manifest says it has the list: a player asks for it only then.
            let text = String::from_utf8(data)
                .map_err(|e| PackError::Io(format!("{path}: not UTF-8 ({e})")))?;
            data = hashes::mark_manifest(&text).into_bytes();
        }
        sums.insert(path.clone(), sha256_hex(&data));
        entries.push(ZipEntry {
            name: format!("{prefix}{path}"),
            data,
        });
    }
    entries.push(ZipEntry {
        name: format!("{prefix}{HASH_FILE}"),
        data: hashes::write(&sums).into_bytes(),
    });
    Ok((package, entries, report))
}

/// The zip bytes of `dir`'s package (validated first).
pub fn pack_bytes(dir: &Path) -> Result<(Vec<u8>, Packed), PackError> {
    let (_, entries, report) = course_entries(dir, "")?;
    let files = entries
        .iter()
        .map(|e| {
            let packed = deflate(&e.data).len().min(e.data.len());
            (e.name.clone(), e.data.len(), packed)
        })
        .collect();
    let bytes = zip::write(&entries, &deflate);
    let packed = Packed {
        files,
        zip_bytes: bytes.len(),
        report,
    };
    Ok((bytes, packed))
}

/// Packs `dir` into `out`.
pub fn pack(dir: &Path, out: &Path) -> Result<Packed, PackError> {
    let (bytes, packed) = pack_bytes(dir)?;
    std::fs::write(out, &bytes).map_err(|e| PackError::Io(format!("{}: {e}", out.display())))?;
    Ok(packed)
}

/// The size report printed after packing.
pub fn size_report(packed: &Packed) -> String {
    let mut out = String::new();
    let mut raw_total = 0;
    for (name, raw, zipped) in &packed.files {
        raw_total += raw;
        out.push_str(&format!("{raw:>9} B {zipped:>9} B  {name}\n"));
    }
    out.push_str(&format!(
        "{raw_total:>9} B {:>9} B  total ({} files; zip file {} B)\n",
        packed.files.iter().map(|f| f.2).sum::<usize>(),
        packed.files.len(),
        packed.zip_bytes
    ));
    out
}

/// Files of the built player (`dist/`) that go into an LMS package (SCORM or cmi5): everything but the
/// demo course, its config (with development LRS credentials), the service worker (an LMS serves content
/// from its own paths; the player does not install a worker there) and the operators' example host pages.
fn player_files(player: &Path) -> Result<Vec<ZipEntry>, PackError> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<ZipEntry>) -> std::io::Result<()> {
        let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let path = e.path();
            let rel = path
                .strip_prefix(root)
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            if matches!(
                rel.as_str(),
                "course" | "config.json" | "sw.js" | "examples"
            ) {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, out)?;
            } else {
                out.push(ZipEntry {
                    name: rel,
                    data: std::fs::read(&path)?,
                });
            }
        }
        Ok(())
    }
    if !player.join("index.html").is_file() || !player.join("player").is_dir() {
        return Err(PackError::Io(format!(
            "{}: no built player here (index.html and player/); run `make build` or pass --player DIR",
            player.display()
        )));
    }
    let mut out = Vec::new();
    walk(player, player, &mut out)
        .map_err(|e| PackError::Io(format!("{}: {e}", player.display())))?;
    Ok(out)
}

/// Packs `dir` as a SCORM package: the player from `player`, the course under `course/` (with its
/// SHA-256 list), a config that tells the player to report to the LMS, and `imsmanifest.xml`.
pub fn pack_scorm(
    dir: &Path,
    out: &Path,
    version: crate::scorm::Version,
    player: &Path,
) -> Result<Packed, PackError> {
    let edition = match version {
        crate::scorm::Version::Scorm12 => "1.2",
        crate::scorm::Version::Scorm2004 => "2004",
    };
    let config = format!("{{\"packageUrl\":\"course/pkg.json\",\"scorm\":\"{edition}\"}}\n");
    pack_for_lms(
        dir,
        out,
        player,
        &config,
        "imsmanifest.xml",
        |manifest, names| {
            crate::scorm::imsmanifest(version, manifest, names, "index.html")
                .map_err(|e| e.to_string())
        },
    )
}

/// Packs `dir` as a cmi5 course package: the player from `player`, the course under `course/` (with
/// its SHA-256 list), a config with no LRS (the LMS gives the endpoint and a token at launch), and
/// `cmi5.xml` with one AU launching `index.html`.
pub fn pack_cmi5(dir: &Path, out: &Path, player: &Path) -> Result<Packed, PackError> {
    let config = "{\"packageUrl\":\"course/pkg.json\"}\n";
    pack_for_lms(dir, out, player, config, cmi5::FILE, |manifest, names| {
        cmi5::course_structure(manifest, names, "index.html").map_err(|e| e.to_string())
    })
}

/// The common shape of LMS packs: player, course, `config` as the player's `config.json`, and last the
/// LMS's descriptor file `descriptor`, written by `describe` from the manifest and the sorted names of
/// every other file.
fn pack_for_lms(
    dir: &Path,
    out: &Path,
    player: &Path,
    config: &str,
    descriptor: &str,
    describe: impl FnOnce(&Manifest, &[String]) -> Result<String, String>,
) -> Result<Packed, PackError> {
    let (package, course, report) = course_entries(dir, "course/")?;
    let mut entries = player_files(player)?;
    entries.extend(course);
    entries.push(ZipEntry {
        name: "config.json".to_owned(),
        data: config.as_bytes().to_vec(),
    });
    let mut names: Vec<String> = entries.iter().map(|e| e.name.clone()).collect();
    names.sort();
    let text = describe(&package.manifest, &names).map_err(PackError::Io)?;
    entries.push(ZipEntry {
        name: descriptor.to_owned(),
        data: text.into_bytes(),
    });
    let files = entries
        .iter()
        .map(|e| {
            (
                e.name.clone(),
                e.data.len(),
                deflate(&e.data).len().min(e.data.len()),
            )
        })
        .collect();
    let bytes = zip::write(&entries, &deflate);
    std::fs::write(out, &bytes).map_err(|e| PackError::Io(format!("{}: {e}", out.display())))?;
    Ok(Packed {
        files,
        zip_bytes: bytes.len(),
        report,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    struct Mem(BTreeMap<&'static str, &'static str>);

    impl Files for Mem {
        fn read(&self, path: &str) -> Result<Vec<u8>, String> {
            self.0
                .get(path)
                .map(|s| s.as_bytes().to_vec())
                .ok_or_else(|| "no such file".to_owned())
        }
        fn size(&self, path: &str) -> Option<u64> {
            self.0.get(path).map(|s| s.len() as u64)
        }
    }

    const SVG: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"><rect width="1" height="2"/></svg>"#;

    #[test]
    fn a_pack_carries_the_pictures_of_item_stems_options_and_interactions() {
        let files = Mem(BTreeMap::from([
            (
                "pkg.json",
                r#"{"id": "https://e.org/c", "title": "C", "version": "1.0.0", "language": "en",
                "skills": [{"id": "s", "title": "S"}],
                "activities": [{"id": "a", "file": "a.json", "title": "A", "kind": "check", "skills": ["s"]}]}"#,
            ),
            (
                "a.json",
                r#"{"id": "a", "items": [{"id": "q", "skills": ["s"], "stem": "Which is half?",
                "blocks": [{"type": "image", "src": "m/stem.svg", "alt": "Two halves"},
                           {"type": "fractionModel", "shape": "bar", "parts": 2, "shaded": 1}],
                "interaction": {"type": "singleChoice", "correct": "h", "options": [
                  {"id": "h", "image": "m/half.svg", "text": "A half shaded"},
                  {"id": "t", "text": "A third"}]}},
                {"id": "h", "skills": ["s"], "stem": "Pick the half.", "interaction": {"type": "hotspot",
                 "image": "m/map.svg", "alt": "Two shapes", "width": 2, "height": 2, "correct": ["l"],
                 "regions": [{"id": "l", "label": "Left", "shape": "rect", "coords": [0, 0, 1, 2]}]}},
                {"id": "d", "skills": ["s"], "stem": "Label the bar.",
                "interaction": {"type": "dragToImage", "image": "m/bar.svg", "alt": "A bar",
                  "width": 2, "height": 2,
                  "targets": [{"id": "l", "text": "the left", "x": 0.5, "y": 1, "answer": "s"}],
                  "labels": [{"id": "s", "text": "shaded"}, {"id": "p", "text": "plain"}]}}]}"#,
            ),
            ("m/stem.svg", SVG),
            ("m/half.svg", SVG),
            ("m/map.svg", SVG),
            ("m/bar.svg", SVG),
            ("m/unused.svg", SVG),
        ]));
        let (package, report) = load(&files);
        assert!(report.is_valid(), "{:?}", report.errors);
        let used = used_files(&package.expect("a package"));
        let used: Vec<&str> = used.iter().map(String::as_str).collect();
        assert_eq!(
            used,
            [
                "a.json",
                "m/bar.svg",
                "m/half.svg",
                "m/map.svg",
                "m/stem.svg",
                "pkg.json"
            ]
        );
    }
}
