//! The rendered ICE-015 documents against the published texts, word by word, with the project's
//! shared `fidelity.py`. Outside CI the comparison is skipped when `../shared` is not beside the
//! checkout; in CI (`CI` set) it must run.

use std::path::{Path, PathBuf};
use std::process::Command;

fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let present = dir.join("tools/fidelity.py").is_file();
    if !present && std::env::var_os("CI").is_some() {
        panic!("CI must have ../shared beside the checkout");
    }
    present.then_some(dir)
}

fn fidelity(reference: &Path, rendered: &Path) -> f64 {
    let out = Command::new("python3")
        .arg(reference.parent().unwrap().join("../tools/fidelity.py"))
        .arg(reference)
        .arg(rendered)
        .output()
        .expect("python3 runs");
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines()
        .find_map(|l| l.strip_prefix("fidelity: "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no fidelity figure in {text}"))
}

#[test]
fn rendered_documents_reproduce_the_published_texts() {
    let Some(shared) = shared() else {
        eprintln!("../shared not found: fidelity comparison skipped");
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_sorn"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["build", "sorns", "--format", "all", "--out-dir"])
        .arg(out.path())
        .status()
        .unwrap();
    assert!(status.success());
    for (seed, stem) in
        [("dhs-ice-015-sorn.md", "dhs-ice-015"), ("dhs-ice-015-final-rule.md", "dhs-ice-015-final-rule")]
    {
        for ext in ["md", "html"] {
            let score = fidelity(&shared.join("seeds").join(seed), &out.path().join(format!("{stem}.{ext}")));
            assert!(score >= 0.985, "{stem}.{ext}: fidelity {score} below 0.985");
        }
    }
}
