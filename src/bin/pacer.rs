//! The `pacer` command: validate, pack, scaffold and preview course packages. Arguments are parsed by
//! clap (native only), so every subcommand has `--help` and a mistyped one gets a "did you mean".

use clap::{Args, Parser, Subcommand, ValueEnum};
use pacer::cli::pack::PackError;
use pacer::cli::player_files::PlayerFiles;
use pacer::cli::validate::Format;
use pacer::cli::{new, pack, preview, serve, validate};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "pacer",
    version,
    about = "Validate, preview and pack Pacer course packages",
    after_help = "A new course: `pacer new my-course`, then `pacer preview my-course`."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a package; every finding as file:line:col: path: message
    /// (exit 0 valid, 1 invalid, 2 usage or IO error)
    Validate {
        /// How findings are printed
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
        /// The package: a folder holding pkg.json, or a zip made by `pacer pack`
        #[arg(value_name = "DIR|ZIP")]
        path: PathBuf,
    },
    /// See a package in the player on 127.0.0.1: a course overview, the validator's findings, and a
    /// reload whenever a file is saved
    Preview {
        /// The package: a folder holding pkg.json, or a zip made by `pacer pack`
        #[arg(value_name = "DIR|ZIP")]
        path: PathBuf,
        #[arg(long, default_value = "127.0.0.1")]
        host: String,
        /// 0 lets the system choose a free port
        #[arg(long, default_value_t = 8090)]
        port: u16,
        /// A built player's folder (scripts/build.sh's dist/), instead of the one built into pacer
        #[arg(long, value_name = "DIST")]
        player: Option<PathBuf>,
    },
    /// Validate, then write a deterministic zip with a SHA-256 list
    Pack {
        /// The package folder
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// The zip to write
        #[arg(short = 'o', value_name = "COURSE.zip")]
        out: PathBuf,
        /// Include the player and imsmanifest.xml for a SCORM 1.2 LMS
        #[arg(long, group = "lms")]
        scorm12: bool,
        /// Include the player and imsmanifest.xml for a SCORM 2004 LMS
        #[arg(long, group = "lms")]
        scorm2004: bool,
        /// Include the player and cmi5.xml with one AU
        #[arg(long, group = "lms")]
        cmi5: bool,
        /// The built player's folder, for --scorm12, --scorm2004 and --cmi5
        #[arg(long, value_name = "DIST", default_value = "dist")]
        player: PathBuf,
    },
    /// Write a site's first-item form: what the player's small first module shows a new learner while
    /// the rest of the player loads (rerun when the package or the config changes)
    First {
        /// The package folder
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// The site's player config (config.json)
        #[arg(long, value_name = "CONFIG")]
        config: PathBuf,
        /// The form to write (the player looks for first.bin beside the package's pkg.json)
        #[arg(short = 'o', value_name = "FIRST.bin")]
        out: PathBuf,
    },
    /// Scaffold a small valid package in a new folder
    New {
        /// The folder to create (it must not exist or be empty)
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// Fit BKT per skill and guess, slip and learn per item from a class's xAPI statements; write a copy
    /// of the package with them as a new version, and print a report
    Fit(FitArgs),
    /// Serve a folder over HTTP with the right MIME types (the built player's dist/, for example)
    Serve {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        #[arg(long, default_value = "127.0.0.1")]
        host: String,
        #[arg(long, default_value_t = 8080)]
        port: u16,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // --help and --version are not usage errors.
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Validate { format, path } => run_validate(&path, format),
        Command::Preview {
            path,
            host,
            port,
            player,
        } => run_preview(&path, &host, port, player),
        Command::Pack {
            dir,
            out,
            scorm12,
            scorm2004,
            cmi5,
            player,
        } => run_pack(&dir, &out, (scorm12, scorm2004, cmi5), &player),
        Command::First { dir, config, out } => run_first(&dir, &config, &out),
        Command::New { dir } => run_new(&dir),
        Command::Fit(args) => run_fit(args),
        Command::Serve { dir, host, port } => run_serve(&dir, &host, port),
    }
}

