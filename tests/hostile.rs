//! Hostile input: each case that once panicked, hung, took quadratic time, disclosed a file,
//! overwrote a source or lost output, kept as a test. Library cases run in-process and must take
//! well under a second.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{root, sorn, stderr};
use sorn::commands::check::{CheckResult, OutputFormat, render};
use sorn::config::Config;
use sorn::report::Style;
use sorn::source::load_str;

/// The bound that tells a hang (or quadratic work on these inputs, which takes minutes) from
/// work that finishes: these tests prove that hostile input ends, not how fast it runs. Speed
/// is measured by the benchmark (`cargo bench`), and growth by `assert_linear` below; an
/// absolute bound tight enough to measure speed fails on a loaded machine.
const QUICK: Duration = Duration::from_secs(10);

fn base_notice() -> String {
    std::fs::read_to_string(root().join("tests/fixtures/base/notice.toml")).unwrap()
}

/// Loads, checks and renders a source in every report format and every backend; returns the
/// human report and how long it all took.
fn everything(name: &str, text: &str) -> (String, Duration) {
    let start = Instant::now();
    let workspace = load_str(name, text);
    let mut diagnostics = workspace.diagnostics.clone();
    diagnostics.extend(sorn::check::run(&workspace, |m| m.default_level));
    sorn::diagnostic::sort(&mut diagnostics);
    for loaded in workspace.documents.iter().filter(|d| d.clean) {
        let tree = sorn::lower::lower(&loaded.document, &Default::default());
        for format in [sorn::emit::Format::Markdown, sorn::emit::Format::Html, sorn::emit::Format::Docx] {
            std::hint::black_box(format.render(&tree));
        }
    }
    let result = CheckResult { workspace, diagnostics, source_files: 1, config: Config::default() };
    let mut human = String::new();
    for format in [OutputFormat::Human, OutputFormat::Json, OutputFormat::Sarif, OutputFormat::Github] {
        let (out, err) = render(&result, format, Style::Plain);
        if format == OutputFormat::Human {
            human = err;
        }
        std::hint::black_box(out);
    }
    (human, start.elapsed())
}

#[test]
fn a_curly_quote_across_the_citation_date_window_does_not_panic() {
    for pad in 0..4 {
        let prose = format!("See 81 FR 52592 {}\u{201c}quoted\u{201d} \u{2014} text.", "x".repeat(24 + pad));
        let text = base_notice().replace(
            "supplementary = \"The {system} holds",
            &format!("supplementary = \"{prose} The {{system}} holds"),
        );
        let (_, took) = everything("sorns/notice.toml", &text);
        assert!(took < QUICK, "{took:?}");
    }
}

#[test]
fn a_rin_with_a_multibyte_character_does_not_panic() {
    let text = base_notice().replace("[notice]\n", "[notice]\nrin = \"1105-A\u{20ac}\"\n");
    let (human, _) = everything("sorns/notice.toml", &text);
    assert!(human.contains("identifier-format") || human.contains("rin"), "{human}");
}

#[test]
fn a_signature_with_its_issued_in_line_at_the_end_does_not_panic() {
    let input =
        std::fs::read(root().join("fuzz/regressions/import/exemptions-history-issued-in-signature.txt")).unwrap();
    let _ = sorn::import::import("notice.txt", &input, &Default::default());
}

#[test]
fn sixteen_thousand_syntax_errors_report_quickly_and_once_each_up_to_the_limit() {
    let text = "= \n".repeat(16_000);
    assert!(text.len() >= 48_000);
    let (human, took) = everything("sorns/broken.toml", &text);
    assert!(took < QUICK, "{took:?}");
    assert_eq!(human.matches("syntax-error").count(), sorn::source::MAX_SYNTAX_ERRORS, "{human}");
    assert!(human.contains("more syntax errors in this file are not shown"), "{human}");
}

#[test]
fn a_large_configuration_with_many_errors_reports_quickly() {
    let text = "[lints]\n".to_string() + &"x = \n".repeat(60_000);
    assert!(text.len() > 300_000);
    let start = Instant::now();
    let mut files = sorn::diagnostic::SourceMap::default();
    let (_, diagnostics) = Config::load_text(PathBuf::from("sorn.toml"), text, &mut files);
    let human = sorn::report::render_human(&diagnostics, &files, Style::Plain);
    let sarif = sorn::report::render_sarif(&diagnostics, &files, &sorn::report::ReportRoot::current());
    assert!(start.elapsed() < QUICK, "{:?}", start.elapsed());
    assert!(diagnostics.len() <= sorn::source::MAX_SYNTAX_ERRORS, "{}", diagnostics.len());
    assert!(!human.is_empty() && !sarif.is_empty());
}

