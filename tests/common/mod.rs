//! Helpers the CLI and round-trip tests share: running the binary, and comparing a rendering with
//! a reference text as the project's `fidelity.py` does.

#![allow(dead_code)] // each test binary uses its own subset

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `sorn` binary, run from the repository root without colour.
pub fn sorn() -> Command {
    let mut cmd = Command::cargo_bin("sorn").unwrap();
    cmd.current_dir(root()).env("NO_COLOR", "1");
    cmd
}

/// Standard error of a run, as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Standard output of a run, as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `../shared/` beside the checkout, if it is there. In CI (`CI` set) it must be.
pub fn shared() -> Option<PathBuf> {
    let dir = root().join("../shared");
    let present = dir.join("tools/fidelity.py").is_file();
    if !present && std::env::var_os("CI").is_some() {
        panic!("CI must have ../shared beside the checkout");
    }
    present.then_some(dir)
}

/// The figure `fidelity.py REFERENCE RENDERED` prints, or `None` when the tool cannot run.
pub fn fidelity_py(tool: &Path, reference: &Path, rendered: &Path) -> Option<f64> {
    let out = std::process::Command::new("python3").arg(tool).arg(reference).arg(rendered).output().ok()?;
    let report = String::from_utf8_lossy(&out.stdout);
    report.lines().rev().find_map(|l| l.strip_prefix("fidelity: ")).and_then(|v| v.trim().parse().ok())
}

/// A word-level similarity of two texts with the markup `fidelity.py` ignores removed: the
/// stand-in where Python or `../shared` is not available.
pub fn word_fidelity(reference: &str, rendered: &str) -> f64 {
    let clean = |t: &str| -> String {
        let t = t
            .replace(['*', '\\', '#', '_', '`', '\u{2022}'], " ")
            .replace(['\u{201c}', '\u{201d}'], "\"")
            .replace('\u{2019}', "'");
        t.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    f64::from(similar::TextDiff::from_words(&clean(reference), &clean(rendered)).ratio())
}

/// The text of an FR XML document with its tags removed: the reference a rendering is compared
/// with.
pub fn xml_text(xml: &str) -> String {
    let mut text = String::with_capacity(xml.len());
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
}
