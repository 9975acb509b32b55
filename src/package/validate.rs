//! Every rule of the package format the JSON shape cannot express, checked all at once: each broken rule
//! becomes one error at its line, column and JSON path, with a hint where one helps. Missing translations
//! and missing supports are warnings: the package works, with a fallback.
//!
//! The same checks run in `pacer validate`, in `pacer pack` and in the player when it opens a package.

use super::drag_to_image::{DragLabel, DropTarget};
use super::figure::FigureSpec;
use super::hotspot::{Key as HotspotKey, Region, MAX_REGIONS};
use super::hottext::Selection;
use super::interaction::{Accepted, Blank, ChoiceOption, Interaction, NumberValue};
use super::limits::Field;
use super::markup::{parse_inline, unsafe_content};
use super::math::parse_tex;
use super::params::{check_ranges, references, Template};
use super::shade::{self, ShadeKey};
use super::{Activity, ActivityKind, ActivityRef, Block, Item, Manifest, PackageError, Text};
use crate::collect::CollectOrdered;
use crate::expr;
use std::collections::{BTreeMap, BTreeSet};

/// The kinds of picture a package may show.
const IMAGE_KINDS: &[&str] = &["png", "jpg", "jpeg", "svg", "webp", "gif"];

/// The largest media file a package may carry (images and audio must stay light for a shared Chromebook
/// on a slow network).
pub const MEDIA_LIMIT_BYTES: u64 = 1_000_000;

/// What validation found: errors make the package unusable; warnings do not.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub errors: Vec<PackageError>,
    pub warnings: Vec<PackageError>,
    /// Per language of the package: how many learner-facing texts it has, of how many.
    pub coverage: BTreeMap<String, Coverage>,
}

/// How many of the package's learner-facing texts one language has (language-neutral ones count for all).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Coverage {
    pub translated: usize,
    pub texts: usize,
}

impl Report {
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn extend(&mut self, other: Report) {
        self.errors.extend(other.errors);
        self.warnings.extend(other.warnings);
        for (lang, c) in other.coverage {
            let mine = self.coverage.entry(lang).or_default();
            mine.translated += c.translated;
            mine.texts += c.texts;
        }
    }
}

/// The language tag that marks a text as language-neutral (BCP 47's "no linguistic content"): the same
/// in every language, such as pure math or numbers. `{"zxx": "$\\frac{3}{4}$"}`.
pub const NEUTRAL: &str = "zxx";

/// Whether a plain string has no words to translate: nothing but numbers, symbols, `$math$`,
/// `{parameters}` and `[[blanks]]`.
pub fn is_language_neutral(s: &str) -> bool {
    let mut depth_math = false;
    let mut chars = s.chars().peekable();
    let mut skip_until: Option<char> = None;
    while let Some(c) = chars.next() {
        if let Some(end) = skip_until {
            if c == end {
                skip_until = None;
            }
            continue;
        }
        match c {
            '\\' => {
                chars.next();
            }
            '$' => depth_math = !depth_math,
            '{' if !depth_math => skip_until = Some('}'),
            '[' if !depth_math && chars.peek() == Some(&'[') => skip_until = Some(']'),
            c if c.is_alphabetic() && !depth_math => return false,
            _ => {}
        }
    }
    true
}

/// What the validator knows of a media file of the package.
#[derive(Debug, Clone, PartialEq)]
pub struct MediaFile {
    pub size: u64,
    /// Why its bytes are not what its name says, or are not inert (`package::media`); None when they are
    /// fine or were not read (the player does not read media to open a package).
    pub problem: Option<String>,
    /// An image's width and height in its own pixels, as its bytes say (`package::media`); None when
    /// they do not say, or were not read.
    pub pixels: Option<(f64, f64)>,
}

impl MediaFile {
    /// A file of `size` bytes whose content was not looked at.
    pub fn unread(size: u64) -> Self {
        MediaFile {
            size,
            problem: None,
            pixels: None,
        }
    }
}

/// Looks up a media file of the package by its path, or None when it is not there.
pub type MediaLookup<'a> = &'a dyn Fn(&str) -> Option<MediaFile>;

/// Collects the findings of one file.
struct FileCheck<'a> {
    file: &'a str,
    source: &'a str,
    report: Report,
}

impl FileCheck<'_> {
    /// The findings, in the order of the file.
    fn finish(mut self) -> Report {
        let key = |e: &PackageError| {
            let l = e.located();
            (l.line, l.column)
        };
        crate::collect::sort_by_key(&mut self.report.errors, key);
        crate::collect::sort_by_key(&mut self.report.warnings, key);
        self.report
    }

    fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        let e = PackageError::at(self.file, self.source, path, message);
        self.report.errors.push(e);
    }

    fn warn(&mut self, path: impl Into<String>, message: impl Into<String>) {
        let e = PackageError::at(self.file, self.source, path, message);
        self.report.warnings.push(e);
    }

    /// Checks a list of ids: each well formed and unique. Returns the set.
    fn ids<'b>(&mut self, list: &str, ids: impl Iterator<Item = &'b str>) -> BTreeSet<&'b str> {
        let mut seen = BTreeSet::new();
        for (i, id) in ids.enumerate() {
            if !is_id(id) {
                self.error(
                    format!("{list}[{i}].id"),
                    format!("`{id}` is not a valid id (letters, digits, `-`, `_`, `.`)"),
                );
            } else if !seen.insert(id) {
                self.error(format!("{list}[{i}].id"), format!("duplicate id `{id}`"));
            }
        }
        seen
    }

    /// Checks a reference to one of `known`, suggesting the nearest name when it is misspelt.
    fn reference(&mut self, path: String, what: &str, name: &str, known: &BTreeSet<&str>) -> bool {
        if known.contains(name) {
            return true;
        }
        let message = match nearest(name, known.iter().copied()) {
            Some(near) => format!("unknown {what} `{name}`; did you mean `{near}`?"),
            None => format!("unknown {what} `{name}`"),
        };
        self.error(path, message);
        false
    }
}

/// Ids are tokens of letters, digits, `-`, `_` and `.`.
pub fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Checks a parsed manifest whose text is `source`.
pub fn check_manifest(file: &str, source: &str, m: &Manifest) -> Report {
    let mut c = FileCheck {
        file,
        source,
        report: Report::default(),
    };
    if !is_iri(&m.id) {
        c.error(
            "id",
            format!(
                "`{}` is not an IRI; use an absolute URL such as https://example.org/courses/fractions",
                m.id
            ),
        );
    }
    if !is_semver(&m.version) {
        c.error(
            "version",
            format!(
                "`{}` is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.0.0)",
                m.version
            ),
        );
    }
    if !is_language_tag(&m.language) {
        c.error(
            "language",
            format!(
                "`{}` is not a BCP 47 language tag (e.g. `en`, `es-419`)",
                m.language
            ),
        );
    }
    let mut langs = BTreeSet::from([m.language.as_str()]);
    for (i, t) in m.translations.iter().enumerate() {
        if !is_language_tag(t) {
            c.error(
                format!("translations[{i}]"),
                format!("`{t}` is not a BCP 47 language tag (e.g. `en`, `es-419`)"),
            );
        } else if !langs.insert(t) {
            c.error(
                format!("translations[{i}]"),
                format!("`{t}` is listed twice (or is the default language)"),
            );
        }
    }
    let langs = Langs::of(m);
    if let Some(written) = written_language(m) {
        c.error(
            "language",
            format!(
                "`{}` is the package's language, but its texts are written in `{written}`; did you mean \
                 `{written}`? (texts are checked as `{written}` until this is fixed)",
                m.language
            ),
        );
    }
    c.text("title", &m.title, &langs, &[]);
    if m.activities.is_empty() {
        c.error("activities", "a package needs at least one activity");
    }
    if !(m.settings.mastery_threshold > 0.0 && m.settings.mastery_threshold <= 1.0) {
        c.error(
            "settings.masteryThreshold",
            format!(
                "must be above 0 and at most 1, got {}",
                m.settings.mastery_threshold
            ),
        );
    }
    if !(m.settings.target_success > 0.0 && m.settings.target_success < 1.0) {
        c.error(
            "settings.targetSuccess",
            format!(
                "must be between 0 and 1 (0.75 is usual), got {}",
                m.settings.target_success
            ),
        );
    }
    if m.settings.attempts_allowed == 0 {
        c.error("settings.attemptsAllowed", "must be at least 1");
    }
    let skills = c.ids("skills", m.skills.iter().map(|s| s.id.as_str()));
    for (i, skill) in m.skills.iter().enumerate() {
        c.text(&format!("skills[{i}].title"), &skill.title, &langs, &[]);
        if let Some(d) = &skill.description {
            c.text(&format!("skills[{i}].description"), d, &langs, &[]);
        }
        for (j, pre) in skill.prerequisites.iter().enumerate() {
            let path = format!("skills[{i}].prerequisites[{j}]");
            if pre == &skill.id {
                c.error(
                    path,
                    format!("skill `{pre}` cannot be its own prerequisite"),
                );
            } else {
                c.reference(path, "skill", pre, &skills);
            }
        }
    }
    if let Some(cycle) = prerequisite_cycle(m) {
        let at = m.skills.iter().position(|s| s.id == cycle[0]).unwrap_or(0);
        c.error(
            format!("skills[{at}].prerequisites"),
            format!("prerequisites form a cycle: {}", cycle.join(" -> ")),
        );
    }
    let activities = c.ids("activities", m.activities.iter().map(|a| a.id.as_str()));
    let mut files = BTreeSet::new();
    for (i, a) in m.activities.iter().enumerate() {
        let at = format!("activities[{i}]");
        if !is_package_path(&a.file) {
            c.error(
                format!("{at}.file"),
                format!("`{}` must be a relative path inside the package", a.file),
            );
        } else if !files.insert(a.file.as_str()) {
            c.error(
                format!("{at}.file"),
                format!("`{}` is used by two activities", a.file),
            );
        }
        c.text(&format!("{at}.title"), &a.title, &langs, &[]);
        for (j, s) in a.skills.iter().enumerate() {
            c.reference(format!("{at}.skills[{j}]"), "skill", s, &skills);
        }
        if a.attempts == Some(0) {
            c.error(format!("{at}.attempts"), "must be at least 1");
        }
        if let Some(unlock) = &a.unlock {
            for (j, s) in unlock.skills_mastered.iter().enumerate() {
                c.reference(
                    format!("{at}.unlock.skillsMastered[{j}]"),
                    "skill",
                    s,
                    &skills,
                );
            }
            for (j, s) in unlock.activities_completed.iter().enumerate() {
                let path = format!("{at}.unlock.activitiesCompleted[{j}]");
                if s == &a.id {
                    c.error(path, format!("activity `{s}` cannot wait for itself"));
                } else {
                    c.reference(path, "activity", s, &activities);
                }
            }
        }
    }
    if let Some(cycle) = unlock_cycle(m) {
        let at = m
            .activities
            .iter()
            .position(|a| a.id == cycle[0])
            .unwrap_or(0);
        c.error(
            format!("activities[{at}].unlock.activitiesCompleted"),
            format!(
                "activities wait for each other, so none of them can ever open: {}",
                cycle.join(" -> ")
            ),
        );
    }
    c.finish()
}

