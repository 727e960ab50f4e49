//! A system's history in one folder: versions of a system linked by `[revises]`, and exemption
//! rules paired with the right version whatever the files are called.

mod common;

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

/// `sorn check` of one revision in a folder of its own (the project root), with the other files.
fn check_one(files: &[(&str, String)], checked: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("project")).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let out = common::sorn().current_dir(dir.path().join("project")).args(["check", checked]).output().unwrap();
    (out.status.code(), common::stderr(&out))
}

/// The predecessor of the one file checked is loaded for context: what is wrong in it is not
/// reported, and the summary counts only the file checked.
#[test]
fn a_predecessor_outside_the_checked_set_is_loaded_but_not_checked() {
    let old = first_version()
        .replace("Investigative case files.", "{todo: the categories of records}")
        .replace("history = \"None.\"", "history = \"75 FR 412 (January 5, 2010).\"");
    let (code, stderr) =
        check_one(&[("project/old.toml", old), ("project/new.toml", modified_version(Some("old.toml")))], "new.toml");
    assert!(!stderr.contains("todo") && !stderr.contains("missing-predecessor"), "{stderr}");
    // The comparison with the predecessor ran: the revision's HISTORY drops its citation.
    assert!(stderr.contains("HISTORY drops 75 FR 412"), "{stderr}");
    assert!(stderr.contains("in 1 file"), "{stderr}");
    assert_ne!(code, Some(2), "{stderr}");
}

/// A missing predecessor, one outside the project and one that does not load are each reported
/// once, at the `source` value.
#[test]
fn a_predecessor_that_cannot_be_read_is_reported_once_at_its_source() {
    let cases = [
        ("gone.toml", None, "does not exist"),
        ("../outside.toml", Some(("outside.toml", first_version())), "is outside the project"),
        ("broken.toml", Some(("project/broken.toml", "kind = \"sorn\"\n[system\n".to_string())), "does not load"),
    ];
    for (source, extra, says) in cases {
        let mut files = vec![("project/new.toml", modified_version(Some(source)))];
        files.extend(extra);
        let (code, stderr) = check_one(&files, "new.toml");
        assert_eq!(stderr.matches("missing-predecessor").count(), 1, "{source}: {stderr}");
        assert!(stderr.contains(says), "{source}: {stderr}");
        assert!(!stderr.contains("syntax-error"), "{source}: {stderr}");
        assert_eq!(code, Some(1), "{source}: {stderr}");
    }
}

/// A `[revises]` cycle between a file checked and one loaded for context ends: each file is read
/// once.
#[test]
fn a_revises_cycle_through_an_unchecked_file_ends() {
    let (code, stderr) = check_one(
        &[("project/a.toml", modified_version(Some("b.toml"))), ("project/b.toml", modified_version(Some("a.toml")))],
        "a.toml",
    );
    assert!(!stderr.contains("missing-predecessor"), "{stderr}");
    assert_ne!(code, Some(2), "{stderr}");
}

/// With only the predecessor's publication date known, HISTORY must cite a notice of that date.
#[test]
fn history_cites_the_predecessor_by_its_date_when_no_citation_is_given() {
    let old = first_version().replace("action = \"new\"", "action = \"new\"\npublished = 2016-08-09");
    let new = |history: &str| {
        modified_version(Some("old.toml")).replace("history = \"None.\"", &format!("history = \"{history}\""))
    };
    let (_, stderr) = check_one(
        &[("project/old.toml", old.clone()), ("project/new.toml", new("75 FR 412, January 5, 2010."))],
        "new.toml",
    );
    assert!(stderr.contains("HISTORY cites no notice of 2016-08-09"), "{stderr}");
    let (_, stderr) =
        check_one(&[("project/old.toml", old), ("project/new.toml", new("81 FR 52700, August 9, 2016."))], "new.toml");
    assert!(!stderr.contains("history-citations"), "{stderr}");
}

/// A new system with a `[revises]` table contradicts itself; a modified one with none, and no
/// citation in its prose, names nothing it changes.
#[test]
fn revises_and_action_must_agree() {
    let new_with_link = modified_version(Some("old.toml")).replace("action = \"modified\"", "action = \"new\"");
    let diagnostics = check_files(&[("old.toml", first_version()), ("new.toml", new_with_link), ("nprm.toml", rule())]);
    let found: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.rule == "revision-link").collect();
    assert_eq!(found.len(), 1, "{diagnostics:#?}");
    assert!(found[0].message.contains("a new system revises no notice"), "{found:#?}");
    let diagnostics = check_files(&[("new.toml", modified_version(None)), ("nprm.toml", rule())]);
    assert_eq!(rules_of(&diagnostics).iter().filter(|r| **r == "revision-link").count(), 1, "{diagnostics:#?}");
    let cited = modified_version(None).replace("history = \"None.\"", "history = \"81 FR 52700, August 9, 2016.\"");
    let diagnostics = check_files(&[("new.toml", cited), ("nprm.toml", rule())]);
    assert!(!rules_of(&diagnostics).contains(&"revision-link"), "{diagnostics:#?}");
}
