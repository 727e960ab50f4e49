//! What sorn knows about agencies, as data in one place: the CFR part in which each keeps its
//! Privacy Act rules, the prefixes of its Federal Register billing codes, and the form of its
//! regulations.gov docket numbers. Each entry names its sources. The `agency-fit` lint rule reads
//! this table, extended by the `[[agencies]]` of `sorn.toml`; an agency in neither is not judged.

/// One agency's Federal Register particulars.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgencyFacts {
    /// The department's name as its documents print it.
    pub name: String,
    /// Its abbreviation, e.g. "DHS".
    pub abbreviation: String,
    /// The CFR title and part of its Privacy Act rules, e.g. (6, "5").
    pub privacy_part: Option<(u32, String)>,
    /// The first four digits of its billing codes, e.g. "9110"; or a longer prefix for a code it
    /// holds in another agency's range, e.g. DHS's "4410-10" among DOJ's 4410 codes.
    pub billing_prefixes: Vec<String>,
    /// The regulations.gov docket prefix, e.g. "DHS-": a docket is the prefix, a year, a hyphen
    /// and a serial ("DHS-2016-0053"), with an office code before the serial for DoD
    /// ("DOD-2016-HA-0042").
    pub docket_prefix: Option<String>,
    /// Where these facts were read.
    pub sources: String,
}

/// A built-in entry: name, abbreviation, Privacy Act part, billing prefixes, docket prefix,
/// sources.
type Entry = (
    &'static str,
    &'static str,
    Option<(u32, &'static str)>,
    &'static [&'static str],
    Option<&'static str>,
    &'static str,
);

/// The agencies sorn knows, with where each fact was read.
const BUILT_IN: &[Entry] = &[
    (
        "Department of Homeland Security",
        "DHS",
        Some((6, "5")),
        &["9110", "9111", "4410-10"],
        Some("DHS-"),
        "6 CFR part 5, appendix C (DHS systems of records exempt from the Privacy Act); \
                  DHS/ICE-015 notice, 81 FR 52700 (billing code 9111-28, docket DHS-2016-0053); \
                  USCG documents in the Federal Register of February 12, 2024 (billing code 9110-04-P); \
                  the Office of the Secretary's code in DOJ's range, 4410-10, on its earlier Privacy Office \
                  documents (DHS Mailing and Other Lists notice, FR Doc. E8-28037, 73 FR 71659, \
                  November 25, 2008: billing code 4410-10-P)",
    ),
    (
        "Department of Justice",
        "DOJ",
        Some((28, "16")),
        &["4410"],
        None,
        "28 CFR part 16, subpart E (exemption of records systems under the Privacy Act: \
                  28 CFR 16.74, 16.91, 16.103); DOJ documents (billing code 4410-xx)",
    ),
    (
        "Department of Defense",
        "DoD",
        Some((32, "310")),
        &["5001"],
        Some("DOD-"),
        "32 CFR part 310 (DoD Privacy Program; 310.32 exemption rules); DoD notices \
                  (billing code 5001-06-P; docket DOD-2016-HA-0042)",
    ),
    (
        "General Services Administration",
        "GSA",
        None,
        &["6820"],
        None,
        "GSA/OGP-1 notice, FR Doc. 2019-21885 (billing code 6820-34-P)",
    ),
    (
        "Federal Energy Regulatory Commission",
        "FERC",
        None,
        &["6717"],
        None,
        "FERC-22 notice, FR Doc. 2024-02813 (billing code 6717-01-P)",
    ),
    (
        "Federal Housing Finance Agency",
        "FHFA",
        None,
        &["8070"],
        None,
        "FHFA-14 notice, FR Doc. 2016-08652 (billing code 8070-01-P)",
    ),
];

/// The built-in table, as owned facts a configuration can extend.
pub fn built_in() -> Vec<AgencyFacts> {
    BUILT_IN
        .iter()
        .map(|(name, abbreviation, part, prefixes, docket, sources)| AgencyFacts {
            name: (*name).to_string(),
            abbreviation: (*abbreviation).to_string(),
            privacy_part: part.map(|(t, p)| (t, p.to_string())),
            billing_prefixes: prefixes.iter().map(|p| (*p).to_string()).collect(),
            docket_prefix: docket.map(str::to_string),
            sources: (*sources).to_string(),
        })
        .collect()
}

/// The agency a document names, by full name or abbreviation (case and spacing aside). A
/// configured entry comes after the built-in ones, so an agency is found by its first entry.
pub fn find<'t>(table: &'t [AgencyFacts], name: &str, abbreviation: Option<&str>) -> Option<&'t AgencyFacts> {
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let (name, abbreviation) = (squash(name), abbreviation.map(squash));
    table.iter().find(|a| {
        squash(&a.name) == name
            || name == format!("u.s. {}", squash(&a.name))
            || abbreviation.as_deref() == Some(squash(&a.abbreviation).as_str())
    })
}

/// Whether `code` is one of the codes an agency holds in another agency's range (a prefix longer
/// than four digits: DHS's "4410-10" among DOJ's 4410 codes).
pub fn holds_billing_code(agency: &AgencyFacts, code: &str) -> bool {
    agency.billing_prefixes.iter().any(|p| p.len() > 4 && code.trim().starts_with(p.as_str()))
}

/// The agency whose billing codes begin with `prefix`.
pub fn by_billing_prefix<'t>(table: &'t [AgencyFacts], prefix: &str) -> Option<&'t AgencyFacts> {
    table.iter().find(|a| a.billing_prefixes.iter().any(|p| p == prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agencies_are_found_by_name_or_abbreviation() {
        let table = built_in();
        assert_eq!(find(&table, "Department of Homeland Security", None).map(|a| a.abbreviation.as_str()), Some("DHS"));
        assert_eq!(find(&table, "Example", Some("DOJ")).map(|a| a.abbreviation.as_str()), Some("DOJ"));
        assert_eq!(find(&table, "Example Agency", Some("EA")), None);
        assert_eq!(by_billing_prefix(&table, "4410").map(|a| a.abbreviation.as_str()), Some("DOJ"));
        assert!(holds_billing_code(&table[0], "4410-10-P"));
        assert!(!holds_billing_code(&table[0], "4410-02-P"));
        // Every prefix belongs to one agency.
        let mut all: Vec<&str> = table.iter().flat_map(|a| a.billing_prefixes.iter().map(String::as_str)).collect();
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n);
    }
}
