//! What `pacer serve` sends for a file a browser asks for again or can take compressed: a strong `ETag`
//! (so a revisit with `If-None-Match` costs a 304, not the file), and gzip for text and wasm when the
//! request accepts it, compressed once per file version and kept in memory.
//!
//! Without these a development server makes every benchmark of a weak network a lie: the player's wasm
//! went over the wire at 1 MB instead of the 430 KB any production server sends, and `no-cache` with no
//! validator meant a warm visit downloaded everything again. It is not a general HTTP cache: no ranges,
//! no `Vary` negotiation beyond gzip, no Brotli (a hand-written gzip frame around the deflate the CLI
//! already has, since `flate2` would add a second deflate implementation for ten lines of framing).

use super::files::{deflate, sha256_hex};
use crate::pack::zip::crc32;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// One version of a file as served: its validator and, when worth it, its gzip form.
pub(crate) struct Encoded {
    pub etag: String,
    pub gzip: Option<Arc<Vec<u8>>>,
}

/// A file's length and modification time: while both are unchanged, so is what was made of it.
type Version = (u64, Option<SystemTime>);

/// Per-file results, reused while the file's version is unchanged.
#[derive(Default)]
pub(crate) struct Cache {
    files: Mutex<HashMap<PathBuf, (Version, Arc<Encoded>)>>,
}

impl Cache {
    /// The ETag and gzip form of `body` (read from `path`, of type `content_type`).
    pub fn encoded(&self, path: &Path, body: &[u8], content_type: &str) -> Arc<Encoded> {
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        let len = body.len() as u64;
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((version, e)) = files.get(path) {
            if *version == (len, modified) {
                return Arc::clone(e);
            }
        }
        let encoded = Arc::new(Encoded {
            etag: etag(body),
            gzip: compressible(content_type, body.len()).then(|| Arc::new(gzip(body))),
        });
        files.insert(path.to_path_buf(), ((len, modified), Arc::clone(&encoded)));
        encoded
    }
}

/// A strong validator: the first 128 bits of the body's SHA-256, quoted.
pub(crate) fn etag(body: &[u8]) -> String {
    format!("\"{}\"", &sha256_hex(body)[..32])
}

/// Whether a request's `If-None-Match` matches `etag` (a list, or `*`; weak tags compare by value, as
/// RFC 9110 says for this header).
pub(crate) fn not_modified(if_none_match: &str, etag: &str) -> bool {
    if_none_match
        .split(',')
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == "*" || t == etag)
}

/// Whether a request's `Accept-Encoding` takes gzip (not refused with `q=0`).
pub(crate) fn accepts_gzip(accept_encoding: &str) -> bool {
    accept_encoding.split(',').any(|part| {
        let mut pieces = part.split(';').map(str::trim);
        let coding = pieces.next().unwrap_or("");
        let refused = pieces.any(|p| {
            p.strip_prefix("q=")
                .and_then(|q| q.parse::<f32>().ok())
                .is_some_and(|q| q == 0.0)
        });
        (coding.eq_ignore_ascii_case("gzip") || coding == "*") && !refused
    })
}

/// Text, scripts, JSON, SVG and wasm compress; images and audio are compressed already. Tiny files are
/// not worth the frame.
fn compressible(content_type: &str, len: usize) -> bool {
    len >= 256
        && (content_type.starts_with("text/")
            || content_type.starts_with("application/json")
            || content_type.starts_with("application/manifest+json")
            || content_type == "application/wasm"
            || content_type == "image/svg+xml")
}

/// `body` as a gzip member (RFC 1952): a fixed header, raw deflate, CRC-32 and length.
fn gzip(body: &[u8]) -> Vec<u8> {
    let deflated = deflate(body);
    let mut out = Vec::with_capacity(deflated.len() + 18);
    // Magic, deflate, no flags, no time, best compression, unknown OS.
    out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255]);
    out.extend_from_slice(&deflated);
    out.extend_from_slice(&crc32(body).to_le_bytes());
    // ISIZE is the length modulo 2^32 by definition.
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_frames_inflate_back_to_the_body() {
        let body = "the same words again and again ".repeat(100);
        let framed = gzip(body.as_bytes());
        assert_eq!(&framed[..3], &[0x1f, 0x8b, 8]);
        assert!(framed.len() < body.len() / 5);
        let n = framed.len();
        let inflated = super::super::files::inflate(&framed[10..n - 8], body.len()).unwrap();
        assert_eq!(inflated, body.as_bytes());
        assert_eq!(framed[n - 8..n - 4], crc32(body.as_bytes()).to_le_bytes());
        assert_eq!(framed[n - 4..], (body.len() as u32).to_le_bytes());
    }

    #[test]
    fn gzip_is_taken_only_when_accepted() {
        assert!(accepts_gzip("gzip, deflate, br, zstd"));
        assert!(accepts_gzip("br;q=1.0, GZIP;q=0.5"));
        assert!(accepts_gzip("*"));
        assert!(!accepts_gzip("gzip;q=0, br"));
        assert!(!accepts_gzip("identity"));
        assert!(!accepts_gzip(""));
    }

    #[test]
    fn only_text_and_wasm_are_compressed() {
        assert!(compressible("application/wasm", 10_000));
        assert!(compressible("text/javascript; charset=utf-8", 10_000));
        assert!(compressible("application/json; charset=utf-8", 10_000));
        assert!(!compressible("image/png", 10_000));
        assert!(!compressible("text/css; charset=utf-8", 10));
    }

    #[test]
    fn if_none_match_compares_tags() {
        let tag = etag(b"abc");
        assert!(not_modified(&tag, &tag));
        assert!(not_modified(&format!("\"x\", W/{tag}"), &tag));
        assert!(not_modified("*", &tag));
        assert!(!not_modified("\"other\"", &tag));
        assert_ne!(etag(b"abc"), etag(b"abd"));
    }
}
