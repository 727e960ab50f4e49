//! The lint rules, one per module, and what several of them share. The registry
//! ([`super::registry::REGISTRY`]) lists them.

pub(crate) mod agency_fit;
pub(crate) mod breach_routine_uses;
pub(crate) mod change_order;
pub(crate) mod claims_mismatch;
pub(crate) mod claims_wording;
pub(crate) mod contact_format;
pub(crate) mod document_dates;
pub(crate) mod duplicate_routine_use;
pub(crate) mod duplicate_subsection;
pub(crate) mod entry_authority;
pub(crate) mod exemptions_without_rule;
pub(crate) mod fr_citation;
pub(crate) mod general_exemption_agency;
pub(crate) mod general_exemption_purpose;
pub(crate) mod identifier_format;
pub(crate) mod justification_order;
pub(crate) mod leftover_placeholder;
pub(crate) mod missing_caption;
pub(crate) mod missing_section;
pub(crate) mod name_variant;
pub(crate) mod nonstandard_heading;
pub(crate) mod pair_mismatch;
pub(crate) mod partial_justification;
pub(crate) mod rescindment_statement;
pub(crate) mod routine_use_comments;
pub(crate) mod routine_use_notice;
pub(crate) mod routine_use_order;
pub(crate) mod section_paragraphs;
pub(crate) mod stage_wording;
pub(crate) mod stated_count;
pub(crate) mod statute_citation;
pub(crate) mod system_mismatch;
pub(crate) mod todo;
pub(crate) mod unauthorized_exemption;
pub(crate) mod unclaimed_justification;
pub(crate) mod unjustified_exemption;
pub(crate) mod unpaired_document;
pub(crate) mod unplaced_text;
pub(crate) mod written_dates;

use std::collections::{BTreeMap, BTreeSet};

use super::Context;
use crate::statute::{Authority, Subsection, format_claim_list};

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
