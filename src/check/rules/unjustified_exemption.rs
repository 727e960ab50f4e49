use super::{claims_in_scope, overlaps};
use crate::check::Finding;
use crate::check::{Context, justified_citations};
use crate::statute::Subsection;

crate::declare_rule! {
    /// ## What it checks
    /// That every provision claimed for the system, in the SORN or in the exemption rule, has a
    /// written justification in the rule: a lettered reason that covers it, or a part of it.
    ///
    /// ## Why
    /// An exemption without a stated reason is invalid: the rule must give the reasons why the
    /// system is exempted from each provision. Reviewers check the claim list against the lettered
    /// reasons by eye, and a provision added to the list late is easily left without one.
    ///
    /// ## Example
    /// ```toml
    /// [[exemptions.claims]]
    /// authority = "(j)(2)"
    /// subsections = ["(c)(3)", "(e)(12)"]
    ///
    /// [[justifications]]
    /// subsections = ["(c)(3)"]
    /// heading = "Accounting for Disclosures"
    /// text = "because ..."
    /// ```
    /// Use instead: add a justification for (e)(12), or remove the claim.
    /// ```toml
    /// [[justifications]]
    /// subsections = ["(e)(12)"]
    /// heading = "Computer Matching"
    /// text = "because ..."
    /// ```
    pub const META = ("unjustified-exemption", Exemptions, Error, "A claimed provision has no written justification in the exemption rule.");
    basis = [
        (Statute, "5 U.S.C. 552a(j), (k) (closing sentences)", "\"the agency shall include in the statement required under section 553(c) of this title, the reasons why the system of records is to be exempted from a provision of this section\""),
    ];
}

/// Reports each claimed provision no justification overlaps, once, at its first claim (the
/// rule's before the SORN's).
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (index, doc, rule) in cx.exemption_rules() {
        if crate::check::has_untyped_justification(rule) {
            // A reason whose citation names nothing may be the one for the provision: the load
            // error at that citation is the one diagnostic of that cause.
            continue;
        }
        let justified = justified_citations(rule);
        let claims = claims_in_scope(cx, index);
        let mut reported: Vec<Subsection> = Vec::new();
        for claim in &claims {
            for (subsection, span) in &claim.subsections {
                if reported.contains(subsection) || justified.iter().any(|j| overlaps(&j.subsection, subsection)) {
                    continue;
                }
                reported.push(*subsection);
                let authorities: Vec<String> = claims
                    .iter()
                    .filter(|c| c.subsections.iter().any(|(s, _)| s == subsection))
                    .filter_map(|c| c.authority.map(|a| a.to_string()))
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
                    .collect();
                let under = if authorities.is_empty() {
                    String::new()
                } else {
                    format!(" under {}", authorities.join(" and "))
                };
                let mut d = Finding::new(format!("{subsection} is exempted{under}, but no justification gives the reason"),
                    cx.label(claim.file, span.clone(), "claimed here"),
                )
                .with_help(format!(
                    "add a [[justifications]] entry in {} covering {subsection}, or remove the claim",
                    cx.name(doc.file)
                ))
                .with_note("5 U.S.C. 552a(j), (k): the rule must state the reasons why the system is exempted from each provision");
                if claim.file != doc.file {
                    d = d.with_label(cx.label(
                        doc.file,
                        cx.table_span(doc.file, "exemptions"),
                        "the rule's exemption paragraph",
                    ));
                }
                out.push(d);
            }
        }
    }
}