/// A cycle of activities each waiting for the next to be completed, as ids with the first repeated.
pub fn unlock_cycle(m: &Manifest) -> Option<Vec<String>> {
    let graph: BTreeMap<&str, Vec<&str>> = m
        .activities
        .iter()
        .map(|a| {
            let waits = a
                .unlock
                .iter()
                .flat_map(|u| u.activities_completed.iter().map(String::as_str))
                .collect();
            (a.id.as_str(), waits)
        })
        .collect_map();
    find_cycle(&graph)
}

/// Checks a parsed activity (text `source`) against its manifest entry and the manifest.
pub fn check_activity(
    file: &str,
    source: &str,
    activity: &Activity,
    entry: &ActivityRef,
    manifest: &Manifest,
    media: MediaLookup<'_>,
) -> Report {
    let mut c = FileCheck {
        file,
        source,
        report: Report::default(),
    };
    let langs = Langs::of(manifest);
    if activity.id != entry.id {
        c.error(
            "id",
            format!(
                "`{}` does not match the manifest's activity id `{}`",
                activity.id, entry.id
            ),
        );
    }
    let lesson = entry.kind == ActivityKind::Lesson;
    if activity.items.is_empty() && !lesson {
        c.error("items", "an activity needs at least one item");
    }
    let skills: BTreeSet<&str> = manifest.skills.iter().map(|s| s.id.as_str()).collect_set();
    let item_ids = c.ids("items", activity.items.iter().map(|i| i.id.as_str()));
    // An activity that lists an unknown skill (a typo, reported on pkg.json) would make every item's
    // skill look unlisted: then this warning waits for the typo to be fixed.
    let activity_skills: Vec<&str> = if entry.skills.iter().all(|s| skills.contains(s.as_str())) {
        entry.skills.iter().map(String::as_str).collect()
    } else {
        skills.iter().copied().collect()
    };
    for (i, item) in activity.items.iter().enumerate() {
        c.item(
            &format!("items[{i}]"),
            item,
            (&skills, &activity_skills),
            &langs,
            entry.kind,
            media,
        );
    }
    if lesson {
        if activity.pages.is_empty() {
            c.error("pages", "a lesson needs at least one page");
        }
        c.pages(activity, &item_ids, &langs, media);
    } else if !activity.pages.is_empty() {
        c.error(
            "pages",
            format!(
                "only lessons have pages; this activity is a {:?} in the manifest",
                entry.kind
            )
            .to_lowercase(),
        );
    }
    c.finish()
}

/// The languages text must be in.
struct Langs<'a> {
    default: &'a str,
    all: Vec<&'a str>,
}

impl<'a> Langs<'a> {
    /// The manifest's languages; with a mistyped `language` ([`written_language`]), the language the
    /// texts are really written in stands for it, so one typo is one error, not one per text.
    fn of(m: &'a Manifest) -> Self {
        let default = written_language(m).unwrap_or(&m.language);
        let mut all = vec![default];
        all.extend(
            m.translations
                .iter()
                .map(String::as_str)
                .filter(|t| *t != default),
        );
        Langs { default, all }
    }
}

