//! `sorn build`: renders every source that loads as Markdown, HTML and/or a Word manuscript.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::ExitStatus;
use crate::diagnostic::{Diagnostic, Severity};
use crate::emit::Format;
use crate::error::SornError;
use crate::lower::{LowerOptions, lower};
use crate::source::{Workspace, normalize};

/// Options of `sorn build`.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// Files and folders to build.
    pub paths: Vec<PathBuf>,
    /// Formats to write.
    pub formats: Vec<Format>,
    /// Output folder.
    pub out_dir: PathBuf,
    /// Write the single result to standard output instead of a file.
    pub stdout: bool,
    /// Run the rules first and refuse to render sources with error-level findings.
    pub check: bool,
    /// An explicit configuration file; otherwise `sorn.toml` is searched for.
    pub config: Option<PathBuf>,
    /// A review copy: render sources that still have `{todo}` placeholders (printed "[TODO:
    /// ...]"), which a build otherwise refuses, and mark the HTML page DRAFT.
    pub draft: bool,
}

/// One rendered output.
#[derive(Clone, Debug)]
pub struct Output {
    /// Where it goes.
    pub path: PathBuf,
    /// The file's contents (text for Markdown and HTML, a ZIP package for Word).
    pub contents: Vec<u8>,
}

/// What a build produced.
#[derive(Debug)]
pub struct BuildResult {
    /// The sources and their load diagnostics.
    pub workspace: Workspace,
    /// Diagnostics to report (load errors; with `--check`, findings too).
    pub diagnostics: Vec<Diagnostic>,
    /// Rendered outputs, in order.
    pub outputs: Vec<Output>,
    /// Number of source files read.
    pub source_files: usize,
}

/// One error for each source that still has `{todo}` placeholders, at the first: such a source
/// is not rendered as if final.
fn unfinished(workspace: &Workspace) -> Vec<Diagnostic> {
    workspace
        .documents
        .iter()
        .filter_map(|doc| {
            let text = &workspace.files.get(doc.file).text;
            let todos = crate::model::placeholders::todos(text);
            let first = todos.first()?;
            let more = match todos.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            Some(
                Diagnostic::error(
                    "todo",
                    format!("the source still has text to write{more}; it is not rendered"),
                    crate::diagnostic::Label::new(doc.file, first.range.clone(), "todo"),
                )
                .with_help("replace each `{todo}` (`sorn check` lists them), or build a review copy with `--draft`"),
            )
        })
        .collect()
}

/// Loads the sources and renders every one that loaded cleanly; writes nothing.
pub fn render(options: &BuildOptions) -> Result<BuildResult, SornError> {
    if options.paths.iter().any(|p| p.as_os_str() == "-") && !options.stdout {
        return Err(SornError::Usage {
            message: "a source on standard input has no file name to build into".into(),
            help: Some("add --stdout (and one --format), or name the source file".into()),
        });
    }
    let (workspace, config, mut diagnostics) = super::check::load(&options.paths, options.config.as_deref())?;
    let source_files = workspace.files.len() - usize::from(config.path.is_some());
    diagnostics.extend(workspace.diagnostics.iter().cloned());
    if options.check {
        diagnostics.extend(crate::check::run_with(&workspace, |meta| config.level(meta), &config.settings()));
    }
    if !options.draft {
        diagnostics.extend(unfinished(&workspace));
    }
    crate::diagnostic::sort(&mut diagnostics);
    let lower_options = LowerOptions { calendar: config.calendar() };
    let page = crate::emit::PageOptions { draft: options.draft };
    let refused: std::collections::BTreeSet<crate::diagnostic::FileId> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter_map(|d| d.primary().map(|l| l.file))
        .collect();
    let mut outputs = Vec::new();
    let mut claimed: BTreeMap<PathBuf, PathBuf> = BTreeMap::new();
    // Compared by the paths the file system resolves, links included: an --out-dir that is a link
    // to the source folder names the sources under other names.
    let sources: Vec<PathBuf> = workspace.files.iter().map(|(_, f)| resolved(&f.path)).collect();
    for loaded in workspace.documents.iter().filter(|d| d.clean && !refused.contains(&d.file)) {
        let file = workspace.files.get(loaded.file);
        let stem = file.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "document".into());
        let tree = lower(&loaded.document, &lower_options);
        for &format in &options.formats {
            let path = options.out_dir.join(format!("{stem}.{}", format.extension()));
            let key = resolved(&path);
            if sources.contains(&key) {
                return Err(SornError::WouldOverwriteSource { path });
            }
            if let Some(other) = claimed.insert(key, file.path.clone()) {
                return Err(SornError::Usage {
                    message: format!(
                        "{} and {} would both be written to {}",
                        other.display(),
                        file.path.display(),
                        path.display()
                    ),
                    help: Some("give the sources different file names, or build them separately".into()),
                });
            }
            outputs.push(Output { path, contents: format.render_with(&tree, &page) });
        }
    }
    Ok(BuildResult { workspace, diagnostics, outputs, source_files })
}

/// A path as the file system resolves it: the canonical path of its folder (links followed) with
/// its file name, or the lexically normalized path where the folder does not exist yet. A file
/// name that is itself a link is resolved too, so that writing over the link is caught.
fn resolved(path: &std::path::Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    match (std::fs::canonicalize(parent), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => normalize(path),
    }
}

/// Writes the outputs atomically.
pub fn write(result: &BuildResult) -> Result<(), SornError> {
    for output in &result.outputs {
        super::output::write_atomic(&output.path, &output.contents)?;
    }
    Ok(())
}

/// The exit status of a build: 1 when any source failed to load (it was not rendered).
pub fn status(result: &BuildResult) -> ExitStatus {
    if result.diagnostics.iter().any(|d| d.severity == Severity::Error) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}
