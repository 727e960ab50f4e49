//! Scaling, for correctness only (speed is measured by `cargo bench --bench scale`, never by a
//! test): a generated corpus of distinct pairs checks and builds as the pairs do one by one, and
//! gives the same bytes on one thread as on several.

mod common;

use std::path::Path;

use common::{root, sorn};
use sorn::synthetic::{self, Seed};

struct SeedFiles {
    sorn: String,
    rule: String,
}

fn seed_files() -> SeedFiles {
    let read = |name: &str| std::fs::read_to_string(root().join("sorns").join(name)).expect("the seed is readable");
    SeedFiles { sorn: read("dhs-ice-015.toml"), rule: read("dhs-ice-015-final-rule.toml") }
}

fn seed(files: &SeedFiles) -> Seed<'_> {
    Seed {
        sorn: &files.sorn,
        rule: &files.rule,
        id: "DHS/ICE-015",
        name: "LeadTrac",
        sorn_file: "dhs-ice-015.toml",
        rule_file: "dhs-ice-015-final-rule.toml",
    }
}

fn corpus(n: usize) -> tempfile::TempDir {
    let files = seed_files();
    let dir = tempfile::tempdir().unwrap();
    synthetic::write_pairs(&seed(&files), n, &dir.path().join("sorns")).unwrap();
    dir
}

fn check_json(dir: &Path, jobs: &str) -> serde_json::Value {
    let out = sorn().current_dir(dir).args(["check", "--format", "json", "--jobs", jobs, "sorns"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "the seed has error-level findings");
    serde_json::from_slice(&out.stdout).unwrap()
}

fn rules_found(report: &serde_json::Value) -> Vec<String> {
    let mut rules: Vec<String> =
        report["diagnostics"].as_array().unwrap().iter().map(|d| d["rule"].as_str().unwrap().to_string()).collect();
    rules.sort();
    rules
}

#[test]
fn each_generated_pair_is_found_and_checked_like_one() {
    let one = corpus(1);
    let many = corpus(7);
    let single = rules_found(&check_json(one.path(), "1"));
    let all = rules_found(&check_json(many.path(), "2"));
    assert!(!single.is_empty());
    let mut expected: Vec<String> = single.iter().flat_map(|r| std::iter::repeat_n(r.clone(), 7)).collect();
    expected.sort();
    assert_eq!(all, expected, "every pair is paired and found to have the seed's findings, no more");
    assert!(!all.iter().any(|r| r == "unpaired-document" || r == "system-mismatch"));
}

#[test]
fn one_thread_and_four_give_the_same_report_and_the_same_files() {
    let dir = corpus(9);
    let run = |args: &[&str]| sorn().current_dir(dir.path()).args(args).output().unwrap();
    for format in ["human", "json", "sarif", "github"] {
        let one = run(&["check", "--jobs", "1", "--format", format, "sorns"]);
        let four = run(&["check", "--jobs", "4", "--format", format, "sorns"]);
        assert_eq!(one.stdout, four.stdout, "{format}");
        assert_eq!(one.stderr, four.stderr, "{format}");
        let env = sorn()
            .current_dir(dir.path())
            .env("SORN_JOBS", "3")
            .args(["check", "--format", format, "sorns"])
            .output()
            .unwrap();
        assert_eq!(env.stdout, one.stdout, "{format} with SORN_JOBS");
    }
    let build = |jobs: &str, out: &str| {
        let done = run(&["build", "--jobs", jobs, "--format", "all", "--out-dir", out, "sorns"]);
        assert!(done.status.success(), "{}", common::stderr(&done));
        common::stderr(&done)
    };
    assert_eq!(build("1", "one"), build("4", "four").replace("four", "one"));
    let listing = |out: &str| {
        let mut names: Vec<_> =
            std::fs::read_dir(dir.path().join(out)).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        names
    };
    let names = listing("one");
    assert_eq!(names.len(), 9 * 2 * 3, "three formats of every document, and no temporary file left");
    assert_eq!(names, listing("four"));
    for name in names {
        let a = std::fs::read(dir.path().join("one").join(&name)).unwrap();
        let b = std::fs::read(dir.path().join("four").join(&name)).unwrap();
        assert!(a == b, "{name:?} differs between --jobs 1 and --jobs 4");
    }
}

#[test]
fn zero_jobs_is_refused() {
    let dir = corpus(1);
    let out = sorn().current_dir(dir.path()).args(["check", "--jobs", "0", "sorns"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = sorn().current_dir(dir.path()).env("SORN_JOBS", "many").args(["check", "sorns"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(common::stderr(&out).contains("SORN_JOBS"));
}

#[test]
fn thousands_of_routine_uses_in_sequence_are_not_findings() {
    let files = seed_files();
    let text = synthetic::many_routine_uses(&files.sorn, 4000);
    let ws = sorn::source::load_str("many.toml", &text);
    assert!(ws.diagnostics.is_empty(), "{:?}", ws.diagnostics.first());
    let found = sorn::check::run(&ws, |m| m.default_level);
    assert!(!found.iter().any(|d| d.rule == "routine-use-order" || d.rule == "duplicate-routine-use"));
    let repeated = text.replacen("id = \"2\"\n", "id = \"1\"\n", 1);
    let found = sorn::check::run(&sorn::source::load_str("many.toml", &repeated), |m| m.default_level);
    let order: Vec<&str> = found.iter().filter(|d| d.rule == "routine-use-order").map(|d| d.message.as_str()).collect();
    assert_eq!(order, ["routine use 1 is lettered twice"]);
}

/// Thousands of routine uses with the first and the last swapped: the fix puts them back in
/// order, moving only the entries between, and the fixed text checks clean of the rule.
#[test]
fn thousands_of_routine_uses_are_reordered_by_one_fix() {
    let files = seed_files();
    let text = synthetic::many_routine_uses(&files.sorn, 4000);
    let swapped = text
        .replacen("id = \"1\"\n", "id = \"first\"\n", 1)
        .replacen("id = \"4000\"\n", "id = \"1\"\n", 1)
        .replacen("id = \"first\"\n", "id = \"4000\"\n", 1);
    let started = std::time::Instant::now();
    let found = sorn::check::run(&sorn::source::load_str("many.toml", &swapped), |m| m.default_level);
    let order: Vec<_> = found.iter().filter(|d| d.rule == "routine-use-order").collect();
    assert_eq!(order.len(), 1);
    let fix = order[0].fix.as_ref().expect("a permutation of the sequence is fixable");
    let [edit] = fix.edits.as_slice() else { panic!("one edit: {:?}", fix.edits.len()) };
    let fixed = format!("{}{}{}", &swapped[..edit.span.start], edit.replacement, &swapped[edit.span.end..]);
    let again = sorn::check::run(&sorn::source::load_str("many.toml", &fixed), |m| m.default_level);
    assert!(!again.iter().any(|d| d.rule == "routine-use-order"), "{:?}", again.first());
    assert_eq!(fixed.len(), swapped.len());
    eprintln!("4000 routine uses checked, fixed and checked again in {:?}", started.elapsed());
}
