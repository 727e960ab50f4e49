//! Diagnostics: what a load step or a lint rule found, pointing into the sources.
//!
//! Diagnostics are data. The reporters in [`crate::report`] turn them into rustc-style text,
//! JSON, SARIF or GitHub annotations; nothing here prints.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Must be fixed: the document is wrong in law or cannot be built.
    Error,
    /// Should be fixed: a convention is broken or something looks unintended.
    Warning,
    /// For information.
    Note,
}

impl Severity {
    /// The lower-case name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// Index of a file in a [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub usize);

/// A source file's text and the name it is reported under.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as given or found.
    pub path: PathBuf,
    /// The path as reported: relative to the working directory where possible, `/`-separated.
    pub name: String,
    /// The text (lossily decoded if the file was not UTF-8, for snippets only).
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// A file with its text.
    pub fn new(path: PathBuf, text: String) -> Self {
        let name = display_path(&path);
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { path, name, text, line_starts }
    }

    /// 1-based line and column (in characters) of a byte offset; offsets past the end or inside a
    /// character are clamped.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let mut end = offset;
        while end > start && !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let column = self.text.get(start..end).map_or(0, |s| s.chars().count()) + 1;
        (line + 1, column)
    }
}

/// Reports a path relative to the working directory, with forward slashes, so that output is the
/// same on every machine (SARIF fingerprints and snapshots depend on it).
pub fn display_path(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    let text = relative.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(str::to_string).unwrap_or(text)
}

/// Every file a run read, addressed by [`FileId`].
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// Adds a file and returns its id.
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(self.files.len() - 1)
    }

    /// The file with this id.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0]
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file was read.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Every file with its id.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(i), f))
    }
}

/// A place in a source, with what to say there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// The file.
    pub file: FileId,
    /// Byte range in the file.
    pub span: Range<usize>,
    /// Text shown under the span.
    pub message: String,
}

impl Label {
    /// A label.
    pub fn new(file: FileId, span: Range<usize>, message: impl Into<String>) -> Self {
        Self { file, span, message: message.into() }
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's stable kebab-case name, e.g. `unauthorized-exemption` or `syntax-error`.
    pub rule: &'static str,
    /// Severity after configuration.
    pub severity: Severity,
    /// One-sentence statement of the problem.
    pub message: String,
    /// Where: the first label is the primary location. Labels may be in several files.
    pub labels: Vec<Label>,
    /// How to fix it.
    pub help: Option<String>,
    /// Further facts (e.g. the legal basis).
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// A diagnostic with a primary label.
    pub fn new(rule: &'static str, severity: Severity, message: impl Into<String>, primary: Label) -> Self {
        Self { rule, severity, message: message.into(), labels: vec![primary], help: None, notes: Vec::new() }
    }

    /// An error.
    pub fn error(rule: &'static str, message: impl Into<String>, primary: Label) -> Self {
        Self::new(rule, Severity::Error, message, primary)
    }

    /// Adds help.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a secondary label.
    #[must_use]
    pub fn with_label(mut self, label: Label) -> Self {
        self.labels.push(label);
        self
    }

    /// Adds a note.
    #[must_use]
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// The primary location.
    pub fn primary(&self) -> Option<&Label> {
        self.labels.first()
    }

    /// Sort key: file, position, rule, message, so output is deterministic.
    pub fn sort_key(&self) -> (usize, usize, usize, &'static str, &str) {
        let (file, start, end) = self.primary().map_or((usize::MAX, 0, 0), |l| (l.file.0, l.span.start, l.span.end));
        (file, start, end, self.rule, self.message.as_str())
    }
}

/// Sorts diagnostics into reporting order and removes exact duplicates.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let f = SourceFile::new("a.toml".into(), "a = 1\nnäme = 2\n".into());
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(6), (2, 1));
        assert_eq!(f.line_col(9), (2, 3)); // after "nä": 3 bytes, 2 chars
        assert_eq!(f.line_col(1000), (3, 1));
        assert_eq!(f.line_col(8), (2, 2)); // inside "ä": clamped to its start
    }
}
