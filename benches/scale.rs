//! How sorn scales: load, check, render and import over generated corpora of N = 10, 100 and
//! 1,000 SORN + exemption rule pairs (varied from the ICE-015 pair in `sorns/`), a generated 10 MB
//! daily issue, and the pathological sources (4,000 routine uses, 6 MB of prose).
//!
//! ```text
//! cargo bench --bench scale                     # every group
//! cargo bench --bench scale -- check import     # the groups named
//! cargo bench --bench scale -- --generate N DIR # write N pairs into DIR (for scripts/growth.sh)
//! ```
//!
//! Each figure is the best of several runs (the machine is shared: the best run is the one least
//! disturbed), with the throughput in MB/s of source (or input) bytes. The growth exponent of each
//! stage between N = 100 and N = 1,000 is printed last: 1.0 is linear.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sorn::emit::Format;
use sorn::import::{ImportOptions, import};
use sorn::lower::{LowerOptions, lower};
use sorn::synthetic::{self, Seed};

const SIZES: [usize; 3] = [10, 100, 1000];

/// The seed pair, read from the repository.
struct SeedFiles {
    sorn: String,
    rule: String,
}

impl SeedFiles {
    fn read() -> SeedFiles {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let read = |name: &str| std::fs::read_to_string(root.join("sorns").join(name)).expect("the seed is readable");
        SeedFiles { sorn: read("dhs-ice-015.toml"), rule: read("dhs-ice-015-final-rule.toml") }
    }

    fn seed(&self) -> Seed<'_> {
        Seed {
            sorn: &self.sorn,
            rule: &self.rule,
            id: "DHS/ICE-015",
            name: "LeadTrac",
            sorn_file: "dhs-ice-015.toml",
            rule_file: "dhs-ice-015-final-rule.toml",
        }
    }
}

