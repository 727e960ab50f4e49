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

/// A source file's text and the name it is reported under, with the tables every report format
/// shares to turn byte offsets into lines and columns in logarithmic time: built once per file,
/// when a report first needs them, so that reporting stays linear however many findings a file
/// has and a file without findings costs nothing.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as given or found.
    pub path: PathBuf,
    /// The path as reported: relative to the working directory where possible, `/`-separated.
    pub name: String,
    /// The text (lossily decoded if the file was not UTF-8, for snippets only).
    pub text: String,
    /// Where lines start and how many characters precede each block: made when a diagnostic in
    /// the file is first placed, not for every file read (most files have no finding).
    tables: std::sync::OnceLock<Tables>,
    /// The texts the file's references brought in (see [`crate::source::reference`]): the
    /// coordinates of the spans of values it took from other files.
    pub extended: Option<Box<crate::source::reference::Extended>>,
}

/// A file's line table and character-count table.
#[derive(Clone, Debug)]
struct Tables {
    /// Byte offset where each line starts.
    line_starts: Vec<usize>,
    /// Characters before each [`CHAR_BLOCK`]-byte block: columns are counted from the nearest.
    block_chars: Vec<usize>,
}

impl Tables {
    fn of(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        // Entry k counts the characters before byte k * CHAR_BLOCK, up to and including the end.
        let mut block_chars = Vec::with_capacity(text.len() / CHAR_BLOCK + 2);
        block_chars.push(0);
        let mut before = 0;
        for block in text.as_bytes().chunks(CHAR_BLOCK) {
            before += chars_in(block);
            block_chars.push(before);
        }
        Tables { line_starts, block_chars }
    }
}

/// Bytes per block of the character-count table.
const CHAR_BLOCK: usize = 256;

/// Characters in a byte slice of UTF-8: the bytes that are not continuation bytes. Correct for
/// any byte range, boundary or not, so that blocks can split characters.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl SourceFile {
    /// A file with its text.
    pub fn new(path: PathBuf, text: String) -> Self {
        let name = display_path(&path);
        Self { path, name, text, tables: std::sync::OnceLock::new(), extended: None }
    }

    fn tables(&self) -> &Tables {
        self.tables.get_or_init(|| Tables::of(&self.text))
    }

    /// The text that spans in this file's values index: its own, followed by what its references
    /// brought in. Rules read a value's words here.
    pub fn checked_text(&self) -> &str {
        self.extended.as_ref().map_or(&self.text, |e| &e.text)
    }

    /// Characters before a byte offset (at most [`CHAR_BLOCK`] bytes are counted).
    fn chars_before(&self, offset: usize) -> usize {
        let block = offset / CHAR_BLOCK;
        let base = self.tables().block_chars.get(block).copied().unwrap_or(0);
        base + chars_in(&self.text.as_bytes()[block * CHAR_BLOCK..offset])
    }

    /// 0-based index of the line holding a byte offset (clamped to the text).
    pub fn line_index(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        self.tables().line_starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// Number of lines, counting the empty one after a final line break.
    pub fn line_count(&self) -> usize {
        self.tables().line_starts.len()
    }

    /// Byte range of a 0-based line, without its line feed (empty past the end).
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let Some(&start) = self.tables().line_starts.get(line) else { return self.text.len()..self.text.len() };
        let end = self.tables().line_starts.get(line + 1).map_or(self.text.len(), |next| next - 1);
        start..end
    }

    /// The text of a 1-based line, without its line break (empty past the end).
    pub fn line_text(&self, line: usize) -> &str {
        let Some(index) = line.checked_sub(1) else { return "" };
        self.text[self.line_range(index)].trim_end_matches('\r')
    }

    /// 1-based line and column (in characters) of a byte offset; offsets past the end or inside a
    /// character are clamped.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = crate::text::floor_boundary(&self.text, offset);
        let line = self.line_index(offset);
        let start = self.tables().line_starts.get(line).copied().unwrap_or(0);
        (line + 1, self.chars_before(offset) - self.chars_before(start) + 1)
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

    /// The file with this id, to change.
    pub fn get_mut(&mut self, id: FileId) -> &mut SourceFile {
        &mut self.files[id.0]
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file was read.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Where a place of a value is in the file it was written in: a span past a file's own text
    /// that came by reference is in the referenced file.
    pub fn locate(&self, file: FileId, span: &Range<usize>) -> (FileId, Range<usize>) {
        let source = self.get(file);
        match &source.extended {
            Some(extended) if span.start > source.text.len() => extended.locate(span).unwrap_or((file, span.clone())),
            _ => (file, span.clone()),
        }
    }

    /// Moves every label and fix of the diagnostics that points at content taken by reference
    /// into the file the content was written in, then sorts them and removes duplicates: a
    /// finding on a library entry that several sources use is reported once, at the entry.
    pub fn relocate(&self, diagnostics: &mut Vec<Diagnostic>) {
        if self.files.iter().all(|f| f.extended.is_none()) {
            return;
        }
        for d in diagnostics.iter_mut() {
            for label in &mut d.labels {
                (label.file, label.span) = self.locate(label.file, &label.span);
            }
            if let Some(fix) = &mut d.fix {
                let placed: Vec<(FileId, Range<usize>)> =
                    fix.edits.iter().map(|e| self.locate(fix.file, &e.span)).collect();
                match placed.first().map(|p| p.0) {
                    // A fix edits one file: one whose edits fall in several is not offered.
                    Some(file) if placed.iter().all(|p| p.0 == file) => {
                        fix.file = file;
                        for (edit, (_, span)) in fix.edits.iter_mut().zip(placed) {
                            edit.span = span;
                        }
                    }
                    _ => d.fix = None,
                }
            }
        }
        sort(diagnostics);
    }

    /// Every file with its id.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(i), f))
    }
}

