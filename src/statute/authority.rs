//! [`Authority`]: the grounds on which an agency may exempt a system of records from parts of the
//! Privacy Act, 5 U.S.C. 552a(j) and (k), and what each ground may reach.

use std::fmt;
use std::str::FromStr;

use super::citation_list::join_serial;
use super::{CitationError, Subsection, cite};

/// An exemption ground: a general exemption under 552a(j) or a specific one under 552a(k).
///
/// Variants are in statute order, so sorting authorities sorts them as the Act lists them. Prints
/// and serializes as its citation, `(j)(2)`; parses from `(j)(2)` or `552a(j)(2)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Authority {
    /// 552a(j)(1): systems maintained by the Central Intelligence Agency.
    J1,
    /// 552a(j)(2): criminal law enforcement records of an agency or component whose principal
    /// function is criminal law enforcement.
    J2,
    /// 552a(k)(1): classified material, as under 5 U.S.C. 552(b)(1).
    K1,
    /// 552a(k)(2): investigatory material compiled for law enforcement, other than under (j)(2).
    K2,
    /// 552a(k)(3): protective services for the President and others, 18 U.S.C. 3056.
    K3,
    /// 552a(k)(4): records required by statute to be used only as statistical records.
    K4,
    /// 552a(k)(5): suitability and clearance investigations, to protect confidential sources.
    K5,
    /// 552a(k)(6): testing and examination material for Federal appointment or promotion.
    K6,
    /// 552a(k)(7): armed services promotion evaluations, to protect confidential sources.
    K7,
}

/// The only provisions a specific exemption may reach. 552a(k) lets an agency exempt a system
/// "from subsections (c)(3), (d), (e)(1), (e)(4)(G), (H), and (I) and (f) of this section", and
/// from nothing else.
const EXEMPTABLE_UNDER_K: &[Subsection] = &[
    cite!("c", "3"),
    cite!("d"),
    cite!("e", "1"),
    cite!("e", "4", "G"),
    cite!("e", "4", "H"),
    cite!("e", "4", "I"),
    cite!("f"),
];

/// The provisions a general exemption may not reach. 552a(j) lets an agency exempt a system "from
/// any part of this section except subsections (b), (c)(1) and (2), (e)(4)(A) through (F), (e)(6),
/// (7), (9), (10), and (11), and (i)".
const NOT_EXEMPTABLE_UNDER_J: &[Subsection] = &[
    cite!("b"),
    cite!("c", "1"),
    cite!("c", "2"),
    cite!("e", "4", "A"),
    cite!("e", "4", "B"),
    cite!("e", "4", "C"),
    cite!("e", "4", "D"),
    cite!("e", "4", "E"),
    cite!("e", "4", "F"),
    cite!("e", "6"),
    cite!("e", "7"),
    cite!("e", "9"),
    cite!("e", "10"),
    cite!("e", "11"),
    cite!("i"),
];

const BASIS_J: &str = "5 U.S.C. 552a(j): a general exemption may reach any part of the section except \
                       subsections (b), (c)(1) and (2), (e)(4)(A) through (F), (e)(6), (7), (9), (10), \
                       and (11), and (i)";
const BASIS_K: &str = "5 U.S.C. 552a(k): a specific exemption may reach only subsections (c)(3), (d), \
                       (e)(1), (e)(4)(G), (H), and (I), and (f)";

impl Authority {
    /// Every authority, in statute order.
    pub const ALL: [Authority; 9] = [
        Authority::J1,
        Authority::J2,
        Authority::K1,
        Authority::K2,
        Authority::K3,
        Authority::K4,
        Authority::K5,
        Authority::K6,
        Authority::K7,
    ];

    /// The authority's citation: `(j)(2)` for [`Authority::J2`].
    pub fn citation(&self) -> Subsection {
        match self {
            Authority::J1 => cite!("j", "1"),
            Authority::J2 => cite!("j", "2"),
            Authority::K1 => cite!("k", "1"),
            Authority::K2 => cite!("k", "2"),
            Authority::K3 => cite!("k", "3"),
            Authority::K4 => cite!("k", "4"),
            Authority::K5 => cite!("k", "5"),
            Authority::K6 => cite!("k", "6"),
            Authority::K7 => cite!("k", "7"),
        }
    }