/// Asserts that four times the input takes well under sixteen times as long: linear, not quadratic
/// (with room for noise). `run(n)` does the work for size `n`.
fn assert_linear(n: usize, run: impl Fn(usize) -> Duration) {
    let small = run(n);
    let large = run(4 * n);
    assert!(large < small * 9 + Duration::from_millis(100), "{small:?} for {n}, then {large:?} for {}", 4 * n);
}

#[test]
fn placeholder_errors_on_one_long_line_report_in_linear_time() {
    assert_linear(600, |n| {
        let line = "{nope}".repeat(n);
        let text = base_notice().replace("{system} holds records", &format!("{line} holds records"));
        let (human, took) = everything("sorns/notice.toml", &text);
        assert!(human.contains("unknown placeholder"), "{}", &human[..200.min(human.len())]);
        assert!(human.contains("more placeholder errors in `notice.supplementary` are not shown"));
        took
    });
}

#[test]
fn an_agency_name_of_many_dots_builds_quickly() {
    let dots = ".".repeat(400_000);
    let text = base_notice().replace("name = \"Department of Example Affairs\"", &format!("name = \"Agency{dots}\""));
    let start = Instant::now();
    let workspace = load_str("sorns/notice.toml", &text);
    for loaded in &workspace.documents {
        let tree = sorn::lower::lower(&loaded.document, &Default::default());
        let markdown = sorn::emit::markdown::render(&tree);
        assert!(markdown.contains(&dots[..1000]));
    }
    assert!(start.elapsed() < QUICK, "{:?}", start.elapsed());
}

#[test]
fn a_long_claim_list_is_checked_in_linear_time() {
    let rule = std::fs::read_to_string(root().join("tests/fixtures/base/rule.toml")).unwrap();
    assert_linear(5_000, |n| {
        let many = vec!["\"(d)\""; n].join(", ");
        let text = rule.replacen("subsections = [\"(c)(3)\", \"(d)\"]", &format!("subsections = [{many}]"), 1);
        assert_ne!(text, rule);
        let start = Instant::now();
        let workspace = load_str("sorns/rule.toml", &text);
        let found = sorn::check::run(&workspace, |m| m.default_level);
        assert!(found.iter().any(|d| d.rule == "duplicate-subsection"));
        start.elapsed()
    });
}

#[test]
fn an_xml_entity_bomb_is_refused_at_once() {
    let mut bomb =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE FEDREG [\n<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n");
    for i in 1..12 {
        let prev = (b'a' + i - 1) as char;
        let this = (b'a' + i) as char;
        bomb.push_str(&format!("<!ENTITY {this} \"{}\">\n", format!("&{prev};").repeat(16)));
    }
    bomb.push_str("]>\n<FEDREG><NOTICE><P>&l;</P></NOTICE></FEDREG>\n");
    let start = Instant::now();
    let error = sorn::import::import("bomb.xml", bomb.as_bytes(), &Default::default()).unwrap_err();
    assert!(start.elapsed() < QUICK);
    assert!(error.to_string().contains("DTD"), "{error}");
}

#[test]
fn a_large_fr_xml_issue_imports_in_linear_time() {
    let issue = std::fs::read_to_string(root().join("tests/fixtures/import/fedreg-issue.xml")).unwrap();
    let (head, rest) = issue.split_once("<NOTICES>").expect("the issue has NOTICES");
    let (notices, tail) = rest.split_once("</NOTICES>").unwrap();
    let time = |copies: usize| {
        let big = format!("{head}<NOTICES>{}</NOTICES>{tail}", notices.repeat(copies));
        let start = Instant::now();
        let out = sorn::import::import("issue.xml", big.as_bytes(), &Default::default()).unwrap();
        assert!(!out.sources.is_empty());
        start.elapsed()
    };
    let small = time(4);
    let large = time(16);
    // Four times the input: well under sixteen times the time (allowing for noise).
    assert!(large < small * 9 + Duration::from_millis(50), "{small:?} then {large:?}");
}

/// The binary as a plain process, for tests that choose its standard streams.
fn sorn_process() -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("sorn"));
    cmd.current_dir(root()).env("NO_COLOR", "1");
    cmd
}

fn temp_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::copy(root().join("tests/fixtures/good/minimal-sorn.toml"), dir.path().join("ea-1.toml")).unwrap();
    dir
}

fn run_in(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut cmd = sorn();
    cmd.current_dir(dir).args(args);
    cmd.output().unwrap()
}

