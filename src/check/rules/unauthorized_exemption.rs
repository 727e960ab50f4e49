use crate::check::Finding;
use crate::check::{Context, parsed_claims};
use crate::statute::Exemptability;

crate::declare_rule! {
    /// ## What it checks
    /// That each claimed provision is one the claim's authority may exempt.
    ///
    /// - A general exemption, (j)(1) or (j)(2), may exempt a system from any provision of the Act
    ///   except (b), (c)(1), (c)(2), (e)(4)(A) through (F), (e)(6), (e)(7), (e)(9), (e)(10),
    ///   (e)(11) and (i).
    /// - A specific exemption, (k)(1) through (k)(7), may exempt a system only from (c)(3), (d),
    ///   (e)(1), (e)(4)(G), (H) and (I), and (f).
    ///
    /// ## Why
    /// A claim the statute does not allow is void, and it misleads the public about their rights.
    /// The common slip is copying a (j)(2) list into a (k)(2) claim: (c)(4), (e)(2), (e)(3),
    /// (e)(5), (e)(8) and (g) are available only under (j).
    ///
    /// ## Example
    /// ```toml
    /// [[exemptions.claims]]
    /// authority = "(k)(2)"
    /// subsections = ["(c)(3)", "(c)(4)", "(d)"]
    /// ```
    /// Use instead:
    /// ```toml
    /// [[exemptions.claims]]
    /// authority = "(k)(2)"
    /// subsections = ["(c)(3)", "(d)"]
    /// ```
    pub const META = ("unauthorized-exemption", Exemptions, Error, "The claim's authority cannot exempt that provision.");
    basis = [
        (Statute, "5 U.S.C. 552a(j)", "\"from any part of this section except subsections (b), (c)(1) and (2), (e)(4)(A) through (F), (e)(6), (7), (9), (10), and (11), and (i)\""),
        (Statute, "5 U.S.C. 552a(k)", "\"from subsections (c)(3), (d), (e)(1), (e)(4)(G), (H), and (I) and (f) of this section\""),
    ];
}

/// Reports every claimed provision its authority may not exempt, in every document.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for doc in cx.documents {
        for claim in parsed_claims(doc.file, doc.document.claims()) {
            let Some(authority) = claim.authority else { continue };
            for (subsection, span) in &claim.subsections {
                let Exemptability::Forbidden(forbidden) = authority.may_exempt(subsection) else { continue };
                out.push(
                    Finding::new(
                        forbidden.reason.clone(),
                        cx.label(claim.file, span.clone(), format!("not exemptable under {authority}")),
                    )
                    .with_label(cx.label(claim.file, claim.authority_span.clone(), "claimed under this authority"))
                    .with_help(forbidden.help.clone())
                    .with_note(forbidden.basis),
                );
            }
        }
    }
}
