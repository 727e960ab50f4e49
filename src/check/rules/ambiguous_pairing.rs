use crate::check::{Context, Finding, Pairing, system_label};
use crate::model::Document;

crate::declare_rule! {
    /// ## What it checks
    /// That sorn can tell which SORN an exemption rule goes with. A rule that names its SORN
    /// (`sorn = "..."`) is paired with it. Otherwise sorn looks for the SORNs that name the rule
    /// (`exemption_rule = "..."`), or failing those the SORNs of the rule's system identifier;
    /// when there are several, they are versions of one system, and the `[revises]` chain orders
    /// them: the rule goes with the current version, the one no other revises (the diagnostics
    /// that rely on that choice say so in a note). Two or more current versions (no chain links
    /// them), or two unrelated SORNs naming the rule, leave the choice open: it is reported here,
    /// once (unless the candidates form a `[revises]` cycle, which `revises-cycle` reports), and the checks that compare a rule with its SORN (`claims-mismatch`,
    /// `system-mismatch`, ...) stay silent for the rule rather than guess.
    ///
    /// ## Why
    /// A rule exempts one system of records, as its notice describes it. Comparing it with the
    /// wrong version of the notice reports differences that are not there, or hides those that
    /// are; which file sorts first must not decide.
    ///
    /// ## Example
    /// `dea-oig-001.toml` (the system as published) and `dea-oig-001-2026.toml` (its
    /// modification), both `DEA/OIG-001`, neither with `[revises]`, beside a proposed rule that
    /// names no SORN.
    ///
    /// Use instead: `[revises] source = "dea-oig-001.toml"` in the modification, or
    /// `sorn = "dea-oig-001-2026.toml"` in the rule.
    pub const META = ("ambiguous-pairing", Consistency, Warning, "Two or more SORNs fit an exemption rule equally and sorn will not guess which it goes with.");
    basis = [
        (Statute, "5 U.S.C. 552a(j), (k) (opening words)", "\"the head of any agency may promulgate rules, in accordance with the requirements (including general notice) of sections 553(b)(1), (2), and (3), (c), and (e) of this title, to exempt any system of records within the agency\""),
    ];
}

/// One finding per rule whose pairing is ambiguous, at the rule's identifier (or its link), with
/// each candidate SORN labelled.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for ambiguity in &cx.ambiguities {
        // Candidates that all revise one another form a `[revises]` cycle: `revises-cycle`
        // reports that cause.
        if ambiguity.sorns.iter().all(|&s| cx.is_superseded(s)) {
            continue;
        }
        let rule_doc = &cx.documents[ambiguity.rule];
        let Document::ExemptionRule(rule) = &rule_doc.document else { continue };
        let (message, label, help) = match ambiguity.by {
            Pairing::Link => (
                format!(
                    "{} SORNs name this exemption rule, and no `[revises]` chain orders them",
                    ambiguity.sorns.len()
                ),
                "named by each of them",
                "set `sorn = \"...\"` in the rule to the SORN it goes with, or link the versions with `[revises]`",
            ),
            Pairing::SystemNumber => (
                format!(
                    "{} SORNs of {} are current versions (none revises the other): the rule's SORN is ambiguous",
                    ambiguity.sorns.len(),
                    system_label(&rule.system)
                ),
                "the rule names no SORN",
                "link the versions (`[revises] source = \"...\"` in the later one), or set `sorn = \"...\"` in the rule",
            ),
        };
        let span = rule.sorn.as_ref().map_or_else(|| rule.system.id.span.clone(), |l| l.span.clone());
        let mut finding = Finding::new(message, cx.label(rule_doc.file, span, label)).with_help(help);
        for &s in &ambiguity.sorns {
            let doc = &cx.documents[s];
            if let Document::Sorn(sorn) = &doc.document {
                finding = finding.with_label(cx.label(doc.file, sorn.system.id.span.clone(), "a current version"));
            }
        }
        out.push(finding.with_note("the checks that compare the rule with its SORN were skipped for it"));
    }
}
