use crate::check::Context;
use crate::check::Finding;
use crate::check::agencies::{self, AgencyFacts};
use crate::model::Document;

crate::declare_rule! {
    /// ## What it checks
    /// That a document fits the agency that issues it, for the agencies sorn knows (the table in
    /// `src/check/agencies.rs`, with its sources, and those a project adds under `[[agencies]]`
    /// in `sorn.toml`):
    ///
    /// - an exemption rule amends the CFR title and part where the agency keeps its Privacy Act
    ///   rules (DHS 6 CFR part 5, DOJ 28 CFR part 16, DoD 32 CFR part 310);
    /// - the billing code does not begin with another agency's prefix (a DOJ 4410- code on a DHS
    ///   document), unless the agency holds that code (DHS's Office of the Secretary printed
    ///   4410-10 on its earlier documents);
    /// - a docket number is in the agency's regulations.gov form ("DHS-2017-0026", not
    ///   "DHS 2017-0026").
    ///
    /// ## Why
    /// Documents are drafted from other documents, often another agency's; the codes copied with
    /// the text route the document to the wrong agency's bill, CFR part or docket.
    ///
    /// ## Example
    /// ```toml
    /// [agency]
    /// name = "Department of Homeland Security"
    ///
    /// [notice]
    /// billing_code = "4410-02"
    /// docket = "DHS 2017-0026"
    /// ```
    /// Use instead: the agency's own billing code, and `docket = "DHS-2017-0026"`.
    ///
    /// ## Fix
    /// A docket number whose only fault is its separators (`DHS 2017-0026`, `DHS--2017-0026`,
    /// `DHS2017-0026`) is rejoined with hyphens by `sorn check --fix`. Nothing else is guessed: a
    /// two-digit year, a missing serial, another agency's billing code or CFR part is left to
    /// the drafter.
    pub const META = ("agency-fit", Structure, Warning, "The CFR part, billing code or docket number belongs to another agency, or is not in the agency's form.");
    basis = [
        (Regulation, "6 CFR part 5; 28 CFR part 16; 32 CFR part 310", "the parts in which DHS, DOJ and DoD keep their Privacy Act rules and exemptions"),
        (Convention, "Federal Register billing codes and regulations.gov docket numbers as printed", "each agency's billing codes share its four-digit prefix, but for a code it holds in another's range (DHS's 4410-10, e.g. FR Doc. E8-28037, 73 FR 71659); a docket number is the agency's prefix, the year and a serial, joined by hyphens"),
    ];
}

/// Whether `docket` is `prefix`, a four-digit year, and hyphenated parts of letters or digits.
/// The prefix is compared without regard to case: agencies print the same docket both ways
/// ("DOD-2021-OS-0054", "DoD-2021-OS-0054"), and the case is not what routes it.
fn docket_in_form(docket: &str, prefix: &str) -> bool {
    let docket = docket.trim();
    let head = docket.get(..prefix.len()).filter(|h| h.eq_ignore_ascii_case(prefix));
    let Some(rest) = head.and_then(|_| docket.get(prefix.len()..)) else { return false };
    let parts: Vec<&str> = rest.split('-').collect();
    let year = parts.first().is_some_and(|y| y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()));
    let serial = parts.last().is_some_and(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()));
    year && serial
        && parts.len() >= 2
        && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The docket number in the agency's form when only its separators are wrong: the parts joined
/// by single hyphens, the agency's prefix split from a year written against it
/// ("DHS2017-0026"). A year of two digits or a missing serial is not guessed.
fn docket_repaired(written: &str, prefix: &str) -> Option<String> {
    let head = prefix.trim_end_matches('-');
    let joined = super::hyphenated(written)?;
    let starts = joined.get(..head.len()).is_some_and(|h| h.eq_ignore_ascii_case(head));
    let split = match joined.get(head.len()..) {
        Some(rest) if starts && rest.starts_with(|c: char| c.is_ascii_digit()) => {
            format!("{}-{rest}", &joined[..head.len()])
        }
        _ => joined,
    };
    (docket_in_form(&split, prefix) && split != written).then_some(split)
}

