//! The `pacer` command: validate and preview course packages.

use pacer::cli::pack::PackError;
use pacer::cli::validate::Format;
use pacer::cli::{new, pack, serve, validate};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage:
  pacer validate [--format text|json] DIR|ZIP
                                   check a package; every error as file:line:col: path: message
                                   (exit 0 valid, 1 invalid, 2 usage or IO error)
  pacer pack DIR -o COURSE.zip [--scorm12|--scorm2004|--cmi5 [--player DIST]]
                                   validate, then write a deterministic zip with a SHA-256 list
                                   (with --scorm*: the player too, and imsmanifest.xml for an LMS;
                                   with --cmi5: the player too, and cmi5.xml with one AU)
  pacer new DIR                    scaffold a small valid package
  pacer fit DIR -o NEW_DIR [--statements FILE.json]... [--lrs URL [--authorization VALUE]]
            [--min-answers N] [--report REPORT.json]
                                   fit BKT per skill and guess, slip and learn per item from the
                                   class's xAPI statements; write a copy of the package with them,
                                   as a new version, and print a report
  pacer serve DIR [--host H] [--port P]
                                   serve DIR over HTTP (default 127.0.0.1:8080)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("validate") => run_validate(&args[1..]),
        Some("serve") => run_serve(&args[1..]),
        Some("pack") => run_pack(&args[1..]),
        Some("new") => run_new(&args[1..]),
        Some("fit") => run_fit(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => usage_error("expected a command"),
    }
}

fn run_fit(args: &[String]) -> ExitCode {
    use pacer::cli::fit;
    let (mut dir, mut out, mut report_path, mut lrs, mut auth) = (None, None, None, None, None);
    let mut files: Vec<PathBuf> = Vec::new();
    let mut settings = fit::FitSettings::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-o" | "--out" => out = it.next().map(PathBuf::from),
            "--statements" => match it.next() {
                Some(f) => files.push(PathBuf::from(f)),
                None => return usage_error("--statements takes a file"),
            },
            "--lrs" => lrs = it.next().cloned(),
            "--authorization" => auth = it.next().cloned(),
            "--report" => report_path = it.next().map(PathBuf::from),
            "--min-answers" => match it.next().and_then(|n| n.parse().ok()) {
                Some(n) => settings.min_answers = n,
                None => return usage_error("--min-answers takes a number"),
            },
            other if dir.is_none() && !other.starts_with('-') => dir = Some(PathBuf::from(other)),
            other => return usage_error(&format!("unexpected argument `{other}`")),
        }
    }
    let (Some(dir), Some(out)) = (dir, out) else {
        return usage_error("fit needs a package DIR and -o NEW_DIR");
    };
    if files.is_empty() && lrs.is_none() {
        return usage_error("fit needs --statements FILE or --lrs URL");
    }
    let (package, loaded) = pacer::package::load(&pacer::cli::files::Dir(dir.clone()));
    let Some(package) = package else {
        print!("{}", validate::render(&loaded, Format::Text));
        eprintln!("pacer fit: {} is not a valid package", dir.display());
        return ExitCode::from(1);
    };
    let mut statements = Vec::new();
    for f in &files {
        let read = std::fs::read_to_string(f)
            .map_err(|e| e.to_string())
            .and_then(|t| fit::statements_of(&t));
        match read {
            Ok((list, _)) => statements.extend(list),
            Err(e) => {
                eprintln!("pacer fit: {}: {e}", f.display());
                return ExitCode::from(2);
            }
        }
    }
    if let Some(url) = &lrs {
        match fit::fetch_lrs(url, auth.as_deref(), &package.manifest.id) {
            Ok(list) => statements.extend(list),
            Err(e) => {
                eprintln!("pacer fit: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let mut skipped = fit::Skipped::default();
    let answers = fit::answers(&package, &statements, &mut skipped);
    let skills = fit::fit_answers(&package, &answers, &settings);
    let version = match fit::write_fitted(&package, &dir, &out, &skills) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("pacer fit: {e}");
            return ExitCode::from(2);
        }
    };
    let report = fit::FitReport {
        statements: statements.len(),
        answers: answers.len(),
        skipped,
        skills,
        version,
    };
    print!("{}", fit::render(&report));
    if let Some(path) = report_path {
        let json = serde_json::to_string_pretty(&report).unwrap_or_default();
        if let Err(e) = std::fs::write(&path, json + "\n") {
            eprintln!("pacer fit: {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    let (_, check) = match validate::validate_path(&out) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("pacer fit: {e}");
            return ExitCode::from(2);
        }
    };
    if !check.is_valid() {
        print!("{}", validate::render(&check, Format::Text));
        eprintln!("pacer fit: the fitted copy does not validate");
        return ExitCode::from(1);
    }
    println!("{}: valid", out.display());
    ExitCode::SUCCESS
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("pacer: {message}\n{USAGE}");
    ExitCode::from(2)
}

fn run_validate(args: &[String]) -> ExitCode {
    let mut format = Format::Text;
    let mut path = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--format" => match it.next().map(String::as_str) {
                Some("json") => format = Format::Json,
                Some("text") => format = Format::Text,
                _ => return usage_error("--format takes `text` or `json`"),
            },
            other if path.is_none() && !other.starts_with('-') => path = Some(PathBuf::from(other)),
            other => return usage_error(&format!("unexpected argument `{other}`")),
        }
    }
    let Some(path) = path else {
        return usage_error("validate needs a DIR or ZIP");
    };
    let (_, report) = match validate::validate_path(&path) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("pacer validate: {e}");
            return ExitCode::from(2);
        }
    };
    print!("{}", validate::render(&report, format));
    if format == Format::Json {
        println!();
    }
    if report.is_valid() {
        if format == Format::Text {
            println!(
                "{}: valid ({} warning(s))",
                path.display(),
                report.warnings.len()
            );
        }
        ExitCode::SUCCESS
    } else {
        if format == Format::Text {
            eprintln!("{} error(s)", report.errors.len());
        }
        ExitCode::from(1)
    }
}

