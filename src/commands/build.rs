//! `sorn build`: renders every source that loads as Markdown, HTML and/or a Word manuscript.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::ExitStatus;
use crate::diagnostic::{Diagnostic, FileId, Severity};
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

/// A document to render and the files it goes to, one per format.
#[derive(Clone, Debug)]
struct Target {
    /// Index in the workspace's documents.
    document: usize,
    /// Each format with its output path, in the order of `--format`.
    outputs: Vec<(Format, PathBuf)>,
}

/// What a build will produce: the sources loaded (and checked, with `--check`) and every output
/// placed, before anything is rendered or written.
#[derive(Debug)]
pub struct BuildResult {
    /// The sources and their load diagnostics.
    pub workspace: Workspace,
    /// Diagnostics to report (load errors; with `--check`, findings too).
    pub diagnostics: Vec<Diagnostic>,
    /// Number of source files read.
    pub source_files: usize,
    lower_options: LowerOptions,
    page: crate::emit::PageOptions,
    targets: Vec<Target>,
}

/// One error for each source that still has `{todo}` placeholders, at the first: such a source
/// is not rendered as if final. Sources are searched on all cores, the errors kept in order.
fn unfinished(workspace: &Workspace) -> Vec<Diagnostic> {
    workspace
        .documents
        .par_iter()
        .filter_map(|doc| {
            // Its own text and what its references brought in: a `{todo}` in a library entry it
            // takes is text still to write in it too (reported at the entry).
            let text = workspace.files.get(doc.file).checked_text();
            let todos = crate::model::placeholders::todos(text);
            let first = todos.first()?;
            let more = match todos.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            let (file, span) = workspace.files.locate(doc.file, &first.range);
            Some(
                Diagnostic::error(
                    "todo",
                    format!("the source still has text to write{more}; it is not rendered"),
                    crate::diagnostic::Label::new(file, span, "todo"),
                )
                .with_help("replace each `{todo}` (`sorn check` lists them), or build a review copy with `--draft`"),
            )
        })
        .collect()
}

/// Loads the sources and places an output for every one that loaded cleanly; renders and
/// writes nothing. Every output path is checked here, so a build that would overwrite a source,
/// or write two sources to one file, fails before it writes anything.
pub fn prepare(options: &BuildOptions) -> Result<BuildResult, SornError> {
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
    let refused: HashSet<FileId> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter_map(|d| d.primary().map(|l| l.file))
        .collect();
    // An error in a file a source takes content from (a library entry) is an error in the source.
    let refused = |file: FileId| {
        refused.contains(&file)
            || workspace
                .files
                .get(file)
                .extended
                .as_ref()
                .is_some_and(|e| e.parts.iter().any(|p| p.file.is_some_and(|f| refused.contains(&f))))
    };
    // Compared by the paths the file system resolves, links included: an --out-dir that is a link
    // to the source folder names the sources under other names.
    let source_paths: Vec<&Path> = workspace.files.iter().map(|(_, f)| f.path.as_path()).collect();
    let mut planned: Vec<(usize, Format, PathBuf)> = Vec::new();
    for (index, loaded) in workspace.documents.iter().enumerate() {
        if !loaded.clean || refused(loaded.file) {
            continue;
        }
        let file = workspace.files.get(loaded.file);
        let stem = file.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "document".into());
        for &format in &options.formats {
            planned.push((index, format, options.out_dir.join(format!("{stem}.{}", format.extension()))));
        }
    }
    let output_paths: Vec<&Path> = planned.iter().map(|(_, _, path)| path.as_path()).collect();
    let resolver = Resolver::for_paths(source_paths.iter().chain(&output_paths).copied());
    let sources: HashSet<PathBuf> = resolver.resolve_all(&source_paths).into_iter().collect();
    let keys = resolver.resolve_all(&output_paths);
    let mut claimed: HashMap<PathBuf, PathBuf> = HashMap::new();
    let mut targets: Vec<Target> = Vec::new();
    for ((index, format, path), key) in planned.into_iter().zip(keys) {
        let file = workspace.files.get(workspace.documents[index].file);
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
        match targets.last_mut() {
            Some(target) if target.document == index => target.outputs.push((format, path)),
            _ => targets.push(Target { document: index, outputs: vec![(format, path)] }),
        }
    }
    Ok(BuildResult { workspace, diagnostics, source_files, lower_options, page, targets })
}

