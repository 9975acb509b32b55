//! Item parameters: named numbers drawn from declared ranges, and values derived from them by formulas,
//! so one item template makes many practice items. Text refers to them as `{name}`; answer keys as
//! formulas (`"a / b"`).
//!
//! Drawing is deterministic: the same seed gives the same values (the session seeds it per learner, item
//! and attempt and stores the values, so a resume shows the same numbers). [`check_ranges`] is what
//! `pacer validate` runs: every formula over every combination of values (or a large sample of them).

use crate::collect::CollectOrdered;
use crate::expr::{self, Expr};
use crate::package::DecimalMark;
use crate::rng::SeededRng;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use thiserror::Error;

/// How one parameter gets its value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ParamSpec {
    /// An integer from `min` to `max` inclusive, in steps of `step` (default 1).
    Range {
        min: i64,
        max: i64,
        #[serde(skip_serializing_if = "is_one")]
        step: i64,
    },
    /// One of the listed numbers.
    OneOf(Vec<f64>),
    /// A value computed from the other parameters (`"a * b"`).
    Formula(String),
}

fn is_one(n: &i64) -> bool {
    *n == 1
}

/// The declared parameters of an item, by name.
pub type Params = BTreeMap<String, ParamSpec>;

/// The drawn values of an item's parameters, by name.
pub type Values = BTreeMap<String, f64>;

/// A parameter declaration or formula that cannot work.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ParamError {
    #[error("`{name}` is not a valid parameter name (letters only, e.g. `a` or `total`, and not a function name such as `min`)")]
    BadName { name: String },
    #[error(
        "`{name}`: the range is empty (min {min} > max {max}) or its step {step} is not positive"
    )]
    EmptyRange {
        name: String,
        min: i64,
        max: i64,
        step: i64,
    },
    #[error("`{name}`: `oneOf` needs at least one finite number")]
    EmptyChoice { name: String },
    #[error("`{name}`: {message}")]
    Formula { name: String, message: String },
    #[error("parameters depend on each other in a cycle: {}", cycle.join(" -> "))]
    Cycle { cycle: Vec<String> },
    #[error("`{name}` = `{formula}` fails when {at}: {message}")]
    Fails {
        name: String,
        formula: String,
        at: String,
        message: String,
    },
}

/// A parsed set of parameters, in an order where each formula comes after what it uses.
#[derive(Debug, Clone)]
pub struct Template {
    random: Vec<(String, Vec<f64>)>,
    derived: Vec<(String, String, Expr)>,
}

impl Template {
    /// Parses and orders `params`; errors name the parameter.
    pub fn new(params: &Params) -> Result<Template, ParamError> {
        let names: Vec<&str> = params.keys().map(String::as_str).collect();
        let mut random = Vec::new();
        let mut formulas = Vec::new();
        for (name, spec) in params {
            if name.is_empty()
                || !name.chars().all(|c| c.is_ascii_alphabetic())
                || expr::FUNCTIONS.contains(&name.as_str())
            {
                return Err(ParamError::BadName { name: name.clone() });
            }
            match spec {
                ParamSpec::Range { min, max, step } => {
                    if min > max || *step <= 0 {
                        return Err(ParamError::EmptyRange {
                            name: name.clone(),
                            min: *min,
                            max: *max,
                            step: *step,
                        });
                    }
                    let count = (max - min) / step + 1;
                    let values = (0..count).map(|k| (min + k * step) as f64).collect();
                    random.push((name.clone(), values));
                }
                ParamSpec::OneOf(values) => {
                    if values.is_empty() || values.iter().any(|v| !v.is_finite()) {
                        return Err(ParamError::EmptyChoice { name: name.clone() });
                    }
                    random.push((name.clone(), values.clone()));
                }
                ParamSpec::Formula(src) => {
                    let parsed = expr::parse(src, &names).map_err(|e| ParamError::Formula {
                        name: name.clone(),
                        message: e.to_string(),
                    })?;
                    formulas.push((name.clone(), src.clone(), parsed));
                }
            }
        }
        let derived = order_formulas(formulas)?;
        Ok(Template { random, derived })
    }

