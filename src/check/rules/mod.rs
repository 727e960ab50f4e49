//! The lint rules, one per module, and what several of them share. The registry
//! ([`super::registry::REGISTRY`]) lists them.

pub(crate) mod agency_fit;
pub(crate) mod ambiguous_pairing;
pub(crate) mod breach_routine_uses;
pub(crate) mod change_order;
pub(crate) mod claims_mismatch;
pub(crate) mod claims_wording;
pub(crate) mod contact_format;
pub(crate) mod document_dates;
pub(crate) mod duplicate_routine_use;
pub(crate) mod duplicate_subsection;
pub(crate) mod entry_authority;
pub(crate) mod exemption_change;
pub(crate) mod exemptions_without_rule;
pub(crate) mod fr_citation;
pub(crate) mod general_exemption_agency;
pub(crate) mod general_exemption_purpose;
pub(crate) mod history_citations;
pub(crate) mod identifier_format;
pub(crate) mod justification_order;
pub(crate) mod leftover_placeholder;
pub(crate) mod library_drift;
pub(crate) mod missing_caption;
pub(crate) mod missing_section;
pub(crate) mod name_variant;
pub(crate) mod nonstandard_heading;
pub(crate) mod pair_mismatch;
pub(crate) mod partial_justification;
pub(crate) mod rescindment_statement;
pub(crate) mod revises_cycle;
pub(crate) mod revision_link;
pub(crate) mod routine_use_comments;
pub(crate) mod routine_use_marker;
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
pub(crate) mod unexplained_change;
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

/// Appends to each finding from `from` on the note saying why the pair's SORN was chosen among
/// the versions of its system, when it was.
pub(crate) fn note_pairing(cx: &Context<'_>, pair: &super::Pair, findings: &mut [super::Finding]) {
    if let Some(note) = cx.pairing_note(pair) {
        for finding in findings {
            finding.notes.push(note.to_string());
        }
    }
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

/// Where the source spells a string value verbatim (no escapes), so that a fix may replace the
/// value's text there; `None` where it does not.
pub(crate) fn verbatim_span(
    cx: &Context<'_>,
    file: crate::diagnostic::FileId,
    value: &crate::model::Loc<String>,
) -> Option<std::ops::Range<usize>> {
    let source = cx.text(file);
    let origin = crate::model::placeholders::ValueOrigin::new(source, value.span.clone(), &value.value);
    let span = origin.range(0..value.value.len());
    (!value.value.is_empty() && source.get(span.clone()) == Some(value.value.as_str())).then_some(span)
}

/// An identifier's letters and digits joined by single hyphens, as identifiers the Federal Register
/// prints are (`DHS 2017-0026`, `9111–28`, `2016 - 18810`: spaces, dashes, underscores and runs of
/// them between the parts); `None` if it holds anything else, so that only the separators change.
pub(crate) fn hyphenated(text: &str) -> Option<String> {
    let separator = |c: char| matches!(c, ' ' | '-' | '_' | '\u{2010}'..='\u{2015}' | '\u{2212}');
    if !text.trim().chars().all(|c| c.is_ascii_alphanumeric() || separator(c)) {
        return None;
    }
    let parts: Vec<&str> = text.split(separator).filter(|p| !p.is_empty()).collect();
    (!parts.is_empty()).then(|| parts.join("-"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn identifiers_are_rejoined_by_hyphens_only() {
        assert_eq!(super::hyphenated("DHS 2017-0026").as_deref(), Some("DHS-2017-0026"));
        assert_eq!(super::hyphenated(" 9111\u{2013}28 - P ").as_deref(), Some("9111-28-P"));
        assert_eq!(super::hyphenated("DHS--2017__0026").as_deref(), Some("DHS-2017-0026"));
        assert_eq!(super::hyphenated("DHS/2017/0026"), None);
        assert_eq!(super::hyphenated("9111.28"), None);
        assert_eq!(super::hyphenated(" - "), None);
    }
}
