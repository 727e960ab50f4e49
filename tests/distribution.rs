//! What an installed `sorn` offers beyond its commands: shell completions and manual pages.

mod common;

use common::{sorn, stderr, stdout};

const COMMANDS: [&str; 13] = [
    "build",
    "check",
    "diff",
    "explain",
    "import",
    "init",
    "apply",
    "rescind",
    "schema",
    "new",
    "serve",
    "completions",
    "man",
];

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
        Err(e) => skip(&format!("skipped: bash cannot be run ({e})")),
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

/// A repository with the ICE-015 sources in `notices/ice/`, and the folder its root resolves to.
fn repository() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().canonicalize().unwrap();
    std::fs::create_dir(repo.join(".git")).unwrap();
    let notices = repo.join("notices/ice");
    std::fs::create_dir_all(&notices).unwrap();
    for name in ["dhs-ice-015.toml", "dhs-ice-015-final-rule.toml"] {
        std::fs::copy(common::root().join("sorns").join(name), notices.join(name)).unwrap();
    }
    (dir, repo)
}

fn check_in(dir: &std::path::Path, format: &str, path: &str) -> String {
    let out = sorn().current_dir(dir).args(["check", "--format", format, path]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn github_annotations_name_files_from_the_repository_root_in_a_subfolder() {
    let (_dir, repo) = repository();
    let from_root = check_in(&repo, "github", "notices");
    let from_subfolder = check_in(&repo.join("notices/ice"), "github", ".");
    let from_sibling = check_in(&repo.join("notices"), "github", "./ice/../ice");
    assert!(from_subfolder.lines().any(|l| l.contains("file=notices/ice/dhs-ice-015.toml,")), "{from_subfolder}");
    assert_eq!(from_root, from_subfolder);
    assert_eq!(from_root, from_sibling);
}

#[test]
fn sarif_from_a_subfolder_is_relative_to_srcroot_and_records_the_working_directory() {
    let (_dir, repo) = repository();
    let subfolder = repo.join("notices/ice");
    let log: serde_json::Value = serde_json::from_str(&check_in(&subfolder, "sarif", ".")).unwrap();
    let run = &log["runs"][0];
    let file_uri = |p: &std::path::Path| format!("file://{}/", p.display());
    assert_eq!(run["originalUriBaseIds"]["SRCROOT"]["uri"], file_uri(&repo));
    assert_eq!(run["invocations"][0]["workingDirectory"]["uri"], file_uri(&subfolder));
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let location = &result["locations"][0]["physicalLocation"]["artifactLocation"];
        assert!(location["uri"].as_str().unwrap().starts_with("notices/ice/dhs-ice-015"), "{location}");
        assert_eq!(location["uriBaseId"], "SRCROOT");
        assert!(repo.join(location["uri"].as_str().unwrap()).is_file());
    }
    let from_root: serde_json::Value = serde_json::from_str(&check_in(&repo, "sarif", "notices")).unwrap();
    assert_eq!(from_root["runs"][0]["results"], run["results"], "the same results and fingerprints");
}

#[test]
fn draft_marks_the_html_page_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let build = |args: &[&str]| {
        let out = sorn()
            .args(["build", "sorns/dhs-ice-015.toml", "--format", "all", "--out-dir"])
            .arg(dir.path())
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let read = |ext: &str| std::fs::read(dir.path().join(format!("dhs-ice-015.{ext}"))).unwrap();
        (String::from_utf8(read("html")).unwrap(), read("md"), read("docx"))
    };
    let (page, markdown, word) = build(&[]);
    let (draft, draft_markdown, draft_word) = build(&["--draft"]);
    let body = &page[page.find("<body>").unwrap()..];
    assert!(!body.contains("DRAFT") && !page.contains("<title>DRAFT"), "a page is a draft only when asked");
    assert!(draft.contains("<title>DRAFT: "), "the title says so");
    assert!(draft.contains("<main class=\"draft\">\n<p class=\"draft-mark\">DRAFT"), "the banner opens the page");
    assert_eq!((markdown, word), (draft_markdown, draft_word), "the manuscripts are unchanged");
}

#[test]
fn the_manual_pages_render_with_man() {
    let dir = tempfile::tempdir().unwrap();
    let out = sorn().arg("man").arg("--out-dir").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for page in ["sorn.1", "sorn-check.1"] {
        let rendered =
            match std::process::Command::new("man").arg("-l").arg(dir.path().join(page)).env("MANWIDTH", "80").output()
            {
                Ok(rendered) => rendered,
                Err(e) => return skip(&format!("skipped: man cannot be run ({e})")),
            };
        let text = String::from_utf8_lossy(&rendered.stdout);
        assert!(rendered.status.success() && text.contains("NAME") && text.contains("SYNOPSIS"), "{page}: {text}");
    }
}

/// Says that a test skipped, on the process's standard error itself: the test harness captures
/// what `eprintln!` writes from a passing test, and a skip must be seen.
fn skip(message: &str) {
    let _ = std::io::Write::write_all(&mut std::io::stderr(), format!("{message}\n").as_bytes());
}
