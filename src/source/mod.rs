//! Finding, reading and loading sources.
//!
//! Loading turns bytes into a [`Document`] or into diagnostics, never into a panic: a file that is
//! too large, not UTF-8, not TOML, has unknown or missing keys, values of the wrong type, citations
//! that do not exist in the statute or placeholders sorn does not know, is reported with file,
//! line, column and a snippet, and is not rendered.

pub mod keys;
pub mod library;
pub mod reference;
pub mod snippet;
mod validate;
pub mod walk;

use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostic, FileId, Label, SourceFile, SourceMap};
use crate::error::SornError;
use crate::model::{Document, ExemptionRule, Kind, Sorn};
pub use validate::{NO_CFR_PLACE, validate};

/// Sources larger than this are refused: real notices are well under 1 MiB.
pub const MAX_SOURCE_BYTES: u64 = 16 * 1024 * 1024;

/// The names of the load rules, reported like lint rules so CI sees every problem in one run.
pub mod rules {
    /// The file is not valid TOML.
    pub const SYNTAX_ERROR: &str = "syntax-error";
    /// The file is not UTF-8, too large, or unreadable.
    pub const UNREADABLE: &str = "unreadable-source";
    /// `kind` is missing or names no sorn kind.
    pub const UNKNOWN_KIND: &str = "unknown-kind";
    /// A key the source format does not have.
    pub const UNKNOWN_KEY: &str = "unknown-key";
    /// A required key is missing.
    pub const MISSING_KEY: &str = "missing-key";
    /// A value of the wrong type or out of range.
    pub const INVALID_VALUE: &str = "invalid-value";
    /// A citation of 5 U.S.C. 552a that does not exist or is malformed.
    pub const UNKNOWN_SUBSECTION: &str = "unknown-subsection";
    /// An exemption authority other than (j)(1), (j)(2), (k)(1)..(k)(7).
    pub const UNKNOWN_AUTHORITY: &str = "unknown-authority";
    /// A placeholder sorn does not know, or an unbalanced brace.
    pub const UNKNOWN_PLACEHOLDER: &str = "unknown-placeholder";
}

/// One loaded source.
#[derive(Clone, Debug)]
pub struct LoadedDocument {
    /// Its file.
    pub file: FileId,
    /// The document.
    pub document: Document,
    /// Whether it loaded without error-level diagnostics (only such documents are rendered).
    pub clean: bool,
}

/// Everything one run loaded.
#[derive(Debug, Default)]
pub struct Workspace {
    /// Every file read.
    pub files: SourceMap,
    /// Documents that deserialized (possibly with load errors in validated fields).
    pub documents: Vec<LoadedDocument>,
    /// Load diagnostics.
    pub diagnostics: Vec<Diagnostic>,
}

impl Workspace {
    /// The loaded document whose file has this path, if any.
    pub fn find_by_path(&self, path: &Path) -> Option<&LoadedDocument> {
        let cwd = std::env::current_dir().ok();
        let wanted = normalize_from(path, cwd.as_deref());
        self.documents.iter().find(|d| normalize_from(&self.files.get(d.file).path, cwd.as_deref()) == wanted)
    }
}

/// Lexically normalizes a path (no file system access), so links like `../sorns/x.toml` compare.
pub fn normalize(path: &Path) -> PathBuf {
    normalize_from(path, std::env::current_dir().ok().as_deref())
}

/// [`normalize`] against a working directory read once by the caller (`None` if it could not be
/// read): what a loop over many paths calls, so that it asks the system only once.
pub fn normalize_from(path: &Path, cwd: Option<&Path>) -> PathBuf {
    let absolute = match cwd {
        Some(dir) if !path.is_absolute() => dir.join(path),
        _ => path.to_path_buf(),
    };
    let mut out = PathBuf::new();
    for part in absolute.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// A source found: its path, and its bytes when finding it meant reading it (a file in a folder
/// is read to see whether it declares a sorn kind, and is not read again to be loaded).
#[derive(Clone, Debug)]
pub struct Found {
    /// The path, as given or as found under a folder given.
    pub path: PathBuf,
    bytes: Option<Vec<u8>>,
}

/// Finds the sources under the given paths: files named explicitly are always sources; folders are
/// searched recursively ([`walk::walk`]: in sorted order, without following links, skipping what
/// `.gitignore` ignores) for `*.toml` files whose top-level `kind` is a sorn kind.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<PathBuf>, SornError> {
    discover_excluding(paths, &walk::Exclude::none())
}

