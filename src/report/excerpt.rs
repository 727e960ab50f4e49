//! Source excerpts for human output: long lines shortened around their labels.
//!
//! Prose in sources is one paragraph per line, often a thousand characters long. Like rustc,
//! sorn shows such a line cut down to the part around the label, with "…" where text is left
//! out, while the gutter keeps the real line numbers and the header the real line and column.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

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
    /// Builds an excerpt of `source` for labels at `spans`; returns it with the spans mapped into
    /// it, or `None` when nothing needs shortening (the caller shows the whole file).
    pub fn build(name: &str, source: &str, spans: &[(usize, usize)]) -> Option<(Excerpt, Vec<(usize, usize)>)> {
        if spans.is_empty() {
            return None;
        }
        let starts: Vec<usize> = std::iter::once(0).chain(source.match_indices('\n').map(|(i, _)| i + 1)).collect();
        let line_of = |offset: usize| starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let line_end = |line: usize| starts.get(line + 1).map_or(source.len(), |s| s - 1);
        // Only single-line labels are shortened; a label across lines shows the file as it is.
        if spans.iter().any(|&(o, l)| line_of(o) != line_of((o + l).saturating_sub(1).max(o))) {
            return None;
        }
        let label_lines: Vec<usize> = spans.iter().map(|&(o, _)| line_of(o)).collect();
        let first = label_lines.iter().min().copied()?.saturating_sub(CONTEXT);
        let last = (label_lines.iter().max().copied()? + CONTEXT).min(starts.len() - 1);
        let long = (first..=last).any(|l| source[starts[l]..line_end(l)].chars().count() > MAX_LINE);
        if !long {
            return None;
        }

        let mut text = String::new();
        let mut lines = Vec::new();
        for (line, &start) in starts.iter().enumerate().take(last + 1).skip(first) {
            let end = line_end(line);
            let content = &source[start..end];
            let on_line: Vec<(usize, usize)> =
                spans.iter().filter(|&&(o, _)| line_of(o) == line).map(|&(o, l)| (o, o + l)).collect();
            let (keep_from, keep_to) = if content.chars().count() <= MAX_LINE {
                (start, end)
            } else if on_line.is_empty() {
                (start, char_boundary_after(source, start, MAX_LINE, end))
            } else {
                let lo = on_line.iter().map(|s| s.0).min().unwrap_or(start);
                let hi = on_line.iter().map(|s| s.1).max().unwrap_or(end);
                (char_boundary_before(source, lo, MARGIN, start), char_boundary_after(source, hi, MARGIN, end))
            };
            if !text.is_empty() {
                text.push('\n');
            }
            let excerpt_start = text.len();
            let prefix = if keep_from > start { "…" } else { "" };
            text.push_str(prefix);
            text.push_str(&source[keep_from..keep_to]);
            if keep_to < end {
                text.push('…');
            }
            lines.push(Line {
                excerpt_start,
                prefix: prefix.len(),
                real_start: keep_from,
                real_column: source[start..keep_from].chars().count(),
            });
        }
        let excerpt = Excerpt { name: name.to_string(), text, first_line: first, lines };
        let mapped = spans
            .iter()
            .map(|&(o, l)| {
                let line = &excerpt.lines[line_of(o) - first];
                (line.excerpt_start + line.prefix + (o - line.real_start), l)
            })
            .collect();
        Some((excerpt, mapped))
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

    #[test]
    fn short_files_are_shown_whole() {
        assert!(Excerpt::build("a", "a = 1\nb = 2\n", &[(4, 1)]).is_none());
    }

    #[test]
    fn long_lines_are_cut_around_the_label() {
        let long = format!("x = \"{}TARGET{}\"", "a".repeat(300), "b".repeat(300));
        let source = format!("[t]\n{long}\ny = 1\n");
        let at = source.find("TARGET").unwrap();
        let (ex, mapped) = Excerpt::build("f", &source, &[(at, 6)]).unwrap();
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
        let (ex, mapped) = Excerpt::build("f", &long, &[(at, 2)]).unwrap();
        assert!(ex.text.is_char_boundary(mapped[0].0));
    }
}