/// A place in a source, with what to say there.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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

/// One edit of a [`Fix`]: replace the bytes at `span`, which must still read `expected`, with
/// `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Edit {
    /// The bytes to replace.
    pub span: Range<usize>,
    /// What they read when the finding was made.
    pub expected: String,
    /// What to write instead.
    pub replacement: String,
}

/// A mechanical fix: a set of edits of one file that do not overlap, computed on the text the
/// finding was made on. A replaced word is one edit; entries of an array of tables put in
/// order are one edit of the entries' region, with every entry's text, comments included,
/// carried whole. `sorn check --fix` applies a fix only if every edit's span still reads what
/// it expects, and never together with a fix it overlaps.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fix {
    /// The file to edit.
    pub file: FileId,
    /// The edits, in the order of their spans, none overlapping another.
    pub edits: Vec<Edit>,
    /// What the fix does, completing "`sorn check --fix` ...": `writes "{system.id}" here`.
    pub description: String,
}

impl Fix {
    /// The bytes the fix touches, from its first edit's start to its last edit's end.
    pub fn extent(&self) -> Range<usize> {
        let start = self.edits.iter().map(|e| e.span.start).min().unwrap_or(0);
        let end = self.edits.iter().map(|e| e.span.end).max().unwrap_or(0);
        start..end
    }

    /// Whether every edit's span reads, in `text`, what the edit expects.
    pub fn applies_to(&self, text: &str) -> bool {
        !self.edits.is_empty() && self.edits.iter().all(|e| text.get(e.span.clone()) == Some(e.expected.as_str()))
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
    /// A mechanical fix `sorn check --fix` can apply.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic with a primary label.
    pub fn new(rule: &'static str, severity: Severity, message: impl Into<String>, primary: Label) -> Self {
        Self {
            rule,
            severity,
            message: message.into(),
            labels: vec![primary],
            help: None,
            notes: Vec::new(),
            fix: None,
        }
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
    fn columns_at_the_end_of_a_block_sized_text() {
        for len in [CHAR_BLOCK - 1, CHAR_BLOCK, CHAR_BLOCK + 1, 2 * CHAR_BLOCK] {
            let text = format!("é{}", "a".repeat(len - 2));
            let f = SourceFile::new("x".into(), text.clone());
            assert_eq!(f.line_col(text.len()), (1, text.chars().count() + 1), "{len}");
            assert_eq!(f.line_col(1), (1, 1));
        }
    }

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
