//! [`Subsection`]: a validated citation of a part of 5 U.S.C. 552a, such as `(e)(4)(G)`.

use std::fmt;
use std::str::FromStr;

use super::CitationError;
use super::lex::{Cursor, Part};
use super::table::{self, Level, MAX_DEPTH, Node, SUBSECTIONS};

/// A part of 5 U.S.C. 552a that exists: `(d)`, `(c)(3)`, `(e)(4)(G)`, `(a)(8)(B)(iv)(I)`.
///
/// A value can only be made by parsing text against the statute's structure map, so holding a
/// `Subsection` means the citation is real. It prints in canonical form (`(e)(4)(G)`), and sorts in
/// statute order: by letter, then by paragraph number as a number (so `(e)(9)` comes before
/// `(e)(10)`), then subparagraph, clause and subclause in the order the Act lists them. A part
/// sorts right after the part containing it: `(e)` < `(e)(1)` < `(e)(1)(A)` < `(e)(2)`.
///
/// It serializes as its canonical string and deserializes from any string [`Subsection::parse`]
/// accepts.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Subsection {
    /// The 1-based position of each part among its siblings in the structure map, then zeros.
    /// Because the map lists parts in statute order, comparing these arrays is statute order.
    path: [u8; MAX_DEPTH],
}

impl Subsection {
    /// Parses a citation such as `(e)(4)(G)` or `552a(e)(4)(G)`.
    ///
    /// Surrounding whitespace is ignored; nothing else is. Each level must be written in its own
    /// style (a lowercase letter, a number, an uppercase letter, a lowercase then an uppercase
    /// roman numeral), and the part must exist in the statute.
    ///
    /// # Errors
    ///
    /// [`CitationErrorKind::Empty`](super::CitationErrorKind::Empty) for blank text,
    /// [`CitationErrorKind::Malformed`](super::CitationErrorKind::Malformed) for text not written
    /// like a citation, and [`CitationErrorKind::NotInStatute`](super::CitationErrorKind::NotInStatute)
    /// for a well-formed citation of a part 552a does not have, such as `(e)(13)`.
    pub fn parse(s: &str) -> Result<Subsection, CitationError> {
        let start = s.len() - s.trim_start().len();
        let end = s.trim_end().len();
        if start >= end {
            return Err(CitationError::empty(s));
        }
        let mut cur = Cursor::new(s, start);
        // "552a(e)" is how the Code and the Federal Register cite it after "5 U.S.C.".
        cur.eat_str("552a");
        let parts = cur
            .parts(false)
            .map_err(|unclosed| CitationError::malformed(s, unclosed.at..unclosed.at, "`)` to close the part"))?;
        if parts.is_empty() {
            return Err(CitationError::malformed(s, cur.pos()..cur.pos(), Level::Subsection.expected())
                .with_hint("write each part in parentheses, e.g. (e)(4)(G)"));
        }
        if cur.pos() < end {
            return Err(CitationError::malformed(
                s,
                cur.pos()..end,
                "`(` to open the next part, or the end of the citation",
            ));
        }
        let span = parts.first().map_or(start, |p| p.span.start)..end;
        check_levels(s, &parts, 1)?;
        let labels: Vec<&str> = parts.iter().map(|p| p.label).collect();
        Subsection::from_labels(&labels).ok_or_else(|| not_in_statute(s, span, &labels))
    }

    /// The part at `labels` (`["e", "4", "G"]`), if the statute has it.
    pub(crate) const fn from_labels(labels: &[&str]) -> Option<Subsection> {
        match table::walk(labels) {
            Some(path) => Some(Subsection { path }),
            None => None,
        }
    }

    /// The part at `labels`, for the crate's own tables of well-known citations.
    ///
    /// Only call this inside `const { }` (the `cite!` macro does): an unknown path then fails the
    /// build instead of the program.
    pub(crate) const fn known(labels: &[&str]) -> Subsection {
        match Subsection::from_labels(labels) {
            Some(s) => s,
            None => panic!("citation is not in the 552a structure table"),
        }
    }

    /// The subsections of 552a, (a) through (w), in order.
    pub fn all_subsections() -> impl Iterator<Item = Subsection> {
        positions(SUBSECTIONS).map(|i| Subsection { path: with(&[0; MAX_DEPTH], 0, i) })
    }