    /// Parses `(j)(2)` or `552a(k)(1)`, with surrounding whitespace.
    ///
    /// # Errors
    ///
    /// Any error of [`Subsection::parse`], and
    /// [`CitationErrorKind::NotAnAuthority`](super::CitationErrorKind::NotAnAuthority) for a real
    /// citation that is not an exemption ground, such as `(e)(4)`, `(j)` or `(j)(2)(A)`.
    pub fn parse(s: &str) -> Result<Authority, CitationError> {
        let citation = Subsection::parse(s)?;
        if let Some(authority) = Authority::ALL.into_iter().find(|a| a.citation() == citation) {
            return Ok(authority);
        }
        let help = if citation == cite!("j") {
            "cite a paragraph of (j): (j)(1) for the Central Intelligence Agency or (j)(2) for \
             criminal law enforcement"
                .to_owned()
        } else if citation == cite!("k") {
            "cite a paragraph of (k): (k)(1) through (k)(7)".to_owned()
        } else if let Some(ground) = Authority::ALL.into_iter().find(|a| a.citation().contains(&citation)) {
            format!(
                "cite {} itself: {citation} describes records that ground covers, not a separate ground",
                ground.citation()
            )
        } else {
            "the exemption authorities are (j)(1), (j)(2), and (k)(1) through (k)(7)".to_owned()
        };
        let start = s.len() - s.trim_start().len();
        Err(CitationError::not_an_authority(s, start..s.trim_end().len(), citation, help))
    }

    /// Whether this is a general exemption, 552a(j).
    pub fn is_general(&self) -> bool {
        matches!(self, Authority::J1 | Authority::J2)
    }

    /// Whether this is a specific exemption, 552a(k).
    pub fn is_specific(&self) -> bool {
        !self.is_general()
    }

