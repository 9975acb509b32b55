//! Every input a fuzzer once crashed on (`tests/fixtures/fuzz/TARGET/`, see `scripts/fuzz.sh`) is fed to
//! its target again: each must now return without a panic. A folder naming no target is an error, so a
//! fixture cannot silently stop being replayed.
#![cfg(all(feature = "cli", not(target_arch = "wasm32")))]

use pacer::fuzzing::TARGETS;
use std::fs;
use std::path::Path;

#[test]
fn every_input_that_once_crashed_a_fuzz_target_is_harmless_now() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut replayed = 0;
    for dir in fs::read_dir(&root).expect("tests/fixtures/fuzz is readable") {
        let dir = dir.expect("entry").path();
        if !dir.is_dir() {
            continue;
        }
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let (_, target) = TARGETS
            .iter()
            .find(|(t, _)| *t == name)
            .unwrap_or_else(|| panic!("tests/fixtures/fuzz/{name} names no fuzz target"));
        for input in fs::read_dir(&dir).expect("readable") {
            let input = input.expect("entry").path();
            let bytes = fs::read(&input).expect("readable");
            let outcome = std::panic::catch_unwind(|| target(&bytes));
            assert!(
                outcome.is_ok(),
                "{} still crashes its target",
                input.display()
            );
            replayed += 1;
        }
    }
    assert!(replayed > 0, "no regression input was replayed");
}