impl BuildResult {
    /// Number of files the build renders.
    pub fn output_count(&self) -> usize {
        self.targets.iter().map(|t| t.outputs.len()).sum()
    }

    /// Lowers a target's document once and renders it in each of its formats.
    fn render_target(&self, target: &Target) -> impl Iterator<Item = Output> + '_ {
        let tree = lower(&self.workspace.documents[target.document].document, &self.lower_options);
        let rendered: Vec<Output> = target
            .outputs
            .iter()
            .map(|(format, path)| Output { path: path.clone(), contents: format.render_with(&tree, &self.page) })
            .collect();
        rendered.into_iter()
    }

    /// Renders every output in memory, on all cores, in the order of the sources and formats.
    pub fn render(&self) -> Vec<Output> {
        let per_target: Vec<Vec<Output>> = self.targets.par_iter().map(|t| self.render_target(t).collect()).collect();
        per_target.into_iter().flatten().collect()
    }

    /// Renders and writes every output, on all cores: each file as soon as it is rendered, to a
    /// temporary file renamed into place (a reader never sees half a file), so that no more than
    /// one document's outputs per thread are held at once. The outputs are then made durable by
    /// one sync of the output folder's file system ([`super::output::sync_written`]) instead of
    /// one per file. The first failure, in the order of the outputs, is returned.
    pub fn write(&self) -> Result<(), SornError> {
        let results: Vec<Result<(), SornError>> = self
            .targets
            .par_iter()
            .map(|t| self.render_target(t).try_for_each(|o| super::output::write_unsynced(&o.path, &o.contents)))
            .collect();
        results.into_iter().collect::<Result<(), SornError>>()?;
        let folders: BTreeSet<&Path> =
            self.targets.iter().flat_map(|t| t.outputs.iter()).map(|(_, p)| folder_of(p)).collect();
        super::output::sync_written(&folders.into_iter().collect::<Vec<_>>())
    }
}

fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// Resolves paths as the file system does, reading each folder's canonical path once: a build
/// places thousands of outputs in one folder, and canonicalizing each output path would walk
/// the whole path once per file. The folders are canonicalized first, then the paths are
/// resolved on all cores (each is still looked at, to see whether it is a link).
struct Resolver {
    folders: HashMap<PathBuf, Option<PathBuf>>,
}

impl Resolver {
    /// A resolver for paths in these paths' folders.
    fn for_paths<'p>(paths: impl IntoIterator<Item = &'p Path>) -> Self {
        let mut folders = HashMap::new();
        for path in paths {
            let folder = folder_of(path);
            if !folders.contains_key(folder) {
                folders.insert(folder.to_path_buf(), std::fs::canonicalize(folder).ok());
            }
        }
        Resolver { folders }
    }

    /// A path as the file system resolves it: the canonical path of its folder (links followed)
    /// with its file name, or the lexically normalized path where the folder does not exist yet.
    /// A file name that is itself a link is resolved too, so that writing over the link is caught.
    fn resolve(&self, path: &Path) -> PathBuf {
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        if is_link && let Ok(real) = std::fs::canonicalize(path) {
            return real;
        }
        let canonical = match self.folders.get(folder_of(path)) {
            Some(canonical) => canonical.clone(),
            None => std::fs::canonicalize(folder_of(path)).ok(),
        };
        match (canonical, path.file_name()) {
            (Some(dir), Some(name)) => dir.join(name),
            _ => normalize(path),
        }
    }

    /// [`Resolver::resolve`] of every path, on all cores, in order.
    fn resolve_all(&self, paths: &[&Path]) -> Vec<PathBuf> {
        paths.par_iter().map(|p| self.resolve(p)).collect()
    }
}

/// The exit status of a build: 1 when any source failed to load (it was not rendered).
pub fn status(result: &BuildResult) -> ExitStatus {
    if result.diagnostics.iter().any(|d| d.severity == Severity::Error) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}
