//! In-process fuzzing of the sorn library on stable Rust.
//!
//! Three targets drive the library's entry points the way the binary does, without the file
//! system: [`Target::Source`] loads one or more TOML sources, runs every lint rule, prints every
//! report format and renders every backend (Markdown, HTML, Word); [`Target::Config`] reads a `sorn.toml` and prints
//! its diagnostics; [`Target::Import`] imports a Federal Register document (Markdown, text or FR
//! XML) and loads and checks what it produced. An input fails when it panics or takes longer
//! than [`SLOW`].
//!
//! Inputs come from the repository itself (the sources, the rule fixtures, the import fixtures,
//! `fuzz/seeds/`) and from `fuzz/regressions/`, where every failing input found is kept; the
//! [`mutate`] module changes them the ways hostile or careless input differs from good input.

pub mod mutate;

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sorn::commands::check::{CheckResult, OutputFormat, render};
use sorn::config::Config;
use sorn::emit::Format;
use sorn::import::{ImportOptions, import};
use sorn::lower::{LowerOptions, lower};
use sorn::report::Style;
use sorn::source::{Workspace, load_into};

/// An input slower than this is a failure: sorn's work is linear in its input, and no real
/// document takes more than a few milliseconds.
pub const SLOW: Duration = Duration::from_secs(1);

/// A line that starts a new file in a source input: `#@@ sorns/name.toml`. Inputs of several
/// files exercise the rules over pairs (a SORN and its exemption rule).
pub const FILE_MARKER: &str = "#@@ ";

/// What an input is fed to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// TOML sources: load, check, every report format, every renderer.
    Source,
    /// A `sorn.toml` configuration, with a source beside it.
    Config,
    /// A Federal Register document for `sorn import`.
    Import,
}

impl Target {
    /// Every target.
    pub const ALL: [Target; 3] = [Target::Source, Target::Config, Target::Import];

    /// The target's name (also its folder under `fuzz/seeds` and `fuzz/regressions`).
    pub fn name(self) -> &'static str {
        match self {
            Target::Source => "source",
            Target::Config => "config",
            Target::Import => "import",
        }
    }

    /// The target with this name.
    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// One input: its bytes and the file name it is given (the import target detects the format
