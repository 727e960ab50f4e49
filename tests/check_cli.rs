//! `sorn check` and `sorn explain` as users run them: exit codes and output.

mod common;

use std::path::PathBuf;

use assert_cmd::Command;
use common::sorn;

#[test]
fn errors_exit_1_and_clean_sources_exit_0() {
    let out = sorn().args(["check", "sorns"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unauthorized-exemption"), "{stderr}");
    assert!(stderr.trim_end().ends_with("2 errors, 8 warnings in 2 files"), "{stderr}");
    let out = sorn().args(["check", "examples"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn warnings_fail_only_when_denied() {
    let out = sorn().args(["check", "tests/fixtures/rules/routine-use-order/fail"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let out =
        sorn().args(["check", "tests/fixtures/rules/routine-use-order/fail", "--deny", "warnings"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn load_failures_are_diagnostics_too() {
    let out = sorn().args(["check", "tests/fixtures/bad"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for rule in [
        "syntax-error",
        "unknown-key",
        "missing-key",
        "invalid-value",
        "unknown-subsection",
        "unknown-authority",
        "unknown-placeholder",
        "unknown-kind",
        "unreadable-source",
    ] {
        assert!(stderr.contains(rule), "{rule} missing from\n{stderr}");
    }
}

#[test]
fn nothing_to_check_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = sorn().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_sorn_alone_gets_a_note_about_its_rule() {
    let out = sorn().args(["check", "sorns/dhs-ice-015.toml"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("unpaired-document").count(), 1, "{stderr}");
    assert!(stderr.contains("exemption rule of DHS/ICE-015 is not among the loaded sources"), "{stderr}");
}

#[test]
fn build_check_refuses_sources_with_errors() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = sorn().args(["build", "--check", "sorns", "--out-dir"]).arg(out_dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_dir(out_dir.path()).unwrap().count(), 0);
    let out = sorn()
        .args(["build", "--check", "examples/dhs-ice-015-corrected", "--out-dir"])
        .arg(out_dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read_dir(out_dir.path()).unwrap().count(), 2);
}

#[test]
fn explain_lists_and_documents_rules() {
    let out = sorn().args(["explain", "--list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for (meta, _) in sorn::check::REGISTRY.iter().filter_map(sorn::check::Registered::lint) {
        assert!(text.contains(meta.name), "{} not listed", meta.name);
    }
    let out = sorn().args(["explain", "unauthorized-exemption"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("# unauthorized-exemption"), "{text}");
    assert!(text.contains("## Basis"));
    assert!(text.contains("5 U.S.C. 552a(k) (statute): \"from subsections (c)(3)"), "{text}");
    let out = sorn().args(["explain", "unauthorised-exemption"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `unauthorized-exemption`"));
}

#[test]
fn json_output_follows_the_contract() {
    let out = sorn().args(["check", "sorns", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["files"], 2);
    assert_eq!(v["summary"]["errors"], 2);
    assert_eq!(v["summary"]["warnings"], 8);
    let first = &v["diagnostics"][0];
    for key in ["rule", "severity", "message", "path", "line", "column", "end_line", "end_column", "help"] {
        assert!(first.get(key).is_some(), "{key} missing from {first}");
    }
    let rules: Vec<&str> = v["diagnostics"].as_array().unwrap().iter().map(|d| d["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"unauthorized-exemption"));
}

#[test]
fn sarif_output_describes_every_rule_and_resolves_results() {
    let out = sorn().args(["check", "sorns", "--format", "sarif"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), sorn::check::all_rules().len());
    for result in run["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert!(result["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn github_output_is_workflow_commands() {
    let out = sorn().args(["check", "sorns", "--format", "github"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().any(|l| l.starts_with("::error file=sorns/dhs-ice-015.toml,line=")), "{text}");
    assert!(text.lines().any(|l| l.starts_with("::warning ")), "{text}");
    assert!(text.trim_end().ends_with("2 errors, 8 warnings in 2 files"), "{text}");
}

#[test]
fn configuration_sets_levels_and_reports_unknown_rules() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules/routine-use-order/fail");
    for name in ["notice.toml", "rule.toml"] {
        std::fs::copy(fixture.join(name), dir.path().join(name)).unwrap();
    }
    let config = dir.path().join("lints.toml");
    std::fs::write(&config, "[lints]\nroutine-use-order = \"error\"\n").unwrap();
    let out = sorn().arg("check").arg(dir.path()).arg("--config").arg(&config).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::write(&config, "[lints]\nroutine-use-order = \"allow\"\n").unwrap();
    let out = sorn().arg("check").arg(dir.path()).arg("--config").arg(&config).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("routine-use-order"));
    std::fs::write(&config, "[lints]\nroutine-use-ordr = \"allow\"\n").unwrap();
    let out = sorn().arg("check").arg(dir.path()).arg("--config").arg(&config).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("invalid-config") && stderr.contains("routine-use-order"), "{stderr}");
}

#[test]
fn a_sorn_toml_in_the_working_folder_is_found() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules/routine-use-order/fail");
    std::fs::create_dir(dir.path().join("sorns")).unwrap();
    for name in ["notice.toml", "rule.toml"] {
        std::fs::copy(fixture.join(name), dir.path().join("sorns").join(name)).unwrap();
    }
    std::fs::write(dir.path().join("sorn.toml"), "[lints]\nroutine-use-order = \"error\"\n").unwrap();
    let mut cmd = Command::cargo_bin("sorn").unwrap();
    let out = cmd.current_dir(dir.path()).env("NO_COLOR", "1").args(["check", "sorns"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
}

/// The corrected ICE-015 pair, copied into a folder with `edit` applied to the rule's text.
fn ice015_with_rule_edit(edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = std::path::Path::new("examples/dhs-ice-015-corrected");
    for name in ["dhs-ice-015.toml", "dhs-ice-015-final-rule.toml"] {
        let text = std::fs::read_to_string(from.join(name)).unwrap();
        let text = if name.ends_with("final-rule.toml") { edit(&text) } else { text };
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

#[test]
fn a_range_in_a_subsections_list_is_its_parts() {
    let dir = ice015_with_rule_edit(|t| {
        let ranged = t.replace(r#""(e)(4)(G)", "(e)(4)(H)", "(e)(4)(I)""#, r#""(e)(4)(G) through (I)""#);
        assert_ne!(ranged, t, "the example lists (e)(4)(G), (H) and (I)");
        ranged
    });
    let out = sorn().arg("check").arg(dir.path()).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.trim_end().ends_with("0 errors, 0 warnings in 2 files"), "{stderr}");
}

#[test]
fn a_bad_citation_in_a_claim_is_one_error_at_its_place() {
    let planted = [
        |t: &str| t.replacen(r#""(e)(5)""#, r#""(e)(5)", "(e)(13)""#, 1),
        |t: &str| t.replacen(r#""(e)(5)""#, r#""(e)(13)""#, 1),
        |t: &str| t.replacen(r#""(e)(4)(I)""#, r#""(e)(4)(J)""#, 1),
    ];
    for plant in planted {
        let dir = ice015_with_rule_edit(plant);
        let out = sorn().arg("check").arg(dir.path()).args(["--format", "json"]).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let rules: Vec<&str> =
            report["diagnostics"].as_array().unwrap().iter().map(|d| d["rule"].as_str().unwrap()).collect();
        assert_eq!(rules, ["unknown-subsection"], "{report:#}");
    }
}

/// The rules of a `sorn check --format json` run on a folder.
fn rules_reported(dir: &std::path::Path) -> Vec<(String, u64)> {
    let out = sorn().arg("check").arg(dir).args(["--format", "json"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["rule"].as_str().unwrap().to_string(), d["line"].as_u64().unwrap_or(0)))
        .collect()
}

#[test]
fn each_system_of_a_rule_is_checked_and_paired_on_its_own() {
    let text = std::fs::read_to_string("examples/dhs-two-systems-rule.toml").unwrap();
    let second = text.lines().position(|l| l == "[[systems]]").unwrap() as u64 + 1;
    // The second system loses its reason for (f): only its claim of (f) is unjustified.
    let unjustified = text.replace(
        "subsections = [\"(f)\"]\nheading = \"Agency Rules\"\ntext = \"because portions of this system are exempt from the individual access provisions of subsection (d) for the reasons noted above.\"\n\n[signature]",
        "\n[signature]",
    );
    let unjustified = unjustified.replace("[[systems.justifications]]\n\n[signature]", "[signature]");
    assert_ne!(unjustified, text);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("rule.toml"), &unjustified).unwrap();
    let found = rules_reported(dir.path());
    let errors: Vec<&(String, u64)> = found.iter().filter(|(r, _)| r != "unpaired-document").collect();
    assert_eq!(errors.len(), 1, "{found:?}");
    assert_eq!(errors[0].0, "unjustified-exemption");
    assert!(errors[0].1 > second, "reported in the second system: {found:?}");
    let unpaired: Vec<u64> = found.iter().filter(|(r, _)| r == "unpaired-document").map(|(_, l)| *l).collect();
    assert_eq!(unpaired.len(), 2, "one note per system without its SORN: {found:?}");

    // A SORN of the second system, whose claims differ from that system's, pairs with it alone.
    let sorn = std::fs::read_to_string("tests/fixtures/rules/claims-mismatch/pass/notice.toml").unwrap();
    let sorn =
        sorn.replace("exemption_rule = \"rule.toml\"\n", "").replace("id = \"DEA/OIG-001\"", "id = \"DHS/EX-002\"");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("rule.toml"), &text).unwrap();
    std::fs::write(dir.path().join("notice.toml"), &sorn).unwrap();
    let found = rules_reported(dir.path());
    let unpaired = found.iter().filter(|(r, _)| r == "unpaired-document").count();
    assert_eq!(unpaired, 1, "the first system still has no SORN: {found:?}");
    assert!(found.iter().any(|(r, _)| r == "claims-mismatch"), "{found:?}");
}

#[test]
fn a_rule_without_typed_claims_is_told_once_and_names_no_empty_value() {
    let text = std::fs::read_to_string("examples/doj-crt-section-rule.toml").unwrap();
    let start = text.find("[[exemptions.claims]]").unwrap();
    let end = text.find("[[justifications]]").unwrap();
    let untyped = format!("{}{}", &text[..start], &text[end..]);
    let dir = tempfile::tempdir().unwrap();
    let unworded: String = untyped.lines().filter(|l| !l.starts_with("wording = ")).map(|l| format!("{l}\n")).collect();
    std::fs::write(dir.path().join("rule.toml"), unworded).unwrap();
    let found = rules_reported(dir.path());
    let rules: Vec<&str> = found.iter().map(|(r, _)| r.as_str()).filter(|r| *r != "unpaired-document").collect();
    assert_eq!(rules, ["missing-section"], "{found:?}");
    let said = messages(dir.path()).join("\n");
    assert!(said.contains("JUSTICE/CRT-023 types no exemption claim"), "{said}");
    assert!(said.contains("its 10 justifications were not checked against any claim"), "{said}");

    let nameless = text.replace("id = \"JUSTICE/CRT-023\"", "id = \"\"").replace("title = 28", "title = 0");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("rule.toml"), nameless).unwrap();
    let said = messages(dir.path()).join("\n");
    assert!(said.contains("the rule does not say which CFR title it amends"), "{said}");
    assert!(!said.contains("SORN of  is"), "{said}");
    assert!(said.contains("the SORN of \"Civil Rights Pattern-or-Practice Investigative Records System\""), "{said}");
}

/// The messages of a `sorn check --format json` run on a folder.
fn messages(dir: &std::path::Path) -> Vec<String> {
    let out = sorn().arg("check").arg(dir).args(["--format", "json"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    report["diagnostics"].as_array().unwrap().iter().map(|d| d["message"].as_str().unwrap().to_string()).collect()
}

/// The `agency-fit` pass fixture moved to the Environmental Protection Agency; when `bad`, with a
/// DOJ billing code, a docket not in EPA's form and the CFR part left at DHS's. EPA is not in the
/// built-in table, so only `sorn.toml` can place it.
fn epa_pair(bad: bool, with_config: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules/agency-fit/pass");
    for name in ["notice.toml", "rule.toml"] {
        let text = std::fs::read_to_string(fixture.join(name)).unwrap();
        let text =
            text.replace("Department of Homeland Security", "Environmental Protection Agency").replace("DHS", "EPA");
        let text = if bad {
            text.replace("9110-9L-P", "4410-10-P").replace("EPA-2026-0001", "EPA 2026-0001")
        } else {
            text.replace("9110-9L-P", "6560-50-P").replace("title = 6\npart = \"5\"", "title = 40\npart = \"16\"")
        };
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    if with_config {
        std::fs::write(
            dir.path().join("sorn.toml"),
            "[[agencies]]\nname = \"Environmental Protection Agency\"\nabbreviation = \"EPA\"\ncfr_title = 40\n\
             cfr_part = \"16\"\nbilling_prefixes = [\"6560\"]\ndocket_prefix = \"EPA-\"\nsource = \"40 CFR part 16\"\n",
        )
        .unwrap();
    }
    dir
}

#[test]
fn an_agency_added_in_sorn_toml_is_checked_like_a_built_in_one() {
    let fits = epa_pair(false, true);
    let out = sorn().current_dir(fits.path()).args(["check", "."]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.trim_end().ends_with("0 errors, 0 warnings in 2 files"), "{stderr}");

    let misfit = epa_pair(true, true);
    let found = rules_reported_in(misfit.path());
    let fit: Vec<_> = found.iter().filter(|(rule, _)| rule == "agency-fit").collect();
    // The rule amends 6 CFR part 5, not EPA's 40 CFR part 16; the notice's billing code is DOJ's
    // and its docket is not in EPA's form.
    assert_eq!(fit.len(), 3, "{found:?}");
    assert_eq!(found.len(), 3, "{found:?}");

    // Without the configuration EPA is unknown, and agency-fit says nothing of it.
    let unknown = epa_pair(true, false);
    let found = rules_reported_in(unknown.path());
    assert!(found.iter().all(|(rule, _)| rule != "agency-fit"), "{found:?}");
}

/// The rules of a `sorn check --format json .` run inside `dir`, so that its `sorn.toml` applies.
fn rules_reported_in(dir: &std::path::Path) -> Vec<(String, u64)> {
    let out = sorn().current_dir(dir).args(["check", ".", "--format", "json"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["rule"].as_str().unwrap().to_string(), d["line"].as_u64().unwrap_or(0)))
        .collect()
}

/// `--select`, `--ignore`, `--statistics`, `--quiet` and a source on standard input.
#[test]
fn findings_are_selected_counted_and_read_from_standard_input() {
    let run = |args: &[&str], stdin: Option<&str>| {
        let mut cmd = assert_cmd::Command::cargo_bin("sorn").unwrap();
        cmd.current_dir(env!("CARGO_MANIFEST_DIR")).args(args);
        if let Some(text) = stdin {
            cmd.write_stdin(text);
        }
        let out = cmd.output().unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (code, text) = run(&["check", "sorns", "--select", "name-variant"], None);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("0 errors, 3 warnings"), "{text}");
    let (code, text) = run(&["check", "sorns", "--ignore", "unauthorized-exemption,name-variant"], None);
    assert_eq!(code, Some(0), "{text}");
    assert!(!text.contains("unauthorized-exemption") && !text.contains("name-variant"), "{text}");
    let (code, text) = run(&["check", "sorns", "--statistics"], None);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("    3   3 fix  name-variant (warning)\n"), "{text}");
    assert!(text.contains("    2          unauthorized-exemption (error)\n"), "{text}");
    assert!(text.contains("3 fixable with `sorn check --fix`\n"), "{text}");
    let (_, text) = run(&["check", "sorns", "--quiet"], None);
    assert!(!text.contains("errors,") && text.contains("unauthorized-exemption"), "{text}");
    let (code, text) = run(&["check", "sorns", "--select", "name-varant"], None);
    assert_eq!(code, Some(2), "{text}");
    assert!(text.contains("did you mean `name-variant`?"), "{text}");
    let notice = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/sorns/dhs-ice-015.toml")).unwrap();
    let (code, text) = run(&["check", "-"], Some(&notice));
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("[<stdin>:") && text.contains("in 1 file"), "{text}");
    let (code, text) = run(&["build", "-"], Some(&notice));
    assert_eq!(code, Some(2), "{text}");
}

/// The minimal example notice with a second system in `[[systems]]`: its own captions, a
/// routine use printed twice, no retention caption.
fn two_systems() -> String {
    let one = std::fs::read_to_string(common::root().join("examples/minimal-sorn.toml")).unwrap();
    let (head, signature) = one.split_once("[signature]").unwrap();
    let second = r#"
[[systems]]
id = "EA-2"
name = "Event Registrations"
separator = ", "
security_classification = "Unclassified."
location = "Example Agency, 1 Main Street NW, Washington, DC 20001."
managers = "Director of Events, Example Agency, 1 Main Street NW, Washington, DC 20001."
authority = "5 U.S.C. 301."
purposes = "To register the people who attend the {system} events."
individuals = "Members of the public who register for an event."
records = "Name and email address."
record_sources = "Registrants themselves."
routine_uses_intro = "Records may be disclosed as a routine use pursuant to 5 U.S.C. 552a(b)(3) as follows:"
storage = "Electronic records on agency servers."
retrieval = "By name."
safeguards = "Access is limited to events staff."
record_access = "Write to the system manager."
contesting = "Write to the system manager."
notification = "Write to the system manager."
history = "None."

[[systems.routine_uses]]
id = "A"
text = "To appropriate agencies, entities, and persons when the agency suspects or has confirmed a breach of the system of records."

[[systems.routine_uses]]
id = "B"
text = "To appropriate agencies, entities, and persons when the agency suspects or has confirmed a breach of the system of records."

[systems.exemptions]
text = "None."

"#;
    format!("{head}{second}[signature]{signature}")
}

#[test]
fn a_notice_of_two_systems_renders_and_checks_each() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ea-1-2.toml");
    std::fs::write(&path, two_systems()).unwrap();
    let out = sorn().arg("build").arg(&path).arg("--stdout").output().unwrap();
    let md = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let first = md.find("EA-1, Newsletter Subscribers.").expect("the first system's name caption");
    let second = md.find("EA-2, Event Registrations.").expect("the second system's name caption");
    assert!(first < second && md.matches("**SYSTEM NAME AND NUMBER:**").count() == 2, "{md}");
    assert!(md.contains("attend the EA-2, Event Registrations events"), "placeholders name their own system: {md}");
    let out = sorn().arg("check").arg(&path).args(["--format", "json"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["rule"].as_str().unwrap_or("").to_string(), d["message"].as_str().unwrap_or("").to_string()))
        .collect();
    let rules: Vec<&str> = found.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(rules, ["missing-section", "duplicate-routine-use"], "only the second system's findings: {found:?}");
    assert!(found[0].1.contains("`retention` in [[systems]]"), "{found:?}");
}

/// `--fix` on a copy of the ICE-015 sources: `--dry-run` shows the changes and writes nothing;
/// `--fix` applies them, the sources then check with fewer findings, and the renderings read as
/// the published documents as before.
#[test]
fn fixes_are_applied_in_place_and_the_documents_still_render_as_published() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["dhs-ice-015.toml", "dhs-ice-015-final-rule.toml"] {
        std::fs::copy(common::root().join("sorns").join(name), dir.path().join(name)).unwrap();
    }
    let findings = |out: &std::process::Output| {
        common::stderr(out).lines().filter(|l| l.starts_with("  ⚠") || l.starts_with("  ×")).count()
    };
    let fidelity = |dir: &std::path::Path| {
        let build = dir.join("build");
        let out = sorn().current_dir(dir).args(["build", ".", "--out-dir"]).arg(&build).output().unwrap();
        assert!(out.status.success(), "{}", common::stderr(&out));
        common::file_fidelity(&common::published("dhs-ice-015-sorn.md"), &build.join("dhs-ice-015.md"))
    };
    let before_text = std::fs::read_to_string(dir.path().join("dhs-ice-015.toml")).unwrap();
    let before = sorn().current_dir(dir.path()).args(["check", "."]).output().unwrap();
    let before_fidelity = fidelity(dir.path());

    let dry = sorn().current_dir(dir.path()).args(["check", ".", "--fix", "--dry-run"]).output().unwrap();
    let diff = common::stdout(&dry);
    assert!(diff.contains("+++ dhs-ice-015.toml (fixed)") && diff.contains("{system.id}"), "{diff}");
    assert_eq!(std::fs::read_to_string(dir.path().join("dhs-ice-015.toml")).unwrap(), before_text, "--dry-run wrote");

    let fixed = sorn().current_dir(dir.path()).args(["check", ".", "--fix"]).output().unwrap();
    assert!(common::stderr(&fixed).contains("applied 3 fix(es) in 2 file(s)"), "{}", common::stderr(&fixed));
    let after_text = std::fs::read_to_string(dir.path().join("dhs-ice-015.toml")).unwrap();
    assert_ne!(after_text, before_text);
    // Only the fixed words change: comments and layout stay as they were.
    assert_eq!(after_text.lines().count(), before_text.lines().count());
    let after = sorn().current_dir(dir.path()).args(["check", "."]).output().unwrap();
    assert!(findings(&after) < findings(&before), "{} then {}", findings(&before), findings(&after));
    assert!(!common::stderr(&after).contains("name-variant"), "{}", common::stderr(&after));
    let after_fidelity = fidelity(dir.path());
    assert!(
        after_fidelity >= 0.99 && (after_fidelity - before_fidelity).abs() < 0.002,
        "{before_fidelity} then {after_fidelity}"
    );

    // Nothing left to fix: a second run changes nothing.
    let again = sorn().current_dir(dir.path()).args(["check", ".", "--fix"]).output().unwrap();
    assert!(common::stderr(&again).contains("applied 0 fix(es) in 0 file(s)"), "{}", common::stderr(&again));
}

/// The rules whose fixes move or rewrite structure and identifiers (beyond `name-variant`).
const STRUCTURAL_FIXES: &str = "justification-order,routine-use-order,nonstandard-heading,agency-fit,identifier-format";

/// A copy of the ICE-015 sources in `dir`, with fixable defects injected when `inject`: the
/// first two justifications swapped, a docket number and a billing code with a space for a
/// hyphen, two headings misspelt (one in a justification the reordering moves, so that its fix
/// waits for a second round), routine uses B and C swapped.
fn ice015_copy(dir: &std::path::Path, inject: bool) {
    let read = |name: &str| std::fs::read_to_string(common::root().join("sorns").join(name)).unwrap();
    let swap = |text: &str, header: &str, a: usize, b: usize| {
        let mut parts: Vec<&str> = text.split(header).collect();
        parts.swap(a, b);
        parts.join(header)
    };
    let mut rule = read("dhs-ice-015-final-rule.toml");
    let mut notice = read("dhs-ice-015.toml");
    if inject {
        for (from, to) in [
            ("docket = \"DHS-2016-0087\"", "docket = \"DHS 2016-0087\""),
            ("heading = \"Notice to Subjects\"", "heading = \"Notice to Subject\""),
            ("heading = \"Access to Records\"", "heading = \"Access to Record\""),
        ] {
            assert!(rule.contains(from), "{from}");
            rule = rule.replace(from, to);
        }
        rule = swap(&rule, "[[justifications]]\n", 1, 2);
        assert!(notice.contains("billing_code = \"9111-28\""));
        notice = swap(
            &notice.replace("billing_code = \"9111-28\"", "billing_code = \"9111 28\""),
            "[[system.routine_uses]]\n",
            2,
            3,
        );
    }
    std::fs::write(dir.join("dhs-ice-015-final-rule.toml"), rule).unwrap();
    std::fs::write(dir.join("dhs-ice-015.toml"), notice).unwrap();
}

fn read_both(dir: &std::path::Path) -> [String; 2] {
    ["dhs-ice-015.toml", "dhs-ice-015-final-rule.toml"].map(|n| std::fs::read_to_string(dir.join(n)).unwrap())
}

/// Reordered justifications and routine uses, a docket, a billing code and a heading injected
/// into a copy of ICE-015: `--fix --dry-run` shows a unified diff (snapshotted) and writes
/// nothing; `--fix` undoes every injected defect byte for byte, the heading in a moved
/// justification in a second round, so the fixed copy is the fixed original; the sources load, check
/// with fewer findings and render as before. The original sources have nothing these rules fix.
#[test]
fn fixes_reorder_tables_and_repair_identifiers_in_rounds() {
    let injected = tempfile::tempdir().unwrap();
    let pristine = tempfile::tempdir().unwrap();
    ice015_copy(injected.path(), true);
    ice015_copy(pristine.path(), false);
    let check = |dir: &std::path::Path, args: &[&str]| {
        sorn().current_dir(dir).arg("check").arg(".").args(args).output().unwrap()
    };
    let findings = |out: &std::process::Output| {
        common::stderr(out).lines().filter(|l| l.starts_with("  ⚠") || l.starts_with("  ×")).count()
    };

    let original = read_both(pristine.path());
    let untouched = check(pristine.path(), &["--fix", "--select", STRUCTURAL_FIXES]);
    assert!(common::stderr(&untouched).contains("applied 0 fix(es) in 0 file(s)"), "{}", common::stderr(&untouched));
    assert_eq!(read_both(pristine.path()), original, "--fix changed sources with nothing to fix");

    let before_text = read_both(injected.path());
    let before = check(injected.path(), &[]);
    let dry = check(injected.path(), &["--fix", "--dry-run", "--select", STRUCTURAL_FIXES]);
    assert!(common::stderr(&dry).contains("6 fix(es) in 2 file(s) would be applied"), "{}", common::stderr(&dry));
    assert_eq!(read_both(injected.path()), before_text, "--dry-run wrote");
    insta::assert_snapshot!("fix-dry-run-ice-015", common::stdout(&dry));

    let fixed = check(injected.path(), &["--fix", "--select", STRUCTURAL_FIXES]);
    assert!(common::stderr(&fixed).contains("applied 6 fix(es) in 2 file(s)"), "{}", common::stderr(&fixed));
    assert_eq!(read_both(injected.path()), original, "the fixes restore the sources byte for byte");
    let after = check(injected.path(), &[]);
    assert!(findings(&after) < findings(&before), "{} then {}", findings(&before), findings(&after));
    for rule in STRUCTURAL_FIXES.split(',') {
        assert!(!common::stderr(&after).contains(&format!("\n{rule}\n")), "{rule}: {}", common::stderr(&after));
    }
    let build = injected.path().join("build");
    let out = sorn().current_dir(injected.path()).args(["build", ".", "--out-dir"]).arg(&build).output().unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    for (published, stem) in
        [("dhs-ice-015-sorn.md", "dhs-ice-015"), ("dhs-ice-015-final-rule.md", "dhs-ice-015-final-rule")]
    {
        let score = common::file_fidelity(&common::published(published), &build.join(format!("{stem}.md")));
        assert!(score >= 0.985, "{stem}: fidelity {score}");
    }
}

/// `--format json` and `--format sarif` say which findings have a fix and what it edits.
#[test]
fn machine_readable_reports_describe_fixes() {
    let dir = tempfile::tempdir().unwrap();
    ice015_copy(dir.path(), true);
    let out = sorn().current_dir(dir.path()).args(["check", ".", "--format", "json"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diagnostics = report["diagnostics"].as_array().unwrap();
    let docket = diagnostics.iter().find(|d| d["rule"] == "agency-fit").expect("the docket finding");
    assert_eq!(docket["fix"]["replacement"], "DHS-2016-0087");
    assert_eq!(docket["fix"]["edits"][0]["line"], docket["line"]);
    let order = diagnostics.iter().find(|d| d["rule"] == "justification-order").expect("the order finding");
    let edits = order["fix"]["edits"].as_array().unwrap();
    assert_eq!(edits.len(), 1);
    assert!(edits[0]["replacement"].as_str().unwrap().starts_with("[[justifications]]\nsubsections = [\"(c)(3)\""));
    assert!(diagnostics.iter().any(|d| d["rule"] == "unauthorized-exemption" && d.get("fix").is_none()));

    let out = sorn().current_dir(dir.path()).args(["check", ".", "--format", "sarif"]).output().unwrap();
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let with_fix = results.iter().filter(|r| r.get("fixes").is_some()).count();
    let fixable = diagnostics.iter().filter(|d| d.get("fix").is_some()).count();
    assert_eq!(with_fix, fixable);
    assert!(with_fix >= 8, "{with_fix}");
}

/// A source on standard input has no file to write: `--fix` is refused (exit 2) before anything
/// is checked, and `--fix --dry-run` prints the diff.
#[test]
fn fixes_of_standard_input_are_shown_not_written() {
    let dir = tempfile::tempdir().unwrap();
    ice015_copy(dir.path(), true);
    let rule = std::fs::read(dir.path().join("dhs-ice-015-final-rule.toml")).unwrap();
    let run = |args: &[&str]| sorn().args(args).write_stdin(rule.clone()).output().unwrap();
    let refused = run(&["check", "-", "--fix"]);
    assert_eq!(refused.status.code(), Some(2), "{}", common::stderr(&refused));
    assert!(common::stderr(&refused).contains("--fix cannot write a source read from standard input"));
    let shown = run(&["check", "-", "--fix", "--dry-run"]);
    assert!(common::stdout(&shown).contains("+docket = \"DHS-2016-0087\""), "{}", common::stdout(&shown));
}
