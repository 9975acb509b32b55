//! The built player's files (host page, script, wasm, styles, service worker) for `pacer preview`: built
//! into the binary by `scripts/build.sh` (see `build.rs`), or read from a folder (`--player DIR`, a
//! `pacer-player/` folder beside the binary, or `dist/` in the working folder).
//!
//! It serves files, it does not build them: a binary compiled without the player and with no folder to
//! find says so and how to fix it.

use std::fs;
use std::path::{Path, PathBuf};

/// The player files written into the binary at build time (empty when it was built without them).
static EMBEDDED: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/player_files.rs"));

/// Where the player's files come from.
#[derive(Debug, Clone)]
pub enum PlayerFiles {
    Embedded(&'static [(&'static str, &'static [u8])]),
    Dir(PathBuf),
}

/// The folder name looked for beside the binary.
pub const BESIDE_BINARY: &str = "pacer-player";

impl PlayerFiles {
    /// `explicit` if given, else the embedded player, else a folder beside the binary, else `./dist`.
    pub fn find(explicit: Option<&Path>) -> Result<PlayerFiles, String> {
        if let Some(dir) = explicit {
            return Self::dir(dir).ok_or_else(|| {
                format!(
                    "{} holds no built player (player/pacer_bg.wasm)",
                    dir.display()
                )
            });
        }
        if !EMBEDDED.is_empty() {
            return Ok(PlayerFiles::Embedded(EMBEDDED));
        }
        let beside = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|d| d.join(BESIDE_BINARY)));
        beside
            .as_deref()
            .and_then(Self::dir)
            .or_else(|| Self::dir(Path::new("dist")))
            .ok_or_else(|| {
                format!(
                    "this pacer was built without the player, and there is none in a `{BESIDE_BINARY}` \
                     folder beside it nor in ./dist: build it with scripts/build.sh, or give --player DIR"
                )
            })
    }

    fn dir(dir: &Path) -> Option<PlayerFiles> {
        dir.join("player/pacer_bg.wasm")
            .is_file()
            .then(|| PlayerFiles::Dir(dir.to_owned()))
    }

    /// The file at `path` (`/`-separated, no leading slash); `None` if the player has none.
    pub fn get(&self, path: &str) -> Option<Vec<u8>> {
        let path = if path.is_empty() { "index.html" } else { path };
        match self {
            PlayerFiles::Embedded(files) => files
                .iter()
                .find(|(name, _)| *name == path)
                .map(|(_, data)| data.to_vec()),
            PlayerFiles::Dir(dir) => {
                if path.split('/').next() == Some("course") || path == "config.json" {
                    return None; // the demo course and its config are not the player
                }
                let full = super::serve::resolve(&dir.canonicalize().ok()?, path)?;
                fs::read(full).ok()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_player_folder_serves_its_files_but_not_its_demo_course() {
        let dir = std::env::temp_dir().join(format!("pacer-player-files-{}", std::process::id()));
        fs::create_dir_all(dir.join("player")).unwrap();
        fs::create_dir_all(dir.join("course")).unwrap();
        fs::write(dir.join("player/pacer_bg.wasm"), b"\0asm").unwrap();
        fs::write(dir.join("index.html"), "<!doctype html>").unwrap();
        fs::write(dir.join("course/pkg.json"), "{}").unwrap();
        fs::write(dir.join("config.json"), "{}").unwrap();
        let files = PlayerFiles::find(Some(&dir)).unwrap();
        assert_eq!(files.get("").unwrap(), b"<!doctype html>");
        assert_eq!(files.get("player/pacer_bg.wasm").unwrap(), b"\0asm");
        assert!(files.get("course/pkg.json").is_none());
        assert!(files.get("config.json").is_none());
        assert!(files.get("../etc/passwd").is_none());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_folder_without_a_player_is_refused_with_what_is_missing() {
        let err = PlayerFiles::find(Some(Path::new("/nonexistent-pacer"))).unwrap_err();
        assert!(err.contains("player/pacer_bg.wasm"), "{err}");
    }
}
