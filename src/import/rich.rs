//! Rich text: the plain words of a paragraph plus the inline marks around them (emphasis, links,
//! placeholders), so that recognizers work on plain text while the prose written back keeps its
//! Markdown.
//!
//! Offsets are byte offsets into [`Rich::text`]. Marks nest properly (a mark that would cross
//! another is dropped when added).

use std::ops::Range;

/// What a mark does to the text it covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MarkKind {
    /// `*italics*`.
    Emphasis,
    /// `**bold**`.
    Strong,
    /// `` `code` ``.
    Code,
    /// `[text](destination)`.
    Link(String),
    /// `<https://example.gov>`: the text is the destination.
    AutoLink,
    /// A sorn placeholder such as `{system}`: the covered text is what it renders to.
    Placeholder(&'static str),
}

/// A mark over a byte range of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// Start (inclusive).
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The mark.
    pub kind: MarkKind,
}

/// Plain text with inline marks. A `'\n'` in the text is a hard line break.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rich {
    /// The plain text.
    pub text: String,
    /// Marks, in no particular order.
    pub marks: Vec<Mark>,
}

impl Rich {
    /// Text without marks.
    pub fn plain(text: impl Into<String>) -> Rich {
        Rich { text: text.into(), marks: Vec::new() }
    }

    /// Whether there is no text.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Appends plain text.
    pub fn push_str(&mut self, s: &str) {
        self.text.push_str(s);
    }

    /// Adds a mark over `range` unless it would cross an existing mark or is empty.
    pub fn add_mark(&mut self, range: Range<usize>, kind: MarkKind) -> bool {
        if range.start >= range.end || range.end > self.text.len() {
            return false;
        }
        let crosses = self.marks.iter().any(|m| {
            let overlap = m.start < range.end && range.start < m.end;
            let nested =
                (m.start <= range.start && range.end <= m.end) || (range.start <= m.start && m.end <= range.end);
            overlap && !nested
        });
        if crosses {
            return false;
        }
        if matches!(kind, MarkKind::Placeholder(_)) {
            // A placeholder replaces its text: nothing may start or end inside it, and no other
            // placeholder may overlap it.
            let inside = self.marks.iter().any(|m| {
                (m.start > range.start && m.start < range.end)
                    || (m.end > range.start && m.end < range.end)
                    || (matches!(m.kind, MarkKind::Placeholder(_)) && m.start < range.end && range.start < m.end)
            });
            if inside {
                return false;
            }
        }
        self.marks.push(Mark { start: range.start, end: range.end, kind });
        true
    }

    /// Appends another rich text, after `separator` (plain).
    pub fn append(&mut self, other: &Rich, separator: &str) {
        if !self.text.is_empty() && !other.text.is_empty() {
            self.text.push_str(separator);
        }
        let base = self.text.len();
        self.text.push_str(&other.text);
        self.marks.extend(other.marks.iter().map(|m| Mark {
            start: m.start + base,
            end: m.end + base,
            kind: m.kind.clone(),
        }));
    }

    /// The part of the text in `range` (clamped to char boundaries), with the marks clipped to it.
    pub fn slice(&self, range: Range<usize>) -> Rich {
        let start = floor_boundary(&self.text, range.start.min(self.text.len()));
        let end = floor_boundary(&self.text, range.end.min(self.text.len())).max(start);
        let mut out = Rich::plain(&self.text[start..end]);
        for m in &self.marks {
            if matches!(m.kind, MarkKind::Placeholder(_)) && (m.start < start || m.end > end) {
                continue;
            }
            let s = m.start.max(start);
            let e = m.end.min(end);
            if s < e {
                out.marks.push(Mark { start: s - start, end: e - start, kind: m.kind.clone() });
            }
        }
        out.tidy_marks();
        out
    }

    /// The text from `start` on.
    pub fn from(&self, start: usize) -> Rich {
        self.slice(start..self.text.len())
    }

    /// The text without leading and trailing whitespace.
    pub fn trim(&self) -> Rich {
        let start = self.text.len() - self.text.trim_start().len();
        let end = self.text.trim_end().len().max(start);
        self.slice(start..end)
    }

