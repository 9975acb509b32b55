//! Embeds the built player in the `pacer` CLI, so `pacer preview` works without the repository's `dist/`.
//!
//! The player is the wasm build of this same crate, so it cannot be a plain `include_bytes!`: a clean clone
//! has no `dist/` when the CLI is first compiled (and `cargo test` must work there). `scripts/build.sh`
//! builds the player first, then the CLI with `PACER_PLAYER_DIR=dist`; this script then writes one
//! `include_bytes!` per player file into `$OUT_DIR/player_files.rs`. Without the variable the list is empty
//! and `pacer preview` looks for the player beside the binary or takes `--player DIR`.
//!
//! It is not a packer: it lists files, it does not copy, compress or check them.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

/// Files of `dist/` that are not the player: the demo course, its config and the host-page examples.
const SKIP: [&str; 3] = ["course", "config.json", "examples"];

fn main() {
    println!("cargo:rerun-if-env-changed=PACER_PLAYER_DIR");
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut files = Vec::new();
    if let Ok(dir) = env::var("PACER_PLAYER_DIR") {
        let dir = PathBuf::from(dir);
        let dir = dir.canonicalize().unwrap_or(dir);
        println!("cargo:rerun-if-changed={}", dir.display());
        collect(&dir, &dir, &mut files);
        files.sort();
        assert!(
            files.iter().any(|(name, _)| name == "player/pacer_bg.wasm"),
            "PACER_PLAYER_DIR={} holds no player/pacer_bg.wasm: build the player first",
            dir.display()
        );
    }
    let mut code = String::from("&[\n");
    for (name, path) in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        code.push_str(&format!(
            "    ({name:?}, include_bytes!({:?}) as &[u8]),\n",
            path.display().to_string()
        ));
    }
    code.push(']');
    fs::write(out.join("player_files.rs"), code).expect("OUT_DIR is writable");
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(rel) = path.strip_prefix(root) else {
            continue;
        };
        let name = rel.to_string_lossy().replace('\\', "/");
        if dir == root && SKIP.contains(&name.as_str()) {
            continue;
        }
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            files.push((name, path));
        }
    }
}
