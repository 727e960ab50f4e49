use super::{claims_in_scope, overlaps};
use crate::check::Finding;
use crate::check::{Context, justified_citations, letter};

crate::declare_rule! {
    /// ## What it checks
    /// That every provision a justification covers is claimed: exempted under some authority in
    /// the rule or in its SORN.
    ///
    /// ## Why
    /// A reason for a provision nobody exempts is either a leftover from an earlier draft or the
    /// sign of a claim that fell off the list. Either way the rule says something it does not do.
    ///
    /// ## Example
    /// ```toml
    /// [[exemptions.claims]]
    /// authority = "(k)(2)"
    /// subsections = ["(d)"]
    ///
    /// [[justifications]]
    /// subsections = ["(e)(12)"]
    /// text = "because ..."
    /// ```
    /// Use instead: claim (e)(12) under an authority that may exempt it, or delete the reason.
    pub const META = ("unclaimed-justification", Exemptions, Error, "A justification covers a provision that no claim exempts.");
    basis = [
        (Statute, "5 U.S.C. 552a(j), (k) (closing sentences)", "the reasons are stated for the provisions the system \"is to be exempted from\"; a reason for a provision no claim names exempts nothing and misstates what the rule does"),
    ];
}

/// Reports each justified provision that overlaps no claimed provision.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (index, doc, rule) in cx.exemption_rules() {
        let claims = claims_in_scope(cx, index);
        if claims.is_empty() {
            // No claim is typed at all: `missing-section` says so once, for the whole rule.
            continue;
        }
        for j in justified_citations(rule) {
            let claimed = claims.iter().any(|c| c.subsections.iter().any(|(s, _)| overlaps(s, &j.subsection)));
            if claimed {
                continue;
            }
            out.push(
                Finding::new(
                    format!(
                        "justification {} covers {}, which no claim exempts",
                        letter(rule, j.justification),
                        j.subsection
                    ),
                    cx.label(doc.file, j.span.clone(), "not claimed"),
                )
                .with_help(format!(
                    "claim {} under an authority that may exempt it, or remove it from the justification",
                    j.subsection
                )),
            );
        }
    }
}