fn run_pack(args: &[String]) -> ExitCode {
    let mut dir = None;
    let mut out = None;
    let mut lms = None;
    let mut player = PathBuf::from("dist");
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-o" => match it.next() {
                Some(o) => out = Some(o.clone()),
                None => return usage_error("-o needs a file name"),
            },
            "--scorm12" | "--scorm2004" | "--cmi5" if lms.is_some_and(|l| l != arg.as_str()) => {
                return usage_error("choose one of --scorm12, --scorm2004 and --cmi5")
            }
            "--scorm12" | "--scorm2004" | "--cmi5" => lms = Some(arg.as_str()),
            "--player" => match it.next() {
                Some(p) => player = PathBuf::from(p),
                None => return usage_error("--player needs the built player's folder"),
            },
            other if dir.is_none() && !other.starts_with('-') => dir = Some(other.to_owned()),
            other => return usage_error(&format!("unexpected argument `{other}`")),
        }
    }
    let (Some(dir), Some(out)) = (dir, out) else {
        return usage_error("pack takes DIR -o COURSE.zip");
    };
    let (dir, out_path) = (PathBuf::from(&dir), PathBuf::from(&out));
    let result = match lms {
        Some("--scorm12") => {
            pack::pack_scorm(&dir, &out_path, pacer::scorm::Version::Scorm12, &player)
        }
        Some("--scorm2004") => {
            pack::pack_scorm(&dir, &out_path, pacer::scorm::Version::Scorm2004, &player)
        }
        Some(_cmi5) => pack::pack_cmi5(&dir, &out_path, &player),
        None => pack::pack(&dir, &out_path),
    };
    match result {
        Ok(packed) => {
            print!("{}", validate::render(&packed.report, Format::Text));
            print!("{}", pack::size_report(&packed));
            println!("wrote {out}");
            ExitCode::SUCCESS
        }
        Err(PackError::Invalid(report)) => {
            print!("{}", validate::render(&report, Format::Text));
            eprintln!(
                "pacer pack: {} error(s); nothing written",
                report.errors.len()
            );
            ExitCode::from(1)
        }
        Err(PackError::Io(e)) => {
            eprintln!("pacer pack: {e}");
            ExitCode::from(2)
        }
    }
}

fn run_new(args: &[String]) -> ExitCode {
    let [dir] = args else {
        return usage_error("new takes one DIR");
    };
    match new::scaffold(&PathBuf::from(dir)) {
        Ok(files) => {
            for f in files {
                println!("created {dir}/{f}");
            }
            println!(
                "next: edit {dir}/pkg.json, then `pacer validate {dir}` and `pacer serve {dir}`"
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("pacer new: {e}");
            ExitCode::from(2)
        }
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
