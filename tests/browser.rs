//! The HTML output in a real browser: headless Chromium prints each ICE-015 document to PDF, and
//! the text of the printed pages must still read as the published document (the project's word
//! measure on the PDF's text). Needs `chromium` and `pdftotext` (Debian packages `chromium` and
//! `poppler-utils`; `.ci/run` installs them). Without them the test says so and does nothing,
//! except in CI (`CI` set), where it fails.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn tool(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?.to_str()?.split(':').map(|d| Path::new(d).join(name)).find(|p| p.is_file())
}

#[test]
fn printed_pages_read_as_the_published_documents() {
    let (Some(chromium), Some(pdftotext)) = (tool("chromium"), tool("pdftotext")) else {
        skip("chromium or pdftotext not installed: browser test skipped");
        assert!(std::env::var_os("CI").is_none(), "CI must have chromium and poppler-utils");
        return;
    };
    let root = common::root();
    let out = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_sorn"))
        .current_dir(&root)
        .args(["build", "sorns", "--format", "html", "--out-dir"])
        .arg(out.path())
        .status()
        .unwrap();
    assert!(status.success());
    for (seed, stem) in
        [("dhs-ice-015-sorn.md", "dhs-ice-015"), ("dhs-ice-015-final-rule.md", "dhs-ice-015-final-rule")]
    {
        let html = out.path().join(format!("{stem}.html"));
        let pdf = out.path().join(format!("{stem}.pdf"));
        let profile = out.path().join(format!("profile-{stem}"));
        let printed = Command::new(&chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--no-pdf-header-footer",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("file://{}", html.display()))
            .output()
            .unwrap();
        assert!(pdf.is_file(), "{stem}: no PDF printed: {}", String::from_utf8_lossy(&printed.stderr));
        let text = out.path().join(format!("{stem}.txt"));
        assert!(Command::new(&pdftotext).arg(&pdf).arg(&text).status().unwrap().success());
        let score = common::file_fidelity(&common::published(seed), &text);
        assert!(score >= 0.97, "{stem}: the printed pages read at fidelity {score}");
    }
}

/// Says that a test skipped, on the process's standard error itself: the test harness captures
/// what `eprintln!` writes from a passing test, and a skip must be seen.
fn skip(message: &str) {
    let _ = std::io::Write::write_all(&mut std::io::stderr(), format!("{message}\n").as_bytes());
}
