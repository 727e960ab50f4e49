//! The rendered ICE-015 documents against the published texts, word by word, with the project's
//! shared `fidelity.py`. Outside CI the comparison is skipped when `../shared` is not beside the
//! checkout; in CI (`CI` set) it must run.

mod common;

use std::process::Command;

#[test]
fn rendered_documents_reproduce_the_published_texts() {
    let Some(shared) = common::shared() else {
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
            let rendered = out.path().join(format!("{stem}.{ext}"));
            let score =
                common::fidelity_py(&shared.join("tools/fidelity.py"), &shared.join("seeds").join(seed), &rendered)
                    .expect("fidelity.py runs");
            assert!(score >= 0.985, "{stem}.{ext}: fidelity {score} below 0.985");
        }
    }
}
