//! `pacer fit`: the package's parameters fitted from the answers a class gave, read back from xAPI
//! statements (a JSON file, an LRS `statements` endpoint with `more` paging, or both).
//!
//! Statements are read with the package's own vocabulary: an `answered` statement whose object is one of the
//! package's items (`<package>/activities/<activity>/items/<item>`). The evidence rules are the engine's:
//! a learner's first answer to an item (or to a fresh variant of a parameterised one) counts, and an
//! answer after a hint or the worked solution counts as not known. Answers are grouped per learner and
//! skill in time order. Per skill, plain BKT is fitted (the skill's `bkt`), then KT-IDEM with per-item
//! learning (each item with at least `min_answers` answers gets its own guess, slip and learn; the others
//! keep the skill's values and are listed). Bad statements are counted and skipped, never fatal.
//!
//! The fitted values go into a copy of the package, as a new patch version, which is validated; the
//! report gives, per skill, learners, answers, fitted values, the log-likelihood, and the AUC on held-out
//! learners (one in five) of the fitted against the current parameters. It is not the EM itself (that is
//! [`crate::engine::fit`]) and it changes nothing in the source package.

use crate::engine::fit::{auc, fit, FitOptions, Fitted, GroupValues, Sequences};
use crate::engine::plan::skill_params;
use crate::engine::SkillParams;
use crate::package::Package;
use crate::rng::SeededRng;
use crate::xapi::statement::{
    item_iri, EXT_HINTS_USED, EXT_PARAMETERS, EXT_SOLUTION_VIEWED, VERB_ANSWERED,
};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::Path;

/// Items with fewer answers than this keep the skill's values, by default.
pub const DEFAULT_MIN_ANSWERS: usize = 50;

/// One answer that counts as evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub learner: String,
    pub activity: String,
    pub item: String,
    /// The variant's parameter values, as JSON (empty for a fixed item).
    pub variant: String,
    pub at_ms: i64,
    pub statement_id: String,
    /// Right at the first try, without help.
    pub correct: bool,
}

/// Statements left out, by why.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Skipped {
    pub not_answered: usize,
    pub not_this_package: usize,
    pub malformed: usize,
    pub duplicate: usize,
    pub later_attempt: usize,
}

impl Skipped {
    pub fn total(&self) -> usize {
        self.not_answered
            + self.not_this_package
            + self.malformed
            + self.duplicate
            + self.later_attempt
    }
}

/// The statements of a JSON text: an array, one statement, or an LRS page `{"statements": [...]}`.
pub fn statements_of(text: &str) -> Result<(Vec<Value>, Option<String>), String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    Ok(match value {
        Value::Array(list) => (list, None),
        Value::Object(mut page) if page.contains_key("statements") => {
            let more = page
                .get("more")
                .and_then(Value::as_str)
                .filter(|m| !m.is_empty())
                .map(str::to_owned);
            match page.remove("statements") {
                Some(Value::Array(list)) => (list, more),
                _ => return Err("`statements` is not an array".into()),
            }
        }
        other @ Value::Object(_) => (vec![other], None),
        _ => return Err("expected an array of statements or an LRS page".into()),
    })
}

/// Milliseconds since the epoch of an ISO 8601 timestamp (`2026-12-03T10:00:00.123Z`, or with an offset).
pub fn parse_timestamp(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = s.get(from..from + len)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || (b[10] != b'T' && b[10] != b't') {
        return None;
    }
    let (y, mo, d) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (h, mi, se) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    let mut i = 19;
    let mut ms = 0i64;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let digits = s.get(start..i)?;
        let first3: String = digits.chars().chain("000".chars()).take(3).collect();
        ms = first3.parse().ok()?;
    }
    let offset_min = match s.get(i..)? {
        "Z" | "z" => 0,
        rest if rest.len() == 6 && (rest.starts_with('+') || rest.starts_with('-')) => {
            let sign = if rest.starts_with('-') { -1 } else { 1 };
            sign * (num(i + 1, 2)? * 60 + num(i + 4, 2)?)
        }
        _ => return None,
    };
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if mo <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (mo + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(((days * 24 + h) * 60 + mi - offset_min) * 60_000 + se * 1000 + ms)
}

