//! `sorn diff`: the change list, its JSON, the drafts, and the exit statuses.

mod common;

use common::{sorn, stderr, stdout};

const OLD: &str = "tests/fixtures/revision/published.toml";
const NEW: &str = "tests/fixtures/revision/modified.toml";

#[test]
fn lists_the_changes_by_caption_with_word_differences() {
    let out = sorn().args(["diff", OLD, NEW]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    insta::assert_snapshot!("diff-human", stdout(&out));
}

#[test]
fn one_source_is_compared_with_the_predecessor_it_names() {
    let both = sorn().args(["diff", OLD, NEW]).output().unwrap();
    let named = sorn().args(["diff", NEW]).output().unwrap();
    assert_eq!(named.status.code(), Some(1), "{}", stderr(&named));
    assert_eq!(stdout(&both), stdout(&named));
}

#[test]
fn json_is_versioned_and_names_each_change() {
    let out = sorn().args(["diff", OLD, NEW, "--format", "json"]).output().unwrap();
    let text = stdout(&out);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["changed"], true);
    let uses = &v["diff"]["routine_uses"];
    assert_eq!(uses["added"][0]["id"], "B");
    assert_eq!(uses["changed"][0]["old"]["id"], "A");
    assert_eq!(uses["relettered"].as_array().unwrap().len(), 3);
    let records = v["diff"]["captions"].as_array().unwrap().iter().find(|c| c["element"] == "records").unwrap();
    assert_eq!(records["status"], "changed");
    assert_eq!(records["items_added"][0], "hotline call recordings");
    insta::assert_snapshot!("diff-json", text);
}

#[test]
fn drafts_the_summary_history_action_and_dates() {
    let out = sorn().args(["diff", NEW, "--draft"]).output().unwrap();
    insta::assert_snapshot!("diff-draft", stdout(&out));
}

#[test]
fn a_version_against_itself_has_no_changes() {
    let out = sorn().args(["diff", OLD, OLD]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("no changes"));
}

#[test]
fn colour_marks_words_only_when_asked() {
    let plain = stdout(&sorn().args(["diff", OLD, NEW]).output().unwrap());
    assert!(plain.contains("[-Washington, DC 20001.-]") && !plain.contains('\x1b'));
    let colour = stdout(&sorn().args(["diff", OLD, NEW, "--color", "always"]).output().unwrap());
    assert!(colour.contains("\x1b[31m[-Washington, DC 20001.-]\x1b[0m"));
}

#[test]
fn sources_that_do_not_load_or_name_no_predecessor_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, "kind = \"sorn\"\ntemplate = \n").unwrap();
    let out = sorn().args(["diff", OLD]).arg(&broken).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("syntax-error"), "{}", stderr(&out));
    let out = sorn().args(["diff", OLD]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("names no predecessor"), "{}", stderr(&out));
}

/// A revision whose routine uses did not change may take effect on publication, whatever its
/// markers say: the comparison with the predecessor decides which uses are timed, and the marker
/// that disagrees with it is a warning of its own.
#[test]
fn a_revision_whose_routine_uses_did_not_change_is_not_timed() {
    let dir = tempfile::tempdir().unwrap();
    let published = std::fs::read_to_string(OLD).unwrap();
    std::fs::write(dir.path().join("published.toml"), &published).unwrap();
    let revision = published
        .replace("action = \"new\"", "action = \"modified\"")
        .replace("effective_days = 30", "effective_days = 0")
        .replace("[agency]", "[revises]\nsource = \"published.toml\"\n\n[agency]")
        .replace("litigation.\"\n", "litigation.\"\nchange = \"changed\"\n");
    std::fs::write(dir.path().join("revision.toml"), revision).unwrap();
    let out = sorn().args(["check", "--format", "json"]).arg(dir.path()).output().unwrap();
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let rules: Vec<&str> = v["diagnostics"].as_array().unwrap().iter().map(|d| d["rule"].as_str().unwrap()).collect();
    assert!(!rules.contains(&"routine-use-notice"), "{rules:?}");
    assert_eq!(rules.iter().filter(|r| **r == "routine-use-marker").count(), 1, "{rules:?}");
}

