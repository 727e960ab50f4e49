//! `sorn check`: loads the sources and the configuration, runs the rules.

use std::path::{Path, PathBuf};

use crate::ExitStatus;
use crate::check::{self, Category, RuleMeta};
use crate::config::Config;
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::error::SornError;
use crate::report;
use crate::revision::history;
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
    /// Report only these lint rules (`--select`); empty: every rule.
    pub select: Vec<String>,
    /// Do not report these lint rules (`--ignore`).
    pub ignore: Vec<String>,
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

/// A source given on standard input (`sorn check -`), as many bytes as a source may hold.
fn read_stdin() -> Result<Result<Vec<u8>, String>, SornError> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(source::MAX_SOURCE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| SornError::Path { path: PathBuf::from("-"), source: e })?;
    if bytes.len() as u64 > source::MAX_SOURCE_BYTES {
        return Ok(Err(format!("the source on standard input is larger than {} MiB", source::MAX_SOURCE_BYTES >> 20)));
    }
    Ok(Ok(bytes))
}

/// Finds sources, loads them and the configuration (`-` alone: one source on standard input).
/// Shared by `check` and `build`.
pub fn load(paths: &[PathBuf], config: Option<&Path>) -> Result<(Workspace, Config, Vec<Diagnostic>), SornError> {
    let cwd = std::env::current_dir().map_err(|e| SornError::Path { path: PathBuf::from("."), source: e })?;
    let config_path = Config::discover(config, &cwd)?;
    if let [only] = paths
        && only.as_os_str() == "-"
    {
        let mut workspace = Workspace::default();
        source::load_into(&mut workspace, PathBuf::from("<stdin>"), read_stdin()?);
        let (config, config_diagnostics) = match config_path {
            Some(path) => Config::load(&path, &mut workspace.files),
            None => (Config::default(), Vec::new()),
        };
        return Ok((workspace, config, config_diagnostics));
    }
    // The configuration is read once for its `exclude` patterns, before the walk, and again
    // below into the workspace, where its diagnostics point.
    let exclude = match &config_path {
        Some(path) => Config::load(path, &mut crate::diagnostic::SourceMap::default()).0.walk_exclude(),
        None => source::walk::Exclude::none(),
    };
    let found = source::find_excluding(paths, &exclude)?;
    if found.is_empty() {
        return Err(SornError::NoSources {
            paths: paths.iter().map(|p| diagnostic::display_path(p)).collect::<Vec<_>>().join(", "),
        });
    }
    let mut workspace = source::load_found(found)?;
    let (config, config_diagnostics) = match config_path {
        Some(path) => Config::load(&path, &mut workspace.files),
        None => (Config::default(), Vec::new()),
    };
    Ok((workspace, config, config_diagnostics))
}

/// Loads and checks; reports nothing.
pub fn run(options: &CheckOptions) -> Result<CheckResult, SornError> {
    // A misspelt rule name is reported before anything is read.
    rule_names(&options.select, "--select")?;
    rule_names(&options.ignore, "--ignore")?;
    let (workspace, config, diagnostics) = load(&options.paths, options.config.as_deref())?;
    finish(options, workspace, config, diagnostics)
}

/// Checks the sources of an earlier check again, with some texts edited in memory (`--fix`
/// between its rounds): the same files, paths and configuration, nothing read from disk.
pub fn rerun(
    options: &CheckOptions,
    previous: &CheckResult,
    edited: &std::collections::BTreeMap<diagnostic::FileId, String>,
) -> Result<CheckResult, SornError> {
    let mut workspace = Workspace::default();
    for (id, file) in previous.workspace.files.iter().take(previous.source_files) {
        let text = edited.get(&id).unwrap_or(&file.text);
        source::load_into(&mut workspace, file.path.clone(), Ok(text.clone().into_bytes()));
    }
    diagnostic::sort(&mut workspace.diagnostics);
    let (config, config_diagnostics) = match &previous.config.path {
        Some(path) => Config::load(path, &mut workspace.files),
        None => (Config::default(), Vec::new()),
    };
    finish(options, workspace, config, config_diagnostics)
}

