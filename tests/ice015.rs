//! What sorn finds in the published ICE-015 documents, and that the corrected example is clean.
//! The user guide's "What sorn finds in ICE-015" (docs/src/checking.md) lists these findings with their reasons.

mod common;

use std::path::Path;

use sorn::check;
use sorn::source;

fn findings(dir: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let paths = source::discover(&[root.join(dir)]).unwrap();
    let ws = source::load_paths(&paths).expect("the fixtures are readable");
    assert!(ws.diagnostics.is_empty(), "{dir} must load cleanly: {:#?}", ws.diagnostics);
    let mut diagnostics = check::run(&ws, |m| m.default_level);
    sorn::diagnostic::sort(&mut diagnostics);
    diagnostics
        .iter()
        .map(|d| {
            let label = d.primary().unwrap();
            let file = ws.files.get(label.file);
            let (line, _) = file.line_col(label.span.start);
            let name = file.path.file_name().unwrap().to_string_lossy();
            format!("{} {} {}:{} {}", d.severity.as_str(), d.rule, name, line, d.message)
        })
        .collect()
}

#[test]
fn the_published_documents() {
    insta::assert_snapshot!("ice015-findings", findings("sorns").join("\n"));
}

#[test]
fn the_corrected_example_checks_clean() {
    assert_eq!(findings("examples/dhs-ice-015-corrected"), Vec::<String>::new());
}

/// `sorn import` of the two published seeds gives sources on which `sorn check` finds exactly what
/// it finds in the hand-written sources (same rules, same messages, same files).
#[test]
fn imported_seeds_check_like_the_hand_written_sources() {
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_sorn"))
        .arg("import")
        .arg(common::published("dhs-ice-015-sorn.md"))
        .arg(common::published("dhs-ice-015-final-rule.md"))
        .arg("--out-dir")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let strip_line = |f: &String| {
        let mut parts = f.splitn(4, ' ').collect::<Vec<_>>();
        parts[2] = parts[2].split(':').next().unwrap();
        parts.join(" ")
    };
    let mut imported: Vec<String> = findings(dir.path().to_str().unwrap()).iter().map(strip_line).collect();
    let mut written: Vec<String> = findings("sorns").iter().map(strip_line).collect();
    imported.sort();
    written.sort();
    assert_eq!(imported, written);
}
