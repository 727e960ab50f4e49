//! `sorn init` with the real binary: the files it writes parse and say what the guide says, the
//! workflow uses the action's real inputs, and a second run keeps what exists.

mod common;

use std::path::Path;

use common::{root, stderr};
use yaml_rust2::{Yaml, YamlLoader};

fn sorn(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut cmd = assert_cmd::Command::cargo_bin("sorn").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1").args(args).output().unwrap()
}

fn yaml(path: &Path) -> Yaml {
    let text = std::fs::read_to_string(path).unwrap();
    let mut docs = YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(docs.len(), 1, "{}", path.display());
    docs.remove(0)
}

fn initialized() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = sorn(dir.path(), &["init"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    dir
}

const WRITTEN: &[&str] = &[
    "sorn.toml",
    "schemas/sorn.schema.json",
    "schemas/exemption-rule.schema.json",
    ".github/workflows/sorn.yml",
    ".pre-commit-config.yaml",
    ".taplo.toml",
    ".vscode/settings.json",
    ".vscode/extensions.json",
];

#[test]
fn init_writes_every_file_and_the_sources_folder() {
    let dir = initialized();
    for file in WRITTEN {
        assert!(dir.path().join(file).is_file(), "{file} missing");
    }
    assert!(dir.path().join("sorns").is_dir());
    // The schemas are the ones `sorn schema` writes (and this repository commits).
    for name in ["sorn.schema.json", "exemption-rule.schema.json"] {
        let written = std::fs::read_to_string(dir.path().join("schemas").join(name)).unwrap();
        assert_eq!(written, std::fs::read_to_string(root().join("schemas").join(name)).unwrap(), "{name}");
    }
}

#[test]
fn init_into_a_named_folder_creates_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = sorn(dir.path(), &["init", "privacy-docs"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(dir.path().join("privacy-docs/sorn.toml").is_file());
    assert!(stderr(&out).contains("wrote privacy-docs/.github/workflows/sorn.yml"), "{}", stderr(&out));
}

#[test]
fn the_workflow_checks_out_sorn_at_the_pinned_commit_and_uses_real_action_inputs() {
    let dir = initialized();
    let workflow = yaml(&dir.path().join(".github/workflows/sorn.yml"));
    let action = yaml(&root().join("action.yml"));
    let inputs: Vec<&str> = action["inputs"].as_hash().unwrap().keys().map(|k| k.as_str().unwrap()).collect();
    let steps = workflow["jobs"]["check"]["steps"].as_vec().unwrap();
    let uses = |step: &Yaml| step["uses"].as_str().unwrap_or("").to_string();

    let checkout = steps.iter().find(|s| !s["with"]["repository"].is_badvalue()).expect("a checkout of sorn");
    assert!(uses(checkout).starts_with("actions/checkout@"));
    assert_eq!(checkout["with"]["repository"].as_str(), Some("${{ vars.SORN_REPOSITORY }}"));
    assert_eq!(checkout["with"]["ref"].as_str(), Some("${{ vars.SORN_COMMIT }}"));
    let path = checkout["with"]["path"].as_str().unwrap();

    let check = steps.iter().find(|s| uses(s) == format!("./{path}")).expect("the action used from its checkout");
    let with = check["with"].as_hash().unwrap();
    assert!(!with.is_empty());
    for key in with.keys() {
        let key = key.as_str().unwrap();
        assert!(inputs.contains(&key), "`{key}` is not an input of action.yml ({inputs:?})");
    }
    assert_eq!(check["with"]["paths"].as_str(), Some("sorns"));
    let permissions = &workflow["jobs"]["check"]["permissions"];
    assert_eq!(permissions["security-events"].as_str(), Some("write"));
    // The build step runs a sorn command that exists, with options it has.
    let build = steps.iter().filter_map(|s| s["run"].as_str()).find(|r| r.starts_with("sorn build")).unwrap();
    let command: Vec<&str> = build.split('#').next().unwrap().split_whitespace().skip(1).collect();
    let help = sorn(dir.path(), &[command[0], "--help"]);
    for option in command.iter().filter(|w| w.starts_with("--")) {
        assert!(String::from_utf8_lossy(&help.stdout).contains(option), "sorn build has no {option}");
    }
}

#[test]
fn the_pre_commit_hook_runs_sorn_check() {
    let dir = initialized();
    let config = yaml(&dir.path().join(".pre-commit-config.yaml"));
    let repo = &config["repos"][0];
    assert_eq!(repo["repo"].as_str(), Some("local"));
    let hook = &repo["hooks"][0];
    assert_eq!(hook["entry"].as_str(), Some("sorn check"));
    assert_eq!(hook["language"].as_str(), Some("system"));
    assert_eq!(hook["pass_filenames"].as_bool(), Some(false));
    assert!(regex::Regex::new(hook["files"].as_str().unwrap()).unwrap().is_match("sorns/a.toml"));
}

#[test]
fn the_editor_settings_parse_and_point_at_the_schemas() {
    let dir = initialized();
    let taplo: toml::Table = toml::from_str(&std::fs::read_to_string(dir.path().join(".taplo.toml")).unwrap()).unwrap();
    for rule in taplo["rule"].as_array().unwrap() {
        let schema = rule["schema"]["path"].as_str().unwrap();
        assert!(dir.path().join(schema).is_file(), "{schema}");
    }
    let settings: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join(".vscode/settings.json")).unwrap()).unwrap();
    assert_eq!(settings["evenBetterToml.taplo.configFile.path"], ".taplo.toml");
    let extensions: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join(".vscode/extensions.json")).unwrap()).unwrap();
    assert_eq!(extensions["recommendations"][0], "tamasfe.even-better-toml");
}

