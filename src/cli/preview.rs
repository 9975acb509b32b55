//! `pacer preview DIR|ZIP`: the author's package in the real player, on 127.0.0.1.
//!
//! The page at `/` is a course overview (every activity, locked ones marked and still openable), the
//! validator's errors and warnings with their `file:line:col`, and the player in a frame below them. The
//! page polls `/__pacer/status`, whose `version` changes when any file of the package changes (the
//! folder's names, sizes and modification times are looked at on each poll: no watcher thread, no
//! dependency); it then reloads the frame and the findings.
//!
//! The player is the built one ([`PlayerFiles`]) under `/play/`, with a `config.json` made here: its own
//! IndexedDB database (`pacer-preview`, so preview answers never mix with a learner's records), no LRS,
//! and every activity unlocked. The package is under `/course/` (a folder) or at `/course.zip`.
//!
//! It is not a learner-facing server: loopback by default, GET and HEAD only, nothing cached.

use super::player_files::PlayerFiles;
use super::serve::{listen, mime_type, resolve};
use super::validate::validate_path;
use crate::engine::plan::{plan, Overrides, PlanInput, Status};
use crate::package::{parse_manifest, Located, Manifest, PackageError, MANIFEST_FILE};
use serde::Serialize;
use std::collections::hash_map::DefaultHasher;
use std::collections::BTreeSet;
use std::fs;
use std::hash::{Hash, Hasher};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tiny_http::{Header, Method, Request, Response, StatusCode};

const PAGE: &str = include_str!("preview/page.html");
const SCRIPT: &str = include_str!("preview/page.js");
const STYLE: &str = include_str!("preview/page.css");

/// The IndexedDB database of preview answers (a learner's player uses `pacer`).
pub const PREVIEW_DB: &str = "pacer-preview";

/// What is previewed.
#[derive(Debug, Clone)]
enum Source {
    Dir(PathBuf),
    Zip(PathBuf),
}

struct Preview {
    source: Source,
    player: PlayerFiles,
    /// The last status, with the fingerprint of the files it was made from.
    last: Mutex<Option<(u64, String)>>,
}

/// Serves the preview of `path` (a package folder or a packed zip) on `host:port` until the process ends.
/// Prints the URL once listening.
pub fn preview(path: &Path, host: &str, port: u16, player: PlayerFiles) -> io::Result<()> {
    let meta = fs::metadata(path)?;
    let real = path.canonicalize()?;
    let source = if meta.is_dir() {
        Source::Dir(real)
    } else {
        Source::Zip(real)
    };
    let preview = Preview {
        source,
        player,
        last: Mutex::new(None),
    };
    let shown = path.display().to_string();
    listen(
        host,
        port,
        |addr| {
            println!(
                "pacer preview: {shown} at http://{addr}/ (the page reloads when a file changes; Ctrl-C stops)"
            )
        },
        move |request| {
            let _ = handle(&preview, request);
        },
    )
}

fn handle(preview: &Preview, request: Request) -> io::Result<()> {
    if !matches!(request.method(), Method::Get | Method::Head) {
        return request.respond(reply(
            405,
            "text/plain; charset=utf-8",
            b"method not allowed".to_vec(),
        ));
    }
    let url_path = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_owned();
    let (kind, body): (&str, Option<Vec<u8>>) = match url_path.as_str() {
        "/" | "/index.html" => ("text/html; charset=utf-8", Some(PAGE.into())),
        "/__pacer/preview.js" => ("text/javascript; charset=utf-8", Some(SCRIPT.into())),
        "/__pacer/preview.css" => ("text/css; charset=utf-8", Some(STYLE.into())),
        "/__pacer/status" => (
            "application/json; charset=utf-8",
            Some(preview.status().into()),
        ),
        "/play/config.json" => (
            "application/json; charset=utf-8",
            Some(preview.config().into()),
        ),
        "/course.zip" => match &preview.source {
            Source::Zip(zip) => ("application/zip", fs::read(zip).ok()),
            Source::Dir(_) => ("", None),
        },
        path => {
            if let Some(rest) = path.strip_prefix("/play/") {
                (
                    mime_type(Path::new(rest_or_index(rest))),
                    preview.player.get(rest),
                )
            } else if let (Some(rest), Source::Dir(dir)) =
                (path.strip_prefix("/course/"), &preview.source)
            {
                let file = resolve(dir, rest);
                let kind = file.as_deref().map_or("", mime_type);
                (kind, file.and_then(|f| fs::read(f).ok()))
            } else if path == "/play" {
                return request.respond(
                    reply(308, "text/plain; charset=utf-8", Vec::new())
                        .with_header(header("Location", "/play/")),
                );
            } else {
                ("", None)
            }
        }
    };
    match body {
        Some(body) => request.respond(reply(200, kind, body)),
        None => request.respond(reply(
            404,
            "text/plain; charset=utf-8",
            b"not found".to_vec(),
        )),
    }
}

