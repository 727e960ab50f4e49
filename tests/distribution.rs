//! What an installed `sorn` offers beyond its commands: shell completions and manual pages.

mod common;

use common::{sorn, stderr, stdout};

const COMMANDS: [&str; 9] = ["build", "check", "explain", "import", "schema", "new", "serve", "completions", "man"];

#[test]
fn completions_cover_every_command_in_every_shell() {
    for shell in ["bash", "elvish", "fish", "powershell", "zsh"] {
        let out = sorn().args(["completions", shell]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        for command in COMMANDS {
            assert!(script.contains(command), "{shell} completion lacks `{command}`");
        }
    }
}

#[test]
fn the_bash_completion_is_valid_bash() {
    let out = sorn().args(["completions", "bash"]).output().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("sorn.bash");
    std::fs::write(&script, &out.stdout).unwrap();
    match std::process::Command::new("bash").arg("-n").arg(&script).output() {
        Ok(check) => assert!(check.status.success(), "bash -n: {}", String::from_utf8_lossy(&check.stderr)),
        Err(e) => eprintln!("skipped: bash cannot be run ({e})"),
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let out = sorn().args(["completions", "cmd.exe"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("possible values"), "{}", stderr(&out));
}

#[test]
fn man_prints_sorn_1_naming_every_command() {
    let out = sorn().arg("man").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.contains(&format!(".TH sorn 1  \"sorn {}\"", env!("CARGO_PKG_VERSION"))), "{page}");
    for command in COMMANDS {
        assert!(page.contains(&format!("sorn\\-{command}(1)")), "sorn(1) lacks {command}");
    }
}

#[test]
fn man_out_dir_writes_one_page_per_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = sorn().arg("man").arg("--out-dir").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    let mut expected: Vec<String> = COMMANDS.iter().map(|c| format!("sorn-{c}.1")).collect();
    expected.push("sorn.1".into());
    expected.sort();
    assert_eq!(names, expected);
    let check = std::fs::read_to_string(dir.path().join("sorn-check.1")).unwrap();
    assert!(check.contains(".TH sorn-check 1"), "{check}");
    assert!(check.contains("sarif") && check.contains("github"), "the page lists --format's values");
    assert_eq!(stderr(&out).lines().count(), expected.len());
}
