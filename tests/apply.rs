//! `sorn apply` on a real alteration notice: DHA 20 DoD, altered on April 15, 2016 (81 FR 22240,
//! `tests/fixtures/import/real/dod-dha-20-2016-08707.xml`), applied to the full notice of May 6,
//! 2010 (75 FR 24928, `tests/fixtures/revisions/dod-dha-20-2010.toml`); DMDC 04, renamed by the
//! alteration of the same day (81 FR 22242), applied to its notice of April 14, 2009; and the
//! refusals.

mod common;

use std::path::{Path, PathBuf};

use common::{root, sorn, stderr, stdout};

/// The alteration imported into `dir`, and the full notice copied beside it.
fn pair(dir: &Path) -> (PathBuf, PathBuf) {
    let alteration = dir.join("dha-20-2016.toml");
    let xml = root().join("tests/fixtures/import/real/dod-dha-20-2016-08707.xml");
    let out = sorn().args(["import"]).arg(&xml).arg("--out").arg(&alteration).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let full = dir.join("dha-20-2010.toml");
    std::fs::copy(root().join("tests/fixtures/revisions/dod-dha-20-2010.toml"), &full).unwrap();
    (full, alteration)
}

fn table(path: &Path) -> toml::Table {
    std::fs::read_to_string(path).unwrap().parse().unwrap()
}

/// The source key of an alteration caption, as the legacy caption set names them.
fn key(caption: &str) -> &'static str {
    match caption.to_lowercase().as_str() {
        "system identifier" => "id",
        "system name" => "name",
        "system location" => "location",
        "storage" => "storage",
        "notification procedure" => "notification",
        "categories of individuals covered by the system" => "individuals",
        "categories of records in the system" => "records",
        "authority for maintenance of the system" => "authority",
        "purpose(s)" => "purposes",
        "retrievability" => "retrieval",
        "safeguards" => "safeguards",
        "retention and disposal" => "retention",
        "system manager(s) and address" => "managers",
        "notification procedures" => "notification",
        "record access procedures" => "record_access",
        "contesting record procedures" => "contesting",
        "record source categories" => "record_sources",
        other if other.starts_with("routine uses") => "routine_uses_intro",
        other => panic!("a caption the test does not know: {other}"),
    }
}

/// The replacement text of a "Delete entry and replace with “…”" instruction, as the test reads it.
fn replacement(text: &str) -> String {
    let text = text.trim().strip_prefix("Delete entry and replace with “").expect("a replacement");
    let text = text.strip_suffix('”').unwrap_or(text);
    text.trim().trim_end_matches('.').to_string()
}

#[test]
fn the_alteration_of_dha_20_applies_to_its_full_notice() {
    let dir = tempfile::tempdir().unwrap();
    let (full, alteration) = pair(dir.path());
    let applied = dir.path().join("dha-20-applied.toml");
    let out = sorn().arg("apply").arg(&full).arg(&alteration).arg("--out").arg(&applied).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));

    let text = std::fs::read_to_string(&applied).unwrap();
    insta::assert_snapshot!("dha-20-applied", text);

    // Each caption the alteration replaces holds its replacement text.
    let (altered, result) = (table(&alteration), table(&applied));
    let system = result["system"].as_table().unwrap();
    let mut compared = 0;
    for change in altered["system"]["changes"].as_array().unwrap() {
        let (Some(caption), Some(text)) = (change.get("caption"), change.get("text")) else { continue };
        let key = key(caption.as_str().unwrap());
        let want = replacement(text.as_str().unwrap());
        let want = want.strip_suffix(':').map_or(want.clone(), |w| format!("{w}:"));
        let got = system[key].as_str().unwrap().trim().trim_end_matches('.');
        assert_eq!(got, want.trim_end_matches('.'), "{key}");
        compared += 1;
    }
    assert_eq!(compared, 14, "every replaced caption is compared");
    let uses = system["routine_uses"].as_array().unwrap();
    assert_eq!(uses.len(), altered["system"]["changes"][5]["routine_uses"].as_array().unwrap().len());
    assert_eq!(result["action"].as_str(), Some("modified"));
    assert_eq!(result["revises"]["source"].as_str(), Some("dha-20-2016.toml"));
    // What the alteration does not change stays as the full notice printed it.
    assert_eq!(system["location"].as_str().unwrap().trim(), table(&full)["system"]["location"].as_str().unwrap());

    // The result loads without error, and builds as a review copy (its SUMMARY is still to write).
    let out = sorn().arg("check").arg(&applied).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("0 errors"), "{}", stderr(&out));
    let out = sorn().args(["build", "--draft", "--stdout"]).arg(&applied).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("EDHA 20 DoD"), "the new identifier prints");
}