/// On a real modified notice (FERC-22, FR Doc. 2024-02813), whose SUPPLEMENTARY INFORMATION
/// names each updated section, `unexplained-change` finds every change mentioned, even against a
/// predecessor that differs in every caption.
#[test]
fn a_real_notice_that_names_its_updated_sections_explains_every_change() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("new.toml");
    let out = sorn()
        .args(["import", "tests/fixtures/import/real/ferc-22-2024-02813.xml", "--out"])
        .arg(&new)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let imported = std::fs::read_to_string(&new).unwrap();
    let mut old = imported.replace("action = \"modified\"", "action = \"new\"");
    for key in [
        "location",
        "managers",
        "authority",
        "purposes",
        "individuals",
        "records",
        "record_sources",
        "storage",
        "retrieval",
        "retention",
        "safeguards",
        "record_access",
        "contesting",
        "notification",
    ] {
        old = old
            .replace(&format!("\n{key} = \"\"\"\n"), &format!("\n{key} = \"\"\"\nFormer text. "))
            .replace(&format!("\n{key} = \"*"), &format!("\n{key} = \"Former text. *"));
        let plain = format!("\n{key} = \"");
        if let Some(at) = old.find(&plain)
            && !old[at + plain.len()..].starts_with("\"\"")
            && !old[at + plain.len()..].starts_with("Former")
        {
            old.replace_range(at..at + plain.len(), &format!("{plain}Former text. "));
        }
    }
    std::fs::write(dir.path().join("old.toml"), &old).unwrap();
    let revision =
        imported.replacen("[agency]", "[revises]\nsource = \"old.toml\"\ncitation = \"65 FR 21747\"\n\n[agency]", 1);
    std::fs::write(&new, revision).unwrap();
    let changed = sorn().args(["diff", "--format", "json"]).arg(&new).output().unwrap();
    let v: serde_json::Value = serde_json::from_str(&stdout(&changed)).unwrap();
    let reworded = v["diff"]["captions"].as_array().unwrap().iter().filter(|c| c["status"] == "changed").count();
    assert!(reworded >= 14, "{reworded} captions changed");
    let out = sorn().args(["check", "--select", "unexplained-change"]).arg(dir.path()).output().unwrap();
    assert!(!stderr(&out).contains("unexplained-change"), "{}", stderr(&out));
    assert!(stderr(&out).contains("0 errors, 0 warnings"), "{}", stderr(&out));
}

#[test]
fn a_published_revision_drafts_dates_certain() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(OLD, dir.path().join("published.toml")).unwrap();
    let revision =
        std::fs::read_to_string(NEW).unwrap().replacen("[revises]", "published = 2024-09-03\n\n[revises]", 1);
    std::fs::write(dir.path().join("modified.toml"), revision).unwrap();
    let out = sorn()
        .arg("diff")
        .arg(dir.path().join("modified.toml"))
        .arg("--draft")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Submit comments on or before October 3, 2024."), "{text}");
}

/// The predecessor `[revises].source` names is read only inside the project, as `sorn check`
/// reads it, and never echoed from outside it; a revision that names itself is refused.
#[test]
fn a_predecessor_outside_the_project_or_the_revision_itself_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.toml"), "kind = \"sorn\"\nsecret = \"do not print\"\n").unwrap();
    let text = std::fs::read_to_string(NEW).unwrap();
    let at = text.find("source = ").unwrap();
    let end = at + text[at..].find('\n').unwrap();
    let secret = outside.path().join("secret.toml");
    let cases = [
        ("up.toml", format!("source = \"{}\"", secret.display())),
        ("self.toml", "source = \"self.toml\"".to_string()),
    ];
    for (name, line) in cases {
        std::fs::write(dir.path().join(name), format!("{}{line}{}", &text[..at], &text[end..])).unwrap();
        let out = sorn().current_dir(dir.path()).args(["diff", name]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}: {}", stderr(&out));
        assert!(!stderr(&out).contains("do not print"), "{name}: {}", stderr(&out));
        assert!(stdout(&out).is_empty(), "{name}: {}", stdout(&out));
    }
    let out = sorn().current_dir(dir.path()).args(["diff", "up.toml"]).output().unwrap();
    assert!(stderr(&out).contains("outside the project"), "{}", stderr(&out));
    let out = sorn().current_dir(dir.path()).args(["diff", "self.toml"]).output().unwrap();
    assert!(stderr(&out).contains("itself"), "{}", stderr(&out));
}
