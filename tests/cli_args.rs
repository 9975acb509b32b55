//! The `pacer` command line as an author meets it: `--help` on every subcommand (and nothing created by
//! asking for it), a mistyped subcommand answered with the right one, and `pacer new` naming the real
//! next step.

use std::process::{Command, Output};

fn pacer(args: &[&str], dir: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pacer"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the pacer binary runs")
}

fn work(label: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("pacer-args-{label}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn every_subcommand_has_help_and_asking_for_it_creates_nothing() {
    let dir = work("help");
    for sub in ["validate", "preview", "pack", "new", "serve"] {
        let out = pacer(&[sub, "--help"], &dir);
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{sub}: {text}");
        assert!(
            text.contains(&format!("Usage: pacer {sub}")),
            "{sub}: {text}"
        );
    }
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        0,
        "`pacer new --help` made no course in a folder named --help"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_mistyped_subcommand_is_a_usage_error_that_names_the_right_one() {
    let dir = work("typo");
    let out = pacer(&["valdate", "x"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("'validate'"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn new_names_preview_as_the_next_step() {
    let dir = work("new");
    let out = pacer(&["new", "course"], &dir);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("`pacer preview course`"), "{text}");
    assert!(!text.contains("pacer serve"), "{text}");
    std::fs::remove_dir_all(&dir).unwrap();
}
