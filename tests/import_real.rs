//! `sorn import` on documents the Federal Register actually published (`tests/fixtures/import/real/`,
//! provenance in its README): every SORN imports, loads without a diagnostic, checks without an
//! error, builds, and renders back to its text; matching notices are refused, or skipped with a
//! note in a daily issue.

mod common;

use std::path::{Path, PathBuf};

use common::{root, sorn, stderr, xml_text};
use sorn::model::{Document, IdLine, Sorn};

fn real() -> PathBuf {
    root().join("tests/fixtures/import/real")
}

/// The published SORNs: every `.xml` file directly in the folder.
fn documents() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(real())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    assert!(files.len() >= 4, "the real documents are missing: {files:?}");
    files
}

/// Imports one document into a folder of its own, checks and builds it, and returns the source.
fn round_trip(input: &Path) -> (Sorn, String) {
    let name = input.file_stem().unwrap().to_string_lossy().into_owned();
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    let out = sorn().arg("import").arg(input).arg("--out-dir").arg(&src).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{name}: import failed\n{}", stderr(&out));
    assert!(!stderr(&out).contains("[[unplaced]]"), "{name}: text left unplaced\n{}", stderr(&out));

    let files: Vec<PathBuf> = std::fs::read_dir(&src).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 1, "{name}: one source expected, got {files:?}");
    let text = std::fs::read_to_string(&files[0]).unwrap();
    let ws = sorn::source::load_str("imported.toml", &text);
    assert!(ws.diagnostics.is_empty(), "{name}: the source does not load cleanly: {:#?}\n{text}", ws.diagnostics);
    let Some(Document::Sorn(doc)) = ws.documents.into_iter().next().map(|d| d.document) else {
        panic!("{name}: not a SORN\n{text}")
    };
    assert!(doc.unplaced.is_empty(), "{name}: [[unplaced]] in\n{text}");

    let check = sorn().arg("check").arg(&src).output().unwrap();
    assert_eq!(check.status.code(), Some(0), "{name}: check reports errors\n{}", stderr(&check));

    let build_dir = dir.path().join("build");
    let build = sorn().arg("build").arg(&src).args(["--format", "all", "--out-dir"]).arg(&build_dir).output().unwrap();
    assert_eq!(build.status.code(), Some(0), "{name}: build failed\n{}", stderr(&build));
    let stem = files[0].file_stem().unwrap().to_string_lossy().into_owned();
    let markdown = build_dir.join(format!("{stem}.md"));
    assert!(build_dir.join(format!("{stem}.html")).exists(), "{name}: no HTML rendering");

    let reference = xml_text(&std::fs::read_to_string(input).unwrap());
    let ratio = common::word_fidelity(&reference, &std::fs::read_to_string(&markdown).unwrap());
    assert!(ratio >= 0.97, "{name}: fidelity {ratio:.4} is below 0.97");
    eprintln!("{name}: fidelity {ratio:.4}");
    (*doc, text)
}

#[test]
fn every_published_sorn_round_trips() {
    for input in documents() {
        let (_, text) = round_trip(&input);
        let name = input.file_stem().unwrap().to_string_lossy().into_owned();
        insta::assert_snapshot!(format!("import-real-{name}"), text);
    }
}

#[test]
fn ferc_names_its_system_before_the_identifier() {
    let (s, _) = round_trip(&real().join("ferc-22-2024-02813.xml"));
    assert_eq!(s.template.value, sorn::model::Template::A108);
    assert_eq!(s.action.value, sorn::model::Action::Modified);
    assert_eq!(s.system.id.value, "FERC 22");
    assert_eq!(s.system.name.value, "Commission's Employees Indebtedness Cases Files");
    assert_eq!(s.system.form.as_ref().map(|f| f.value.as_str()), Some("{name} ({id})."));
    assert_eq!(s.system.routine_uses.len(), 12);
    assert_eq!(s.system.routine_uses[11].id.value, "12");
    assert_eq!(s.system.exemptions.as_ref().and_then(|e| e.text.as_ref()).map(|t| t.value.as_str()), Some("None."));
    assert_eq!(s.system.history.as_ref().map(|h| h.value.as_str()), Some("65 FR 21747, April 24, 2000."));
    assert_eq!(s.signature.as_ref().map(|g| g.placement), Some(sorn::model::SignaturePlacement::End));
    assert!(!s.partial);
}

