//! The parenthetical headings agencies print after a citation in an exemption justification:
//! "(a) From subsection (c)(3) and (4) (Accounting for Disclosures) because …".
//!
//! The Privacy Act prescribes no such headings. What agencies use is convention: DHS (6 CFR part 5,
//! appendix C) uses a fixed vocabulary, much of it the US Code heading of the subsection; DoD's
//! exemption table uses short descriptive labels. A linter can accept any of them and prefer the
//! first.

use super::{Subsection, cite};

/// How far a conventional heading reaches.
#[derive(Clone, Copy)]
enum Scope {
    /// The citation itself only.
    Exact,
    /// The citation and every part of it: "(d)(1) (Access to Records)".
    Within,
}

/// A heading convention for one citation, most conventional heading first.
struct Convention {
    citation: Subsection,
    scope: Scope,
    headings: &'static [&'static str],
}

const ACCOUNTING: &[&str] = &["Accounting for Disclosures", "Accounting of Certain Disclosures"];
const AGENCY_REQUIREMENTS: &[&str] = &["Agency Requirements"];

/// The DHS vocabulary. Where DHS departs from the US Code heading, the Code heading follows as an
/// accepted alternative; for (d), (e)(4)(G)–(I), (f) and (g) the two are the same.
const DHS: &[Convention] = &[
    Convention { citation: cite!("c", "3"), scope: Scope::Exact, headings: ACCOUNTING },
    Convention { citation: cite!("c", "4"), scope: Scope::Exact, headings: ACCOUNTING },
    Convention { citation: cite!("d"), scope: Scope::Within, headings: &["Access to Records"] },
    Convention {
        citation: cite!("e", "1"),
        scope: Scope::Exact,
        headings: &["Relevancy and Necessity of Information", "Agency Requirements"],
    },
    Convention {
        citation: cite!("e", "2"),
        scope: Scope::Exact,
        headings: &["Collection of Information from Individuals", "Agency Requirements"],
    },
    Convention {
        citation: cite!("e", "3"),
        scope: Scope::Exact,
        headings: &["Notice to Subjects", "Agency Requirements"],
    },
    Convention { citation: cite!("e", "4", "G"), scope: Scope::Exact, headings: AGENCY_REQUIREMENTS },
    Convention { citation: cite!("e", "4", "H"), scope: Scope::Exact, headings: AGENCY_REQUIREMENTS },
    Convention { citation: cite!("e", "4", "I"), scope: Scope::Exact, headings: AGENCY_REQUIREMENTS },
    Convention {
        citation: cite!("e", "5"),
        scope: Scope::Exact,
        headings: &["Collection of Information", "Agency Requirements"],
    },
    Convention {
        citation: cite!("e", "8"),
        scope: Scope::Exact,
        headings: &["Notice on Individuals", "Agency Requirements"],
    },
    Convention {
        citation: cite!("e", "12"),
        scope: Scope::Exact,
        headings: &["Computer Matching", "Agency Requirements"],
    },
    Convention { citation: cite!("f"), scope: Scope::Within, headings: &["Agency Rules"] },
    Convention { citation: cite!("g"), scope: Scope::Exact, headings: &["Civil Remedies"] },
    Convention { citation: cite!("g", "1"), scope: Scope::Exact, headings: &["Civil Remedies"] },
];

/// The DoD exemption table's short labels for the provisions it lists.
const DOD_LABELS: &[(Subsection, &str)] = &[
    (cite!("c", "3"), "Making disclosure accounting available to the individual"),
    (cite!("c", "4"), "Informing prior recipients of corrections"),
    (cite!("d", "1"), "Individual access to records"),
    (cite!("d", "2"), "Amending records"),
    (cite!("d", "3"), "Review of refusal to amend"),
    (cite!("d", "4"), "Disclosure of disputed information"),
    (cite!("d", "5"), "Access to information compiled in anticipation of civil action"),
    (cite!("e", "1"), "Restrictions on collecting information"),
    (cite!("e", "2"), "Collecting directly from the individual"),
    (cite!("e", "3"), "Informing individuals from whom information is requested"),
    (cite!("e", "4", "G"), "Procedures for determining if a system contains a record on an individual"),
    (cite!("e", "4", "H"), "Procedures for gaining access"),
    (cite!("e", "4", "I"), "Describing categories of information sources"),
    (cite!("e", "5"), "Standards of accuracy"),
];

/// The parenthetical headings agencies use for `citation` in an exemption justification, most
/// conventional first; never empty.
///
/// From the DHS vocabulary where it covers the citation ("Relevancy and Necessity of Information"
/// for (e)(1)), always followed or replaced by the US Code heading of the citation's subsection,
/// which is accepted everywhere ("Accounting of Certain Disclosures" for (c)(3), "Definitions"
/// for (a)(1)).
pub fn conventional_headings(citation: &Subsection) -> &'static [&'static str] {
    DHS.iter()
        .find(|c| match c.scope {
            Scope::Exact => c.citation == *citation,
            Scope::Within => c.citation.contains(citation),
        })
        .map_or_else(|| citation.heading_list(), |c| c.headings)
}

