//! The drafting loop with the real binary: `sorn new sorn`, fill it in, `sorn new nprm --for`,
//! `sorn new final-rule --from`, `check` clean, `build`.

use std::path::Path;

use assert_cmd::Command;

fn sorn(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("sorn").unwrap().current_dir(dir).args(args).output().unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Writes what each `{todo: ...}` asks for, as an author would.
fn fill(path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let todo = regex::Regex::new(r"\{todo: ([^}]*)\}").unwrap();
    let filled = todo.replace_all(&text, "Written: $1.").into_owned();
    std::fs::write(path, filled).unwrap();
}

fn todos(out: &std::process::Output) -> usize {
    stderr(out).lines().filter(|l| l.trim() == "todo").count()
}

#[test]
fn a_notice_and_its_rules_start_from_one_command_each_and_check_clean_once_written() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sorns")).unwrap();
    let out = sorn(
        dir.path(),
        &["new", "sorn", "Grant Help Requests", "--id", "FWA/GHR-1", "--agency", "Federal Works Agency"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let notice = dir.path().join("sorns/fwa-ghr-1.toml");
    assert!(stderr(&out).contains("wrote sorns/fwa-ghr-1.toml"), "{}", stderr(&out));

    // The skeleton loads; what is left to write is listed, one `todo` per field, and nothing else.
    let out = sorn(dir.path(), &["check", "sorns"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let listed = todos(&out);
    assert!(listed >= 20, "{listed} todos:\n{}", stderr(&out));
    assert!(stderr(&out).contains(&format!("0 errors, {listed} warnings")), "{}", stderr(&out));

    // A build refuses the unfinished source; a review copy renders it.
    let refused = sorn(dir.path(), &["build", "sorns", "--out-dir", "out"]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("text to write"), "{}", stderr(&refused));
    let draft = sorn(dir.path(), &["build", "sorns", "--draft", "--out-dir", "draft"]);
    assert!(draft.status.success(), "{}", stderr(&draft));
    let page = std::fs::read_to_string(dir.path().join("draft/fwa-ghr-1.md")).unwrap();
    assert!(page.contains("TODO: system location"), "{page}");

    // The author writes the notice, with the exemptions it claims.
    fill(&notice);
    let text = std::fs::read_to_string(&notice).unwrap();
    let exempt = text.replace(
        "[system.exemptions]\ntext = \"Written: None., or the exemptions claimed and who claims them.\"",
        "[system.exemptions]\nofficial = \"the Administrator\"\n\n[[system.exemptions.claims]]\nauthority = \"(k)(2)\"\nsubsections = [\"(c)(3)\", \"(d)\"]",
    );
    assert_ne!(exempt, text, "the exemptions caption of the skeleton changed:\n{text}");
    std::fs::write(&notice, exempt).unwrap();
    let out = sorn(dir.path(), &["check", "sorns"]);
    assert_eq!(todos(&out), 0, "{}", stderr(&out));

    // The proposed rule starts from the notice: linked, taking its agency, system, contacts and
    // signer by reference, with its claims.
    let out = sorn(dir.path(), &["new", "nprm", "--for", "sorns/fwa-ghr-1.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let nprm = dir.path().join("sorns/fwa-ghr-1-proposed-rule.toml");
    let text = std::fs::read_to_string(&nprm).unwrap();
    assert!(text.contains("sorn = \"fwa-ghr-1.toml\""), "{text}");
    // Agency, system, contacts and signer are taken from the notice, not copied from it.
    for key in ["agency", "system", "signature", "contacts"] {
        assert!(text.contains(&format!("{key} = {{ from = \"fwa-ghr-1.toml\" }}")), "{key}: {text}");
    }
    assert!(!text.contains("FWA/GHR-1") && text.contains("subsections = [\"(c)(3)\", \"(d)\"]"), "{text}");
    fill(&nprm);
    let text = std::fs::read_to_string(&nprm)
        .unwrap()
        .replace("title = 1  # Written: the CFR title of the agency's Privacy Act rules.", "title = 41");
    std::fs::write(&nprm, text).unwrap();

    // And the final rule from the proposed one.
    let out = sorn(dir.path(), &["new", "final-rule", "--from", "sorns/fwa-ghr-1-proposed-rule.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let final_rule = dir.path().join("sorns/fwa-ghr-1-final-rule.toml");
    let text = std::fs::read_to_string(&final_rule).unwrap();
    assert!(text.contains("stage = \"final\"") && text.contains("sorn = \"fwa-ghr-1.toml\""), "{text}");
    for key in ["agency", "system", "signature", "contacts"] {
        assert!(text.contains(&format!("{key} = {{ from = \"fwa-ghr-1-proposed-rule.toml\" }}")), "{key}: {text}");
    }
    assert!(!text.contains("[agency]") && !text.contains("[[notice.contacts]]"), "{text}");
    fill(&final_rule);

    let out = sorn(dir.path(), &["check", "sorns"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("0 errors, 0 warnings in 3 files"), "{}", stderr(&out));
    let out = sorn(dir.path(), &["build", "sorns", "--format", "all", "--out-dir", "build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("build/fwa-ghr-1-final-rule.html").exists());

    // A second `new` never replaces a file.
    let again = sorn(dir.path(), &["new", "nprm", "--for", "sorns/fwa-ghr-1.toml"]);
    assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
    assert!(stderr(&again).contains("never replaces"), "{}", stderr(&again));
}

#[test]
fn every_skeleton_loads_in_both_caption_sets() {
    for template in ["a108", "legacy"] {
        let dir = tempfile::tempdir().unwrap();
        let out = sorn(dir.path(), &["new", "sorn", "Example Records", "--template", template, "--out", "x.toml"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let out = sorn(dir.path(), &["check", "x.toml"]);
        assert_eq!(out.status.code(), Some(0), "{template}: {}", stderr(&out));
        let text = stderr(&out);
        let rules: std::collections::BTreeSet<&str> =
            text.lines().filter(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_lowercase() || c == '-')).collect();
        assert_eq!(rules.into_iter().collect::<Vec<_>>(), ["todo"], "{template}: {text}");
    }
}

#[test]
fn a_rule_is_started_only_from_the_document_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = sorn(dir.path(), &["new", "sorn", "Example Records", "--out", "x.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = sorn(dir.path(), &["new", "final-rule", "--from", "x.toml"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("is a SORN, not an exemption rule"), "{}", stderr(&out));
}

#[test]
fn a_skeleton_names_the_schema_relative_to_where_it_is_written() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("schemas")).unwrap();
    std::fs::write(dir.path().join("schemas/sorn.schema.json"), "{}").unwrap();
    let out = sorn(dir.path(), &["new", "sorn", "Example Records", "--out", "a/b/x.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(dir.path().join("a/b/x.toml")).unwrap();
    assert!(text.starts_with("#:schema ../../schemas/sorn.schema.json\n"), "{text}");
}