/// `pacer fit`'s arguments.
#[derive(Args)]
struct FitArgs {
    /// The package folder
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// The folder to write the fitted copy to
    #[arg(short = 'o', long = "out", value_name = "NEW_DIR")]
    out: PathBuf,
    /// A JSON file of statements (an array, or an LRS's {"statements": [...]}); may be repeated
    #[arg(long, value_name = "FILE.json")]
    statements: Vec<PathBuf>,
    /// An LRS's statements endpoint, read page by page (`more`)
    #[arg(long, value_name = "URL")]
    lrs: Option<String>,
    /// The Authorization header value for --lrs (e.g. "Basic ...")
    #[arg(long, value_name = "VALUE")]
    authorization: Option<String>,
    /// Items with fewer answers keep their skill's values
    #[arg(long, value_name = "N")]
    min_answers: Option<usize>,
    /// Also write the report as JSON
    #[arg(long, value_name = "REPORT.json")]
    report: Option<PathBuf>,
}

fn run_fit(args: FitArgs) -> ExitCode {
    use pacer::cli::fit;
    let FitArgs {
        dir,
        out,
        statements: files,
        lrs,
        authorization: auth,
        min_answers,
        report: report_path,
    } = args;
    let mut settings = fit::FitSettings::default();
    if let Some(n) = min_answers {
        settings.min_answers = n;
    }
    if files.is_empty() && lrs.is_none() {
        eprintln!("pacer fit: give the class's statements with --statements FILE or --lrs URL");
        return ExitCode::from(2);
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

fn run_validate(path: &std::path::Path, format: FormatArg) -> ExitCode {
    let format = match format {
        FormatArg::Text => Format::Text,
        FormatArg::Json => Format::Json,
    };
    let (_, report) = match validate::validate_path(path) {
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
    let coverage = validate::coverage_line(&report);
    if report.is_valid() {
        if format == Format::Text {
            println!(
                "{}: valid ({} warning(s))",
                path.display(),
                report.warnings.len()
            );
            if !coverage.is_empty() {
                println!("translated: {coverage}");
            }
        }
        ExitCode::SUCCESS
    } else {
        if format == Format::Text {
            eprintln!("{} error(s)", report.errors.len());
            if !coverage.is_empty() {
                eprintln!("translated: {coverage}");
            }
        }
        ExitCode::from(1)
    }
}

fn run_preview(path: &std::path::Path, host: &str, port: u16, player: Option<PathBuf>) -> ExitCode {
    let player = match PlayerFiles::find(player.as_deref()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("pacer preview: {e}");
            return ExitCode::from(2);
        }
    };
    match preview::preview(path, host, port, player) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "pacer preview: cannot preview {} on {host}:{port}: {e}",
                path.display()
            );
            ExitCode::from(2)
        }
    }
}

fn run_first(dir: &Path, config: &Path, out: &Path) -> ExitCode {
    match pacer::cli::first::write(dir, config, out) {
        Ok(pacer::cli::first::Written::Form { bytes, screens }) => {
            println!(
                "{}: the first-item form, {screens} language(s), {bytes} bytes",
                out.display()
            );
            ExitCode::SUCCESS
        }
        // Not a failure: the player then starts without it, as it always could.
        Ok(pacer::cli::first::Written::Unfit(why)) => {
            println!("no first-item form: {why}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("pacer first: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run_pack(
    dir: &std::path::Path,
    out: &std::path::Path,
    lms: (bool, bool, bool),
    player: &std::path::Path,
) -> ExitCode {
    let result = match lms {
        (true, _, _) => pack::pack_scorm(dir, out, pacer::scorm::Version::Scorm12, player),
        (_, true, _) => pack::pack_scorm(dir, out, pacer::scorm::Version::Scorm2004, player),
        (_, _, true) => pack::pack_cmi5(dir, out, player),
        _ => pack::pack(dir, out),
    };
    match result {
        Ok(packed) => {
            print!("{}", validate::render(&packed.report, Format::Text));
            print!("{}", pack::size_report(&packed));
            println!("wrote {}", out.display());
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

fn run_new(dir: &std::path::Path) -> ExitCode {
    match new::scaffold(dir) {
        Ok(files) => {
            let dir = dir.display();
            for f in files {
                println!("created {dir}/{f}");
            }
            println!(
                "next: `pacer preview {dir}` shows the course in the player and reloads it as you edit \
                 {dir}/pkg.json and {dir}/content/; `pacer validate {dir}` checks it, \
                 `pacer pack {dir} -o course.zip` packs it"
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("pacer new: {e}");
            ExitCode::from(2)
        }
    }
}

fn run_serve(dir: &std::path::Path, host: &str, port: u16) -> ExitCode {
    match serve::serve(dir, host, port) {
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