    /// The names of every parameter, random and derived.
    pub fn names(&self) -> Vec<String> {
        (self.random.iter().map(|(n, _)| n.clone()))
            .chain(self.derived.iter().map(|(n, _, _)| n.clone()))
            .collect()
    }

    /// True when there is nothing to draw.
    pub fn is_empty(&self) -> bool {
        self.random.is_empty() && self.derived.is_empty()
    }

    /// Draws every random parameter from `seed` and computes the derived ones.
    pub fn draw(&self, seed: u64) -> Result<Values, ParamError> {
        let mut rng = SeededRng::new(seed);
        let mut values = Values::new();
        for (name, options) in &self.random {
            let last = i64::try_from(options.len()).unwrap_or(i64::MAX) - 1;
            let pick = usize::try_from(rng.range_i64(0, last)).unwrap_or(0);
            values.insert(name.clone(), options.get(pick).copied().unwrap_or(0.0));
        }
        self.derive(values)
    }

    /// The values `pacer validate` checks the item's figures at: every assignment of the random parameters
    /// (or [`CHECK_LIMIT`] of them, corners included) with the derived ones added, each with a description
    /// (`a = 3, b = 4`) for a message. Assignments whose derived values fail are left out
    /// ([`check_ranges`] reports those).
    pub fn checked_values(&self) -> Vec<(Values, String)> {
        self.assignments(CHECK_LIMIT)
            .into_iter()
            .filter_map(|values| {
                let said = describe(&values);
                self.derive(values).ok().map(|v| (v, said))
            })
            .collect()
    }

    /// Adds the derived values to `values` (the random ones).
    fn derive(&self, mut values: Values) -> Result<Values, ParamError> {
        for (name, src, formula) in &self.derived {
            let value = formula
                .eval(&|v: &str| values.get(v).copied())
                .map_err(|e| ParamError::Fails {
                    name: name.clone(),
                    formula: src.clone(),
                    at: describe(&values),
                    message: e.to_string(),
                })?;
            values.insert(name.clone(), value);
        }
        Ok(values)
    }

    /// Every assignment of the random parameters when there are at most `limit`, else `limit` drawn ones
    /// (always including the first and the last value of each range).
    fn assignments(&self, limit: usize) -> Vec<Values> {
        let total = self
            .random
            .iter()
            .try_fold(1usize, |n, (_, v)| n.checked_mul(v.len()));
        match total {
            Some(n) if n <= limit => (0..n)
                .map(|mut k| {
                    let mut values = Values::new();
                    for (name, options) in &self.random {
                        values.insert(name.clone(), options[k % options.len()]);
                        k /= options.len();
                    }
                    values
                })
                .collect(),
            _ => {
                let ends = [0usize, usize::MAX].map(|end| {
                    self.random
                        .iter()
                        .map(|(name, options)| (name.clone(), options[end.min(options.len() - 1)]))
                        .collect_map()
                });
                let mut rng = SeededRng::new(0x5eed);
                let mut out: Vec<Values> = ends.into();
                while out.len() < limit {
                    let values = self
                        .random
                        .iter()
                        .map(|(name, options)| {
                            let last = i64::try_from(options.len()).unwrap_or(i64::MAX) - 1;
                            let pick = usize::try_from(rng.range_i64(0, last)).unwrap_or(0);
                            (name.clone(), options[pick])
                        })
                        .collect_map();
                    out.push(values);
                }
                out
            }
        }
    }
}

/// The most assignments [`check_ranges`] tries; above it, it samples.
pub const CHECK_LIMIT: usize = 4096;

