//! The module graph of `src/`, held to the dependency table in ARCHITECTURE.md.
//!
//! The table between the `module-table` markers of ARCHITECTURE.md is the one definition of which
//! top-level module may use which: this test reads it, reads every file under `src/`, and fails naming the
//! file, the line and the import that the table does not allow. Test code (`tests.rs` files and
//! `#[cfg(test)]` items) is left out: a test may build its fixtures from any module. It also fails when a
//! top-level module has no row, when the table itself allows a cycle, and when the code has one.
//!
//! Like rust-analyzer's tidy tests it reads the source as text: a `crate::name` or `pacer::name` path, in
//! code or in a doc link, is an edge. That is cruder than name resolution, and errs towards more edges.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The modules every row may use without naming them: they use nothing of ours but each other.
const LEAVES: &[&str] = &["collect", "json", "rng", "time", "unicode"];

type Table = BTreeMap<String, BTreeSet<String>>;

/// One import the table does not allow.
#[derive(Debug, PartialEq)]
struct Violation {
    file: String,
    line: usize,
    from: String,
    to: String,
}

/// Reads the table: rows `| \`module\` | \`a\`, \`b\`, leaves |` between the markers; `—` for none,
/// `all but \`x\`, \`y\`` for every other module but those.
fn read_table(markdown: &str) -> Table {
    let start = markdown
        .find("<!-- module-table -->")
        .expect("ARCHITECTURE.md has no <!-- module-table --> marker");
    let end = markdown
        .find("<!-- /module-table -->")
        .expect("ARCHITECTURE.md has no <!-- /module-table --> marker");
    let names = |cell: &str| -> Vec<String> {
        cell.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect()
    };
    let mut rows: Vec<(String, String)> = Vec::new();
    for line in markdown[start..end].lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 4 || !cells[1].starts_with('`') {
            continue;
        }
        let module = names(cells[1]).into_iter().next().expect("a module name");
        rows.push((module, cells[2].to_owned()));
    }
    let all: BTreeSet<String> = rows.iter().map(|(m, _)| m.clone()).collect();
    rows.into_iter()
        .map(|(module, cell)| {
            let mut allowed: BTreeSet<String> = if let Some(rest) = cell.strip_prefix("all but") {
                let except = names(rest);
                all.iter()
                    .filter(|m| **m != module && !except.contains(m))
                    .cloned()
                    .collect()
            } else {
                names(&cell).into_iter().collect()
            };
            if cell.contains("leaves") {
                allowed.extend(LEAVES.iter().map(|l| (*l).to_owned()));
            }
            allowed.remove(&module);
            (module, allowed)
        })
        .collect()
}

/// `src` without its test code: every `#[cfg(test)]` item (a `mod`, `fn`, `impl`, `use`, ...) is blanked
/// (the whole file under `#![cfg(test)]`), keeping its line breaks so line numbers still point into the file.
fn production(src: &str) -> String {
    // A file that is test code as a whole (`#![cfg(test)]`, a fixture shared by several tests).
    if src.lines().any(|l| l.trim() == "#![cfg(test)]") {
        return src.lines().map(|_| "\n").collect();
    }
    let bytes = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while let Some(found) = src[i..].find("#[cfg(test)]") {
        let at = i + found;
        out.push_str(&src[i..at]);
        let end = item_end(bytes, at + "#[cfg(test)]".len());
        out.extend(src[at..end].chars().filter(|&c| c == '\n'));
        i = end;
    }
    out.push_str(&src[i..]);
    out
}

/// Where the item that starts after `from` ends: after its `;` when one comes before any `{`, else after
/// the `}` that closes its first `{`. Skips further attributes, strings and comments on the way.
fn item_end(bytes: &[u8], from: usize) -> usize {
    let mut depth = 0usize;
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'#' if depth == 0 && bytes.get(i + 1) == Some(&b'[') => {
                while i < bytes.len() && bytes[i] != b']' {
                    i += 1;
                }
            }
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            b';' if depth == 0 => return i + 1,
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// The top-level modules `text` names, with the line of each: `crate::x`, `pacer::x`, and each name of
/// a group `crate::{x, y::z}`.
fn uses(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        for prefix in ["crate::", "pacer::"] {
            let mut rest = line;
            while let Some(at) = rest.find(prefix) {
                let before = rest[..at].chars().next_back();
                rest = &rest[at + prefix.len()..];
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                if let Some(group) = rest.strip_prefix('{') {
                    let group = group.split('}').next().unwrap_or("");
                    for name in group.split(',') {
                        let name = name.trim().split("::").next().unwrap_or("").trim();
                        if !name.is_empty() && name != "self" {
                            found.push((n + 1, name.to_owned()));
                        }
                    }
                } else {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() {
                        found.push((n + 1, name));
                    }
                }
            }
        }
    }
    found
}

