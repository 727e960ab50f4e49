//! Placeholders in prose: `{system}`, `{docket}`, `{effective}` ...
//!
//! Facts that a notice repeats (the system's name, the docket number, computed dates) are stored
//! once and written into prose as placeholders, so that the printed text can never disagree with
//! itself. `{{` and `}}` stand for literal braces.

use std::ops::Range;

/// Every placeholder name, with what it stands for (for `sorn explain` and error help).
pub const NAMES: &[(&str, &str)] = &[
    ("system", "the system's full name: \"DHS/ICE-015 LeadTrac System of Records\""),
    ("system.id", "the system identifier: \"DHS/ICE-015\""),
    ("system.name", "the system's name without identifier: \"LeadTrac System of Records\""),
    (
        "system.id_long",
        "the identifier with abbreviations spelled out: \"Department of Homeland Security (DHS)/...-015\"",
    ),
    ("system.long", "the full name with the identifier's abbreviations spelled out, abbreviations in parentheses"),
    ("system.spelled", "the full name with the identifier's abbreviations spelled out, as in rule subject lines"),
    ("agency", "the agency's name"),
    ("agency.abbreviation", "the agency's abbreviation"),
    ("docket", "the docket number"),
    ("published", "the publication date, or the Federal Register placeholder"),
    ("comments_due", "the date comments are due, or the Federal Register placeholder"),
    ("effective", "the effective date, or the Federal Register placeholder"),
    (
        "todo",
        "text still to be written, `{todo: what}`: reported by the `todo` rule, refused by `sorn build` without `--draft`",
    ),
];

/// Whether a placeholder marks text the author has still to write: `{todo}` or `{todo: the
/// categories of individuals}` (what `sorn new` writes in every field of a skeleton).
pub fn is_todo(name: &str) -> bool {
    name == "todo" || name.strip_prefix("todo").is_some_and(|rest| rest.starts_with(':'))
}

/// A `{todo}` placeholder anywhere in a source file: its byte range (braces included) and what it
/// asks for ("" for a bare `{todo}`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Todo<'a> {
    /// Byte range in the file.
    pub range: Range<usize>,
    /// What is to be written.
    pub what: &'a str,
}

/// Every `{todo}` placeholder in a file's text, in any value (names and identifiers too, which
/// are not prose), in one pass. `{{todo}}` is a literal and is skipped.
pub fn todos(text: &str) -> Vec<Todo<'_>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = text.get(from..).and_then(|t| t.find("{todo")) {
        let start = from + found;
        from = start + 1;
        if start > 0 && text.as_bytes()[start - 1] == b'{' {
            continue;
        }
        let Some(close) = text[start..].find(['}', '\n']).map(|k| start + k) else { break };
        if text.as_bytes()[close] != b'}' {
            continue;
        }
        let name = text[start + 1..close].trim();
        if is_todo(name) {
            let what = name.strip_prefix("todo").unwrap_or("").trim_start_matches(':').trim();
            out.push(Todo { range: start..close + 1, what });
            from = close + 1;
        }
    }
    out
}

/// A piece of prose after parsing its placeholders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Literal text (braces already unescaped).
    Text(std::borrow::Cow<'a, str>),
    /// A placeholder name, with its byte range (braces included) in the prose.
    Placeholder(&'a str, Range<usize>),
}

/// A placeholder problem, with its byte range in the prose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaceholderError {
    /// Byte range in the prose string.
    pub range: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

/// Splits prose into text and placeholders. Unknown names and unbalanced braces are errors.
pub fn parse<'a>(text: &'a str) -> Result<Vec<Piece<'a>>, Vec<PlaceholderError>> {
    let mut pieces = Vec::new();
    let mut errors = Vec::new();
    let mut literal = String::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut literal_start = 0;
    let mut literal_borrowed = true;
    let flush = |pieces: &mut Vec<Piece<'a>>, literal: &mut String, borrowed: bool, start: usize, end: usize| {
        if borrowed {
            if end > start {
                pieces.push(Piece::Text(std::borrow::Cow::Borrowed(&text[start..end])));
            }
        } else if !literal.is_empty() {
            pieces.push(Piece::Text(std::borrow::Cow::Owned(std::mem::take(literal))));
        }
    };
    while i < bytes.len() {
        match bytes[i] {
            b'{' if bytes.get(i + 1) == Some(&b'{') => {
                if literal_borrowed {
                    literal.push_str(&text[literal_start..i]);
                    literal_borrowed = false;
                }
                literal.push('{');
                i += 2;
            }
            b'}' if bytes.get(i + 1) == Some(&b'}') => {
                if literal_borrowed {
                    literal.push_str(&text[literal_start..i]);
                    literal_borrowed = false;
                }
                literal.push('}');
                i += 2;
            }
            b'{' => {
                let close = text[i + 1..].find(['}', '{', '\n']).map(|k| i + 1 + k);
                match close {
                    Some(c) if bytes[c] == b'}' => {
                        flush(&mut pieces, &mut literal, literal_borrowed, literal_start, i);
                        let name = text[i + 1..c].trim();
                        if NAMES.iter().any(|(n, _)| *n == name) || is_todo(name) {
                            pieces.push(Piece::Placeholder(name, i..c + 1));
                        } else {
                            errors.push(unknown(name, i..c + 1));
                        }
                        i = c + 1;
                        literal_start = i;
                        literal_borrowed = true;
                    }
                    _ => {
                        errors.push(PlaceholderError {
                            range: i..i + 1,
                            message: "unclosed `{` in prose".into(),
                            help: "write `{{` for a literal brace, or close the placeholder, e.g. `{system}`".into(),
                        });
                        i += 1;
                    }
                }
            }
            b'}' => {
                errors.push(PlaceholderError {
                    range: i..i + 1,
                    message: "unmatched `}` in prose".into(),
                    help: "write `}}` for a literal brace".into(),
                });
                i += 1;
            }
            _ => {
                // Literal text runs to the next brace; braces are ASCII, so the byte search never
                // stops inside a character.
                let end = bytes[i..].iter().position(|&b| b == b'{' || b == b'}').map_or(bytes.len(), |k| i + k);
                if !literal_borrowed {
                    literal.push_str(&text[i..end]);
                }
                i = end;
            }
        }
    }
    flush(&mut pieces, &mut literal, literal_borrowed, literal_start, text.len());
    if errors.is_empty() { Ok(pieces) } else { Err(errors) }
}

