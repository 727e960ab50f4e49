//! A system's history in one folder: versions of a system linked by `[revises]`, and exemption
//! rules paired with the right version whatever the files are called.

use std::path::{Path, PathBuf};

use sorn::check;
use sorn::diagnostic::Diagnostic;
use sorn::source;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules/claims-mismatch/pass").join(name);
    std::fs::read_to_string(path).unwrap()
}

/// The modified system's text before the `[revises]` table: it claims (c)(3), (d) and (e)(1)
/// under (j)(2).
fn notice() -> String {
    fixture("notice.toml")
        .replace("exemption_rule = \"rule.toml\"\n", "")
        .replace("#:schema ../../../../../", "#:schema ")
}

/// The system as first published: it claims only (c)(3) and (d) under (j)(2).
fn first_version() -> String {
    notice().replace("[\"(e)(1)\", \"(d)\", \"(c)(3)\"]", "[\"(c)(3)\", \"(d)\"]")
}

/// The modified system: it adds (e)(1) to the (j)(2) claim, and names what it revises when
/// `revises` is given.
fn modified_version(revises: Option<&str>) -> String {
    let link = revises.map_or(String::new(), |source| format!("\n[revises]\nsource = \"{source}\"\n"));
    let text = notice()
        .replace("action = \"new\"", "action = \"modified\"")
        .replace("proposes to establish", "proposes to modify");
    text.replacen("\n[agency]", &format!("{link}\n[agency]"), 1)
}

/// The proposed rule, which names no SORN and claims what the modified system claims.
fn rule() -> String {
    fixture("rule.toml").replace("sorn = \"notice.toml\"\n", "").replace("#:schema ../../../../../", "#:schema ")
}

fn check_files(files: &[(&str, String)]) -> Vec<Diagnostic> {
    let dir = tempfile::tempdir().unwrap();
    let mut paths: Vec<PathBuf> = Vec::new();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
        paths.push(dir.path().join(name));
    }
    let paths = source::discover(&[dir.path().to_path_buf()]).unwrap();
    let ws = source::load_paths(&paths).unwrap();
    let mut diagnostics = ws.diagnostics.clone();
    diagnostics.extend(check::run(&ws, |m| m.default_level));
    diagnostics
}

fn rules_of(diagnostics: &[Diagnostic]) -> Vec<&'static str> {
    diagnostics.iter().map(|d| d.rule).collect()
}

/// The rule pairs with the version that revises the other, whichever file name sorts first.
#[test]
fn a_rule_pairs_with_the_current_version_whatever_the_file_names() {
    for first in ["a-new.toml", "z-new.toml"] {
        let diagnostics = check_files(&[
            (first, first_version()),
            ("b-modified.toml", modified_version(Some(first))),
            ("nprm.toml", rule()),
        ]);
        assert!(!rules_of(&diagnostics).contains(&"claims-mismatch"), "{first}: {diagnostics:#?}");
        assert!(!rules_of(&diagnostics).contains(&"ambiguous-pairing"), "{first}: {diagnostics:#?}");
    }
}

/// Without a `[revises]` link nothing orders the two versions: the pairing is reported once, and
/// no rule that needs the pair speaks, whichever file name sorts first.
#[test]
fn two_unordered_versions_are_reported_once_never_guessed() {
    for first in ["a-new.toml", "z-new.toml"] {
        let diagnostics = check_files(&[
            (first, first_version()),
            ("b-modified.toml", modified_version(None)),
            ("nprm.toml", rule()),
        ]);
        let rules = rules_of(&diagnostics);
        assert_eq!(rules.iter().filter(|r| **r == "ambiguous-pairing").count(), 1, "{first}: {diagnostics:#?}");
        for silent in ["claims-mismatch", "unpaired-document", "exemptions-without-rule", "system-mismatch"] {
            assert!(!rules.contains(&silent), "{first}: {silent} in {diagnostics:#?}");
        }
    }
}

/// A mismatch found through an inferred pairing says which version it chose and why.
#[test]
fn a_finding_through_an_inferred_pairing_says_which_version_was_chosen() {
    let diagnostics = check_files(&[
        ("a-new.toml", first_version()),
        ("b-modified.toml", modified_version(Some("a-new.toml"))),
        ("nprm.toml", rule().replace("\"(c)(3)\", \"(d)\", \"(e)(1)\"]", "\"(c)(3)\"]")),
    ]);
    let mismatch = diagnostics.iter().find(|d| d.rule == "claims-mismatch").expect("a mismatch");
    assert!(
        mismatch.notes.iter().any(|n| n.contains("b-modified.toml") && n.contains("current version")),
        "{mismatch:#?}"
    );
}
