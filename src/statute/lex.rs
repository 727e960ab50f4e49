//! A small cursor over citation text, shared by the single-citation and list parsers.

use std::ops::Range;

/// A position in a string, moved forward one character or word at a time.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cursor<'a> {
    src: &'a str,
    pos: usize,
}

/// One parenthesized part of a citation: the `4` of `(e)(4)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Part<'a> {
    /// The text between the parentheses, trimmed.
    pub(crate) label: &'a str,
    /// The byte range of the whole part, parentheses included.
    pub(crate) span: Range<usize>,
}

/// A part that was opened with `(` but not closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unclosed {
    /// Where the closing parenthesis was expected.
    pub(crate) at: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(src: &'a str, pos: usize) -> Self {
        Cursor { src, pos }
    }

    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    pub(crate) fn rest(&self) -> &'a str {
        self.src.get(self.pos..).unwrap_or("")
    }

    pub(crate) fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    pub(crate) fn at_end(&self) -> bool {
        self.rest().is_empty()
    }

    pub(crate) fn skip_whitespace(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    /// Consumes `c` if it is next.
    pub(crate) fn eat(&mut self, c: char) -> bool {
        self.eat_str(c.encode_utf8(&mut [0; 4]))
    }

    /// Consumes `s` if it comes next, exactly.
    pub(crate) fn eat_str(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    /// Consumes the word `word` (ASCII case-insensitive) if it comes next and is not the start of a
    /// longer word: `and` matches in "and (4)" but not in "andover".
    pub(crate) fn eat_word(&mut self, word: &str) -> bool {
        let rest = self.rest();
        let Some(head) = rest.get(..word.len()) else {
            return false;
        };
        let boundary = rest.get(word.len()..).and_then(|tail| tail.chars().next());
        if head.eq_ignore_ascii_case(word) && !boundary.is_some_and(char::is_alphanumeric) {
            self.pos += word.len();
            true
        } else {
            false
        }
    }

    /// Reads parts `(e)(4)(G)` for as long as they continue.
    ///
    /// With `loose`, spaces are allowed between and inside the parentheses (`(e) (4)( G )`), as
    /// they turn up in text copied from printed pages. Stops, without consuming anything, before
    /// the first character that does not open a part.
    pub(crate) fn parts(&mut self, loose: bool) -> Result<Vec<Part<'a>>, Unclosed> {
        let mut parts = Vec::new();
        while let Some(part) = self.part(loose)? {
            parts.push(part);
        }
        Ok(parts)
    }

    /// Reads one part `(4)`, if one comes next (after spaces, with `loose`); otherwise consumes
    /// nothing.
    pub(crate) fn part(&mut self, loose: bool) -> Result<Option<Part<'a>>, Unclosed> {
        let before = self.pos;
        if loose {
            self.skip_whitespace();
        }
        if !self.eat('(') {
            self.pos = before;
            return Ok(None);
        }
        if loose {
            self.skip_whitespace();
        }
        let rest = self.rest();
        let len = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
        let label = rest.get(..len).unwrap_or("");
        self.pos += len;
        if loose {
            self.skip_whitespace();
        }
        if !self.eat(')') {
            return Err(Unclosed { at: self.pos });
        }
        Ok(Some(Part { label, span: before..self.pos }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels<'a>(parts: &[Part<'a>]) -> Vec<&'a str> {
        parts.iter().map(|p| p.label).collect()
    }

    #[test]
    fn reads_strict_parts_and_stops_at_other_text() {
        let mut cur = Cursor::new("(e)(4)(G), (H)", 0);
        let parts = cur.parts(false).unwrap();
        assert_eq!(labels(&parts), ["e", "4", "G"]);
        assert_eq!(parts.get(1).map(|p| p.span.clone()), Some(3..6));
        assert_eq!(cur.pos(), 9);
        assert_eq!(cur.peek(), Some(','));
    }

    #[test]
    fn strict_parts_do_not_skip_spaces() {
        let mut cur = Cursor::new("(e) (4)", 0);
        assert_eq!(labels(&cur.parts(false).unwrap()), ["e"]);
        assert_eq!(cur.rest(), " (4)");
        let mut cur = Cursor::new("( e)", 0);
        assert_eq!(cur.parts(false), Err(Unclosed { at: 1 }));
    }

    #[test]
    fn loose_parts_skip_spaces_but_leave_trailing_ones() {
        let mut cur = Cursor::new("(e) (4)( G ) and", 0);
        assert_eq!(labels(&cur.parts(true).unwrap()), ["e", "4", "G"]);
        assert_eq!(cur.rest(), " and");
    }

    #[test]
    fn unclosed_part_reports_where_the_parenthesis_belongs() {
        let mut cur = Cursor::new("(e)(4", 0);
        assert_eq!(cur.parts(false), Err(Unclosed { at: 5 }));
        let mut cur = Cursor::new("(e.1)", 0);
        assert_eq!(cur.parts(false), Err(Unclosed { at: 2 }));
    }

    #[test]
    fn words_need_a_boundary() {
        let mut cur = Cursor::new("andover", 0);
        assert!(!cur.eat_word("and"));
        let mut cur = Cursor::new("AND (4)", 0);
        assert!(cur.eat_word("and"));
        assert_eq!(cur.rest(), " (4)");
        let mut cur = Cursor::new("and(4)", 0);
        assert!(cur.eat_word("and"));
        let mut cur = Cursor::new("an", 0);
        assert!(!cur.eat_word("and"));
    }

    #[test]
    fn eats_multibyte_characters() {
        let mut cur = Cursor::new("–(I)", 0);
        assert!(cur.eat('–'));
        assert_eq!(cur.pos(), 3);
        assert!(!cur.at_end());
        assert!(cur.eat_str("(I)"));
        assert!(cur.at_end());
        assert_eq!(cur.peek(), None);
    }
}
