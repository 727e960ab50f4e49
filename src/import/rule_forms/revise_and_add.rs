//! An instruction that both revises and adds paragraphs of a section (Document Drafting Handbook:
//! one instruction may combine the verbs), as the Department of Education amends 34 CFR 5b.11:
//! "Section 5b.11 is amended by revising paragraph (c)(1) and adding paragraph (c)(3) to read as
//! follows:", or in the imperative, "Amend § 5b.11 by revising paragraph (c)(1) and adding
//! paragraph (c)(3) to read as follows:".

use std::sync::LazyLock;

use regex::Regex;

use super::section::SectionAmendment;
use crate::model::Amendment;

/// "Section 5b.11 is amended by revising paragraph (c)(1) and adding paragraph (c)(3) to read as
/// follows:", "Amend § 5b.11 by revising paragraphs (c)(1) and (2) and adding paragraph (c)(3)
/// ..." ("Sec." in the GPO text edition).
static REVISE_AND_ADD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\d{1,2}\.\s+(?:amend\s+(?:§|sec\.)\s*(?P<s1>\d+[a-z]?\.[\w.-]*\w)|(?:section|§|sec\.)\s*(?P<s2>\d+[a-z]?\.[\w.-]*\w),?\s+is\s+(?:hereby\s+)?amended)\s+by\s+revising\s+paragraphs?\s+(?P<revised>.+?),?\s+and\s+(?:by\s+)?adding\s+(?:new\s+)?paragraphs?\s+(?P<added>.+?),?\s+to\s+read\s+as\s+follows:?$",
    )
    .expect("valid pattern")
});

/// A paragraph designation of one or more levels: "(c)(1)", "(3)".
static DESIGNATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:\((?:[a-z]{1,4}|\d{1,3})\))+").expect("valid pattern"));

/// The designations a list names, a bare lower level continuing the one before it as the CFR
/// writes lists: "(c)(1) and (2)" is "(c)(1)", "(c)(2)".
fn designations(list: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in DESIGNATION.find_iter(list) {
        let d = m.as_str();
        let levels = d.matches('(').count();
        let full = match out.last() {
            Some(prev) if levels == 1 && prev.matches('(').count() > 1 && same_kind(prev, d) => {
                let cut = prev.rfind('(').unwrap_or(0);
                format!("{}{d}", &prev[..cut])
            }
            _ => d.to_string(),
        };
        out.push(full);
    }
    out
}

/// Whether the last level of `prev` and the one level of `part` are both numbers or both letters.
fn same_kind(prev: &str, part: &str) -> bool {
    let last = prev.rsplit('(').next().unwrap_or("");
    let digit = |s: &str| s.chars().next().is_some_and(|c| c.is_ascii_digit());
    digit(last) == digit(part.trim_start_matches('('))
}

/// The section amendment a revise-and-add instruction states, if it is one: every paragraph it
/// names in `added` (revised first, in the order written) and the revised ones in `revised`.
pub(crate) fn read(instruction: &str) -> Option<SectionAmendment> {
    let c = REVISE_AND_ADD.captures(instruction.trim())?;
    let number = c.name("s1").or_else(|| c.name("s2"))?.as_str().to_string();
    let revised = designations(&c["revised"]);
    let added = designations(&c["added"]);
    if revised.is_empty() || added.is_empty() {
        return None;
    }
    Some(SectionAmendment {
        number,
        amendment: Amendment::ReviseAndAdd,
        added: revised.iter().chain(&added).cloned().collect(),
        paragraph: None,
        revised,
        paragraph_heading: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revising_and_adding() {
        let a = read(
            "2. Section 5b.11 is amended by revising paragraph (c)(1) and adding paragraph (c)(3) to read as follows:",
        )
        .unwrap();
        assert_eq!(a.number, "5b.11");
        assert_eq!(a.amendment, Amendment::ReviseAndAdd);
        assert_eq!(a.revised, ["(c)(1)"]);
        assert_eq!(a.added, ["(c)(1)", "(c)(3)"]);
        let a =
            read("3. Amend § 16.96 by revising paragraphs (b)(1) and (2) and adding paragraph (w) to read as follows:")
                .unwrap();
        assert_eq!(a.revised, ["(b)(1)", "(b)(2)"]);
        assert_eq!(a.added, ["(b)(1)", "(b)(2)", "(w)"]);
    }

    #[test]
    fn other_instructions_are_not_read() {
        assert!(read("2. Amend § 16.96 by adding paragraphs (w) and (x) to read as follows:").is_none());
        assert!(read("2. Section 5b.11 is amended by revising paragraph (c)(1) to read as follows:").is_none());
        assert!(read("2. Add paragraph 75 to appendix C to part 5 to read as follows:").is_none());
    }
}