/// [`discover`], leaving out what the `exclude` patterns of `sorn.toml` name.
pub fn discover_excluding(paths: &[PathBuf], exclude: &walk::Exclude) -> Result<Vec<PathBuf>, SornError> {
    Ok(find_excluding(paths, exclude)?.into_iter().map(|f| f.path).collect())
}

/// [`discover`] with no `exclude` patterns, keeping the bytes of the files read to decide that
/// they are sources.
pub fn find(paths: &[PathBuf]) -> Result<Vec<Found>, SornError> {
    find_excluding(paths, &walk::Exclude::none())
}

/// [`discover`], keeping the bytes of the files read to decide that they are sources. The files
/// found in folders are read on all cores.
pub fn find_excluding(paths: &[PathBuf], exclude: &walk::Exclude) -> Result<Vec<Found>, SornError> {
    use rayon::prelude::*;
    let mut found = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| SornError::Path { path: path.clone(), source: e })?;
        if meta.is_dir() {
            let candidates = walk::walk(path, exclude)?;
            let read: Vec<Option<Found>> = candidates.into_par_iter().map(read_candidate).collect();
            found.extend(read.into_iter().flatten());
        } else {
            check_regular(path)?;
            found.push(Found { path: path.clone(), bytes: None });
        }
    }
    let cwd = std::env::current_dir().ok();
    let mut seen = std::collections::HashSet::new();
    found.retain(|f| seen.insert(normalize_from(&f.path, cwd.as_deref())));
    Ok(found)
}

/// A file found in a folder, if it is a source. One too large or unreadable is kept without its
/// bytes, so that loading reports it as it reports a file named explicitly.
fn read_candidate(path: PathBuf) -> Option<Found> {
    match read_regular(&path, MAX_SOURCE_BYTES) {
        Ok(Ok(bytes)) => declares_kind(&bytes).then_some(Found { path, bytes: Some(bytes) }),
        Ok(Err(_)) => Some(Found { path, bytes: None }),
        // Gone since the folder was listed: not a source; present but unreadable: reported.
        Err(_) => std::fs::metadata(&path).is_ok().then_some(Found { path, bytes: None }),
    }
}

/// Whether a file declares a sorn kind. Read cheaply: a `kind = "..."` line at top level, so
/// that broken sources (and misspelt kinds) are still found and reported while `Cargo.toml` and
/// other TOML files are skipped.
fn declares_kind(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            break;
        }
        if let Some(rest) = line.strip_prefix("kind") {
            let value = rest.trim_start().trim_start_matches('=').trim();
            let value = value.trim_matches(|c| c == '"' || c == '\'');
            // A known kind, or one close enough to be a misspelling of one (reported, not skipped).
            return Kind::ALL
                .iter()
                .map(|k| k.name())
                .chain([reference::LIBRARY_KIND])
                .any(|k| strsim::jaro_winkler(k, value) >= 0.8);
        }
    }
    false
}

/// Loads what [`find`] found, on all cores, reading only the files it did not read.
pub fn load_found(found: Vec<Found>) -> Result<Workspace, SornError> {
    use rayon::prelude::*;
    let libraries = reference::Libraries::default();
    let loaded: Vec<Result<LoadedFile, SornError>> = found
        .into_par_iter()
        .enumerate()
        .map(|(i, f)| {
            let bytes = match f.bytes {
                Some(bytes) => Ok(bytes),
                None => read_limited(&f.path)?,
            };
            Ok(load_file_with(FileId(i), f.path, bytes, &libraries))
        })
        .collect();
    let mut ws = Workspace::default();
    for file in loaded {
        ws.add(file?);
    }
    ws.link_libraries(&libraries);
    Ok(ws)
}

/// Reads and loads every path, on all cores. A file that cannot be read at all (missing, no
/// permission, not a regular file) stops the command, as a missing one does (exit status 2); one
/// too large to be a notice is a diagnostic. The workspace is the same whatever the number of
/// threads: file `i` is `paths[i]`, and the documents and diagnostics are in file order.
pub fn load_paths(paths: &[PathBuf]) -> Result<Workspace, SornError> {
    load_found(paths.iter().map(|path| Found { path: path.clone(), bytes: None }).collect())
}

