//! Citations of 5 U.S.C. 552a typed once, when a source is loaded.
//!
//! A claim's authority and the provisions of claims and justifications are read against the
//! statute's structure as the source is deserialized, so every later stage (lint rules, renderers,
//! the importer) works with [`Authority`] and [`Subsection`] values and never parses text again.
//! What does not parse is kept as written, with the reason, so that the load check reports it at
//! its place (`unknown-subsection`, `unknown-authority`) while the rest of the list stays usable:
//! a claim with one bad citation keeps all its good ones.

use std::ops::Range;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::located::Loc;
use crate::statute::{Authority, CitationError, Subsection, parse_citation_list};

/// What a citation typed in a source reads as.
pub trait Citable: Sized {
    /// Reads the text as written in the source.
    ///
    /// # Errors
    ///
    /// Why the text names nothing this field accepts.
    fn read(written: &str) -> Result<Self, CitationError>;
}

impl Citable for Authority {
    fn read(written: &str) -> Result<Self, CitationError> {
        Authority::parse(written)
    }
}

/// One element of a `subsections` list: a single provision, or a range of sibling provisions
/// such as "(e)(4)(G) through (I)" or "(e)(4)(G)–(I)", which names every part between its ends.
/// A list of several citations ("(c)(3), (d)") is not one element: each gets its own.
impl Citable for Vec<Subsection> {
    fn read(written: &str) -> Result<Self, CitationError> {
        match Subsection::parse(written) {
            Ok(s) => Ok(vec![s]),
            // The range reader's error names the bad end of the range.
            Err(_) if is_range(written) => parse_citation_list(written),
            Err(e) => Err(e),
        }
    }
}

/// Whether an element is written as one range ("A through B", "A–B") and not as a list.
fn is_range(written: &str) -> bool {
    let separated = written.contains([',', ';']) || written.contains(" and ") || written.contains(" or ");
    let ranged = written.contains(" through ") || written.contains(['–', '—']) || written.contains(")-(");
    ranged && !separated
}

/// A citation as the source wrote it, and what it names (or why it names nothing).
#[derive(Clone, Debug)]
pub struct Cited<T> {
    written: String,
    typed: Result<T, CitationError>,
}

impl<T: Citable> Cited<T> {
    /// Reads `written`.
    pub fn read(written: impl Into<String>) -> Self {
        let written = written.into();
        let typed = T::read(&written);
        Self { written, typed }
    }
}

impl<T> Cited<T> {
    /// A value built in code, written in its canonical form.
    pub fn typed(value: T, written: impl Into<String>) -> Self {
        Self { written: written.into(), typed: Ok(value) }
    }

    /// What the citation names, if it names something.
    pub fn get(&self) -> Option<&T> {
        self.typed.as_ref().ok()
    }

    /// Why it names nothing, if so.
    pub fn error(&self) -> Option<&CitationError> {
        self.typed.as_ref().err()
    }

    /// The text as the source wrote it.
    pub fn written(&self) -> &str {
        &self.written
    }
}

impl<T> PartialEq for Cited<T> {
    /// Two citations are the same when they are written the same: the typed value follows.
    fn eq(&self, other: &Self) -> bool {
        self.written.trim() == other.written.trim()
    }
}

impl<'de, T: Citable> Deserialize<'de> for Cited<T> {
    /// Never fails on text: what does not parse is kept for the load check to report.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Cited::read(String::deserialize(deserializer)?))
    }
}

impl<T> Serialize for Cited<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.written)
    }
}

/// An exemption authority as typed at load.
pub type CitedAuthority = Loc<Cited<Authority>>;

/// A list of provisions of 5 U.S.C. 552a, typed at load: each element as written, with what it
/// names (ranges expanded) or why it names nothing.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(transparent)]
pub struct Provisions(Vec<Loc<Cited<Vec<Subsection>>>>);

