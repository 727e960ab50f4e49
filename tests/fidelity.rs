//! The rendered ICE-015 documents against the published texts (the project's copies in
//! `tests/fixtures/import/`), word by word.

mod common;

use std::process::Command;

#[test]
fn rendered_documents_reproduce_the_published_texts() {
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
            let score = common::file_fidelity(&common::published(seed), &rendered);
            assert!(score >= 0.985, "{stem}.{ext}: fidelity {score} below 0.985");
        }
    }
}
