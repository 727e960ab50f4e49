//! The lint rules, one per module. `RULES` is the registry: order here is the order of
//! `sorn explain --list` and of SARIF `tool.driver.rules`.

mod breach_routine_uses;
mod claims_mismatch;
mod claims_wording;
mod document_dates;
mod duplicate_subsection;
mod fr_citation;
mod general_exemption_agency;
mod identifier_format;
mod justification_order;
mod missing_section;
mod name_variant;
mod nonstandard_heading;
mod partial_justification;
mod routine_use_notice;
mod routine_use_order;
mod system_mismatch;
mod unauthorized_exemption;
mod unclaimed_justification;
mod unjustified_exemption;
mod unpaired_document;
mod unplaced_text;

use std::collections::{BTreeMap, BTreeSet};

use super::{Context, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::statute::{Authority, Subsection, format_claim_list};

/// A rule's check: reads the context, pushes findings.
pub type CheckFn = fn(&Context<'_>, &mut Vec<Diagnostic>);

/// Every lint rule with its check.
pub const RULES: &[(&RuleMeta, CheckFn)] = &[
    (&unjustified_exemption::META, unjustified_exemption::check),
    (&unclaimed_justification::META, unclaimed_justification::check),
    (&partial_justification::META, partial_justification::check),
    (&unauthorized_exemption::META, unauthorized_exemption::check),
    (&general_exemption_agency::META, general_exemption_agency::check),
    (&claims_mismatch::META, claims_mismatch::check),
    (&claims_wording::META, claims_wording::check),
    (&system_mismatch::META, system_mismatch::check),
    (&duplicate_subsection::META, duplicate_subsection::check),
    (&nonstandard_heading::META, nonstandard_heading::check),
    (&justification_order::META, justification_order::check),
    (&missing_section::META, missing_section::check),
    (&routine_use_notice::META, routine_use_notice::check),
    (&routine_use_order::META, routine_use_order::check),
    (&breach_routine_uses::META, breach_routine_uses::check),
    (&fr_citation::META, fr_citation::check),
    (&document_dates::META, document_dates::check),
    (&identifier_format::META, identifier_format::check),
    (&name_variant::META, name_variant::check),
    (&unplaced_text::META, unplaced_text::check),
    (&unpaired_document::META, unpaired_document::check),
];

/// The claims a rule's justifications must answer for: the rule's own and those of its SORN.
pub(crate) fn claims_in_scope(cx: &Context<'_>, rule_index: usize) -> Vec<super::ParsedClaim> {
    let mut claims = Vec::new();
    if let Some(doc) = cx.documents.get(rule_index) {
        claims.extend(super::parsed_claims(doc.file, doc.document.claims()));
    }
    if let Some((_, sorn_doc, _)) = cx.sorn_of(rule_index) {
        claims.extend(super::parsed_claims(sorn_doc.file, sorn_doc.document.claims()));
    }
    claims
}

/// The provisions a document claims under each authority, with the first claim under it.
pub(crate) fn by_authority(
    claims: &[super::ParsedClaim],
) -> BTreeMap<Authority, (BTreeSet<Subsection>, &super::ParsedClaim)> {
    let mut map: BTreeMap<Authority, (BTreeSet<Subsection>, &super::ParsedClaim)> = BTreeMap::new();
    for claim in claims {
        let Some(authority) = claim.authority else { continue };
        let entry = map.entry(authority).or_insert_with(|| (BTreeSet::new(), claim));
        entry.0.extend(claim.subsections.iter().map(|(s, _)| *s));
    }
    map
}

/// A set of provisions as the Federal Register prints a claim list: "(c)(3); (d); and (f)".
pub(crate) fn list(set: &BTreeSet<Subsection>) -> String {
    let v: Vec<Subsection> = set.iter().copied().collect();
    format_claim_list(&v)
}

/// What two lists of provisions do not share, as a phrase: "only the SORN claims (e)(12); only
/// the rule claims (f)", naming each side as `left` and `right` do.
pub(crate) fn difference(
    (left, left_set): (&str, &BTreeSet<Subsection>),
    (right, right_set): (&str, &BTreeSet<Subsection>),
) -> String {
    let mut parts = Vec::new();
    for (says, set, other) in [(left, left_set, right_set), (right, right_set, left_set)] {
        let only: BTreeSet<Subsection> = set.difference(other).copied().collect();
        if !only.is_empty() {
            parts.push(format!("only {says} {}", list(&only)));
        }
    }
    parts.join("; ")
}

/// Whether two provisions overlap (one contains the other).
pub(crate) fn overlaps(a: &Subsection, b: &Subsection) -> bool {
    a.contains(b) || b.contains(a)
}
