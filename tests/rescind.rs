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

/// The captions of a rendered rescindment, in order, as the Markdown prints them.
fn captions(markdown: &str) -> Vec<String> {
    let caption = regex::Regex::new(r"(?m)^\*\*([A-Z][A-Z ]+):\*\*").unwrap();
    caption.captures_iter(markdown).map(|c| c[1].to_string()).collect()
}

#[test]
fn the_rescindment_prints_the_captions_of_published_rescindments() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("ea-1.toml");
    std::fs::copy(root().join("examples/minimal-sorn.toml"), &source).unwrap();
    let out = sorn().arg("rescind").arg(&source).arg("--reason").arg("The newsletter ended in 2024.").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let out =
        sorn().args(["build", "--draft", "--stdout"]).arg(dir.path().join("ea-1-rescindment.toml")).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let markdown = String::from_utf8(out.stdout).unwrap();
    // The preamble of DoD's rescindment of 26 notices (effective June 30, 2023), then the two
    // captions of the system text OMB's template keeps.
    let published = [
        "AGENCY",
        "ACTION",
        "SUMMARY",
        "DATES",
        "FOR FURTHER INFORMATION CONTACT",
        "SUPPLEMENTARY INFORMATION",
        "SYSTEM NAME AND NUMBER",
        "HISTORY",
    ];
    assert_eq!(captions(&markdown), published, "{markdown}");
    assert!(markdown.contains("**ACTION:** Rescindment of a system of records notice."), "{markdown}");
}

#[test]
fn a_notice_of_several_systems_is_not_rescinded_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("two.toml");
    let text = std::fs::read_to_string(root().join("examples/minimal-sorn.toml")).unwrap();
    std::fs::write(&source, format!("{text}\n[[systems]]\nid = \"EA-2\"\nname = \"Other Subscribers\"\n")).unwrap();
    let out = sorn().arg("rescind").arg(&source).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("publishes 2 systems"), "{}", stderr(&out));
    assert!(!dir.path().join("two-rescindment.toml").exists());
}