/// Who the statement is about, as one string.
fn actor_key(actor: &Value) -> Option<String> {
    if let Some(account) = actor.get("account") {
        let home = account.get("homePage")?.as_str()?;
        let name = account.get("name")?.as_str()?;
        return Some(format!("account:{home}|{name}"));
    }
    for key in ["mbox", "mbox_sha1sum", "openid"] {
        if let Some(v) = actor.get(key).and_then(Value::as_str) {
            return Some(format!("{key}:{v}"));
        }
    }
    None
}

/// The evidence in `statements`: first tries only, help counted as not known, in time order (ties by
/// statement id).
pub fn answers(package: &Package, statements: &[Value], skipped: &mut Skipped) -> Vec<Answer> {
    let mut items: HashMap<String, (&str, &str)> = HashMap::new();
    for activity in &package.activities {
        for item in &activity.items {
            let iri = item_iri(&package.manifest, &activity.id, &item.id);
            items.insert(iri, (activity.id.as_str(), item.id.as_str()));
        }
    }
    let mut all: Vec<Answer> = Vec::new();
    let mut ids = std::collections::HashSet::new();
    for s in statements {
        let verb = s.pointer("/verb/id").and_then(Value::as_str);
        if verb.is_some() && verb != Some(VERB_ANSWERED) {
            skipped.not_answered += 1;
            continue;
        }
        let Some(object) = s.pointer("/object/id").and_then(Value::as_str) else {
            skipped.malformed += 1;
            continue;
        };
        let Some(&(activity, item)) = items.get(object) else {
            skipped.not_this_package += 1;
            continue;
        };
        let learner = s.get("actor").and_then(actor_key);
        let at = s
            .get("timestamp")
            .and_then(Value::as_str)
            .and_then(parse_timestamp);
        let success = s.pointer("/result/success").and_then(Value::as_bool);
        let (Some(learner), Some(at_ms), Some(success), Some(_)) = (learner, at, success, verb)
        else {
            skipped.malformed += 1;
            continue;
        };
        let statement_id = s
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        if !statement_id.is_empty() && !ids.insert(statement_id.clone()) {
            skipped.duplicate += 1;
            continue;
        }
        let ext = |key: &str| s.pointer("/result/extensions").and_then(|e| e.get(key));
        let hints = ext(EXT_HINTS_USED).and_then(Value::as_u64).unwrap_or(0);
        let solution = ext(EXT_SOLUTION_VIEWED)
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let variant = ext(EXT_PARAMETERS)
            .map(Value::to_string)
            .unwrap_or_default();
        all.push(Answer {
            learner,
            activity: activity.to_owned(),
            item: item.to_owned(),
            variant,
            at_ms,
            statement_id,
            correct: success && hints == 0 && !solution,
        });
    }
    all.sort_by(|a, b| (a.at_ms, &a.statement_id).cmp(&(b.at_ms, &b.statement_id)));
    let mut seen = std::collections::HashSet::new();
    all.retain(|a| {
        let first = seen.insert((
            a.learner.clone(),
            a.activity.clone(),
            a.item.clone(),
            a.variant.clone(),
        ));
        if !first {
            skipped.later_attempt += 1;
        }
        first
    });
    all
}

/// How `pacer fit` runs.
#[derive(Debug, Clone, Copy)]
pub struct FitSettings {
    pub min_answers: usize,
    pub em: FitOptions,
}

impl Default for FitSettings {
    fn default() -> Self {
        FitSettings {
            min_answers: DEFAULT_MIN_ANSWERS,
            em: FitOptions::default(),
        }
    }
}

/// One skill's fit, as reported.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SkillFit {
    pub skill_id: String,
    pub learners: usize,
    pub answers: usize,
    pub prior: f64,
    pub learn: f64,
    pub guess: f64,
    pub slip: f64,
    /// Of the answers, under the fitted values (KT-IDEM).
    pub log_likelihood: f64,
    /// Of the answers, under the package's current values.
    pub log_likelihood_current: f64,
    /// On held-out learners: the values fitted without them, and the current ones.
    pub held_out_auc_fitted: Option<f64>,
    pub held_out_auc_current: Option<f64>,
    pub held_out_learners: usize,
    pub items: Vec<ItemFit>,
    /// Items with too few answers: they keep the skill's values.
    pub too_few_answers: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemFit {
    pub item_id: String,
    pub answers: usize,
    pub guess: f64,
    pub slip: f64,
    pub learn: f64,
}

