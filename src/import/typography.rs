//! GPO typography folded for matching: since 2023 the Federal Register sets en dashes in FR Doc
//! numbers, billing codes and identifiers ("2023–04225", "7710–12–P", "DOT/FMCSA–009"), thin and
//! no-break spaces between their parts, and smart quotes. Codes are read through this fold, so
//! they match whichever typography the document uses; prose keeps what it printed.

use std::borrow::Cow;

/// The text with dashes between code parts as hyphens and special spaces as spaces.
pub fn fold(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' => '-',
                '\u{00a0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' | '\u{200a}' | '\u{202f}' => ' ',
                '\u{2018}' | '\u{2019}' => '\'',
                '\u{201c}' | '\u{201d}' => '"',
                c => c,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gpo_dashes_spaces_and_quotes() {
        assert_eq!(
            fold("[FR Doc. 2023–04225 Filed 3–1–23; 8:45\u{2009}am]"),
            "[FR Doc. 2023-04225 Filed 3-1-23; 8:45 am]"
        );
        assert_eq!(fold("BILLING CODE 7710–12–P"), "BILLING CODE 7710-12-P");
        assert_eq!(fold("DOT/FMCSA\u{a0}009 “National”"), "DOT/FMCSA 009 \"National\"");
        assert!(matches!(fold("plain"), Cow::Borrowed(_)));
        // An em dash is punctuation, not a code's hyphen: "PART 5—DISCLOSURE" keeps it.
        assert_eq!(fold("PART 5—X"), "PART 5—X");
    }
}
