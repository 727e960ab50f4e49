//! What sorn knows about agencies, as data in one place: the CFR part in which each keeps its
//! Privacy Act rules, the prefixes of its Federal Register billing codes, and the form of its
//! regulations.gov docket numbers. Each entry names its sources. The `agency-fit` lint rule reads
//! this table; an agency not in it is not judged.

/// One agency's Federal Register particulars.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AgencyFacts {
    /// The department's name as its documents print it.
    pub name: &'static str,
    /// Its abbreviation, e.g. "DHS".
    pub abbreviation: &'static str,
    /// The CFR title and part of its Privacy Act rules, e.g. (6, "5").
    pub privacy_part: Option<(u32, &'static str)>,
    /// The first four digits of its billing codes, e.g. "9110".
    pub billing_prefixes: &'static [&'static str],
    /// The regulations.gov docket prefix, e.g. "DHS-": a docket is the prefix, a year, a hyphen
    /// and a serial ("DHS-2016-0053"), with an office code before the serial for DoD
    /// ("DOD-2016-HA-0042").
    pub docket_prefix: Option<&'static str>,
    /// Where these facts were read.
    pub sources: &'static str,
}

/// The agencies sorn knows.
pub const AGENCIES: &[AgencyFacts] = &[
    AgencyFacts {
        name: "Department of Homeland Security",
        abbreviation: "DHS",
        privacy_part: Some((6, "5")),
        billing_prefixes: &["9110", "9111"],
        docket_prefix: Some("DHS-"),
        sources: "6 CFR part 5, appendix C (DHS systems of records exempt from the Privacy Act); \
                  DHS/ICE-015 notice, 81 FR 52700 (billing code 9111-28, docket DHS-2016-0053); \
                  USCG documents in the Federal Register of February 12, 2024 (billing code 9110-04-P)",
    },
    AgencyFacts {
        name: "Department of Justice",
        abbreviation: "DOJ",
        privacy_part: Some((28, "16")),
        billing_prefixes: &["4410"],
        docket_prefix: None,
        sources: "28 CFR part 16, subpart E (exemption of records systems under the Privacy Act: \
                  28 CFR 16.74, 16.91, 16.103); DOJ documents (billing code 4410-xx)",
    },
    AgencyFacts {
        name: "Department of Defense",
        abbreviation: "DoD",
        privacy_part: Some((32, "310")),
        billing_prefixes: &["5001"],
        docket_prefix: Some("DOD-"),
        sources: "32 CFR part 310 (DoD Privacy Program; 310.32 exemption rules); DoD notices \
                  (billing code 5001-06-P; docket DOD-2016-HA-0042)",
    },
    AgencyFacts {
        name: "General Services Administration",
        abbreviation: "GSA",
        privacy_part: None,
        billing_prefixes: &["6820"],
        docket_prefix: None,
        sources: "GSA/OGP-1 notice, FR Doc. 2019-21885 (billing code 6820-34-P)",
    },
    AgencyFacts {
        name: "Federal Energy Regulatory Commission",
        abbreviation: "FERC",
        privacy_part: None,
        billing_prefixes: &["6717"],
        docket_prefix: None,
        sources: "FERC-22 notice, FR Doc. 2024-02813 (billing code 6717-01-P)",
    },
    AgencyFacts {
        name: "Federal Housing Finance Agency",
        abbreviation: "FHFA",
        privacy_part: None,
        billing_prefixes: &["8070"],
        docket_prefix: None,
        sources: "FHFA-14 notice, FR Doc. 2016-08652 (billing code 8070-01-P)",
    },
];

/// The agency a document names, by full name or abbreviation (case and spacing aside).
pub fn find(name: &str, abbreviation: Option<&str>) -> Option<&'static AgencyFacts> {
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let (name, abbreviation) = (squash(name), abbreviation.map(squash));
    AGENCIES.iter().find(|a| {
        squash(a.name) == name
            || name == format!("u.s. {}", squash(a.name))
            || abbreviation.as_deref() == Some(squash(a.abbreviation).as_str())
    })
}

/// The agency whose billing codes begin with `prefix`.
pub fn by_billing_prefix(prefix: &str) -> Option<&'static AgencyFacts> {
    AGENCIES.iter().find(|a| a.billing_prefixes.contains(&prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agencies_are_found_by_name_or_abbreviation() {
        assert_eq!(find("Department of Homeland Security", None).map(|a| a.abbreviation), Some("DHS"));
        assert_eq!(find("Example", Some("DOJ")).map(|a| a.abbreviation), Some("DOJ"));
        assert_eq!(find("Example Agency", Some("EA")), None);
        assert_eq!(by_billing_prefix("4410").map(|a| a.abbreviation), Some("DOJ"));
        // Every prefix belongs to one agency.
        let mut all: Vec<&str> = AGENCIES.iter().flat_map(|a| a.billing_prefixes.iter().copied()).collect();
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n);
    }
}
