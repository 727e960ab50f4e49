//! Text helpers every stage shares: slicing by byte offsets without splitting a character, and
//! showing control characters so that a source cannot drive the terminal it is reported on.
//!
//! Offsets in sorn are byte offsets (spans, `find` results, `+ n` arithmetic); a character such
//! as a curly quote or an en dash takes three bytes, so an offset computed by arithmetic may fall
//! inside one. Slicing there panics; these helpers round to the nearest boundary inside the range.

use std::borrow::Cow;
use std::ops::Range;

/// The largest character boundary at or before `at` (clamped to the text).
pub fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The smallest character boundary at or after `at` (clamped to the text).
pub fn ceil_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The whole characters inside `range`: the start rounds up and the end down to a character
/// boundary, both clamped to the text; an inverted range is empty.
pub fn window(text: &str, range: Range<usize>) -> &str {
    let start = ceil_boundary(text, range.start);
    let end = floor_boundary(text, range.end).max(start);
    &text[start..end]
}

/// At most `bytes` bytes of whole characters starting at `start`.
pub fn window_at(text: &str, start: usize, bytes: usize) -> &str {
    window(text, start..start.saturating_add(bytes))
}

/// The printable stand-in for a control character: its Unicode control picture (U+2400 block),
/// or U+FFFD for the C1 controls, which have none. One character for one, so that columns
/// counted in the raw text hold in the escaped one.
fn picture(c: char) -> Option<Cow<'static, str>> {
    match c {
        '\t' | '\n' => None,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).map(|p| Cow::Owned(p.to_string())),
        '\u{7f}' => Some(Cow::Borrowed("\u{2421}")),
        '\u{80}'..='\u{9f}' => Some(Cow::Borrowed("\u{fffd}")),
        _ => None,
    }
}

/// Whether `c` at byte `i` of `text` is shown escaped: every control character except tab, line
/// feed and the carriage return of a CRLF line break.
fn is_escaped(text: &str, i: usize, c: char) -> bool {
    if c == '\r' {
        return !text[i + 1..].starts_with('\n');
    }
    picture(c).is_some()
}

/// `text` with control characters shown as control pictures (ESC as "␛", NUL as "␀"), so that
/// reports never pass them to a terminal. Borrowed when there is nothing to escape.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.char_indices().any(|(i, c)| is_escaped(text, i, c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        match picture(c).filter(|_| is_escaped(text, i, c)) {
            Some(p) => out.push_str(&p),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The byte length `text[..offset]` takes once escaped by [`escape_controls`]: maps an offset in
/// the raw text to the same place in the escaped text.
pub fn escaped_offset(text: &str, offset: usize) -> usize {
    let offset = floor_boundary(text, offset);
    text[..offset]
        .char_indices()
        .map(|(i, c)| match picture(c).filter(|_| is_escaped(text, i, c)) {
            Some(p) => p.len(),
            None => c.len_utf8(),
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_never_split_a_character() {
        let text = "81 FR 52592 \u{201c}quoted\u{201d}";
        for start in 0..=text.len() + 2 {
            for len in 0..=text.len() + 2 {
                let w = window_at(text, start, len);
                assert!(w.len() <= len);
            }
        }
        assert_eq!(window("a€b", 1..2), "");
        assert_eq!(window("a€b", 0..4), "a€");
        assert_eq!(window("a€b", 2..5), "b");
        let (start, end) = (2, 1);
        assert_eq!(window("abc", start..end), "");
    }

    #[test]
    fn control_characters_are_shown_as_pictures() {
        assert_eq!(escape_controls("a\u{1b}[31mb\u{7}\u{0}"), "a\u{241b}[31mb\u{2407}\u{2400}");
        assert_eq!(escape_controls("a\tb\r\nc\rd"), "a\tb\r\nc\u{240d}d");
        assert_eq!(escape_controls("\u{85}\u{9b}"), "\u{fffd}\u{fffd}");
        assert!(matches!(escape_controls("plain é"), Cow::Borrowed(_)));
        let raw = "x\u{1b}y";
        assert_eq!(escaped_offset(raw, 2), "x\u{241b}".len());
        assert_eq!(escaped_offset(raw, 1), 1);
    }
}
