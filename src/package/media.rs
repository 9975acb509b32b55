//! What a media file is, from its bytes: images by their magic number, audio by its container signature,
//! and SVG parsed as XML and refused when it can act as a document (script, event attributes,
//! `foreignObject`) or reaches outside the file (any reference that is not `#fragment`).
//!
//! Pure functions of a path and bytes, shared by the validator (`validate.rs`), `pacer serve` (which sends
//! `Content-Type` from what a file is) and the authoring tools. It deliberately decodes nothing: a PNG with
//! a valid signature and a broken body is a PNG here (the browser shows a broken image, which is harmless);
//! what matters is that a file is the kind its name says and cannot run.

use thiserror::Error;

/// A kind of media file a package may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Png,
    Jpeg,
    Gif,
    Webp,
    Svg,
    Mp3,
    Ogg,
    Wav,
    M4a,
    Webm,
}

/// Every kind, for listing and tests.
pub const KINDS: [Kind; 10] = [
    Kind::Png,
    Kind::Jpeg,
    Kind::Gif,
    Kind::Webp,
    Kind::Svg,
    Kind::Mp3,
    Kind::Ogg,
    Kind::Wav,
    Kind::M4a,
    Kind::Webm,
];

impl Kind {
    /// The `Content-Type` to serve it with.
    pub fn content_type(self) -> &'static str {
        match self {
            Kind::Png => "image/png",
            Kind::Jpeg => "image/jpeg",
            Kind::Gif => "image/gif",
            Kind::Webp => "image/webp",
            Kind::Svg => "image/svg+xml",
            Kind::Mp3 => "audio/mpeg",
            Kind::Ogg => "audio/ogg",
            Kind::Wav => "audio/wav",
            Kind::M4a => "audio/mp4",
            Kind::Webm => "audio/webm",
        }
    }

    /// A short name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Png => "a PNG image",
            Kind::Jpeg => "a JPEG image",
            Kind::Gif => "a GIF image",
            Kind::Webp => "a WebP image",
            Kind::Svg => "an SVG image",
            Kind::Mp3 => "MP3 audio",
            Kind::Ogg => "Ogg audio",
            Kind::Wav => "WAV audio",
            Kind::M4a => "MP4 (m4a) audio",
            Kind::Webm => "WebM audio",
        }
    }

    pub fn is_image(self) -> bool {
        matches!(
            self,
            Kind::Png | Kind::Jpeg | Kind::Gif | Kind::Webp | Kind::Svg
        )
    }

    /// The kind a file name's extension promises (case-insensitive), if it is a media extension.
    pub fn from_path(path: &str) -> Option<Kind> {
        let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match ext.as_str() {
            "png" => Kind::Png,
            "jpg" | "jpeg" => Kind::Jpeg,
            "gif" => Kind::Gif,
            "webp" => Kind::Webp,
            "svg" => Kind::Svg,
            "mp3" => Kind::Mp3,
            "ogg" | "opus" | "oga" => Kind::Ogg,
            "wav" => Kind::Wav,
            "m4a" => Kind::M4a,
            "webm" => Kind::Webm,
            _ => return None,
        })
    }
}

/// Why a media file is refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MediaError {
    #[error("`.{ext}` is not a media type a package may carry")]
    UnknownExtension { ext: String },
    #[error("is named as {expected} but its bytes are {}", found_name(*.found))]
    Mislabelled {
        expected: &'static str,
        found: Option<Kind>,
    },
    #[error("is not a well-formed SVG document: {0}")]
    SvgSyntax(String),
    #[error("is an SVG that holds {0}; SVG images may not script, handle events, embed HTML or refer outside the file")]
    SvgActive(String),
}

fn found_name(found: Option<Kind>) -> &'static str {
    found.map_or("not any supported media type", Kind::name)
}

/// Whether `s` starts with `on` in any case (an event handler's name).
fn is_handler(s: &str) -> bool {
    s.len() > 2 && s.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("on"))
}

