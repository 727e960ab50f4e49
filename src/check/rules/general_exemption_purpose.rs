use crate::check::Finding;
use crate::check::{Context, parsed_claims};
use crate::statute::Authority;

crate::declare_rule! {
    /// ## What it checks
    /// That a system claimed under 5 U.S.C. 552a(j)(2) states a criminal law enforcement purpose:
    /// its PURPOSE(S) text speaks of criminal law, law enforcement, investigation, prosecution,
    /// offenders, or the correctional, probation, pardon or parole process. The finding is a
    /// note: it points at a claim to review, not at an error, because the purposes may be
    /// written in words sorn does not look for.
    ///
    /// ## Why
    /// (j)(2) is available only to a system maintained by an agency or component whose principal
    /// function is the enforcement of criminal laws, and only for the criminal law enforcement
    /// records it describes. A general exemption for a system whose stated purposes are civil or
    /// administrative usually should be a specific exemption under (k)(2), which reaches far
    /// fewer provisions.
    ///
    /// ## Example
    /// ```toml
    /// [system]
    /// purposes = "To administer employee benefits."
    ///
    /// [[system.exemptions.claims]]
    /// authority = "(j)(2)"
    /// ```
    /// Use instead: a (k) authority, or purposes that say what criminal law enforcement function
    /// the system serves.
    pub const META = ("general-exemption-purpose", Exemptions, Note, "A (j)(2) claim for a system whose stated purposes are not criminal law enforcement.");
    basis = [
        (Statute, "5 U.S.C. 552a(j)(2)", "a system \"maintained by an agency or component thereof which performs as its principal function any activity pertaining to the enforcement of criminal laws\", consisting of criminal offender, criminal investigation or criminal law enforcement records"),
    ];
}

/// Words that, in a statement of purposes, show a criminal law enforcement function.
const ENFORCEMENT_WORDS: &[&str] = &[
    "criminal",
    "law enforcement",
    "enforcement of",
    "enforce",
    "investigat",
    "prosecut",
    "offender",
    "arrest",
    "correction",
    "probation",
    "parole",
    "pardon",
    "incarcerat",
    "detention",
    "intelligence",
];

fn states_enforcement(purposes: &str) -> bool {
    let lower = purposes.to_lowercase();
    ENFORCEMENT_WORDS.iter().any(|w| lower.contains(w))
}

/// Reports (j)(2) claims of SORNs whose purposes name no criminal law enforcement function.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, doc, sorn) in cx.sorns() {
        let Some(purposes) = sorn.system.purposes.as_ref().filter(|p| !p.value.trim().is_empty()) else { continue };
        if states_enforcement(&purposes.value) {
            continue;
        }
        let claims = parsed_claims(doc.file, doc.document.claims());
        let Some(claim) = claims.iter().find(|c| c.authority == Some(Authority::J2)) else { continue };
        out.push(
            Finding::new(
                "the system is claimed under (j)(2), but its purposes state no criminal law enforcement function",
                cx.label(doc.file, claim.authority_span.clone(), "general exemption for criminal law enforcement"),
            )
            .with_label(cx.label(doc.file, purposes.span.clone(), "the stated purposes"))
            .with_help("if the system serves no criminal law enforcement function, claim a specific exemption under (k); otherwise say which one in the purposes"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::states_enforcement;

    #[test]
    fn purposes_of_enforcement_systems() {
        assert!(states_enforcement("To support criminal investigations by HSI."));
        assert!(states_enforcement("To identify and apprehend fugitives for law enforcement purposes."));
        assert!(!states_enforcement("To administer employee health benefits."));
    }
}
