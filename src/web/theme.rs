//! The config's theme on the player's element: each `--pacer-*` custom property set through CSSOM
//! (`style.setProperty`), which a strict `style-src` allows, never as style attribute text. A theme with
//! dark keys follows `prefers-color-scheme` as it changes, without a reload. Under forced colours
//! nothing is done: the system's colours win over these properties as over the stylesheet's own.

use super::{events, i18n};
use crate::theme::{Entry, Scheme, Theme, ThemeError};
use gloo::events::EventListener;
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use web_sys::{CssStyleDeclaration, Element, HtmlElement, MediaQueryList};

thread_local! {
    /// The scheme listeners of themed players, by their element (a new mount replaces its element's).
    static FOLLOWING: RefCell<Vec<(Element, EventListener)>> = const { RefCell::new(Vec::new()) };
}

/// Puts the config's theme on `root`; without one, or if it is refused, `root` keeps the stylesheet's
/// look. A refused theme is reported: a console warning, and a `pacer:error` event whose detail has
/// `"config": "theme"`, the headline in `lang` as `message` and each problem (with its JSON path) as a
/// line of `details`. The player then starts as usual.
///
/// Why a bad theme does not stop the player, as a bad config does: the theme is the operator's choice
/// and the course is the student's work. A student cannot fix a colour, the default look meets WCAG AA,
/// and a player that refused to start over a colour would keep a whole class from its lesson. The
/// operator, who can fix it, is told where operators look: the console and the events of the host page.
pub fn install(root: &Element, entry: Option<&Entry>, lang: &str) {
    FOLLOWING.with(|f| f.borrow_mut().retain(|(element, _)| element != root));
    let Some(style) = root.dyn_ref::<HtmlElement>().map(HtmlElement::style) else {
        return;
    };
    // An earlier mount in this element may have set some.
    set(&style, &Theme::default(), Scheme::Light);
    let Some(entry) = entry else {
        return;
    };
    match crate::theme::check(entry) {
        Ok(theme) => follow(root, style, theme),
        Err(problems) => report(root, lang, &problems),
    }
}

/// Sets `theme` for the page's scheme now and, if it differs by scheme, again whenever that changes.
fn follow(root: &Element, style: CssStyleDeclaration, theme: Theme) {
    let dark = web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten());
    set(&style, &theme, scheme(dark.as_ref()));
    let Some(list) = dark.filter(|_| theme.varies_by_scheme()) else {
        return;
    };
    let watched = list.clone();
    let listener = EventListener::new(&list, "change", move |_| {
        set(&style, &theme, scheme(Some(&watched)));
    });
    FOLLOWING.with(|f| f.borrow_mut().push((root.clone(), listener)));
}

fn scheme(dark: Option<&MediaQueryList>) -> Scheme {
    if dark.is_some_and(MediaQueryList::matches) {
        Scheme::Dark
    } else {
        Scheme::Light
    }
}

/// Sets each property the theme gives in `scheme` and removes the others (the stylesheet's then show).
fn set(style: &CssStyleDeclaration, theme: &Theme, scheme: Scheme) {
    for (property, value) in theme.properties(scheme) {
        let _ = match value {
            Some(v) => style.set_property(property, &v),
            None => style.remove_property(property).map(drop),
        };
    }
}

fn report(root: &Element, lang: &str, problems: &[ThemeError]) {
    let details: Vec<String> = problems.iter().map(ToString::to_string).collect();
    web_sys::console::warn_1(
        &format!("Pacer: the theme was not applied:\n{}", details.join("\n")).into(),
    );
    events::error(root, i18n::t(lang, "error-theme"), &details, Some("theme"));
}
