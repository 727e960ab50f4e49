//! A rule that amends a CFR section (DOJ 28 CFR part 16 subpart E, VA 38 CFR 1.582, DoD 32 CFR
//! part 310): "Amend § 16.135 by adding paragraphs (g) and (h) to read as follows:", then the
//! section heading and the system's paragraph.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Amendment;

/// "Amend § 16.135 by adding paragraphs (g) and (h) to read as follows:", "Revise § 16.135 to read
/// as follows:", "Add § 310.52 to read as follows:", "Section 16.135 is amended by adding paragraph
/// (g) to read as follows:", "§ 16.135 is revised to read as follows:" ("Sec. 16.96" in the GPO
/// text edition).
static SECTION_INSTRUCTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\d{1,2}\.\s+(?:(?P<verb>amend|revise|add)\s+(?:§|sec\.)\s*(?P<s1>\d+[a-z]?\.[\w.-]*\w)|(?:section|§|sec\.)\s*(?P<s2>\d+[a-z]?\.[\w.-]*\w),?\s+is\s+(?:hereby\s+)?(?P<pverb>amended|revised|added))(?:\s+by\s+adding\s+(?:new\s+)?paragraphs?\s+(?P<paras>.+?))?,?\s+to\s+read\s+as\s+follows:?$",
    )
    .expect("valid pattern")
});
/// "§ 16.135 Exemption of Civil Rights Division Systems—limited access." (or the number alone, as
/// FR XML's SECTNO gives it before the SUBJECT; the GPO text edition prints "Sec." for "§").
pub(crate) static SECTION_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:§|Sec\.)\s*(\d+[a-z]?\.[\w.-]*\w)(?:\s+(.+?))?\.?$").expect("valid pattern"));

/// A paragraph that opens with two designations, the outer one's heading (or its three stars) between them: "(c) Specific exemptions. (1) ", "(c) * * * (1) ".
static NESTED_OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\((?:[a-z]{1,4}|\d{1,3})\))\s+(?:\*\s*\*\s*\*\s+|(?P<heading>[^()*]{1,120}?[.:])\s+)?(\((?:[a-z]{1,4}|\d{1,3})\))\s+")
        .expect("valid pattern")
});

/// The opening of a nested paragraph as the CFR prints it: the outer designation, its heading
/// when it has one, the inner designation.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct NestedOpening {
    /// The designation of the nested paragraph, both levels: "(c)(1)".
    pub(crate) designation: String,
    /// The outer paragraph's heading: "Specific exemptions.".
    pub(crate) heading: Option<String>,
    /// Bytes of the opening, up to the text of the nested paragraph.
    pub(crate) len: usize,
}

/// "(c) Specific exemptions. (1) Pursuant to ..." opens paragraph (c)(1) under the heading
/// "Specific exemptions.".
pub(crate) fn nested_opening(reading: &str) -> Option<NestedOpening> {
    let c = NESTED_OPENING.captures(reading)?;
    Some(NestedOpening {
        designation: format!("{}{}", &c[1], &c[3]),
        heading: c.name("heading").map(|h| h.as_str().trim().to_string()),
        len: c[0].len(),
    })
}

/// A section amendment as its instruction states it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SectionAmendment {
    /// "16.135".
    pub(crate) number: String,
    /// The verb.
    pub(crate) amendment: Amendment,
    /// The paragraphs it adds, in order: ["(g)", "(h)"] (empty when it adds or revises the section).
    pub(crate) added: Vec<String>,
    /// The designation of the system's paragraph, once found.
    pub(crate) paragraph: Option<String>,
    /// The paragraphs it revises, when it revises some and adds others ("revising paragraph (c)(1)
    /// and adding paragraph (c)(3)"); they are among `added`, which lists every paragraph named.
    pub(crate) revised: Vec<String>,
    /// The heading of the paragraph the system's nested paragraph stands in ("(c) *Specific
    /// exemptions.* (1) ..."), once found.
    pub(crate) paragraph_heading: Option<String>,
}