#[test]
fn a_second_run_keeps_every_file_and_force_replaces_them() {
    let dir = initialized();
    let config = dir.path().join("sorn.toml");
    std::fs::write(&config, "[lints]\ntodo = \"error\"\n").unwrap();
    let again = sorn(dir.path(), &["init"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    for file in WRITTEN {
        assert!(stderr(&again).contains(&format!("kept {file}: it exists")), "{file}: {}", stderr(&again));
    }
    assert!(!stderr(&again).contains("wrote"), "{}", stderr(&again));
    assert_eq!(std::fs::read_to_string(&config).unwrap(), "[lints]\ntodo = \"error\"\n");

    let forced = sorn(dir.path(), &["init", "--force"]);
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert!(stderr(&forced).contains("wrote sorn.toml"), "{}", stderr(&forced));
    assert!(std::fs::read_to_string(&config).unwrap().contains("# [lints]"));
}

#[test]
fn force_never_writes_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("precious.toml");
    std::fs::write(&target, "precious\n").unwrap();
    std::os::unix::fs::symlink(&target, dir.path().join("sorn.toml")).unwrap();
    let out = sorn(dir.path(), &["init", "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("kept sorn.toml"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious\n");
}

#[test]
fn init_never_writes_into_a_linked_folder() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join(".vscode")).unwrap();
    let out = sorn(dir.path(), &["init", "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("kept .vscode/settings.json"), "{}", stderr(&out));
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
}

#[test]
fn check_in_an_empty_repository_says_there_is_nothing_and_how_to_start() {
    let dir = initialized();
    let out = sorn(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let text = stderr(&out).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("no sorn sources found in ."), "{text}");
    assert!(text.contains("sorn new sorn") && text.contains("sorn init"), "{text}");
}

/// A source that loads, with one `todo` finding.
const SOURCE: &str = "kind = \"sorn\"\n";

#[test]
fn folder_walks_skip_gitignored_and_excluded_files_but_read_named_ones() {
    let dir = initialized();
    for file in ["sorns/a.toml", "sorns/drafts/b.toml", "sorns/c.old.toml", "sorns/scratch/d.toml"] {
        let path = dir.path().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, SOURCE).unwrap();
    }
    std::fs::write(dir.path().join(".gitignore"), "scratch/\n").unwrap();
    let config = std::fs::read_to_string(dir.path().join("sorn.toml")).unwrap();
    let config = config.replace("# exclude = [", "exclude = [");
    std::fs::write(dir.path().join("sorn.toml"), config).unwrap();

    let files = |out: &std::process::Output| {
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut paths: Vec<String> =
            json["diagnostics"].as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap().to_string()).collect();
        paths.dedup();
        paths
    };
    let out = sorn(dir.path(), &["check", "--format", "json"]);
    assert_eq!(files(&out), ["sorns/a.toml"], "{}", stderr(&out));
    // From a folder below the configuration, its patterns still apply.
    let out = sorn(&dir.path().join("sorns"), &["check", "--format", "json", "."]);
    assert_eq!(files(&out), ["a.toml"], "{}", stderr(&out));
    // A file named on the command line is read whatever the patterns say.
    let out = sorn(dir.path(), &["check", "--format", "json", "sorns/drafts/b.toml", "sorns/scratch/d.toml"]);
    assert_eq!(files(&out), ["sorns/drafts/b.toml", "sorns/scratch/d.toml"], "{}", stderr(&out));
}