/// Refuses anything but a regular file reached without a symbolic link: a FIFO or device would
/// block or never end, and a link can point anywhere (`/proc/self/environ`), whose text a
/// diagnostic would then print.
pub fn check_regular(path: &Path) -> Result<(), SornError> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| SornError::Path { path: path.to_path_buf(), source: e })?;
    let reason = if meta.file_type().is_symlink() {
        "it is a symbolic link"
    } else if meta.is_file() {
        return Ok(());
    } else if meta.is_dir() {
        "it is a folder"
    } else {
        "it is not a regular file (a FIFO, socket or device)"
    };
    Err(SornError::NotRegular {
        path: path.to_path_buf(),
        reason: reason.into(),
        help: "sorn reads only regular files, never through a link; name the file itself".into(),
    })
}

/// Reads a regular file of at most `limit` bytes; `Ok(Err(message))` when it is larger.
pub fn read_regular(path: &Path, limit: u64) -> Result<Result<Vec<u8>, String>, SornError> {
    use std::io::Read;
    check_regular(path)?;
    let fail = |e| SornError::Path { path: path.to_path_buf(), source: e };
    let file = std::fs::File::open(path).map_err(fail)?;
    // Sized to the file (and one byte to see its end), so that the text holds no spare capacity:
    // every source is kept until the report is written.
    let size = file.metadata().map_or(0, |m| m.len().min(limit));
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    file.take(limit + 1).read_to_end(&mut bytes).map_err(fail)?;
    if bytes.len() as u64 > limit {
        return Ok(Err(format!("{} is larger than {} MiB", path.display(), limit / (1024 * 1024))));
    }
    Ok(Ok(bytes))
}

fn read_limited(path: &Path) -> Result<Result<Vec<u8>, String>, SornError> {
    Ok(read_regular(path, MAX_SOURCE_BYTES)?.map_err(|m| format!("{m}; a source that large is not a notice")))
}

/// What to say of bytes that are not UTF-8, and the range to point at: a file that begins with a
/// UTF-16 byte order mark is named as UTF-16 (the usual cause: a Windows editor's "Unicode").
pub fn not_utf8(bytes: &[u8], at: usize) -> (String, std::ops::Range<usize>) {
    match bytes {
        [0xff, 0xfe, ..] => {
            ("the file is UTF-16 (little-endian, it begins with a byte order mark), not UTF-8".into(), 0..2)
        }
        [0xfe, 0xff, ..] => {
            ("the file is UTF-16 (big-endian, it begins with a byte order mark), not UTF-8".into(), 0..2)
        }
        _ => ("the file is not valid UTF-8".into(), at..at + 1),
    }
}

/// One source loaded on its own, to be added to a workspace as the file it was numbered.
#[derive(Debug)]
pub struct LoadedFile {
    /// The file read.
    pub source: SourceFile,
    /// Its document, if it deserialized.
    pub document: Option<LoadedDocument>,
    /// Its load diagnostics.
    pub diagnostics: Vec<Diagnostic>,
    /// The texts its references brought in, if it has any.
    pub extended: Option<reference::Extended>,
}

impl Workspace {
    /// Adds a file loaded as the next one ([`SourceMap::len`]).
    fn add(&mut self, loaded: LoadedFile) {
        let mut source = loaded.source;
        source.extended = loaded.extended.map(Box::new);
        let file = self.files.add(source);
        debug_assert!(loaded.document.as_ref().is_none_or(|d| d.file == file));
        self.diagnostics.extend(loaded.diagnostics);
        self.documents.extend(loaded.document);
    }
}

impl Workspace {
    /// Numbers the files the run's references read: one loaded as a source keeps its number,
    /// the others are added in path order. A library is checked for its shape once here, and
    /// every load diagnostic on content taken by reference is moved into the file it came from.
    fn link_libraries(&mut self, libraries: &reference::Libraries) {
        let read = libraries.read();
        if read.is_empty() {
            crate::diagnostic::sort(&mut self.diagnostics);
            return;
        }
        let mut by_path: std::collections::HashMap<PathBuf, FileId> =
            self.files.iter().filter_map(|(id, f)| f.path.canonicalize().ok().map(|c| (c, id))).collect();
        for shared in read.iter() {
            let Ok(shared) = shared.as_ref() else { continue };
            if by_path.contains_key(&shared.canonical) {
                continue;
            }
            let id = self.files.add(SourceFile::new(shared.shown.clone(), shared.text.to_string()));
            by_path.insert(shared.canonical.clone(), id);
            if shared.is_library() {
                let (_, own, _) = load_text_at(id, None, shared.text);
                self.diagnostics.extend(own);
            }
        }
        for id in 0..self.files.len() {
            if let Some(extended) = &mut self.files.get_mut(FileId(id)).extended {
                for part in &mut extended.parts {
                    part.file = by_path.get(&part.canonical).copied();
                }
            }
        }
        let mut diagnostics = std::mem::take(&mut self.diagnostics);
        self.files.relocate(&mut diagnostics);
        crate::diagnostic::sort(&mut diagnostics);
        self.diagnostics = diagnostics;
    }
}

