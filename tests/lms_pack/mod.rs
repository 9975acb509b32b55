//! What the LMS pack tests (`scorm_pack.rs`, `cmi5_pack.rs`) share: a temp folder, a stand-in for the
//! built player, running `pacer pack`, and reading the zip back.

use pacer::cli::files::inflate;
use pacer::pack::zip;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh temp folder `pacer-{prefix}-{name}-{pid}`.
pub fn temp(prefix: &str, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pacer-{prefix}-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Writes `files` (path, text) into `dir`: a stand-in for the built player (`dist/`).
pub fn write_player(dir: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let full = dir.join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("dir");
        std::fs::write(full, text).expect("write");
    }
}

/// Runs `pacer pack COURSE -o OUT FLAG --player PLAYER`, which must succeed; returns its standard output.
pub fn pack(course: &Path, flag: &str, player: &Path, out: &Path) -> String {
    let run = Command::new(env!("CARGO_BIN_EXE_pacer"))
        .arg("pack")
        .arg(course)
        .arg("-o")
        .arg(out)
        .arg(flag)
        .arg("--player")
        .arg(player)
        .output()
        .expect("pacer runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    String::from_utf8_lossy(&run.stdout).into_owned()
}

/// The zip's entries by name.
pub fn files(zip_path: &Path) -> BTreeMap<String, Vec<u8>> {
    let bytes = std::fs::read(zip_path).expect("zip");
    zip::read(&bytes, &inflate)
        .expect("reads")
        .into_iter()
        .map(|e| (e.name, e.data))
        .collect()
}
