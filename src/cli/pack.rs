//! `pacer pack DIR -o course.zip`: validates the package, then writes a deterministic zip of exactly the
//! files it uses (manifest, activity files, media) plus their SHA-256 list, and reports sizes.

use super::files::{deflate, sha256_hex, Dir};
use crate::pack::hashes::{self, HASH_FILE};
use crate::pack::zip::{self, ZipEntry};
use crate::package::{load, Block, Files, Package, Report, MANIFEST_FILE};
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
        for block in activity.pages.iter().flat_map(|p| &p.blocks) {
            match block {
                Block::Image { src, .. } | Block::Audio { src, .. } => {
                    files.insert(src.clone());
                }
                _ => {}
            }
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
        let data = source
            .read(&path)
            .map_err(|e| PackError::Io(format!("{path}: {e}")))?;
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

/// Files of the built player (`dist/`) that go into a SCORM package: everything but the demo course, its
/// config and the service worker (an LMS serves content from its own paths; the SCO does not install a
/// worker there).
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
            if rel == "course" || rel == "config.json" || rel == "sw.js" {
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
    let (package, course, report) = course_entries(dir, "course/")?;
    let mut entries = player_files(player)?;
    entries.extend(course);
    let edition = match version {
        crate::scorm::Version::Scorm12 => "1.2",
        crate::scorm::Version::Scorm2004 => "2004",
    };
    entries.push(ZipEntry {
        name: "config.json".to_owned(),
        data: format!("{{\"packageUrl\":\"course/pkg.json\",\"scorm\":\"{edition}\"}}\n")
            .into_bytes(),
    });
    let mut names: Vec<String> = entries.iter().map(|e| e.name.clone()).collect();
    names.sort();
    let xml = crate::scorm::imsmanifest(version, &package.manifest, &names, "index.html")
        .map_err(|e| PackError::Io(e.to_string()))?;
    entries.push(ZipEntry {
        name: "imsmanifest.xml".to_owned(),
        data: xml.into_bytes(),
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
