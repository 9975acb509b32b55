//! The files of a package on disk: a folder, or a zip made by `pacer pack` (whose SHA-256 list is
//! checked against what it holds).

use crate::pack::hashes::{self, HASH_FILE};
use crate::pack::zip::{self, ZipEntry};
use crate::package::{Files, PackageError};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// A package's files, from wherever they are.
pub trait PackageFiles: Files {
    /// Checks the package's SHA-256 list, when it has one.
    fn verify(&self) -> Result<(), PackageError>;
}

/// Opens a folder or a zip.
pub fn open(path: &Path) -> Result<Box<dyn PackageFiles>, String> {
    let meta = fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if meta.is_dir() {
        return Ok(Box::new(Dir(path.to_owned())));
    }
    let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let entries = zip::read(&bytes, &inflate).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut files = BTreeMap::new();
    for ZipEntry { name, data } in entries {
        files.insert(name, data);
    }
    Ok(Box::new(Zip(files)))
}

/// A package folder.
pub struct Dir(pub PathBuf);

impl Dir {
    fn resolve(&self, path: &str) -> Option<PathBuf> {
        crate::package::validate::is_package_path(path).then(|| self.0.join(path))
    }
}

impl Files for Dir {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        let full = self.resolve(path).ok_or("not a path inside the package")?;
        fs::read(full).map_err(|e| e.to_string())
    }

    fn size(&self, path: &str) -> Option<u64> {
        let full = self.resolve(path)?;
        fs::metadata(full)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len())
    }

    fn names(&self) -> Vec<String> {
        let mut names = Vec::new();
        let mut stack = vec![self.0.clone()];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if let Ok(rel) = path.strip_prefix(&self.0) {
                    names.push(rel.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        names.sort();
        names
    }
}

impl PackageFiles for Dir {
    fn verify(&self) -> Result<(), PackageError> {
        match fs::read_to_string(self.0.join(HASH_FILE)) {
            Ok(list) => check_list(&list, self),
            Err(_) => Ok(()),
        }
    }
}

/// The files of a zip, in memory.
pub struct Zip(pub BTreeMap<String, Vec<u8>>);

impl Files for Zip {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        self.0
            .get(path)
            .cloned()
            .ok_or_else(|| "not in the zip".to_owned())
    }

    fn size(&self, path: &str) -> Option<u64> {
        self.0.get(path).map(|d| d.len() as u64)
    }

    fn names(&self) -> Vec<String> {
        self.0.keys().cloned().collect()
    }
}

impl PackageFiles for Zip {
    fn verify(&self) -> Result<(), PackageError> {
        match self.0.get(HASH_FILE) {
            Some(list) => {
                let text = String::from_utf8_lossy(list);
                let listed = hashes::parse(&text)?;
                if let Some(extra) = self
                    .0
                    .keys()
                    .find(|name| *name != HASH_FILE && !listed.contains_key(*name))
                {
                    return Err(PackageError::Integrity {
                        file: extra.clone(),
                        reason: "is not in the package's SHA-256 list: it was added after packing"
                            .to_owned(),
                    });
                }
                check_list(&text, self)
            }
            None => Err(PackageError::Missing {
                file: HASH_FILE.to_owned(),
                reason: "a packed course must carry its SHA-256 list; repack it with `pacer pack`"
                    .to_owned(),
            }),
        }
    }
}

/// The SHA-256 of `data`, in lowercase hex.
pub fn sha256_hex(data: &[u8]) -> String {
    Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn check_list(list: &str, files: &dyn Files) -> Result<(), PackageError> {
    let expected = hashes::parse(list)?;
    let mut actual = BTreeMap::new();
    for name in expected.keys() {
        if let Ok(data) = files.read(name) {
            actual.insert(name.clone(), sha256_hex(&data));
        }
    }
    hashes::verify(&expected, &actual)
}

/// Raw-deflate compression at the best level (deterministic for the same input).
pub fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(data, 9)
}

/// Raw-deflate decompression, refusing output larger than `size` (a zip bomb).
pub fn inflate(data: &[u8], size: usize) -> Result<Vec<u8>, String> {
    miniz_oxide::inflate::decompress_to_vec_with_limit(data, size)
        .map_err(|e| format!("{:?}", e.status))
}
