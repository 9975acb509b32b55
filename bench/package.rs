//! Package benchmarks (`cargo bench --bench package`, part of `make bench`): prints figures, asserts nothing.
//!
//! - the time `pacer validate` takes (load, parse, every check including parameter ranges) on a generated
//!   package of 5,000 items over 50 activities, every interaction type, one item in ten parameterised;
//! - the packed size of the demo course.

use pacer::cli::files::Dir;
use pacer::cli::pack::pack_bytes;
use pacer::package::load;
use std::path::Path;
use std::time::Instant;

const ACTIVITIES: usize = 50;
const PER_ACTIVITY: usize = 100;
const RUNS: usize = 15;

fn item(a: usize, i: usize) -> String {
    let id = format!("a{a}-i{i}");
    let text = |s: &str| format!(r#"{{"en":"{s} ({id})","es":"{s} ({id}) es"}}"#);
    let interaction = match i % 9 {
        0 => r#"{"type":"singleChoice","correct":"b","options":[{"id":"a","text":"1/3","feedback":"Thirds."},{"id":"b","text":"1/2"}]}"#.to_owned(),
        1 => r#"{"type":"multipleResponse","correct":["a","c"],"scoring":"partial","options":[{"id":"a","text":"2/4"},{"id":"b","text":"2/3"},{"id":"c","text":"3/6"}]}"#.to_owned(),
        2 => r#"{"type":"trueFalse","correct":false}"#.to_owned(),
        3 => r#"{"type":"numeric","answer":0.75,"tolerance":{"absolute":0.01},"misconceptions":[{"answer":"4/3","feedback":"Upside down."}]}"#.to_owned(),
        4 => r#"{"type":"shortText","accepted":["one third","un tercio"]}"#.to_owned(),
        5 => r#"{"type":"cloze","text":"[[n]] over [[d]]","blanks":[{"kind":"entry","id":"n","accepted":["1"]},{"kind":"choice","id":"d","correct":"x","options":[{"id":"x","text":"4"},{"id":"y","text":"5"}]}]}"#.to_owned(),
        6 => r#"{"type":"ordering","options":[{"id":"a","text":"1/8"},{"id":"b","text":"1/4"},{"id":"c","text":"1/2"}]}"#.to_owned(),
        7 => r#"{"type":"matching","pairs":[{"id":"h","prompt":"1/2","answer":"half"},{"id":"q","prompt":"1/4","answer":"quarter"}]}"#.to_owned(),
        _ => r#"{"type":"expression","answer":"2(x+1)","variables":["x"]}"#.to_owned(),
    };
    let (params, stem, interaction) = if i % 10 == 0 {
        (
            r#","params":{"a":{"range":{"min":2,"max":9}},"b":{"range":{"min":2,"max":12}},"c":{"formula":"a*b"}}"#,
            r#"{"en":"What is {a} x {b}?","es":"¿Cuánto es {a} x {b}?"}"#.to_owned(),
            r#"{"type":"numeric","answer":"c / b * b"}"#.to_owned(),
        )
    } else {
        ("", text("Question"), interaction)
    };
    format!(
        r#"{{"id":"{id}","skills":["s{}"],"stem":{stem},"interaction":{interaction},"hints":[{}],"solution":[{}],"difficulty":0.5{params}}}"#,
        a % 10,
        text("Hint"),
        text("Step")
    )
}

fn generate(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join("content"))?;
    let skills: Vec<String> = (0..10)
        .map(|s| format!(r#"{{"id":"s{s}","title":{{"en":"Skill {s}","es":"Destreza {s}"}}}}"#))
        .collect();
    let activities: Vec<String> = (0..ACTIVITIES)
        .map(|a| format!(r#"{{"id":"act{a}","file":"content/act{a}.json","title":{{"en":"A{a}","es":"A{a}"}},"kind":"practice","skills":["s{}"]}}"#, a % 10))
        .collect();
    std::fs::write(
        dir.join("pkg.json"),
        format!(
            r#"{{"id":"https://example.org/bench","title":{{"en":"Bench","es":"Bench"}},"version":"1.0.0","language":"en","translations":["es"],"skills":[{}],"activities":[{}]}}"#,
            skills.join(","),
            activities.join(",")
        ),
    )?;
    for a in 0..ACTIVITIES {
        let items: Vec<String> = (0..PER_ACTIVITY).map(|i| item(a, i)).collect();
        std::fs::write(
            dir.join(format!("content/act{a}.json")),
            format!(r#"{{"id":"act{a}","items":[{}]}}"#, items.join(",\n")),
        )?;
    }
    Ok(())
}

fn main() {
    let dir = std::env::temp_dir().join(format!("pacer-bench-package-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = generate(&dir) {
        eprintln!("cannot generate the package: {e}");
        return;
    }
    let source = Dir(dir.clone());
    let (package, report) = load(&source);
    let items = package.as_ref().map_or(0, |p| p.item_count());
    if !report.is_valid() {
        eprintln!(
            "the generated package is invalid: {:?}",
            report.errors.first()
        );
        return;
    }
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let (p, _) = load(&source);
            std::hint::black_box(p);
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "validate a generated package of {items} items ({ACTIVITIES} activities, every interaction type, \
         1 in 10 parameterised): median {:.1} ms, min {:.1} ms, max {:.1} ms over {RUNS} runs",
        times[RUNS / 2],
        times[0],
        times[RUNS - 1]
    );
    let _ = std::fs::remove_dir_all(&dir);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    match pack_bytes(root) {
        Ok((bytes, packed)) => {
            let raw: usize = packed.files.iter().map(|f| f.1).sum();
            println!(
                "demo course packed: {} files, {raw} B raw, zip {} B",
                packed.files.len(),
                bytes.len()
            );
        }
        Err(_) => println!("demo course packed: the demo course does not validate"),
    }
}
