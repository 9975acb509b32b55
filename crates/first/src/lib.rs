//! The player's first-item module (#19): on a new learner's plain first visit, `www/app.js` hands it the
//! site's first-item form (`pacer::first::Form`, written by `pacer first`) before the full player has
//! arrived. It draws the page the player would draw, and when the learner answers (a pick and Check, or
//! Don't know) it stores the answer in IndexedDB (`{db}-first`, store `pending`) and only then shows the
//! feedback the form holds for it. The full player, once here, records that answer as its own attempt
//! (statements and all), deletes the row and takes the page over (`web::first` in the root package).
//!
//! The DOM calls are the shell's (`createElement(NS)`, `setAttribute`, text nodes, never markup): every
//! tag and attribute name is a constant of the core's view builders, and author text only goes into
//! attribute values and text nodes.
//!
//! Deliberately not here: scoring (the form holds each answer's outcome, worked out natively by the
//! core), hints, drafts, the language menu and moving on (their buttons wait for the full player), any
//! decision about whether this visit is a first one (`www/app.js` makes it).

#[cfg(target_arch = "wasm32")]
mod page;

/// Decodes a form `pacer first` wrote (or the player kept, `web::resume`); its strings borrow from
/// `bytes`, which live as long as the page. Every byte must be the form's: postcard does not describe
/// its own layout, so a form kept by an older player whose `Form` differed is refused by what is left
/// over (or by a failed read) rather than drawn as something else.
pub fn decode(bytes: &'static [u8]) -> Result<pacer::first::Form, postcard::Error> {
    match postcard::take_from_bytes(bytes)? {
        (form, []) => Ok(form),
        _ => Err(postcard::Error::DeserializeBadEncoding),
    }
}

/// The screen of `form` for a browser asking for `browser` languages: the one in the language the
/// player would choose for a new learner, matched by its primary subtag (None when the player would
/// choose one the form does not hold: an interface language the package lacks).
pub fn screen_for<'f>(
    form: &'f pacer::first::Form,
    browser: &[String],
) -> Option<(&'f pacer::first::Screen, String)> {
    let package: Vec<&str> = form.screens.iter().map(|s| s.lang.as_str()).collect();
    let chosen = pacer::i18n::choose_language(None, None, browser, &package);
    let subtag = pacer::package::primary_subtag(&chosen);
    (form.screens.iter())
        .find(|s| pacer::package::primary_subtag(&s.lang) == subtag)
        .map(|s| (s, chosen))
}

#[cfg(test)]
mod tests {
    use super::*;
    use pacer::package::{load, Files};

    struct Demo;

    impl Files for Demo {
        fn read(&self, path: &str) -> Result<Vec<u8>, String> {
            std::fs::read(format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR")))
                .map_err(|e| e.to_string())
        }
        fn size(&self, path: &str) -> Option<u64> {
            let path = format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"));
            std::fs::metadata(path).ok().map(|m| m.len())
        }
    }

    /// The demo course's form as `pacer first` writes it, decoded as the page decodes it.
    fn form() -> pacer::first::Form {
        let (package, report) = load(&Demo);
        let package = package.unwrap_or_else(|| panic!("the demo loads: {report:?}"));
        let config = pacer::json::from_str(r#"{"packageUrl": "course/pkg.json"}"#).expect("config");
        let form = pacer::first::build(&config, &package.manifest, &package.activities[0])
            .expect("a form");
        let bytes = postcard::to_allocvec(&form).expect("encoded");
        let decoded = decode(Box::leak(bytes.into_boxed_slice())).expect("decoded");
        assert_eq!(decoded, form, "the form survives its encoding");
        decoded
    }

    fn lang(form: &pacer::first::Form, browser: &[&str]) -> Option<(String, String)> {
        let browser: Vec<String> = browser.iter().map(|s| (*s).to_owned()).collect();
        screen_for(form, &browser).map(|(screen, chosen)| (screen.lang.clone(), chosen))
    }

    #[test]
    fn a_form_with_bytes_left_over_is_refused() {
        let form = form();
        let mut bytes = postcard::to_allocvec(&form).expect("encoded");
        bytes.push(0);
        assert!(decode(Box::leak(bytes.into_boxed_slice())).is_err());
    }

    #[test]
    fn the_screen_is_in_the_language_the_player_would_choose() {
        let form = form();
        let pair = |a: &str, b: &str| Some((a.to_owned(), b.to_owned()));
        assert_eq!(lang(&form, &["es-MX", "en"]), pair("es", "es-MX"));
        assert_eq!(lang(&form, &["en-GB"]), pair("en", "en-GB"));
        // A language neither the package nor the interface speaks: the package's own.
        assert_eq!(lang(&form, &["xx"]), pair("en", "en"));
        assert_eq!(lang(&form, &[]), pair("en", "en"));
    }
}