fn rest_or_index(rest: &str) -> &str {
    if rest.is_empty() {
        "index.html"
    } else {
        rest
    }
}

impl Preview {
    /// The player's config: the package, a database of its own, no LRS, every activity open.
    fn config(&self) -> String {
        let package_url = match self.source {
            Source::Dir(_) => "../course/pkg.json",
            Source::Zip(_) => "../course.zip",
        };
        let unlock: Vec<String> = self
            .manifest()
            .map(|m| m.activities.iter().map(|a| a.id.clone()).collect())
            .unwrap_or_default();
        serde_json::json!({
            "packageUrl": package_url,
            "dbName": PREVIEW_DB,
            "overrides": { "unlock": unlock },
        })
        .to_string()
    }

    /// The manifest, if it parses (the overview lists activities even when an activity file is broken).
    fn manifest(&self) -> Option<Manifest> {
        let text = match &self.source {
            Source::Dir(dir) => fs::read_to_string(dir.join(MANIFEST_FILE)).ok()?,
            Source::Zip(zip) => {
                let files = super::files::open(zip).ok()?;
                String::from_utf8(files.read(MANIFEST_FILE).ok()?).ok()?
            }
        };
        parse_manifest(MANIFEST_FILE, &text).ok()
    }

    /// The status document; made again only when the package's files changed.
    fn status(&self) -> String {
        let fingerprint = match &self.source {
            Source::Dir(dir) | Source::Zip(dir) => fingerprint(dir),
        };
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((seen, doc)) = last.as_ref() {
            if *seen == fingerprint {
                return doc.clone();
            }
        }
        let doc = self.make_status(fingerprint);
        *last = Some((fingerprint, doc.clone()));
        doc
    }

    fn make_status(&self, version: u64) -> String {
        let path = match &self.source {
            Source::Dir(p) | Source::Zip(p) => p,
        };
        let (errors, warnings) = match validate_path(path) {
            Ok((_, report)) => (report.errors, report.warnings),
            Err(e) => (
                vec![PackageError::Missing {
                    file: path.display().to_string(),
                    reason: e,
                }],
                Vec::new(),
            ),
        };
        let manifest = self.manifest();
        let activities = manifest.as_ref().map(overview).unwrap_or_default();
        let status = StatusDoc {
            version: version.to_string(),
            title: manifest
                .as_ref()
                .map(|m| m.title.get(&m.language, &m.language).to_owned())
                .unwrap_or_default(),
            valid: errors.is_empty(),
            errors: errors.iter().map(Finding::of).collect(),
            warnings: warnings.iter().map(Finding::of).collect(),
            activities,
        };
        serde_json::to_string(&status).unwrap_or_default()
    }
}

#[derive(Serialize)]
struct StatusDoc {
    /// Changes whenever a file of the package does (a string: a u64 does not fit a JS number).
    version: String,
    title: String,
    valid: bool,
    errors: Vec<Finding>,
    warnings: Vec<Finding>,
    activities: Vec<OverviewEntry>,
}

/// One finding: its location record, and the line `pacer validate` prints for it.
#[derive(Serialize)]
struct Finding {
    #[serde(flatten)]
    located: LocatedOwned,
    text: String,
}

#[derive(Serialize)]
struct LocatedOwned {
    file: String,
    line: usize,
    column: usize,
    path: String,
    message: String,
}

impl Finding {
    fn of(e: &PackageError) -> Finding {
        let Located {
            file,
            line,
            column,
            path,
            message,
        } = e.located();
        Finding {
            located: LocatedOwned {
                file: file.to_owned(),
                line,
                column,
                path: path.to_owned(),
                message: message.to_owned(),
            },
            text: e.to_string(),
        }
    }
}

/// One activity of the overview, with whether a new learner would find it locked, and why.
#[derive(Serialize, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
struct OverviewEntry {
    id: String,
    title: String,
    kind: crate::package::ActivityKind,
    file: String,
    locked: Option<String>,
}