    /// Collapses runs of spaces and tabs (not hard breaks) into one space and trims.
    pub fn collapse_spaces(&self) -> Rich {
        self.rebuild(|text| {
            let mut out = String::with_capacity(text.len());
            let mut map = Vec::with_capacity(text.len() + 1);
            let mut last_space = true;
            for ch in text.chars() {
                let is_space = ch == ' ' || ch == '\t';
                for _ in 0..ch.len_utf8() {
                    map.push(out.len());
                }
                if is_space {
                    if !last_space {
                        out.push(' ');
                    }
                    last_space = true;
                } else if ch == '\n' {
                    while out.ends_with(' ') {
                        out.pop();
                    }
                    out.push('\n');
                    last_space = true;
                } else {
                    out.push(ch);
                    last_space = false;
                }
            }
            map.push(out.len());
            (out, map)
        })
        .trim()
    }

    /// Rewrites the text with `f`, which returns the new text and, for every byte offset of the
    /// old text (and its end), the offset it moved to; marks follow.
    pub fn rebuild(&self, f: impl FnOnce(&str) -> (String, Vec<usize>)) -> Rich {
        let (text, map) = f(&self.text);
        let len = text.len();
        let at = |i: usize| map.get(i).copied().unwrap_or(len).min(len);
        let mut out = Rich { text, marks: Vec::new() };
        for m in &self.marks {
            let (s, e) = (at(m.start), at(m.end));
            if s < e {
                out.marks.push(Mark { start: s, end: e, kind: m.kind.clone() });
            }
        }
        out.tidy_marks();
        out
    }

    /// Drops empty marks and shrinks emphasis so it neither starts nor ends with whitespace.
    pub fn tidy_marks(&mut self) {
        let text = &self.text;
        for m in &mut self.marks {
            if matches!(m.kind, MarkKind::Emphasis | MarkKind::Strong | MarkKind::Link(_)) {
                while m.start < m.end && text[m.start..].starts_with(char::is_whitespace) {
                    m.start += text[m.start..].chars().next().map_or(1, char::len_utf8);
                }
                while m.end > m.start && text[..m.end].ends_with(char::is_whitespace) {
                    m.end -= text[..m.end].chars().next_back().map_or(1, char::len_utf8);
                }
            }
        }
        self.marks.retain(|m| m.start < m.end && m.end <= text.len());
    }

    /// Whether the whole text is covered by one mark of this kind.
    pub fn all(&self, kind: &MarkKind) -> bool {
        let t = self.trim_range();
        !t.is_empty() && self.marks.iter().any(|m| &m.kind == kind && m.start <= t.start && m.end >= t.end)
    }

    fn trim_range(&self) -> Range<usize> {
        let start = self.text.len() - self.text.trim_start().len();
        start..self.text.trim_end().len().max(start)
    }

    /// The text without marks of the given kinds.
    pub fn without(&self, kinds: &[MarkKind]) -> Rich {
        let mut out = self.clone();
        out.marks.retain(|m| !kinds.iter().any(|k| std::mem::discriminant(k) == std::mem::discriminant(&m.kind)));
        out
    }

