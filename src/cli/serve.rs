//! `pacer serve DIR`: a small static file server for previews, `make run` and the end-to-end tests.
//!
//! It serves files under one root with the right MIME types (`application/wasm` matters: browsers only
//! stream-compile wasm served as such), never lets the service worker script be cached, and refuses paths
//! that leave the root. Media get their `Content-Type` from their bytes (`package::media`), never from a
//! name that lies, every response says `nosniff`, and SVG is served under a CSP that lets nothing in it run
//! or load, should someone open it as a document. It is a development server: loopback by default, GET
//! and HEAD only.

use super::encoding::{accepts_gzip, not_modified, Cache};
use crate::package::media::{sniff, Kind};
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread;
use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

/// How many requests are served at once.
const WORKERS: usize = 4;

/// Serves `root` on `host:port` until the process ends. Prints the URL once listening.
pub fn serve(root: &Path, host: &str, port: u16) -> io::Result<()> {
    let root = root.canonicalize()?;
    let shown = root.display().to_string();
    let cache = Cache::default();
    listen(
        host,
        port,
        |addr| println!("pacer serve: {shown} at http://{addr}/"),
        move |request| {
            // A client that hangs up mid-response is not our error to report.
            let _ = handle(&root, &cache, request);
        },
    )
}

/// Listens on `host:port`, calls `listening` with the real address (with port 0 the OS picks one; the
/// tests read the printed line), and answers every request with `respond` on `WORKERS` threads until the
/// process ends. `pacer serve` and `pacer preview` share it.
pub(crate) fn listen(
    host: &str,
    port: u16,
    listening: impl FnOnce(&str),
    respond: impl Fn(Request) + Send + Sync + 'static,
) -> io::Result<()> {
    let server = Server::http((host, port)).map_err(|e| io::Error::other(e.to_string()))?;
    let server = Arc::new(server);
    let addr = server
        .server_addr()
        .to_ip()
        .map_or_else(|| format!("{host}:{port}"), |a| a.to_string());
    listening(&addr);
    let respond = Arc::new(respond);
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let server = Arc::clone(&server);
            let respond = Arc::clone(&respond);
            thread::spawn(move || {
                for request in server.incoming_requests() {
                    respond(request);
                }
            })
        })
        .collect();
    for worker in workers {
        let _ = worker.join();
    }
    Ok(())
}

fn handle(root: &Path, cache: &Cache, request: Request) -> io::Result<()> {
    if !matches!(request.method(), Method::Get | Method::Head) {
        return request.respond(text(405, "method not allowed"));
    }
    let url_path = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_owned();
    let Some(path) = resolve(root, &url_path) else {
        return request.respond(text(404, "not found"));
    };
    match fs::read(&path) {
        Ok(body) => {
            // tiny_http leaves the body out of HEAD responses itself.
            let kind = content_type(&path, &body);
            let encoded = cache.encoded(&path, &body, kind);
            let asked = |name: &'static str| {
                request
                    .headers()
                    .iter()
                    .find(|h| h.field.equiv(name))
                    .map(|h| h.value.as_str().to_owned())
            };
            let fresh = asked("If-None-Match").is_some_and(|t| not_modified(&t, &encoded.etag));
            let gzip = encoded
                .gzip
                .as_ref()
                .filter(|_| asked("Accept-Encoding").is_some_and(|a| accepts_gzip(&a)));
            let (status, data) = match (fresh, gzip) {
                (true, _) => (304, Vec::new()),
                (false, Some(gz)) => (200, gz.as_ref().clone()),
                (false, None) => (200, body),
            };
            let mut response = Response::from_data(data)
                .with_status_code(StatusCode(status))
                .with_header(header("Content-Type", kind))
                .with_header(header("X-Content-Type-Options", "nosniff"))
                // A public, credential-free player: any host page may embed it (module scripts and wasm
                // are fetched in CORS mode).
                .with_header(header("Access-Control-Allow-Origin", "*"))
                .with_header(header("Cache-Control", cache_control(&path)))
                .with_header(owned_header("ETag", &encoded.etag));
            if encoded.gzip.is_some() {
                response = response.with_header(header("Vary", "Accept-Encoding"));
            }
            if gzip.is_some() && !fresh {
                response = response.with_header(header("Content-Encoding", "gzip"));
            }
            if kind == Kind::Svg.content_type() {
                response = response.with_header(header("Content-Security-Policy", SVG_CSP));
            }
            request.respond(response)
        }
        Err(_) => request.respond(text(404, "not found")),
    }
}

