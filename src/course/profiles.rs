//! The local learners of a shared device: learners without an LMS account, each a random id (the one
//! that keys their records, see [`super::local_learner`]) and a nickname that never leaves the device.
//! Which are listed, and the name a learner gets when they give none, are decided here; the shell keeps
//! the list in IndexedDB (`meta`, under [`PROFILES_KEY`]) and draws the buttons.
//!
//! Not here: switching learners (the shell writes the device's learner id and reloads) or any IO.

use crate::i18n::tf;
use crate::json::{FromJson, Json, Members, Path, ReadError};

/// The `meta` key of the list of local learners of this device.
pub const PROFILES_KEY: &str = "localProfiles";

/// A learner of this device without an LMS account.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LocalProfile {
    pub id: String,
    pub name: String,
}

impl FromJson for LocalProfile {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::lenient(json, path)?;
        Ok(LocalProfile {
            id: m.req("id")?,
            name: m.req("name")?,
        })
    }
}

/// The list as stored: a list that is missing or cannot be read is empty (the records themselves are
/// keyed by id, so nothing is lost but the nicknames).
pub fn read(stored: Option<&str>) -> Vec<LocalProfile> {
    stored
        .and_then(|json| crate::json::from_str(json).ok())
        .unwrap_or_default()
}

/// The name of the next learner added without one: "Learner 3" when two are listed.
fn next_name(profiles: &[LocalProfile], lang: &str) -> String {
    tf(
        lang,
        "learner-n",
        &[("n", &(profiles.len() + 1).to_string())],
    )
}

/// The list with the learner `current` in it (named like a new one when it was not), and whether it
/// changed (to be stored again).
pub fn with_current(
    mut profiles: Vec<LocalProfile>,
    current: &str,
    lang: &str,
) -> (Vec<LocalProfile>, bool) {
    if profiles.iter().any(|p| p.id == current) {
        return (profiles, false);
    }
    let name = next_name(&profiles, lang);
    profiles.push(LocalProfile {
        id: current.to_owned(),
        name,
    });
    (profiles, true)
}

/// The list with a new learner `id`, named `name` (trimmed), or like a new one when it is blank.
pub fn add(mut profiles: Vec<LocalProfile>, id: &str, name: &str, lang: &str) -> Vec<LocalProfile> {
    let name = match name.trim() {
        "" => next_name(&profiles, lang),
        name => name.to_owned(),
    };
    profiles.push(LocalProfile {
        id: id.to_owned(),
        name,
    });
    profiles
}

/// The list without the learner `id` (whose data was removed from this device).
pub fn without(mut profiles: Vec<LocalProfile>, id: &str) -> Vec<LocalProfile> {
    profiles.retain(|p| p.id != id);
    profiles
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(id: &str, name: &str) -> LocalProfile {
        LocalProfile {
            id: id.into(),
            name: name.into(),
        }
    }

    #[test]
    fn the_current_learner_is_listed_once_named_like_a_new_one() {
        let (listed, changed) = with_current(Vec::new(), "u1", "en");
        assert_eq!(listed, [profile("u1", "Learner 1")]);
        assert!(changed);
        let (again, changed) = with_current(listed.clone(), "u1", "en");
        assert_eq!(again, listed);
        assert!(!changed, "nothing to store again");
        let (two, _) = with_current(listed, "u2", "es");
        assert_eq!(two[1].id, "u2");
        assert_ne!(two[1].name, "Learner 2", "named in the learner's language");
        assert!(two[1].name.contains('2'));
    }

    #[test]
    fn a_new_learner_keeps_their_nickname_trimmed_or_gets_a_number() {
        let listed = vec![profile("u1", "Ana")];
        let added = add(listed.clone(), "u2", "  Beto ", "en");
        assert_eq!(added[1], profile("u2", "Beto"));
        let added = add(listed, "u2", "   ", "en");
        assert_eq!(added[1], profile("u2", "Learner 2"));
    }

    #[test]
    fn a_stored_list_round_trips_and_an_unreadable_one_is_empty() {
        let listed = vec![profile("u1", "Ana"), profile("u2", "Learner 2")];
        let json = serde_json::to_string(&listed).expect("written");
        assert_eq!(read(Some(&json)), listed);
        assert_eq!(read(Some("{not json")), []);
        assert_eq!(
            read(Some(r#"[{"id": "u1"}]"#)),
            [],
            "a nickname is required"
        );
        assert_eq!(read(None), []);
    }

    #[test]
    fn a_removed_learner_leaves_the_list_and_the_others_keep_their_order() {
        let listed = vec![
            profile("a", "Ana"),
            profile("b", "Ben"),
            profile("c", "Chloé"),
        ];
        assert_eq!(
            without(listed.clone(), "b"),
            [profile("a", "Ana"), profile("c", "Chloé")]
        );
        assert_eq!(without(listed.clone(), "z"), listed, "no such learner");
    }
}
