//! The embedding configuration: the host page's `config.json`, or the object an LMS integration gives
//! `mount`. What each member means, how it is read (members the player does not know are ignored, so a
//! host can pass one config to several versions), and the decisions that follow from the config alone:
//! how long delivered statements are kept, which `meta` keys belong to the learner.
//!
//! Pure: it reads a JSON value and answers questions. Deliberately not here: checking the URLs
//! (`config_url`, which says what a refusal names), resolving them against the page or fetching them,
//! and the theme's checks (`theme`, when it is installed): the shell does those.

use crate::engine::Overrides;
use crate::json::{FromJson, Json, Members, Path, ReadError};
use crate::scorm::Version;
use crate::xapi::Actor;

/// Delivered statements are kept this long by default (they are in the LRS; the copy is for the backpack).
pub const DEFAULT_RETENTION_DAYS: u32 = 30;

/// The `meta` key of this device's local profile id (the learner when the config names none).
pub const LOCAL_LEARNER_KEY: &str = "localLearnerId";

/// The `meta` key of the language a learner picked in the player.
pub fn language_key(learner_id: &str) -> String {
    format!("language:{learner_id}")
}

/// The embedding configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// URL of the package manifest (`pkg.json`), relative to the page.
    pub package_url: String,
    /// Where statements go; none means they stay queued on the device.
    pub lrs: Option<LrsConfig>,
    /// The learner as the operator identifies them; without it, a local profile of this device is used.
    pub actor: Option<Actor>,
    /// The `homePage` of local-profile accounts; defaults to the page's origin.
    pub home_page: Option<String>,
    /// Interface and content language; defaults to the package's.
    pub language: Option<String>,
    /// IndexedDB database name (tests use their own).
    pub db_name: Option<String>,
    /// Days a delivered statement is kept on the device before it may be pruned to free space.
    pub retention_days: Option<u32>,
    /// The activity to open; the page's `?activity=` parameter, else the first activity, when absent.
    pub activity: Option<String>,
    /// How long a package file may take to arrive before it is tried again (default 15 s).
    pub fetch_timeout_ms: Option<u32>,
    /// Set by `pacer pack --scorm12|--scorm2004`: report to the LMS's SCORM API of this edition.
    pub scorm: Option<Version>,
    /// The teacher's or operator's overrides: assigned, locked and unlocked activities, accommodations.
    /// A cmi5 launch may also give them as `{"overrides": {...}}` in its launch parameters.
    pub overrides: Overrides,
    /// Colours and corner radius over the stylesheet's (see [`crate::theme`]). A theme that is refused
    /// leaves the default look and is reported when it is installed; it never stops the player: its
    /// reader takes any JSON, and the checks happen when it is installed.
    pub theme: Option<crate::theme::Entry>,
    /// The operator's key for signing exported records (HMAC-SHA256 over the file, see
    /// `docs/backpack.md`); an import of a signed file is checked with it.
    pub record_key: Option<String>,
}

/// Where the player sends statements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LrsConfig {
    /// The xAPI base URL, ending in `/` (`http://127.0.0.1:8100/xAPI/`).
    pub endpoint: String,
    /// The full `Authorization` header value (`Basic ...`).
    pub auth: String,
    /// How long a POST may take before it counts as lost (the shell's default when absent).
    pub timeout_ms: Option<u32>,
}

/// Members the player does not know are ignored, so a host can pass one config to several versions.
impl FromJson for Config {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(Config {
            package_url: m.req("packageUrl")?,
            lrs: m.opt("lrs")?,
            actor: m.opt("actor")?,
            home_page: m.opt("homePage")?,
            language: m.opt("language")?,
            db_name: m.opt("dbName")?,
            retention_days: m.opt("retentionDays")?,
            activity: m.opt("activity")?,
            fetch_timeout_ms: m.opt("fetchTimeoutMs")?,
            scorm: m.opt("scorm")?,
            overrides: m.or_default("overrides")?,
            theme: m.opt("theme")?,
            record_key: m.opt("recordKey")?,
        })
    }
}