/// The kind of `bytes` by signature, if it has one this module knows. SVG is text: it is recognised by
/// an `<svg` root after an optional XML declaration, comments and doctype (then [`check_svg`] decides).
pub fn sniff(bytes: &[u8]) -> Option<Kind> {
    let at = |offset: usize, sig: &[u8]| bytes.get(offset..offset + sig.len()) == Some(sig);
    if at(0, b"\x89PNG\r\n\x1a\n") {
        Some(Kind::Png)
    } else if at(0, &[0xFF, 0xD8, 0xFF]) {
        Some(Kind::Jpeg)
    } else if at(0, b"GIF87a") || at(0, b"GIF89a") {
        Some(Kind::Gif)
    } else if at(0, b"RIFF") && at(8, b"WEBP") {
        Some(Kind::Webp)
    } else if at(0, b"RIFF") && at(8, b"WAVE") {
        Some(Kind::Wav)
    } else if at(0, b"OggS") {
        Some(Kind::Ogg)
    } else if at(0, b"ID3") || is_mpeg_frame(bytes) {
        Some(Kind::Mp3)
    } else if at(4, b"ftyp") {
        Some(Kind::M4a)
    } else if at(0, &[0x1A, 0x45, 0xDF, 0xA3]) {
        Some(Kind::Webm)
    } else if looks_like_svg(bytes) {
        Some(Kind::Svg)
    } else {
        None
    }
}

/// An MPEG audio frame header: 11 sync bits, a valid version and layer.
fn is_mpeg_frame(bytes: &[u8]) -> bool {
    match bytes {
        [0xFF, b, ..] => b & 0xE0 == 0xE0 && (b >> 3) & 0b11 != 0b01 && (b >> 1) & 0b11 != 0,
        _ => false,
    }
}

/// Text whose first element is `<svg` (after a BOM, whitespace, `<?xml …?>`, comments and a doctype).
fn looks_like_svg(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes.get(..bytes.len().min(4096)).unwrap_or(bytes))
        .or_else(|e| std::str::from_utf8(&bytes[..e.valid_up_to()]))
    else {
        return false;
    };
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("<?") {
            match r.find("?>") {
                Some(end) => rest = &r[end + 2..],
                None => return false,
            }
        } else if let Some(r) = rest.strip_prefix("<!--") {
            match r.find("-->") {
                Some(end) => rest = &r[end + 3..],
                None => return false,
            }
        } else if let Some(r) = rest.strip_prefix("<!") {
            match r.find('>') {
                Some(end) => rest = &r[end + 1..],
                None => return false,
            }
        } else {
            return rest.starts_with("<svg")
                && rest[4..].starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/');
        }
    }
}

/// Checks that the file at `path` is what its extension says, and for SVG that it is inert. Returns its
/// kind.
pub fn identify(path: &str, bytes: &[u8]) -> Result<Kind, MediaError> {
    let expected = Kind::from_path(path).ok_or_else(|| MediaError::UnknownExtension {
        ext: path
            .rsplit_once('.')
            .map_or(String::new(), |(_, e)| e.to_owned()),
    })?;
    let found = sniff(bytes);
    // WebM holds audio or video; Ogg holds Vorbis or Opus: the container is what is checked.
    if found != Some(expected) {
        return Err(MediaError::Mislabelled {
            expected: expected.name(),
            found,
        });
    }
    if expected == Kind::Svg {
        check_svg(bytes)?;
    }
    Ok(expected)
}

/// An image's size in its own pixels, width then height: a raster image's from its header (`imagesize`
/// reads PNG, JPEG, GIF and WebP headers without decoding), an SVG's from its root element (`width` and
/// `height` in pixels or without a unit, one of them with the `viewBox`'s proportions, else the
/// `viewBox`'s size). None when the file does not say (an SVG sized in percent, or with no size at all),
/// or for audio. A JPEG's EXIF rotation is not applied.
pub fn pixel_size(kind: Kind, bytes: &[u8]) -> Option<(f64, f64)> {
    match kind {
        Kind::Png | Kind::Jpeg | Kind::Gif | Kind::Webp => {
            let size = imagesize::blob_size(bytes).ok()?;
            Some((size.width as f64, size.height as f64))
        }
        Kind::Svg => svg_size(bytes),
        _ => None,
    }
}

/// An SVG's size from its root element (see [`pixel_size`]).
fn svg_size(bytes: &[u8]) -> Option<(f64, f64)> {
    let text = std::str::from_utf8(bytes)
        .ok()?
        .trim_start_matches('\u{feff}');
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options).ok()?;
    let root = doc.root_element();
    // A length in pixels: a number alone or with `px` (a percentage or another unit says nothing here).
    let length = |name: &str| -> Option<f64> {
        let v = root.attribute(name)?.trim();
        let v = v.strip_suffix("px").unwrap_or(v).trim();
        v.parse::<f64>().ok().filter(|v| v.is_finite() && *v > 0.0)
    };
    let view_box = root.attribute("viewBox").and_then(|v| {
        let n: Vec<f64> = (v.split(|c: char| c.is_whitespace() || c == ','))
            .filter(|s| !s.is_empty())
            .map(str::parse)
            .collect::<Result<_, _>>()
            .ok()?;
        match n.as_slice() {
            [_, _, w, h] if *w > 0.0 && *h > 0.0 => Some((*w, *h)),
            _ => None,
        }
    });
    match (length("width"), length("height"), view_box) {
        (Some(w), Some(h), _) => Some((w, h)),
        (Some(w), None, Some((vw, vh))) => Some((w, w * vh / vw)),
        (None, Some(h), Some((vw, vh))) => Some((h * vw / vh, h)),
        (None, None, view_box) => view_box,
        _ => None,
    }
}