/// The top-level module a file under `src/` belongs to: `engine` for `src/engine/fold.rs`, `time` for
/// `src/time.rs`, `bin` for the CLI's entry point.
fn top_module(relative: &Path) -> String {
    let first = relative
        .components()
        .next()
        .expect("a file under src/")
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    first.strip_suffix(".rs").unwrap_or(&first).to_owned()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every production edge between top-level modules, each with the first place that makes it.
fn graph(
    files: &[(String, String)],
    modules: &BTreeSet<String>,
) -> BTreeMap<(String, String), (String, usize)> {
    let mut edges = BTreeMap::new();
    for (file, source) in files {
        let from = top_module(Path::new(file));
        for (line, to) in uses(&production(source)) {
            if to != from && modules.contains(&to) {
                edges
                    .entry((from.clone(), to))
                    .or_insert_with(|| (file.clone(), line));
            }
        }
    }
    edges
}

fn violations(files: &[(String, String)], table: &Table) -> Vec<Violation> {
    let modules: BTreeSet<String> = table.keys().cloned().collect();
    let mut found = Vec::new();
    for (file, source) in files {
        let from = top_module(Path::new(file));
        let Some(allowed) = table.get(&from) else {
            continue;
        };
        for (line, to) in uses(&production(source)) {
            if to != from && modules.contains(&to) && !allowed.contains(&to) {
                found.push(Violation {
                    file: format!("src/{file}"),
                    line,
                    from: from.clone(),
                    to,
                });
            }
        }
    }
    found
}

/// A cycle among `edges`, as the path that closes it, if there is one.
fn cycle<'a>(edges: impl IntoIterator<Item = (&'a str, &'a str)>) -> Option<Vec<String>> {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (a, b) in edges {
        next.entry(a).or_default().push(b);
    }
    fn visit<'a>(
        node: &'a str,
        next: &BTreeMap<&'a str, Vec<&'a str>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| *n == node) {
            let mut loop_: Vec<String> = path[at..].iter().map(|s| (*s).to_owned()).collect();
            loop_.push(node.to_owned());
            return Some(loop_);
        }
        if !done.insert(node) {
            return None;
        }
        path.push(node);
        for n in next.get(node).into_iter().flatten() {
            if let Some(c) = visit(n, next, path, done) {
                return Some(c);
            }
        }
        path.pop();
        None
    }
    let starts: Vec<&str> = next.keys().copied().collect();
    let mut done = BTreeSet::new();
    starts
        .into_iter()
        .find_map(|s| visit(s, &next, &mut Vec::new(), &mut done))
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn the_table() -> Table {
    read_table(&fs::read_to_string(repo().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md"))
}

/// Every `.rs` file under `src/` but `tests.rs` files, as (path relative to `src/`, source).
fn the_sources() -> Vec<(String, String)> {
    let src = repo().join("src");
    let mut paths = Vec::new();
    rust_files(&src, &mut paths);
    paths.sort();
    paths
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n != "tests.rs"))
        .map(|p| {
            let relative = p
                .strip_prefix(&src)
                .expect("under src/")
                .to_string_lossy()
                .into_owned();
            (
                relative,
                fs::read_to_string(&p).expect("a readable source file"),
            )
        })
        .collect()
}

