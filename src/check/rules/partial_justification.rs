use super::claims_in_scope;
use crate::check::Finding;
use crate::check::{Context, justified_citations, letter};
use crate::statute::Subsection;

crate::declare_rule! {
    /// ## What it checks
    /// That a justification covers exactly what is claimed: not only part of a claimed provision
    /// (claimed `(g)`, justified `(g)(1)`), and not more than it (claimed `(e)(4)(G)`, justified
    /// `(e)(4)`).
    ///
    /// ## Why
    /// A rule that claims all of (g) but explains only (g)(1) leaves (g)(2) through (g)(5) exempted
    /// without a reason; a reason for all of (e)(4) when only (e)(4)(G) is claimed suggests a claim
    /// that is broader, or narrower, than intended. Either the claim or the reason should change.
    ///
    /// ## Example
    /// ```toml
    /// [[exemptions.claims]]
    /// authority = "(j)(2)"
    /// subsections = ["(g)"]
    ///
    /// [[justifications]]
    /// subsections = ["(g)(1)"]
    /// heading = "Civil Remedies"
    /// text = "to the extent that the system is exempt from other specific subsections of the Privacy Act."
    /// ```
    /// Use instead: claim what is justified, or justify what is claimed.
    /// ```toml
    /// subsections = ["(g)(1)"]
    /// ```
    pub const META = ("partial-justification", Exemptions, Warning, "A justification covers only part of a claimed provision, or more than it.");
    basis = [
        (Statute, "5 U.S.C. 552a(j), (k) (closing sentences)", "\"the agency shall include in the statement required under section 553(c) of this title, the reasons why the system of records is to be exempted from a provision of this section\""),
    ];
}

/// Reports, per claimed provision, justifications that cover only parts of it; per justified
/// provision, claims that are only parts of it.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (index, doc, rule) in cx.exemption_rules() {
        let justified = justified_citations(rule);
        let claims = claims_in_scope(cx, index);
        let claimed: Vec<(Subsection, &crate::check::ParsedClaim, std::ops::Range<usize>)> =
            claims.iter().flat_map(|c| c.subsections.iter().map(move |(s, span)| (*s, c, span.clone()))).collect();

        let mut reported: Vec<Subsection> = Vec::new();
        for (subsection, claim, span) in &claimed {
            if reported.contains(subsection) {
                continue;
            }
            let covered = justified.iter().any(|j| j.subsection.contains(subsection));
            let parts: Vec<_> = justified
                .iter()
                .filter(|j| subsection.contains(&j.subsection) && j.subsection != *subsection)
                .collect();
            if covered || parts.is_empty() {
                continue;
            }
            reported.push(*subsection);
            let list: Vec<String> = parts.iter().map(|j| j.subsection.to_string()).collect();
            let mut d = Finding::new(
                format!("{subsection} is claimed, but the justification covers only {}", list.join(", ")),
                cx.label(claim.file, span.clone(), format!("claims all of {subsection}")),
            );
            for part in &parts {
                d = d.with_label(cx.label(
                    doc.file,
                    part.span.clone(),
                    format!("justification {} covers only this", letter(rule, part.justification)),
                ));
            }
            out.push(d.with_help(format!("claim only {} or justify all of {subsection}", list.join(", "))));
        }

        for j in &justified {
            let exact = claimed.iter().any(|(s, _, _)| s.contains(&j.subsection));
            let inner: Vec<_> =
                claimed.iter().filter(|(s, _, _)| j.subsection.contains(s) && *s != j.subsection).collect();
            if exact || inner.is_empty() {
                continue;
            }
            let mut names: Vec<String> = inner.iter().map(|(s, _, _)| s.to_string()).collect();
            names.sort();
            names.dedup();
            let (_, first_claim, first_span) = inner[0];
            out.push(
                Finding::new(
                    format!(
                        "justification {} covers all of {}, but only {} is claimed",
                        letter(rule, j.justification),
                        j.subsection,
                        names.join(", ")
                    ),
                    cx.label(doc.file, j.span.clone(), "more than is claimed"),
                )
                .with_label(cx.label(first_claim.file, first_span.clone(), "the claim"))
                .with_help(format!(
                    "justify {} only, or claim all of {}",
                    names.join(", "),
                    j.subsection
                )),
            );
        }
    }
}
