//! What the footer's sync line says, from the outbox's counts and whether an LRS is configured: pure, so
//! each wording is tested natively; `web::sync` reads the counts and draws the line.
//!
//! Two rules the learner relies on. The outbox counts statements, not answers (finishing an activity is
//! a statement too), so the line speaks of records of the learner's work, never of answers. And a player
//! with no LRS (none configured, or one refused at mount) never promises a sync that cannot come: it says
//! the work is saved on this device, and nothing more.
//!
//! It does not format times (the shell passes the last sync already in the learner's locale) nor decide
//! when to send (`xapi::outbox`).

use crate::i18n::{t, tf, tn};
use crate::time::EpochMs;
use crate::xapi::outbox::Halt;

/// What the learner sees about syncing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncStatus {
    /// Statements stored on the device and not yet delivered.
    pub pending: usize,
    /// Statements the LRS refused, kept on the device.
    pub set_aside: usize,
    pub last_sync: Option<EpochMs>,
    pub halted: Option<Halt>,
    /// Whether statements have somewhere to go.
    pub has_lrs: bool,
}

impl SyncStatus {
    /// The line in `lang`; `last_synced` is the time of the last sync as the learner's locale writes it.
    pub fn line(&self, lang: &str, last_synced: Option<&str>) -> String {
        let n = |count: usize| u32::try_from(count).unwrap_or(u32::MAX);
        if !self.has_lrs {
            return match self.pending {
                0 => t(lang, "sync-all-here").to_owned(),
                count => tn(lang, "sync-kept", n(count)),
            };
        }
        let mut text = match self.pending {
            0 => t(lang, "sync-all-synced").to_owned(),
            count => tn(lang, "sync-waiting", n(count)),
        };
        if let Some(time) = last_synced {
            text.push_str(&tf(lang, "sync-last", &[("time", time)]));
        }
        if let Some(h) = &self.halted {
            text.push_str(&tf(
                lang,
                "sync-paused",
                &[("message", &h.message), ("status", &h.status.to_string())],
            ));
        }
        if self.set_aside > 0 {
            text.push_str(&tn(lang, "sync-refused", n(self.set_aside)));
        }
        text
    }
}

/// The locale the last sync's time is written in for `lang`: the language when the catalogs know it,
/// else the browser's default (only a tag known to be valid reaches `Intl`, where an invalid one throws;
/// the pseudo-locale is not one).
pub fn intl_locale(lang: &str) -> &str {
    if crate::i18n::supported(lang) && lang != crate::i18n::PSEUDO {
        lang
    } else {
        "default"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(pending: usize, has_lrs: bool) -> SyncStatus {
        SyncStatus {
            pending,
            has_lrs,
            ..Default::default()
        }
    }

    #[test]
    fn the_time_is_written_in_a_known_language_or_the_browsers() {
        assert_eq!(intl_locale("es"), "es");
        assert_eq!(intl_locale("en"), "en");
        assert_eq!(intl_locale(crate::i18n::PSEUDO), "default");
        assert_eq!(intl_locale("not a tag!"), "default");
        assert_eq!(intl_locale("xx"), "default");
    }

    #[test]
    fn without_an_lrs_nothing_is_promised_about_syncing() {
        for lang in ["en", "es"] {
            for pending in [0, 1, 4] {
                let line = status(pending, false).line(lang, None);
                let lower = line.to_lowercase();
                assert!(
                    !lower.contains("sync") && !lower.contains("sincroniz"),
                    "{lang}, {pending}: {line}"
                );
                assert!(
                    lower.contains("device") || lower.contains("dispositivo"),
                    "{lang}, {pending}: {line}"
                );
            }
        }
        assert_eq!(
            status(4, false).line("en", None),
            "Your work is saved on this device (4 records)"
        );
    }

    #[test]
    fn the_line_counts_records_of_work_not_answers() {
        // Three answers and the `completed` of a lesson are four statements: four records, not answers.
        let line = status(4, true).line("en", None);
        assert_eq!(
            line,
            "4 records of your work saved on this device, waiting to sync"
        );
        assert!(!line.contains("answer"));
        assert_eq!(
            status(1, true).line("en", None),
            "1 record of your work saved on this device, waiting to sync"
        );
        assert_eq!(
            status(1, true).line("es", None),
            "1 registro de tu trabajo guardado en este dispositivo, pendiente de sincronizar"
        );
        assert_eq!(
            status(0, true).line("en", Some("10:00")),
            "All your work saved and synced · last synced 10:00"
        );
    }

    #[test]
    fn refused_records_and_a_pause_are_added_with_their_plurals() {
        let s = SyncStatus {
            pending: 2,
            set_aside: 1,
            halted: Some(Halt {
                status: 401,
                message: "Unauthorized".to_owned(),
            }),
            has_lrs: true,
            last_sync: None,
        };
        assert_eq!(
            s.line("en", None),
            "2 records of your work saved on this device, waiting to sync · Sync paused: \
             Unauthorized (HTTP 401) · 1 record refused by the LRS, kept on this device"
        );
        let two = SyncStatus { set_aside: 2, ..s };
        assert!(two
            .line("es", None)
            .ends_with("2 registros rechazados por el LRS, guardados en este dispositivo"));
    }
}
