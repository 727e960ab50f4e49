//! `sorn check` and `sorn explain` as users run them: exit codes and output.

use std::path::PathBuf;

use assert_cmd::Command;

fn sorn() -> Command {
    let mut cmd = Command::cargo_bin("sorn").unwrap();
    cmd.current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR"))).env("NO_COLOR", "1");
    cmd
}

#[test]
fn errors_exit_1_and_clean_sources_exit_0() {
    let out = sorn().args(["check", "sorns"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unauthorized-exemption"), "{stderr}");
    assert!(stderr.trim_end().ends_with("2 errors, 4 warnings in 2 files"), "{stderr}");
    let out = sorn().args(["check", "examples"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn warnings_fail_only_when_denied() {
    let out = sorn().args(["check", "tests/fixtures/rules/routine-use-order/fail"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let out =
        sorn().args(["check", "tests/fixtures/rules/routine-use-order/fail", "--deny", "warnings"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn load_failures_are_diagnostics_too() {
    let out = sorn().args(["check", "tests/fixtures/bad"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for rule in [
        "syntax-error",
        "unknown-key",
        "missing-key",
        "invalid-value",
        "unknown-subsection",
        "unknown-authority",
        "unknown-placeholder",
        "unknown-kind",
        "unreadable-source",
    ] {
        assert!(stderr.contains(rule), "{rule} missing from\n{stderr}");
    }
}

#[test]
fn nothing_to_check_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = sorn().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_sorn_alone_gets_a_note_about_its_rule() {
    let out = sorn().args(["check", "sorns/dhs-ice-015.toml"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("unpaired-document").count(), 1, "{stderr}");
    assert!(stderr.contains("exemption rule of DHS/ICE-015 is not among the loaded sources"), "{stderr}");
}

#[test]
fn build_check_refuses_sources_with_errors() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = sorn().args(["build", "--check", "sorns", "--out-dir"]).arg(out_dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_dir(out_dir.path()).unwrap().count(), 0);
    let out = sorn()
        .args(["build", "--check", "examples/dhs-ice-015-corrected", "--out-dir"])
        .arg(out_dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read_dir(out_dir.path()).unwrap().count(), 2);
}

#[test]
fn explain_lists_and_documents_rules() {
    let out = sorn().args(["explain", "--list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for (meta, _) in sorn::check::rules::RULES {
        assert!(text.contains(meta.name), "{} not listed", meta.name);
    }
    let out = sorn().args(["explain", "unauthorized-exemption"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("# unauthorized-exemption"), "{text}");
    assert!(text.contains("## Legal basis"));
    let out = sorn().args(["explain", "unauthorised-exemption"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `unauthorized-exemption`"));
}
