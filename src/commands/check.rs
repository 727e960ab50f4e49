//! `sorn check`: loads the sources and the configuration, runs the rules.

use std::path::{Path, PathBuf};

use crate::ExitStatus;
use crate::check;
use crate::config::Config;
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::error::SornError;
use crate::report;
use crate::source::{self, Workspace};

/// How `sorn check` prints its findings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OutputFormat {
    /// rustc-style reports (standard error).
    #[default]
    Human,
    /// The versioned JSON object of the CLI contract (standard output).
    Json,
    /// SARIF 2.1.0 for GitHub code scanning (standard output).
    Sarif,
    /// GitHub Actions workflow commands (standard output).
    Github,
}

/// Options of `sorn check`.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    /// Files and folders to check.
    pub paths: Vec<PathBuf>,
    /// Treat warnings as errors for the exit status.
    pub deny_warnings: bool,
    /// An explicit configuration file (`--config`); otherwise `sorn.toml` is searched for.
    pub config: Option<PathBuf>,
}

/// What a check found.
#[derive(Debug)]
pub struct CheckResult {
    /// The sources (and the configuration file, if any).
    pub workspace: Workspace,
    /// Configuration, load and rule diagnostics, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Number of source files checked.
    pub source_files: usize,
    /// The configuration in force.
    pub config: Config,
}

/// Finds sources, loads them and the configuration. Shared by `check` and `build`.
pub fn load(paths: &[PathBuf], config: Option<&Path>) -> Result<(Workspace, Config, Vec<Diagnostic>), SornError> {
    let cwd = std::env::current_dir().map_err(|e| SornError::Path { path: PathBuf::from("."), source: e })?;
    let config_path = Config::discover(config, &cwd)?;
    let found = source::discover(paths)?;
    if found.is_empty() {
        return Err(SornError::NoSources {
            paths: paths.iter().map(|p| diagnostic::display_path(p)).collect::<Vec<_>>().join(", "),
        });
    }
    let mut workspace = source::load_paths(&found)?;
    let (config, config_diagnostics) = match config_path {
        Some(path) => Config::load(&path, &mut workspace.files),
        None => (Config::default(), Vec::new()),
    };
    Ok((workspace, config, config_diagnostics))
}

/// Loads and checks; reports nothing.
pub fn run(options: &CheckOptions) -> Result<CheckResult, SornError> {
    let (workspace, config, mut diagnostics) = load(&options.paths, options.config.as_deref())?;
    let source_files = workspace.files.len() - usize::from(config.path.is_some());
    diagnostics.extend(workspace.diagnostics.iter().cloned());
    diagnostics.extend(check::run_with(&workspace, |meta| config.level(meta), &config.settings()));
    diagnostic::sort(&mut diagnostics);
    Ok(CheckResult { workspace, diagnostics, source_files, config })
}

/// The report in a format: what goes to standard output, and what goes to standard error.
pub fn render(result: &CheckResult, format: OutputFormat, style: report::Style) -> (String, String) {
    let files = &result.workspace.files;
    let d = &result.diagnostics;
    let summary = format!("{}\n", report::human::summary(d, result.source_files));
    match format {
        OutputFormat::Human => (String::new(), report::render_human(d, files, style) + &summary),
        OutputFormat::Json => (report::render_json(d, files, result.source_files), String::new()),
        OutputFormat::Sarif => (report::render_sarif(d, files), summary),
        OutputFormat::Github => (report::render_github(d, files, result.source_files), String::new()),
    }
}

/// The exit status: 1 on any error (or warning with `--deny warnings`).
pub fn status(diagnostics: &[Diagnostic], deny_warnings: bool) -> ExitStatus {
    let failing =
        diagnostics.iter().any(|d| d.severity == Severity::Error || (deny_warnings && d.severity == Severity::Warning));
    if failing { ExitStatus::Failure } else { ExitStatus::Success }
}
