//! Source excerpts for human output: long lines shortened around their labels.
//!
//! Prose in sources is one paragraph per line, often a thousand characters long. Like rustc,
//! sorn shows such a line cut down to the part around the label, with "…" where text is left
//! out, while the gutter keeps the real line numbers and the header the real line and column.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::diagnostic::SourceFile;
use crate::text::{escape_controls, escaped_offset};

/// Lines longer than this (in characters) are shortened.
const MAX_LINE: usize = 110;
/// Characters kept on each side of the labels on a shortened line.
const MARGIN: usize = 36;
/// Lines shown before the first and after the last label.
const CONTEXT: usize = 1;

/// One line of the excerpt.
#[derive(Debug)]
struct Line {
    /// Where the line starts in the excerpt text.
    excerpt_start: usize,
    /// Byte length of the "…" prefix (0 if the line is not cut at the start).
    prefix: usize,
    /// Where the kept part starts in the real text.
    real_start: usize,
    /// Real column (0-based, characters) of the kept part's start.
    real_column: usize,
}

/// A shortened view of a file, with labels moved into its coordinates.
#[derive(Debug)]
pub struct Excerpt {
    name: String,
    text: String,
    first_line: usize,
    lines: Vec<Line>,
}

impl Excerpt {
    /// Builds an excerpt of `file` for labels at `spans` (byte offset and length): the lines they
    /// are on with [`CONTEXT`] lines around, long lines shortened around single-line labels, and
    /// control characters shown escaped. Returns it with the spans mapped into it.
    ///
    /// Only the lines shown are read, through the file's line table, so a report on a file with
    /// many findings costs the same per finding however large the file is.
    pub fn build(file: &SourceFile, spans: &[(usize, usize)]) -> (Excerpt, Vec<(usize, usize)>) {
        let source = file.text.as_str();
        let line_of = |offset: usize| file.line_index(offset);
        let last_byte = |(o, l): (usize, usize)| (o + l).saturating_sub(1).max(o);
        // Only single-line labels are shortened; a label across lines shows its lines as they are.
        let multi_line = spans.iter().any(|&(o, l)| line_of(o) != line_of(last_byte((o, l))));
        let first = spans.iter().map(|&(o, _)| line_of(o)).min().unwrap_or(0).saturating_sub(CONTEXT);
        let last = spans.iter().map(|&s| line_of(last_byte(s))).max().unwrap_or(0) + CONTEXT;
        let last = last.min(file.line_count() - 1);

        let mut text = String::new();
        let mut lines = Vec::new();
        for line in first..=last {
            let std::ops::Range { start, end } = file.line_range(line);
            let content = &source[start..end];
            let on_line: Vec<(usize, usize)> =
                spans.iter().filter(|&&(o, _)| line_of(o) == line).map(|&(o, l)| (o, o + l)).collect();
            let long = content.len() > MAX_LINE && content.chars().nth(MAX_LINE).is_some();
            let (keep_from, keep_to) = if multi_line || !long {
                (start, end)
            } else if on_line.is_empty() {
                (start, char_boundary_after(source, start, MAX_LINE, end))
            } else {
                let lo = on_line.iter().map(|s| s.0).min().unwrap_or(start).clamp(start, end);
                let hi = on_line.iter().map(|s| s.1).max().unwrap_or(end).clamp(start, end);
                (char_boundary_before(source, lo, MARGIN, start), char_boundary_after(source, hi, MARGIN, end))
            };
            if line > first {
                text.push('\n');
            }
            let excerpt_start = text.len();
            let prefix = if keep_from > start { "…" } else { "" };
            text.push_str(prefix);
            text.push_str(&escape_controls(&source[keep_from..keep_to]));
            if keep_to < end {
                text.push('…');
            }
            lines.push(Line {
                excerpt_start,
                prefix: prefix.len(),
                real_start: keep_from,
                real_column: file.line_col(keep_from).1 - 1,
            });
        }
        let excerpt = Excerpt { name: escape_controls(&file.name).into_owned(), text, first_line: first, lines };
        let mapped = spans
            .iter()
            .map(|&(o, l)| {
                let o = crate::text::floor_boundary(source, o);
                let line = &excerpt.lines[line_of(o).saturating_sub(first).min(excerpt.lines.len() - 1)];
                let from = line.real_start.min(o);
                let at = line.excerpt_start + line.prefix + escaped_offset(&source[from..], o - from);
                let rest = &source[o..];
                let len = escaped_offset(rest, crate::text::ceil_boundary(rest, l));
                (at, len)
            })
            .collect();
        (excerpt, mapped)
    }