    /// One line on what records the ground covers, paraphrasing the statute.
    pub fn description(&self) -> &'static str {
        match self {
            Authority::J1 => "records maintained by the Central Intelligence Agency",
            Authority::J2 => {
                "records of an agency or component whose principal function is criminal law \
                 enforcement: identification data on offenders, criminal investigation files, and \
                 reports from arrest or indictment through release from supervision"
            }
            Authority::K1 => {
                "classified national defense or foreign policy information, material subject to \
                 5 U.S.C. 552(b)(1)"
            }
            Authority::K2 => {
                "investigatory material compiled for law enforcement purposes, other than material within (j)(2)"
            }
            Authority::K3 => {
                "records maintained in connection with protective services for the President and \
                 others under 18 U.S.C. 3056"
            }
            Authority::K4 => "records required by statute to be maintained and used solely as statistical records",
            Authority::K5 => {
                "investigatory material compiled solely to determine suitability, eligibility, or \
                 qualifications for Federal civilian employment, military service, Federal \
                 contracts, or access to classified information, to the extent disclosure would \
                 reveal a confidential source"
            }
            Authority::K6 => {
                "testing or examination material used solely to determine qualifications for \
                 appointment or promotion in the Federal service, where disclosure would \
                 compromise the objectivity or fairness of the process"
            }
            Authority::K7 => {
                "evaluation material used to determine potential for promotion in the armed \
                 services, to the extent disclosure would reveal a confidential source"
            }
        }
    }

    /// The only provisions a specific exemption, 552a(k), may reach: (c)(3), (d), (e)(1),
    /// (e)(4)(G), (e)(4)(H), (e)(4)(I) and (f). Any part of (d) or (f) is covered too.
    pub fn exemptable_under_k() -> &'static [Subsection] {
        EXEMPTABLE_UNDER_K
    }

    /// The provisions a general exemption, 552a(j), may not reach: (b), (c)(1), (c)(2),
    /// (e)(4)(A)–(F), (e)(6), (e)(7), (e)(9), (e)(10), (e)(11) and (i). Any part of (b) or (i) is
    /// excluded too.
    pub fn not_exemptable_under_j() -> &'static [Subsection] {
        NOT_EXEMPTABLE_UNDER_J
    }

    /// Whether a rule under this authority may exempt a system from `claimed`, and if not, why.
    ///
    /// Containment counts both ways. Claiming a part claims everything in it, so (e)(4) is
    /// forbidden under (k) because it includes (e)(4)(A)–(F), and (e) is forbidden under (j)
    /// because it includes (e)(6). A part of an excluded provision is excluded with it, so (b)(3)
    /// is forbidden under (j); a part of a listed provision is covered by it, so (d)(1) is allowed
    /// under (k).
    pub fn may_exempt(&self, claimed: &Subsection) -> Exemptability {
        let conflicts = self.conflicts(claimed);
        if conflicts.is_empty() {
            return Exemptability::Allowed;
        }
        let reason = self.reason(claimed, &conflicts);
        let help = self.help(claimed);
        Exemptability::Forbidden(Forbidden {
            authority: *self,
            claimed: *claimed,
            conflicts,
            reason,
            basis: if self.is_general() { BASIS_J } else { BASIS_K },
            help,
        })
    }

    /// The largest parts of `claimed` this authority may exempt from, in statute order:
    /// `claimed` itself when allowed, `(e)(4)(G)`, `(e)(4)(H)`, `(e)(4)(I)` for `(e)(4)` under
    /// (k), nothing for `(b)` under (j).
    pub fn exemptable_parts(&self, claimed: &Subsection) -> Vec<Subsection> {
        if self.conflicts(claimed).is_empty() {
            return vec![*claimed];
        }
        claimed.children().flat_map(|part| self.exemptable_parts(&part)).collect()
    }

    /// The provisions that keep `claimed` from being exempted, in statute order; empty when it
    /// may be.
    fn conflicts(&self, claimed: &Subsection) -> Vec<Subsection> {
        if self.is_general() {
            NOT_EXEMPTABLE_UNDER_J
                .iter()
                .filter(|excluded| excluded.contains(claimed) || claimed.contains(excluded))
                .copied()
                .collect()
        } else {
            outside_k(claimed)
        }
    }

    fn reason(&self, claimed: &Subsection, conflicts: &[Subsection]) -> String {
        let kind = if self.is_general() { "general" } else { "specific" };
        let law = if self.is_general() { "552a(j)" } else { "552a(k)" };
        let head = format!("a {kind} exemption under 5 U.S.C. 552a{self} cannot reach");
        match conflicts {
            [only] if only == claimed => {
                if self.is_general() {
                    format!("{head} {claimed}: {law} excludes it from general exemption")
                } else {
                    format!(
                        "{head} {claimed}: {law} does not list it among the provisions a specific exemption may reach"
                    )
                }
            }
            [only] if only.contains(claimed) => {
                format!("{head} {claimed}: {law} excludes all of {only} from general exemption")
            }
            _ => {
                let parts = list_text(conflicts);
                if self.is_general() {
                    format!("{head} all of {claimed}: it includes {parts}, which {law} excludes from general exemption")
                } else {
                    format!("{head} all of {claimed}: it includes {parts}, which {law} does not list")
                }
            }
        }
    }

    fn help(&self, claimed: &Subsection) -> String {
        let mut help = Vec::new();
        let parts = self.exemptable_parts(claimed);
        if !parts.is_empty() {
            help.push(format!("claim only the parts {self} may reach: {}", list_text(&parts)));
        }
        if self.is_general() {
            help.push(format!("{self} may exempt from any provision except {}", list_text(NOT_EXEMPTABLE_UNDER_J)));
        } else {
            help.push(format!("{self} may exempt only from {}", list_text(EXEMPTABLE_UNDER_K)));
            if Authority::J2.conflicts(claimed).is_empty() {
                help.push(format!(
                    "{claimed} can be exempted only by a general exemption under (j), such as (j)(2) \
                     for a criminal law enforcement component"
                ));
            }
        }
        help.join("; ")
    }
}

/// A list of provisions as running text, each spelled out: "(c)(1), (c)(2), and (c)(4)". Plain
/// commas keep it readable inside a help text whose clauses are separated by semicolons.
fn list_text(citations: &[Subsection]) -> String {
    let items: Vec<String> = citations.iter().map(ToString::to_string).collect();
    join_serial(&items)
}