    /// The nodes of the structure map along this citation, from the subsection down.
    fn nodes(&self) -> impl Iterator<Item = &'static Node> + use<> {
        let mut nodes: &'static [Node] = SUBSECTIONS;
        let path = self.path;
        path.into_iter().take_while(|&i| i != 0).map_while(move |i| {
            let node = nodes.get(usize::from(i).checked_sub(1)?)?;
            nodes = node.children;
            Some(node)
        })
    }

    /// This citation's node in the structure map.
    fn node(&self) -> Option<&'static Node> {
        self.nodes().last()
    }

    /// How many parts the citation has: 1 for `(d)`, 2 for `(c)(3)`, 3 for `(e)(4)(G)`.
    pub fn depth(&self) -> usize {
        self.path.iter().take_while(|&&i| i != 0).count()
    }

    /// The level of the last part: `(e)(4)` is a paragraph.
    pub fn level(&self) -> Level {
        Level::at_depth(self.depth()).unwrap_or(Level::Subsection)
    }

    /// The subsection letter: `e` for `(e)(4)(G)`.
    pub fn letter(&self) -> char {
        self.nodes().next().and_then(|n| n.label.chars().next()).unwrap_or('a')
    }

    /// The subsection this citation is in: `(e)` for `(e)(4)(G)`.
    pub fn subsection(&self) -> Subsection {
        Subsection { path: with(&[0; MAX_DEPTH], 0, self.path.first().copied().unwrap_or(1)) }
    }

    /// The US Code heading of the subsection: "Civil Remedies" for `(g)(1)`.
    ///
    /// The Code puts headings on subsections only; for subsections with no lead-in text, such as
    /// (g), it prints the heading on paragraph (1), which is why agencies write "(g)(1) (Civil
    /// Remedies)".
    pub fn heading(&self) -> &'static str {
        self.nodes().next().map_or("", |n| n.heading)
    }

    /// The US Code heading as a one-item list, for callers that offer several headings.
    pub(crate) fn heading_list(&self) -> &'static [&'static str] {
        self.nodes().next().map_or(&[], |n| std::slice::from_ref(&n.heading))
    }

    /// The part directly containing this one: `(e)(4)` for `(e)(4)(G)`, `None` for `(e)`.
    pub fn parent(&self) -> Option<Subsection> {
        let depth = self.depth();
        if depth < 2 {
            return None;
        }
        Some(Subsection { path: with(&self.path, depth - 1, 0) })
    }

    /// The labels of the parts without parentheses: `["e", "4", "G"]`.
    pub fn components(&self) -> Vec<&'static str> {
        self.nodes().map(|n| n.label).collect()
    }

    /// The label of the last part: `"G"` for `(e)(4)(G)`.
    pub fn label(&self) -> &'static str {
        self.node().map_or("", |n| n.label)
    }

    /// The parts directly below this one, in order: `(e)(4)(A)` … `(e)(4)(I)` for `(e)(4)`.
    pub fn children(&self) -> impl Iterator<Item = Subsection> + use<> {
        let depth = self.depth();
        let path = self.path;
        let children = self.node().map_or(&[][..], |n| n.children);
        positions(children).filter(move |_| depth < MAX_DEPTH).map(move |i| Subsection { path: with(&path, depth, i) })
    }

    /// Whether `other` is this part or inside it: `(d)` contains `(d)` and `(d)(1)`; `(e)(4)`
    /// contains `(e)(4)(G)` but not `(e)(5)`.
    pub fn contains(&self, other: &Subsection) -> bool {
        let depth = self.depth();
        self.path.get(..depth) == other.path.get(..depth)
    }

    /// Whether `other` is a different part with the same parent: `(c)(3)` and `(c)(4)`, or `(d)`
    /// and `(e)`.
    pub fn is_sibling_of(&self, other: &Subsection) -> bool {
        self != other && self.depth() == other.depth() && self.parent() == other.parent()
    }
}

/// 1-based positions `1..=len` of a list of nodes.
fn positions(nodes: &[Node]) -> impl Iterator<Item = u8> + use<> {
    (1..=nodes.len()).filter_map(|i| u8::try_from(i).ok())
}

/// `path` with the part at `depth` (0-based) set to `value` and every deeper part cleared.
fn with(path: &[u8; MAX_DEPTH], depth: usize, value: u8) -> [u8; MAX_DEPTH] {
    let mut out = [0; MAX_DEPTH];
    for (i, (slot, &old)) in out.iter_mut().zip(path).enumerate() {
        *slot = match i.cmp(&depth) {
            std::cmp::Ordering::Less => old,
            std::cmp::Ordering::Equal => value,
            std::cmp::Ordering::Greater => 0,
        };
    }
    out
}

