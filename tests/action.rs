//! The GitHub Action (`action.yml`): the script its check step runs (`.ci/action-check`), run here
//! the way the step runs it, with the step's environment, in a repository's subfolder.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::root;

fn action() -> String {
    std::fs::read_to_string(root().join("action.yml")).unwrap()
}

/// The environment variables the check step sets, in action.yml's order.
fn step_variables(action: &str) -> Vec<String> {
    let env = action.split("        SORN_").skip(1);
    env.map(|rest| format!("SORN_{}", rest.split(':').next().unwrap())).collect()
}

#[test]
fn the_action_installs_from_its_checkout_runs_the_script_and_uploads() {
    let action = action();
    assert!(action.contains("using: composite"));
    assert!(action.contains(r#"cargo install --locked --quiet --path "$GITHUB_ACTION_PATH""#));
    assert!(action.contains(r#"run: '"$GITHUB_ACTION_PATH/.ci/action-check"'"#));
    assert!(action.contains("uses: github/codeql-action/upload-sarif@"));
    assert!(action.contains("steps.check.outputs.sarif-written == 'true'"));
    let script = std::fs::read_to_string(root().join(".ci/action-check")).unwrap();
    let variables = step_variables(&action);
    assert_eq!(variables, ["SORN_PATHS", "SORN_CONFIG", "SORN_DENY_WARNINGS", "SORN_SARIF_FILE"]);
    for variable in variables {
        assert!(script.contains(&format!("${{{variable}")), "the script does not read {variable}");
    }
}

/// A repository with the given sources in `notices/`, and its canonical path.
fn repository(sources: &[PathBuf]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().canonicalize().unwrap();
    std::fs::create_dir(repo.join(".git")).unwrap();
    std::fs::create_dir(repo.join("notices")).unwrap();
    for source in sources {
        std::fs::copy(source, repo.join("notices").join(source.file_name().unwrap())).unwrap();
    }
    (dir, repo)
}

/// Runs the check step's script in `dir` with the step's variables; returns its output and
/// what it wrote to `GITHUB_OUTPUT`.
fn run_step(dir: &Path, variables: &[(&str, &str)]) -> (Output, String) {
    let outputs = dir.join("github-output");
    std::fs::write(&outputs, "").unwrap();
    let mut command = std::process::Command::new("bash");
    command.arg(root().join(".ci/action-check")).current_dir(dir);
    command.env("SORN", env!("CARGO_BIN_EXE_sorn")).env("GITHUB_OUTPUT", &outputs).env("NO_COLOR", "1");
    for (name, value) in variables {
        command.env(name, value);
    }
    let out = command.output().unwrap();
    let written = std::fs::read_to_string(&outputs).unwrap();
    std::fs::remove_file(&outputs).unwrap();
    (out, written)
}

fn ice_015() -> Vec<PathBuf> {
    ["dhs-ice-015.toml", "dhs-ice-015-final-rule.toml"].map(|n| root().join("sorns").join(n)).to_vec()
}

#[test]
fn findings_give_annotations_a_sarif_file_and_exit_1() {
    let (_dir, repo) = repository(&ice_015());
    let (out, outputs) = run_step(&repo.join("notices"), &[("SORN_PATHS", ". "), ("SORN_SARIF_FILE", "out.sarif")]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let annotations = String::from_utf8(out.stdout).unwrap();
    assert!(annotations.lines().any(|l| l.starts_with("::error file=notices/dhs-ice-015.toml,line=")), "{annotations}");
    assert!(annotations.trim_end().ends_with("2 errors, 8 warnings in 2 files"), "{annotations}");
    let sarif = repo.join("notices/out.sarif");
    let expected = format!("sarif-file={}\nsarif-written=true\nexit-code=1\n", sarif.display());
    assert_eq!(outputs, expected);
    let log: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 10);
    let uri = &results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert!(uri.as_str().unwrap().starts_with("notices/dhs-ice-015"), "{uri}");
}

#[test]
fn clean_sources_pass_and_deny_warnings_fails_on_a_warning() {
    let examples = root().join("examples/dhs-ice-015-corrected");
    let (_dir, repo) = repository(&[examples.join("dhs-ice-015.toml"), examples.join("dhs-ice-015-final-rule.toml")]);
    let (out, outputs) = run_step(&repo, &[("SORN_PATHS", "notices")]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(outputs.ends_with("sarif-written=true\nexit-code=0\n"), "{outputs}");
    assert!(repo.join("sorn.sarif").is_file(), "the default SARIF file");

    let (_dir, warned) = repository(&[root().join("tests/fixtures/rules/routine-use-order/fail/notice.toml")]);
    let (out, _) = run_step(&warned, &[("SORN_PATHS", "notices"), ("SORN_DENY_WARNINGS", "false")]);
    let annotations = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(annotations.contains("::warning file=notices/notice.toml"), "{annotations}");
    let without_deny = out.status.code();
    let (out, outputs) = run_step(&warned, &[("SORN_PATHS", "notices"), ("SORN_DENY_WARNINGS", "true")]);
    assert_eq!((without_deny, out.status.code()), (Some(0), Some(1)), "{annotations}");
    assert!(outputs.ends_with("exit-code=1\n"), "{outputs}");
}

#[test]
fn a_run_that_cannot_start_uploads_nothing_and_exits_2() {
    let (_dir, repo) = repository(&[]);
    let (out, outputs) = run_step(&repo, &[("SORN_PATHS", "missing-folder")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(outputs.contains("sarif-written=false\nexit-code=2\n"), "{outputs}");
    let (out, outputs) = run_step(&repo, &[("SORN_DENY_WARNINGS", "yes")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("deny-warnings must be true or false"));
    assert_eq!(outputs, "", "nothing ran");
}