    fn line_at(&self, offset: usize) -> (usize, &Line) {
        let index = self.lines.partition_point(|l| l.excerpt_start <= offset).saturating_sub(1);
        (index, &self.lines[index])
    }
}

fn char_boundary_before(s: &str, from: usize, chars: usize, floor: usize) -> usize {
    let mut at = from;
    for _ in 0..chars {
        if at <= floor {
            return floor;
        }
        at -= 1;
        while at > floor && !s.is_char_boundary(at) {
            at -= 1;
        }
    }
    at.max(floor)
}

fn char_boundary_after(s: &str, from: usize, chars: usize, ceiling: usize) -> usize {
    let mut at = from;
    for _ in 0..chars {
        if at >= ceiling {
            return ceiling;
        }
        at += 1;
        while at < ceiling && !s.is_char_boundary(at) {
            at += 1;
        }
    }
    at.min(ceiling)
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.as_str().read_span(span, context_lines_before, context_lines_after)?;
        let (index, line) = self.line_at(inner.span().offset());
        let column = if context_lines_before == 0 && context_lines_after == 0 {
            let within = inner.span().offset().saturating_sub(line.excerpt_start + line.prefix);
            let kept = &self.text[line.excerpt_start + line.prefix..];
            line.real_column + kept.get(..within).map_or(0, |s| s.chars().count())
        } else {
            inner.column()
        };
        Ok(Box::new(
            MietteSpanContents::new_named(
                self.name.clone(),
                inner.data(),
                *inner.span(),
                self.first_line + index,
                column,
                inner.line_count(),
            )
            .with_language("toml"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("f".into(), text.into())
    }

    #[test]
    fn short_lines_are_shown_whole_with_context() {
        let (ex, mapped) = Excerpt::build(&file("a = 1\nb = 2\nc = 3\nd = 4\n"), &[(10, 1)]);
        assert_eq!(ex.text, "a = 1\nb = 2\nc = 3");
        assert_eq!(&ex.text[mapped[0].0..mapped[0].0 + 1], "2");
    }

    #[test]
    fn control_characters_are_escaped_and_labels_follow() {
        let (ex, mapped) = Excerpt::build(&file("a = \"\u{1b}[2J\u{7}\0x\"\n"), &[(9, 3)]);
        assert!(!ex.text.contains(['\u{1b}', '\u{7}', '\0']), "{:?}", ex.text);
        assert_eq!(&ex.text[mapped[0].0..mapped[0].0 + mapped[0].1], "\u{2407}\u{2400}x");
    }

    #[test]
    fn long_lines_are_cut_around_the_label() {
        let long = format!("x = \"{}TARGET{}\"", "a".repeat(300), "b".repeat(300));
        let source = format!("[t]\n{long}\ny = 1\n");
        let at = source.find("TARGET").unwrap();
        let (ex, mapped) = Excerpt::build(&file(&source), &[(at, 6)]);
        assert_eq!(&ex.text[mapped[0].0..mapped[0].0 + 6], "TARGET");
        assert!(ex.text.lines().nth(1).unwrap().starts_with('…'));
        assert!(ex.text.lines().nth(1).unwrap().ends_with('…'));
        assert!(ex.text.lines().all(|l| l.chars().count() <= MAX_LINE + 2 * MARGIN));
        // The header position is the real one: line 2, column of TARGET.
        let contents = ex.read_span(&SourceSpan::from((mapped[0].0, 6)), 0, 0).unwrap();
        assert_eq!(contents.line(), 1);
        assert_eq!(contents.column(), 305);
    }

    #[test]
    fn multibyte_text_is_cut_on_character_boundaries() {
        let long = format!("x = \"{}é{}\"", "é".repeat(200), "ü".repeat(200));
        let at = long.len() / 2;
        let at = (0..=at).rev().find(|i| long.is_char_boundary(*i)).unwrap();
        let (ex, mapped) = Excerpt::build(&file(&long), &[(at, 2)]);
        assert!(ex.text.is_char_boundary(mapped[0].0));
    }
}