fn describe(v: &[Violation], table: &Table) -> String {
    v.iter()
        .map(|v| {
            let allowed: Vec<&str> = table[&v.from].iter().map(String::as_str).collect();
            format!(
                "{}:{}: `{}` uses `{}`, which ARCHITECTURE.md's dependency table does not allow \
                 (`{}` may use: {})",
                v.file,
                v.line,
                v.from,
                v.to,
                v.from,
                if allowed.is_empty() {
                    "nothing of ours".to_owned()
                } else {
                    allowed.join(", ")
                }
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_import_is_in_the_dependency_table() {
    let table = the_table();
    let found = violations(&the_sources(), &table);
    assert!(found.is_empty(), "\n{}\n", describe(&found, &table));
}

#[test]
fn every_top_level_module_has_a_row() {
    let table = the_table();
    let mut modules: BTreeSet<String> = the_sources()
        .iter()
        .map(|(file, _)| top_module(Path::new(file)))
        .collect();
    modules.remove("lib");
    let rows: BTreeSet<String> = table.keys().cloned().collect();
    let missing: Vec<&String> = modules.difference(&rows).collect();
    let stale: Vec<&String> = rows.difference(&modules).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "ARCHITECTURE.md's dependency table has no row for {missing:?} and a row for no module {stale:?}"
    );
}

#[test]
fn the_table_allows_no_cycle() {
    let table = the_table();
    let edges = table
        .iter()
        .flat_map(|(a, bs)| bs.iter().map(move |b| (a.as_str(), b.as_str())));
    if let Some(c) = cycle(edges) {
        panic!(
            "ARCHITECTURE.md's dependency table allows a cycle: {}",
            c.join(" -> ")
        );
    }
}

#[test]
fn the_code_has_no_cycle() {
    let sources = the_sources();
    let modules: BTreeSet<String> = sources
        .iter()
        .map(|(file, _)| top_module(Path::new(file)))
        .collect();
    let edges = graph(&sources, &modules);
    if let Some(c) = cycle(edges.keys().map(|(a, b)| (a.as_str(), b.as_str()))) {
        let places: Vec<String> = c
            .windows(2)
            .map(|w| {
                let (file, line) = &edges[&(w[0].clone(), w[1].clone())];
                format!("{} -> {} (src/{file}:{line})", w[0], w[1])
            })
            .collect();
        panic!("the top-level modules form a cycle:\n{}", places.join("\n"));
    }
}

/// The checker itself: it must see a forbidden import, in each form a path can take, and must not count
/// test code.
#[test]
fn a_forbidden_import_is_found() {
    let table = read_table(
        "<!-- module-table -->\n| module | may use |\n|---|---|\n\
         | `package` | `expr`, leaves |\n| `engine` | `package`, leaves |\n| `expr` | — |\n\
         | `web` | all but `cli` |\n| `cli` | all but `web` |\n<!-- /module-table -->",
    );
    assert!(table["package"].contains("json"), "leaves expand");
    assert!(table["web"].contains("engine") && !table["web"].contains("cli"));
    let file = |name: &str, src: &str| vec![(name.to_owned(), src.to_owned())];
    let forbidden = [
        "use crate::engine::BktParams;",
        "use crate::{expr, engine::Reason};",
        "/// See [`Reason`](crate::engine::Reason).",
        "fn f() { let _ = pacer::engine::DEFAULT; }",
    ];
    for src in forbidden {
        let found = violations(&file("package/reader.rs", src), &table);
        assert_eq!(found.len(), 1, "{src}: {found:?}");
        assert_eq!(
            (found[0].from.as_str(), found[0].to.as_str()),
            ("package", "engine")
        );
    }
    let allowed = [
        "use crate::expr::parse;\nuse crate::json::Value;",
        "#[cfg(test)]\nmod tests {\n    use crate::engine::X;\n    fn f() { \"}\"; }\n}\n",
        "#[cfg(test)]\nuse crate::engine::X;\n",
        "#[cfg(test)]\n#[derive(Debug)]\nstruct S { r: crate::engine::Reason }\n",
        "use notcrate::engine::X;",
        "//! A fixture.\n#![cfg(test)]\nuse crate::engine::X;\n",
    ];
    for src in allowed {
        assert_eq!(
            violations(&file("package/mod.rs", src), &table),
            vec![],
            "{src}"
        );
    }
    let after_test = "#[cfg(test)]\nmod tests {\n}\nuse crate::engine::X;\n";
    let found = violations(&file("package/mod.rs", after_test), &table);
    assert_eq!(found.len(), 1, "code after a test module still counts");
    assert_eq!(found[0].line, 4, "line numbers survive the blanking");
    assert_eq!(
        cycle([("a", "b"), ("b", "c"), ("c", "a")]),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    assert_eq!(cycle([("a", "b"), ("b", "c"), ("a", "c")]), None);
}