/// The parts of `claimed` outside every provision (k) lists, as few and as large as possible:
/// `[(c)(4)]` for (c)(4), `[(c)(1), (c)(2), (c)(4)]` for (c), `[(e)(4)(A) … (e)(4)(F)]` for (e)(4).
fn outside_k(claimed: &Subsection) -> Vec<Subsection> {
    if EXEMPTABLE_UNDER_K.iter().any(|listed| listed.contains(claimed)) {
        return Vec::new();
    }
    if !EXEMPTABLE_UNDER_K.iter().any(|listed| claimed.contains(listed)) {
        return vec![*claimed];
    }
    claimed.children().flat_map(|part| outside_k(&part)).collect()
}

/// Whether an authority may exempt a system from a provision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exemptability {
    /// The authority may reach the provision.
    Allowed,
    /// The statute does not let the authority reach the provision.
    Forbidden(Forbidden),
}

impl Exemptability {
    /// Whether the exemption is allowed.
    pub fn is_allowed(&self) -> bool {
        matches!(self, Exemptability::Allowed)
    }

    /// The reasons, when it is forbidden.
    pub fn forbidden(&self) -> Option<&Forbidden> {
        match self {
            Exemptability::Allowed => None,
            Exemptability::Forbidden(forbidden) => Some(forbidden),
        }
    }
}

/// Why an authority may not exempt a system from a provision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forbidden {
    /// The authority claimed.
    pub authority: Authority,
    /// The provision claimed.
    pub claimed: Subsection,
    /// The provisions that make the claim forbidden, in statute order. Under (j), the excluded
    /// provisions the claim overlaps (`(b)` for a claim of `(b)(3)`; `(e)(4)(A)`…`(e)(11)` for
    /// `(e)`). Under (k), the parts of the claim outside the closed list (`(c)(4)` for `(c)(4)`;
    /// `(e)(4)(A)`…`(e)(4)(F)` for `(e)(4)`).
    pub conflicts: Vec<Subsection>,
    /// One sentence: what is wrong with the claim.
    pub reason: String,
    /// The statutory basis of the rule, quoting the list in 552a(j) or 552a(k).
    pub basis: &'static str,
    /// What the authority may exempt from instead, starting with the parts of the claim it may
    /// reach, if any.
    pub help: String,
}

impl fmt::Display for Forbidden {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl fmt::Display for Authority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.citation(), f)
    }
}

impl FromStr for Authority {
    type Err = CitationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Authority::parse(s)
    }
}

impl serde::Serialize for Authority {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Authority {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Authority::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::super::CitationErrorKind;
    use super::super::subsection::every_citation;
    use super::*;

