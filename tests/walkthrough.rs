//! The walk-through of docs/src/revising.md with the real binary: a published notice imported,
//! edited into a notice of a modified system, checked and built; the same notice rescinded.
//! (The walk-through's `sorn diff` step is tested with the diff command, in tests/diff.rs.)

mod common;

use std::path::Path;

use common::{root, sorn, stderr, stdout};

const PUBLISHED: &str = "tests/fixtures/import/real/ferc-22-2024-02813.xml";

/// Runs sorn in `dir`.
fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    sorn().current_dir(dir).args(args).output().unwrap()
}

/// `sorn import` of the published notice into `dir/ferc/ferc-22.toml`.
fn imported(dir: &Path) {
    std::fs::create_dir_all(dir.join("ferc")).unwrap();
    let published = root().join(PUBLISHED);
    let out = run(dir, &["import", published.to_str().unwrap(), "--out", "ferc/ferc-22.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// The edits of the walk-through, as an author makes them: the copy names the notice it revises,
/// drops what only the published notice has (its date, FR Doc line and signing date), moves the
/// system and adds a routine use.
fn edit(text: &str) -> String {
    let mut out = String::new();
    let mut skip = false;
    for line in text.lines() {
        if line.starts_with('[') {
            skip = line == "[fr_doc]";
        }
        if skip || line.starts_with("published = ") || line.starts_with("dated = ") {
            continue;
        }
        if line == "[agency]" {
            out.push_str("[revises]\nsource = \"ferc-22.toml\"\ncitation = \"89 FR 9843\"\npublished = 2024-02-12\n\n");
        }
        out.push_str(line);
        out.push('\n');
    }
    let moved =
        out.replacen("888 First Street NE, Washington, DC 20426.\n", "1 Example Plaza NE, Washington, DC 20426.\n", 1);
    assert_ne!(moved, out, "the location is edited");
    moved.replacen(
        "\n[system.exemptions]",
        "\n[[system.routine_uses]]\nid = \"13\"\nchange = \"new\"\ntext = \"To the Department of the Treasury to collect a debt owed to FERC by offset.\"\n\n[system.exemptions]",
        1,
    )
}

#[test]
fn a_published_notice_is_revised_checked_and_built() {
    let dir = tempfile::tempdir().unwrap();
    imported(dir.path());
    let published = std::fs::read_to_string(dir.path().join("ferc/ferc-22.toml")).unwrap();
    std::fs::write(dir.path().join("ferc/ferc-22-2025.toml"), edit(&published)).unwrap();

    let out = run(dir.path(), &["check", "ferc/"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("0 errors"), "{}", stderr(&out));

    let out = run(dir.path(), &["build", "ferc/ferc-22-2025.toml", "--stdout"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let markdown = stdout(&out);
    assert!(markdown.contains("Notice of a modified system of records."), "{markdown}");
    assert!(markdown.contains("1 Example Plaza NE"), "{markdown}");
    assert!(markdown.contains("To the Department of the Treasury to collect a debt"), "{markdown}");
}

#[test]
fn a_published_notice_is_rescinded_checked_and_built() {
    let dir = tempfile::tempdir().unwrap();
    imported(dir.path());
    let reason = "The Commission no longer maintains these files: debts owed by employees are now recorded in the Department of the Treasury's system of records Treasury/FS .017.";
    let out = run(dir.path(), &["rescind", "ferc/ferc-22.toml", "--reason", reason]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("wrote ferc/ferc-22-rescindment.toml"), "{}", stderr(&out));
    let path = dir.path().join("ferc/ferc-22-rescindment.toml");

    // Until the records' disposition is written, check lists it, and build refuses the source.
    let out = run(dir.path(), &["check", "ferc/ferc-22-rescindment.toml"]);
    let report = stderr(&out);
    assert_eq!(report.lines().filter(|l| l.trim() == "todo").count(), 1, "{report}");
    let out = run(dir.path(), &["build", "ferc/ferc-22-rescindment.toml", "--stdout"]);
    assert!(!out.status.success(), "a source with a todo does not build: {}", stdout(&out));

    let text = std::fs::read_to_string(&path).unwrap();
    let todo = regex::Regex::new(r"\{todo: what happens to the records[^}]*\}").unwrap();
    assert!(todo.is_match(&text), "{text}");
    let written = todo.replace(&text, "The records were destroyed under General Records Schedule 1.1, item 010.");
    std::fs::write(&path, written.as_ref()).unwrap();

    let out = run(dir.path(), &["check", "ferc/ferc-22-rescindment.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("0 errors, 0 warnings"), "{}", stderr(&out));
    let out = run(dir.path(), &["build", "ferc/ferc-22-rescindment.toml", "--stdout"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let markdown = stdout(&out);
    for caption in [
        "**ACTION:** Rescindment of a system of records notice.",
        "**SUPPLEMENTARY INFORMATION:**",
        "**SYSTEM NAME AND NUMBER:**",
        "**HISTORY:**",
    ] {
        assert!(markdown.contains(caption), "{caption}: {markdown}");
    }
    assert!(markdown.contains("Commission's Employees Indebtedness Cases Files"), "{markdown}");
    let history = markdown.split("**HISTORY:**").nth(1).unwrap_or_default();
    assert!(history.contains("65 FR 21747, April 24, 2000."), "the rescinded notice's HISTORY: {markdown}");
    assert!(history.contains("FR Doc. 2024-02813"), "and the rescinded notice itself: {markdown}");
}
