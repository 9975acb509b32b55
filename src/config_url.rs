//! The URLs of the embedding config, checked before the player uses them: `packageUrl` (an http(s) URL or
//! a path relative to the page) and the LRS's `endpoint` (an absolute http(s) URL). A `javascript:`,
//! `data:` or `blob:` URL, or a relative endpoint, is refused with an error that names the config key and
//! says what it accepts, instead of a browser's "Invalid URL" or a fetch that fails on every answer.
//!
//! Pure: the check reads the text as the WHATWG URL parser would see its scheme (tabs and newlines
//! removed, surrounding spaces and control characters trimmed). It does not resolve the URL (the shell
//! does, against the page) nor decide what a refusal costs: a bad `packageUrl` stops the player, a bad
//! endpoint leaves it working on the device alone (`web::mount`).

use thiserror::Error;

/// A config URL that is refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ConfigUrlError {
    #[error("`packageUrl` is empty: give the course's `pkg.json` (or packed `.zip`) as an http(s) URL or a path relative to the page")]
    EmptyPackageUrl,
    #[error("`packageUrl` {given:?} is not accepted: it must be an http(s) URL or a path relative to the page, not a `{scheme}:` URL")]
    PackageScheme { given: String, scheme: String },
    #[error("`lrs.endpoint` {given:?} is not accepted: it must be an absolute http(s) URL such as `https://lrs.example.org/xAPI/`")]
    Endpoint { given: String },
}

/// The text as the URL parser reads it: ASCII tabs and newlines removed anywhere, leading and trailing
/// spaces and C0 controls trimmed.
fn normalised(url: &str) -> String {
    url.trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// The URL's scheme, lower case, when it starts with one (`scheme:`); None for a relative reference.
fn scheme(url: &str) -> Option<String> {
    let (head, _) = url.split_once(':')?;
    let mut chars = head.chars();
    let first = chars.next()?;
    let valid = first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| head.to_ascii_lowercase())
}

fn is_http(scheme: &str) -> bool {
    scheme == "http" || scheme == "https"
}

/// Checks `packageUrl`: an http(s) URL, or a relative reference (a path, resolved against the page).
pub fn check_package_url(url: &str) -> Result<(), ConfigUrlError> {
    let url = normalised(url);
    if url.is_empty() {
        return Err(ConfigUrlError::EmptyPackageUrl);
    }
    match scheme(&url) {
        Some(s) if !is_http(&s) => Err(ConfigUrlError::PackageScheme {
            given: url,
            scheme: s,
        }),
        _ => Ok(()),
    }
}

/// Checks the LRS endpoint: an absolute http(s) URL with a host.
pub fn check_endpoint(endpoint: &str) -> Result<(), ConfigUrlError> {
    let url = normalised(endpoint);
    let refused = || ConfigUrlError::Endpoint { given: url.clone() };
    let scheme = scheme(&url).ok_or_else(refused)?;
    if !is_http(&scheme) {
        return Err(refused());
    }
    let rest = &url[scheme.len() + 1..];
    let authority = rest
        .strip_prefix("//")
        .or_else(|| rest.strip_prefix("\\\\"))
        .ok_or_else(refused)?;
    let host = authority
        .split(['/', '\\', '?', '#'])
        .next()
        .unwrap_or("")
        .rsplit('@')
        .next()
        .unwrap_or("");
    if host.is_empty() || host.starts_with(':') {
        return Err(refused());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_urls_are_http_or_relative() {
        for ok in [
            "course/pkg.json",
            "/courses/fractions/pkg.json",
            "../pkg.json",
            "course.zip",
            "https://cdn.example.org/c/pkg.json",
            "HTTP://example.org/pkg.json",
            "  course/pkg.json\n",
            "pkg.json?v=2",
        ] {
            assert_eq!(check_package_url(ok), Ok(()), "{ok}");
        }
        for (bad, scheme) in [
            ("data:application/json,{}", "data"),
            ("javascript:alert(1)", "javascript"),
            ("java\tscript:alert(1)", "javascript"),
            (" JavaScript:alert(1)", "javascript"),
            ("blob:https://example.org/x", "blob"),
            ("file:///etc/pkg.json", "file"),
        ] {
            match check_package_url(bad) {
                Err(ConfigUrlError::PackageScheme { scheme: s, .. }) => assert_eq!(s, scheme),
                other => panic!("{bad}: {other:?}"),
            }
        }
        assert_eq!(
            check_package_url(" \t"),
            Err(ConfigUrlError::EmptyPackageUrl)
        );
        let message = check_package_url("data:,x").unwrap_err().to_string();
        assert!(
            message.contains("`packageUrl`")
                && message.contains("http(s) URL or a path relative to the page"),
            "{message}"
        );
    }

    #[test]
    fn an_endpoint_is_an_absolute_http_url_with_a_host() {
        for ok in [
            "http://127.0.0.1:8100/xAPI/",
            "https://lrs.example.org/xAPI/",
            "https://user@lrs.example.org/",
            " https://lrs.example.org/xAPI/ ",
        ] {
            assert_eq!(check_endpoint(ok), Ok(()), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "xAPI/",
            "/xAPI/",
            "//lrs.example.org/xAPI/",
            "ftp://lrs.example.org/",
            "https:lrs.example.org",
            "https:///xAPI/",
            "https://:8100/",
            "data:text/plain,x",
            "",
        ] {
            let e = check_endpoint(bad).expect_err(bad);
            assert!(e.to_string().starts_with("`lrs.endpoint`"), "{bad}: {e}");
        }
    }
}
