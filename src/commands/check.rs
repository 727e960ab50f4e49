//! `sorn check`: loads the sources, runs the rules, reports.

use std::path::PathBuf;

use crate::ExitStatus;
use crate::check::{self, Level, RuleMeta};
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::error::SornError;
use crate::source::{self, Workspace};

/// Options of `sorn check`.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    /// Files and folders to check.
    pub paths: Vec<PathBuf>,
    /// Treat warnings as errors for the exit status.
    pub deny_warnings: bool,
    /// Configured levels by rule name (from `sorn.toml`).
    pub levels: std::collections::BTreeMap<String, Level>,
}

/// What a check found.
#[derive(Debug)]
pub struct CheckResult {
    /// The sources.
    pub workspace: Workspace,
    /// Load diagnostics and findings, sorted.
    pub diagnostics: Vec<Diagnostic>,
}

/// The level of a rule under these options.
pub fn level_of(levels: &std::collections::BTreeMap<String, Level>, meta: &RuleMeta) -> Level {
    levels.get(meta.name).copied().unwrap_or(meta.default_level)
}

/// Loads and checks; reports nothing.
pub fn run(options: &CheckOptions) -> Result<CheckResult, SornError> {
    let paths = source::discover(&options.paths)?;
    if paths.is_empty() {
        return Err(SornError::NoSources {
            paths: options.paths.iter().map(|p| diagnostic::display_path(p)).collect::<Vec<_>>().join(", "),
        });
    }
    let workspace = source::load_paths(&paths);
    let mut diagnostics = workspace.diagnostics.clone();
    diagnostics.extend(check::run(&workspace, |meta| level_of(&options.levels, meta)));
    diagnostic::sort(&mut diagnostics);
    Ok(CheckResult { workspace, diagnostics })
}

/// The exit status: 1 on any error (or warning with `--deny warnings`).
pub fn status(diagnostics: &[Diagnostic], deny_warnings: bool) -> ExitStatus {
    let failing =
        diagnostics.iter().any(|d| d.severity == Severity::Error || (deny_warnings && d.severity == Severity::Warning));
    if failing { ExitStatus::Failure } else { ExitStatus::Success }
}