/// Checks that every derived parameter and every `formulas` entry (an answer key: a label and its
/// source) evaluates to a finite number for every assignment of the random parameters (up to
/// [`CHECK_LIMIT`] of them). Returns the first failure of each formula.
pub fn check_ranges(template: &Template, formulas: &[(String, String)]) -> Vec<ParamError> {
    let names: Vec<&str> = template
        .random
        .iter()
        .map(|(n, _)| n.as_str())
        .chain(template.derived.iter().map(|(n, _, _)| n.as_str()))
        .collect();
    let mut errors = Vec::new();
    let mut parsed = Vec::new();
    for (label, src) in formulas {
        match expr::parse(src, &names) {
            Ok(e) => parsed.push((label, src, e)),
            Err(e) => errors.push(ParamError::Formula {
                name: label.clone(),
                message: e.to_string(),
            }),
        }
    }
    let mut failed_derived = false;
    let mut failed: BTreeSet<&str> = BTreeSet::new();
    for values in template.assignments(CHECK_LIMIT) {
        let values = match template.derive(values) {
            Ok(v) => v,
            Err(e) => {
                if !failed_derived {
                    errors.push(e);
                    failed_derived = true;
                }
                continue;
            }
        };
        for (label, src, formula) in &parsed {
            if failed.contains(label.as_str()) {
                continue;
            }
            if let Err(e) = formula.eval(&|v: &str| values.get(v).copied()) {
                failed.insert(label.as_str());
                errors.push(ParamError::Fails {
                    name: (*label).clone(),
                    formula: (*src).clone(),
                    at: describe(&values),
                    message: e.to_string(),
                });
            }
        }
    }
    errors
}

/// Formulas by name, in the order of their names (as `params` gives them): a few per item, so a list,
/// not a `BTreeMap` of its own type, whose code (8 KB before wasm-opt) the player's first module carried
/// for this alone (#19).
type Formulas = Vec<(String, String, Expr)>;

fn has_formula(formulas: &Formulas, name: &str) -> bool {
    formulas.iter().any(|(n, _, _)| n == name)
}

/// Orders formulas so each comes after the formulas it uses; names a cycle if there is one.
fn order_formulas(mut formulas: Formulas) -> Result<Vec<(String, String, Expr)>, ParamError> {
    let mut ordered = Vec::new();
    let mut done: BTreeSet<String> = BTreeSet::new();
    while !formulas.is_empty() {
        let ready: Vec<String> = formulas
            .iter()
            .filter(|(_, _, e)| {
                e.variables()
                    .iter()
                    .all(|v| done.contains(v) || !has_formula(&formulas, v))
            })
            .map(|(n, _, _)| n.clone())
            .collect();
        if ready.is_empty() {
            return Err(ParamError::Cycle {
                cycle: find_cycle(&formulas),
            });
        }
        for name in ready {
            if let Some(i) = formulas.iter().position(|(n, _, _)| *n == name) {
                let (name, src, e) = formulas.remove(i);
                done.insert(name.clone());
                ordered.push((name, src, e));
            }
        }
    }
    Ok(ordered)
}

/// A cycle among the remaining formulas, as names with the first repeated at the end.
fn find_cycle(formulas: &Formulas) -> Vec<String> {
    let Some((start, _, _)) = formulas.first() else {
        return Vec::new();
    };
    let mut path = vec![start.clone()];
    let mut at = start.clone();
    loop {
        let next = formulas
            .iter()
            .find(|(n, _, _)| *n == at)
            .and_then(|(_, _, e)| e.variables().into_iter().find(|v| has_formula(formulas, v)));
        let Some(next) = next else { return path };
        if let Some(i) = path.iter().position(|p| *p == next) {
            let mut cycle = path.split_off(i);
            cycle.push(next);
            return cycle;
        }
        path.push(next.clone());
        at = next;
    }
}