/// Loads one source from its bytes into the workspace, with the files it references.
pub fn load_into(ws: &mut Workspace, path: PathBuf, bytes: Result<Vec<u8>, String>) {
    let file = FileId(ws.files.len());
    let libraries = reference::Libraries::default();
    ws.add(load_file_with(file, path, bytes, &libraries));
    ws.link_libraries(&libraries);
}

/// Loads one source from its bytes as file `file`: independent of every other file, so that
/// files load in parallel. The files it references are read through `libraries`, once per run.
pub fn load_file_with(
    file: FileId,
    path: PathBuf,
    bytes: Result<Vec<u8>, String>,
    libraries: &reference::Libraries,
) -> LoadedFile {
    let unloaded =
        |source, diagnostic| LoadedFile { source, document: None, diagnostics: vec![diagnostic], extended: None };
    let bytes = match bytes {
        Ok(b) => b,
        Err(message) => {
            let d = Diagnostic::error(rules::UNREADABLE, message, Label::new(file, 0..0, ""));
            return unloaded(SourceFile::new(path, String::new()), d);
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let (message, label) = not_utf8(e.as_bytes(), at);
            let d = Diagnostic::error(rules::UNREADABLE, message, Label::new(file, label, "this byte is not UTF-8"))
                .with_help("save the source as UTF-8 (TOML files must be UTF-8)");
            return unloaded(SourceFile::new(path, lossy), d);
        }
    };
    let (document, diagnostics, extended) = load_text_at(file, Some((&path, libraries)), &text);
    let clean = !diagnostics.iter().any(|d| d.severity == crate::diagnostic::Severity::Error);
    let document = document.map(|document| LoadedDocument { file, document, clean });
    LoadedFile { source: SourceFile::new(path, text), document, diagnostics, extended }
}

/// Syntax errors reported per file: past the first few, a parser's errors are mostly echoes of
/// them, and a garbled file would otherwise print thousands.
pub const MAX_SYNTAX_ERRORS: usize = 50;

/// Says on the last syntax error shown how many more there were, if any were left out.
pub fn note_unreported_syntax_errors(diagnostics: &mut [Diagnostic], total: usize) {
    if total > MAX_SYNTAX_ERRORS
        && let Some(last) = diagnostics.last_mut()
    {
        last.notes.push(format!(
            "{} more syntax errors in this file are not shown (sorn reports the first {MAX_SYNTAX_ERRORS})",
            total - MAX_SYNTAX_ERRORS
        ));
    }
}

/// Loads a source's text: syntax, kind, unknown keys, types, then semantic validation. A
/// reference to another file is refused: a text without a path has no folder to find it in.
pub fn load_text(file: FileId, text: &str) -> (Option<Document>, Vec<Diagnostic>) {
    let (document, diagnostics, _) = load_text_at(file, None, text);
    (document, diagnostics)
}