/// The DoD exemption table's short descriptive label for `citation`, usable as an alternative
/// heading: "Making disclosure accounting available to the individual" for (c)(3). Only the
/// provisions that table lists have one.
pub fn short_label(citation: &Subsection) -> Option<&'static str> {
    DOD_LABELS.iter().find(|(c, _)| c == citation).map(|(_, label)| *label)
}

#[cfg(test)]
mod tests {
    use super::super::subsection::every_citation;
    use super::*;

    fn s(text: &str) -> Subsection {
        Subsection::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn first(text: &str) -> &'static str {
        conventional_headings(&s(text)).first().copied().unwrap_or("")
    }

    #[test]
    fn dhs_vocabulary_comes_first() {
        assert_eq!(first("(c)(3)"), "Accounting for Disclosures");
        assert_eq!(first("(c)(4)"), "Accounting for Disclosures");
        assert_eq!(first("(d)"), "Access to Records");
        assert_eq!(first("(d)(1)"), "Access to Records");
        assert_eq!(first("(d)(2)(B)(i)"), "Access to Records");
        assert_eq!(first("(e)(1)"), "Relevancy and Necessity of Information");
        assert_eq!(first("(e)(2)"), "Collection of Information from Individuals");
        assert_eq!(first("(e)(3)"), "Notice to Subjects");
        assert_eq!(first("(e)(4)(G)"), "Agency Requirements");
        assert_eq!(first("(e)(4)(H)"), "Agency Requirements");
        assert_eq!(first("(e)(4)(I)"), "Agency Requirements");
        assert_eq!(first("(e)(5)"), "Collection of Information");
        assert_eq!(first("(e)(8)"), "Notice on Individuals");
        assert_eq!(first("(e)(12)"), "Computer Matching");
        assert_eq!(first("(f)"), "Agency Rules");
        assert_eq!(first("(f)(3)"), "Agency Rules");
        assert_eq!(first("(g)"), "Civil Remedies");
        assert_eq!(first("(g)(1)"), "Civil Remedies");
    }

    #[test]
    fn us_code_heading_is_always_accepted() {
        assert_eq!(
            conventional_headings(&s("(c)(3)")),
            ["Accounting for Disclosures", "Accounting of Certain Disclosures"]
        );
        assert_eq!(
            conventional_headings(&s("(e)(1)")),
            ["Relevancy and Necessity of Information", "Agency Requirements"]
        );
        assert_eq!(conventional_headings(&s("(d)")), ["Access to Records"]);
        for citation in every_citation() {
            let headings = conventional_headings(&citation);
            assert!(headings.contains(&citation.heading()), "{citation}: {headings:?}");
        }
    }

    #[test]
    fn provisions_outside_the_vocabulary_get_the_code_heading() {
        assert_eq!(conventional_headings(&s("(c)(1)")), ["Accounting of Certain Disclosures"]);
        assert_eq!(conventional_headings(&s("(c)")), ["Accounting of Certain Disclosures"]);
        assert_eq!(conventional_headings(&s("(e)(3)(A)")), ["Agency Requirements"]);
        assert_eq!(conventional_headings(&s("(e)(4)")), ["Agency Requirements"]);
        assert_eq!(conventional_headings(&s("(g)(2)")), ["Civil Remedies"]);
        assert_eq!(conventional_headings(&s("(h)")), ["Rights of Legal Guardians"]);
        assert_eq!(conventional_headings(&s("(a)(8)(B)(iv)(I)")), ["Definitions"]);
    }

    #[test]
    fn dod_short_labels() {
        assert_eq!(short_label(&s("(c)(3)")), Some("Making disclosure accounting available to the individual"));
        assert_eq!(short_label(&s("(c)(4)")), Some("Informing prior recipients of corrections"));
        assert_eq!(short_label(&s("(d)(1)")), Some("Individual access to records"));
        assert_eq!(short_label(&s("(d)(5)")), Some("Access to information compiled in anticipation of civil action"));
        assert_eq!(short_label(&s("(e)(3)")), Some("Informing individuals from whom information is requested"));
        assert_eq!(
            short_label(&s("(e)(4)(G)")),
            Some("Procedures for determining if a system contains a record on an individual")
        );
        assert_eq!(short_label(&s("(e)(4)(I)")), Some("Describing categories of information sources"));
        assert_eq!(short_label(&s("(e)(5)")), Some("Standards of accuracy"));
        assert_eq!(DOD_LABELS.len(), 14);
        assert_eq!(short_label(&s("(d)")), None);
        assert_eq!(short_label(&s("(e)(8)")), None);
        assert_eq!(short_label(&s("(g)")), None);
    }
}