/// Every activity in the manifest's order; locked as the plan says for a learner with no answers yet.
fn overview(m: &Manifest) -> Vec<OverviewEntry> {
    let (completed, overrides) = (BTreeSet::new(), Overrides::default());
    let plan = plan(&PlanInput {
        manifest: m,
        attempts: &[] as &[crate::session::Attempt],
        completed: &completed,
        overrides: &overrides,
        now: 0,
    });
    m.activities
        .iter()
        .map(|a| OverviewEntry {
            id: a.id.clone(),
            title: a.title.get(&m.language, &m.language).to_owned(),
            kind: a.kind,
            file: a.file.clone(),
            locked: match plan.status.get(&a.id) {
                Some(Status::Locked(lock)) => Some(crate::present::lock(m, &m.language, lock)),
                _ => None,
            },
        })
        .collect()
}

/// A number that changes when a file under `path` is added, removed, resized or rewritten.
fn fingerprint(path: &Path) -> u64 {
    let mut hasher = DefaultHasher::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(p) = stack.pop() {
        let Ok(meta) = fs::metadata(&p) else {
            continue;
        };
        p.hash(&mut hasher);
        meta.len().hash(&mut hasher);
        if let Ok(modified) = meta.modified() {
            modified.hash(&mut hasher);
        }
        if meta.is_dir() {
            let mut children: Vec<PathBuf> = fs::read_dir(&p)
                .map(|d| d.flatten().map(|e| e.path()).collect())
                .unwrap_or_default();
            // Editors' swap and backup files come and go while typing: they are not the package.
            children.retain(|c| {
                c.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| !n.starts_with('.') && !n.ends_with('~'))
            });
            children.sort();
            stack.extend(children);
        }
    }
    hasher.finish()
}

fn header(name: &'static str, value: &'static str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("header constants are ASCII")
}

fn reply(status: u16, kind: &str, body: Vec<u8>) -> Response<io::Cursor<Vec<u8>>> {
    let mut response = Response::from_data(body)
        .with_status_code(StatusCode(status))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        // An author's edit must show at the next load: nothing here is cached.
        .with_header(header("Cache-Control", "no-store"));
    if let Ok(h) = Header::from_bytes(&b"Content-Type"[..], kind.as_bytes()) {
        if !kind.is_empty() {
            response = response.with_header(h);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scaffolded(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("pacer-preview-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        super::super::new::scaffold(&dir).unwrap();
        dir
    }

    fn preview_of(dir: &Path) -> Preview {
        Preview {
            source: Source::Dir(dir.canonicalize().unwrap()),
            player: PlayerFiles::Embedded(&[]),
            last: Mutex::new(None),
        }
    }

    #[test]
    fn the_status_changes_when_a_file_does_and_names_the_error() {
        let dir = scaffolded("status");
        let preview = preview_of(&dir);
        let first: serde_json::Value = serde_json::from_str(&preview.status()).unwrap();
        assert_eq!(first["valid"], true);
        assert_eq!(first["activities"][0]["id"], "intro");
        let again: serde_json::Value = serde_json::from_str(&preview.status()).unwrap();
        assert_eq!(first["version"], again["version"]);

        let file = dir.join("content/practice.json");
        let text = fs::read_to_string(&file).unwrap();
        fs::write(&file, text.replace("\"numeric\"", "\"numerik\"")).unwrap();
        let broken: serde_json::Value = serde_json::from_str(&preview.status()).unwrap();
        assert_ne!(first["version"], broken["version"]);
        assert_eq!(broken["valid"], false);
        let error = &broken["errors"][0];
        assert_eq!(error["file"], "content/practice.json");
        assert!(error["line"].as_u64().unwrap() > 1);
        assert!(
            error["text"].as_str().unwrap().starts_with(&format!(
                "content/practice.json:{}:{}:",
                error["line"], error["column"]
            )),
            "{error}"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_config_keeps_preview_answers_apart_and_opens_every_activity() {
        let dir = scaffolded("config");
        let config: serde_json::Value = serde_json::from_str(&preview_of(&dir).config()).unwrap();
        assert_eq!(config["dbName"], PREVIEW_DB);
        assert_ne!(PREVIEW_DB, crate::store::DB_NAME);
        assert!(config.get("lrs").is_none());
        assert_eq!(
            config["overrides"]["unlock"],
            serde_json::json!(["intro", "practice"])
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
