//! The user guide (`docs/`, an mdBook): its rule pages are generated from the rule registry (what
//! `sorn explain` prints) and must match it, its table of contents lists every page, and its links
//! and the README's links into it resolve. `SORN_UPDATE_GUIDE=1 cargo test --test guide` writes
//! the generated pages again.

mod common;

use std::path::{Path, PathBuf};

const RULES_START: &str =
    "<!-- rules: generated from the rule registry by `SORN_UPDATE_GUIDE=1 cargo test --test guide` -->\n";
const RULES_END: &str = "<!-- end of rules -->\n";

fn guide() -> PathBuf {
    common::root().join("docs/src")
}

fn updating() -> bool {
    std::env::var_os("SORN_UPDATE_GUIDE").is_some_and(|v| v == "1")
}

/// SUMMARY.md with its generated rule entries as the registry gives them.
fn summary_with_rules(summary: &str) -> String {
    let start = summary.find(RULES_START).expect("SUMMARY.md marks where the rules go") + RULES_START.len();
    let end = summary[start..].find(RULES_END).expect("SUMMARY.md marks where the rules end") + start;
    format!("{}{}{}", &summary[..start], sorn::commands::explain::guide_summary_entries(), &summary[end..])
}

#[test]
fn generated_pages_match_the_rule_registry() {
    let mut expected: Vec<(PathBuf, String)> =
        sorn::commands::explain::guide_pages().into_iter().map(|(path, text)| (guide().join(path), text)).collect();
    let summary_path = guide().join("SUMMARY.md");
    expected.push((summary_path.clone(), summary_with_rules(&std::fs::read_to_string(&summary_path).unwrap())));
    let mut stale = Vec::new();
    for (path, text) in &expected {
        if std::fs::read_to_string(path).ok().as_deref() != Some(text.as_str()) {
            if updating() {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, text).unwrap();
            } else {
                stale.push(path.display().to_string());
            }
        }
    }
    for entry in std::fs::read_dir(guide().join("rules")).unwrap() {
        let path = entry.unwrap().path();
        if !expected.iter().any(|(p, _)| *p == path) {
            if updating() {
                std::fs::remove_file(&path).unwrap();
            } else {
                stale.push(format!("{} (no such rule)", path.display()));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "the guide's rule pages differ from the rule registry:\n{}\nregenerate them: SORN_UPDATE_GUIDE=1 cargo test --test guide",
        stale.join("\n")
    );
}

/// The targets of a Markdown file's relative links (no scheme, no pure anchor), anchors removed.
fn relative_links(text: &str) -> Vec<String> {
    let mut links = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        }
        if fenced {
            continue;
        }
        for (i, _) in line.match_indices("](") {
            let rest = &line[i + 2..];
            let Some(end) = rest.find(')') else { continue };
            let target = rest[..end].split('#').next().unwrap();
            if !target.is_empty() && !target.contains("://") && !target.starts_with("mailto:") {
                links.push(target.to_string());
            }
        }
    }
    links
}

fn assert_links_resolve(file: &Path) {
    let text = std::fs::read_to_string(file).unwrap();
    for target in relative_links(&text) {
        let resolved = file.parent().unwrap().join(&target);
        assert!(resolved.exists(), "{}: the link to {target} leads nowhere", file.display());
    }
}

#[test]
fn every_page_is_in_the_table_of_contents_and_every_link_resolves() {
    let summary = std::fs::read_to_string(guide().join("SUMMARY.md")).unwrap();
    let listed = relative_links(&summary);
    for entry in std::fs::read_dir(guide()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") && path.file_name().unwrap() != "SUMMARY.md" {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            assert!(listed.contains(&name), "{name} is not in SUMMARY.md");
            assert_links_resolve(&path);
        }
    }
    for entry in std::fs::read_dir(guide().join("rules")).unwrap() {
        assert_links_resolve(&entry.unwrap().path());
    }
    assert_links_resolve(&guide().join("SUMMARY.md"));
    assert_links_resolve(&common::root().join("README.md"));
    assert!(common::root().join("docs/book.toml").is_file());
}