    fn s(text: &str) -> Subsection {
        Subsection::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn allowed(authority: Authority, text: &str) -> bool {
        authority.may_exempt(&s(text)).is_allowed()
    }

    fn forbidden(authority: Authority, text: &str) -> Forbidden {
        match authority.may_exempt(&s(text)) {
            Exemptability::Allowed => panic!("{authority} may exempt from {text}"),
            Exemptability::Forbidden(f) => f,
        }
    }

    fn list(items: &[Subsection]) -> Vec<String> {
        items.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn parses_and_prints_every_authority() {
        for authority in Authority::ALL {
            let text = authority.to_string();
            assert_eq!(Authority::parse(&text), Ok(authority));
            assert_eq!(format!("552a{text}").parse::<Authority>(), Ok(authority));
        }
        assert_eq!(Authority::J2.to_string(), "(j)(2)");
        assert_eq!(Authority::K7.to_string(), "(k)(7)");
        assert_eq!(Authority::parse(" 552a(k)(2) "), Ok(Authority::K2));
    }

    #[test]
    fn rejects_unparenthesized_forms() {
        for text in ["j2", "k(2)", "(J)(2)", "5 U.S.C. 552a(j)(2)", "(j) (2)", ""] {
            assert!(Authority::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn rejects_citations_that_are_not_grounds() {
        let e = Authority::parse("(e)(4)").unwrap_err();
        assert_eq!(e.to_string(), "(e)(4) is not a Privacy Act exemption authority");
        assert_eq!(
            e.help().as_deref(),
            Some("the exemption authorities are (j)(1), (j)(2), and (k)(1) through (k)(7)")
        );
        assert!(matches!(e.kind(), CitationErrorKind::NotAnAuthority { .. }));
        let e = Authority::parse("(j)").unwrap_err();
        assert!(e.help().unwrap_or_default().contains("(j)(1) for the Central Intelligence Agency"));
        let e = Authority::parse("(k)").unwrap_err();
        assert_eq!(e.help().as_deref(), Some("cite a paragraph of (k): (k)(1) through (k)(7)"));
        let e = Authority::parse("(j)(2)(A)").unwrap_err();
        assert!(e.help().unwrap_or_default().starts_with("cite (j)(2) itself"));
        let e = Authority::parse("  (d) ").unwrap_err();
        assert_eq!(e.span(), 2..5);
    }

    #[test]
    fn nonexistent_grounds_say_what_exists() {
        let e = Authority::parse("(k)(8)").unwrap_err();
        assert_eq!(e.help().as_deref(), Some("5 U.S.C. 552a(k) has paragraphs (1) through (7)"));
        let e = Authority::parse("(j)(3)").unwrap_err();
        assert_eq!(e.help().as_deref(), Some("5 U.S.C. 552a(j) has paragraphs (1) and (2)"));
    }

    #[test]
    fn general_and_specific() {
        let general: Vec<Authority> = Authority::ALL.into_iter().filter(Authority::is_general).collect();
        assert_eq!(general, [Authority::J1, Authority::J2]);
        assert!(Authority::K1.is_specific());
        assert!(!Authority::J2.is_specific());
        for authority in Authority::ALL {
            assert!(!authority.description().is_empty());
            assert_ne!(authority.is_general(), authority.is_specific());
        }
        assert!(Authority::J1.description().contains("Central Intelligence Agency"));
        assert!(Authority::J2.description().contains("criminal law enforcement"));
        assert!(Authority::K1.description().contains("552(b)(1)"));
        assert!(Authority::K3.description().contains("3056"));
        assert!(Authority::K4.description().contains("statistical"));
    }

    #[test]
    fn authorities_sort_in_statute_order() {
        let mut all = vec![Authority::K2, Authority::J2, Authority::K1, Authority::J1];
        all.sort();
        assert_eq!(all, [Authority::J1, Authority::J2, Authority::K1, Authority::K2]);
    }

    #[test]
    fn serde_as_string() {
        assert_eq!(serde_json::to_string(&Authority::K2).unwrap(), "\"(k)(2)\"");
        assert_eq!(serde_json::from_str::<Authority>("\"(j)(2)\"").unwrap(), Authority::J2);
        let e = serde_json::from_str::<Authority>("\"(e)(4)\"").unwrap_err();
        assert!(e.to_string().contains("(e)(4) is not a Privacy Act exemption authority"), "{e}");
    }

    #[test]
    fn statutory_lists() {
        assert_eq!(
            list(Authority::exemptable_under_k()),
            ["(c)(3)", "(d)", "(e)(1)", "(e)(4)(G)", "(e)(4)(H)", "(e)(4)(I)", "(f)"]
        );
        assert_eq!(
            list(Authority::not_exemptable_under_j()),
            [
                "(b)",
                "(c)(1)",
                "(c)(2)",
                "(e)(4)(A)",
                "(e)(4)(B)",
                "(e)(4)(C)",
                "(e)(4)(D)",
                "(e)(4)(E)",
                "(e)(4)(F)",
                "(e)(6)",
                "(e)(7)",
                "(e)(9)",
                "(e)(10)",
                "(e)(11)",
                "(i)"
            ]
        );
    }

    #[test]
    fn k_reaches_only_its_closed_list() {
        for authority in Authority::ALL.into_iter().filter(Authority::is_specific) {
            for text in [
                "(c)(3)",
                "(d)",
                "(d)(1)",
                "(d)(2)",
                "(d)(2)(B)(ii)",
                "(d)(5)",
                "(e)(1)",
                "(e)(4)(G)",
                "(e)(4)(H)",
                "(e)(4)(I)",
                "(f)",
                "(f)(1)",
                "(f)(5)",
            ] {
                assert!(allowed(authority, text), "{authority} {text}");
            }
            for text in [
                "(c)(4)",
                "(e)(2)",
                "(e)(3)",
                "(e)(5)",
                "(e)(8)",
                "(e)(12)",
                "(g)",
                "(g)(1)",
                "(h)",
                "(b)",
                "(c)(1)",
                "(e)(4)(A)",
                "(i)",
                "(c)",
                "(e)",
                "(e)(4)",
            ] {
                assert!(!allowed(authority, text), "{authority} {text}");
            }
        }
    }

    #[test]
    fn j_reaches_all_but_its_exclusions() {
        for authority in [Authority::J1, Authority::J2] {
            for text in [
                "(c)(3)",
                "(c)(4)",
                "(d)",
                "(d)(1)",
                "(e)(1)",
                "(e)(2)",
                "(e)(3)",
                "(e)(3)(A)",
                "(e)(4)(G)",
                "(e)(4)(H)",
                "(e)(4)(I)",
                "(e)(5)",
                "(e)(8)",
                "(e)(12)",
                "(f)",
                "(g)",
                "(g)(1)",
                "(g)(1)(A)",
                "(h)",
                "(a)",
                "(w)",
            ] {
                assert!(allowed(authority, text), "{authority} {text}");
            }
            for text in [
                "(b)",
                "(b)(3)",
                "(b)(12)",
                "(c)(1)",
                "(c)(1)(A)",
                "(c)(2)",
                "(e)(4)(A)",
                "(e)(4)(F)",
                "(e)(6)",
                "(e)(7)",
                "(e)(9)",
                "(e)(10)",
                "(e)(11)",
                "(i)",
                "(i)(1)",
                "(e)",
                "(e)(4)",
                "(c)",
            ] {
                assert!(!allowed(authority, text), "{authority} {text}");
            }
        }
    }

    #[test]
    fn whole_e4_under_k_is_forbidden_by_its_first_six_parts() {
        let f = forbidden(Authority::K2, "(e)(4)");
        assert_eq!(list(&f.conflicts), ["(e)(4)(A)", "(e)(4)(B)", "(e)(4)(C)", "(e)(4)(D)", "(e)(4)(E)", "(e)(4)(F)"]);
        assert_eq!(
            f.reason,
            "a specific exemption under 5 U.S.C. 552a(k)(2) cannot reach all of (e)(4): it includes \
             (e)(4)(A), (e)(4)(B), (e)(4)(C), (e)(4)(D), (e)(4)(E), and (e)(4)(F), which 552a(k) does \
             not list"
        );
        assert!(f.help.starts_with("claim only the parts (k)(2) may reach: (e)(4)(G), (e)(4)(H), and (e)(4)(I); "));
        assert!(
            f.help.ends_with(
                "; (k)(2) may exempt only from (c)(3), (d), (e)(1), (e)(4)(G), (e)(4)(H), (e)(4)(I), and (f)"
            )
        );
        assert!(f.basis.starts_with("5 U.S.C. 552a(k)"));
        assert_eq!(f.authority, Authority::K2);
        assert_eq!(f.claimed, s("(e)(4)"));
        assert_eq!(f.to_string(), f.reason);
    }

    #[test]
    fn whole_c_under_k_is_forbidden_by_its_other_paragraphs() {
        let f = forbidden(Authority::K1, "(c)");
        assert_eq!(list(&f.conflicts), ["(c)(1)", "(c)(2)", "(c)(4)"]);
        assert!(f.help.starts_with("claim only the parts (k)(1) may reach: (c)(3);"), "{}", f.help);
    }

    #[test]
    fn c4_under_k_points_to_j() {
        let f = forbidden(Authority::K2, "(c)(4)");
        assert_eq!(list(&f.conflicts), ["(c)(4)"]);
        assert_eq!(
            f.reason,
            "a specific exemption under 5 U.S.C. 552a(k)(2) cannot reach (c)(4): 552a(k) does not list \
             it among the provisions a specific exemption may reach"
        );
        assert!(f.help.starts_with("(k)(2) may exempt only from"), "{}", f.help);
        assert!(f.help.contains("(c)(4) can be exempted only by a general exemption under (j)"));
    }

    #[test]
    fn b_under_k_has_no_hint_toward_j() {
        let f = forbidden(Authority::K2, "(b)");
        assert!(!f.help.contains("general exemption"), "{}", f.help);
    }

    #[test]
    fn whole_e_under_j_is_forbidden_by_its_excluded_parts() {
        let f = forbidden(Authority::J2, "(e)");
        assert_eq!(
            list(&f.conflicts),
            [
                "(e)(4)(A)",
                "(e)(4)(B)",
                "(e)(4)(C)",
                "(e)(4)(D)",
                "(e)(4)(E)",
                "(e)(4)(F)",
                "(e)(6)",
                "(e)(7)",
                "(e)(9)",
                "(e)(10)",
                "(e)(11)"
            ]
        );
        assert!(
            f.reason.starts_with("a general exemption under 5 U.S.C. 552a(j)(2) cannot reach all of (e): it includes")
        );
        assert!(f.reason.ends_with("which 552a(j) excludes from general exemption"));
        assert!(f.basis.starts_with("5 U.S.C. 552a(j)"));
        assert!(f.help.starts_with(
            "claim only the parts (j)(2) may reach: (e)(1), (e)(2), (e)(3), (e)(4)(G), (e)(4)(H), \
             (e)(4)(I), (e)(5), (e)(8), and (e)(12); "
        ));
        assert!(f.help.ends_with(
            "; (j)(2) may exempt from any provision except (b), (c)(1), (c)(2), (e)(4)(A), (e)(4)(B), \
             (e)(4)(C), (e)(4)(D), (e)(4)(E), (e)(4)(F), (e)(6), (e)(7), (e)(9), (e)(10), (e)(11), and (i)"
        ));
    }

    #[test]
    fn part_of_an_excluded_subsection_names_the_subsection() {
        let f = forbidden(Authority::J2, "(b)(3)");
        assert_eq!(list(&f.conflicts), ["(b)"]);
        assert_eq!(
            f.reason,
            "a general exemption under 5 U.S.C. 552a(j)(2) cannot reach (b)(3): 552a(j) excludes all of (b) \
             from general exemption"
        );
        assert!(f.help.starts_with("(j)(2) may exempt from any provision except"));
    }

    #[test]
    fn excluded_provision_itself() {
        let f = forbidden(Authority::J1, "(e)(11)");
        assert_eq!(list(&f.conflicts), ["(e)(11)"]);
        assert_eq!(
            f.reason,
            "a general exemption under 5 U.S.C. 552a(j)(1) cannot reach (e)(11): 552a(j) excludes it from \
             general exemption"
        );
    }

    #[test]
    fn exemptable_parts() {
        assert_eq!(list(&Authority::K2.exemptable_parts(&s("(d)"))), ["(d)"]);
        assert_eq!(list(&Authority::K2.exemptable_parts(&s("(e)"))), ["(e)(1)", "(e)(4)(G)", "(e)(4)(H)", "(e)(4)(I)"]);
        assert!(Authority::K2.exemptable_parts(&s("(g)")).is_empty());
        assert!(Authority::J2.exemptable_parts(&s("(b)")).is_empty());
        assert_eq!(list(&Authority::J2.exemptable_parts(&s("(c)"))), ["(c)(3)", "(c)(4)"]);
    }

    #[test]
    fn exemptability_accessors() {
        assert!(Authority::K2.may_exempt(&s("(d)")).forbidden().is_none());
        assert!(Authority::K2.may_exempt(&s("(g)")).forbidden().is_some());
        assert_eq!(Authority::J2.may_exempt(&s("(g)")), Exemptability::Allowed);
    }

    #[test]
    fn every_citation_under_every_authority_is_answered_consistently() {
        let all = every_citation();
        for authority in Authority::ALL {
            for claimed in &all {
                let answer = authority.may_exempt(claimed);
                // A part is allowed exactly when every part below it is.
                let children: Vec<Subsection> = claimed.children().collect();
                if !children.is_empty() {
                    let all_children = children.iter().all(|c| authority.may_exempt(c).is_allowed());
                    assert_eq!(answer.is_allowed(), all_children, "{authority} {claimed}");
                }
                if let Exemptability::Forbidden(f) = answer {
                    assert!(!f.conflicts.is_empty());
                    assert!(!f.help.is_empty());
                    assert_eq!(&f.claimed, claimed);
                } else if authority.is_specific() {
                    // Anything (k) allows, (j) allows.
                    assert!(Authority::J2.may_exempt(claimed).is_allowed(), "{claimed}");
                }
            }
        }
    }
}