fn describe(values: &Values) -> String {
    values
        .iter()
        .map(|(k, v)| format!("{k} = {}", format_number(*v, DecimalMark::Point)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A number as a learner reads it: integers without a decimal part, others with up to 6 decimals and no
/// trailing zeros, with the language's decimal mark.
pub fn format_number(value: f64, mark: DecimalMark) -> String {
    let rounded = (value * 1e6).round() / 1e6;
    let mut s = if rounded.fract() == 0.0 && rounded.abs() < 1e15 {
        format!("{}", rounded as i64)
    } else {
        let s = format!("{rounded:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    };
    if s == "-0" {
        s = "0".to_owned();
    }
    match mark {
        DecimalMark::Point => s,
        DecimalMark::Comma => s.replace('.', ","),
    }
}

/// Replaces each `{name}` in `template` with the value of `name`. Unknown names and lone braces are
/// left as written (validation reports unknown names).
pub fn fill(template: &str, values: &Values, mark: DecimalMark) -> String {
    fill_with(template, values, |v, _| format_number(v, mark))
}

/// [`fill`] for showing: a negative value gets a real minus sign (U+2212) in text and, after an operator
/// (`2 + {b}` with b = -4), brackets: `2 + (−4)`. Inside `$math$` the minus stays `-` (the math
/// renderer spaces it), with the same brackets.
pub fn fill_display(template: &str, values: &Values, mark: DecimalMark) -> String {
    fill_with(template, values, |v, (before, in_math)| {
        let s = format_number(v, mark);
        if v >= 0.0 || !s.starts_with('-') {
            return s;
        }
        let s = if in_math {
            s
        } else {
            s.replacen('-', "\u{2212}", 1)
        };
        let before = before.trim_end();
        let after_operator = before
            .chars()
            .last()
            .is_some_and(|c| "+-\u{2212}*×·/÷^".contains(c))
            || ["\\times", "\\cdot", "\\div", "\\pm"]
                .iter()
                .any(|op| before.ends_with(op));
        if after_operator {
            format!("({s})")
        } else {
            s
        }
    })
}

/// Fills `{name}` with `format(value, (text before it, inside math))`; `{{` and `}}` are literal braces
/// (`$x^{{n}}$` is `$x^{n}$` in a parameterised item).
fn fill_with(
    template: &str,
    values: &Values,
    format: impl Fn(f64, (&str, bool)) -> String,
) -> String {
    if !template.contains('{') && !template.contains('}') {
        return template.to_owned();
    }
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    let mut in_math = false;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("{{") || rest.starts_with("}}") {
            out.push(c);
            rest = &rest[2..];
            continue;
        }
        if c == '\\' {
            // An escaped character (`\$`, `\{`) is copied as it is, for the markup to read.
            let len = 1 + rest[1..].chars().next().map_or(0, char::len_utf8);
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        if c == '$' {
            in_math = !in_math;
        }
        if c == '{' {
            let after = &rest[1..];
            if let Some(close) = after.find('}') {
                if let Some(v) = values.get(&after[..close]) {
                    let formatted = format(*v, (&out, in_math));
                    out.push_str(&formatted);
                    rest = &after[close + 1..];
                    continue;
                }
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The `{name}` references in `template` (letters only between the braces); `{{` and `}}` are literal
/// braces, not references.
pub fn references(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        if let Some(literal) = after.strip_prefix('{') {
            rest = literal;
            continue;
        }
        if rest[..open].ends_with('\\') {
            rest = after;
            continue;
        }
        match after.find('}') {
            Some(close) if close > 0 && after[..close].chars().all(|c| c.is_ascii_alphabetic()) => {
                out.push(&after[..close]);
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(json: &str) -> Params {
        crate::json::from_str(json).expect("test params parse")
    }

    fn values(pairs: &[(&str, f64)]) -> Values {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
    }

    #[test]
    fn doubled_braces_are_literal_and_name_no_parameter() {
        let v = values(&[("a", 3.0)]);
        assert_eq!(references("$x^{{n}}$ and {{1, 2}} and {a}"), vec!["a"]);
        assert_eq!(
            fill("$x^{{n}}$ and {{1, 2}} and {a}", &v, DecimalMark::Point),
            "$x^{n}$ and {1, 2} and 3"
        );
        assert_eq!(references("\\{n\\}"), Vec::<&str>::new());
    }

    #[test]
    fn negative_values_show_a_real_minus_and_brackets_after_an_operator() {
        let v = values(&[("a", -4.0), ("b", -4.0), ("c", -2.5)]);
        assert_eq!(
            fill_display("{a} + {b} = {c}?", &v, DecimalMark::Comma),
            "\u{2212}4 + (\u{2212}4) = \u{2212}2,5?"
        );
        assert_eq!(
            fill_display("$2 \\times {a}$", &v, DecimalMark::Point),
            "$2 \\times (-4)$"
        );
        assert_eq!(
            fill_display("${a} - {b}$", &v, DecimalMark::Point),
            "$-4 - (-4)$"
        );
        // Answers are matched against ASCII, as a learner types them.
        assert_eq!(fill("{a} + {b}", &v, DecimalMark::Point), "-4 + -4");
    }

    #[test]
    fn draws_are_deterministic_and_in_range() {
        let t = Template::new(&params(
            r#"{"a":{"range":{"min":2,"max":9}},"b":{"oneOf":[10,20]},"c":{"formula":"a*b"}}"#,
        ))
        .expect("valid");
        for seed in 0..200 {
            let v = t.draw(seed).expect("draws");
            assert_eq!(v, t.draw(seed).expect("draws"));
            assert!((2.0..=9.0).contains(&v["a"]) && v["a"].fract() == 0.0);
            assert!(v["b"] == 10.0 || v["b"] == 20.0);
            assert_eq!(v["c"], v["a"] * v["b"]);
        }
    }

    #[test]
    fn formulas_are_ordered_by_dependency_and_cycles_named() {
        let t = Template::new(&params(
            r#"{"z":{"formula":"y+1"},"y":{"formula":"x*2"},"x":{"range":{"min":1,"max":1}}}"#,
        ))
        .expect("valid");
        assert_eq!(t.draw(1).expect("draws")["z"], 3.0);
        let err = Template::new(&params(r#"{"p":{"formula":"q+1"},"q":{"formula":"p+1"}}"#))
            .expect_err("cycle");
        assert!(
            matches!(err, ParamError::Cycle { ref cycle } if cycle.len() == 3),
            "{err}"
        );
    }

    #[test]
    fn check_ranges_finds_the_division_by_zero_in_the_range() {
        let t = Template::new(&params(
            r#"{"a":{"range":{"min":1,"max":5}},"b":{"range":{"min":1,"max":5}}}"#,
        ))
        .expect("valid");
        let errors = check_ranges(&t, &[("answer".into(), "1 / (a - b)".into())]);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].to_string().contains("a = 1, b = 1"),
            "{}",
            errors[0]
        );
        assert!(check_ranges(&t, &[("answer".into(), "a / b".into())]).is_empty());
    }

    #[test]
    fn empty_ranges_and_bad_names_are_refused() {
        assert!(matches!(
            Template::new(&params(r#"{"a":{"range":{"min":5,"max":1}}}"#)),
            Err(ParamError::EmptyRange { .. })
        ));
        assert!(matches!(
            Template::new(&params(r#"{"a1":{"oneOf":[1]}}"#)),
            Err(ParamError::BadName { .. })
        ));
    }

    #[test]
    fn fill_replaces_known_names_with_the_languages_decimal_mark() {
        let v: Values = [("a".to_owned(), 3.0), ("h".to_owned(), 0.5)].into();
        assert_eq!(
            fill("{a} and {h}, {x} {", &v, DecimalMark::Comma),
            "3 and 0,5, {x} {"
        );
        assert_eq!(references("{a}/{b} {} {1}"), vec!["a", "b"]);
        assert_eq!(format_number(-0.0000001, DecimalMark::Point), "0");
        assert_eq!(format_number(2.5, DecimalMark::Point), "2.5");
    }
}