/// When the manifest's `language` is in none of its own titles but one undeclared language is in all of
/// them (a typo such as `"em"` for `"en"`), that language.
fn written_language(m: &Manifest) -> Option<&str> {
    let titles = std::iter::once(&m.title)
        .chain(m.skills.iter().map(|s| &s.title))
        .chain(m.activities.iter().map(|a| &a.title));
    let declared = m.languages();
    let mut candidates: Option<BTreeSet<&str>> = None;
    for title in titles {
        let Text::Translated(map) = title else {
            return None; // plain strings are in the default language, whatever it is called
        };
        if map.contains_key(&m.language) {
            return None;
        }
        let undeclared: BTreeSet<&str> = map
            .keys()
            .map(String::as_str)
            .filter(|k| !declared.contains(k) && *k != NEUTRAL)
            .collect_set();
        candidates = Some(match candidates {
            None => undeclared,
            Some(c) => c.intersection(&undeclared).copied().collect_set(),
        });
    }
    let candidates = candidates?;
    let mut it = candidates.into_iter();
    match (it.next(), it.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

impl FileCheck<'_> {
    /// Checks one piece of author text: present in the default language, translated (or warned), free of
    /// markup, with valid math and only known `{parameters}`.
    fn text(&mut self, path: &str, text: &Text, langs: &Langs<'_>, params: &[&str]) {
        // Stems, alt text and transcripts have their own, more specific, message.
        let own_rule = [".alt", ".stem", ".transcript"]
            .iter()
            .any(|end| path.ends_with(end));
        if text.is_blank() && !own_rule {
            self.error(path, "the text is empty");
        }
        self.count(text, langs);
        let field = Field::of_path(path);
        for (lang, s) in text_variants(text) {
            // Counting stops one past the limit: the check is as cheap for a megabyte as for a word.
            let n = s.chars().take(field.max_chars() + 1).count();
            if n > field.max_chars() {
                let at = lang.map_or_else(|| path.to_owned(), |l| format!("{path}.{l}"));
                self.error(
                    at,
                    format!(
                        "the text is longer than {} characters, the most {} may hold",
                        field.max_chars(),
                        field.name()
                    ),
                );
            }
        }
        match text {
            Text::Plain(s) => {
                if langs.all.len() > 1 && !is_language_neutral(s) {
                    self.warn(
                        path,
                        format!(
                            "a plain string is shown as written in every language ({}); give it per \
                             language ({{\"{}\": ...}}) or, if it has no words, mark it language-neutral \
                             ({{\"{NEUTRAL}\": ...}})",
                            langs.all.join(", "),
                            langs.default
                        ),
                    );
                }
                self.string(path, s, params)
            }
            Text::Translated(map) if map.contains_key(NEUTRAL) => {
                if map.len() > 1 {
                    self.error(
                        path,
                        format!("language-neutral text (`{NEUTRAL}`) is the same in every language: give it alone"),
                    );
                }
                for (lang, s) in map {
                    self.string(&format!("{path}.{lang}"), s, params);
                }
            }
            Text::Translated(map) => {
                if !map.contains_key(langs.default) {
                    self.error(
                        path,
                        format!(
                            "no text in the default language `{}` (has: {})",
                            langs.default,
                            map.keys().cloned().collect::<Vec<_>>().join(", ")
                        ),
                    );
                }
                for lang in &langs.all {
                    if *lang != langs.default && !map.contains_key(*lang) {
                        self.warn(
                            path,
                            format!(
                                "no `{lang}` translation; learners reading `{lang}` see `{}`",
                                langs.default
                            ),
                        );
                    }
                }
                for (lang, s) in map {
                    if !langs.all.contains(&lang.as_str()) {
                        self.error(
                            format!("{path}.{lang}"),
                            format!(
                                "`{lang}` is not a language of the package (add it to `translations`)"
                            ),
                        );
                    }
                    self.string(&format!("{path}.{lang}"), s, params);
                }
            }
        }
    }

    /// Counts `text` toward each language's coverage.
    fn count(&mut self, text: &Text, langs: &Langs<'_>) {
        for lang in &langs.all {
            let has = match text {
                Text::Plain(s) => *lang == langs.default || is_language_neutral(s),
                Text::Translated(map) => map.contains_key(*lang) || map.contains_key(NEUTRAL),
            };
            let c = self.report.coverage.entry((*lang).to_owned()).or_default();
            c.texts += 1;
            c.translated += usize::from(has);
        }
    }

    fn string(&mut self, path: &str, s: &str, params: &[&str]) {
        if let Some(what) = unsafe_content(s) {
            self.error(
                path,
                format!("text contains {what}; Pacer shows text as written and never runs markup, so remove it"),
            );
        }
        match parse_inline(s) {
            Err(e) => self.error(path, format!("math: {e}")),
            Ok(_) => {
                for trap in super::markup::traps(s) {
                    self.warn(path, trap);
                }
            }
        }
        for name in references(s) {
            if !params.contains(&name) {
                self.error(
                    path,
                    format!("`{{{name}}}` names no parameter of this item"),
                );
            }
        }
    }

    fn item(
        &mut self,
        at: &str,
        item: &Item,
        (skills, activity_skills): (&BTreeSet<&str>, &[&str]),
        langs: &Langs<'_>,
        kind: ActivityKind,
        media: MediaLookup<'_>,
    ) {
        let template = match Template::new(&item.params) {
            Ok(t) => Some(t),
            Err(e) => {
                self.error(format!("{at}.params"), e.to_string());
                None
            }
        };
        let params: Vec<&str> = item.params.keys().map(String::as_str).collect();
        if item.stem.is_blank() {
            self.error(format!("{at}.stem"), "the stem is empty");
        }
        self.text(&format!("{at}.stem"), &item.stem, langs, &params);
        for (j, s) in item.skills.iter().enumerate() {
            self.reference(format!("{at}.skills[{j}]"), "skill", s, skills);
            if skills.contains(s.as_str()) && !activity_skills.contains(&s.as_str()) {
                self.warn(
                    format!("{at}.skills[{j}]"),
                    format!(
                        "the activity does not list skill `{s}` in pkg.json, so its plan and mastery \
                         ignore what this item shows of it"
                    ),
                );
            }
        }
        if item.skills.is_empty() {
            self.warn(
                format!("{at}.skills"),
                "an item with no skill is evidence for nothing: the learner model never learns from it",
            );
        }
        if !item.difficulty.is_finite() || item.difficulty.abs() > 6.0 {
            self.error(
                format!("{at}.difficulty"),
                format!(
                    "must be between -6 and 6 (logit scale; 0 is typical), got {}",
                    item.difficulty
                ),
            );
        }
        self.item_bkt(at, item);
        for (j, h) in item.hints.iter().enumerate() {
            self.text(&format!("{at}.hints[{j}]"), h, langs, &params);
        }
        for (j, s) in item.solution.iter().enumerate() {
            self.text(&format!("{at}.solution[{j}]"), s, langs, &params);
        }
        if let Some(t) = &item.feedback.correct {
            self.text(&format!("{at}.feedback.correct"), t, langs, &params);
        }
        if let Some(t) = &item.feedback.incorrect {
            self.text(&format!("{at}.feedback.incorrect"), t, langs, &params);
        }
        if kind == ActivityKind::Practice {
            if item.hints.is_empty() {
                self.warn(
                    format!("{at}.hints"),
                    "a practice item without hints leaves a stuck learner nowhere to go",
                );
            }
            if item.solution.is_empty() {
                self.warn(
                    format!("{at}.solution"),
                    "a practice item without a worked solution",
                );
            }
        }
        let mut formulas = self.interaction(&format!("{at}.interaction"), item, langs, &params);
        self.option_images(at, item, media);
        self.answered_picture(at, item, media);
        if template.is_some() || item.params.is_empty() {
            self.number_line_key(at, item, template.as_ref());
            self.shade_key(&format!("{at}.interaction"), item, template.as_ref());
        }
        for (j, block) in item.blocks.iter().enumerate() {
            let path = format!("{at}.blocks[{j}]");
            self.block(&path, block, langs, media, &params, &mut formulas);
            if template.is_some() || item.params.is_empty() {
                self.figure(&path, block, template.as_ref());
            }
        }
        if let Some(t) = &template {
            for e in check_ranges(t, &formulas) {
                self.error(format!("{at}.params"), e.to_string());
            }
        }
    }

    /// Checks the answer key; returns the formulas it uses (checked over the parameter ranges).
    /// An item's own BKT values: guess and slip in (0, 0.5) (so guess + slip < 1 and a right answer is
    /// always evidence for knowing), learn in (0, 1).
    fn item_bkt(&mut self, at: &str, item: &Item) {
        let bounds = [
            ("guess", item.guess, 0.5),
            ("slip", item.slip, 0.5),
            ("learn", item.learn, 1.0),
        ];
        for (name, value, max) in bounds {
            if let Some(v) = value {
                if !(v > 0.0 && v < max) {
                    self.error(
                        format!("{at}.{name}"),
                        format!("must be above 0 and below {max}, got {v}"),
                    );
                }
            }
        }
    }

    fn interaction(
        &mut self,
        at: &str,
        item: &Item,
        langs: &Langs<'_>,
        params: &[&str],
    ) -> Vec<(String, String)> {
        let mut formulas = Vec::new();
        match &item.interaction {
            Interaction::SingleChoice { options, correct } => {
                let ids = self.options(&format!("{at}.options"), options, 2, langs, params);
                if !ids.contains(correct.as_str()) {
                    self.no_such_option(&format!("{at}.correct"), correct, &ids);
                }
            }
            Interaction::MultipleResponse {
                options, correct, ..
            } => {
                let ids = self.options(&format!("{at}.options"), options, 2, langs, params);
                let mut seen = BTreeSet::new();
                for (j, id) in correct.iter().enumerate() {
                    if !ids.contains(id.as_str()) {
                        self.no_such_option(&format!("{at}.correct[{j}]"), id, &ids);
                    } else if !seen.insert(id.as_str()) {
                        self.error(
                            format!("{at}.correct[{j}]"),
                            format!("`{id}` is listed twice"),
                        );
                    }
                }
            }
            Interaction::TrueFalse {
                true_feedback,
                false_feedback,
                ..
            } => {
                if let Some(t) = true_feedback {
                    self.text(&format!("{at}.trueFeedback"), t, langs, params);
                }
                if let Some(t) = false_feedback {
                    self.text(&format!("{at}.falseFeedback"), t, langs, params);
                }
            }
            Interaction::Numeric {
                answer,
                tolerance,
                unit,
                misconceptions,
            } => {
                self.number(&format!("{at}.answer"), answer, params, &mut formulas);
                if let Some(t) = tolerance {
                    let (name, v) = match t {
                        crate::package::Tolerance::Absolute(v) => ("absolute", *v),
                        crate::package::Tolerance::Relative(v) => ("relative", *v),
                    };
                    if !(v.is_finite() && v >= 0.0) {
                        self.error(
                            format!("{at}.tolerance.{name}"),
                            format!("a tolerance must be zero or more, got {v}"),
                        );
                    }
                }
                if let Some(u) = unit {
                    if u.accepted.is_empty() || u.accepted.iter().any(|s| s.trim().is_empty()) {
                        self.error(
                            format!("{at}.unit.accepted"),
                            "list at least one unit, none of them empty",
                        );
                    }
                }
                for (j, m) in misconceptions.iter().enumerate() {
                    let path = format!("{at}.misconceptions[{j}]");
                    self.number(&format!("{path}.answer"), &m.answer, params, &mut formulas);
                    self.text(&format!("{path}.feedback"), &m.feedback, langs, params);
                    if same_number(&m.answer, answer) {
                        self.error(
                            format!("{path}.answer"),
                            "a misconception cannot be the right answer",
                        );
                    }
                }
            }
            Interaction::ShortText {
                accepted,
                misconceptions,
                normalisation,
            } => {
                self.accepted(&format!("{at}.accepted"), accepted, langs, params);
                for (j, m) in misconceptions.iter().enumerate() {
                    let path = format!("{at}.misconceptions[{j}]");
                    self.string(&format!("{path}.answer"), &m.answer, params);
                    self.text(&format!("{path}.feedback"), &m.feedback, langs, params);
                    if accepted.iter().any(|a| {
                        crate::package::normalisation::matches(&m.answer, a, normalisation)
                    }) {
                        self.error(
                            format!("{path}.answer"),
                            format!("`{}` is also an accepted answer", m.answer),
                        );
                    }
                }
            }
            Interaction::Cloze { text, blanks, .. } => {
                self.text(&format!("{at}.text"), text, langs, params);
                let ids = self.ids(&format!("{at}.blanks"), blanks.iter().map(Blank::id));
                if blanks.is_empty() {
                    self.error(format!("{at}.blanks"), "a cloze needs at least one blank");
                }
                self.markers(at, text, &ids, "blank");
                for (j, blank) in blanks.iter().enumerate() {
                    let path = format!("{at}.blanks[{j}]");
                    match blank {
                        Blank::Entry { accepted, .. } => {
                            self.accepted(&format!("{path}.accepted"), accepted, langs, params)
                        }
                        Blank::Choice {
                            options, correct, ..
                        } => {
                            let ids =
                                self.options(&format!("{path}.options"), options, 2, langs, params);
                            for (k, o) in options.iter().enumerate() {
                                if o.image.is_some() {
                                    self.error(
                                        format!("{path}.options[{k}].image"),
                                        "a blank's menu shows words only; pictures are for singleChoice and multipleResponse options",
                                    );
                                }
                            }
                            if !ids.contains(correct.as_str()) {
                                self.no_such_option(&format!("{path}.correct"), correct, &ids);
                            }
                        }
                    }
                }
            }
            Interaction::Ordering { options } => {
                self.options(&format!("{at}.options"), options, 2, langs, params);
                self.distinct(
                    &format!("{at}.options"),
                    options.iter().map(|o| &o.text),
                    "text",
                    "two entries that read the same cannot be told apart in the order",
                );
            }
            Interaction::Matching { pairs, .. } => {
                self.ids(&format!("{at}.pairs"), pairs.iter().map(|p| p.id.as_str()));
                if pairs.len() < 2 {
                    self.error(format!("{at}.pairs"), "matching needs at least two pairs");
                }
                for (j, p) in pairs.iter().enumerate() {
                    self.text(&format!("{at}.pairs[{j}].prompt"), &p.prompt, langs, params);
                    self.text(&format!("{at}.pairs[{j}].answer"), &p.answer, langs, params);
                }
                self.distinct(
                    &format!("{at}.pairs"),
                    pairs.iter().map(|p| &p.answer),
                    "answer",
                    "two answers that read the same make a right match look wrong",
                );
                self.distinct(
                    &format!("{at}.pairs"),
                    pairs.iter().map(|p| &p.prompt),
                    "prompt",
                    "two prompts that read the same cannot be told apart",
                );
            }
            Interaction::Expression { answer, variables } => {
                let vars: Vec<&str> = variables.iter().map(String::as_str).collect();
                for (j, v) in variables.iter().enumerate() {
                    if v.is_empty() || !v.chars().all(|c| c.is_ascii_alphabetic()) {
                        self.error(
                            format!("{at}.variables[{j}]"),
                            format!("`{v}` is not a variable name (letters only)"),
                        );
                    }
                }
                let filled = super::params::fill(
                    answer,
                    &params.iter().map(|p| ((*p).to_owned(), 2.0)).collect_map(),
                    crate::package::DecimalMark::Point,
                );
                if let Err(e) = expr::parse(&filled, &vars) {
                    self.error(
                        format!("{at}.answer"),
                        format!("the answer does not parse: {e}"),
                    );
                }
            }
            Interaction::NumberLine {
                from,
                to,
                denominator,
                answer,
                ..
            } => {
                for (key, value) in [
                    ("from", from),
                    ("to", to),
                    ("denominator", denominator),
                    ("answer", answer),
                ] {
                    self.number(&format!("{at}.{key}"), value, params, &mut formulas);
                }
            }
            Interaction::Shade { model, key } => {
                for (name, value) in model.numbers() {
                    self.number(&format!("{at}.{name}"), value, params, &mut formulas);
                }
                if let ShadeKey::Share { answer } = key {
                    self.number(&format!("{at}.answer"), answer, params, &mut formulas);
                }
            }
            Interaction::Hotspot {
                alt,
                width,
                height,
                regions,
                correct,
                ..
            } => self.hotspot(at, alt, (*width, *height), regions, correct, langs, params),
            Interaction::Hottext {
                text,
                options,
                correct,
            } => self.hottext(at, (text, options, correct), langs, params),
            Interaction::DragToImage {
                alt,
                width,
                height,
                targets,
                labels,
                ..
            } => self.drag_to_image(at, (alt, *width, *height), (targets, labels), langs, params),
        }
        formulas
    }

    /// Checks that each language's `text` (at `{at}.text`) marks every id of `ids` exactly once as
    /// `[[id]]`, and nothing else (`what` names what an id is: a blank, a phrase).
    fn markers(&mut self, at: &str, text: &Text, ids: &BTreeSet<&str>, what: &str) {
        for (lang, s) in text_variants(text) {
            let path = match lang {
                Some(l) => format!("{at}.text.{l}"),
                None => format!("{at}.text"),
            };
            let markers = cloze_markers(s);
            for m in &markers {
                if !ids.contains(m) {
                    self.error(path.clone(), format!("`[[{m}]]` names no {what}"));
                }
            }
            for id in ids {
                if markers.iter().filter(|m| *m == id).count() != 1 {
                    self.error(
                        path.clone(),
                        format!("{what} `{id}` must appear exactly once as `[[{id}]]`"),
                    );
                }
            }
        }
    }

    /// The picture an item is answered on (a hotspot's, a dragToImage's): alt text, and its size in its
    /// own pixels; whether the size is one (so places in it can be checked against it).
    fn picture(
        &mut self,
        at: &str,
        alt: &Text,
        (width, height): (f64, f64),
        langs: &Langs<'_>,
        params: &[&str],
    ) -> bool {
        if alt.is_blank() {
            self.error(
                format!("{at}.alt"),
                "the image needs alt text saying what it shows",
            );
        } else {
            self.text(&format!("{at}.alt"), alt, langs, params);
        }
        let mut sized = true;
        for (key, v) in [("width", width), ("height", height)] {
            if !(v.is_finite() && v > 0.0 && v <= 100_000.0) {
                self.error(
                    format!("{at}.{key}"),
                    format!("must be the image's {key} in its own pixels (above 0), got {v}"),
                );
                sized = false;
            }
        }
        sized
    }

    /// A hottext: a passage marking each phrase once, at least two phrases, and a key naming phrases.
    fn hottext(
        &mut self,
        at: &str,
        (text, options, correct): (&Text, &[ChoiceOption], &Selection),
        langs: &Langs<'_>,
        params: &[&str],
    ) {
        self.text(&format!("{at}.text"), text, langs, params);
        let ids = self.options(&format!("{at}.options"), options, 2, langs, params);
        self.markers(
            at,
            text,
            &ids.iter().map(String::as_str).collect_set(),
            "phrase",
        );
        match correct {
            Selection::One { correct: id } => {
                if !ids.contains(id) {
                    self.no_such_option(&format!("{at}.correct"), id, &ids);
                }
            }
            Selection::Several { correct, .. } => {
                if correct.is_empty() {
                    self.error(
                        format!("{at}.correct"),
                        "list at least one right phrase (an empty selection is no answer)",
                    );
                }
                let mut seen = BTreeSet::new();
                for (j, id) in correct.iter().enumerate() {
                    if !ids.contains(id) {
                        self.no_such_option(&format!("{at}.correct[{j}]"), id, &ids);
                    } else if !seen.insert(id.as_str()) {
                        self.error(
                            format!("{at}.correct[{j}]"),
                            format!("`{id}` is listed twice"),
                        );
                    }
                }
            }
        }
    }

    /// A drag-to-image: a positive image size, alt text, targets inside the image each naming a label
    /// as its answer, and labels and target names that can be told apart. (The image file itself is
    /// checked with the item's other media.)
    fn drag_to_image(
        &mut self,
        at: &str,
        (alt, width, height): (&Text, f64, f64),
        (targets, labels): (&[DropTarget], &[DragLabel]),
        langs: &Langs<'_>,
        params: &[&str],
    ) {
        let size_ok = self.picture(at, alt, (width, height), langs, params);
        let label_ids = self
            .ids(
                &format!("{at}.labels"),
                labels.iter().map(|l| l.id.as_str()),
            )
            .into_iter()
            .map(str::to_owned)
            .collect_set();
        if labels.len() < 2 {
            self.error(
                format!("{at}.labels"),
                "needs at least 2 labels to choose from",
            );
        }
        for (j, l) in labels.iter().enumerate() {
            self.text(&format!("{at}.labels[{j}].text"), &l.text, langs, params);
        }
        self.distinct(
            &format!("{at}.labels"),
            labels.iter().map(|l| &l.text),
            "text",
            "two labels that read the same make a right placement look wrong",
        );
        self.ids(
            &format!("{at}.targets"),
            targets.iter().map(|t| t.id.as_str()),
        );
        if targets.is_empty() {
            self.error(format!("{at}.targets"), "needs at least one target");
        }
        for (j, t) in targets.iter().enumerate() {
            let path = format!("{at}.targets[{j}]");
            // A blank name is refused by `text`: each target's menu needs one.
            self.text(&format!("{path}.text"), &t.text, langs, params);
            for (key, v, max) in [("x", t.x, width), ("y", t.y, height)] {
                if size_ok && !(v.is_finite() && (0.0..=max).contains(&v)) {
                    self.error(
                        format!("{path}.{key}"),
                        format!("{v} is outside the image (0 to {max})"),
                    );
                }
            }
            if !label_ids.contains(&t.answer) {
                let listed = label_ids.iter().cloned().collect::<Vec<_>>().join(", ");
                let near = nearest(&t.answer, label_ids.iter().map(String::as_str))
                    .map_or(String::new(), |n| format!("; did you mean `{n}`?"));
                self.error(
                    format!("{path}.answer"),
                    format!("`{}` is not one of the labels ({listed}){near}", t.answer),
                );
            }
        }
        self.distinct(
            &format!("{at}.targets"),
            targets.iter().map(|t| &t.text),
            "text",
            "two targets with the same name cannot be told apart by their menus",
        );
    }

    /// A hotspot's image size, its regions (ids, labels, inside the image) and its key.
    #[allow(clippy::too_many_arguments)]
    fn hotspot(
        &mut self,
        at: &str,
        alt: &Text,
        (width, height): (f64, f64),
        regions: &[Region],
        correct: &HotspotKey,
        langs: &Langs<'_>,
        params: &[&str],
    ) {
        let sized = self.picture(at, alt, (width, height), langs, params);
        let ids = self.ids(
            &format!("{at}.regions"),
            regions.iter().map(|r| r.id.as_str()),
        );
        if regions.is_empty() || regions.len() > MAX_REGIONS {
            self.error(
                format!("{at}.regions"),
                format!(
                    "a hotspot image needs 1 to {MAX_REGIONS} regions, got {}",
                    regions.len()
                ),
            );
        }
        for (j, r) in regions.iter().enumerate() {
            let path = format!("{at}.regions[{j}]");
            if r.label.is_blank() {
                self.error(
                    format!("{path}.label"),
                    "each region needs a label: its name for a learner who picks it by keyboard or hears it",
                );
            } else {
                self.text(&format!("{path}.label"), &r.label, langs, params);
            }
            if sized {
                if let Err(e) = r.outline.check(width, height) {
                    self.error(format!("{path}.coords"), e.to_string());
                }
            }
            let (w, h) = r.outline.extent();
            if w < 24.0 || h < 24.0 {
                self.warn(
                    format!("{path}.coords"),
                    format!("the region is {} by {} pixels: under 24 pixels across it is hard to hit with a finger (shown at the image's size at most)", w.round(), h.round()),
                );
            }
        }
        // One region to pick among one is no question: the only pick is the right one.
        if !correct.is_several() && regions.len() == 1 {
            self.error(
                format!("{at}.regions"),
                "one region to pick (`correct` a single id) needs at least 2 regions to pick from",
            );
        }
        if correct.correct().is_empty() {
            self.error(
                format!("{at}.correct"),
                "name at least one region that is right",
            );
        }
        let ids: BTreeSet<String> = ids.into_iter().map(str::to_owned).collect();
        let mut seen = BTreeSet::new();
        for (j, id) in correct.correct().into_iter().enumerate() {
            let at_key = match correct {
                HotspotKey::One(_) => format!("{at}.correct"),
                HotspotKey::Several(_) => format!("{at}.correct[{j}]"),
            };
            if !ids.contains(id) {
                let known: BTreeSet<&str> = ids.iter().map(String::as_str).collect_set();
                let listed = ids.iter().cloned().collect::<Vec<_>>().join(", ");
                let message = match nearest(id, known.iter().copied()) {
                    Some(n) => {
                        format!("`{id}` is not one of the regions ({listed}); did you mean `{n}`?")
                    }
                    None => format!("`{id}` is not one of the regions ({listed})"),
                };
                self.error(at_key, message);
            } else if !seen.insert(id) {
                self.error(at_key, format!("`{id}` is listed twice"));
            }
        }
    }

    /// Checks that a `shade` model can be drawn and its key met on it, for every combination of
    /// parameter values.
    fn shade_key(&mut self, at: &str, item: &Item, template: Option<&Template>) {
        let Interaction::Shade { model, key } = &item.interaction else {
            return;
        };
        let names: Vec<String> = template.map(Template::names).unwrap_or_default();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut numbers = model.numbers();
        if let ShadeKey::Share { answer } = key {
            numbers.push(("answer", answer));
        }
        // A formula that does not parse is reported by `interaction`.
        if !numbers.iter().all(|(_, v)| match v {
            NumberValue::Formula(src) => expr::parse(src, &names).is_ok(),
            NumberValue::Literal(_) => true,
        }) {
            return;
        }
        let cases = match template.filter(|t| !t.is_empty()) {
            Some(t) => t.checked_values(),
            None => vec![(Default::default(), String::new())],
        };
        for (values, said) in cases {
            let when = if said.is_empty() {
                String::new()
            } else {
                format!(" (when {said})")
            };
            let parts = match model.resolve(&values) {
                Ok(p) => p.count(),
                Err(e) => {
                    self.error(format!("{at}.{}", e.field()), format!("{e}{when}"));
                    return;
                }
            };
            let problem = match key {
                ShadeKey::Share { answer } => {
                    let share = match answer {
                        NumberValue::Literal(v) => Ok(*v),
                        NumberValue::Formula(src) => expr::parse(src, &names)
                            .map_err(|e| e.to_string())
                            .and_then(|e| {
                                e.eval(&|v: &str| values.get(v).copied())
                                    .map_err(|e| e.to_string())
                            }),
                    };
                    match share {
                        Ok(share) => shade::parts_for_share(share, parts)
                            .err()
                            .map(|e| ("answer".to_owned(), e.to_string())),
                        Err(e) => Some((
                            "answer".to_owned(),
                            format!("the formula does not work: {e}"),
                        )),
                    }
                }
                ShadeKey::Parts { shaded_parts } => {
                    shade::check_named(shaded_parts, parts).err().map(|e| {
                        let at = match e {
                            shade::KeyError::NoSuchPart { part, .. }
                            | shade::KeyError::Twice(part) => shaded_parts
                                .iter()
                                .position(|p| *p == part)
                                .map_or("shadedParts".to_owned(), |j| format!("shadedParts[{j}]")),
                            _ => "shadedParts".to_owned(),
                        };
                        (at, e.to_string())
                    })
                }
            };
            if let Some((field, message)) = problem {
                self.error(format!("{at}.{field}"), format!("{message}{when}"));
                return;
            }
        }
    }

    /// The picture a hotspot or a dragToImage item is answered on is a picture in the package, of the
    /// size the item declares: its regions and targets are placed in the picture's own pixels, and the
    /// player draws it at the declared size, so another size would misplace them on it.
    fn answered_picture(&mut self, at: &str, item: &Item, media: MediaLookup<'_>) {
        let (Interaction::Hotspot {
            image,
            width,
            height,
            ..
        }
        | Interaction::DragToImage {
            image,
            width,
            height,
            ..
        }) = &item.interaction
        else {
            return;
        };
        let path = format!("{at}.interaction.image");
        let errors = self.report.errors.len();
        self.media(&path, image, media, IMAGE_KINDS);
        if self.report.errors.len() > errors {
            return;
        }
        let Some((w, h)) = media(image).and_then(|f| f.pixels) else {
            return;
        };
        let off = |declared: f64, real: f64| (declared - real).abs() >= 0.5;
        if off(*width, w) || off(*height, h) {
            self.error(
                format!("{at}.interaction.width"),
                format!(
                    "`{image}` is {w} by {h} pixels, but `width` and `height` say {width} by {height}: the places on it are in its own pixels, so write its real size (or scale the places with it)",
                ),
            );
        }
    }

    fn options(
        &mut self,
        at: &str,
        options: &[ChoiceOption],
        min: usize,
        langs: &Langs<'_>,
        params: &[&str],
    ) -> BTreeSet<String> {
        let ids = self
            .ids(at, options.iter().map(|o| o.id.as_str()))
            .into_iter()
            .map(str::to_owned)
            .collect_set();
        if options.len() < min {
            self.error(at, format!("needs at least {min} options"));
        }
        for (j, o) in options.iter().enumerate() {
            self.text(&format!("{at}[{j}].text"), &o.text, langs, params);
            if let Some(f) = &o.feedback {
                self.text(&format!("{at}[{j}].feedback"), f, langs, params);
            }
        }
        ids
    }

    /// An error at the second of two texts of a list (`at[j].field`) that read the same in one language.
    fn distinct<'t>(
        &mut self,
        at: &str,
        texts: impl Iterator<Item = &'t Text>,
        field: &str,
        why: &str,
    ) {
        // The language and the text in one string (a set of `String`, not of pairs: each set type is
        // its own copy of `BTreeMap`'s code in the player's first module, #19). A language tag has no
        // NUL, and the leading letter keeps "no language" apart from every tag.
        let mut seen: BTreeSet<String> = BTreeSet::new();
        for (j, text) in texts.enumerate() {
            for (lang, s) in text_variants(text) {
                let words = s.split_whitespace().collect::<Vec<_>>().join(" ");
                let key = match lang {
                    Some(lang) => format!("s{lang}\0{words}"),
                    None => format!("n{words}"),
                };
                if !words.is_empty() && !seen.insert(key) {
                    self.error(
                        format!("{at}[{j}].{field}"),
                        format!("`{}` is there twice; {why}", s.trim()),
                    );
                    return;
                }
            }
        }
    }

    fn no_such_option(&mut self, path: &str, id: &str, ids: &BTreeSet<String>) {
        let known: BTreeSet<&str> = ids.iter().map(String::as_str).collect_set();
        let listed = ids.iter().cloned().collect::<Vec<_>>().join(", ");
        let message = match nearest(id, known.iter().copied()) {
            Some(n) => format!(
                "the answer `{id}` is not one of the options ({listed}); did you mean `{n}`?"
            ),
            None => format!("the answer `{id}` is not one of the options ({listed})"),
        };
        self.error(path, message);
    }

    fn accepted(&mut self, at: &str, accepted: &Accepted, langs: &Langs<'_>, params: &[&str]) {
        match accepted {
            Accepted::All(list) => self.accepted_list(at, list, params),
            Accepted::PerLanguage(map) => {
                if !map.contains_key(langs.default) {
                    self.error(
                        at,
                        format!(
                            "no accepted answers in the default language `{}`, which serves every \
                             language without its own",
                            langs.default
                        ),
                    );
                }
                for lang in &langs.all {
                    if *lang != langs.default && !map.contains_key(*lang) {
                        self.warn(
                            at,
                            format!(
                                "no `{lang}` accepted answers; learners reading `{lang}` are checked \
                                 against the `{}` ones",
                                langs.default
                            ),
                        );
                    }
                }
                for (lang, list) in map {
                    if !langs.all.contains(&lang.as_str()) {
                        self.error(
                            format!("{at}.{lang}"),
                            format!(
                                "`{lang}` is not a language of the package (add it to `translations`)"
                            ),
                        );
                    }
                    self.accepted_list(&format!("{at}.{lang}"), list, params);
                }
            }
        }
    }

    fn accepted_list(&mut self, at: &str, accepted: &[String], params: &[&str]) {
        if accepted.is_empty() || accepted.iter().all(|a| a.trim().is_empty()) {
            self.error(at, "list at least one accepted answer");
        } else if let Some(j) = accepted.iter().position(|a| a.trim().is_empty()) {
            self.error(
                format!("{at}[{j}]"),
                "an empty accepted answer would mark an empty reply right; remove it",
            );
        }
        for (j, a) in accepted.iter().enumerate() {
            self.string(&format!("{at}[{j}]"), a, params);
        }
    }

    fn number(
        &mut self,
        path: &str,
        value: &NumberValue,
        params: &[&str],
        formulas: &mut Vec<(String, String)>,
    ) {
        match value {
            NumberValue::Literal(v) if !v.is_finite() => {
                self.error(path, "must be a finite number")
            }
            NumberValue::Literal(_) => {}
            NumberValue::Formula(src) => match expr::parse(src, params) {
                Ok(_) => formulas.push((path.to_owned(), src.clone())),
                Err(e) => self.error(path, format!("the formula does not parse: {e}")),
            },
        }
    }

    fn pages(
        &mut self,
        activity: &Activity,
        item_ids: &BTreeSet<&str>,
        langs: &Langs<'_>,
        media: MediaLookup<'_>,
    ) {
        self.ids("pages", activity.pages.iter().map(|p| p.id.as_str()));
        let mut embedded: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, page) in activity.pages.iter().enumerate() {
            let at = format!("pages[{i}]");
            if let Some(t) = &page.title {
                self.text(&format!("{at}.title"), t, langs, &[]);
            }
            if page.blocks.is_empty() {
                self.error(format!("{at}.blocks"), "a page needs at least one block");
            }
            let mut checks = 0;
            for (j, block) in page.blocks.iter().enumerate() {
                let path = format!("{at}.blocks[{j}]");
                if let Block::Check { item } = block {
                    checks += 1;
                    if checks > 1 {
                        self.error(
                            path.clone(),
                            "a page holds at most one check; put the next one on its own page",
                        );
                    }
                    if self.reference(format!("{path}.item"), "item", item, item_ids) {
                        *embedded.entry(item.as_str()).or_default() += 1;
                    }
                } else {
                    let mut formulas = Vec::new();
                    self.block(&path, block, langs, media, &[], &mut formulas);
                    self.figure(&path, block, None);
                }
            }
        }
        for (i, item) in activity.items.iter().enumerate() {
            match embedded.get(item.id.as_str()) {
                None => self.error(
                    format!("items[{i}]"),
                    format!(
                        "item `{}` is on no page; add a `check` block for it",
                        item.id
                    ),
                ),
                Some(n) if *n > 1 => self.error(
                    format!("items[{i}]"),
                    format!("item `{}` is on {n} pages; it may appear once", item.id),
                ),
                _ => {}
            }
        }
    }

    /// Pictures as options: single choice and multiple response options may be images from the package
    /// (their `text`, required of every option, is the alt text); other options may not.
    fn option_images(&mut self, at: &str, item: &Item, media: MediaLookup<'_>) {
        let (list, options): (&str, &[ChoiceOption]) = match &item.interaction {
            Interaction::SingleChoice { options, .. }
            | Interaction::MultipleResponse { options, .. } => {
                for (j, o) in options.iter().enumerate() {
                    if let Some(src) = &o.image {
                        let path = format!("{at}.interaction.options[{j}].image");
                        self.media(&path, src, media, IMAGE_KINDS);
                    }
                }
                return;
            }
            Interaction::Ordering { options } | Interaction::Hottext { options, .. } => {
                ("options", options)
            }
            _ => return,
        };
        for (j, o) in options.iter().enumerate() {
            if o.image.is_some() {
                self.error(
                    format!("{at}.interaction.{list}[{j}].image"),
                    "only the options of a singleChoice or multipleResponse item may be pictures",
                );
            }
        }
    }

    /// Checks one block of a lesson page or an item (not a page's `check`, which only pages may hold):
    /// its text, its media, and the formulas of a figure's numbers (added to `formulas`).
    fn block(
        &mut self,
        path: &str,
        block: &Block,
        langs: &Langs<'_>,
        media: MediaLookup<'_>,
        params: &[&str],
        formulas: &mut Vec<(String, String)>,
    ) {
        match block {
            Block::Text { text } => self.text(&format!("{path}.text"), text, langs, params),
            Block::Image {
                src,
                alt,
                decorative,
                caption,
            } => {
                self.media(&format!("{path}.src"), src, media, IMAGE_KINDS);
                if alt.is_blank() && !decorative {
                    self.error(
                        format!("{path}.alt"),
                        "an image needs alt text saying what it shows (or `\"decorative\": true` with empty alt)",
                    );
                } else if let (Text::Translated(map), false) = (alt, *decorative) {
                    if let Some((lang, _)) = map.iter().find(|(_, a)| a.trim().is_empty()) {
                        self.error(
                            format!("{path}.alt.{lang}"),
                            format!("the `{lang}` alt text is empty: learners reading `{lang}` would get an image with no description"),
                        );
                    }
                }
                self.text(&format!("{path}.alt"), alt, langs, params);
                if let Some(c) = caption {
                    self.text(&format!("{path}.caption"), c, langs, params);
                }
            }
            Block::Audio { src, transcript } => {
                self.media(
                    &format!("{path}.src"),
                    src,
                    media,
                    &["mp3", "ogg", "opus", "m4a", "wav", "webm"],
                );
                if transcript.is_blank() {
                    self.error(format!("{path}.transcript"), "audio needs a transcript");
                }
                self.text(&format!("{path}.transcript"), transcript, langs, params);
            }
            Block::Math { tex } => {
                if let Err(e) = parse_tex(tex) {
                    self.error(format!("{path}.tex"), e.to_string());
                }
            }
            Block::Check { .. } => self.error(
                path,
                "only a lesson page holds a `check` block; an item's blocks show with its stem",
            ),
            Block::FractionModel { .. } | Block::NumberLine { .. } => {
                if let Some(spec) = block.figure() {
                    for (key, value) in spec.numbers() {
                        self.number(&format!("{path}.{key}"), value, params, formulas);
                    }
                }
                if let Block::NumberLine { points, .. } = block {
                    for (i, p) in points.iter().enumerate() {
                        if let Some(label) = &p.label {
                            self.text(&format!("{path}.points[{i}].label"), label, langs, params);
                        }
                    }
                }
            }
        }
    }

    /// Checks that a figure block can be drawn: for the item's every combination of parameter values
    /// (`template`), or as written. Reports the first failure, with the values it happened at.
    fn figure(&mut self, path: &str, block: &Block, template: Option<&Template>) {
        if let Some(spec) = block.figure() {
            self.drawable(path, &spec, template, &|field| field.to_owned());
        }
    }

    /// Checks that a `numberLine` interaction's line can be drawn and its answer is on a tick of it, for
    /// every combination of parameter values.
    fn number_line_key(&mut self, at: &str, item: &Item, template: Option<&Template>) {
        let Interaction::NumberLine { answer, .. } = &item.interaction else {
            return;
        };
        let point = [super::figure::LinePoint {
            at: answer.clone(),
            label: None,
        }];
        if let Some(spec) = item.interaction.number_line(&point) {
            let rename = |field: &str| {
                if field == "points[0].at" {
                    "answer".to_owned()
                } else {
                    field.to_owned()
                }
            };
            self.drawable(&format!("{at}.interaction"), &spec, template, &rename);
        }
    }

    /// Resolves `spec` for every combination of parameter values (`template`), or as written; reports
    /// the first failure at `path` and the key `rename` makes of the figure's field.
    fn drawable(
        &mut self,
        path: &str,
        spec: &FigureSpec<'_>,
        template: Option<&Template>,
        rename: &dyn Fn(&str) -> String,
    ) {
        // A formula that does not parse is reported by `block`; drawing it would only say it again.
        let parses = spec.numbers().iter().all(|(_, v)| match v {
            NumberValue::Formula(src) => {
                let names: Vec<String> = template.map(Template::names).unwrap_or_default();
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                expr::parse(src, &names).is_ok()
            }
            NumberValue::Literal(_) => true,
        });
        if !parses {
            return;
        }
        let cases = match template.filter(|t| !t.is_empty()) {
            Some(t) => t.checked_values(),
            None => vec![(Default::default(), String::new())],
        };
        for (values, said) in cases {
            if let Err(e) = spec.resolve(&values) {
                let when = if said.is_empty() {
                    String::new()
                } else {
                    format!(" (when {said})")
                };
                self.error(
                    format!("{path}.{}", rename(e.field())),
                    format!("{e}{when}"),
                );
                return;
            }
        }
    }

    fn media(&mut self, path: &str, src: &str, media: MediaLookup<'_>, kinds: &[&str]) {
        if !is_package_path(src) {
            self.error(
                path,
                format!("`{src}` must be a relative path inside the package (no URLs: nothing is fetched from elsewhere)"),
            );
            return;
        }
        let ext = src.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
        let known_kind = kinds.contains(&ext.as_str());
        if !known_kind {
            self.error(
                path,
                format!(
                    "`{src}`: `.{ext}` is not a supported type ({})",
                    kinds.join(", ")
                ),
            );
        }
        match media(src) {
            None => self.error(path, format!("`{src}` is not in the package")),
            Some(f) if f.size > MEDIA_LIMIT_BYTES => self.error(
                path,
                format!(
                    "`{src}` is {} KB; media files must be at most {} KB",
                    f.size.div_ceil(1000),
                    MEDIA_LIMIT_BYTES / 1000
                ),
            ),
            Some(MediaFile {
                problem: Some(problem),
                ..
            }) if known_kind => self.error(path, format!("`{src}` {problem}")),
            Some(_) => {}
        }
    }
}

