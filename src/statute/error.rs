//! Why a citation of 5 U.S.C. 552a was rejected.

use std::fmt;
use std::ops::Range;

use super::Subsection;

/// A citation that could not be read, or that names a part 552a does not have.
///
/// The message says what is wrong; [`CitationError::help`] says what would be right, read off the
/// statute's structure map. [`CitationError::span`] is the byte range of the offending text in
/// [`CitationError::input`], for pointing at it in a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitationError {
    input: String,
    span: Range<usize>,
    kind: CitationErrorKind,
}

/// What kind of problem a [`CitationError`] reports.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CitationErrorKind {
    /// The text was empty or only whitespace.
    Empty,
    /// The text is not written like a citation.
    Malformed {
        /// What would have been accepted at [`CitationError::span`], e.g.
        /// "a citation like (e)(4)(G), starting with a lowercase subsection letter".
        expected: String,
        /// An optional hint on how to write it.
        hint: Option<&'static str>,
    },
    /// The citation is well formed, but 552a has no such part, e.g. `(e)(13)`.
    NotInStatute {
        /// The citation as written, in canonical form: `(e)(13)`.
        citation: String,
        /// The deepest part of the citation that does exist: `(e)` for `(e)(13)`, `None` for `(x)`.
        deepest: Option<Subsection>,
        /// What exists there: "5 U.S.C. 552a(e) has paragraphs (1) through (12)".
        help: String,
    },
    /// The citation exists but is not one of the exemption grounds (j)(1), (j)(2), (k)(1)–(k)(7).
    NotAnAuthority {
        /// The citation that was given.
        citation: Subsection,
        /// What to cite instead.
        help: String,
    },
}

impl CitationError {
    pub(crate) fn empty(input: &str) -> Self {
        CitationError { input: input.to_owned(), span: 0..input.len(), kind: CitationErrorKind::Empty }
    }

    pub(crate) fn malformed(input: &str, span: Range<usize>, expected: impl Into<String>) -> Self {
        CitationError {
            input: input.to_owned(),
            span,
            kind: CitationErrorKind::Malformed { expected: expected.into(), hint: None },
        }
    }

    /// Adds a hint to a [`CitationErrorKind::Malformed`] error; other kinds are returned unchanged.
    pub(crate) fn with_hint(mut self, new_hint: &'static str) -> Self {
        if let CitationErrorKind::Malformed { hint, .. } = &mut self.kind {
            *hint = Some(new_hint);
        }
        self
    }

    pub(crate) fn not_in_statute(
        input: &str,
        span: Range<usize>,
        citation: String,
        deepest: Option<Subsection>,
        help: String,
    ) -> Self {
        CitationError {
            input: input.to_owned(),
            span,
            kind: CitationErrorKind::NotInStatute { citation, deepest, help },
        }
    }

    pub(crate) fn not_an_authority(input: &str, span: Range<usize>, citation: Subsection, help: String) -> Self {
        CitationError { input: input.to_owned(), span, kind: CitationErrorKind::NotAnAuthority { citation, help } }
    }

    /// What went wrong.
    pub fn kind(&self) -> &CitationErrorKind {
        &self.kind
    }

    /// The text that was being parsed (the whole list, for a list).
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The byte range of the offending text in [`CitationError::input`].
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// What would be right, when the statute's structure says: "5 U.S.C. 552a(e)(4) has
    /// subparagraphs (A) through (I)". Kept apart from the message so a diagnostic can show it as
    /// help.
    pub fn help(&self) -> Option<String> {
        match &self.kind {
            CitationErrorKind::Empty => None,
            CitationErrorKind::Malformed { hint, .. } => hint.map(str::to_owned),
            CitationErrorKind::NotInStatute { help, .. } | CitationErrorKind::NotAnAuthority { help, .. } => {
                Some(help.clone())
            }
        }
    }

    /// What the span covers, for the message: the text itself, or "the end of the text".
    fn found(&self) -> String {
        let text = self.input.get(self.span.clone()).filter(|t| !t.is_empty());
        let text = text.or_else(|| {
            let rest = self.input.get(self.span.start..)?;
            let len = rest.chars().next()?.len_utf8();
            rest.get(..len)
        });
        match text {
            Some(text) => format!("\"{text}\""),
            None => "the end of the text".to_owned(),
        }
    }
}

impl fmt::Display for CitationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            CitationErrorKind::Empty => f.write_str("empty citation: expected a citation like (e)(4)(G)"),
            CitationErrorKind::Malformed { expected, .. } => {
                write!(f, "malformed citation \"{}\": expected {expected}, found {}", self.input.trim(), self.found())
            }
            CitationErrorKind::NotInStatute { citation, .. } => {
                write!(f, "{citation} does not exist in 5 U.S.C. 552a")
            }
            CitationErrorKind::NotAnAuthority { citation, .. } => {
                write!(f, "{citation} is not a Privacy Act exemption authority")
            }
        }
    }
}

impl std::error::Error for CitationError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_message_says_what_was_expected() {
        let err = CitationError::empty("  ");
        assert_eq!(err.to_string(), "empty citation: expected a citation like (e)(4)(G)");
        assert_eq!(err.help(), None);
        assert_eq!(err.kind(), &CitationErrorKind::Empty);
    }

    #[test]
    fn malformed_message_names_what_was_found() {
        let err = CitationError::malformed("(e)(4", 5..5, "`)`");
        assert_eq!(err.to_string(), "malformed citation \"(e)(4\": expected `)`, found the end of the text");
        let err = CitationError::malformed("(e)x", 3..3, "`(`");
        assert_eq!(err.to_string(), "malformed citation \"(e)x\": expected `(`, found \"x\"");
        let err = CitationError::malformed("(e)(g)", 3..6, "a letter");
        assert_eq!(err.to_string(), "malformed citation \"(e)(g)\": expected a letter, found \"(g)\"");
        assert_eq!(err.span(), 3..6);
        assert_eq!(err.input(), "(e)(g)");
    }

    #[test]
    fn hints_attach_only_to_malformed_errors() {
        let err = CitationError::malformed("e", 0..1, "x").with_hint("write parts in parentheses");
        assert_eq!(err.help().as_deref(), Some("write parts in parentheses"));
        let err = CitationError::empty("").with_hint("ignored");
        assert_eq!(err.help(), None);
    }

    #[test]
    fn found_never_splits_a_character() {
        let err = CitationError::malformed("(e)§", 3..3, "`(`");
        assert!(err.to_string().ends_with("found \"§\""));
        let err = CitationError::malformed("(e)§", 4..9, "`(`");
        assert!(err.to_string().ends_with("found the end of the text"));
    }
}
