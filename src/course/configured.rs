//! The embedding config as the player starts from it: read from the host page's JSON, its URLs checked
//! (`config_url`), and what each refusal costs: a config that cannot be read stops the player with an
//! error panel at once; a `packageUrl` that cannot be one stops it once the config's language and theme
//! are in place (the panel wears them); an LRS endpoint that cannot be one is said and dropped, and the
//! player works on this device alone (its sync line then promises no sync).
//!
//! Not here: resolving or fetching a URL, installing the theme, showing the panel or the event (the
//! shell does, with the message keys and config entries named here).

use crate::config::Config;
use crate::config_url::{check_endpoint, check_package_url};

/// A config the player starts from, and the entries it refused on the way.
#[derive(Debug)]
pub struct Configured {
    pub config: Config,
    /// Entries not used, in order, each said in a `pacer:error`: one that [`Refusal::stops`] the
    /// player is shown as its error panel (and is the last); the player goes on without the others,
    /// said in the console too.
    pub refused: Vec<Refusal>,
}

/// A config that cannot be used, or an entry of it: the message key of the headline, the problems, and
/// the entry at fault (`pacer:error`'s `config`), when it is one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub headline: &'static str,
    pub details: Vec<String>,
    pub entry: Option<&'static str>,
    /// The player cannot start without it.
    pub stops: bool,
}

impl Refusal {
    /// The console's line for an entry the player went on without.
    pub fn warning(&self) -> String {
        let entry = self.entry.unwrap_or("config");
        format!(
            "Pacer: the {entry} entry was not used: {}",
            self.details.join("; ")
        )
    }
}

/// A config that cannot be read at all (`detail` says why): the player stops.
pub fn unreadable(detail: String) -> Refusal {
    Refusal {
        headline: "error-config",
        details: vec![detail],
        entry: None,
        stops: true,
    }
}

/// Reads the host page's config (its JSON text) and checks its URLs. `Err`: it cannot be read.
pub fn configured(json: &str) -> Result<Configured, Refusal> {
    let mut config: Config = crate::json::from_str(json).map_err(|e| unreadable(e.to_string()))?;
    let refusal = |headline, e: String, entry, stops| Refusal {
        headline,
        details: vec![e],
        entry: Some(entry),
        stops,
    };
    let mut refused = Vec::new();
    if let Err(e) = check_package_url(&config.package_url) {
        refused.push(refusal("error-config", e.to_string(), "packageUrl", true));
    } else if let Some(Err(e)) = (config.lrs.as_ref()).map(|l| check_endpoint(&l.endpoint)) {
        refused.push(refusal("error-lrs", e.to_string(), "lrs", false));
        config.lrs = None;
    }
    Ok(Configured { config, refused })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_config_that_cannot_be_read_or_a_bad_package_url_stops_the_player() {
        let e = configured("{\"packageUrl\": 3}").expect_err("not a string");
        assert_eq!((e.headline, e.entry, e.stops), ("error-config", None, true));
        assert!(e.details[0].contains("packageUrl"), "{e:?}");
        for url in ["data:application/json,{}", "javascript:alert(1)"] {
            // The LRS is not looked at: the player does not start.
            let json = format!(
                "{{\"packageUrl\": \"{url}\", \"language\": \"es\",
                  \"lrs\": {{\"endpoint\": \"xAPI/\", \"auth\": \"Basic eDp4\"}}}}"
            );
            let c = configured(&json).expect("read");
            assert_eq!(
                c.config.language.as_deref(),
                Some("es"),
                "the panel's language"
            );
            let [e] = &c.refused[..] else {
                panic!("{url}: {:?}", c.refused)
            };
            let entry = (e.headline, e.entry, e.stops);
            assert_eq!(entry, ("error-config", Some("packageUrl"), true));
            assert!(e.details[0].contains("`packageUrl`"), "{e:?}");
        }
    }

    #[test]
    fn a_bad_lrs_endpoint_is_dropped_and_said_and_the_rest_is_kept() {
        let json = r#"{"packageUrl": "course/pkg.json", "fetchTimeoutMs": 900,
            "lrs": {"endpoint": "xAPI/", "auth": "Basic eDp4"}}"#;
        let c = configured(json).expect("the player starts");
        assert_eq!(c.config.lrs, None);
        assert_eq!(c.config.fetch_timeout_ms, Some(900));
        assert_eq!(c.refused.len(), 1);
        let r = &c.refused[0];
        assert_eq!(
            (r.headline, r.entry, r.stops),
            ("error-lrs", Some("lrs"), false)
        );
        assert!(r.details[0].contains("`lrs.endpoint`"), "{r:?}");
        assert!(r
            .warning()
            .starts_with("Pacer: the lrs entry was not used: `lrs.endpoint`"));
        // A good endpoint is kept and nothing is said.
        let json = r#"{"packageUrl": "https://cdn.example/c/pkg.json",
            "lrs": {"endpoint": "https://lrs.example/xAPI/", "auth": "Basic eDp4"}}"#;
        let c = configured(json).expect("the player starts");
        assert!(c.config.lrs.is_some());
        assert_eq!(c.refused, Vec::new());
    }
}