/// Checks that each part is written in the style of its level, the first part being at
/// `first_depth`.
pub(crate) fn check_levels(input: &str, parts: &[Part<'_>], first_depth: usize) -> Result<(), CitationError> {
    for (i, part) in parts.iter().enumerate() {
        let Some(level) = Level::at_depth(first_depth + i) else {
            return Err(CitationError::malformed(
                input,
                part.span.clone(),
                "the end of the citation (552a has no parts below subclauses like (II))",
            ));
        };
        if !level.fits(part.label) {
            return Err(CitationError::malformed(input, part.span.clone(), level.expected()));
        }
    }
    Ok(())
}

/// The error for well-formed `labels` that the statute lacks, naming the deepest part that exists
/// and what exists below it.
pub(crate) fn not_in_statute(input: &str, span: std::ops::Range<usize>, labels: &[&str]) -> CitationError {
    let mut nodes: &'static [Node] = SUBSECTIONS;
    let mut found = 0;
    for label in labels {
        match table::find(nodes, label) {
            Some((_, node)) => {
                nodes = node.children;
                found += 1;
            }
            None => break,
        }
    }
    let deepest = labels.get(..found).and_then(Subsection::from_labels);
    let place = match &deepest {
        Some(s) => format!("5 U.S.C. 552a{s}"),
        None => "5 U.S.C. 552a".to_owned(),
    };
    let help = format!("{place} has {}", table::describe_children(nodes, found + 1));
    let citation: String = labels.iter().map(|l| format!("({l})")).collect();
    CitationError::not_in_statute(input, span, citation, deepest, help)
}

/// A citation known to be in the statute, checked when the crate is compiled:
/// `cite!("e", "4", "G")`.
macro_rules! cite {
    ($($label:literal),+ $(,)?) => {
        const { $crate::statute::Subsection::known(&[$($label),+]) }
    };
}
pub(crate) use cite;

impl fmt::Display for Subsection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for node in self.nodes() {
            write!(f, "({})", node.label)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Subsection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Subsection({self})")
    }
}

impl FromStr for Subsection {
    type Err = CitationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Subsection::parse(s)
    }
}

