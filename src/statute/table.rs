//! The structure map of 5 U.S.C. 552a: every subsection (a)–(w), its US Code heading, and the
//! numbered parts below it, as one static tree.
//!
//! The tree is data, not code: validating a citation is a walk down it, and every help text
//! ("(e) has paragraphs (1) through (12)") is read off it. Children are listed in statute order,
//! so a child's position is also its sort key.

/// How deep 552a goes: subsection (a), paragraph (1), subparagraph (A), clause (i), subclause (I).
/// The deepest parts of the Act are subclauses such as 552a(a)(8)(B)(iv)(I).
pub(crate) const MAX_DEPTH: usize = 5;

/// One part of the statute: its label (the text between the parentheses) and its children.
#[derive(Debug)]
pub(crate) struct Node {
    /// The label without parentheses: `e`, `4`, `G`, `ii`, `IV`.
    pub(crate) label: &'static str,
    /// The US Code heading. Only subsections carry one; it is empty below them.
    pub(crate) heading: &'static str,
    /// The numbered parts directly below this one, in statute order.
    pub(crate) children: &'static [Node],
}

/// Builds a list of parts: `parts!["1", "2" ["A", "B"]]` is paragraphs (1) and (2), with
/// subparagraphs (A) and (B) under (2).
macro_rules! parts {
    ($($label:literal $([$($inner:tt)*])?),* $(,)?) => {
        &[$(Node { label: $label, heading: "", children: parts!($($($inner)*)?) }),*]
    };
}

/// Builds one subsection with its US Code heading.
macro_rules! subsection {
    ($label:literal, $heading:literal, [$($inner:tt)*]) => {
        Node { label: $label, heading: $heading, children: parts!($($inner)*) }
    };
}

/// The subsections of 5 U.S.C. 552a, (a) through (w), with their parts.
///
/// Source: the Office of the Law Revision Counsel's text of 5 U.S.C. 552a. Subsection (w) was
/// added by the Consumer Financial Protection Act of 2010, so the Act ends at (w), not (v).
/// Subsections (h), (n), (r) and (w) are single paragraphs with no numbered parts.
#[rustfmt::skip]
pub(crate) const SUBSECTIONS: &[Node] = &[
    subsection!("a", "Definitions", [
        "1", "2", "3", "4", "5", "6", "7",
        // (8) "matching program" is the deepest definition in the Act.
        "8" [
            "A" ["i" ["I", "II"], "ii"],
            "B" [
                "i", "ii", "iii",
                "iv" ["I", "II", "III", "IV"],
                "v" ["I", "II"],
                "vi", "vii", "viii", "ix", "x",
            ],
        ],
        "9", "10", "11", "12", "13",
    ]),
    subsection!("b", "Conditions of Disclosure", [
        "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
    ]),
    subsection!("c", "Accounting of Certain Disclosures", ["1" ["A", "B"], "2", "3", "4"]),
    subsection!("d", "Access to Records", ["1", "2" ["A", "B" ["i", "ii"]], "3", "4", "5"]),
    subsection!("e", "Agency Requirements", [
        "1", "2",
        "3" ["A", "B", "C", "D"],
        "4" ["A", "B", "C", "D", "E", "F", "G", "H", "I"],
        "5", "6", "7", "8", "9", "10", "11", "12",
    ]),
    subsection!("f", "Agency Rules", ["1", "2", "3", "4", "5"]),
    subsection!("g", "Civil Remedies", [
        "1" ["A", "B", "C", "D"], "2" ["A", "B"], "3" ["A", "B"], "4" ["A", "B"], "5",
    ]),
    subsection!("h", "Rights of Legal Guardians", []),
    subsection!("i", "Criminal Penalties", ["1", "2", "3"]),
    // (j)(2)'s lettered parts are inline in the statute's text, but agencies cite "(j)(2)(A)".
    subsection!("j", "General Exemptions", ["1", "2" ["A", "B", "C"]]),
    subsection!("k", "Specific Exemptions", ["1", "2", "3", "4", "5", "6", "7"]),
    subsection!("l", "Archival Records", ["1", "2", "3"]),
    subsection!("m", "Government Contractors", ["1", "2"]),
    subsection!("n", "Mailing Lists", []),
    subsection!("o", "Matching Agreements", [
        "1" ["A", "B", "C", "D" ["i", "ii"], "E", "F", "G", "H", "I", "J", "K"],
        "2" ["A" ["i", "ii"], "B", "C", "D" ["i", "ii"]],
    ]),
    subsection!("p", "Verification and Opportunity to Contest Findings", [
        "1" ["A" ["i", "ii" ["I", "II"]], "B", "C" ["i", "ii"]],
        "2" ["A", "B", "C"],
        "3",
    ]),
    subsection!("q", "Sanctions", ["1", "2" ["A", "B"]]),
    subsection!("r", "Report on New Systems and Matching Programs", []),
    // The biennial report duty was later terminated, but the text is still printed in the Code.
    subsection!("s", "Biennial Report", ["1", "2", "3", "4"]),
    subsection!("t", "Effect of Other Laws", ["1", "2"]),
    subsection!("u", "Data Integrity Boards", [
        "1", "2",
        "3" ["A", "B", "C", "D" ["i", "ii", "iii", "iv", "v", "vi"], "E", "F", "G", "H"],
        "4" ["A", "B", "C"],
        "5" ["A", "B" ["i", "ii", "iii"], "C", "D"],
        "6",
    ]),
    subsection!("v", "Office of Management and Budget Responsibilities", ["1", "2"]),
    subsection!("w", "Applicability to Bureau of Consumer Financial Protection", []),
];