impl Provisions {
    /// A list built in code from typed provisions, written in canonical form.
    pub fn of(subsections: &[Subsection]) -> Self {
        Self(subsections.iter().map(|s| Loc::synthetic(Cited::typed(vec![*s], s.to_string()))).collect())
    }

    /// A list read from elements as written (with their places).
    pub fn read(elements: Vec<Loc<String>>) -> Self {
        Self(elements.into_iter().map(|e| Loc::new(e.span, Cited::read(e.value))).collect())
    }

    /// Every provision the list names, in order, each with the span of the element naming it (a
    /// range gives each of its parts the span of the range).
    pub fn cited(&self) -> Vec<Loc<Subsection>> {
        self.0.iter().flat_map(|e| e.value.get().into_iter().flatten().map(|s| Loc::new(e.span.clone(), *s))).collect()
    }

    /// The provisions, without their places.
    pub fn subsections(&self) -> Vec<Subsection> {
        self.cited().into_iter().map(|s| s.value).collect()
    }

    /// The elements that name nothing: their span, their text and why.
    pub fn errors(&self) -> impl Iterator<Item = (Range<usize>, &str, &CitationError)> {
        self.0.iter().filter_map(|e| e.value.error().map(|err| (e.span.clone(), e.value.written(), err)))
    }

    /// The elements as written, with their places.
    pub fn elements(&self) -> impl Iterator<Item = Loc<&str>> {
        self.0.iter().map(|e| Loc::new(e.span.clone(), e.value.written()))
    }

    /// The span of the first element, if any.
    pub fn first_span(&self) -> Option<Range<usize>> {
        self.0.first().map(|e| e.span.clone())
    }

    /// Whether the list has no element.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl JsonSchema for Provisions {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Provisions".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <Vec<super::common::CitationText>>::json_schema(generator)
    }

    fn inline_schema() -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(items: &[&str]) -> Provisions {
        Provisions::read(items.iter().enumerate().map(|(i, s)| Loc::new(i * 10..i * 10 + 5, s.to_string())).collect())
    }

    #[test]
    fn a_bad_citation_keeps_the_good_ones() {
        let list = read(&["(c)(3)", "(e)(13)", "(f)"]);
        let cited: Vec<String> = list.cited().iter().map(|s| s.to_string()).collect();
        assert_eq!(cited, ["(c)(3)", "(f)"]);
        let errors: Vec<(Range<usize>, &str)> = list.errors().map(|(span, w, _)| (span, w)).collect();
        assert_eq!(errors, [(10..15, "(e)(13)")]);
    }

    #[test]
    fn ranges_expand_and_keep_their_wording() {
        let list = read(&["(e)(4)(G) through (I)", "(e)(4)(A)–(C)"]);
        let cited: Vec<String> = list.cited().iter().map(|s| s.to_string()).collect();
        assert_eq!(cited, ["(e)(4)(G)", "(e)(4)(H)", "(e)(4)(I)", "(e)(4)(A)", "(e)(4)(B)", "(e)(4)(C)"]);
        assert!(list.cited().iter().take(3).all(|s| s.span == (0..5)));
        let written: Vec<&str> = list.elements().map(|e| e.value).collect();
        assert_eq!(written, ["(e)(4)(G) through (I)", "(e)(4)(A)–(C)"]);
    }

    #[test]
    fn a_range_with_a_bad_end_is_reported_and_a_list_is_not_an_element() {
        let list = read(&["(e)(4)(G) through (J)", "(c)(3), (d)"]);
        assert!(list.cited().is_empty());
        assert_eq!(list.errors().count(), 2);
    }

    #[test]
    fn authorities_keep_what_was_written() {
        let good: Cited<Authority> = Cited::read("(k)(2)");
        assert_eq!(good.get(), Some(&Authority::K2));
        let bad: Cited<Authority> = Cited::read("(k)(8)");
        assert!(bad.get().is_none() && bad.error().is_some());
        assert_eq!(bad.written(), "(k)(8)");
    }
}