fn unknown(name: &str, range: Range<usize>) -> PlaceholderError {
    let best = NAMES
        .iter()
        .map(|(n, _)| (strsim::jaro_winkler(n, name), *n))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .filter(|(score, _)| *score > 0.8);
    let help = match best {
        Some((_, n)) => format!("did you mean `{{{n}}}`? (write `{{{{` for a literal brace)"),
        None => format!(
            "known placeholders: {}",
            NAMES.iter().map(|(n, _)| format!("{{{n}}}")).collect::<Vec<_>>().join(", ")
        ),
    };
    PlaceholderError { range, message: format!("unknown placeholder `{{{name}}}`"), help }
}

/// Fills every placeholder with `value(name)`; unknown names were rejected by [`parse`].
pub fn expand(text: &str, value: impl Fn(&str) -> String) -> Result<String, Vec<PlaceholderError>> {
    let pieces = parse(text)?;
    let mut out = String::with_capacity(text.len() + 64);
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(&t),
            Piece::Placeholder(name, _) => out.push_str(&value(name)),
        }
    }
    Ok(out)
}

/// Where a string value's text begins in its TOML source, found at most once per value
/// (comparing the source with the value is linear in the value), and only when a finding needs
/// it: ranges of every finding in the value are then mapped in constant time. Rules make one for
/// each prose value they scan, and most values have no finding, so the comparison waits for the
/// first [`ValueOrigin::range`].
#[derive(Clone, Debug)]
pub struct ValueOrigin<'a> {
    source: &'a str,
    value: &'a str,
    span: Range<usize>,
    /// Where the text begins, if the source spells the value without escapes; computed on first
    /// use.
    start: std::cell::OnceCell<Option<usize>>,
}

impl<'a> ValueOrigin<'a> {
    /// The origin of `value`, written at `value_span` of `source`.
    pub fn new(source: &'a str, value_span: Range<usize>, value: &'a str) -> ValueOrigin<'a> {
        ValueOrigin { source, value, span: value_span, start: std::cell::OnceCell::new() }
    }

    /// The source range of a byte range of the value (the whole value's span if the source
    /// spells it with escapes).
    pub fn range(&self, inner: Range<usize>) -> Range<usize> {
        let start = self.start.get_or_init(|| {
            let raw = self.source.get(self.span.clone());
            raw.and_then(|raw| unescaped_start(raw, self.value)).map(|s| self.span.start + s)
        });
        match *start {
            Some(start) => start + inner.start..start + inner.end,
            None => self.span.clone(),
        }
    }
}

/// The offset in a quoted TOML string `raw` at which `value` is spelled verbatim, if it is.
fn unescaped_start(raw: &str, value: &str) -> Option<usize> {
    for delim in ["\"\"\"", "'''", "\"", "'"] {
        if let Some(body) = raw.strip_prefix(delim).and_then(|r| r.strip_suffix(delim)) {
            let skip_newline = if delim.len() == 3 {
                if body.starts_with("\r\n") {
                    2
                } else if body.starts_with('\n') {
                    1
                } else {
                    0
                }
            } else {
                0
            };
            return (&body[skip_newline..] == value).then_some(delim.len() + skip_newline);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_known_names_and_escapes() {
        let out = expand("The {system} ({{not}} a placeholder).", |n| format!("<{n}>")).unwrap();
        assert_eq!(out, "The <system> ({not} a placeholder).");
    }

    #[test]
    fn unknown_names_suggest_the_closest() {
        let errs = expand("see {sytem} here", |_| String::new()).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].range, 4..11);
        assert!(errs[0].help.contains("{system}"), "{}", errs[0].help);
    }

    #[test]
    fn unbalanced_braces_are_errors_not_panics() {
        assert!(expand("a { b", |_| String::new()).is_err());
        assert!(expand("a } b", |_| String::new()).is_err());
        assert!(expand("{", |_| String::new()).is_err());
        assert_eq!(expand("é{{ü}}", |_| String::new()).unwrap(), "é{ü}");
    }

    #[test]
    fn maps_ranges_into_multiline_strings() {
        let src = "x = \"\"\"\nab {system}\"\"\"";
        let span = 4..src.len();
        let r = ValueOrigin::new(src, span, "ab {system}").range(3..11);
        assert_eq!(&src[r], "{system}");
    }
}