/// The best of `runs` runs of `f`.
fn best(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn runs_for(n: usize) -> usize {
    if n >= 1000 { 3 } else { 7 }
}

/// Prints one figure and returns its time.
fn report(group: &str, what: &str, bytes: u64, time: Duration) -> Duration {
    let mb_s = bytes as f64 / 1e6 / time.as_secs_f64().max(1e-9);
    println!(
        "{group:<8} {what:<34} {:>10.2} ms {:>9.1} MB/s  ({:.1} MB)",
        time.as_secs_f64() * 1e3,
        mb_s,
        bytes as f64 / 1e6
    );
    time
}

/// A corpus written to a temporary folder.
struct Corpus {
    _dir: tempfile::TempDir,
    paths: Vec<PathBuf>,
    bytes: u64,
}

fn corpus(seed: &Seed, n: usize) -> Corpus {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let bytes = synthetic::write_pairs(seed, n, dir.path()).expect("the corpus is written");
    let mut paths: Vec<PathBuf> =
        std::fs::read_dir(dir.path()).expect("the corpus is listed").map(|e| e.expect("an entry").path()).collect();
    paths.sort();
    Corpus { _dir: dir, paths, bytes }
}

/// The stages at one size; returns (load, check, render, import) times.
fn stages(seed: &Seed, n: usize, groups: &[String]) -> [Option<Duration>; 4] {
    let wanted = |g: &str| groups.is_empty() || groups.iter().any(|w| w == g);
    let corpus = corpus(seed, n);
    let runs = runs_for(n);
    let ws = sorn::source::load_paths(&corpus.paths).expect("the corpus loads");
    let what = format!("N = {n} ({} files)", corpus.paths.len());
    let mut out = [None; 4];
    if wanted("load") {
        let t = best(runs, || drop(black_box(sorn::source::load_paths(&corpus.paths).expect("the corpus loads"))));
        out[0] = Some(report("load", &what, corpus.bytes, t));
    }
    if wanted("check") {
        let t = best(runs, || drop(black_box(sorn::check::run(&ws, |m| m.default_level))));
        out[1] = Some(report("check", &what, corpus.bytes, t));
    }
    let options = LowerOptions::default();
    if wanted("render") {
        let t = best(runs, || {
            for d in &ws.documents {
                let tree = lower(&d.document, &options);
                for format in [Format::Markdown, Format::Html, Format::Docx] {
                    black_box(format.render(&tree));
                }
            }
        });
        out[2] = Some(report("render", &format!("{what}, 3 formats"), corpus.bytes, t));
    }
    if wanted("import") {
        let rendered: Vec<String> = ws
            .documents
            .iter()
            .map(|d| String::from_utf8_lossy(&Format::Markdown.render(&lower(&d.document, &options))).into_owned())
            .collect();
        let bytes = rendered.iter().map(|r| r.len() as u64).sum();
        let import_options = ImportOptions::default();
        let t = best(runs, || {
            for (i, text) in rendered.iter().enumerate() {
                black_box(import(&format!("{i}.md"), text.as_bytes(), &import_options).ok());
            }
        });
        out[3] = Some(report("import", &format!("{what} as Markdown"), bytes, t));
    }
    out
}

fn daily_issue(groups: &[String]) {
    if !(groups.is_empty() || groups.iter().any(|g| g == "import" || g == "daily")) {
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let seed = std::fs::read_to_string(root.join("tests/corpus/documents/daily-issue-fr-2016-04-15.xml"))
        .expect("the seed issue is readable");
    let issue = synthetic::daily_issue(&seed, 10_000_000);
    let options = ImportOptions::default();
    let t = best(3, || drop(black_box(import("issue.xml", issue.as_bytes(), &options))));
    report("import", "generated daily issue (FR XML)", issue.len() as u64, t);
}

fn pathological(seed: &SeedFiles, groups: &[String]) {
    if !(groups.is_empty() || groups.iter().any(|g| g == "check" || g == "pathological")) {
        return;
    }
    let cases = [
        ("400 routine uses", synthetic::many_routine_uses(&seed.sorn, 400)),
        ("4,000 routine uses", synthetic::many_routine_uses(&seed.sorn, 4000)),
        ("600 kB of prose", synthetic::long_prose(&seed.sorn, 600_000)),
        ("6 MB of prose", synthetic::long_prose(&seed.sorn, 6_000_000)),
    ];
    for (what, text) in cases {
        let t = best(3, || {
            let ws = sorn::source::load_str("big.toml", &text);
            black_box(sorn::check::run(&ws, |m| m.default_level));
        });
        report("check", &format!("load + check, {what}"), text.len() as u64, t);
    }
}

fn growth(name: &str, small: Option<Duration>, large: Option<Duration>) {
    if let (Some(small), Some(large)) = (small, large) {
        let exponent = (large.as_secs_f64() / small.as_secs_f64()).ln() / 10f64.ln();
        println!("growth   {name:<34} {exponent:>10.2}   (N = 100 to 1,000; 1.00 is linear)");
    }
}

fn generate(args: &[String], seed: &Seed) {
    let (Some(n), Some(dir)) = (args.first().and_then(|n| n.parse::<usize>().ok()), args.get(1)) else {
        eprintln!("usage: cargo bench --bench scale -- --generate N DIR");
        std::process::exit(2);
    };
    let bytes = synthetic::write_pairs(seed, n, Path::new(dir)).expect("the corpus is written");
    println!("wrote {} files, {bytes} bytes, to {dir}", 2 * n);
}

fn main() {
    // `cargo bench` passes `--bench`; the remaining arguments are group names.
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let files = SeedFiles::read();
    let seed = files.seed();
    if let Some(at) = args.iter().position(|a| a == "--generate") {
        generate(&args[at + 1..], &seed);
        return;
    }
    let mut times = Vec::new();
    for n in SIZES {
        times.push(stages(&seed, n, &args));
    }
    daily_issue(&args);
    pathological(&files, &args);
    for (k, stage) in ["load", "check", "render", "import"].iter().enumerate() {
        growth(stage, times[1][k], times[2][k]);
    }
}