impl FromJson for LrsConfig {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(LrsConfig {
            endpoint: m.req("endpoint")?,
            auth: m.req("auth")?,
            timeout_ms: m.opt("timeoutMs")?,
        })
    }
}

/// Whose learner this is, as far as the `meta` keys kept with their records go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Identity {
    /// A cmi5 launch: the session's key belongs to the learner.
    Cmi5,
    /// The config names the learner: nothing of the device's is theirs alone.
    Configured,
    /// This device's local profile.
    Local,
}

impl Config {
    /// How long a delivered statement is kept before it may be pruned, in milliseconds.
    pub fn retention_ms(&self) -> i64 {
        i64::from(self.retention_days.unwrap_or(DEFAULT_RETENTION_DAYS)) * 86_400_000
    }

    /// Who the learner is, given whether an LMS launched the player with cmi5.
    pub fn identity(&self, cmi5: bool) -> Identity {
        match (cmi5, &self.actor) {
            (true, _) => Identity::Cmi5,
            (false, Some(_)) => Identity::Configured,
            (false, None) => Identity::Local,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Config, String> {
        crate::json::from_str(text).map_err(|e| e.to_string())
    }

    #[test]
    fn a_full_config_reads_every_member() {
        let config = read(
            r#"{"packageUrl": "course/pkg.json",
                "lrs": {"endpoint": "https://lrs.example.org/xAPI/", "auth": "Basic eDp5", "timeoutMs": 2000},
                "actor": {"objectType": "Agent", "account": {"homePage": "https://sis.example.org", "name": "s-17"}},
                "homePage": "https://school.example.org", "language": "es", "dbName": "test",
                "retentionDays": 7, "activity": "unit-fractions-practice", "fetchTimeoutMs": 5000,
                "scorm": "2004", "overrides": {"assign": ["a"]}, "recordKey": "k"}"#,
        )
        .unwrap();
        assert_eq!(config.package_url, "course/pkg.json");
        let lrs = config.lrs.as_ref().unwrap();
        assert_eq!(
            (lrs.endpoint.as_str(), lrs.auth.as_str(), lrs.timeout_ms),
            ("https://lrs.example.org/xAPI/", "Basic eDp5", Some(2000))
        );
        assert!(config.actor.is_some());
        assert_eq!(config.language.as_deref(), Some("es"));
        assert_eq!(config.retention_ms(), 7 * 86_400_000);
        assert_eq!(config.fetch_timeout_ms, Some(5000));
        assert!(config.scorm.is_some());
        assert_eq!(config.record_key.as_deref(), Some("k"));
        assert_ne!(config.overrides, Overrides::default());
        assert_eq!(config.identity(false), Identity::Configured);
        assert_eq!(config.identity(true), Identity::Cmi5);
    }

    #[test]
    fn a_minimal_config_takes_the_defaults_and_ignores_unknown_members() {
        let config = read(r#"{"packageUrl": "pkg.json", "futureOption": {"x": 1}}"#).unwrap();
        assert_eq!(config.lrs, None);
        assert_eq!(config.overrides, Overrides::default());
        assert_eq!(config.retention_ms(), 30 * 86_400_000);
        assert_eq!(config.identity(false), Identity::Local);
    }

    #[test]
    fn a_bad_member_is_named_where_it_is() {
        let missing = read(r#"{"lrs": null}"#).unwrap_err();
        assert!(missing.contains("packageUrl"), "{missing}");
        let lrs = read(r#"{"packageUrl": "p", "lrs": {"endpoint": "https://x/"}}"#).unwrap_err();
        assert!(lrs.contains("lrs") && lrs.contains("auth"), "{lrs}");
        let days = read(r#"{"packageUrl": "p", "retentionDays": -3}"#).unwrap_err();
        assert!(days.contains("retentionDays"), "{days}");
    }
}