/// What `pacer fit` did.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FitReport {
    pub statements: usize,
    pub answers: usize,
    pub skipped: Skipped,
    pub skills: Vec<SkillFit>,
    pub version: String,
}

/// Each learner's `(item, correct)` answers to one skill, in time order.
type PerLearner<'a> = BTreeMap<&'a str, Vec<(&'a str, bool)>>;

/// One skill's data: every learner's answers, the items answered, and per learner whether held out.
struct SkillData {
    items: Vec<String>,
    counts: Vec<usize>,
    sequences: Vec<Vec<(u32, bool)>>,
    held_out: Vec<bool>,
}

/// Fits every skill that has answers. Deterministic for the same statements and settings.
pub fn fit_answers(package: &Package, answers: &[Answer], settings: &FitSettings) -> Vec<SkillFit> {
    let mut item_skills: HashMap<&str, &[String]> = HashMap::new();
    for activity in &package.activities {
        for item in &activity.items {
            item_skills.insert(item.id.as_str(), &item.skills);
        }
    }
    // The manifest has read every activity's items (`package::load`): their current values.
    let current = skill_params(&package.manifest);
    // Per skill, per learner, in time order.
    let mut per_skill: BTreeMap<&str, PerLearner<'_>> = BTreeMap::new();
    for a in answers {
        let Some(skills) = item_skills.get(a.item.as_str()) else {
            continue;
        };
        for skill in skills.iter() {
            per_skill
                .entry(skill.as_str())
                .or_default()
                .entry(a.learner.as_str())
                .or_default()
                .push((a.item.as_str(), a.correct));
        }
    }
    let mut out = Vec::new();
    for (skill, learners) in per_skill {
        let mut items: Vec<String> = Vec::new();
        let mut index: HashMap<&str, u32> = HashMap::new();
        let mut counts: Vec<usize> = Vec::new();
        let mut sequences = Vec::new();
        let mut held_out = Vec::new();
        for (learner, seq) in &learners {
            let mut s = Vec::with_capacity(seq.len());
            for &(item, correct) in seq {
                let i = *index.entry(item).or_insert_with(|| {
                    items.push(item.to_owned());
                    counts.push(0);
                    (items.len() - 1) as u32
                });
                counts[i as usize] += 1;
                s.push((i, correct));
            }
            sequences.push(s);
            held_out.push(SeededRng::seed_from(&["held-out", learner]) % 5 == 0);
        }
        let data = SkillData {
            items,
            counts,
            sequences,
            held_out,
        };
        out.push(fit_skill(skill, &data, &current, settings));
    }
    out
}

fn sequences(data: &SkillData, map: &[u32], keep: impl Fn(usize) -> bool) -> Sequences {
    let mut s = Sequences::new();
    for (k, seq) in data.sequences.iter().enumerate() {
        if keep(k) {
            s.push(seq.iter().map(|&(i, c)| (map[i as usize], c)));
        }
    }
    s
}

/// The package's current values for each of the skill's items, as a fit would give them.
fn current_values(skill: &str, data: &SkillData, current: &SkillParams) -> Fitted {
    let p = current.for_skill(skill);
    Fitted {
        prior: p.prior(),
        forget: p.forget(),
        groups: (data.items.iter())
            .map(|item| {
                let step = current.for_item(skill, item);
                GroupValues {
                    guess: step.guess,
                    slip: step.slip,
                    learn: step.learn,
                }
            })
            .collect(),
        log_likelihood: 0.0,
        iterations: 0,
    }
}

/// Plain BKT for the skill, then KT-IDEM; the values each item will be read with, per item index.
fn fit_values(
    data: &SkillData,
    keep: &dyn Fn(usize) -> bool,
    settings: &FitSettings,
) -> Option<(Fitted, Vec<bool>)> {
    let one_group = vec![0u32; data.items.len()];
    let plain = fit(&sequences(data, &one_group, keep), None, &settings.em)?;
    let own: Vec<bool> = data
        .counts
        .iter()
        .map(|&n| n >= settings.min_answers)
        .collect();
    // Items with enough answers get a group each; the rest share one, which is not written.
    let mut map = Vec::with_capacity(own.len());
    let mut next = 0u32;
    for &o in &own {
        if o {
            map.push(next);
            next += 1;
        } else {
            map.push(u32::MAX);
        }
    }
    let rest = next;
    for m in &mut map {
        if *m == u32::MAX {
            *m = rest;
        }
    }
    let start = Fitted {
        groups: vec![plain.groups[0]; rest as usize + 1],
        ..plain.clone()
    };
    let idem = fit(&sequences(data, &map, keep), Some(&start), &settings.em)?;
    // Per item: its own values, or the skill's (plain BKT) for the others.
    let per_item = Fitted {
        prior: plain.prior,
        forget: 0.0,
        groups: (0..data.items.len())
            .map(|i| {
                if own[i] {
                    idem.groups[map[i] as usize]
                } else {
                    plain.groups[0]
                }
            })
            .collect(),
        log_likelihood: 0.0,
        iterations: idem.iterations,
    };
    let mut groups = vec![plain.groups[0]];
    groups.extend(per_item.groups);
    Some((Fitted { groups, ..plain }, own))
}

fn fit_skill(
    skill: &str,
    data: &SkillData,
    current: &SkillParams,
    settings: &FitSettings,
) -> SkillFit {
    let identity: Vec<u32> = (0..data.items.len() as u32).collect();
    let all = |_: usize| true;
    let everyone = sequences(data, &identity, all);
    let now = current_values(skill, data, current);
    let log_likelihood_current = crate::engine::fit::log_likelihood(&everyone, &now);
    let Some((values, own)) = fit_values(data, &all, settings) else {
        return SkillFit {
            skill_id: skill.to_owned(),
            learners: 0,
            answers: 0,
            prior: now.prior,
            learn: 0.0,
            guess: 0.0,
            slip: 0.0,
            log_likelihood: 0.0,
            log_likelihood_current,
            held_out_auc_fitted: None,
            held_out_auc_current: None,
            held_out_learners: 0,
            items: Vec::new(),
            too_few_answers: data.items.clone(),
        };
    };
    let (skill_values, per_item) = split(&values);
    let log_likelihood = crate::engine::fit::log_likelihood(&everyone, &per_item);
    // Held out: fitted on four learners in five, scored on the fifth.
    let train = |k: usize| !data.held_out[k];
    let test = sequences(data, &identity, |k| data.held_out[k]);
    let held_out_auc_fitted =
        fit_values(data, &train, settings).and_then(|(v, _)| auc(&split(&v).1.predictions(&test)));
    let held_out_auc_current = auc(&now.predictions(&test));
    let items = (0..data.items.len())
        .filter(|&i| own[i])
        .map(|i| ItemFit {
            item_id: data.items[i].clone(),
            answers: data.counts[i],
            guess: per_item.groups[i].guess,
            slip: per_item.groups[i].slip,
            learn: per_item.groups[i].learn,
        })
        .collect();
    let too_few_answers = (0..data.items.len())
        .filter(|&i| !own[i])
        .map(|i| data.items[i].clone())
        .collect();
    SkillFit {
        skill_id: skill.to_owned(),
        learners: everyone.learners(),
        answers: everyone.len(),
        prior: skill_values.prior,
        learn: skill_values.groups[0].learn,
        guess: skill_values.groups[0].guess,
        slip: skill_values.groups[0].slip,
        log_likelihood,
        log_likelihood_current,
        held_out_auc_fitted,
        held_out_auc_current,
        held_out_learners: test.learners(),
        items,
        too_few_answers,
    }
}

/// [`fit_values`] packs the skill's plain-BKT group first, then one group per item.
fn split(values: &Fitted) -> (Fitted, Fitted) {
    let skill = Fitted {
        groups: values.groups[..1].to_vec(),
        ..values.clone()
    };
    let items = Fitted {
        groups: values.groups[1..].to_vec(),
        ..values.clone()
    };
    (skill, items)
}

/// The next patch version of a `MAJOR.MINOR.PATCH[-pre][+build]` version.
pub fn next_version(version: &str) -> String {
    let core = version.split(['-', '+']).next().unwrap_or(version);
    let parts: Vec<u64> = core.split('.').filter_map(|p| p.parse().ok()).collect();
    match parts.as_slice() {
        [major, minor, patch] => format!("{major}.{minor}.{}", patch + 1),
        _ => format!("{core}.1"),
    }
}

fn round(x: f64) -> Value {
    // Six decimals: well inside what a fit can tell apart, and readable in a diff.
    serde_json::json!((x * 1e6).round() / 1e6)
}

/// Copies the package's files (its manifest, activity files and media, nothing else of the folder) from
/// `from` to `to` (which must not exist), with the fitted values written into the manifest and activity
/// files and the version raised.
pub fn write_fitted(
    package: &Package,
    from: &Path,
    to: &Path,
    skills: &[SkillFit],
) -> Result<String, String> {
    if to.exists() {
        return Err(format!(
            "{}: already exists; choose a new folder",
            to.display()
        ));
    }
    // The package's own files only: a package often sits at the root of a project (the demo course sits
    // beside `target/` and `node_modules/`), and a copy of the folder would copy all of that.
    for path in super::pack::used_files(package) {
        let target = to.join(&path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        fs::copy(from.join(&path), &target).map_err(|e| format!("{}: {e}", target.display()))?;
    }
    let manifest_path = to.join(crate::package::MANIFEST_FILE);
    let mut manifest = read_json(&manifest_path)?;
    let version = next_version(&package.manifest.version);
    manifest["version"] = Value::String(version.clone());
    // A packed package's checksum list is not copied (the values change the files it lists), so the copy
    // must not say it has one.
    if let Some(object) = manifest.as_object_mut() {
        object.remove("sha256List");
    }
    let fits: BTreeMap<&str, &SkillFit> = skills
        .iter()
        .filter(|s| s.answers > 0)
        .map(|s| (s.skill_id.as_str(), s))
        .collect();
    if let Some(list) = manifest.get_mut("skills").and_then(Value::as_array_mut) {
        for skill in list {
            let id = skill.get("id").and_then(Value::as_str).unwrap_or_default();
            if let Some(f) = fits.get(id) {
                skill["bkt"] = serde_json::json!({
                    "prior": round(f.prior),
                    "learn": round(f.learn.max(1e-6)),
                    "guess": round(f.guess),
                    "slip": round(f.slip),
                });
            }
        }
    }
    write_json(&manifest_path, &manifest)?;
    let own: HashMap<&str, &ItemFit> = skills
        .iter()
        .flat_map(|s| s.items.iter())
        .map(|i| (i.item_id.as_str(), i))
        .collect();
    let listed: std::collections::HashSet<&str> = skills
        .iter()
        .flat_map(|s| s.too_few_answers.iter().map(String::as_str))
        .collect();
    for entry in &package.manifest.activities {
        let path = to.join(&entry.file);
        let mut activity = read_json(&path)?;
        let mut changed = false;
        if let Some(items) = activity.get_mut("items").and_then(Value::as_array_mut) {
            for item in items {
                let id = item
                    .get("id")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                let Some(obj) = item.as_object_mut() else {
                    continue;
                };
                if let Some(f) = own.get(id.as_str()) {
                    obj.insert("guess".into(), round(f.guess));
                    obj.insert("slip".into(), round(f.slip));
                    obj.insert("learn".into(), round(f.learn));
                    changed = true;
                } else if listed.contains(id.as_str()) {
                    for key in ["guess", "slip", "learn"] {
                        changed |= obj.remove(key).is_some();
                    }
                }
            }
        }
        if changed {
            write_json(&path, &activity)?;
        }
    }
    Ok(version)
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn write_json(path: &Path, value: &Value) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    fs::write(path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))
}

/// The report as text, one skill per block.
pub fn render(report: &FitReport) -> String {
    let mut out = format!(
        "{} statements, {} answers as evidence, {} skipped ({} not answers, {} of other packages, {} malformed, {} duplicates, {} later tries)\n",
        report.statements,
        report.answers,
        report.skipped.total(),
        report.skipped.not_answered,
        report.skipped.not_this_package,
        report.skipped.malformed,
        report.skipped.duplicate,
        report.skipped.later_attempt,
    );
    let pct = |x: Option<f64>| x.map_or("n/a".to_owned(), |a| format!("{a:.3}"));
    for s in &report.skills {
        out.push_str(&format!(
            "{}: {} learners, {} answers; prior {:.3}, learn {:.3}, guess {:.3}, slip {:.3}; log-likelihood {:.1} (current values {:.1}); held-out AUC {} (current {}, {} learners)\n",
            s.skill_id, s.learners, s.answers, s.prior, s.learn, s.guess, s.slip, s.log_likelihood,
            s.log_likelihood_current, pct(s.held_out_auc_fitted), pct(s.held_out_auc_current), s.held_out_learners
        ));
        for i in &s.items {
            out.push_str(&format!(
                "  {}: {} answers; guess {:.3}, slip {:.3}, learn {:.3}\n",
                i.item_id, i.answers, i.guess, i.slip, i.learn
            ));
        }
        if !s.too_few_answers.is_empty() {
            out.push_str(&format!(
                "  too few answers, keep the skill's values: {}\n",
                s.too_few_answers.join(", ")
            ));
        }
    }
    out.push_str(&format!("written as version {}\n", report.version));
    out
}

/// Every statement an LRS `statements` endpoint returns, following `more` until it is empty.
/// `authorization` is the whole header value (`Basic …`). Filtered to the package's `answered` statements
/// by the LRS itself (`verb`, `activity` with `related_activities`).
pub fn fetch_lrs(
    endpoint: &str,
    authorization: Option<&str>,
    package_id: &str,
) -> Result<Vec<Value>, String> {
    let origin = endpoint
        .find("://")
        .and_then(|i| endpoint[i + 3..].find('/').map(|j| &endpoint[..i + 3 + j]))
        .unwrap_or(endpoint);
    let mut url = format!(
        "{endpoint}?verb={}&activity={}&related_activities=true&limit=500",
        encode(VERB_ANSWERED),
        encode(package_id)
    );
    let mut all = Vec::new();
    for _ in 0..100_000 {
        let mut request = ureq::get(&url).header("X-Experience-API-Version", "1.0.3");
        if let Some(auth) = authorization {
            request = request.header("Authorization", auth);
        }
        let mut response = request.call().map_err(|e| format!("{url}: {e}"))?;
        let body = response
            .body_mut()
            .read_to_string()
            .map_err(|e| format!("{url}: {e}"))?;
        let (page, more) = statements_of(&body).map_err(|e| format!("{url}: {e}"))?;
        all.extend(page);
        match more {
            Some(more) if more.starts_with("http") => url = more,
            Some(more) => url = format!("{origin}{more}"),
            None => return Ok(all),
        }
    }
    Err(format!("{endpoint}: more than 100,000 pages"))
}

/// Percent-encodes a query value.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_with_zones_and_fractions() {
        assert_eq!(parse_timestamp("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_timestamp("1970-01-01T00:00:01.5Z"), Some(1500));
        assert_eq!(parse_timestamp("1970-01-01T01:00:00+01:00"), Some(0));
        assert_eq!(
            parse_timestamp("2026-12-03T10:00:00.123456+00:00"),
            parse_timestamp("2026-12-03T10:00:00.123Z")
        );
        assert_eq!(
            parse_timestamp("2000-03-01T00:00:00Z"),
            Some(951_868_800_000)
        );
        for bad in [
            "",
            "2026-13-01T00:00:00Z",
            "yesterday",
            "2026-12-03 10:00:00Z",
            "2026-12-03T10:00:00",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad}");
        }
    }

    #[test]
    fn versions_go_up_by_a_patch() {
        assert_eq!(next_version("1.2.3"), "1.2.4");
        assert_eq!(next_version("1.2.3-beta+7"), "1.2.4");
    }

    #[test]
    fn statements_from_arrays_and_pages() {
        let (list, more) =
            statements_of(r#"{"statements":[{"id":"a"}],"more":"/xapi/statements?page=2"}"#)
                .unwrap();
        assert_eq!(
            (list.len(), more.as_deref()),
            (1, Some("/xapi/statements?page=2"))
        );
        let (list, more) = statements_of(r#"[{"id":"a"},{"id":"b"}]"#).unwrap();
        assert_eq!((list.len(), more), (2, None));
        assert!(statements_of("3").is_err());
        assert!(statements_of("{").is_err());
    }
}
