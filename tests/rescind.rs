//! `sorn rescind` with the real binary: what it refuses.

mod common;

use common::{root, sorn, stderr};

#[test]
fn a_rescindment_never_replaces_a_file_and_never_rescinds_a_rescindment() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("ea-1.toml");
    std::fs::copy(root().join("examples/minimal-sorn.toml"), &source).unwrap();
    let out = sorn().arg("rescind").arg(&source).arg("--out").arg(&source).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("one of the sources read"), "{}", stderr(&out));

    let out = sorn().arg("rescind").arg(&source).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let written = dir.path().join("ea-1-rescindment.toml");
    let first = std::fs::read(&written).unwrap();
    let out = sorn().arg("rescind").arg(&source).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "the second run finds the first one's file");
    assert!(stderr(&out).contains("exists"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&written).unwrap(), first);

    let again = dir.path().join("again.toml");
    let out = sorn().arg("rescind").arg(&written).arg("--out").arg(&again).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already rescinds"), "{}", stderr(&out));
    assert!(!again.exists());
}

#[test]
fn a_source_that_does_not_load_is_reported_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("broken.toml");
    std::fs::write(&source, "kind = \"sorn\"\ntemplate = \"a108\"\naction = \"new\"\n[system]\nid = 1\n").unwrap();
    let out = sorn().arg("rescind").arg(&source).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("broken.toml"), "{}", stderr(&out));
    assert!(!dir.path().join("broken-rescindment.toml").exists());
}
