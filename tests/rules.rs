//! Every lint rule has a failing and a passing fixture (`tests/fixtures/rules/<rule>/{fail,pass}`):
//! the failing one triggers the rule (its human output is snapshotted), the passing one, a near
//! miss, triggers nothing at all.

use std::path::{Path, PathBuf};

use sorn::check::{self, Registered};
use sorn::diagnostic::Diagnostic;
use sorn::report::{Style, render_human};
use sorn::source;

fn fixture(rule: &str, kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules").join(rule).join(kind)
}

fn check_dir(dir: &Path) -> (source::Workspace, Vec<Diagnostic>) {
    let cwd = std::env::current_dir().unwrap();
    let relative = dir.strip_prefix(&cwd).unwrap_or(dir).to_path_buf();
    let paths = source::discover(&[relative]).unwrap();
    let ws = source::load_paths(&paths).expect("the fixtures are readable");
    let mut diagnostics = ws.diagnostics.clone();
    diagnostics.extend(check::run(&ws, |m| m.default_level));
    sorn::diagnostic::sort(&mut diagnostics);
    (ws, diagnostics)
}

/// The lint rules and the rules the engine applies to their findings: every rule but the load rules.
fn configurable() -> impl Iterator<Item = &'static check::RuleMeta> {
    check::REGISTRY.iter().filter(|r| !matches!(r, Registered::Load(_))).map(Registered::meta)
}

#[test]
fn every_rule_fails_its_failing_fixture() {
    for meta in configurable() {
        let (ws, diagnostics) = check_dir(&fixture(meta.name, "fail"));
        let own: Vec<Diagnostic> = diagnostics.iter().filter(|d| d.rule == meta.name).cloned().collect();
        assert!(!own.is_empty(), "{}: the failing fixture does not trigger it: {diagnostics:#?}", meta.name);
        let text = render_human(&own, &ws.files, Style::Plain);
        insta::assert_snapshot!(format!("rule-{}", meta.name), text);
    }
}

#[test]
fn every_rule_passes_its_passing_fixture() {
    for meta in configurable() {
        let (_, diagnostics) = check_dir(&fixture(meta.name, "pass"));
        assert!(diagnostics.is_empty(), "{}: the passing fixture is not clean: {diagnostics:#?}", meta.name);
    }
}

#[test]
fn every_rule_is_documented() {
    for meta in check::all_rules() {
        let doc = check::explanation(meta);
        assert!(doc.contains("## What it checks"), "{} has no 'What it checks'", meta.name);
        if meta.category != check::Category::Load {
            assert!(doc.contains("## Why"), "{} has no 'Why'", meta.name);
            assert!(doc.contains("## Example"), "{} has no example", meta.name);
        }
        assert!(meta.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{} is not kebab-case", meta.name);
    }
}

/// Every statement a lint rule makes rests on a basis of a stated kind; only law makes an error by
/// default, and a rule that rests on conventions alone warns. `unplaced-text` states no law: it
/// reports what the importer could not place.
#[test]
fn every_lint_rule_states_its_basis() {
    for meta in configurable() {
        if meta.name == "unplaced-text" {
            assert!(meta.basis.is_empty());
            continue;
        }
        assert!(!meta.basis.is_empty(), "{} states no basis", meta.name);
        for b in meta.basis {
            assert!(!b.cite.is_empty() && !b.says.is_empty(), "{}: empty basis", meta.name);
        }
        let law = meta.basis.iter().any(|b| b.kind.is_law());
        if meta.default_level == check::Level::Error {
            assert!(law, "{} is an error by default but rests on no statute or regulation", meta.name);
        }
        if meta.basis.iter().all(|b| b.kind == check::BasisKind::Convention) {
            assert_ne!(meta.default_level, check::Level::Error, "{} rests on convention", meta.name);
        }
        assert!(check::explanation(meta).contains("## Basis"), "{}", meta.name);
    }
}

/// The diagnostics of a fixture's copy in `dir`, and how many are load errors.
fn check_copy(dir: &Path) -> (Vec<Diagnostic>, usize) {
    let paths = source::discover(&[dir.to_path_buf()]).unwrap();
    let ws = source::load_paths(&paths).expect("the copies are readable");
    let load_errors = ws.diagnostics.iter().filter(|d| d.severity == sorn::diagnostic::Severity::Error).count();
    let mut diagnostics = ws.diagnostics.clone();
    diagnostics.extend(check::run(&ws, |m| m.default_level));
    (diagnostics, load_errors)
}

/// `sorn check --fix` on a copy of every rule's failing and passing fixture: a rule whose
/// findings carry a fix documents it (`## Fix`, so that `sorn explain` says it can fix); after
/// `--fix` none of the rule's findings is fixable any more and fewer remain, the sources load no
/// worse, and a second `--fix` changes nothing. A passing fixture is left byte for byte.
#[test]
fn fixes_remove_their_findings_and_nothing_else_changes() {
    let sorn_bin = env!("CARGO_BIN_EXE_sorn");
    for meta in configurable() {
        for kind in ["fail", "pass"] {
            let dir = tempfile::tempdir().unwrap();
            let mut originals = Vec::new();
            for entry in std::fs::read_dir(fixture(meta.name, kind)).unwrap() {
                let path = entry.unwrap().path();
                let copy = dir.path().join(path.file_name().unwrap());
                std::fs::copy(&path, &copy).unwrap();
                originals.push((copy, std::fs::read(&path).unwrap()));
            }
            let (before, load_before) = check_copy(dir.path());
            let own = |ds: &[Diagnostic]| ds.iter().filter(|d| d.rule == meta.name).count();
            let fixable = |ds: &[Diagnostic]| ds.iter().filter(|d| d.rule == meta.name && d.fix.is_some()).count();
            if fixable(&before) > 0 {
                assert!(
                    meta.can_fix(),
                    "{}: its findings have fixes, but its documentation has no `## Fix`",
                    meta.name
                );
            }
            let run = || {
                let out = std::process::Command::new(sorn_bin)
                    .current_dir(dir.path())
                    .args(["check", ".", "--fix", "--select", meta.name])
                    .output()
                    .unwrap();
                String::from_utf8_lossy(&out.stderr).into_owned()
            };
            let first = run();
            let (after, load_after) = check_copy(dir.path());
            let name = format!("{}/{kind}", meta.name);
            assert!(load_after <= load_before, "{name}: loads worse after --fix:\n{first}");
            assert_eq!(fixable(&after), 0, "{name}: fixable findings remain:\n{first}");
            if fixable(&before) > 0 {
                assert!(own(&after) < own(&before), "{name}: {} findings, then {}", own(&before), own(&after));
            } else {
                for (path, bytes) in &originals {
                    assert_eq!(
                        &std::fs::read(path).unwrap(),
                        bytes,
                        "{name}: {} changed with nothing to fix",
                        path.display()
                    );
                }
            }
            let second = run();
            assert!(
                second.contains("applied 0 fix(es) in 0 file(s)"),
                "{name}: a second --fix changed more:\n{second}"
            );
        }
    }
}