#[cfg(unix)]
#[test]
fn a_linked_configuration_is_refused_and_not_printed() {
    let dir = temp_project();
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "TOKEN=hunter2\n").unwrap();
    std::os::unix::fs::symlink(&secret, dir.path().join("sorn.toml")).unwrap();
    let out = run_in(dir.path(), &["check", "ea-1.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("symbolic link"), "{err}");
    assert!(!err.contains("hunter2"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_linked_source_is_refused() {
    let dir = temp_project();
    std::os::unix::fs::symlink(dir.path().join("ea-1.toml"), dir.path().join("link.toml")).unwrap();
    let out = run_in(dir.path(), &["check", "link.toml"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn control_characters_in_a_source_are_shown_escaped() {
    let dir = temp_project();
    std::fs::write(dir.path().join("bad.toml"), "kind = \"sorn\"\nx = \"\u{1b}[2J\u{7}\u{0}\" = 1\n").unwrap();
    let out = run_in(dir.path(), &["check", "bad.toml"]);
    let err = stderr(&out);
    assert!(!err.contains(['\u{1b}', '\u{7}', '\u{0}']), "{err:?}");
    assert!(err.contains('\u{241b}'), "{err}");
}

#[cfg(unix)]
#[test]
fn an_out_dir_linked_to_the_sources_cannot_overwrite_one() {
    let dir = temp_project();
    let src = dir.path().join("src");
    std::fs::create_dir(&src).unwrap();
    std::fs::copy(root().join("tests/fixtures/good/minimal-sorn.toml"), src.join("notes.md")).unwrap();
    std::os::unix::fs::symlink(&src, dir.path().join("out")).unwrap();
    let before = std::fs::read(src.join("notes.md")).unwrap();
    let out = run_in(dir.path(), &["build", "src/notes.md", "--out-dir", "out"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("it is a source file"), "{}", stderr(&out));
    assert_eq!(std::fs::read(src.join("notes.md")).unwrap(), before);
}

#[cfg(target_os = "linux")]
#[test]
fn output_to_a_full_device_fails_with_status_2() {
    let full = || std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    for format in ["json", "sarif", "github"] {
        let mut cmd = sorn_process();
        cmd.args(["check", "--format", format, "tests/fixtures/bad/syntax.toml"]).stdout(full());
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{format}: {}", stderr(&out));
        assert!(stderr(&out).contains("cannot write to standard output"), "{}", stderr(&out));
    }
    let mut cmd = sorn_process();
    cmd.args(["import", "tests/fixtures/import/doj-section-rule.md"]).stdout(full());
    assert_eq!(cmd.output().unwrap().status.code(), Some(2));
}

#[test]
fn output_into_a_closed_pipe_fails_with_status_2() {
    use std::process::Stdio;
    let mut child = sorn_process()
        .args(["check", "--format", "sarif", "sorns/"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    assert_eq!(child.wait().unwrap().code(), Some(2));
}

#[test]
fn schema_with_standard_error_closed_does_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = sorn_process();
    cmd.args(["schema", "--out-dir"]).arg(dir.path()).stderr(std::process::Stdio::null());
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(dir.path().join("sorn.schema.json").is_file());
}

#[cfg(unix)]
#[test]
fn a_fifo_on_the_command_line_is_refused_not_waited_on() {
    let dir = temp_project();
    let fifo = dir.path().join("pipe.toml");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let start = Instant::now();
    let out = run_in(dir.path(), &["check", "pipe.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a regular file"), "{}", stderr(&out));
    assert!(start.elapsed() < Duration::from_secs(5));
    let out = run_in(dir.path(), &["import", "pipe.toml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_failed_write_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    // The target is a folder that is not empty: the final rename fails.
    let target = dir.path().join("out.md");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("keep"), "x").unwrap();
    assert!(sorn::commands::output::write_atomic(&target, b"text").is_err());
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, vec![std::ffi::OsString::from("out.md")]);
}

#[test]
fn a_utf16_source_is_named_as_such() {
    let dir = temp_project();
    let utf16: Vec<u8> =
        [0xff, 0xfe].into_iter().chain("kind = \"sorn\"\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    std::fs::write(dir.path().join("wide.toml"), utf16).unwrap();
    let out = run_in(dir.path(), &["check", "wide.toml"]);
    assert!(stderr(&out).contains("UTF-16"), "{}", stderr(&out));
    assert!(!stderr(&out).contains('\u{0}'), "{:?}", stderr(&out));
}

#[test]
fn raw_html_in_prose_is_text_in_both_outputs() {
    let text = base_notice().replace(
        "supplementary = \"The {system} holds",
        "supplementary = \"<b>Bold</b> <script>x()</script> The {system} holds",
    );
    let workspace = load_str("sorns/notice.toml", &text);
    let tree = sorn::lower::lower(&workspace.documents[0].document, &Default::default());
    let markdown = sorn::emit::markdown::render(&tree);
    assert!(markdown.contains("\\<b>Bold\\</b> \\<script>"), "{markdown}");
    let html = sorn::emit::html::render(&tree);
    assert!(html.contains("&lt;b&gt;Bold&lt;/b&gt;"));
    // The Markdown output, rendered as CommonMark, shows the same characters as the HTML output.
    assert!(sorn::emit::html::markdown(&markdown, None).contains("&lt;b&gt;Bold&lt;/b&gt;"));
}