    /// The text as sorn prose reads it: placeholders as `{name}`, literal braces doubled.
    pub fn sorn_text(&self) -> String {
        let mut holders: Vec<&Mark> =
            self.marks.iter().filter(|m| matches!(m.kind, MarkKind::Placeholder(_))).collect();
        holders.sort_by_key(|m| m.start);
        let mut out = String::with_capacity(self.text.len());
        let mut i = 0;
        for h in holders {
            if h.start < i {
                continue;
            }
            out.push_str(&self.text[i..h.start].replace('{', "{{").replace('}', "}}"));
            if let MarkKind::Placeholder(name) = h.kind {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
            i = h.end;
        }
        out.push_str(&self.text[i..].replace('{', "{{").replace('}', "}}"));
        out
    }

    /// Markdown for the text, escaped at the given level. Hard breaks are written `\` + newline.
    pub fn to_markdown(&self, level: Escape) -> String {
        let mut marks: Vec<&Mark> = self.marks.iter().collect();
        if level == Escape::NoMarks {
            marks.retain(|m| matches!(m.kind, MarkKind::Placeholder(_)));
        }
        let text = self.text.as_str();
        let mut out = String::with_capacity(text.len() + 16);
        let mut opens: Vec<&Mark> = marks.clone();
        opens.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut stack: Vec<&Mark> = Vec::new();
        let mut next_open = 0;
        let mut i = 0;
        let mut line_start = true;
        while i <= text.len() {
            while let Some(top) = stack.last() {
                if top.end == i {
                    close(&mut out, top);
                    stack.pop();
                } else {
                    break;
                }
            }
            if i == text.len() {
                break;
            }
            let mut skipped = false;
            while next_open < opens.len() && opens[next_open].start <= i {
                let m = opens[next_open];
                next_open += 1;
                if m.start < i {
                    continue;
                }
                match &m.kind {
                    MarkKind::Placeholder(name) => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                        i = m.end;
                        skipped = true;
                        line_start = false;
                        break;
                    }
                    MarkKind::Code => {
                        let content = &text[m.start..m.end];
                        let run = longest_run(content, '`') + 1;
                        let fence = "`".repeat(run);
                        let pad = content.starts_with(['`', ' ']) || content.ends_with(['`', ' ']);
                        out.push_str(&fence);
                        if pad {
                            out.push(' ');
                        }
                        out.push_str(content);
                        if pad {
                            out.push(' ');
                        }
                        out.push_str(&fence);
                        i = m.end;
                        skipped = true;
                        line_start = false;
                        break;
                    }
                    MarkKind::AutoLink if autolinkable(&text[m.start..m.end]) => {
                        out.push('<');
                        out.push_str(&text[m.start..m.end]);
                        out.push('>');
                        i = m.end;
                        skipped = true;
                        line_start = false;
                        break;
                    }
                    MarkKind::AutoLink => {}
                    _ => {
                        open(&mut out, m);
                        stack.push(m);
                        line_start = false;
                    }
                }
            }
            if skipped {
                continue;
            }
            let ch = text[i..].chars().next().unwrap_or(' ');
            let next = text[i + ch.len_utf8()..].chars().next();
            let prev = text[..i].chars().next_back();
            escape_char(&mut out, ch, prev, next, line_start, &text[i..], level);
            if ch == '\n' {
                line_start = true;
            } else if !(line_start && ch == ' ') {
                line_start = false;
            }
            i += ch.len_utf8();
        }
        while let Some(top) = stack.pop() {
            close(&mut out, top);
        }
        out
    }
}

/// How much of the text to escape for Markdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Escape {
    /// Only what could become markup here.
    Minimal,
    /// Every character with a meaning in Markdown.
    Full,
    /// Every character, and no marks but placeholders.
    NoMarks,
}

fn open(out: &mut String, m: &Mark) {
    match &m.kind {
        MarkKind::Emphasis => out.push('*'),
        MarkKind::Strong => out.push_str("**"),
        MarkKind::Link(_) => out.push('['),
        _ => {}
    }
}

fn close(out: &mut String, m: &Mark) {
    match &m.kind {
        MarkKind::Emphasis => out.push('*'),
        MarkKind::Strong => out.push_str("**"),
        MarkKind::Link(dest) => {
            out.push_str("](");
            if dest.contains([' ', '(', ')', '<', '>']) {
                out.push('<');
                out.push_str(&dest.replace('<', "%3C").replace('>', "%3E"));
                out.push('>');
            } else {
                out.push_str(dest);
            }
            out.push(')');
        }
        _ => {}
    }
}

fn autolinkable(s: &str) -> bool {
    !s.is_empty() && !s.contains(|c: char| c.is_whitespace() || c == '<' || c == '>')
}

