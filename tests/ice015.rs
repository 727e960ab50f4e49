//! What sorn finds in the published ICE-015 documents, and that the corrected example is clean.
//! The README's "What sorn finds in ICE-015" lists these findings with their reasons.

use std::path::Path;

use sorn::check;
use sorn::source;

fn findings(dir: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let paths = source::discover(&[root.join(dir)]).unwrap();
    let ws = source::load_paths(&paths);
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