/// The strings of a text, with their language (None for a plain string).
/// Whether two numeric answers are the same: equal literals, or formulas equal but for spacing.
fn same_number(a: &NumberValue, b: &NumberValue) -> bool {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    match (a, b) {
        (NumberValue::Formula(x), NumberValue::Formula(y)) => squeeze(x) == squeeze(y),
        (NumberValue::Formula(f), NumberValue::Literal(v))
        | (NumberValue::Literal(v), NumberValue::Formula(f)) => {
            squeeze(f).parse::<f64>().is_ok_and(|x| x == *v)
        }
        (x, y) => x == y,
    }
}

/// The rules across activity files, once each is read: an item id is the key of a learner's progress,
/// so it is unique in the whole package; and a mastery rule that needs more answers than a one-pass
/// activity (a lesson, a check or a review: each item answered once, in order) has items can never be met.
/// `activities` holds each activity with its file's text.
pub fn check_across(
    manifest_source: &str,
    manifest: &Manifest,
    activities: &[(&Activity, &str)],
) -> Report {
    let mut report = Report::default();
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for (activity, source) in activities {
        let Some(entry) = manifest.activity(&activity.id) else {
            continue;
        };
        for (i, item) in activity.items.iter().enumerate() {
            match seen.get(item.id.as_str()) {
                Some(first) if *first != entry.file => report.errors.push(PackageError::at(
                    &entry.file,
                    source,
                    format!("items[{i}].id"),
                    format!(
                        "`{}` is also an item of {first}; item ids are unique in the whole package \
                         (a learner's progress is kept by them)",
                        item.id
                    ),
                )),
                Some(_) => {}
                None => {
                    seen.insert(&item.id, &entry.file);
                }
            }
        }
        let one_pass = matches!(
            entry.kind,
            ActivityKind::Lesson | ActivityKind::Check | ActivityKind::Review
        );
        let needed = match entry.mastery {
            Some(super::MasteryRule::MOfN { m, .. }) => Some(m),
            Some(super::MasteryRule::NInARow { n }) => Some(n),
            _ => None,
        };
        let count = activity.items.len();
        if let (true, Some(needed)) = (one_pass, needed) {
            if needed as usize > count {
                let index = manifest
                    .activities
                    .iter()
                    .position(|a| a.id == entry.id)
                    .unwrap_or(0);
                report.errors.push(PackageError::at(
                    super::MANIFEST_FILE,
                    manifest_source,
                    format!("activities[{index}].mastery"),
                    format!(
                        "needs {needed} right answers, but this {} has {count} item(s), each answered once: \
                         it could never be mastered",
                        format!("{:?}", entry.kind).to_lowercase()
                    ),
                ));
            }
        }
    }
    report
}