/// The level of a part of the statute, named as the Office of the Law Revision Counsel names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// `(e)`: a lowercase letter.
    Subsection,
    /// `(e)(4)`: an arabic number.
    Paragraph,
    /// `(e)(4)(G)`: an uppercase letter.
    Subparagraph,
    /// `(a)(8)(B)(iv)`: a lowercase roman numeral.
    Clause,
    /// `(a)(8)(B)(iv)(I)`: an uppercase roman numeral.
    Subclause,
}

impl Level {
    /// The level at `depth` (1 for a subsection), if 552a has parts that deep.
    pub fn at_depth(depth: usize) -> Option<Level> {
        match depth {
            1 => Some(Level::Subsection),
            2 => Some(Level::Paragraph),
            3 => Some(Level::Subparagraph),
            4 => Some(Level::Clause),
            5 => Some(Level::Subclause),
            _ => None,
        }
    }

    /// The depth of this level: 1 for a subsection, 2 for a paragraph, and so on.
    pub fn depth(self) -> usize {
        match self {
            Level::Subsection => 1,
            Level::Paragraph => 2,
            Level::Subparagraph => 3,
            Level::Clause => 4,
            Level::Subclause => 5,
        }
    }

    /// The singular name: "paragraph".
    pub fn name(self) -> &'static str {
        match self {
            Level::Subsection => "subsection",
            Level::Paragraph => "paragraph",
            Level::Subparagraph => "subparagraph",
            Level::Clause => "clause",
            Level::Subclause => "subclause",
        }
    }

    /// The plural name: "paragraphs".
    pub fn plural(self) -> &'static str {
        match self {
            Level::Subsection => "subsections",
            Level::Paragraph => "paragraphs",
            Level::Subparagraph => "subparagraphs",
            Level::Clause => "clauses",
            Level::Subclause => "subclauses",
        }
    }

    /// What a label at this level looks like, for error messages.
    pub(crate) fn expected(self) -> &'static str {
        match self {
            Level::Subsection => "a citation like (e)(4)(G), starting with a lowercase subsection letter",
            Level::Paragraph => "a paragraph number like (4)",
            Level::Subparagraph => "an uppercase subparagraph letter like (G)",
            Level::Clause => "a lowercase roman clause numeral like (ii)",
            Level::Subclause => "an uppercase roman subclause numeral like (II)",
        }
    }

    /// Whether `label` is written the way labels at this level are written.
    ///
    /// This is syntax only: `(e)(13)` has a well-formed paragraph label that the statute lacks.
    /// The drafting convention fixes each level's style, which is what lets a reader (and the
    /// list parser) tell the subparagraph (I) from the subclause (I) by position.
    pub(crate) fn fits(self, label: &str) -> bool {
        match self {
            Level::Subsection => is_single(label, |b| b.is_ascii_lowercase()),
            Level::Paragraph => {
                !label.is_empty()
                    && label.len() <= 3
                    && label.bytes().all(|b| b.is_ascii_digit())
                    && (label == "0" || !label.starts_with('0'))
            }
            Level::Subparagraph => is_single(label, |b| b.is_ascii_uppercase()),
            Level::Clause => is_roman(label, false),
            Level::Subclause => is_roman(label, true),
        }
    }
}