/// Maps a URL path to a file under `root`; `None` for anything outside it or missing.
pub fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let mut path = root.to_path_buf();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => path.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if path.is_dir() {
        path.push("index.html");
    }
    let real = path.canonicalize().ok()?;
    (real.starts_with(root) && real.is_file()).then_some(real)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let decoded = String::from_utf8(out).ok()?;
    (!decoded.contains('\0')).then_some(decoded)
}

/// The policy of every SVG response: no script, no request of any kind, inline styles only, and a sandbox
/// (an SVG opened as a document is a unique origin that can reach nothing of the player's).
pub const SVG_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/// The Content-Type of a file: for a media file, from what its bytes are (a text file named `.png` is
/// `application/octet-stream`, which a browser told `nosniff` will not render); otherwise by extension.
pub fn content_type(path: &Path, body: &[u8]) -> &'static str {
    let name = path.to_string_lossy();
    if Kind::from_path(&name).is_none() {
        return mime_type(path);
    }
    sniff(body).map_or("application/octet-stream", Kind::content_type)
}

/// The Content-Type for a file, by extension.
pub fn mime_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "mp3" => "audio/mpeg",
        "ogg" => "audio/ogg",
        "zip" => "application/zip",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// `sw.js` must never be cached (a stale worker would pin an old player); the rest revalidates.
fn cache_control(path: &Path) -> &'static str {
    if path.file_name().is_some_and(|n| n == "sw.js") {
        "no-store"
    } else {
        "no-cache"
    }
}

fn header(name: &'static str, value: &'static str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("header constants are ASCII")
}

fn owned_header(name: &'static str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("ETags are ASCII")
}

fn text(status: u16, body: &str) -> Response<io::Cursor<Vec<u8>>> {
    Response::from_string(body)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wasm_and_scripts_get_their_mime_types() {
        assert_eq!(mime_type(Path::new("a/pacer_bg.wasm")), "application/wasm");
        assert_eq!(
            mime_type(Path::new("pacer.js")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(
            mime_type(Path::new("x.unknown")),
            "application/octet-stream"
        );
    }

    #[test]
    fn media_are_typed_by_their_bytes_not_their_names() {
        let png = b"\x89PNG\r\n\x1a\n....";
        assert_eq!(content_type(Path::new("a.png"), png), "image/png");
        assert_eq!(content_type(Path::new("a.jpg"), png), "image/png");
        assert_eq!(
            content_type(Path::new("half.png"), b"This is text."),
            "application/octet-stream"
        );
        assert_eq!(
            content_type(
                Path::new("x.svg"),
                b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
            ),
            "image/svg+xml"
        );
        assert_eq!(content_type(Path::new("a.ogg"), b"OggS\0"), "audio/ogg");
        // Not media: by extension, whatever the bytes.
        assert_eq!(
            content_type(Path::new("app.js"), png),
            "text/javascript; charset=utf-8"
        );
    }

    #[test]
    fn the_service_worker_is_never_cached() {
        assert_eq!(cache_control(Path::new("dist/sw.js")), "no-store");
        assert_eq!(cache_control(Path::new("dist/app.js")), "no-cache");
    }

    #[test]
    fn paths_cannot_leave_the_root() {
        let dir = std::env::temp_dir().join(format!("pacer-serve-test-{}", std::process::id()));
        fs::create_dir_all(dir.join("sub")).unwrap();
        fs::write(dir.join("sub/index.html"), "hi").unwrap();
        fs::write(dir.join("a b.txt"), "x").unwrap();
        let root = dir.canonicalize().unwrap();
        assert!(resolve(&root, "/sub/").unwrap().ends_with("sub/index.html"));
        assert!(resolve(&root, "/a%20b.txt").is_some());
        assert!(resolve(&root, "/../etc/passwd").is_none());
        assert!(resolve(&root, "/sub/%2e%2e/%2e%2e/etc/passwd").is_none());
        assert!(resolve(&root, "/missing").is_none());
        assert!(resolve(&root, "/%zz").is_none());
        fs::remove_dir_all(&dir).unwrap();
    }
}
