use crate::check::Finding;
use crate::check::{Context, parsed_claims};
use crate::statute::Authority;

crate::declare_rule! {
    /// ## What it checks
    /// That a claim under 5 U.S.C. 552a(j)(1) is made by the Central Intelligence Agency.
    ///
    /// ## Why
    /// Subsection (j) of the Privacy Act grants the two general exemptions, each for a stated
    /// kind of system: paragraph (1) only for systems "maintained by the Central Intelligence
    /// Agency", paragraph (2) for criminal law enforcement records. Any other agency citing (j)(1)
    /// has almost always meant (j)(2) or a specific exemption under (k).
    ///
    /// ## Example
    /// ```toml
    /// [agency]
    /// name = "Department of Example Affairs"
    ///
    /// [[system.exemptions.claims]]
    /// authority = "(j)(1)"
    /// ```
    /// Use instead: `authority = "(j)(2)"` if the system is maintained by a criminal law
    /// enforcement component and holds the records (j)(2) describes; otherwise a (k) authority.
    pub const META = ("general-exemption-agency", Exemptions, Error, "A (j)(1) claim by an agency other than the Central Intelligence Agency.");
    basis = [
        (Statute, "5 U.S.C. 552a(j)(1)", "a general exemption for a system of records \"maintained by the Central Intelligence Agency\""),
        (Statute, "5 U.S.C. 552a(j)(2)", "a general exemption for a system \"maintained by an agency or component thereof which performs as its principal function any activity pertaining to the enforcement of criminal laws\""),
    ];
}

/// Reports (j)(1) claims of agencies whose name is not the Central Intelligence Agency's.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for doc in cx.documents {
        let agency = &doc.document.agency().name.value;
        let cia = agency.to_lowercase().contains("central intelligence agency");
        if cia {
            continue;
        }
        for claim in parsed_claims(doc.file, doc.document.claims()) {
            if claim.authority != Some(Authority::J1) {
                continue;
            }
            out.push(
                Finding::new(format!("(j)(1) exempts only systems maintained by the Central Intelligence Agency, not the {}", agency.trim()),
                    cx.label(doc.file, claim.authority_span.clone(), "only the CIA may claim (j)(1)"),
                )
                .with_help("claim (j)(2) for a criminal law enforcement component's records, or a specific exemption under (k)")
                .with_note("5 U.S.C. 552a(j)(1)"),
            );
        }
    }
}
