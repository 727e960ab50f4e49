//! The `sorn` binary as users run it: exit codes, outputs, and diagnostics for bad input.

mod common;

use std::path::Path;
use std::process::Output;

use common::{root, sorn, stderr};

fn build_into(dir: &Path, args: &[&str]) -> Output {
    sorn().arg("build").args(args).arg("--out-dir").arg(dir).output().unwrap()
}

#[test]
fn builds_both_ice_015_documents_in_both_formats() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = build_into(out_dir.path(), &["sorns", "--format", "all"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for name in ["dhs-ice-015.md", "dhs-ice-015.html", "dhs-ice-015-final-rule.md", "dhs-ice-015-final-rule.html"] {
        let text = std::fs::read_to_string(out_dir.path().join(name)).unwrap();
        assert!(text.len() > 5_000, "{name} is too short");
    }
}

#[test]
fn building_twice_gives_identical_bytes() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    assert_eq!(build_into(a.path(), &["sorns", "--format", "all"]).status.code(), Some(0));
    assert_eq!(build_into(b.path(), &["sorns", "--format", "all"]).status.code(), Some(0));
    let mut names: Vec<_> = std::fs::read_dir(a.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    assert_eq!(names.len(), 6);
    for name in names {
        assert_eq!(std::fs::read(a.path().join(&name)).unwrap(), std::fs::read(b.path().join(&name)).unwrap());
    }
}

#[test]
fn stdout_prints_the_single_result() {
    let out = sorn().args(["build", "sorns/dhs-ice-015-final-rule.toml", "--stdout"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("**DEPARTMENT OF HOMELAND SECURITY**"), "{text}");
    let out = sorn().args(["build", "sorns", "--stdout"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "two results cannot go to stdout");
}

#[test]
fn an_empty_folder_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = sorn().arg("build").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no sorn sources found"), "{}", stderr(&out));
}

#[test]
fn a_missing_path_is_exit_2() {
    let out = sorn().args(["build", "no/such/folder"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read no/such/folder"), "{}", stderr(&out));
}

#[test]
fn folders_skip_toml_files_that_are_not_sources() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
    std::fs::copy(root().join("tests/fixtures/good/minimal-sorn.toml"), dir.path().join("ea-1.toml")).unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out = build_into(out_dir.path(), &[dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out_dir.path().join("ea-1.md").exists());
    assert!(!out_dir.path().join("Cargo.md").exists());
}

#[test]
fn bad_sources_are_reported_and_not_rendered_while_good_ones_are() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join("tests/fixtures/good/minimal-sorn.toml"), dir.path().join("good.toml")).unwrap();
    std::fs::copy(root().join("tests/fixtures/bad/unknown-key.toml"), dir.path().join("bad.toml")).unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out = build_into(out_dir.path(), &[dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out_dir.path().join("good.md").exists());
    assert!(!out_dir.path().join("bad.md").exists());
}

#[test]
fn schema_writes_both_schemas() {
    let dir = tempfile::tempdir().unwrap();
    let out = sorn().arg("schema").arg("--out-dir").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    for name in ["sorn.schema.json", "exemption-rule.schema.json"] {
        let text = std::fs::read_to_string(dir.path().join(name)).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(value["properties"]["kind"].is_object(), "{name}");
    }
}

/// Each bad input: exit 1, no output for it, and a diagnostic with file, line, column and snippet.
#[test]
fn bad_input_diagnostics() {
    let mut names: Vec<_> = std::fs::read_dir(root().join("tests/fixtures/bad"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 9);
    for name in names {
        let out_dir = tempfile::tempdir().unwrap();
        let path = format!("tests/fixtures/bad/{name}");
        let out = build_into(out_dir.path(), &[&path]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", stderr(&out));
        assert_eq!(std::fs::read_dir(out_dir.path()).unwrap().count(), 0, "{name} must not be rendered");
        let text = stderr(&out).replace(&out_dir.path().display().to_string(), "OUT");
        assert!(text.contains(&format!("[{path}:")), "{name}: no file:line:col in\n{text}");
        insta::assert_snapshot!(format!("bad-{}", name.trim_end_matches(".toml")), text);
    }
}

/// Hostile files: huge, deeply nested, binary. Each is a diagnostic and exit status 1, never a
/// panic or a hang.
#[test]
fn hostile_files_are_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "huge.toml",
            {
                let mut v = b"kind = \"sorn\"\n".to_vec();
                v.extend(std::iter::repeat_n(b'#', 17 * 1024 * 1024));
                v
            },
            "unreadable-source",
        ),
        (
            "deep.toml",
            format!("kind = \"sorn\"\nx = {}{}\n", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
            "syntax-error",
        ),
        (
            "tables.toml",
            format!("kind = \"sorn\"\nx = {}1{}\n", "{a=".repeat(50_000), "}".repeat(50_000)).into_bytes(),
            "syntax-error",
        ),
        ("binary.toml", b"kind = \"sorn\"\n\x00\x01\x02\xff\xfe".to_vec(), "unreadable-source"),
        ("empty.toml", Vec::new(), "unknown-kind"),
    ];
    for (name, bytes, rule) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = sorn().arg("check").arg(&path).output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(err.contains(rule), "{name}: expected {rule} in {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
}