fn text_variants(text: &Text) -> Vec<(Option<&str>, &str)> {
    match text {
        Text::Plain(s) => vec![(None, s.as_str())],
        Text::Translated(map) => map
            .iter()
            .map(|(l, s)| (Some(l.as_str()), s.as_str()))
            .collect(),
    }
}

/// The blank ids marked `[[id]]` in a cloze text, in order.
pub fn cloze_markers(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("[[") {
        let after = &rest[open + 2..];
        match after.find("]]") {
            Some(close) => {
                out.push(after[..close].trim());
                rest = &after[close + 2..];
            }
            None => break,
        }
    }
    out
}

/// A cycle in the prerequisite graph, as skill ids with the first repeated at the end.
pub fn prerequisite_cycle(m: &Manifest) -> Option<Vec<String>> {
    let graph: BTreeMap<&str, Vec<&str>> = m
        .skills
        .iter()
        .map(|s| {
            (
                s.id.as_str(),
                s.prerequisites.iter().map(String::as_str).collect(),
            )
        })
        .collect_map();
    find_cycle(&graph)
}

/// A cycle in a directed graph (self-loops and edges to unknown nodes are reported elsewhere).
fn find_cycle(graph: &BTreeMap<&str, Vec<&str>>) -> Option<Vec<String>> {
    // Colours: absent = unvisited, 1 = on the current path, 2 = done. (`usize`, the value type of the
    // other `&str` maps here: one copy of `BTreeMap`'s code fewer in the player, #19.)
    fn visit<'a>(
        node: &'a str,
        graph: &BTreeMap<&'a str, Vec<&'a str>>,
        colour: &mut BTreeMap<&'a str, usize>,
        path: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        colour.insert(node, 1);
        path.push(node);
        for &next in graph.get(node).map(Vec::as_slice).unwrap_or(&[]) {
            if next == node || !graph.contains_key(next) {
                continue;
            }
            match colour.get(next) {
                Some(1) => {
                    let start = path.iter().position(|p| *p == next).unwrap_or(0);
                    let mut cycle: Vec<String> =
                        path[start..].iter().map(|s| (*s).to_owned()).collect();
                    cycle.push(next.to_owned());
                    return Some(cycle);
                }
                Some(_) => {}
                None => {
                    if let Some(c) = visit(next, graph, colour, path) {
                        return Some(c);
                    }
                }
            }
        }
        path.pop();
        colour.insert(node, 2);
        None
    }
    let mut colour: BTreeMap<&str, usize> = BTreeMap::new();
    let mut path: Vec<&str> = Vec::new();
    for &node in graph.keys() {
        if !colour.contains_key(node) {
            if let Some(c) = visit(node, graph, &mut colour, &mut path) {
                return Some(c);
            }
        }
    }
    None
}

