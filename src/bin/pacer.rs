//! The `pacer` command: validate and preview course packages.

use pacer::cli::{serve, validate};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage:
  pacer validate DIR               check a package (its pkg.json and activity files)
  pacer serve DIR [--host H] [--port P]
                                   serve DIR over HTTP (default 127.0.0.1:8080)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("validate") => run_validate(&args[1..]),
        Some("serve") => run_serve(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => usage_error("expected a command"),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("pacer: {message}\n{USAGE}");
    ExitCode::from(2)
}

fn run_validate(args: &[String]) -> ExitCode {
    let [dir] = args else {
        return usage_error("validate takes one DIR");
    };
    let errors = validate::validate_dir(&PathBuf::from(dir));
    for e in &errors {
        println!("{e}");
    }
    if errors.is_empty() {
        println!("{dir}: valid");
        ExitCode::SUCCESS
    } else {
        eprintln!("{} error(s)", errors.len());
        ExitCode::from(1)
    }
}

fn run_serve(args: &[String]) -> ExitCode {
    let mut dir = None;
    let mut host = "127.0.0.1".to_owned();
    let mut port: u16 = 8080;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--host" => match it.next() {
                Some(h) => host = h.clone(),
                None => return usage_error("--host needs a value"),
            },
            "--port" => match it.next().and_then(|p| p.parse().ok()) {
                Some(p) => port = p,
                None => return usage_error("--port needs a number from 0 to 65535"),
            },
            other if dir.is_none() && !other.starts_with('-') => dir = Some(PathBuf::from(other)),
            other => return usage_error(&format!("unexpected argument `{other}`")),
        }
    }
    let Some(dir) = dir else {
        return usage_error("serve needs a DIR");
    };
    match serve::serve(&dir, &host, port) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "pacer serve: cannot serve {} on {host}:{port}: {e}",
                dir.display()
            );
            ExitCode::from(2)
        }
    }
}
