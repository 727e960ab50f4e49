use super::exemptions_without_rule::points_at_rule;
use crate::check::Context;
use crate::check::Finding;

crate::declare_rule! {
    /// ## What it checks
    /// Whether each exemption rule, and each SORN that claims exemptions, has its other half among
    /// the loaded sources. Documents pair by the explicit link (`exemption_rule` in the SORN,
    /// `sorn` in the rule) or, failing that, by system identifier (with the current version of
    /// the system when several versions are loaded). An earlier version of a system, and the
    /// documents of a pairing `ambiguous-pairing` reports, get no note.
    ///
    /// ## Why
    /// The cross-document rules (`claims-mismatch`, `system-mismatch`, and the justification rules
    /// for claims made only in the SORN) need both documents. Without the pair they cannot run;
    /// this note says so once instead of failing.
    ///
    /// ## Example
    /// `sorn check sorns/dhs-ice-015.toml` alone: the SORN's rule is not loaded.
    ///
    /// Use instead: `sorn check sorns/` (both documents), or link the documents explicitly.
    pub const META = ("unpaired-document", Consistency, Note, "A SORN with exemptions, or an exemption rule, whose other document is not among the loaded sources.");
    basis = [
        (Statute, "5 U.S.C. 552a(j), (k) (opening words)", "\"the head of any agency may promulgate rules, in accordance with the requirements (including general notice) of sections 553(b)(1), (2), and (3), (c), and (e) of this title, to exempt any system of records within the agency\""),
    ];
}

/// One note per unpaired document.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (index, doc, rule) in cx.exemption_rules() {
        if cx.sorn_of(index).is_some() || cx.is_in_ambiguity(index) {
            continue;
        }
        let span = rule.sorn.as_ref().map_or_else(|| rule.system.id.span.clone(), |l| l.span.clone());
        out.push(
            Finding::new(
                format!(
                    "the SORN of {} is not among the loaded sources; cross-document checks were skipped",
                    crate::check::system_label(&rule.system)
                ),
                cx.label(doc.file, span, "no loaded SORN matches"),
            )
            .with_help(
                "check the SORN and the rule together (e.g. `sorn check sorns/`), or set `sorn = \"...\"` to its path",
            ),
        );
    }
    for (index, doc, sorn) in cx.sorns() {
        let claims = sorn.system.exemptions.as_ref().is_some_and(|e| !e.claims.is_empty());
        // A SORN that points at no rule at all gets the `exemptions-without-rule` error instead.
        // A revision that adds claims gets `exemption-change` instead.
        let versioned = cx.is_superseded(index)
            || cx.is_in_ambiguity(index)
            || !super::exemption_change::added_claims(cx, index).is_empty();
        if !claims || versioned || !cx.exemption_rules_of(index).is_empty() || !points_at_rule(&doc.document, sorn) {
            continue;
        }
        let span = sorn.exemption_rule.as_ref().map_or_else(|| sorn.system.id.span.clone(), |l| l.span.clone());
        out.push(
            Finding::new(
                format!(
                    "the exemption rule of {} is not among the loaded sources; its claims were not checked against it",
                    crate::check::system_label(&sorn.system.name())
                ),
                cx.label(doc.file, span, "no loaded exemption rule matches"),
            )
            .with_help("check the SORN and its rule together, or set `exemption_rule = \"...\"` to its path"),
        );
    }
}