/// from the name's extension).
#[derive(Clone, Debug)]
pub struct Input {
    /// The file name.
    pub name: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// How one run of an input ended.
#[derive(Debug)]
pub enum Outcome {
    /// It finished in time.
    Ok(Duration),
    /// It panicked, with this message.
    Panic(String),
    /// It finished, but took this long.
    Slow(Duration),
}

/// Runs one input on a target, catching a panic; slower than [`SLOW`] fails.
pub fn run(target: Target, input: &Input) -> Outcome {
    run_within(target, input, SLOW)
}

/// Runs one input on a target, catching a panic; slower than `limit` fails. An unoptimized build
/// is about ten times slower than a release build, and is given a limit to match.
pub fn run_within(target: Target, input: &Input, limit: Duration) -> Outcome {
    let start = Instant::now();
    let result = panic::catch_unwind(AssertUnwindSafe(|| drive(target, input)));
    let took = start.elapsed();
    match result {
        Err(payload) => Outcome::Panic(panic_message(payload.as_ref())),
        Ok(()) if took > limit => Outcome::Slow(took),
        Ok(()) => Outcome::Ok(took),
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".into())
}

/// Feeds an input to a target (panics propagate).
pub fn drive(target: Target, input: &Input) {
    match target {
        Target::Source => drive_sources(&input.bytes),
        Target::Config => drive_config(&input.bytes),
        Target::Import => drive_import(input),
    }
}

/// Splits a source input at its [`FILE_MARKER`] lines into named files.
pub fn split_files(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut name = "sorns/fuzz.toml".to_string();
    let mut current = Vec::new();
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        if let Some(rest) = line.strip_prefix(FILE_MARKER.as_bytes()) {
            if !current.is_empty() || !files.is_empty() {
                files.push((name, std::mem::take(&mut current)));
            }
            let wanted = String::from_utf8_lossy(rest).trim().to_string();
            name = if wanted.is_empty() { format!("sorns/file-{}.toml", files.len()) } else { wanted };
        } else {
            current.extend_from_slice(line);
        }
    }
    files.push((name, current));
    files
}

fn workspace(files: Vec<(String, Vec<u8>)>) -> Workspace {
    let mut ws = Workspace::default();
    for (name, bytes) in files {
        load_into(&mut ws, PathBuf::from(name), Ok(bytes));
    }
    sorn::diagnostic::sort(&mut ws.diagnostics);
    ws
}

/// Checks a workspace with a configuration and prints everything the binary would.
fn check_and_render(workspace: Workspace, config: Config, mut diagnostics: Vec<sorn::Diagnostic>) {
    let source_files = workspace.files.len() - usize::from(config.path.is_some());
    diagnostics.extend(workspace.diagnostics.iter().cloned());
    diagnostics.extend(sorn::check::run(&workspace, |meta| config.level(meta)));
    sorn::diagnostic::sort(&mut diagnostics);
    let lower_options = LowerOptions { calendar: config.calendar() };
    for loaded in workspace.documents.iter().filter(|d| d.clean) {
        let tree = lower(&loaded.document, &lower_options);
        for format in [Format::Markdown, Format::Html, Format::Docx] {
            std::hint::black_box(format.render(&tree));
        }
    }
    let result = CheckResult { workspace, diagnostics, source_files, config };
    for format in [OutputFormat::Human, OutputFormat::Json, OutputFormat::Sarif, OutputFormat::Github] {
        std::hint::black_box(render(&result, format, Style::Plain));
    }
}

fn drive_sources(bytes: &[u8]) {
    let ws = workspace(split_files(bytes));
    check_and_render(ws, Config::default(), Vec::new());
}

/// A small source checked under the configuration, so that levels and the calendar apply.
const CONFIG_SUBJECT: &str = include_str!("../../tests/fixtures/good/minimal-sorn.toml");

fn drive_config(bytes: &[u8]) {
    let mut ws = workspace(vec![("sorns/minimal-sorn.toml".into(), CONFIG_SUBJECT.as_bytes().to_vec())]);
    let text = String::from_utf8_lossy(bytes).into_owned();
    let (config, diagnostics) = Config::load_text(PathBuf::from("sorn.toml"), text, &mut ws.files);
    check_and_render(ws, config, diagnostics);
}

fn drive_import(input: &Input) {
    let options = ImportOptions::default();
    let Ok(output) = import(&input.name, &input.bytes, &options) else { return };
    let files =
        output.sources.iter().map(|s| (format!("sorns/{}", s.file_name), s.text.clone().into_bytes())).collect();
    check_and_render(workspace(files), Config::default(), Vec::new());
}

/// The repository root (the parent of this crate).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

fn read_dir_files(dir: &Path, extensions: &[&str], out: &mut Vec<Input>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            read_dir_files(&path, extensions, out);
            continue;
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if !extensions.is_empty() && !extensions.iter().any(|e| name.ends_with(e)) {
            continue;
        }
        if let Ok(bytes) = std::fs::read(&path) {
            out.push(Input { name, bytes });
        }
    }
}

/// The seed corpus of a target: the repository's own inputs of that kind plus `fuzz/seeds/`.
pub fn seeds(target: Target) -> Vec<Input> {
    let root = repo_root();
    let mut out = Vec::new();
    match target {
        Target::Source => {
            for dir in ["sorns", "examples", "tests/fixtures/good", "tests/fixtures/bad", "tests/fixtures/rules"] {
                read_dir_files(&root.join(dir), &[".toml"], &mut out);
            }
            // The SORN and its exemption rule as one pair, so that the pairing rules run.
            let pair: Vec<u8> = ["dhs-ice-015.toml", "dhs-ice-015-final-rule.toml"]
                .iter()
                .flat_map(|name| {
                    let mut file = format!("{FILE_MARKER}sorns/{name}\n").into_bytes();
                    file.extend(std::fs::read(root.join("sorns").join(name)).unwrap_or_default());
                    file
                })
                .collect();
            out.push(Input { name: "pair.toml".into(), bytes: pair });
        }
        Target::Config => {}
        Target::Import => read_dir_files(&root.join("tests/fixtures/import"), &[".md", ".txt", ".xml"], &mut out),
    }
    read_dir_files(&root.join("fuzz/seeds").join(target.name()), &[], &mut out);
    out.retain(|i| !i.name.ends_with(".snap") && i.name != "README.md");
    out
}

/// The regression inputs of a target: every failing input found, kept in `fuzz/regressions/`.
pub fn regressions(target: Target) -> Vec<Input> {
    let mut out = Vec::new();
    read_dir_files(&repo_root().join("fuzz/regressions").join(target.name()), &[], &mut out);
    out
}