fn longest_run(s: &str, c: char) -> usize {
    let mut best = 0;
    let mut run = 0;
    for ch in s.chars() {
        if ch == c {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

fn escape_char(
    out: &mut String,
    ch: char,
    prev: Option<char>,
    next: Option<char>,
    line_start: bool,
    rest: &str,
    level: Escape,
) {
    let full = level != Escape::Minimal;
    match ch {
        '\n' => out.push_str("\\\n"),
        '{' => out.push_str("{{"),
        '}' => out.push_str("}}"),
        '\\' | '*' | '`' | '~' => {
            out.push('\\');
            out.push(ch);
        }
        '_' => {
            let inner = prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
            if full || !inner {
                out.push('\\');
            }
            out.push('_');
        }
        ']' => {
            if full || matches!(next, Some('(' | '[' | ':')) {
                out.push('\\');
            }
            out.push(']');
        }
        '[' => {
            if full {
                out.push('\\');
            }
            out.push('[');
        }
        '<' => {
            if full || next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')) {
                out.push('\\');
            }
            out.push('<');
        }
        '>' if full || line_start => out.push_str("\\>"),
        '&' => {
            if full || looks_like_entity(rest) {
                out.push('\\');
            }
            out.push('&');
        }
        '#' | '+' | '-' | '=' | '|' if line_start || (full && ch != '-') => {
            out.push('\\');
            out.push(ch);
        }
        '!' if full && next == Some('[') => out.push_str("\\!"),
        '.' | ')' if line_start_number(out) => {
            out.push('\\');
            out.push(ch);
        }
        _ => out.push(ch),
    }
}

/// Whether what was written on the current line so far is only digits (so "75." would start a list).
/// Reads back at most ten digits and the white space before them, never the whole line, so that a
/// line of many dots stays linear.
fn line_start_number(out: &str) -> bool {
    let digits = out.bytes().rev().take(10).take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 9 {
        return false;
    }
    let before = &out[..out.len() - digits];
    let indent =
        before.chars().rev().take_while(|c| c.is_whitespace() && *c != '\n').map(char::len_utf8).sum::<usize>();
    let head = &before[..before.len() - indent];
    head.is_empty() || head.ends_with('\n')
}

fn looks_like_entity(rest: &str) -> bool {
    let body = &rest[1..];
    let len = body.find(';').unwrap_or(0);
    len > 0 && len <= 32 && body[..len].chars().all(|c| c.is_ascii_alphanumeric() || c == '#')
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_keep_marks() {
        let mut r = Rich::plain("AGENCY: Department of Homeland Security");
        r.add_mark(0..7, MarkKind::Strong);
        r.add_mark(8..18, MarkKind::Emphasis);
        let body = r.from(7).trim();
        assert_eq!(body.text, "Department of Homeland Security");
        assert_eq!(body.to_markdown(Escape::Minimal), "*Department* of Homeland Security");
    }

    #[test]
    fn escapes_only_what_would_be_markup() {
        let r = Rich::plain("See 5 U.S.C. 552a(k)(2) [INSERT DATE] AT&T a_b * x {y}");
        assert_eq!(r.to_markdown(Escape::Minimal), "See 5 U.S.C. 552a(k)(2) [INSERT DATE] AT&T a_b \\* x {{y}}");
        assert_eq!(Rich::plain("75. The system").to_markdown(Escape::Minimal), "75\\. The system");
        assert_eq!(Rich::plain("- x").to_markdown(Escape::Minimal), "\\- x");
        assert_eq!(Rich::plain("a [b](c)").to_markdown(Escape::Minimal), "a [b\\](c)");
    }

    #[test]
    fn placeholders_replace_their_text() {
        let mut r = Rich::plain("titled, \"DHS/ICE-015 LeadTrac.\"");
        assert!(r.add_mark(9..29, MarkKind::Placeholder("system")));
        assert_eq!(r.to_markdown(Escape::Minimal), "titled, \"{system}.\"");
        assert_eq!(r.sorn_text(), "titled, \"{system}.\"");
    }

    #[test]
    fn collapse_spaces_moves_marks() {
        let mut r = Rich::plain("  a   b  \n c ");
        r.add_mark(6..7, MarkKind::Emphasis);
        let c = r.collapse_spaces();
        assert_eq!(c.text, "a b\nc");
        assert_eq!(c.to_markdown(Escape::Minimal), "a *b*\\\nc");
    }
}
