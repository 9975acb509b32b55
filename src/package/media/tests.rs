use super::*;

const SVG: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>"#;

fn refused(svg: &str) -> String {
    match check_svg(svg.as_bytes()) {
        Err(MediaError::SvgActive(what)) => what,
        other => panic!("expected an active SVG to be refused, got {other:?} for {svg}"),
    }
}

#[test]
fn images_and_audio_are_known_by_their_signatures() {
    let cases: [(&[u8], Kind); 10] = [
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", Kind::Png),
        (&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], Kind::Jpeg),
        (b"GIF89a\x01\0\x01\0", Kind::Gif),
        (b"RIFF\x24\0\0\0WEBPVP8 ", Kind::Webp),
        (b"RIFF\x24\0\0\0WAVEfmt ", Kind::Wav),
        (b"OggS\0\x02", Kind::Ogg),
        (b"ID3\x04\0\0", Kind::Mp3),
        (&[0xFF, 0xFB, 0x90, 0x64], Kind::Mp3),
        (b"\0\0\0\x20ftypM4A ", Kind::M4a),
        (&[0x1A, 0x45, 0xDF, 0xA3, 0x9F], Kind::Webm),
    ];
    for (bytes, kind) in cases {
        assert_eq!(sniff(bytes), Some(kind), "{kind:?}");
    }
    assert_eq!(sniff(SVG.as_bytes()), Some(Kind::Svg));
    let with_prolog =
        format!("\u{feff}<?xml version=\"1.0\"?>\n<!-- made by hand -->\n<!DOCTYPE svg>\n{SVG}");
    assert_eq!(sniff(with_prolog.as_bytes()), Some(Kind::Svg));
    assert_eq!(sniff(b"This is a text file."), None);
    assert_eq!(sniff(b"<html><svg></svg></html>"), None);
    assert_eq!(sniff(b""), None);
    assert_eq!(sniff(&[0xFF]), None);
    // Every kind has a content type of its family.
    for kind in KINDS {
        let family = if kind.is_image() { "image/" } else { "audio/" };
        assert!(kind.content_type().starts_with(family), "{kind:?}");
    }
}

#[test]
fn a_file_must_be_what_its_name_says() {
    assert_eq!(identify("a/b.PNG", b"\x89PNG\r\n\x1a\nrest"), Ok(Kind::Png));
    assert_eq!(identify("x.svg", SVG.as_bytes()), Ok(Kind::Svg));
    assert_eq!(
        identify("half.png", b"This is a text file named like a picture.\n"),
        Err(MediaError::Mislabelled {
            expected: "a PNG image",
            found: None
        })
    );
    let jpeg_as_png = identify("half.png", &[0xFF, 0xD8, 0xFF, 0xE0]).unwrap_err();
    assert_eq!(
        jpeg_as_png.to_string(),
        "is named as a PNG image but its bytes are a JPEG image"
    );
    assert!(matches!(
        identify("voice.mp3", SVG.as_bytes()),
        Err(MediaError::Mislabelled { .. })
    ));
    assert!(matches!(
        identify("page.html", b"<p>"),
        Err(MediaError::UnknownExtension { .. })
    ));
}

