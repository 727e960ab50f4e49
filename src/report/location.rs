//! Where a label is, in the terms every machine-readable format uses: a path and 1-based lines
//! and columns, columns counted in characters (Unicode code points).
//!
//! The end is exclusive: `end_column` is the column just after the last character, as SARIF's
//! `endColumn` and GitHub's `endColumn` expect. A span that ends with line breaks ends before
//! them, so that a label over a whole line does not reach into the next one.

use crate::diagnostic::{FileId, Label, SourceFile, SourceMap};

/// A label resolved to lines and columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region<'a> {
    /// The file.
    pub file: FileId,
    /// The file's reported name: relative where possible, `/`-separated.
    pub path: &'a str,
    /// 1-based line of the first character.
    pub line: usize,
    /// 1-based column of the first character, in characters.
    pub column: usize,
    /// 1-based line of the end.
    pub end_line: usize,
    /// 1-based column just after the last character.
    pub end_column: usize,
}

impl Region<'_> {
    /// Whether the region starts and ends on the same line.
    pub fn is_single_line(&self) -> bool {
        self.line == self.end_line
    }
}

/// The file with this id, if the map has it.
pub fn file(files: &SourceMap, id: FileId) -> Option<&SourceFile> {
    (id.0 < files.len()).then(|| files.get(id))
}

/// Resolves a label; `None` if its file is not in the map.
pub fn region<'a>(label: &Label, files: &'a SourceMap) -> Option<Region<'a>> {
    let source = file(files, label.file)?;
    let len = source.text.len();
    let start = label.span.start.min(len);
    let mut end = label.span.end.clamp(start, len);
    if let Some(covered) = source.text.get(start..end) {
        end = start + covered.trim_end_matches(['\n', '\r']).len();
    }
    let (line, column) = source.line_col(start);
    let (end_line, end_column) = source.line_col(end);
    Some(Region { file: label.file, path: &source.name, line, column, end_line, end_column })
}

/// The text of a 1-based line, without its line break (empty past the end).
pub fn line_text(source: &SourceFile, line: usize) -> &str {
    source.line_text(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(text: &str) -> (SourceMap, FileId) {
        let mut files = SourceMap::default();
        let id = files.add(SourceFile::new("a.toml".into(), text.into()));
        (files, id)
    }

    #[test]
    fn end_is_exclusive_and_counts_characters() {
        let (files, id) = map("x = \"é\"\nname = 1\n");
        // the string value "é": bytes 4..8 (é is two bytes), characters 5..8
        let r = region(&Label::new(id, 4..8, ""), &files).unwrap();
        assert_eq!((r.line, r.column, r.end_line, r.end_column), (1, 5, 1, 8));
        let r = region(&Label::new(id, 9..13, ""), &files).unwrap();
        assert_eq!((r.line, r.column, r.end_line, r.end_column), (2, 1, 2, 5));
        assert_eq!(r.path, "a.toml");
    }

    #[test]
    fn trailing_line_breaks_are_not_part_of_the_region() {
        let (files, id) = map("a = 1\r\nb = 2\n");
        let r = region(&Label::new(id, 0..7, ""), &files).unwrap();
        assert_eq!((r.line, r.column, r.end_line, r.end_column), (1, 1, 1, 6));
        assert!(r.is_single_line());
    }

    #[test]
    fn spans_are_clamped_and_missing_files_give_none() {
        let (files, id) = map("a = 1");
        let r = region(&Label::new(id, 3..999, ""), &files).unwrap();
        assert_eq!((r.line, r.column, r.end_line, r.end_column), (1, 4, 1, 6));
        let (start, end) = (999, 2);
        let r = region(&Label::new(id, start..end, ""), &files).unwrap();
        assert_eq!((r.column, r.end_column), (6, 6));
        assert!(region(&Label::new(FileId(7), 0..1, ""), &files).is_none());
        let (empty, id) = map("");
        let r = region(&Label::new(id, 0..0, ""), &empty).unwrap();
        assert_eq!((r.line, r.column, r.end_line, r.end_column), (1, 1, 1, 1));
    }

    #[test]
    fn line_text_strips_the_break() {
        let (files, id) = map("a = 1\r\nb = 2\n");
        let f = files.get(id);
        assert_eq!(line_text(f, 1), "a = 1");
        assert_eq!(line_text(f, 2), "b = 2");
        assert_eq!(line_text(f, 9), "");
    }
}
