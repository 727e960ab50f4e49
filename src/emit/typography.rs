//! Typographic quotes and dashes for the plain text lines a page prints (the heading lines, the
//! subject, captions, the signature), as the Federal Register sets them. Markdown prose gets the
//! same treatment from pulldown-cmark's smart punctuation; the two agree on what they change.
//!
//! Only the printed page is changed: sources, the Markdown manuscript and the Word manuscript keep
//! the characters the agency wrote.

/// `"` and `'` as opening or closing quotes (an apostrophe inside a word closes), `--` as an en
/// dash and `---` as an em dash. Linear in the text.
pub fn typographic(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut previous: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' | '\'' => {
                let opens = previous.is_none_or(|p| p.is_whitespace() || "([{\u{2014}\u{2013}-/".contains(p));
                out.push(match (c, opens) {
                    ('"', true) => '\u{201c}',
                    ('"', false) => '\u{201d}',
                    (_, true) => '\u{2018}',
                    (_, false) => '\u{2019}',
                });
            }
            '-' if chars.peek() == Some(&'-') => {
                chars.next();
                if chars.peek() == Some(&'-') {
                    chars.next();
                    out.push('\u{2014}');
                } else {
                    out.push('\u{2013}');
                }
            }
            _ => out.push(c),
        }
        previous = out.chars().next_back();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_open_after_space_and_close_after_text() {
        assert_eq!(typographic("\"LeadTrac\" and 'x'"), "\u{201c}LeadTrac\u{201d} and \u{2018}x\u{2019}");
        assert_eq!(typographic("DHS's records"), "DHS\u{2019}s records");
        assert_eq!(typographic("(\"a\")"), "(\u{201c}a\u{201d})");
    }

    #[test]
    fn double_and_triple_hyphens_are_dashes_single_ones_stay() {
        assert_eq!(
            typographic("2016--2017 and so---then DHS/ICE-015"),
            "2016\u{2013}2017 and so\u{2014}then DHS/ICE-015"
        );
        assert_eq!(typographic("----"), "\u{2014}-");
    }

    #[test]
    fn text_without_quotes_or_dashes_is_unchanged() {
        for text in ["", "PART 5\u{2014}DISCLOSURE", "\u{a7} 5.30 Specific exemptions.", "[FR Doc. 2016-28289]"] {
            assert_eq!(typographic(text), text);
        }
    }
}
