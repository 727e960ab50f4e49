//! The drafting loop as the guide's "Getting started" walks it, with the real binary in a new
//! repository: `sorn init`, `sorn new sorn`, every `{todo}` written the way an author writes it,
//! `sorn new nprm --for`, `sorn new final-rule --from`, `sorn check` clean, `sorn build` in every
//! format; then the repository's own pre-commit hook and CI workflow commands, as written.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{root, stderr};

fn sorn(dir: &Path, args: &[&str]) -> Output {
    let mut cmd = assert_cmd::Command::cargo_bin("sorn").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1").args(args).output().unwrap()
}

fn ok(out: Output) -> Output {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    out
}

/// What an author writes for a field, by its key (and, for `name`, by its table).
fn prose(table: &str, key: &str, hint: &str) -> String {
    let text = match (table, key) {
        ("notice.contacts", "name") => "Pat Doe, Privacy Officer, Federal Works Agency",
        (_, "phone") => "(202) 555-0143",
        ("signature", "name") => "Jordan Roe",
        ("signature", "title") => "Chief Privacy Officer, Federal Works Agency",
        (_, "summary") => {
            "The Federal Works Agency gives notice of a system of records for the requests for help it receives from applicants for its grants."
        }
        (_, "supplementary") => {
            "Applicants for the agency's grants ask its staff for help with their applications. The agency keeps each request, and the answer given, to follow up and to improve its guidance."
        }
        (_, "security_classification") => "Unclassified.",
        (_, "location") => "Federal Works Agency, 1800 F Street NW, Washington, DC 20405.",
        (_, "managers") => "Director, Office of Grants, Federal Works Agency, 1800 F Street NW, Washington, DC 20405.",
        ("system", "authority") => "5 U.S.C. 301; 31 U.S.C. 6304.",
        (_, "purposes") => "To answer applicants' requests for help and to keep a record of the answers given.",
        (_, "individuals") => {
            "Applicants for the agency's grants who ask for help, and the agency staff who answer them."
        }
        (_, "records") => "Names, contact information, the grant applied for, the request and the answer given.",
        (_, "record_sources") => "The applicants themselves and the agency staff who answer them.",
        (_, "storage") => "Electronic records in the agency's grants management system.",
        (_, "retrieval") => "By the applicant's name or the number of the grant application.",
        (_, "retention") => {
            "Records are kept for three years after the grant closes, under General Records Schedule 1.2."
        }
        (_, "safeguards") => {
            "Access is limited to staff who need the records for their work, by role, with multi-factor authentication."
        }
        (_, "record_access") => "Write to the system manager, naming the grant applied for.",
        (_, "contesting") => "Write to the system manager, saying which record is wrong and why.",
        (_, "notification") => "Write to the system manager, as for record access.",
        (_, "history") => "None.",
        ("system.routine_uses", "text") => {
            "To grant recipients' authorized representatives, to answer a request made on the applicant's behalf."
        }
        ("cfr", "part") => "2501",
        ("cfr", "authority") => "5 U.S.C. 301; 5 U.S.C. 552a.",
        ("cfr", "section") => "2501.15",
        ("exemptions", "description") => {
            "The system holds requests for help from grant applicants, some of which concern investigations of grant fraud."
        }
        ("justifications", "text") => {
            "Disclosing the accounting of disclosures to the subject of an investigation would reveal the investigation and its scope."
        }
        _ => panic!("no text for `{key}` in `[{table}]` ({hint}): the skeleton has a field this test does not know"),
    };
    text.to_string()
}

/// Writes every `{todo: ...}` of a source as an author does: text in each placeholder, the
/// numbers and authorities a comment asks to confirm, and the exemptions the notice claims.
fn fill(path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    // The SORN's exemptions caption: the author claims what the rule will exempt.
    let claims = "[system.exemptions]\nofficial = \"the Administrator\"\n\n[[system.exemptions.claims]]\nauthority = \"(k)(2)\"\nsubsections = [\"(c)(3)\"]\n";
    let exemptions = regex::Regex::new(r#"\[system\.exemptions\]\ntext = "\{todo[^\n]*\n"#).unwrap();
    let text = exemptions.replace(&text, claims).into_owned();
    let todo = regex::Regex::new(r"\{todo: ([^}]*)\}").unwrap();
    let mut table = String::new();
    let mut key = String::new();
    let mut out = String::new();
    for line in text.lines() {
        if let Some(header) = line.strip_prefix("[[").and_then(|l| l.strip_suffix("]]")) {
            table = header.to_string();
        } else if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            table = header.to_string();
        } else if let Some((k, _)) = line.split_once(" = ") {
            key = k.trim().to_string();
        }
        let line = match line.split_once("  # {todo") {
            // A value the skeleton proposes, with a comment asking to confirm it.
            Some(_) if table == "cfr" && key == "title" => "title = 41".to_string(),
            Some((value, _)) => value.to_string(),
            None => line.to_string(),
        };
        let line = todo.replace_all(&line, |c: &regex::Captures| prose(&table, &key, &c[1])).into_owned();
        out.push_str(&line);
        out.push('\n');
    }
    assert!(!out.contains("{todo"), "{out}");
    std::fs::write(path, out).unwrap();
}