/// [`load_text`] for a source at a path, whose references are resolved through `libraries`.
/// Returns, besides the document and diagnostics, the texts its references brought in: the
/// coordinates of the spans of resolved values.
pub fn load_text_at(
    file: FileId,
    at: Option<(&Path, &reference::Libraries)>,
    text: &str,
) -> (Option<Document>, Vec<Diagnostic>, Option<reference::Extended>) {
    let mut diagnostics = Vec::new();
    let (table, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        let total = errors.len();
        for error in errors.into_iter().take(MAX_SYNTAX_ERRORS) {
            let span = error.span().unwrap_or(0..0);
            diagnostics.push(
                Diagnostic::error(
                    rules::SYNTAX_ERROR,
                    format!("invalid TOML: {}", first_line(error.message())),
                    Label::new(file, span, short_label(error.message())),
                )
                .with_help("see https://toml.io for the syntax; multi-line prose goes in \"\"\"triple quotes\"\"\""),
            );
        }
        note_unreported_syntax_errors(&mut diagnostics, total);
        return (None, diagnostics, None);
    }
    let root_span = table.span();
    let kind = match table.get_ref().get("kind").map(|v| (v.span(), v.get_ref())) {
        Some((_, DeValue::String(s))) if s == reference::LIBRARY_KIND => {
            return (None, library::check(file, table.get_ref()), None);
        }
        Some((span, DeValue::String(s))) => match Kind::from_name(s) {
            Some(kind) => kind,
            None => {
                diagnostics.push(
                    Diagnostic::error(
                        rules::UNKNOWN_KIND,
                        format!("`{s}` is not a kind of sorn source"),
                        Label::new(file, span, "unknown kind"),
                    )
                    .with_help(suggest_kind(s)),
                );
                return (None, diagnostics, None);
            }
        },
        Some((span, other)) => {
            diagnostics.push(
                Diagnostic::error(
                    rules::UNKNOWN_KIND,
                    format!("`kind` must be a string, found {}", other.type_str()),
                    Label::new(file, span, "expected \"sorn\" or \"exemption-rule\""),
                )
                .with_help("write kind = \"sorn\" or kind = \"exemption-rule\""),
            );
            return (None, diagnostics, None);
        }
        None => {
            diagnostics.push(
                Diagnostic::error(
                    rules::UNKNOWN_KIND,
                    "the source does not say what it is: `kind` is missing",
                    Label::new(file, 0..0, "add `kind` at the top of the file"),
                )
                .with_help("start the file with kind = \"sorn\" or kind = \"exemption-rule\""),
            );
            return (None, diagnostics, None);
        }
    };

    let mut table = table;
    let mut extended = None;
    if reference::may_refer(text) {
        let resolved = match at {
            Some((path, libraries)) => reference::resolve(file, path, text, table.get_mut(), libraries),
            None => reference::refuse(file, table.get_ref()),
        };
        if !resolved.diagnostics.is_empty() {
            // A value that did not come cannot be checked: the reference's error is the one cause.
            return (None, resolved.diagnostics, resolved.extended);
        }
        extended = resolved.extended;
    }
    let text = extended.as_ref().map_or(text, |e| e.text.as_str());

    let problems = keys::problems(crate::schema::schema(kind), table.get_ref());
    let shape_spans: Vec<_> = problems.iter().map(|p| p.span().clone()).collect();
    for problem in problems {
        diagnostics.push(shape_diagnostic(file, kind, problem));
    }

    let deserializer = toml::de::Deserializer::from(table);
    let document = match kind {
        Kind::Sorn => serde::Deserialize::deserialize(deserializer).map(|s: Sorn| Document::Sorn(Box::new(s))),
        Kind::ExemptionRule => {
            serde::Deserialize::deserialize(deserializer).map(|r: ExemptionRule| Document::ExemptionRule(Box::new(r)))
        }
    };
    let document = match document {
        Ok(d) => d,
        Err(error) => {
            let span = error.span().unwrap_or(root_span);
            // The walk over the schema reports what serde finds, and more; serde's one error is
            // kept only when the walk found nothing (a constraint the schema does not express).
            let already = shape_spans.contains(&span) || !shape_spans.is_empty();
            if !already || diagnostics.is_empty() {
                diagnostics.push(serde_error(file, text, error.message(), span));
            }
            return (None, diagnostics, extended);
        }
    };
    diagnostics.extend(validate(file, text, &document));
    (Some(document), diagnostics, extended)
}

/// A problem of shape in sorn's words, with a hint that is valid TOML where one can be given.
fn shape_diagnostic(file: FileId, kind: Kind, problem: keys::Problem) -> Diagnostic {
    use keys::Problem;
    let place = |table: &str| if table.is_empty() { "at the top level".to_string() } else { format!("in `[{table}]`") };
    match problem {
        Problem::Unknown(u) => {
            let d = Diagnostic::error(
                rules::UNKNOWN_KEY,
                format!(
                    "unknown key `{}` {}",
                    u.key,
                    if u.table.is_empty() { "at the top level".to_string() } else { format!("in `{}`", u.table) }
                ),
                Label::new(file, u.span, "unknown key"),
            );
            match u.suggestion {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None if !u.expected.is_empty() => d.with_help(format!("expected one of: {}", u.expected.join(", "))),
                None => d,
            }
        }
        Problem::WrongType { span, path, expected, found } => Diagnostic::error(
            rules::INVALID_VALUE,
            format!("`{path}` takes {expected}, found {found}"),
            Label::new(file, span, format!("expected {expected}")),
        )
        .with_help(type_help(&expected)),
        Problem::NotAllowed { span, path, value, allowed } => {
            let list = allowed.iter().map(|a| format!("\"{a}\"")).collect::<Vec<_>>().join(", ");
            let help = match keys::closest(&value, &allowed) {
                Some(s) => format!("did you mean \"{s}\"? `{path}` takes one of: {list}"),
                None => format!("`{path}` takes one of: {list}"),
            };
            Diagnostic::error(
                rules::INVALID_VALUE,
                format!("`{path}` cannot be \"{}\"", crate::text::escape_controls(&value)),
                Label::new(file, span, "not an allowed value"),
            )
            .with_help(help)
        }
        Problem::Missing { span, table, key } => {
            let d = Diagnostic::error(
                rules::MISSING_KEY,
                format!("missing required key `{key}` {}", place(&table)),
                Label::new(file, span, format!("`{key}` is required here")),
            );
            match snippet::snippet(kind, &table, &key, &[]) {
                Some(s) => d.with_help(format!("add it:\n{s}")),
                None => d.with_help(format!("add `{key}`; `sorn schema` writes the schemas that list every key")),
            }
        }
    }
}