#[test]
fn an_inert_svg_passes_with_its_own_fragments_and_styles() {
    let ok = r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
      <defs><linearGradient id="g"><stop offset="0"/></linearGradient><circle id="c" r="2"/></defs>
      <style>circle { fill: url(#g); stroke: black }</style>
      <use xlink:href="#c"/><use href="#c"/><rect fill="url('#g')" width="3" height="3"/>
      <text>one <tspan>half</tspan></text><animate attributeName="r" to="3"/>
    </svg>"##;
    assert_eq!(check_svg(ok.as_bytes()), Ok(()));
}

#[test]
fn script_events_embedding_and_outside_references_are_refused() {
    let wrap = |inner: &str| {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{inner}</svg>"#
        )
    };
    assert!(refused(&wrap("<script>alert(1)</script>")).contains("<script>"));
    assert!(
        refused(&wrap(r#"<s:script xmlns:s="http://www.w3.org/2000/svg"/>"#)).contains("script")
    );
    assert!(refused(&wrap(r#"<circle onclick="alert(1)"/>"#)).contains("onclick"));
    assert!(refused(&wrap(r#"<circle ONLOAD="alert(1)"/>"#)).contains("ONLOAD"));
    assert!(refused(&wrap(
        "<foreignObject><p xmlns=\"http://www.w3.org/1999/xhtml\">x</p></foreignObject>"
    ))
    .contains("foreignObject"));
    assert!(refused(&wrap(r#"<image href="https://tracker.example/p.png"/>"#)).contains("outside"));
    assert!(refused(&wrap(
        r#"<image xlink:href="data:image/svg+xml;base64,PHN2Zz4="/>"#
    ))
    .contains("outside"));
    assert!(refused(&wrap(
        r#"<a xlink:href="javascript:alert(1)"><text>x</text></a>"#
    ))
    .contains("outside"));
    assert!(refused(&wrap(r#"<use href="other.svg#c"/>"#)).contains("outside"));
    assert!(refused(&wrap(r#"<rect style="fill: url(https://x.example/a)"/>"#)).contains("url("));
    assert!(refused(&wrap(r#"<rect filter="url( 'https://x.example/f#a' )"/>"#)).contains("url("));
    assert!(
        refused(&wrap("<style>@import 'https://x.example/a.css';</style>")).contains("@import")
    );
    assert!(refused(&wrap(
        "<style>rect { fill: url(https://x.example/a) }</style>"
    ))
    .contains("<style>"));
    assert!(refused(&wrap(
        r##"<a href="#a"><set attributeName="href" to="javascript:alert(1)"/></a>"##
    ))
    .contains("animation"));
    assert!(
        refused(&wrap(r#"<animate attributeName="onbegin" to="alert(1)"/>"#)).contains("animation")
    );
    let pi = format!(
        "<?xml-stylesheet href=\"https://x.example/a.css\"?>{}",
        wrap("")
    );
    assert!(refused(&pi).contains("xml-stylesheet"));
}

#[test]
fn broken_or_foreign_xml_is_not_an_svg() {
    assert!(matches!(
        check_svg(b"<svg><circle></svg>"),
        Err(MediaError::SvgSyntax(_))
    ));
    assert!(matches!(
        check_svg(b"<html xmlns=\"http://www.w3.org/1999/xhtml\"/>"),
        Err(MediaError::SvgSyntax(_))
    ));
    assert!(matches!(
        check_svg(&[0xFF, 0xFE]),
        Err(MediaError::SvgSyntax(_))
    ));
    // A billion laughs is refused before it is expanded.
    let bomb = r#"<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]><svg xmlns="http://www.w3.org/2000/svg"><text>&h;</text></svg>"#;
    assert!(
        matches!(check_svg(bomb.as_bytes()), Err(MediaError::SvgSyntax(e)) if e.contains("entities"))
    );
}

/// The first bytes of a PNG of `w` by `h`: the signature and the IHDR chunk that says its size.
fn png_header(w: u32, h: u32) -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    b.extend(w.to_be_bytes());
    b.extend(h.to_be_bytes());
    b.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
    b
}

#[test]
fn raster_images_say_their_size_in_their_headers() {
    assert_eq!(
        pixel_size(Kind::Png, &png_header(400, 200)),
        Some((400.0, 200.0))
    );
    let mut gif = b"GIF89a".to_vec();
    gif.extend(300u16.to_le_bytes());
    gif.extend(150u16.to_le_bytes());
    gif.extend([0, 0, 0]);
    assert_eq!(pixel_size(Kind::Gif, &gif), Some((300.0, 150.0)));
    // A baseline JPEG: start of image, then a start-of-frame segment (height before width).
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08];
    jpeg.extend(120u16.to_be_bytes());
    jpeg.extend(640u16.to_be_bytes());
    jpeg.extend([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9]);
    assert_eq!(pixel_size(Kind::Jpeg, &jpeg), Some((640.0, 120.0)));
    // An extended WebP (VP8X): width and height less one, 24 bits each.
    let mut webp = b"RIFF\x16\0\0\0WEBPVP8X\x0a\0\0\0\0\0\0\0".to_vec();
    webp.extend(&799u32.to_le_bytes()[..3]);
    webp.extend(&599u32.to_le_bytes()[..3]);
    assert_eq!(pixel_size(Kind::Webp, &webp), Some((800.0, 600.0)));
    assert_eq!(
        pixel_size(Kind::Png, b"\x89PNG\r\n\x1a\n"),
        None,
        "cut short"
    );
    assert_eq!(pixel_size(Kind::Mp3, b"ID3\x04\0\0"), None);
}

#[test]
fn an_svg_says_its_size_by_its_root_element() {
    let size = |attrs: &str| {
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" {attrs}><rect width="1" height="1"/></svg>"#
        );
        pixel_size(Kind::Svg, svg.as_bytes())
    };
    assert_eq!(
        size(r#"viewBox="0 0 400 200" width="400" height="200""#),
        Some((400.0, 200.0))
    );
    assert_eq!(
        size(r#"width="40px" height="20px" viewBox="0 0 4 2""#),
        Some((40.0, 20.0))
    );
    assert_eq!(size(r#"viewBox="0,0,300,100""#), Some((300.0, 100.0)));
    assert_eq!(
        size(r#"width="600" viewBox="0 0 300 100""#),
        Some((600.0, 200.0))
    );
    assert_eq!(
        size(r#"height="50" viewBox="0 0 300 100""#),
        Some((150.0, 50.0))
    );
    assert_eq!(
        size(r#"width="100%" height="100%" viewBox="0 0 300 100""#),
        Some((300.0, 100.0))
    );
    assert_eq!(size(r#"width="100%" height="100%""#), None);
    assert_eq!(size(r#"width="10cm" height="5cm""#), None);
    assert_eq!(size(""), None);
}