fn is_single(label: &str, class: fn(u8) -> bool) -> bool {
    matches!(label.as_bytes(), [b] if class(*b))
}

/// Whether `label` is a canonical roman numeral from 1 to 39 in the given case. No part of 552a
/// has more than ten clauses, so 39 leaves room while keeping `c`, `d`, `l` and `m` (which are
/// subsection letters) out of the numerals.
fn is_roman(label: &str, upper: bool) -> bool {
    let lower = label.to_ascii_lowercase();
    let case_ok = if upper {
        label.bytes().all(|b| b.is_ascii_uppercase())
    } else {
        label.bytes().all(|b| b.is_ascii_lowercase())
    };
    case_ok && (1..40).any(|n| roman(n) == lower)
}

/// The lowercase roman numeral for `n` (1..40).
fn roman(n: u32) -> String {
    const TENS: [&str; 4] = ["", "x", "xx", "xxx"];
    const ONES: [&str; 10] = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"];
    let tens = TENS.get((n / 10) as usize).copied().unwrap_or("");
    let ones = ONES.get((n % 10) as usize).copied().unwrap_or("");
    format!("{tens}{ones}")
}

/// `a == b`, usable in `const` contexts.
const fn str_eq(a: &str, b: &str) -> bool {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.split_first(), b.split_first()) {
            (None, None) => return true,
            (Some((x, rest_a)), Some((y, rest_b))) => {
                if *x != *y {
                    return false;
                }
                a = rest_a;
                b = rest_b;
            }
            _ => return false,
        }
    }
}

/// The 1-based position of the child labelled `label` among `nodes`, and that child.
pub(crate) const fn find(nodes: &'static [Node], label: &str) -> Option<(u8, &'static Node)> {
    let mut rest = nodes;
    let mut position: u8 = 0;
    while let Some((node, more)) = rest.split_first() {
        // No list in the table is anywhere near 255 long; saturate rather than wrap.
        position = position.saturating_add(1);
        if str_eq(node.label, label) {
            return Some((position, node));
        }
        rest = more;
    }
    None
}

/// Walks `labels` down the table and returns the 1-based position of each part, padded with zeros,
/// or `None` when the path is not in the statute.
pub(crate) const fn walk(labels: &[&str]) -> Option<[u8; MAX_DEPTH]> {
    let mut path = [0u8; MAX_DEPTH];
    let mut nodes = SUBSECTIONS;
    let mut depth = 0;
    let mut rest = labels;
    while let Some((label, more)) = rest.split_first() {
        if depth >= MAX_DEPTH {
            return None;
        }
        let Some((position, node)) = find(nodes, label) else {
            return None;
        };
        path[depth] = position;
        nodes = node.children;
        depth += 1;
        rest = more;
    }
    if depth == 0 { None } else { Some(path) }
}