/// What to write for a value that takes `expected`.
fn type_help(expected: &str) -> String {
    match expected {
        "a string" => "write text in quotes: \"...\", or \"\"\"...\"\"\" for several lines".into(),
        "a whole number" => "write a number without quotes, e.g. 30".into(),
        "true or false" => "write true or false, without quotes".into(),
        "a list" => "write a list in brackets: [\"...\", \"...\"]".into(),
        "a table" => "write a table: a [header] line and its keys below it".into(),
        other => format!("write {other}"),
    }
}

fn first_line(message: &str) -> &str {
    message.lines().find(|l| !l.trim().is_empty()).unwrap_or(message).trim()
}

fn short_label(message: &str) -> String {
    let line = first_line(message);
    if line.len() > 60 { "here".into() } else { line.to_string() }
}

fn suggest_kind(found: &str) -> String {
    let best = Kind::ALL
        .iter()
        .map(|k| k.name())
        .chain([reference::LIBRARY_KIND])
        .map(|name| (strsim::jaro_winkler(name, found), name))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .filter(|(s, _)| *s > 0.7);
    match best {
        Some((_, name)) => format!("did you mean \"{name}\"?"),
        None => "kinds: \"sorn\", \"exemption-rule\", \"library\"".into(),
    }
}

/// Turns a serde error into a diagnostic in sorn's words.
fn serde_error(file: FileId, text: &str, message: &str, span: std::ops::Range<usize>) -> Diagnostic {
    let mut message = first_line(message).to_string();
    for (machine, human) in [
        ("expected u32", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected i64", "expected a whole number"),
        ("expected a sequence", "expected a list [...]"),
        ("expected a map", "expected a table"),
    ] {
        message = message.replace(machine, human);
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or(rest);
        let table = table_name_at(text, &span);
        let span = if span.is_empty() { 0..0 } else { span };
        return Diagnostic::error(
            rules::MISSING_KEY,
            format!("missing required key `{key}` {table}"),
            Label::new(file, span, format!("`{key}` is required here")),
        )
        .with_help(format!("add `{key} = ...`; `sorn schema` writes the schemas that list every key"));
    }
    let help = if message.contains("unknown variant") {
        "use one of the values the message lists".to_string()
    } else if message.contains("invalid type") {
        "check the value's type: prose and names are strings in quotes, day counts are whole numbers, dates are written 2016-08-09".to_string()
    } else {
        "see the schema in schemas/ for what this key takes".to_string()
    };
    Diagnostic::error(rules::INVALID_VALUE, message, Label::new(file, span, "invalid value")).with_help(help)
}

fn table_name_at(text: &str, span: &std::ops::Range<usize>) -> String {
    if span.start == 0 && (span.end == 0 || span.end >= text.len()) {
        return "at the top level".into();
    }
    let header = text.get(span.clone()).unwrap_or("").lines().next().unwrap_or("").trim();
    if header.starts_with('[') { format!("in `{header}`") } else { "in this table".into() }
}

/// Loads a single source given as text (for tests and for `sorn import`'s self-check).
pub fn load_str(name: &str, text: &str) -> Workspace {
    let mut ws = Workspace::default();
    load_into(&mut ws, PathBuf::from(name), Ok(text.as_bytes().to_vec()));
    crate::diagnostic::sort(&mut ws.diagnostics);
    ws
}