/// The known name closest to `name` by edit distance, when close enough to be a likely typo.
pub fn nearest<'a>(name: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).clamp(1, 3);
    known
        .map(|k| (edit_distance(name, k), k))
        .filter(|(d, _)| *d <= limit && *d < name.chars().count())
        .min()
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// An absolute IRI: a scheme, `://`, and no whitespace.
pub fn is_iri(s: &str) -> bool {
    match s.split_once("://") {
        Some((scheme, rest)) => {
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !rest.is_empty()
                && !s.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// `MAJOR.MINOR.PATCH`, with optional `-prerelease` and `+build`.
pub fn is_semver(s: &str) -> bool {
    let core = s.split(['-', '+']).next().unwrap_or("");
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars().all(|c| c.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
        })
        && s[core.len()..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '.'))
}

/// A well-formed BCP 47 tag (syntax only): a 2–3 letter language, then subtags of 1–8 letters or digits.
pub fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let lang_ok = parts
        .next()
        .is_some_and(|l| (2..=3).contains(&l.len()) && l.chars().all(|c| c.is_ascii_alphabetic()));
    lang_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A relative path that stays inside the package.
pub fn is_package_path(p: &str) -> bool {
    !p.trim().is_empty()
        && !p.starts_with('/')
        && !p.contains('\\')
        && !p.contains("://")
        && !p.starts_with("data:")
        && p.split('/')
            .all(|seg| !seg.is_empty() && seg != ".." && seg != ".")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-skill, one-activity manifest and the source of its activity: one item with `interaction`.
    fn one_item(interaction: &str) -> (crate::package::Manifest, String) {
        let manifest = crate::package::parse_manifest(
            "pkg.json",
            r#"{"id": "https://e.org/c", "title": "C", "version": "1.0.0", "language": "en",
            "skills": [{"id": "s", "title": "S"}],
            "activities": [{"id": "a", "file": "a.json", "title": "A", "kind": "check", "skills": ["s"]}]}"#,
        )
        .expect("the manifest");
        let source = format!(
            r#"{{"id": "a", "items": [{{"id": "q", "skills": ["s"], "stem": "Q", "interaction": {interaction}}}]}}"#
        );
        (manifest, source)
    }

    /// The errors of a one-item activity with `interaction`, as `path: message` lines.
    fn interaction_errors(interaction: &str) -> Vec<String> {
        let (manifest, source) = one_item(interaction);
        match crate::package::parse_activity("a.json", &source, &manifest.activities[0], &manifest)
        {
            Ok(_) => Vec::new(),
            Err(errors) => errors.iter().map(ToString::to_string).collect(),
        }
    }

    /// The errors of a one-item activity with `interaction` whose every media file is an image of
    /// `pixels` (None: an image whose size its bytes do not say).
    fn errors_with_pictures_of(interaction: &str, pixels: Option<(f64, f64)>) -> Vec<String> {
        let (manifest, source) = one_item(interaction);
        let activity: Activity = crate::package::parse_json("a.json", &source).expect("reads");
        let media = |_: &str| {
            Some(MediaFile {
                size: 100,
                problem: None,
                pixels,
            })
        };
        let report = check_activity(
            "a.json",
            &source,
            &activity,
            &manifest.activities[0],
            &manifest,
            &media,
        );
        report.errors.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_picture_answered_on_has_the_size_its_item_declares() {
        let hotspot = r#"{"type": "hotspot", "image": "m/map.png", "alt": "A map", "width": 200, "height": 100,
            "regions": [{"id": "a", "label": "A", "shape": "circle", "coords": [30, 30, 20]}], "correct": ["a"]}"#;
        let drag = r#"{"type": "dragToImage", "image": "m/line.svg", "alt": "A line", "width": 200, "height": 100,
            "targets": [{"id": "t", "text": "there", "x": 10, "y": 5, "answer": "x"}],
            "labels": [{"id": "x", "text": "X"}, {"id": "y", "text": "Y"}]}"#;
        for interaction in [hotspot, drag] {
            for same in [Some((200.0, 100.0)), Some((200.3, 99.8)), None] {
                assert_eq!(
                    errors_with_pictures_of(interaction, same),
                    Vec::<String>::new(),
                    "{same:?}"
                );
            }
        }
        let errors = errors_with_pictures_of(hotspot, Some((400.0, 200.0)));
        assert!(
            errors.len() == 1
                && errors[0].ends_with(": items[0].interaction.width: `m/map.png` is 400 by 200 pixels, but `width` and `height` say 200 by 100: the places on it are in its own pixels, so write its real size (or scale the places with it)"),
            "{errors:?}"
        );
        let errors = errors_with_pictures_of(drag, Some((200.0, 120.5)));
        assert!(
            errors.len() == 1
                && errors[0].contains(
                    "`m/line.svg` is 200 by 120.5 pixels, but `width` and `height` say 200 by 100"
                ),
            "{errors:?}"
        );
    }

    #[test]
    fn a_hotspot_picks_one_region_or_several() {
        let hotspot = |regions: &str, correct: &str| {
            format!(
                r#"{{"type": "hotspot", "image": "m.svg", "alt": "A map", "width": 100, "height": 100,
                "regions": {regions}, "correct": {correct}}}"#
            )
        };
        let two = r#"[{"id": "a", "label": "A", "shape": "circle", "coords": [30, 30, 20]},
            {"id": "b", "label": "B", "shape": "rect", "coords": [50, 50, 90, 90]}]"#;
        let one = r#"[{"id": "a", "label": "A", "shape": "circle", "coords": [30, 30, 20]}]"#;
        for (regions, correct) in [(two, r#""b""#), (two, r#"["a", "b"]"#), (one, r#"["a"]"#)] {
            assert_eq!(
                interaction_errors(&hotspot(regions, correct)),
                Vec::<String>::new(),
                "{correct}"
            );
        }
        for (regions, correct, expected) in [
            (
                one,
                r#""a""#,
                "interaction.regions: one region to pick (`correct` a single id) needs at least 2 regions",
            ),
            (
                two,
                r#""c""#,
                "interaction.correct: `c` is not one of the regions (a, b)",
            ),
            (two, "[]", "interaction.correct: name at least one region"),
            (
                two,
                r#"["a", "a"]"#,
                "interaction.correct[1]: `a` is listed twice",
            ),
        ] {
            let errors = interaction_errors(&hotspot(regions, correct));
            assert!(
                errors.len() == 1 && errors[0].contains(expected),
                "{correct}: {errors:?}"
            );
        }
    }

    #[test]
    fn hottext_and_drag_to_image_rules() {
        let hottext = |correct: &str| {
            format!(
                r#"{{"type": "hottext", "text": "[[a]] or [[b]]", "options": [{{"id": "a", "text": "A"}},
                {{"id": "b", "text": "B"}}], "correct": {correct}}}"#
            )
        };
        assert_eq!(
            interaction_errors(&hottext(r#"["a"]"#)),
            Vec::<String>::new()
        );
        assert_eq!(interaction_errors(&hottext(r#""b""#)), Vec::<String>::new());
        for (correct, expected) in [
            ("[]", "interaction.correct: list at least one right phrase"),
            (
                r#"["a", "a"]"#,
                "interaction.correct[1]: `a` is listed twice",
            ),
            (
                r#""c""#,
                "interaction.correct: the answer `c` is not one of the options",
            ),
        ] {
            let errors = interaction_errors(&hottext(correct));
            assert!(
                errors.len() == 1 && errors[0].contains(expected),
                "{correct}: {errors:?}"
            );
        }
        let drag = |alt: &str, size: &str, target: &str, labels: &str| {
            format!(
                r#"{{"type": "dragToImage", "image": "m/p.svg", "alt": "{alt}", {size},
                "targets": [{target}, {{"id": "u", "text": "up", "x": 0, "y": 0, "answer": "x"}}],
                "labels": {labels}}}"#
            )
        };
        let ok_target = r#"{"id": "t", "text": "there", "x": 10, "y": 5, "answer": "x"}"#;
        let ok_labels = r#"[{"id": "x", "text": "X"}, {"id": "y", "text": "Y"}]"#;
        let size = r#""width": 10, "height": 5"#;
        assert_eq!(
            interaction_errors(&drag("P", size, ok_target, ok_labels)),
            Vec::<String>::new(),
            "a target on the picture's edge is inside it"
        );
        for (alt, size, target, labels, expected) in [
            (
                "",
                size,
                ok_target,
                ok_labels,
                "interaction.alt: the image needs alt text",
            ),
            (
                "P",
                r#""width": 0, "height": 5"#,
                ok_target,
                ok_labels,
                "interaction.width: must be the image's width",
            ),
            (
                "P",
                size,
                r#"{"id": "t", "text": "there", "x": 10, "y": 5.5, "answer": "x"}"#,
                ok_labels,
                "interaction.targets[0].y: 5.5 is outside the image (0 to 5)",
            ),
            (
                "P",
                size,
                r#"{"id": "t", "text": " ", "x": 1, "y": 1, "answer": "x"}"#,
                ok_labels,
                "interaction.targets[0].text: the text is empty",
            ),
            (
                "P",
                size,
                r#"{"id": "t", "text": "up", "x": 1, "y": 1, "answer": "x"}"#,
                ok_labels,
                "interaction.targets[1].text: `up` is there twice",
            ),
            (
                "P",
                size,
                ok_target,
                r#"[{"id": "x", "text": "X"}]"#,
                "interaction.labels: needs at least 2 labels",
            ),
            (
                "P",
                size,
                ok_target,
                r#"[{"id": "x", "text": "X"}, {"id": "y", "text": "X"}]"#,
                "interaction.labels[1].text: `X` is there twice",
            ),
        ] {
            let errors = interaction_errors(&drag(alt, size, target, labels));
            assert!(
                errors.len() == 1 && errors[0].contains(expected),
                "{expected}: {errors:?}"
            );
        }
    }

    #[test]
    fn nearest_names_a_likely_typo_only() {
        let known = ["fractions", "decimals", "unit-fractions"];
        assert_eq!(
            nearest("fractons", known.iter().copied()),
            Some("fractions")
        );
        assert_eq!(nearest("geometry", known.iter().copied()), None);
    }

    #[test]
    fn tags_versions_and_paths() {
        for ok in ["en", "es-419", "zh-Hant-TW", "pt-BR"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in ["english", "en_US", "", "e", "en-", "en-toolongsubtag"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
        assert!(is_semver("1.0.0") && is_semver("0.2.10-beta.1+b5"));
        assert!(!is_semver("1.0") && !is_semver("01.0.0") && !is_semver("v1.0.0"));
        assert!(is_package_path("content/a.json"));
        for bad in [
            "../x",
            "/etc/x",
            "a/../b",
            "https://x/y.png",
            "a//b",
            "data:image/png",
        ] {
            assert!(!is_package_path(bad), "{bad}");
        }
    }

    #[test]
    fn cloze_markers_are_found_in_order() {
        assert_eq!(cloze_markers("[[a]] over [[ b ]] is [[c"), vec!["a", "b"]);
    }
}
