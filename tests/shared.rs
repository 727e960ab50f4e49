//! Content taken by reference renders exactly as if written inline, and each reference that
//! does not resolve is one error at the reference.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use sorn::emit::Format;
use sorn::lower::{LowerOptions, lower};
use sorn::source;

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/shared").join(path)
}

fn rendered(path: &str, format: Format) -> Vec<u8> {
    let ws = source::load_paths(&[fixture(path)]).expect("the fixture is readable");
    assert!(ws.diagnostics.is_empty(), "{path} should load cleanly: {:#?}", ws.diagnostics);
    format.render(&lower(&ws.documents[0].document, &LowerOptions::default()))
}

#[test]
fn a_source_taking_content_by_reference_renders_the_bytes_of_the_source_written_inline() {
    for format in [Format::Markdown, Format::Html, Format::Docx] {
        let inline = rendered("inline.toml", format);
        let by_reference = rendered("by-reference.toml", format);
        assert!(inline == by_reference, "{format:?} differs");
    }
}

#[test]
fn a_rule_taking_its_sorns_agency_and_system_and_a_library_reason_renders_as_written_inline() {
    for format in [Format::Markdown, Format::Html, Format::Docx] {
        let inline = rendered("rule-inline.toml", format);
        let by_reference = rendered("rule-by-reference.toml", format);
        assert!(inline == by_reference, "{format:?} differs");
    }
}

#[test]
fn the_library_is_read_once_and_never_rendered() {
    let ws = source::load_paths(&[fixture("by-reference.toml"), fixture("lib/fwa.toml")]).unwrap();
    assert!(ws.diagnostics.is_empty(), "{:#?}", ws.diagnostics);
    assert_eq!(ws.documents.len(), 1, "a library is not a document");
    assert_eq!(ws.files.len(), 2, "the library named and referenced is one file");
}

fn check(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::cargo_bin("sorn").unwrap().current_dir(dir).env("NO_COLOR", "1").args(args).output().unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn unresolved_references_are_one_error_each_at_the_reference() {
    let (code, report) = check(Path::new(env!("CARGO_MANIFEST_DIR")), &["check", "tests/fixtures/shared/errors"]);
    assert_eq!(code, Some(1));
    insta::assert_snapshot!("unresolved-references", report);
}

#[test]
fn a_finding_on_a_library_entry_points_at_the_entry_and_is_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sorn.toml"), "").unwrap();
    std::fs::create_dir_all(dir.path().join("sorns/lib")).unwrap();
    let library = std::fs::read_to_string(fixture("lib/fwa.toml")).unwrap();
    let library =
        library.replace("text = \"To a congressional office", "text = \"{todo: check} To a congressional office");
    std::fs::write(dir.path().join("sorns/lib/fwa.toml"), library).unwrap();
    let notice = std::fs::read_to_string(fixture("by-reference.toml")).unwrap();
    std::fs::write(dir.path().join("sorns/one.toml"), &notice).unwrap();
    std::fs::write(dir.path().join("sorns/two.toml"), notice.replace("FWA-1", "FWA-2")).unwrap();
    let (code, report) = check(dir.path(), &["check", "sorns"]);
    assert_eq!(code, Some(0), "{report}");
    assert_eq!(report.matches("still to be written: check").count(), 1, "{report}");
    assert!(report.contains("sorns/lib/fwa.toml:21:9"), "{report}");

    // Text still to write in an entry is text still to write in each source that takes it.
    let (code, report) = check(dir.path(), &["build", "sorns", "--out-dir", "out"]);
    assert_eq!(code, Some(1), "{report}");
    assert!(report.contains("sorns/lib/fwa.toml:21:9"), "{report}");
    assert!(!dir.path().join("out/one.md").exists() && !dir.path().join("out/fwa.md").exists());
}

#[cfg(unix)]
#[test]
fn a_reference_through_a_link_out_of_the_project_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("lib/fwa.toml"), outside.path().join("fwa.toml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sorn.toml"), "").unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("lib")).unwrap();
    std::fs::copy(fixture("by-reference.toml"), dir.path().join("notice.toml")).unwrap();
    let (code, report) = check(dir.path(), &["check", "notice.toml"]);
    assert_eq!(code, Some(1), "{report}");
    assert_eq!(report.matches("is outside the project").count(), 5, "{report}");
    assert!(report.contains("5 errors"), "{report}");
}

/// The system-mismatch pair, in a project of its own, with the rule's `[system]` replaced by a
/// reference to `source`.
fn pair_taking_the_system_from(source: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sorn.toml"), "").unwrap();
    let pass = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules/system-mismatch/pass");
    let notice = std::fs::read_to_string(pass.join("notice.toml")).unwrap();
    std::fs::write(dir.path().join("notice.toml"), &notice).unwrap();
    std::fs::write(dir.path().join("other.toml"), notice.replace("Investigations System", "Inquiries System")).unwrap();
    let rule = std::fs::read_to_string(pass.join("rule.toml")).unwrap();
    let start = rule.find("[system]").unwrap();
    let end = start + rule[start..].find("\n\n").unwrap() + 2;
    let rule = format!(
        "{}{}",
        rule[..start].replacen(
            "sorn = \"notice.toml\"\n",
            &format!("sorn = \"notice.toml\"\nsystem = {{ from = \"{source}\" }}\n"),
            1
        ),
        &rule[end..]
    );
    std::fs::write(dir.path().join("rule.toml"), rule).unwrap();
    dir
}

#[test]
fn system_mismatch_compares_a_system_taken_by_reference_and_points_where_it_is_written() {
    let dir = pair_taking_the_system_from("notice.toml");
    let (code, report) = check(dir.path(), &["check", "--select", "system-mismatch", "."]);
    assert_eq!(code, Some(0), "{report}");
    assert!(!report.contains("system-mismatch"), "{report}");

    let dir = pair_taking_the_system_from("other.toml");
    let (_, report) = check(dir.path(), &["check", "--select", "system-mismatch", "notice.toml", "rule.toml"]);
    assert!(report.contains("system-mismatch"), "{report}");
    assert!(report.contains("other.toml:32:"), "the name the rule took is in other.toml: {report}");
}
