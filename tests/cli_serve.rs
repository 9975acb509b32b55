//! `pacer serve` as a user runs it: a real process on a loopback port, real HTTP requests.
#![cfg(not(target_arch = "wasm32"))]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

struct Served {
    child: Child,
    addr: String,
    _dir: PathBuf,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self._dir);
    }
}

fn serve_fixture(name: &str) -> Served {
    let dir = std::env::temp_dir().join(format!("pacer-cli-serve-{name}-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("player")).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>t</title>").unwrap();
    std::fs::write(
        dir.join("sw.js"),
        "self.addEventListener('fetch', () => {});",
    )
    .unwrap();
    std::fs::write(dir.join("player/pacer_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(
        dir.join("player/big.js"),
        "export const words = 'again';\n".repeat(400),
    )
    .unwrap();
    std::fs::write(
        dir.join("fake.png"),
        "This is a text file named like a picture.",
    )
    .unwrap();
    std::fs::write(dir.join("real.jpg"), b"\x89PNG\r\n\x1a\n\0\0").unwrap();
    std::fs::write(
        dir.join("evil.svg"),
        r#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#,
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_pacer"))
        .args(["serve", dir.to_str().unwrap(), "--port", "0"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.trim().strip_suffix('/'))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_owned();
    Served {
        child,
        addr,
        _dir: dir,
    }
}

/// Sends one raw HTTP/1.0 request and returns (status, headers lowercased, body).
fn request(addr: &str, method: &str, path: &str) -> (u16, String, Vec<u8>) {
    request_with(addr, method, path, "")
}

/// `request` with extra header lines (each ending in CRLF).
fn request_with(addr: &str, method: &str, path: &str, headers: &str) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.0\r\nHost: {addr}\r\n{headers}\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..split]).to_lowercase();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, head, raw[split + 4..].to_vec())
}

#[test]
fn serves_wasm_with_its_mime_type_and_never_caches_the_service_worker() {
    let s = serve_fixture("mime");
    let (status, head, body) = request(&s.addr, "GET", "/player/pacer_bg.wasm");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: application/wasm"), "{head}");
    assert_eq!(&body[..4], b"\0asm");
    let (status, head, _) = request(&s.addr, "GET", "/sw.js");
    assert_eq!(status, 200);
    assert!(head.contains("cache-control: no-store"), "{head}");
    assert!(head.contains("content-type: text/javascript"), "{head}");
}

#[test]
fn directories_serve_their_index_and_head_has_no_body() {
    let s = serve_fixture("index");
    let (status, head, body) = request(&s.addr, "GET", "/");
    assert_eq!(status, 200);
    assert!(head.contains("text/html"));
    assert!(String::from_utf8_lossy(&body).contains("<title>t</title>"));
    let (status, _, body) = request(&s.addr, "HEAD", "/index.html");
    assert_eq!(status, 200);
    assert!(body.is_empty());
}

#[test]
fn refuses_missing_files_escapes_and_writes() {
    let s = serve_fixture("refuse");
    assert_eq!(request(&s.addr, "GET", "/nope.js").0, 404);
    assert_eq!(request(&s.addr, "GET", "/../../etc/passwd").0, 404);
    assert_eq!(request(&s.addr, "GET", "/%2e%2e/%2e%2e/etc/passwd").0, 404);
    assert_eq!(request(&s.addr, "POST", "/index.html").0, 405);
}

#[test]
fn media_are_served_as_what_they_are_with_nosniff_and_svg_under_a_csp() {
    let s = serve_fixture("media");
    let (status, head, _) = request(&s.addr, "GET", "/fake.png");
    assert_eq!(status, 200);
    assert!(
        head.contains("content-type: application/octet-stream"),
        "{head}"
    );
    assert!(head.contains("x-content-type-options: nosniff"), "{head}");
    let (_, head, _) = request(&s.addr, "GET", "/real.jpg");
    assert!(head.contains("content-type: image/png"), "{head}");
    assert!(!head.contains("content-security-policy"), "{head}");
    let (_, head, _) = request(&s.addr, "GET", "/evil.svg");
    assert!(head.contains("content-type: image/svg+xml"), "{head}");
    assert!(head.contains("x-content-type-options: nosniff"), "{head}");
    assert!(
        head.contains(
            "content-security-policy: default-src 'none'; style-src 'unsafe-inline'; sandbox"
        ),
        "{head}"
    );
}

#[test]
fn text_goes_gzipped_when_asked_and_a_revisit_costs_a_304() {
    let s = serve_fixture("encoding");
    let plain = "export const words = 'again';\n".repeat(400);
    let (status, head, body) = request(&s.addr, "GET", "/player/big.js");
    assert_eq!(status, 200);
    assert!(!head.contains("content-encoding"), "{head}");
    assert_eq!(body, plain.as_bytes());
    let (status, head, gz) = request_with(
        &s.addr,
        "GET",
        "/player/big.js",
        "Accept-Encoding: gzip, br\r\n",
    );
    assert_eq!(status, 200);
    assert!(head.contains("content-encoding: gzip"), "{head}");
    assert!(head.contains("vary: accept-encoding"), "{head}");
    assert_eq!(&gz[..2], &[0x1f, 0x8b], "a gzip member");
    assert!(gz.len() * 10 < plain.len(), "{} bytes gzipped", gz.len());
    let etag = head
        .lines()
        .find_map(|l| l.strip_prefix("etag: "))
        .expect("an ETag")
        .trim()
        .to_owned();
    let (status, _, body) = request_with(
        &s.addr,
        "GET",
        "/player/big.js",
        &format!("If-None-Match: {etag}\r\n"),
    );
    assert_eq!(status, 304);
    assert!(body.is_empty());
    let (status, _, _) = request_with(
        &s.addr,
        "GET",
        "/player/big.js",
        "If-None-Match: \"stale\"\r\n",
    );
    assert_eq!(status, 200);
    // Pictures are compressed already: sent as they are.
    let (_, head, _) = request_with(&s.addr, "GET", "/real.jpg", "Accept-Encoding: gzip\r\n");
    assert!(!head.contains("content-encoding"), "{head}");
}