impl serde::Serialize for Subsection {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Subsection {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Subsection::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Every citation in the structure map, in statute order, for tests that sweep the whole Act.
#[cfg(test)]
pub(crate) fn every_citation() -> Vec<Subsection> {
    fn walk(s: Subsection, out: &mut Vec<Subsection>) {
        out.push(s);
        for child in s.children() {
            walk(child, out);
        }
    }
    let mut out = Vec::new();
    for top in Subsection::all_subsections() {
        walk(top, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::CitationErrorKind;
    use super::*;

    fn s(text: &str) -> Subsection {
        Subsection::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn err(text: &str) -> CitationError {
        match Subsection::parse(text) {
            Ok(ok) => panic!("{text} parsed as {ok}"),
            Err(e) => e,
        }
    }

    #[test]
    fn parses_and_prints_canonically() {
        for text in ["(d)", "(c)(3)", "(e)(4)(G)", "(a)(8)(B)(iv)(I)", "(w)", "(j)(2)(A)", "(p)(1)(A)(ii)(II)"] {
            assert_eq!(s(text).to_string(), text);
        }
    }

    #[test]
    fn every_citation_in_the_table_round_trips() {
        let all = every_citation();
        assert!(all.len() > 200, "only {} citations", all.len());
        for citation in all {
            let text = citation.to_string();
            assert_eq!(s(&text), citation, "{text}");
            assert_eq!(text.parse::<Subsection>().ok(), Some(citation));
        }
    }

    #[test]
    fn accepts_surrounding_whitespace_and_a_552a_prefix() {
        assert_eq!(s("  (e)(4)(G)\n"), s("(e)(4)(G)"));
        assert_eq!(s("552a(e)(4)(G)"), s("(e)(4)(G)"));
        assert_eq!(s(" 552a(k) "), s("(k)"));
    }

    #[test]
    fn rejects_empty_text() {
        assert_eq!(err("").kind(), &CitationErrorKind::Empty);
        assert_eq!(err(" \t").kind(), &CitationErrorKind::Empty);
        assert_eq!(err("").to_string(), "empty citation: expected a citation like (e)(4)(G)");
    }

    #[test]
    fn rejects_text_not_written_as_a_citation() {
        for text in [
            "e4G",
            "(e)(4)G",
            "(e)(4",
            "(e) (4)",
            "( e)",
            "(e)(4)(g)",
            "(E)(4)",
            "(e)(G)",
            "(e)(04)",
            "(e)()",
            "(a)(8)(B)(IV)",
            "(a)(8)(B)(iv)(iv)",
            "(a)(8)(B)(iv)(I)(1)",
            "552a",
            "5 U.S.C. 552a(e)",
            "552a (e)",
            "(e)(4)(G)(H)x",
            "subsection (e)",
            "(e),",
        ] {
            let e = err(text);
            assert!(matches!(e.kind(), CitationErrorKind::Malformed { .. }), "{text}: {e:?}");
            assert!(e.to_string().starts_with("malformed citation"), "{text}: {e}");
        }
    }

    #[test]
    fn malformed_messages_say_what_was_expected() {
        let e = err("e4G");
        assert_eq!(
            e.to_string(),
            "malformed citation \"e4G\": expected a citation like (e)(4)(G), starting with a \
             lowercase subsection letter, found \"e\""
        );
        assert_eq!(e.help().as_deref(), Some("write each part in parentheses, e.g. (e)(4)(G)"));
        let e = err("(e)(4)(g)");
        assert!(e.to_string().contains("expected an uppercase subparagraph letter like (G), found \"(g)\""));
        assert_eq!(e.span(), 6..9);
        let e = err("(e)(4");
        assert!(e.to_string().contains("expected `)` to close the part, found the end of the text"));
        let e = err("(e)(4)G");
        assert!(e.to_string().contains("expected `(` to open the next part, or the end of the citation"));
        let e = err("(e)(x)");
        assert!(e.to_string().contains("expected a paragraph number like (4)"));
        let e = err("(a)(8)(A)(I)");
        assert!(e.to_string().contains("lowercase roman clause numeral"));
        let e = err("(a)(8)(A)(i)(i)");
        assert!(e.to_string().contains("uppercase roman subclause numeral"));
        let e = err("(a)(8)(A)(i)(I)(a)");
        assert!(e.to_string().contains("no parts below subclauses"));
    }

    #[test]
    fn paragraph_past_the_end_names_what_exists() {
        let e = err("(e)(13)");
        assert_eq!(e.to_string(), "(e)(13) does not exist in 5 U.S.C. 552a");
        assert_eq!(e.help().as_deref(), Some("5 U.S.C. 552a(e) has paragraphs (1) through (12)"));
        assert_eq!(
            e.kind(),
            &CitationErrorKind::NotInStatute {
                citation: "(e)(13)".to_owned(),
                deepest: Some(s("(e)")),
                help: "5 U.S.C. 552a(e) has paragraphs (1) through (12)".to_owned(),
            }
        );
    }

    #[test]
    fn subparagraph_past_the_end_names_what_exists() {
        let e = err("(e)(4)(J)");
        assert_eq!(e.to_string(), "(e)(4)(J) does not exist in 5 U.S.C. 552a");
        assert_eq!(e.help().as_deref(), Some("5 U.S.C. 552a(e)(4) has subparagraphs (A) through (I)"));
    }

    #[test]
    fn part_of_a_subsection_without_parts_is_refused() {
        let e = err("(h)(1)");
        assert_eq!(e.help().as_deref(), Some("5 U.S.C. 552a(h) has no numbered paragraphs"));
        for letter in ["n", "r", "w"] {
            let e = err(&format!("({letter})(1)"));
            assert_eq!(e.help(), Some(format!("5 U.S.C. 552a({letter}) has no numbered paragraphs")));
        }
    }

    #[test]
    fn subsection_past_w_is_refused() {
        let e = err("(x)");
        assert_eq!(e.to_string(), "(x) does not exist in 5 U.S.C. 552a");
        assert_eq!(e.help().as_deref(), Some("5 U.S.C. 552a has subsections (a) through (w)"));
        assert!(matches!(e.kind(), CitationErrorKind::NotInStatute { deepest: None, .. }));
    }

    #[test]
    fn other_missing_parts() {
        let help = |text: &str| err(text).help().unwrap_or_default();
        assert_eq!(help("(d)(6)"), "5 U.S.C. 552a(d) has paragraphs (1) through (5)");
        assert_eq!(help("(k)(8)"), "5 U.S.C. 552a(k) has paragraphs (1) through (7)");
        assert_eq!(help("(g)(6)"), "5 U.S.C. 552a(g) has paragraphs (1) through (5)");
        assert_eq!(help("(c)(3)(A)"), "5 U.S.C. 552a(c)(3) has no subparagraphs");
        assert_eq!(help("(d)(2)(C)"), "5 U.S.C. 552a(d)(2) has subparagraphs (A) and (B)");
        assert_eq!(help("(a)(8)(B)(xi)"), "5 U.S.C. 552a(a)(8)(B) has clauses (i) through (x)");
        assert_eq!(help("(a)(8)(B)(iv)(V)"), "5 U.S.C. 552a(a)(8)(B)(iv) has subclauses (I) through (IV)");
        assert_eq!(help("(a)(8)(B)(i)(I)"), "5 U.S.C. 552a(a)(8)(B)(i) has no subclauses");
        assert_eq!(help("(e)(0)"), "5 U.S.C. 552a(e) has paragraphs (1) through (12)");
        // The first missing part decides, even when deeper parts follow.
        assert_eq!(help("(e)(13)(A)"), "5 U.S.C. 552a(e) has paragraphs (1) through (12)");
        assert_eq!(err("(e)(13)(A)").to_string(), "(e)(13)(A) does not exist in 5 U.S.C. 552a");
    }

    #[test]
    fn statute_order_is_numeric_not_textual() {
        assert!(s("(e)(9)") < s("(e)(10)"));
        assert!(s("(b)(2)") < s("(b)(12)"));
        assert!(s("(a)(8)(B)(ix)") < s("(a)(8)(B)(x)"));
        assert!(s("(a)(8)(B)(iv)") < s("(a)(8)(B)(v)"));
        assert!(s("(a)(8)(B)(iv)(III)") < s("(a)(8)(B)(iv)(IV)"));
        assert!(s("(e)") < s("(e)(1)"));
        assert!(s("(e)(1)") < s("(e)(2)"));
        assert!(s("(e)(4)(I)") < s("(e)(5)"));
        assert!(s("(d)(5)") < s("(e)"));
        assert!(s("(c)(1)(B)") < s("(c)(2)"));
        let mut list = [s("(g)"), s("(e)(10)"), s("(e)(4)(G)"), s("(c)(3)"), s("(e)"), s("(e)(9)")];
        list.sort();
        let printed: Vec<String> = list.iter().map(ToString::to_string).collect();
        assert_eq!(printed, ["(c)(3)", "(e)", "(e)(4)(G)", "(e)(9)", "(e)(10)", "(g)"]);
    }

    #[test]
    fn table_walk_order_is_sorted_order() {
        let all = every_citation();
        let mut sorted = all.clone();
        sorted.sort();
        assert_eq!(all, sorted);
    }

    #[test]
    fn accessors() {
        let g = s("(e)(4)(G)");
        assert_eq!(g.letter(), 'e');
        assert_eq!(g.depth(), 3);
        assert_eq!(g.level(), Level::Subparagraph);
        assert_eq!(g.components(), ["e", "4", "G"]);
        assert_eq!(g.label(), "G");
        assert_eq!(g.parent(), Some(s("(e)(4)")));
        assert_eq!(g.subsection(), s("(e)"));
        assert_eq!(g.heading(), "Agency Requirements");
        assert_eq!(s("(d)").depth(), 1);
        assert_eq!(s("(d)").parent(), None);
        assert_eq!(s("(d)").level(), Level::Subsection);
        assert_eq!(s("(c)(3)").depth(), 2);
        assert_eq!(s("(c)(3)").parent(), Some(s("(c)")));
        assert_eq!(s("(g)(1)").heading(), "Civil Remedies");
        assert_eq!(s("(w)").letter(), 'w');
        assert_eq!(s("(a)(8)(B)(iv)(I)").depth(), 5);
        assert_eq!(s("(a)(8)(B)(iv)(I)").parent(), Some(s("(a)(8)(B)(iv)")));
        assert_eq!(s("(a)(8)(B)(iv)(I)").level(), Level::Subclause);
    }

    #[test]
    fn headings_of_every_subsection() {
        let headings: Vec<&str> = Subsection::all_subsections().map(|s| s.heading()).collect();
        assert_eq!(headings.len(), 23);
        assert_eq!(headings.first(), Some(&"Definitions"));
        assert_eq!(s("(c)(3)").heading(), "Accounting of Certain Disclosures");
        assert_eq!(s("(d)(1)").heading(), "Access to Records");
        assert_eq!(s("(f)").heading(), "Agency Rules");
        assert_eq!(s("(j)(2)").heading(), "General Exemptions");
        assert_eq!(s("(k)(2)").heading(), "Specific Exemptions");
        assert_eq!(s("(w)").heading(), "Applicability to Bureau of Consumer Financial Protection");
    }

    #[test]
    fn children_are_listed_in_order() {
        let kids: Vec<String> = s("(e)(4)").children().map(|c| c.to_string()).collect();
        assert_eq!(kids.first().map(String::as_str), Some("(e)(4)(A)"));
        assert_eq!(kids.last().map(String::as_str), Some("(e)(4)(I)"));
        assert_eq!(kids.len(), 9);
        assert_eq!(s("(h)").children().count(), 0);
        assert_eq!(s("(a)(8)(A)(i)(I)").children().count(), 0);
        let tops: Vec<String> = Subsection::all_subsections().map(|c| c.to_string()).collect();
        assert_eq!(tops.first().map(String::as_str), Some("(a)"));
        assert_eq!(tops.last().map(String::as_str), Some("(w)"));
    }

    #[test]
    fn containment() {
        assert!(s("(d)").contains(&s("(d)")));
        assert!(s("(d)").contains(&s("(d)(1)")));
        assert!(s("(d)").contains(&s("(d)(2)(B)(ii)")));
        assert!(s("(e)(4)").contains(&s("(e)(4)(G)")));
        assert!(!s("(e)(4)").contains(&s("(e)(5)")));
        assert!(!s("(e)(4)(G)").contains(&s("(e)(4)")));
        assert!(!s("(d)(1)").contains(&s("(d)")));
        assert!(!s("(c)").contains(&s("(d)")));
        // (e)(1) is not a textual prefix match of (e)(10).
        assert!(!s("(e)(1)").contains(&s("(e)(10)")));
    }

    #[test]
    fn siblings() {
        assert!(s("(c)(3)").is_sibling_of(&s("(c)(4)")));
        assert!(s("(d)").is_sibling_of(&s("(e)")));
        assert!(s("(e)(4)(G)").is_sibling_of(&s("(e)(4)(I)")));
        assert!(!s("(c)(3)").is_sibling_of(&s("(c)(3)")));
        assert!(!s("(c)(3)").is_sibling_of(&s("(d)(3)")));
        assert!(!s("(c)(3)").is_sibling_of(&s("(c)")));
        assert!(!s("(e)(3)(A)").is_sibling_of(&s("(e)(4)(A)")));
    }

    #[test]
    fn cite_macro_builds_known_citations() {
        assert_eq!(cite!("e", "4", "G"), s("(e)(4)(G)"));
        assert_eq!(cite!("w"), s("(w)"));
    }

    #[test]
    fn debug_shows_the_citation() {
        assert_eq!(format!("{:?}", s("(e)(4)(G)")), "Subsection((e)(4)(G))");
    }

    #[test]
    fn serde_uses_the_canonical_string() {
        let json = serde_json::to_string(&s("(e)(4)(G)")).unwrap();
        assert_eq!(json, "\"(e)(4)(G)\"");
        let back: Subsection = serde_json::from_str("\" 552a(e)(4)(G) \"").unwrap();
        assert_eq!(back, s("(e)(4)(G)"));
        let list: Vec<Subsection> = serde_json::from_str(r#"["(d)", "(e)(10)"]"#).unwrap();
        assert_eq!(list, [s("(d)"), s("(e)(10)")]);
    }

    #[test]
    fn serde_rejects_invalid_strings_with_the_citation_message() {
        let e = serde_json::from_str::<Subsection>("\"(e)(13)\"").unwrap_err();
        assert!(e.to_string().starts_with("(e)(13) does not exist in 5 U.S.C. 552a"), "{e}");
        let e = serde_json::from_str::<Subsection>("\"e4\"").unwrap_err();
        assert!(e.to_string().contains("expected a citation like (e)(4)(G)"), "{e}");
        assert!(serde_json::from_str::<Subsection>("4").is_err());
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in ["(", ")", "((", "()", "(é)", "552a(", "(e)(4)(G)(", "(e)(999)", "(e)(4)(Z)", "\u{0}", "(e)(4)(ⅰ)"]
        {
            assert!(Subsection::parse(text).is_err(), "{text}");
        }
    }
}