/// Runs the rules chosen over a loaded workspace.
fn finish(
    options: &CheckOptions,
    mut workspace: Workspace,
    config: Config,
    mut diagnostics: Vec<Diagnostic>,
) -> Result<CheckResult, SornError> {
    let select = rule_names(&options.select, "--select")?;
    let ignore = rule_names(&options.ignore, "--ignore")?;
    let source_files = workspace.files.len() - usize::from(config.path.is_some());
    let root = match config.path.as_deref().and_then(Path::parent) {
        Some(dir) => dir.to_path_buf(),
        None => std::env::current_dir().map_err(|e| SornError::Path { path: PathBuf::from("."), source: e })?,
    };
    let predecessors = history::load_predecessors(&mut workspace, &root);
    diagnostics.extend(workspace.diagnostics.iter().cloned());
    diagnostics.extend(predecessors.diagnostics.iter().cloned());
    let chosen = |meta: &RuleMeta| {
        meta.category == Category::Load
            || ((select.is_empty() || select.contains(&meta.name)) && !ignore.contains(&meta.name))
    };
    let level = |meta: &RuleMeta| if chosen(meta) { config.level(meta) } else { check::Level::Allow };
    let found = check::run_with(&workspace, level, &config.settings());
    // A predecessor loaded only to compare with is not being checked: its findings stay unsaid.
    diagnostics.extend(found.into_iter().filter(|d| !predecessors.is_context(d)));
    diagnostic::sort(&mut diagnostics);
    Ok(CheckResult { workspace, diagnostics, source_files, config })
}

/// The rules named on the command line, each checked against the registry.
fn rule_names(names: &[String], flag: &str) -> Result<Vec<&'static str>, SornError> {
    names
        .iter()
        .map(|name| match check::find_rule(name.trim()) {
            Some(meta) if meta.category != Category::Load => Ok(meta.name),
            Some(meta) => Err(SornError::Usage {
                message: format!("{flag} {}: a load problem is always reported", meta.name),
                help: Some("`sorn explain --list` lists the lint rules".into()),
            }),
            None => {
                let best = check::all_rules()
                    .into_iter()
                    .filter(|m| m.category != Category::Load)
                    .map(|m| (strsim::jaro_winkler(m.name, name), m.name))
                    .max_by(|a, b| a.0.total_cmp(&b.0))
                    .filter(|(score, _)| *score > 0.8);
                Err(SornError::Usage {
                    message: format!("{flag} {name}: sorn has no such rule"),
                    help: Some(match best {
                        Some((_, m)) => format!("did you mean `{m}`?"),
                        None => "`sorn explain --list` lists the rules".into(),
                    }),
                })
            }
        })
        .collect()
}

/// `--statistics`: each rule's count of findings, how many of them `--fix` can fix, and its
/// severity, most frequent first, then the summary line.
pub fn statistics(result: &CheckResult) -> String {
    let mut counts: std::collections::BTreeMap<(&str, &str), (usize, usize)> = std::collections::BTreeMap::new();
    for d in &result.diagnostics {
        let entry = counts.entry((d.rule, d.severity.as_str())).or_default();
        entry.0 += 1;
        entry.1 += usize::from(d.fix.is_some());
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(&b.0)));
    let fixable: usize = rows.iter().map(|(_, (_, f))| f).sum();
    let mut out = String::new();
    for ((rule, severity), (n, fixes)) in &rows {
        let column = if fixable == 0 {
            String::new()
        } else if *fixes == 0 {
            " ".repeat(8)
        } else {
            format!("{:>4} fix", fixes)
        };
        out.push_str(&format!("{n:>5}{column}  {rule} ({severity})\n"));
    }
    if fixable > 0 {
        out.push_str(&format!("{fixable} fixable with `sorn check --fix`\n"));
    }
    out.push_str(&format!("{}\n", report::human::summary(&result.diagnostics, result.source_files)));
    out
}

/// A report without its summary line (`--quiet`).
pub fn without_summary(result: &CheckResult, report: String) -> String {
    let summary = format!("{}\n", report::human::summary(&result.diagnostics, result.source_files));
    match report.strip_suffix(&summary) {
        Some(rest) => rest.to_string(),
        None => report,
    }
}

/// The report in a format: what goes to standard output, and what goes to standard error.
pub fn render(result: &CheckResult, format: OutputFormat, style: report::Style) -> (String, String) {
    let files = &result.workspace.files;
    let d = &result.diagnostics;
    let summary = format!("{}\n", report::human::summary(d, result.source_files));
    match format {
        OutputFormat::Human => (String::new(), report::render_human(d, files, style) + &summary),
        OutputFormat::Json => (report::render_json(d, files, result.source_files), String::new()),
        OutputFormat::Sarif => (report::render_sarif(d, files, &report::ReportRoot::current()), summary),
        OutputFormat::Github => {
            (report::render_github(d, files, result.source_files, &report::ReportRoot::current()), String::new())
        }
    }
}

/// The exit status: 1 on any error (or warning with `--deny warnings`).
pub fn status(diagnostics: &[Diagnostic], deny_warnings: bool) -> ExitStatus {
    let failing =
        diagnostics.iter().any(|d| d.severity == Severity::Error || (deny_warnings && d.severity == Severity::Warning));
    if failing { ExitStatus::Failure } else { ExitStatus::Success }
}