#[test]
fn every_change_that_does_not_apply_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (full, alteration) = pair(dir.path());
    let mut text = std::fs::read_to_string(&alteration).unwrap();
    text = text.replace(
        "caption = \"Retrievability\"\ntext = \"Delete entry and replace with “By individual's name and SSN or DoD ID number.”\"",
        "caption = \"Retrievability\"\ntext = \"Delete “by badge number” and replace with “by name”.\"",
    );
    text.push_str("\n[[system.changes]]\ncaption = \"Disclosure to consumer reporting agencies\"\ntext = \"Delete entry and replace with “None.”\"\n");
    std::fs::write(&alteration, text).unwrap();
    let applied = dir.path().join("applied.toml");
    let out = sorn().arg("apply").arg(&full).arg(&alteration).arg("--out").arg(&applied).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = stderr(&out);
    let flat = report.split_whitespace().filter(|w| *w != "│").collect::<Vec<_>>().join(" ");
    assert_eq!(report.matches("apply-refused").count(), 2, "{report}");
    assert!(flat.contains("“by badge number”, is not in"), "{report}");
    assert!(flat.contains("has no “Disclosure to consumer reporting agencies” entry"), "{report}");
    assert!(report.contains("dha-20-2016.toml:"), "each refusal has its place: {report}");
    assert!(!applied.exists(), "nothing is written");
}

#[test]
fn the_output_never_replaces_a_source() {
    let dir = tempfile::tempdir().unwrap();
    let (full, alteration) = pair(dir.path());
    let before = std::fs::read(&full).unwrap();
    // Another spelling of the full notice's path is the same file.
    let same = dir.path().join(".").join("dha-20-2010.toml");
    let out = sorn().arg("apply").arg(&full).arg(&alteration).arg("--out").arg(&same).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("one of the sources read"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&full).unwrap(), before);
}

#[test]
fn a_full_notice_first_and_alterations_after() {
    let dir = tempfile::tempdir().unwrap();
    let (full, alteration) = pair(dir.path());
    let out = sorn().arg("apply").arg(&alteration).arg(&full).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is a partial notice"), "{}", stderr(&out));
}

#[test]
fn the_alteration_that_renames_dmdc_04_applies_to_its_full_notice() {
    let dir = tempfile::tempdir().unwrap();
    let alteration = dir.path().join("dmdc-04-2016.toml");
    let xml = root().join("tests/fixtures/import/real/dod-dmdc-04-2016-08636.xml");
    let out = sorn().args(["import"]).arg(&xml).arg("--out").arg(&alteration).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let full = dir.path().join("dmdc-04-2009.toml");
    std::fs::copy(root().join("tests/fixtures/revisions/dod-dmdc-04-2009.toml"), &full).unwrap();
    // To standard output, from the folder of the sources: `[revises]` names the alteration as
    // the current folder sees it.
    let out =
        sorn().current_dir(dir.path()).args(["apply", "dmdc-04-2009.toml", "dmdc-04-2016.toml"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    insta::assert_snapshot!("dmdc-04-applied", text);

    let (altered, result): (toml::Table, toml::Table) = (table(&alteration), text.parse().unwrap());
    let system = result["system"].as_table().unwrap();
    let mut compared = 0;
    for change in altered["system"]["changes"].as_array().unwrap() {
        let (Some(caption), Some(text)) = (change.get("caption"), change.get("text")) else { continue };
        let key = key(caption.as_str().unwrap());
        let want = replacement(text.as_str().unwrap());
        let want = want.strip_suffix(':').map_or(want.clone(), |w| format!("{w}:"));
        assert_eq!(system[key].as_str().unwrap().trim().trim_end_matches('.'), want.trim_end_matches('.'), "{key}");
        compared += 1;
    }
    assert_eq!(compared, 15, "every replaced caption is compared");
    assert_eq!(
        system["name"].as_str(),
        Some("Non-combatant Tracking System (NTS) & Evacuation Tracking and Accountability System (ETAS)")
    );
    assert_eq!(system["routine_uses"].as_array().unwrap().len(), 11);
    assert_eq!(result["revises"]["source"].as_str(), Some("dmdc-04-2016.toml"));
}