impl SectionAmendment {
    fn from_captures(c: &regex::Captures<'_>) -> SectionAmendment {
        let number = c.name("s1").or_else(|| c.name("s2")).map_or("", |m| m.as_str()).to_string();
        let verb = c.name("verb").or_else(|| c.name("pverb")).map_or("", |m| m.as_str()).to_lowercase();
        let added: Vec<String> = c
            .name("paras")
            .map(|m| {
                static PARA: LazyLock<Regex> =
                    LazyLock::new(|| Regex::new(r"\((?:[a-z]{1,4}|\d{1,3})\)").expect("valid pattern"));
                PARA.find_iter(m.as_str()).map(|p| p.as_str().to_string()).collect()
            })
            .unwrap_or_default();
        let amendment = match verb.as_str() {
            "revise" | "revised" => Amendment::Revise,
            "add" | "added" => Amendment::Add,
            _ => Amendment::AmendByAdding,
        };
        SectionAmendment { number, amendment, added, paragraph: None, revised: Vec::new(), paragraph_heading: None }
    }

    /// The section amendment an instruction states, if it is one.
    pub(crate) fn read(instruction: &str) -> Option<Self> {
        SECTION_INSTRUCTION.captures(instruction).map(|c| Self::from_captures(&c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amendment(text: &str) -> Option<SectionAmendment> {
        SectionAmendment::read(text)
    }

    #[test]
    fn section_instructions() {
        let a = amendment("2. Amend § 16.135 by adding paragraphs (g) and (h) to read as follows:").unwrap();
        assert_eq!(a.number, "16.135");
        assert_eq!(a.amendment, Amendment::AmendByAdding);
        assert_eq!(a.added, ["(g)", "(h)"]);
        let a = amendment("3. Revise § 310.52 to read as follows:").unwrap();
        assert_eq!((a.number.as_str(), a.amendment), ("310.52", Amendment::Revise));
        assert!(a.added.is_empty());
        let a = amendment("2. Add § 1.36a to read as follows:").unwrap();
        assert_eq!((a.number.as_str(), a.amendment), ("1.36a", Amendment::Add));
        let a = amendment("2. Section 16.96 is amended by adding paragraph (w), to read as follows:").unwrap();
        assert_eq!((a.number.as_str(), a.amendment), ("16.96", Amendment::AmendByAdding));
        assert_eq!(a.added, ["(w)"]);
        let a = amendment("2. Section 5b.11 is amended by adding paragraph (c)(3) to read as follows:").unwrap();
        assert_eq!((a.number.as_str(), a.added.as_slice()), ("5b.11", ["(c)", "(3)"].map(String::from).as_slice()));
        let a = amendment("2. Section 16.75 is revised to read as follows:").unwrap();
        assert_eq!(a.amendment, Amendment::Revise);
        assert!(amendment("2. Add paragraph 75 to appendix C to part 5 to read as follows:").is_none());
        assert!(amendment("2. Amend § 16.96 by revising paragraph (b) to read as follows:").is_none());
    }

    #[test]
    fn nested_openings() {
        let o = nested_opening("(c) Specific exemptions. (1) Pursuant to 5 U.S.C. 552a(j)(2), the").unwrap();
        assert_eq!(o.designation, "(c)(1)");
        assert_eq!(o.heading.as_deref(), Some("Specific exemptions."));
        assert_eq!(&"(c) Specific exemptions. (1) Pursuant"[o.len..], "Pursuant");
        let o = nested_opening("(b) * * * (3) The reasons").unwrap();
        assert_eq!((o.designation.as_str(), o.heading), ("(b)(3)", None));
        assert_eq!(nested_opening("(c) Pursuant to 5 U.S.C. 552a(j)(2), the system (ID) is"), None);
    }
}