/// Describes the parts directly below a point of the statute: "paragraphs (1) through (12)",
/// "subparagraphs (A) and (B)", "no subparagraphs".
///
/// `depth` is the depth of the children (1 for the subsections of 552a). Every list in the table
/// runs without gaps ((1), (2), (3)...), which a test checks, so first and last describe it.
pub(crate) fn describe_children(children: &[Node], depth: usize) -> String {
    let Some(level) = Level::at_depth(depth) else {
        return "no further subdivisions".to_owned();
    };
    match children {
        [] if level == Level::Paragraph => "no numbered paragraphs".to_owned(),
        [] => format!("no {}", level.plural()),
        [only] => format!("only {} ({})", level.name(), only.label),
        [first, second] => format!("{} ({}) and ({})", level.plural(), first.label, second.label),
        [first, .., last] => format!("{} ({}) through ({})", level.plural(), first.label, last.label),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every node below `nodes`, with its depth.
    fn all_nodes(nodes: &'static [Node], depth: usize, out: &mut Vec<(usize, &'static Node)>) {
        for node in nodes {
            out.push((depth, node));
            all_nodes(node.children, depth + 1, out);
        }
    }

    /// The label that follows `label` at `level`, so gaps in a list can be found.
    fn successor(level: Level, label: &str) -> String {
        match level {
            Level::Subsection | Level::Subparagraph => {
                let b = label.as_bytes().first().copied().unwrap_or(b'?');
                char::from(b + 1).to_string()
            }
            Level::Paragraph => (label.parse::<u32>().unwrap() + 1).to_string(),
            Level::Clause | Level::Subclause => {
                let n = (1..40).find(|&n| roman(n) == label.to_ascii_lowercase()).unwrap();
                let next = roman(n + 1);
                if level == Level::Subclause { next.to_ascii_uppercase() } else { next }
            }
        }
    }

    #[test]
    fn subsections_run_from_a_to_w() {
        let labels: Vec<&str> = SUBSECTIONS.iter().map(|n| n.label).collect();
        assert_eq!(labels.first(), Some(&"a"));
        assert_eq!(labels.last(), Some(&"w"));
        assert_eq!(labels.len(), 23);
    }

    #[test]
    fn every_subsection_has_a_heading_and_no_part_has_one() {
        let mut nodes = Vec::new();
        all_nodes(SUBSECTIONS, 1, &mut nodes);
        for (depth, node) in nodes {
            if depth == 1 {
                assert!(!node.heading.is_empty(), "({}) has no heading", node.label);
            } else {
                assert!(node.heading.is_empty(), "part {} has a heading", node.label);
            }
        }
    }

    #[test]
    fn every_label_fits_its_level_and_lists_have_no_gaps() {
        fn check(nodes: &'static [Node], depth: usize) {
            if nodes.is_empty() {
                return;
            }
            let level = Level::at_depth(depth).expect("table deeper than five levels");
            let first = nodes.first().map(|n| n.label);
            let expected_first = match level {
                Level::Subsection => "a",
                Level::Paragraph => "1",
                Level::Subparagraph => "A",
                Level::Clause => "i",
                Level::Subclause => "I",
            };
            if let Some(first) = first {
                assert_eq!(first, expected_first, "list at depth {depth} starts at {first}");
            }
            for pair in nodes.windows(2) {
                if let [a, b] = pair {
                    assert_eq!(successor(level, a.label), b.label, "gap after {}", a.label);
                }
            }
            for node in nodes {
                assert!(level.fits(node.label), "{} does not fit {level:?}", node.label);
                check(node.children, depth + 1);
            }
        }
        check(SUBSECTIONS, 1);
    }

    #[test]
    fn part_counts_match_the_structure_map() {
        let count = |labels: &[&str]| -> usize {
            let mut nodes = SUBSECTIONS;
            for label in labels {
                nodes = find(nodes, label).expect("path exists").1.children;
            }
            nodes.len()
        };
        assert_eq!(count(&["a"]), 13);
        assert_eq!(count(&["a", "8", "B"]), 10);
        assert_eq!(count(&["a", "8", "B", "iv"]), 4);
        assert_eq!(count(&["b"]), 12);
        assert_eq!(count(&["c"]), 4);
        assert_eq!(count(&["c", "1"]), 2);
        assert_eq!(count(&["d"]), 5);
        assert_eq!(count(&["d", "2", "B"]), 2);
        assert_eq!(count(&["e"]), 12);
        assert_eq!(count(&["e", "3"]), 4);
        assert_eq!(count(&["e", "4"]), 9);
        assert_eq!(count(&["f"]), 5);
        assert_eq!(count(&["g"]), 5);
        assert_eq!(count(&["g", "1"]), 4);
        assert_eq!(count(&["h"]), 0);
        assert_eq!(count(&["i"]), 3);
        assert_eq!(count(&["j"]), 2);
        assert_eq!(count(&["j", "2"]), 3);
        assert_eq!(count(&["k"]), 7);
        assert_eq!(count(&["n"]), 0);
        assert_eq!(count(&["o", "1"]), 11);
        assert_eq!(count(&["p", "1", "A", "ii"]), 2);
        assert_eq!(count(&["r"]), 0);
        assert_eq!(count(&["u", "3"]), 8);
        assert_eq!(count(&["u", "3", "D"]), 6);
        assert_eq!(count(&["u", "5", "B"]), 3);
        assert_eq!(count(&["w"]), 0);
    }

    #[test]
    fn walk_gives_one_based_positions() {
        assert_eq!(walk(&["e", "4", "G"]), Some([5, 4, 7, 0, 0]));
        assert_eq!(walk(&["a", "8", "B", "iv", "IV"]), Some([1, 8, 2, 4, 4]));
        assert_eq!(walk(&["e", "13"]), None);
        assert_eq!(walk(&["h", "1"]), None);
        assert_eq!(walk(&[]), None);
        assert_eq!(walk(&["a", "8", "A", "i", "I", "x"]), None);
    }

    #[test]
    fn level_syntax() {
        assert!(Level::Subsection.fits("e"));
        assert!(!Level::Subsection.fits("E"));
        assert!(!Level::Subsection.fits("ee"));
        assert!(Level::Paragraph.fits("12"));
        assert!(!Level::Paragraph.fits("012"));
        assert!(Level::Paragraph.fits("0"));
        assert!(!Level::Paragraph.fits("1234"));
        assert!(!Level::Paragraph.fits(""));
        assert!(Level::Subparagraph.fits("I"));
        assert!(!Level::Subparagraph.fits("g"));
        assert!(Level::Clause.fits("iv"));
        assert!(Level::Clause.fits("x"));
        assert!(!Level::Clause.fits("iiii"));
        assert!(!Level::Clause.fits("IV"));
        assert!(!Level::Clause.fits("c"));
        assert!(Level::Subclause.fits("IV"));
        assert!(!Level::Subclause.fits("iv"));
        assert!(!Level::Subclause.fits("IIV"));
    }

    #[test]
    fn levels_and_depths_agree() {
        for depth in 1..=MAX_DEPTH {
            assert_eq!(Level::at_depth(depth).map(Level::depth), Some(depth));
        }
        assert_eq!(Level::at_depth(0), None);
        assert_eq!(Level::at_depth(6), None);
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(1), "i");
        assert_eq!(roman(4), "iv");
        assert_eq!(roman(9), "ix");
        assert_eq!(roman(14), "xiv");
        assert_eq!(roman(39), "xxxix");
    }

    #[test]
    fn children_descriptions() {
        let e = find(SUBSECTIONS, "e").unwrap().1;
        assert_eq!(describe_children(e.children, 2), "paragraphs (1) through (12)");
        let h = find(SUBSECTIONS, "h").unwrap().1;
        assert_eq!(describe_children(h.children, 2), "no numbered paragraphs");
        let m = find(SUBSECTIONS, "m").unwrap().1;
        assert_eq!(describe_children(m.children, 2), "paragraphs (1) and (2)");
        let e4 = find(e.children, "4").unwrap().1;
        assert_eq!(describe_children(e4.children, 3), "subparagraphs (A) through (I)");
        let e5 = find(e.children, "5").unwrap().1;
        assert_eq!(describe_children(e5.children, 3), "no subparagraphs");
        assert_eq!(describe_children(&[], 6), "no further subdivisions");
        assert_eq!(describe_children(SUBSECTIONS, 1), "subsections (a) through (w)");
    }
}