#[test]
fn fhfa_prints_its_identifier_on_a_line_of_its_own() {
    let (s, _) = round_trip(&real().join("fhfa-14-2016-08652.xml"));
    assert_eq!(s.template.value, sorn::model::Template::Legacy);
    assert_eq!(s.system.id.value, "FHFA-14");
    assert_eq!(s.system.name.value, "Emergency Notification System");
    assert_eq!(s.system.id_line.as_ref().map(|l| l.value), Some(IdLine::Short));
    assert_eq!(s.system.form.as_ref().map(|f| f.value.as_str()), Some("{name}."));
    assert_eq!(s.system.routine_uses.iter().map(|r| r.id.value.as_str()).collect::<Vec<_>>().len(), 10);
    assert_eq!(s.system.routine_uses[0].id.value, "(1)");
    assert!(s.system.consumer_reporting.is_some() && s.system.policies.is_none());
    assert_eq!(s.signature.as_ref().map(|g| g.name.value.as_str()), Some("Melvin L. Watt"));
}

#[test]
fn dod_alteration_notices_keep_their_changes() {
    let (dha, _) = round_trip(&real().join("dod-dha-20-2016-08707.xml"));
    assert!(dha.partial, "an alteration notice prints only what changes");
    assert_eq!(dha.system.id.value, "DHA 20 DoD");
    assert_eq!(dha.system.name.value, "Department of Defense Suicide Event Report (DoDSER) System");
    assert_eq!(dha.system.form.as_ref().map(|f| f.value.as_str()), Some("{name} (May 6, 2010, 75 FR 24928)"));
    let captions: Vec<&str> =
        dha.system.changes.iter().filter_map(|c| c.caption.as_ref()).map(|c| c.value.as_str()).collect();
    assert_eq!(captions.first(), Some(&"System identifier"));
    assert_eq!(captions.last(), Some(&"Record Source Categories"));
    assert_eq!(captions.len(), 14, "{captions:?}");
    assert_eq!(
        dha.system.changes.iter().filter(|c| c.stars).count(),
        4,
        "stars after Changes:, twice between, at the end"
    );
    assert!(dha.system.individuals.is_none(), "the changes are not mistaken for the full system text");

    let (dmdc, _) = round_trip(&real().join("dod-dmdc-04-2016-08636.xml"));
    assert_eq!(dmdc.system.id.value, "DMDC 04");
    assert_eq!(dmdc.system.name.value, "Emergency Evacuation Tracking and Repatriation");
    // The system is renamed: the new name is one of the changes, the name altered stays the name.
    assert_eq!(
        dmdc.system.changes.iter().filter_map(|c| c.caption.as_ref()).next().map(|c| c.value.as_str()),
        Some("System name")
    );
}

#[test]
fn matching_notices_are_refused_with_the_reason() {
    for name in ["ssa-matching-2024-02789.xml", "va-matching-2020-25333.xml"] {
        let out = sorn().arg("import").arg(real().join("matching").join(name)).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}: {}", stderr(&out));
        let err = stderr(&out).replace('│', " ").split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(err.contains("notice of a computer matching program"), "{name}: {err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_daily_issue_skips_its_matching_notice_with_a_note() {
    let notice = |path: PathBuf| std::fs::read_to_string(path).unwrap();
    let issue = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<FEDREG>\n<VOL>89</VOL>\n<NO>29</NO>\n<DATE>Monday, February 12, 2024</DATE>\n<NOTICES>\n{}\n{}\n</NOTICES>\n</FEDREG>\n",
        notice(real().join("ferc-22-2024-02813.xml")),
        notice(real().join("matching/ssa-matching-2024-02789.xml")),
    );
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("FR-2024-02-12.xml");
    std::fs::write(&input, issue).unwrap();
    let out = sorn().arg("import").arg(&input).arg("--out-dir").arg(dir.path().join("src")).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("note: skipped NOTICE \"Privacy Act of 1974; Matching Program\", FR Doc. 2024-02789"),
        "{err}"
    );
    assert!(err.contains("computer matching program"), "{err}");
    let names: Vec<String> = std::fs::read_dir(dir.path().join("src"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["ferc-22.toml"]);
}