fn todos(out: &Output) -> usize {
    stderr(out).lines().filter(|l| l.trim() == "todo").count()
}

/// The folder holding the `sorn` binary, for commands that name it as a program on `PATH`.
fn bin_dir() -> PathBuf {
    assert_cmd::cargo::cargo_bin("sorn").parent().unwrap().to_path_buf()
}

#[test]
fn init_new_fill_check_and_build_as_the_guide_walks_it() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    ok(sorn(repo, &["init"]));

    let out = ok(sorn(
        repo,
        &["new", "sorn", "Grant Help Requests", "--id", "FWA/GHR-1", "--agency", "Federal Works Agency"],
    ));
    assert!(stderr(&out).contains("wrote sorns/fwa-ghr-1.toml"), "{}", stderr(&out));
    let notice = repo.join("sorns/fwa-ghr-1.toml");
    // What is left to write is listed, one `todo` each; the skeleton checks with warnings only.
    let out = ok(sorn(repo, &["check"]));
    assert!(todos(&out) >= 20, "{}", stderr(&out));
    fill(&notice);
    // Written, the notice claims exemptions that no rule makes yet: the one finding left.
    let out = sorn(repo, &["check"]);
    assert_eq!(todos(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("exemptions-without-rule") && stderr(&out).contains("1 error, 0 warnings"),
        "{}",
        stderr(&out)
    );

    ok(sorn(repo, &["new", "nprm", "--for", "sorns/fwa-ghr-1.toml"]));
    let proposed = repo.join("sorns/fwa-ghr-1-proposed-rule.toml");
    fill(&proposed);
    ok(sorn(repo, &["new", "final-rule", "--from", "sorns/fwa-ghr-1-proposed-rule.toml"]));
    let final_rule = repo.join("sorns/fwa-ghr-1-final-rule.toml");
    fill(&final_rule);

    let out = ok(sorn(repo, &["check"]));
    assert!(stderr(&out).contains("0 errors, 0 warnings in 3 files"), "{}", stderr(&out));

    let out = ok(sorn(repo, &["build", "--format", "all"]));
    assert!(stderr(&out).contains("wrote 9 files to build"), "{}", stderr(&out));
    for stem in ["fwa-ghr-1", "fwa-ghr-1-proposed-rule", "fwa-ghr-1-final-rule"] {
        for extension in ["md", "html", "docx"] {
            let path = repo.join("build").join(format!("{stem}.{extension}"));
            assert!(std::fs::metadata(&path).is_ok_and(|m| m.len() > 0), "{}", path.display());
        }
    }
    let page = std::fs::read_to_string(repo.join("build/fwa-ghr-1.md")).unwrap();
    assert!(page.contains("Grant Help Requests") && page.contains("1800 F Street NW"), "{page}");

    hooks_and_ci_as_written(repo);
}

/// The pre-commit hook's entry and the workflow's commands, run as `sorn init` wrote them.
fn hooks_and_ci_as_written(repo: &Path) {
    let path = format!("{}:{}", bin_dir().display(), std::env::var("PATH").unwrap_or_default());
    let run = |program: &str, args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = std::process::Command::new(program);
        cmd.current_dir(repo).env("PATH", &path).env("NO_COLOR", "1").args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    };
    let hook = std::fs::read_to_string(repo.join(".pre-commit-config.yaml")).unwrap();
    let entry = hook.lines().find_map(|l| l.trim().strip_prefix("entry: ")).unwrap();
    let words: Vec<&str> = entry.split_whitespace().collect();
    ok(run(words[0], &words[1..], &[]));

    // The action's check step: its script, with the inputs the workflow gives it.
    let workflow = std::fs::read_to_string(repo.join(".github/workflows/sorn.yml")).unwrap();
    let paths = workflow.lines().find_map(|l| l.trim().strip_prefix("paths: ")).unwrap();
    let script = root().join(".ci/action-check");
    let out = ok(run("bash", &[script.to_str().unwrap()], &[("SORN_PATHS", paths)]));
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 errors, 0 warnings"), "{}", stderr(&out));
    assert!(repo.join("sorn.sarif").is_file());
    let build = workflow.lines().find_map(|l| l.trim().strip_prefix("- run: ")).unwrap();
    let build = build.split(" #").next().unwrap();
    ok(run("bash", &["-c", build], &[]));
}