/// Elements that make an SVG a document that acts, not an image.
const ACTIVE_ELEMENTS: &[&str] = &[
    "script",
    "foreignObject",
    "iframe",
    "embed",
    "object",
    "handler",
    "listener",
];

/// Parses `bytes` as SVG and refuses script, event attributes, `foreignObject` (and other embedding
/// elements), animation of links or handlers, and any reference outside the file: `href`/`xlink:href`
/// other than `#fragment`, `url(…)` other than `url(#…)` in styles and presentation attributes,
/// `@import`, and `xml-stylesheet` instructions.
pub fn check_svg(bytes: &[u8]) -> Result<(), MediaError> {
    let text = std::str::from_utf8(bytes).map_err(|e| MediaError::SvgSyntax(e.to_string()))?;
    let text = text.trim_start_matches('\u{feff}');
    // Entities have no use in an image and can blow up when expanded (a billion laughs): refused unparsed.
    if text.contains("<!ENTITY") {
        return Err(MediaError::SvgSyntax(
            "it declares XML entities, which an image has no use for".into(),
        ));
    }
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options)
        .map_err(|e| MediaError::SvgSyntax(e.to_string()))?;
    let root = doc.root_element();
    if root.tag_name().name() != "svg" {
        return Err(MediaError::SvgSyntax(format!(
            "its root element is <{}>, not <svg>",
            root.tag_name().name()
        )));
    }
    let active = |what: String| Err(MediaError::SvgActive(what));
    for node in doc.descendants() {
        if node.is_pi() {
            if let Some(pi) = node.pi() {
                if pi.target.eq_ignore_ascii_case("xml-stylesheet") {
                    return active(
                        "an xml-stylesheet instruction (a stylesheet from outside)".into(),
                    );
                }
            }
            continue;
        }
        if node.is_text() {
            // The text of a <style> element.
            let in_style = node
                .parent_element()
                .is_some_and(|p| p.tag_name().name().eq_ignore_ascii_case("style"));
            if in_style {
                if let Some(reason) = outside_in_css(node.text().unwrap_or("")) {
                    return active(format!("a <style> with {reason}"));
                }
            }
            continue;
        }
        if !node.is_element() {
            continue;
        }
        let name = node.tag_name().name();
        if ACTIVE_ELEMENTS.iter().any(|a| a.eq_ignore_ascii_case(name)) {
            return active(format!("a <{name}> element"));
        }
        for attr in node.attributes() {
            let key = attr.name();
            let value = attr.value();
            if is_handler(key) {
                return active(format!("an event attribute `{key}` on <{name}>"));
            }
            if key.eq_ignore_ascii_case("href") && !value.trim_start().starts_with('#') {
                return active(format!(
                    "a reference outside the file (`{key}=\"{value}\"` on <{name}>)"
                ));
            }
            if let Some(reason) = outside_in_css(value) {
                return active(format!("{reason} in `{key}` on <{name}>"));
            }
            let animates = matches!(
                name,
                "set" | "animate" | "animateTransform" | "animateMotion"
            );
            if animates && key == "attributeName" {
                let target = value.trim();
                let target = target.rsplit(':').next().unwrap_or(target);
                if target.eq_ignore_ascii_case("href") || is_handler(target) {
                    return active(format!("an animation of `{value}` on <{name}>"));
                }
            }
        }
    }
    Ok(())
}

/// A reference outside the file in CSS text: `url(…)` not to `#…`, or `@import`.
fn outside_in_css(css: &str) -> Option<String> {
    let lower = css.to_ascii_lowercase();
    if lower.contains("@import") {
        return Some("an @import".into());
    }
    let mut rest = lower.as_str();
    while let Some(at) = rest.find("url(") {
        let inner = rest[at + 4..].trim_start_matches([' ', '\t', '\n', '\r', '"', '\'']);
        if !inner.starts_with('#') {
            let shown: String = inner.chars().take_while(|c| *c != ')').take(60).collect();
            return Some(format!("a reference outside the file (`url({shown})`)"));
        }
        rest = &rest[at + 4..];
    }
    None
}

#[cfg(test)]
mod tests;
