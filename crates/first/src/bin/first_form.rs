//! Writes the binary forms of a package's first item (the probe's input, #19):
//! `first-form PACKAGE_DIR OUT_DIR [LANG]` writes `screen.bin` (variant A: the screen's view tree,
//! postcard), `screen.json` (the same tree as JSON, for a JavaScript-only drawer) and `first.bin`
//! (variant B: screen, item, words) and `keyed.bin`
//! (variant B-key: screen, every answer's outcome, words).

use pacer_first::form::encode;
use pacer_first::make::{first, keyed, Folder};
use std::path::PathBuf;

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, out, rest @ ..] = args.as_slice() else {
        return Err("usage: first-form PACKAGE_DIR OUT_DIR [LANG]".into());
    };
    let first = first(
        &Folder(PathBuf::from(dir)),
        rest.first().map(String::as_str),
    )?;
    let out = PathBuf::from(out);
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    let write = |name: &str, bytes: Vec<u8>| {
        std::fs::write(out.join(name), &bytes).map_err(|e| format!("{name}: {e}"))?;
        println!("{name}: {} bytes", bytes.len());
        Ok::<(), String>(())
    };
    write(
        "screen.bin",
        encode(&first.screen).map_err(|e| e.to_string())?,
    )?;
    write(
        "screen.json",
        serde_json::to_vec(&first.screen).map_err(|e| e.to_string())?,
    )?;
    write("first.bin", encode(&first).map_err(|e| e.to_string())?)?;
    let keyed = keyed(
        &Folder(PathBuf::from(dir)),
        rest.first().map(String::as_str),
    )?;
    write("keyed.bin", encode(&keyed).map_err(|e| e.to_string())?)?;
    Ok(())
}
