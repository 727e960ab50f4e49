use std::collections::BTreeSet;

use super::{by_authority, list};
use crate::check::{Context, Finding, parsed_claims};
use crate::statute::{Authority, Subsection};

crate::declare_rule! {
    /// ## What it checks
    /// That a revision which claims exemptions its predecessor did not (a new authority, or new
    /// provisions under one) goes with an exemption rule: one paired with the revision (by
    /// `exemption_rule`, the rule's `sorn`, or system identifier, as `unpaired-document`
    /// describes). `claims-mismatch` then compares the rule's claims with the revision's.
    /// Claims the revision drops are not reported here. A revision that points at no rule at all
    /// (no link, no citation) gets the `exemptions-without-rule` error instead, and one whose
    /// linked rule is not loaded gets this warning instead of the `unpaired-document` note.
    ///
    /// ## Why
    /// A SORN states exemptions; only a rule makes them, and a new exemption needs a new rule,
    /// published with notice and comment, before the system is exempt. A revision that adds a
    /// claim and is checked without its rule describes an exemption no loaded rule makes.
    ///
    /// ## Example
    /// The published notice claims `(j)(2)`: `(c)(3), (d)`; the revision claims `(j)(2)`:
    /// `(c)(3), (d), (e)(1)`, and no rule is checked with it.
    ///
    /// Use instead: check the revision with the proposed rule that adds `(e)(1)` (`sorn new nprm
    /// --for FILE` starts one).
    pub const META = ("exemption-change", Consistency, Warning, "A revision claims exemptions its predecessor did not, and no exemption rule goes with it.");
    basis = [
        (Statute, "5 U.S.C. 552a(j), (k) (opening words)", "\"the head of any agency may promulgate rules, in accordance with the requirements (including general notice) of sections 553(b)(1), (2), and (3), (c), and (e) of this title, to exempt any system of records within the agency\""),
    ];
}

/// What a revision claims that its loaded predecessor does not, authority by authority (an
/// authority the predecessor does not claim at all comes with every provision under it). Empty
/// without a predecessor, or when either list has a claim that did not type (a load error).
pub(crate) fn added_claims(cx: &Context<'_>, sorn: usize) -> Vec<(Authority, BTreeSet<Subsection>, usize)> {
    let Some((_, p_doc, _)) = cx.predecessor(sorn) else { return Vec::new() };
    let doc = &cx.documents[sorn];
    let now = parsed_claims(doc.file, doc.document.claims());
    let before = parsed_claims(p_doc.file, p_doc.document.claims());
    if now.iter().chain(&before).any(|c| c.untyped) {
        return Vec::new();
    }
    let before = by_authority(&before);
    let mut added = Vec::new();
    for (authority, (set, claim)) in by_authority(&now) {
        let new: BTreeSet<Subsection> = match before.get(&authority) {
            Some((old, _)) => set.difference(old).copied().collect(),
            None => set,
        };
        if !new.is_empty() {
            let index = now.iter().position(|c| std::ptr::eq(c, claim)).unwrap_or(0);
            added.push((authority, new, index));
        }
    }
    added
}

/// One finding per revision that adds claims and has no rule.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (index, doc, sorn) in cx.sorns() {
        // A SORN that points at no rule at all is `exemptions-without-rule`'s to report.
        let pointing = super::exemptions_without_rule::points_at_rule(&doc.document, sorn);
        if !pointing || !cx.exemption_rules_of(index).is_empty() || cx.is_in_ambiguity(index) {
            continue;
        }
        let added = added_claims(cx, index);
        let Some(&(_, _, first)) = added.first() else { continue };
        let Some(claim) = sorn.system.exemptions.as_ref().and_then(|e| e.claims.get(first)) else { continue };
        let what: Vec<String> = added.iter().map(|(a, set, _)| format!("{a}: {}", list(set))).collect();
        let mut finding = Finding::new(
            format!(
                "the revision claims exemptions its predecessor did not ({}), but no exemption rule goes with it",
                what.join("; ")
            ),
            cx.label(doc.file, claim.authority.span.clone(), "claimed here"),
        )
        .with_help("check the revision with the rule that makes the new exemptions (`sorn new nprm --for FILE` starts one), or link it with `exemption_rule = \"...\"`");
        if let Some((_, p_doc, _)) = cx.predecessor(index) {
            let span = cx.table_span(p_doc.file, "system.exemptions");
            finding = finding.with_label(cx.label(p_doc.file, span, "the predecessor's claims"));
        }
        out.push(finding);
    }
}