fn check_docket(
    cx: &Context<'_>,
    file: crate::diagnostic::FileId,
    doc: &Document,
    agency: &AgencyFacts,
    out: &mut Vec<Finding>,
) {
    let Some(prefix) = agency.docket_prefix.as_deref() else { return };
    let Some(docket) = &doc.preamble().docket else { return };
    let head = prefix.trim_end_matches('-');
    let written = docket.value.trim();
    // Judge only a docket that is meant to be this agency's: one that begins with its acronym.
    if !written.to_ascii_uppercase().starts_with(&head.to_ascii_uppercase()) || docket_in_form(written, prefix) {
        return;
    }
    let finding = Finding::new(
        format!("the docket number \"{written}\" is not in {}'s form, {prefix}YYYY-NNNN", agency.abbreviation),
        cx.label(file, docket.span.clone(), "docket number"),
    )
    .with_help("join the agency prefix, the year and the serial with hyphens, as regulations.gov numbers them");
    let fix = docket_repaired(written, prefix).zip(super::verbatim_span(cx, file, docket));
    out.push(match fix {
        Some((repaired, span)) => finding.with_fix(file, span, &docket.value, &repaired),
        None => finding,
    });
}

/// Reports codes and parts that belong to another agency.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for doc in cx.documents {
        let agency = doc.document.agency();
        let table = &cx.settings.agencies;
        let Some(facts) =
            agencies::find(table, &agency.name.value, agency.abbreviation.as_ref().map(|a| a.value.as_str()))
        else {
            continue;
        };
        if let Some(code) = &doc.document.preamble().billing_code {
            let prefix: String = code.value.trim().chars().take(4).collect();
            if let Some(other) =
                agencies::by_billing_prefix(table, &prefix).filter(|o| o.abbreviation != facts.abbreviation)
                && !agencies::holds_billing_code(facts, &code.value)
            {
                out.push(
                    Finding::new(
                        format!(
                            "the billing code {} is {}'s ({prefix}-), not {}'s",
                            code.value.trim(),
                            other.abbreviation,
                            facts.abbreviation
                        ),
                        cx.label(doc.file, code.span.clone(), format!("{} billing code", other.abbreviation)),
                    )
                    .with_help(format!("use the billing code the {} assigns", facts.name)),
                );
            }
        }
        check_docket(cx, doc.file, &doc.document, facts, out);
        let (Document::ExemptionRule(rule), Some((title, part))) = (&doc.document, facts.privacy_part.as_ref()) else {
            continue;
        };
        let (title, part) = (*title, part.as_str());
        if rule.cfr.title.value != title || rule.cfr.part.value.trim() != part {
            out.push(
                Finding::new(
                    format!(
                        "the rule amends {} CFR part {}, but the {} keeps its Privacy Act rules in {title} CFR part {part}",
                        rule.cfr.title.value,
                        rule.cfr.part.value.trim(),
                        facts.name
                    ),
                    cx.label(doc.file, rule.cfr.part.span.clone(), "CFR part"),
                )
                .with_label(cx.label(doc.file, rule.cfr.title.span.clone(), "CFR title"))
                .with_help(format!("set [cfr] title = {title}, part = \"{part}\"")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::docket_in_form;

    #[test]
    fn docket_forms() {
        assert!(docket_in_form("DHS-2016-0053", "DHS-"));
        assert!(docket_in_form("DOD-2016-HA-0042", "DOD-"));
        assert!(docket_in_form("DoD-2021-OS-0054", "DOD-"));
        assert!(!docket_in_form("DHS 2017-0026", "DHS-"));
        assert!(!docket_in_form("DHS-17-0026", "DHS-"));
        assert!(!docket_in_form("DHS--2017-0026", "DHS-"));
    }

    #[test]
    fn only_the_separators_of_a_docket_are_repaired() {
        use super::docket_repaired;
        assert_eq!(docket_repaired("DHS 2017-0026", "DHS-").as_deref(), Some("DHS-2017-0026"));
        assert_eq!(docket_repaired("DHS--2017-0026", "DHS-").as_deref(), Some("DHS-2017-0026"));
        assert_eq!(docket_repaired("DHS2017-0026", "DHS-").as_deref(), Some("DHS-2017-0026"));
        assert_eq!(docket_repaired("DoD 2021 OS 0054", "DOD-").as_deref(), Some("DoD-2021-OS-0054"));
        assert_eq!(docket_repaired("DHS-17-0026", "DHS-"), None, "the year is not guessed");
        assert_eq!(docket_repaired("DHS-2017", "DHS-"), None, "nor the serial");
        assert_eq!(docket_repaired("DHS/2017/0026", "DHS-"), None);
    }
}
